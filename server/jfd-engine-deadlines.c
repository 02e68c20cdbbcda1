/* jfd-engine-deadlines.c: a matter's clocks, and pausing them (a hearing, an appraisal)
 *
 * Whoever works on the matter may pause and resume its clocks; resuming moves the due and
 * warning times later by the time the clock stood still (jf.pause_deadline), the rule of
 * common/jf-deadline.h.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-private.h"

static const JfdStatement list_stmt = {
  "deadlines_list",
  "SELECT jf.matter_scope($1::bigint)::text, coalesce((SELECT jsonb_agg(jf.deadline_json(id) "
  "ORDER BY id) FROM jf.deadlines WHERE matter_id = $1::bigint), '[]')::text",
  1,
};

static const JfdStatement scope_stmt = {
  "deadlines_scope",
  "SELECT jf.matter_scope(matter_id)::text FROM jf.deadlines WHERE id = $1::bigint",
  1,
};

static const JfdStatement pause_stmt = {
  "deadlines_pause", "SELECT jf.pause_deadline($1::jsonb)::text", 1,
};

/* Those who work on a matter's substance at a centre. */
#define MAY_PAUSE (JF_ROLE_BIT (JF_ROLE_RECEPTION) | JF_ROLE_BIT (JF_ROLE_MEDIATOR) | \
                   JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) | JF_ROLE_BIT (JF_ROLE_COURT) | \
                   JF_ROLE_BIT (JF_ROLE_SUPERVISOR))

typedef struct
{
  JfdActor   *actor;
  char       *id;
  JsonObject *write;   /* owned */
} Clock;

static void
clock_free (Clock *c)
{
  jfd_actor_unref (c->actor);
  g_free (c->id);
  g_clear_pointer (&c->write, json_object_unref);
  g_free (c);
}

static GTask *
clock_task (JfdEngine *self, JfdActor *actor, gint64 id, GCancellable *cancellable,
            GAsyncReadyCallback callback, gpointer user_data, gpointer tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Clock *c = g_new0 (Clock, 1);

  g_task_set_source_tag (task, tag);
  c->actor = jfd_actor_ref (actor);
  c->id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_task_set_task_data (task, c, (GDestroyNotify) clock_free);
  return task;
}

/* The scope document of column @col, admitted for @actor. */
static gboolean
admit (JfdEngine *self, JfdActor *actor, PGresult *res, int col, gboolean writing,
       GError **error)
{
  g_autoptr(JsonObject) probe = json_object_new ();
  JsonNode *scope;

  if (PQntuples (res) == 0 || PQgetisnull (res, 0, col))
    {
      jf_set_error (error, JF_ERROR_NOT_FOUND, NULL, writing ? "No such clock"
                                                             : "No such matter");
      return FALSE;
    }
  scope = jf_json_parse (PQgetvalue (res, 0, col), PQgetlength (res, 0, col), error);
  if (scope == NULL)
    return FALSE;
  json_object_set_member (probe, "scope", scope);
  json_object_set_string_member (probe, "status", "accepted");
  return jfd_engine_admit_matter (self, actor, probe, writing, error);
}

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Clock *c = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *list;

  if (res == NULL)
    return;
  if (!admit (self, c->actor, res, 0, FALSE, &error) ||
      (list = jf_json_parse (PQgetvalue (res, 0, 1), PQgetlength (res, 0, 1), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, list);
}

void
jfd_engine_list_deadlines_async (JfdEngine *self, JfdActor *actor, gint64 matter_id,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task = clock_task (self, actor, matter_id, cancellable, callback, user_data,
                            jfd_engine_list_deadlines_async);
  Clock *c = g_task_get_task_data (task);

  jfd_engine_query (self, task, &list_stmt, (const char *[]) { c->id }, listed_cb);
}

static void
paused_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  answer = json_node_get_object (node);
  if (json_object_has_member (answer, "missing"))
    g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such clock"));
  else if (json_object_has_member (answer, "refused"))
    g_task_return_error (task, jf_error_new (JF_ERROR_REFUSED, NULL, "%s",
                                             json_object_get_string_member (answer, "refused")));
  else
    jfd_engine_return_json (task, json_node_ref (json_object_get_member (answer, "deadline")));
}

static void
pause_scope_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Clock *c = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (res == NULL)
    return;
  if (!admit (self, c->actor, res, 0, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  node = json_node_init_object (json_node_alloc (), c->write);
  text = jf_json_to_string (node, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), &pause_stmt, (const char *[]) { text },
                    paused_cb);
}

void
jfd_engine_pause_deadline_async (JfdEngine *self, JfdActor *actor, gint64 deadline_id,
                                 JsonObject *body, gboolean resume, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  static const char * const pause_members[] = { "reason", "note", NULL };
  static const char * const resume_members[] = { "note", NULL };
  static const char * const reasons[] = { "hearing", "appraisal", "other", NULL };
  g_autoptr(GTask) task = clock_task (self, actor, deadline_id, cancellable, callback,
                                      user_data, jfd_engine_pause_deadline_async);
  Clock *c = g_task_get_task_data (task);
  g_autofree char *note = NULL;
  guint reason = 0;
  GError *error = NULL;

  if ((actor->roles & MAY_PAUSE) == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, NULL,
                                               "Those who work on the matter pause its clocks"));
      return;
    }
  if (!jf_json_check_members (body, NULL, resume ? resume_members : pause_members, &error) ||
      (!resume && !jf_json_read_enum (body, NULL, "reason", JF_JSON_REQUIRED, reasons, &reason,
                                      &error)) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 500, &note, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  c->write = json_object_new ();
  json_object_set_int_member (c->write, "deadline_id", deadline_id);
  json_object_set_boolean_member (c->write, "resume", resume);
  if (!resume)
    json_object_set_string_member (c->write, "reason", reasons[reason]);
  if (note != NULL)
    json_object_set_string_member (c->write, "note", note);
  json_object_set_int_member (c->write, "actor_id", actor->account_id);
  json_object_set_string_member (c->write, "actor_role", jfd_actor_role_for (actor, MAY_PAUSE));
  json_object_set_int_member (c->write, "actor_org_id", actor->org_id);
  jfd_engine_query (self, g_steal_pointer (&task), &scope_stmt, (const char *[]) { c->id },
                    pause_scope_cb);
}
