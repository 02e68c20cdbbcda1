/* test-json-time.c: times and dates are read as RFC 3339 says, with a zone, and written in
 * China Standard Time; JSON is written compact
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-json.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = jf_json_parse_object (json, strlen (json), &error);

  g_assert_no_error (error);
  return object;
}

static void
assert_invalid (const GError *error,
                const char   *field,
                const char   *message_part)
{
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, field);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
test_datetimes (void)
{
  g_autoptr(JsonObject) body = parse ("{\"local\": \"2026-02-13T09:30:00+08:00\", "
                                      "\"utc\": \"2026-02-13T01:30:00Z\", "
                                      "\"fraction\": \"2026-02-13T09:30:00.250+08:00\"}");
  const char *refused[] = { "2026-02-13T09:30:00", "2026-02-13", "2026-02-13 09:30:00+08:00",
                            "2026-02-30T09:30:00+08:00", "2026-W07-5T09:30:00Z",
                            "20260213T093000Z", "2026-02-13t09:30:00z",
                            "2026-02-13T25:00:00Z", "2026-02-13T09:30:00+0800",
                            "2026-02-13T09:30:00.+08:00", " 2026-02-13T09:30:00Z" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) fraction = NULL;

  g_assert_true (jf_json_read_datetime (body, NULL, "local", 0, &local, &error));
  g_assert_true (jf_json_read_datetime (body, NULL, "utc", 0, &utc, &error));
  g_assert_true (jf_json_read_datetime (body, NULL, "fraction", 0, &fraction, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (local, utc));
  g_assert_cmpint (g_date_time_get_microsecond (fraction), ==, 250000);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonObject) bad = json_object_new ();
      g_autoptr(GDateTime) out = NULL;

      json_object_set_string_member (bad, "at", refused[i]);
      g_assert_false (jf_json_read_datetime (bad, "session", "at", 0, &out, &error));
      assert_invalid (error, "session.at", "with a zone");
      g_assert_null (out);
      g_clear_error (&error);
    }
}

static void
test_dates (void)
{
  const char *refused[] = { "2026-2-13", "2026-02-30", "20260213", "2026-02-13T00:00:00Z",
                            "0000-01-01", " 2026-02-13", "2026-13-01", "２０２６-02-13" };
  g_autoptr(JsonObject) body = parse ("{\"on\": \"2026-02-29\", \"leap\": \"2028-02-29\"}");
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (jf_json_read_date (body, NULL, "leap", 0, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_day (&date), ==, 29);
  g_assert_false (jf_json_read_date (body, NULL, "on", 0, &date, &error));
  assert_invalid (error, "on", "not a date in the calendar");
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonObject) bad = json_object_new ();

      json_object_set_string_member (bad, "occurred_on", refused[i]);
      g_assert_false (jf_json_read_date (bad, NULL, "occurred_on", 0, &date, &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
      g_assert_cmpstr (jf_error_get_field (error), ==, "occurred_on");
      g_clear_error (&error);
    }
}

static void
test_writing (void)
{
  g_autoptr(JsonObject) body = parse ("{\"a\": [1, \"二\\n\"], \"b\": {\"c\": true}}");
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 2, 13, 1, 30, 5.75);
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_offset (9 * 3600);
  g_autoptr(GDateTime) in_tokyo = g_date_time_new (tokyo, 2026, 12, 31, 23, 59, 59);
  g_autofree char *text = NULL;
  g_autofree char *at = NULL;
  g_autofree char *tokyo_at = NULL;
  g_autofree char *day = NULL;
  gsize len = 0;
  GDate date;

  text = jf_json_to_string (node, &len);
  g_assert_cmpstr (text, ==, "{\"a\":[1,\"二\\n\"],\"b\":{\"c\":true}}");
  g_assert_cmpuint (len, ==, strlen (text));
  /* To the second, in China Standard Time, whatever zone the time was made in. */
  at = jf_json_datetime_to_string (utc);
  g_assert_cmpstr (at, ==, "2026-02-13T09:30:05+08:00");
  tokyo_at = jf_json_datetime_to_string (in_tokyo);
  g_assert_cmpstr (tokyo_at, ==, "2026-12-31T22:59:59+08:00");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_FEBRUARY, 2026);
  day = jf_json_date_to_string (&date);
  g_assert_cmpstr (day, ==, "2026-02-03");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/json/time/datetimes", test_datetimes);
  g_test_add_func ("/jf/json/time/dates", test_dates);
  g_test_add_func ("/jf/json/time/writing", test_writing);
  return g_test_run ();
}
