/* test-plan-cached.c: migration 0015 rewrote the functions that intake, reads and moves
 * call in PL/pgSQL, so that their plans are kept; it must not have changed what any of
 * them answers. The SQL bodies they replaced are kept here, as temporary functions, and
 * both are compared on every row of a database with demo matters in every state.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "jf-ctl-run.h"
#include "jfd-crypto.h"

static struct
{
  char   *conninfo;
  PGconn *conn;
  char   *key_dir;
} t;

/* The SQL bodies of 0003 and 0007, word for word but for their names: every call among
 * them goes to the copies. */
static const char reference_functions[] =
  "CREATE FUNCTION pg_temp.org_json(p_id integer) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT jsonb_build_object('code', code, 'name', name, 'level', level)\n"
  "  FROM jf.org_units WHERE id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.account_ref(p_id integer) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT jsonb_build_object('id', id, 'username', username, 'name', display_name)\n"
  "  FROM jf.accounts WHERE id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.matter_facts(p_id bigint) RETURNS text[]\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT array_remove(ARRAY[\n"
  "    CASE WHEN EXISTS (SELECT 1 FROM jf.followups f WHERE f.matter_id = p_id\n"
  "                        AND f.satisfaction IN ('satisfied', 'basically_satisfied')\n"
  "                        AND f.done_at >= coalesce(m.resolved_at, '-infinity'))\n"
  "         THEN 'follow_up_satisfied' END,\n"
  "    CASE WHEN (SELECT w.status FROM jf.whistles w WHERE w.matter_id = p_id\n"
  "               ORDER BY w.id DESC LIMIT 1) = 'done'\n"
  "         THEN 'whistle_all_verified' END,\n"
  "    CASE WHEN o.parent_id IS NOT NULL THEN 'has_parent_unit' END], NULL)\n"
  "  FROM jf.matters m JOIN jf.org_units o ON o.id = m.org_id\n"
  "  WHERE m.id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.matter_scope(p_id bigint) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT jsonb_build_object(\n"
  "    'org_id', m.org_id, 'county_id', m.county_id, 'township_id', m.township_id,\n"
  "    'village_id', m.village_id,\n"
  "    'departments', coalesce((SELECT jsonb_agg(DISTINCT t.department_id)\n"
  "                             FROM jf.whistles w JOIN jf.whistle_targets t\n"
  "                             ON t.whistle_id = w.id\n"
  "                             WHERE w.matter_id = m.id), '[]'))\n"
  "  FROM jf.matters m WHERE m.id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.matter_json(p_id bigint) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT jsonb_build_object(\n"
  "    'id', m.id, 'number', m.number, 'version', m.version,\n"
  "    'kind', m.kind, 'category', m.category, 'source', m.source, 'status', m.status,\n"
  "    'title', m.title, 'narrative', m.narrative,\n"
  "    'org', pg_temp.org_json(m.org_id),\n"
  "    'location', jsonb_strip_nulls(jsonb_build_object(\n"
  "      'org', pg_temp.org_json(m.place_org_id), 'address', m.address, 'lat', m.lat,\n"
  "      'lng', m.lng)),\n"
  "    'occurred_on', m.occurred_on,\n"
  "    'risk', jsonb_build_object('violence', m.risk_violence,\n"
  "                               'group_size', m.risk_group_size,\n"
  "                               'minors', m.risk_minors, 'elderly', m.risk_elderly),\n"
  "    'assignee', pg_temp.account_ref(m.assignee_id),\n"
  "    'parties', coalesce((\n"
  "      SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(\n"
  "               'id', p.id, 'role', p.role, 'name', p.name,\n"
  "               'organisation', p.organisation, 'address', p.address,\n"
  "               'id_number', p.id_number_masked, 'birth_date', p.birth_date,\n"
  "               'sex', p.sex, 'phone', p.phone_masked,\n"
  "               'person_id', p.person_id)) ORDER BY p.position)\n"
  "      FROM jf.parties p WHERE p.matter_id = m.id), '[]'),\n"
  "    'registered', jsonb_build_object('at', jf.ts(m.created_at),\n"
  "                                     'by', pg_temp.account_ref(m.created_by),\n"
  "                                     'org', pg_temp.org_json(m.registered_org_id),\n"
  "                                     'level', m.registered_level),\n"
  "    'resolved', CASE WHEN m.resolved_at IS NOT NULL THEN jsonb_build_object(\n"
  "                  'at', jf.ts(m.resolved_at), 'level', m.resolved_level,\n"
  "                  'org', pg_temp.org_json(m.resolved_org_id), 'outcome', m.outcome) END,\n"
  "    'not_accepted', CASE WHEN m.status = 'not_accepted' THEN jsonb_build_object(\n"
  "                      'reason', m.not_accepted_reason, 'redirect_to', m.redirect_to) END,\n"
  "    'closed_at', jf.ts(m.closed_at),\n"
  "    'deadline', (SELECT jsonb_build_object('id', d.id, 'stage', d.stage,\n"
  "                                           'due_at', jf.ts(d.due_at),\n"
  "                                           'warn_at', jf.ts(d.warn_at),\n"
  "                                           'state', d.state)\n"
  "                 FROM jf.deadlines d WHERE d.matter_id = m.id\n"
  "                   AND d.state IN ('running', 'paused')\n"
  "                 ORDER BY d.due_at NULLS LAST LIMIT 1),\n"
  "    'facts', to_jsonb(pg_temp.matter_facts(m.id)),\n"
  "    'scope', pg_temp.matter_scope(m.id),\n"
  "    'created_at', jf.ts(m.created_at), 'updated_at', jf.ts(m.updated_at))\n"
  "  FROM jf.matters m WHERE m.id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.may_be_assigned(p_account text, p_owner integer)\n"
  "RETURNS boolean LANGUAGE sql STABLE AS $$\n"
  "  SELECT p_account IS NULL OR EXISTS (\n"
  "    SELECT 1 FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id,\n"
  "                  jf.org_units owner\n"
  "    WHERE a.id = p_account::integer AND NOT a.disabled AND owner.id = p_owner\n"
  "      AND (o.level = 'city' OR o.id IN (owner.id, owner.county_id, owner.township_id,\n"
  "                                        owner.village_id)))\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.matter_events_json(p_id bigint) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT coalesce(jsonb_agg(jsonb_build_object(\n"
  "           'seq', e.seq, 'kind', e.kind, 'at', jf.ts(e.at),\n"
  "           'actor', pg_temp.account_ref(e.actor_id), 'role', e.actor_role,\n"
  "           'org', pg_temp.org_json(e.org_id), 'data', e.data,\n"
  "           'hash', encode(e.hash, 'hex')) ORDER BY e.seq), '[]')\n"
  "  FROM jf.events e WHERE e.matter_id = p_id\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.event_canonical(p_matter_id bigint, p_seq integer, p_kind text,\n"
  "                                        p_actor_id integer, p_actor_role text,\n"
  "                                        p_org_id integer, p_at timestamptz,\n"
  "                                        p_data jsonb) RETURNS text\n"
  "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
  "  SELECT jsonb_build_object(\n"
  "    'matter', p_matter_id, 'seq', p_seq, 'kind', p_kind, 'actor', p_actor_id,\n"
  "    'role', p_actor_role, 'org', p_org_id,\n"
  "    'at', (extract(epoch FROM p_at) * 1000000)::bigint, 'data', p_data)::text\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.matter_chain_genesis(p_matter_id bigint) RETURNS bytea\n"
  "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n"
  "  SELECT sha256(convert_to('jiefen:matter:' || p_matter_id, 'UTF8'))\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.grams(t text) RETURNS text[]\n"
  "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
  "  SELECT coalesce(array_agg(DISTINCT g), '{}')\n"
  "  FROM (\n"
  "    SELECT substr(w, i, n) AS g\n"
  "    FROM regexp_split_to_table(lower(t),\n"
  "           '[[:space:][:punct:]，。、；：？！“”‘’（）《》【】]+') AS w,\n"
  "         generate_series(1, length(w)) AS i,\n"
  "         (VALUES (1), (2)) AS ns(n)\n"
  "    WHERE w <> '' AND i + n - 1 <= length(w)\n"
  "  ) s\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.stream_since(p_after bigint, p_limit integer) RETURNS jsonb\n"
  "LANGUAGE sql STABLE AS $$\n"
  "  SELECT coalesce(jsonb_agg(jsonb_build_object(\n"
  "           'id', e.id, 'kind', e.kind, 'at', jf.ts(e.at), 'matter_id', e.matter_id,\n"
  "           'org_id', e.org_id, 'department_id', e.department_id,\n"
  "           'account_id', e.account_id, 'payload', e.payload) ORDER BY e.id), '[]')\n"
  "  FROM (SELECT * FROM jf.stream_events WHERE id > p_after ORDER BY id LIMIT p_limit) e\n"
  "$$;\n"
  "CREATE FUNCTION pg_temp.query_grams(q text) RETURNS text[]\n"
  "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$\n"
  "  SELECT CASE WHEN length(q) <= 2 THEN ARRAY[lower(q)]\n"
  "         ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2))\n"
  "               FROM generate_series(1, length(q) - 1) AS i) END\n"
  "$$;\n";

static gint64
sql_int (const char *sql)
{
  return jf_ctl_sql_int (t.conn, sql);
}

/* How many of @sql's rows differ; the first difference is shown. */
static void
assert_same (const char *what,
             const char *rows,
             const char *new_value,
             const char *old_value)
{
  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM (%s) r "
                                            "WHERE (%s) IS DISTINCT FROM (%s)",
                                            rows, new_value, old_value);
  g_autofree char *total = g_strdup_printf ("SELECT count(*) FROM (%s) r", rows);
  gint64 differ = sql_int (count);

  g_assert_cmpint (sql_int (total), >, 0);
  if (differ != 0)
    {
      g_autofree char *first = g_strdup_printf ("SELECT (%s)::text || E'\\n  was ' || "
                                                "coalesce((%s)::text, 'NULL') FROM (%s) r "
                                                "WHERE (%s) IS DISTINCT FROM (%s) LIMIT 1",
                                                new_value, old_value, rows, new_value,
                                                old_value);
      g_autofree char *example = jf_ctl_sql_text (t.conn, first);

      g_error ("%s: %" G_GINT64_FORMAT " rows differ, e.g.\n  now %s", what, differ, example);
    }
}

static void
test_matter_documents (void)
{
  const char *matters = "SELECT id FROM jf.matters UNION ALL SELECT -1";

  /* Every state the demo makes, so every branch of the documents is taken. */
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT status) FROM jf.matters"), >=, 5);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.whistles"), >, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.followups WHERE done_at IS NOT NULL"), >, 0);
  assert_same ("jf.matter_json", matters, "jf.matter_json(r.id)", "pg_temp.matter_json(r.id)");
  assert_same ("jf.matter_scope", matters, "jf.matter_scope(r.id)",
               "pg_temp.matter_scope(r.id)");
  assert_same ("jf.matter_facts", matters, "jf.matter_facts(r.id)",
               "pg_temp.matter_facts(r.id)");
  assert_same ("jf.matter_events_json", matters, "jf.matter_events_json(r.id)",
               "pg_temp.matter_events_json(r.id)");
  assert_same ("jf.org_json", "SELECT id FROM jf.org_units UNION ALL SELECT NULL",
               "jf.org_json(r.id)", "pg_temp.org_json(r.id)");
  assert_same ("jf.account_ref", "SELECT id FROM jf.accounts UNION ALL SELECT NULL",
               "jf.account_ref(r.id)", "pg_temp.account_ref(r.id)");
}

static void
test_assignees (void)
{
  /* Disabled, elsewhere in the tree, above, below, none. */
  jf_ctl_sql (t.conn, "UPDATE jf.accounts SET disabled = true WHERE id = "
                      "(SELECT max(id) FROM jf.accounts)");
  assert_same ("jf.may_be_assigned",
               "SELECT a.id::text AS account, o.id AS owner FROM jf.accounts a, "
               "(SELECT id FROM jf.org_units WHERE level <> 'grid' OR id % 50 = 0) o "
               "UNION ALL SELECT NULL, 1 UNION ALL SELECT '999999', 1",
               "jf.may_be_assigned(r.account, r.owner)",
               "pg_temp.may_be_assigned(r.account, r.owner)");
}

static void
test_timeline_chain (void)
{
  const char *events = "SELECT * FROM jf.events";

  assert_same ("jf.event_canonical", events,
               "jf.event_canonical(r.matter_id, r.seq, r.kind, r.actor_id, r.actor_role, "
               "r.org_id, r.at, r.data)",
               "pg_temp.event_canonical(r.matter_id, r.seq, r.kind, r.actor_id, "
               "r.actor_role, r.org_id, r.at, r.data)");
  assert_same ("jf.matter_chain_genesis", "SELECT id FROM jf.matters",
               "jf.matter_chain_genesis(r.id)", "pg_temp.matter_chain_genesis(r.id)");
  /* And every stored hash is still what the functions compute. */
  assert_same ("the events' hashes", events,
               "sha256(r.prev_hash || convert_to(jf.event_canonical(r.matter_id, r.seq, "
               "r.kind, r.actor_id, r.actor_role, r.org_id, r.at, r.data), 'UTF8'))",
               "r.hash");
}

static void
test_search_grams (void)
{
  const char *texts = "SELECT title || ' ' || narrative || ' ' || party_names AS t "
                      "FROM jf.matters UNION ALL SELECT title FROM jf.matters "
                      "UNION ALL VALUES (''), ('  '), ('，。'), ('A'), ('Ab, CD！中文 x'), "
                      "('噪'), ('噪音'), ('夜间噪音'), (NULL)";

  assert_same ("jf.grams", texts, "jf.grams(r.t)", "pg_temp.grams(r.t)");
  assert_same ("jf.query_grams", texts, "jf.query_grams(r.t)", "pg_temp.query_grams(r.t)");
}

static void
test_stream (void)
{
  /* The stream's events of a few matters, the way the writers push them. */
  jf_ctl_sql (t.conn, "SELECT jf.stream_push(CASE WHEN id % 2 = 0 THEN 'matter.created' "
                      "ELSE 'matter.changed' END, id, org_id, NULL, "
                      "CASE WHEN id % 3 = 0 THEN created_by END, "
                      "jsonb_build_object('id', id, 'title', title)) "
                      "FROM jf.matters ORDER BY id LIMIT 40");
  assert_same ("jf.stream_since",
               "SELECT a.after, l.n FROM (SELECT 0 AS after UNION ALL SELECT id FROM "
               "jf.stream_events) a, (VALUES (1), (7), (500)) l(n)",
               "jf.stream_since(r.after, r.n)", "pg_temp.stream_since(r.after, r.n)");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *key_env = NULL;
  g_autoptr(JfCtlRun) migrate = NULL;
  g_autoptr(JfCtlRun) seed = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  t.conninfo = jf_ctl_empty_database ();
  t.key_dir = g_dir_make_tmp ("jf-plan-cached-XXXXXX", &error);
  g_assert_no_error (error);
  key_file = g_build_filename (t.key_dir, "data-key", NULL);
  g_assert_true (jfd_crypto_generate_file (key_file, &error));
  g_assert_no_error (error);
  key_env = g_strconcat ("JIEFEND_KEY_FILE=", key_file, NULL);
  migrate = jf_ctl_run (t.conninfo, NULL, NULL, "migrate", NULL);
  jf_ctl_assert_exit (migrate, 0);
  seed = jf_ctl_run (t.conninfo, (const char * const[]) { key_env, NULL }, NULL, "seed",
                     "--demo-matters", "400", "--random-seed", "15", NULL);
  jf_ctl_assert_exit (seed, 0);
  t.conn = jf_ctl_sql_connect (t.conninfo);
  jf_ctl_sql (t.conn, reference_functions);

  g_test_add_func ("/jf/plan-cached/matter-documents", test_matter_documents);
  g_test_add_func ("/jf/plan-cached/assignees", test_assignees);
  g_test_add_func ("/jf/plan-cached/timeline-chain", test_timeline_chain);
  g_test_add_func ("/jf/plan-cached/search-grams", test_search_grams);
  g_test_add_func ("/jf/plan-cached/stream", test_stream);
  status = g_test_run ();

  PQfinish (t.conn);
  jf_ctl_drop_database (t.conninfo);
  g_unlink (key_file);
  g_rmdir (t.key_dir);
  g_free (t.key_dir);
  g_free (t.conninfo);
  return status;
}
