/* test-deadline.c: due and warning instants on the real 2026 holiday calendar
 *
 * Expected instants are counted by hand, in the comments, from the State Council's
 * arrangements (schema/data/cn-holidays.tsv, via JF_HOLIDAYS_TSV). Spring Festival 2026:
 * Sat 02-14 works, Sun 02-15 to Mon 02-23 off, Sat 02-28 works. National Day 2026:
 * Sun 09-20 works, Fri 09-25 to Sun 09-27 off (Mid-Autumn), Thu 10-01 to Wed 10-07 off,
 * Sat 10-10 works. All instants are China Standard Time; a day ends at 23:59:59.999999.
 */
#include "config.h"

#include "jf-deadline.h"
#include "jf-error.h"

#define HOUR G_TIME_SPAN_HOUR
#define DAY G_TIME_SPAN_DAY
#define END(date) date " 23:59:59.999999"

static JfCalendar *calendar;
static GPtrArray *instants;   /* owns every GDateTime at () made */

/* "2026-02-13 10:00:00", in China Standard Time. Borrowed. */
static GDateTime *
at (const char *text)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (text, jf_calendar_time_zone ());

  g_assert_nonnull (dt);
  g_ptr_array_add (instants, dt);
  return dt;
}

#define assert_instant(dt, expected) \
  G_STMT_START { \
    g_autofree char *text_ = g_date_time_format ((dt), "%F %T.%f"); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

static JfDeadline *
compute_full (JfDeadlineUnit  unit,
              int             amount,
              GTimeSpan       warn_before,
              const char     *start,
              const JfPause  *pauses,
              guint           n_pauses)
{
  JfDeadlineRule rule;
  g_autoptr(GError) error = NULL;
  JfDeadline *deadline;

  jf_deadline_rule_init (&rule, unit, amount);
  rule.warn_before = warn_before;
  deadline = jf_deadline_compute (&rule, at (start), calendar, pauses, n_pauses, &error);
  g_assert_no_error (error);
  return deadline;
}

/* 5 working days from Mon 2026-03-02 10:00: Tue 3 (1) … Mon 9 (5), due end of 03-09. */
static JfDeadline *
five_from_march_2 (const JfPause *pauses,
                   guint          n_pauses)
{
  return compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, 0, "2026-03-02 10:00:00", pauses,
                       n_pauses);
}

static void
assert_due (JfDeadlineUnit  unit,
            int             amount,
            const char     *start,
            const char     *expected)
{
  g_autoptr(JfDeadline) deadline = compute_full (unit, amount, 0, start, NULL, 0);

  assert_instant (jf_deadline_get_due (deadline), expected);
  g_assert_false (jf_deadline_is_suspended (deadline));
}

#define assert_state(deadline, now, state) \
  g_assert_cmpint (state_at ((deadline), (now), NULL), ==, JF_DEADLINE_STATE_##state)
#define assert_state_left(deadline, now, state, left) \
  G_STMT_START { \
    GTimeSpan left_; \
    g_assert_cmpint (state_at ((deadline), (now), &left_), ==, JF_DEADLINE_STATE_##state); \
    g_assert_cmpint (left_, ==, (left)); \
  } G_STMT_END

static JfDeadlineState
state_at (JfDeadline *deadline,
          const char *now,
          GTimeSpan  *out_left)
{
  return jf_deadline_state (deadline, at (now), out_left);
}

static void
test_spring_festival_working_days (void)
{
  const char *fri13 = "2026-02-13 10:00:00";

  /* Sat 14 (1), 15–23 off, Tue 24 (2), 25 (3), 26 (4), Fri 27 (5). */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 5, fri13, END ("2026-02-27"));
  /* …Sat 28 (6, a make-up day), Mon 03-02 (7), 3 (8), 4 (9), Thu 5 (10). Were the 28th
   * not counted, this would be 03-06. */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 10, fri13, END ("2026-03-05"));
  /* 1 working day: the make-up Saturday itself. */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 1, fri13, END ("2026-02-14"));
}

static void
test_spring_festival_natural_days (void)
{
  JfDeadlineRule rule;
  g_autoptr(JfDeadline) strict = NULL;

  /* 13 not counted: 14, 15, 16 → 16 is a holiday → first working day after, Tue 24. */
  assert_due (JF_DEADLINE_UNIT_NATURAL_DAYS, 3, "2026-02-13 10:00:00", END ("2026-02-24"));
  /* Without roll-forward, the end of the 16th. */
  jf_deadline_rule_init (&rule, JF_DEADLINE_UNIT_NATURAL_DAYS, 3);
  rule.flags &= ~JF_DEADLINE_ROLL_FORWARD;
  strict = jf_deadline_compute (&rule, at ("2026-02-13 10:00:00"), calendar, NULL, 0, NULL);
  assert_instant (jf_deadline_get_due (strict), END ("2026-02-16"));
  /* 26, 27, 28: the 28th is a Saturday, but a working one: no roll. */
  assert_due (JF_DEADLINE_UNIT_NATURAL_DAYS, 3, "2026-02-25 08:00:00", END ("2026-02-28"));
  /* 26 … 03-01: an ordinary Sunday rolls to Mon 03-02. */
  assert_due (JF_DEADLINE_UNIT_NATURAL_DAYS, 4, "2026-02-25 08:00:00", END ("2026-03-02"));
}

static void
test_national_day (void)
{
  /* Fri 18 (1), Sat 19 off, Sun 20 make-up (2), Mon 21 (3), 22 (4), Wed 23 (5). */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 5, "2026-09-17 15:00:00", END ("2026-09-23"));
  /* Fri 25–Sun 27 off: Mon 28 is the first working day after Thu 24. */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 1, "2026-09-24 09:00:00", END ("2026-09-28"));
  /* Wed 30 (1), 10-01…07 off, Thu 10-08 (2), Fri 9 (3), Sat 10 make-up (4). */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 3, "2026-09-29 09:00:00", END ("2026-10-09"));
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 4, "2026-09-29 09:00:00", END ("2026-10-10"));
  /* 7 natural days from Thu 24: 25 … 10-01, a holiday → Thu 10-08. */
  assert_due (JF_DEADLINE_UNIT_NATURAL_DAYS, 7, "2026-09-24 09:00:00", END ("2026-10-08"));
}

static void
test_start_day_not_counted (void)
{
  JfDeadlineRule rule;
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 2, 13, 17, 30, 0);
  g_autoptr(JfDeadline) deadline = NULL;

  /* Started on a holiday: the first working day after it is Tue 24. */
  assert_due (JF_DEADLINE_UNIT_WORKING_DAYS, 1, "2026-02-21 09:00:00", END ("2026-02-24"));
  /* Started in the last microsecond of Mon 03-02: 1 natural day is still all of Tue 03-03. */
  assert_due (JF_DEADLINE_UNIT_NATURAL_DAYS, 1, END ("2026-03-02"), END ("2026-03-03"));
  /* 2026-02-13 17:30 UTC is Sat 02-14 01:30 in China: the 14th is the start day, not
   * counted, so Tue 24. The answer is given in China Standard Time. */
  jf_deadline_rule_init (&rule, JF_DEADLINE_UNIT_WORKING_DAYS, 1);
  deadline = jf_deadline_compute (&rule, utc, calendar, NULL, 0, NULL);
  assert_instant (jf_deadline_get_due (deadline), END ("2026-02-24"));
  g_assert_cmpint (g_date_time_get_utc_offset (jf_deadline_get_due (deadline)), ==, 8 * HOUR);
}

static void
test_hours_and_minutes (void)
{
  /* Wall-clock time: holidays do not stop an hour clock. */
  assert_due (JF_DEADLINE_UNIT_HOURS, 24, "2026-02-16 09:30:00", "2026-02-17 09:30:00.000000");
  assert_due (JF_DEADLINE_UNIT_MINUTES, 30, "2026-02-13 23:45:00",
              "2026-02-14 00:15:00.000000");
}

static void
test_whistle_30_minutes (void)
{
  const struct
  {
    const char     *now;
    JfDeadlineState state;
    GTimeSpan       left;
  } steps[] = {
    { "2026-02-16 14:00:00", JF_DEADLINE_STATE_OK, 30 * G_TIME_SPAN_MINUTE },
    { "2026-02-16 14:19:59.999999", JF_DEADLINE_STATE_OK, 10 * G_TIME_SPAN_MINUTE + 1 },
    { "2026-02-16 14:20:00", JF_DEADLINE_STATE_WARNING, 10 * G_TIME_SPAN_MINUTE },
    { "2026-02-16 14:30:00", JF_DEADLINE_STATE_WARNING, 0 },  /* on time, just */
    { "2026-02-16 14:30:00.000001", JF_DEADLINE_STATE_OVERDUE, -1 },
    { "2026-02-16 14:45:00", JF_DEADLINE_STATE_OVERDUE, -15 * G_TIME_SPAN_MINUTE },
  };
  JfDeadlineRule rule;
  g_autoptr(JfDeadline) deadline = NULL;
  g_autoptr(GError) error = NULL;

  /* Urgent whistle on a holiday: check in within 30 minutes, warned 10 minutes before.
   * Minutes need no calendar. */
  jf_deadline_rule_init (&rule, JF_DEADLINE_UNIT_MINUTES, 30);
  rule.warn_before = 10 * G_TIME_SPAN_MINUTE;
  deadline = jf_deadline_compute (&rule, at ("2026-02-16 14:00:00"), NULL, NULL, 0, &error);
  g_assert_no_error (error);
  assert_instant (jf_deadline_get_due (deadline), "2026-02-16 14:30:00.000000");
  assert_instant (jf_deadline_get_warn_at (deadline), "2026-02-16 14:20:00.000000");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GTimeSpan left;

      g_assert_cmpint (state_at (deadline, steps[i].now, &left), ==, steps[i].state);
      g_assert_cmpint (left, ==, steps[i].left);
    }
}

static void
test_warning_working_days (void)
{
  g_autoptr(JfDeadline) deadline = NULL;
  g_autoptr(JfDeadline) long_lead = NULL;
  g_autoptr(JfDeadline) silent = NULL;

  /* Due end of 02-27 (see spring-festival); warned a day before, at the end of 02-26. */
  deadline = compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, DAY, "2026-02-13 10:00:00",
                           NULL, 0);
  assert_instant (jf_deadline_get_warn_at (deadline), END ("2026-02-26"));
  assert_state (deadline, "2026-02-13 10:00:00", OK);
  assert_state (deadline, "2026-02-26 23:59:59.999998", OK);
  assert_state (deadline, END ("2026-02-26"), WARNING);
  assert_state (deadline, END ("2026-02-27"), WARNING);
  assert_state (deadline, "2026-02-28 00:00:00", OVERDUE);

  /* A lead time longer than the period warns from the start; none never warns. */
  long_lead = compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, 30 * DAY, "2026-03-02 09:00:00",
                            NULL, 0);
  assert_instant (jf_deadline_get_warn_at (long_lead), "2026-03-02 09:00:00.000000");
  assert_state (long_lead, "2026-03-02 09:00:00", WARNING);
  silent = compute_full (JF_DEADLINE_UNIT_HOURS, 1, 0, "2026-03-02 09:00:00", NULL, 0);
  g_assert_null (jf_deadline_get_warn_at (silent));
  assert_state (silent, "2026-03-02 09:59:59", OK);
}

static void
test_pause_shifts_due (void)
{
  JfPause pause = { at ("2026-03-04 09:00:00"), at ("2026-03-06 09:00:00") };
  g_autoptr(JfDeadline) deadline = five_from_march_2 (&pause, 1);

  /* End of 03-09, stopped 48 h → end of Wed 03-11. */
  assert_instant (jf_deadline_get_base_due (deadline), END ("2026-03-09"));
  assert_instant (jf_deadline_get_due (deadline), END ("2026-03-11"));
  g_assert_cmpint (jf_deadline_get_paused_time (deadline), ==, 48 * HOUR);

  /* During the pause the clock stands at what was left when it stopped: 03-04 09:00 to
   * the end of 03-09 is 5 days 14:59:59.999999. */
  assert_state_left (deadline, "2026-03-05 12:00:00", PAUSED, 5 * DAY + 15 * HOUR - 1);
  /* Past the first due instant, but not overdue: 2 days less 1 µs left. */
  assert_state_left (deadline, "2026-03-10 00:00:00", OK, 2 * DAY - 1);
}

static void
test_pause_does_not_reroll (void)
{
  JfPause pause = { at ("2026-02-09 10:00:00"), at ("2026-02-11 10:00:00") };
  g_autoptr(JfDeadline) deadline = compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, 0,
                                                 "2026-02-06 10:00:00", &pause, 1);

  /* From Fri 02-06: Mon 9 (1) … Fri 13 (5), end of 02-13. 48 h later is the end of Sun
   * 02-15, a Spring Festival holiday: a pause moves the instant by the time stopped, it
   * does not count working days again, so the due instant stays on the holiday. */
  assert_instant (jf_deadline_get_base_due (deadline), END ("2026-02-13"));
  assert_instant (jf_deadline_get_due (deadline), END ("2026-02-15"));
}

static void
test_pauses_merged (void)
{
  GDateTime *b = at ("2026-03-03 22:00:00"), *f = at ("2026-03-05 10:00:00");
  /* Out of order; overlapping (a–d, b–f); contained (c–e); touching (f–g). */
  JfPause pauses[] = {
    { b, f },
    { at ("2026-03-04 00:00:00"), at ("2026-03-04 12:00:00") },
    { f, at ("2026-03-05 12:00:00") },
    { at ("2026-03-03 10:00:00"), at ("2026-03-04 10:00:00") },
  };
  g_autoptr(JfDeadline) deadline = five_from_march_2 (pauses, G_N_ELEMENTS (pauses));

  /* One pause, 03-03 10:00 to 03-05 12:00: 50 h, not the 36+12+2+24 = 74 h summed. */
  g_assert_cmpint (jf_deadline_get_paused_time (deadline), ==, 50 * HOUR);
  assert_instant (jf_deadline_get_due (deadline), "2026-03-12 01:59:59.999999");
}

static void
test_pause_after_first_due (void)
{
  JfPause pauses[] = {
    { at ("2026-03-12 06:00:00"), at ("2026-03-12 08:00:00") },   /* C */
    { at ("2026-03-10 12:00:00"), at ("2026-03-10 18:00:00") },   /* B */
    { at ("2026-03-04 00:00:00"), at ("2026-03-06 00:00:00") },   /* A */
    { at ("2026-02-20 00:00:00"), at ("2026-03-02 12:00:00") },   /* before the start */
    { at ("2026-03-13 00:00:00"), at ("2026-03-14 00:00:00") },   /* after the due */
  };
  g_autoptr(JfDeadline) deadline = five_from_march_2 (pauses, G_N_ELEMENTS (pauses));
  g_autoptr(JfDeadline) before_start = five_from_march_2 (&pauses[3], 1);

  /* End of 03-09; + 2 h (only the part after the 10:00 start of the pause from 02-20)
   * → 03-10 01:59:59.999999; + 48 h (A) → 03-12 01:59:59.999999. B (03-10 12:00) begins
   * after the first due instant but before this one: + 6 h → 03-12 07:59:59.999999;
   * C (03-12 06:00) begins before that: + 2 h → 03-12 09:59:59.999999. The pause of
   * 03-13 begins after it, and does not count. */
  g_assert_cmpint (jf_deadline_get_paused_time (deadline), ==, 58 * HOUR);
  assert_instant (jf_deadline_get_due (deadline), "2026-03-12 09:59:59.999999");
  assert_instant (jf_deadline_get_due (before_start), "2026-03-10 01:59:59.999999");
}

static void
test_pause_after_due_ignored (void)
{
  GDateTime *from = at ("2026-03-10 09:00:00");
  JfPause closed = { from, at ("2026-03-12 09:00:00") };
  JfPause open = { from, NULL };
  g_autoptr(JfDeadline) late = five_from_march_2 (&closed, 1);
  g_autoptr(JfDeadline) late_open = five_from_march_2 (&open, 1);

  /* Paused only after the end of 03-09: too late to save it, overdue and not paused. */
  assert_instant (jf_deadline_get_due (late), END ("2026-03-09"));
  assert_state (late, "2026-03-11 09:00:00", OVERDUE);
  g_assert_false (jf_deadline_is_suspended (late_open));
  assert_instant (jf_deadline_get_due (late_open), END ("2026-03-09"));
  assert_state (late_open, "2026-03-11 09:00:00", OVERDUE);
}

static void
test_open_pause (void)
{
  JfPause pause = { at ("2026-03-04 10:00:00"), NULL };
  g_autoptr(JfDeadline) deadline = compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, DAY,
                                                 "2026-03-02 10:00:00", &pause, 1);
  /* From the pause's beginning to the end of 03-09: 5 days 13:59:59.999999. */
  const GTimeSpan frozen = 5 * DAY + 14 * HOUR - 1;

  /* Suspended (an appraisal under way): no due instant, and no warning instant either,
   * since the pause began before the warning (end of 03-08). */
  g_assert_true (jf_deadline_is_suspended (deadline));
  g_assert_null (jf_deadline_get_due (deadline));
  g_assert_null (jf_deadline_get_warn_at (deadline));
  assert_instant (jf_deadline_get_base_due (deadline), END ("2026-03-09"));

  /* Before the pause the clock runs: a day more than when it stops. */
  assert_state_left (deadline, "2026-03-03 10:00:00", OK, frozen + DAY);
  /* From the pause on it stands still, however long the pause lasts. */
  assert_state_left (deadline, "2026-03-04 10:00:00", PAUSED, frozen);
  assert_state_left (deadline, "2026-06-01 10:00:00", PAUSED, frozen);
}

static void
test_pause_moves_warning (void)
{
  JfPause pause = { at ("2026-03-04 09:00:00"), at ("2026-03-06 09:00:00") };
  g_autoptr(JfDeadline) deadline = compute_full (JF_DEADLINE_UNIT_WORKING_DAYS, 5, DAY,
                                                 "2026-03-02 10:00:00", &pause, 1);

  /* Due end of 03-09 + 48 h = end of 03-11 (see pause/shifts-due); warned a day before:
   * end of 03-08 + 48 h = end of 03-10. */
  assert_instant (jf_deadline_get_warn_at (deadline), END ("2026-03-10"));
  assert_state (deadline, "2026-03-09 00:00:00", OK);
  assert_state (deadline, "2026-03-10 23:59:59.999998", OK);
  assert_state (deadline, END ("2026-03-10"), WARNING);
}

static void
test_invalid (void)
{
  const struct
  {
    JfDeadlineUnit unit;
    int            amount;
    GTimeSpan      warn_before;
    const char    *field;
  } rules[] = {
    { JF_DEADLINE_UNIT_WORKING_DAYS, 0, 0, "amount" },
    { JF_DEADLINE_UNIT_HOURS, -4, 0, "amount" },
    { JF_DEADLINE_UNIT_NATURAL_DAYS, 4000, 0, "amount" },
    { (JfDeadlineUnit) 99, 5, 0, "unit" },
    { JF_DEADLINE_UNIT_MINUTES, 30, -1, "warn_before" },
  };
  GDateTime *start = at ("2026-03-02 10:00:00"), *later = at ("2026-03-03 10:00:00");
  JfPause backwards[] = { { start, NULL }, { later, start } };
  JfPause no_start[] = { { NULL, later } };
  JfDeadlineRule rule;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      jf_deadline_rule_init (&rule, rules[i].unit, rules[i].amount);
      rule.warn_before = rules[i].warn_before;
      g_assert_null (jf_deadline_compute (&rule, start, calendar, NULL, 0, &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
      g_assert_cmpstr (jf_error_get_field (error), ==, rules[i].field);
      g_clear_error (&error);
    }

  jf_deadline_rule_init (&rule, JF_DEADLINE_UNIT_WORKING_DAYS, 5);
  g_assert_null (jf_deadline_compute (&rule, start, calendar, backwards, 2, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, "pauses[1].to");
  g_clear_error (&error);
  g_assert_null (jf_deadline_compute (&rule, start, calendar, no_start, 1, &error));
  g_assert_cmpstr (jf_error_get_field (error), ==, "pauses[0].from");

  /* The spellings rules are stored under. */
  g_assert_cmpstr (jf_deadline_unit_to_string (JF_DEADLINE_UNIT_WORKING_DAYS), ==,
                   "working_days");
  g_assert_false (jf_deadline_unit_from_string ("weeks", NULL));
  g_assert_cmpstr (jf_deadline_state_to_string (JF_DEADLINE_STATE_PAUSED), ==, "paused");
}

int
main (int argc, char **argv)
{
  const char *path = g_getenv ("JF_HOLIDAYS_TSV");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  calendar = jf_calendar_new ();
  g_assert_true (jf_calendar_load_tsv (calendar, contents, &error));
  g_assert_no_error (error);
  instants = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  g_test_add_func ("/jf/deadline/working-days/spring-festival",
                   test_spring_festival_working_days);
  g_test_add_func ("/jf/deadline/natural-days/spring-festival-roll-forward",
                   test_spring_festival_natural_days);
  g_test_add_func ("/jf/deadline/national-day-2026", test_national_day);
  g_test_add_func ("/jf/deadline/start-day-not-counted", test_start_day_not_counted);
  g_test_add_func ("/jf/deadline/hours-and-minutes", test_hours_and_minutes);
  g_test_add_func ("/jf/deadline/warning/whistle-30-minutes", test_whistle_30_minutes);
  g_test_add_func ("/jf/deadline/warning/working-days", test_warning_working_days);
  g_test_add_func ("/jf/deadline/pause/shifts-due", test_pause_shifts_due);
  g_test_add_func ("/jf/deadline/pause/does-not-reroll-working-days",
                   test_pause_does_not_reroll);
  g_test_add_func ("/jf/deadline/pause/overlapping-merged", test_pauses_merged);
  g_test_add_func ("/jf/deadline/pause/after-first-due-counts", test_pause_after_first_due);
  g_test_add_func ("/jf/deadline/pause/after-due-ignored", test_pause_after_due_ignored);
  g_test_add_func ("/jf/deadline/pause/open-gives-paused", test_open_pause);
  g_test_add_func ("/jf/deadline/pause/moves-warning", test_pause_moves_warning);
  g_test_add_func ("/jf/deadline/invalid", test_invalid);
  status = g_test_run ();
  g_clear_pointer (&instants, g_ptr_array_unref);
  g_clear_object (&calendar);
  return status;
}
