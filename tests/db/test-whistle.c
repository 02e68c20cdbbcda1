/* test-whistle.c: whistle and report (吹哨报到) through the API, against a real jiefend and
 * PostgreSQL: departments check in, feed back and are verified; the matter is resolved
 * only when all are; missed deadlines are flagged and reported once; every refused
 * request is checked, in the database, to have written nothing.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "jf-test-env.h"

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"
#define HOUSING "220402-housing"
#define LABOUR "220402-human_resources"
#define POLICE "220402-police_station-220402001"

static JfTestEnv *env;
/* Liaisons of the three departments: bumen (seeded, housing) and two made by the test. */
static const char *housing_token;
static char *labour_token;
static char *police_token;

static JfTestResponse *
call (const char *method,
      const char *token,
      const char *body,
      const char *path_format,
      ...) G_GNUC_PRINTF (4, 5);

static JfTestResponse *
call (const char *method,
      const char *token,
      const char *body,
      const char *path_format,
      ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return jf_test_request (env->server, method, path, token, body);
}

static const char *
clerk (void)
{
  return jf_test_env_token (env, CLERK);
}

/* Everything a whistle request could write, in one line: a refused request must leave
 * it as it was. */
static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT concat_ws(',', (SELECT count(*) FROM jf.whistles), "
    " (SELECT string_agg(status, '' ORDER BY id) FROM jf.whistles), "
    " (SELECT count(*) FROM jf.whistle_targets), "
    " (SELECT coalesce(sum(version), 0) FROM jf.whistle_targets), "
    " (SELECT string_agg(status || action_due_at::text, '' ORDER BY id) FROM jf.whistle_targets), "
    " (SELECT count(*) FROM jf.deadlines), "
    " (SELECT string_agg(state || coalesce(due_at::text, ''), '' ORDER BY id) FROM jf.deadlines), "
    " (SELECT count(*) FROM jf.events), (SELECT count(*) FROM jf.stream_events), "
    " (SELECT sum(version) FROM jf.matters), "
    " (SELECT string_agg(status, '' ORDER BY id) FROM jf.matters), "
    " (SELECT count(*) FROM jf.attachments WHERE target_id IS NOT NULL))");
}

static void
assert_unchanged (const char *before)
{
  g_autofree char *after = snapshot ();

  g_assert_cmpstr (after, ==, before);
}

static gint64
sql_int (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static gint64
sql_int (const char *format,
         ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_int (env, sql);
}

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

static void
assert_sql (const char *expected,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
assert_sql (const char *expected,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  text = jf_test_env_sql_text (env, sql);
  g_assert_cmpstr (text, ==, expected);
}

static gint64
version_of (gint64 matter)
{
  return sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT, matter);
}

static gint64
accepted_matter (const char *title)
{
  gint64 id = jf_test_env_register (env, CLERK, title, TOWNSHIP);
  g_autoptr(JfTestResponse) r = call ("POST", clerk (), "{\"to\":\"accepted\",\"version\":1}",
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", id);

  jf_test_assert_status (r, 200);
  return id;
}

static char *
whistle_body (gint64      version,
              const char *urgency)
{
  return g_strdup_printf (
    "{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"%s\",\"request\":\"请住建局牵头处理\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"现场查看违建\"},"
    "\"assist\":[{\"department\":\"" LABOUR "\",\"ask\":\"核查欠薪\"},"
    "{\"department\":\"" POLICE "\",\"ask\":\"维持秩序\"}]}", version, urgency);
}

/* Whistles the three departments on a new accepted matter; the targets' ids, lead
 * first, in @targets. */
static gint64
whistled_matter (const char *title,
                 const char *urgency,
                 gint64      targets[3])
{
  gint64 id = accepted_matter (title);
  g_autofree char *body = whistle_body (version_of (id), urgency);
  g_autoptr(JfTestResponse) r = call ("POST", clerk (), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/whistles", id);

  jf_test_assert_status (r, 201);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("whistle.targets.%u.id", i);
      targets[i] = jf_test_response_int (r, path);
    }
  return id;
}

static const char *
liaison_of (guint index)
{
  return index == 0 ? housing_token : index == 1 ? labour_token : police_token;
}

static void
step_ok (const char *token,
         gint64      target,
         const char *step,
         const char *body,
         const char *expected_status)
{
  g_autoptr(JfTestResponse) r = call ("POST", token, body,
                                      "/v1/whistle-targets/%" G_GINT64_FORMAT "/%s", target,
                                      step);

  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "id"), ==, target);
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, expected_status);
}

static guint
step_status (const char *token,
             gint64      target,
             const char *step,
             const char *body)
{
  g_autoptr(JfTestResponse) r = call ("POST", token, body,
                                      "/v1/whistle-targets/%" G_GINT64_FORMAT "/%s", target,
                                      step);

  return r->status;
}

static guint
resolve_status (gint64 matter)
{
  g_autofree char *body = g_strdup_printf ("{\"to\":\"resolved\",\"version\":%" G_GINT64_FORMAT
                                           ",\"fields\":{\"outcome\":\"各部门已办结\"}}",
                                           version_of (matter));
  g_autoptr(JfTestResponse) r = call ("POST", clerk (), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", matter);

  return r->status;
}

static gboolean
has_fact (gint64      matter,
          const char *fact)
{
  return sql_int ("SELECT count(*) FROM unnest(jf.matter_facts(%" G_GINT64_FORMAT ")) f "
                  "WHERE f = '%s'", matter, fact) == 1;
}

static void
test_three_departments (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("三部门联合吹哨", "urgent", targets);
  g_autoptr(JfTestResponse) matter = NULL;
  g_autoptr(JfTestResponse) list = NULL;
  g_autoptr(JfTestResponse) inbox = NULL;
  g_autoptr(JfTestResponse) resolved = NULL;
  g_autofree char *kinds = NULL;

  /* Dispatched, with a check-in clock and an action clock for each department, and each
   * department told. */
  matter = call ("GET", clerk (), NULL, "/v1/matters/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (jf_test_response_string (matter, "status"), ==, "dispatched");
  g_assert_cmpstr (jf_test_response_string (matter, "deadline.stage"), ==, "whistle_checkin");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE subject = "
                                "'whistle_target:%" G_GINT64_FORMAT "' AND state = 'running' "
                                "AND stage IN ('whistle_checkin', 'whistle_action')",
                                targets[i]), ==, 2);
      /* Urgent: 30 minutes to check in (the seeded rule). */
      g_assert_cmpint (sql_int ("SELECT round(extract(epoch FROM t.checkin_due_at - "
                                "w.created_at) / 60) FROM jf.whistle_targets t JOIN jf.whistles w "
                                "ON w.id = t.whistle_id WHERE t.id = %" G_GINT64_FORMAT,
                                targets[i]), ==, 30);
      g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.stream_events s JOIN jf.whistle_targets t "
                                "ON t.department_id = s.department_id WHERE t.id = %"
                                G_GINT64_FORMAT " AND s.kind = 'whistle.received' "
                                "AND (s.payload->>'target')::bigint = t.id", targets[i]), ==, 1);
    }
  list = call ("GET", clerk (), NULL, "/v1/matters/%" G_GINT64_FORMAT "/whistles", id);
  jf_test_assert_status (list, 200);
  g_assert_cmpstr (jf_test_response_string (list, "0.status"), ==, "open");
  g_assert_cmpstr (jf_test_response_string (list, "0.targets.0.role"), ==, "lead");
  g_assert_cmpstr (jf_test_response_string (list, "0.targets.0.department.code"), ==, HOUSING);
  g_assert_cmpstr (jf_test_response_string (list, "0.targets.2.department.code"), ==, POLICE);

  /* The department's inbox has it, with the matter's number. */
  inbox = call ("GET", police_token, NULL, "/v1/inbox?status=pending");
  jf_test_assert_status (inbox, 200);
  g_assert_cmpint (jf_test_response_int (inbox, "items.0.id"), ==, targets[2]);
  g_assert_nonnull (jf_test_response_string (inbox, "items.0.matter.number"));
  g_assert_cmpstr (jf_test_response_string (inbox, "items.0.whistle.urgency"), ==, "urgent");

  g_assert_cmpuint (resolve_status (id), ==, 422);
  for (guint i = 0; i < 3; i++)
    {
      step_ok (liaison_of (i), targets[i], "check-in", "{\"note\":\"已到场\"}", "checked_in");
      step_ok (liaison_of (i), targets[i], "feedback", "{\"text\":\"已现场处置完毕\"}",
               "fed_back");
      /* Until the last department is verified, the matter stays open. */
      g_assert_false (has_fact (id, "whistle_all_verified"));
      g_assert_cmpuint (resolve_status (id), ==, 422);
      step_ok (clerk (), targets[i], "verify", "{\"rating\":5,\"note\":\"及时\"}", "verified");
    }
  assert_sql ("done", "SELECT status FROM jf.whistles WHERE matter_id = %"
              G_GINT64_FORMAT, id);
  g_assert_true (has_fact (id, "whistle_all_verified"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE matter_id = %"
                            G_GINT64_FORMAT " AND state = 'running'", id), ==, 0);
  g_assert_cmpuint (resolve_status (id), ==, 200);

  kinds = sql_text ("SELECT string_agg(kind, ' ' ORDER BY seq) FROM jf.events WHERE matter_id = %"
                    G_GINT64_FORMAT " AND (kind LIKE 'whistle.%%' OR kind = 'move.whistle')", id);
  g_assert_cmpstr (kinds, ==,
                   "move.whistle whistle.checked_in whistle.fed_back whistle.verified "
                   "whistle.checked_in whistle.fed_back whistle.verified "
                   "whistle.checked_in whistle.fed_back whistle.verified whistle.done");
  resolved = call ("GET", clerk (), NULL, "/v1/matters/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (jf_test_response_string (resolved, "status"), ==, "resolved");
}

static void
test_other_department_refused (void)
{
  gint64 targets[3];
  g_autofree char *before = NULL;
  g_autofree char *outsider = NULL;

  whistled_matter ("他部门不能报到", "normal", targets);
  before = snapshot ();
  /* The housing liaison cannot check in for labour; a clerk checks in for no one; a
   * liaison verifies nothing. */
  g_assert_cmpuint (step_status (housing_token, targets[1], "check-in", "{}"), ==, 403);
  g_assert_cmpuint (step_status (clerk (), targets[0], "check-in", "{}"), ==, 403);
  g_assert_cmpuint (step_status (housing_token, targets[0], "verify", "{\"rating\":5}"), ==, 403);
  /* Another county's supervisor does not verify this township's whistle. */
  jf_test_env_sql (env, "UPDATE jf.accounts SET org_id = (SELECT id FROM jf.org_units "
                        "WHERE code = '220403') WHERE username = 'ducha'");
  outsider = jf_test_sign_in (env->server, "ducha", JF_TEST_PASSWORD);
  g_assert_cmpuint (step_status (outsider, targets[0], "verify", "{\"rating\":5}"), ==, 403);
  jf_test_env_sql (env, "UPDATE jf.accounts SET org_id = (SELECT id FROM jf.org_units "
                        "WHERE code = '220402') WHERE username = 'ducha'");
  assert_unchanged (before);
  assert_sql ("pending", "SELECT status FROM jf.whistle_targets WHERE id = %" G_GINT64_FORMAT,
              targets[1]);
}

/* Moves a target's check-in clock into the past, as time passing would. */
static void
checkin_overdue_now (gint64 target)
{
  g_autofree char *a = g_strdup_printf (
    "UPDATE jf.whistle_targets SET checkin_due_at = now() - interval '5 minutes' "
    "WHERE id = %" G_GINT64_FORMAT, target);
  g_autofree char *b = g_strdup_printf (
    "UPDATE jf.deadlines SET due_at = now() - interval '5 minutes', "
    "warn_at = now() - interval '15 minutes' WHERE subject = 'whistle_target:%" G_GINT64_FORMAT
    "' AND stage = 'whistle_checkin'", target);

  jf_test_env_sql (env, a);
  jf_test_env_sql (env, b);
}

static gint64
supervision_events (gint64 target)
{
  return sql_int ("SELECT count(*) FROM jf.stream_events WHERE kind = 'supervision' "
                  "AND (payload->>'target')::bigint = %" G_GINT64_FORMAT, target);
}

static void
test_late_check_in (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("迟到报到", "urgent", targets);
  g_autoptr(JfTestResponse) r = NULL;

  checkin_overdue_now (targets[0]);
  r = call ("POST", housing_token, "{}", "/v1/whistle-targets/%" G_GINT64_FORMAT "/check-in",
            targets[0]);
  /* Late is still accepted, and marked. */
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "checked_in");
  g_assert_true (json_node_get_boolean (jf_test_response_get (r, "overdue.checkin")));
  g_assert_false (json_node_get_boolean (jf_test_response_get (r, "overdue.action")));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'whistle.checked_in' AND (data->>'overdue')::boolean",
                            id), ==, 1);
  /* The supervisor one level above the township centre is told, once. */
  g_assert_cmpint (supervision_events (targets[0]), ==, 1);
  assert_sql ("220402", "SELECT o.code FROM jf.stream_events s JOIN jf.org_units o "
              "ON o.id = s.org_id WHERE s.kind = 'supervision' AND "
              "(s.payload->>'target')::bigint = %" G_GINT64_FORMAT, targets[0]);
  assert_sql ("mettrue", "SELECT state || (breached_at IS NOT NULL) FROM jf.deadlines "
              "WHERE subject = 'whistle_target:%" G_GINT64_FORMAT "' AND "
              "stage = 'whistle_checkin'", targets[0]);
  /* On time is not overdue. */
  step_ok (labour_token, targets[1], "check-in", "{}", "checked_in");
  assert_sql ("f", "SELECT checkin_overdue FROM jf.whistle_targets WHERE id = %"
              G_GINT64_FORMAT, targets[1]);
  g_assert_cmpint (supervision_events (targets[1]), ==, 0);
}

static void
test_breach_flags_once (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("报到超时督办", "urgent", targets);
  gint64 checkin_clock, action_clock;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *sql = NULL;

  checkin_overdue_now (targets[0]);
  checkin_clock = sql_int ("SELECT id FROM jf.deadlines WHERE subject = 'whistle_target:%"
                           G_GINT64_FORMAT "' AND stage = 'whistle_checkin'", targets[0]);
  /* What the scheduler calls for each breached clock; a second call changes nothing. */
  sql = g_strdup_printf ("SELECT jf.whistle_deadline_breached(%" G_GINT64_FORMAT ")::text",
                         checkin_clock);
  first = jf_test_env_sql_text (env, sql);
  second = jf_test_env_sql_text (env, sql);
  g_assert_nonnull (first);
  g_assert_null (second);
  assert_sql ("truefalse", "SELECT checkin_overdue::text || action_overdue::text FROM "
              "jf.whistle_targets WHERE id = %" G_GINT64_FORMAT, targets[0]);
  g_assert_cmpint (supervision_events (targets[0]), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'whistle.overdue'", id), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE id = %" G_GINT64_FORMAT
                            " AND breached_at IS NOT NULL", checkin_clock), ==, 1);

  /* Checking in late after that is marked, and not reported a second time. */
  step_ok (housing_token, targets[0], "check-in", "{}", "checked_in");
  g_assert_cmpint (supervision_events (targets[0]), ==, 1);

  /* The scheduler's own statement, for the action clock of another department: the
   * breach runs through the whistle's handler, once. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE jf.deadlines SET due_at = now() - interval '1 minute' "
                         "WHERE subject = 'whistle_target:%" G_GINT64_FORMAT "' "
                         "AND stage = 'whistle_action'", targets[1]);
  jf_test_env_sql (env, sql);
  action_clock = sql_int ("SELECT id FROM jf.deadlines WHERE subject = 'whistle_target:%"
                          G_GINT64_FORMAT "' AND stage = 'whistle_action'", targets[1]);
  g_free (sql);
  sql = g_strdup_printf ("SELECT jf.raise_deadline(%" G_GINT64_FORMAT ", 'breach')",
                         action_clock);
  jf_test_env_sql (env, sql);
  jf_test_env_sql (env, sql);
  assert_sql ("falsetrue", "SELECT checkin_overdue::text || action_overdue::text FROM "
              "jf.whistle_targets WHERE id = %" G_GINT64_FORMAT, targets[1]);
  g_assert_cmpint (supervision_events (targets[1]), ==, 1);
  /* Not a whistle clock, or no such clock: nothing. */
  assert_sql (NULL, "SELECT jf.whistle_deadline_breached(id)::text FROM jf.deadlines "
              "WHERE matter_id = %" G_GINT64_FORMAT " AND stage = 'acceptance'",
              id);
  assert_sql (NULL, "SELECT jf.whistle_deadline_breached(-1)::text");
}

/* The same through jiefend's own deadline scheduler, on a server of its own that ticks
 * every 100 ms. */
static void
test_scheduler_breach (void)
{
  static const char * const ticking[] = { "JIEFEND_SCHEDULER_INTERVAL_MS=100", NULL };
  JfTestEnv *quiet = env;
  gint64 targets[3];
  gint64 deadline;
  gint64 flagged = 0;

  env = jf_test_env_new_with (ticking);
  whistled_matter ("调度器督办", "urgent", targets);
  checkin_overdue_now (targets[1]);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline &&
         (flagged = sql_int ("SELECT count(*) FROM jf.whistle_targets WHERE id = %"
                             G_GINT64_FORMAT " AND checkin_overdue", targets[1])) == 0)
    g_usleep (100 * 1000);
  g_assert_cmpint (flagged, ==, 1);
  /* Several ticks later, still reported once. */
  g_usleep (500 * 1000);
  g_assert_cmpint (supervision_events (targets[1]), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events e JOIN jf.whistles w ON "
                            "w.matter_id = e.matter_id JOIN jf.whistle_targets t ON "
                            "t.whistle_id = w.id WHERE t.id = %" G_GINT64_FORMAT
                            " AND e.kind = 'whistle.overdue'", targets[1]), ==, 1);
  /* The department's own on-time clock is untouched. */
  assert_sql ("f", "SELECT checkin_overdue FROM jf.whistle_targets WHERE id = %"
              G_GINT64_FORMAT, targets[0]);
  jf_test_env_free (env);
  env = quiet;
}

static void
test_extension_once (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("延期一次", "normal", targets);
  g_autofree char *due_before = sql_text ("SELECT action_due_at FROM jf.whistle_targets "
                                          "WHERE id = %" G_GINT64_FORMAT, targets[0]);
  g_autofree char *before = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(JfTestResponse) r = NULL;
  static const struct
  {
    const char *body;
    const char *field;
  } bad[] = {
    { "{\"days\":2}", "reason" },
    { "{\"reason\":\"x\"}", "days" },
    { "{\"reason\":\"x\",\"days\":1,\"hours\":3}", "hours" },
    { "{\"reason\":\"x\",\"days\":31}", "days" },
    { "{\"reason\":\"x\",\"hours\":0}", "hours" },
    { "{\"reason\":\"x\",\"days\":\"2\"}", "days" },
    { "{\"reason\":\"x\",\"days\":2,\"weeks\":1}", "weeks" },
  };

  before = snapshot ();
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JfTestResponse) refused = call ("POST", housing_token, bad[i].body,
                                                "/v1/whistle-targets/%" G_GINT64_FORMAT
                                                "/extension", targets[0]);

      g_assert_cmpuint (refused->status, ==, 422);
      g_assert_cmpstr (jf_test_response_string (refused, "error.field"), ==, bad[i].field);
    }
  g_assert_cmpuint (step_status (labour_token, targets[0], "extension",
                                 "{\"reason\":\"x\",\"days\":1}"), ==, 403);
  assert_unchanged (before);

  r = call ("POST", housing_token, "{\"reason\":\"需协调规划部门\",\"days\":2}",
            "/v1/whistle-targets/%" G_GINT64_FORMAT "/extension", targets[0]);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "extension.minutes"), ==, 2 * 1440);
  g_assert_cmpint (sql_int ("SELECT extract(epoch FROM action_due_at - '%s'::timestamptz)"
                            "::integer FROM jf.whistle_targets WHERE id = %" G_GINT64_FORMAT,
                            due_before, targets[0]), ==, 2 * 86400);
  /* The clock the scheduler watches moved with it. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines d JOIN jf.whistle_targets t "
                            "ON d.subject = 'whistle_target:' || t.id WHERE t.id = %"
                            G_GINT64_FORMAT " AND d.stage = 'whistle_action' "
                            "AND d.due_at = t.action_due_at AND d.extended_by_minutes = 2880",
                            targets[0]), ==, 1);

  /* Once only. */
  g_free (before);
  before = snapshot ();
  g_assert_cmpuint (step_status (housing_token, targets[0], "extension",
                                 "{\"reason\":\"再延\",\"hours\":4}"), ==, 422);
  assert_unchanged (before);
  /* Not after the time to act has run out. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE jf.whistle_targets SET action_due_at = now() - interval "
                         "'1 hour' WHERE id = %" G_GINT64_FORMAT, targets[1]);
  jf_test_env_sql (env, sql);
  g_free (before);
  before = snapshot ();
  g_assert_cmpuint (step_status (labour_token, targets[1], "extension",
                                 "{\"reason\":\"x\",\"hours\":4}"), ==, 422);
  assert_unchanged (before);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'whistle.extended'", id), ==, 1);
}

static void
test_send_back_and_feedback_files (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("退回补充", "normal", targets);
  gint64 other = accepted_matter ("别的事项");
  static const char pdf[] = "%PDF-1.4\n% jiefen whistle\n";
  g_autoptr(GBytes) file = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autofree char *upload = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                             "/attachments?filename=report.pdf", id);
  g_autofree char *upload_other = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                                   "/attachments?filename=other.pdf", other);
  g_autoptr(JfTestResponse) mine = jf_test_request_full (env->server, "POST", upload, clerk (),
                                                         "application/pdf", file, NULL);
  g_autoptr(JfTestResponse) theirs = jf_test_request_full (env->server, "POST", upload_other,
                                                           clerk (), "application/pdf", file,
                                                           NULL);
  g_autofree char *bad_file = NULL;
  g_autofree char *good_file = NULL;
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  jf_test_assert_status (mine, 201);
  jf_test_assert_status (theirs, 201);
  step_ok (housing_token, targets[0], "check-in", "{}", "checked_in");

  /* Files of another matter, unknown ids, and the same file twice are refused. */
  before = snapshot ();
  bad_file = g_strdup_printf ("{\"text\":\"见附件\",\"attachments\":[%" G_GINT64_FORMAT "]}",
                              jf_test_response_int (theirs, "id"));
  r = call ("POST", housing_token, bad_file, "/v1/whistle-targets/%" G_GINT64_FORMAT "/feedback",
            targets[0]);
  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "attachments[0]");
  g_assert_cmpuint (step_status (housing_token, targets[0], "feedback",
                                 "{\"text\":\"x\",\"attachments\":[999999]}"), ==, 422);
  g_assert_cmpuint (step_status (housing_token, targets[0], "feedback",
                                 "{\"text\":\"x\",\"attachments\":[1,1]}"), ==, 422);
  g_assert_cmpuint (step_status (housing_token, targets[0], "feedback",
                                 "{\"text\":\"x\",\"attachments\":[\"1\"]}"), ==, 422);
  g_assert_cmpuint (step_status (housing_token, targets[0], "feedback", "{\"text\":\"\"}"),
                    ==, 422);
  /* Feedback before checking in, verifying before feedback. */
  g_assert_cmpuint (step_status (labour_token, targets[1], "feedback", "{\"text\":\"x\"}"),
                    ==, 422);
  g_assert_cmpuint (step_status (clerk (), targets[1], "verify", "{\"rating\":4}"), ==, 422);
  g_assert_cmpuint (step_status (clerk (), targets[0], "verify", "{\"rating\":6}"), ==, 422);
  g_assert_cmpuint (step_status (clerk (), 999999, "verify", "{\"rating\":4}"), ==, 404);
  assert_unchanged (before);

  good_file = g_strdup_printf ("{\"text\":\"已拆除，见附件\",\"attachments\":[%" G_GINT64_FORMAT "]}",
                               jf_test_response_int (mine, "id"));
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("POST", housing_token, good_file, "/v1/whistle-targets/%" G_GINT64_FORMAT "/feedback",
            targets[0]);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "feedback.attachments.0"), ==,
                   jf_test_response_int (mine, "id"));

  /* Sent back: checked in again, with a running action clock, then fed back and verified. */
  g_assert_cmpuint (step_status (clerk (), targets[0], "send-back", "{}"), ==, 422);
  step_ok (clerk (), targets[0], "send-back", "{\"note\":\"请补充整改照片\"}", "checked_in");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE subject = 'whistle_target:%"
                            G_GINT64_FORMAT "' AND stage = 'whistle_action' AND state = 'running'",
                            targets[0]), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.stream_events WHERE kind = 'whistle.received' "
                            "AND (payload->>'target')::bigint = %" G_GINT64_FORMAT
                            " AND (payload->>'sent_back')::boolean", targets[0]), ==, 1);
  step_ok (housing_token, targets[0], "feedback", "{\"text\":\"已补充\"}", "fed_back");
  step_ok (clerk (), targets[0], "verify", "{\"rating\":3}", "verified");
  g_assert_cmpint (sql_int ("SELECT sent_back_count FROM jf.whistle_targets WHERE id = %"
                            G_GINT64_FORMAT, targets[0]), ==, 1);
}

static void
test_recall_cancels (void)
{
  gint64 targets[3];
  gint64 id = whistled_matter ("撤回吹哨", "normal", targets);
  g_autofree char *body = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JfTestResponse) r = NULL;
  g_autoptr(JfTestResponse) rewhistled = NULL;

  step_ok (housing_token, targets[0], "check-in", "{}", "checked_in");
  body = g_strdup_printf ("{\"to\":\"accepted\",\"version\":%" G_GINT64_FORMAT
                          ",\"fields\":{\"reason\":\"当事人已和解\"}}", version_of (id));
  r = call ("POST", clerk (), body, "/v1/matters/%" G_GINT64_FORMAT "/transitions", id);
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "accepted");
  assert_sql ("recalled", "SELECT status FROM jf.whistles WHERE matter_id = %" G_GINT64_FORMAT,
              id);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.whistle_targets t JOIN jf.whistles w ON "
                            "w.id = t.whistle_id WHERE w.matter_id = %" G_GINT64_FORMAT
                            " AND t.status = 'cancelled' AND t.cancelled_at IS NOT NULL", id),
                   ==, 3);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE matter_id = %"
                            G_GINT64_FORMAT " AND subject LIKE 'whistle_target:%%' "
                            "AND state IN ('running', 'paused')", id), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE matter_id = %"
                            G_GINT64_FORMAT " AND subject LIKE 'whistle_target:%%' "
                            "AND state = 'cancelled'", id), ==, 5);
  /* Nothing more is done on a recalled whistle; a new one may be blown. */
  g_assert_cmpuint (step_status (labour_token, targets[1], "check-in", "{}"), ==, 422);
  again = whistle_body (version_of (id), "urgent");
  rewhistled = call ("POST", clerk (), again, "/v1/matters/%" G_GINT64_FORMAT "/whistles", id);
  jf_test_assert_status (rewhistled, 201);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.whistles WHERE matter_id = %"
                            G_GINT64_FORMAT, id), ==, 2);
}

typedef struct
{
  const char *name;
  const char *who;
  const char *body;     /* %V: the matter's version */
  guint       status;
  const char *field;
} BadWhistle;

static const BadWhistle bad_whistles[] = {
  { "no-version", CLERK, "{\"urgency\":\"urgent\",\"request\":\"r\",\"lead\":{\"department\":\""
    HOUSING "\",\"ask\":\"a\"}}", 422, "version" },
  { "stale-version", CLERK, "{\"version\":1,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"}}", 409, "version" },
  { "bad-urgency", CLERK, "{\"version\":%V,\"urgency\":\"asap\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"}}", 422, "urgency" },
  { "no-lead", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\"}", 422, "lead" },
  { "lead-without-ask", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\"}}", 422, "lead.ask" },
  { "unknown-department", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"220402-nothing\",\"ask\":\"a\"}}", 422, "lead.department" },
  { "department-twice", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"},\"assist\":[{\"department\":\""
    LABOUR "\",\"ask\":\"a\"},{\"department\":\"" HOUSING "\",\"ask\":\"b\"}]}", 422,
    "assist[1].department" },
  { "other-county", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"},\"assist\":[{\"department\":"
    "\"220403-housing\",\"ask\":\"a\"}]}", 422, "assist[0].department" },
  { "assist-not-a-list", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"},\"assist\":{}}", 422, "assist" },
  { "unknown-member", CLERK, "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"},\"cc\":[]}", 422, "cc" },
  { "grid-leader", "wangge", "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"}}", 403, NULL },
  { "department-liaison", "bumen", "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"}}", 403, NULL },
  { "auditor", "shenji", "{\"version\":%V,\"urgency\":\"urgent\",\"request\":\"r\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"a\"}}", 403, NULL },
  { "malformed", CLERK, "{\"version\":", 400, NULL },
};

static void
test_bad_whistle (gconstpointer data)
{
  const BadWhistle *bad = data;
  gint64 id = accepted_matter ("错误的吹哨");
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, version_of (id));
  g_auto(GStrv) parts = g_strsplit (bad->body, "%V", -1);
  g_autofree char *body = g_strjoinv (version, parts);
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  before = snapshot ();
  r = call ("POST", jf_test_env_token (env, bad->who), body,
            "/v1/matters/%" G_GINT64_FORMAT "/whistles", id);
  g_assert_cmpuint (r->status, ==, bad->status);
  if (bad->field != NULL)
    g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  assert_unchanged (before);
}

static void
test_whistle_refused_states (void)
{
  gint64 registered = jf_test_env_register (env, CLERK, "未受理不能吹哨", TOWNSHIP);
  g_autofree char *body = whistle_body (1, "normal");
  g_autofree char *before = snapshot ();
  g_autoptr(JfTestResponse) r = call ("POST", clerk (), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/whistles", registered);
  g_autoptr(JfTestResponse) missing = call ("POST", clerk (), body, "/v1/matters/999999/whistles");
  g_autoptr(JfTestResponse) inbox = call ("GET", clerk (), NULL, "/v1/inbox");
  g_autoptr(JfTestResponse) bad_page = call ("GET", housing_token, NULL, "/v1/inbox?after=x");
  g_autoptr(JfTestResponse) bad_status = call ("GET", housing_token, NULL,
                                               "/v1/inbox?status=open");

  g_assert_cmpuint (r->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "refused");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (inbox->status, ==, 403);
  g_assert_cmpuint (bad_page->status, ==, 422);
  g_assert_cmpuint (bad_status->status, ==, 422);
  assert_unchanged (before);
}

static void
test_inbox_pages (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *after = NULL;
  gint64 total = sql_int ("SELECT count(*) FROM jf.whistle_targets t JOIN jf.departments d ON "
                          "d.id = t.department_id WHERE d.code = '" HOUSING "'");
  gint64 last_rank = 0;

  /* Pages of two, open work first, no item twice, every item once. */
  for (guint page = 0; page < 100; page++)
    {
      g_autoptr(JfTestResponse) r = NULL;
      JsonArray *items;

      r = after == NULL ? call ("GET", housing_token, NULL, "/v1/inbox?limit=2")
                        : call ("GET", housing_token, NULL, "/v1/inbox?limit=2&after=%s", after);
      jf_test_assert_status (r, 200);
      items = json_node_get_array (jf_test_response_get (r, "items"));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *status = json_object_get_string_member (item, "status");
          gint64 rank = g_strv_contains ((const char *[]) { "pending", "checked_in", NULL },
                                         status) ? 0
                        : g_strcmp0 (status, "fed_back") == 0 ? 1 : 2;
          gint64 *key = g_new (gint64, 1);

          *key = json_object_get_int_member (item, "id");
          g_assert_false (g_hash_table_contains (seen, key));
          g_hash_table_add (seen, key);
          g_assert_cmpint (rank, >=, last_rank);
          last_rank = rank;
        }
      g_free (after);
      after = g_strdup (jf_test_response_string (r, "next"));
      if (after == NULL)
        break;
    }
  g_assert_cmpint (g_hash_table_size (seen), ==, total);
  g_assert_cmpint (total, >, 2);
}

static char *
make_liaison (const char *username,
              const char *department)
{
  g_autofree char *body = g_strdup_printf (
    "{\"username\":\"%s\",\"name\":\"部门联络员\",\"roles\":[\"department_liaison\"],"
    "\"org\":\"220402\",\"department\":\"%s\",\"password\":\"%s\"}", username, department,
    JF_TEST_PASSWORD);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/accounts",
                                                 jf_test_env_token (env, "admin"), body);

  jf_test_assert_status (r, 201);
  return jf_test_sign_in (env->server, username, JF_TEST_PASSWORD);
}

int
main (int argc, char **argv)
{
  /* The scheduler stays out of the way: the breach test calls what it would call. */
  static const char * const server_env[] = { "JIEFEND_SCHEDULER_INTERVAL_MS=600000", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new_with (server_env);
  housing_token = jf_test_env_token (env, "bumen");
  labour_token = make_liaison ("renshe", LABOUR);
  police_token = make_liaison ("paichusuo", POLICE);
  g_test_add_func ("/jfd/whistle/three-departments-resolve-after-all-verified",
                   test_three_departments);
  g_test_add_func ("/jfd/whistle/other-department-cannot-check-in",
                   test_other_department_refused);
  g_test_add_func ("/jfd/whistle/late-check-in-is-overdue", test_late_check_in);
  g_test_add_func ("/jfd/whistle/breach-flags-and-supervises-once", test_breach_flags_once);
  g_test_add_func ("/jfd/whistle/scheduler-flags-a-missed-check-in", test_scheduler_breach);
  g_test_add_func ("/jfd/whistle/extension-only-once", test_extension_once);
  g_test_add_func ("/jfd/whistle/send-back-and-feedback-files", test_send_back_and_feedback_files);
  g_test_add_func ("/jfd/whistle/recall-cancels-open-targets", test_recall_cancels);
  for (guint i = 0; i < G_N_ELEMENTS (bad_whistles); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/whistle/refused/%s", bad_whistles[i].name);
      g_test_add_data_func (name, &bad_whistles[i], test_bad_whistle);
    }
  g_test_add_func ("/jfd/whistle/refused-states", test_whistle_refused_states);
  g_test_add_func ("/jfd/whistle/inbox-pages", test_inbox_pages);
  status = g_test_run ();
  g_free (labour_token);
  g_free (police_token);
  jf_test_env_free (env);
  return status;
}
