/* jfd-ctl-demo.c: jiefenctl seed --demo-matters N: batches on parallel connections
 *
 * Each batch (matters with their parties, timelines and records) is one transaction on
 * one of --jobs connections, so that an interrupted run leaves whole matters only, and
 * the server's work (the chain trigger, foreign keys, indexes) is spread over its cores.
 * For a large N the big secondary indexes are dropped first and rebuilt at the end, in
 * parallel: building a B-tree once is far cheaper than maintaining it row by row. The
 * GIN search index stays: its cost is in evaluating jf.grams () for every row, which a
 * rebuild would do too, on one core (PostgreSQL 15 builds GIN serially), whereas during the
 * load every connection does its share. The
 * dropped definitions are kept in public.jf_demo_dropped_indexes, committed with the
 * drop, so that a run that dies before rebuilding them is repaired by the next run.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jfd-ctl-demo.h"
#include "jfd-ctl-seed.h"
#include "jfd-pq.h"

#define BATCH_SIZE 5000
/* Below this, maintaining the indexes row by row is cheaper than rebuilding them. */
#define DROP_INDEXES_FROM 100000

typedef struct
{
  const char         *conninfo;
  const JfdDemoWorld *world;
  guint32             seed;
  guint64             n;
  guint64             n_batches;
  gint64              next_batch;   /* atomic */
  gint64              done;         /* atomic: matters committed */
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

  /* A lost commit on a crash loses demo rows, never consistency: not worth a flush. */
  if (conn == NULL || !jfd_pq_command (conn, g_getenv ("NZ_REPLICA") ? "SET synchronous_commit = off; SET session_replication_role = replica" : "SET synchronous_commit = off", &error))
    {
      load_fail (load, g_steal_pointer (&error));
      return NULL;
    }
  while (!g_atomic_int_get (&load->failed))
    {
      gint64 b = g_atomic_pointer_add (&load->next_batch, 1);
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
      g_atomic_pointer_add (&load->done, n);
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

static const char create_dropped_table[] =
  "CREATE TABLE IF NOT EXISTS public.jf_demo_dropped_indexes ("
  "  name text PRIMARY KEY, definition text NOT NULL, big boolean NOT NULL,"
  "  dropped_at timestamptz NOT NULL DEFAULT now ())";

/* Drops the secondary B-tree indexes of the tables that grow most, recording their
 * definitions in the same transaction. Constraint indexes stay: the keys must hold while
 * loading, and the chain trigger finds each event's predecessor through events'
 * (matter_id, seq). */
static gboolean
drop_indexes (PGconn  *conn,
              guint   *out_n,
              GError **error)
{
  g_autoptr(PGresult) dropped = NULL;

  if (!jfd_pq_command (conn, "BEGIN", error) ||
      !jfd_pq_command (conn, create_dropped_table, error) ||
      (dropped = jfd_pq_exec (conn,
                              "INSERT INTO public.jf_demo_dropped_indexes (name, definition, big) "
                              "SELECT i.indexrelid::regclass::text, "
                              "       pg_get_indexdef (i.indexrelid), am.amname <> 'btree' "
                              "FROM pg_index i "
                              "JOIN pg_class c ON c.oid = i.indexrelid "
                              "JOIN pg_am am ON am.oid = c.relam "
                              "WHERE i.indrelid = ANY (ARRAY['jf.matters', 'jf.parties', "
                              "                              'jf.followups']::regclass[]) "
                              "  AND am.amname = 'btree' "
                              "  AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                              "                  WHERE k.conindid = i.indexrelid) "
                              "RETURNING format ('DROP INDEX %s', name)", error)) == NULL)
    {
      jfd_pq_rollback (conn);
      return FALSE;
    }
  for (int i = 0; i < PQntuples (dropped); i++)
    if (!jfd_pq_command (conn, PQgetvalue (dropped, i, 0), error))
      {
        jfd_pq_rollback (conn);
        return FALSE;
      }
  *out_n = (guint) PQntuples (dropped);
  return jfd_pq_command (conn, "COMMIT", error);
}

typedef struct
{
  const char *conninfo;
  GPtrArray  *definitions;   /* "name\tdefinition", this worker's share */
  GError     *error;
} Rebuild;

static gpointer
rebuild_worker (gpointer data)
{
  Rebuild *r = data;
  g_autoptr(PGconn) conn = jfd_pq_connect (r->conninfo, "jiefenctl seed", &r->error);

  /* Generous memory makes a build sort in memory rather than spill to disk. */
  if (conn == NULL || !jfd_pq_command (conn, "SET maintenance_work_mem = '1GB'", &r->error))
    return NULL;
  for (guint i = 0; i < r->definitions->len; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_ptr_array_index (r->definitions, i), "\t", 2);
      const char *values[] = { pair[0] };

      /* The build and the forgetting of its record commit together. */
      if (!jfd_pq_command (conn, "BEGIN", &r->error) ||
          !jfd_pq_command (conn, pair[1], &r->error) ||
          !jfd_pq_command_params (conn,
                                  "DELETE FROM public.jf_demo_dropped_indexes WHERE name = $1",
                                  1, values, &r->error) ||
          !jfd_pq_command (conn, "COMMIT", &r->error))
        {
          jfd_pq_rollback (conn);
          return NULL;
        }
    }
  return NULL;
}

/* Rebuilds whatever public.jf_demo_dropped_indexes lists, any big (non-B-tree) one on a
 * connection of its own and the B-trees shared by the others, then drops the table. */
static gboolean
rebuild_indexes (PGconn      *conn,
                 const char  *conninfo,
                 guint        jobs,
                 GError     **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autofree Rebuild *workers = NULL;
  g_autofree GThread **threads = NULL;
  g_autofree guint *load = NULL;
  gboolean ok = TRUE;

  exists = jfd_pq_exec (conn, "SELECT to_regclass ('public.jf_demo_dropped_indexes') IS NULL",
                        error);
  if (exists == NULL)
    return FALSE;
  if (g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return TRUE;
  rows = jfd_pq_exec (conn,
                      "SELECT name || E'\\t' || definition, big "
                      "FROM public.jf_demo_dropped_indexes ORDER BY big DESC, name", error);
  if (rows == NULL)
    return FALSE;
  jobs = MAX (1, MIN (jobs, (guint) PQntuples (rows)));
  workers = g_new0 (Rebuild, jobs);
  threads = g_new0 (GThread *, jobs);
  load = g_new0 (guint, jobs);
  for (guint j = 0; j < jobs; j++)
    {
      workers[j].conninfo = conninfo;
      workers[j].definitions = g_ptr_array_new_with_free_func (g_free);
    }
  /* Greedy: each index to the least loaded connection; a GIN build counts as ten. */
  for (int i = 0; i < PQntuples (rows); i++)
    {
      guint best = 0;

      for (guint j = 1; j < jobs; j++)
        if (load[j] < load[best])
          best = j;
      load[best] += g_str_equal (PQgetvalue (rows, i, 1), "t") ? 10 : 1;
      g_ptr_array_add (workers[best].definitions, g_strdup (PQgetvalue (rows, i, 0)));
    }
  for (guint j = 0; j < jobs; j++)
    threads[j] = g_thread_new ("jf-index", rebuild_worker, &workers[j]);
  for (guint j = 0; j < jobs; j++)
    {
      g_thread_join (threads[j]);
      if (workers[j].error != NULL && ok)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&workers[j].error),
                                      "rebuilding the indexes (run the command again to "
                                      "retry): ");
          ok = FALSE;
        }
      g_clear_error (&workers[j].error);
      g_ptr_array_unref (workers[j].definitions);
    }
  return ok && jfd_pq_command (conn, "DROP TABLE IF EXISTS public.jf_demo_dropped_indexes",
                               error);
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
  while ((guint64) g_atomic_pointer_get (&load->done) < load->n &&
         !g_atomic_int_get (&load->failed))
    {
      guint64 done = (guint64) g_atomic_pointer_get (&load->done);
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
                                  (guint64) g_atomic_pointer_get (&load->done));
      return FALSE;
    }
  return TRUE;
}

gboolean
jfd_ctl_seed_demo_matters (JfdCtl   *ctl,
                           guint64   n,
                           guint     jobs,
                           guint32   random_seed,
                           GError  **error)
{
  g_autoptr(JfdDemoWorld) world = NULL;
  JfdCrypto *crypto = jfd_ctl_get_crypto (ctl, error);
  const char *conninfo = jfd_ctl_get_conninfo (ctl, error);
  PGconn *conn = jfd_ctl_connect (ctl, error);
  gint64 start = g_get_monotonic_time (), loaded, indexed;
  guint n_dropped = 0;
  Load load = { 0 };
  gboolean big = n >= DROP_INDEXES_FROM;

  if (crypto == NULL || conninfo == NULL || conn == NULL)
    return FALSE;
  world = jfd_demo_world_load (conn, crypto, error);
  /* First repair what an interrupted earlier run left without its indexes. */
  if (world == NULL || !rebuild_indexes (conn, conninfo, jobs, error) ||
      !ensure_number_sequences (conn, world, error) ||
      (big && !drop_indexes (conn, &n_dropped, error)))
    return FALSE;
  printf ("adding %" G_GUINT64_FORMAT " demo matters over %u connection%s (random seed %u)%s\n",
          n, jobs, jobs == 1 ? "" : "s", random_seed,
          n_dropped > 0 ? "; secondary indexes dropped for the load" : "");
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
      /* Put the indexes back even so: the committed batches are real rows. */
      if (big)
        rebuild_indexes (conn, conninfo, jobs, NULL);
      return FALSE;
    }
  g_mutex_clear (&load.lock);
  loaded = g_get_monotonic_time ();
  printf ("loaded %" G_GUINT64_FORMAT " matters, %" G_GUINT64_FORMAT " parties, %"
          G_GUINT64_FORMAT " events in %.1f s\n", n, load.n_parties, load.n_events,
          (loaded - start) / 1e6);
  fflush (stdout);

  if (!rebuild_indexes (conn, conninfo, jobs, error))
    return FALSE;
  indexed = g_get_monotonic_time ();
  if (n_dropped > 0)
    printf ("rebuilt %u indexes in %.1f s\n", n_dropped, (indexed - loaded) / 1e6);
  /* Fresh statistics, or the planner guesses from the tables' state before the load. */
  if (!jfd_pq_command (conn,
                       "ANALYZE jf.matters, jf.parties, jf.events, jf.followups, "
                       "jf.mediation_sessions, jf.whistles, jf.whistle_targets, jf.referrals, "
                       "jf.petitions, jf.deadlines", error))
    return FALSE;
  printf ("demo matters done in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
