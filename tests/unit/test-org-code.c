/* test-org-code.c: levels, parents and subtrees of Liaoyuan's administrative codes
 *
 * Liaoyuan is 220400; its districts and counties 220402 龙山区, 220403 西安区,
 * 220421 东丰县, 220422 东辽县 (DOMAIN.md §1). Township, village and grid codes below
 * are made up in the statistical-code pattern.
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-org-code.h"

static void
test_levels (void)
{
  const struct
  {
    const char *code;
    JfLevel     level;
  } cases[] = {
    { "220400", JF_LEVEL_CITY },
    { "220402", JF_LEVEL_COUNTY },
    { "220421", JF_LEVEL_COUNTY },
    { "220401", JF_LEVEL_COUNTY },          /* 市辖区: county-level, though unusual */
    { "220402001", JF_LEVEL_TOWNSHIP },
    { "220402001002", JF_LEVEL_VILLAGE },
    { "220402001002003", JF_LEVEL_GRID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      JfLevel level = JF_N_LEVELS;

      g_assert_true (jf_org_code_parse (cases[i].code, &level, &error));
      g_assert_no_error (error);
      g_assert_cmpint (level, ==, cases[i].level);
    }
}

static void
test_refused (void)
{
  const char *bad[] = {
    "220000",            /* Jilin province: above the platform */
    "000402",            /* no province */
    "22040",             /* 5 digits */
    "2204020",           /* 7 digits */
    "22040200",          /* 8 digits */
    "2204020010020030",  /* 16 digits */
    "22040a",
    "220402 001",
    "220402000",         /* township part 000 */
    "220402001000",      /* village part 000 */
    "220402001002000",   /* grid part 000 */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (jf_org_code_parse (bad[i], NULL, &error))
        g_error ("“%s” was accepted", bad[i]);
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
    }
  g_assert_false (jf_org_code_parse (NULL, NULL, NULL));
}

static void
test_province_message (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (jf_org_code_parse ("220000", NULL, &error));
  g_assert_nonnull (strstr (error->message, "province"));
}

static void
test_parent (void)
{
  const struct
  {
    const char *code;
    const char *parent;
  } cases[] = {
    { "220402", "220400" },
    { "220422", "220400" },
    { "220402001", "220402" },
    { "220402001002", "220402001" },
    { "220402001002003", "220402001002" },
    { "441900003", "441900" },   /* 东莞: townships directly under a city */
    { "220400", NULL },
    { "220000", NULL },
    { "22040", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *parent = jf_org_code_parent (cases[i].code);
      g_assert_cmpstr (parent, ==, cases[i].parent);
    }
}

static void
test_is_within (void)
{
  /* The city holds its counties, though "220402" does not start with "220400". */
  g_assert_true (jf_org_code_is_within ("220402", "220400"));
  g_assert_true (jf_org_code_is_within ("220421", "220400"));
  g_assert_true (jf_org_code_is_within ("220422001002003", "220400"));
  /* Inclusive. */
  g_assert_true (jf_org_code_is_within ("220400", "220400"));
  g_assert_true (jf_org_code_is_within ("220402001", "220402001"));
  /* Down the tree. */
  g_assert_true (jf_org_code_is_within ("220402001002", "220402"));
  g_assert_true (jf_org_code_is_within ("220402001002003", "220402001"));

  /* Not across: a sibling county, a township of another county, another city. */
  g_assert_false (jf_org_code_is_within ("220403", "220402"));
  g_assert_false (jf_org_code_is_within ("220403001", "220402"));
  g_assert_false (jf_org_code_is_within ("220402002", "220402001"));
  g_assert_false (jf_org_code_is_within ("220302", "220400"));
  g_assert_false (jf_org_code_is_within ("220502001", "220400"));
  /* Not up. */
  g_assert_false (jf_org_code_is_within ("220400", "220402"));
  g_assert_false (jf_org_code_is_within ("220402", "220402001"));
  /* Nothing for invalid codes, whatever their prefix. */
  g_assert_false (jf_org_code_is_within ("2204020", "220402"));
  g_assert_false (jf_org_code_is_within ("220402001", "2204"));
  g_assert_false (jf_org_code_is_within ("220402", "220000"));
  g_assert_false (jf_org_code_is_within (NULL, "220400"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/org-code/levels", test_levels);
  g_test_add_func ("/jf/org-code/refused", test_refused);
  g_test_add_func ("/jf/org-code/province-refused-with-reason", test_province_message);
  g_test_add_func ("/jf/org-code/parent", test_parent);
  g_test_add_func ("/jf/org-code/is-within", test_is_within);
  return g_test_run ();
}
