/* jf-ctl-run.c: running jiefenctl, empty databases, blocking SQL for the ctl tests */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "jf-ctl-run.h"

static const char *
required_env (const char *name)
{
  const char *value = g_getenv (name);

  /* A db test never skips silently: a missing cluster is a broken set-up. */
  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: the db tests need the PostgreSQL cluster that ./test.sh starts "
             "(JF_TEST_PGHOST, JF_TEST_PGPORT, JF_TEST_PGUSER: a role that may create "
             "databases)", name);
  return value;
}

static char *
conninfo_for (const char *dbname)
{
  g_autofree char *host = g_shell_quote (required_env ("JF_TEST_PGHOST"));
  g_autofree char *user = g_shell_quote (required_env ("JF_TEST_PGUSER"));

  return g_strdup_printf ("host=%s port=%s user=%s dbname=%s", host,
                          required_env ("JF_TEST_PGPORT"), user, dbname);
}

JfCtlRun *
jf_ctl_run (const char          *conninfo,
            const char * const  *env,
            const char          *stdin_text,
            const char          *first_arg,
            ...)
{
  const char *root = g_getenv ("JF_BUILD_ROOT");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  JfCtlRun *run = g_new0 (JfCtlRun, 1);
  const char *arg;
  va_list args;

  if (root == NULL)
    g_error ("JF_BUILD_ROOT is not set: run the tests with meson test");
  g_ptr_array_add (argv, g_build_filename (root, "server", "ctl", "jiefenctl", NULL));
  if (conninfo != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--database"));
      g_ptr_array_add (argv, g_strdup (conninfo));
    }
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Nothing from the developer's own set-up may leak into what is tested. */
  g_subprocess_launcher_unsetenv (launcher, "JIEFEND_KEY_FILE");
  g_subprocess_launcher_unsetenv (launcher, "JIEFEND_DATABASE");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] != NULL ? pair[1] : "", TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                      : -1;
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");
  return run;
}

void
jf_ctl_run_free (JfCtlRun *run)
{
  if (run == NULL)
    return;
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

PGconn *
jf_ctl_sql_connect (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", conninfo, PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET client_min_messages = warning"));
  return conn;
}

static PGresult *
exec_checked (PGconn     *conn,
              const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  return result;
}

void
jf_ctl_sql (PGconn     *conn,
            const char *sql)
{
  PQclear (exec_checked (conn, sql));
}

char *
jf_ctl_sql_text (PGconn     *conn,
                 const char *sql)
{
  PGresult *result = exec_checked (conn, sql);
  char *text = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
               ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;

  PQclear (result);
  return text;
}

gint64
jf_ctl_sql_int (PGconn     *conn,
                const char *sql)
{
  g_autofree char *text = jf_ctl_sql_text (conn, sql);

  if (text == NULL)
    g_error ("%s: no value", sql);
  return g_ascii_strtoll (text, NULL, 10);
}

char *
jf_ctl_empty_database (void)
{
  g_autofree char *admin_conninfo = conninfo_for ("postgres");
  g_autofree char *name = g_strdup_printf ("jf_ctl_%d_%08x", getpid (), g_random_int ());
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *admin = jf_ctl_sql_connect (admin_conninfo);

  jf_ctl_sql (admin, create);
  PQfinish (admin);
  return conninfo_for (name);
}

void
jf_ctl_drop_database (const char *conninfo)
{
  g_autofree char *admin_conninfo = conninfo_for ("postgres");
  const char *dbname = g_strrstr (conninfo, "dbname=");
  g_autofree char *drop = NULL;
  PGconn *admin;

  g_assert_nonnull (dbname);
  g_assert_true (g_regex_match_simple ("^dbname=jf_[a-z0-9_]+$", dbname, 0, 0));
  drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", dbname + strlen ("dbname="));
  admin = jf_ctl_sql_connect (admin_conninfo);
  jf_ctl_sql (admin, drop);
  PQfinish (admin);
}
