/* test-migrations.c: jiefenctl migrate on real databases: every migration applies to an
 * empty database, a second run changes nothing, a database newer than the build is
 * refused, and two migrators at once apply each migration once.
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "jf-ctl-run.h"
#include "jfd-migrations.h"

static GPtrArray *
known_migrations (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = jfd_migrations_list (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 0);
  return list;
}

static void
test_applies_to_empty (void)
{
  g_autofree char *conninfo = jf_ctl_empty_database ();
  g_autoptr(GPtrArray) known = known_migrations ();
  g_autoptr(JfCtlRun) run = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  jf_ctl_assert_exit (run, 0);
  conn = jf_ctl_sql_connect (conninfo);
  /* Each one, in order, reported and recorded with its name. */
  for (guint i = 0; i < known->len; i++)
    {
      const JfdMigration *m = g_ptr_array_index (known, i);
      g_autofree char *line = g_strdup_printf ("applied %04u-%s", m->version, m->name);
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM public.jf_migrations "
                                              "WHERE version = %u", m->version);
      g_autofree char *name = jf_ctl_sql_text (conn, sql);

      g_assert_nonnull (strstr (run->out, line));
      g_assert_cmpstr (name, ==, m->name);
    }
  g_assert_cmpint (jf_ctl_sql_int (conn, "SELECT count(*) FROM public.jf_migrations"), ==,
                   known->len);
  /* The bookkeeping is outside schema jf, which the first migration creates. */
  g_assert_cmpint (jf_ctl_sql_int (conn, "SELECT count(*) FROM pg_tables "
                                         "WHERE tablename = 'jf_migrations' "
                                         "AND schemaname = 'public'"), ==, 1);
  g_assert_cmpint (jf_ctl_sql_int (conn, "SELECT count(*) FROM pg_tables "
                                         "WHERE schemaname = 'jf'"), >, 20);
  g_assert_true (jfd_migrations_check_current (conn, &error));
  g_assert_no_error (error);
  PQfinish (conn);
  jf_ctl_drop_database (conninfo);
}

static void
test_twice_is_noop (void)
{
  g_autofree char *conninfo = jf_ctl_empty_database ();
  g_autoptr(JfCtlRun) first = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  g_autoptr(JfCtlRun) second = NULL;
  g_autoptr(JfCtlRun) status = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *fingerprint = "SELECT string_agg (version || name || applied_at, ',' "
                            "ORDER BY version) FROM public.jf_migrations";
  PGconn *conn;

  jf_ctl_assert_exit (first, 0);
  conn = jf_ctl_sql_connect (conninfo);
  before = jf_ctl_sql_text (conn, fingerprint);
  second = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  jf_ctl_assert_exit (second, 0);
  g_assert_nonnull (strstr (second->out, "up to date"));
  g_assert_null (strstr (second->out, "applied"));
  after = jf_ctl_sql_text (conn, fingerprint);
  g_assert_cmpstr (before, ==, after);

  status = jf_ctl_run (conninfo, NULL, NULL, "migrate", "--status", NULL);
  jf_ctl_assert_exit (status, 0);
  g_assert_nonnull (strstr (status->out, "up to date"));
  g_assert_null (strstr (status->out, "pending"));
  PQfinish (conn);
  jf_ctl_drop_database (conninfo);
}

static void
test_newer_refused (void)
{
  g_autofree char *conninfo = jf_ctl_empty_database ();
  g_autoptr(JfCtlRun) first = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  g_autoptr(JfCtlRun) refused = NULL;
  g_autoptr(JfCtlRun) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = g_strdup_printf ("INSERT INTO public.jf_migrations (version, name) "
                                             "VALUES (%u, 'from-the-future')",
                                             jfd_migrations_latest () + 1);
  PGconn *conn;

  jf_ctl_assert_exit (first, 0);
  conn = jf_ctl_sql_connect (conninfo);
  jf_ctl_sql (conn, insert);

  refused = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  jf_ctl_assert_exit (refused, 1);
  g_assert_nonnull (strstr (refused->err, "newer than this build"));
  status = jf_ctl_run (conninfo, NULL, NULL, "migrate", "--status", NULL);
  jf_ctl_assert_exit (status, 0);
  g_assert_nonnull (strstr (status->out, "UNKNOWN to this build"));
  /* What jiefend asks at start-up. */
  g_assert_false (jfd_migrations_check_current (conn, &error));
  g_assert_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_NEWER);
  PQfinish (conn);
  jf_ctl_drop_database (conninfo);
}

static void
test_check_current (void)
{
  g_autofree char *conninfo = jf_ctl_empty_database ();
  g_autoptr(JfCtlRun) run = NULL;
  g_autoptr(JfCtlRun) seed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *forget = g_strdup_printf ("DELETE FROM public.jf_migrations WHERE version = %u",
                                             jfd_migrations_latest ());
  PGconn *conn = jf_ctl_sql_connect (conninfo);

  g_assert_false (jfd_migrations_check_current (conn, &error));
  g_assert_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_NOT_MIGRATED);
  g_assert_nonnull (strstr (error->message, "jiefenctl migrate"));
  g_clear_error (&error);
  /* seed refuses an unmigrated database rather than failing half-way. */
  seed = jf_ctl_run (conninfo, NULL, NULL, "seed", NULL);
  jf_ctl_assert_exit (seed, 1);
  g_assert_nonnull (strstr (seed->err, "jiefenctl migrate"));

  run = jf_ctl_run (conninfo, NULL, NULL, "migrate", NULL);
  jf_ctl_assert_exit (run, 0);
  g_assert_true (jfd_migrations_check_current (conn, &error));
  g_assert_no_error (error);

  jf_ctl_sql (conn, forget);
  g_assert_false (jfd_migrations_check_current (conn, &error));
  g_assert_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_OUTDATED);
  g_clear_error (&error);
  jf_ctl_sql (conn, "UPDATE public.jf_migrations SET name = 'renamed' WHERE version = 1");
  g_assert_false (jfd_migrations_check_current (conn, &error));
  g_assert_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_MISMATCH);
  PQfinish (conn);
  jf_ctl_drop_database (conninfo);
}

static gpointer
migrate_thread (gpointer data)
{
  return jf_ctl_run (data, NULL, NULL, "migrate", NULL);
}

static void
test_concurrent (void)
{
  g_autofree char *conninfo = jf_ctl_empty_database ();
  g_autoptr(JfCtlRun) a = NULL;
  g_autoptr(JfCtlRun) b = NULL;
  GThread *ta, *tb;
  PGconn *conn;

  /* Two migrators racing on one empty database: the advisory lock makes one wait. */
  ta = g_thread_new ("migrate-a", migrate_thread, conninfo);
  tb = g_thread_new ("migrate-b", migrate_thread, conninfo);
  a = g_thread_join (ta);
  b = g_thread_join (tb);
  jf_ctl_assert_exit (a, 0);
  jf_ctl_assert_exit (b, 0);
  conn = jf_ctl_sql_connect (conninfo);
  g_assert_cmpint (jf_ctl_sql_int (conn, "SELECT count(*) FROM public.jf_migrations"), ==,
                   jfd_migrations_latest ());
  PQfinish (conn);
  jf_ctl_drop_database (conninfo);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/migrations/applies-to-empty-database", test_applies_to_empty);
  g_test_add_func ("/jf/migrations/second-run-is-noop", test_twice_is_noop);
  g_test_add_func ("/jf/migrations/newer-database-refused", test_newer_refused);
  g_test_add_func ("/jf/migrations/check-current", test_check_current);
  g_test_add_func ("/jf/migrations/concurrent-migrators", test_concurrent);
  return g_test_run ();
}
