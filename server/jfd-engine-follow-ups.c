/* jfd-engine-follow-ups.c: the follow-up visit (回访) of a resolved matter
 *
 * Resolving schedules a visit (jf.apply_move). Recording it is the `follow_up` move: a
 * satisfied or basically satisfied applicant lets the matter be closed; an unsatisfied
 * one reopens it (DOMAIN.md §2), which is the `reopen` move with the visit's note as its
 * reason — judged here for the same actor, and made in the same transaction.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-workflow-private.h"

static const JfdStatement matter_stmt = {
  "follow_up_matter", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement record_stmt = {
  "follow_up_record", "SELECT jf.record_follow_up($1::jsonb)::text", 1,
};

static const JfdStatement list_stmt = {
  "follow_up_list",
  "SELECT jf.matter_scope($1::bigint)::text, jf.matter_follow_ups_json($1::bigint)::text", 1,
};

static const char * const satisfactions[] = { "satisfied", "basically_satisfied", "unsatisfied",
                                              NULL };

/* The reopening's own parameter for jf.apply_move, as jfd-engine-moves.c would build it. */
static JsonObject *
reopen_parameter (JfdWork    *work,
                  JsonObject *matter)
{
  const JfMove *reopen = jf_lifecycle_get_move (JF_MOVE_REOPEN);
  JsonObject *p = json_object_new ();
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (p, "move", reopen->name);
  json_object_set_string_member (p, "to", jf_status_to_string (reopen->to));
  json_object_set_int_member (p, "actor_id", work->actor->account_id);
  json_object_set_string_member (p, "actor_role",
                                 jfd_actor_role_for (work->actor, reopen->roles));
  json_object_set_int_member (p, "actor_org_id", work->actor->org_id);
  json_object_set_string_member (fields, "reason",
                                 json_object_get_string_member (work->write, "note"));
  json_object_set_object_member (p, "fields", fields);
  /* Reopened, it is handled again, on the handling clock. */
  jfd_work_add_stage_clock (work, p, "handling", matter);
  return p;
}

static void
matter_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  JfdWork *work = jfd_work_get (task);
  g_autoptr(JsonNode) node = jfd_work_read_finish (task, result);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) reopen_fields = json_object_new ();
  const char *satisfaction = json_object_get_string_member (work->write, "satisfaction");
  gboolean unsatisfied = g_strcmp0 (satisfaction, "unsatisfied") == 0;
  JsonObject *matter;
  GError *error = NULL;

  if (node == NULL)
    return;
  matter = json_node_get_object (node);
  json_object_set_string_member (fields, "satisfaction", satisfaction);
  if (unsatisfied)
    json_object_set_string_member (reopen_fields, "reason",
                                   json_object_get_string_member (work->write, "note"));
  if (!jfd_engine_admit_matter (self, work->actor, matter, TRUE, &error) ||
      !jfd_work_judge (work, JF_MOVE_FOLLOW_UP, matter, fields, &error) ||
      (unsatisfied && !jfd_work_judge (work, JF_MOVE_REOPEN, matter, reopen_fields, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_work_add_actor (work, jf_lifecycle_get_move (JF_MOVE_FOLLOW_UP)->roles);
  if (unsatisfied)
    json_object_set_object_member (work->write, "reopen", reopen_parameter (work, matter));
  jfd_work_write (self, g_steal_pointer (&task), &record_stmt);
}

void
jfd_engine_follow_up_async (JfdEngine           *self,
                            JfdActor            *actor,
                            gint64               matter_id,
                            JsonObject          *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  static const char * const members[] = { "version", "satisfaction", "note", NULL };
  g_autoptr(GTask) task = jfd_work_task_new (self, actor, matter_id, "matter", cancellable,
                                             callback, user_data, jfd_engine_follow_up_async);
  JfdWork *work = jfd_work_get (task);
  g_autofree char *note = NULL;
  gint64 version = 0;
  guint satisfaction = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_enum (body, NULL, "satisfaction", JF_JSON_REQUIRED, satisfactions,
                          &satisfaction, &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &note, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (satisfaction == JF_SATISFACTION_UNSATISFIED && note == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "note",
                                               "Say why the applicant is unsatisfied: the "
                                               "matter is reopened for it"));
      return;
    }
  json_object_set_int_member (work->write, "matter_id", matter_id);
  json_object_set_int_member (work->write, "version", version);
  json_object_set_string_member (work->write, "satisfaction", satisfactions[satisfaction]);
  if (note != NULL)
    json_object_set_string_member (work->write, "note", note);
  jfd_work_read (self, g_steal_pointer (&task), &matter_stmt, matter_read_cb);
}

void
jfd_engine_list_follow_ups_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               matter_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = jfd_work_task_new (self, actor, matter_id, "matter", cancellable, callback,
                                   user_data, jfd_engine_list_follow_ups_async);

  jfd_work_list (self, task, &list_stmt);
}
