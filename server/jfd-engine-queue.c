/* jfd-engine-queue.c: the queue of matters (GET /v1/matters)
 *
 * Filters choose fixed SQL fragments; values always travel as parameters. Each distinct
 * combination of fragments is one prepared statement, made on first use. The subtree is
 * one equality on the ancestor column of its root's level, which the (ancestor, id) and
 * (ancestor, status, id) indexes serve in id order; pages are keyset on id, so a page
 * boundary stays put while matters are registered. Several statuses (“open” is six) are
 * one scan of the (ancestor, status, id) index per status, merged in id order: a single
 * scan would have to sort the subtree or walk the table backward past the matters of
 * every other subtree.
 *
 * Free text is found in steps, in one statement. The newest matters of the scope (a
 * window of thousands) are tested directly, newest first, which fills a page at once
 * when the words are common; only when they are rare there does the gram index
 * find the older matches, and then it has few to fetch and sort (or, when they are
 * common after all, an older window is tested). Either way the answer is the same: every
 * matter that holds each word, newest first. Search statements are not prepared, so that
 * each is planned for its own words.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-private.h"
#include "jfd-query.h"

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200
#define MAX_WORDS 4
#define SEARCH_DOC "(m.title || ' ' || m.narrative || ' ' || m.party_names)"
/* Matters tested directly before the gram index is asked, by scope. Testing one of the
 * newest costs one to two microseconds on an idle machine (a document that must be
 * lowered three to five times that, so its window is a fifth); fetching one that the
 * index found costs five to ten, and merely asking the index about a word held by tens of
 * thousands of matters 10 to 20 ms. The city's window is the time of a few such
 * questions: it fills a page with any word held by one matter in 600, even when the
 * newest 20,000 or so, those of one busy reception window, are all of another kind. A
 * smaller scope's matters lie further apart on disk, so its window is shorter. A
 * department's matters are few: its window usually holds them all. When the window falls
 * short, the index is asked for at most SEARCH_FEW matches, which are all of them when
 * the words are rare (then the page is theirs); only words found more often than that
 * are tested further, in the older window, SEARCH_OLDER_WINDOWS as long, and only if
 * that too falls short does the index fetch every match. */
#define SEARCH_WINDOW_CITY 30000
#define SEARCH_WINDOW_COUNTY 15000
#define SEARCH_WINDOW_TOWNSHIP 4000
#define SEARCH_WINDOW_SMALL 2000
#define SEARCH_OLDER_WINDOWS 4
#define SEARCH_FEW 1000

static const char *open_statuses = "registered,accepted,in_mediation,dispatched,referred,resolved";

typedef struct
{
  GString   *scope;     /* the caller's matters, " AND …"; empty for the whole city */
  GString   *where;     /* the other filters, ANDed */
  GString   *match;     /* the words' exact tests, each " AND …"; empty without words */
  GString   *grams;     /* the same words' tests on the gram index */
  GPtrArray *params;    /* char *, owned */
  guint      statuses;  /* the parameter holding several statuses, or 0 */
  guint      n_statuses; /* how many it holds, each once */
  guint      after;     /* the parameter holding the keyset bound, or 0 */
  gboolean   subtree;   /* the scope is a subtree (the city included), not a department's */
  gboolean   lowered;   /* a word is tested against the lowered document */
  guint      window;    /* SEARCH_WINDOW_* */
} Query;

static void
add_condition (Query      *q,
               const char *format,
               const char *value)
{
  jfd_query_and (q->where, format, jfd_query_param (q->params, value));
}

static gboolean
seen_before (char  **names,
             guint   i)
{
  for (guint j = 0; j < i; j++)
    if (g_str_equal (names[j], names[i]))
      return TRUE;
  return FALSE;
}

static gboolean
add_status (Query       *q,
            const char  *value,
            GError     **error)
{
  g_auto(GStrv) names = g_strsplit (g_strcmp0 (value, "open") == 0 ? open_statuses : value,
                                    ",", -1);
  g_autoptr(GString) array = g_string_new ("{");
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!jf_status_from_string (names[i], NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "status", "“%s” is not a status", names[i]);
          return FALSE;
        }
      /* Once each: every status is a scan of its own. */
      if (seen_before (names, i))
        continue;
      g_string_append_printf (array, "%s%s", n++ > 0 ? "," : "", names[i]);
    }
  g_string_append_c (array, '}');
  if (n == 1)
    add_condition (q, "m.status = (%s::text[])[1]", array->str);
  else
    {
      q->statuses = jfd_query_param (q->params, array->str);
      q->n_statuses = n;
    }
  return TRUE;
}

/* The subtree of @code (the caller's unit when NULL); with @own, only the matters that its
 * root's own centre owns, none of the units below it: the dashboard's "own centre" cell. */
static gboolean
add_subtree (JfdEngine   *self,
             JfdActor    *actor,
             Query       *q,
             const char  *code,
             gboolean     own,
             GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdOrgUnit *root = jfd_query_root (actor, catalog, code, error);
  g_autofree char *id = NULL;
  const char *condition;

  if (root == NULL)
    return FALSE;
  id = g_strdup_printf ("%d", root->id);
  q->subtree = TRUE;
  /* Beside the subtree's own equality, which the planner may still use: the (org_id,
   * status, id) index serves this one. */
  if (own)
    jfd_query_and (q->scope, "m.org_id = %s::integer", jfd_query_param (q->params, id));
  switch (root->level)
    {
    case JF_LEVEL_CITY:
      return TRUE;
    case JF_LEVEL_COUNTY:
      condition = "m.county_id = %s::integer";
      q->window = SEARCH_WINDOW_COUNTY;
      break;
    case JF_LEVEL_TOWNSHIP:
      condition = "m.township_id = %s::integer";
      q->window = SEARCH_WINDOW_TOWNSHIP;
      break;
    case JF_LEVEL_VILLAGE:
      condition = "m.village_id = %s::integer";
      q->window = SEARCH_WINDOW_SMALL;
      break;
    case JF_LEVEL_GRID:
    case JF_N_LEVELS:
    default:
      condition = "m.org_id = %s::integer";
      q->window = SEARCH_WINDOW_SMALL;
      break;
    }
  jfd_query_and (q->scope, condition, jfd_query_param (q->params, id));
  return TRUE;
}

/* Whether lower() can change no occurrence of @word: Han characters and ASCII digits have
 * no case, and no character lowers to one, so the document need not be lowered (which
 * is two thirds of the cost of testing it). */
static gboolean
is_caseless (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!(g_ascii_isdigit (c) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)))
        return FALSE;
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
      guint word;
      gboolean caseless;

      if (words[i][0] == '\0')
        continue;
      word = jfd_query_param (q->params, words[i]);
      jfd_query_and (q->grams, "jf.grams" SEARCH_DOC " @> jf.query_grams(%s)", word);
      /* A word that the gram index could never find (it holds a character that jf.grams
       * splits on) finds nothing, with or without the index; planned with the word in
       * hand, this is a constant. */
      jfd_query_and (q->match, "jf.grams(%s) @> jf.query_grams(%s)", word);
      caseless = is_caseless (words[i]);
      q->lowered |= !caseless;
      jfd_query_and (q->match, caseless ? "strpos(" SEARCH_DOC ", %s) > 0"
                                  : "strpos(lower" SEARCH_DOC ", lower(%s)) > 0", word);
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
  gboolean own = FALSE;

  *out_limit = DEFAULT_LIMIT;
  if ((value = g_hash_table_lookup (params, "limit")) != NULL &&
      !g_ascii_string_to_unsigned (value, 10, 1, MAX_LIMIT, out_limit, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, "limit", "The limit is 1 to %d", MAX_LIMIT);
      return FALSE;
    }
  if ((value = g_hash_table_lookup (params, "own")) != NULL)
    {
      if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        {
          jf_set_error (error, JF_ERROR_INVALID, "own", "own takes “true” or “false”");
          return FALSE;
        }
      own = g_strcmp0 (value, "true") == 0;
    }
  /* A department's liaison sees the matters whistled to the department; others a subtree. */
  if (jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON) &&
      (actor->roles & ~JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON)) == 0)
    {
      g_autofree char *department = g_strdup_printf ("%d", actor->department_id);

      jfd_query_and (q->scope, "EXISTS (SELECT 1 FROM jf.whistles w JOIN jf.whistle_targets t "
                     "ON t.whistle_id = w.id WHERE w.matter_id = m.id "
                     "AND t.department_id = %s::integer)",
                     jfd_query_param (q->params, department));
    }
  else if (!add_subtree (self, actor, q, g_hash_table_lookup (params, "org"), own, error))
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
      q->after = jfd_query_param (q->params, value);
    }
  return TRUE;
}

/* The ids of the page, at most @limit (a placeholder) of them, sorted by the caller: the
 * limit there tells the planner that the page's matters are few, to be read one by one
 * rather than by walking the primary key down to them. */
static char *
page_ids_sql (const Query *q,
              const char  *limit)
{
  g_autofree char *keyset = NULL;
  g_autofree char *statuses = NULL;
  guint window = q->lowered ? q->window / 5 : q->window;

  keyset = q->after != 0 ? g_strdup_printf (" AND m.id < $%u::bigint", q->after) : g_strdup ("");
  statuses = q->statuses != 0 ? g_strdup_printf (" AND m.status = ANY ($%u::text[])", q->statuses)
                              : g_strdup ("");
  if (q->match->len > 0)
    {
      /* The filters other than the scope, and the words: a matter's test. */
      g_autofree char *test = g_strdup_printf ("%s%s%s", q->where->str, statuses,
                                               q->match->str);
      /* All of them, with the words on the gram index too. */
      g_autofree char *all = g_strdup_printf ("%s%s%s%s%s%s", q->where->str, q->scope->str,
                                              statuses, keyset, q->grams->str,
                                              q->match->str);
      guint older = window * SEARCH_OLDER_WINDOWS;

      /* Four ways to the page, each tried only when those before it fell short:
       * - recent: the newest matters of the scope, tested in id order, so that the page's
       *   hits stop the test early (a CTE is read in the order its rows were made);
       * - few: at most SEARCH_FEW matches from the gram index, which are all of them when
       *   the words are rare;
       * - older: the next, larger window, when the words are not rare but were rare
       *   among the newest matters;
       * - rest: every match from the gram index.
       * Each gate tests its cheap counts first: counting a window reads it to its end.
       * The gram index is asked in subqueries planned by OFFSET 0 for fetching all:
       * walking the primary key backward, as a LIMIT would favour, is what the windows
       * have shown to be slow for these words. UNION drops the matches found twice. */
      return g_strdup_printf (
        "WITH recent AS MATERIALIZED (SELECT m.id, (%s) AS hit FROM jf.matters m "
        "WHERE TRUE%s%s ORDER BY m.id DESC LIMIT %u), "
        "hits AS MATERIALIZED (SELECT id FROM recent WHERE hit LIMIT %s), "
        "short AS MATERIALIZED (SELECT (SELECT count(*) FROM hits) < %s "
        "AND (SELECT count(*) FROM recent) = %u AS yes), "
        "few AS MATERIALIZED (SELECT id FROM (SELECT m.id FROM jf.matters m WHERE %s "
        "AND (SELECT yes FROM short) OFFSET 0) AS f LIMIT %u), "
        "older AS MATERIALIZED (SELECT m.id, (%s) AS hit FROM jf.matters m "
        "WHERE m.id < (SELECT min(id) FROM recent)%s AND (SELECT yes FROM short) "
        "AND (SELECT count(*) FROM few) = %u ORDER BY m.id DESC LIMIT %u), "
        "hits2 AS MATERIALIZED (SELECT id FROM older WHERE hit LIMIT %s) "
        "SELECT id FROM hits "
        "UNION SELECT id FROM few WHERE (SELECT count(*) FROM few) < %u "
        "UNION SELECT id FROM hits2 "
        "UNION (SELECT id FROM (SELECT m.id FROM jf.matters m WHERE %s "
        "AND (SELECT count(*) FROM hits) + (SELECT count(*) FROM hits2) < %s "
        "AND (SELECT count(*) FROM older) = %u OFFSET 0) AS rest ORDER BY id DESC LIMIT %s)",
        test, q->scope->str, keyset, window, limit,
        limit, window,
        all, SEARCH_FEW,
        test, q->scope->str, SEARCH_FEW, older,
        limit,
        SEARCH_FEW,
        all, limit, older, limit);
    }
  /* One backward scan of the (ancestor, status, id) index per status, merged in id order
   * (a Merge Append), which stops at the page's last matter: a walk of the primary key
   * backward finds a subtree's open matters at once only while the newest matters are
   * its own and open, and its generic plan walks the whole table for a subtree that has
   * none. Each scan is bounded by the largest page, so that the generic plan is costed
   * as the page it reads: PostgreSQL keeps it instead of planning each call afresh. */
  if (q->statuses != 0 && q->subtree)
    {
      g_autoptr(GString) merged = g_string_new ("SELECT id FROM (");

      for (guint i = 1; i <= q->n_statuses; i++)
        g_string_append_printf (merged, "%s(SELECT m.id FROM jf.matters m WHERE %s%s "
                                        "AND m.status = ($%u::text[])[%u]%s "
                                        "ORDER BY m.id DESC LIMIT %d)",
                                i > 1 ? " UNION ALL " : "", q->where->str, q->scope->str,
                                q->statuses, i, keyset, MAX_LIMIT);
      g_string_append_printf (merged, ") AS f ORDER BY id DESC LIMIT %s", limit);
      return g_string_free (g_steal_pointer (&merged), FALSE);
    }
  return g_strdup_printf ("SELECT m.id FROM jf.matters m WHERE %s%s%s%s ORDER BY m.id DESC "
                          "LIMIT %s", q->where->str, q->scope->str, statuses, keyset, limit);
}

static void
query_clear (Query *q)
{
  g_string_free (q->scope, TRUE);
  g_string_free (q->where, TRUE);
  g_string_free (q->match, TRUE);
  g_string_free (q->grams, TRUE);
  g_ptr_array_unref (q->params);
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
  Query q = { g_string_new (NULL), g_string_new ("TRUE"), g_string_new (NULL),
              g_string_new (NULL), g_ptr_array_new_with_free_func (g_free), 0, 0, 0, FALSE,
              FALSE, SEARCH_WINDOW_CITY };
  g_autofree char *sql = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *limit_param = NULL;
  g_autofree char *ids = NULL;
  guint64 limit;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_list_matters_async);
  if (!build_query (self, actor, params != NULL ? params : none, &q, &limit, &error))
    {
      g_task_return_error (task, error);
      query_clear (&q);
      return;
    }
  limit_text = g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
  limit_param = g_strdup_printf ("$%u::integer", jfd_query_param (q.params, limit_text));
  ids = page_ids_sql (&q, limit_param);
  sql = g_strdup_printf (
    "SELECT jsonb_build_object('items', coalesce(jsonb_agg(j ORDER BY id DESC), '[]'), "
    "'next', CASE WHEN count(*) = %s THEN min(id) END)::text FROM ("
    "SELECT m.id, jsonb_build_object('id', m.id, 'number', m.number, 'version', m.version, "
    "'kind', m.kind, 'category', m.category, 'source', m.source, 'status', m.status, "
    "'title', m.title, 'org', jf.org_json(m.org_id), 'parties', m.party_names, "
    "'assignee', jf.account_ref(m.assignee_id), 'created_at', jf.ts(m.created_at), "
    "'deadline_at', jf.ts(m.next_deadline_at), 'violence', m.risk_violence) AS j "
    "FROM (SELECT id FROM (%s) AS found ORDER BY id DESC LIMIT %s) AS page_ids "
    "JOIN jf.matters m ON m.id = page_ids.id ORDER BY m.id DESC) AS page",
    limit_param, ids, limit_param);
  jfd_engine_query (self, g_steal_pointer (&task),
                    jfd_query_statement ("queue", sql, q.params->len, q.match->len == 0),
                    (const char * const *) q.params->pdata, listed_cb);
  query_clear (&q);
}

GBytes *
jfd_engine_list_matters_finish (JfdEngine     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
