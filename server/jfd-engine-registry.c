/* jfd-engine-registry.c: creating, reading and changing registry records (DOMAIN.md §7)
 *
 * Every member is read and checked here (jfd-registry-fields.c), personal numbers sealed
 * and hashed, units looked up in the catalog and checked against the actor's subtree; the
 * database then writes in one statement (jf.person_save and its kin, schema/0013), with
 * the audit entry, refusing a duplicate — the same ID number, address within a unit, or
 * credit code — by answering the record that exists. A change reads the record first
 * (its scope decides), and writes with the version the client read: a stale one is a
 * conflict, as for matters.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-registry-private.h"
#include "jfd-personal.h"

typedef struct
{
  const char         *missing;     /* "No such person" */
  const char         *duplicate;   /* the member that makes a duplicate, or NULL */
  const char         *duplicate_message;
  JfdStatement        get;
  JfdStatement        save;
} Kind;

static const Kind kinds[] = {
  { "No such person", "id_number",
    "A person with this ID number is registered already",
    { "registry_person_get", "SELECT jf.person_json($1::bigint)::text", 1 },
    { "registry_person_save", "SELECT jf.person_save($1::jsonb)::text", 1 } },
  { "No such place", "address",
    "This address is registered already in this unit",
    { "registry_place_get", "SELECT jf.place_json($1::bigint)::text", 1 },
    { "registry_place_save", "SELECT jf.place_save($1::jsonb)::text", 1 } },
  { "No such organisation", "credit_code",
    "An organisation with this credit code is registered already",
    { "registry_organisation_get", "SELECT jf.organisation_json($1::bigint)::text", 1 },
    { "registry_organisation_save", "SELECT jf.organisation_save($1::jsonb)::text", 1 } },
  { "No such thing", NULL, NULL,
    { "registry_thing_get", "SELECT jf.thing_json($1::bigint)::text", 1 },
    { "registry_thing_save", "SELECT jf.thing_save($1::jsonb)::text", 1 } },
};

static const JfdStatement reveal_stmt = {
  "registry_person_reveal", "SELECT jf.person_reveal($1::jsonb)::text", 1,
};

typedef struct
{
  JfdActor        *actor;     /* owned */
  JfdCatalog      *catalog;   /* owned */
  JfdRegistryKind  kind;
  gint64           id;
  char            *id_text;
  gboolean         reveal;
  JsonObject      *write;     /* owned: the save's parameter */
  JsonNode        *doc;       /* owned: the record as read */
} Record;

static void
record_free (Record *r)
{
  jfd_actor_unref (r->actor);
  jfd_catalog_unref (r->catalog);
  g_free (r->id_text);
  g_clear_pointer (&r->write, json_object_unref);
  g_clear_pointer (&r->doc, json_node_unref);
  g_free (r);
}

static GTask *
record_task (JfdEngine           *self,
             JfdActor            *actor,
             JfdRegistryKind      kind,
             gint64               id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Record *r = g_new0 (Record, 1);

  g_task_set_source_tag (task, tag);
  r->actor = jfd_actor_ref (actor);
  r->catalog = jfd_shared_get_catalog (self->shared);
  r->kind = kind;
  r->id = id;
  r->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_task_set_task_data (task, r, (GDestroyNotify) record_free);
  return task;
}

static GError *
out_of_scope (void)
{
  return jf_error_new (JF_ERROR_FORBIDDEN, NULL,
                       "This record belongs to another unit, outside your scope");
}

/* The parameter of a save: the actor, and what the body sets. */
static gboolean
begin_write (JfdEngine   *self,
             Record      *r,
             JsonObject  *body,
             gboolean     creating,
             GError     **error)
{
  JfdRegistryInput in = { jfd_shared_get_crypto (self->shared), r->catalog, r->actor };
  g_autoptr(JsonObject) set = json_object_new ();
  g_autoptr(JsonArray) fields = json_array_new ();

  if (!jfd_registry_read (&in, r->kind, body, creating, set, fields, error))
    return FALSE;
  if (json_array_get_length (fields) == 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "Nothing to change");
      return FALSE;
    }
  r->write = json_object_new ();
  json_object_set_int_member (r->write, "actor_id", r->actor->account_id);
  json_object_set_string_member (r->write, "actor_role",
                                 jfd_actor_role_for (r->actor, JFD_REGISTRY_WRITERS));
  json_object_set_int_member (r->write, "actor_org_id", r->actor->org_id);
  json_object_set_int_member (r->write, "actor_root", r->actor->org_id);
  json_object_set_object_member (r->write, "set", g_steal_pointer (&set));
  json_object_set_array_member (r->write, "fields", g_steal_pointer (&fields));
  return TRUE;
}

/* {result} | {duplicate} | {missing} | {conflict, current} | {invalid: {field, message}} */
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  Record *r = g_task_get_task_data (task);
  const Kind *kind = &kinds[r->kind];
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  JsonObject *doc;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_INTERNAL, NULL, "the save answered nothing"));
      return;
    }
  answer = json_node_get_object (node);
  if (json_object_has_member (answer, "result"))
    {
      doc = json_object_get_object_member (answer, "result");
      jfd_registry_admit (r->actor, doc);
      jfd_engine_return_json (task, json_node_ref (json_object_get_member (answer, "result")));
    }
  else if (json_object_has_member (answer, "duplicate"))
    {
      g_autoptr(JsonObject) only_id = json_object_new ();
      g_autoptr(JsonNode) detail = NULL;

      doc = json_object_get_object_member (answer, "duplicate");
      error = jf_error_new (JF_ERROR_CONFLICT, kind->duplicate, "%s", kind->duplicate_message);
      if (jfd_registry_admit (r->actor, doc))
        detail = json_node_ref (json_object_get_member (answer, "duplicate"));
      else
        {
          json_object_set_int_member (only_id, "id", json_object_get_int_member (doc, "id"));
          detail = json_node_init_object (json_node_alloc (), only_id);
        }
      jf_error_set_detail (error, detail);
      g_task_return_error (task, error);
    }
  else if (json_object_has_member (answer, "missing"))
    g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "%s", kind->missing));
  else if (json_object_has_member (answer, "forbidden"))
    g_task_return_error (task, out_of_scope ());
  else if (json_object_has_member (answer, "conflict"))
    {
      doc = json_object_get_object_member (answer, "current");
      jfd_registry_admit (r->actor, doc);
      error = jf_error_new (JF_ERROR_CONFLICT, "version",
                            "Someone changed this record meanwhile: it is now at version %"
                            G_GINT64_FORMAT "; look again before you change it",
                            json_object_get_int_member (doc, "version"));
      jf_error_set_detail (error, json_object_get_member (answer, "current"));
      g_task_return_error (task, error);
    }
  else if (json_object_has_member (answer, "invalid"))
    {
      JsonObject *why = json_object_get_object_member (answer, "invalid");

      g_task_return_error (task, jf_error_new (
        JF_ERROR_INVALID, json_object_get_string_member_with_default (why, "field", NULL),
        "%s", json_object_get_string_member_with_default (why, "message", "")));
    }
  else
    g_task_return_error (task, jf_error_new (JF_ERROR_INTERNAL, NULL,
                                             "the save answered an unknown document"));
}

static void
save_record (JfdEngine *self,
             GTask     *task)
{
  Record *r = g_task_get_task_data (task);
  g_autoptr(JsonNode) parameter = json_node_init_object (json_node_alloc (), r->write);
  g_autofree char *text = jf_json_to_string (parameter, NULL);

  jfd_engine_query (self, task, &kinds[r->kind].save, (const char *[]) { text }, saved_cb);
}

void
jfd_engine_registry_create_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  JfdRegistryKind      kind,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = record_task (self, actor, kind, 0, cancellable, callback, user_data,
                                       jfd_engine_registry_create_async);
  Record *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!jfd_registry_require (actor, TRUE, &error) ||
      !begin_write (self, r, body, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  save_record (self, g_steal_pointer (&task));
}

static void
revealed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Record *r = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) sealed = NULL;
  JsonObject *doc;
  GError *error = NULL;

  if (res == NULL)
    return;
  sealed = jfd_engine_result_json (res, &error);
  if (sealed == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such person"));
      return;
    }
  doc = json_node_get_object (r->doc);
  if (!jfd_registry_open_numbers (jfd_shared_get_crypto (self->shared),
                                  json_node_get_object (sealed), doc, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_boolean_member (doc, "revealed", TRUE);
  jfd_engine_return_json (task, g_steal_pointer (&r->doc));
}

static void
reveal (JfdEngine *self,
        GTask     *task)
{
  Record *r = g_task_get_task_data (task);
  g_autoptr(JsonObject) p = json_object_new ();
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;

  json_object_set_int_member (p, "person_id", r->id);
  json_object_set_int_member (p, "actor_id", r->actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (r->actor, JFD_REGISTRY_READERS));
  json_object_set_int_member (p, "actor_org_id", r->actor->org_id);
  parameter = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, task, &reveal_stmt, (const char *[]) { text }, revealed_cb);
}

/* The record as read, admitted; FALSE with the error returned on @task. */
static gboolean
take_read (GTask        *task,
           GAsyncResult *result)
{
  Record *r = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;

  if (res == NULL)
    return FALSE;
  r->doc = jfd_engine_result_json (res, &error);
  if (r->doc == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "%s",
                                           kinds[r->kind].missing));
      return FALSE;
    }
  if (!jfd_registry_admit (r->actor, json_node_get_object (r->doc)))
    {
      g_task_return_error (task, out_of_scope ());
      return FALSE;
    }
  return TRUE;
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Record *r = g_task_get_task_data (task);

  if (!take_read (task, result))
    return;
  if (!r->reveal)
    {
      jfd_engine_return_json (task, g_steal_pointer (&r->doc));
      return;
    }
  if (!jfd_personal_may_reveal (r->actor->roles))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, "reveal",
                                               "Your roles may see ID and phone numbers only "
                                               "masked"));
      return;
    }
  reveal (self, g_steal_pointer (&task));
}

void
jfd_engine_registry_get_async (JfdEngine           *self,
                               JfdActor            *actor,
                               JfdRegistryKind      kind,
                               gint64               id,
                               gboolean             reveal_numbers,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = record_task (self, actor, kind, id, cancellable, callback, user_data,
                                       jfd_engine_registry_get_async);
  Record *r = g_task_get_task_data (task);
  GError *error = NULL;

  if (!jfd_registry_require (actor, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (reveal_numbers && kind != JFD_REGISTRY_PEOPLE)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "reveal",
                                               "Only people have numbers to reveal"));
      return;
    }
  r->reveal = reveal_numbers;
  jfd_engine_query (self, g_steal_pointer (&task), &kinds[kind].get,
                    (const char *[]) { r->id_text }, read_cb);
}

static void
update_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);

  if (!take_read (task, result))
    return;
  save_record (self, g_steal_pointer (&task));
}

void
jfd_engine_registry_update_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  JfdRegistryKind      kind,
                                  gint64               id,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = record_task (self, actor, kind, id, cancellable, callback, user_data,
                                       jfd_engine_registry_update_async);
  Record *r = g_task_get_task_data (task);
  gint64 version = 0;
  GError *error = NULL;

  if (!jfd_registry_require (actor, TRUE, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !begin_write (self, r, body, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (r->write, "id", id);
  json_object_set_int_member (r->write, "version", version);
  jfd_engine_query (self, g_steal_pointer (&task), &kinds[kind].get,
                    (const char *[]) { r->id_text }, update_read_cb);
}
