/* jfd-engine-whistles.c: blowing the whistle (吹哨) and a matter's whistles
 *
 * A centre that cannot solve a matter alone names one lead department and any number of
 * assisting ones (DOMAIN.md §3). The request is read strictly, the `whistle` move judged
 * by the lifecycle table on the matter as read, the departments checked against the
 * matter's county, and the check-in and action clocks computed from the deadline rules;
 * jf.blow_whistle then writes it all with the version that was judged.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-workflow-private.h"

#define MAX_ASSISTING 20

static const JfdStatement matter_stmt = {
  "whistle_matter", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement blow_stmt = {
  "whistle_blow", "SELECT jf.blow_whistle($1::jsonb)::text", 1,
};

static const JfdStatement list_stmt = {
  "whistle_list",
  "SELECT jf.matter_scope($1::bigint)::text, jf.matter_whistles_json($1::bigint)::text", 1,
};

static const char * const urgencies[] = { "urgent", "normal", NULL };

/* The clocks when an administrator has removed their rules: DOMAIN.md §3's own numbers
 * for checking in, and the seed's for acting. */
static const struct
{
  const char     *stage;
  JfDeadlineUnit  unit;
  int             amount;
  GTimeSpan       warn_before;
} fallback_clocks[] = {
  { "whistle_checkin_urgent", JF_DEADLINE_UNIT_MINUTES, 30, 10 * G_TIME_SPAN_MINUTE },
  { "whistle_checkin_normal", JF_DEADLINE_UNIT_HOURS, 24, 4 * G_TIME_SPAN_HOUR },
  { "whistle_action_urgent", JF_DEADLINE_UNIT_WORKING_DAYS, 1, 4 * G_TIME_SPAN_HOUR },
  { "whistle_action_normal", JF_DEADLINE_UNIT_WORKING_DAYS, 5, G_TIME_SPAN_DAY },
};

void
jfd_whistle_add_clock (JfdWork    *work,
                       JsonObject *into,
                       const char *what,
                       const char *urgency,
                       JsonObject *matter)
{
  g_autofree char *stage = g_strdup_printf ("whistle_%s_%s", what, urgency);
  JfDeadlineRule fallback;

  jf_deadline_rule_init (&fallback, JF_DEADLINE_UNIT_HOURS, 24);
  for (guint i = 0; i < G_N_ELEMENTS (fallback_clocks); i++)
    if (strcmp (fallback_clocks[i].stage, stage) == 0)
      {
        jf_deadline_rule_init (&fallback, fallback_clocks[i].unit, fallback_clocks[i].amount);
        fallback.warn_before = fallback_clocks[i].warn_before;
      }
  jfd_work_add_clock (work, into, what, stage, matter, &fallback);
}

/* The path of the department of target @index: the lead is first. */
static char *
department_path (guint index)
{
  return index == 0 ? g_strdup ("lead.department")
                    : g_strdup_printf ("assist[%u].department", index - 1);
}

static gboolean
read_department (JfdWork     *work,
                 JsonObject  *entry,
                 const char  *path,
                 const char  *role,
                 JsonArray   *targets,
                 GError     **error)
{
  static const char * const members[] = { "department", "ask", NULL };
  g_autofree char *code = NULL;
  g_autofree char *ask = NULL;
  g_autofree char *code_path = jf_json_path (path, "department");
  const JfdDepartment *department;
  JsonObject *target;

  if (!jf_json_check_members (entry, path, members, error) ||
      !jf_json_read_string (entry, path, "department", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE,
                            1, 64, &code, error) ||
      !jf_json_read_string (entry, path, "ask", JF_JSON_REQUIRED, 1, 2000, &ask, error))
    return FALSE;
  department = jfd_catalog_department_by_code (work->catalog, code);
  if (department == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, code_path, "There is no department “%s”", code);
      return FALSE;
    }
  if (!department->active)
    {
      jf_set_error (error, JF_ERROR_INVALID, code_path, "%s is no longer on the platform",
                    department->name);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (targets); i++)
    if (json_object_get_int_member (json_array_get_object_element (targets, i),
                                    "department_id") == department->id)
      {
        jf_set_error (error, JF_ERROR_INVALID, code_path,
                      "%s is named twice: a department is either the lead or assists, once",
                      department->name);
        return FALSE;
      }
  target = json_object_new ();
  json_object_set_int_member (target, "department_id", department->id);
  json_object_set_string_member (target, "role", role);
  json_object_set_string_member (target, "ask", ask);
  json_array_add_object_element (targets, target);
  return TRUE;
}

static gboolean
read_whistle (JfdWork     *work,
              JsonObject  *body,
              GError     **error)
{
  static const char * const members[] = { "version", "urgency", "request", "lead", "assist",
                                          NULL };
  g_autofree char *request = NULL;
  JsonObject *lead = NULL;
  JsonArray *assist = NULL;
  JsonArray *targets;
  gint64 version = 0;
  guint urgency = 0;

  if (!jf_json_check_members (body, NULL, members, error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         error) ||
      !jf_json_read_enum (body, NULL, "urgency", JF_JSON_REQUIRED, urgencies, &urgency, error) ||
      !jf_json_read_string (body, NULL, "request", JF_JSON_REQUIRED, 1, 2000, &request, error) ||
      !jf_json_read_object (body, NULL, "lead", JF_JSON_REQUIRED, &lead, error) ||
      !jf_json_read_array (body, NULL, "assist", JF_JSON_OPTIONAL, 0, MAX_ASSISTING, &assist,
                           error))
    return FALSE;
  json_object_set_int_member (work->write, "matter_id", work->id);
  json_object_set_int_member (work->write, "version", version);
  json_object_set_string_member (work->write, "urgency", urgencies[urgency]);
  json_object_set_string_member (work->write, "request", request);
  targets = json_array_new ();
  json_object_set_array_member (work->write, "targets", targets);
  if (!read_department (work, lead, "lead", "lead", targets, error))
    return FALSE;
  for (guint i = 0; assist != NULL && i < json_array_get_length (assist); i++)
    {
      g_autofree char *path = jf_json_path_index ("assist", i);
      JsonObject *entry = NULL;

      if (!jf_json_array_get_object (assist, "assist", i, &entry, error) ||
          !read_department (work, entry, path, "assist", targets, error))
        return FALSE;
    }
  return TRUE;
}

/* Departments answer for their county: a matter is whistled to its own county's
 * departments; a city matter to any county's, but not to a police station, which serves
 * one township of its county. */
static gboolean
check_departments (JfdWork     *work,
                   int          county_id,
                   GError     **error)
{
  JsonArray *targets = json_object_get_array_member (work->write, "targets");

  for (guint i = 0; i < json_array_get_length (targets); i++)
    {
      JsonObject *target = json_array_get_object_element (targets, i);
      const JfdDepartment *d = jfd_catalog_department_by_id (
        work->catalog, (int) json_object_get_int_member (target, "department_id"));
      g_autofree char *path = department_path (i);

      if (d == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, path, "There is no such department");
          return FALSE;
        }
      if (county_id != 0 ? d->county_id != county_id
                         : g_strcmp0 (d->kind, "police_station") == 0)
        {
          jf_set_error (error, JF_ERROR_INVALID, path,
                        county_id != 0
                        ? "%s is not a department of this matter’s county"
                        : "%s serves one township; a city matter goes to county departments",
                        d->name);
          return FALSE;
        }
    }
  return TRUE;
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
  const char *urgency = json_object_get_string_member (work->write, "urgency");
  const JfdDepartment *lead;
  JsonObject *matter;
  JfdPlace place;
  GError *error = NULL;

  if (node == NULL)
    return;
  matter = json_node_get_object (node);
  jfd_work_matter_place (matter, &place);
  lead = jfd_catalog_department_by_id (
    work->catalog, (int) json_object_get_int_member (
      json_array_get_object_element (json_object_get_array_member (work->write, "targets"), 0),
      "department_id"));
  json_object_set_string_member (fields, "lead_department", lead != NULL ? lead->code : "");
  json_object_set_string_member (fields, "urgency", urgency);
  if (!jfd_engine_admit_matter (self, work->actor, matter, TRUE, &error) ||
      !jfd_work_judge (work, JF_MOVE_WHISTLE, matter, fields, &error) ||
      !check_departments (work, place.county_id, &error))
    {
      if (g_error_matches (error, JF_ERROR, JF_ERROR_INVALID) &&
          g_strcmp0 (jf_error_get_field (error), "fields.lead_department") == 0)
        {
          g_clear_error (&error);
          error = jf_error_new (JF_ERROR_INVALID, "lead.department", "Name the lead department");
        }
      g_task_return_error (task, error);
      return;
    }
  json_object_set_string_member (work->write, "from",
                                 json_object_get_string_member (matter, "status"));
  jfd_work_add_actor (work, jf_lifecycle_get_move (JF_MOVE_WHISTLE)->roles);
  jfd_whistle_add_clock (work, work->write, "checkin", urgency, matter);
  jfd_whistle_add_clock (work, work->write, "action", urgency, matter);
  jfd_work_write (self, g_steal_pointer (&task), &blow_stmt);
}

void
jfd_engine_whistle_async (JfdEngine           *self,
                          JfdActor            *actor,
                          gint64               matter_id,
                          JsonObject          *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_work_task_new (self, actor, matter_id, "matter", cancellable,
                                             callback, user_data, jfd_engine_whistle_async);
  GError *error = NULL;

  if (!read_whistle (jfd_work_get (task), body, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_work_read (self, g_steal_pointer (&task), &matter_stmt, matter_read_cb);
}

void
jfd_engine_list_whistles_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               matter_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = jfd_work_task_new (self, actor, matter_id, "matter", cancellable, callback,
                                   user_data, jfd_engine_list_whistles_async);

  jfd_work_list (self, task, &list_stmt);
}
