/* test-court.c: referrals, pre-litigation mediation and judicial confirmation through the API
 *
 * A referral is the lifecycle's "refer" move with its record; a court referral runs the
 * 30-day pre-litigation clock, extended only with both parties' consent; a lawsuit filed
 * resolves the matter at the court's level and counts as gone to court. Judicial
 * confirmation is refused after the 30 days of 《人民调解法》第三十三条, counted with the
 * holiday calendar; the court's steps run on their own clocks. Refusals write nothing.
 */
#include "config.h"

#include <string.h>

#include "jf-calendar.h"
#include "jf-links-test.h"

static JfCalendar *calendar;

static JfTestResponse *
refer (const char *username,
       gint64      matter,
       const char *kind,
       const char *target)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"kind\":\"%s\","
                                           "\"target\":\"%s\",\"reason\":\"当事人同意转入\"}",
                                           links_version (matter), kind, target);

  return links_call ("POST", username, body, "/v1/matters/%" G_GINT64_FORMAT "/referrals",
                     matter);
}

static gint64
referral_version (gint64 referral)
{
  return links_sql_int ("SELECT version FROM jf.referrals WHERE id = %" G_GINT64_FORMAT,
                        referral);
}

static JfTestResponse *
close_referral (const char *username,
                gint64      referral,
                const char *outcome,
                const char *note)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"outcome\":\"%s\""
                                           "%s%s%s}", referral_version (referral), outcome,
                                           note != NULL ? ",\"note\":\"" : "",
                                           note != NULL ? note : "", note != NULL ? "\"" : "");

  return links_call ("PATCH", username, body, "/v1/referrals/%" G_GINT64_FORMAT, referral);
}

/* @day moved @days on and rolled past holidays, as the server counts natural days. */
static char *
rolled (const GDate *from,
        guint        days)
{
  GDate day = *from;

  g_date_add_days (&day, days);
  jf_calendar_roll_forward (calendar, &day);
  return links_day (&day);
}

static void
test_prelitigation_extension_needs_both (void)
{
  gint64 matter = links_accepted ("诉前调解延期", FALSE);
  g_autoptr(JfTestResponse) referred = refer ("fayuan", matter, "court", "龙山区人民法院诉讼服务中心");
  g_autoptr(JfTestResponse) one = NULL;
  g_autoptr(JfTestResponse) none = NULL;
  g_autoptr(JfTestResponse) refused_false = NULL;
  g_autoptr(JfTestResponse) extended = NULL;
  g_autofree char *before = NULL;
  g_autofree char *due = NULL;
  g_autofree char *due_at = NULL;
  g_autofree char *extended_due = NULL;
  g_autofree char *clock = NULL;
  gint64 referral;
  GDate today, due_day;

  jf_test_assert_status (referred, 201);
  referral = jf_test_response_int (referred, "id");
  g_assert_true (json_node_get_boolean (jf_test_response_get (referred, "prelitigation")));
  g_assert_cmpstr (jf_test_response_string (referred, "matter.status"), ==, "referred");
  /* 30 natural days from today, rolled past a holiday. */
  links_today (&today);
  due = rolled (&today, 30);
  due_at = g_strdup_printf ("%sT23:59:59+08:00", due);
  g_assert_cmpstr (jf_test_response_string (referred, "due_at"), ==, due_at);
  clock = links_sql_text ("SELECT stage || ' ' || state FROM jf.deadlines WHERE subject = "
                          "'referral:%" G_GINT64_FORMAT "'", referral);
  g_assert_cmpstr (clock, ==, "prelitigation_mediation running");

  before = links_snapshot ();
  one = links_call ("POST", "fayuan", "{\"days\":15,\"consent\":{\"applicant\":true}}",
                    "/v1/referrals/%" G_GINT64_FORMAT "/extension", referral);
  g_assert_cmpuint (one->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (one, "error.code"), ==, "refused");
  g_assert_cmpstr (jf_test_response_string (one, "error.field"), ==, "consent.respondent");
  g_assert_nonnull (strstr (jf_test_response_string (one, "error.message"), "respondent"));
  none = links_call ("POST", "fayuan", "{\"days\":15}",
                     "/v1/referrals/%" G_GINT64_FORMAT "/extension", referral);
  g_assert_cmpuint (none->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (none, "error.field"), ==, "consent.applicant");
  g_assert_nonnull (strstr (jf_test_response_string (none, "error.message"),
                            "the applicant's and the respondent's"));
  refused_false = links_call ("POST", "fayuan", "{\"days\":15,\"consent\":{\"applicant\":false,"
                              "\"respondent\":true}}",
                              "/v1/referrals/%" G_GINT64_FORMAT "/extension", referral);
  g_assert_cmpuint (refused_false->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (refused_false, "error.field"), ==,
                   "consent.applicant");
  links_assert_unchanged (before);

  extended = links_call ("POST", "fayuan", "{\"days\":15,\"consent\":{\"applicant\":true,"
                         "\"respondent\":true}}",
                         "/v1/referrals/%" G_GINT64_FORMAT "/extension", referral);
  jf_test_assert_status (extended, 200);
  g_date_clear (&due_day, 1);
  g_date_set_parse (&due_day, due);
  g_free (due_at);
  extended_due = rolled (&due_day, 15);
  due_at = g_strdup_printf ("%sT23:59:59+08:00", extended_due);
  g_assert_cmpstr (jf_test_response_string (extended, "due_at"), ==, due_at);
  g_assert_cmpint (jf_test_response_int (extended, "extended_days"), ==, 15);
  g_assert_true (json_node_get_boolean (jf_test_response_get (extended, "consent.respondent")));
  g_free (clock);
  clock = links_sql_text ("SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') "
                          "FROM jf.deadlines WHERE subject = 'referral:%" G_GINT64_FORMAT "'",
                          referral);
  g_assert_cmpstr (clock, ==, extended_due);
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %"
                                  G_GINT64_FORMAT " AND kind = 'referral.extended'", matter),
                   ==, 1);
}

static void
test_lawsuit_goes_to_court (void)
{
  gint64 matter = links_accepted ("调解不成立案", TRUE);
  g_autoptr(JfTestResponse) referred = refer ("chuangkou", matter, "court", "龙山区人民法院");
  g_autoptr(JfTestResponse) filed = NULL;
  g_autoptr(JfTestResponse) doc = NULL;
  g_autofree char *kinds = NULL;
  gint64 referral;

  jf_test_assert_status (referred, 201);
  referral = jf_test_response_int (referred, "id");
  filed = close_referral ("fayuan", referral, "filed_lawsuit", "诉前调解不成，登记立案");
  jf_test_assert_status (filed, 200);
  g_assert_cmpstr (jf_test_response_string (filed, "status"), ==, "filed_lawsuit");
  g_assert_cmpstr (jf_test_response_string (filed, "matter.status"), ==, "resolved");
  doc = links_call ("GET", "chuangkou", NULL, "/v1/matters/%" G_GINT64_FORMAT, matter);
  g_assert_cmpstr (jf_test_response_string (doc, "resolved.outcome"), ==, "立案");
  g_assert_cmpstr (jf_test_response_string (doc, "resolved.level"), ==, "county");
  g_assert_cmpstr (jf_test_response_string (doc, "resolved.org.code"), ==, LINKS_COUNTY);
  /* Gone to court: the no-litigation index counts it where it happened. */
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.matters_to_court t "
                                  "JOIN jf.org_units v ON v.id = t.village_id "
                                  "WHERE t.matter_id = %" G_GINT64_FORMAT " AND v.code = '%s'",
                                  matter, LINKS_VILLAGE), ==, 1);
  kinds = links_sql_text ("SELECT string_agg(kind, ' ' ORDER BY seq) FROM jf.events "
                          "WHERE matter_id = %" G_GINT64_FORMAT " AND kind NOT IN "
                          "('registered', 'risk.flagged', 'move.accept', "
                          "'move.start_mediation')", matter);
  g_assert_cmpstr (kinds, ==, "move.refer referral.created move.resolve referral.closed");
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %"
                                  G_GINT64_FORMAT " AND kind = 'referral.closed' "
                                  "AND (data->>'went_to_court')::boolean", matter), ==, 1);
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.deadlines WHERE subject = "
                                  "'referral:%" G_GINT64_FORMAT "' AND state = 'met'", referral),
                   ==, 1);
  /* Resolved: a follow-up visit is due, as for any resolution. */
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.followups WHERE matter_id = %"
                                  G_GINT64_FORMAT, matter), ==, 1);
}

static void
test_other_outcomes (void)
{
  gint64 returned = links_accepted ("仲裁退回", FALSE);
  gint64 withdrawn = links_accepted ("申请人撤回", FALSE);
  gint64 settled = links_accepted ("诉前和解", FALSE);
  g_autoptr(JfTestResponse) r1 = refer ("chuangkou", returned, "arbitration",
                                        "龙山区劳动人事争议仲裁委员会");
  g_autoptr(JfTestResponse) r2 = refer ("chuangkou", withdrawn, "police", "向阳派出所");
  g_autoptr(JfTestResponse) r3 = refer ("chuangkou", settled, "court", "龙山区人民法院");
  g_autoptr(JfTestResponse) back = NULL;
  g_autoptr(JfTestResponse) gone = NULL;
  g_autoptr(JfTestResponse) agreed = NULL;

  jf_test_assert_status (r1, 201);
  jf_test_assert_status (r2, 201);
  jf_test_assert_status (r3, 201);
  g_assert_null (jf_test_response_string (r1, "due_at"));

  back = close_referral ("chuangkou", jf_test_response_int (r1, "id"), "returned",
                         "仲裁委不予受理，退回");
  jf_test_assert_status (back, 200);
  g_assert_cmpstr (links_status (returned), ==, "accepted");
  /* Back at the centre, handling starts again on its clock. */
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.deadlines WHERE matter_id = %"
                                  G_GINT64_FORMAT " AND stage = 'handling' AND state = "
                                  "'running'", returned), ==, 1);

  gone = close_referral ("chuangkou", jf_test_response_int (r2, "id"), "withdrawn",
                         "申请人撤回");
  jf_test_assert_status (gone, 200);
  g_assert_cmpstr (links_status (withdrawn), ==, "withdrawn");

  agreed = close_referral ("fayuan", jf_test_response_int (r3, "id"), "settled",
                           "诉前调解达成协议");
  jf_test_assert_status (agreed, 200);
  g_assert_cmpstr (links_status (settled), ==, "referred");
  g_assert_cmpuint (links_move ("fayuan", settled, "resolved",
                                "{\"outcome\":\"诉前调解达成协议\"}"), ==, 200);
}

/* A referral's refusals. */
typedef struct
{
  const char *name;
  const char *who;
  const char *kind;      /* of the referral made first; NULL: none */
  const char *path;      /* "refer", "close", "extend" */
  const char *body;      /* %V: the matter's (refer) or referral's version */
  guint       status;
  const char *field;
} BadReferral;

static const BadReferral bad_referrals[] = {
  { "unknown-kind", "chuangkou", NULL, "refer",
    "{\"version\":%V,\"kind\":\"school\",\"target\":\"x\",\"reason\":\"y\"}", 422, "kind" },
  { "no-target", "chuangkou", NULL, "refer", "{\"version\":%V,\"kind\":\"court\","
    "\"reason\":\"y\"}", 422, "target" },
  { "blank-reason", "chuangkou", NULL, "refer", "{\"version\":%V,\"kind\":\"court\","
    "\"target\":\"龙山区人民法院\",\"reason\":\"  \"}", 422, "reason" },
  { "stale-version", "chuangkou", NULL, "refer", "{\"version\":1,\"kind\":\"court\","
    "\"target\":\"龙山区人民法院\",\"reason\":\"y\"}", 409, "version" },
  { "grid-leader", "wangge", NULL, "refer", "{\"version\":%V,\"kind\":\"court\","
    "\"target\":\"龙山区人民法院\",\"reason\":\"y\"}", 403, NULL },
  { "police-officer", "minjing", NULL, "refer", "{\"version\":%V,\"kind\":\"court\","
    "\"target\":\"龙山区人民法院\",\"reason\":\"y\"}", 403, NULL },
  { "referred-already", "chuangkou", "court", "refer", "{\"version\":%V,\"kind\":\"police\","
    "\"target\":\"向阳派出所\",\"reason\":\"y\"}", 422, NULL },
  { "lawsuit-from-arbitration", "chuangkou", "arbitration", "close",
    "{\"version\":%V,\"outcome\":\"filed_lawsuit\"}", 422, "outcome" },
  { "returned-without-note", "chuangkou", "court", "close",
    "{\"version\":%V,\"outcome\":\"returned\"}", 422, "note" },
  { "unknown-outcome", "chuangkou", "court", "close", "{\"version\":%V,\"outcome\":\"lost\"}",
    422, "outcome" },
  { "stale-referral", "chuangkou", "court", "close", "{\"version\":7,\"outcome\":\"settled\"}",
    409, "version" },
  { "extend-arbitration", "chuangkou", "arbitration", "extend",
    "{\"days\":10,\"consent\":{\"applicant\":true,\"respondent\":true}}", 422, NULL },
  { "extend-zero-days", "chuangkou", "court", "extend",
    "{\"days\":0,\"consent\":{\"applicant\":true,\"respondent\":true}}", 422, "days" },
  { "extend-unknown-consent", "chuangkou", "court", "extend",
    "{\"days\":5,\"consent\":{\"applicant\":true,\"respondent\":true,\"court\":true}}", 422,
    "consent.court" },
  { "extend-as-liaison", "bumen", "court", "extend",
    "{\"days\":5,\"consent\":{\"applicant\":true,\"respondent\":true}}", 403, NULL },
};

static void
test_bad_referral (gconstpointer data)
{
  const BadReferral *bad = data;
  gint64 matter = links_accepted ("错误的转办", FALSE);
  gint64 referral = 0;
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  if (bad->kind != NULL)
    {
      g_autoptr(JfTestResponse) made = refer ("chuangkou", matter, bad->kind, "对口单位");

      jf_test_assert_status (made, 201);
      referral = jf_test_response_int (made, "id");
    }
  body = links_with_version (bad->body, g_str_equal (bad->path, "refer")
                                        ? links_version (matter) : referral_version (referral));
  before = links_snapshot ();
  if (g_str_equal (bad->path, "refer"))
    r = links_call ("POST", bad->who, body, "/v1/matters/%" G_GINT64_FORMAT "/referrals",
                    matter);
  else if (g_str_equal (bad->path, "close"))
    r = links_call ("PATCH", bad->who, body, "/v1/referrals/%" G_GINT64_FORMAT, referral);
  else
    r = links_call ("POST", bad->who, body, "/v1/referrals/%" G_GINT64_FORMAT "/extension",
                    referral);
  g_assert_cmpuint (r->status, ==, bad->status);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  links_assert_unchanged (before);
}

static void
test_open_referral_blocks_another (void)
{
  gint64 matter = links_accepted ("转办未结", FALSE);
  g_autoptr(JfTestResponse) first = refer ("chuangkou", matter, "petition", "龙山区信访局");
  g_autoptr(JfTestResponse) second = NULL;
  g_autoptr(JfTestResponse) closed = NULL;
  g_autoptr(JfTestResponse) third = NULL;
  g_autofree char *before = NULL;

  jf_test_assert_status (first, 201);
  /* Taken back on /transitions: the referral's record is still open. */
  g_assert_cmpuint (links_move ("chuangkou", matter, "accepted", "{\"reason\":\"信访局退回\"}"),
                    ==, 200);
  before = links_snapshot ();
  second = refer ("chuangkou", matter, "court", "龙山区人民法院");
  g_assert_cmpuint (second->status, ==, 422);
  g_assert_nonnull (strstr (jf_test_response_string (second, "error.message"), "still open"));
  links_assert_unchanged (before);
  /* Its outcome recorded (the matter is back already: no move), a new one may go. */
  closed = close_referral ("chuangkou", jf_test_response_int (first, "id"), "returned",
                           "信访局退回");
  jf_test_assert_status (closed, 200);
  g_assert_cmpstr (links_status (matter), ==, "accepted");
  third = refer ("chuangkou", matter, "court", "龙山区人民法院");
  jf_test_assert_status (third, 201);
}

/* ---- Judicial confirmation ---- */

static JfTestResponse *
apply (gint64      agreement,
       const char *applied_on)
{
  g_autofree char *body = g_strdup_printf ("{\"applied_on\":\"%s\",\"court\":\"龙山区人民法院\"}",
                                           applied_on);

  return links_call ("POST", "fayuan", body, "/v1/agreements/%" G_GINT64_FORMAT
                     "/judicial-confirmation", agreement);
}

/* A sealed agreement that took effect on @effective_on (the test moves the day back). */
static gint64
effective_agreement (const char *title,
                     const char *effective_on)
{
  gint64 matter = links_accepted (title, TRUE);
  gint64 agreement = links_sealed (matter);

  links_sql ("UPDATE jf.agreements SET effective_on = '%s' WHERE id = %" G_GINT64_FORMAT,
             effective_on, agreement);
  return agreement;
}

static void
test_confirmation_refused_after_30_days (void)
{
  gint64 agreement = effective_agreement ("司法确认逾期", "2026-06-01");
  gint64 national_day = effective_agreement ("国庆顺延", "2026-09-01");
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) late = apply (agreement, "2026-07-02");
  g_autoptr(JfTestResponse) holiday_late = apply (national_day, "2026-10-09");
  g_autoptr(JfTestResponse) early = apply (agreement, "2026-05-31");
  g_autoptr(JfTestResponse) in_time = NULL;
  g_autoptr(JfTestResponse) holiday_in_time = NULL;
  g_autoptr(JfTestResponse) twice = NULL;
  const char *message;

  g_assert_cmpuint (late->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (late, "error.code"), ==, "refused");
  g_assert_cmpstr (jf_test_response_string (late, "error.field"), ==, "applied_on");
  message = jf_test_response_string (late, "error.message");
  g_assert_nonnull (strstr (message, "《人民调解法》第三十三条"));
  g_assert_nonnull (strstr (message, "三十日内共同申请"));
  g_assert_nonnull (strstr (message, "the last day was 2026-07-01"));
  /* Day 30 (1 October) fell in the National Day holiday: the period ran to 8 October. */
  g_assert_cmpuint (holiday_late->status, ==, 422);
  g_assert_nonnull (strstr (jf_test_response_string (holiday_late, "error.message"),
                            "the last day was 2026-10-08"));
  g_assert_cmpuint (early->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (early, "error.field"), ==, "applied_on");
  links_assert_unchanged (before);

  in_time = apply (agreement, "2026-07-01");
  jf_test_assert_status (in_time, 201);
  /* Three days to decide on accepting: 4 July is a Saturday, so Monday the 6th. */
  g_assert_cmpstr (jf_test_response_string (in_time, "accept_due_on"), ==, "2026-07-06");
  holiday_in_time = apply (national_day, "2026-10-08");
  jf_test_assert_status (holiday_in_time, 201);
  /* 11 October is a Sunday (the 10th a make-up working Saturday): Monday the 12th. */
  g_assert_cmpstr (jf_test_response_string (holiday_in_time, "accept_due_on"), ==,
                   "2026-10-12");
  g_free (before);
  before = links_snapshot ();
  twice = apply (agreement, "2026-07-01");
  g_assert_cmpuint (twice->status, ==, 409);
  links_assert_unchanged (before);
}

static JfTestResponse *
court_step (const char *username,
            gint64      confirmation,
            const char *body)
{
  return links_call ("PATCH", username, body, "/v1/judicial-confirmations/%" G_GINT64_FORMAT,
                     confirmation);
}

static void
test_confirmation_steps (void)
{
  gint64 agreement = effective_agreement ("司法确认审查", "2026-06-01");
  g_autoptr(JfTestResponse) applied = apply (agreement, "2026-06-10");
  g_autoptr(JfTestResponse) accepted = NULL;
  g_autoptr(JfTestResponse) extended = NULL;
  g_autoptr(JfTestResponse) decided = NULL;
  g_autoptr(JfTestResponse) doc = NULL;
  g_autofree char *before = NULL;
  g_autofree char *clocks = NULL;
  gint64 confirmation;
  struct { const char *who; const char *body; guint status; const char *field; } bad[] = {
    { "fayuan", "{\"decided_on\":\"2026-06-20\",\"decision\":\"confirmed\"}", 422, "decision" },
    { "fayuan", "{\"extended\":true,\"approval_note\":\"院长批准\"}", 422, "extended" },
    { "fayuan", "{\"accepted_on\":\"2026-06-09\"}", 422, "accepted_on" },
    { "fayuan", "{\"accepted_on\":\"2026-06-15\",\"decision\":\"confirmed\"}", 422, NULL },
    { "fayuan", "{}", 422, NULL },
    { "fayuan", "{\"version\":9,\"accepted_on\":\"2026-06-15\"}", 409, "version" },
    { "tiaojie", "{\"accepted_on\":\"2026-06-15\"}", 403, NULL },
  };

  jf_test_assert_status (applied, 201);
  confirmation = jf_test_response_int (applied, "id");
  g_assert_cmpstr (jf_test_response_string (applied, "accept_due_on"), ==, "2026-06-15");
  before = links_snapshot ();
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JfTestResponse) r = court_step (bad[i].who, confirmation, bad[i].body);

      g_assert_cmpuint (r->status, ==, bad[i].status);
      g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad[i].field);
    }
  links_assert_unchanged (before);

  /* Accepted two days late: recorded and flagged, the decision's clock starts. */
  accepted = court_step ("fayuan", confirmation, "{\"accepted_on\":\"2026-06-17\"}");
  jf_test_assert_status (accepted, 200);
  g_assert_true (json_node_get_boolean (jf_test_response_get (accepted, "accepted_late")));
  g_assert_cmpstr (jf_test_response_string (accepted, "decide_due_on"), ==, "2026-07-02");
  extended = court_step ("fayuan", confirmation,
                         "{\"extended\":true,\"approval_note\":\"案情复杂，经院长批准延长\"}");
  jf_test_assert_status (extended, 200);
  /* 12 July is a Sunday: Monday the 13th. */
  g_assert_cmpstr (jf_test_response_string (extended, "decide_due_on"), ==, "2026-07-13");
  g_free (before);
  before = links_snapshot ();
  {
    g_autoptr(JfTestResponse) again = court_step ("fayuan", confirmation,
                                                  "{\"extended\":true,\"approval_note\":\"再延\"}");
    g_autoptr(JfTestResponse) no_ground = court_step (
      "fayuan", confirmation, "{\"decided_on\":\"2026-07-10\",\"decision\":\"refused\","
      "\"refusal_reason\":\"协议内容不明确\"}");
    g_autoptr(JfTestResponse) no_reason = court_step (
      "fayuan", confirmation, "{\"decided_on\":\"2026-07-10\",\"decision\":\"refused\"}");
    g_autoptr(JfTestResponse) not_accepted = court_step (
      "fayuan", confirmation, "{\"decided_on\":\"2026-07-10\",\"decision\":\"not_accepted\","
      "\"refusal_reason\":\"依据《民事诉讼法》第二百零五条\"}");

    g_assert_cmpuint (again->status, ==, 422);
    g_assert_cmpuint (no_ground->status, ==, 422);
    g_assert_cmpstr (jf_test_response_string (no_ground, "error.field"), ==, "refusal_reason");
    g_assert_cmpuint (no_reason->status, ==, 422);
    g_assert_cmpuint (not_accepted->status, ==, 422);
    g_assert_cmpstr (jf_test_response_string (not_accepted, "error.field"), ==, "decision");
  }
  links_assert_unchanged (before);

  decided = court_step ("fayuan", confirmation,
                        "{\"decided_on\":\"2026-07-10\",\"decision\":\"refused\",\"refusal_reason\":"
                        "\"《最高人民法院关于人民调解协议司法确认程序的若干规定》第七条第（五）项：协议内容不明确，无法确认\"}");
  jf_test_assert_status (decided, 200);
  g_assert_cmpstr (jf_test_response_string (decided, "decision"), ==, "refused");
  g_assert_false (json_node_get_boolean (jf_test_response_get (decided, "decided_late")));
  doc = links_call ("GET", "tiaojie", NULL, "/v1/agreements/%" G_GINT64_FORMAT, agreement);
  g_assert_cmpstr (jf_test_response_string (doc, "judicial_confirmation.decision"), ==,
                   "refused");
  clocks = links_sql_text ("SELECT string_agg(stage || ':' || state || ':' || "
                           "to_char(due_at AT TIME ZONE 'Asia/Shanghai', 'MM-DD'), ' ' "
                           "ORDER BY id) FROM jf.deadlines WHERE subject = "
                           "'judicial_confirmation:%" G_GINT64_FORMAT "'", confirmation);
  g_assert_cmpstr (clocks, ==, "judicial_confirmation_accept:met:06-15 "
                               "judicial_confirmation_decide:met:07-13");
}

static void
test_confirmation_needs_sealed (void)
{
  gint64 matter = links_accepted ("未生效协议", TRUE);
  gint64 draft = links_draft (matter);
  g_autofree char *today = links_days_from_today (0);
  g_autofree char *tomorrow = links_days_from_today (1);
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) unsealed = apply (draft, today);
  g_autoptr(JfTestResponse) future = apply (draft, tomorrow);

  g_assert_cmpuint (unsealed->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (unsealed, "error.code"), ==, "refused");
  g_assert_cmpuint (future->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (future, "error.field"), ==, "applied_on");
  links_assert_unchanged (before);
}

int
main (int argc, char **argv)
{
  g_autofree char *holidays = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  calendar = jf_calendar_new ();
  g_file_get_contents (g_getenv ("JF_HOLIDAYS_TSV"), &holidays, NULL, &error);
  g_assert_no_error (error);
  jf_calendar_load_tsv (calendar, holidays, &error);
  g_assert_no_error (error);
  links_setup ();
  g_test_add_func ("/jfd/court/prelitigation/extension-needs-both-consents",
                   test_prelitigation_extension_needs_both);
  g_test_add_func ("/jfd/court/prelitigation/lawsuit-goes-to-court", test_lawsuit_goes_to_court);
  g_test_add_func ("/jfd/court/referral/other-outcomes", test_other_outcomes);
  g_test_add_func ("/jfd/court/referral/open-one-blocks-another",
                   test_open_referral_blocks_another);
  for (guint i = 0; i < G_N_ELEMENTS (bad_referrals); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/court/referral/refused/%s",
                                               bad_referrals[i].name);
      g_test_add_data_func (name, &bad_referrals[i], test_bad_referral);
    }
  g_test_add_func ("/jfd/court/confirmation/refused-after-30-days",
                   test_confirmation_refused_after_30_days);
  g_test_add_func ("/jfd/court/confirmation/court-steps", test_confirmation_steps);
  g_test_add_func ("/jfd/court/confirmation/needs-a-sealed-agreement",
                   test_confirmation_needs_sealed);
  status = g_test_run ();
  links_teardown ();
  g_object_unref (calendar);
  return status;
}
