/* test-schema-resource.c: every migration in schema/ is compiled in, numbered 0001, 0002,
 * ... without a gap, and byte for byte the file in the source tree
 *
 * A migration written but not listed in jiefen-schema.gresource.xml would never be
 * applied: jiefenctl migrate would say "up to date" on a database that lacks it.
 */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

#include "jfd-migrations.h"
#include "jiefen-schema-resources.h"

static GPtrArray *
source_migrations (void)
{
  const char *root = g_getenv ("JF_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (root == NULL)
    g_error ("JF_SOURCE_ROOT is not set: run the tests with meson test");
  dir_path = g_build_filename (root, "schema", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_regex_match_simple ("^[0-9]{4}-.*\\.sql$", name, 0, 0))
      g_ptr_array_add (names, g_strdup (name));
  return names;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
test_every_file_is_compiled_in (void)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) compiled = NULL;
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("JF_SOURCE_ROOT");

  files = source_migrations ();
  g_ptr_array_sort (files, compare_names);
  compiled = jfd_migrations_list (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      gboolean listed = FALSE;

      for (guint j = 0; j < compiled->len && !listed; j++)
        {
          const JfdMigration *m = g_ptr_array_index (compiled, j);
          g_autofree char *name = g_strdup_printf ("%04u-%s.sql", m->version, m->name);

          listed = g_str_equal (name, file);
        }
      if (!listed)
        g_error ("schema/%s is not listed in schema/jiefen-schema.gresource.xml: it would "
                 "never be applied", file);
    }
  g_assert_cmpuint (compiled->len, ==, files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      const JfdMigration *m = g_ptr_array_index (compiled, i);
      g_autofree char *expected_name = g_strdup_printf ("%04u-%s.sql", m->version, m->name);
      g_autofree char *path = g_build_filename (root, "schema", file, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) sql = NULL;
      gsize len;

      /* Numbered consecutively from 0001, in the order of the files. */
      g_assert_cmpuint (m->version, ==, i + 1);
      g_assert_cmpuint ((guint) strtoul (file, NULL, 10), ==, i + 1);
      g_assert_cmpstr (expected_name, ==, file);
      /* What is applied is what is in the tree, not a stale copy. */
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      g_assert_no_error (error);
      sql = jfd_migration_get_sql (m, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql), contents, len);
    }
  g_assert_cmpuint (jfd_migrations_latest (), ==, files->len);
}

static void
test_holidays_are_compiled_in (void)
{
  const char *root = g_getenv ("JF_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "schema", "data", "cn-holidays.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  data = g_resource_lookup_data (jf_schema_get_resource (),
                                 "/org/jiefen/schema/data/cn-holidays.tsv",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), contents, len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/schema/every-migration-is-compiled-in", test_every_file_is_compiled_in);
  g_test_add_func ("/jf/schema/holidays-are-compiled-in", test_holidays_are_compiled_in);
  return g_test_run ();
}
