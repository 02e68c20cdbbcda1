/* jf-id-number.c: checking, upgrading and masking resident identity numbers
 *
 * Error messages never repeat the number or its birth date: they reach logs, and an ID
 * number is personal data.
 */
#include "config.h"

#include <string.h>

#include "jf-calendar.h"
#include "jf-error.h"
#include "jf-id-number.h"

#define ID_LENGTH 18
#define LEGACY_LENGTH 15

static guint
digits_value (const char *digits,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (digits[i] - '0');
  return value;
}

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

char
jf_id_number_check_character (const char *digits)
{
  static const guint weights[ID_LENGTH - 1] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
                                                8, 4, 2 };
  guint sum = 0;

  g_return_val_if_fail (digits != NULL, '\0');

  if (strnlen (digits, ID_LENGTH - 1) < ID_LENGTH - 1 || !all_digits (digits, ID_LENGTH - 1))
    return '\0';
  for (guint i = 0; i < ID_LENGTH - 1; i++)
    sum += (guint) (digits[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

/* Wrong length, or a character out of place: the first problem a person would see. */
static gboolean
check_shape (const char  *text,
             GError     **error)
{
  glong n_chars;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "The ID number is not valid text");
      return FALSE;
    }
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars == LEGACY_LENGTH && all_digits (text, LEGACY_LENGTH))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "This is an old 15-digit ID number, issued before 1999; please give the "
                    "18-digit number on the holder's current identity card");
      return FALSE;
    }
  if (n_chars != ID_LENGTH)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "An ID number has 18 characters; this one has %ld", n_chars);
      return FALSE;
    }
  p = text;
  for (guint i = 1; i < ID_LENGTH; i++, p = g_utf8_next_char (p))
    if (!g_ascii_isdigit (*p))
      {
        jf_set_error (error, JF_ERROR_INVALID, NULL,
                      "Character %u of the ID number must be a digit", i);
        return FALSE;
      }
  if (!g_ascii_isdigit (*p) && *p != 'X' && *p != 'x')
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The last character of the ID number must be a digit or X");
      return FALSE;
    }
  return TRUE;
}

gboolean
jf_id_number_validate_at (const char   *text,
                          const GDate  *today,
                          JfIdNumber   *out,
                          GError      **error)
{
  GDateYear year;
  GDateMonth month;
  GDateDay day;
  GDate birth, earliest;
  char number[ID_LENGTH + 1];

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!check_shape (text != NULL ? text : "", error))
    return FALSE;
  memcpy (number, text, ID_LENGTH + 1);
  number[ID_LENGTH - 1] = g_ascii_toupper (number[ID_LENGTH - 1]);

  year = digits_value (number + 6, 4);
  month = digits_value (number + 10, 2);
  day = digits_value (number + 12, 2);
  if (!g_date_valid_dmy (day, month, year))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The birth date in the ID number (characters 7 to 14) is not a real date");
      return FALSE;
    }
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, day, month, year);
  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);
  if (g_date_compare (&birth, &earliest) < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The birth date in the ID number is before 1900");
      return FALSE;
    }
  if (g_date_compare (&birth, today) > 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The birth date in the ID number is in the future");
      return FALSE;
    }
  if (jf_id_number_check_character (number) != number[ID_LENGTH - 1])
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The ID number's check character does not match: a character is "
                    "probably mistyped");
      return FALSE;
    }

  if (out != NULL)
    {
      memcpy (out->number, number, sizeof out->number);
      memcpy (out->region, number, 6);
      out->region[6] = '\0';
      out->birth_date = birth;
      out->male = (number[16] - '0') % 2 == 1;
    }
  return TRUE;
}

gboolean
jf_id_number_validate (const char  *text,
                       JfIdNumber  *out,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return jf_id_number_validate_at (text, &today, out, error);
}

char *
jf_id_number_upgrade_legacy (const char  *legacy,
                             GError     **error)
{
  char number[ID_LENGTH + 1];
  guint month, day;

  if (legacy == NULL || strlen (legacy) != LEGACY_LENGTH || !all_digits (legacy, LEGACY_LENGTH))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "An old ID number has 15 digits");
      return NULL;
    }
  /* Every 15-digit number was issued to someone born in the 1900s. */
  memcpy (number, legacy, 6);
  memcpy (number + 6, "19", 2);
  memcpy (number + 8, legacy + 6, LEGACY_LENGTH - 6);
  month = digits_value (number + 10, 2);
  day = digits_value (number + 12, 2);
  if (!g_date_valid_dmy (day, month, 1900 + digits_value (number + 8, 2)))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The birth date in the old ID number (characters 7 to 12) is not a real "
                    "date");
      return NULL;
    }
  number[ID_LENGTH - 1] = jf_id_number_check_character (number);
  number[ID_LENGTH] = '\0';
  return g_strdup (number);
}

char *
jf_id_number_mask (const char *id)
{
  GString *masked;
  gboolean utf8;
  glong n_chars, shown;

  if (id == NULL)
    return g_strdup ("");
  /* Counted in characters, so that a multi-byte character is never cut in half; text that
   * is not UTF-8 is hidden whole. */
  utf8 = g_utf8_validate (id, -1, NULL);
  n_chars = utf8 ? g_utf8_strlen (id, -1) : (glong) strlen (id);
  if (utf8 && n_chars == ID_LENGTH && strlen (id) == ID_LENGTH)
    {
      masked = g_string_new_len (id, 4);
      g_string_append (masked, "**********");
      g_string_append_len (masked, id + ID_LENGTH - 4, 4);
      masked->str[ID_LENGTH - 1] = g_ascii_toupper (masked->str[ID_LENGTH - 1]);
      return g_string_free (masked, FALSE);
    }

  shown = utf8 && n_chars > 4 ? 4 : 0;
  masked = g_string_new (NULL);
  for (glong i = 0; i < n_chars - shown; i++)
    g_string_append_c (masked, '*');
  if (shown > 0)
    g_string_append (masked, g_utf8_offset_to_pointer (id, n_chars - shown));
  return g_string_free (masked, FALSE);
}
