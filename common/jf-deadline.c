/* jf-deadline.c: the due and warning instants of a stage's clock, pauses included
 *
 * Instants are handled as microseconds since the Unix epoch: pauses are merged, summed and
 * compared, which GDateTime makes verbose and allocation-heavy. GDateTime appears only at
 * the edges, in China Standard Time.
 */
#include "config.h"

#include <string.h>

#include "jf-deadline.h"
#include "jf-error.h"

#define OPEN_END G_MAXINT64
/* Longer periods than these are typing mistakes, and would walk the calendar for long. */
#define MAX_DAYS (10 * 366)

typedef struct
{
  gint64 from;
  gint64 to;    /* OPEN_END while the pause lasts */
} Interval;

struct _JfDeadline
{
  gint64     start_us;
  gint64     base_due_us;
  GTimeSpan  warn_before;
  GTimeSpan  paused;
  gboolean   suspended;
  GArray    *counted;       /* owned: the merged pauses that pushed the due instant */
  GDateTime *start;         /* owned, and the three below */
  GDateTime *base_due;
  GDateTime *due;
  GDateTime *warn_at;
};

G_DEFINE_BOXED_TYPE (JfDeadline, jf_deadline, jf_deadline_ref, jf_deadline_unref)

static const char * const units[JF_N_DEADLINE_UNITS] = {
  [JF_DEADLINE_UNIT_NATURAL_DAYS] = "natural_days",
  [JF_DEADLINE_UNIT_WORKING_DAYS] = "working_days",
  [JF_DEADLINE_UNIT_HOURS] = "hours",
  [JF_DEADLINE_UNIT_MINUTES] = "minutes",
};

static const char * const states[] = {
  [JF_DEADLINE_STATE_OK] = "ok",
  [JF_DEADLINE_STATE_WARNING] = "warning",
  [JF_DEADLINE_STATE_OVERDUE] = "overdue",
  [JF_DEADLINE_STATE_PAUSED] = "paused",
};

const char *
jf_deadline_unit_to_string (JfDeadlineUnit unit)
{
  g_return_val_if_fail ((guint) unit < JF_N_DEADLINE_UNITS, NULL);
  return units[unit];
}

gboolean
jf_deadline_unit_from_string (const char     *text,
                              JfDeadlineUnit *out_unit)
{
  for (guint i = 0; text != NULL && i < JF_N_DEADLINE_UNITS; i++)
    if (strcmp (text, units[i]) == 0)
      {
        if (out_unit != NULL)
          *out_unit = i;
        return TRUE;
      }
  return FALSE;
}

const char *
jf_deadline_state_to_string (JfDeadlineState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (states), NULL);
  return states[state];
}

void
jf_deadline_rule_init (JfDeadlineRule *rule,
                       JfDeadlineUnit  unit,
                       int             amount)
{
  g_return_if_fail (rule != NULL);

  memset (rule, 0, sizeof *rule);
  rule->unit = unit;
  rule->amount = amount;
  rule->flags = unit == JF_DEADLINE_UNIT_NATURAL_DAYS ? JF_DEADLINE_ROLL_FORWARD
                                                      : JF_DEADLINE_FLAGS_NONE;
}

static gint64
usec_from_datetime (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static GDateTime *
datetime_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) utc = g_date_time_add (epoch, usec);

  return g_date_time_to_timezone (utc, jf_calendar_time_zone ());
}

/* The last microsecond of @date in China Standard Time. */
static gint64
end_of_day_usec (const GDate *date)
{
  GDate next = *date;
  g_autoptr(GDateTime) midnight = NULL;

  g_date_add_days (&next, 1);
  midnight = g_date_time_new (jf_calendar_time_zone (), g_date_get_year (&next),
                              g_date_get_month (&next), g_date_get_day (&next), 0, 0, 0);
  return usec_from_datetime (midnight) - 1;
}

static gboolean
check_rule (const JfDeadlineRule  *rule,
            JfCalendar            *calendar,
            GError               **error)
{
  static const int max_amount[JF_N_DEADLINE_UNITS] = {
    [JF_DEADLINE_UNIT_NATURAL_DAYS] = MAX_DAYS,
    [JF_DEADLINE_UNIT_WORKING_DAYS] = MAX_DAYS,
    [JF_DEADLINE_UNIT_HOURS] = MAX_DAYS * 24,
    [JF_DEADLINE_UNIT_MINUTES] = MAX_DAYS * 24 * 60,
  };

  if ((guint) rule->unit >= JF_N_DEADLINE_UNITS)
    {
      jf_set_error (error, JF_ERROR_INVALID, "unit", "Unknown unit of time %d", rule->unit);
      return FALSE;
    }
  if (rule->amount <= 0 || rule->amount > max_amount[rule->unit])
    {
      jf_set_error (error, JF_ERROR_INVALID, "amount",
                    "A period is from 1 to %d %s (ten years), not %d",
                    max_amount[rule->unit], units[rule->unit], rule->amount);
      return FALSE;
    }
  if (rule->warn_before < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "warn_before",
                    "The warning lead time cannot be negative");
      return FALSE;
    }
  g_return_val_if_fail (calendar != NULL || rule->unit == JF_DEADLINE_UNIT_HOURS
                        || rule->unit == JF_DEADLINE_UNIT_MINUTES, FALSE);
  return TRUE;
}

static gint64
base_due_usec (const JfDeadlineRule *rule,
               GDateTime            *start,
               JfCalendar           *calendar)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (start, jf_calendar_time_zone ());
  int y, m, d;
  GDate day;

  if (rule->unit == JF_DEADLINE_UNIT_HOURS)
    return usec_from_datetime (start) + rule->amount * G_TIME_SPAN_HOUR;
  if (rule->unit == JF_DEADLINE_UNIT_MINUTES)
    return usec_from_datetime (start) + rule->amount * G_TIME_SPAN_MINUTE;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  if (rule->unit == JF_DEADLINE_UNIT_WORKING_DAYS)
    jf_calendar_add_working_days (calendar, &day, rule->amount);
  else
    {
      g_date_add_days (&day, rule->amount);
      if (rule->flags & JF_DEADLINE_ROLL_FORWARD)
        jf_calendar_roll_forward (calendar, &day);
    }
  return end_of_day_usec (&day);
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *x = a, *y = b;

  return x->from < y->from ? -1 : x->from > y->from;
}

/* The pauses clipped to the start, sorted, and merged where they overlap or touch; NULL
 * and @error naming the pause if one makes no sense. */
static GArray *
merge_pauses (const JfPause  *pauses,
              guint           n_pauses,
              gint64          start_us,
              GError        **error)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (Interval));

  for (guint i = 0; i < n_pauses; i++)
    {
      Interval iv = { 0, OPEN_END };
      g_autofree char *field = g_strdup_printf ("pauses[%u].%s", i,
                                                pauses[i].from == NULL ? "from" : "to");

      if (pauses[i].from != NULL)
        iv.from = usec_from_datetime (pauses[i].from);
      if (pauses[i].to != NULL)
        iv.to = usec_from_datetime (pauses[i].to);
      if (pauses[i].from == NULL || iv.to < iv.from)
        {
          jf_set_error (error, JF_ERROR_INVALID, field, pauses[i].from == NULL
                        ? "A pause needs a beginning" : "A pause cannot end before it begins");
          return NULL;
        }
      iv.from = MAX (iv.from, start_us);
      if (iv.to > iv.from)
        g_array_append_val (all, iv);
    }

  g_array_sort (all, compare_intervals);
  for (guint i = 0; i < all->len; i++)
    {
      Interval *iv = &g_array_index (all, Interval, i);
      Interval *last = merged->len > 0 ? &g_array_index (merged, Interval, merged->len - 1)
                                       : NULL;

      if (last != NULL && iv->from <= last->to)
        last->to = MAX (last->to, iv->to);
      else
        g_array_append_val (merged, *iv);
    }
  return g_steal_pointer (&merged);
}

/* Pushes @instant past each of @pauses that begins by then, in order, and returns how
 * many it met. Meeting a pause without an end leaves @instant unknown: *@out_open. */
static guint
push_past_pauses (GArray   *pauses,
                  gint64   *instant,
                  gboolean *out_open)
{
  guint i;

  *out_open = FALSE;
  for (i = 0; i < pauses->len; i++)
    {
      const Interval *iv = &g_array_index (pauses, Interval, i);

      if (iv->from > *instant)
        break;
      if (iv->to == OPEN_END)
        {
          *out_open = TRUE;
          return i + 1;
        }
      *instant += iv->to - iv->from;
    }
  return i;
}

static void
jf_deadline_clear (gpointer data)
{
  JfDeadline *self = data;

  g_clear_pointer (&self->counted, g_array_unref);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->base_due, g_date_time_unref);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_clear_pointer (&self->warn_at, g_date_time_unref);
}

JfDeadline *
jf_deadline_ref (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
jf_deadline_unref (JfDeadline *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, jf_deadline_clear);
}

JfDeadline *
jf_deadline_compute (const JfDeadlineRule  *rule,
                     GDateTime             *start,
                     JfCalendar            *calendar,
                     const JfPause         *pauses,
                     guint                  n_pauses,
                     GError               **error)
{
  g_autoptr(JfDeadline) self = NULL;
  g_autoptr(GArray) merged = NULL;
  gint64 start_us, due_us;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (calendar == NULL || JF_IS_CALENDAR (calendar), NULL);
  g_return_val_if_fail (pauses != NULL || n_pauses == 0, NULL);

  if (!check_rule (rule, calendar, error))
    return NULL;
  start_us = usec_from_datetime (start);
  merged = merge_pauses (pauses, n_pauses, start_us, error);
  if (merged == NULL)
    return NULL;

  self = g_atomic_rc_box_new0 (JfDeadline);
  self->start_us = start_us;
  self->base_due_us = base_due_usec (rule, start, calendar);
  self->warn_before = rule->warn_before;
  due_us = self->base_due_us;
  g_array_set_size (merged, push_past_pauses (merged, &due_us, &self->suspended));
  self->counted = g_steal_pointer (&merged);
  self->paused = due_us - self->base_due_us;

  self->start = g_date_time_to_timezone (start, jf_calendar_time_zone ());
  self->base_due = datetime_from_usec (self->base_due_us);
  if (!self->suspended)
    self->due = datetime_from_usec (due_us);
  /* The warning never comes after the due instant, so the pauses it meets are counted. */
  if (self->warn_before > 0)
    {
      gint64 warn_us = MAX (start_us, self->base_due_us - self->warn_before);
      gboolean unknown;

      push_past_pauses (self->counted, &warn_us, &unknown);
      if (!unknown)
        self->warn_at = datetime_from_usec (warn_us);
    }
  return g_steal_pointer (&self);
}

GDateTime *
jf_deadline_get_start (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->start;
}

GDateTime *
jf_deadline_get_base_due (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base_due;
}

GDateTime *
jf_deadline_get_due (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->due;
}

GDateTime *
jf_deadline_get_warn_at (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->warn_at;
}

gboolean
jf_deadline_is_suspended (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->suspended;
}

GTimeSpan
jf_deadline_get_paused_time (JfDeadline *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->paused;
}

/* Clock time left = the period's length − the running time since the start. It needs no
 * due instant, so it holds while suspended, and it is due − now whenever no pause lies
 * ahead. */
JfDeadlineState
jf_deadline_state (JfDeadline *self,
                   GDateTime  *now,
                   GTimeSpan  *out_time_left)
{
  gint64 now_us, stopped = 0;
  gboolean in_pause = FALSE;
  GTimeSpan left;

  g_return_val_if_fail (self != NULL, JF_DEADLINE_STATE_OK);
  g_return_val_if_fail (now != NULL, JF_DEADLINE_STATE_OK);

  now_us = usec_from_datetime (now);
  for (guint i = 0; i < self->counted->len; i++)
    {
      const Interval *iv = &g_array_index (self->counted, Interval, i);

      if (iv->from > now_us)
        break;
      stopped += MIN (iv->to, now_us) - iv->from;
      /* [from, to): a pause that begins exactly now has stopped the clock already. */
      in_pause |= now_us < iv->to;
    }
  left = (self->base_due_us - self->start_us) - ((now_us - self->start_us) - stopped);
  if (out_time_left != NULL)
    *out_time_left = left;

  if (in_pause)
    return JF_DEADLINE_STATE_PAUSED;
  if (left < 0)
    return JF_DEADLINE_STATE_OVERDUE;
  if (self->warn_before > 0 && left <= self->warn_before)
    return JF_DEADLINE_STATE_WARNING;
  return JF_DEADLINE_STATE_OK;
}
