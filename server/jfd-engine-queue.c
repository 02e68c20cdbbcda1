/* jfd-engine-queue.c: the queue of matters (GET /v1/matters)
 *
 * Filters choose fixed SQL fragments; values always travel as parameters. Each distinct
 * combination of fragments is one prepared statement, made on first use. The subtree is
 * one equality on the ancestor column of its root's level, which the (ancestor, status,
 * id) indexes serve in id order; pages are keyset on id, so a page boundary stays put
 * while matters are registered.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-private.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200
#define MAX_WORDS 4
#define SEARCH_DOC "(m.title || ' ' || m.narrative || ' ' || m.party_names)"

static const char *open_statuses = "registered,accepted,in_mediation,dispatched,referred,resolved";

typedef struct
{
  GString   *where;
  GPtrArray *params;  /* char *, owned */
} Query;

static void
add_condition (Query      *q,
               const char *format,
               const char *value)
{
  g_autofree char *placeholder = NULL;

  g_ptr_array_add (q->params, g_strdup (value));
  placeholder = g_strdup_printf ("$%u", q->params->len);
  g_string_append (q->where, " AND ");
  /* format holds "%s" where the parameter goes, once or more. */
  {
    g_auto(GStrv) parts = g_strsplit (format, "%s", -1);
    g_autofree char *joined = g_strjoinv (placeholder, parts);

    g_string_append (q->where, joined);
  }
}

/* Statements are interned by their text: one per shape of query, for the whole process. */
static const JfdStatement *
statement_for (const char *sql,
               int         n_params)
{
  static GMutex lock;
  static GHashTable *statements;
  JfdStatement *stmt;

  g_mutex_lock (&lock);
  if (statements == NULL)
    statements = g_hash_table_new (g_str_hash, g_str_equal);
  stmt = g_hash_table_lookup (statements, sql);
  if (stmt == NULL)
    {
      stmt = g_new0 (JfdStatement, 1);
      stmt->name = g_strdup_printf ("queue_%u", g_hash_table_size (statements));
      stmt->sql = g_strdup (sql);
      stmt->n_params = n_params;
      g_hash_table_insert (statements, (gpointer) stmt->sql, stmt);
    }
  g_mutex_unlock (&lock);
  return stmt;
}

static gboolean
add_status (Query       *q,
            const char  *value,
            GError     **error)
{
  g_auto(GStrv) names = g_strsplit (g_strcmp0 (value, "open") == 0 ? open_statuses : value,
                                    ",", -1);
  g_autoptr(GString) array = g_string_new ("{");

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!jf_status_from_string (names[i], NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "status", "“%s” is not a status", names[i]);
          return FALSE;
        }
      g_string_append_printf (array, "%s%s", i > 0 ? "," : "", names[i]);
    }
  g_string_append_c (array, '}');
  add_condition (q, names[1] == NULL ? "m.status = (%s::text[])[1]" : "m.status = ANY (%s::text[])",
                 array->str);
  return TRUE;
}

static gboolean
add_subtree (JfdEngine   *self,
             JfdActor    *actor,
             Query       *q,
             const char  *code,
             GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdOrgUnit *root = jfd_catalog_org_by_code (catalog, code != NULL ? code
                                                    : actor->org_code);
  JfdPlace place;
  g_autofree char *id = NULL;

  if (root == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, "org", "There is no unit “%s”", code);
      return FALSE;
    }
  place.org_id = root->id;
  place.county_id = root->county_id;
  place.township_id = root->township_id;
  place.village_id = root->village_id;
  if (!jfd_actor_covers (actor, &place))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, "org", "“%s” is outside your scope", root->name);
      return FALSE;
    }
  id = g_strdup_printf ("%d", root->id);
  switch (root->level)
    {
    case JF_LEVEL_CITY:
      break;
    case JF_LEVEL_COUNTY:
      add_condition (q, "m.county_id = %s::integer", id);
      break;
    case JF_LEVEL_TOWNSHIP:
      add_condition (q, "m.township_id = %s::integer", id);
      break;
    case JF_LEVEL_VILLAGE:
      add_condition (q, "m.village_id = %s::integer", id);
      break;
    case JF_LEVEL_GRID:
    case JF_N_LEVELS:
    default:
      add_condition (q, "m.org_id = %s::integer", id);
      break;
    }
  return TRUE;
}

static gboolean
add_search (Query       *q,
            const char  *text,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_utf8_normalize (text, -1, G_NORMALIZE_NFC));
  g_auto(GStrv) words = NULL;
  guint n = 0;

  if (!g_utf8_validate (text, -1, NULL) || trimmed == NULL || g_utf8_strlen (trimmed, -1) > 50)
    {
      jf_set_error (error, JF_ERROR_INVALID, "q", "Search for 1 to 50 characters");
      return FALSE;
    }
  if (g_regex_match_simple ("^[0-9]{6}-[0-9]{4}-[0-9]{1,9}$", trimmed, 0, 0))
    {
      add_condition (q, "m.number = %s", trimmed);
      return TRUE;
    }
  words = g_regex_split_simple ("[\\s\\p{P}]+", trimmed, 0, 0);
  for (guint i = 0; words[i] != NULL && n < MAX_WORDS; i++)
    {
      if (words[i][0] == '\0')
        continue;
      add_condition (q, "jf.grams" SEARCH_DOC " @> jf.query_grams(%s) "
                        "AND strpos(lower" SEARCH_DOC ", lower(%s)) > 0", words[i]);
      n++;
    }
  if (n == 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "q", "Search for some words");
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_date (Query       *q,
          const char  *name,
          const char  *value,
          const char  *format,
          GError     **error)
{
  GDate date;

  g_date_clear (&date, 1);
  if (strlen (value) == 10)
    g_date_set_parse (&date, value);
  if (!g_date_valid (&date) || value[4] != '-' || value[7] != '-')
    {
      jf_set_error (error, JF_ERROR_INVALID, name, "Give the date as YYYY-MM-DD");
      return FALSE;
    }
  add_condition (q, format, value);
  return TRUE;
}

static gboolean
build_query (JfdEngine   *self,
             JfdActor    *actor,
             GHashTable  *params,
             Query       *q,
             guint64     *out_limit,
             GError     **error)
{
  const char *value;
  guint64 number;

  *out_limit = DEFAULT_LIMIT;
  if ((value = g_hash_table_lookup (params, "limit")) != NULL &&
      !g_ascii_string_to_unsigned (value, 10, 1, MAX_LIMIT, out_limit, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, "limit", "The limit is 1 to %d", MAX_LIMIT);
      return FALSE;
    }
  /* A department's liaison sees the matters whistled to the department; others a subtree. */
  if (jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON) &&
      (actor->roles & ~JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON)) == 0)
    {
      g_autofree char *department = g_strdup_printf ("%d", actor->department_id);

      add_condition (q, "EXISTS (SELECT 1 FROM jf.whistles w JOIN jf.whistle_targets t "
                        "ON t.whistle_id = w.id WHERE w.matter_id = m.id "
                        "AND t.department_id = %s::integer)", department);
    }
  else if (!add_subtree (self, actor, q, g_hash_table_lookup (params, "org"), error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "status")) != NULL && !add_status (q, value, error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "kind")) != NULL)
    {
      if (!jf_kind_from_string (value, NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "kind", "“%s” is not a kind of matter", value);
          return FALSE;
        }
      add_condition (q, "m.kind = %s", value);
    }
  if ((value = g_hash_table_lookup (params, "category")) != NULL)
    {
      if (!jf_category_slug_is_valid (value))
        {
          jf_set_error (error, JF_ERROR_INVALID, "category", "“%s” is not a category", value);
          return FALSE;
        }
      add_condition (q, "m.category = %s", value);
    }
  if ((value = g_hash_table_lookup (params, "assignee")) != NULL)
    {
      g_autofree char *me = g_strdup_printf ("%d", actor->account_id);

      if (g_strcmp0 (value, "me") != 0 &&
          !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT32, &number, NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "assignee", "Give an account id or “me”");
          return FALSE;
        }
      add_condition (q, "m.assignee_id = %s::integer", g_strcmp0 (value, "me") == 0 ? me : value);
    }
  if ((value = g_hash_table_lookup (params, "overdue")) != NULL)
    {
      if (g_strcmp0 (value, "true") != 0)
        {
          jf_set_error (error, JF_ERROR_INVALID, "overdue", "overdue takes only “true”");
          return FALSE;
        }
      g_string_append (q->where, " AND m.next_deadline_at < now()");
    }
  if ((value = g_hash_table_lookup (params, "created_from")) != NULL &&
      !add_date (q, "created_from", value,
                 "m.created_at >= (%s::date)::timestamp AT TIME ZONE 'Asia/Shanghai'", error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "created_to")) != NULL &&
      !add_date (q, "created_to", value,
                 "m.created_at < ((%s::date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'",
                 error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "q")) != NULL && !add_search (q, value, error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "after")) != NULL)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "after", "“after” is the “next” of a page");
          return FALSE;
        }
      add_condition (q, "m.id < %s::bigint", value);
    }
  return TRUE;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);

  if (res == NULL)
    return;
  g_task_return_pointer (task, g_bytes_new (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0)),
                         (GDestroyNotify) g_bytes_unref);
}

void
jfd_engine_list_matters_async (JfdEngine           *self,
                               JfdActor            *actor,
                               GHashTable          *params,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  Query q = { g_string_new ("TRUE"), g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *sql = NULL;
  g_autofree char *limit_text = NULL;
  guint64 limit;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_list_matters_async);
  if (!build_query (self, actor, params != NULL ? params : none, &q, &limit, &error))
    {
      g_task_return_error (task, error);
      g_string_free (q.where, TRUE);
      g_ptr_array_unref (q.params);
      return;
    }
  limit_text = g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
  g_ptr_array_add (q.params, g_strdup (limit_text));
  sql = g_strdup_printf (
    "SELECT jsonb_build_object('items', coalesce(jsonb_agg(j ORDER BY id DESC), '[]'), "
    "'next', CASE WHEN count(*) = $%u::integer THEN min(id) END)::text FROM ("
    "SELECT m.id, jsonb_build_object('id', m.id, 'number', m.number, 'version', m.version, "
    "'kind', m.kind, 'category', m.category, 'source', m.source, 'status', m.status, "
    "'title', m.title, 'org', jf.org_json(m.org_id), 'parties', m.party_names, "
    "'assignee', jf.account_ref(m.assignee_id), 'created_at', jf.ts(m.created_at), "
    "'deadline_at', jf.ts(m.next_deadline_at), 'violence', m.risk_violence) AS j "
    "FROM jf.matters m WHERE %s ORDER BY m.id DESC LIMIT $%u::integer) AS page",
    q.params->len, q.where->str, q.params->len);
  jfd_engine_query (self, g_steal_pointer (&task), statement_for (sql, q.params->len),
                    (const char * const *) q.params->pdata, listed_cb);
  g_string_free (q.where, TRUE);
  g_ptr_array_unref (q.params);
}

GBytes *
jfd_engine_list_matters_finish (JfdEngine     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
