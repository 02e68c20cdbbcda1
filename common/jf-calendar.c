/* jf-calendar.c: weekdays, holidays and make-up working days
 *
 * A GObject rather than a refcounted boxed struct: it is the house default, and the
 * calendar is a long-lived, shared and edited object whose holders (the deadline sweeper,
 * the client's calendar editor) want to hear ::changed when an administrator edits it.
 * The arrangements sit in a hash table keyed by julian day, so that the deadline
 * calculator's day-by-day walks cost one lookup per day.
 */
#include "config.h"

#include <string.h>

#include "jf-calendar.h"
#include "jf-error.h"

typedef struct
{
  JfDayKind  kind;
  char      *name;
} JfDayEntry;

struct _JfCalendar
{
  GObject     parent_instance;

  GHashTable *days;   /* owned: GUINT_TO_POINTER (julian day) → owned JfDayEntry */
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JfCalendar, jf_calendar, G_TYPE_OBJECT)

static const char * const day_kinds[] = {
  [JF_DAY_KIND_OFF] = "off",
  [JF_DAY_KIND_WORK] = "work",
};

const char *
jf_day_kind_to_string (JfDayKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (day_kinds), NULL);
  return day_kinds[kind];
}

gboolean
jf_day_kind_from_string (const char *text,
                         JfDayKind  *out_kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (day_kinds); i++)
    if (strcmp (text, day_kinds[i]) == 0)
      {
        if (out_kind != NULL)
          *out_kind = i;
        return TRUE;
      }
  return FALSE;
}

GTimeZone *
jf_calendar_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *z = g_time_zone_new_identifier ("Asia/Shanghai");

      if (z == NULL)
        z = g_time_zone_new_offset (8 * 3600);
      g_once_init_leave (&zone, z);
    }
  return zone;
}

static JfDayEntry *
day_entry_new (JfDayKind   kind,
               const char *name)
{
  JfDayEntry *entry = g_new0 (JfDayEntry, 1);

  entry->kind = kind;
  entry->name = g_strdup (name);
  return entry;
}

static void
day_entry_free (gpointer data)
{
  JfDayEntry *entry = data;

  g_free (entry->name);
  g_free (entry);
}

static GHashTable *
day_table_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, day_entry_free);
}

static void
jf_calendar_finalize (GObject *object)
{
  JfCalendar *self = JF_CALENDAR (object);

  g_clear_pointer (&self->days, g_hash_table_unref);
  G_OBJECT_CLASS (jf_calendar_parent_class)->finalize (object);
}

static void
jf_calendar_class_init (JfCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_calendar_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
jf_calendar_init (JfCalendar *self)
{
  self->days = day_table_new ();
}

JfCalendar *
jf_calendar_new (void)
{
  return g_object_new (JF_TYPE_CALENDAR, NULL);
}

void
jf_calendar_set_day (JfCalendar  *self,
                     const GDate *date,
                     JfDayKind    kind,
                     const char  *name)
{
  g_return_if_fail (JF_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (day_kinds));

  g_hash_table_insert (self->days, GUINT_TO_POINTER (g_date_get_julian (date)),
                       day_entry_new (kind, name));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
jf_calendar_unset_day (JfCalendar  *self,
                       const GDate *date)
{
  g_return_if_fail (JF_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_hash_table_remove (self->days, GUINT_TO_POINTER (g_date_get_julian (date))))
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* Exactly YYYY-MM-DD: the file is machine-exchanged, so "2026-2-3" is a mistake to report
 * rather than a spelling to guess at. */
static gboolean
parse_iso_date (const char *text,
                GDate      *out_date)
{
  guint y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) g_ascii_strtoull (text, NULL, 10);
  m = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, d, m, y);
  return TRUE;
}

static gboolean
parse_line (char        *line,
            guint        line_no,
            GDate       *out_date,
            JfDayKind   *out_kind,
            const char **out_name,
            GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 0);
  guint n_fields = g_strv_length (fields);

  if (n_fields != 3)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "Line %u: expected 3 tab-separated fields (date, kind, name), found %u",
                    line_no, n_fields);
      return FALSE;
    }
  if (!parse_iso_date (fields[0], out_date))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "Line %u: “%s” is not a date of the form YYYY-MM-DD", line_no, fields[0]);
      return FALSE;
    }
  if (!jf_day_kind_from_string (fields[1], out_kind))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "Line %u: the kind must be “off” or “work”, not “%s”", line_no, fields[1]);
      return FALSE;
    }
  if (fields[2][0] == '\0')
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "Line %u: the holiday has no name", line_no);
      return FALSE;
    }
  /* The name points into @line, which outlives the fields. */
  *out_name = line + strlen (fields[0]) + strlen (fields[1]) + 2;
  return TRUE;
}

gboolean
jf_calendar_load_tsv (JfCalendar  *self,
                      const char  *contents,
                      GError     **error)
{
  g_autoptr(GHashTable) parsed = day_table_new ();
  g_autoptr(GHashTable) first_line = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_auto(GStrv) lines = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (JF_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (!g_utf8_validate (contents, -1, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "The holiday file is not valid UTF-8");
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      GDate date;
      JfDayKind kind;
      const char *name;
      guint julian;

      /* Files edited on Windows end their lines in CR LF. */
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (len == 0 || line[0] == '#')
        continue;
      if (!parse_line (line, i + 1, &date, &kind, &name, error))
        return FALSE;
      julian = g_date_get_julian (&date);
      if (g_hash_table_contains (first_line, GUINT_TO_POINTER (julian)))
        {
          jf_set_error (error, JF_ERROR_INVALID, NULL,
                        "Line %u: %.10s is already given on line %u", i + 1, line,
                        GPOINTER_TO_UINT (g_hash_table_lookup (first_line,
                                                               GUINT_TO_POINTER (julian))));
          return FALSE;
        }
      g_hash_table_insert (first_line, GUINT_TO_POINTER (julian), GUINT_TO_POINTER (i + 1));
      g_hash_table_insert (parsed, GUINT_TO_POINTER (julian), day_entry_new (kind, name));
    }

  if (g_hash_table_size (parsed) == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, parsed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (self->days, key, value);
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

gboolean
jf_calendar_lookup (JfCalendar   *self,
                    const GDate  *date,
                    JfDayKind    *out_kind,
                    const char  **out_name)
{
  JfDayEntry *entry;

  g_return_val_if_fail (JF_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  entry = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (date)));
  if (entry == NULL)
    return FALSE;
  if (out_kind != NULL)
    *out_kind = entry->kind;
  if (out_name != NULL)
    *out_name = entry->name;
  return TRUE;
}

guint
jf_calendar_get_n_days (JfCalendar *self)
{
  g_return_val_if_fail (JF_IS_CALENDAR (self), 0);
  return g_hash_table_size (self->days);
}

/* Julian day 1 (1 January of year 1) was a Monday, as GDate counts. */
static gboolean
is_working_julian (JfCalendar *self,
                   guint32     julian)
{
  JfDayEntry *entry = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));

  if (entry != NULL)
    return entry->kind == JF_DAY_KIND_WORK;
  return (julian - 1) % 7 < 5;
}

gboolean
jf_calendar_is_working_day (JfCalendar *self,
                            GDateYear   year,
                            GDateMonth  month,
                            GDateDay    day)
{
  GDate date;

  g_return_val_if_fail (JF_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (g_date_valid_dmy (day, month, year), FALSE);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return is_working_julian (self, g_date_get_julian (&date));
}

gboolean
jf_calendar_is_working_date (JfCalendar  *self,
                             const GDate *date)
{
  g_return_val_if_fail (JF_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return is_working_julian (self, g_date_get_julian (date));
}

/* The loops below end: the arrangements are finite, and every weekday without one works. */
void
jf_calendar_roll_forward (JfCalendar *self,
                          GDate      *date)
{
  guint32 julian;

  g_return_if_fail (JF_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  julian = g_date_get_julian (date);
  while (!is_working_julian (self, julian))
    julian++;
  g_date_set_julian (date, julian);
}

void
jf_calendar_add_working_days (JfCalendar *self,
                              GDate      *date,
                              guint       n)
{
  guint32 julian;

  g_return_if_fail (JF_IS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  julian = g_date_get_julian (date);
  while (n > 0)
    {
      julian++;
      if (is_working_julian (self, julian))
        n--;
    }
  g_date_set_julian (date, julian);
}
