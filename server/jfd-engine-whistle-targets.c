/* jfd-engine-whistle-targets.c: each department's part in a whistle (报到), and its inbox
 *
 * A department's liaison checks in, feeds back and may ask once for more time; the
 * whistling centre's caseworkers verify and rate the feedback or send it back for more
 * work. Who may take a step is judged here on the target and matter as read; whether the
 * target is in the state for it is judged by jf.whistle_step under the matter's lock.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-workflow-private.h"

#define MAX_ATTACHMENTS 20
#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200

static const JfdStatement context_stmt = {
  "whistle_target_context", "SELECT jf.whistle_target_context($1::bigint)::text", 1,
};

static const JfdStatement step_stmt = {
  "whistle_step", "SELECT jf.whistle_step($1::jsonb)::text", 1,
};

/* "" for no filter: the pool's parameter vectors end at the first SQL NULL. */
static const JfdStatement inbox_stmt = {
  "whistle_inbox",
  "SELECT jf.whistle_inbox($1::integer, nullif($2, ''), nullif($3, ''), $4::integer)::text", 4,
};

static const char * const step_names[] = {
  [JFD_WHISTLE_STEP_CHECK_IN] = "check_in",
  [JFD_WHISTLE_STEP_FEEDBACK] = "feedback",
  [JFD_WHISTLE_STEP_EXTENSION] = "extension",
  [JFD_WHISTLE_STEP_VERIFY] = "verify",
  [JFD_WHISTLE_STEP_SEND_BACK] = "send_back",
};

static const char * const target_statuses[] = { "pending", "checked_in", "fed_back",
                                                "verified", "cancelled", NULL };

static gboolean
by_department (JfdWhistleStep step)
{
  return step == JFD_WHISTLE_STEP_CHECK_IN || step == JFD_WHISTLE_STEP_FEEDBACK ||
         step == JFD_WHISTLE_STEP_EXTENSION;
}

/* Those who may blow a whistle verify and send back what departments did. */
static JfRoleSet
centre_roles (void)
{
  return jf_lifecycle_get_move (JF_MOVE_WHISTLE)->roles;
}

static gboolean
read_attachments (JsonObject  *body,
                  JsonObject  *write,
                  GError     **error)
{
  JsonArray *given = NULL;
  JsonArray *ids = json_array_new ();

  json_object_set_array_member (write, "attachments", ids);
  if (!jf_json_read_array (body, NULL, "attachments", JF_JSON_OPTIONAL, 0, MAX_ATTACHMENTS,
                           &given, error))
    return FALSE;
  for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
    {
      JsonNode *node = json_array_get_element (given, i);
      g_autofree char *path = jf_json_path_index ("attachments", i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (id = json_node_get_int (node)) < 1)
        {
          jf_set_error (error, JF_ERROR_INVALID, path, "Give the id of an uploaded attachment");
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (json_array_get_int_element (ids, j) == id)
          {
            jf_set_error (error, JF_ERROR_INVALID, path, "This attachment is listed twice");
            return FALSE;
          }
      json_array_add_int_element (ids, id);
    }
  return TRUE;
}

/* Reads the step's own members into work->write, as jf.whistle_step takes them. */
static gboolean
read_step (JfdWork         *work,
           JfdWhistleStep   step,
           JsonObject      *body,
           GError         **error)
{
  static const char * const check_in_members[] = { "note", NULL };
  static const char * const feedback_members[] = { "text", "attachments", NULL };
  static const char * const extension_members[] = { "reason", "days", "hours", NULL };
  static const char * const verify_members[] = { "rating", "note", NULL };
  static const char * const send_back_members[] = { "note", NULL };
  const char * const *members[] = {
    [JFD_WHISTLE_STEP_CHECK_IN] = check_in_members,
    [JFD_WHISTLE_STEP_FEEDBACK] = feedback_members,
    [JFD_WHISTLE_STEP_EXTENSION] = extension_members,
    [JFD_WHISTLE_STEP_VERIFY] = verify_members,
    [JFD_WHISTLE_STEP_SEND_BACK] = send_back_members,
  };
  g_autofree char *note = NULL, *text = NULL, *reason = NULL;
  gint64 days = 0, hours = 0, rating = 0;

  if (!jf_json_check_members (body, NULL, members[step], error))
    return FALSE;
  json_object_set_int_member (work->write, "target_id", work->id);
  json_object_set_string_member (work->write, "step", step_names[step]);
  switch (step)
    {
    case JFD_WHISTLE_STEP_CHECK_IN:
      if (!jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &note, error))
        return FALSE;
      break;
    case JFD_WHISTLE_STEP_FEEDBACK:
      if (!jf_json_read_string (body, NULL, "text", JF_JSON_REQUIRED, 1, 5000, &text, error) ||
          !read_attachments (body, work->write, error))
        return FALSE;
      json_object_set_string_member (work->write, "text", text);
      break;
    case JFD_WHISTLE_STEP_EXTENSION:
      if (!jf_json_read_string (body, NULL, "reason", JF_JSON_REQUIRED, 1, 2000, &reason,
                                error) ||
          !jf_json_read_int (body, NULL, "days", JF_JSON_OPTIONAL, 1, 30, &days, error) ||
          !jf_json_read_int (body, NULL, "hours", JF_JSON_OPTIONAL, 1, 720, &hours, error))
        return FALSE;
      if ((days > 0) == (hours > 0))
        {
          jf_set_error (error, JF_ERROR_INVALID, days > 0 ? "hours" : "days",
                        days > 0 ? "Give the extra time in days or in hours, not both"
                                 : "Give the extra time in days (1–30) or in hours (1–720)");
          return FALSE;
        }
      json_object_set_string_member (work->write, "reason", reason);
      /* Days are whole days of clock time: an extension is asked for, not computed. */
      json_object_set_int_member (work->write, "minutes", days > 0 ? days * 1440 : hours * 60);
      break;
    case JFD_WHISTLE_STEP_VERIFY:
      if (!jf_json_read_int (body, NULL, "rating", JF_JSON_REQUIRED, 1, 5, &rating, error) ||
          !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &note, error))
        return FALSE;
      json_object_set_int_member (work->write, "rating", rating);
      break;
    case JFD_WHISTLE_STEP_SEND_BACK:
      if (!jf_json_read_string (body, NULL, "note", JF_JSON_REQUIRED, 1, 2000, &note, error))
        return FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
  if (note != NULL)
    json_object_set_string_member (work->write, "note", note);
  return TRUE;
}

static gboolean
judge_department (JfdWork     *work,
                  JsonObject  *context,
                  GError     **error)
{
  JsonObject *target = json_object_get_object_member (context, "target");
  JsonObject *department = json_object_get_object_member (target, "department");

  if (work->actor->department_id !=
      json_object_get_int_member_with_default (context, "department_id", -1))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL, "Only the liaison of %s answers for it",
                    json_object_get_string_member_with_default (department, "name", "?"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
judge_centre (JfdEngine   *self,
              JfdWork     *work,
              JsonObject  *context,
              GError     **error)
{
  JsonObject *whistle = json_object_get_object_member (context, "whistle");
  const JfMove *whistle_move = jf_lifecycle_get_move (JF_MOVE_WHISTLE);

  if (!jfd_engine_admit_matter (self, work->actor,
                                json_object_get_object_member (context, "matter"), TRUE, error))
    return FALSE;
  if (!(whistle_move->levels & JF_LEVEL_BIT (work->actor->level)) ||
      !jfd_work_covers_org (work, (int) json_object_get_int_member_with_default (whistle,
                                                                                  "org_id", 0)))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "Only the centre that blew the whistle (or one above it) verifies what "
                    "the departments did");
      return FALSE;
    }
  return TRUE;
}

static void
context_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  JfdWork *work = jfd_work_get (task);
  g_autoptr(JsonNode) node = jfd_work_read_finish (task, result);
  JsonObject *context;
  GError *error = NULL;

  if (node == NULL)
    return;
  context = json_node_get_object (node);
  if (by_department (work->step) ? !judge_department (work, context, &error)
                                 : !judge_centre (self, work, context, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (work->step == JFD_WHISTLE_STEP_SEND_BACK)
    {
      JsonObject *whistle = json_object_get_object_member (context, "whistle");

      /* More work gets a fresh clock for acting, by the whistle's urgency. */
      jfd_whistle_add_clock (work, work->write, "action",
                             json_object_get_string_member_with_default (whistle, "urgency",
                                                                         "normal"),
                             json_object_get_object_member (context, "matter"));
    }
  jfd_work_write (self, g_steal_pointer (&task), &step_stmt);
}

void
jfd_engine_whistle_step_async (JfdEngine           *self,
                               JfdActor            *actor,
                               gint64               target_id,
                               JfdWhistleStep       step,
                               JsonObject          *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_work_task_new (self, actor, target_id, "whistle target",
                                             cancellable, callback, user_data,
                                             jfd_engine_whistle_step_async);
  JfdWork *work = jfd_work_get (task);
  GError *error = NULL;

  g_return_if_fail ((guint) step < G_N_ELEMENTS (step_names));
  work->step = step;
  work->answer = "target";
  if (by_department (step) && !jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, NULL,
                                               "Only a department’s liaison answers a "
                                               "whistle"));
      return;
    }
  if (!by_department (step) && !(actor->roles & centre_roles ()))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, NULL,
                                               "None of your roles verifies what departments "
                                               "did"));
      return;
    }
  if (!read_step (work, step, body, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (by_department (step))
    {
      json_object_set_int_member (work->write, "actor_id", actor->account_id);
      json_object_set_string_member (work->write, "actor_role", "department_liaison");
      json_object_set_int_member (work->write, "actor_org_id", actor->org_id);
    }
  else
    jfd_work_add_actor (work, centre_roles ());
  jfd_work_read (self, g_steal_pointer (&task), &context_stmt, context_read_cb);
}

static void
inbox_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  JsonNode *node = jfd_work_read_finish (task, result);

  if (node != NULL)
    jfd_engine_return_json (task, node);
}

void
jfd_engine_inbox_async (JfdEngine           *self,
                        JfdActor            *actor,
                        GHashTable          *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_work_task_new (self, actor, actor->department_id, "department",
                                             cancellable, callback, user_data,
                                             jfd_engine_inbox_async);
  const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
  const char *after = query != NULL ? g_hash_table_lookup (query, "after") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  g_autofree char *department = NULL;
  g_autofree char *limit = NULL;
  guint64 n = DEFAULT_LIMIT;

  if (!jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON) || actor->department_id == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, NULL,
                                               "The inbox is a department liaison’s"));
      return;
    }
  if (status != NULL && !g_strv_contains (target_statuses, status))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "status",
                                               "“%s” is not a status of a department’s work",
                                               status));
      return;
    }
  if (after != NULL && !g_regex_match_simple ("^[0-2]:-?[0-9]{1,18}:[0-9]{1,18}$", after, 0, 0))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "after",
                                               "“after” is the “next” of a page"));
      return;
    }
  if (limit_text != NULL &&
      !g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_LIMIT, &n, NULL))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "limit",
                                               "The limit is 1 to %d", MAX_LIMIT));
      return;
    }
  department = g_strdup_printf ("%d", actor->department_id);
  limit = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  jfd_engine_query (self, g_steal_pointer (&task), &inbox_stmt,
                    (const char *[]) { department, status != NULL ? status : "",
                                       after != NULL ? after : "", limit }, inbox_cb);
}
