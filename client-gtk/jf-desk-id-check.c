/* jf-desk-id-check.c: ID numbers as they are typed */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-desk-id-check.h"

#define ID_LENGTH 18
#define LEGACY_LENGTH 15

void
jf_desk_id_check_free (JfDeskIdCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->message);
  g_free (check->upgraded);
  g_free (check);
}

static JfDeskIdCheck *
invalid (JfDeskIdCheck *check,
         char          *message)
{
  check->verdict = JF_DESK_ID_INVALID;
  check->message = message;
  return check;
}

static guint
digits_value (const char *digits,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (digits[i] - '0');
  return value;
}

static JfDeskIdCheck *
check_full_length (JfDeskIdCheck *check,
                   const char    *text)
{
  g_autoptr(GError) error = NULL;
  char number[ID_LENGTH + 1];
  guint year, month, day;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  memcpy (number, text, sizeof number);
  number[ID_LENGTH - 1] = g_ascii_toupper (number[ID_LENGTH - 1]);
  year = digits_value (number + 6, 4);
  month = digits_value (number + 10, 2);
  day = digits_value (number + 12, 2);
  if (!g_date_valid_dmy (day, month, year))
    return invalid (check, g_strdup (_("The birth date in it (characters 7 to 14) is not a "
                                       "real date")));
  if (year < 1900)
    return invalid (check, g_strdup (_("The birth date in it is before 1900")));
  if (year > (guint) g_date_time_get_year (now))
    return invalid (check, g_strdup (_("The birth date in it is in the future")));
  if (jf_id_number_check_character (number) != number[ID_LENGTH - 1])
    return invalid (check, g_strdup (_("The check character does not match: a character is "
                                       "probably mistyped")));
  /* The common rule has the last word (the birth date against today, in China). */
  if (!jf_id_number_validate (number, &check->id, &error))
    return invalid (check, g_strdup (_("The birth date in it is in the future")));
  check->verdict = JF_DESK_ID_VALID;
  {
    char date[32];

    g_date_strftime (date, sizeof date, "%Y-%m-%d", &check->id.birth_date);
    check->message = g_strdup_printf (check->id.male ? _("Born %s, male") : _("Born %s, female"),
                                      date);
  }
  return check;
}

JfDeskIdCheck *
jf_desk_id_check (const char *text,
                  gboolean    final)
{
  JfDeskIdCheck *check = g_new0 (JfDeskIdCheck, 1);
  gsize len;

  g_date_clear (&check->id.birth_date, 1);
  if (text == NULL || *text == '\0')
    {
      check->verdict = JF_DESK_ID_EMPTY;
      return check;
    }
  if (!g_utf8_validate (text, -1, NULL) || !g_str_is_ascii (text))
    return invalid (check, g_strdup (_("Only digits and a final X belong in an ID number")));
  len = strlen (text);
  for (gsize i = 0; i < len; i++)
    {
      gboolean last = i == ID_LENGTH - 1;

      if (i >= ID_LENGTH)
        return invalid (check, g_strdup_printf (_("An ID number has 18 characters; this one "
                                                  "has %u"), (guint) len));
      if (!g_ascii_isdigit (text[i]) && !(last && (text[i] == 'X' || text[i] == 'x')))
        return invalid (check, last
                        ? g_strdup (_("The last character must be a digit or X"))
                        : g_strdup_printf (_("Character %u must be a digit"), (guint) i + 1));
    }
  if (len == ID_LENGTH)
    return check_full_length (check, text);
  if (len == LEGACY_LENGTH)
    {
      g_autoptr(GError) error = NULL;

      check->upgraded = jf_id_number_upgrade_legacy (text, &error);
      if (check->upgraded != NULL)
        {
          check->verdict = JF_DESK_ID_LEGACY;
          check->message = g_strdup_printf (_("An old 15-digit number: its 18-digit form is %s "
                                              "(check it against the card)"),
                                            check->upgraded);
          return check;
        }
      if (final)
        return invalid (check, g_strdup (_("The birth date in this old 15-digit number is not "
                                           "a real date")));
    }
  if (final)
    return invalid (check, g_strdup_printf (_("An ID number has 18 characters; this one has %u"),
                                            (guint) len));
  check->verdict = JF_DESK_ID_TYPING;
  check->message = g_strdup_printf (_("%u of 18 characters"), (guint) len);
  return check;
}
