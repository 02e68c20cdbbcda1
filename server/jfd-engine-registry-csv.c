/* jfd-engine-registry-csv.c: importing people, places and organisations from CSV files
 * (DOMAIN.md §7)
 *
 * A file of a village's residents, its places or the organisations in it comes from a
 * spreadsheet: UTF-8 with or without a byte-order mark, a header row naming the columns
 * (those of an export, in any order; some required). Every row is read and checked as
 * POST /v1/people, /v1/places or /v1/organisations checks a body, through the same readers
 * (jfd-registry-fields.c), but every bad cell is reported, not only the first, and so are
 * two rows that may not both be registered (one ID number, one address in a unit, one
 * credit code). The database then checks the rows against the records registered already
 * and writes all of them in one statement, or none: a file is never half-imported. The
 * answer to a file with errors is the list of them, by row (as the spreadsheet numbers
 * them: the header is row 1) and column.
 *
 * Reading, checking and sealing some thousands of rows takes a while: it runs on a worker
 * thread, never on a server loop.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jf-json.h"
#include "jfd-csv.h"
#include "jfd-engine-registry-csv-private.h"

#define MAX_ROWS 20000

static const JfdStatement people_import = {
  "people_import", "SELECT jf.people_import($1::jsonb)::text", 1,
};
static const JfdStatement people_export = {
  "people_export",
  "SELECT id, name, id_number, phone, address, grid_code, tags "
  "FROM jf.people_export($1::jsonb)", 1,
};
/* Places and organisations: @kind in the parameter says which. */
static const JfdStatement registry_import = {
  "registry_import", "SELECT jf.registry_import($1::jsonb)::text", 1,
};
static const JfdStatement places_export = {
  "places_export",
  "SELECT id, kind, name, address, org_code, lat, lng FROM jf.places_export($1::jsonb)", 1,
};
static const JfdStatement organisations_export = {
  "organisations_export",
  "SELECT id, kind, name, credit_code, address, org_code, contact_name "
  "FROM jf.organisations_export($1::jsonb)", 1,
};

static const JfdCsvColumn person_columns[] = {
  { "name", "name", JFD_CSV_TEXT, TRUE, FALSE },
  { "id_number", "id_number", JFD_CSV_TEXT, FALSE, TRUE },
  { "phone", "phone", JFD_CSV_TEXT, FALSE, TRUE },
  { "address", "address", JFD_CSV_TEXT, FALSE, FALSE },
  { "grid_code", "grid", JFD_CSV_TEXT, TRUE, FALSE },
  { "tags", "tags", JFD_CSV_LIST, FALSE, FALSE },
};

static const JfdCsvColumn place_columns[] = {
  { "kind", "kind", JFD_CSV_TEXT, FALSE, FALSE },
  { "name", "name", JFD_CSV_TEXT, TRUE, FALSE },
  { "address", "address", JFD_CSV_TEXT, TRUE, FALSE },
  { "org_code", "org", JFD_CSV_TEXT, TRUE, FALSE },
  { "lat", "lat", JFD_CSV_NUMBER, FALSE, FALSE },
  { "lng", "lng", JFD_CSV_NUMBER, FALSE, FALSE },
};

static const JfdCsvColumn organisation_columns[] = {
  { "kind", "kind", JFD_CSV_TEXT, TRUE, FALSE },
  { "name", "name", JFD_CSV_TEXT, TRUE, FALSE },
  { "credit_code", "credit_code", JFD_CSV_TEXT, FALSE, FALSE },
  { "address", "address", JFD_CSV_TEXT, FALSE, FALSE },
  { "org_code", "org", JFD_CSV_TEXT, FALSE, FALSE },
  { "contact_name", "contact_name", JFD_CSV_TEXT, FALSE, FALSE },
};

static const char * const person_unique[] = { "id_number_hmac", NULL };
static const char * const place_unique[] = { "org_id", "address", NULL };
static const char * const organisation_unique[] = { "credit_code", NULL };

static const JfdCsvShape shapes[] = {
  { JFD_REGISTRY_PEOPLE, "people", "person", person_columns, G_N_ELEMENTS (person_columns),
    &people_import, &people_export, person_unique, "id_number", "ID number", TRUE },
  { JFD_REGISTRY_PLACES, "places", "place", place_columns, G_N_ELEMENTS (place_columns),
    &registry_import, &places_export, place_unique, "address", "address in the same unit",
    TRUE },
  { JFD_REGISTRY_ORGANISATIONS, "organisations", "organisation", organisation_columns,
    G_N_ELEMENTS (organisation_columns), &registry_import, &organisations_export,
    organisation_unique, "credit_code", "credit code", FALSE },
};

const JfdCsvShape *
jfd_registry_csv_shape (JfdRegistryKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (shapes[i].kind == kind)
      return &shapes[i];
  return NULL;
}

typedef struct
{
  const JfdCsvShape *shape;
  JfdActor          *actor;    /* owned */
  JfdCatalog        *catalog;  /* owned */
  JfdCrypto         *crypto;   /* owned */
  GBytes            *csv;      /* owned */
  JsonArray         *errors;   /* owned: {row, column, message} found reading the file */
  JsonArray         *rows;     /* owned: {row, set} of the rows without errors */
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
  const JfdCsvShape *shape = im->shape;
  gboolean ok = TRUE;

  for (guint c = 0; c < shape->n_columns; c++)
    out_index[c] = -1;
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *clean = clean_cell (header[i]);
      g_autofree char *name = g_ascii_strdown (clean, -1);
      gboolean known = FALSE;

      for (guint c = 0; c < shape->n_columns; c++)
        {
          if (!g_str_equal (name, shape->columns[c].column))
            continue;
          known = TRUE;
          if (out_index[c] >= 0)
            {
              add_error (im->errors, 1, shape->columns[c].column, "This column is named twice");
              ok = FALSE;
            }
          out_index[c] = (gint) i;
        }
      if (!known)
        {
          g_autoptr(GString) message = g_string_new (NULL);

          g_string_printf (message, "Unknown column “%s”: the columns are", clean);
          for (guint c = 0; c < shape->n_columns; c++)
            g_string_append_printf (message, "%s %s",
                                    c == 0 ? "" : c + 1 == shape->n_columns ? " and" : ",",
                                    shape->columns[c].column);
          add_error (im->errors, 1, clean, message->str);
          ok = FALSE;
        }
    }
  for (guint c = 0; c < shape->n_columns; c++)
    if (shape->columns[c].required && out_index[c] < 0)
      {
        add_error (im->errors, 1, shape->columns[c].column, "The header row lacks this column");
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

static void
set_cell (JsonObject         *body,
          const JfdCsvColumn *column,
          const char         *cell)
{
  switch (column->type)
    {
    case JFD_CSV_LIST:
      {
        g_auto(GStrv) items = g_regex_split_simple ("[;；、|,，]", cell, 0, 0);
        JsonArray *array = json_array_new ();

        for (guint t = 0; items[t] != NULL; t++)
          {
            g_autofree char *item = clean_cell (items[t]);

            if (item[0] != '\0')
              json_array_add_string_element (array, item);
          }
        json_object_set_array_member (body, column->member, array);
      }
      break;
    case JFD_CSV_NUMBER:
      {
        g_autofree char *clean = clean_cell (cell);
        char *end = NULL;
        double value = g_ascii_strtod (clean, &end);

        /* Anything but a number stays text, which the body's check refuses as it would. */
        if (clean[0] != '\0' && end != NULL && *end == '\0' && isfinite (value))
          json_object_set_double_member (body, column->member, value);
        else
          json_object_set_string_member (body, column->member, cell);
      }
      break;
    case JFD_CSV_TEXT:
    default:
      json_object_set_string_member (body, column->member, cell);
      break;
    }
}

/* A row as the body of POST /v1/<kind> would have it. */
static JsonObject *
row_body (const JfdCsvShape  *shape,
          char              **fields,
          const gint         *index)
{
  JsonObject *body = json_object_new ();

  for (guint c = 0; c < shape->n_columns; c++)
    {
      const char *cell = index[c] >= 0 ? jfd_csv_unguard (fields[index[c]]) : NULL;

      if (cell != NULL && cell[0] != '\0')
        set_cell (body, &shape->columns[c], cell);
    }
  return body;
}

/* The column of a member the readers named (lat's reader names lng when it is missing). */
static const char *
column_of (const JfdCsvShape *shape,
           const char        *member,
           const char        *fallback)
{
  for (guint c = 0; member != NULL && c < shape->n_columns; c++)
    if (g_str_equal (shape->columns[c].member, member))
      return shape->columns[c].column;
  return fallback;
}

/* What two rows of one file may not share, or NULL when the row leaves some of it out. */
static char *
unique_key (const JfdCsvShape *shape,
            JsonObject        *set)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; shape->unique[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (set, shape->unique[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return NULL;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (key, json_node_get_string (node));
      else
        g_string_append_printf (key, "%" G_GINT64_FORMAT, json_node_get_int (node));
      g_string_append_c (key, '\n');
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Reads one data row; its errors go to @im->errors, a good row to @im->rows. */
static void
read_row (Import      *im,
          guint        row,
          char       **fields,
          const gint  *index,
          guint        n_header,
          GHashTable  *seen)
{
  const JfdCsvShape *shape = im->shape;
  JfdRegistryInput in = { im->crypto, im->catalog, im->actor };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) set = json_object_new ();
  g_autofree char *key = NULL;
  JsonObject *entry;
  gboolean ok = TRUE;

  if (g_strv_length (fields) != n_header)
    {
      g_autofree char *message = g_strdup_printf ("The row has %u fields; the header has %u",
                                                  g_strv_length (fields), n_header);

      add_error (im->errors, row, NULL, message);
      return;
    }
  body = row_body (shape, fields, index);
  for (guint c = 0; c < shape->n_columns; c++)
    {
      g_autoptr(GError) error = NULL;

      if (!jfd_registry_read_member (&in, shape->kind, shape->columns[c].member, body, set,
                                     &error))
        {
          add_error (im->errors, row,
                     column_of (shape, jf_error_get_field (error), shape->columns[c].column),
                     error->message);
          ok = FALSE;
        }
    }
  if (!ok)
    return;
  key = unique_key (shape, set);
  if (key != NULL)
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

      if (first != 0)
        {
          g_autofree char *message = g_strdup_printf ("The same %s as row %u",
                                                      shape->unique_what, first);

          add_error (im->errors, row, shape->unique_column, message);
          return;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row));
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
  const JfdCsvShape *shape = im->shape;
  gsize len;
  const char *data = g_bytes_get_data (im->csv, &len);
  g_autoptr(JfdCsvReader) reader = jfd_csv_reader_new (data, len, error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  g_autofree gint *index = g_new (gint, shape->n_columns);
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
                    "The file is empty: a header row and a row per %s are expected",
                    shape->singular);
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
                        "A file may hold at most %u %s; split it", MAX_ROWS, shape->plural);
          return FALSE;
        }
      read_row (im, row, fields, index, g_strv_length (header), seen);
    }
  if (n_rows == 0 && json_array_get_length (im->errors) == 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "The file holds a header row and no %s",
                    shape->plural);
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
  json_object_set_string_member (p, "kind", im->shape->plural);
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
  jfd_engine_query (self, g_steal_pointer (&task), im->shape->import_stmt,
                    (const char *[]) { text }, imported_cb);
}

void
jfd_engine_registry_import_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  JfdRegistryKind      kind,
                                  GBytes              *csv,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) reading = NULL;
  Import *im;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_registry_import_async);
  g_return_if_fail (jfd_registry_csv_shape (kind) != NULL);
  if (!jfd_registry_require (actor, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  im = g_new0 (Import, 1);
  im->shape = jfd_registry_csv_shape (kind);
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

