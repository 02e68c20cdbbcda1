/* jfd-engine-matters.c: reading a matter and its timeline */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-private.h"
#include "jfd-personal.h"

static const JfdStatement matter_stmt = {
  "matter_get", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement reveal_stmt = {
  "matter_reveal",
  "SELECT jf.reveal_parties($1::bigint, $2::integer, $3, $4::integer)::text", 4,
};

static const JfdStatement events_stmt = {
  "matter_events",
  "SELECT jf.matter_scope($1::bigint)::text, jf.matter_events_json($1::bigint)::text", 1,
};

typedef struct
{
  JfdActor *actor;
  gint64    id;
  char     *id_text;
  gboolean  reveal;
  JsonNode *matter;
} Read;

static void
read_free (Read *r)
{
  jfd_actor_unref (r->actor);
  g_free (r->id_text);
  g_clear_pointer (&r->matter, json_node_unref);
  g_free (r);
}

static GTask *
read_task (JfdEngine   *self,
           JfdActor    *actor,
           gint64       id,
           GCancellable *cancellable,
           GAsyncReadyCallback callback,
           gpointer     user_data,
           gpointer     tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Read *r = g_new0 (Read, 1);

  g_task_set_source_tag (task, tag);
  r->actor = jfd_actor_ref (actor);
  r->id = id;
  r->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_task_set_task_data (task, r, (GDestroyNotify) read_free);
  return task;
}

static void
not_found (GTask *task)
{
  g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such matter"));
}

static void
revealed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Read *r = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) sealed = NULL;
  JsonArray *parties;
  JsonArray *opened;
  GError *error = NULL;

  if (res == NULL)
    return;
  sealed = jfd_engine_result_json (res, &error);
  if (sealed == NULL)
    {
      error != NULL ? g_task_return_error (task, error) : not_found (task);
      return;
    }
  parties = json_object_get_array_member (json_node_get_object (r->matter), "parties");
  opened = json_node_get_array (sealed);
  for (guint i = 0; i < json_array_get_length (parties) && i < json_array_get_length (opened);
       i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      JsonObject *secret = json_array_get_object_element (opened, i);
      const char *fields[] = { "id_number", "phone" };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *whole = jfd_personal_open (
            jfd_shared_get_crypto (self->shared),
            json_object_get_string_member_with_default (secret, fields[f], NULL), &error);

          if (error != NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          if (whole != NULL)
            json_object_set_string_member (party, fields[f], whole);
        }
    }
  json_object_set_boolean_member (json_node_get_object (r->matter), "revealed", TRUE);
  jfd_engine_return_json (task, g_steal_pointer (&r->matter));
}

static void
matter_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Read *r = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;

  if (res == NULL)
    return;
  r->matter = jfd_engine_result_json (res, &error);
  if (r->matter == NULL)
    {
      error != NULL ? g_task_return_error (task, error) : not_found (task);
      return;
    }
  if (!jfd_engine_admit_matter (self, r->actor, json_node_get_object (r->matter), FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!r->reveal)
    {
      jfd_engine_return_json (task, g_steal_pointer (&r->matter));
      return;
    }
  if (!jfd_personal_may_reveal (r->actor->roles))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, "reveal",
                                               "Your roles may see ID and phone numbers only "
                                               "masked"));
      return;
    }
  {
    g_autofree char *actor_id = g_strdup_printf ("%d", r->actor->account_id);
    g_autofree char *org_id = g_strdup_printf ("%d", r->actor->org_id);
    const char *role = jfd_actor_role_for (r->actor, r->actor->roles);

    jfd_engine_query (self, g_steal_pointer (&task), &reveal_stmt,
                      (const char *[]) { r->id_text, actor_id, role, org_id }, revealed_cb);
  }
}

void
jfd_engine_get_matter_async (JfdEngine           *self,
                             JfdActor            *actor,
                             gint64               id,
                             gboolean             reveal,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = read_task (self, actor, id, cancellable, callback, user_data,
                           jfd_engine_get_matter_async);
  Read *r = g_task_get_task_data (task);

  r->reveal = reveal;
  jfd_engine_query (self, task, &matter_stmt, (const char *[]) { r->id_text }, matter_cb);
}

static void
events_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Read *r = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) scope = NULL;
  g_autoptr(JsonNode) events = NULL;
  g_autoptr(JsonObject) probe = json_object_new ();
  GError *error = NULL;

  if (res == NULL)
    return;
  if (PQgetisnull (res, 0, 0))
    {
      not_found (task);
      return;
    }
  scope = jf_json_parse (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0), &error);
  events = scope != NULL ? jf_json_parse (PQgetvalue (res, 0, 1), PQgetlength (res, 0, 1),
                                          &error) : NULL;
  if (events == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Admission reads the scope of a matter document; a two-member one will do. */
  json_object_set_member (probe, "scope", json_node_ref (scope));
  json_object_set_string_member (probe, "status", "closed");
  if (!jfd_engine_admit_matter (self, r->actor, probe, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, g_steal_pointer (&events));
}

void
jfd_engine_list_events_async (JfdEngine           *self,
                              JfdActor            *actor,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = read_task (self, actor, id, cancellable, callback, user_data,
                           jfd_engine_list_events_async);
  Read *r = g_task_get_task_data (task);

  jfd_engine_query (self, task, &events_stmt, (const char *[]) { r->id_text }, events_cb);
}
