/* test-calendar.c: the working calendar, on the State Council's real arrangements
 *
 * The official file is the project's copy, schema/data/cn-holidays.tsv, found through
 * JF_HOLIDAYS_TSV (set by tests/meson.build). Weekdays below were checked against a
 * perpetual calendar: 2026-02-13 is a Friday, 2026-02-14 a Saturday.
 */
#include "config.h"

#include <string.h>

#include "jf-calendar.h"
#include "jf-error.h"

static JfCalendar *
official_calendar (void)
{
  const char *path = g_getenv ("JF_HOLIDAYS_TSV");
  g_autoptr(JfCalendar) calendar = jf_calendar_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jf_calendar_load_tsv (calendar, contents, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&calendar);
}

static void
test_weekday_rule (void)
{
  g_autoptr(JfCalendar) calendar = jf_calendar_new ();

  /* 2026-03-02 is a Monday. */
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 3, 2));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 3, 6));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 3, 7));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 3, 8));
  /* Without the arrangements, the Spring Festival is ordinary. */
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 2, 16));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 2, 14));
}

static void
test_official_data (void)
{
  g_autoptr(JfCalendar) calendar = official_calendar ();
  g_autoptr(GDate) festival = g_date_new_dmy (17, G_DATE_FEBRUARY, 2026);
  JfDayKind kind;
  const char *name;

  /* 72 lines of arrangements, for 2025 and 2026. */
  g_assert_cmpuint (jf_calendar_get_n_days (calendar), ==, 72);

  /* Spring Festival 2026: Sat 14 works, Sun 15 to Mon 23 off, Tue 24 works, Sat 28 works. */
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 2, 13));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 2, 14));
  for (guint d = 15; d <= 23; d++)
    g_assert_false (jf_calendar_is_working_day (calendar, 2026, 2, d));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 2, 24));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 2, 28));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 3, 1));

  g_assert_true (jf_calendar_lookup (calendar, festival, &kind, &name));
  g_assert_cmpint (kind, ==, JF_DAY_KIND_OFF);
  g_assert_cmpstr (name, ==, "春节");
  g_date_set_dmy (festival, 3, G_DATE_MARCH, 2026);
  g_assert_false (jf_calendar_lookup (calendar, festival, NULL, NULL));

  /* National Day 2026: Sun 09-20 works, Fri 09-25 off (Mid-Autumn), Oct 1 to 7 off,
   * Sat 10-10 works. */
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 9, 20));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 9, 25));
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 10, 7));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 10, 8));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 10, 10));
  /* New Year 2026: Sat 01-03 marked off changes nothing; Sun 01-04 works. */
  g_assert_false (jf_calendar_is_working_day (calendar, 2026, 1, 3));
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 1, 4));
}

static void
test_roll_forward_and_add (void)
{
  g_autoptr(JfCalendar) calendar = official_calendar ();
  g_autoptr(GDate) date = g_date_new_dmy (16, G_DATE_FEBRUARY, 2026);

  jf_calendar_roll_forward (calendar, date);
  g_assert_cmpint (g_date_get_day (date), ==, 24);
  /* A working day stays put. */
  jf_calendar_roll_forward (calendar, date);
  g_assert_cmpint (g_date_get_day (date), ==, 24);

  /* From Fri 13: Sat 14 (1), Tue 24 (2), 25 (3), 26 (4), 27 (5). */
  g_date_set_dmy (date, 13, G_DATE_FEBRUARY, 2026);
  jf_calendar_add_working_days (calendar, date, 5);
  g_assert_cmpint (g_date_get_month (date), ==, 2);
  g_assert_cmpint (g_date_get_day (date), ==, 27);
  /* …then Sat 28 (6). */
  jf_calendar_add_working_days (calendar, date, 1);
  g_assert_cmpint (g_date_get_day (date), ==, 28);
  /* 0 working days leaves the date alone, whatever it is. */
  jf_calendar_add_working_days (calendar, date, 0);
  g_assert_cmpint (g_date_get_day (date), ==, 28);
}

static void
count_changes (JfCalendar *calendar,
               guint      *n)
{
  (*n)++;
}

static void
test_set_and_unset (void)
{
  g_autoptr(JfCalendar) calendar = jf_calendar_new ();
  g_autoptr(GDate) date = g_date_new_dmy (2, G_DATE_MARCH, 2026);
  guint n_changes = 0;
  const char *name = "x";

  g_signal_connect (calendar, "changed", G_CALLBACK (count_changes), &n_changes);

  /* An administrator declares a local holiday on a Monday, then thinks better of it. */
  jf_calendar_set_day (calendar, date, JF_DAY_KIND_OFF, "地方假日");
  g_assert_false (jf_calendar_is_working_date (calendar, date));
  jf_calendar_set_day (calendar, date, JF_DAY_KIND_WORK, NULL);
  g_assert_true (jf_calendar_is_working_date (calendar, date));
  g_assert_true (jf_calendar_lookup (calendar, date, NULL, &name));
  g_assert_null (name);
  jf_calendar_unset_day (calendar, date);
  g_assert_true (jf_calendar_is_working_date (calendar, date));
  g_assert_cmpuint (jf_calendar_get_n_days (calendar), ==, 0);
  /* Unsetting what is not set changes nothing. */
  jf_calendar_unset_day (calendar, date);
  g_assert_cmpuint (n_changes, ==, 3);

  /* A Saturday made a working day. */
  g_date_set_dmy (date, 7, G_DATE_MARCH, 2026);
  jf_calendar_set_day (calendar, date, JF_DAY_KIND_WORK, "调休");
  g_assert_true (jf_calendar_is_working_day (calendar, 2026, 3, 7));
}

static void
test_bad_lines (void)
{
  const struct
  {
    const char *contents;
    const char *message_part;
  } cases[] = {
    { "# header\n2026-02-15\toff\t春节\n2026-02-16\toff\n", "Line 3: expected 3" },
    { "2026-02-15\toff\t春节\textra\n", "Line 1: expected 3" },
    { "2026-02-15 off 春节\n", "Line 1: expected 3" },
    { "#\n#\n2026-2-15\toff\t春节\n", "Line 3: “2026-2-15” is not a date" },
    { "2026-02-30\toff\t春节\n", "Line 1: “2026-02-30” is not a date" },
    { "2026-02-15\tholiday\t春节\n", "Line 1: the kind must be" },
    { "2026-02-15\tOFF\t春节\n", "Line 1: the kind must be" },
    { "2026-02-15\toff\t\n", "Line 1: the holiday has no name" },
    { "\n2026-02-15\toff\t春节\n2026-02-15\twork\t春节\n", "Line 3: 2026-02-15 is already "
      "given on line 2" },
    { "2026-02-15\toff\t\xff\n", "not valid UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JfCalendar) calendar = jf_calendar_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (jf_calendar_load_tsv (calendar, cases[i].contents, &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message,
                 cases[i].message_part);
      /* All or nothing: the good lines before the bad one are not kept. */
      g_assert_cmpuint (jf_calendar_get_n_days (calendar), ==, 0);
    }
}

static void
test_crlf_and_blank_lines (void)
{
  g_autoptr(JfCalendar) calendar = jf_calendar_new ();
  g_autoptr(GError) error = NULL;
  JfDayKind kind;
  const char *name;
  g_autoptr(GDate) date = g_date_new_dmy (14, G_DATE_FEBRUARY, 2026);

  g_assert_true (jf_calendar_load_tsv (calendar,
                                       "# date\tkind\tname\r\n\r\n2026-02-14\twork\t春节\r\n",
                                       &error));
  g_assert_no_error (error);
  g_assert_true (jf_calendar_lookup (calendar, date, &kind, &name));
  g_assert_cmpint (kind, ==, JF_DAY_KIND_WORK);
  g_assert_cmpstr (name, ==, "春节");

  /* Loading more keeps what is there, and a later file overrides a day. */
  g_assert_true (jf_calendar_load_tsv (calendar, "2026-02-14\toff\t改\n", &error));
  g_assert_true (jf_calendar_lookup (calendar, date, &kind, &name));
  g_assert_cmpint (kind, ==, JF_DAY_KIND_OFF);
  g_assert_true (jf_calendar_load_tsv (calendar, "", &error));
  g_assert_cmpuint (jf_calendar_get_n_days (calendar), ==, 1);
}

static void
test_day_kind_spellings (void)
{
  JfDayKind kind;

  g_assert_cmpstr (jf_day_kind_to_string (JF_DAY_KIND_OFF), ==, "off");
  g_assert_cmpstr (jf_day_kind_to_string (JF_DAY_KIND_WORK), ==, "work");
  g_assert_true (jf_day_kind_from_string ("work", &kind));
  g_assert_cmpint (kind, ==, JF_DAY_KIND_WORK);
  g_assert_false (jf_day_kind_from_string ("Work", &kind));
  g_assert_false (jf_day_kind_from_string (NULL, &kind));
}

static void
test_time_zone (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new (jf_calendar_time_zone (), 2026, 7, 1, 12, 0, 0);

  /* China Standard Time all year round. */
  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 8 * G_TIME_SPAN_HOUR);
  g_assert_true (jf_calendar_time_zone () == jf_calendar_time_zone ());
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/calendar/weekday-rule", test_weekday_rule);
  g_test_add_func ("/jf/calendar/official-data", test_official_data);
  g_test_add_func ("/jf/calendar/roll-forward-and-add", test_roll_forward_and_add);
  g_test_add_func ("/jf/calendar/set-and-unset", test_set_and_unset);
  g_test_add_func ("/jf/calendar/bad-lines-refused", test_bad_lines);
  g_test_add_func ("/jf/calendar/crlf-and-blank-lines", test_crlf_and_blank_lines);
  g_test_add_func ("/jf/calendar/day-kind-spellings", test_day_kind_spellings);
  g_test_add_func ("/jf/calendar/time-zone", test_time_zone);
  return g_test_run ();
}
