/* jf-test-db.c: template databases and their copies */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "jf-test-db.h"
#include "jiefen-schema-resources.h"

static const char * const demo_accounts[] = { "chuangkou", "tiaojie", "wangge", "bumen",
                                              "fayuan", "xinfang", "minjing", "ducha",
                                              "admin", "shenji", NULL };

static const char *
required_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: db tests run against the cluster ./test.sh starts "
             "(JF_TEST_PGHOST, JF_TEST_PGPORT, JF_TEST_PGUSER)", name);
  return value;
}

static char *
conninfo_for (const char *dbname)
{
  g_autofree char *host = g_shell_quote (required_env ("JF_TEST_PGHOST"));

  return g_strdup_printf ("host=%s port=%s user=%s dbname=%s", host,
                          required_env ("JF_TEST_PGPORT"), required_env ("JF_TEST_PGUSER"),
                          dbname);
}

char *
jf_test_db_admin_conninfo (void)
{
  return conninfo_for ("postgres");
}

static PGconn *
connect_admin (GError **error)
{
  g_autofree char *conninfo = jf_test_db_admin_conninfo ();
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot reach the test cluster: %s",
                   PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

static gboolean
exec_ok (PGconn      *conn,
         const char  *sql,
         GError     **error)
{
  PGresult *res = PQexec (conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK ||
                PQresultStatus (res) == PGRES_TUPLES_OK;

  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql,
                 PQresultErrorMessage (res));
  PQclear (res);
  return ok;
}

static char *
jiefenctl_path (void)
{
  const char *root = g_getenv ("JF_BUILD_ROOT");

  if (root == NULL)
    g_error ("JF_BUILD_ROOT is not set: run the tests with meson test");
  return g_build_filename (root, "server", "ctl", "jiefenctl", NULL);
}

int
jf_test_db_jiefenctl (const char          *conninfo,
                      const char * const  *args,
                      const char          *stdin_text,
                      char               **out_stdout,
                      GError             **error)
{
  g_autofree char *binary = jiefenctl_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, binary);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) conninfo);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, error))
    return -1;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_test_message ("jiefenctl %s: %s", args[0], err != NULL ? err : "");
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* A hash of jiefenctl and of every file the schema resource holds. */
static char *
template_name (void)
{
  GResource *resource = jf_schema_get_resource ();
  g_auto(GStrv) names = g_resource_enumerate_children (resource, "/org/jiefen/schema/",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *ctl = jiefenctl_path ();
  g_autofree char *ctl_bytes = NULL;
  g_autofree char *hex = NULL;
  gsize ctl_len = 0;

  /* The template is what migrate and seed make: a new seed (in the binary) or a new
   * migration (in the resource) needs a new template. */
  if (!g_file_get_contents (ctl, &ctl_bytes, &ctl_len, NULL))
    g_error ("cannot read %s: build it first", ctl);
  g_checksum_update (sum, (const guchar *) ctl_bytes, ctl_len);
  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/org/jiefen/schema/", names[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (resource, path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_checksum_update (sum, (const guchar *) names[i], -1);
      if (bytes != NULL)
        g_checksum_update (sum, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  hex = g_strdup (g_checksum_get_string (sum));
  hex[12] = '\0';
  return g_strdup_printf ("jf_template_%s", hex);
}

static gboolean
database_exists (PGconn     *conn,
                 const char *name)
{
  const char *params[] = { name };
  PGresult *res = PQexecParams (conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, NULL,
                                params, NULL, NULL, 0);
  gboolean exists = PQntuples (res) > 0;

  PQclear (res);
  return exists;
}

static gboolean
build_template (PGconn      *admin,
                const char  *name,
                GError     **error)
{
  g_autofree char *building = g_strconcat (name, "_building", NULL);
  g_autofree char *conninfo = conninfo_for (building);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", building);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", building);
  g_autofree char *publish = g_strdup_printf ("ALTER DATABASE %s RENAME TO %s", building, name);
  const char *migrate[] = { "migrate", NULL };
  const char *seed[] = { "seed", NULL };
  g_autofree char *password_line = g_strconcat (JF_TEST_PASSWORD, "\n", NULL);

  if (!exec_ok (admin, drop, error) || !exec_ok (admin, create, error))
    return FALSE;
  if (jf_test_db_jiefenctl (conninfo, migrate, NULL, NULL, error) != 0 ||
      jf_test_db_jiefenctl (conninfo, seed, NULL, NULL, error) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "jiefenctl migrate or seed failed on the test template");
      return FALSE;
    }
  for (guint i = 0; demo_accounts[i] != NULL; i++)
    {
      const char *passwd[] = { "account", "passwd", demo_accounts[i], "--password-stdin", NULL };

      if (jf_test_db_jiefenctl (conninfo, passwd, password_line, NULL, error) != 0)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "cannot set the password of %s", demo_accounts[i]);
          return FALSE;
        }
    }
  /* Renaming publishes the template whole: a crash midway leaves only "_building". */
  return exec_ok (admin, publish, error);
}

char *
jf_test_db_create (GError **error)
{
  PGconn *admin = connect_admin (error);
  g_autofree char *template = NULL;
  g_autofree char *name = NULL;
  g_autofree char *create = NULL;
  static guint counter;
  gboolean ok;

  if (admin == NULL)
    return NULL;
  template = template_name ();
  /* One builder at a time; the others wait here and then find it built. */
  ok = exec_ok (admin, "SELECT pg_advisory_lock(4242)", error) &&
       (database_exists (admin, template) || build_template (admin, template, error));
  name = g_strdup_printf ("jf_t_%d_%u_%u", getpid (), ++counter, g_random_int () % 100000);
  create = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, template);
  ok = ok && exec_ok (admin, create, error);
  exec_ok (admin, "SELECT pg_advisory_unlock(4242)", NULL);
  PQfinish (admin);
  return ok ? conninfo_for (name) : NULL;
}

gboolean
jf_test_db_drop (const char  *conninfo,
                 GError     **error)
{
  const char *dbname = strstr (conninfo, "dbname=");
  PGconn *admin;
  g_autofree char *drop = NULL;
  gboolean ok;

  if (dbname == NULL)
    return TRUE;
  admin = connect_admin (error);
  if (admin == NULL)
    return FALSE;
  drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname + 7);
  ok = exec_ok (admin, drop, error);
  PQfinish (admin);
  return ok;
}

gboolean
jf_test_db_set_password (const char  *conninfo,
                         const char  *username,
                         const char  *password,
                         GError     **error)
{
  const char *args[] = { "account", "passwd", username, "--password-stdin", NULL };
  g_autofree char *line = g_strconcat (password, "\n", NULL);

  return jf_test_db_jiefenctl (conninfo, args, line, NULL, error) == 0;
}
