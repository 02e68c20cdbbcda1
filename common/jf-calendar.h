/* jf-calendar.h: the official working calendar (DOMAIN.md §5)
 *
 * Monday to Friday are working days and Saturday and Sunday are not, unless the State
 * Council's holiday arrangements say otherwise: an "off" day makes a weekday a holiday, a
 * "work" day (调休) makes a weekend day a working day. The arrangements are data that
 * administrators edit; cn-holidays.tsv is the format they are exchanged in.
 *
 * All dates are civil dates in China Standard Time (jf_calendar_time_zone ()).
 *
 * Reading is cheap and never changes the calendar, so many clocks may share one; writing
 * is not locked: a thread that edits the arrangements builds a new calendar and swaps it
 * in rather than editing one that others are reading.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  JF_DAY_KIND_OFF,   /* a holiday, even on a weekday */
  JF_DAY_KIND_WORK,  /* a make-up working day, even on a weekend */
} JfDayKind;

const char *jf_day_kind_to_string   (JfDayKind   kind);
gboolean    jf_day_kind_from_string (const char *text,
                                     JfDayKind  *out_kind);

#define JF_TYPE_CALENDAR (jf_calendar_get_type ())
G_DECLARE_FINAL_TYPE (JfCalendar, jf_calendar, JF, CALENDAR, GObject)

/* Asia/Shanghai, or a fixed UTC+08:00 where tzdata is missing (China has had no DST since
 * 1991, so the two agree for every date the platform handles). Transfer none. */
GTimeZone  *jf_calendar_time_zone        (void);

JfCalendar *jf_calendar_new              (void);

/* Records an arrangement for @date, replacing any earlier one. @name (e.g. "春节") may be
 * NULL. Emits ::changed. */
void        jf_calendar_set_day          (JfCalendar  *self,
                                          const GDate *date,
                                          JfDayKind    kind,
                                          const char  *name);
/* Forgets the arrangement for @date: it follows the weekday rule again. */
void        jf_calendar_unset_day        (JfCalendar  *self,
                                          const GDate *date);

/* Adds the arrangements of a cn-holidays.tsv file: '#' comment lines and blank lines, then
 * lines "YYYY-MM-DD<TAB>off|work<TAB>name". All or nothing: on a bad line, or a date given
 * twice, the calendar is left unchanged and @error (JF_ERROR_INVALID) names the line.
 * Emits ::changed once if anything was added. */
gboolean    jf_calendar_load_tsv         (JfCalendar  *self,
                                          const char  *contents,
                                          GError     **error);

/* The arrangement recorded for @date, if any: returns FALSE for an ordinary day. */
gboolean    jf_calendar_lookup           (JfCalendar  *self,
                                          const GDate *date,
                                          JfDayKind   *out_kind,
                                          const char **out_name);
guint       jf_calendar_get_n_days       (JfCalendar  *self);

gboolean    jf_calendar_is_working_day   (JfCalendar  *self,
                                          GDateYear    year,
                                          GDateMonth   month,
                                          GDateDay     day);
gboolean    jf_calendar_is_working_date  (JfCalendar  *self,
                                          const GDate *date);

/* Moves @date to the first working day on or after it (法定节假日顺延). */
void        jf_calendar_roll_forward     (JfCalendar  *self,
                                          GDate       *date);
/* Moves @date to the @n-th working day after it; @date itself is not counted. */
void        jf_calendar_add_working_days (JfCalendar  *self,
                                          GDate       *date,
                                          guint        n);

G_END_DECLS
