/* jfd-engine-people-csv.c: importing and exporting people as CSV (DOMAIN.md §7)
 *
 * Import. A file of a village's residents comes from a spreadsheet: UTF-8 with or without
 * a byte-order mark, a header row naming the columns (name, id_number, phone, address,
 * grid_code, tags; name and grid_code required, any order). Every row is read and checked
 * as POST /v1/people checks a body, but every bad cell is reported, not only the first,
 * and so are two rows with one ID number. The database then checks the rows against the
 * people registered already and writes all of them in one statement, or none: a file is
 * never half-imported. The answer to a file with errors is the list of them, by row (as
 * the spreadsheet numbers them: the header is row 1) and column.
 *
 * Reading, checking and sealing some thousands of rows takes a while: it runs on a worker
 * thread, never on a server loop; so does opening the numbers of a revealed export.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-csv.h"
#include "jfd-engine-registry-private.h"
#include "jfd-personal.h"

#define MAX_ROWS 20000

static const JfdStatement import_stmt = {
  "people_import", "SELECT jf.people_import($1::jsonb)::text", 1,
};

static const JfdStatement export_stmt = {
  "people_export",
  "SELECT id, name, id_number, phone, address, grid_code, tags "
  "FROM jf.people_export($1::jsonb)", 1,
};

/* The file's columns, and the members of a person they are read as. */
static const struct
{
  const char *column;
  const char *member;
  gboolean    required;
} columns[] = {
  { "name", "name", TRUE },
  { "id_number", "id_number", FALSE },
  { "phone", "phone", FALSE },
  { "address", "address", FALSE },
  { "grid_code", "grid", TRUE },
  { "tags", "tags", FALSE },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

typedef struct
{
  JfdActor   *actor;    /* owned */
  JfdCatalog *catalog;  /* owned */
  JfdCrypto  *crypto;   /* owned */
  GBytes     *csv;      /* owned */
  JsonArray  *errors;   /* owned: {row, column, message} found reading the file */
  JsonArray  *rows;     /* owned: {row, set} of the rows without errors */
} Import;

static void
import_free (Import *im)
{
  jfd_actor_unref (im->actor);
  jfd_catalog_unref (im->catalog);
  jfd_crypto_unref (im->crypto);
  g_bytes_unref (im->csv);
  g_clear_pointer (&im->errors, json_array_unref);
  g_clear_pointer (&im->rows, json_array_unref);
  g_free (im);
}

static void
add_error (JsonArray  *errors,
           guint       row,
           const char *column,
           const char *message)
{
  JsonObject *e = json_object_new ();

  json_object_set_int_member (e, "row", row);
  if (column != NULL)
    json_object_set_string_member (e, "column", column);
  else
    json_object_set_null_member (e, "column");
  json_object_set_string_member (e, "message", message);
  json_array_add_object_element (errors, e);
}

static char *
clean_cell (const char *cell)
{
  g_autofree char *copy = g_strdup (cell);

  return g_strdup (g_strstrip (copy));
}

/* Which member each of the file's columns is; FALSE when the header is wrong (errors in
 * @im->errors). */
static gboolean
read_header (Import  *im,
             char   **header,
             gint    *out_index)
{
  gboolean ok = TRUE;

  for (guint c = 0; c < N_COLUMNS; c++)
    out_index[c] = -1;
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *clean = clean_cell (header[i]);
      g_autofree char *name = g_ascii_strdown (clean, -1);
      gboolean known = FALSE;

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (!g_str_equal (name, columns[c].column))
            continue;
          known = TRUE;
          if (out_index[c] >= 0)
            {
              add_error (im->errors, 1, columns[c].column, "This column is named twice");
              ok = FALSE;
            }
          out_index[c] = (gint) i;
        }
      if (!known)
        {
          g_autofree char *message = g_strdup_printf (
            "Unknown column “%s”: the columns are name, id_number, phone, address, "
            "grid_code and tags", clean);

          add_error (im->errors, 1, clean, message);
          ok = FALSE;
        }
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && out_index[c] < 0)
      {
        add_error (im->errors, 1, columns[c].column, "The header row lacks this column");
        ok = FALSE;
      }
  return ok;
}

static gboolean
is_blank (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *clean = clean_cell (fields[i]);

      if (clean[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

/* A row as the body of POST /v1/people would have it. */
static JsonObject *
row_body (char       **fields,
          const gint  *index)
{
  JsonObject *body = json_object_new ();

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *cell = index[c] >= 0 ? fields[index[c]] : NULL;

      if (cell == NULL || cell[0] == '\0')
        continue;
      if (g_str_equal (columns[c].member, "tags"))
        {
          g_auto(GStrv) tags = g_regex_split_simple ("[;；、|,，]", cell, 0, 0);
          JsonArray *array = json_array_new ();

          for (guint t = 0; tags[t] != NULL; t++)
            {
              g_autofree char *tag = clean_cell (tags[t]);

              if (tag[0] != '\0')
                json_array_add_string_element (array, tag);
            }
          json_object_set_array_member (body, "tags", array);
        }
      else
        json_object_set_string_member (body, columns[c].member, cell);
    }
  return body;
}

/* Reads one data row; its errors go to @im->errors, a good row to @im->rows. */
static void
read_row (Import      *im,
          guint        row,
          char       **fields,
          const gint  *index,
          guint        n_header,
          GHashTable  *seen_ids)
{
  JfdRegistryInput in = { im->crypto, im->catalog, im->actor };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) set = json_object_new ();
  JsonObject *entry;
  const char *key;
  gboolean ok = TRUE;

  if (g_strv_length (fields) != n_header)
    {
      g_autofree char *message = g_strdup_printf ("The row has %u fields; the header has %u",
                                                  g_strv_length (fields), n_header);

      add_error (im->errors, row, NULL, message);
      return;
    }
  body = row_body (fields, index);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GError) error = NULL;

      if (!jfd_registry_read_person_member (&in, columns[c].member, body, set, &error))
        {
          add_error (im->errors, row, columns[c].column, error->message);
          ok = FALSE;
        }
    }
  if (!ok)
    return;
  key = json_object_get_string_member_with_default (set, "id_number_hmac", NULL);
  if (key != NULL)
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen_ids, key));

      if (first != 0)
        {
          g_autofree char *message = g_strdup_printf ("The same ID number as row %u", first);

          add_error (im->errors, row, "id_number", message);
          return;
        }
      g_hash_table_insert (seen_ids, g_strdup (key), GUINT_TO_POINTER (row));
    }
  entry = json_object_new ();
  json_object_set_int_member (entry, "row", row);
  json_object_set_object_member (entry, "set", g_steal_pointer (&set));
  json_array_add_object_element (im->rows, entry);
}

static gboolean
read_file (Import  *im,
           GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (im->csv, &len);
  g_autoptr(JfdCsvReader) reader = jfd_csv_reader_new (data, len, error);
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          NULL);
  g_auto(GStrv) header = NULL;
  gint index[N_COLUMNS];
  guint n_rows = 0;
  guint row = 0;

  if (reader == NULL)
    return FALSE;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      header = jfd_csv_reader_next (reader, &row, &local_error);
      if (local_error != NULL)
        {
          add_error (im->errors, row, NULL, local_error->message);
          return TRUE;
        }
      if (header == NULL || !is_blank (header))
        break;
      g_clear_pointer (&header, g_strfreev);
    }
  if (header == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The file is empty: a header row and a row per person are expected");
      return FALSE;
    }
  if (!read_header (im, header, index))
    return TRUE;
  while (!jfd_csv_reader_at_end (reader))
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) fields = jfd_csv_reader_next (reader, &row, &local_error);

      if (local_error != NULL)
        {
          add_error (im->errors, row, NULL, local_error->message);
          continue;
        }
      if (fields == NULL || is_blank (fields))
        continue;
      if (++n_rows > MAX_ROWS)
        {
          jf_set_error (error, JF_ERROR_TOO_LARGE, NULL,
                        "A file may hold at most %u people; split it", MAX_ROWS);
          return FALSE;
        }
      read_row (im, row, fields, index, g_strv_length (header), seen_ids);
    }
  if (n_rows == 0 && json_array_get_length (im->errors) == 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "The file holds a header row and no people");
      return FALSE;
    }
  return TRUE;
}

static void
read_file_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Import *im = data;
  GError *error = NULL;

  if (read_file (im, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gint
compare_errors (gconstpointer a,
                gconstpointer b)
{
  JsonObject *ea = json_node_get_object (*(JsonNode * const *) a);
  JsonObject *eb = json_node_get_object (*(JsonNode * const *) b);
  gint64 ra = json_object_get_int_member (ea, "row");
  gint64 rb = json_object_get_int_member (eb, "row");

  return ra < rb ? -1 : ra > rb;
}

/* The file's errors and the database's, by row. */
static GError *
rows_error (JsonArray *from_file,
            JsonArray *from_database)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *sorted = json_array_new ();
  GError *error;

  for (guint i = 0; i < json_array_get_length (from_file); i++)
    g_ptr_array_add (all, json_array_get_element (from_file, i));
  for (guint i = 0; from_database != NULL && i < json_array_get_length (from_database); i++)
    g_ptr_array_add (all, json_array_get_element (from_database, i));
  g_ptr_array_sort (all, compare_errors);
  for (guint i = 0; i < all->len; i++)
    json_array_add_element (sorted, json_node_copy (all->pdata[i]));
  json_object_set_array_member (detail, "errors", sorted);
  node = json_node_init_object (json_node_alloc (), detail);
  error = jf_error_new (JF_ERROR_INVALID, NULL,
                        "%u of the file's rows cannot be imported; nothing was imported",
                        all->len);
  jf_error_set_detail (error, node);
  return error;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  Import *im = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_INTERNAL, NULL, "the import answered nothing"));
      return;
    }
  answer = json_node_get_object (node);
  if (json_object_has_member (answer, "errors"))
    {
      JsonArray *found = json_object_get_array_member (answer, "errors");

      if (json_array_get_length (found) > 0 || json_array_get_length (im->errors) > 0)
        {
          g_task_return_error (task, rows_error (im->errors, found));
          return;
        }
    }
  jfd_engine_return_json (task, g_steal_pointer (&node));
}

static void
file_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = JFD_ENGINE (source);
  Import *im = g_task_get_task_data (task);
  g_autoptr(JsonObject) p = json_object_new ();
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A file whose header is wrong has no rows to check against the table. */
  if (json_array_get_length (im->rows) == 0)
    {
      g_task_return_error (task, rows_error (im->errors, NULL));
      return;
    }
  json_object_set_int_member (p, "actor_id", im->actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (im->actor, JFD_REGISTRY_WRITERS));
  json_object_set_int_member (p, "actor_org_id", im->actor->org_id);
  json_object_set_int_member (p, "actor_root", im->actor->org_id);
  /* With errors in the file, only the check against the table runs: its errors are
   * reported with the file's. */
  json_object_set_boolean_member (p, "commit", json_array_get_length (im->errors) == 0);
  json_object_set_array_member (p, "rows", json_array_ref (im->rows));
  parameter = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), &import_stmt, (const char *[]) { text },
                    imported_cb);
}

void
jfd_engine_people_import_async (JfdEngine           *self,
                                JfdActor            *actor,
                                GBytes              *csv,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) reading = NULL;
  Import *im;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_people_import_async);
  if (!jfd_registry_require (actor, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  im = g_new0 (Import, 1);
  im->actor = jfd_actor_ref (actor);
  im->catalog = jfd_shared_get_catalog (self->shared);
  im->crypto = jfd_crypto_ref (jfd_shared_get_crypto (self->shared));
  im->csv = g_bytes_ref (csv);
  im->errors = json_array_new ();
  im->rows = json_array_new ();
  g_task_set_task_data (task, im, (GDestroyNotify) import_free);
  /* The worker only reads @im and fills its arrays; the loop looks at them again only
   * once it is done. */
  reading = g_task_new (self, cancellable, file_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (reading, im, NULL);
  g_task_run_in_thread (reading, read_file_thread);
}

/* ---- Export ---- */

typedef struct
{
  JfdCrypto  *crypto;     /* owned */
  gboolean    reveal;
  PGresult   *rows;       /* owned, once read */
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
  static const char * const header[] = { "name", "id_number", "phone", "address",
                                         "grid_code", "tags" };
  GString *out = g_string_new ("\xef\xbb\xbf");
  int n = PQntuples (ex->rows);

  jfd_csv_append_record (out, header, G_N_ELEMENTS (header));
  for (int i = 0; i < n; i++)
    {
      g_autofree char *id_number = NULL;
      g_autofree char *phone = NULL;
      const char *fields[6];

      for (int c = 0; c < 6; c++)
        fields[c] = PQgetisnull (ex->rows, i, c + 1) ? "" : PQgetvalue (ex->rows, i, c + 1);
      if (ex->reveal)
        {
          id_number = jfd_personal_open (ex->crypto, fields[1], error);
          if (id_number == NULL && *error != NULL)
            break;
          phone = jfd_personal_open (ex->crypto, fields[2], error);
          if (phone == NULL && *error != NULL)
            break;
          fields[1] = id_number != NULL ? id_number : "";
          fields[2] = phone != NULL ? phone : "";
        }
      jfd_csv_append_record (out, fields, G_N_ELEMENTS (fields));
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
jfd_engine_people_export_async (JfdEngine           *self,
                                JfdActor            *actor,
                                GHashTable          *query,
                                gboolean             reveal_numbers,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const char *code = query != NULL ? g_hash_table_lookup (query, "org") : NULL;
  const JfdOrgUnit *root = jfd_catalog_org_by_code (catalog, code != NULL ? code
                                                    : actor->org_code);
  g_autoptr(JsonObject) p = json_object_new ();
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;
  Export *ex;
  JfdPlace place = { 0, };
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_people_export_async);
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
  if (root == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "org",
                                               "There is no unit “%s”", code));
      return;
    }
  place.org_id = root->id;
  place.county_id = root->county_id;
  place.township_id = root->township_id;
  place.village_id = root->village_id;
  if (!jfd_actor_covers (actor, &place))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, "org",
                                               "“%s” is outside your scope", root->name));
      return;
    }
  ex = g_new0 (Export, 1);
  ex->crypto = jfd_crypto_ref (jfd_shared_get_crypto (self->shared));
  ex->reveal = reveal_numbers;
  g_task_set_task_data (task, ex, (GDestroyNotify) export_free);
  json_object_set_int_member (p, "root", root->id);
  json_object_set_boolean_member (p, "reveal", reveal_numbers);
  json_object_set_int_member (p, "actor_id", actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (actor, JFD_REGISTRY_READERS));
  json_object_set_int_member (p, "actor_org_id", actor->org_id);
  parameter = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), &export_stmt, (const char *[]) { text },
                    exported_cb);
}

GBytes *
jfd_engine_people_export_finish (JfdEngine     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
