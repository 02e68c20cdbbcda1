/* jfd-engine-mediation.c: mediation sessions and the police alert (DOMAIN.md §4)
 *
 * A session is scheduled on an accepted matter or one in mediation, with mediators from
 * the centre's roster (jf.on_roster: the mediator role at the owning unit or above; a
 * 1+3+1 team also takes judges, grid leaders and police of the centre's line) and the
 * people taking part; its record (statements, outcome) is written once, when it was held.
 * The police alert is the lifecycle's "alert_police" move (People's Mediation Law
 * art. 25): the station serving the place is told at once on the live stream.
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-engine-links-private.h"

static const JfdStatement matter_stmt = {
  "mediation_matter", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement schedule_stmt = {
  "mediation_schedule", "SELECT jf.schedule_mediation($1::jsonb)::text", 1,
};

static const JfdStatement session_stmt = {
  "mediation_session",
  "SELECT jf.matter_json(s.matter_id)::text, jf.mediation_session_json(s.id)::text "
  "FROM jf.mediation_sessions s WHERE s.id = $1::bigint",
  1,
};

static const JfdStatement record_stmt = {
  "mediation_record", "SELECT jf.record_mediation($1::jsonb)::text", 1,
};

static const JfdStatement list_stmt = {
  "mediation_list",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT coalesce(jsonb_agg(jf.mediation_session_json(s.id) "
  "                                  ORDER BY s.scheduled_at, s.id), '[]') "
  "        FROM jf.mediation_sessions s WHERE s.matter_id = $1::bigint)::text",
  1,
};

static const JfdStatement alert_stmt = {
  "police_alert", "SELECT jf.alert_police($1::jsonb)::text", 1,
};

static const char * const teams[] = { "roster", "one_three_one", NULL };
static const char * const participant_roles[] = { "applicant", "respondent", "third_party",
                                                  "representative", "other", NULL };
static const char * const outcomes[] = { "agreement", "partial", "failed", "adjourned", NULL };

#define MAX_MEDIATORS     10
#define MAX_PARTICIPANTS  30
/* A session is planned, or recorded after the fact, within a year of today. */
#define SCHEDULE_SPAN     (366 * G_TIME_SPAN_DAY)

static gboolean
read_mediators (JsonObject  *body,
                JsonArray   *out,
                GError     **error)
{
  JsonArray *given = NULL;

  if (!jf_json_read_array (body, NULL, "mediators", JF_JSON_REQUIRED, 1, MAX_MEDIATORS, &given,
                           error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (given); i++)
    {
      JsonNode *node = json_array_get_element (given, i);
      g_autofree char *path = jf_json_path_index ("mediators", i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > G_MAXINT32)
        {
          jf_set_error (error, JF_ERROR_INVALID, path, "An account id");
          return FALSE;
        }
      id = json_node_get_int (node);
      for (guint j = 0; j < json_array_get_length (out); j++)
        if (json_array_get_int_element (out, j) == id)
          {
            jf_set_error (error, JF_ERROR_INVALID, path, "This account is named twice");
            return FALSE;
          }
      json_array_add_int_element (out, id);
    }
  return TRUE;
}

static gboolean
read_participants (JsonObject  *body,
                   JsonArray   *out,
                   GError     **error)
{
  static const char * const members[] = { "name", "role", NULL };
  JsonArray *given = NULL;

  if (!jf_json_read_array (body, NULL, "participants", JF_JSON_OPTIONAL, 0, MAX_PARTICIPANTS,
                           &given, error))
    return FALSE;
  for (guint i = 0; given != NULL && i < json_array_get_length (given); i++)
    {
      g_autofree char *path = jf_json_path_index ("participants", i);
      g_autofree char *name = NULL;
      JsonObject *person = NULL;
      JsonObject *written;
      guint role;

      if (!jf_json_array_get_object (given, "participants", i, &person, error) ||
          !jf_json_check_members (person, path, members, error) ||
          !jf_json_read_string (person, path, "name", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                                50, &name, error) ||
          !jf_json_read_enum (person, path, "role", JF_JSON_REQUIRED, participant_roles, &role,
                              error))
        return FALSE;
      written = json_object_new ();
      json_object_set_string_member (written, "name", name);
      json_object_set_string_member (written, "role", participant_roles[role]);
      json_array_add_object_element (out, written);
    }
  return TRUE;
}

static gboolean
schedule_judge (JfdEngine  *self,
                JfdLink    *link,
                GError    **error)
{
  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES, "schedule a mediation session",
                               error) ||
      !jfd_link_require_status (link, JF_STATUS_BIT (JF_STATUS_ACCEPTED) |
                                      JF_STATUS_BIT (JF_STATUS_IN_MEDIATION),
                                "Sessions are scheduled for an accepted matter or one in "
                                "mediation", error))
    return FALSE;
  jfd_link_pin_matter (link);
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES);
  return TRUE;
}

void
jfd_engine_schedule_mediation_async (JfdEngine           *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  static const char * const members[] = { "scheduled_at", "room", "team", "mediators",
                                          "participants", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_schedule_mediation_async);
  JfdLink *link = jfd_link_get (task);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *room = NULL, *at_text = NULL;
  JsonArray *mediators = json_array_new ();
  JsonArray *participants = json_array_new ();
  guint team = 0;
  GError *error = NULL;

  json_object_set_array_member (link->write, "mediators", mediators);
  json_object_set_array_member (link->write, "participants", participants);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_datetime (body, NULL, "scheduled_at", JF_JSON_REQUIRED, &at, &error) ||
      !jf_json_read_string (body, NULL, "room", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1, 50,
                            &room, &error) ||
      !jf_json_read_enum (body, NULL, "team", JF_JSON_OPTIONAL, teams, &team, &error) ||
      !read_mediators (body, mediators, &error) ||
      !read_participants (body, participants, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (ABS (g_date_time_difference (at, now)) > SCHEDULE_SPAN)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "scheduled_at",
                                               "A session is scheduled within a year of "
                                               "today"));
      return;
    }
  at_text = jf_json_datetime_to_string (at);
  json_object_set_string_member (link->write, "scheduled_at", at_text);
  json_object_set_string_member (link->write, "room", room);
  json_object_set_string_member (link->write, "team", teams[team]);
  jfd_link_run (self, g_steal_pointer (&task), &matter_stmt, NULL, TRUE, schedule_judge,
                &schedule_stmt);
}

static gboolean
record_judge (JfdEngine  *self,
              JfdLink    *link,
              GError    **error)
{
  gint64 version = json_object_get_int_member (link->write, "version");

  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES, "record a mediation session",
                               error))
    return FALSE;
  if (!jfd_engine_check_version (link->record_node, version, "session", error))
    return FALSE;
  if (json_object_get_string_member_with_default (link->record, "held_at", NULL) != NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "outcome",
                    "This session's record was written when it was held; schedule another "
                    "session to continue");
      return FALSE;
    }
  json_object_set_int_member (link->write, "session_id", link->id);
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES);
  return TRUE;
}

void
jfd_engine_record_mediation_async (JfdEngine           *self,
                                   JfdActor            *actor,
                                   gint64               id,
                                   JsonObject          *body,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  static const char * const members[] = { "version", "statements", "outcome", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such session",
                                             cancellable, callback, user_data,
                                             jfd_engine_record_mediation_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *statements = NULL;
  gint64 version = 0;
  guint outcome = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_string (body, NULL, "statements", JF_JSON_OPTIONAL, 1, 20000, &statements,
                            &error) ||
      !jf_json_read_enum (body, NULL, "outcome", JF_JSON_REQUIRED, outcomes, &outcome, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (link->write, "version", version);
  if (statements != NULL)
    json_object_set_string_member (link->write, "statements", statements);
  json_object_set_string_member (link->write, "outcome", outcomes[outcome]);
  jfd_link_run (self, g_steal_pointer (&task), &session_stmt, NULL, TRUE, record_judge,
                &record_stmt);
}

void
jfd_engine_list_mediation_sessions_async (JfdEngine           *self,
                                          JfdActor            *actor,
                                          gint64               id,
                                          JsonObject          *body,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data,
                                   jfd_engine_list_mediation_sessions_async);

  jfd_link_run (self, task, &list_stmt, NULL, FALSE, NULL, NULL);
}

static gboolean
alert_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "note",
                                 json_object_get_string_member (link->write, "note"));
  if (!jfd_link_check_move (link, JF_MOVE_ALERT_POLICE, fields, NULL, error))
    return FALSE;
  jfd_link_pin_matter (link);
  jfd_link_add_actor (link, jf_lifecycle_get_move (JF_MOVE_ALERT_POLICE)->roles);
  return TRUE;
}

void
jfd_engine_alert_police_async (JfdEngine           *self,
                               JfdActor            *actor,
                               gint64               id,
                               JsonObject          *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  static const char * const members[] = { "note", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_alert_police_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *note = NULL;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_REQUIRED, 1, 2000, &note, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_string_member (link->write, "note", note);
  jfd_link_run (self, g_steal_pointer (&task), &matter_stmt, NULL, TRUE, alert_judge,
                &alert_stmt);
}
