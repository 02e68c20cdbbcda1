/* test-petition.c: the petition link (综治+信访) through the API
 *
 * The chain decide → handle (extended once, the petitioner told) → reply → review →
 * re-review, each on its clock; after a re-review, a new petition by the same petitioner
 * on the same facts is refused with the regulation's reason. Deadlines are counted in
 * natural days and roll forward past the 2026 Spring Festival holiday (15–23 February);
 * the make-up working Saturday of 28 February counts as a working day. Refusals write
 * nothing.
 */
#include "config.h"

#include <string.h>

#include "jf-links-test.h"

#define OFFICER "xinfang"
#define FACTS "某建筑公司拖欠赵六工资3万元，请求督促支付。"

static const char *petitioner_parties =
  "[{\"role\":\"applicant\",\"name\":\"赵六\",\"id_number\":\"" LINKS_ID_PETITIONER "\","
  "\"phone\":\"13900000003\"}]";

static gint64
petition_matter (const char *title,
                 const char *parties)
{
  return links_register ("petition", LINKS_VILLAGE, title,
                         parties != NULL ? parties : petitioner_parties);
}

static JfTestResponse *
open_petition (const char *username,
               gint64      matter,
               gint64      party,
               const char *facts,
               const char *received_on)
{
  g_autofree char *body = g_strdup_printf ("{\"petitioner_party_id\":%" G_GINT64_FORMAT
                                           ",\"facts\":\"%s\"%s%s%s}", party, facts,
                                           received_on != NULL ? ",\"received_on\":\"" : "",
                                           received_on != NULL ? received_on : "",
                                           received_on != NULL ? "\"" : "");

  return links_call ("POST", username, body, "/v1/matters/%" G_GINT64_FORMAT "/petition",
                     matter);
}

static JfTestResponse *
step (gint64      petition,
      const char *what,
      const char *body)
{
  return links_call ("POST", OFFICER, body, "/v1/petitions/%" G_GINT64_FORMAT "/%s", petition,
                     what);
}

/* A petition received on @received, opened by the officer; its id. */
static gint64
opened (const char *title,
        const char *received)
{
  gint64 matter = petition_matter (title, NULL);
  /* Facts of its own: the chain's re-review must not make these a repeat. */
  g_autofree char *facts = g_strdup_printf ("%s：请求依法处理", title);
  g_autoptr(JfTestResponse) r = open_petition (OFFICER, matter, links_party (matter, 0), facts,
                                               received);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

static char *
clock_day (gint64      petition,
           const char *stage)
{
  return links_sql_text ("SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', "
                         "'YYYY-MM-DD HH24:MI:SS') || ' ' || state FROM jf.deadlines "
                         "WHERE subject = 'petition:%" G_GINT64_FORMAT "' AND stage = '%s'",
                         petition, stage);
}

static void
test_spring_festival (void)
{
  gint64 feb13 = opened ("春节前信访", "2026-02-13");
  gint64 feb05 = opened ("春节顺延", "2026-02-05");
  gint64 jan05 = opened ("复查期限顺延", "2026-01-05");
  g_autoptr(JfTestResponse) accepted = NULL;
  g_autoptr(JfTestResponse) doc = NULL;
  g_autoptr(JfTestResponse) jan_accepted = NULL;
  g_autoptr(JfTestResponse) replied = NULL;
  g_autoptr(JfTestResponse) too_late = NULL;
  g_autoptr(JfTestResponse) in_time = NULL;
  g_autofree char *decide = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *before = NULL;

  /* 13 + 15 = 28 February: a Saturday, but the make-up working day of the festival. */
  doc = links_call ("GET", OFFICER, NULL, "/v1/matters/%" G_GINT64_FORMAT "/petition",
                    links_sql_int ("SELECT matter_id FROM jf.petitions WHERE id = %"
                                   G_GINT64_FORMAT, feb13));
  jf_test_assert_status (doc, 200);
  g_assert_cmpstr (jf_test_response_string (doc, "received_on"), ==, "2026-02-13");
  g_assert_cmpstr (jf_test_response_string (doc, "decide_due_on"), ==, "2026-02-28");
  decide = clock_day (feb13, "petition_decide");
  g_assert_cmpstr (decide, ==, "2026-02-28 23:59:59 running");

  /* Accepted on 13 February: 60 days to handle it, to 14 April. */
  accepted = step (feb13, "decision", "{\"accepted\":true,\"decided_on\":\"2026-02-13\"}");
  jf_test_assert_status (accepted, 200);
  g_assert_cmpstr (jf_test_response_string (accepted, "stage"), ==, "handling");
  g_assert_cmpstr (jf_test_response_string (accepted, "accepted_on"), ==, "2026-02-13");
  g_assert_cmpstr (jf_test_response_string (accepted, "handle_due_on"), ==, "2026-04-14");
  g_assert_false (json_node_get_boolean (jf_test_response_get (accepted, "decided_late")));
  g_free (decide);
  decide = clock_day (feb13, "petition_decide");
  g_assert_cmpstr (decide, ==, "2026-02-28 23:59:59 met");
  handle = clock_day (feb13, "petition_handle");
  g_assert_cmpstr (handle, ==, "2026-04-14 23:59:59 running");

  /* 5 + 15 = 20 February, in the holiday: the period ends on the 24th, the first working
   * day after it. */
  g_free (decide);
  decide = clock_day (feb05, "petition_decide");
  g_assert_cmpstr (decide, ==, "2026-02-24 23:59:59 running");

  /* The petitioner's own window rolls forward too: a reply of 20 January may be taken
   * to review until 24 February (19 February is in the holiday). */
  jan_accepted = step (jan05, "decision", "{\"accepted\":true,\"decided_on\":\"2026-01-06\"}");
  jf_test_assert_status (jan_accepted, 200);
  replied = step (jan05, "reply", "{\"replied_on\":\"2026-01-20\",\"text\":\"经调查核实，已督促"
                  "公司于春节前支付。\"}");
  jf_test_assert_status (replied, 200);
  g_assert_cmpstr (jf_test_response_string (replied, "review_request_due_on"), ==, "2026-02-24");
  before = links_snapshot ();
  too_late = step (jan05, "review-request", "{\"requested_on\":\"2026-02-25\"}");
  g_assert_cmpuint (too_late->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (too_late, "error.field"), ==, "requested_on");
  g_assert_nonnull (strstr (jf_test_response_string (too_late, "error.message"),
                            "《信访工作条例》"));
  links_assert_unchanged (before);
  in_time = step (jan05, "review-request", "{\"requested_on\":\"2026-02-24\"}");
  jf_test_assert_status (in_time, 200);
  g_assert_cmpstr (jf_test_response_string (in_time, "review_due_on"), ==, "2026-03-26");
}

static JfTestResponse *
dated_step (gint64      petition,
            const char *what,
            const char *member,
            int         days_ago,
            const char *more)
{
  g_autofree char *day = links_days_from_today (-days_ago);
  g_autofree char *body = g_strdup_printf ("{\"%s\":\"%s\"%s}", member, day,
                                           more != NULL ? more : "");

  return step (petition, what, body);
}

static void
test_chain_and_repeat (void)
{
  gint64 matter = petition_matter ("拖欠工资信访", NULL);
  g_autofree char *received = links_days_from_today (-25);
  g_autoptr(JfTestResponse) opened_r = open_petition (OFFICER, matter, links_party (matter, 0),
                                                      FACTS, received);
  g_autoptr(JfTestResponse) r = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *number = NULL;
  gint64 petition, repeat, other, stranger;

  jf_test_assert_status (opened_r, 201);
  petition = jf_test_response_int (opened_r, "id");
  g_assert_cmpstr (jf_test_response_string (opened_r, "stage"), ==, "deciding");
  g_assert_cmpstr (jf_test_response_string (opened_r, "petitioner.name"), ==, "赵六");

  r = dated_step (petition, "decision", "decided_on", 24, ",\"accepted\":true,"
                  "\"reason\":\"属于本机关职责范围\"");
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "handling");
  /* Accepting the petition accepted the matter, through the lifecycle's own move. */
  g_assert_cmpstr (links_status (matter), ==, "accepted");
  g_clear_pointer (&r, jf_test_response_free);

  /* The one extension: the petitioner told, at most 30 days, only once. */
  before = links_snapshot ();
  r = step (petition, "extension", "{\"days\":20,\"reason\":\"需多部门会商\"}");
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "petitioner_told");
  g_clear_pointer (&r, jf_test_response_free);
  r = step (petition, "extension", "{\"days\":20,\"reason\":\"需多部门会商\","
            "\"petitioner_told\":false}");
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "petitioner_told");
  g_clear_pointer (&r, jf_test_response_free);
  r = step (petition, "extension", "{\"days\":31,\"reason\":\"需多部门会商\","
            "\"petitioner_told\":true}");
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "days");
  g_assert_nonnull (strstr (jf_test_response_string (r, "error.message"), "30"));
  g_clear_pointer (&r, jf_test_response_free);
  links_assert_unchanged (before);
  r = step (petition, "extension", "{\"days\":20,\"reason\":\"需多部门会商\","
            "\"petitioner_told\":true}");
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "extension.days"), ==, 20);
  g_assert_nonnull (jf_test_response_string (r, "extension.petitioner_told_at"));
  g_clear_pointer (&r, jf_test_response_free);
  g_free (before);
  before = links_snapshot ();
  r = step (petition, "extension", "{\"days\":5,\"reason\":\"再延\",\"petitioner_told\":true}");
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_nonnull (strstr (jf_test_response_string (r, "error.message"), "once"));
  g_clear_pointer (&r, jf_test_response_free);
  links_assert_unchanged (before);

  r = dated_step (petition, "reply", "replied_on", 15, ",\"text\":\"经查，已责令公司限期支付。\"");
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "replied");
  g_assert_false (json_node_get_boolean (jf_test_response_get (r, "replied_late")));
  g_clear_pointer (&r, jf_test_response_free);

  /* A re-review follows a review, not a reply. */
  g_free (before);
  before = links_snapshot ();
  r = dated_step (petition, "review-request", "requested_on", 14, ",\"stage\":\"rereview\"");
  g_assert_cmpuint (r->status, ==, 422);
  g_clear_pointer (&r, jf_test_response_free);
  r = dated_step (petition, "rereview", "decided_on", 14, ",\"text\":\"维持\"");
  g_assert_cmpuint (r->status, ==, 422);
  g_clear_pointer (&r, jf_test_response_free);
  links_assert_unchanged (before);

  r = dated_step (petition, "review-request", "requested_on", 14, NULL);
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "review_requested");
  g_clear_pointer (&r, jf_test_response_free);
  r = dated_step (petition, "review", "decided_on", 12, ",\"text\":\"复查意见：维持原处理意见。\"");
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "reviewed");
  g_assert_cmpstr (jf_test_response_string (r, "review_text"), ==, "复查意见：维持原处理意见。");
  g_clear_pointer (&r, jf_test_response_free);
  r = dated_step (petition, "review-request", "requested_on", 11, ",\"stage\":\"rereview\"");
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "rereview_requested");
  g_clear_pointer (&r, jf_test_response_free);
  r = dated_step (petition, "rereview", "decided_on", 10, ",\"text\":\"复核意见：维持复查意见。\"");
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "stage"), ==, "rereviewed");
  g_clear_pointer (&r, jf_test_response_free);

  kinds = links_sql_text ("SELECT string_agg(kind, ' ' ORDER BY seq) FROM jf.events "
                          "WHERE matter_id = %" G_GINT64_FORMAT " AND kind LIKE 'petition.%%'",
                          matter);
  g_assert_cmpstr (kinds, ==, "petition.opened petition.decided petition.extended "
                              "petition.replied petition.review_requested petition.reviewed "
                              "petition.rereview_requested petition.rereviewed");
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.deadlines WHERE subject = "
                                  "'petition:%" G_GINT64_FORMAT "' AND state = 'running'",
                                  petition), ==, 0);

  /* The same petitioner, the same facts worded a little differently: not accepted again. */
  repeat = petition_matter ("再次反映拖欠工资", NULL);
  g_free (before);
  before = links_snapshot ();
  r = open_petition (OFFICER, repeat, links_party (repeat, 0),
                     "某建筑公司拖欠赵六工资 3万元 请求督促支付！", NULL);
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "refused");
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "facts");
  g_assert_nonnull (strstr (jf_test_response_string (r, "error.message"),
                            "信访人对复核意见不服，仍以同一事实和理由提出信访请求的，不再受理"));
  number = links_sql_text ("SELECT number FROM jf.matters WHERE id = %" G_GINT64_FORMAT, matter);
  g_assert_nonnull (strstr (jf_test_response_string (r, "error.message"), number));
  g_clear_pointer (&r, jf_test_response_free);
  links_assert_unchanged (before);

  /* Other facts by the same petitioner are a new petition, shown beside the old one. */
  other = petition_matter ("宅基地信访", NULL);
  r = open_petition (OFFICER, other, links_party (other, 0), "村委会未按规定审批宅基地", NULL);
  jf_test_assert_status (r, 201);
  g_assert_cmpint (jf_test_response_int (r, "same_petitioner.0.id"), ==, petition);
  g_assert_false (json_node_get_boolean (jf_test_response_get (r, "same_petitioner.0.same_facts")));
  g_clear_pointer (&r, jf_test_response_free);

  /* Another petitioner on the same facts is not a repeat. */
  stranger = petition_matter ("工友反映欠薪",
                              "[{\"role\":\"applicant\",\"name\":\"钱七\",\"id_number\":\""
                              LINKS_ID_OTHER "\"}]");
  r = open_petition (OFFICER, stranger, links_party (stranger, 0), FACTS, NULL);
  jf_test_assert_status (r, 201);
  g_clear_pointer (&r, jf_test_response_free);
}

static void
test_not_accepted (void)
{
  gint64 petition = opened ("不予受理", NULL);
  gint64 matter = links_sql_int ("SELECT matter_id FROM jf.petitions WHERE id = %"
                                 G_GINT64_FORMAT, petition);
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) no_reason = step (petition, "decision", "{\"accepted\":false}");
  g_autoptr(JfTestResponse) no_redirect = step (petition, "decision",
                                                "{\"accepted\":false,\"reason\":\"属于诉讼事项\"}");
  g_autoptr(JfTestResponse) refused = NULL;

  g_assert_cmpuint (no_reason->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (no_reason, "error.field"), ==, "reason");
  g_assert_cmpuint (no_redirect->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (no_redirect, "error.field"), ==, "redirect_to");
  links_assert_unchanged (before);
  refused = step (petition, "decision", "{\"accepted\":false,\"reason\":\"已进入诉讼程序\","
                  "\"redirect_to\":\"龙山区人民法院\"}");
  jf_test_assert_status (refused, 200);
  g_assert_cmpstr (jf_test_response_string (refused, "stage"), ==, "not_accepted");
  g_assert_false (json_node_get_boolean (jf_test_response_get (refused, "accepted")));
  g_assert_cmpstr (links_status (matter), ==, "not_accepted");
}

typedef enum
{
  ON_NEW_MATTER,    /* POST /v1/matters/{m}/petition on a fresh petition matter */
  ON_DISPUTE,       /* the same on a dispute */
  ON_NUMBERLESS,    /* the same, the petitioner without ID or phone */
  ON_OPENED,        /* POST /v1/petitions/{p}/... on a petition being decided */
  ON_HANDLING,      /* ... on an accepted one */
} Where;

typedef struct
{
  const char *name;
  const char *who;
  Where       where;
  const char *path;     /* the step; NULL: open the matter's petition record */
  const char *body;     /* %P: the matter's first party; %X: another matter's */
  guint       status;
  const char *field;
} BadPetition;

static const BadPetition bad_petitions[] = {
  { "dispute-matter", OFFICER, ON_DISPUTE, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"欠薪\"}", 422, NULL },
  { "not-a-party", OFFICER, ON_NEW_MATTER, NULL,
    "{\"petitioner_party_id\":%X,\"facts\":\"欠薪\"}", 422, "petitioner_party_id" },
  { "no-number-to-tell-apart", OFFICER, ON_NUMBERLESS, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"欠薪\"}", 422, "petitioner_party_id" },
  { "opened-twice", OFFICER, ON_OPENED, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"欠薪\"}", 409, NULL },
  { "received-tomorrow", OFFICER, ON_NEW_MATTER, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"欠薪\",\"received_on\":\"2099-01-01\"}", 422,
    "received_on" },
  { "facts-only-punctuation", OFFICER, ON_NEW_MATTER, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"。。！\"}", 422, "facts" },
  { "no-facts", OFFICER, ON_NEW_MATTER, NULL, "{\"petitioner_party_id\":%P}", 422, "facts" },
  { "reception-opens", "chuangkou", ON_NEW_MATTER, NULL,
    "{\"petitioner_party_id\":%P,\"facts\":\"欠薪\"}", 403, NULL },
  { "supervisor-decides", "ducha", ON_OPENED, "decision", "{\"accepted\":true}", 403, NULL },
  { "decided-twice", OFFICER, ON_HANDLING, "decision", "{\"accepted\":true}", 422, NULL },
  { "decided-before-receipt", OFFICER, ON_OPENED, "decision",
    "{\"accepted\":true,\"decided_on\":\"2020-01-01\"}", 422, "decided_on" },
  { "reply-before-decision", OFFICER, ON_OPENED, "reply", "{\"text\":\"答复\"}", 422, NULL },
  { "reply-without-text", OFFICER, ON_HANDLING, "reply", "{}", 422, "text" },
  { "review-before-reply", OFFICER, ON_HANDLING, "review-request",
    "{\"requested_on\":\"2026-11-01\"}", 422, NULL },
  { "review-without-request", OFFICER, ON_HANDLING, "review", "{\"text\":\"维持\"}", 422, NULL },
  { "extension-unknown-member", OFFICER, ON_HANDLING, "extension",
    "{\"days\":5,\"reason\":\"x\",\"petitioner_told\":true,\"approved\":true}", 422,
    "approved" },
};

static char *
fill (const char *template,
      const char *key,
      gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_auto(GStrv) parts = g_strsplit (template, key, -1);

  return g_strjoinv (text, parts);
}

static void
test_bad_petition (gconstpointer data)
{
  const BadPetition *bad = data;
  gint64 other = petition_matter ("他人的信访", NULL);
  gint64 matter = bad->where == ON_DISPUTE
                  ? links_register ("dispute", LINKS_VILLAGE, "普通纠纷", NULL)
                  : bad->where == ON_NUMBERLESS
                  ? petition_matter ("无证件信访人", "[{\"role\":\"applicant\",\"name\":\"孙八\"}]")
                  : petition_matter ("错误的信访", NULL);
  gint64 petition = 0;
  g_autofree char *with_party = fill (bad->body, "%P", links_party (matter, 0));
  g_autofree char *body = fill (with_party, "%X", links_party (other, 0));
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  if (bad->where == ON_OPENED || bad->where == ON_HANDLING)
    {
      g_autofree char *received = links_days_from_today (-3);
      g_autofree char *facts = g_strdup_printf ("欠薪（%s）", bad->name);
      g_autoptr(JfTestResponse) made = open_petition (OFFICER, matter, links_party (matter, 0),
                                                      facts, received);

      jf_test_assert_status (made, 201);
      petition = jf_test_response_int (made, "id");
      if (bad->where == ON_HANDLING)
        {
          g_autoptr(JfTestResponse) accepted = step (petition, "decision",
                                                     "{\"accepted\":true}");

          jf_test_assert_status (accepted, 200);
        }
    }
  before = links_snapshot ();
  if (bad->path != NULL)
    r = links_call ("POST", bad->who, body, "/v1/petitions/%" G_GINT64_FORMAT "/%s", petition,
                    bad->path);
  else
    r = links_call ("POST", bad->who, body, "/v1/matters/%" G_GINT64_FORMAT "/petition", matter);
  g_assert_cmpuint (r->status, ==, bad->status);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  links_assert_unchanged (before);
}

static void
test_missing_and_scope (void)
{
  gint64 petition = opened ("范围之外", NULL);
  gint64 matter = links_sql_int ("SELECT matter_id FROM jf.petitions WHERE id = %"
                                 G_GINT64_FORMAT, petition);
  gint64 bare = petition_matter ("尚无信访记录", NULL);
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) missing = step (999999, "decision", "{\"accepted\":true}");
  g_autoptr(JfTestResponse) none = links_call ("GET", OFFICER, NULL, "/v1/matters/%"
                                               G_GINT64_FORMAT "/petition", bare);
  g_autoptr(JfTestResponse) outside = links_call ("GET", "wangge", NULL, "/v1/matters/%"
                                                  G_GINT64_FORMAT "/petition", matter);
  g_autoptr(JfTestResponse) seen = links_call ("GET", "ducha", NULL, "/v1/matters/%"
                                               G_GINT64_FORMAT "/petition", matter);

  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (none->status, ==, 404);
  g_assert_cmpuint (outside->status, ==, 403);
  jf_test_assert_status (seen, 200);
  g_assert_cmpint (jf_test_response_int (seen, "id"), ==, petition);
  links_assert_unchanged (before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  links_setup ();
  g_test_add_func ("/jfd/petition/deadlines/spring-festival-2026", test_spring_festival);
  g_test_add_func ("/jfd/petition/chain-then-repeat-refused", test_chain_and_repeat);
  g_test_add_func ("/jfd/petition/not-accepted", test_not_accepted);
  g_test_add_func ("/jfd/petition/missing-and-scope", test_missing_and_scope);
  for (guint i = 0; i < G_N_ELEMENTS (bad_petitions); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/petition/refused/%s",
                                               bad_petitions[i].name);
      g_test_add_data_func (name, &bad_petitions[i], test_bad_petition);
    }
  status = g_test_run ();
  links_teardown ();
  return status;
}
