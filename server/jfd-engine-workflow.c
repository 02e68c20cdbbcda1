/* jfd-engine-workflow.c: reading, judging and writing for the workflow operations */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-workflow-private.h"

static void
work_free (JfdWork *work)
{
  jfd_actor_unref (work->actor);
  jfd_catalog_unref (work->catalog);
  g_free (work->id_text);
  g_clear_pointer (&work->write, json_object_unref);
  g_free (work);
}

GTask *
jfd_work_task_new (JfdEngine           *self,
                   JfdActor            *actor,
                   gint64               id,
                   const char          *what,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  JfdWork *work = g_new0 (JfdWork, 1);

  g_task_set_source_tag (task, source_tag);
  work->actor = jfd_actor_ref (actor);
  work->catalog = jfd_shared_get_catalog (jfd_engine_get_shared (self));
  work->id = id;
  work->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  work->what = what;
  work->write = json_object_new ();
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  return task;
}

JfdWork *
jfd_work_get (GTask *task)
{
  return g_task_get_task_data (task);
}

void
jfd_work_read (JfdEngine          *self,
               GTask              *task,
               const JfdStatement *stmt,
               GAsyncReadyCallback next)
{
  JfdWork *work = jfd_work_get (task);

  jfd_engine_query (self, task, stmt, (const char *[]) { work->id_text }, next);
}

static void
return_missing (GTask *task)
{
  JfdWork *work = jfd_work_get (task);

  g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such %s",
                                           work->what));
}

JsonNode *
jfd_work_read_finish (GTask        *task,
                      GAsyncResult *result)
{
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  JsonNode *node;
  GError *error = NULL;

  if (res == NULL)
    return NULL;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL && error != NULL)
    g_task_return_error (task, error);
  else if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&node, json_node_unref);
      return_missing (task);
    }
  return node;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  JfdWork *work = jfd_work_get (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) scope = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonObject) probe = json_object_new ();
  GError *error = NULL;

  if (res == NULL)
    return;
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    {
      return_missing (task);
      return;
    }
  scope = jf_json_parse (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0), &error);
  list = scope != NULL ? jf_json_parse (PQgetvalue (res, 0, 1), PQgetlength (res, 0, 1), &error)
                       : NULL;
  if (list == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Admission reads the scope of a matter document; a two-member one will do. */
  json_object_set_member (probe, "scope", g_steal_pointer (&scope));
  json_object_set_string_member (probe, "status", "closed");
  if (!jfd_engine_admit_matter (self, work->actor, probe, FALSE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, g_steal_pointer (&list));
}

void
jfd_work_list (JfdEngine          *self,
               GTask              *task,
               const JfdStatement *stmt)
{
  jfd_work_read (self, task, stmt, listed_cb);
}

static int
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? (int) json_node_get_int (node) : 0;
}

void
jfd_work_matter_place (JsonObject *matter,
                       JfdPlace   *place)
{
  JsonNode *node = json_object_get_member (matter, "scope");
  JsonObject *scope = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                      ? json_node_get_object (node) : NULL;

  place->org_id = member_int (scope, "org_id");
  place->county_id = member_int (scope, "county_id");
  place->township_id = member_int (scope, "township_id");
  place->village_id = member_int (scope, "village_id");
}

gboolean
jfd_work_covers_org (JfdWork *work,
                     int      org_id)
{
  const JfdOrgUnit *org = jfd_catalog_org_by_id (work->catalog, org_id);
  JfdPlace place;

  if (org == NULL)
    return FALSE;
  place.org_id = org->id;
  place.county_id = org->county_id;
  place.township_id = org->township_id;
  place.village_id = org->village_id;
  return jfd_actor_covers (work->actor, &place);
}

gboolean
jfd_work_judge (JfdWork     *work,
                JfMoveId     move,
                JsonObject  *matter,
                JsonObject  *fields,
                GError     **error)
{
  JfActor actor = jfd_actor_for_lifecycle (work->actor);

  return jf_lifecycle_check (jf_lifecycle_get_move (move), &actor,
                             jfd_engine_matter_status (matter),
                             jfd_engine_matter_facts (matter), fields, error);
}

void
jfd_work_add_actor (JfdWork   *work,
                    JfRoleSet  accepted)
{
  json_object_set_int_member (work->write, "actor_id", work->actor->account_id);
  json_object_set_string_member (work->write, "actor_role",
                                 jfd_actor_role_for (work->actor, accepted));
  json_object_set_int_member (work->write, "actor_org_id", work->actor->org_id);
}

static void
set_time (JsonObject *object,
          const char *member,
          GDateTime  *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = jf_json_datetime_to_string (time);
  json_object_set_string_member (object, member, text);
}

void
jfd_work_add_clock (JfdWork              *work,
                    JsonObject           *into,
                    const char           *member,
                    const char           *rule_stage,
                    JsonObject           *matter,
                    const JfDeadlineRule *fallback)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = jfd_catalog_deadline (
    work->catalog, rule_stage, json_object_get_string_member_with_default (matter, "kind", NULL),
    json_object_get_string_member_with_default (matter, "category", NULL), now, &rule);
  JsonObject *clock = json_object_new ();

  /* The rules are administrators' data; a clock must run even if they deleted one. */
  if (deadline == NULL)
    deadline = jf_deadline_compute (fallback, now, jfd_catalog_get_calendar (work->catalog),
                                    NULL, 0, NULL);
  set_time (clock, "due_at", jf_deadline_get_due (deadline));
  set_time (clock, "warn_at", jf_deadline_get_warn_at (deadline));
  if (rule != NULL)
    json_object_set_int_member (clock, "rule_id", rule->id);
  json_object_set_object_member (into, member, clock);
}

void
jfd_work_add_stage_clock (JfdWork    *work,
                          JsonObject *into,
                          const char *stage,
                          JsonObject *matter)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = jfd_catalog_deadline (
    work->catalog, stage, json_object_get_string_member_with_default (matter, "kind", NULL),
    json_object_get_string_member_with_default (matter, "category", NULL), now, &rule);

  if (deadline == NULL || jf_deadline_is_suspended (deadline))
    return;
  json_object_set_string_member (into, "stage", stage);
  set_time (into, "due_at", jf_deadline_get_due (deadline));
  set_time (into, "warn_at", jf_deadline_get_warn_at (deadline));
  json_object_set_int_member (into, "rule_id", rule->id);
}

/* A matter document in an answer, as the actor may see it: its "moves", no "scope". One
 * who just handed the matter to another centre may no longer see it at all; they still
 * get the answer to what they did, with no moves. */
static void
admit_answer_matter (JfdEngine  *self,
                     JfdActor   *actor,
                     JsonObject *matter)
{
  if (matter == NULL || !json_object_has_member (matter, "scope"))
    return;
  if (!jfd_engine_admit_matter (self, actor, matter, FALSE, NULL))
    {
      json_object_remove_member (matter, "scope");
      json_object_set_array_member (matter, "moves", json_array_new ());
    }
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  JfdWork *work = jfd_work_get (task);
  g_autoptr(JsonNode) node = jfd_work_read_finish (task, result);
  JsonObject *answer;
  JsonObject *matter;
  const char *field;
  JsonNode *member;
  GError *error;

  if (node == NULL)
    return;
  answer = json_node_get_object (node);
  if (json_object_get_boolean_member_with_default (answer, "missing", FALSE))
    {
      return_missing (task);
      return;
    }
  matter = object_member (answer, "matter");
  admit_answer_matter (self, work->actor, matter);
  field = json_object_get_string_member_with_default (answer, "field", NULL);
  if (json_object_get_boolean_member_with_default (answer, "conflict", FALSE))
    {
      error = jf_error_new (JF_ERROR_CONFLICT, "version",
                            "Someone changed this matter meanwhile: it is now at version %"
                            G_GINT64_FORMAT "; look again before you act",
                            matter != NULL ? json_object_get_int_member_with_default (
                                               matter, "version", 0) : 0);
      if (matter != NULL)
        jf_error_set_detail (error, json_object_get_member (answer, "matter"));
      g_task_return_error (task, error);
      return;
    }
  if (json_object_has_member (answer, "refused") || json_object_has_member (answer, "invalid"))
    {
      gboolean refused = json_object_has_member (answer, "refused");

      g_task_return_error (task, jf_error_new (
        refused ? JF_ERROR_REFUSED : JF_ERROR_INVALID, field, "%s",
        json_object_get_string_member_with_default (answer, refused ? "refused" : "invalid",
                                                    "")));
      return;
    }
  if (work->answer == NULL)
    {
      jfd_engine_return_json (task, g_steal_pointer (&node));
      return;
    }
  member = json_object_get_member (answer, work->answer);
  if (member == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INTERNAL, NULL,
                                               "the write answered without “%s”",
                                               work->answer));
      return;
    }
  jfd_engine_return_json (task, json_node_ref (member));
}

void
jfd_work_write (JfdEngine          *self,
                GTask              *task,
                const JfdStatement *stmt)
{
  JfdWork *work = jfd_work_get (task);
  g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), work->write);
  g_autofree char *text = jf_json_to_string (root, NULL);

  jfd_engine_query (self, task, stmt, (const char *[]) { text }, written_cb);
}
