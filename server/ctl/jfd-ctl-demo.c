/* jfd-ctl-demo.c: jiefenctl seed --demo-matters N: batches on parallel connections
 *
 * Each batch (matters with their parties, timelines and records) is one transaction on
 * one of --jobs connections, so that an interrupted run leaves whole matters only, and
 * the server's work (the chain trigger, foreign keys, indexes) is spread over its cores.
 * A large N first gets the tables ready for a bulk load (jfd-ctl-demo-tables.c) and puts
 * them back at the end.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jfd-ctl-demo.h"
#include "jfd-ctl-seed.h"
#include "jfd-pq.h"

#define BATCH_SIZE 5000
/* Below this, maintaining indexes and checking keys row by row costs less than the
 * preparation and the rebuild. */
#define BULK_FROM 100000
/* "jfdemo" in ASCII. */
#define DEMO_LOCK_KEY "116988003577199"

typedef struct
{
  const char         *conninfo;
  gboolean            skip_keys;
  const JfdDemoWorld *world;
  guint32             seed;
  guint64             n;
  guint64             n_batches;
  gint                next_batch;   /* atomic */
  gint                done;         /* atomic: matters committed (N is at most 10^8) */
  gint                failed;       /* atomic */
  GMutex              lock;
  GError             *error;        /* the first failure */
  guint64             n_parties, n_events;
} Load;

static void
load_fail (Load   *load,
           GError *error)
{
  g_mutex_lock (&load->lock);
  if (load->error == NULL)
    load->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&load->lock);
  g_atomic_int_set (&load->failed, 1);
}

static gpointer
load_worker (gpointer data)
{
  Load *load = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = jfd_pq_connect (load->conninfo, "jiefenctl seed", &error);
  g_autoptr(JfdDemoBatch) batch = NULL;
  guint64 n_matters, n_parties, n_events;

  /* A lost commit on a crash loses demo rows, never consistency: not worth a flush. As a
   * superuser, compress the full-page images that follow every checkpoint too: a bulk
   * load writes gigabytes of WAL, and on a small machine the disk is a bottleneck. */
  if (conn == NULL || !jfd_pq_command (conn, "SET synchronous_commit = off", &error) ||
      (load->skip_keys &&
       (!jfd_pq_command (conn, "SET session_replication_role = replica", &error) ||
        !jfd_pq_command (conn,
                         "SELECT set_config ('wal_compression', "
                         "  CASE WHEN 'lz4' = ANY (enumvals) THEN 'lz4' ELSE 'pglz' END, false) "
                         "FROM pg_settings WHERE name = 'wal_compression'", &error))))
    {
      load_fail (load, g_steal_pointer (&error));
      return NULL;
    }
  while (!g_atomic_int_get (&load->failed))
    {
      gint b = g_atomic_int_add (&load->next_batch, 1);
      guint n;

      if ((guint64) b >= load->n_batches)
        break;
      n = (guint) MIN ((guint64) BATCH_SIZE, load->n - (guint64) b * BATCH_SIZE);
      /* A generator per batch, seeded from it: a run is reproducible with --random-seed
       * whatever the scheduling of the batches. */
      g_clear_pointer (&batch, jfd_demo_batch_free);
      batch = jfd_demo_batch_new (load->world, load->seed * 2654435761u + (guint32) b);
      if (!jfd_pq_command (conn, "BEGIN", &error) ||
          !jfd_demo_batch_run (batch, conn, n, &error) ||
          !jfd_pq_command (conn, "COMMIT", &error))
        {
          jfd_pq_rollback (conn);
          load_fail (load, g_steal_pointer (&error));
          return NULL;
        }
      jfd_demo_batch_get_counts (batch, &n_matters, &n_parties, &n_events);
      g_mutex_lock (&load->lock);
      load->n_parties += n_parties;
      load->n_events += n_events;
      g_mutex_unlock (&load->lock);
      g_atomic_int_add (&load->done, (gint) n);
    }
  return NULL;
}

/* One counter per county (and the city) and year must exist before parallel batches
 * draw from it: jf.next_matter_number creates a missing one, and two transactions
 * creating the same sequence at once would fail. The name is the function's; codes are
 * digits (org_units checks them), so the statement built from them is safe. */
static gboolean
ensure_number_sequences (PGconn              *conn,
                         const JfdDemoWorld  *world,
                         GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  GPtrArray *counties = world->by_level[JF_LEVEL_COUNTY];

  for (int year = 2025; year <= g_date_time_get_year (now); year++)
    for (guint i = 0; i <= counties->len; i++)
      {
        const JfdDemoUnit *unit = i < counties->len ? g_ptr_array_index (counties, i)
                                                    : world->city;
        g_autofree char *year_text = g_strdup_printf ("%d", year);
        const char *values[] = { unit->code, year_text };
        g_autoptr(PGresult) statement = NULL;

        statement = jfd_pq_exec_params (conn,
                                        "SELECT format ('CREATE SEQUENCE IF NOT EXISTS "
                                        "jf.matter_no_%s_%s', $1::text, $2::integer) "
                                        "WHERE $1 ~ '^[0-9]{6}$'", 2, values, error);
        if (statement == NULL)
          return FALSE;
        if (PQntuples (statement) == 1 &&
            !jfd_pq_command (conn, PQgetvalue (statement, 0, 0), error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
load_matters (Load    *load,
              guint    jobs,
              GError **error)
{
  g_autofree GThread **threads = g_new0 (GThread *, jobs);
  gint64 start = g_get_monotonic_time (), last_report = start;
  guint64 next_report = load->n / 10;

  for (guint j = 0; j < jobs; j++)
    threads[j] = g_thread_new ("jf-load", load_worker, load);
  /* Report progress about every tenth, from here rather than from the workers. */
  while ((guint64) g_atomic_int_get (&load->done) < load->n &&
         !g_atomic_int_get (&load->failed))
    {
      guint64 done = (guint64) g_atomic_int_get (&load->done);
      gint64 now = g_get_monotonic_time ();

      if (load->n >= 10 * BATCH_SIZE && done >= next_report && now - last_report > G_USEC_PER_SEC)
        {
          printf ("  %" G_GUINT64_FORMAT " matters loaded (%.0f per second)\n", done,
                  (double) done / ((now - start) / 1e6));
          fflush (stdout);
          next_report = done + load->n / 10;
          last_report = now;
        }
      g_usleep (200000);
    }
  for (guint j = 0; j < jobs; j++)
    g_thread_join (threads[j]);
  if (load->error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&load->error),
                                  "loading demo matters failed after %" G_GUINT64_FORMAT
                                  " (those are committed): ",
                                  (guint64) g_atomic_int_get (&load->done));
      return FALSE;
    }
  return TRUE;
}

/* One demo load at a time per database: two would undo each other's preparation of the
 * tables. Held by this session until it ends. */
static gboolean
lock_out_others (PGconn  *conn,
                 GError **error)
{
  g_autoptr(PGresult) locked = NULL;

  locked = jfd_pq_exec (conn, "SELECT pg_try_advisory_lock (" DEMO_LOCK_KEY ")", error);
  if (locked == NULL)
    return FALSE;
  if (!g_str_equal (PQgetvalue (locked, 0, 0), "t"))
    {
      g_set_error (error, JFD_DB_ERROR, JFD_DB_ERROR_QUERY,
                   "another “jiefenctl seed --demo-matters” is running on this database");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_superuser (PGconn *conn)
{
  const char *value = PQparameterStatus (conn, "is_superuser");

  return value != NULL && g_str_equal (value, "on");
}

gboolean
jfd_ctl_seed_demo_matters (JfdCtl   *ctl,
                           guint64   n,
                           guint     jobs,
                           guint32   random_seed,
                           gboolean  bulk_load,
                           GError  **error)
{
  g_autoptr(JfdDemoWorld) world = NULL;
  JfdCrypto *crypto = jfd_ctl_get_crypto (ctl, error);
  const char *conninfo = jfd_ctl_get_conninfo (ctl, error);
  PGconn *conn = jfd_ctl_connect (ctl, error);
  gint64 start = g_get_monotonic_time (), loaded, restored;
  guint n_indexes = 0, n_triggers = 0;
  JfdDemoMark mark;
  Load load = { 0 };
  gboolean bulk = bulk_load || n >= BULK_FROM;

  if (crypto == NULL || conninfo == NULL || conn == NULL || !lock_out_others (conn, error))
    return FALSE;
  load.skip_keys = bulk && is_superuser (conn);
  world = jfd_demo_world_load (conn, crypto, error);
  /* First repair what an interrupted earlier run left undone. */
  if (world == NULL || !jfd_demo_tables_restore (conn, conninfo, jobs, error) ||
      !ensure_number_sequences (conn, world, error) ||
      !jfd_demo_tables_mark (conn, &mark, error) ||
      (bulk && !jfd_demo_tables_prepare (conn, load.skip_keys, &mark, &n_indexes,
                                         &n_triggers, error)))
    return FALSE;
  printf ("adding %" G_GUINT64_FORMAT " demo matters over %u connection%s (random seed %u)\n",
          n, jobs, jobs == 1 ? "" : "s", random_seed);
  if (bulk)
    printf ("  for the load: %u secondary indexes dropped%s\n", n_indexes,
            load.skip_keys ? ", foreign keys checked set-wise after it" : "");
  fflush (stdout);

  load.conninfo = conninfo;
  load.world = world;
  load.seed = random_seed;
  load.n = n;
  load.n_batches = (n + BATCH_SIZE - 1) / BATCH_SIZE;
  g_mutex_init (&load.lock);
  if (!load_matters (&load, jobs, error))
    {
      g_mutex_clear (&load.lock);
      /* Put the tables back even so: the committed batches are real rows. */
      jfd_demo_tables_restore (conn, conninfo, jobs, NULL);
      return FALSE;
    }
  g_mutex_clear (&load.lock);
  loaded = g_get_monotonic_time ();
  printf ("loaded %" G_GUINT64_FORMAT " matters, %" G_GUINT64_FORMAT " parties, %"
          G_GUINT64_FORMAT " events in %.1f s\n", n, load.n_parties, load.n_events,
          (loaded - start) / 1e6);
  fflush (stdout);

  if (!jfd_demo_tables_restore (conn, conninfo, jobs, error))
    return FALSE;
  restored = g_get_monotonic_time ();
  if (bulk)
    printf ("checked keys, rebuilt %u indexes, restored %u triggers in %.1f s\n", n_indexes,
            n_triggers, (restored - loaded) / 1e6);
  /* Fresh statistics, or the planner guesses from the tables' state before the load. */
  if (!jfd_pq_command (conn,
                       "ANALYZE jf.matters, jf.parties, jf.events, jf.followups, "
                       "jf.mediation_sessions, jf.whistles, jf.whistle_targets, jf.referrals, "
                       "jf.petitions, jf.deadlines", error))
    return FALSE;
  printf ("demo matters done in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
