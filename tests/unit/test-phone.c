/* test-phone.c: mainland mobile and landline numbers, checked and masked */
#include "config.h"

#include "jf-error.h"
#include "jf-phone.h"

static void
test_valid (void)
{
  const struct
  {
    const char  *phone;
    JfPhoneKind  kind;
  } cases[] = {
    { "13800000000", JF_PHONE_MOBILE },
    { "19912345678", JF_PHONE_MOBILE },
    { "0437-3221234", JF_PHONE_LANDLINE },   /* Liaoyuan: 4-digit area code, 7 digits */
    { "010-12345678", JF_PHONE_LANDLINE },   /* Beijing: 3-digit area code, 8 digits */
    { "04373221234", JF_PHONE_LANDLINE },
    { "01012345678", JF_PHONE_LANDLINE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      JfPhoneKind kind;

      g_assert_true (jf_phone_validate (cases[i].phone, &kind, &error));
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, cases[i].kind);
    }
}

static void
test_refused (void)
{
  const char *bad[] = {
    "12800000000",     /* 12x is no mobile prefix */
    "1380000000",      /* 10 digits */
    "138000000000",    /* 12 digits, not starting with 0 */
    "138 0000 0000",
    "+8613800000000",
    "0437-322123",     /* 6-digit local number */
    "0437-322123456",  /* 9-digit local number */
    "04-3221234",      /* area code too short */
    "04371-3221234",   /* area code too long */
    "0437--3221234",
    "043732212",       /* 9 digits */
    "0437322123456",   /* 13 digits */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (jf_phone_validate (bad[i], NULL, &error))
        g_error ("“%s” was accepted", bad[i]);
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
    }
  g_assert_false (jf_phone_validate (NULL, NULL, NULL));
}

static void
test_mask (void)
{
  const struct
  {
    const char *phone;
    const char *masked;
  } cases[] = {
    { "13800000000", "138****0000" },
    { "0437-3221234", "0437-***1234" },
    { "010-12345678", "010-****5678" },
    { "04373221234", "043****1234" },
    { "12345678", "****5678" },   /* no phone number, but digits: the last 4 only */
    { "1234", "****" },
    { "手机号码", "************" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = jf_phone_mask (cases[i].phone);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
  {
    g_autofree char *masked = jf_phone_mask (NULL);
    g_assert_cmpstr (masked, ==, "");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/phone/valid", test_valid);
  g_test_add_func ("/jf/phone/refused", test_refused);
  g_test_add_func ("/jf/phone/mask", test_mask);
  return g_test_run ();
}
