/* jfd-engine-transfers.c: escalation to the level above and hand-down to a level below
 *
 * Village → township → county → city and back down (DOMAIN.md §2): the owning centre
 * changes, the status does not. Escalation goes to the owner's parent, never above the
 * city (the lifecycle's has_parent_unit fact); hand-down to a centre anywhere below the
 * owner and within the actor's own scope. Both are lifecycle moves, judged by the table.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-workflow-private.h"

static const JfdStatement matter_stmt = {
  "transfer_matter_read", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement transfer_stmt = {
  "transfer_matter", "SELECT jf.transfer_matter($1::jsonb)::text", 1,
};

/* Whether @unit is a centre strictly below @owner. */
static gboolean
is_below (const JfdOrgUnit *unit,
          const JfdOrgUnit *owner)
{
  if (unit->id == owner->id)
    return FALSE;
  return owner->level == JF_LEVEL_CITY || owner->id == unit->county_id ||
         owner->id == unit->township_id || owner->id == unit->village_id;
}

/* The unit the matter goes to, judged against its owner as read. */
static const JfdOrgUnit *
destination (JfdWork     *work,
             JfMoveId     move,
             int          owner_id,
             GError     **error)
{
  const JfdOrgUnit *owner = jfd_catalog_org_by_id (work->catalog, owner_id);
  const JfdOrgUnit *unit;

  if (owner == NULL)
    {
      jf_set_error (error, JF_ERROR_INTERNAL, NULL, "the matter's unit is not in the catalog");
      return NULL;
    }
  if (move == JF_MOVE_ESCALATE)
    {
      unit = jfd_catalog_org_by_id (work->catalog, owner->parent_id);
      if (unit == NULL)
        jf_set_error (error, JF_ERROR_REFUSED, NULL, "There is no level above %s", owner->name);
      return unit;
    }
  unit = jfd_catalog_org_by_code (work->catalog,
                                  json_object_get_string_member (work->write, "to_org"));
  if (!is_below (unit, owner))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "to_org",
                    "%s is not below %s, which owns the matter: hand a matter down to a "
                    "centre under its owner", unit->name, owner->name);
      return NULL;
    }
  if (unit->level == JF_LEVEL_GRID)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "to_org",
                    "%s is a grid, not a centre: hand the matter to its village", unit->name);
      return NULL;
    }
  if (!jfd_work_covers_org (work, unit->id))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, "to_org", "%s is outside your scope",
                    unit->name);
      return NULL;
    }
  return unit;
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
  JfMoveId move = work->step;
  const JfdOrgUnit *unit;
  JsonObject *matter;
  JfdPlace place;
  GError *error = NULL;

  if (node == NULL)
    return;
  matter = json_node_get_object (node);
  jfd_work_matter_place (matter, &place);
  json_object_set_string_member (fields, "reason",
                                 json_object_get_string_member (work->write, "reason"));
  if (move == JF_MOVE_HAND_DOWN)
    json_object_set_string_member (fields, "to_org",
                                   json_object_get_string_member (work->write, "to_org"));
  if (!jfd_engine_admit_matter (self, work->actor, matter, TRUE, &error) ||
      !jfd_work_judge (work, move, matter, fields, &error) ||
      (unit = destination (work, move, place.org_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (work->write, "to_org_id", unit->id);
  json_object_set_string_member (work->write, "move", jf_lifecycle_get_move (move)->name);
  jfd_work_add_actor (work, jf_lifecycle_get_move (move)->roles);
  jfd_work_write (self, g_steal_pointer (&task), &transfer_stmt);
}

static void
transfer (JfdEngine           *self,
          JfdActor            *actor,
          gint64               id,
          JfMoveId             move,
          JsonObject          *body,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             tag)
{
  static const char * const escalate_members[] = { "version", "reason", NULL };
  static const char * const hand_down_members[] = { "version", "to_org", "reason", NULL };
  g_autoptr(GTask) task = jfd_work_task_new (self, actor, id, "matter", cancellable, callback,
                                             user_data, tag);
  JfdWork *work = jfd_work_get (task);
  g_autofree char *reason = NULL;
  g_autofree char *to_org = NULL;
  gint64 version = 0;
  GError *error = NULL;

  work->step = move;
  work->answer = "matter";
  if (!jf_json_check_members (body, NULL, move == JF_MOVE_ESCALATE ? escalate_members
                                                                  : hand_down_members,
                              &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      (move == JF_MOVE_HAND_DOWN &&
       !jf_json_read_string (body, NULL, "to_org", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                             15, &to_org, &error)) ||
      !jf_json_read_string (body, NULL, "reason", JF_JSON_REQUIRED, 1, 2000, &reason, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (to_org != NULL && jfd_catalog_org_by_code (work->catalog, to_org) == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "to_org",
                                               "There is no unit with the code “%s”", to_org));
      return;
    }
  json_object_set_int_member (work->write, "matter_id", id);
  json_object_set_int_member (work->write, "version", version);
  json_object_set_string_member (work->write, "reason", reason);
  if (to_org != NULL)
    json_object_set_string_member (work->write, "to_org", to_org);
  jfd_work_read (self, g_steal_pointer (&task), &matter_stmt, matter_read_cb);
}

void
jfd_engine_escalate_async (JfdEngine           *self,
                           JfdActor            *actor,
                           gint64               id,
                           JsonObject          *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  transfer (self, actor, id, JF_MOVE_ESCALATE, body, cancellable, callback, user_data,
            jfd_engine_escalate_async);
}

void
jfd_engine_hand_down_async (JfdEngine           *self,
                            JfdActor            *actor,
                            gint64               id,
                            JsonObject          *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  transfer (self, actor, id, JF_MOVE_HAND_DOWN, body, cancellable, callback, user_data,
            jfd_engine_hand_down_async);
}
