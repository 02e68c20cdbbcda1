/* jfd-engine-links.c: read, judge, write — the one shape of every link operation
 *
 * See jfd-engine-links-private.h. The write is judged against what was read and carries
 * the versions it read; the database refuses to write if they changed meanwhile, exactly
 * as a move does.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jf-json.h"
#include "jfd-engine-links-private.h"

static void
link_free (JfdLink *link)
{
  jfd_actor_unref (link->actor);
  jfd_catalog_unref (link->catalog);
  g_free (link->id_text);
  g_clear_pointer (&link->body, json_object_unref);
  g_clear_pointer (&link->row, PQclear);
  g_clear_pointer (&link->matter_node, json_node_unref);
  g_clear_pointer (&link->record_node, json_node_unref);
  g_clear_pointer (&link->write, json_object_unref);
  g_clear_pointer (&link->answer, json_node_unref);
  if (link->data_free != NULL)
    g_clear_pointer (&link->data, link->data_free);
  g_free (link);
}

GTask *
jfd_link_task_new (JfdEngine           *self,
                   JfdActor            *actor,
                   gint64               id,
                   JsonObject          *body,
                   const char          *missing,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  JfdLink *link = g_new0 (JfdLink, 1);

  g_task_set_source_tag (task, source_tag);
  link->actor = jfd_actor_ref (actor);
  link->catalog = jfd_shared_get_catalog (jfd_engine_get_shared (self));
  link->id = id;
  link->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  link->body = body != NULL ? json_object_ref (body) : NULL;
  link->missing = missing;
  link->write = json_object_new ();
  g_task_set_task_data (task, link, (GDestroyNotify) link_free);
  return task;
}

JfdLink *
jfd_link_get (GTask *task)
{
  return g_task_get_task_data (task);
}

/* An answer's {field, message} as a JfError of @code. */
static GError *
answer_error (JsonObject  *answer,
              const char  *member,
              JfErrorCode  code)
{
  JsonObject *why = json_object_get_object_member (answer, member);
  JsonNode *field = json_object_get_member (why, "field");

  return jf_error_new (code, field != NULL && !JSON_NODE_HOLDS_NULL (field)
                             ? json_node_get_string (field) : NULL,
                       "%s", json_object_get_string_member_with_default (why, "message", ""));
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdLink *link = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_INTERNAL, NULL, "the write answered nothing"));
      return;
    }
  answer = json_node_get_object (node);
  if (json_object_has_member (answer, "result"))
    jfd_engine_return_json (task, json_node_ref (json_object_get_member (answer, "result")));
  else if (json_object_has_member (answer, "missing"))
    g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "%s", link->missing));
  else if (json_object_has_member (answer, "conflict"))
    {
      error = jf_error_new (JF_ERROR_CONFLICT, "version",
                            "Someone changed this meanwhile; look again before you act");
      jf_error_set_detail (error, json_object_get_member (answer, "current"));
      g_task_return_error (task, error);
    }
  else if (json_object_has_member (answer, "refused"))
    g_task_return_error (task, answer_error (answer, "refused", JF_ERROR_REFUSED));
  else if (json_object_has_member (answer, "invalid"))
    g_task_return_error (task, answer_error (answer, "invalid", JF_ERROR_INVALID));
  else if (json_object_has_member (answer, "forbidden"))
    g_task_return_error (task, answer_error (answer, "forbidden", JF_ERROR_FORBIDDEN));
  else
    g_task_return_error (task, jf_error_new (JF_ERROR_INTERNAL, NULL,
                                             "the write answered an unknown document"));
}

static JsonNode *
column_json (PGresult  *res,
             int        column,
             GError   **error)
{
  if (PQnfields (res) <= column || PQgetisnull (res, 0, column))
    return NULL;
  return jf_json_parse (PQgetvalue (res, 0, column), PQgetlength (res, 0, column), error);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  JfdLink *link = g_task_get_task_data (task);
  PGresult *res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (res == NULL)
    return;
  link->row = res;
  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "%s", link->missing));
      return;
    }
  link->matter_node = column_json (res, 0, &error);
  if (link->matter_node != NULL)
    link->record_node = column_json (res, 1, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  link->matter = json_node_get_object (link->matter_node);
  if (link->record_node != NULL && JSON_NODE_HOLDS_OBJECT (link->record_node))
    link->record = json_node_get_object (link->record_node);
  if (!jfd_engine_admit_matter (self, link->actor, link->matter,
                                link->for_writing, &error) ||
      (link->judge != NULL && !link->judge (self, link, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (link->write_stmt == NULL)
    {
      JsonNode *answer = link->answer != NULL ? g_steal_pointer (&link->answer)
                         : link->record_node != NULL ? json_node_ref (link->record_node)
                         : json_node_init_array (json_node_alloc (), json_array_new ());

      jfd_engine_return_json (task, answer);
      return;
    }
  parameter = json_node_init_object (json_node_alloc (), link->write);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), link->write_stmt,
                    (const char *[]) { text }, written_cb);
}

void
jfd_link_run (JfdEngine           *self,
              GTask               *task,
              const JfdStatement  *read,
              const char * const  *params,
              gboolean             for_writing,
              JfdLinkJudge         judge,
              const JfdStatement  *write)
{
  JfdLink *link = g_task_get_task_data (task);

  link->judge = judge;
  link->write_stmt = write;
  link->for_writing = for_writing;
  jfd_engine_query (self, task, read,
                    params != NULL ? params : (const char *[]) { link->id_text }, read_cb);
}

gboolean
jfd_link_require_roles (JfdLink     *link,
                        JfRoleSet    roles,
                        const char  *what,
                        GError     **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *list = NULL;

  if ((link->actor->roles & roles) != 0)
    return TRUE;
  names = jf_role_set_to_strv (roles);
  list = g_strjoinv (", ", names);
  jf_set_error (error, JF_ERROR_FORBIDDEN, NULL, "Only these roles may %s: %s", what, list);
  return FALSE;
}

void
jfd_link_add_actor (JfdLink   *link,
                    JfRoleSet  roles)
{
  json_object_set_int_member (link->write, "actor_id", link->actor->account_id);
  json_object_set_string_member (link->write, "actor_role",
                                 jfd_actor_role_for (link->actor, roles));
  json_object_set_int_member (link->write, "actor_org_id", link->actor->org_id);
}

void
jfd_link_pin_matter (JfdLink *link)
{
  json_object_set_int_member (link->write, "matter_id",
                              json_object_get_int_member (link->matter, "id"));
  json_object_set_int_member (link->write, "matter_version",
                              json_object_get_int_member (link->matter, "version"));
}

gboolean
jfd_link_require_status (JfdLink     *link,
                         JfStatusSet  statuses,
                         const char  *what,
                         GError     **error)
{
  JfStatus status = jfd_engine_matter_status (link->matter);

  if (statuses & JF_STATUS_BIT (status))
    return TRUE;
  jf_set_error (error, JF_ERROR_REFUSED, NULL, "%s: this matter is %s", what,
                jf_status_to_string (status));
  return FALSE;
}

/* The lifecycle names a missing field "fields.NAME"; the links' bodies carry it at the
 * root, sometimes under another name. */
static GError *
rename_field (GError             *error,
              const char * const *renames)
{
  const char *field = jf_error_get_field (error);
  const char *name;
  GError *renamed;

  /* A refusal of the status names the matter's "to", which these bodies do not have. */
  if (g_strcmp0 (field, "to") == 0)
    {
      renamed = jf_error_new (error->code, NULL, "%s", error->message);
      g_error_free (error);
      return renamed;
    }
  if (field == NULL || !g_str_has_prefix (field, "fields."))
    return error;
  name = field + strlen ("fields.");
  for (guint i = 0; renames != NULL && renames[i] != NULL && renames[i + 1] != NULL; i += 2)
    if (g_str_equal (renames[i], name))
      name = renames[i + 1];
  renamed = jf_error_new (error->code, name, "%s", error->message);
  g_error_free (error);
  return renamed;
}

/* The clock of a status entered by a move, as jfd-engine-moves.c starts it. */
static void
add_stage_clock (JfdLink     *link,
                 JsonObject  *move,
                 const char  *stage,
                 const char  *due_member,
                 gboolean     with_rule)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = jfd_catalog_deadline (
    link->catalog, stage, json_object_get_string_member_with_default (link->matter, "kind", NULL),
    json_object_get_string_member_with_default (link->matter, "category", NULL), now, &rule);
  g_autofree char *due = NULL;
  g_autofree char *warn = NULL;

  if (deadline == NULL || jf_deadline_is_suspended (deadline))
    return;
  due = jf_json_datetime_to_string (jf_deadline_get_due (deadline));
  json_object_set_string_member (move, due_member, due);
  if (!with_rule)
    return;
  if (jf_deadline_get_warn_at (deadline) != NULL)
    {
      warn = jf_json_datetime_to_string (jf_deadline_get_warn_at (deadline));
      json_object_set_string_member (move, "warn_at", warn);
    }
  json_object_set_int_member (move, "rule_id", rule->id);
  json_object_set_string_member (move, "stage", stage);
}

gboolean
jfd_link_check_move (JfdLink             *link,
                     JfMoveId             id,
                     JsonObject          *fields,
                     const char * const  *renames,
                     GError             **error)
{
  JfActor actor = jfd_actor_for_lifecycle (link->actor);

  if (jf_lifecycle_check (jf_lifecycle_get_move (id), &actor,
                          jfd_engine_matter_status (link->matter),
                          jfd_engine_matter_facts (link->matter), fields, error))
    return TRUE;
  if (error != NULL)
    *error = rename_field (*error, renames);
  return FALSE;
}

gboolean
jfd_link_add_move (JfdLink             *link,
                   JfMoveId             id,
                   JsonObject          *fields,
                   const char * const  *renames,
                   gboolean             stage_clock,
                   GError             **error)
{
  const JfMove *move = jf_lifecycle_get_move (id);
  JfStatus from = jfd_engine_matter_status (link->matter);
  JsonObject *p;

  if (!jfd_link_check_move (link, id, fields, renames, error))
    return FALSE;
  p = json_object_new ();
  json_object_set_int_member (p, "matter_id", json_object_get_int_member (link->matter, "id"));
  json_object_set_int_member (p, "version", json_object_get_int_member (link->matter, "version"));
  json_object_set_int_member (p, "actor_id", link->actor->account_id);
  json_object_set_string_member (p, "actor_role", jfd_actor_role_for (link->actor, move->roles));
  json_object_set_int_member (p, "actor_org_id", link->actor->org_id);
  json_object_set_string_member (p, "move", move->name);
  json_object_set_string_member (p, "from", jf_status_to_string (from));
  json_object_set_string_member (p, "to", jf_status_to_string (move->to));
  json_object_set_object_member (p, "fields", json_object_ref (fields));
  if (stage_clock && move->to == JF_STATUS_ACCEPTED)
    add_stage_clock (link, p, "handling", "due_at", TRUE);
  else if (stage_clock && move->to == JF_STATUS_IN_MEDIATION)
    add_stage_clock (link, p, "mediation", "due_at", TRUE);
  if (move->to == JF_STATUS_RESOLVED)
    add_stage_clock (link, p, "followup", "followup_due_at", FALSE);
  json_object_set_object_member (link->write, "move", p);
  return TRUE;
}

void
jfd_link_today (GDate *out_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

gboolean
jfd_link_read_day (JsonObject   *body,
                   const char   *member,
                   JfJsonFlags   flags,
                   const GDate  *not_before,
                   const char   *after,
                   GDate        *out_day,
                   GError      **error)
{
  GDate today;
  char text[16];

  g_date_clear (out_day, 1);
  if (!jf_json_read_date (body, NULL, member, flags, out_day, error))
    return FALSE;
  if (!g_date_valid (out_day))
    return TRUE;
  jfd_link_today (&today);
  if (g_date_compare (out_day, &today) > 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, member, "A day that has not come yet");
      return FALSE;
    }
  if (not_before != NULL && g_date_valid (not_before) && g_date_compare (out_day, not_before) < 0)
    {
      g_date_strftime (text, sizeof text, "%Y-%m-%d", not_before);
      jf_set_error (error, JF_ERROR_INVALID, member, "Not before %s (%s)", after, text);
      return FALSE;
    }
  return TRUE;
}

gboolean
jfd_link_record_day (JsonObject *record,
                     const char *member,
                     GDate      *out_day)
{
  const char *text = record != NULL ? json_object_get_string_member_with_default (record, member,
                                                                                  NULL)
                                    : NULL;
  guint y, m, d;

  g_date_clear (out_day, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out_day, d, m, y);
  return TRUE;
}

void
jfd_link_set_day (JsonObject  *object,
                  const char  *member,
                  const GDate *day)
{
  g_autofree char *text = jf_json_date_to_string (day);

  json_object_set_string_member (object, member, text);
}

char *
jfd_link_day_end_string (const GDate *day)
{
  return g_strdup_printf ("%04u-%02u-%02uT23:59:59+08:00", (guint) g_date_get_year (day),
                          (guint) g_date_get_month (day), (guint) g_date_get_day (day));
}

static JsonArray *
clocks_list (JfdLink    *link,
             const char *list)
{
  JsonObject *clocks;

  if (!json_object_has_member (link->write, "clocks"))
    json_object_set_object_member (link->write, "clocks", json_object_new ());
  clocks = json_object_get_object_member (link->write, "clocks");
  if (!json_object_has_member (clocks, list))
    json_object_set_array_member (clocks, list, json_array_new ());
  return json_object_get_array_member (clocks, list);
}

static void
day_of (GDateTime *time,
        GDate     *out_day)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, jf_calendar_time_zone ());

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* The deadline of @stage from @start_day (NULL: now) by the catalog's rule for the
 * matter's kind and category. A clock that starts today starts now; one started on an
 * earlier day (a petition entered after the fact) at its beginning. The start day itself is
 * never counted. */
static JfDeadline *
stage_deadline (JfdLink        *link,
                const char     *stage,
                const GDate    *start_day,
                GDateTime     **out_start,
                const JfdRule **out_rule,
                GError        **error)
{
  GDate today;
  g_autoptr(GDateTime) start = NULL;
  JfDeadline *deadline;

  jfd_link_today (&today);
  if (start_day == NULL || g_date_compare (start_day, &today) == 0)
    start = g_date_time_new_now (jf_calendar_time_zone ());
  else
    start = g_date_time_new (jf_calendar_time_zone (), g_date_get_year (start_day),
                             g_date_get_month (start_day), g_date_get_day (start_day), 0, 0, 0);
  deadline = jfd_catalog_deadline (
    link->catalog, stage, json_object_get_string_member_with_default (link->matter, "kind", NULL),
    json_object_get_string_member_with_default (link->matter, "category", NULL), start,
    out_rule);
  if (deadline == NULL || jf_deadline_is_suspended (deadline))
    {
      g_clear_pointer (&deadline, jf_deadline_unref);
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "No deadline rule covers the stage “%s”: an administrator has to restore "
                    "it before this step can be recorded", stage);
      return NULL;
    }
  if (out_start != NULL)
    *out_start = g_steal_pointer (&start);
  return deadline;
}

gboolean
jfd_link_due_day (JfdLink      *link,
                  const char   *stage,
                  const GDate  *start_day,
                  GDate        *out_due,
                  GError      **error)
{
  g_autoptr(JfDeadline) deadline = stage_deadline (link, stage, start_day, NULL, NULL, error);

  if (deadline == NULL)
    return FALSE;
  day_of (jf_deadline_get_due (deadline), out_due);
  return TRUE;
}

gboolean
jfd_link_start_clock (JfdLink      *link,
                      const char   *stage,
                      const GDate  *start_day,
                      GDate        *out_due,
                      GError      **error)
{
  g_autoptr(GDateTime) start = NULL;
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = stage_deadline (link, stage, start_day, &start, &rule,
                                                   error);
  JsonObject *clock;
  g_autofree char *started = NULL, *due = NULL;

  if (deadline == NULL)
    return FALSE;
  day_of (jf_deadline_get_due (deadline), out_due);
  clock = json_object_new ();
  json_object_set_string_member (clock, "stage", stage);
  json_object_set_int_member (clock, "rule_id", rule->id);
  started = jf_json_datetime_to_string (start);
  json_object_set_string_member (clock, "started_at", started);
  due = jf_json_datetime_to_string (jf_deadline_get_due (deadline));
  json_object_set_string_member (clock, "due_at", due);
  if (jf_deadline_get_warn_at (deadline) != NULL)
    {
      g_autofree char *warn = jf_json_datetime_to_string (jf_deadline_get_warn_at (deadline));

      json_object_set_string_member (clock, "warn_at", warn);
    }
  json_array_add_object_element (clocks_list (link, "start"), clock);
  return TRUE;
}

void
jfd_link_start_clock_until (JfdLink     *link,
                            const char  *stage,
                            const GDate *due_day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  JsonObject *clock = json_object_new ();
  g_autofree char *started = jf_json_datetime_to_string (now);
  g_autofree char *due = jfd_link_day_end_string (due_day);

  json_object_set_string_member (clock, "stage", stage);
  json_object_set_string_member (clock, "started_at", started);
  json_object_set_string_member (clock, "due_at", due);
  json_array_add_object_element (clocks_list (link, "start"), clock);
}

void
jfd_link_stop_clock (JfdLink    *link,
                     const char *stage)
{
  json_array_add_string_element (clocks_list (link, "stop"), stage);
}

void
jfd_link_move_clock (JfdLink     *link,
                     const char  *stage,
                     const GDate *due_day)
{
  JsonObject *move = json_object_new ();
  g_autofree char *due = jfd_link_day_end_string (due_day);

  json_object_set_string_member (move, "stage", stage);
  json_object_set_string_member (move, "due_at", due);
  json_array_add_object_element (clocks_list (link, "move"), move);
}

void
jfd_link_add_days (JfdLink *link,
                   GDate   *day,
                   guint    days)
{
  g_date_add_days (day, days);
  jf_calendar_roll_forward (jfd_catalog_get_calendar (link->catalog), day);
}
