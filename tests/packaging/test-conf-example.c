/* test-conf-example.c: packaging/jiefend.conf.example is the contract between a
 * deployment and jiefend. Checked against the daemon's own table of keys (jfd-config.h):
 * every key documented with its environment variable, nothing unknown, the values written
 * in it the daemon's defaults, and the README's table complete.
 */
#include "config.h"

#include <string.h>

#include "jfd-config.h"

static char *
source_path (const char *relative)
{
  const char *root = g_getenv ("JF_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

static GKeyFile *
load_example (void)
{
  g_autofree char *path = source_path ("packaging/jiefend.conf.example");
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&key_file);
}

static void
test_every_key_documented (void)
{
  g_autoptr(GKeyFile) key_file = load_example ();
  guint n;
  const JfdConfigKey *keys = jfd_config_get_keys (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *comment = g_key_file_get_comment (key_file, keys[i].group, keys[i].key,
                                                         NULL);
      g_autofree char *expected = g_strdup_printf ("Environment: %s", keys[i].env);

      if (!g_key_file_has_key (key_file, keys[i].group, keys[i].key, NULL))
        g_error ("[%s] %s is read by jiefend but missing from the example", keys[i].group,
                 keys[i].key);
      if (comment == NULL || strstr (comment, expected) == NULL)
        g_error ("[%s] %s: its comment does not name %s", keys[i].group, keys[i].key,
                 keys[i].env);
    }
}

static void
test_no_unknown_keys (void)
{
  g_autoptr(GKeyFile) key_file = load_example ();
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);
  guint n;
  const JfdConfigKey *keys = jfd_config_get_keys (&n);

  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (key_file, groups[g], NULL, NULL);

      for (guint i = 0; names[i] != NULL; i++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < n && !known; k++)
            known = g_str_equal (keys[k].group, groups[g]) && g_str_equal (keys[k].key, names[i]);
          if (!known)
            g_error ("[%s] %s in the example is not a key jiefend reads", groups[g], names[i]);
        }
    }
}

/* What the example says is what jiefend does without any configuration. */
static void
test_example_values_are_defaults (void)
{
  g_autofree char *path = source_path ("packaging/jiefend.conf.example");
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdConfig) loaded = jfd_config_load (path, &error);
  g_autoptr(JfdConfig) defaults = jfd_config_new_defaults ();

  g_assert_no_error (error);
  g_assert_cmpstr (loaded->listen_address, ==, defaults->listen_address);
  g_assert_cmpuint (loaded->listen_port, ==, defaults->listen_port);
  g_assert_cmpuint (loaded->threads, ==, defaults->threads);
  g_assert_cmpstr (loaded->tls_certificate, ==, defaults->tls_certificate);
  g_assert_cmpstr (loaded->tls_key, ==, defaults->tls_key);
  g_assert_cmpstr (loaded->database, ==, defaults->database);
  g_assert_cmpuint (loaded->pool_size, ==, defaults->pool_size);
  g_assert_cmpuint (loaded->body_bytes, ==, defaults->body_bytes);
  g_assert_cmpuint (loaded->attachment_bytes, ==, defaults->attachment_bytes);
  g_assert_cmpuint (loaded->idle_timeout_seconds, ==, defaults->idle_timeout_seconds);
  g_assert_cmpuint (loaded->header_timeout_seconds, ==, defaults->header_timeout_seconds);
  g_assert_cmpstr (loaded->attachments_directory, ==, defaults->attachments_directory);
  g_assert_cmpstr (loaded->key_file, ==, defaults->key_file);
  g_assert_cmpuint (loaded->session_hours, ==, defaults->session_hours);
  g_assert_cmpuint (loaded->scheduler_interval_ms, ==, defaults->scheduler_interval_ms);
}

static void
test_environment_overrides (void)
{
  g_autofree char *path = source_path ("packaging/jiefend.conf.example");
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdConfig) config = NULL;

  g_setenv ("JIEFEND_POOL_SIZE", "3", TRUE);
  g_setenv ("JIEFEND_LISTEN", "[::1]:9000", TRUE);
  config = jfd_config_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (config->pool_size, ==, 3);
  g_assert_cmpstr (config->listen_address, ==, "::1");
  g_assert_cmpuint (config->listen_port, ==, 9000);
  g_clear_pointer (&config, jfd_config_free);

  /* A bad value names where it came from and stops the start. */
  g_setenv ("JIEFEND_POOL_SIZE", "lots", TRUE);
  config = jfd_config_load (path, &error);
  g_assert_null (config);
  g_assert_nonnull (strstr (error->message, "JIEFEND_POOL_SIZE"));
  g_unsetenv ("JIEFEND_POOL_SIZE");
  g_unsetenv ("JIEFEND_LISTEN");
}

static void
test_readme_documents_keys (void)
{
  g_autofree char *path = source_path ("README.md");
  g_autofree char *readme = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  const JfdConfigKey *keys = jfd_config_get_keys (&n);

  g_file_get_contents (path, &readme, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("`%s`", keys[i].key);
      g_autofree char *env = g_strdup_printf ("`%s`", keys[i].env);

      if (strstr (readme, key) == NULL || strstr (readme, env) == NULL)
        g_error ("README.md does not document [%s] %s (%s)", keys[i].group, keys[i].key,
                 keys[i].env);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jfd/conf-example/every-key-documented", test_every_key_documented);
  g_test_add_func ("/jfd/conf-example/no-unknown-keys", test_no_unknown_keys);
  g_test_add_func ("/jfd/conf-example/values-are-defaults", test_example_values_are_defaults);
  g_test_add_func ("/jfd/conf-example/environment-overrides", test_environment_overrides);
  g_test_add_func ("/jfd/conf-example/readme-documents-keys", test_readme_documents_keys);
  return g_test_run ();
}
