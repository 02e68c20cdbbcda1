/* test-id-number.c: GB 11643 resident ID numbers, checked, upgraded and masked
 *
 * Every valid number below was checked by hand against the standard: weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over the first 17 digits, sum mod 11 mapped through
 * "10X98765432". 11010519491231002X is the standard's own example. "Today" is fixed at
 * 2026-03-01 so that the future-date cases never age.
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-id-number.h"

static GDate *
fixed_today (void)
{
  return g_date_new_dmy (1, G_DATE_MARCH, 2026);
}

static void
assert_refused (const char *text,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = fixed_today ();
  JfIdNumber id;

  g_assert_false (jf_id_number_validate_at (text, today, &id, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  if (strstr (error->message, message_part) == NULL)
    g_error ("refusing “%s”: “%s” does not say “%s”", text, error->message, message_part);
  /* The caller, knowing where the number sits, names the field. */
  g_assert_null (jf_error_get_field (error));
}

static void
assert_valid (const char *text,
              JfIdNumber *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = fixed_today ();

  g_assert_true (jf_id_number_validate_at (text, today, out, &error));
  g_assert_no_error (error);
}

static void
test_valid (void)
{
  JfIdNumber id;

  /* The standard's example: Beijing Chaoyang, born 1949-12-31, sequence 002: a woman. */
  assert_valid ("11010519491231002X", &id);
  g_assert_cmpstr (id.number, ==, "11010519491231002X");
  g_assert_cmpstr (id.region, ==, "110105");
  g_assert_cmpint (g_date_get_year (&id.birth_date), ==, 1949);
  g_assert_cmpint (g_date_get_month (&id.birth_date), ==, 12);
  g_assert_cmpint (g_date_get_day (&id.birth_date), ==, 31);
  g_assert_false (id.male);

  /* Longshan district, Liaoyuan, 1990-01-01, sequence 123 (odd: a man), check 5. */
  assert_valid ("220402199001011235", &id);
  g_assert_cmpstr (id.region, ==, "220402");
  g_assert_cmpint (g_date_get_year (&id.birth_date), ==, 1990);
  g_assert_true (id.male);

  /* Same birth, sequence 124 (even: a woman), check 3. */
  assert_valid ("220402199001011243", &id);
  g_assert_false (id.male);

  /* Dongliao county, 1985-06-15, sequence 231: a man, check 7. */
  assert_valid ("220422198506152317", &id);
  g_assert_true (id.male);
  g_assert_cmpint (g_date_get_month (&id.birth_date), ==, 6);

  /* @out is optional; the wrapper uses the real today, long after these births. */
  g_assert_true (jf_id_number_validate ("11010519491231002X", NULL, NULL));
}

static void
test_lower_case_x (void)
{
  JfIdNumber id;

  assert_valid ("11010519491231002x", &id);
  g_assert_cmpstr (id.number, ==, "11010519491231002X");
}

static void
test_bad_checksum (void)
{
  /* One digit off in the check character, and two digits swapped (…1235 → …1253). */
  assert_refused ("110105194912310021", "check character");
  assert_refused ("220402199001011234", "check character");
  assert_refused ("220402199001011253", "check character");
  /* X where a digit belongs. */
  assert_refused ("22040219900101123X", "check character");
}

static void
test_impossible_date (void)
{
  JfIdNumber id;

  /* Each with a correct check character, so only the date is wrong. */
  assert_refused ("220402199002300012", "not a real date");  /* 1990-02-30 */
  assert_refused ("22040219190229001X", "not a real date");  /* 1919: not a leap year */
  assert_refused ("22040219000229001X", "not a real date");  /* 1900: not a leap year */
  assert_refused ("220402199013010010", "not a real date");  /* month 13 */
  /* 2000 is a leap year (divisible by 400). */
  assert_valid ("220402200002290024", &id);
  g_assert_cmpint (g_date_get_day (&id.birth_date), ==, 29);
}

static void
test_future_date (void)
{
  /* Today is 2026-03-01: born tomorrow is impossible, born today is not. */
  assert_refused ("220402202603020010", "in the future");
  assert_valid ("220402202603010015", NULL);
}

static void
test_before_1900 (void)
{
  assert_refused ("220402189912310018", "before 1900");
  assert_valid ("220402190001010012", NULL);
}

static void
test_wrong_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = fixed_today ();

  assert_refused ("22040219900101123", "has 17");
  assert_refused ("2204021990010112350", "has 19");
  assert_refused ("", "has 0");
  g_assert_false (jf_id_number_validate_at (NULL, today, NULL, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
}

static void
test_non_digits (void)
{
  assert_refused ("2204021990O1011235", "Character 11 of the ID number must be a digit");
  assert_refused ("22040X199001011235", "Character 6 of");
  assert_refused ("22040219900101123Y", "last character");
  assert_refused (" 20402199001011235", "Character 1 of");
  /* A full-width digit is 18 characters but no digit. */
  assert_refused ("２20402199001011235", "Character 1 of");
  assert_refused ("22040219900101123\xff", "not valid text");
}

static void
test_legacy_refused_and_upgraded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *upgraded = NULL;
  char *bad;

  /* Longshan, born 1990-01-01 (written 900101), sequence 123. */
  assert_refused ("220402900101123", "15-digit");
  assert_refused ("220402900101123", "give the 18-digit number");

  upgraded = jf_id_number_upgrade_legacy ("220402900101123", &error);
  g_assert_no_error (error);
  /* "19" inserted before 900101, then the check character 5 (see test_valid). */
  g_assert_cmpstr (upgraded, ==, "220402199001011235");
  assert_valid (upgraded, NULL);

  bad = jf_id_number_upgrade_legacy ("220402901301123", &error);   /* month 13 */
  g_assert_null (bad);
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_clear_error (&error);
  bad = jf_id_number_upgrade_legacy ("220402199001011235", &error);
  g_assert_null (bad);
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
}

static void
test_check_character (void)
{
  g_assert_cmpint (jf_id_number_check_character ("11010519491231002"), ==, 'X');
  g_assert_cmpint (jf_id_number_check_character ("22040219900101123"), ==, '5');
  g_assert_cmpint (jf_id_number_check_character ("22042219850615231"), ==, '7');
  g_assert_cmpint (jf_id_number_check_character ("2204021990010112a"), ==, '\0');
  g_assert_cmpint (jf_id_number_check_character ("2204"), ==, '\0');
}

static void
test_mask (void)
{
  const struct
  {
    const char *id;
    const char *masked;
  } cases[] = {
    { "220402199001011234", "2204**********1234" },
    { "11010519491231002x", "1101**********002X" },
    { "220402900101123", "***********1123" },
    { "1234", "****" },
    { "12", "**" },
    { "", "" },
    { "张三的身份证号码", "****份证号码" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = jf_id_number_mask (cases[i].id);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  {
    g_autofree char *masked = jf_id_number_mask (NULL);
    g_autofree char *garbled = jf_id_number_mask ("12345\xff");
    g_assert_cmpstr (masked, ==, "");
    g_assert_cmpstr (garbled, ==, "******");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/id-number/valid", test_valid);
  g_test_add_func ("/jf/id-number/lower-case-x-normalised", test_lower_case_x);
  g_test_add_func ("/jf/id-number/bad-checksum", test_bad_checksum);
  g_test_add_func ("/jf/id-number/impossible-date", test_impossible_date);
  g_test_add_func ("/jf/id-number/future-date", test_future_date);
  g_test_add_func ("/jf/id-number/before-1900", test_before_1900);
  g_test_add_func ("/jf/id-number/wrong-length", test_wrong_length);
  g_test_add_func ("/jf/id-number/non-digits", test_non_digits);
  g_test_add_func ("/jf/id-number/legacy-refused-and-upgraded",
                   test_legacy_refused_and_upgraded);
  g_test_add_func ("/jf/id-number/check-character", test_check_character);
  g_test_add_func ("/jf/id-number/mask", test_mask);
  return g_test_run ();
}
