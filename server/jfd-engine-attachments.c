/* jfd-engine-attachments.c: uploading, listing and downloading a matter's files
 *
 * The type is decided by the content, not by the client's word; the claimed type must
 * agree with it. Hashing and writing tens of megabytes happen on a worker thread.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-attachment-store.h"
#include "jfd-engine-private.h"

static const JfdStatement scope_stmt = {
  "attachment_scope", "SELECT jf.matter_scope($1::bigint)::text", 1,
};

static const JfdStatement add_stmt = {
  "attachment_add", "SELECT jf.add_attachment($1::jsonb)::text", 1,
};

static const JfdStatement list_stmt = {
  "attachment_list",
  "SELECT jf.matter_scope($1::bigint)::text, "
  "coalesce((SELECT jsonb_agg(jf.attachment_json(id) ORDER BY id) FROM jf.attachments "
  "          WHERE matter_id = $1::bigint), '[]')::text",
  1,
};

static const JfdStatement get_stmt = {
  "attachment_get",
  "SELECT jf.matter_scope(a.matter_id)::text, encode(a.sha256, 'hex'), a.media_type, a.filename "
  "FROM jf.attachments a WHERE a.id = $1::bigint",
  1,
};

typedef struct
{
  JfdActor *actor;
  char     *matter_id;
  char     *filename;
  char     *media_type;
  GBytes   *content;
  char     *sha256;
} Upload;

static void
upload_free (Upload *u)
{
  jfd_actor_unref (u->actor);
  g_free (u->matter_id);
  g_free (u->filename);
  g_free (u->media_type);
  g_clear_pointer (&u->content, g_bytes_unref);
  g_free (u->sha256);
  g_free (u);
}

/* Checks a scope document (jf.matter_scope) against @actor: reading as a matter's reader,
 * adding as one of JFD_MATTER_WORKERS in its subtree, or as the liaison of a department
 * it was whistled to, for their feedback. */
static gboolean
admit_scope (JfdEngine   *self,
             JfdActor    *actor,
             const char  *scope_text,
             gboolean     adding,
             GError     **error)
{
  g_autoptr(JsonNode) scope = NULL;
  JfdRelation relation;

  if (scope_text == NULL)
    {
      jf_set_error (error, JF_ERROR_NOT_FOUND, NULL, "No such matter");
      return FALSE;
    }
  scope = jf_json_parse (scope_text, strlen (scope_text), error);
  if (scope == NULL)
    return FALSE;
  relation = jfd_engine_relation (actor, json_node_get_object (scope));
  if (relation == JFD_RELATION_NONE)
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "This matter belongs to another centre, outside your scope");
      return FALSE;
    }
  if (adding && !(relation == JFD_RELATION_DEPARTMENT ||
                  (relation == JFD_RELATION_SUBTREE &&
                   (actor->roles & JFD_MATTER_WORKERS) != 0)))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "Those who work on the matter add its files");
      return FALSE;
    }
  return TRUE;
}

static const char *
value_or_null (PGresult *res,
               int       col)
{
  return PQntuples (res) > 0 && !PQgetisnull (res, 0, col) ? PQgetvalue (res, 0, col) : NULL;
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL || json_object_has_member (json_node_get_object (node), "missing"))
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such matter"));
      return;
    }
  jfd_engine_return_json (task, json_node_ref (json_object_get_member (
                                                 json_node_get_object (node), "attachment")));
}

static void
store_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  JfdEngine *self = source;
  Upload *u = data;
  GError *error = NULL;
  char *hex = jfd_attachment_store_put (jfd_shared_get_config (self->shared)->
                                          attachments_directory, u->content, &error);

  if (hex == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hex, g_free);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Upload *u = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) p = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  u->sha256 = g_task_propagate_pointer (G_TASK (result), &error);
  if (u->sha256 == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (p, "matter_id", g_ascii_strtoll (u->matter_id, NULL, 10));
  json_object_set_string_member (p, "sha256", u->sha256);
  json_object_set_int_member (p, "size", g_bytes_get_size (u->content));
  json_object_set_string_member (p, "media_type", u->media_type);
  json_object_set_string_member (p, "filename", u->filename);
  json_object_set_int_member (p, "actor_id", u->actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (u->actor, u->actor->roles));
  json_object_set_int_member (p, "actor_org_id", u->actor->org_id);
  node = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (node, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), &add_stmt, (const char *[]) { text },
                    added_cb);
}

static void
upload_scope_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Upload *u = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(GTask) store = NULL;
  GError *error = NULL;

  if (res == NULL)
    return;
  if (!admit_scope (self, u->actor, value_or_null (res, 0), TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  store = g_task_new (self, g_task_get_cancellable (task), stored_cb, g_object_ref (task));
  g_task_set_task_data (store, u, NULL);
  g_task_run_in_thread (store, store_in_thread);
}

/* A name for a person to recognise; never a path. */
static gboolean
check_filename (const char  *name,
                GError     **error)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) < 1 ||
      g_utf8_strlen (name, -1) > 200 || strchr (name, '/') != NULL ||
      strchr (name, '\\') != NULL || name[0] == '.')
    {
      jf_set_error (error, JF_ERROR_INVALID, "filename",
                    "Give the file's name (1–200 characters, no “/” or “\\”, not starting "
                    "with “.”)");
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        jf_set_error (error, JF_ERROR_INVALID, "filename", "The file's name has a control "
                      "character");
        return FALSE;
      }
  return TRUE;
}

void
jfd_engine_add_attachment_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               matter_id,
                                 const char          *filename,
                                 const char          *claimed_type,
                                 GBytes              *content,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Upload *u = g_new0 (Upload, 1);
  const char *sniffed;
  gsize len = content != NULL ? g_bytes_get_size (content) : 0;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_add_attachment_async);
  g_task_set_task_data (task, u, (GDestroyNotify) upload_free);
  u->actor = jfd_actor_ref (actor);
  u->matter_id = g_strdup_printf ("%" G_GINT64_FORMAT, matter_id);
  if (!check_filename (filename, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (len == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL, "The file is empty"));
      return;
    }
  sniffed = jfd_attachment_sniff (g_bytes_get_data (content, NULL), len);
  if (sniffed == NULL || g_strcmp0 (sniffed, claimed_type) != 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_UNSUPPORTED_MEDIA, NULL,
                                               sniffed == NULL
                                               ? "Attach photos (JPEG, PNG, TIFF, WebP) or PDF "
                                                 "scans; this file is none of them"
                                               : "The file is %s, not what its type says",
                                               sniffed));
      return;
    }
  u->filename = g_utf8_normalize (filename, -1, G_NORMALIZE_NFC);
  u->media_type = g_strdup (sniffed);
  u->content = g_bytes_ref (content);
  jfd_engine_query (self, g_steal_pointer (&task), &scope_stmt,
                    (const char *[]) { u->matter_id }, upload_scope_cb);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Upload *u = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *list;

  if (res == NULL)
    return;
  if (!admit_scope (self, u->actor, value_or_null (res, 0), FALSE, &error) ||
      (list = jf_json_parse (PQgetvalue (res, 0, 1), PQgetlength (res, 0, 1), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, list);
}

void
jfd_engine_list_attachments_async (JfdEngine           *self,
                                   JfdActor            *actor,
                                   gint64               matter_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Upload *u = g_new0 (Upload, 1);

  g_task_set_source_tag (task, jfd_engine_list_attachments_async);
  g_task_set_task_data (task, u, (GDestroyNotify) upload_free);
  u->actor = jfd_actor_ref (actor);
  u->matter_id = g_strdup_printf ("%" G_GINT64_FORMAT, matter_id);
  jfd_engine_query (self, task, &list_stmt, (const char *[]) { u->matter_id }, listed_cb);
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  JfdEngine *self = source;
  Upload *u = data;
  GError *error = NULL;
  GBytes *bytes = jfd_attachment_store_get (jfd_shared_get_config (self->shared)->
                                              attachments_directory, u->sha256, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
got_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Upload *u = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;

  if (res == NULL)
    return;
  if (PQntuples (res) == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such attachment"));
      return;
    }
  if (!admit_scope (self, u->actor, value_or_null (res, 0), FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  u->sha256 = g_strdup (PQgetvalue (res, 0, 1));
  u->media_type = g_strdup (PQgetvalue (res, 0, 2));
  u->filename = g_strdup (PQgetvalue (res, 0, 3));
  g_task_run_in_thread (task, read_in_thread);
}

void
jfd_engine_get_attachment_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Upload *u = g_new0 (Upload, 1);

  g_task_set_source_tag (task, jfd_engine_get_attachment_async);
  g_task_set_task_data (task, u, (GDestroyNotify) upload_free);
  u->actor = jfd_actor_ref (actor);
  u->matter_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  jfd_engine_query (self, task, &get_stmt, (const char *[]) { u->matter_id }, got_cb);
}

GBytes *
jfd_engine_attachment_finish (JfdEngine     *self,
                              GAsyncResult  *result,
                              char         **out_media_type,
                              char         **out_filename,
                              GError       **error)
{
  Upload *u = g_task_get_task_data (G_TASK (result));
  GBytes *bytes = g_task_propagate_pointer (G_TASK (result), error);

  if (bytes != NULL)
    {
      *out_media_type = g_strdup (u->media_type);
      *out_filename = g_strdup (u->filename);
    }
  return bytes;
}
