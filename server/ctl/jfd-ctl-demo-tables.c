/* jfd-ctl-demo-tables.c: getting the tables ready for a bulk load of demo matters, and
 * putting them back as they were
 *
 * Two things make a large load slow that the load itself does not need:
 * - secondary B-tree indexes maintained row by row, where one build at the end is far
 *   cheaper (unique ones stay: they are keys, and must hold while loading). The GIN
 *   search index stays too: its cost is in evaluating jf.grams () for every row, which a
 *   build would do as well, and on one core (PostgreSQL 15 builds GIN serially), whereas
 *   during the load every connection does its share;
 * - foreign keys checked row by row (about twenty per matter, through SPI). As a
 *   superuser, the loading sessions run with session_replication_role = replica, which
 *   skips them, with every INSERT trigger of the loaded tables (the event chain!) set to
 *   fire ALWAYS meanwhile; the keys are then checked once, set-wise, for the new rows.
 * What is changed is undone by statements recorded in public.jf_demo_restore in the
 * transaction that made the change, so that a run that dies half-way is repaired by the
 * next one.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo.h"
#include "jfd-pq.h"

const char * const jfd_demo_tables[JFD_DEMO_N_TABLES] = {
  "jf.matters", "jf.parties", "jf.events", "jf.followups", "jf.mediation_sessions",
  "jf.whistles", "jf.whistle_targets", "jf.referrals", "jf.petitions", "jf.deadlines",
};

static char *
tables_array (void)
{
  g_autoptr(GString) array = g_string_new ("{");

  for (guint i = 0; i < JFD_DEMO_N_TABLES; i++)
    g_string_append_printf (array, "%s%s", i > 0 ? "," : "", jfd_demo_tables[i]);
  g_string_append_c (array, '}');
  return g_string_free (g_steal_pointer (&array), FALSE);
}

/* Runs @record_sql, which records in jf_demo_restore the statements that will undo some
 * changes and returns the statements that make them, then makes them. */
static gboolean
record_and_apply (PGconn              *conn,
                  const char          *record_sql,
                  const char * const  *values,
                  guint               *out_n,
                  GError             **error)
{
  g_autoptr(PGresult) changes = jfd_pq_exec_params (conn, record_sql, 1, values, error);

  if (changes == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (changes); i++)
    if (!jfd_pq_command (conn, PQgetvalue (changes, i, 0), error))
      return FALSE;
  *out_n = (guint) PQntuples (changes);
  return TRUE;
}

#define CHECK_KEYS "check keys"

gboolean
jfd_demo_tables_prepare (PGconn             *conn,
                         gboolean            skip_keys,
                         const JfdDemoMark  *mark,
                         guint              *out_n_indexes,
                         guint              *out_n_triggers,
                         GError            **error)
{
  g_autofree char *tables = tables_array ();
  const char *values[] = { tables };
  g_autoptr(GString) ids = g_string_new (NULL);
  const char *check_values[] = { CHECK_KEYS, NULL };

  for (guint i = 0; i < JFD_DEMO_N_TABLES; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", mark->max_id[i]);
  check_values[1] = ids->str;

  *out_n_indexes = *out_n_triggers = 0;
  if (!jfd_pq_command (conn, "BEGIN", error) ||
      !jfd_pq_command (conn,
                       "CREATE TABLE IF NOT EXISTS public.jf_demo_restore ("
                       "  name text PRIMARY KEY, statement text NOT NULL,"
                       "  big boolean NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now ())",
                       error) ||
      !record_and_apply (conn,
                         "WITH change AS ("
                         "  SELECT i.indexrelid::regclass::text AS name, "
                         "         pg_get_indexdef (i.indexrelid) AS restore, "
                         "         format ('DROP INDEX %s', i.indexrelid::regclass) AS apply "
                         "  FROM pg_index i "
                         "  JOIN pg_class c ON c.oid = i.indexrelid "
                         "  JOIN pg_am am ON am.oid = c.relam "
                         "  WHERE i.indrelid = ANY ($1::regclass[]) AND am.amname = 'btree' "
                         "    AND NOT i.indisunique "
                         "    AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                         "                    WHERE k.conindid = i.indexrelid)), "
                         "recorded AS ("
                         "  INSERT INTO public.jf_demo_restore (name, statement, big) "
                         "  SELECT name, restore, false FROM change "
                         "  ON CONFLICT (name) DO NOTHING RETURNING name) "
                         "SELECT apply FROM change JOIN recorded USING (name)",
                         values, out_n_indexes, error) ||
      (skip_keys &&
       !record_and_apply (conn,
                          "WITH change AS ("
                          "  SELECT format ('trigger %s.%s', t.tgrelid::regclass, t.tgname) "
                          "           AS name, "
                          "         format ('ALTER TABLE %s ENABLE TRIGGER %I', "
                          "                 t.tgrelid::regclass, t.tgname) AS restore, "
                          "         format ('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I', "
                          "                 t.tgrelid::regclass, t.tgname) AS apply "
                          "  FROM pg_trigger t "
                          "  WHERE t.tgrelid = ANY ($1::regclass[]) AND NOT t.tgisinternal "
                          "    AND t.tgenabled = 'O' AND (t.tgtype & 4) <> 0), "
                          "recorded AS ("
                          "  INSERT INTO public.jf_demo_restore (name, statement, big) "
                          "  SELECT name, restore, false FROM change "
                          "  ON CONFLICT (name) DO NOTHING RETURNING name) "
                          "SELECT apply FROM change JOIN recorded USING (name)",
                          values, out_n_triggers, error)) ||
      /* The keys of the rows after @mark are to be checked, even by the next run if this
       * one dies before it gets there. */
      (skip_keys &&
       !jfd_pq_command_params (conn,
                               "INSERT INTO public.jf_demo_restore (name, statement, big) "
                               "VALUES ($1, $2, false) ON CONFLICT (name) DO NOTHING",
                               2, check_values, error)) ||
      !jfd_pq_command (conn, "COMMIT", error))
    {
      jfd_pq_rollback (conn);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *conninfo;
  GPtrArray  *definitions;   /* "name\tstatement", this worker's share */
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

      /* The undoing and the forgetting of its record commit together. */
      if (!jfd_pq_command (conn, "BEGIN", &r->error) ||
          !jfd_pq_command (conn, pair[1], &r->error) ||
          !jfd_pq_command_params (conn,
                                  "DELETE FROM public.jf_demo_restore WHERE name = $1",
                                  1, values, &r->error) ||
          !jfd_pq_command (conn, "COMMIT", &r->error))
        {
          jfd_pq_rollback (conn);
          return NULL;
        }
    }
  return NULL;
}

static gboolean check_keys_after (PGconn *conn, const char *after_ids, GError **error);

/* Checks the keys recorded by jfd_demo_tables_prepare (), if any, and forgets the record.
 * FALSE only if the database failed; a broken key goes to @keys_error. */
static gboolean
check_recorded_keys (PGconn  *conn,
                     GError **keys_error)
{
  const char *values[] = { CHECK_KEYS };
  g_autoptr(PGresult) row = jfd_pq_exec_params (conn,
                                                "SELECT statement FROM public.jf_demo_restore "
                                                "WHERE name = $1", 1, values, keys_error);

  if (row == NULL)
    return FALSE;
  if (PQntuples (row) == 0)
    return TRUE;
  check_keys_after (conn, PQgetvalue (row, 0, 0), keys_error);
  return jfd_pq_command_params (conn, "DELETE FROM public.jf_demo_restore WHERE name = $1",
                                1, values, *keys_error == NULL ? keys_error : NULL) ||
         *keys_error != NULL;
}

static gboolean
finish_restore (PGconn   *conn,
                gboolean  ok,
                GError  **keys_error,
                GError  **error)
{
  if (*keys_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (keys_error));
      return FALSE;
    }
  return ok && jfd_pq_command (conn, "DROP TABLE IF EXISTS public.jf_demo_restore", error);
}

gboolean
jfd_demo_tables_restore (PGconn      *conn,
                         const char  *conninfo,
                         guint        jobs,
                         GError     **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autofree Rebuild *workers = NULL;
  g_autofree GThread **threads = NULL;
  g_autofree guint *load = NULL;
  g_autoptr(GError) keys_error = NULL;
  gboolean ok = TRUE;

  exists = jfd_pq_exec (conn, "SELECT to_regclass ('public.jf_demo_restore') IS NULL",
                        error);
  if (exists == NULL)
    return FALSE;
  if (g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return TRUE;
  /* Keys first, while nothing else has changed; a failure is reported after the tables
   * are put back, since the rows are committed either way. */
  if (!check_recorded_keys (conn, &keys_error))
    return FALSE;
  rows = jfd_pq_exec (conn,
                      "SELECT name || E'\\t' || statement, big "
                      "FROM public.jf_demo_restore ORDER BY big DESC, name", error);
  if (rows == NULL)
    return FALSE;
  if (PQntuples (rows) == 0)
    return finish_restore (conn, TRUE, &keys_error, error);
  jobs = MAX (1, MIN (jobs, (guint) PQntuples (rows)));
  workers = g_new0 (Rebuild, jobs);
  threads = g_new0 (GThread *, jobs);
  load = g_new0 (guint, jobs);
  for (guint j = 0; j < jobs; j++)
    {
      workers[j].conninfo = conninfo;
      workers[j].definitions = g_ptr_array_new_with_free_func (g_free);
    }
  /* Greedy: each statement to the least loaded connection; a big one counts as ten. */
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
                                      "restoring indexes and triggers after the load (run "
                                      "the command again to retry): ");
          ok = FALSE;
        }
      g_clear_error (&workers[j].error);
      g_ptr_array_unref (workers[j].definitions);
    }
  return finish_restore (conn, ok, &keys_error, error);
}


gboolean
jfd_demo_tables_mark (PGconn       *conn,
                      JfdDemoMark  *mark,
                      GError      **error)
{
  for (guint i = 0; i < JFD_DEMO_N_TABLES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s",
                                              jfd_demo_tables[i]);
      g_autoptr(PGresult) row = jfd_pq_exec (conn, sql, error);

      if (row == NULL)
        return FALSE;
      mark->max_id[i] = g_ascii_strtoll (PQgetvalue (row, 0, 0), NULL, 10);
    }
  return TRUE;
}

/* One anti-join per foreign key of the loaded tables, over the rows after @mark: what the
 * skipped row-by-row checks would have found, at a fraction of the cost. The queries are
 * built from the catalog, so that a key added by a later migration is checked too. */
static gboolean
check_keys_after (PGconn      *conn,
                  const char  *after_ids,
                  GError     **error)
{
  g_auto(GStrv) ids = g_strsplit (after_ids, " ", -1);
  JfdDemoMark mark = { { 0 } };

  if (g_strv_length (ids) != JFD_DEMO_N_TABLES)
    {
      g_set_error (error, JFD_DB_ERROR, JFD_DB_ERROR_QUERY,
                   "public.jf_demo_restore records a mark this build does not understand: "
                   "check the demo rows' foreign keys by hand");
      return FALSE;
    }
  for (guint i = 0; i < JFD_DEMO_N_TABLES; i++)
    mark.max_id[i] = g_ascii_strtoll (ids[i], NULL, 10);
  return jfd_demo_tables_check_keys (conn, &mark, error);
}

gboolean
jfd_demo_tables_check_keys (PGconn             *conn,
                            const JfdDemoMark  *mark,
                            GError            **error)
{
  for (guint i = 0; i < JFD_DEMO_N_TABLES; i++)
    {
      const char *values[] = { jfd_demo_tables[i] };
      g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, mark->max_id[i]);
      const char *check_values[] = { after };
      g_autoptr(PGresult) checks = NULL;

      checks = jfd_pq_exec_params (conn,
        "SELECT c.conname, format ("
        "  'SELECT 1 FROM %s t WHERE t.id > $1::bigint AND %s "
        "   AND NOT EXISTS (SELECT 1 FROM %s r WHERE %s) LIMIT 1', "
        "  c.conrelid::regclass, "
        "  (SELECT string_agg (format ('t.%I IS NOT NULL', a.attname), ' AND ') "
        "   FROM unnest (c.conkey) AS k (n) "
        "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), "
        "  c.confrelid::regclass, "
        "  (SELECT string_agg (format ('r.%I = t.%I', fa.attname, a.attname), ' AND ') "
        "   FROM unnest (c.conkey, c.confkey) AS k (n, fn) "
        "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n "
        "   JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fn)) "
        "FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = $1::regclass",
        1, values, error);
      if (checks == NULL)
        return FALSE;
      for (int k = 0; k < PQntuples (checks); k++)
        {
          g_autoptr(PGresult) broken = jfd_pq_exec_params (conn, PQgetvalue (checks, k, 1), 1,
                                                           check_values, error);

          if (broken == NULL)
            return FALSE;
          if (PQntuples (broken) > 0)
            {
              g_set_error (error, JFD_DB_ERROR, JFD_DB_ERROR_CONSTRAINT,
                           "the loaded demo rows of %s violate foreign key %s (a bug in the "
                           "generator; the rows are committed: remove them or restore the "
                           "database)", jfd_demo_tables[i], PQgetvalue (checks, k, 0));
              return FALSE;
            }
        }
    }
  return TRUE;
}
