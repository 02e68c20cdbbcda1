/* jfd-engine-reference.c: administrators' reference data — deadline rules, the holiday
 * calendar, categories
 *
 * Every change is one statement that also writes the audit log and notifies every
 * jiefend process, which reloads its catalog (jfd-catalog.h): a new make-up working day
 * counts in the next deadline computed anywhere. The process that made the change reloads
 * its own before answering, so that the administrator's next request, on whichever
 * connection and thread, sees it.
 */
#include "config.h"

#include <string.h>

#include "jf-deadline.h"
#include "jf-json.h"
#include "jfd-engine-private.h"

static const JfdStatement rules_stmt = {
  "reference_rules",
  "SELECT coalesce(jsonb_agg(jf.rule_json(id) ORDER BY stage, id), '[]')::text "
  "FROM jf.deadline_rules",
  0,
};

static const JfdStatement calendar_stmt = {
  "reference_calendar",
  "SELECT coalesce(jsonb_agg(jsonb_build_object('day', day, 'kind', kind, 'name', name) "
  "ORDER BY day), '[]')::text FROM jf.calendar_days "
  "WHERE day >= make_date($1::integer, 1, 1) AND day < make_date($1::integer + 1, 1, 1)",
  1,
};

static const JfdStatement rule_set_stmt = {
  "reference_rule_set", "SELECT jf.rule_set($1::jsonb)::text", 1,
};

static const JfdStatement calendar_set_stmt = {
  "reference_calendar_set", "SELECT jf.calendar_set($1::jsonb)::text", 1,
};

static const JfdStatement category_set_stmt = {
  "reference_category_set", "SELECT jf.category_set($1::jsonb)::text", 1,
};

static gboolean
require_admin (JfdActor *actor, GError **error)
{
  if (jfd_actor_has_role (actor, JF_ROLE_ADMIN))
    return TRUE;
  jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                "Only an administrator changes reference data");
  return FALSE;
}

static void
plain_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *node;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    jfd_engine_return_json (task, node);
}

typedef struct
{
  GTask    *task;    /* owned */
  JsonNode *answer;  /* owned */
} Written;

static void
reloaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Written *written = data;
  g_autoptr(GTask) task = written->task;
  JfdEngine *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* The change is committed: it is answered even so, and this process's own notification
   * reloads the catalog once more. */
  if (!jfd_shared_reload_catalog_finish (self->shared, result, &error))
    g_warning ("cannot reload the reference data after a change: %s", error->message);
  jfd_engine_return_json (task, written->answer);
  g_free (written);
}

/* The answers of jf.*_set: {missing}, {taken}, {conflict, <member>}, or {<member>}. */
static void
written_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  const char *member = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  Written *written;
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
    g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such %s", member));
  else if (json_object_has_member (answer, "taken"))
    /* A category is named by its slug; a rule by its stage, kind and category. */
    g_task_return_error (task, jf_error_new (JF_ERROR_CONFLICT,
                                             g_str_equal (member, "category") ? "slug" : "stage",
                                             "This %s exists already", member));
  else if (json_object_has_member (answer, "conflict"))
    {
      error = jf_error_new (JF_ERROR_CONFLICT, "version",
                            "Someone changed this %s meanwhile; look again", member);
      jf_error_set_detail (error, json_object_get_member (answer, member));
      g_task_return_error (task, error);
    }
  else
    {
      written = g_new0 (Written, 1);
      written->task = g_steal_pointer (&task);
      written->answer = json_node_ref (json_object_get_member (answer, member));
      jfd_shared_reload_catalog_async (self->shared, reloaded_cb, written);
    }
}

static GTask *
new_task (JfdEngine *self, GCancellable *cancellable, GAsyncReadyCallback callback,
          gpointer user_data, const char *member, gpointer tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, (gpointer) member, NULL);
  return task;
}

static void
write_with_actor (JfdEngine *self, GTask *task, const JfdStatement *stmt, JfdActor *actor,
                  JsonObject *p)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  json_object_set_int_member (p, "actor_id", actor->account_id);
  json_object_set_int_member (p, "actor_org_id", actor->org_id);
  node = json_node_init_object (json_node_alloc (), p);
  text = jf_json_to_string (node, NULL);
  jfd_engine_query (self, task, stmt, (const char *[]) { text }, written_cb);
}

void
jfd_engine_list_rules_async (JfdEngine *self, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = new_task (self, cancellable, callback, user_data, "rule",
                          jfd_engine_list_rules_async);

  jfd_engine_query (self, task, &rules_stmt, NULL, plain_cb);
}

void
jfd_engine_set_rule_async (JfdEngine *self, JfdActor *actor, gint64 id, JsonObject *body,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  static const char * const create_members[] = { "stage", "kind", "category", "unit", "amount",
                                                  "warn_minutes", "roll_forward", "description",
                                                  NULL };
  static const char * const patch_members[] = { "version", "unit", "amount", "warn_minutes",
                                                 "roll_forward", "description", NULL };
  static const char * const units[] = { "natural_days", "working_days", "hours", "minutes",
                                        NULL };
  static const char * const kinds[] = { "dispute", "request", "petition", "grid_event", NULL };
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, "rule",
                                    jfd_engine_set_rule_async);
  g_autoptr(JsonObject) p = json_object_new ();
  JsonObject *c = json_object_new ();
  JfJsonFlags needed = id == 0 ? JF_JSON_REQUIRED : JF_JSON_OPTIONAL;
  g_autofree char *stage = NULL, *category = NULL, *description = NULL;
  gint64 amount = 0, warn = -1, version = 0;
  guint unit = G_MAXUINT, kind = G_MAXUINT;
  gboolean roll_forward = TRUE;
  GError *error = NULL;

  json_object_set_object_member (p, "changes", c);
  if (!require_admin (actor, &error) ||
      !jf_json_check_members (body, NULL, id == 0 ? create_members : patch_members, &error) ||
      (id != 0 && !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32,
                                     &version, &error)) ||
      (id == 0 && !jf_json_read_string (body, NULL, "stage", JF_JSON_REQUIRED, 1, 64, &stage,
                                        &error)) ||
      !jf_json_read_enum (body, NULL, "kind", JF_JSON_OPTIONAL, kinds, &kind, &error) ||
      !jf_json_read_string (body, NULL, "category", JF_JSON_NOT_BLANK, 1, 32, &category,
                            &error) ||
      !jf_json_read_enum (body, NULL, "unit", needed, units, &unit, &error) ||
      !jf_json_read_int (body, NULL, "amount", needed, 1, 10000, &amount, &error) ||
      !jf_json_read_int (body, NULL, "warn_minutes", JF_JSON_OPTIONAL, 0, 525600, &warn,
                         &error) ||
      !jf_json_read_boolean (body, NULL, "roll_forward", JF_JSON_OPTIONAL, &roll_forward,
                             &error) ||
      !jf_json_read_string (body, NULL, "description", JF_JSON_OPTIONAL, 1, 500, &description,
                            &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (stage != NULL && !jf_category_slug_is_valid (stage))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "stage",
                                               "A stage is a lower-case identifier"));
      return;
    }
  if (category != NULL)
    {
      g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);

      if (jfd_catalog_category (catalog, category) == NULL)
        {
          g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "category",
                                                   "“%s” is not a category", category));
          return;
        }
      json_object_set_string_member (c, "category", category);
    }
  if (stage != NULL)
    json_object_set_string_member (c, "stage", stage);
  if (kind != G_MAXUINT)
    json_object_set_string_member (c, "kind", kinds[kind]);
  if (unit != G_MAXUINT)
    json_object_set_string_member (c, "unit", units[unit]);
  if (amount > 0)
    json_object_set_int_member (c, "amount", amount);
  if (warn >= 0)
    json_object_set_int_member (c, "warn_minutes", warn);
  if (jf_json_has_member (body, "roll_forward"))
    json_object_set_boolean_member (c, "roll_forward", roll_forward);
  /* Blank is a description of its own: none, as a rule is made without one. */
  if (description != NULL || jf_json_has_member (body, "description"))
    json_object_set_string_member (c, "description", description != NULL ? description : "");
  if (id != 0 && json_object_get_size (c) == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL, "Nothing to change"));
      return;
    }
  if (id != 0)
    {
      json_object_set_int_member (p, "id", id);
      json_object_set_int_member (p, "version", version);
    }
  write_with_actor (self, g_steal_pointer (&task), &rule_set_stmt, actor, p);
}

void
jfd_engine_list_calendar_async (JfdEngine *self, const char *year_text,
                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task = new_task (self, cancellable, callback, user_data, "day",
                          jfd_engine_list_calendar_async);
  guint64 year;

  if (!g_ascii_string_to_unsigned (year_text, 10, 2000, 2100, &year, NULL))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "year",
                                               "Give a year from 2000 to 2100"));
      g_object_unref (task);
      return;
    }
  jfd_engine_query (self, task, &calendar_stmt, (const char *[]) { year_text }, plain_cb);
}

/* The value of @n digits at @text, or -1 if one of them is not a digit. */
static int
digits (const char *text, guint n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + g_ascii_digit_value (text[i]);
    }
  return value;
}

/* Exactly YYYY-MM-DD, a date that exists, in the years /v1/calendar?year= lists. */
static gboolean
parse_day (const char *text, GDate *date)
{
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  year = digits (text, 4);
  month = digits (text + 5, 2);
  day = digits (text + 8, 2);
  if (year < 2000 || year > 2100 || month < 1 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
jfd_engine_set_calendar_day_async (JfdEngine *self, JfdActor *actor, const char *day,
                                   JsonObject *body, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  static const char * const members[] = { "kind", "name", NULL };
  static const char * const kinds[] = { "off", "work", NULL };
  static const char * const weekdays[] = { NULL, "Monday", "Tuesday", "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday" };
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, "day",
                                    jfd_engine_set_calendar_day_async);
  g_autoptr(JsonObject) p = json_object_new ();
  g_autofree char *name = NULL;
  GDate date;
  guint kind;
  GError *error = NULL;

  if (!require_admin (actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!parse_day (day, &date))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "day",
                                               "A calendar day is a date from 2000 to 2100, "
                                               "written YYYY-MM-DD"));
      return;
    }
  if (body != NULL &&
      (!jf_json_check_members (body, NULL, members, &error) ||
       !jf_json_read_enum (body, NULL, "kind", JF_JSON_REQUIRED, kinds, &kind, &error) ||
       !jf_json_read_string (body, NULL, "name", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1, 50,
                             &name, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A make-up working day (调休上班) is a weekend day worked in exchange for a holiday;
   * a holiday may fall on any day. */
  if (body != NULL && g_str_equal (kinds[kind], "work") &&
      g_date_get_weekday (&date) < G_DATE_SATURDAY)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "day",
                                               "%s is a %s, a working day anyway: a make-up "
                                               "working day is a Saturday or a Sunday", day,
                                               weekdays[g_date_get_weekday (&date)]));
      return;
    }
  json_object_set_string_member (p, "day", day);
  if (body != NULL)
    {
      json_object_set_string_member (p, "kind", kinds[kind]);
      json_object_set_string_member (p, "name", name);
    }
  write_with_actor (self, g_steal_pointer (&task), &calendar_set_stmt, actor, p);
}

void
jfd_engine_set_category_async (JfdEngine *self, JfdActor *actor, const char *slug,
                               JsonObject *body, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  static const char * const create_members[] = { "slug", "name_zh", "name_en", NULL };
  static const char * const patch_members[] = { "name_zh", "name_en", "active", NULL };
  g_autoptr(GTask) task = new_task (self, cancellable, callback, user_data, "category",
                                    jfd_engine_set_category_async);
  g_autoptr(JsonObject) p = json_object_new ();
  JsonObject *c = json_object_new ();
  JfJsonFlags needed = slug == NULL ? JF_JSON_REQUIRED : JF_JSON_OPTIONAL;
  g_autofree char *new_slug = NULL, *name_zh = NULL, *name_en = NULL;
  gboolean active = TRUE;
  GError *error = NULL;

  json_object_set_object_member (p, "changes", c);
  if (!require_admin (actor, &error) ||
      !jf_json_check_members (body, NULL, slug == NULL ? create_members : patch_members,
                              &error) ||
      (slug == NULL && !jf_json_read_string (body, NULL, "slug", JF_JSON_REQUIRED, 1, 32,
                                             &new_slug, &error)) ||
      !jf_json_read_string (body, NULL, "name_zh",
                            needed | JF_JSON_SINGLE_LINE | JF_JSON_NOT_BLANK, 1, 50, &name_zh,
                            &error) ||
      !jf_json_read_string (body, NULL, "name_en",
                            needed | JF_JSON_SINGLE_LINE | JF_JSON_NOT_BLANK, 1, 100, &name_en,
                            &error) ||
      !jf_json_read_boolean (body, NULL, "active", JF_JSON_OPTIONAL, &active, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (new_slug != NULL && !jf_category_slug_is_valid (new_slug))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "slug",
                                               "A slug is 1–32 of a–z, 0–9 and “_”, "
                                               "starting with a letter"));
      return;
    }
  json_object_set_string_member (p, "slug", slug != NULL ? slug : new_slug);
  json_object_set_boolean_member (p, "create", slug == NULL);
  if (name_zh != NULL)
    json_object_set_string_member (c, "name_zh", name_zh);
  if (name_en != NULL)
    json_object_set_string_member (c, "name_en", name_en);
  if (jf_json_has_member (body, "active"))
    json_object_set_boolean_member (c, "active", active);
  if (json_object_get_size (c) == 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL, "Nothing to change"));
      return;
    }
  write_with_actor (self, g_steal_pointer (&task), &category_set_stmt, actor, p);
}
