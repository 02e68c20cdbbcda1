/* jf-desk-format.c: times and durations */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-calendar.h"
#include "jf-desk-format.h"

GDateTime *
jf_desk_parse_time (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return NULL;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return NULL;
  return g_date_time_to_timezone (time, jf_calendar_time_zone ());
}

static char *
format_in_china (GDateTime  *time,
                 const char *format)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, jf_calendar_time_zone ());

  return g_date_time_format (local, format);
}

char *
jf_desk_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);
  /* TRANSLATORS: a date and time, as g_date_time_format () reads it. */
  return format_in_china (time, _("%-d %b %Y, %H:%M"));
}

char *
jf_desk_format_date (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);
  /* TRANSLATORS: a date, as g_date_time_format () reads it. */
  return format_in_china (time, _("%-d %b %Y"));
}

char *
jf_desk_format_time_left (GDateTime *due,
                          GDateTime *now)
{
  GTimeSpan span;
  gboolean overdue;
  gint64 amount;


  g_return_val_if_fail (due != NULL && now != NULL, NULL);

  span = g_date_time_difference (due, now);
  overdue = span < 0;
  if (overdue)
    span = -span;
  if (span >= G_TIME_SPAN_DAY)
    {
      /* Whole days, rounded down: "3 days left" must not be 2 days and an hour. */
      amount = span / G_TIME_SPAN_DAY;
      return overdue
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue",
                                        "%d days overdue", (gulong) amount), (int) amount)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left",
                                        "%d days left", (gulong) amount), (int) amount);
    }
  if (span >= G_TIME_SPAN_HOUR)
    {
      amount = span / G_TIME_SPAN_HOUR;
      return overdue
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour overdue",
                                        "%d hours overdue", (gulong) amount), (int) amount)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour left",
                                        "%d hours left", (gulong) amount), (int) amount);
    }
  amount = MAX (span / G_TIME_SPAN_MINUTE, 1);
  return overdue
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute overdue",
                                    "%d minutes overdue", (gulong) amount), (int) amount)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute left",
                                    "%d minutes left", (gulong) amount), (int) amount);
}

char *
jf_desk_format_time_text (const char *text)
{
  g_autoptr(GDateTime) time = jf_desk_parse_time (text);

  return time != NULL ? jf_desk_format_time (time) : NULL;
}

char *
jf_desk_format_date_text (const char *text)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return NULL;
  /* A bare date ("2026-02-13") is a civil day: no zone to convert. */
  if (strlen (text) == 10)
    {
      g_autofree char *noon = g_strconcat (text, "T12:00:00+08:00", NULL);

      time = jf_desk_parse_time (noon);
    }
  else
    time = jf_desk_parse_time (text);
  return time != NULL ? jf_desk_format_date (time) : NULL;
}
