/* jfd-engine.c: the engine's core: queries on tasks, error conversion, matter admission */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-private.h"

G_DEFINE_FINAL_TYPE (JfdEngine, jfd_engine, G_TYPE_OBJECT)

static void
jfd_engine_finalize (GObject *object)
{
  JfdEngine *self = JFD_ENGINE (object);

  g_clear_object (&self->pool);
  G_OBJECT_CLASS (jfd_engine_parent_class)->finalize (object);
}

static void
jfd_engine_class_init (JfdEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jfd_engine_finalize;
}

static void
jfd_engine_init (JfdEngine *self)
{
}

JfdEngine *
jfd_engine_new (JfdPool   *pool,
                JfdShared *shared)
{
  JfdEngine *self = g_object_new (JFD_TYPE_ENGINE, NULL);

  self->pool = g_object_ref (pool);
  self->shared = shared;
  return self;
}

JfdPool *
jfd_engine_get_pool (JfdEngine *self)
{
  return self->pool;
}

JfdShared *
jfd_engine_get_shared (JfdEngine *self)
{
  return self->shared;
}

JsonNode *
jfd_engine_finish (JfdEngine     *self,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jfd_engine_query (JfdEngine           *self,
                  GTask               *task,
                  const JfdStatement  *stmt,
                  const char * const  *params,
                  GAsyncReadyCallback  next)
{
  jfd_pool_query_async (self->pool, stmt, params, g_task_get_cancellable (task), next, task);
}

/* The boundary between the database's errors and the domain's: a lost database is 503,
 * a unique or check violation that validation should have caught is a conflict or an
 * invalid value, our own raised codes (class JF) say what they are, and anything else is
 * internal — logged with its detail, never shown. */
void
jfd_engine_return_db_error (GTask  *task,
                            GError *error)
{
  const char *sqlstate = jfd_db_error_get_sqlstate (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == JF_ERROR)
    g_task_return_error (task, error);
  else if (g_error_matches (error, JFD_DB_ERROR, JFD_DB_ERROR_CONNECTION))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_UNAVAILABLE, NULL,
                                               "The database is unavailable; try again "
                                               "shortly"));
      g_error_free (error);
    }
  else if (g_strcmp0 (sqlstate, "JF409") == 0 || g_strcmp0 (sqlstate, "23505") == 0 ||
           g_error_matches (error, JFD_DB_ERROR, JFD_DB_ERROR_SERIALIZATION))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_CONFLICT, NULL,
                                               "This conflicts with a change made at the "
                                               "same time; reload and try again"));
      g_error_free (error);
    }
  else if (g_strcmp0 (sqlstate, "JF422") == 0 && jfd_db_error_get_primary (error) != NULL)
    {
      /* A rule the database keeps (e.g. an account's department, 0016): its message is
       * ours, written for the user, and its column the field to fix. */
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID,
                                               jfd_db_error_get_column (error), "%s",
                                               jfd_db_error_get_primary (error)));
      g_error_free (error);
    }
  else if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "23") ||
                                g_str_has_prefix (sqlstate, "22")))
    {
      /* Not the message: PostgreSQL's detail quotes the row, personal data and all. */
      g_warning ("a value passed validation but not the database (SQLSTATE %s)", sqlstate);
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL,
                                               "A value is not acceptable"));
      g_error_free (error);
    }
  else
    g_task_return_error (task, error);
}

PGresult *
jfd_engine_query_finish (GTask        *task,
                         GAsyncResult *result)
{
  /* g_async_result_get_source_object () gives a reference. */
  g_autoptr(GObject) pool = g_async_result_get_source_object (result);
  GError *error = NULL;
  PGresult *res = jfd_pool_query_finish (JFD_POOL (pool), result, &error);

  if (res == NULL)
    jfd_engine_return_db_error (task, error);
  return res;
}

JsonNode *
jfd_engine_result_json (PGresult  *res,
                        GError   **error)
{
  const char *text;

  if (PQntuples (res) == 0 || PQgetisnull (res, 0, 0))
    return NULL;
  text = PQgetvalue (res, 0, 0);
  return jf_json_parse (text, PQgetlength (res, 0, 0), error);
}

void
jfd_engine_return_json (GTask    *task,
                        JsonNode *node)
{
  g_task_return_pointer (task, node, (GDestroyNotify) json_node_unref);
}

static const JfdStatement wake_stmt = {
  "stream_wake", "SELECT jf.stream_wake()", 0,
};

static void
woken_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfdEngine) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);

  self->waking = FALSE;
  /* The database is away, or jiefend is stopping: what was written is in the table, and
   * the next wake-up, or a client's reconnection, delivers it. */
  if (res == NULL)
    {
      g_debug ("the live stream was not woken: %s", error->message);
      self->wake_again = FALSE;
      return;
    }
  if (self->wake_again)
    jfd_engine_wake_stream (self);
}

void
jfd_engine_wake_stream (JfdEngine *self)
{
  /* The one on its way may have been sent before the caller's commit: another follows. */
  if (self->waking)
    {
      self->wake_again = TRUE;
      return;
    }
  self->waking = TRUE;
  self->wake_again = FALSE;
  jfd_pool_query_async (self->pool, &wake_stmt, NULL, NULL, woken_cb, g_object_ref (self));
}

static int
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? (int) json_node_get_int (node) : 0;
}

JfStatus
jfd_engine_matter_status (JsonObject *matter)
{
  JfStatus status = JF_STATUS_REGISTERED;

  jf_status_from_string (json_object_get_string_member_with_default (matter, "status", ""),
                         &status);
  return status;
}

gboolean
jfd_engine_check_version (JsonNode    *record_node,
                          gint64       version,
                          const char  *what,
                          GError     **error)
{
  JsonObject *record = record_node != NULL && JSON_NODE_HOLDS_OBJECT (record_node)
                       ? json_node_get_object (record_node) : NULL;
  gint64 now = record != NULL ? json_object_get_int_member_with_default (record, "version", 0)
                              : 0;

  if (now == version)
    return TRUE;
  jf_set_error (error, JF_ERROR_CONFLICT, "version",
                "Someone changed this %s meanwhile: it is now at version %" G_GINT64_FORMAT
                "; look again before you act", what, now);
  if (record != NULL)
    jf_error_set_detail (*error, record_node);
  return FALSE;
}

JfFacts
jfd_engine_matter_facts (JsonObject *matter)
{
  JsonNode *node = json_object_get_member (matter, "facts");
  JsonArray *facts = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;
  JfFacts set = JF_FACT_NONE;

  for (guint i = 0; facts != NULL && i < json_array_get_length (facts); i++)
    {
      const char *fact = json_array_get_string_element (facts, i);

      if (g_strcmp0 (fact, "follow_up_satisfied") == 0)
        set |= JF_FACT_FOLLOW_UP_SATISFIED;
      else if (g_strcmp0 (fact, "whistle_all_verified") == 0)
        set |= JF_FACT_WHISTLE_ALL_VERIFIED;
      else if (g_strcmp0 (fact, "has_parent_unit") == 0)
        set |= JF_FACT_HAS_PARENT_UNIT;
    }
  return set;
}

static gboolean
whistled_to (JsonObject *scope,
             int         department_id)
{
  JsonNode *node = json_object_get_member (scope, "departments");
  JsonArray *departments = node != NULL && JSON_NODE_HOLDS_ARRAY (node)
                           ? json_node_get_array (node) : NULL;

  for (guint i = 0; departments != NULL && i < json_array_get_length (departments); i++)
    if (json_array_get_int_element (departments, i) == department_id)
      return TRUE;
  return FALSE;
}

JfdRelation
jfd_engine_relation (JfdActor   *actor,
                     JsonObject *scope)
{
  JfdPlace place = { 0, };

  if (scope == NULL)
    return JFD_RELATION_NONE;
  place.org_id = member_int (scope, "org_id");
  place.county_id = member_int (scope, "county_id");
  place.township_id = member_int (scope, "township_id");
  place.village_id = member_int (scope, "village_id");
  /* A department's liaison works on what is whistled to the department, not on everything
   * in the unit their account sits at (a county, for a county department). */
  if ((actor->roles & ~JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON)) != 0 &&
      jfd_actor_covers (actor, &place))
    return JFD_RELATION_SUBTREE;
  if (jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON) &&
      whistled_to (scope, actor->department_id))
    return JFD_RELATION_DEPARTMENT;
  return JFD_RELATION_NONE;
}

gboolean
jfd_engine_admit_matter (JfdEngine   *self,
                         JfdActor    *actor,
                         JsonObject  *matter,
                         gboolean     for_writing,
                         GError     **error)
{
  JsonNode *scope_node = json_object_get_member (matter, "scope");
  JsonObject *scope = scope_node != NULL && JSON_NODE_HOLDS_OBJECT (scope_node)
                      ? json_node_get_object (scope_node) : NULL;
  JfdRelation relation = jfd_engine_relation (actor, scope);
  gboolean in_subtree = relation == JFD_RELATION_SUBTREE;
  JsonArray *moves;
  JfActor lifecycle_actor = jfd_actor_for_lifecycle (actor);
  g_autoptr(GPtrArray) allowed = NULL;

  g_return_val_if_fail (scope != NULL, FALSE);
  if (relation == JFD_RELATION_NONE)
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "This matter belongs to another centre, outside your scope");
      return FALSE;
    }
  if (for_writing && !in_subtree)
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "A department answers the whistle; the matter stays with its centre");
      return FALSE;
    }
  json_object_remove_member (matter, "scope");

  /* The moves this person may make now: the client shows exactly these. */
  moves = json_array_new ();
  if (in_subtree)
    allowed = jf_lifecycle_allowed_moves (&lifecycle_actor, jfd_engine_matter_status (matter),
                                          jfd_engine_matter_facts (matter));
  for (guint i = 0; allowed != NULL && i < allowed->len; i++)
    json_array_add_string_element (moves, ((const JfMove *) allowed->pdata[i])->name);
  json_object_set_array_member (matter, "moves", moves);
  return TRUE;
}
