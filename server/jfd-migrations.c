/* jfd-migrations.c: listing the compiled-in migrations and applying the pending ones */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "jfd-migrations.h"
#include "jfd-pq.h"
#include "jiefen-schema-resources.h"

#define RESOURCE_DIR "/org/jiefen/schema"

G_DEFINE_QUARK (jfd-migrations-error-quark, jfd_migrations_error)

void
jfd_migration_free (JfdMigration *migration)
{
  if (migration == NULL)
    return;
  g_free (migration->name);
  g_free (migration->resource_path);
  g_free (migration->applied_at);
  g_free (migration);
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const JfdMigration *ma = *(JfdMigration * const *) a;
  const JfdMigration *mb = *(JfdMigration * const *) b;

  return ma->version < mb->version ? -1 : ma->version > mb->version;
}

/* "0003-matters.sql" -> 3, "matters". */
static gboolean
parse_name (const char  *file,
            guint       *out_version,
            char       **out_name)
{
  g_autoptr(GRegex) regex = g_regex_new ("^([0-9]{4})-([a-z0-9][a-z0-9_-]*)\\.sql$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *digits = NULL;

  if (!g_regex_match (regex, file, 0, &match))
    return FALSE;
  digits = g_match_info_fetch (match, 1);
  *out_version = (guint) strtoul (digits, NULL, 10);
  *out_name = g_match_info_fetch (match, 2);
  return *out_version > 0;
}

GPtrArray *
jfd_migrations_list (GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jfd_migration_free);
  g_auto(GStrv) children = NULL;
  g_autoptr(GError) local_error = NULL;

  children = g_resource_enumerate_children (jf_schema_get_resource (), RESOURCE_DIR,
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (children == NULL)
    {
      g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_RESOURCE,
                   "no migrations are compiled in: %s", local_error->message);
      return NULL;
    }
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autoptr(JfdMigration) m = g_new0 (JfdMigration, 1);

      /* Subdirectories (data/) and other files are not migrations. */
      if (!g_str_has_suffix (children[i], ".sql"))
        continue;
      if (!parse_name (children[i], &m->version, &m->name))
        {
          g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_RESOURCE,
                       "migration “%s” is not named NNNN-name.sql", children[i]);
          return NULL;
        }
      m->resource_path = g_strconcat (RESOURCE_DIR "/", children[i], NULL);
      g_ptr_array_add (list, g_steal_pointer (&m));
    }
  g_ptr_array_sort (list, compare_versions);
  for (guint i = 0; i < list->len; i++)
    {
      const JfdMigration *m = g_ptr_array_index (list, i);

      if (m->version != i + 1)
        {
          g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_RESOURCE,
                       "migrations are not numbered consecutively from 0001: %04u-%s comes "
                       "where %04u belongs", m->version, m->name, i + 1);
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

guint
jfd_migrations_latest (void)
{
  g_autoptr(GPtrArray) list = jfd_migrations_list (NULL);

  return list != NULL ? list->len : 0;
}

GBytes *
jfd_migration_get_sql (const JfdMigration  *migration,
                       GError             **error)
{
  g_return_val_if_fail (migration->resource_path != NULL, NULL);
  return g_resource_lookup_data (jf_schema_get_resource (), migration->resource_path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* The versions recorded in the database: version -> JfdMigration (resource_path NULL).
 * Empty, with *@out_exists FALSE, when there is no jf_migrations table at all. */
static GHashTable *
read_applied (PGconn    *conn,
              gboolean  *out_exists,
              GError   **error)
{
  g_autoptr(GHashTable) applied = NULL;
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) rows = NULL;

  applied = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                   (GDestroyNotify) jfd_migration_free);
  exists = jfd_pq_exec (conn, "SELECT to_regclass('public.jf_migrations') IS NOT NULL", error);
  if (exists == NULL)
    return NULL;
  *out_exists = g_str_equal (PQgetvalue (exists, 0, 0), "t");
  if (!*out_exists)
    return g_steal_pointer (&applied);
  rows = jfd_pq_exec (conn, "SELECT version, name, applied_at::text FROM public.jf_migrations",
                      error);
  if (rows == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      JfdMigration *m = g_new0 (JfdMigration, 1);

      m->version = (guint) strtoul (PQgetvalue (rows, i, 0), NULL, 10);
      m->name = g_strdup (PQgetvalue (rows, i, 1));
      m->applied_at = g_strdup (PQgetvalue (rows, i, 2));
      g_hash_table_insert (applied, GUINT_TO_POINTER (m->version), m);
    }
  return g_steal_pointer (&applied);
}

/* Versions newer than ours, or known versions recorded under another name, mean the
 * database was made by another build: refuse rather than guess. */
static gboolean
check_compatible (GPtrArray   *known,
                  GHashTable  *applied,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer value;
  guint newest = 0;

  g_hash_table_iter_init (&iter, applied);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const JfdMigration *a = value;

      if (a->version > known->len)
        newest = MAX (newest, a->version);
      else
        {
          const JfdMigration *k = g_ptr_array_index (known, a->version - 1);

          if (!g_str_equal (k->name, a->name))
            {
              g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_MISMATCH,
                           "the database records migration %04u as “%s”, but this build's "
                           "%04u is “%s”: it was migrated by a different build", a->version,
                           a->name, k->version, k->name);
              return FALSE;
            }
        }
    }
  if (newest > 0)
    {
      g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_NEWER,
                   "the database is at schema version %04u, newer than this build knows "
                   "(%04u): refusing to run on it (a downgrade is not supported; use a newer "
                   "build)", newest, known->len);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
jfd_migrations_status (PGconn  *conn,
                       GError **error)
{
  g_autoptr(GPtrArray) known = jfd_migrations_list (error);
  g_autoptr(GHashTable) applied = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  GHashTableIter iter;
  gpointer value;
  gboolean exists;

  if (known == NULL)
    return NULL;
  applied = read_applied (conn, &exists, error);
  if (applied == NULL)
    return NULL;
  unknown = g_ptr_array_new ();
  for (guint i = 0; i < known->len; i++)
    {
      JfdMigration *k = g_ptr_array_index (known, i);
      JfdMigration *a = g_hash_table_lookup (applied, GUINT_TO_POINTER (k->version));

      if (a != NULL)
        k->applied_at = g_strdup (a->applied_at);
    }
  g_hash_table_iter_init (&iter, applied);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((JfdMigration *) value)->version > known->len)
      {
        g_hash_table_iter_steal (&iter);
        g_ptr_array_add (unknown, value);
      }
  g_ptr_array_sort (unknown, compare_versions);
  g_ptr_array_extend_and_steal (known, g_steal_pointer (&unknown));
  return g_steal_pointer (&known);
}

static gboolean
apply_one (PGconn              *conn,
           const JfdMigration  *m,
           GError             **error)
{
  g_autoptr(GBytes) bytes = jfd_migration_get_sql (m, error);
  g_autofree char *sql = NULL;
  g_autofree char *version = g_strdup_printf ("%u", m->version);
  const char *values[] = { version, m->name };
  g_autoptr(PGresult) result = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Several statements in one PQexec: fine here, in the transaction the caller opened. */
  result = PQexec (conn, sql);
  if (!jfd_pq_result_ok (conn, result, NULL, error))
    return FALSE;
  return jfd_pq_command_params (conn,
                                "INSERT INTO public.jf_migrations (version, name) VALUES ($1, $2)",
                                2, values, error);
}

static gboolean
lock (PGconn  *conn,
      GError **error)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, JFD_MIGRATIONS_LOCK_KEY);
  const char *values[] = { key };

  return jfd_pq_command (conn, "BEGIN", error) &&
         jfd_pq_command_params (conn, "SELECT pg_advisory_xact_lock ($1::bigint)", 1, values,
                                error);
}

gboolean
jfd_migrations_apply (PGconn                  *conn,
                      JfdMigrationAppliedFunc  applied_func,
                      gpointer                 user_data,
                      guint                   *out_n_applied,
                      GError                 **error)
{
  g_autoptr(GPtrArray) known = jfd_migrations_list (error);
  guint n_applied = 0;

  if (out_n_applied != NULL)
    *out_n_applied = 0;
  if (known == NULL)
    return FALSE;
  g_return_val_if_fail (PQtransactionStatus (conn) == PQTRANS_IDLE, FALSE);

  /* Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try. */
  if (!lock (conn, error) ||
      !jfd_pq_command (conn,
                       "CREATE TABLE IF NOT EXISTS public.jf_migrations ("
                       "  version integer PRIMARY KEY,"
                       "  name text NOT NULL,"
                       "  applied_at timestamptz NOT NULL DEFAULT now())", error) ||
      !jfd_pq_command (conn, "COMMIT", error))
    {
      jfd_pq_rollback (conn);
      return FALSE;
    }

  /* One transaction per migration, each taking the lock and reading the table again: a
   * migrator that waited for the lock sees what the other one applied meanwhile. */
  for (;;)
    {
      g_autoptr(GHashTable) applied = NULL;
      const JfdMigration *next = NULL;
      gboolean exists;
      gint64 start;

      if (!lock (conn, error) ||
          (applied = read_applied (conn, &exists, error)) == NULL ||
          !check_compatible (known, applied, error))
        {
          jfd_pq_rollback (conn);
          return FALSE;
        }
      for (guint i = 0; i < known->len && next == NULL; i++)
        {
          const JfdMigration *k = g_ptr_array_index (known, i);

          if (!g_hash_table_contains (applied, GUINT_TO_POINTER (k->version)))
            next = k;
        }
      if (next == NULL)
        break;

      start = g_get_monotonic_time ();
      if (!apply_one (conn, next, error) || !jfd_pq_command (conn, "COMMIT", error))
        {
          jfd_pq_rollback (conn);
          g_prefix_error (error, "migration %04u-%s failed, nothing of it was applied: ",
                          next->version, next->name);
          return FALSE;
        }
      n_applied++;
      if (applied_func != NULL)
        applied_func (next, (g_get_monotonic_time () - start) / 1e6, user_data);
    }
  if (!jfd_pq_command (conn, "COMMIT", error))
    return FALSE;
  if (out_n_applied != NULL)
    *out_n_applied = n_applied;
  return TRUE;
}

gboolean
jfd_migrations_check_current (PGconn  *conn,
                              GError **error)
{
  g_autoptr(GPtrArray) known = jfd_migrations_list (error);
  g_autoptr(GHashTable) applied = NULL;
  gboolean exists;

  if (known == NULL)
    return FALSE;
  applied = read_applied (conn, &exists, error);
  if (applied == NULL)
    return FALSE;
  if (!exists)
    {
      g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_NOT_MIGRATED,
                   "the database has no schema yet (no jf_migrations table): run "
                   "“jiefenctl migrate” first");
      return FALSE;
    }
  if (!check_compatible (known, applied, error))
    return FALSE;
  for (guint i = 0; i < known->len; i++)
    {
      const JfdMigration *k = g_ptr_array_index (known, i);

      if (!g_hash_table_contains (applied, GUINT_TO_POINTER (k->version)))
        {
          g_set_error (error, JFD_MIGRATIONS_ERROR, JFD_MIGRATIONS_ERROR_OUTDATED,
                       "the database lacks schema migration %04u-%s (this build needs "
                       "version %04u): run “jiefenctl migrate”", k->version, k->name,
                       known->len);
          return FALSE;
        }
    }
  return TRUE;
}
