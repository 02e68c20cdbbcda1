/* jfd-ctl-seed.c: jiefenctl seed [--demo-matters N] */
#include "config.h"

#include <stdio.h>

#include "jfd-ctl-commands.h"
#include "jfd-ctl-seed-data.h"
#include "jfd-ctl-seed.h"
#include "jfd-migrations.h"
#include "jfd-pq.h"

/* Serialises concurrent seeds ("jfseed" in ASCII). */
#define SEED_LOCK_KEY "116988255233380"

static void
print_summary (PGconn *conn)
{
  g_autoptr(PGresult) result = PQexec (conn,
    "SELECT (SELECT count(*) FROM jf.org_units WHERE level = 'county'), "
    "       (SELECT count(*) FROM jf.org_units WHERE level = 'township'), "
    "       (SELECT count(*) FROM jf.org_units WHERE level = 'village'), "
    "       (SELECT count(*) FROM jf.org_units WHERE level = 'grid'), "
    "       (SELECT count(*) FROM jf.departments WHERE serves_org_id IS NULL), "
    "       (SELECT count(*) FROM jf.departments WHERE serves_org_id IS NOT NULL), "
    "       (SELECT count(*) FROM jf.categories), "
    "       (SELECT count(*) FROM jf.deadline_rules), "
    "       (SELECT count(*) FROM jf.calendar_days), "
    "       (SELECT count(*) FROM jf.accounts)");

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return;
  printf ("seeded %s %s: %s counties, %s townships, %s villages and communities, %s grids,\n"
          "  %s county departments, %s police stations, %s categories, %s deadline rules,\n"
          "  %s calendar days, %s accounts\n",
          JFD_SEED_CITY_CODE, JFD_SEED_CITY_NAME, PQgetvalue (result, 0, 0),
          PQgetvalue (result, 0, 1), PQgetvalue (result, 0, 2), PQgetvalue (result, 0, 3),
          PQgetvalue (result, 0, 4), PQgetvalue (result, 0, 5), PQgetvalue (result, 0, 6),
          PQgetvalue (result, 0, 7), PQgetvalue (result, 0, 8), PQgetvalue (result, 0, 9));
}

static void
print_passwords (GPtrArray *passwords)
{
  printf ("\nDemo accounts (passwords are shown this once; only their hashes are stored):\n");
  printf ("%-12s %-20s %-16s %s\n", "username", "role", "org", "password");
  for (guint i = 0; i < passwords->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (passwords, i), "\t", 4);

      printf ("%-12s %-20s %-16s %s\n", f[0], f[1], f[2], f[3]);
    }
}

/* The organisation and reference data in one transaction: all of it or nothing. */
static gboolean
seed_organisation (PGconn  *conn,
                   GError **error)
{
  const char *values[] = { SEED_LOCK_KEY, JFD_SEED_CITY_CODE };
  g_autoptr(GPtrArray) passwords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PGresult) seeded = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!jfd_pq_command (conn, "BEGIN", error) ||
      !jfd_pq_command_params (conn, "SELECT pg_advisory_xact_lock ($1::bigint)", 1, values,
                              error) ||
      (seeded = jfd_pq_exec_params (conn, "SELECT 1 FROM jf.org_units WHERE code = $1", 1,
                                    values + 1, error)) == NULL)
    {
      jfd_pq_rollback (conn);
      return FALSE;
    }
  if (PQntuples (seeded) > 0)
    {
      jfd_pq_rollback (conn);
      printf ("already seeded: %s %s exists; nothing changed\n", JFD_SEED_CITY_CODE,
              JFD_SEED_CITY_NAME);
      return TRUE;
    }
  if (!jfd_ctl_seed_org_tree (conn, error) || !jfd_ctl_seed_departments (conn, error) ||
      !jfd_ctl_seed_reference (conn, error) ||
      !jfd_ctl_seed_accounts (conn, passwords, error) ||
      !jfd_pq_command (conn, "COMMIT", error))
    {
      jfd_pq_rollback (conn);
      g_prefix_error (error, "seeding failed, nothing was changed: ");
      return FALSE;
    }
  print_summary (conn);
  printf ("seed took %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  print_passwords (passwords);
  fflush (stdout);
  return TRUE;
}

int
jfd_ctl_seed (JfdCtl  *ctl,
              int      argc,
              char   **argv)
{
  gint64 demo_matters = 0;
  int jobs = 2, random_seed = 0;
  gboolean bulk_load = FALSE;
  const GOptionEntry entries[] = {
    { "demo-matters", 0, 0, G_OPTION_ARG_INT64, &demo_matters,
      "Also add N generated demo matters (needs the data key file)", "N" },
    { "jobs", 0, 0, G_OPTION_ARG_INT, &jobs,
      "Load demo matters over J connections in parallel (default 2)", "J" },
    { "random-seed", 0, 0, G_OPTION_ARG_INT, &random_seed,
      "Seed for the demo matters' generator (default: from the clock)", "S" },
    { "bulk-load", 0, 0, G_OPTION_ARG_NONE, &bulk_load,
      "Prepare the tables for a bulk load whatever N (automatic from 100000)", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  if (!jfd_ctl_parse ("seed", NULL,
                      "Creates Liaoyuan's organisation (city, 4 counties, 47 townships, 563 "
                      "villages,\n1246 grids), its departments, the categories, deadline "
                      "rules, holiday\ncalendar and one demo account per role, in one "
                      "transaction. Does nothing if\nthe city already exists. With "
                      "--demo-matters N, then adds N demo matters\n(each run adds N more).",
                      entries, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  if (demo_matters < 0 || demo_matters > 100000000)
    return jfd_ctl_usage_error ("seed", "--demo-matters must be between 0 and 100000000");
  if (jobs < 1 || jobs > 16)
    return jfd_ctl_usage_error ("seed", "--jobs must be between 1 and 16");
  /* The key file is checked before anything is written, so that a missing one does not
   * leave the organisation seeded and the command failed. */
  if (demo_matters > 0 && jfd_ctl_get_crypto (ctl, &error) == NULL)
    return jfd_ctl_fail (error);

  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  if (!jfd_migrations_check_current (conn, &error) || !seed_organisation (conn, &error))
    return jfd_ctl_fail (error);
  if (demo_matters > 0 &&
      !jfd_ctl_seed_demo_matters (ctl, (guint64) demo_matters, (guint) jobs,
                                  random_seed != 0 ? (guint32) random_seed
                                                   : (guint32) g_get_real_time (),
                                  bulk_load, &error))
    return jfd_ctl_fail (error);
  return JFD_CTL_EXIT_OK;
}
