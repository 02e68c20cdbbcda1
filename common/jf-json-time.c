/* jf-json-time.c: times and dates in JSON, read strictly and written in China's time
 *
 * g_date_time_new_from_iso8601 () takes much more than RFC 3339 (week dates, ordinal
 * dates, basic format, no zone with a default), so the shape is checked here first and
 * GLib only judges the values (month 13, 30 February).
 */
#include "config.h"

#include <stdlib.h>

#include "jf-error.h"
#include "jf-json.h"
#include "jf-json-private.h"

/* The end of the match of @shape at the start of @text, or NULL; '9' in @shape stands
 * for any ASCII digit. */
static const char *
match_shape (const char *text,
             const char *shape)
{
  for (; *shape != '\0'; shape++, text++)
    if (*shape == '9' ? !g_ascii_isdigit (*text) : *text != *shape)
      return NULL;
  return text;
}

/* 2026-02-13T09:30:00(.123)?(Z|+08:00): the zone is not optional, since a time without
 * one means different instants to the client and to the server. */
static gboolean
is_rfc3339 (const char *text)
{
  const char *p = match_shape (text, "9999-99-99T99:99:99");

  if (p == NULL)
    return FALSE;
  if (*p == '.')
    {
      const char *digits = ++p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == digits || p - digits > 9)
        return FALSE;
    }
  if (*p == 'Z')
    return p[1] == '\0';
  if (*p != '+' && *p != '-')
    return FALSE;
  p = match_shape (p + 1, "99:99");
  return p != NULL && *p == '\0';
}

static gboolean
lookup_text (JsonObject         *object,
             const JfJsonWhere  *where,
             JfJsonFlags         flags,
             const char        **out_text,
             GError            **error)
{
  JsonNode *node;

  *out_text = NULL;
  if (!jf_json_lookup (object, where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!jf_json_holds_type (node, G_TYPE_STRING))
    return jf_json_refuse (error, where, "must be a string");
  *out_text = json_node_get_string (node);
  return TRUE;
}

gboolean
jf_json_read_datetime (JsonObject   *object,
                       const char   *path,
                       const char   *member,
                       JfJsonFlags   flags,
                       GDateTime   **out_value,
                       GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  const char *text;
  GDateTime *value;

  if (!lookup_text (object, &where, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  value = is_rfc3339 (text) ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  if (value == NULL)
    return jf_json_refuse (error, &where, "must be a date and time with a zone, like "
                           "2026-02-13T09:30:00+08:00");
  *out_value = value;
  return TRUE;
}

gboolean
jf_json_read_date (JsonObject   *object,
                   const char   *path,
                   const char   *member,
                   JfJsonFlags   flags,
                   GDate        *out_value,
                   GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  const char *text;
  const char *end;
  guint year;
  guint month;
  guint day;

  if (!lookup_text (object, &where, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  end = match_shape (text, "9999-99-99");
  if (end == NULL || *end != '\0')
    return jf_json_refuse (error, &where, "must be a date like 2026-02-13");
  year = (guint) atoi (text);
  month = (guint) atoi (text + 5);
  day = (guint) atoi (text + 8);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return jf_json_refuse (error, &where, "is not a date in the calendar");
  g_date_set_dmy (out_value, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
jf_json_datetime_to_string (GDateTime *datetime)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (datetime != NULL, NULL);

  /* A fixed UTC+8, not Asia/Shanghai: the tz database has daylight saving in China up to
   * 1991, and the suffix written below is always +08:00. */
  zone = g_time_zone_new_offset (8 * 60 * 60);
  local = g_date_time_to_timezone (datetime, zone);
  /* Written out rather than with g_date_time_format () so that the year always has four
   * digits, as RFC 3339 wants. */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d+08:00",
                          g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), g_date_time_get_hour (local),
                          g_date_time_get_minute (local), g_date_time_get_second (local));
}

char *
jf_json_date_to_string (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}
