/* jf-deadline.h: when a stage's clock runs out (DOMAIN.md §3, §5)
 *
 * Every instant is read and returned in China Standard Time (jf_calendar_time_zone ()).
 * The due instant is the last one that is still on time: a matter is overdue when now is
 * after it, so a 30-minute check-in made at exactly start + 30 min is on time.
 *
 * How the due instant is found, before any pause:
 * - NATURAL_DAYS n: the end (23:59:59.999999) of the n-th calendar day after the start
 *   day. The start day is not counted (期间开始的日不计入). With JF_DEADLINE_ROLL_FORWARD
 *   (the default for natural days) a last day that is not a working day moves to the next
 *   working day (法定节假日顺延), as for statutory periods in PRC procedure law.
 * - WORKING_DAYS n: the end of the n-th working day after the start day, per the calendar:
 *   make-up working weekends count, holidays do not. A start on a holiday counts from the
 *   next working day all the same, since the start day is never counted.
 * - HOURS n, MINUTES n: exactly start + n hours or minutes of wall-clock time; the
 *   calendar is not consulted (an urgent whistle runs through the Spring Festival).
 *
 * Pauses stop the clock (a hearing, an expert appraisal). Overlapping or touching pauses
 * are merged and the part of a pause before the start is ignored. Walking the pauses in
 * order, each that begins no later than the due instant found so far pushes it later by
 * its whole length, so a pause that begins after the first due instant but before the
 * pushed one counts too; pauses beginning after that are ignored. The push is plain
 * elapsed time: it does not re-count working days, and a due instant pushed onto a holiday
 * stays there. A pause with no end that begins before the due instant suspends the clock:
 * the due instant is unknown until the pause is closed.
 *
 * The warning: JfDeadlineRule.warn_before is a lead time, the clock time left when the
 * warning starts (e.g. 3 days for a 60-day petition, 10 minutes for an urgent whistle). A
 * fixed lead time rather than a fraction of the period, because it answers the question
 * the people warned have: is there still time to act? The warning instant is found like
 * the due instant, by pushing (due before pauses − warn_before) past the pauses before it;
 * a lead time longer than the period warns from the start.
 */
#pragma once

#include <glib-object.h>

#include "jf-calendar.h"

G_BEGIN_DECLS

typedef enum
{
  JF_DEADLINE_UNIT_NATURAL_DAYS,
  JF_DEADLINE_UNIT_WORKING_DAYS,
  JF_DEADLINE_UNIT_HOURS,
  JF_DEADLINE_UNIT_MINUTES,
  JF_N_DEADLINE_UNITS
} JfDeadlineUnit;

/* "natural_days", "working_days", "hours", "minutes" */
const char *jf_deadline_unit_to_string   (JfDeadlineUnit  unit);
gboolean    jf_deadline_unit_from_string (const char     *text,
                                          JfDeadlineUnit *out_unit);

typedef enum
{
  JF_DEADLINE_FLAGS_NONE = 0,
  JF_DEADLINE_ROLL_FORWARD = 1 << 0,  /* NATURAL_DAYS: a non-working last day moves on */
} JfDeadlineFlags;

typedef struct
{
  JfDeadlineUnit  unit;
  int             amount;       /* > 0 */
  JfDeadlineFlags flags;
  GTimeSpan       warn_before;  /* µs of clock time left when the warning starts; 0: none */
} JfDeadlineRule;

/* A rule with the defaults of its unit: roll-forward for natural days, no warning. */
void        jf_deadline_rule_init        (JfDeadlineRule *rule,
                                          JfDeadlineUnit  unit,
                                          int             amount);

/* The clock stopped over [from, to); @to NULL: still stopped. Borrowed by
 * jf_deadline_compute (), which keeps no reference. */
typedef struct
{
  GDateTime *from;
  GDateTime *to;
} JfPause;

typedef enum
{
  JF_DEADLINE_STATE_OK,
  JF_DEADLINE_STATE_WARNING,
  JF_DEADLINE_STATE_OVERDUE,
  JF_DEADLINE_STATE_PAUSED,
} JfDeadlineState;

const char *jf_deadline_state_to_string (JfDeadlineState state);

/* An immutable computed deadline, so that it can be shared between threads. */
typedef struct _JfDeadline JfDeadline;

#define JF_TYPE_DEADLINE (jf_deadline_get_type ())
GType       jf_deadline_get_type         (void) G_GNUC_CONST;

/* @calendar may be NULL for HOURS and MINUTES. JF_ERROR_INVALID, with the field ("amount",
 * "unit", "warn_before", "pauses[i].from", "pauses[i].to"), for a rule or pause that makes
 * no sense: an amount <= 0 or beyond ten years, an unknown unit, a pause ending before it
 * begins. */
JfDeadline *jf_deadline_compute          (const JfDeadlineRule  *rule,
                                          GDateTime             *start,
                                          JfCalendar            *calendar,
                                          const JfPause         *pauses,
                                          guint                  n_pauses,
                                          GError               **error);
JfDeadline *jf_deadline_ref              (JfDeadline *self);
void        jf_deadline_unref            (JfDeadline *self);

GDateTime  *jf_deadline_get_start        (JfDeadline *self);
/* The due instant before any pause. */
GDateTime  *jf_deadline_get_base_due     (JfDeadline *self);
/* NULL while suspended by an open pause. Transfer none. */
GDateTime  *jf_deadline_get_due          (JfDeadline *self);
/* NULL while suspended before the warning instant, or when the rule does not warn. */
GDateTime  *jf_deadline_get_warn_at      (JfDeadline *self);
gboolean    jf_deadline_is_suspended     (JfDeadline *self);
/* The paused time that pushed the due instant (up to the open pause, if suspended). */
GTimeSpan   jf_deadline_get_paused_time  (JfDeadline *self);

/* The state at @now, and in @out_time_left the clock time left: the running (unpaused)
 * time between @now and the due instant; frozen while paused; negative once overdue.
 * PAUSED when @now falls in a counted pause, closed or open. */
JfDeadlineState jf_deadline_state        (JfDeadline *self,
                                          GDateTime  *now,
                                          GTimeSpan  *out_time_left);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfDeadline, jf_deadline_unref)

G_END_DECLS
