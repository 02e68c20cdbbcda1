/* jfd-engine-registry-csv-export.c: exporting people, places and organisations as CSV
 * (DOMAIN.md §7)
 *
 * An export has the columns of an import, so that a file exported, edited and imported
 * again reads as it was written. People and places are those of the caller's subtree (or
 * of a unit in it), as their lists are; organisations are public record, all of them.
 * People's ID and phone numbers are masked, or opened for the roles that may see them
 * (reveal), the export then on the audit log with every person in it. Writing some
 * thousands of rows, and opening their numbers, runs on a worker thread.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-csv.h"
#include "jfd-engine-registry-csv-private.h"
#include "jfd-personal.h"
#include "jfd-query.h"

typedef struct
{
  const JfdCsvShape *shape;
  JfdCrypto         *crypto;     /* owned */
  gboolean           reveal;
  PGresult          *rows;       /* owned, once read */
} Export;

static void
export_free (Export *ex)
{
  jfd_crypto_unref (ex->crypto);
  g_clear_pointer (&ex->rows, PQclear);
  g_free (ex);
}

static GBytes *
write_file (Export  *ex,
            GError **error)
{
  const JfdCsvShape *shape = ex->shape;
  GString *out = g_string_new ("\xef\xbb\xbf");
  g_autofree const char **fields = g_new0 (const char *, shape->n_columns);
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  int n = PQntuples (ex->rows);

  for (guint c = 0; c < shape->n_columns; c++)
    fields[c] = shape->columns[c].column;
  jfd_csv_append_record (out, fields, shape->n_columns);
  for (int i = 0; i < n && *error == NULL; i++)
    {
      g_ptr_array_set_size (opened, 0);
      for (guint c = 0; c < shape->n_columns; c++)
        {
          char *whole;

          fields[c] = PQgetisnull (ex->rows, i, c + 1) ? "" : PQgetvalue (ex->rows, i, c + 1);
          if (!ex->reveal || !shape->columns[c].sealed)
            continue;
          whole = jfd_personal_open (ex->crypto, fields[c], error);
          if (whole == NULL && *error != NULL)
            break;
          g_ptr_array_add (opened, whole);
          fields[c] = whole != NULL ? whole : "";
        }
      if (*error == NULL)
        jfd_csv_append_record (out, fields, shape->n_columns);
    }
  if (*error != NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (out);
}

static void
write_file_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *file = write_file (data, &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) g_bytes_unref);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  GBytes *file = g_task_propagate_pointer (G_TASK (result), &error);

  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, (GDestroyNotify) g_bytes_unref);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  Export *ex = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  JfdEngine *self = g_task_get_source_object (task);
  g_autoptr(GTask) worker = NULL;

  ex->rows = jfd_engine_query_finish (task, result);
  if (ex->rows == NULL)
    return;
  /* The worker only reads @ex, which the outer task (its callback's data) keeps. */
  worker = g_task_new (self, cancellable, written_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, ex, NULL);
  g_task_run_in_thread (worker, write_file_thread);
}

void
jfd_engine_registry_export_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  JfdRegistryKind      kind,
                                  GHashTable          *query,
                                  gboolean             reveal_numbers,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdCsvShape *shape = jfd_registry_csv_shape (kind);
  g_autoptr(JsonObject) p = json_object_new ();
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;
  Export *ex;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_registry_export_async);
  g_return_if_fail (shape != NULL);
  g_return_if_fail (!reveal_numbers || kind == JFD_REGISTRY_PEOPLE);
  if (!jfd_registry_require (actor, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (reveal_numbers && !jfd_personal_may_reveal (actor->roles))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, "reveal",
                                               "Your roles may see ID and phone numbers only "
                                               "masked"));
      return;
    }
  if (shape->scoped)
    {
      const char *code = query != NULL ? g_hash_table_lookup (query, "org") : NULL;
      const JfdOrgUnit *root = jfd_query_root (actor, catalog, code, &error);

      if (root == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      json_object_set_int_member (p, "root", root->id);
    }
  ex = g_new0 (Export, 1);
  ex->shape = shape;
  ex->crypto = jfd_crypto_ref (jfd_shared_get_crypto (self->shared));
  ex->reveal = reveal_numbers;
  g_task_set_task_data (task, ex, (GDestroyNotify) export_free);
  json_object_set_boolean_member (p, "reveal", reveal_numbers);
  json_object_set_int_member (p, "actor_id", actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (actor, JFD_REGISTRY_READERS));
  json_object_set_int_member (p, "actor_org_id", actor->org_id);
  parameter = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), shape->export_stmt,
                    (const char *[]) { text }, exported_cb);
}

GBytes *
jfd_engine_registry_export_finish (JfdEngine     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
