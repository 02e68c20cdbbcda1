/* jf-stats-data.c: the hand-made data set of test-stats.c, through the API as its users
 * would make it, and a little SQL for what only time would do (a due time run out, a matter
 * registered last year)
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "jf-stats-data.h"

static JfTestEnv *env;
static gint64 *m;             /* M1..M12; m[0] unused */
static const char *today;     /* YYYY-MM-DD, China Standard Time */

static JfTestResponse *
call (const char *method,
      const char *username,
      const char *body,
      const char *path_format,
      ...) G_GNUC_PRINTF (4, 5);

static JfTestResponse *
call (const char *method,
      const char *username,
      const char *body,
      const char *path_format,
      ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return jf_test_request (env->server, method, path, jf_test_env_token (env, username), body);
}

/* Blocking SQL behind the API: the first column of the first row as text (NULL: none). */
static char *
sql_text (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
sql_text (const char *format,
          ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_text (env, sql);
}

static gint64
text_to_int (char *text)
{
  gint64 value;

  g_assert_nonnull (text);
  value = g_ascii_strtoll (text, NULL, 10);
  g_free (text);
  return value;
}

#define sql_int(...) text_to_int (sql_text (__VA_ARGS__))
#define sql(...) g_free (sql_text (__VA_ARGS__))

static gint64
version_of (gint64 matter)
{
  return sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT, matter);
}

static void
make_account (const char *username,
              const char *roles,
              const char *org,
              const char *department)
{
  g_autofree char *body = g_strdup_printf (
    "{\"username\":\"%s\",\"name\":\"统计测试\",\"roles\":%s,\"org\":\"%s\"%s%s%s,"
    "\"password\":\"%s\"}", username, roles, org, department != NULL ? ",\"department\":\"" : "",
    department != NULL ? department : "", department != NULL ? "\"" : "", JF_TEST_PASSWORD);
  g_autoptr(JfTestResponse) r = call ("POST", "admin", body, "/v1/accounts");

  jf_test_assert_status (r, 201);
}

gint64
stats_data_intake (JfTestEnv  *test_env,
                   const char *username,
                   const char *kind,
                   const char *category,
                   const char *source,
                   const char *place,
                   const char *title)
{
  g_autofree char *body = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  env = test_env;
  body = g_strdup_printf (
    "{\"kind\":\"%s\",\"category\":\"%s\",\"source\":\"%s\",\"title\":\"%s\","
    "\"narrative\":\"当事人到场反映情况，请求调处。\",\"location\":{\"org\":\"%s\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"赵六\",\"id_number\":\"220402197003030035\","
    "\"phone\":\"13900000003\"},{\"role\":\"respondent\",\"name\":\"钱七\"}]}",
    kind, category, source, title, place);
  r = call ("POST", username, body, "/v1/matters");
  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

static void
move (const char *username,
      gint64      matter,
      const char *to,
      const char *fields)
{
  g_autofree char *body = g_strdup_printf ("{\"to\":\"%s\",\"version\":%" G_GINT64_FORMAT "%s%s}",
                                           to, version_of (matter),
                                           fields != NULL ? ",\"fields\":" : "",
                                           fields != NULL ? fields : "");
  g_autoptr(JfTestResponse) r = call ("POST", username, body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", matter);

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, to);
}

static void
follow_up (const char *username,
           gint64      matter,
           const char *satisfaction)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"satisfaction\":"
                                           "\"%s\",\"note\":\"电话回访\"}", version_of (matter),
                                           satisfaction);
  g_autoptr(JfTestResponse) r = call ("POST", username, body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/follow-ups", matter);

  jf_test_assert_status (r, 201);
}

static void
target_step (const char *username,
             gint64      target,
             const char *step,
             const char *body)
{
  g_autoptr(JfTestResponse) r = call ("POST", username, body,
                                      "/v1/whistle-targets/%" G_GINT64_FORMAT "/%s", target, step);

  jf_test_assert_status (r, 200);
}

/* A due time moved an hour before now, as if the time had run out: the target's and its
 * clock's. */
static void
target_due_passed (gint64      target,
                   const char *column,
                   const char *stage)
{
  sql ("UPDATE jf.whistle_targets SET %s = now() - interval '1 hour' WHERE id = %"
       G_GINT64_FORMAT, column, target);
  sql ("UPDATE jf.deadlines SET due_at = now() - interval '1 hour', "
       "warn_at = now() - interval '2 hours' WHERE subject = 'whistle_target:%" G_GINT64_FORMAT
       "' AND stage = '%s' AND state = 'running'", target, stage);
}

static void
whistle_m4 (void)
{
  g_autofree char *body = g_strdup_printf (
    "{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"normal\",\"request\":\"请住建局牵头处理\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"现场查看\"},"
    "\"assist\":[{\"department\":\"" LABOUR "\",\"ask\":\"核查欠薪\"}]}", version_of (m[4]));
  g_autoptr(JfTestResponse) r = call ("POST", "cun_a", body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/whistles", m[4]);
  gint64 housing, labour;

  jf_test_assert_status (r, 201);
  housing = jf_test_response_int (r, "whistle.targets.0.id");
  labour = jf_test_response_int (r, "whistle.targets.1.id");
  /* Housing: on time. */
  target_step ("bumen", housing, "check-in", "{}");
  target_step ("bumen", housing, "feedback", "{\"text\":\"已现场处理\"}");
  target_step ("cun_a", housing, "verify", "{\"rating\":5}");
  /* Human resources: checks in after its time, and feeds back after its time. */
  target_due_passed (labour, "checkin_due_at", "whistle_checkin");
  target_step ("renshe", labour, "check-in", "{}");
  target_due_passed (labour, "action_due_at", "whistle_action");
  target_step ("renshe", labour, "feedback", "{\"text\":\"已督促支付\"}");
  target_step ("cun_a", labour, "verify", "{\"rating\":3}");
}

static void
lawsuit_m8 (void)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"kind\":\"court\","
                                           "\"target\":\"龙山区人民法院\",\"reason\":\"当事人同意"
                                           "诉前调解\"}", version_of (m[8]));
  g_autoptr(JfTestResponse) referred = call ("POST", "cun_b", body,
                                             "/v1/matters/%" G_GINT64_FORMAT "/referrals", m[8]);
  g_autoptr(JfTestResponse) filed = NULL;
  g_autofree char *outcome = NULL;
  gint64 referral;

  jf_test_assert_status (referred, 201);
  referral = jf_test_response_int (referred, "id");
  outcome = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"outcome\":\"filed_lawsuit\","
                             "\"note\":\"诉前调解不成，登记立案\"}",
                             jf_test_response_int (referred, "version"));
  filed = call ("PATCH", "fayuan", outcome, "/v1/referrals/%" G_GINT64_FORMAT, referral);
  jf_test_assert_status (filed, 200);
  g_assert_cmpstr (jf_test_response_string (filed, "matter.status"), ==, "resolved");
}

static void
petition_m9 (void)
{
  g_autofree char *open = g_strdup_printf (
    "{\"petitioner_party_id\":%" G_GINT64_FORMAT ",\"facts\":\"某公司拖欠工资，请求督促支付\"}",
    sql_int ("SELECT id FROM jf.parties WHERE matter_id = %" G_GINT64_FORMAT
             " AND position = 0", m[9]));
  g_autoptr(JfTestResponse) opened = call ("POST", "xinfang", open,
                                           "/v1/matters/%" G_GINT64_FORMAT "/petition", m[9]);
  g_autofree char *decision = g_strdup_printf ("{\"accepted\":true,\"decided_on\":\"%s\"}", today);
  g_autofree char *reply = g_strdup_printf ("{\"replied_on\":\"%s\",\"text\":\"已督促支付\"}",
                                            today);
  g_autofree char *review = g_strdup_printf ("{\"requested_on\":\"%s\"}", today);
  const char * const steps[][2] = { { "decision", decision }, { "reply", reply },
                                    { "review-request", review } };
  gint64 petition;

  jf_test_assert_status (opened, 201);
  petition = jf_test_response_int (opened, "id");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(JfTestResponse) r = call ("POST", "xinfang", steps[i][1],
                                          "/v1/petitions/%" G_GINT64_FORMAT "/%s", petition,
                                          steps[i][0]);

      jf_test_assert_status (r, 200);
    }
}

void
stats_data_build (JfTestEnv  *test_env,
                  gint64      matters[13],
                  const char *day)
{
  const char *resolved = "{\"outcome\":\"双方和解\"}";
  g_autofree char *escalated = NULL;

  env = test_env;
  m = matters;
  today = day;

  make_account ("cun_a", "[\"reception\",\"mediator\"]", VILLAGE_A, NULL);
  make_account ("cun_b", "[\"reception\",\"mediator\"]", VILLAGE_B, NULL);
  make_account ("zhen_b", "[\"reception\",\"mediator\"]", TOWNSHIP_B, NULL);
  make_account ("renshe", "[\"department_liaison\"]", COUNTY, LABOUR);
  /* Round populations, for the no-litigation index. */
  sql ("UPDATE jf.org_units SET population = CASE code WHEN '" VILLAGE_A "' THEN 2000 "
       "WHEN '" VILLAGE_B "' THEN 4000 WHEN '" TOWNSHIP_A "' THEN 40000 WHEN '" TOWNSHIP_B "' "
       "THEN 50000 WHEN '" COUNTY "' THEN 100000 END "
       "WHERE code IN ('" VILLAGE_A "', '" VILLAGE_B "', '" TOWNSHIP_A "', '" TOWNSHIP_B "', '"
       COUNTY "')");

  m[1] = stats_data_intake (env, "cun_a", "dispute", "neighbor", "window", VILLAGE_A, "M1 邻里噪音");
  move ("cun_a", m[1], "accepted", NULL);
  move ("cun_a", m[1], "resolved", resolved);
  follow_up ("cun_a", m[1], "satisfied");
  move ("cun_a", m[1], "closed", NULL);

  m[2] = stats_data_intake (env, "cun_a", "request", "consumer", "hotline", VILLAGE_A, "M2 消费退款");
  move ("cun_a", m[2], "accepted", NULL);
  /* Accepted after its acceptance clock ran out. */
  sql ("UPDATE jf.deadlines SET due_at = met_at - interval '1 hour', warn_at = NULL "
       "WHERE matter_id = %" G_GINT64_FORMAT " AND stage = 'acceptance'", m[2]);
  move ("cun_a", m[2], "in_mediation", NULL);
  move ("cun_a", m[2], "resolved", resolved);
  follow_up ("cun_a", m[2], "basically_satisfied");

  m[3] = stats_data_intake (env, "cun_a", "dispute", "family", "grid", VILLAGE_A, "M3 家庭纠纷");
  move ("cun_a", m[3], "not_accepted",
        "{\"reason\":\"已进入诉讼程序\",\"redirect_to\":\"龙山区人民法院\"}");

  m[4] = stats_data_intake (env, "cun_a", "dispute", "labor", "window", VILLAGE_A, "M4 欠薪");
  move ("cun_a", m[4], "accepted", NULL);
  whistle_m4 ();
  move ("cun_a", m[4], "resolved", "{\"outcome\":\"各部门已办结\"}");
  follow_up ("cun_a", m[4], "unsatisfied");
  g_assert_cmpint (sql_int ("SELECT (status = 'accepted')::int FROM jf.matters WHERE id = %"
                            G_GINT64_FORMAT, m[4]), ==, 1);

  m[5] = stats_data_intake (env, "cun_a", "grid_event", "environment", "grid", VILLAGE_A, "M5 垃圾堆放");

  m[6] = stats_data_intake (env, "cun_b", "dispute", "land", "window", VILLAGE_B, "M6 宅基地");
  move ("cun_b", m[6], "accepted", NULL);
  move ("cun_b", m[6], "in_mediation", NULL);
  move ("cun_b", m[6], "resolved", resolved);
  follow_up ("cun_b", m[6], "satisfied");
  move ("cun_b", m[6], "closed", NULL);

  m[7] = stats_data_intake (env, "cun_b", "dispute", "neighbor", "police", VILLAGE_B, "M7 邻里冲突");
  move ("cun_b", m[7], "accepted", NULL);
  escalated = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"reason\":\"涉及多户\"}",
                               version_of (m[7]));
  {
    g_autoptr(JfTestResponse) r = call ("POST", "cun_b", escalated,
                                        "/v1/matters/%" G_GINT64_FORMAT "/escalate", m[7]);

    jf_test_assert_status (r, 200);
    g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, TOWNSHIP_B);
  }
  move ("zhen_b", m[7], "in_mediation", NULL);
  move ("zhen_b", m[7], "resolved", resolved);
  follow_up ("zhen_b", m[7], "satisfied");

  m[8] = stats_data_intake (env, "cun_b", "dispute", "contract_debt", "court", VILLAGE_B, "M8 借款纠纷");
  move ("cun_b", m[8], "accepted", NULL);
  lawsuit_m8 ();

  m[9] = stats_data_intake (env, "cun_b", "petition", "other", "petition", VILLAGE_B, "M9 信访事项");
  petition_m9 ();

  m[10] = stats_data_intake (env, "cun_b", "grid_event", "environment", "grid", VILLAGE_B, "M10 占道");
  move ("cun_b", m[10], "accepted", NULL);
  move ("cun_b", m[10], "withdrawn", "{\"reason\":\"当事人撤回\"}");

  m[11] = stats_data_intake (env, "chuangkou", "request", "other", "online", TOWNSHIP_A, "M11 咨询");
  move ("chuangkou", m[11], "accepted", NULL);
  move ("chuangkou", m[11], "resolved", resolved);
  follow_up ("chuangkou", m[11], "satisfied");
  move ("chuangkou", m[11], "closed", NULL);

  /* Registered a year ago (by SQL, before its first move, so that the move's refresh
   * counts it there), accepted today. */
  m[12] = stats_data_intake (env, "cun_a", "dispute", "neighbor", "window", VILLAGE_A, "M12 去年的纠纷");
  sql ("UPDATE jf.matters SET created_at = created_at - interval '1 year' WHERE id = %"
       G_GINT64_FORMAT, m[12]);
  move ("cun_a", m[12], "accepted", NULL);
}

void
stats_data_wait_fresh (JfTestEnv *test_env)
{
  g_autofree char *mark = NULL;
  gint64 deadline;

  env = test_env;
  mark = sql_text ("SELECT now()::text");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (sql_int ("SELECT (coalesce(fresh_at > '%s', false))::int FROM jf.stats_state",
                  mark) == 0)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the statistics did not catch up in 20 s");
      g_usleep (100000);
    }
}
