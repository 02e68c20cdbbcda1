/* test-enums.c: the spellings of DOMAIN.md §8 round-trip, and nothing else is accepted */
#include "config.h"

#include "jf-enums.h"

static void
test_spellings_match_domain (void)
{
  /* The spellings the database, the API and the code all share (DOMAIN.md §8). */
  const char *statuses[] = { "registered", "accepted", "not_accepted", "in_mediation",
                             "dispatched", "referred", "resolved", "closed", "withdrawn" };
  const char *roles[] = { "reception", "mediator", "grid_leader", "department_liaison",
                          "court", "petition_officer", "police", "supervisor", "admin",
                          "auditor" };
  const char *sources[] = { "window", "grid", "hotline", "police", "court", "petition",
                            "mobile_point", "online" };

  g_assert_cmpuint (G_N_ELEMENTS (statuses), ==, JF_N_STATUSES);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      JfStatus s;
      g_assert_true (jf_status_from_string (statuses[i], &s));
      g_assert_cmpstr (jf_status_to_string (s), ==, statuses[i]);
    }
  g_assert_cmpuint (G_N_ELEMENTS (roles), ==, JF_N_ROLES);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      JfRole r;
      g_assert_true (jf_role_from_string (roles[i], &r));
      g_assert_cmpstr (jf_role_to_string (r), ==, roles[i]);
    }
  g_assert_cmpuint (G_N_ELEMENTS (sources), ==, JF_N_SOURCES);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_assert_true (jf_source_from_string (sources[i], NULL));
}

static void
test_unknown_refused (void)
{
  JfStatus s = JF_STATUS_CLOSED;

  g_assert_false (jf_status_from_string ("Registered", &s));
  g_assert_false (jf_status_from_string ("", &s));
  g_assert_false (jf_status_from_string (NULL, &s));
  g_assert_cmpint (s, ==, JF_STATUS_CLOSED);
  g_assert_false (jf_kind_from_string ("lawsuit", NULL));
  g_assert_false (jf_level_from_string ("province", NULL));
}

static void
test_role_sets (void)
{
  const char *names[] = { "mediator", "auditor", NULL };
  const char *bad[] = { "mediator", "god", NULL };
  const char *bad_name = NULL;
  JfRoleSet set = 0;
  g_auto(GStrv) back = NULL;

  g_assert_true (jf_role_set_from_strv (names, &set, NULL));
  g_assert_true (jf_role_set_has (set, JF_ROLE_MEDIATOR));
  g_assert_true (jf_role_set_has (set, JF_ROLE_AUDITOR));
  g_assert_false (jf_role_set_has (set, JF_ROLE_ADMIN));
  back = jf_role_set_to_strv (set);
  g_assert_cmpstrv (back, ((const char *[]) { "mediator", "auditor", NULL }));
  g_assert_false (jf_role_set_from_strv (bad, &set, &bad_name));
  g_assert_cmpstr (bad_name, ==, "god");
}

static void
test_category_slugs (void)
{
  g_assert_true (jf_category_slug_is_valid ("neighbor"));
  g_assert_true (jf_category_slug_is_valid ("water_supply2"));
  g_assert_false (jf_category_slug_is_valid (""));
  g_assert_false (jf_category_slug_is_valid ("2water"));
  g_assert_false (jf_category_slug_is_valid ("Water"));
  g_assert_false (jf_category_slug_is_valid ("water supply"));
  g_assert_false (jf_category_slug_is_valid ("邻里"));
  g_assert_false (jf_category_slug_is_valid ("abcdefghijabcdefghijabcdefghijabc"));
  g_assert_true (jf_category_from_string ("property_management", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/enums/spellings-match-domain", test_spellings_match_domain);
  g_test_add_func ("/jf/enums/unknown-refused", test_unknown_refused);
  g_test_add_func ("/jf/enums/role-sets", test_role_sets);
  g_test_add_func ("/jf/enums/category-slugs", test_category_slugs);
  return g_test_run ();
}
