/* jfd-ctl-migrate.c: jiefenctl migrate [--status] */
#include "config.h"

#include <stdio.h>

#include "jfd-ctl-commands.h"
#include "jfd-migrations.h"

static void
report_applied (const JfdMigration *migration,
                double              seconds,
                gpointer            user_data)
{
  printf ("applied %04u-%s (%.2f s)\n", migration->version, migration->name, seconds);
  fflush (stdout);
}

static int
print_status (PGconn *conn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) status = jfd_migrations_status (conn, &error);
  guint pending = 0, unknown = 0;

  if (status == NULL)
    return jfd_ctl_fail (error);
  for (guint i = 0; i < status->len; i++)
    {
      const JfdMigration *m = g_ptr_array_index (status, i);

      if (m->resource_path == NULL)
        unknown++;
      else if (m->applied_at == NULL)
        pending++;
      printf ("%04u  %-24s %s\n", m->version, m->name,
              m->resource_path == NULL ? "applied, UNKNOWN to this build"
              : m->applied_at != NULL ? m->applied_at : "pending");
    }
  if (unknown > 0)
    printf ("the database is newer than this build: upgrade jiefenctl and jiefend\n");
  else if (pending > 0)
    printf ("%u pending: run “jiefenctl migrate”\n", pending);
  else
    printf ("up to date\n");
  return JFD_CTL_EXIT_OK;
}

int
jfd_ctl_migrate (JfdCtl  *ctl,
                 int      argc,
                 char   **argv)
{
  gboolean status = FALSE;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_NONE, &status,
      "List the migrations and whether each is applied; change nothing", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  guint n_applied = 0;

  if (!jfd_ctl_parse ("migrate", NULL,
                      "Applies the schema migrations compiled into this build that the "
                      "database lacks,\neach in its own transaction, under an advisory lock. "
                      "Refuses a database newer\nthan this build.",
                      entries, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  if (status)
    return print_status (conn);
  if (!jfd_migrations_apply (conn, report_applied, NULL, &n_applied, &error))
    return jfd_ctl_fail (error);
  if (n_applied == 0)
    printf ("up to date (schema version %04u)\n", jfd_migrations_latest ());
  else
    printf ("%u migration%s applied; schema version %04u\n", n_applied,
            n_applied == 1 ? "" : "s", jfd_migrations_latest ());
  return JFD_CTL_EXIT_OK;
}
