/* jfd-engine-moves.c: moving a matter through its lifecycle, and editing it
 *
 * The matter is read, the move judged by common/jf-lifecycle.c against what was read, and
 * written with that version: if someone changed the matter in between, the database
 * writes nothing and the answer is a conflict carrying the matter as it is now.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-private.h"

static const JfdStatement matter_stmt = {
  "move_matter", "SELECT jf.matter_json($1::bigint)::text", 1,
};

static const JfdStatement apply_stmt = {
  "move_apply", "SELECT jf.apply_move($1::jsonb)::text", 1,
};

static const JfdStatement edit_stmt = {
  "edit_apply", "SELECT jf.edit_matter($1::jsonb)::text", 1,
};

/* The stage whose clock starts when a matter enters a status. */
static const struct
{
  JfStatus    status;
  const char *stage;
} stage_of_status[] = {
  { JF_STATUS_ACCEPTED, "handling" },
  { JF_STATUS_IN_MEDIATION, "mediation" },
};

/* What a move may carry in "fields", and how long each may be. */
static const char * const move_fields[] = { "reason", "redirect_to", "outcome", NULL };

typedef struct
{
  JfdActor   *actor;
  gint64      id;
  char       *id_text;
  gint64      version;
  JfStatus    to;
  char       *note;
  JsonObject *fields;   /* owned */
  JsonObject *changes;  /* owned: edits */
  gboolean    assigning;
  gboolean    editing;
} Move;

static void
move_free (Move *m)
{
  jfd_actor_unref (m->actor);
  g_free (m->id_text);
  g_free (m->note);
  g_clear_pointer (&m->fields, json_object_unref);
  g_clear_pointer (&m->changes, json_object_unref);
  g_free (m);
}

static GTask *
move_task (JfdEngine           *self,
           JfdActor            *actor,
           gint64               id,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data,
           gpointer             tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Move *m = g_new0 (Move, 1);

  g_task_set_source_tag (task, tag);
  m->actor = jfd_actor_ref (actor);
  m->id = id;
  m->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_task_set_task_data (task, m, (GDestroyNotify) move_free);
  return task;
}

/* The database's answer to a write: the new matter, a conflict, or no such matter. */
static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Move *m = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  JsonObject *matter;
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
  if (json_object_get_boolean_member_with_default (answer, "missing", FALSE))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such matter"));
      return;
    }
  if (json_object_get_boolean_member_with_default (answer, "bad_assignee", FALSE))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "assignee",
                                               "The assignee must be an active account of "
                                               "this centre or one above it"));
      return;
    }
  matter = json_object_get_object_member (answer, "matter");
  jfd_engine_admit_matter (self, m->actor, matter, FALSE, NULL);
  if (json_object_get_boolean_member_with_default (answer, "conflict", FALSE))
    {
      jfd_engine_check_version (json_object_get_member (answer, "matter"), m->version,
                                "matter", &error);
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_CONFLICT, "version",
                                           "Someone changed this matter meanwhile; look "
                                           "again before you act"));
      return;
    }
  jfd_engine_return_json (task, json_node_ref (json_object_get_member (answer, "matter")));
}

static void
add_deadline (JsonBuilder *b,
              JfdCatalog  *catalog,
              const char  *stage,
              JsonObject  *matter,
              const char  *due_member,
              gboolean     with_rule)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = jfd_catalog_deadline (
    catalog, stage, json_object_get_string_member_with_default (matter, "kind", NULL),
    json_object_get_string_member_with_default (matter, "category", NULL), now, &rule);
  g_autofree char *due = NULL;
  g_autofree char *warn = NULL;

  if (deadline == NULL || jf_deadline_is_suspended (deadline))
    return;
  due = jf_json_datetime_to_string (jf_deadline_get_due (deadline));
  json_builder_set_member_name (b, due_member);
  json_builder_add_string_value (b, due);
  if (!with_rule)
    return;
  warn = jf_json_datetime_to_string (jf_deadline_get_warn_at (deadline));
  json_builder_set_member_name (b, "warn_at");
  json_builder_add_string_value (b, warn);
  json_builder_set_member_name (b, "rule_id");
  json_builder_add_int_value (b, rule->id);
  json_builder_set_member_name (b, "stage");
  json_builder_add_string_value (b, stage);
}

static void
begin_write (JsonBuilder *b,
             Move        *m,
             const JfMove *move)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "matter_id");
  json_builder_add_int_value (b, m->id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, m->version);
  json_builder_set_member_name (b, "actor_id");
  json_builder_add_int_value (b, m->actor->account_id);
  json_builder_set_member_name (b, "actor_role");
  json_builder_add_string_value (b, jfd_actor_role_for (m->actor, move->roles));
  json_builder_set_member_name (b, "actor_org_id");
  json_builder_add_int_value (b, m->actor->org_id);
  if (m->note != NULL)
    {
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, m->note);
    }
}

static void
write_query (JfdEngine          *self,
             GTask              *task,
             const JfdStatement *stmt,
             JsonBuilder        *b)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = jf_json_to_string (root, NULL);
  jfd_engine_query (self, task, stmt, (const char *[]) { text }, written_cb);
}

static gboolean
judge (JfdEngine     *self,
       Move          *m,
       const JfMove  *move,
       JsonObject    *matter,
       GError       **error)
{
  JfActor actor = jfd_actor_for_lifecycle (m->actor);

  return jf_lifecycle_check (move, &actor, jfd_engine_matter_status (matter),
                             jfd_engine_matter_facts (matter), m->fields, error);
}

static void
move_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Move *m = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JfdCatalog) catalog = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  JsonObject *matter;
  JfStatus from;
  const JfMove *move;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such matter"));
      return;
    }
  matter = json_node_get_object (node);
  /* A stale version is a conflict whatever the move: judged against a matter the caller
   * has not seen, a refusal would explain the wrong state. */
  if (!jfd_engine_admit_matter (self, m->actor, matter, TRUE, &error) ||
      !jfd_engine_check_version (node, m->version, "matter", &error))
    {
      g_task_return_error (task, error);
      return;
    }
  from = jfd_engine_matter_status (matter);
  move = jf_lifecycle_find (from, m->to);
  if (move == NULL || move->via_workflow)
    {
      error = jf_error_new (JF_ERROR_REFUSED, "to", move == NULL
                            ? "A matter that is %s cannot become %s"
                            : "A matter that is %s becomes %s through its own action "
                              "(whistle, referral), not a plain move",
                            jf_status_to_string (from), jf_status_to_string (m->to));
      jf_error_set_detail (error, node);
      g_task_return_error (task, error);
      return;
    }
  if (!judge (self, m, move, matter, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  catalog = jfd_shared_get_catalog (self->shared);
  b = json_builder_new ();
  begin_write (b, m, move);
  json_builder_set_member_name (b, "move");
  json_builder_add_string_value (b, move->name);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, jf_status_to_string (from));
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, jf_status_to_string (move->to));
  json_builder_set_member_name (b, "fields");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), m->fields));
  for (guint i = 0; i < G_N_ELEMENTS (stage_of_status); i++)
    if (stage_of_status[i].status == move->to)
      add_deadline (b, catalog, stage_of_status[i].stage, matter, "due_at", TRUE);
  if (move->to == JF_STATUS_RESOLVED)
    add_deadline (b, catalog, "followup", matter, "followup_due_at", FALSE);
  write_query (self, g_steal_pointer (&task), &apply_stmt, b);
}

static gboolean
read_fields (JsonObject  *body,
             JsonObject **out_fields,
             GError     **error)
{
  JsonObject *given = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  if (!jf_json_read_object (body, NULL, "fields", JF_JSON_OPTIONAL, &given, error))
    return FALSE;
  if (given != NULL && !jf_json_check_members (given, "fields", move_fields, error))
    return FALSE;
  for (guint i = 0; given != NULL && move_fields[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!jf_json_read_string (given, "fields", move_fields[i], JF_JSON_OPTIONAL, 1, 2000,
                                &value, error))
        return FALSE;
      if (value != NULL)
        json_object_set_string_member (fields, move_fields[i], value);
    }
  *out_fields = g_steal_pointer (&fields);
  return TRUE;
}

void
jfd_engine_move_async (JfdEngine           *self,
                       JfdActor            *actor,
                       gint64               id,
                       JsonObject          *body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  static const char * const members[] = { "to", "version", "note", "fields", NULL };
  g_autoptr(GTask) task = move_task (self, actor, id, cancellable, callback, user_data,
                                     jfd_engine_move_async);
  Move *m = g_task_get_task_data (task);
  const char *statuses[JF_N_STATUSES + 1] = { NULL, };
  guint to;
  GError *error = NULL;

  for (JfStatus s = 0; s < JF_N_STATUSES; s++)
    statuses[s] = jf_status_to_string (s);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_enum (body, NULL, "to", JF_JSON_REQUIRED, statuses, &to, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &m->version,
                         &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &m->note, &error) ||
      !read_fields (body, &m->fields, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  m->to = to;
  jfd_engine_query (self, g_steal_pointer (&task), &matter_stmt,
                    (const char *[]) { m->id_text }, move_read_cb);
}

static void
edit_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Move *m = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  JsonObject *matter;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such matter"));
      return;
    }
  matter = json_node_get_object (node);
  if (!jfd_engine_admit_matter (self, m->actor, matter, TRUE, &error) ||
      !jfd_engine_check_version (node, m->version, "matter", &error) ||
      (m->editing && !judge (self, m, jf_lifecycle_get_move (JF_MOVE_EDIT), matter, &error)) ||
      (m->assigning && !judge (self, m, jf_lifecycle_get_move (JF_MOVE_ASSIGN), matter, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  b = json_builder_new ();
  begin_write (b, m, jf_lifecycle_get_move (m->editing ? JF_MOVE_EDIT : JF_MOVE_ASSIGN));
  json_builder_set_member_name (b, "changes");
  json_builder_add_value (b, json_node_init_object (json_node_alloc (), m->changes));
  write_query (self, g_steal_pointer (&task), &edit_stmt, b);
}

/* Reads the editable members of a PATCH into @changes, named as jf.edit_matter wants. */
static gboolean
read_changes (JfdEngine   *self,
              JsonObject  *body,
              JsonObject  *changes,
              GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  static const char * const location_members[] = { "address", "lat", "lng", NULL };
  static const char * const risk_members[] = { "violence", "group_size", "minors", "elderly",
                                               NULL };
  g_autofree char *title = NULL, *narrative = NULL, *category = NULL, *address = NULL;
  JsonObject *location = NULL, *risk = NULL;
  GDate occurred;

  g_date_clear (&occurred, 1);
  if (!jf_json_read_string (body, NULL, "title", JF_JSON_SINGLE_LINE, 1, 100, &title, error) ||
      !jf_json_read_string (body, NULL, "narrative", JF_JSON_OPTIONAL, 1, 5000, &narrative,
                            error) ||
      !jf_json_read_string (body, NULL, "category", JF_JSON_SINGLE_LINE, 1, 32, &category,
                            error) ||
      !jf_json_read_date (body, NULL, "occurred_on", JF_JSON_OPTIONAL, &occurred, error) ||
      !jf_json_read_object (body, NULL, "location", JF_JSON_OPTIONAL, &location, error) ||
      !jf_json_read_object (body, NULL, "risk", JF_JSON_OPTIONAL, &risk, error))
    return FALSE;
  if (category != NULL && (jfd_catalog_category (catalog, category) == NULL ||
                           !jfd_catalog_category (catalog, category)->active))
    {
      jf_set_error (error, JF_ERROR_INVALID, "category", "“%s” is not a category in use",
                    category);
      return FALSE;
    }
  if (title != NULL)
    json_object_set_string_member (changes, "title", title);
  if (narrative != NULL)
    json_object_set_string_member (changes, "narrative", narrative);
  if (category != NULL)
    json_object_set_string_member (changes, "category", category);
  if (g_date_valid (&occurred))
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &occurred);
      json_object_set_string_member (changes, "occurred_on", text);
    }
  if (location != NULL)
    {
      double lat = 0, lng = 0;
      gboolean has_lat = json_object_has_member (location, "lat");

      if (!jf_json_check_members (location, "location", location_members, error) ||
          !jf_json_read_string (location, "location", "address", JF_JSON_SINGLE_LINE, 1, 200,
                                &address, error) ||
          !jf_json_read_double (location, "location", "lat", JF_JSON_OPTIONAL, -90, 90, &lat,
                                error) ||
          !jf_json_read_double (location, "location", "lng", JF_JSON_OPTIONAL, -180, 180, &lng,
                                error))
        return FALSE;
      if (has_lat != json_object_has_member (location, "lng"))
        {
          jf_set_error (error, JF_ERROR_INVALID, has_lat ? "location.lng" : "location.lat",
                        "Latitude and longitude go together");
          return FALSE;
        }
      if (address != NULL)
        json_object_set_string_member (changes, "address", address);
      if (has_lat)
        {
          json_object_set_double_member (changes, "lat", lat);
          json_object_set_double_member (changes, "lng", lng);
        }
    }
  if (risk != NULL)
    {
      const char *flags[] = { "violence", "minors", "elderly" };
      gint64 group = -1;

      if (!jf_json_check_members (risk, "risk", risk_members, error) ||
          !jf_json_read_int (risk, "risk", "group_size", JF_JSON_OPTIONAL, 0, 100000, &group,
                             error))
        return FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
        {
          gboolean value = FALSE;
          g_autofree char *column = g_strconcat ("risk_", flags[i], NULL);

          if (!json_object_has_member (risk, flags[i]))
            continue;
          if (!jf_json_read_boolean (risk, "risk", flags[i], JF_JSON_REQUIRED, &value, error))
            return FALSE;
          json_object_set_boolean_member (changes, column, value);
        }
      if (group >= 0)
        json_object_set_int_member (changes, "risk_group_size", group);
    }
  return TRUE;
}

void
jfd_engine_edit_matter_async (JfdEngine           *self,
                              JfdActor            *actor,
                              gint64               id,
                              JsonObject          *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  static const char * const members[] = { "version", "note", "title", "narrative", "category",
                                          "location", "risk", "assignee", "occurred_on", NULL };
  g_autoptr(GTask) task = move_task (self, actor, id, cancellable, callback, user_data,
                                     jfd_engine_edit_matter_async);
  Move *m = g_task_get_task_data (task);
  GError *error = NULL;

  m->changes = json_object_new ();
  m->fields = json_object_new ();
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &m->version,
                         &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &m->note, &error) ||
      !read_changes (self, body, m->changes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  m->editing = json_object_get_size (m->changes) > 0;
  if (json_object_has_member (body, "assignee"))
    {
      JsonNode *assignee = json_object_get_member (body, "assignee");
      gint64 account = 0;

      /* null unassigns; otherwise an account id. */
      if (!JSON_NODE_HOLDS_NULL (assignee) &&
          !jf_json_read_int (body, NULL, "assignee", JF_JSON_REQUIRED, 1, G_MAXINT32, &account,
                             &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (account > 0)
        json_object_set_int_member (m->changes, "assignee_id", account);
      else
        json_object_set_null_member (m->changes, "assignee_id");
      json_object_set_int_member (m->fields, "assignee", account);
      m->assigning = TRUE;
    }
  if (!m->editing && !m->assigning)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL, "Nothing to change"));
      return;
    }
  jfd_engine_query (self, g_steal_pointer (&task), &matter_stmt,
                    (const char *[]) { m->id_text }, edit_read_cb);
}
