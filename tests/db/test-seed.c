/* test-seed.c: jiefenctl seed and seed --demo-matters on a real database, every count
 * asserted from the database; then audit verify, and tampering that it must catch.
 *
 * The tests run in order on one database: the organisation, then demo matters, then
 * tampering with them.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jf-ctl-run.h"
#include "jf-id-number.h"
#include "jf-phone.h"
#include "jfd-crypto.h"
#include "jfd-password.h"

static struct
{
  char       *conninfo;
  PGconn     *conn;
  char       *seed_out;     /* the first seed's output, with the passwords */
  char       *key_dir;
  char       *key_file;
  char       *key_env[2];   /* JIEFEND_KEY_FILE=... */
} t;

static gint64
sql_int (const char *sql)
{
  return jf_ctl_sql_int (t.conn, sql);
}

static void
test_organisation (void)
{
  static const char * const counties[][2] = {
    { "220402", "龙山区" }, { "220403", "西安区" }, { "220421", "东丰县" }, { "220422", "东辽县" },
  };

  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'city' "
                            "AND code = '220400' AND name = '辽源市'"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'city'"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'county'"), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (counties); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.org_units "
                                              "WHERE level = 'county' AND code = '%s' "
                                              "AND name = '%s'", counties[i][0], counties[i][1]);
      g_assert_cmpint (sql_int (sql), ==, 1);
    }
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'township'"), ==, 47);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'village'"), ==, 563);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'grid'"), ==, 1246);
  /* 东丰县's 14 towns by their real names. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'township' "
                            "AND code LIKE '220421%' AND name IN ('东丰镇', '大阳镇', "
                            "'横道河镇', '那丹伯镇', '猴石镇', '杨木林镇', '小四平镇', '黄河镇', "
                            "'拉拉河镇', '沙河镇', '南屯基镇', '大兴镇', '三合满族朝鲜族乡', "
                            "'二龙乡')"), ==, 14);
  /* Every village has 1 to 4 grids, and a population. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units v WHERE level = 'village' AND "
                            "(SELECT count(*) FROM jf.org_units g WHERE g.parent_id = v.id) "
                            "NOT BETWEEN 1 AND 4"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'village' "
                            "AND (population IS NULL OR population < 100)"), ==, 0);
  /* Below the county, codes extend the parent's by three digits (GB/T 2260 counties share
   * the city's first four); ancestors are those of the parent. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units c JOIN jf.org_units p "
                            "ON p.id = c.parent_id WHERE CASE c.level "
                            "WHEN 'county' THEN left (c.code, 4) <> left (p.code, 4) "
                            "ELSE c.code NOT LIKE p.code || '___' END"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.org_units c JOIN jf.org_units p "
                            "ON p.id = c.parent_id WHERE c.level IN ('township', 'village', "
                            "'grid') AND (c.county_id IS DISTINCT FROM p.county_id "
                            "OR (c.level <> 'township' AND c.township_id IS DISTINCT FROM "
                            "p.township_id) OR (c.level = 'grid' AND c.village_id IS DISTINCT "
                            "FROM p.id))"), ==, 0);
}

static void
test_departments (void)
{
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.department_kinds"), ==, 25);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.departments "
                            "WHERE serves_org_id IS NULL"), ==, 96);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM (SELECT county_id FROM jf.departments "
                            "WHERE serves_org_id IS NULL GROUP BY county_id "
                            "HAVING count(*) = 24) s"), ==, 4);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.departments WHERE code = '220402-housing' "
                            "AND name = '龙山区住房和城乡建设局'"), ==, 1);
  /* A police station per township, under its county's public security bureau. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.departments WHERE kind = 'police_station'"),
                   ==, 47);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.departments s "
                            "JOIN jf.org_units t ON t.id = s.serves_org_id "
                            "JOIN jf.org_units c ON c.id = t.county_id "
                            "JOIN jf.departments ps ON ps.id = s.parent_id "
                            "WHERE s.kind = 'police_station' AND t.level = 'township' "
                            "AND ps.kind = 'public_security' AND ps.county_id = c.id "
                            "AND s.county_id = c.id "
                            "AND s.code = c.code || '-police_station-' || t.code"), ==, 47);
}

static void
test_reference (void)
{
  const char *root = g_getenv ("JF_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "schema", "data", "cn-holidays.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_days = 0;

  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.categories WHERE builtin AND slug IN ("
                            "'neighbor', 'family', 'land', 'labor', 'property_management', "
                            "'consumer', 'traffic', 'medical', 'land_requisition', "
                            "'contract_debt', 'environment', 'other') AND name_zh <> '' "
                            "AND name_en <> ''"), ==, 12);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.categories"), ==, 12);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadline_rules WHERE "
                            "(stage, unit, amount) IN (('acceptance', 'working_days', 1), "
                            "('handling', 'natural_days', 30), "
                            "('whistle_checkin_urgent', 'minutes', 30), "
                            "('whistle_checkin_normal', 'hours', 24), "
                            "('whistle_action_urgent', 'working_days', 1), "
                            "('whistle_action_normal', 'working_days', 5), "
                            "('mediation', 'natural_days', 30), ('followup', 'natural_days', 7), "
                            "('petition_decide', 'natural_days', 15), "
                            "('petition_handle', 'natural_days', 60), "
                            "('judicial_confirmation_accept', 'natural_days', 3), "
                            "('judicial_confirmation_decide', 'natural_days', 15)) "
                            "AND warn_minutes > 0"), ==, 12);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadline_rules"), ==, 18);

  /* Every day of the shipped calendar, as it is in the file. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autofree char *sql = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      f = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      sql = g_strdup_printf ("SELECT count(*) FROM jf.calendar_days WHERE day = '%s' "
                             "AND kind = '%s' AND name = '%s'", f[0], f[1], f[2]);
      if (sql_int (sql) != 1)
        g_error ("calendar day missing or different: %s", lines[i]);
      n_days++;
    }
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.calendar_days"), ==, n_days);
}

/* username -> password, from the table the first seed printed. */
static GHashTable *
printed_passwords (void)
{
  GHashTable *passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (t.seed_out, "\n", -1);
  g_autoptr(GRegex) row = g_regex_new ("^([a-z]+) +([a-z_]+) +([0-9]+) +(\\S{19})$", 0, 0, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (row, lines[i], 0, &match))
        g_hash_table_insert (passwords, g_match_info_fetch (match, 1),
                             g_match_info_fetch (match, 4));
    }
  return passwords;
}

static void
test_accounts (void)
{
  static const char * const roles[] = { "reception", "mediator", "grid_leader",
                                        "department_liaison", "court", "petition_officer",
                                        "police", "supervisor", "admin", "auditor" };
  g_autoptr(GHashTable) passwords = printed_passwords ();
  PGresult *rows;

  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts"), ==, 10);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.accounts "
                                              "WHERE roles = ARRAY['%s'] AND NOT disabled",
                                              roles[i]);
      g_assert_cmpint (sql_int (sql), ==, 1);
    }
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts a JOIN jf.departments d "
                            "ON d.id = a.department_id WHERE a.username = 'bumen' "
                            "AND d.code = '220402-housing'"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = "
                            "'account.created' AND actor_id IS NULL"), ==, 10);

  /* Each printed password opens its own account and no other. */
  g_assert_cmpuint (g_hash_table_size (passwords), ==, 10);
  rows = PQexec (t.conn, "SELECT username, password_hash FROM jf.accounts ORDER BY id");
  for (int i = 0; i < PQntuples (rows); i++)
    {
      const char *username = PQgetvalue (rows, i, 0);
      const char *hash = PQgetvalue (rows, i, 1);
      const char *mine = g_hash_table_lookup (passwords, username);
      const char *other = g_hash_table_lookup (passwords,
                                               g_str_equal (username, "admin") ? "shenji"
                                                                               : "admin");

      g_assert_nonnull (mine);
      g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
      g_assert_true (jfd_password_verify (hash, mine));
      g_assert_false (jfd_password_verify (hash, other));
      g_assert_null (strstr (hash, mine));
    }
  PQclear (rows);
}

static char *
fingerprint (void)
{
  return jf_ctl_sql_text (t.conn,
                          "SELECT md5 (string_agg (x, ',')) FROM ("
                          "  SELECT (SELECT string_agg (o::text, ',' ORDER BY id) "
                          "          FROM jf.org_units o) AS x "
                          "  UNION ALL SELECT (SELECT string_agg (d::text, ',' ORDER BY id) "
                          "                    FROM jf.departments d) "
                          "  UNION ALL SELECT (SELECT string_agg (a::text, ',' ORDER BY id) "
                          "                    FROM jf.accounts a) "
                          "  UNION ALL SELECT (SELECT string_agg (l::text, ',' ORDER BY id) "
                          "                    FROM jf.audit_log l) "
                          "  UNION ALL SELECT (SELECT count(*)::text FROM jf.calendar_days) "
                          "  UNION ALL SELECT (SELECT count(*)::text FROM jf.deadline_rules)) s");
}

static void
test_second_seed_changes_nothing (void)
{
  g_autofree char *before = fingerprint ();
  g_autoptr(JfCtlRun) again = jf_ctl_run (t.conninfo, NULL, NULL, "seed", NULL);
  g_autofree char *after = NULL;

  jf_ctl_assert_exit (again, 0);
  g_assert_nonnull (strstr (again->out, "already seeded"));
  g_assert_null (strstr (again->out, "password"));
  after = fingerprint ();
  g_assert_cmpstr (before, ==, after);
}

static void
test_demo_matters_need_keys (void)
{
  const char *env[] = { "JIEFEND_KEY_FILE=/nonexistent/data-key", NULL };
  g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, env, NULL, "seed", "--demo-matters", "5",
                                        NULL);

  jf_ctl_assert_exit (run, 1);
  g_assert_nonnull (strstr (run->err, "/nonexistent/data-key"));
  g_assert_nonnull (strstr (run->err, "key"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters"), ==, 0);
}

static void
check_sealed (JfdCrypto    *crypto,
              const PGresult *rows,
              int           row,
              int           col,
              const char   *domain,
              char        **out_plain)
{
  g_autoptr(GError) error = NULL;
  size_t len = 0;
  g_autofree guint8 *sealed = PQunescapeBytea ((const guchar *) PQgetvalue (rows, row, col),
                                               &len);
  size_t hash_len = 0;
  g_autofree guint8 *hash = PQunescapeBytea ((const guchar *) PQgetvalue (rows, row, col + 1),
                                             &hash_len);
  guint8 expected[JFD_CRYPTO_HASH_BYTES];

  *out_plain = jfd_crypto_open (crypto, sealed, len, &error);
  g_assert_no_error (error);
  /* The lookup hash is the keyed hash of the number the sealed bytes hold. */
  jfd_crypto_index (crypto, domain, *out_plain, expected);
  g_assert_cmpmem (hash, hash_len, expected, sizeof expected);
}

static void
test_demo_matters (void)
{
  g_autoptr(JfCtlRun) run = NULL;
  g_autoptr(JfCtlRun) verify = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) crypto = NULL;
  PGresult *rows;
  guint n_ids = 0;

  g_assert_true (jfd_crypto_generate_file (t.key_file, &error));
  g_assert_no_error (error);
  run = jf_ctl_run (t.conninfo, (const char * const *) t.key_env, NULL, "seed",
                    "--demo-matters", "200", "--random-seed", "42", NULL);
  jf_ctl_assert_exit (run, 0);
  g_assert_nonnull (strstr (run->out, "already seeded"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters"), ==, 200);

  /* A realistic mix: every kind, several statuses, most matters finished. */
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT kind) FROM jf.matters"), ==, 4);
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT status) FROM jf.matters"), >=, 5);
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT category) FROM jf.matters"), >=, 8);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters WHERE status IN ('closed', "
                            "'resolved', 'withdrawn', 'not_accepted')"), >, 100);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters WHERE title !~ '[一-龥]' "
                            "OR narrative !~ '[一-龥]'"), ==, 0);
  /* Numbers from the county-year counters, which go on from there. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m JOIN jf.org_units o "
                            "ON o.id = coalesce (m.county_id, (SELECT id FROM jf.org_units "
                            "WHERE code = '220400')) WHERE m.number NOT LIKE o.code || '-' || "
                            "to_char (m.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') "
                            "|| '-%'"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM (SELECT left (number, 6) AS c, "
                            "  substr (number, 8, 4)::integer AS y, max (number) AS last "
                            "  FROM jf.matters GROUP BY 1, 2) s "
                            "WHERE jf.next_matter_number (c, y) <= last"), ==, 0);
  /* Ancestors as the owning unit has them; resolved ones say where. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m JOIN jf.org_units o "
                            "ON o.id = m.org_id WHERE m.county_id IS DISTINCT FROM o.county_id "
                            "OR m.township_id IS DISTINCT FROM o.township_id "
                            "OR m.village_id IS DISTINCT FROM o.village_id"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters WHERE status IN ('resolved', "
                            "'closed') AND (resolved_level IS NULL OR resolved_at IS NULL "
                            "OR outcome IS NULL)"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m WHERE status IN ('resolved', "
                            "'closed') AND NOT EXISTS (SELECT 1 FROM jf.followups f "
                            "WHERE f.matter_id = m.id)"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m WHERE status = 'closed' AND "
                            "NOT EXISTS (SELECT 1 FROM jf.followups f WHERE f.matter_id = m.id "
                            "AND f.satisfaction IN ('satisfied', 'basically_satisfied'))"), ==, 0);
  /* Timelines: 1 to 6 events, numbered from 1, in time order, as many as the matter says. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m WHERE event_seq NOT BETWEEN 1 AND 6 "
                            "OR event_seq <> (SELECT count(*) FROM jf.events e "
                            "WHERE e.matter_id = m.id)"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events a JOIN jf.events b "
                            "ON b.matter_id = a.matter_id AND b.seq = a.seq + 1 "
                            "WHERE b.at <= a.at"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters m WHERE m.status <> "
                            "(SELECT coalesce (e.data->>'to', 'registered') FROM jf.events e "
                            "WHERE e.matter_id = m.id ORDER BY seq DESC LIMIT 1)"), ==, 0);

  /* Personal numbers: sealed, valid, hashed, masked; never in clear. */
  crypto = jfd_crypto_load (t.key_file, &error);
  g_assert_no_error (error);
  rows = PQexec (t.conn, "SELECT id_number_enc, id_number_hmac, id_number_masked, birth_date, "
                         "sex, phone_enc, phone_hmac, phone_masked FROM jf.parties "
                         "WHERE id_number_enc IS NOT NULL");
  g_assert_cmpint (PQresultStatus (rows), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (rows); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *masked = NULL;
      g_autofree char *birth = NULL;
      JfIdNumber parsed;
      char date[11];

      check_sealed (crypto, rows, i, 0, "id", &id);
      if (!jf_id_number_validate (id, &parsed, &error))
        g_error ("demo ID number %s is not valid: %s", id, error->message);
      g_assert_true (g_str_has_prefix (id, "2204"));
      masked = jf_id_number_mask (id);
      g_assert_cmpstr (PQgetvalue (rows, i, 2), ==, masked);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &parsed.birth_date);
      g_assert_cmpstr (PQgetvalue (rows, i, 3), ==, date);
      g_assert_cmpstr (PQgetvalue (rows, i, 4), ==, parsed.male ? "male" : "female");
      if (!PQgetisnull (rows, i, 5))
        {
          g_autofree char *phone = NULL;
          g_autofree char *phone_masked = NULL;

          check_sealed (crypto, rows, i, 5, "phone", &phone);
          g_assert_true (jf_phone_validate (phone, NULL, NULL));
          phone_masked = jf_phone_mask (phone);
          g_assert_cmpstr (PQgetvalue (rows, i, 7), ==, phone_masked);
        }
      n_ids++;
    }
  PQclear (rows);
  g_assert_cmpuint (n_ids, >, 200);

  verify = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (verify, 0);
  g_assert_nonnull (strstr (verify->out, "in 200 matter chains"));
}

static char *
schema_state (void)
{
  return jf_ctl_sql_text (t.conn,
                          "SELECT (SELECT string_agg (indexdef, ';' ORDER BY indexname) "
                          "        FROM pg_indexes WHERE schemaname = 'jf') || '|' || "
                          "       (SELECT string_agg (tgname || tgenabled::text, ';' "
                          "                           ORDER BY tgname) "
                          "        FROM pg_trigger WHERE NOT tgisinternal) || '|' || "
                          "       (to_regclass ('public.jf_demo_restore') IS NULL)::text");
}

/* A second run adds as many more; run as a bulk load (as a million would be), it puts
 * every index and trigger back as it found them. */
static void
test_demo_matters_again_adds (void)
{
  g_autofree char *before = schema_state ();
  g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, (const char * const *) t.key_env, NULL,
                                        "seed", "--demo-matters", "50", "--bulk-load", NULL);
  g_autoptr(JfCtlRun) verify = NULL;
  g_autofree char *after = NULL;

  jf_ctl_assert_exit (run, 0);
  g_assert_nonnull (strstr (run->out, "secondary indexes dropped"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters"), ==, 250);
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT number) FROM jf.matters"), ==, 250);
  after = schema_state ();
  g_assert_cmpstr (after, ==, before);
  verify = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (verify, 0);
  g_assert_nonnull (strstr (verify->out, "in 250 matter chains"));
}

/* Every sealed number in the parties opens with @crypto, and its lookup hash holds. */
static guint
check_all_sealed (JfdCrypto *crypto)
{
  PGresult *rows = PQexec (t.conn, "SELECT id_number_enc, id_number_hmac, 'id' FROM jf.parties "
                                   "WHERE id_number_enc IS NOT NULL "
                                   "UNION ALL SELECT phone_enc, phone_hmac, 'phone' "
                                   "FROM jf.parties WHERE phone_enc IS NOT NULL");
  guint n = (guint) PQntuples (rows);

  for (int i = 0; i < PQntuples (rows); i++)
    {
      g_autofree char *plain = NULL;

      check_sealed (crypto, rows, i, 0, PQgetvalue (rows, i, 2), &plain);
    }
  PQclear (rows);
  return n;
}

static void
test_rotate_key (void)
{
  g_autoptr(JfCtlRun) rotate = jf_ctl_run (t.conninfo, (const char * const *) t.key_env, NULL,
                                           "rotate-key", NULL);
  g_autoptr(JfCtlRun) again = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) only_new = NULL;
  g_autofree char *total_line = NULL;
  g_autofree char *new_only_path = g_build_filename (t.key_dir, "only-key-2", NULL);
  g_autofree char *contents = NULL;
  gint64 sealed = sql_int ("SELECT count(id_number_enc) + count(phone_enc) FROM jf.parties");

  jf_ctl_assert_exit (rotate, 0);
  total_line = g_strdup_printf ("%" G_GINT64_FORMAT " rows re-encrypted in all with key 2",
                                sealed);
  g_assert_nonnull (strstr (rotate->out, total_line));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.parties WHERE get_byte (id_number_enc, 0) "
                            "<> 2 OR get_byte (phone_enc, 0) <> 2"), ==, 0);

  /* The old key stays in the file (removing it is a person's decision)... */
  g_assert_true (g_key_file_load_from_file (file, t.key_file, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_key_file_has_key (file, "keys", "1", NULL));
  g_assert_cmpint (g_key_file_get_integer (file, "keys", "current", NULL), ==, 2);
  /* ...but nothing needs it any more: everything opens without it. */
  g_key_file_remove_key (file, "keys", "1", NULL);
  contents = g_key_file_to_data (file, NULL, NULL);
  g_assert_true (g_file_set_contents_full (new_only_path, contents, -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  only_new = jfd_crypto_load (new_only_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (check_all_sealed (only_new), ==, (guint) sealed);
  g_unlink (new_only_path);

  /* Finishing an interrupted rotation finds nothing left to do. */
  again = jf_ctl_run (t.conninfo, (const char * const *) t.key_env, NULL, "rotate-key",
                      "--reencrypt-only", NULL);
  jf_ctl_assert_exit (again, 0);
  g_assert_nonnull (strstr (again->out, "0 rows re-encrypted in all with key 2"));
}

/* A change made behind the append-only trigger's back, as a superuser could. */
static void
as_replica (const char *sql)
{
  g_autofree char *wrapped = g_strdup_printf ("BEGIN; SET LOCAL session_replication_role = "
                                              "replica; %s; COMMIT", sql);

  jf_ctl_sql (t.conn, wrapped);
}

static void
test_tampered_event_detected (void)
{
  g_autofree char *target = jf_ctl_sql_text (t.conn,
                                             "SELECT e.id || ' ' || e.seq || ' ' || m.number "
                                             "FROM jf.events e JOIN jf.matters m "
                                             "ON m.id = e.matter_id WHERE e.seq = 3 "
                                             "ORDER BY m.id DESC LIMIT 1");
  g_auto(GStrv) f = g_strsplit (target, " ", 3);
  g_autofree char *tamper = g_strdup_printf ("UPDATE jf.events SET data = data || "
                                             "'{\"note\": \"改过\"}' WHERE id = %s", f[0]);
  g_autofree char *undo = g_strdup_printf ("UPDATE jf.events SET data = data - 'note' "
                                           "WHERE id = %s", f[0]);
  g_autofree char *expected = g_strdup_printf ("broken: matter %s event %s (id %s): hash does "
                                               "not match its content\n", f[2], f[1], f[0]);
  g_autoptr(JfCtlRun) caught = NULL;
  g_autoptr(JfCtlRun) clean = NULL;

  /* The trigger refuses the change outright... */
  {
    g_autofree char *plain = g_strdup_printf ("UPDATE jf.events SET data = '{}' WHERE id = %s",
                                              f[0]);
    PGresult *refused = PQexec (t.conn, plain);

    g_assert_cmpint (PQresultStatus (refused), ==, PGRES_FATAL_ERROR);
    PQclear (refused);
  }
  /* ...so a superuser goes around it, and the chain tells. */
  as_replica (tamper);
  caught = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (caught, 1);
  g_assert_cmpstr (caught->out, ==, expected);

  as_replica (undo);
  clean = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (clean, 0);
}

static void
test_removed_event_detected (void)
{
  g_autofree char *target = jf_ctl_sql_text (t.conn,
                                             "SELECT e.id || ' ' || m.number FROM jf.events e "
                                             "JOIN jf.matters m ON m.id = e.matter_id "
                                             "WHERE e.seq = m.event_seq AND e.seq > 1 "
                                             "ORDER BY m.id LIMIT 1");
  g_auto(GStrv) f = g_strsplit (target, " ", 2);
  g_autofree char *remove = g_strdup_printf ("DELETE FROM jf.events WHERE id = %s", f[0]);
  g_autofree char *prefix = g_strdup_printf ("broken: matter %s:", f[1]);
  g_autoptr(JfCtlRun) caught = NULL;

  as_replica (remove);
  caught = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (caught, 1);
  g_assert_true (g_str_has_prefix (caught->out, prefix));
  g_assert_nonnull (strstr (caught->out, "removed from its end"));
}

static void
test_tampered_audit_log_detected (void)
{
  g_autoptr(JfCtlRun) caught = NULL;
  PGconn *conn = t.conn;

  as_replica ("UPDATE jf.audit_log SET target = 'someone-else' WHERE position = 4");
  /* Make the matter whose last event was removed agree with its shorter chain, so that
   * the walk gets past the timelines to the audit log. */
  jf_ctl_sql (conn, "BEGIN; SET LOCAL session_replication_role = replica; "
                    "UPDATE jf.matters m SET event_seq = (SELECT count(*) FROM jf.events e "
                    "WHERE e.matter_id = m.id); COMMIT");
  caught = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
  jf_ctl_assert_exit (caught, 1);
  g_assert_true (g_str_has_prefix (caught->out,
                                   "broken: audit log entry 4 (id 4): hash does not match "
                                   "its content"));
}

static void
set_up (void)
{
  g_autoptr(JfCtlRun) migrate = NULL;
  g_autoptr(JfCtlRun) seed = NULL;
  g_autoptr(GError) error = NULL;

  t.conninfo = jf_ctl_empty_database ();
  migrate = jf_ctl_run (t.conninfo, NULL, NULL, "migrate", NULL);
  jf_ctl_assert_exit (migrate, 0);
  seed = jf_ctl_run (t.conninfo, NULL, NULL, "seed", NULL);
  jf_ctl_assert_exit (seed, 0);
  t.seed_out = g_steal_pointer (&seed->out);
  t.conn = jf_ctl_sql_connect (t.conninfo);
  t.key_dir = g_dir_make_tmp ("jf-seed-XXXXXX", &error);
  g_assert_no_error (error);
  t.key_file = g_build_filename (t.key_dir, "data-key", NULL);
  t.key_env[0] = g_strconcat ("JIEFEND_KEY_FILE=", t.key_file, NULL);
}

static void
tear_down (void)
{
  PQfinish (t.conn);
  jf_ctl_drop_database (t.conninfo);
  g_unlink (t.key_file);
  g_rmdir (t.key_dir);
  g_free (t.key_env[0]);
  g_free (t.key_file);
  g_free (t.key_dir);
  g_free (t.seed_out);
  g_free (t.conninfo);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/seed/organisation", test_organisation);
  g_test_add_func ("/jf/seed/departments", test_departments);
  g_test_add_func ("/jf/seed/categories-rules-calendar", test_reference);
  g_test_add_func ("/jf/seed/accounts-and-printed-passwords", test_accounts);
  g_test_add_func ("/jf/seed/second-run-changes-nothing", test_second_seed_changes_nothing);
  g_test_add_func ("/jf/seed/demo-matters-need-the-key-file", test_demo_matters_need_keys);
  g_test_add_func ("/jf/seed/demo-matters", test_demo_matters);
  g_test_add_func ("/jf/seed/demo-matters-again-adds-more", test_demo_matters_again_adds);
  g_test_add_func ("/jf/seed/rotate-key", test_rotate_key);
  g_test_add_func ("/jf/seed/tampered-event-detected", test_tampered_event_detected);
  g_test_add_func ("/jf/seed/removed-event-detected", test_removed_event_detected);
  g_test_add_func ("/jf/seed/tampered-audit-log-detected", test_tampered_audit_log_detected);
  set_up ();
  status = g_test_run ();
  tear_down ();
  return status;
}
