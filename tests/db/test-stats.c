/* test-stats.c: the statistics (GET /v1/stats, /v1/stats/matters, /v1/stats/units) against
 * a real jiefend and PostgreSQL, on a small data set made by hand through the API (and a little
 * SQL for what only time would do): every figure is checked against a value worked out
 * below, the scope of each kind of user, the matters behind the figures, the open and
 * overdue matters per unit now (GET /v1/stats/units), a rebuild against the rollup kept
 * incrementally, and how soon a new matter is counted.
 *
 * The data set. Two villages of two townships of 龙山区 (220402), each with a centre:
 * A1 向阳社区 (in A, 向阳街道) and B1 胜利社区 (in B, 南康街道). All registered today except
 * M12; "late" is made by moving a due time before the moment the step was taken.
 *
 *   M1  A1 dispute    neighbor      window  accepted, resolved at the window, visit
 *                                           satisfied, closed               (village)
 *   M2  A1 request    consumer      hotline accepted LATE, mediated, resolved, visit
 *                                           basically satisfied             (village)
 *   M3  A1 dispute    family        grid    not accepted, with a redirect
 *   M4  A1 dispute    labor         window  accepted, whistle: housing (lead) checks in and
 *                                           feeds back on time, rated 5; human resources
 *                                           (assist) does both late, rated 3; resolved;
 *                                           visit unsatisfied, so reopened (accepted again)
 *   M5  A1 grid_event environment   grid    registered only: never answered
 *   M6  B1 dispute    land          window  accepted, mediated, resolved, visit satisfied,
 *                                           closed                          (village)
 *   M7  B1 dispute    neighbor      police  accepted, escalated to township B, mediated
 *                                           and resolved there, visit satisfied (township)
 *   M8  B1 dispute    contract_debt court   accepted, referred to court, filed as a lawsuit:
 *                                           resolved at the county, gone to court (place B1)
 *   M9  B1 petition   other         petition the petition accepted, replied, review
 *                                           requested: "in review"
 *   M10 B1 grid_event environment   grid    accepted, withdrawn
 *   M11 A  request    other         online  (the township's own) accepted, resolved at the
 *                                           window, visit satisfied, closed (township)
 *   M12 A1 dispute    neighbor      window  registered LAST YEAR (by SQL), accepted today
 *
 * The clocks each one meets (all today, all on time but the three made late):
 *   M1 acceptance, handling (resolved at the window)                       2
 *   M2 acceptance (late), handling (mediation starts), mediation           3
 *   M3 acceptance                                                          1
 *   M4 acceptance, handling (the whistle stops it), 2 × (check-in, action),
 *      of which human resources' two are late; reopening starts a new one  6
 *   M5 none: its acceptance clock still runs                               0
 *   M6 acceptance, handling, mediation                                     3
 *   M7 acceptance, handling, mediation (escalation keeps the clocks)       3
 *   M8 acceptance, handling (the referral stops it), pre-litigation        3
 *   M9 acceptance and petition_decide (the decision), petition_handle
 *      (the reply); the review's clock runs (the petitioner's window to ask
 *      for it is theirs, not a clock of the centre's)                      3
 *   M10 acceptance, handling (withdrawn)                                   2
 *   M11 acceptance, handling                                               2
 *   M12 acceptance (today: its clock, unlike its cohort, is this year's)   1
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jf-stats-data.h"

/* The documented freshness with the default scheduler interval (2 s): two ticks. */
#define FRESH_WITHIN_US (5 * G_USEC_PER_SEC)

static JfTestEnv *env;
static gint64 m[13];   /* M1..M12; m[0] unused */
static char *today;    /* YYYY-MM-DD, China Standard Time */

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

/* ------------------------------------------------------------------------------------- */
/* Checking figures                                                                       */

static JfTestResponse *
stats (const char *username,
       const char *query)
{
  JfTestResponse *r = call ("GET", username, NULL, "/v1/stats%s%s", query != NULL ? "?" : "",
                            query != NULL ? query : "");

  jf_test_assert_status (r, 200);
  return r;
}

static void
assert_int (JfTestResponse *r,
            const char     *path,
            gint64          expected)
{
  gint64 got = jf_test_response_int (r, path);

  if (got != expected)
    g_error ("%s: expected %" G_GINT64_FORMAT ", got %" G_GINT64_FORMAT, path, expected, got);
}

static void
assert_number (JfTestResponse *r,
               const char     *path,
               double          expected)
{
  JsonNode *node = jf_test_response_get (r, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    g_error ("%s: expected %g, got nothing", path, expected);
  if (json_node_get_double (node) - expected > 1e-9 ||
      expected - json_node_get_double (node) > 1e-9)
    g_error ("%s: expected %g, got %g", path, expected, json_node_get_double (node));
}

static void
assert_null (JfTestResponse *r,
             const char     *path)
{
  JsonNode *node = jf_test_response_get (r, path);

  g_assert_true (node != NULL && JSON_NODE_HOLDS_NULL (node));
}

/* {numerator, denominator, rate} at @path; @rate < 0: null (nothing to divide by). */
static void
assert_rate (JfTestResponse *r,
             const char     *path,
             gint64          numerator,
             gint64          denominator,
             double          rate)
{
  g_autofree char *n = g_strconcat (path, ".numerator", NULL);
  g_autofree char *d = g_strconcat (path, ".denominator", NULL);
  g_autofree char *q = g_strconcat (path, ".rate", NULL);

  assert_int (r, n, numerator);
  assert_int (r, d, denominator);
  if (rate < 0)
    assert_null (r, q);
  else
    assert_number (r, q, rate);
}

/* "name=count,name=count": every member of the object at @path, the others 0. */
static void
assert_counts (JfTestResponse *r,
               const char     *path,
               const char     *expected)
{
  JsonObject *object = json_node_get_object (jf_test_response_get (r, path));
  g_autoptr(GHashTable) want = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) pairs = g_strsplit (expected, ",", -1);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  for (guint i = 0; pairs[i] != NULL && pairs[i][0] != '\0'; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      g_assert_true (json_object_has_member (object, kv[0]));
      g_hash_table_insert (want, g_strdup (kv[0]),
                           GINT_TO_POINTER ((int) g_ascii_strtoll (kv[1], NULL, 10)));
    }
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (json_node_get_int (value) != GPOINTER_TO_INT (g_hash_table_lookup (want, name)))
      g_error ("%s.%s: expected %d, got %" G_GINT64_FORMAT, path, name,
               GPOINTER_TO_INT (g_hash_table_lookup (want, name)), json_node_get_int (value));
}

/* The trend entry (week or month) holding @day. */
static JsonObject *
trend_of (JfTestResponse *r,
          const char     *list,
          const char     *day)
{
  g_autofree char *path = g_strconcat ("trends.", list, NULL);
  JsonArray *entries = json_node_get_array (jf_test_response_get (r, path));

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (e, "from"), day) <= 0 &&
          g_strcmp0 (json_object_get_string_member (e, "to"), day) >= 0)
        return e;
    }
  g_error ("no %s holds %s", list, day);
  return NULL;
}

/* @registered, @resolved, @closed in the week and the month of @day, and nothing on other
 * days; a whole year's weeks and months. */
static void
assert_trends_on (JfTestResponse *r,
                  const char     *day,
                  gint64          registered,
                  gint64          resolved,
                  gint64          closed)
{
  static const char * const lists[] = { "weeks", "months" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autofree char *path = g_strconcat ("trends.", lists[l], NULL);
      JsonArray *entries = json_node_get_array (jf_test_response_get (r, path));
      JsonObject *then = trend_of (r, lists[l], day);
      gint64 sum[3] = { 0, };

      g_assert_cmpint (json_object_get_int_member (then, "registered"), ==, registered);
      g_assert_cmpint (json_object_get_int_member (then, "resolved"), ==, resolved);
      g_assert_cmpint (json_object_get_int_member (then, "closed"), ==, closed);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *e = json_array_get_object_element (entries, i);

          sum[0] += json_object_get_int_member (e, "registered");
          sum[1] += json_object_get_int_member (e, "resolved");
          sum[2] += json_object_get_int_member (e, "closed");
        }
      g_assert_cmpint (sum[0], ==, registered);
      g_assert_cmpint (sum[1], ==, resolved);
      g_assert_cmpint (sum[2], ==, closed);
    }
  /* A whole year: 12 months, 53 or 54 ISO weeks (365 days span at least 53; the first
   * and the last are clipped to the year). */
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      jf_test_response_get (r, "trends.months"))), ==, 12);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
                      jf_test_response_get (r, "trends.weeks"))), >=, 53);
}

static void
assert_trends (JfTestResponse *r,
               gint64          registered,
               gint64          resolved,
               gint64          closed)
{
  assert_trends_on (r, today, registered, resolved, closed);
}

static void
test_county (void)
{
  g_autoptr(JfTestResponse) r = stats ("ducha", NULL);
  g_autofree char *year_start = g_strdup_printf ("%.4s-01-01", today);

  g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, COUNTY);
  g_assert_cmpstr (jf_test_response_string (r, "from"), ==, year_start);
  g_assert_nonnull (jf_test_response_string (r, "as_of"));
  /* M1..M11 (M12 is last year's). */
  assert_int (r, "registered", 11);
  /* Answered: all but M5 (never) = 10; on time: those but M2 (late) = 9. 9/11 = 0.81818 */
  assert_rate (r, "rates.response", 9, 11, 0.8182);
  assert_int (r, "rates.response.responded", 10);
  /* Accepted: all but M3 (not accepted) and M5 = 9; resolved or closed now: M1, M2, M6,
   * M7, M8, M11 = 6 (M4 was reopened, M9 is being handled, M10 withdrawn). 6/9 = 0.66667 */
  assert_rate (r, "rates.resolution", 6, 9, 0.6667);
  /* Visits: M1 satisfied, M2 basically, M4 unsatisfied, M6, M7, M11 satisfied: 6 done,
   * (4 + 1)/6 = 0.83333 */
  assert_rate (r, "rates.satisfaction", 5, 6, 0.8333);
  assert_int (r, "rates.satisfaction.satisfied", 4);
  assert_int (r, "rates.satisfaction.basically_satisfied", 1);
  assert_int (r, "rates.satisfaction.unsatisfied", 1);
  /* Clocks met (header): 2+3+1+6+0+3+3+3+3+2+2+1 = 29; late: M2's acceptance and human
   * resources' check-in and action = 3; on time 26. 26/29 = 0.89655 */
  assert_rate (r, "rates.on_time", 26, 29, 0.8966);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE state = 'met'"), ==, 29);

  assert_counts (r, "by_kind", "dispute=6,request=2,petition=1,grid_event=2");
  assert_counts (r, "by_category", "neighbor=2,consumer=1,family=1,labor=1,environment=2,"
                                   "land=1,contract_debt=1,other=2");
  assert_counts (r, "by_source", "window=3,hotline=1,grid=3,police=1,court=1,petition=1,"
                                 "online=1");
  assert_counts (r, "by_status", "closed=3,resolved=3,not_accepted=1,accepted=2,registered=1,"
                                 "withdrawn=1");
  /* Resolved: M1, M2, M6 by villages; M7, M11 by townships; M8 by the court (county). */
  assert_counts (r, "resolution_levels", "village=3,township=2,county=1");

  /* Housing, 1 target: checked in and done on time, rated 5. Human resources, 1 target:
   * both late (overdue 1 each), rated 3. Equal targets: by code, "ho" < "hu". */
  assert_int (r, "departments.total", 2);
  g_assert_cmpstr (jf_test_response_string (r, "departments.items.0.code"), ==, HOUSING);
  assert_int (r, "departments.items.0.targets", 1);
  assert_rate (r, "departments.items.0.checkin", 1, 1, 1.0);
  assert_int (r, "departments.items.0.checkin.overdue", 0);
  assert_rate (r, "departments.items.0.done", 1, 1, 1.0);
  assert_int (r, "departments.items.0.done.overdue", 0);
  assert_number (r, "departments.items.0.rating.mean", 5.0);
  g_assert_cmpstr (jf_test_response_string (r, "departments.items.1.code"), ==, LABOUR);
  assert_int (r, "departments.items.1.targets", 1);
  assert_rate (r, "departments.items.1.checkin", 0, 1, 0.0);
  assert_int (r, "departments.items.1.checkin.overdue", 1);
  assert_rate (r, "departments.items.1.done", 0, 1, 0.0);
  assert_int (r, "departments.items.1.done.overdue", 1);
  assert_int (r, "departments.items.1.rating.rated", 1);
  assert_number (r, "departments.items.1.rating.mean", 3.0);

  assert_counts (r, "petitions", "review_requested=1");

  /* M8, where it happened: B1. County: 1 × 10,000 / 100,000 = 0.10; B1: 1 × 10,000 /
   * 4,000 = 2.50, the highest, so listed first; A1: 0 / 2,000 = 0.00. */
  assert_int (r, "no_litigation.matters_to_court", 1);
  assert_int (r, "no_litigation.population", 100000);
  assert_number (r, "no_litigation.per_10000", 0.10);
  assert_int (r, "no_litigation.villages.total",
              sql_int ("SELECT count(*) FROM jf.org_units WHERE level = 'village' AND "
                       "county_id = (SELECT id FROM jf.org_units WHERE code = '" COUNTY "')"));
  assert_int (r, "no_litigation.villages.without_court",
              jf_test_response_int (r, "no_litigation.villages.total") - 1);
  g_assert_cmpstr (jf_test_response_string (r, "no_litigation.villages.items.0.code"), ==,
                   VILLAGE_B);
  assert_int (r, "no_litigation.villages.items.0.matters_to_court", 1);
  assert_int (r, "no_litigation.villages.items.0.population", 4000);
  assert_number (r, "no_litigation.villages.items.0.per_10000", 2.50);

  /* Today: registered 11; resolved (now, latest resolution today) 6; closed M1, M6, M11. */
  assert_trends (r, 11, 6, 3);
}

static void
test_township (void)
{
  /* chuangkou's own unit by default: A, with A1's M1..M5 (and last year's M12) and M11. */
  g_autoptr(JfTestResponse) r = stats ("chuangkou", NULL);

  g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, TOWNSHIP_A);
  assert_int (r, "registered", 6);
  /* On time: M1, M3, M4, M11 = 4 of 6 (M2 late, M5 never). */
  assert_rate (r, "rates.response", 4, 6, 0.6667);
  assert_int (r, "rates.response.responded", 5);
  /* Accepted M1, M2, M4, M11 = 4; resolved now M1, M2, M11 = 3. 3/4 */
  assert_rate (r, "rates.resolution", 3, 4, 0.75);
  /* M1 satisfied, M2 basically, M4 unsatisfied, M11 satisfied: (2 + 1)/4 */
  assert_rate (r, "rates.satisfaction", 3, 4, 0.75);
  /* M1 2 + M2 3 + M3 1 + M4 6 + M11 2 + M12 1 = 15, 3 late: 12/15 = 0.8 */
  assert_rate (r, "rates.on_time", 12, 15, 0.8);
  assert_counts (r, "by_kind", "dispute=3,request=2,grid_event=1");
  assert_counts (r, "by_status", "closed=2,resolved=1,not_accepted=1,accepted=1,registered=1");
  assert_counts (r, "resolution_levels", "village=2,township=1");
  assert_int (r, "departments.total", 2);
  assert_counts (r, "petitions", "");
  /* Nothing of A went to court: 0 / 40,000. */
  assert_int (r, "no_litigation.matters_to_court", 0);
  assert_number (r, "no_litigation.per_10000", 0.0);
  assert_int (r, "no_litigation.villages.without_court",
              jf_test_response_int (r, "no_litigation.villages.total"));
  assert_trends (r, 6, 3, 2);
}

static void
test_village (void)
{
  /* B1, summed from the facts rather than the rollup: M6, M8, M9, M10 (M7 went up). */
  g_autoptr(JfTestResponse) r = stats ("cun_b", NULL);
  g_autoptr(JfTestResponse) township = stats ("ducha", "org=" TOWNSHIP_B);

  g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, VILLAGE_B);
  assert_int (r, "registered", 4);
  /* All four answered on time (M9 within its 15-day decision clock). */
  assert_rate (r, "rates.response", 4, 4, 1.0);
  /* Accepted 4; resolved M6, M8. */
  assert_rate (r, "rates.resolution", 2, 4, 0.5);
  assert_rate (r, "rates.satisfaction", 1, 1, 1.0);
  /* M6 3 + M8 3 + M9 3 + M10 2 = 11, none late. */
  assert_rate (r, "rates.on_time", 11, 11, 1.0);
  assert_counts (r, "by_status", "closed=1,resolved=1,accepted=1,withdrawn=1");
  assert_counts (r, "resolution_levels", "village=1,county=1");
  assert_int (r, "departments.total", 0);
  assert_counts (r, "petitions", "review_requested=1");
  /* 1 × 10,000 / 4,000 */
  assert_int (r, "no_litigation.matters_to_court", 1);
  assert_number (r, "no_litigation.per_10000", 2.50);
  assert_int (r, "no_litigation.villages.total", 1);
  assert_trends (r, 4, 2, 1);

  /* Township B, from the rollup: B1's four and M7, resolved there. */
  assert_int (township, "registered", 5);
  assert_rate (township, "rates.resolution", 3, 5, 0.6);
  assert_counts (township, "resolution_levels", "village=1,township=1,county=1");
  /* 1 × 10,000 / 50,000 */
  assert_number (township, "no_litigation.per_10000", 0.20);
}

static void
test_range (void)
{
  g_autofree char *last_year = g_strdup_printf ("from=%d-01-01&to=%d-12-31",
                                                atoi (today) - 1, atoi (today) - 1);
  g_autofree char *from_only = g_strdup_printf ("from=%d-01-01", atoi (today) - 1);
  g_autoptr(JfTestResponse) r = stats ("ducha", last_year);
  g_autoptr(JfTestResponse) half = stats ("ducha", from_only);
  g_autoptr(JfTestResponse) backwards = NULL;
  g_autoptr(JfTestResponse) long_range = NULL;
  g_autoptr(JfTestResponse) bad_day = NULL;
  g_autofree char *registered_on = NULL;

  /* Last year: only M12, accepted (today, on time) but not resolved. */
  assert_int (r, "registered", 1);
  assert_rate (r, "rates.response", 1, 1, 1.0);
  assert_rate (r, "rates.resolution", 0, 1, 0.0);
  /* Nothing was met, visited or whistled last year; M12 was registered on its day. */
  assert_rate (r, "rates.on_time", 0, 0, -1);
  assert_rate (r, "rates.satisfaction", 0, 0, -1);
  registered_on = sql_text ("SELECT jf.stats_day(created_at)::text FROM jf.matters "
                            "WHERE id = %" G_GINT64_FORMAT, m[12]);
  assert_trends_on (r, registered_on, 1, 0, 0);
  /* One end given: the other is that year's. */
  assert_int (half, "registered", 1);

  backwards = call ("GET", "ducha", NULL, "/v1/stats?from=2026-02-01&to=2026-01-31");
  g_assert_cmpuint (backwards->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (backwards, "error.field"), ==, "to");
  long_range = call ("GET", "ducha", NULL, "/v1/stats?from=2020-01-01&to=2026-01-01");
  g_assert_cmpuint (long_range->status, ==, 422);
  bad_day = call ("GET", "ducha", NULL, "/v1/stats?from=2026-02-30");
  g_assert_cmpuint (bad_day->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (bad_day, "error.field"), ==, "from");
}

static guint
status_of (const char *username,
           const char *path)
{
  g_autoptr(JfTestResponse) r = call ("GET", username, NULL, "%s", path);

  return r->status;
}

static void
test_scope (void)
{
  g_autoptr(JfTestResponse) village = stats ("chuangkou", "org=" VILLAGE_A);

  /* A township sees itself and what is below it, nothing beside or above. */
  g_assert_cmpstr (jf_test_response_string (village, "org.code"), ==, VILLAGE_A);
  assert_int (village, "registered", 5);
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats?org=" COUNTY), ==, 403);
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats?org=" TOWNSHIP_B), ==, 403);
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats?org=" VILLAGE_B), ==, 403);
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats/matters?figure=registered&org=" COUNTY),
                    ==, 403);
  /* A village sees only itself. */
  g_assert_cmpuint (status_of ("cun_a", "/v1/stats?org=" TOWNSHIP_A), ==, 403);
  /* Another county's figures, to this county's supervisor. */
  g_assert_cmpuint (status_of ("ducha", "/v1/stats?org=220403"), ==, 403);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/matters?figure=registered&org=220403"), ==,
                    403);
  /* The city sees the county; a department's liaison has no subtree to count. */
  g_assert_cmpuint (status_of ("admin", "/v1/stats?org=" COUNTY), ==, 200);
  g_assert_cmpuint (status_of ("bumen", "/v1/stats"), ==, 403);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats?org=999999"), ==, 422);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats?year=2026"), ==, 400);
}

/* ------------------------------------------------------------------------------------- */
/* The matters behind a figure                                                            */

/* Every page of the figure's matters, as "M1 M2 ..." in matter order; checks that none is
 * hidden and none listed twice. */
static char *
behind (const char *username,
        const char *query)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *after = NULL;
  guint named = 0;

  for (;;)
    {
      g_autoptr(JfTestResponse) r = call ("GET", username, NULL,
                                          "/v1/stats/matters?limit=3&%s%s%s", query,
                                          after != NULL ? "&after=" : "",
                                          after != NULL ? after : "");
      JsonArray *items;
      JsonNode *next;

      jf_test_assert_status (r, 200);
      assert_int (r, "hidden", 0);
      g_assert_nonnull (jf_test_response_string (r, "as_of"));
      items = json_node_get_array (jf_test_response_get (r, "items"));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i),
                                                  "id");

          g_array_append_val (ids, id);
        }
      next = jf_test_response_get (r, "next");
      g_clear_pointer (&after, g_free);
      if (next == NULL || JSON_NODE_HOLDS_NULL (next))
        break;
      after = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (next));
    }
  for (guint k = 1; k < G_N_ELEMENTS (m); k++)
    for (guint i = 0; i < ids->len; i++)
      if (g_array_index (ids, gint64, i) == m[k])
        {
          g_string_append_printf (names, "%sM%u", names->len > 0 ? " " : "", k);
          named++;
        }
  /* Every listed matter is one of the data set's, listed once. */
  g_assert_cmpuint (named, ==, ids->len);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define assert_behind(user, query, expected)                                              \
  G_STMT_START {                                                                          \
    g_autofree char *got__ = behind (user, query);                                        \
    g_assert_cmpstr (got__, ==, expected);                                                \
  } G_STMT_END

/* Each count of the object at @member of the county's figures has as many matters
 * behind it (figure @figure.KEY). */
static void
assert_lists_match_counts (JfTestResponse *doc,
                           const char     *member,
                           const char     *figure)
{
  JsonObject *object = json_node_get_object (jf_test_response_get (doc, member));
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &value))
    {
      /* One page holds the data set. */
      g_autoptr(JfTestResponse) r = call ("GET", "ducha", NULL,
                                          "/v1/stats/matters?figure=%s.%s&limit=200", figure,
                                          key);
      guint listed;

      jf_test_assert_status (r, 200);
      listed = json_array_get_length (json_node_get_array (jf_test_response_get (r, "items")));
      if (listed != json_node_get_int (value))
        g_error ("%s.%s counts %" G_GINT64_FORMAT " but lists %u", member, key,
                 json_node_get_int (value), listed);
    }
}

static void
test_matters_behind (void)
{
  g_autoptr(JfTestResponse) doc = stats ("ducha", NULL);
  g_autoptr(JfTestResponse) bad = NULL;
  g_autofree char *last_year = g_strdup_printf ("figure=registered&from=%d-01-01",
                                                atoi (today) - 1);

  assert_behind ("ducha", "figure=registered", "M1 M2 M3 M4 M5 M6 M7 M8 M9 M10 M11");
  assert_behind ("ducha", "figure=responded_on_time", "M1 M3 M4 M6 M7 M8 M9 M10 M11");
  assert_behind ("ducha", "figure=response_missed", "M2 M5");
  assert_behind ("ducha", "figure=accepted", "M1 M2 M4 M6 M7 M8 M9 M10 M11");
  assert_behind ("ducha", "figure=resolved", "M1 M2 M6 M7 M8 M11");
  assert_behind ("ducha", "figure=unresolved", "M4 M9 M10");
  assert_behind ("ducha", "figure=level.township", "M7 M11");
  assert_behind ("ducha", "figure=status.accepted", "M4 M9");
  assert_behind ("ducha", "figure=satisfaction.unsatisfied", "M4");
  assert_behind ("ducha", "figure=follow_ups", "M1 M2 M4 M6 M7 M11");
  assert_behind ("ducha", "figure=clocks_late", "M2 M4");
  assert_behind ("ducha", "figure=department_checkin_overdue." LABOUR, "M4");
  assert_behind ("ducha", "figure=department_checkin_overdue." HOUSING, "");
  assert_behind ("ducha", "figure=petition.review_requested", "M9");
  assert_behind ("ducha", "figure=court", "M8");
  assert_behind ("ducha", "figure=court." VILLAGE_B, "M8");
  assert_behind ("ducha", "figure=closed_in", "M1 M6 M11");
  /* The township's and the village's own. */
  assert_behind ("chuangkou", "figure=registered", "M1 M2 M3 M4 M5 M11");
  assert_behind ("cun_b", "figure=court", "M8");
  assert_behind ("cun_b", "figure=registered", "M6 M8 M9 M10");
  /* Last year's. */
  assert_behind ("ducha", last_year, "M12");
  /* Every count of the document has exactly its matters behind it. */
  assert_lists_match_counts (doc, "by_kind", "kind");
  assert_lists_match_counts (doc, "by_category", "category");
  assert_lists_match_counts (doc, "by_source", "source");
  assert_lists_match_counts (doc, "by_status", "status");
  assert_lists_match_counts (doc, "resolution_levels", "level");
  assert_lists_match_counts (doc, "petitions", "petition");

  bad = call ("GET", "ducha", NULL, "/v1/stats/matters?figure=status.lost");
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (bad, "error.field"), ==, "figure");
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/matters?figure=nothing"), ==, 422);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/matters?figure=status"), ==, 422);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/matters"), ==, 422);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/matters?figure=registered&limit=0"), ==,
                    422);
}

/* ------------------------------------------------------------------------------------- */
/* Open and overdue matters per unit now (GET /v1/stats/units)                           */

/* "code=open/overdue,...": the items that have any (the others 0), and every child unit
 * of @scope listed once. */
static void
assert_units (JfTestResponse *r,
              const char     *scope,
              const char     *expected)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  g_auto(GStrv) pairs = g_strsplit (expected, ",", -1);
  guint matched = 0;

  g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, scope);
  g_assert_cmpint (json_array_get_length (items), ==,
                   sql_int ("SELECT count(*) FROM jf.org_units WHERE parent_id = "
                            "(SELECT id FROM jf.org_units WHERE code = '%s')", scope));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *code = json_object_get_string_member (
        json_object_get_object_member (item, "org"), "code");
      g_autofree char *got = g_strdup_printf ("%s=%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                              code, json_object_get_int_member (item, "open"),
                                              json_object_get_int_member (item, "overdue"));
      g_autofree char *zero = g_strdup_printf ("%s=0/0", code);

      if (i > 0)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                           json_array_get_object_element (items, i - 1), "org"), "code"),
                         <, code);
      if (g_strv_contains ((const char * const *) pairs, got))
        matched++;
      else if (!g_str_equal (got, zero))
        g_error ("%s: unexpected %s", scope, got);
    }
  g_assert_cmpuint (matched, ==, g_strv_length (pairs));
}

static void
test_units (void)
{
  g_autoptr(JfTestResponse) county = NULL;
  g_autoptr(JfTestResponse) township_a = NULL;
  g_autoptr(JfTestResponse) township_b = NULL;
  g_autoptr(JfTestResponse) village_b = NULL;
  g_autoptr(JfTestResponse) city = NULL;

  /* Open now (the queue's "open"): M2 (resolved, awaiting its visit), M4 (reopened), M5,
   * M12 of A1; M8 (resolved by the lawsuit) and M9 (in review) of B1; M7, escalated to
   * B's own centre. Closed, not accepted and withdrawn ones are not. Overdue: M5 and M9,
   * their next deadline an hour ago. */
  sql ("UPDATE jf.matters SET next_deadline_at = now() - interval '1 hour' "
       "WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", m[5], m[9]);

  county = call ("GET", "ducha", NULL, "/v1/stats/units");
  jf_test_assert_status (county, 200);
  assert_units (county, COUNTY, TOWNSHIP_A "=4/1," TOWNSHIP_B "=3/1");
  assert_int (county, "own.open", 0);
  assert_int (county, "own.overdue", 0);
  g_assert_nonnull (jf_test_response_string (county, "as_of"));
  g_assert_cmpstr (jf_test_response_string (county, "items.0.org.name"), ==, "向阳街道");
  g_assert_cmpstr (jf_test_response_string (county, "items.0.org.level"), ==, "township");

  /* chuangkou's own township by default: A1's four; M11, A's own, is closed. */
  township_a = call ("GET", "chuangkou", NULL, "/v1/stats/units");
  jf_test_assert_status (township_a, 200);
  assert_units (township_a, TOWNSHIP_A, VILLAGE_A "=4/1");
  assert_int (township_a, "own.open", 0);

  township_b = call ("GET", "ducha", NULL, "/v1/stats/units?org=" TOWNSHIP_B);
  jf_test_assert_status (township_b, 200);
  assert_units (township_b, TOWNSHIP_B, VILLAGE_B "=2/1");
  assert_int (township_b, "own.open", 1);
  assert_int (township_b, "own.overdue", 0);

  /* A village: its own matters, and its grids (none of which holds any). */
  village_b = call ("GET", "cun_b", NULL, "/v1/stats/units");
  jf_test_assert_status (village_b, 200);
  assert_units (village_b, VILLAGE_B, "");
  assert_int (village_b, "own.open", 2);
  assert_int (village_b, "own.overdue", 1);

  /* The city: the county holds the seven. */
  city = call ("GET", "admin", NULL, "/v1/stats/units");
  jf_test_assert_status (city, 200);
  assert_units (city, "220400", COUNTY "=7/2");

  /* The same scope as the figures. */
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats/units?org=" COUNTY), ==, 403);
  g_assert_cmpuint (status_of ("chuangkou", "/v1/stats/units?org=" TOWNSHIP_B), ==, 403);
  g_assert_cmpuint (status_of ("cun_a", "/v1/stats/units?org=" TOWNSHIP_A), ==, 403);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/units?org=220403"), ==, 403);
  g_assert_cmpuint (status_of ("bumen", "/v1/stats/units"), ==, 403);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/units?org=999999"), ==, 422);
  g_assert_cmpuint (status_of ("ducha", "/v1/stats/units?from=2026-01-01"), ==, 400);
  g_assert_cmpuint (status_of ("admin", "/v1/stats/units?org=" VILLAGE_B), ==, 200);
}

/* ------------------------------------------------------------------------------------- */
/* Maintenance                                                                            */

static char *
rollup_snapshot (void)
{
  return sql_text ("SELECT md5(coalesce((SELECT string_agg(c::text, ';' ORDER BY scope_id, day, "
                   "figure, key) FROM jf.stats_cells c WHERE (n1, n2, n3, n4, n5, n6, n7) <> "
                   "(0, 0, 0, 0, 0, 0, 0)), '') || coalesce((SELECT string_agg(f::text, ';' "
                   "ORDER BY matter_id) FROM jf.stats_facts f), ''))");
}

static void
test_rebuild_equals_incremental (void)
{
  g_autofree char *kept = rollup_snapshot ();
  g_autofree char *rebuilt = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char * const args[] = { "stats", "rebuild", NULL };
  g_autoptr(JfTestResponse) r = NULL;
  int status;

  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.stats_facts"), ==, 12);
  status = jf_test_db_jiefenctl (env->conninfo, args, NULL, &out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "12 matters"));
  rebuilt = rollup_snapshot ();
  /* What the refreshes kept, move by move, is what a rebuild computes from scratch. */
  g_assert_cmpstr (rebuilt, ==, kept);
  g_assert_cmpint (sql_int ("SELECT (rebuild_started_at IS NULL AND fresh_at IS NOT NULL)::int "
                            "FROM jf.stats_state"), ==, 1);
  /* And the rollup of a county is the sum of its matters' counters. */
  g_assert_cmpint (sql_int (
    "SELECT count(*) FROM ((SELECT figure, key, sum(n1), sum(n2), sum(n3), sum(n4), sum(n5), "
    "sum(n6), sum(n7) FROM jf.stats_cells WHERE scope_id = (SELECT id FROM jf.org_units "
    "WHERE code = '" COUNTY "') GROUP BY 1, 2) EXCEPT (SELECT x.figure, x.key, sum(x.n1), "
    "sum(x.n2), sum(x.n3), sum(x.n4), sum(x.n5), sum(x.n6), sum(x.n7) FROM jf.stats_facts f "
    "CROSS JOIN LATERAL jf.stats_contributions(f.registered_on, f.kind, f.category, f.source, "
    "f.status, f.responded, f.responded_on_time, f.accepted, f.resolved_level, f.resolved_on, "
    "f.closed_on, f.court_on, f.place_village_id, f.extra) x GROUP BY 1, 2)) AS d"), ==, 0);
  r = stats ("ducha", NULL);
  assert_int (r, "registered", 11);
  assert_rate (r, "rates.on_time", 26, 29, 0.8966);
}

static gint64
registered_now (const char *username)
{
  g_autoptr(JfTestResponse) r = stats (username, NULL);

  return jf_test_response_int (r, "registered");
}

static void
test_freshness (void)
{
  gint64 before = registered_now ("cun_a");
  gint64 start, waited;

  m[0] = stats_data_intake (env, "cun_a", "dispute", "neighbor", "window", VILLAGE_A, "新登记");
  start = g_get_monotonic_time ();
  while (registered_now ("cun_a") == before)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, FRESH_WITHIN_US);
      g_usleep (50000);
    }
  waited = g_get_monotonic_time () - start;
  g_test_message ("a new matter was counted %.2f s after it was registered", waited / 1e6);
  g_assert_cmpint (registered_now ("cun_a"), ==, before + 1);
  g_assert_cmpint (registered_now ("ducha"), ==, 12);
}

int
main (int argc, char **argv)
{
  g_autoptr(GTimeZone) china = NULL;
  g_autoptr(GDateTime) now = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  china = g_time_zone_new_offset (8 * 3600);
  now = g_date_time_new_now (china);
  today = g_date_time_format (now, "%Y-%m-%d");
  /* The scheduler at its default interval: the freshness documented is what is tested. */
  env = jf_test_env_new ();
  stats_data_build (env, m, today);
  stats_data_wait_fresh (env);
  g_test_add_func ("/jfd/stats/county-figures", test_county);
  g_test_add_func ("/jfd/stats/township-figures", test_township);
  g_test_add_func ("/jfd/stats/village-figures-from-facts", test_village);
  g_test_add_func ("/jfd/stats/ranges", test_range);
  g_test_add_func ("/jfd/stats/scope", test_scope);
  g_test_add_func ("/jfd/stats/matters-behind-figures", test_matters_behind);
  g_test_add_func ("/jfd/stats/open-and-overdue-per-unit", test_units);
  g_test_add_func ("/jfd/stats/rebuild-equals-incremental", test_rebuild_equals_incremental);
  g_test_add_func ("/jfd/stats/new-matter-counted-within-5s", test_freshness);
  status = g_test_run ();
  g_free (today);
  jf_test_env_free (env);
  return status;
}
