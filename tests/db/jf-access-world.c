/* jf-access-world.c: places, records made through the API, and the database behind it */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "jf-access-world.h"
#include "jf-id-number.h"

const JfAccessPlaceInfo jf_access_places[JF_ACCESS_N_PLACES] = {
  [JF_ACCESS_IN] = { "220402001", "chuangkou", "220402001001001", "grid_leader", "",
                     "220402-housing", "220402001001" },
  [JF_ACCESS_GRID] = { "220402001001001", "wangge", "220402001001001", "grid_leader", "",
                       "220402-housing", "220402001001" },
  [JF_ACCESS_SIB] = { "220402002", "nk_chuangkou", "220402002", "reception", "?org=220402002",
                      "220402-housing", "220402002001" },
  [JF_ACCESS_OUT] = { "220403001", "xa_chuangkou", "220403001", "reception", "?org=220403",
                      "220403-housing", "220403001001" },
};

/* Who works each place's records: its window accepts what is registered there, whistles,
 * schedules sessions, drafts agreements and refers; a people's mediator of its centre
 * signs agreements; the county's petition officer and court, and the liaison of the
 * county's housing department, take their own steps. */
static const struct
{
  const char *clerk;
  const char *mediator;
  const char *officer;
  const char *judge;
  const char *liaison;
} crews[JF_ACCESS_N_PLACES] = {
  [JF_ACCESS_IN] = { "chuangkou", "tiaojie", "xinfang", "fayuan", "bumen" },
  [JF_ACCESS_GRID] = { "chuangkou", "tiaojie", "xinfang", "fayuan", "bumen" },
  [JF_ACCESS_SIB] = { "nk_chuangkou", "nk_tiaojie", "xinfang", "fayuan", "bumen" },
  [JF_ACCESS_OUT] = { "xa_chuangkou", "xa_tiaojie", "xa_xinfang", "xa_fayuan", "xa_bumen" },
};

/* Where the registry's people of each place live: a grid of the place (for the township,
 * one that is not the grid leader's). */
static const char * const grids[JF_ACCESS_N_PLACES] = {
  [JF_ACCESS_IN] = "220402001001002",
  [JF_ACCESS_GRID] = "220402001001001",
  [JF_ACCESS_SIB] = "220402002001001",
  [JF_ACCESS_OUT] = "220403001001001",
};

const char jf_access_pdf[] = "%PDF-1.4\n% jiefen access matrix\n";
const gsize jf_access_pdf_size = sizeof jf_access_pdf - 1;

static JfTestEnv *env;
static PGconn *db;
static char *snapshot_sql;
static JfAccessRecord shared[JF_ACCESS_N_FIXTURES][JF_ACCESS_N_PLACES];
static guint unique;
static guint n_days;   /* calendar days made */

static char *
sql_text (const char *sql)
{
  PGresult *res = PQexec (db, sql);
  char *text;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    g_error ("SQL failed: %s\n%s", PQresultErrorMessage (res), sql);
  text = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return text;
}

gint64
jf_access_version_of (const char *table,
                      gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM jf.%s WHERE id = %" G_GINT64_FORMAT,
                                          table, id);
  g_autofree char *text = sql_text (sql);

  return g_ascii_strtoll (text, NULL, 10);
}

char *
jf_access_snapshot (void)
{
  if (snapshot_sql == NULL)
    {
      g_autofree char *parts = sql_text (
        "SELECT string_agg(format('SELECT %L || '':'' || count(*) || '':'' || "
        "coalesce(sum(xmin::text::bigint), 0) FROM jf.%I', tablename, tablename), "
        "' UNION ALL ') FROM pg_tables WHERE schemaname = 'jf'");

      snapshot_sql = g_strdup_printf ("SELECT string_agg(x, ' ' ORDER BY x) FROM (%s) t(x)",
                                      parts);
    }
  return sql_text (snapshot_sql);
}

static JfTestResponse *
call (const char *user,
      const char *method,
      const char *path,
      const char *body,
      guint       expected)
{
  JfTestResponse *r = jf_test_request (env->server, method, path,
                                       jf_test_env_token (env, user), body);

  if (r->status != expected)
    g_error ("fixture %s %s as %s: expected %u, got %u: %.*s", method, path, user, expected,
             r->status, (int) g_bytes_get_size (r->raw),
             (const char *) g_bytes_get_data (r->raw, NULL));
  return r;
}

/* The same on @collection/@id@step ("/v1/matters", 12, "/transitions"); the answer's
 * "id" or 0. */
static gint64
call_on (const char *user,
         const char *method,
         const char *collection,
         gint64      id,
         const char *step,
         const char *body,
         guint       expected)
{
  g_autofree char *path = g_strdup_printf ("%s/%" G_GINT64_FORMAT "%s", collection, id, step);
  g_autoptr(JfTestResponse) r = call (user, method, path, body, expected);
  JsonNode *answer = r->body != NULL && JSON_NODE_HOLDS_OBJECT (r->body)
                     ? jf_test_response_get (r, "id") : NULL;

  return answer != NULL ? json_node_get_int (answer) : 0;
}

static gint64
new_account (const char *username,
             const char *role,
             const char *org,
             const char *department)
{
  g_autofree char *member = department != NULL
                            ? g_strdup_printf ("\"department\":\"%s\",", department)
                            : g_strdup ("");
  g_autofree char *body = g_strdup_printf (
    "{\"username\":\"%s\",\"name\":\"矩阵账户\",\"roles\":[\"%s\"],\"org\":\"%s\",%s"
    "\"password\":\"%s\"}", username, role, org, member, JF_TEST_PASSWORD);
  g_autoptr(JfTestResponse) r = call ("admin", "POST", "/v1/accounts", body, 201);

  return jf_test_response_int (r, "id");
}

static gint64
sql_int (const char *sql)
{
  g_autofree char *text = sql_text (sql);

  return g_ascii_strtoll (text, NULL, 10);
}

const char *
jf_access_mediator (JfAccessPlace place)
{
  return crews[place].mediator;
}

gint64
jf_access_account_id (const char *username)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM jf.accounts WHERE username = '%s'",
                                          username);

  return sql_int (sql);
}

gint64
jf_access_party (gint64 matter,
                 guint  position)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM jf.parties WHERE matter_id = %"
                                          G_GINT64_FORMAT " AND position = %u", matter,
                                          position);

  return sql_int (sql);
}

gboolean
jf_access_whistled_to (gint64      matter,
                       const char *code)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM jf.whistles w JOIN jf.whistle_targets t ON t.whistle_id = w.id "
    "JOIN jf.departments d ON d.id = t.department_id "
    "WHERE w.matter_id = %" G_GINT64_FORMAT " AND d.code = '%s'", matter, code);

  return sql_int (sql) > 0;
}

char *
jf_access_last_audit (void)
{
  return sql_text ("SELECT coalesce(a.username, '-') || ' ' || l.action || ' ' || l.target "
                   "FROM jf.audit_log l LEFT JOIN jf.accounts a ON a.id = l.actor_id "
                   "ORDER BY l.id DESC LIMIT 1");
}

const char *
jf_access_grid (JfAccessPlace place)
{
  return grids[place];
}

char *
jf_access_day (int days)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

guint
jf_access_unique (void)
{
  return ++unique;
}

/* A petition, as the window registers it: the petitioner with an ID number. */
static char *
petition_intake_body (const char *title,
                      const char *org)
{
  return g_strdup_printf (
    "{\"kind\":\"petition\",\"category\":\"labor\",\"source\":\"window\",\"title\":\"%s\","
    "\"narrative\":\"信访人反映所在单位拖欠工资三个月，多次讨要未果。\","
    "\"location\":{\"org\":\"%s\",\"address\":\"福镇小区5栋\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"王五\",\"id_number\":\"220402197003030035\","
    "\"phone\":\"13900000003\"},{\"role\":\"respondent\",\"name\":\"某建筑公司\"}]}",
    title, org);
}

static gint64
register_matter (JfAccessPlace place,
                 gboolean      petition)
{
  const JfAccessPlaceInfo *p = &jf_access_places[place];
  g_autofree char *title = g_strdup_printf ("矩阵事项 %u", ++unique);
  g_autofree char *body = petition ? petition_intake_body (title, p->org)
                                   : jf_test_intake_body (title, p->org);
  g_autoptr(JfTestResponse) r = call (p->registrar, "POST", "/v1/matters", body, 201);

  return jf_test_response_int (r, "id");
}

/* A move on /transitions by the place's window. */
static void
move (JfAccessPlace place,
      gint64        matter,
      const char   *to,
      const char   *fields)
{
  g_autofree char *body = g_strdup_printf ("{\"to\":\"%s\",\"version\":%" G_GINT64_FORMAT "%s%s}",
                                           to, jf_access_version_of ("matters", matter),
                                           fields != NULL ? ",\"fields\":" : "",
                                           fields != NULL ? fields : "");

  call_on (crews[place].clerk, "POST", "/v1/matters", matter, "/transitions", body, 200);
}

static gint64
accepted_matter (JfAccessPlace place)
{
  gint64 id = register_matter (place, FALSE);

  move (place, id, "accepted", NULL);
  return id;
}

static void
make_target (JfAccessFixture  kind,
             JfAccessPlace    place,
             JfAccessRecord  *record)
{
  const char *liaison = crews[place].liaison;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  record->matter = accepted_matter (place);
  body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"normal\","
                          "\"request\":\"请住建局牵头处理\",\"lead\":{\"department\":\"%s\","
                          "\"ask\":\"现场查看违建\"}}",
                          jf_access_version_of ("matters", record->matter),
                          jf_access_places[place].housing);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles", record->matter);
  r = call (crews[place].clerk, "POST", path, body, 201);
  record->id = jf_test_response_int (r, "whistle.targets.0.id");
  if (kind == JF_ACCESS_FX_TARGET)
    return;
  call_on (liaison, "POST", "/v1/whistle-targets", record->id, "/check-in",
           "{\"note\":\"已到场\"}", 200);
  if (kind == JF_ACCESS_FX_TARGET_FED_BACK)
    call_on (liaison, "POST", "/v1/whistle-targets", record->id, "/feedback",
             "{\"text\":\"已现场处置完毕\"}", 200);
}

static void
make_session (JfAccessFixture  kind,
              JfAccessPlace    place,
              JfAccessRecord  *record)
{
  g_autofree char *tomorrow = jf_access_day (1);
  g_autofree char *body = g_strdup_printf (
    "{\"scheduled_at\":\"%sT09:00:00+08:00\",\"room\":\"调解室一\",\"mediators\":[%"
    G_GINT64_FORMAT "],\"participants\":[{\"name\":\"张三\",\"role\":\"applicant\"}]}",
    tomorrow, jf_access_account_id (crews[place].mediator));

  record->matter = accepted_matter (place);
  record->id = call_on (crews[place].clerk, "POST", "/v1/matters", record->matter,
                        "/mediation-sessions", body, 201);
  if (kind == JF_ACCESS_FX_SESSION_HELD)
    call_on (crews[place].clerk, "PATCH", "/v1/mediation-sessions", record->id, "",
             "{\"version\":1,\"outcome\":\"agreement\",\"statements\":\"双方同意\"}", 200);
}

static void
make_agreement (JfAccessFixture  kind,
                JfAccessPlace    place,
                JfAccessRecord  *record)
{
  const char *clerk = crews[place].clerk;
  g_autofree char *due = jf_access_day (30);
  g_autofree char *today = jf_access_day (0);
  g_autofree char *body = NULL;

  record->matter = accepted_matter (place);
  body = g_strdup_printf ("{\"parties\":[{\"party_id\":%" G_GINT64_FORMAT "},{\"party_id\":%"
                          G_GINT64_FORMAT "}],\"facts\":\"楼上住户夜间噪音扰民。\","
                          "\"terms\":\"一、李四夜间十时后不再制造噪音。\","
                          "\"performance_due\":\"%s\"}",
                          jf_access_party (record->matter, 0),
                          jf_access_party (record->matter, 1), due);
  record->id = call_on (clerk, "POST", "/v1/matters", record->matter, "/agreements", body,
                        201);
  if (kind == JF_ACCESS_FX_AGREEMENT)
    return;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sign = g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}",
                                               jf_access_party (record->matter, i));

      call_on (clerk, "POST", "/v1/agreements", record->id, "/signatures", sign, 200);
    }
  call_on (crews[place].mediator, "POST", "/v1/agreements", record->id, "/signatures",
           "{\"mediator\":true}", 200);
  if (kind == JF_ACCESS_FX_SEALED)
    return;
  g_free (body);
  body = g_strdup_printf ("{\"applied_on\":\"%s\",\"court\":\"龙山区人民法院\"}", today);
  record->id = call_on (clerk, "POST", "/v1/agreements", record->id, "/judicial-confirmation",
                        body, 201);
  if (kind == JF_ACCESS_FX_CONFIRMATION)
    return;
  g_free (body);
  body = g_strdup_printf ("{\"accepted_on\":\"%s\"}", today);
  call_on (crews[place].judge, "PATCH", "/v1/judicial-confirmations", record->id, "", body,
           200);
}

static void
make_referral (JfAccessFixture  kind,
               JfAccessPlace    place,
               JfAccessRecord  *record)
{
  g_autofree char *body = NULL;

  record->matter = accepted_matter (place);
  body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"kind\":\"court\","
                          "\"target\":\"龙山区人民法院\",\"reason\":\"当事人同意诉前调解\"}",
                          jf_access_version_of ("matters", record->matter));
  record->id = call_on (crews[place].clerk, "POST", "/v1/matters", record->matter,
                        "/referrals", body, 201);
  if (kind == JF_ACCESS_FX_REFERRAL)
    return;
  g_free (body);
  body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"outcome\":\"settled\","
                          "\"note\":\"诉前调解成功\"}",
                          jf_access_version_of ("referrals", record->id));
  call_on (crews[place].clerk, "PATCH", "/v1/referrals", record->id, "", body, 200);
}

/* A petition record taken by the county's petition officer to the stage of @kind. */
static void
make_petition (JfAccessFixture  kind,
               JfAccessPlace    place,
               JfAccessRecord  *record)
{
  const char *officer = crews[place].officer;
  g_autofree char *today = jf_access_day (0);
  g_autofree char *request = g_strdup_printf ("{\"requested_on\":\"%s\"}", today);
  g_autofree char *again = g_strdup_printf ("{\"requested_on\":\"%s\",\"stage\":\"rereview\"}",
                                            today);
  g_autofree char *body = NULL;
  const struct { JfAccessFixture from; const char *step; const char *body; } steps[] = {
    { JF_ACCESS_FX_PETITION_HANDLING, "/decision", "{\"accepted\":true}" },
    { JF_ACCESS_FX_PETITION_REPLIED, "/reply", "{\"text\":\"经核查，已责令用人单位限期支付。\"}" },
    { JF_ACCESS_FX_PETITION_REVIEW_REQUESTED, "/review-request", request },
    { JF_ACCESS_FX_PETITION_REREVIEW_REQUESTED, "/review", "{\"text\":\"维持原处理意见。\"}" },
    { JF_ACCESS_FX_PETITION_REREVIEW_REQUESTED, "/review-request", again },
  };

  record->id = record->matter = register_matter (place, TRUE);
  if (kind == JF_ACCESS_FX_PETITION_MATTER)
    return;
  /* Facts of their own: after a re-review the same facts are not taken again. */
  body = g_strdup_printf ("{\"petitioner_party_id\":%" G_GINT64_FORMAT ",\"facts\":\"拖欠工资"
                          "第%u笔\"}", jf_access_party (record->matter, 0), ++unique);
  record->id = call_on (officer, "POST", "/v1/matters", record->matter, "/petition", body,
                        201);
  for (guint i = 0; i < G_N_ELEMENTS (steps) && kind >= steps[i].from; i++)
    call_on (officer, "POST", "/v1/petitions", record->id, steps[i].step, steps[i].body, 200);
}

static void
make_clock (JfAccessFixture  kind,
            JfAccessPlace    place,
            JfAccessRecord  *record)
{
  const JfAccessPlaceInfo *p = &jf_access_places[place];
  g_autofree char *path = NULL;
  g_autoptr(JfTestResponse) r = NULL;
  JsonArray *clocks;

  record->matter = register_matter (place, FALSE);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/deadlines", record->matter);
  r = call (p->registrar, "GET", path, NULL, 200);
  clocks = json_node_get_array (r->body);
  for (guint i = 0; i < json_array_get_length (clocks) && record->id == 0; i++)
    {
      JsonObject *clock = json_array_get_object_element (clocks, i);

      if (g_strcmp0 (json_object_get_string_member (clock, "state"), "running") == 0)
        record->id = json_object_get_int_member (clock, "id");
    }
  if (record->id == 0)
    g_error ("a registered matter has no running clock");
  if (kind == JF_ACCESS_FX_CLOCK_PAUSED)
    call_on (crews[place].clerk, "POST", "/v1/deadlines", record->id, "/pause",
             "{\"reason\":\"hearing\",\"note\":\"等待听证\"}", 200);
}

/* The answer's "id", of a request without an id in its path. */
static gint64
call_id (const char *user,
         const char *method,
         const char *path,
         const char *body,
         guint       expected)
{
  g_autoptr(JfTestResponse) r = call (user, method, path, body, expected);

  return jf_test_response_int (r, "id");
}

static void
make_reference (JfAccessFixture  kind,
                JfAccessRecord  *record)
{
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  guint n = ++unique;
  GDate day;

  switch (kind)
    {
    case JF_ACCESS_FX_RULE:
      body = g_strdup_printf ("{\"stage\":\"matrix_stage_%u\",\"unit\":\"natural_days\","
                              "\"amount\":5,\"description\":\"矩阵期限\"}", n);
      record->id = call_id ("admin", "POST", "/v1/deadline-rules", body, 201);
      break;
    case JF_ACCESS_FX_CATEGORY:
      g_snprintf (record->key, sizeof record->key, "matrix_cat_%u", n);
      body = g_strdup_printf ("{\"slug\":\"%s\",\"name_zh\":\"矩阵类别%u\","
                              "\"name_en\":\"Matrix category %u\"}", record->key, n, n);
      jf_test_response_free (call ("admin", "POST", "/v1/categories", body, 201));
      break;
    case JF_ACCESS_FX_DAY:
    default:
      /* A day of its own, in a year that no clock of the test reaches. */
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2099);
      g_date_add_days (&day, n_days++);
      g_date_strftime (record->key, sizeof record->key, "%Y-%m-%d", &day);
      path = g_strdup_printf ("/v1/calendar/%s", record->key);
      jf_test_response_free (call ("admin", "PUT", path,
                                   "{\"kind\":\"off\",\"name\":\"矩阵假日\"}", 200));
      break;
    }
}

/* A record of the registry at @place, made by its registrar: its id. */
static gint64
make_registry (JfAccessFixture kind,
               JfAccessPlace   place)
{
  const JfAccessPlaceInfo *p = &jf_access_places[place];
  guint n = ++unique;
  g_autofree char *digits = g_strdup_printf ("2204021980%02u%02u%03u", 1 + (n / 1000) / 28,
                                             1 + (n / 1000) % 28, n % 1000);
  g_autofree char *body = NULL;
  const char *path;

  switch (kind)
    {
    case JF_ACCESS_FX_PERSON:
      path = "/v1/people";
      body = g_strdup_printf ("{\"name\":\"矩阵居民%u\",\"id_number\":\"%s%c\","
                              "\"phone\":\"139%08u\",\"address\":\"矩阵小区%u号\","
                              "\"grid\":\"%s\"}", n, digits,
                              jf_id_number_check_character (digits), n, n, grids[place]);
      break;
    case JF_ACCESS_FX_PLACE:
      path = "/v1/places";
      body = g_strdup_printf ("{\"kind\":\"building\",\"name\":\"矩阵楼%u\","
                              "\"address\":\"矩阵路%u号\",\"org\":\"%s\"}", n, n, p->org);
      break;
    case JF_ACCESS_FX_ORGANISATION:
      path = "/v1/organisations";
      body = g_strdup_printf ("{\"kind\":\"company\",\"name\":\"矩阵公司%u\",\"org\":\"%s\"}",
                              n, p->org);
      break;
    case JF_ACCESS_FX_THING:
    default:
      path = "/v1/things";
      body = g_strdup_printf ("{\"kind\":\"facility\",\"name\":\"矩阵设施%u\",\"org\":\"%s\"}",
                              n, p->org);
      break;
    }
  return call_id (p->registrar, "POST", path, body, 201);
}

static JfAccessRecord
make (JfAccessFixture kind,
      JfAccessPlace   place)
{
  const JfAccessPlaceInfo *p = &jf_access_places[place];
  JfAccessRecord record = { 0, 0, "" };
  g_autofree char *name = NULL;

  switch (kind)
    {
    case JF_ACCESS_FX_ACCOUNT:
      name = g_strdup_printf ("mx-%u", ++unique);
      record.id = new_account (name, p->account_role, p->account_org, NULL);
      break;
    case JF_ACCESS_FX_MATTER:
      record.id = record.matter = register_matter (place, FALSE);
      break;
    case JF_ACCESS_FX_ACCEPTED:
      record.id = record.matter = accepted_matter (place);
      break;
    case JF_ACCESS_FX_ATTACHMENT:
      {
        g_autoptr(GBytes) file = g_bytes_new_static (jf_access_pdf, jf_access_pdf_size);
        g_autofree char *path = NULL;
        g_autoptr(JfTestResponse) r = NULL;

        record.matter = register_matter (place, FALSE);
        path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                "/attachments?filename=matrix.pdf", record.matter);
        r = jf_test_request_full (env->server, "POST", path,
                                  jf_test_env_token (env, p->registrar), "application/pdf",
                                  file, NULL);
        jf_test_assert_status (r, 201);
        record.id = jf_test_response_int (r, "id");
      }
      break;
    case JF_ACCESS_FX_RESOLVED:
      record.id = record.matter = accepted_matter (place);
      move (place, record.matter, "resolved", "{\"outcome\":\"当场调解成功\"}");
      break;
    case JF_ACCESS_FX_TARGET:
    case JF_ACCESS_FX_TARGET_CHECKED_IN:
    case JF_ACCESS_FX_TARGET_FED_BACK:
      make_target (kind, place, &record);
      break;
    case JF_ACCESS_FX_SESSION:
    case JF_ACCESS_FX_SESSION_HELD:
      make_session (kind, place, &record);
      break;
    case JF_ACCESS_FX_AGREEMENT:
    case JF_ACCESS_FX_SEALED:
    case JF_ACCESS_FX_CONFIRMATION:
    case JF_ACCESS_FX_CONFIRMATION_ACCEPTED:
      make_agreement (kind, place, &record);
      break;
    case JF_ACCESS_FX_REFERRAL:
    case JF_ACCESS_FX_REFERRAL_CLOSED:
      make_referral (kind, place, &record);
      break;
    case JF_ACCESS_FX_PETITION_MATTER:
    case JF_ACCESS_FX_PETITION:
    case JF_ACCESS_FX_PETITION_HANDLING:
    case JF_ACCESS_FX_PETITION_REPLIED:
    case JF_ACCESS_FX_PETITION_REVIEW_REQUESTED:
    case JF_ACCESS_FX_PETITION_REREVIEW_REQUESTED:
      make_petition (kind, place, &record);
      break;
    case JF_ACCESS_FX_CLOCK:
    case JF_ACCESS_FX_CLOCK_PAUSED:
      make_clock (kind, place, &record);
      break;
    case JF_ACCESS_FX_RULE:
    case JF_ACCESS_FX_CATEGORY:
    case JF_ACCESS_FX_DAY:
      make_reference (kind, &record);
      break;
    case JF_ACCESS_FX_PERSON:
    case JF_ACCESS_FX_PLACE:
    case JF_ACCESS_FX_ORGANISATION:
    case JF_ACCESS_FX_THING:
      record.id = make_registry (kind, place);
      break;
    case JF_ACCESS_FX_LINKED:
      {
        g_autofree char *body = NULL;

        record.matter = register_matter (place, FALSE);
        record.id = jf_access_fixture (JF_ACCESS_FX_PERSON, place, FALSE).id;
        body = g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT ",\"role\":\"third_party\"}",
                                record.id);
        call_on (p->registrar, "POST", "/v1/matters", record.matter, "/links", body, 200);
        g_snprintf (record.key, sizeof record.key, "people/%" G_GINT64_FORMAT, record.id);
      }
      break;
    case JF_ACCESS_FX_PARTY:
      record.matter = register_matter (place, FALSE);
      record.id = jf_access_party (record.matter, 1);
      g_snprintf (record.key, sizeof record.key, "%" G_GINT64_FORMAT, record.id);
      break;
    case JF_ACCESS_FX_REVEAL_QUERY:
      g_snprintf (record.key, sizeof record.key, "?reveal=true%s%s",
                  p->query[0] != '\0' ? "&" : "", p->query[0] != '\0' ? p->query + 1 : "");
      break;
    case JF_ACCESS_FX_NONE:
    case JF_ACCESS_FX_QUERY:
    case JF_ACCESS_FX_ORG:
    case JF_ACCESS_N_FIXTURES:
    default:
      break;
    }
  return record;
}

JfAccessRecord
jf_access_fixture (JfAccessFixture kind,
                   JfAccessPlace   place,
                   gboolean        fresh)
{
  JfAccessRecord *kept = &shared[kind][place];

  if (fresh)
    return make (kind, place);
  if (kept->id == 0 && kept->key[0] == '\0')
    *kept = make (kind, place);
  return *kept;
}

void
jf_access_forget (JfAccessFixture kind,
                  JfAccessPlace   place)
{
  memset (&shared[kind][place], 0, sizeof (JfAccessRecord));
}

static void
stream_connected_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  SoupWebsocketConnection **out = data;

  *out = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, NULL);
  if (*out == NULL)
    *out = (gpointer) out;  /* done: refused */
}

guint
jf_access_open_stream (const char *token)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = g_strconcat (env->server->base_url, "/v1/stream", NULL);
  SoupWebsocketConnection *ws = NULL;
  guint status;

  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", url);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        stream_connected_cb, &ws);
  while (ws == NULL)
    g_main_context_iteration (context, TRUE);
  status = soup_message_get_status (msg);
  if ((gpointer) ws != (gpointer) &ws)
    {
      soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      while (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_CLOSED)
        g_main_context_iteration (context, TRUE);
      g_object_unref (ws);
    }
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
  return status;
}

void
jf_access_world_init (JfTestEnv *test_env)
{
  env = test_env;
  db = PQconnectdb (env->conninfo);
  g_assert_cmpint (PQstatus (db), ==, CONNECTION_OK);
  /* The windows of the sibling township and of the other county, who make their records,
   * their people's mediators, and the other county's petition officer, court and housing
   * liaison (the demo accounts serve 龙山区). */
  new_account ("nk_chuangkou", "reception", jf_access_places[JF_ACCESS_SIB].org, NULL);
  new_account ("xa_chuangkou", "reception", jf_access_places[JF_ACCESS_OUT].org, NULL);
  new_account ("nk_tiaojie", "mediator", jf_access_places[JF_ACCESS_SIB].org, NULL);
  new_account ("xa_tiaojie", "mediator", jf_access_places[JF_ACCESS_OUT].org, NULL);
  new_account ("xa_xinfang", "petition_officer", "220403", NULL);
  new_account ("xa_fayuan", "court", "220403", NULL);
  new_account ("xa_bumen", "department_liaison", "220403",
               jf_access_places[JF_ACCESS_OUT].housing);
}

void
jf_access_world_free (void)
{
  g_clear_pointer (&db, PQfinish);
  g_clear_pointer (&snapshot_sql, g_free);
  env = NULL;
}
