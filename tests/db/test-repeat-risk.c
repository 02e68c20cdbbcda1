/* test-repeat-risk.c: repeat disputes and rising risk (DOMAIN.md §7)
 *
 * While a clerk types an intake, the matters of the last 12 months with the same people
 * or at the same place are found at once (GET /v1/repeat), and so are a registered
 * matter's (GET /v1/matters/{id}/related), within the caller's scope. The risk rules — a
 * repeat dispute, a group of more than N people, a violence flag, a petition after a
 * failed mediation of the same applicant — each flag a matter at most once: a
 * 'risk.flagged' event on its timeline and a 'risk.alert' that reaches the supervisors
 * covering the owning centre on their WebSocket, and no one else.
 */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-links-test.h"
#include "jf-test-stream.h"

#define SUPERVISOR "ducha"   /* 龙山区 220402: covers the township's centre */
#define CLERK      "chuangkou"

/* ---- A client of the stream (jf-test-stream.h) ---- */

static JfTestStream *
client_new (const char *user)
{
  JfTestStream *c = jf_test_stream_new (links_env->server, jf_test_env_token (links_env, user), -1);

  g_assert_no_error (c->error);
  return c;
}


/* The risk alerts of rule @rule about @matter that @c has received within @ms. */
static guint
alerts (JfTestStream *c,
        gint64        matter,
        const char   *rule,
        guint         ms)
{
  gboolean timed_out = FALSE;
  g_autoptr(GSource) timer = g_timeout_source_new (ms);
  guint found = 0;

  g_source_set_callback (timer, jf_test_stream_timeout_cb, &timed_out, NULL);
  g_source_attach (timer, c->context);
  g_main_context_push_thread_default (c->context);
  while (!timed_out)
    g_main_context_iteration (c->context, TRUE);
  g_source_destroy (timer);
  g_main_context_pop_thread_default (c->context);
  for (guint i = 0; i < c->messages->len; i++)
    {
      JsonObject *m = json_node_get_object (c->messages->pdata[i]);
      JsonObject *payload = json_object_get_object_member (m, "payload");

      if (g_str_equal (json_object_get_string_member (m, "kind"), "risk.alert") &&
          json_object_get_int_member_with_default (m, "matter_id", 0) == matter &&
          g_strcmp0 (json_object_get_string_member_with_default (payload, "rule", ""), rule) == 0)
        found++;
    }
  return found;
}

/* ---- Helpers ---- */

static char *
id_number (const char *birth,
           guint       seq)
{
  g_autofree char *digits = g_strdup_printf ("220402%s%03u", birth, seq % 1000);

  return g_strdup_printf ("%s%c", digits, jf_id_number_check_character (digits));
}

static char *
applicant (const char *name,
           const char *id,
           const char *phone)
{
  return g_strdup_printf ("[{\"role\":\"applicant\",\"name\":\"%s\",\"id_number\":\"%s\","
                          "\"phone\":\"%s\"},{\"role\":\"respondent\",\"name\":\"对方\"}]",
                          name, id, phone);
}

/* Registers a matter as chuangkou; @extra adds members to the intake ("\"risk\":{…}"). */
static gint64
intake (const char *kind,
        const char *title,
        const char *parties,
        const char *address,
        const char *extra)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"%s\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"%s\","
    "\"narrative\":\"重复纠纷与风险测试\",\"location\":{\"org\":\"" LINKS_VILLAGE "\","
    "\"address\":\"%s\"},\"parties\":%s%s%s}", kind, title, address, parties,
    extra != NULL ? "," : "", extra != NULL ? extra : "");
  g_autoptr(JfTestResponse) r = links_call ("POST", CLERK, body, "/v1/matters");

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

static gint64
flags (gint64      matter,
       const char *rule)
{
  return links_sql_int ("SELECT (SELECT count(*) FROM jf.matter_risks WHERE matter_id = %"
                        G_GINT64_FORMAT " AND rule = '%s') * 100 + "
                        "(SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                        " AND kind = 'risk.flagged' AND data->>'rule' = '%s') * 10 + "
                        "(SELECT count(*) FROM jf.stream_events WHERE matter_id = %"
                        G_GINT64_FORMAT " AND kind = 'risk.alert' AND payload->>'rule' = '%s')",
                        matter, rule, matter, rule, matter, rule);
}

/* Exactly once: one flag, one timeline event, one alert on the stream. */
#define ONCE 111

static gboolean
lists_matter (JfTestResponse *r,
              gint64          matter,
              const char     *why)
{
  JsonNode *items = jf_test_response_get (r, "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonObject *item = json_array_get_object_element (json_node_get_array (items), i);
      JsonArray *reasons = json_object_get_array_member (item, "why");

      if (json_object_get_int_member (item, "id") != matter)
        continue;
      for (guint j = 0; why != NULL && j < json_array_get_length (reasons); j++)
        if (g_str_equal (json_array_get_string_element (reasons, j), why))
          return TRUE;
      return why == NULL;
    }
  return FALSE;
}

/* ---- Repeat disputes ---- */

static void
test_repeat_while_typing (void)
{
  g_autofree char *id = id_number ("19700101", 501);
  g_autofree char *parties = applicant ("房重复", id, "13512340001");
  gint64 first = intake ("dispute", "重复一", parties, "向阳小区9栋", NULL);
  g_autofree char *by_id = g_strdup_printf ("/v1/repeat?id_number=%s", id);
  g_autoptr(JfTestResponse) r_id = links_call ("GET", CLERK, NULL, "%s", by_id);
  g_autoptr(JfTestResponse) r_phone = links_call ("GET", CLERK, NULL,
                                                  "/v1/repeat?phone=13512340001");
  /* 房重复 at the village; 向阳小区9栋 there. */
  g_autoptr(JfTestResponse) r_name = links_call ("GET", CLERK, NULL,
                                                 "/v1/repeat?name=%s&place_org=" LINKS_VILLAGE,
                                                 "%E6%88%BF%E9%87%8D%E5%A4%8D");
  g_autoptr(JfTestResponse) r_place = links_call ("GET", CLERK, NULL,
                                                  "/v1/repeat?place_org=" LINKS_VILLAGE
                                                  "&address=%s",
                                                  "%E5%90%91%E9%98%B3%E5%B0%8F%E5%8C%BA9%E6%A0%8B");
  g_autoptr(JfTestResponse) none = links_call ("GET", CLERK, NULL, "/v1/repeat?phone=13512349999");
  gint64 times[21];

  jf_test_assert_status (r_id, 200);
  g_assert_true (lists_matter (r_id, first, "same_id_number"));
  g_assert_true (lists_matter (r_phone, first, "same_phone"));
  g_assert_true (lists_matter (r_name, first, "same_name_at_place"));
  g_assert_true (lists_matter (r_place, first, "same_address"));
  g_assert_null (jf_test_response_get (none, "items.0"));

  /* Fast enough to call while typing: the median of 21 lookups, through HTTP. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(JfTestResponse) r = links_call ("GET", CLERK, NULL, "%s", by_id);

      jf_test_assert_status (r, 200);
      times[i] = g_get_monotonic_time () - start;
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (times); j++)
      if (times[j] < times[i])
        {
          gint64 t = times[i];

          times[i] = times[j];
          times[j] = t;
        }
  g_test_message ("GET /v1/repeat: median %.2f ms, slowest %.2f ms over HTTP",
                  times[10] / 1000.0, times[20] / 1000.0);
  g_assert_cmpint (times[10], <, 20000);
}

static void
test_repeat_refused (void)
{
  const char *queries[] = { "/v1/repeat", "/v1/repeat?name=x",
                            "/v1/repeat?id_number=110105194912310021",
                            "/v1/repeat?phone=12", "/v1/repeat?place_org=999",
                            "/v1/repeat?limit=0&phone=13512340001",
                            "/v1/repeat?phone=13512340001&sort=new" };
  guint expected[] = { 422, 422, 422, 422, 422, 422, 400 };
  g_autoptr(JfTestResponse) liaison = links_call ("GET", "bumen", NULL,
                                                  "/v1/repeat?phone=13512340001");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(JfTestResponse) r = links_call ("GET", CLERK, NULL, "%s", queries[i]);

      if (r->status != expected[i])
        g_error ("%s: expected %u, got %u", queries[i], expected[i], r->status);
    }
  jf_test_assert_status (liaison, 403);
}

/* A registered matter's repeat disputes, in the caller's scope only. */
static void
test_related_and_scope (void)
{
  g_autofree char *id = id_number ("19710202", 502);
  g_autofree char *parties = applicant ("邱关联", id, "13512340002");
  gint64 first = intake ("dispute", "关联一", parties, "向阳小区10栋", NULL);
  gint64 second = intake ("dispute", "关联二", parties, "别的地址", NULL);
  g_autofree char *county_body = g_strdup_printf (
    "{\"kind\":\"petition\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"县里\","
    "\"narrative\":\"县信访局登记\",\"location\":{\"org\":\"" LINKS_VILLAGE "\"},"
    "\"parties\":%s}", parties);
  g_autoptr(JfTestResponse) county = links_call ("POST", "xinfang", county_body, "/v1/matters");
  g_autoptr(JfTestResponse) related = NULL;
  g_autoptr(JfTestResponse) clerk = NULL;
  g_autoptr(JfTestResponse) supervisor = NULL;
  g_autofree char *by_id = g_strdup_printf ("/v1/repeat?id_number=%s", id);
  gint64 county_matter;

  jf_test_assert_status (county, 201);
  county_matter = jf_test_response_int (county, "id");
  related = links_call ("GET", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/related", second);
  jf_test_assert_status (related, 200);
  g_assert_true (lists_matter (related, first, "same_id_number"));
  g_assert_false (lists_matter (related, second, NULL));
  /* The county's petition is outside the township clerk's scope, inside the county
   * supervisor's. */
  g_assert_false (lists_matter (related, county_matter, NULL));
  clerk = links_call ("GET", CLERK, NULL, "%s", by_id);
  g_assert_false (lists_matter (clerk, county_matter, NULL));
  g_assert_true (lists_matter (clerk, second, NULL));
  supervisor = links_call ("GET", SUPERVISOR, NULL, "%s", by_id);
  g_assert_true (lists_matter (supervisor, county_matter, "same_id_number"));
  g_assert_true (lists_matter (supervisor, first, NULL));
  /* Newest first. */
  g_assert_cmpint (jf_test_response_int (supervisor, "items.0.id"), ==, county_matter);
}

/* ---- Risk rules ---- */

static void
test_violence (void)
{
  JfTestStream *supervisor = client_new (SUPERVISOR);
  JfTestStream *clerk = client_new (CLERK);
  g_autofree char *id = id_number ("19720303", 503);
  g_autofree char *parties = applicant ("施暴力", id, "13512340003");
  gint64 matter = intake ("dispute", "暴力风险", parties, "向阳小区11栋",
                          "\"risk\":{\"violence\":true}");
  g_autoptr(JfTestResponse) risks = NULL;
  g_autoptr(JfTestResponse) edited = NULL;
  g_autofree char *edit = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"risk\":"
                                           "{\"violence\":true,\"group_size\":3}}",
                                           links_version (matter));

  g_assert_cmpint (flags (matter, "violence"), ==, ONCE);
  g_assert_cmpuint (alerts (supervisor, matter, "violence", 1000), ==, 1);
  /* The clerk works the matter; the alert is the supervisor's. */
  g_assert_cmpuint (alerts (clerk, matter, "violence", 200), ==, 0);
  risks = links_call ("GET", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/risks", matter);
  jf_test_assert_status (risks, 200);
  g_assert_cmpstr (jf_test_response_string (risks, "items.0.rule"), ==, "violence");
  g_assert_null (jf_test_response_get (risks, "items.1"));
  /* Changing the assessment again raises nothing new. */
  edited = links_call ("PATCH", CLERK, edit, "/v1/matters/%" G_GINT64_FORMAT, matter);
  jf_test_assert_status (edited, 200);
  g_assert_cmpint (flags (matter, "violence"), ==, ONCE);
  g_assert_cmpuint (alerts (supervisor, matter, "violence", 300), ==, 1);
  jf_test_stream_free (supervisor);
  jf_test_stream_free (clerk);
}

static void
test_group (void)
{
  JfTestStream *supervisor = client_new (SUPERVISOR);
  g_autofree char *id = id_number ("19730404", 504);
  g_autofree char *parties = applicant ("群体代表", id, "13512340004");
  gint64 ten = intake ("dispute", "十人", parties, "向阳小区12栋", "\"risk\":{\"group_size\":10}");
  gint64 many = intake ("dispute", "五十人", parties, "向阳小区12栋",
                        "\"risk\":{\"group_size\":50}");
  g_autofree char *edit = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"risk\":"
                                           "{\"group_size\":11}}", links_version (ten));
  g_autoptr(JfTestResponse) edited = NULL;
  gint64 raised;

  /* More than N (10 by default): 10 is not, 50 is. */
  g_assert_cmpint (flags (ten, "group_dispute"), ==, 0);
  g_assert_cmpint (flags (many, "group_dispute"), ==, ONCE);
  g_assert_cmpuint (alerts (supervisor, many, "group_dispute", 1000), ==, 1);
  /* An edit that makes it a group dispute raises the flag then. */
  edited = links_call ("PATCH", CLERK, edit, "/v1/matters/%" G_GINT64_FORMAT, ten);
  jf_test_assert_status (edited, 200);
  g_assert_cmpint (flags (ten, "group_dispute"), ==, ONCE);
  g_assert_cmpuint (alerts (supervisor, ten, "group_dispute", 1000), ==, 1);
  /* N is a setting. */
  links_sql ("UPDATE jf.risk_rules SET threshold = 60 WHERE rule = 'group_dispute'");
  raised = intake ("dispute", "五十人又", parties, "向阳小区12栋", "\"risk\":{\"group_size\":50}");
  links_sql ("UPDATE jf.risk_rules SET threshold = 10 WHERE rule = 'group_dispute'");
  g_assert_cmpint (flags (raised, "group_dispute"), ==, 0);
  jf_test_stream_free (supervisor);
}

static void
test_repeat_dispute (void)
{
  JfTestStream *supervisor = client_new (SUPERVISOR);
  g_autofree char *id = id_number ("19740505", 505);
  g_autofree char *parties = applicant ("柳再来", id, "13512340005");
  gint64 first = intake ("dispute", "第一次", parties, "向阳小区13栋", NULL);
  gint64 second;
  g_autoptr(JfTestResponse) risks = NULL;
  g_autofree char *number = links_sql_text ("SELECT number FROM jf.matters WHERE id = %"
                                            G_GINT64_FORMAT, first);

  g_assert_cmpint (flags (first, "repeat_dispute"), ==, 0);
  second = intake ("dispute", "第二次", parties, "向阳小区13栋", NULL);
  g_assert_cmpint (flags (second, "repeat_dispute"), ==, ONCE);
  g_assert_cmpint (flags (first, "repeat_dispute"), ==, 0);
  g_assert_cmpuint (alerts (supervisor, second, "repeat_dispute", 1000), ==, 1);
  risks = links_call ("GET", SUPERVISOR, NULL, "/v1/matters/%" G_GINT64_FORMAT "/risks", second);
  jf_test_assert_status (risks, 200);
  g_assert_cmpstr (jf_test_response_string (risks, "items.0.detail.matters.0"), ==, number);
  jf_test_stream_free (supervisor);
}

static gint64
failed_mediation (const char *parties)
{
  gint64 matter = links_register ("dispute", LINKS_VILLAGE, "调解不成", parties);
  g_autofree char *day = links_days_from_today (0);
  g_autofree char *body = g_strdup_printf ("{\"scheduled_at\":\"%sT09:30:00+08:00\","
                                           "\"room\":\"二楼调解室\",\"mediators\":[%"
                                           G_GINT64_FORMAT "]}", day,
                                           links_account ("tiaojie"));
  g_autoptr(JfTestResponse) session = NULL;
  g_autoptr(JfTestResponse) held = NULL;

  g_assert_cmpuint (links_move (CLERK, matter, "accepted", NULL), ==, 200);
  session = links_call ("POST", "tiaojie", body, "/v1/matters/%" G_GINT64_FORMAT
                        "/mediation-sessions", matter);
  jf_test_assert_status (session, 201);
  held = links_call ("PATCH", "tiaojie", "{\"version\":1,\"outcome\":\"failed\"}",
                     "/v1/mediation-sessions/%" G_GINT64_FORMAT,
                     jf_test_response_int (session, "id"));
  jf_test_assert_status (held, 200);
  return matter;
}

static void
test_petition_after_failed_mediation (void)
{
  JfTestStream *supervisor = client_new (SUPERVISOR);
  g_autofree char *id = id_number ("19750606", 506);
  g_autofree char *other = id_number ("19750606", 516);
  g_autofree char *parties = applicant ("龚上访", id, "13512340006");
  g_autofree char *other_parties = applicant ("龚旁人", other, "13512340016");
  gint64 mediated = failed_mediation (parties);
  gint64 petition = intake ("petition", "调解不成又信访", parties, "向阳小区14栋", NULL);
  gint64 unrelated = intake ("petition", "别人信访", other_parties, "向阳小区14栋", NULL);
  g_autoptr(JfTestResponse) risks = NULL;
  g_autofree char *number = links_sql_text ("SELECT number FROM jf.matters WHERE id = %"
                                            G_GINT64_FORMAT, mediated);
  g_autofree char *detail = NULL;

  g_assert_cmpint (flags (petition, "petition_after_failed_mediation"), ==, ONCE);
  g_assert_cmpuint (alerts (supervisor, petition, "petition_after_failed_mediation", 1000), ==,
                    1);
  /* The same applicant's second matter is a repeat dispute too: one flag per rule. */
  g_assert_cmpint (flags (petition, "repeat_dispute"), ==, ONCE);
  g_assert_cmpint (flags (unrelated, "petition_after_failed_mediation"), ==, 0);
  g_assert_cmpint (flags (mediated, "petition_after_failed_mediation"), ==, 0);
  risks = links_call ("GET", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/risks", petition);
  jf_test_assert_status (risks, 200);
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.matter_risks WHERE matter_id = %"
                                  G_GINT64_FORMAT, petition), ==, 2);
  detail = links_sql_text ("SELECT detail->>'matter' FROM jf.matter_risks "
                           "WHERE matter_id = %" G_GINT64_FORMAT
                           " AND rule = 'petition_after_failed_mediation'", petition);
  g_assert_cmpstr (detail, ==, number);
  jf_test_stream_free (supervisor);
}

/* The timelines, with the flags in them, still verify. */
static void
test_chains_verify (void)
{
  const char * const verify[] = { "audit", "verify", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jf_test_db_jiefenctl (links_env->conninfo, verify, NULL, &out, &error), ==, 0);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  links_setup ();
  g_test_add_func ("/jf/repeat/while-typing", test_repeat_while_typing);
  g_test_add_func ("/jf/repeat/refused", test_repeat_refused);
  g_test_add_func ("/jf/repeat/related-and-scope", test_related_and_scope);
  g_test_add_func ("/jf/risk/violence", test_violence);
  g_test_add_func ("/jf/risk/group-dispute", test_group);
  g_test_add_func ("/jf/risk/repeat-dispute", test_repeat_dispute);
  g_test_add_func ("/jf/risk/petition-after-failed-mediation",
                   test_petition_after_failed_mediation);
  g_test_add_func ("/jf/risk/chains-verify", test_chains_verify);
  status = g_test_run ();
  links_teardown ();
  return status;
}
