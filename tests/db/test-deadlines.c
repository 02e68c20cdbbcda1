/* test-deadlines.c: clocks through the API: pausing and resuming, warnings and breaches
 * raised once with two jiefend processes on one database, and administrators' reference
 * data (rules, the holiday calendar, categories) reaching every process.
 */
#include "config.h"

#include "jf-test-env.h"

static JfTestEnv *env;

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"

static gint64
acceptance_clock (gint64 matter)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM jf.deadlines WHERE matter_id = %"
                                          G_GINT64_FORMAT " AND stage = 'acceptance'", matter);
  return jf_test_env_sql_int (env, sql);
}

static JfTestResponse *
post (const char *user, const char *path, const char *body)
{
  return jf_test_request (env->server, "POST", path, jf_test_env_token (env, user), body);
}

static void
test_pause_and_resume (void)
{
  gint64 matter = jf_test_env_register (env, CLERK, "暂停测试", TOWNSHIP);
  gint64 clock = acceptance_clock (matter);
  g_autofree char *pause = g_strdup_printf ("/v1/deadlines/%" G_GINT64_FORMAT "/pause", clock);
  g_autofree char *resume = g_strdup_printf ("/v1/deadlines/%" G_GINT64_FORMAT "/resume", clock);
  g_autofree char *due_sql = g_strdup_printf ("SELECT (extract(epoch FROM due_at) * 1000)::bigint "
                                              "FROM jf.deadlines WHERE id = %" G_GINT64_FORMAT,
                                              clock);
  gint64 due_before = jf_test_env_sql_int (env, due_sql);
  g_autoptr(JfTestResponse) paused = post (CLERK, pause, "{\"reason\":\"hearing\",\"note\":\"听证\"}");
  g_autoptr(JfTestResponse) again = post (CLERK, pause, "{\"reason\":\"hearing\"}");
  g_autoptr(JfTestResponse) liaison = post ("bumen", resume, "{}");
  g_autoptr(JfTestResponse) resumed = NULL;
  g_autoptr(JfTestResponse) bad = post (CLERK, pause, "{\"reason\":\"holiday\"}");
  g_autofree char *events = g_strdup_printf ("SELECT string_agg(kind, ',' ORDER BY seq) "
                                             "FROM jf.events WHERE matter_id = %"
                                             G_GINT64_FORMAT " AND kind LIKE 'deadline.%%'",
                                             matter);
  g_autofree char *kinds = NULL;

  jf_test_assert_status (paused, 200);
  g_assert_cmpstr (jf_test_response_string (paused, "state"), ==, "paused");
  g_assert_cmpstr (jf_test_response_string (paused, "pauses.0.reason"), ==, "hearing");
  g_assert_cmpuint (again->status, ==, 422);
  g_assert_cmpuint (liaison->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (bad, "error.field"), ==, "reason");

  /* The clock stands still for a while; resuming moves the due time later by as much. */
  g_usleep (1500 * 1000);
  resumed = post (CLERK, resume, "{}");
  jf_test_assert_status (resumed, 200);
  g_assert_cmpstr (jf_test_response_string (resumed, "state"), ==, "running");
  g_assert_cmpint (jf_test_env_sql_int (env, due_sql) - due_before, >=, 1500);
  g_assert_cmpint (jf_test_env_sql_int (env, due_sql) - due_before, <, 10000);
  kinds = jf_test_env_sql_text (env, events);
  g_assert_cmpstr (kinds, ==, "deadline.paused,deadline.resumed");
}

static JfTestServer *
second_server (void)
{
  JfTestServer *other;

  g_setenv ("JIEFEND_SCHEDULER_INTERVAL_MS", "200", TRUE);
  other = jf_test_server_start (env->conninfo, env->server->key_file);
  g_unsetenv ("JIEFEND_SCHEDULER_INTERVAL_MS");
  return other;
}

static gint64
wait_for_int (const char *sql,
              gint64      at_least)
{
  gint64 value = 0;

  for (guint i = 0; i < 100; i++)
    {
      value = jf_test_env_sql_int (env, sql);
      if (value >= at_least)
        break;
      g_usleep (100 * 1000);
    }
  return value;
}

/* Two processes look at the same due clock every 200 ms: it is raised once. */
static void
test_breach_raised_once (void)
{
  g_autoptr(JfTestServer) other = second_server ();
  gint64 matter = jf_test_env_register (env, CLERK, "超期测试", TOWNSHIP);
  gint64 clock = acceptance_clock (matter);
  g_autofree char *overdue = g_strdup_printf ("UPDATE jf.deadlines SET due_at = now() - "
                                              "interval '1 minute', warn_at = now() - "
                                              "interval '2 minutes' WHERE id = %" G_GINT64_FORMAT,
                                              clock);
  g_autofree char *breaches = g_strdup_printf ("SELECT count(*) FROM jf.events WHERE "
                                               "matter_id = %" G_GINT64_FORMAT
                                               " AND kind = 'deadline.breached'", matter);
  g_autofree char *supervision = g_strdup_printf (
    "SELECT count(*) FROM jf.stream_events e JOIN jf.org_units o ON o.id = e.org_id "
    "WHERE e.kind = 'supervision' AND e.matter_id = %" G_GINT64_FORMAT
    " AND o.code = '220402'", matter);
  g_autofree char *warnings = g_strdup_printf ("SELECT count(*) FROM jf.events WHERE "
                                               "matter_id = %" G_GINT64_FORMAT
                                               " AND kind = 'deadline.warning'", matter);

  jf_test_env_sql (env, overdue);
  g_assert_cmpint (wait_for_int (breaches, 1), ==, 1);
  /* Give both schedulers several more looks at it. */
  g_usleep (1000 * 1000);
  g_assert_cmpint (jf_test_env_sql_int (env, breaches), ==, 1);
  /* The supervisor one level up (the county) is told, once. */
  g_assert_cmpint (jf_test_env_sql_int (env, supervision), ==, 1);
  /* A breach supersedes the warning it would have had. */
  g_assert_cmpint (jf_test_env_sql_int (env, warnings), ==, 0);
}

static void
test_warning_raised_once (void)
{
  g_autoptr(JfTestServer) other = second_server ();
  gint64 matter = jf_test_env_register (env, CLERK, "预警测试", TOWNSHIP);
  gint64 clock = acceptance_clock (matter);
  g_autofree char *soon = g_strdup_printf ("UPDATE jf.deadlines SET warn_at = now() - "
                                           "interval '1 second' WHERE id = %" G_GINT64_FORMAT,
                                           clock);
  g_autofree char *warnings = g_strdup_printf ("SELECT count(*) FROM jf.events WHERE "
                                               "matter_id = %" G_GINT64_FORMAT
                                               " AND kind = 'deadline.warning'", matter);

  jf_test_env_sql (env, soon);
  g_assert_cmpint (wait_for_int (warnings, 1), ==, 1);
  g_usleep (1000 * 1000);
  g_assert_cmpint (jf_test_env_sql_int (env, warnings), ==, 1);
}

/* A working day by the weekday rule and the official calendar as seeded. */
static gboolean
is_working (const GDate *day)
{
  char text[16];
  g_autofree char *sql = NULL;
  g_autofree char *kind = NULL;

  g_date_strftime (text, sizeof text, "%Y-%m-%d", day);
  sql = g_strdup_printf ("SELECT kind FROM jf.calendar_days WHERE day = '%s'", text);
  kind = jf_test_env_sql_text (env, sql);
  if (kind != NULL)
    return g_str_equal (kind, "work");
  return g_date_get_weekday (day) <= G_DATE_FRIDAY;
}

/* An administrator declares the next two working days holidays: the next intake's
 * one-working-day acceptance clock runs to the end of the third working day instead. */
static void
test_calendar_change_reaches_deadlines (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (g_time_zone_new_identifier ("Asia/Shanghai"));
  GDate day;
  GDate off[2];
  guint n_off = 0;
  char text[16];
  char due[16];
  gint64 matter;
  g_autofree char *due_sql = NULL;
  g_autofree char *actual = NULL;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  while (n_off < 2)
    {
      g_date_add_days (&day, 1);
      if (is_working (&day))
        off[n_off++] = day;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(JfTestResponse) r = NULL;

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &off[i]);
      path = g_strdup_printf ("/v1/calendar/%s", text);
      r = jf_test_request (env->server, "PUT", path, jf_test_env_token (env, "admin"),
                           "{\"kind\":\"off\",\"name\":\"测试假日\"}");
      jf_test_assert_status (r, 200);
    }
  do
    g_date_add_days (&day, 1);
  while (!is_working (&day));
  g_date_strftime (due, sizeof due, "%Y-%m-%d", &day);

  /* Every process reloads its catalog on the notification; wait for this one's. */
  for (guint i = 0; i < 50; i++)
    {
      matter = jf_test_env_register (env, CLERK, "日历测试", TOWNSHIP);
      due_sql = g_strdup_printf ("SELECT to_char(due_at AT TIME ZONE 'Asia/Shanghai', "
                                 "'YYYY-MM-DD') FROM jf.deadlines WHERE matter_id = %"
                                 G_GINT64_FORMAT, matter);
      actual = jf_test_env_sql_text (env, due_sql);
      if (g_strcmp0 (actual, due) == 0)
        break;
      g_clear_pointer (&due_sql, g_free);
      g_clear_pointer (&actual, g_free);
      g_usleep (100 * 1000);
    }
  g_assert_cmpstr (actual, ==, due);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log "
                                             "WHERE action = 'calendar.set'"), ==, 2);
  /* Only administrators change the calendar. */
  {
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "DELETE", "/v1/calendar/2026-10-01",
                                                   jf_test_env_token (env, "ducha"), NULL);
    g_assert_cmpuint (r->status, ==, 403);
  }
}

static void
test_rules_and_categories (void)
{
  const char *admin = jf_test_env_token (env, "admin");
  g_autoptr(JfTestResponse) rule = jf_test_request (
    env->server, "POST", "/v1/deadline-rules", admin,
    "{\"stage\":\"handling\",\"kind\":\"dispute\",\"category\":\"family\","
    "\"unit\":\"working_days\",\"amount\":20,\"warn_minutes\":1440}");
  g_autoptr(JfTestResponse) twice = jf_test_request (
    env->server, "POST", "/v1/deadline-rules", admin,
    "{\"stage\":\"handling\",\"kind\":\"dispute\",\"category\":\"family\","
    "\"unit\":\"working_days\",\"amount\":20}");
  g_autoptr(JfTestResponse) not_admin = jf_test_request (
    env->server, "POST", "/v1/deadline-rules", jf_test_env_token (env, "ducha"),
    "{\"stage\":\"handling\",\"unit\":\"hours\",\"amount\":2}");
  g_autofree char *path = NULL;
  g_autoptr(JfTestResponse) stale = NULL;
  g_autoptr(JfTestResponse) category = NULL;
  g_autoptr(JfTestResponse) bad_slug = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  jf_test_assert_status (rule, 201);
  g_assert_cmpint (jf_test_response_int (rule, "amount"), ==, 20);
  g_assert_cmpuint (twice->status, ==, 409);
  g_assert_cmpuint (not_admin->status, ==, 403);
  path = g_strdup_printf ("/v1/deadline-rules/%" G_GINT64_FORMAT,
                          jf_test_response_int (rule, "id"));
  stale = jf_test_request (env->server, "PATCH", path, admin, "{\"version\":7,\"amount\":3}");
  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpint (jf_test_response_int (stale, "current.version"), ==, 1);

  category = jf_test_request (env->server, "POST", "/v1/categories", admin,
                              "{\"slug\":\"water_supply\",\"name_zh\":\"供水纠纷\","
                              "\"name_en\":\"Water supply\"}");
  jf_test_assert_status (category, 201);
  bad_slug = jf_test_request (env->server, "POST", "/v1/categories", admin,
                              "{\"slug\":\"Water Supply\",\"name_zh\":\"x\",\"name_en\":\"x\"}");
  g_assert_cmpuint (bad_slug->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (bad_slug, "error.field"), ==, "slug");

  /* The new category is usable at intake once the catalog has reloaded. */
  body = g_strdup_printf ("{\"kind\":\"dispute\",\"category\":\"water_supply\",\"source\":"
                          "\"hotline\",\"title\":\"停水三天\",\"narrative\":\"小区停水\","
                          "\"location\":{\"org\":\"%s\"},\"parties\":[{\"role\":\"applicant\","
                          "\"name\":\"王五\"}]}", TOWNSHIP);
  for (guint i = 0; i < 50 && status != 201; i++)
    {
      g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                     jf_test_env_token (env, CLERK), body);
      status = r->status;
      if (status != 201)
        g_usleep (100 * 1000);
    }
  g_assert_cmpuint (status, ==, 201);
}

int
main (int argc, char **argv)
{
  const char *server_env[] = { "JIEFEND_SCHEDULER_INTERVAL_MS=200", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new_with (server_env);
  g_test_add_func ("/jfd/deadlines/pause-and-resume", test_pause_and_resume);
  g_test_add_func ("/jfd/deadlines/breach-raised-once", test_breach_raised_once);
  g_test_add_func ("/jfd/deadlines/warning-raised-once", test_warning_raised_once);
  g_test_add_func ("/jfd/deadlines/calendar-change-reaches-deadlines",
                   test_calendar_change_reaches_deadlines);
  g_test_add_func ("/jfd/reference/rules-and-categories", test_rules_and_categories);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
