/* test-password.c: Argon2id hashes, the password policy and generated passwords */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jfd-password.h"

static void
test_hash_verifies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = jfd_password_hash ("Correct-horse-9", &error);
  g_autofree char *again = jfd_password_hash ("Correct-horse-9", &error);

  g_assert_no_error (error);
  /* The form the database's CHECK accepts, with the interactive limits (64 MiB). */
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=19456,t=2,p=1$"));
  g_assert_true (jfd_password_verify (hash, "Correct-horse-9"));
  g_assert_false (jfd_password_verify (hash, "Correct-horse-8"));
  g_assert_false (jfd_password_verify (hash, ""));
  /* Salted: the same password never hashes the same twice. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_false (jfd_password_verify ("not a hash", "Correct-horse-9"));
  g_assert_false (jfd_password_verify (NULL, "Correct-horse-9"));
}

static void
test_policy (void)
{
  static const char * const refused[] = {
    "Short-1",              /* 7 characters */
    "alllowercaseletters",  /* one kind */
    "12345678901234",       /* one kind */
    "ABCDEFGHIJKL",         /* one kind */
  };
  static const char * const accepted[] = {
    "lowercase1234", "Mixed-Case-Words", "调解员密码很安全吧abc", "a-b-c-d-e-f",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (jfd_password_is_acceptable (refused[i], &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
      g_assert_cmpstr (jf_error_get_field (error), ==, "password");
      /* The message states the whole policy, whichever rule failed. */
      g_assert_nonnull (strstr (error->message, "10 characters"));
      g_assert_nonnull (strstr (error->message, "two kinds"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (jfd_password_is_acceptable (accepted[i], &error));
      g_assert_no_error (error);
    }
  g_assert_false (jfd_password_is_acceptable ("\xff\xfe invalid utf-8 1", NULL));
}

static void
test_generated (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 200; i++)
    {
      char *password = jfd_password_generate ();

      g_assert_true (g_regex_match_simple ("^([2-9a-km-zA-HJ-NP-Z]{4}-){3}[2-9a-km-zA-HJ-NP-Z]{4}$",
                                           password, 0, 0));
      g_assert_true (jfd_password_is_acceptable (password, NULL));
      g_assert_false (g_hash_table_contains (seen, password));
      g_hash_table_add (seen, password);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/password/hash-verifies", test_hash_verifies);
  g_test_add_func ("/jf/password/policy", test_policy);
  g_test_add_func ("/jf/password/generated", test_generated);
  return g_test_run ();
}
