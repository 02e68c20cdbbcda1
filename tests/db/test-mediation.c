/* test-mediation.c: mediation sessions and the police alert through the API
 *
 * A session is scheduled with mediators of the centre's roster, held once and recorded on
 * the timeline; a 1+3+1 team takes its judge, grid leader and police; the police alert
 * (People's Mediation Law art. 25) reaches the station serving the place, or the county's
 * public security bureau; every refusal writes nothing.
 */
#include "config.h"

#include "jf-links-test.h"

static JfTestResponse *
schedule (const char *username,
          gint64      matter,
          const char *body)
{
  return links_call ("POST", username, body, "/v1/matters/%" G_GINT64_FORMAT
                     "/mediation-sessions", matter);
}

static char *
roster_body (const char *team,
             const char *mediators)
{
  g_autofree char *day = links_days_from_today (2);

  return g_strdup_printf ("{\"scheduled_at\":\"%sT09:30:00+08:00\",\"room\":\"二楼调解室\","
                          "\"team\":\"%s\",\"mediators\":[%s],"
                          "\"participants\":[{\"name\":\"张三\",\"role\":\"applicant\"},"
                          "{\"name\":\"李四\",\"role\":\"respondent\"},"
                          "{\"name\":\"王律师\",\"role\":\"representative\"}]}",
                          day, team, mediators);
}

static void
test_session_lifecycle (void)
{
  gint64 matter = links_accepted ("调解会议全过程", FALSE);
  g_autofree char *mediators = g_strdup_printf ("%" G_GINT64_FORMAT, links_account ("tiaojie"));
  g_autofree char *body = roster_body ("roster", mediators);
  g_autoptr(JfTestResponse) created = schedule ("tiaojie", matter, body);
  g_autoptr(JfTestResponse) list = NULL;
  g_autoptr(JfTestResponse) held = NULL;
  g_autoptr(JfTestResponse) again = NULL;
  g_autoptr(JfTestResponse) stale = NULL;
  g_autofree char *location = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *before = NULL;
  gint64 session, version = links_version (matter);

  jf_test_assert_status (created, 201);
  session = jf_test_response_int (created, "id");
  location = g_strdup_printf ("/v1/mediation-sessions/%" G_GINT64_FORMAT, session);
  g_assert_cmpstr (soup_message_headers_get_one (created->headers, "Location"), ==, location);
  g_assert_cmpstr (jf_test_response_string (created, "team"), ==, "roster");
  g_assert_cmpstr (jf_test_response_string (created, "mediators.0.username"), ==, "tiaojie");
  g_assert_cmpstr (jf_test_response_string (created, "participants.2.role"), ==,
                   "representative");
  g_assert_null (jf_test_response_string (created, "held_at"));
  /* Scheduling is recorded; it is not a change of the matter's state. */
  g_assert_cmpint (links_version (matter), ==, version);

  /* Anyone who sees the matter sees its sessions: the community police officer too. */
  list = links_call ("GET", "minjing", NULL, "/v1/matters/%" G_GINT64_FORMAT
                     "/mediation-sessions", matter);
  jf_test_assert_status (list, 200);
  g_assert_cmpint (jf_test_response_int (list, "0.id"), ==, session);

  held = links_call ("PATCH", "tiaojie", "{\"version\":1,\"statements\":\"双方陈述了各自意见，"
                     "李四同意赔偿。\",\"outcome\":\"agreement\"}",
                     "/v1/mediation-sessions/%" G_GINT64_FORMAT, session);
  jf_test_assert_status (held, 200);
  g_assert_cmpstr (jf_test_response_string (held, "outcome"), ==, "agreement");
  g_assert_nonnull (jf_test_response_string (held, "held_at"));
  g_assert_cmpint (jf_test_response_int (held, "version"), ==, 2);

  kinds = links_sql_text ("SELECT string_agg(kind, ' ' ORDER BY seq) FROM jf.events "
                          "WHERE matter_id = %" G_GINT64_FORMAT, matter);
  g_assert_cmpstr (kinds, ==, "registered move.accept mediation.scheduled mediation.held");

  /* Held once: the record is final, and a stale version is a conflict. */
  before = links_snapshot ();
  again = links_call ("PATCH", "tiaojie", "{\"version\":2,\"outcome\":\"failed\"}",
                      "/v1/mediation-sessions/%" G_GINT64_FORMAT, session);
  g_assert_cmpuint (again->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (again, "error.code"), ==, "refused");
  stale = links_call ("PATCH", "tiaojie", "{\"version\":1,\"outcome\":\"failed\"}",
                      "/v1/mediation-sessions/%" G_GINT64_FORMAT, session);
  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpint (jf_test_response_int (stale, "current.version"), ==, 2);
  links_assert_unchanged (before);
}

static void
test_one_three_one (void)
{
  gint64 matter = links_accepted ("1+3+1 团队调解", TRUE);
  /* Judge (county), mediator (township), grid leader (a grid below), police (township). */
  g_autofree char *members = g_strdup_printf (
    "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
    links_account ("fayuan"), links_account ("tiaojie"), links_account ("wangge"),
    links_account ("minjing"));
  g_autofree char *body = roster_body ("one_three_one", members);
  g_autofree char *no_judge_members = g_strdup_printf (
    "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, links_account ("tiaojie"),
    links_account ("wangge"));
  g_autofree char *no_judge = roster_body ("one_three_one", no_judge_members);
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) refused = schedule ("fayuan", matter, no_judge);
  g_autoptr(JfTestResponse) created = NULL;

  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (refused, "error.field"), ==, "mediators");
  links_assert_unchanged (before);

  created = schedule ("fayuan", matter, body);
  jf_test_assert_status (created, 201);
  g_assert_cmpstr (jf_test_response_string (created, "team"), ==, "one_three_one");
  g_assert_cmpstr (jf_test_response_string (created, "mediators.0.roles.0"), ==, "court");
  g_assert_cmpstr (jf_test_response_string (created, "mediators.2.username"), ==, "wangge");
}

typedef struct
{
  const char *name;
  const char *who;
  const char *team;
  const char *mediators;  /* usernames, comma-separated; "" for none */
  const char *body;       /* NULL: a good body with the team and mediators above */
  gboolean    registered; /* the matter is only registered */
  guint       status;
  const char *field;
} BadSession;

static const BadSession bad_sessions[] = {
  { "not-accepted", "tiaojie", "roster", "tiaojie", NULL, TRUE, 422, NULL },
  { "reception-not-on-roster", "tiaojie", "roster", "chuangkou", NULL, FALSE, 422,
    "mediators[0]" },
  { "judge-not-in-a-roster-team", "tiaojie", "roster", "tiaojie,fayuan", NULL, FALSE, 422,
    "mediators[1]" },
  { "liaison-not-in-any-team", "tiaojie", "one_three_one", "fayuan,tiaojie,bumen", NULL, FALSE,
    422, "mediators[2]" },
  { "named-twice", "tiaojie", "roster", "tiaojie,tiaojie", NULL, FALSE, 422, "mediators[1]" },
  { "no-mediators", "tiaojie", "roster", "", NULL, FALSE, 422, "mediators" },
  { "unknown-team", "tiaojie", "panel", "tiaojie", NULL, FALSE, 422, "team" },
  { "bad-participant-role", "tiaojie", "roster", "tiaojie",
    "{\"scheduled_at\":\"2026-12-01T09:00:00+08:00\",\"room\":\"调解室\",\"mediators\":[%M],"
    "\"participants\":[{\"name\":\"张三\",\"role\":\"judge\"}]}", FALSE, 422,
    "participants[0].role" },
  { "no-room", "tiaojie", "roster", "tiaojie",
    "{\"scheduled_at\":\"2026-12-01T09:00:00+08:00\",\"mediators\":[%M]}", FALSE, 422, "room" },
  { "years-away", "tiaojie", "roster", "tiaojie",
    "{\"scheduled_at\":\"2029-12-01T09:00:00+08:00\",\"room\":\"调解室\",\"mediators\":[%M]}",
    FALSE, 422, "scheduled_at" },
  { "no-zone", "tiaojie", "roster", "tiaojie",
    "{\"scheduled_at\":\"2026-12-01T09:00:00\",\"room\":\"调解室\",\"mediators\":[%M]}", FALSE,
    422, "scheduled_at" },
  { "unknown-member", "tiaojie", "roster", "tiaojie",
    "{\"scheduled_at\":\"2026-12-01T09:00:00+08:00\",\"room\":\"调解室\",\"mediators\":[%M],"
    "\"minutes\":\"x\"}", FALSE, 422, "minutes" },
  { "grid-leader", "wangge", "roster", "tiaojie", NULL, FALSE, 403, NULL },
  { "police", "minjing", "roster", "tiaojie", NULL, FALSE, 403, NULL },
  { "liaison", "bumen", "roster", "tiaojie", NULL, FALSE, 403, NULL },
  { "auditor", "shenji", "roster", "tiaojie", NULL, FALSE, 403, NULL },
};

static char *
account_list (const char *usernames)
{
  g_auto(GStrv) names = g_strsplit (usernames, ",", -1);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL && names[i][0] != '\0'; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            links_account (names[i]));
  return g_strdup (ids->str);
}

static void
test_bad_session (gconstpointer data)
{
  const BadSession *bad = data;
  gint64 matter = bad->registered ? links_register ("dispute", LINKS_VILLAGE, "尚未受理", NULL)
                                  : links_accepted ("错误的调解安排", FALSE);
  g_autofree char *ids = account_list (bad->mediators);
  g_auto(GStrv) parts = bad->body != NULL ? g_strsplit (bad->body, "%M", -1) : NULL;
  g_autofree char *body = bad->body != NULL ? g_strjoinv (ids, parts)
                                            : roster_body (bad->team, ids);
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) r = schedule (bad->who, matter, body);

  g_assert_cmpuint (r->status, ==, bad->status);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  links_assert_unchanged (before);
}

static void
test_missing (void)
{
  g_autofree char *before = links_snapshot ();
  g_autoptr(JfTestResponse) matter = links_call ("GET", "tiaojie", NULL,
                                                 "/v1/matters/999999/mediation-sessions");
  g_autoptr(JfTestResponse) session = links_call ("PATCH", "tiaojie",
                                                  "{\"version\":1,\"outcome\":\"failed\"}",
                                                  "/v1/mediation-sessions/999999");
  g_autoptr(JfTestResponse) alert = links_call ("POST", "tiaojie", "{\"note\":\"危险\"}",
                                                "/v1/matters/999999/police-alert");

  g_assert_cmpuint (matter->status, ==, 404);
  g_assert_cmpuint (session->status, ==, 404);
  g_assert_cmpuint (alert->status, ==, 404);
  links_assert_unchanged (before);
}

static JfTestResponse *
alert (const char *username,
       gint64      matter,
       const char *body)
{
  return links_call ("POST", username, body, "/v1/matters/%" G_GINT64_FORMAT "/police-alert",
                     matter);
}

/* The police.alert stream event of @matter: its department's code and its org's code. */
static char *
alert_delivery (gint64 matter)
{
  return links_sql_text ("SELECT d.code || ' ' || o.code FROM jf.stream_events e "
                         "JOIN jf.departments d ON d.id = e.department_id "
                         "JOIN jf.org_units o ON o.id = e.org_id "
                         "WHERE e.kind = 'police.alert' AND e.matter_id = %" G_GINT64_FORMAT,
                         matter);
}

static void
test_alert_reaches_station (void)
{
  gint64 matter = links_accepted ("扬言报复", TRUE);
  gint64 version = links_version (matter);
  g_autoptr(JfTestResponse) r = alert ("tiaojie", matter,
                                       "{\"note\":\"被申请人情绪激动，扬言报复，可能激化\"}");
  g_autofree char *delivery = NULL;
  g_autofree char *event = NULL;

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "via"), ==, "police_station");
  g_assert_cmpstr (jf_test_response_string (r, "department.code"), ==,
                   "220402-police_station-220402001");
  g_assert_cmpstr (jf_test_response_string (r, "department.name"), ==, "向阳派出所");
  /* To the station's liaisons and the police working in the township it serves. */
  delivery = alert_delivery (matter);
  g_assert_cmpstr (delivery, ==, "220402-police_station-220402001 220402001");
  event = links_sql_text ("SELECT data->>'note' || '|' || (data->'department'->>'code') "
                          "FROM jf.events WHERE kind = 'police.alerted' AND matter_id = %"
                          G_GINT64_FORMAT, matter);
  g_assert_cmpstr (event, ==, "被申请人情绪激动，扬言报复，可能激化|220402-police_station-220402001");
  /* An alert is no change of state: the status and the version stay. */
  g_assert_cmpstr (links_status (matter), ==, "in_mediation");
  g_assert_cmpint (links_version (matter), ==, version);
}

static void
test_alert_reaches_county (void)
{
  /* Where it happened is known only to the county: no station serves it. */
  gint64 county = links_register ("dispute", LINKS_COUNTY, "县城广场纠纷", NULL);
  /* A station taken off the platform does not answer: the county's bureau does. */
  gint64 other = links_register ("dispute", "220402002001", "南康街道纠纷", NULL);
  g_autoptr(JfTestResponse) first = NULL;
  g_autoptr(JfTestResponse) second = NULL;
  g_autofree char *delivery = NULL;

  first = alert ("chuangkou", county, "{\"note\":\"聚集人员较多，情绪激动\"}");
  jf_test_assert_status (first, 200);
  g_assert_cmpstr (jf_test_response_string (first, "via"), ==, "public_security");
  g_assert_cmpstr (jf_test_response_string (first, "department.code"), ==,
                   "220402-public_security");
  delivery = alert_delivery (county);
  g_assert_cmpstr (delivery, ==, "220402-public_security 220402");

  links_sql ("UPDATE jf.departments SET active = false "
             "WHERE code = '220402-police_station-220402002'");
  second = alert ("chuangkou", other, "{\"note\":\"有人持械\"}");
  links_sql ("UPDATE jf.departments SET active = true "
             "WHERE code = '220402-police_station-220402002'");
  jf_test_assert_status (second, 200);
  g_assert_cmpstr (jf_test_response_string (second, "department.code"), ==,
                   "220402-public_security");
}

static void
test_alert_refused (void)
{
  gint64 open = links_accepted ("报警被拒", FALSE);
  gint64 resolved = links_accepted ("已化解", TRUE);
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) no_note = NULL;
  g_autoptr(JfTestResponse) blank = NULL;
  g_autoptr(JfTestResponse) done = NULL;
  g_autoptr(JfTestResponse) liaison = NULL;
  g_autoptr(JfTestResponse) auditor = NULL;

  g_assert_cmpuint (links_move ("tiaojie", resolved, "resolved",
                                "{\"outcome\":\"双方和解\"}"), ==, 200);
  before = links_snapshot ();
  no_note = alert ("tiaojie", open, "{}");
  g_assert_cmpuint (no_note->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (no_note, "error.field"), ==, "note");
  blank = alert ("tiaojie", open, "{\"note\":\"   \"}");
  g_assert_cmpuint (blank->status, ==, 422);
  done = alert ("tiaojie", resolved, "{\"note\":\"危险\"}");
  g_assert_cmpuint (done->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (done, "error.code"), ==, "refused");
  liaison = alert ("bumen", open, "{\"note\":\"危险\"}");
  g_assert_cmpuint (liaison->status, ==, 403);
  auditor = alert ("shenji", open, "{\"note\":\"危险\"}");
  g_assert_cmpuint (auditor->status, ==, 403);
  links_assert_unchanged (before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  links_setup ();
  g_test_add_func ("/jfd/mediation/session/lifecycle", test_session_lifecycle);
  g_test_add_func ("/jfd/mediation/session/one-three-one", test_one_three_one);
  for (guint i = 0; i < G_N_ELEMENTS (bad_sessions); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/mediation/session/refused/%s",
                                               bad_sessions[i].name);
      g_test_add_data_func (name, &bad_sessions[i], test_bad_session);
    }
  g_test_add_func ("/jfd/mediation/missing", test_missing);
  g_test_add_func ("/jfd/mediation/police-alert/reaches-station", test_alert_reaches_station);
  g_test_add_func ("/jfd/mediation/police-alert/reaches-county", test_alert_reaches_county);
  g_test_add_func ("/jfd/mediation/police-alert/refused", test_alert_refused);
  status = g_test_run ();
  links_teardown ();
  return status;
}
