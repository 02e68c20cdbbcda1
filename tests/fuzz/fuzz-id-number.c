/* fuzz-id-number.c: the resident ID number validator, upgrader and mask on any text
 *
 * Input: the bytes up to the first NUL, as a header or a JSON string could carry them
 * (JSON strings holding U+0000 are refused before this point).
 *
 * Oracles: a number accepted is 18 ASCII characters whose last one is the check
 * character of the first 17, born 1900-01-01 … today, and validating it again gives the
 * same; an upgraded 15-digit number is 18 digits (or X) with a right check character;
 * the mask shows at most the first 4 and the last 4 characters of an 18-character number
 * and at most the last 4 of anything else.
 */
#include "config.h"

#include <string.h>

#include "jf-fuzz.h"
#include "jf-id-number.h"

static GDate today;

static void
check_valid (const char       *text,
             const JfIdNumber *id)
{
  JfIdNumber again;
  g_autoptr(GError) error = NULL;

  jf_fuzz_assert (strlen (id->number) == 18, "an accepted number that is not 18 long");
  jf_fuzz_assert (g_ascii_strcasecmp (id->number, text) == 0,
                  "the normalised number differs from the input by more than case");
  jf_fuzz_assert (jf_id_number_check_character (id->number) == id->number[17],
                  "an accepted number with a wrong check character");
  jf_fuzz_assert (strlen (id->region) == 6 && strncmp (id->region, id->number, 6) == 0,
                  "the region is not the number's first 6 digits");
  jf_fuzz_assert (g_date_valid (&id->birth_date) &&
                  g_date_get_year (&id->birth_date) >= 1900 &&
                  g_date_compare (&id->birth_date, &today) <= 0,
                  "an accepted birth date out of range");
  jf_fuzz_assert (jf_id_number_validate_at (id->number, &today, &again, &error),
                  "the normalised number is refused");
  jf_fuzz_assert (memcmp (again.number, id->number, sizeof again.number) == 0 &&
                  again.male == id->male && g_date_compare (&again.birth_date,
                                                            &id->birth_date) == 0,
                  "validating twice gives another answer");
}

static void
check_mask (const char *text)
{
  g_autofree char *masked = jf_id_number_mask (text);
  gsize text_len = strlen (text);
  gsize visible = 0;

  jf_fuzz_assert (g_utf8_validate (masked, -1, NULL), "a mask that is not UTF-8");
  for (const char *p = masked; *p != '\0'; p = g_utf8_next_char (p))
    visible += *p != '*';
  if (text_len == 18 && g_utf8_validate (text, -1, NULL))
    {
      jf_fuzz_assert (visible <= 8, "an 18-character mask shows more than 8 characters");
      jf_fuzz_assert (strncmp (masked, text, 4) == 0 || visible < 8,
                      "the mask does not start with the region's first 4 digits");
    }
  else
    jf_fuzz_assert (visible <= 4, "a mask shows more than 4 characters");
}

static void
check_upgrade (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *upgraded = jf_id_number_upgrade_legacy (text, &error);

  if (upgraded == NULL)
    {
      jf_fuzz_check_error (error, FALSE);
      return;
    }
  jf_fuzz_assert (strlen (text) == 15, "a legacy number that is not 15 long was upgraded");
  jf_fuzz_assert (strlen (upgraded) == 18 && strncmp (upgraded, text, 6) == 0 &&
                  strncmp (upgraded + 6, "19", 2) == 0 &&
                  strncmp (upgraded + 8, text + 6, 9) == 0,
                  "the upgraded number is not the legacy one with 19 inserted");
  jf_fuzz_assert (jf_id_number_check_character (upgraded) == upgraded[17],
                  "the upgraded number has a wrong check character");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  jf_fuzz_init_logging ();
  /* A fixed today keeps every run reproducible. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2026);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  JfIdNumber id;

  memset (&id, 0xAA, sizeof id);
  if (jf_id_number_validate_at (text, &today, &id, &error))
    check_valid (text, &id);
  else
    jf_fuzz_check_error (error, FALSE);
  check_mask (text);
  check_upgrade (text);
  if (strlen (text) >= 17)
    {
      char check = jf_id_number_check_character (text);
      jf_fuzz_assert (check == '\0' || strchr ("0123456789X", check) != NULL,
                      "a check character outside 0-9 and X");
    }
  return 0;
}
