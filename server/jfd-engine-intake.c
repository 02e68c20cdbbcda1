/* jfd-engine-intake.c: registering a matter (POST /v1/matters)
 *
 * Everything that can be decided without the database is decided here: the body is read
 * strictly, the move checked against the lifecycle table, units and categories looked up
 * in the catalog, the acceptance deadline computed with the holiday calendar, personal
 * numbers sealed. The database then does the rest in one statement (jf.intake), which
 * also makes a retried Idempotency-Key return the first matter instead of a second one.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-private.h"
#include "jfd-personal.h"

/* Quiet: no NOTIFY inside the intake's transaction, which would make concurrent intakes
 * commit one at a time (schema/0015); the stream is woken once it has committed. The
 * answer comes taken apart: what admission judges by, and the document as text, which is
 * passed on as it is rather than parsed and written again. */
static const JfdStatement intake_stmt = {
  "intake",
  "SELECT a ? 'bad_assignee', coalesce((a->>'replay')::boolean, false), a #>> '{matter,id}', "
  "a #>> '{matter,status}', (a #> '{matter,facts}')::text, (a #> '{matter,scope}')::text, "
  "((a->'matter') - 'scope')::text FROM jf.intake_quiet($1::jsonb) AS a", 1,
};

enum { COL_BAD_ASSIGNEE, COL_REPLAY, COL_ID, COL_STATUS, COL_FACTS, COL_SCOPE, COL_MATTER };

typedef struct
{
  GBytes   *matter;
  gint64    id;
  gboolean  replayed;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->matter, g_bytes_unref);
  g_free (answer);
}

typedef struct
{
  JfdActor   *actor;
  JfdCatalog *catalog;
} Intake;

static void
intake_free (Intake *intake)
{
  jfd_actor_unref (intake->actor);
  jfd_catalog_unref (intake->catalog);
  g_free (intake);
}

static JsonNode *
column_json (PGresult  *res,
             int        column,
             GError   **error)
{
  return jf_json_parse (PQgetvalue (res, 0, column), PQgetlength (res, 0, column), error);
}

/* The document with "moves" added: @matter is an object's text, as PostgreSQL writes it. */
static GBytes *
with_moves (const char *matter,
            gsize       len,
            JsonNode   *moves)
{
  g_autofree char *moves_text = jf_json_to_string (moves, NULL);
  GString *text = g_string_sized_new (len + strlen (moves_text) + 16);

  g_string_append_len (text, matter, (gssize) len - 1);
  g_string_append (text, len > 2 ? ", \"moves\": " : "\"moves\": ");
  g_string_append (text, moves_text);
  g_string_append_c (text, '}');
  return g_string_free_to_bytes (text);
}

static void
intake_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Intake *intake = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonObject) probe = NULL;
  JsonNode *scope;
  JsonNode *facts;
  const char *matter;
  gsize len;
  Answer *answer;
  GError *error = NULL;

  if (res == NULL)
    return;
  if (PQntuples (res) != 1)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INTERNAL, NULL,
                                               "intake returned nothing"));
      return;
    }
  if (PQgetvalue (res, 0, COL_BAD_ASSIGNEE)[0] == 't')
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "assignee",
                                               "The assignee must be an active account of "
                                               "your centre or one above it"));
      return;
    }
  matter = PQgetvalue (res, 0, COL_MATTER);
  len = PQgetlength (res, 0, COL_MATTER);
  if (PQgetisnull (res, 0, COL_MATTER) || len < 2 || matter[len - 1] != '}')
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INTERNAL, NULL,
                                               "intake returned no matter"));
      return;
    }
  answer = g_new0 (Answer, 1);
  answer->replayed = PQgetvalue (res, 0, COL_REPLAY)[0] == 't';
  answer->id = g_ascii_strtoll (PQgetvalue (res, 0, COL_ID), NULL, 10);
  if (!answer->replayed)
    jfd_engine_wake_stream (self);
  /* Admission judges by the scope, the status and the facts alone. */
  probe = json_object_new ();
  scope = column_json (res, COL_SCOPE, &error);
  facts = scope != NULL ? column_json (res, COL_FACTS, &error) : NULL;
  if (facts == NULL)
    {
      g_clear_pointer (&scope, json_node_unref);
      answer_free (answer);
      g_task_return_error (task, error);
      return;
    }
  json_object_set_member (probe, "scope", scope);
  json_object_set_member (probe, "facts", facts);
  json_object_set_string_member (probe, "status", PQgetvalue (res, 0, COL_STATUS));
  if (!jfd_engine_admit_matter (self, intake->actor, probe, FALSE, &error))
    {
      answer_free (answer);
      g_task_return_error (task, error);
      return;
    }
  answer->matter = with_moves (matter, len, json_object_get_member (probe, "moves"));
  g_task_return_pointer (task, answer, (GDestroyNotify) answer_free);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = jf_json_datetime_to_string (time);
  add_string (builder, member, text);
}

/* The one parameter of jf.intake: the validated intake and what jiefend derived. */
static JsonNode *
build_parameter (JfdEngine        *self,
                 JfdCatalog       *catalog,
                 JfdActor         *actor,
                 const JfIntake   *in,
                 const JfdOrgUnit *place,
                 const char       *idempotency_key)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  const JfdRule *rule = NULL;
  g_autoptr(JfDeadline) deadline = jfd_catalog_deadline (catalog, "acceptance",
                                                          jf_kind_to_string (in->kind),
                                                          in->category, now, &rule);
  const JfMove *move = jf_lifecycle_get_move (JF_MOVE_REGISTER);

  json_builder_begin_object (b);
  add_int (b, "actor_id", actor->account_id);
  add_string (b, "actor_role", jfd_actor_role_for (actor, move->roles));
  add_int (b, "org_id", actor->org_id);
  add_string (b, "idempotency_key", idempotency_key);
  add_string (b, "kind", jf_kind_to_string (in->kind));
  add_string (b, "category", in->category);
  add_string (b, "source", jf_source_to_string (in->source));
  add_string (b, "title", in->title);
  add_string (b, "narrative", in->narrative);
  add_int (b, "place_org_id", place->id);
  add_string (b, "address", in->location.address);
  if (in->location.has_coordinates)
    {
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, in->location.lat);
      json_builder_set_member_name (b, "lng");
      json_builder_add_double_value (b, in->location.lng);
    }
  if (g_date_valid (&in->occurred_on))
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &in->occurred_on);
      add_string (b, "occurred_on", date);
    }
  add_bool (b, "risk_violence", in->risk.violence);
  add_int (b, "risk_group_size", in->risk.group_size);
  add_bool (b, "risk_minors", in->risk.minors);
  add_bool (b, "risk_elderly", in->risk.elderly);
  if (in->assignee > 0)
    add_int (b, "assignee_id", in->assignee);
  if (deadline != NULL && !jf_deadline_is_suspended (deadline))
    {
      add_time (b, "due_at", jf_deadline_get_due (deadline));
      add_time (b, "warn_at", jf_deadline_get_warn_at (deadline));
      add_int (b, "rule_id", rule->id);
    }
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < in->parties->len; i++)
    {
      const JfParty *party = in->parties->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "role", jf_party_role_to_string (party->role));
      add_string (b, "name", party->name);
      add_string (b, "organisation", party->organisation);
      add_string (b, "address", party->address);
      jfd_personal_add_party (jfd_shared_get_crypto (self->shared), party, b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
jfd_engine_intake_async (JfdEngine           *self,
                         JfdActor            *actor,
                         JsonObject          *body,
                         const char          *idempotency_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  JfActor lifecycle_actor = jfd_actor_for_lifecycle (actor);
  g_autoptr(JfIntake) in = NULL;
  g_autoptr(JsonNode) parameter = NULL;
  g_autofree char *text = NULL;
  const JfdOrgUnit *place;
  const JfdCategory *category;
  Intake *intake;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_intake_async);
  intake = g_new0 (Intake, 1);
  intake->actor = jfd_actor_ref (actor);
  intake->catalog = jfd_shared_get_catalog (self->shared);
  g_task_set_task_data (task, intake, (GDestroyNotify) intake_free);

  if (!jf_lifecycle_check (jf_lifecycle_get_move (JF_MOVE_REGISTER), &lifecycle_actor,
                           JF_STATUS_REGISTERED, JF_FACT_NONE, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (idempotency_key != NULL && !g_uuid_string_is_valid (idempotency_key))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "Idempotency-Key",
                                               "The Idempotency-Key header must be a UUID"));
      return;
    }
  in = jf_intake_from_json (body, &error);
  if (in == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  place = jfd_catalog_org_by_code (intake->catalog, in->location.org);
  if (place == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "location.org",
                                               "There is no unit with the code “%s”",
                                               in->location.org));
      return;
    }
  category = jfd_catalog_category (intake->catalog, in->category);
  if (category == NULL || !category->active)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "category",
                                               "“%s” is not a category in use", in->category));
      return;
    }
  parameter = build_parameter (self, intake->catalog, actor, in, place, idempotency_key);
  text = jf_json_to_string (parameter, NULL);
  jfd_engine_query (self, g_steal_pointer (&task), &intake_stmt, (const char *[]) { text },
                    intake_done_cb);
}

GBytes *
jfd_engine_intake_finish (JfdEngine     *self,
                          GAsyncResult  *result,
                          gint64        *out_id,
                          gboolean      *out_replayed,
                          GError       **error)
{
  Answer *answer;
  GBytes *matter;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return NULL;
  *out_id = answer->id;
  *out_replayed = answer->replayed;
  matter = g_bytes_ref (answer->matter);
  answer_free (answer);
  return matter;
}
