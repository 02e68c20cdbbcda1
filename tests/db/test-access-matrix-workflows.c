/* test-access-matrix-workflows.c: the access matrix's rows of the workflows
 *
 * Whistle and report, escalation and hand-down, follow-up visits, mediation sessions and
 * the police alert, agreements, referrals and judicial confirmation, petitions, clocks,
 * and the administrators' reference data (test-access-matrix.c runs them). Each status is
 * written by hand from the rules of the engineers who built the workflows and from
 * DOMAIN.md; the rule a row tests is stated above it. Where the rules were silent:
 * - a liaison reads a matter whistled to their department and what hangs from it (its
 *   timeline, whistles, clocks), not one never whistled to it (DOMAIN.md §1, §3);
 * - the writes of the links (sessions, agreements, referrals, confirmations, petitions,
 *   clocks) are made within the actor's subtree, as every write on a matter is: a county's
 *   staff act on the sibling township's matters, nobody on another county's;
 * - reference data (deadline rules, the calendar) is read by anyone signed in and changed
 *   by the administrator only, at the city; the change is in the audit log, as the
 *   administrator's (check_audited), and a refused one writes nothing;
 * - a state that a step does not start from is refused as a matter's status is (422), for
 *   the roles that may take the step: the status column;
 * - the inbox and reference data have no place: one column of cells each.
 * The columns: chuangkou tiaojie wangge bumen fayuan xinfang minjing ducha admin shenji.
 */
#include "config.h"

#include "jf-access-matrix.h"

/* ---- Bodies ---- */

static gint64
version_of (const char *table,
            gint64      id)
{
  return id == 0 ? 1 : jf_access_version_of (table, id);
}

static gint64
matter_version (const Cell *c)
{
  return version_of ("matters", c->fx.matter);
}

static char *
body_whistle (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"normal\","
                          "\"request\":\"请住建局牵头处理\",\"lead\":{\"department\":\"%s\","
                          "\"ask\":\"现场查看违建\"}}", matter_version (c),
                          jf_access_places[c->place].housing);
}

static char *
body_check_in (const Cell *c)
{
  return g_strdup ("{\"note\":\"已到场\"}");
}

static char *
body_feedback (const Cell *c)
{
  return g_strdup ("{\"text\":\"已现场处置完毕\"}");
}

static char *
body_target_extension (const Cell *c)
{
  return g_strdup ("{\"reason\":\"需协调规划部门\",\"days\":2}");
}

static char *
body_verify (const Cell *c)
{
  return g_strdup ("{\"rating\":5,\"note\":\"处置及时\"}");
}

static char *
body_send_back (const Cell *c)
{
  return g_strdup ("{\"note\":\"请补充整改照片\"}");
}

static char *
body_escalate (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ","
                          "\"reason\":\"本级难以化解，提请上级\"}", matter_version (c));
}

static char *
body_hand_down (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"to_org\":\"%s\","
                          "\"reason\":\"交由村（社区）就地化解\"}", matter_version (c),
                          jf_access_places[c->place].below);
}

static char *
body_follow_up (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"satisfaction\":\"satisfied\","
                          "\"note\":\"当事人表示满意\"}", matter_version (c));
}

static char *
body_session (const Cell *c)
{
  g_autofree char *tomorrow = jf_access_day (1);

  return g_strdup_printf ("{\"scheduled_at\":\"%sT14:00:00+08:00\",\"room\":\"调解室二\","
                          "\"mediators\":[%" G_GINT64_FORMAT "]}", tomorrow,
                          jf_access_account_id (jf_access_mediator (c->place)));
}

static char *
body_session_record (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"outcome\":\"agreement\","
                          "\"statements\":\"双方同意和解\"}",
                          version_of ("mediation_sessions", c->fx.id));
}

static char *
body_police_alert (const Cell *c)
{
  return g_strdup ("{\"note\":\"当事人情绪激动，有动手倾向\"}");
}

static char *
body_agreement (const Cell *c)
{
  g_autofree char *due = jf_access_day (30);

  return g_strdup_printf ("{\"parties\":[{\"party_id\":%" G_GINT64_FORMAT "},{\"party_id\":%"
                          G_GINT64_FORMAT "}],\"facts\":\"楼上住户夜间噪音扰民。\","
                          "\"terms\":\"一、夜间十时后不再制造噪音。\",\"performance_due\":\"%s\"}",
                          jf_access_party (c->fx.matter, 0), jf_access_party (c->fx.matter, 1),
                          due);
}

static char *
body_sign (const Cell *c)
{
  return g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}",
                          jf_access_party (c->fx.matter, 0));
}

static char *
body_performance (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"performance\":\"fulfilled\","
                          "\"note\":\"已按期履行\"}", version_of ("agreements", c->fx.id));
}

static char *
body_confirmation (const Cell *c)
{
  g_autofree char *today = jf_access_day (0);

  return g_strdup_printf ("{\"applied_on\":\"%s\",\"court\":\"龙山区人民法院\"}", today);
}

static char *
body_confirmation_accept (const Cell *c)
{
  g_autofree char *today = jf_access_day (0);

  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"accepted_on\":\"%s\"}",
                          version_of ("judicial_confirmations", c->fx.id), today);
}

static char *
body_refer (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"kind\":\"court\","
                          "\"target\":\"龙山区人民法院\",\"reason\":\"当事人同意诉前调解\"}",
                          matter_version (c));
}

static char *
body_referral_close (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"outcome\":\"settled\","
                          "\"note\":\"诉前调解成功\"}", version_of ("referrals", c->fx.id));
}

static char *
body_referral_extend (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"days\":10,"
                          "\"consent\":{\"applicant\":true,\"respondent\":true}}",
                          version_of ("referrals", c->fx.id));
}

static char *
body_petition_open (const Cell *c)
{
  return g_strdup_printf ("{\"petitioner_party_id\":%" G_GINT64_FORMAT ",\"facts\":\"拖欠工资"
                          "第%u笔\"}", jf_access_party (c->fx.matter, 0), jf_access_unique ());
}

static char *
body_petition_decision (const Cell *c)
{
  return g_strdup ("{\"accepted\":true}");
}

static char *
body_petition_extension (const Cell *c)
{
  return g_strdup ("{\"days\":15,\"reason\":\"需调查取证\",\"petitioner_told\":true}");
}

static char *
body_petition_reply (const Cell *c)
{
  return g_strdup ("{\"text\":\"经核查，已责令用人单位限期支付。\"}");
}

static char *
body_petition_review_request (const Cell *c)
{
  g_autofree char *today = jf_access_day (0);

  return g_strdup_printf ("{\"requested_on\":\"%s\"}", today);
}

static char *
body_petition_review (const Cell *c)
{
  return g_strdup ("{\"text\":\"维持原处理意见。\"}");
}

static char *
body_pause (const Cell *c)
{
  return g_strdup ("{\"reason\":\"hearing\",\"note\":\"等待听证\"}");
}

static char *
body_resume (const Cell *c)
{
  return g_strdup ("{\"note\":\"听证结束\"}");
}

static char *
body_rule (const Cell *c)
{
  return g_strdup_printf ("{\"stage\":\"matrix_new_%u\",\"unit\":\"working_days\","
                          "\"amount\":3}", jf_access_unique ());
}

static char *
body_rule_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"amount\":7}",
                          version_of ("deadline_rules", c->fx.id));
}

static char *
body_day (const Cell *c)
{
  return g_strdup ("{\"kind\":\"off\",\"name\":\"矩阵调休\"}");
}

static char *
body_category (const Cell *c)
{
  guint n = jf_access_unique ();

  return g_strdup_printf ("{\"slug\":\"matrix_new_%u\",\"name_zh\":\"矩阵新类别%u\","
                          "\"name_en\":\"Matrix new %u\"}", n, n, n);
}

static char *
body_category_patch (const Cell *c)
{
  return g_strdup ("{\"name_zh\":\"矩阵类别（改名）\"}");
}

/* ---- What an allowed answer holds ---- */

/* The housing liaison's inbox holds the work of housing only, and some by now: the rows of
 * whistles and whistle targets (their suites run before the inbox's) whistled to it. */
static void
check_inbox (const Cell     *c,
             JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));

  if (json_array_get_length (items) == 0)
    g_test_fail_printf ("the housing liaison's inbox is empty, though work was whistled to it");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *code = json_object_get_string_member (
        json_object_get_object_member (item, "department"), "code");

      if (g_strcmp0 (code, "220402-housing") != 0)
        g_test_fail_printf ("the housing liaison's inbox holds the work of %s", code);
    }
}

/* The liaison's list of matters holds those whistled to housing (jf_access_check_list), the
 * place's shared whistled matter among them (made by matters/get-whistled, which runs
 * first) — none in another county, which its own housing bureau answers for. */
static void
check_whistled_list (const Cell     *c,
                     JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  JfAccessRecord whistled = jf_access_fixture (JF_ACCESS_FX_TARGET, c->place, FALSE);
  gboolean found = FALSE;

  jf_access_check_list (c, r);
  if (c->role != BM || c->place == JF_ACCESS_OUT)
    return;
  for (guint i = 0; i < json_array_get_length (items) && !found; i++)
    found = json_object_get_int_member (json_array_get_object_element (items, i), "id") ==
            whistled.matter;
  if (!found)
    g_test_fail_printf ("the liaison's list of matters lacks matter %" G_GINT64_FORMAT
                        ", whistled to housing", whistled.matter);
}

/* A change of reference data is audited, as the administrator's. */
static void
check_audited (const char *expected)
{
  g_autofree char *last = jf_access_last_audit ();

  if (!g_str_has_prefix (last, expected))
    g_test_fail_printf ("the last audit entry is “%s”, not “%s…”", last, expected);
}

static void
check_rule_created (const Cell *c, JfTestResponse *r)
{
  check_audited ("admin rule.created matrix_new_");
}

static void
check_rule_changed (const Cell *c, JfTestResponse *r)
{
  check_audited ("admin rule.changed matrix_stage_");
}

static void
check_day_set (const Cell *c, JfTestResponse *r)
{
  g_autofree char *expected = g_strdup_printf ("admin calendar.set %s", c->fx.key);

  check_audited (expected);
}

static void
check_day_removed (const Cell *c, JfTestResponse *r)
{
  g_autofree char *expected = g_strdup_printf ("admin calendar.removed %s", c->fx.key);

  check_audited (expected);
}

static void
check_category_created (const Cell *c, JfTestResponse *r)
{
  check_audited ("admin category.created matrix_new_");
}

static void
check_category_changed (const Cell *c, JfTestResponse *r)
{
  g_autofree char *expected = g_strdup_printf ("admin category.changed %s", c->fx.key);

  check_audited (expected);
}

/* ---- The rows ---- */

#define QUERY JF_ACCESS_FX_QUERY
#define MATTER JF_ACCESS_FX_MATTER
#define ACCEPTED JF_ACCESS_FX_ACCEPTED
#define RESOLVED JF_ACCESS_FX_RESOLVED
#define TARGET JF_ACCESS_FX_TARGET
#define CHECKED_IN JF_ACCESS_FX_TARGET_CHECKED_IN
#define FED_BACK JF_ACCESS_FX_TARGET_FED_BACK
#define SESSION JF_ACCESS_FX_SESSION
#define HELD JF_ACCESS_FX_SESSION_HELD
#define AGREEMENT JF_ACCESS_FX_AGREEMENT
#define SEALED JF_ACCESS_FX_SEALED
#define CONFIRMATION JF_ACCESS_FX_CONFIRMATION
#define CONFIRMATION_ACCEPTED JF_ACCESS_FX_CONFIRMATION_ACCEPTED
#define REFERRAL JF_ACCESS_FX_REFERRAL
#define REFERRAL_CLOSED JF_ACCESS_FX_REFERRAL_CLOSED
#define PETITION_MATTER JF_ACCESS_FX_PETITION_MATTER
#define PETITION JF_ACCESS_FX_PETITION
#define HANDLING JF_ACCESS_FX_PETITION_HANDLING
#define REPLIED JF_ACCESS_FX_PETITION_REPLIED
#define REVIEW_REQUESTED JF_ACCESS_FX_PETITION_REVIEW_REQUESTED
#define REREVIEW_REQUESTED JF_ACCESS_FX_PETITION_REREVIEW_REQUESTED
#define CLOCK JF_ACCESS_FX_CLOCK
#define PAUSED JF_ACCESS_FX_CLOCK_PAUSED

#define NONE ALL ("403")
/* Reads of a matter whistled to 220402-housing (in and sibling) or to 220403-housing (out). */
#define WREAD_IN  ALL ("200")
#define WREAD_SIB "403 403 403 200 200 200 403 200 200 200"
#define WREAD_OUT READ_OUT
/* Whistling and verifying: reception, mediator, supervisor at a centre over the matter. */
#define WHISTLERS_IN(s)  s " " s " 403 403 403 403 403 " s " 403 403"
#define WHISTLERS_SIB(s) "403 403 403 403 403 403 403 " s " 403 403"
#define WHISTLERS_ST     "422 422  -   -   -   -   -  422  -   - "
/* A department's steps: its liaison only (bumen: 220402-housing). */
#define LIAISON(s)       "403 403 403 " s " 403 403 403 403 403 403"
#define LIAISON_ST       " -   -   -  422  -   -   -   -   -   - "
/* Caseworkers: reception, mediator, petition officer, supervisor. */
#define CASEWORKERS_IN(s)  s " " s " 403 403 403 " s " 403 " s " 403 403"
#define CASEWORKERS_SIB(s) "403 403 403 403 403 " s " 403 " s " 403 403"
#define CASEWORKERS_ST     "422 422  -   -   -  422  -  422  -   - "
/* Mediation: mediator, reception, supervisor, court. */
#define MEDIATION_IN(s)  s " " s " 403 403 " s " 403 403 " s " 403 403"
#define MEDIATION_SIB(s) "403 403 403 403 " s " 403 403 " s " 403 403"
#define MEDIATION_ST     "422 422  -   -  422  -   -  422  -   - "
/* Caseworkers and the court: referrals, and pausing clocks. */
#define WITH_COURT_IN(s)  s " " s " 403 403 " s " " s " 403 " s " 403 403"
#define WITH_COURT_SIB(s) "403 403 403 403 " s " " s " 403 " s " 403 403"
#define WITH_COURT_ST     "422 422  -   -  422 422  -  422  -   - "
/* The court alone. */
#define COURT(s)         "403 403 403 403 " s " 403 403 403 403 403"
#define COURT_ST         " -   -   -   -  422  -   -   -   -   - "
/* The petition officer alone. */
#define PETITIONS(s)     "403 403 403 403 403 " s " 403 403 403 403"
#define PETITIONS_ST     " -   -   -   -   -  422  -   -   -   - "

const Route jf_access_workflow_routes[] = {
  /* ---- Whistle and report (DOMAIN.md §3) ---- */

  /* The whistle move: reception, mediator or supervisor at a centre over the matter, on an
   * accepted matter or one in mediation (a registered one is refused by its status). */
  { .slug = "whistles/create", .method = "POST", .pattern = "/v1/matters/{id}/whistles",
    .fixture = ACCEPTED, .st_fixture = MATTER, .body = body_whistle, .anon = 401,
    .nx = "chuangkou",
    .expect = { WHISTLERS_IN ("201"), WHISTLERS_SIB ("201"), NONE, WHISTLERS_ST } },
  /* Reading whistles is reading the matter; the liaison reads a matter whistled to housing
   * (in and sibling), not another county's whistled to its own housing bureau (out). */
  { .slug = "whistles/list", .method = "GET", .pattern = "/v1/matters/{id}/whistles",
    .fixture = TARGET, .anon = 401, .nx = "chuangkou",
    .expect = { WREAD_IN, WREAD_SIB, WREAD_OUT } },
  { .slug = "matters/get-whistled", .method = "GET", .pattern = "/v1/matters/{id}",
    .fixture = TARGET, .anon = 401, .nx = "chuangkou",
    .expect = { WREAD_IN, WREAD_SIB, WREAD_OUT } },
  { .slug = "matters/events-whistled", .method = "GET", .pattern = "/v1/matters/{id}/events",
    .fixture = TARGET, .anon = 401, .nx = "chuangkou",
    .expect = { WREAD_IN, WREAD_SIB, WREAD_OUT } },
  { .slug = "deadlines/list-whistled", .method = "GET",
    .pattern = "/v1/matters/{id}/deadlines", .fixture = TARGET, .anon = 401,
    .nx = "chuangkou", .expect = { WREAD_IN, WREAD_SIB, WREAD_OUT } },
  /* The liaison's list of matters now holds the matters whistled to housing, and only
   * those (check_list). */
  { .slug = "matters/list-whistled", .method = "GET", .pattern = "/v1/matters{q}",
    .fixture = QUERY, .check = check_whistled_list, .anon = 401,
    .expect = { ALL ("200"),
                "403 403 403 200 200 200 403 200 200 200",
                "403 403 403 200 403 403 403 403 200 200" } },
  /* Check-in, feedback, extension: the liaison of the target's department only, wherever
   * the matter is (bumen answers for 220402-housing, not for 220403-housing); a step the
   * target is not ready for is refused by its state. */
  { .slug = "whistle-targets/check-in", .method = "POST",
    .pattern = "/v1/whistle-targets/{id}/check-in", .fixture = TARGET, .st_fixture = CHECKED_IN,
    .body = body_check_in, .anon = 401, .nx = "bumen",
    .expect = { LIAISON ("200"), LIAISON ("200"), NONE, LIAISON_ST } },
  { .slug = "whistle-targets/feedback", .method = "POST",
    .pattern = "/v1/whistle-targets/{id}/feedback", .fixture = CHECKED_IN, .st_fixture = TARGET,
    .body = body_feedback, .anon = 401, .nx = "bumen",
    .expect = { LIAISON ("200"), LIAISON ("200"), NONE, LIAISON_ST } },
  { .slug = "whistle-targets/extension", .method = "POST",
    .pattern = "/v1/whistle-targets/{id}/extension", .fixture = TARGET, .st_fixture = FED_BACK,
    .body = body_target_extension, .anon = 401, .nx = "bumen",
    .expect = { LIAISON ("200"), LIAISON ("200"), NONE, LIAISON_ST } },
  /* Verify and send back: the whistling roles at the whistling centre or one above it. */
  { .slug = "whistle-targets/verify", .method = "POST",
    .pattern = "/v1/whistle-targets/{id}/verify", .fixture = FED_BACK, .st_fixture = TARGET,
    .body = body_verify, .anon = 401, .nx = "chuangkou",
    .expect = { WHISTLERS_IN ("200"), WHISTLERS_SIB ("200"), NONE, WHISTLERS_ST } },
  { .slug = "whistle-targets/send-back", .method = "POST",
    .pattern = "/v1/whistle-targets/{id}/send-back", .fixture = FED_BACK, .st_fixture = TARGET,
    .body = body_send_back, .anon = 401, .nx = "chuangkou",
    .expect = { WHISTLERS_IN ("200"), WHISTLERS_SIB ("200"), NONE, WHISTLERS_ST } },
  /* The inbox is a department liaison's; everyone else is refused. */
  { .slug = "inbox/list", .method = "GET", .pattern = "/v1/inbox", .check = check_inbox,
    .anon = 401, .expect = { LIAISON ("200") } },

  /* ---- Escalation, hand-down, follow-up (the moves table) ---- */

  /* escalate: caseworkers and grid leaders below the city, from registered, accepted or in
   * mediation (a resolved matter is refused by its status). No demo account works at the
   * city, so the refusal there by level is not a cell. */
  { .slug = "matters/escalate", .method = "POST", .pattern = "/v1/matters/{id}/escalate",
    .fixture = MATTER, .st_fixture = RESOLVED, .body = body_escalate, .anon = 401,
    .nx = "chuangkou",
    .expect = { "200 200 200 403 403 200 403 200 403 403", CASEWORKERS_SIB ("200"), NONE,
                "422 422 422  -   -  422  -  422  -   - " } },
  /* hand_down: caseworkers at a centre, from registered or accepted, to a village below the
   * owner within their scope. */
  { .slug = "matters/hand-down", .method = "POST", .pattern = "/v1/matters/{id}/hand-down",
    .fixture = MATTER, .st_fixture = RESOLVED, .body = body_hand_down, .anon = 401,
    .nx = "chuangkou",
    .expect = { CASEWORKERS_IN ("200"), CASEWORKERS_SIB ("200"), NONE, CASEWORKERS_ST } },
  /* follow_up: caseworkers at a centre, on a resolved matter (an accepted one is refused). */
  { .slug = "follow-ups/create", .method = "POST", .pattern = "/v1/matters/{id}/follow-ups",
    .fixture = RESOLVED, .st_fixture = ACCEPTED, .body = body_follow_up, .anon = 401,
    .nx = "chuangkou",
    .expect = { CASEWORKERS_IN ("201"), CASEWORKERS_SIB ("201"), NONE, CASEWORKERS_ST } },
  { .slug = "follow-ups/list", .method = "GET", .pattern = "/v1/matters/{id}/follow-ups",
    .fixture = RESOLVED, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },

  /* ---- Mediation and the police alert (DOMAIN.md §4) ---- */

  /* Sessions: mediator, reception, supervisor, court in the subtree, on an accepted matter
   * or one in mediation; a session's record is written once. */
  { .slug = "mediation-sessions/create", .method = "POST",
    .pattern = "/v1/matters/{id}/mediation-sessions", .fixture = ACCEPTED, .st_fixture = MATTER,
    .body = body_session, .anon = 401, .nx = "chuangkou",
    .expect = { MEDIATION_IN ("201"), MEDIATION_SIB ("201"), NONE, MEDIATION_ST } },
  { .slug = "mediation-sessions/list", .method = "GET",
    .pattern = "/v1/matters/{id}/mediation-sessions", .fixture = SESSION, .anon = 401,
    .nx = "chuangkou", .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "mediation-sessions/patch", .method = "PATCH",
    .pattern = "/v1/mediation-sessions/{id}", .fixture = SESSION, .st_fixture = HELD,
    .body = body_session_record, .anon = 401, .nx = "chuangkou",
    .expect = { MEDIATION_IN ("200"), MEDIATION_SIB ("200"), NONE, MEDIATION_ST } },
  /* alert_police: caseworkers, grid leaders and the court at any level, on an open matter
   * (a resolved one is refused); the community police officer is told, not the teller. */
  { .slug = "matters/police-alert", .method = "POST", .pattern = "/v1/matters/{id}/police-alert",
    .fixture = MATTER, .st_fixture = RESOLVED, .body = body_police_alert, .anon = 401,
    .nx = "chuangkou",
    .expect = { "200 200 200 403 200 200 403 200 403 403", WITH_COURT_SIB ("200"), NONE,
                "422 422 422  -  422 422  -  422  -   - " } },

  /* ---- Agreements (人民调解协议书) ---- */

  /* Written and signed by the mediation roles in the subtree: drafted while the matter is
   * accepted or in mediation, signed until sealed, its performance recorded once sealed. */
  { .slug = "agreements/create", .method = "POST", .pattern = "/v1/matters/{id}/agreements",
    .fixture = ACCEPTED, .st_fixture = MATTER, .body = body_agreement, .anon = 401,
    .nx = "chuangkou",
    .expect = { MEDIATION_IN ("201"), MEDIATION_SIB ("201"), NONE, MEDIATION_ST } },
  { .slug = "agreements/list", .method = "GET", .pattern = "/v1/matters/{id}/agreements",
    .fixture = AGREEMENT, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "agreements/get", .method = "GET", .pattern = "/v1/agreements/{id}",
    .fixture = AGREEMENT, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "agreements/pdf", .method = "GET", .pattern = "/v1/agreements/{id}/pdf",
    .fixture = AGREEMENT, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "agreements/signatures", .method = "POST",
    .pattern = "/v1/agreements/{id}/signatures", .fixture = AGREEMENT, .st_fixture = SEALED,
    .body = body_sign, .anon = 401, .nx = "chuangkou",
    .expect = { MEDIATION_IN ("200"), MEDIATION_SIB ("200"), NONE, MEDIATION_ST } },
  { .slug = "agreements/performance", .method = "PATCH",
    .pattern = "/v1/agreements/{id}/performance", .fixture = SEALED, .st_fixture = AGREEMENT,
    .body = body_performance, .anon = 401, .nx = "chuangkou",
    .expect = { MEDIATION_IN ("200"), MEDIATION_SIB ("200"), NONE, MEDIATION_ST } },

  /* ---- Referrals and the court (诉调对接, 司法确认) ---- */

  /* The refer move: caseworkers and the court at a centre, from accepted or in mediation;
   * a referral's outcome and its extension by the same (a closed one is refused). */
  { .slug = "referrals/create", .method = "POST", .pattern = "/v1/matters/{id}/referrals",
    .fixture = ACCEPTED, .st_fixture = MATTER, .body = body_refer, .anon = 401,
    .nx = "chuangkou",
    .expect = { WITH_COURT_IN ("201"), WITH_COURT_SIB ("201"), NONE, WITH_COURT_ST } },
  { .slug = "referrals/list", .method = "GET", .pattern = "/v1/matters/{id}/referrals",
    .fixture = REFERRAL, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "referrals/patch", .method = "PATCH", .pattern = "/v1/referrals/{id}",
    .fixture = REFERRAL, .st_fixture = REFERRAL_CLOSED, .body = body_referral_close,
    .anon = 401, .nx = "chuangkou",
    .expect = { WITH_COURT_IN ("200"), WITH_COURT_SIB ("200"), NONE, WITH_COURT_ST } },
  { .slug = "referrals/extension", .method = "POST", .pattern = "/v1/referrals/{id}/extension",
    .fixture = REFERRAL, .st_fixture = REFERRAL_CLOSED, .body = body_referral_extend,
    .anon = 401, .nx = "chuangkou",
    .expect = { WITH_COURT_IN ("200"), WITH_COURT_SIB ("200"), NONE, WITH_COURT_ST } },
  /* Judicial confirmation (server/jfd-engine-court.c): the parties' joint application is
   * registered by those who run the mediation or by the court (the mediation roles, court
   * among them), for a sealed agreement only; the court's steps on it — acceptance, the
   * decision, the extension — by the court alone (accepted twice: refused). */
  { .slug = "agreements/judicial-confirmation", .method = "POST",
    .pattern = "/v1/agreements/{id}/judicial-confirmation", .fixture = SEALED,
    .st_fixture = AGREEMENT, .body = body_confirmation, .anon = 401, .nx = "chuangkou",
    .expect = { MEDIATION_IN ("201"), MEDIATION_SIB ("201"), NONE, MEDIATION_ST } },
  { .slug = "judicial-confirmations/patch", .method = "PATCH",
    .pattern = "/v1/judicial-confirmations/{id}", .fixture = CONFIRMATION,
    .st_fixture = CONFIRMATION_ACCEPTED, .body = body_confirmation_accept, .anon = 401,
    .nx = "fayuan", .expect = { COURT ("200"), COURT ("200"), NONE, COURT_ST } },

  /* ---- Petitions (综治+信访) ---- */

  /* The rule tested (server/jfd-engine-petitions.c): the petition officer alone, in the
   * subtree, opens the record of a matter of the kind petition (a dispute is refused) and
   * records each step at the stage it belongs to; the supervisor does not. Reading it is
   * reading the matter. */
  { .slug = "petitions/open", .method = "POST", .pattern = "/v1/matters/{id}/petition",
    .fixture = PETITION_MATTER, .st_fixture = MATTER, .body = body_petition_open, .anon = 401,
    .nx = "xinfang",
    .expect = { PETITIONS ("201"), PETITIONS ("201"), NONE, PETITIONS_ST } },
  { .slug = "petitions/get", .method = "GET", .pattern = "/v1/matters/{id}/petition",
    .fixture = PETITION, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "petitions/decision", .method = "POST", .pattern = "/v1/petitions/{id}/decision",
    .fixture = PETITION, .st_fixture = HANDLING, .body = body_petition_decision, .anon = 401,
    .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },
  { .slug = "petitions/extension", .method = "POST", .pattern = "/v1/petitions/{id}/extension",
    .fixture = HANDLING, .st_fixture = PETITION, .body = body_petition_extension, .anon = 401,
    .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },
  { .slug = "petitions/reply", .method = "POST", .pattern = "/v1/petitions/{id}/reply",
    .fixture = HANDLING, .st_fixture = PETITION, .body = body_petition_reply, .anon = 401,
    .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },
  { .slug = "petitions/review-request", .method = "POST",
    .pattern = "/v1/petitions/{id}/review-request", .fixture = REPLIED, .st_fixture = HANDLING,
    .body = body_petition_review_request, .anon = 401, .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },
  { .slug = "petitions/review", .method = "POST", .pattern = "/v1/petitions/{id}/review",
    .fixture = REVIEW_REQUESTED, .st_fixture = REPLIED, .body = body_petition_review,
    .anon = 401, .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },
  { .slug = "petitions/rereview", .method = "POST", .pattern = "/v1/petitions/{id}/rereview",
    .fixture = REREVIEW_REQUESTED, .st_fixture = REVIEW_REQUESTED,
    .body = body_petition_review, .anon = 401, .nx = "xinfang",
    .expect = { PETITIONS ("200"), PETITIONS ("200"), NONE, PETITIONS_ST } },

  /* ---- Clocks (DOMAIN.md §5) ---- */

  /* A matter's clocks are read as the matter; paused and resumed by reception, mediator,
   * petition officer, court and supervisor in the subtree (not grid leaders, liaisons,
   * police, administrators or auditors); a paused clock is not paused again, a running one
   * not resumed. */
  { .slug = "deadlines/list", .method = "GET", .pattern = "/v1/matters/{id}/deadlines",
    .fixture = CLOCK, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "deadlines/pause", .method = "POST", .pattern = "/v1/deadlines/{id}/pause",
    .fixture = CLOCK, .st_fixture = PAUSED, .body = body_pause, .anon = 401, .nx = "chuangkou",
    .expect = { WITH_COURT_IN ("200"), WITH_COURT_SIB ("200"), NONE, WITH_COURT_ST } },
  { .slug = "deadlines/resume", .method = "POST", .pattern = "/v1/deadlines/{id}/resume",
    .fixture = PAUSED, .st_fixture = CLOCK, .body = body_resume, .anon = 401, .nx = "chuangkou",
    .expect = { WITH_COURT_IN ("200"), WITH_COURT_SIB ("200"), NONE, WITH_COURT_ST } },

  /* ---- Reference data: read by all, changed (and audited) by the administrator ---- */

  { .slug = "deadline-rules/list", .method = "GET", .pattern = "/v1/deadline-rules",
    .anon = 401, .expect = { ALL ("200") } },
  { .slug = "deadline-rules/create", .method = "POST", .pattern = "/v1/deadline-rules",
    .body = body_rule, .check = check_rule_created, .anon = 401,
    .expect = { ADMIN_ONLY ("201") } },
  { .slug = "deadline-rules/patch", .method = "PATCH", .pattern = "/v1/deadline-rules/{id}",
    .fixture = JF_ACCESS_FX_RULE, .body = body_rule_patch, .check = check_rule_changed,
    .anon = 401, .nx = "admin", .expect = { ADMIN_ONLY ("200") } },
  { .slug = "calendar/list", .method = "GET", .pattern = "/v1/calendar?year=2026",
    .anon = 401, .expect = { ALL ("200") } },
  { .slug = "calendar/put", .method = "PUT", .pattern = "/v1/calendar/{day}",
    .fixture = JF_ACCESS_FX_DAY, .body = body_day, .check = check_day_set, .anon = 401,
    .expect = { ADMIN_ONLY ("200") } },
  { .slug = "calendar/delete", .method = "DELETE", .pattern = "/v1/calendar/{day}",
    .fixture = JF_ACCESS_FX_DAY, .check = check_day_removed, .anon = 401,
    .expect = { ADMIN_ONLY ("200") } },
  { .slug = "categories/create", .method = "POST", .pattern = "/v1/categories",
    .body = body_category, .check = check_category_created, .anon = 401,
    .expect = { ADMIN_ONLY ("201") } },
  { .slug = "categories/patch", .method = "PATCH", .pattern = "/v1/categories/{slug}",
    .fixture = JF_ACCESS_FX_CATEGORY, .body = body_category_patch,
    .check = check_category_changed, .anon = 401, .nx = "admin",
    .expect = { ADMIN_ONLY ("200") } },
};

const guint jf_access_n_workflow_routes = G_N_ELEMENTS (jf_access_workflow_routes);
