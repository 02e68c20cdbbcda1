/* jfd-engine-registry-search.c: finding registry records (GET /v1/people?q=… and kin)
 *
 * As the queue of matters does (jfd-engine-queue.c), it builds its SQL with jfd-query.h:
 * fixed fragments, values as parameters, one prepared statement per shape of query. What a
 * clerk types into q decides how it is looked up:
 * - a name, an address, words: the unigram and bigram index (jf.grams), which serves the
 *   one- and two-character queries that Chinese names are; a LIKE-like check follows;
 * - 4 characters of digits (or ending in X): the last 4 of an ID number or of a phone;
 *   6: the last 6 of an ID number; a whole ID or phone number: that number. These are
 *   keyed hashes of the ends of the numbers (schema/0004): the table holds no number in
 *   clear, not even in part.
 * Pages are keyset on id, newest first; the subtree is an equality on the ancestor column
 * of the unit's level, as for matters.
 */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-phone.h"
#include "jfd-engine-registry-private.h"
#include "jfd-query.h"

#define MAX_WORDS 4

typedef struct
{
  GString   *where;
  GPtrArray *params;  /* char *, owned */
} Query;

typedef struct
{
  const char *from;       /* FROM … with the unit aliased o, or none */
  const char *doc;        /* the list item's document */
  const char *alias;      /* of the record */
  const char *search_doc; /* the text that q's words are found in */
} Shape;

static const Shape shapes[] = {
  { "jf.people r JOIN jf.org_units o ON o.id = r.grid_id", "jf.person_doc(r)", "r",
    "r.name" },
  { "jf.places r JOIN jf.org_units o ON o.id = r.org_id", "jf.place_doc(r)", "r",
    "(r.name || ' ' || r.address)" },
  { "jf.organisations r", "jf.organisation_doc(r)", "r", "r.name" },
  { "jf.things r JOIN jf.org_units o ON o.id = r.org_id", "jf.thing_doc(r)", "r", "r.name" },
};

static void
add_condition (Query      *q,
               const char *format,
               const char *value)
{
  jfd_query_and (q->where, format, jfd_query_param (q->params, value));
}

static gboolean
add_subtree (JfdActor    *actor,
             JfdCatalog  *catalog,
             Query       *q,
             const char  *code,
             GError     **error)
{
  const JfdOrgUnit *root = jfd_query_root (actor, catalog, code, error);
  g_autofree char *id = NULL;

  if (root == NULL)
    return FALSE;
  id = g_strdup_printf ("%d", root->id);
  switch (root->level)
    {
    case JF_LEVEL_CITY:
      break;
    case JF_LEVEL_COUNTY:
      add_condition (q, "o.county_id = %s::integer", id);
      break;
    case JF_LEVEL_TOWNSHIP:
      add_condition (q, "o.township_id = %s::integer", id);
      break;
    case JF_LEVEL_VILLAGE:
      add_condition (q, "o.village_id = %s::integer", id);
      break;
    case JF_LEVEL_GRID:
    case JF_N_LEVELS:
    default:
      add_condition (q, "o.id = %s::integer", id);
      break;
    }
  return TRUE;
}

static char *
clean_text (const char  *text,
            const char  *field,
            GError     **error)
{
  g_autofree char *nfc = NULL;

  if (!g_utf8_validate (text, -1, NULL) ||
      (nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC)) == NULL ||
      g_utf8_strlen (g_strstrip (nfc), -1) < 1 || g_utf8_strlen (nfc, -1) > 50)
    {
      jf_set_error (error, JF_ERROR_INVALID, field, "Search for 1 to 50 characters");
      return NULL;
    }
  return g_steal_pointer (&nfc);
}

/* Each word of @text must be in @doc: all its grams in the index, then the word itself. */
static gboolean
add_words (Query       *q,
           const char  *doc,
           const char  *text,
           const char  *field,
           GError     **error)
{
  g_auto(GStrv) words = g_regex_split_simple ("[\\s\\p{P}]+", text, 0, 0);
  g_autofree char *format = g_strdup_printf ("jf.grams(%s) @> jf.query_grams(%%s) "
                                             "AND strpos(lower(%s), lower(%%s)) > 0", doc, doc);
  guint n = 0;

  for (guint i = 0; words[i] != NULL && n < MAX_WORDS; i++)
    {
      if (words[i][0] == '\0')
        continue;
      add_condition (q, format, words[i]);
      n++;
    }
  if (n == 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, field, "Search for some words");
      return FALSE;
    }
  return TRUE;
}

/* A person by the end of a number, or by a whole one: *@out_done is FALSE when @text is
 * not a number at all (a name, then). */
static gboolean
add_person_number (JfdCrypto   *crypto,
                   Query       *q,
                   const char  *text,
                   gboolean    *out_done,
                   GError     **error)
{
  g_autofree char *upper = g_ascii_strup (text, -1);
  gsize len = strlen (upper);
  gboolean digits = len > 0;
  gboolean ends_in_x;
  g_autofree char *id_key = NULL;
  g_autofree char *phone_key = NULL;

  *out_done = FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (upper[i]) && !(i == len - 1 && upper[i] == 'X') &&
        !(upper[i] == '-' && i > 0))
      digits = FALSE;
  if (!digits)
    return TRUE;
  ends_in_x = upper[len - 1] == 'X';
  *out_done = TRUE;
  if (len == 4 && strchr (upper, '-') == NULL)
    {
      id_key = jfd_registry_index_base64 (crypto, "id4", upper);
      if (ends_in_x)
        add_condition (q, "r.id_tail4_hmac = decode(%s, 'base64')", id_key);
      else
        {
          guint id_param, phone_param;

          phone_key = jfd_registry_index_base64 (crypto, "phone4", upper);
          id_param = jfd_query_param (q->params, id_key);
          phone_param = jfd_query_param (q->params, phone_key);
          g_string_append_printf (q->where, " AND (r.id_tail4_hmac = decode($%u, 'base64') "
                                  "OR r.phone_tail4_hmac = decode($%u, 'base64'))",
                                  id_param, phone_param);
        }
      return TRUE;
    }
  if (len == 6 && strchr (upper, '-') == NULL)
    {
      id_key = jfd_registry_index_base64 (crypto, "id6", upper);
      add_condition (q, "r.id_tail6_hmac = decode(%s, 'base64')", id_key);
      return TRUE;
    }
  if (len == 18 && jf_id_number_validate (upper, NULL, NULL))
    {
      id_key = jfd_registry_index_base64 (crypto, "id", upper);
      add_condition (q, "r.id_number_hmac = decode(%s, 'base64')", id_key);
      return TRUE;
    }
  if (jf_phone_validate (upper, NULL, NULL))
    {
      phone_key = jfd_registry_index_base64 (crypto, "phone", upper);
      add_condition (q, "r.phone_hmac = decode(%s, 'base64')", phone_key);
      return TRUE;
    }
  jf_set_error (error, JF_ERROR_INVALID, "q",
                "Search by the last 4 or 6 characters of an ID number, the last 4 digits of a "
                "phone number, or a whole number");
  return FALSE;
}

static gboolean
build_query (JfdEngine        *self,
             JfdActor         *actor,
             JfdRegistryKind   kind,
             GHashTable       *params,
             Query            *q,
             guint64          *out_limit,
             GError          **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const Shape *shape = &shapes[kind];
  const char *value;
  guint64 number;

  *out_limit = JFD_REGISTRY_DEFAULT_LIMIT;
  if ((value = g_hash_table_lookup (params, "limit")) != NULL &&
      !g_ascii_string_to_unsigned (value, 10, 1, JFD_REGISTRY_MAX_LIMIT, out_limit, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, "limit", "The limit is 1 to %d",
                    JFD_REGISTRY_MAX_LIMIT);
      return FALSE;
    }
  if (kind != JFD_REGISTRY_ORGANISATIONS &&
      !add_subtree (actor, catalog, q, g_hash_table_lookup (params, "org"), error))
    return FALSE;
  if ((value = g_hash_table_lookup (params, "q")) != NULL)
    {
      g_autofree char *text = clean_text (value, "q", error);
      gboolean done = FALSE;

      if (text == NULL)
        return FALSE;
      if (kind == JFD_REGISTRY_PEOPLE &&
          !add_person_number (jfd_shared_get_crypto (self->shared), q, text, &done, error))
        return FALSE;
      if (!done && kind == JFD_REGISTRY_ORGANISATIONS &&
          g_regex_match_simple ("^[0-9A-Za-z]{18}$", text, 0, 0))
        {
          g_autofree char *code = g_ascii_strup (text, -1);

          add_condition (q, "r.credit_code = %s", code);
          done = TRUE;
        }
      if (!done && !add_words (q, shape->search_doc, text, "q", error))
        return FALSE;
    }
  if ((value = g_hash_table_lookup (params, "address")) != NULL)
    {
      g_autofree char *text = clean_text (value, "address", error);

      if (text == NULL || !add_words (q, "coalesce(r.address, '')", text, "address", error))
        return FALSE;
    }
  if ((value = g_hash_table_lookup (params, "after")) != NULL)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
        {
          jf_set_error (error, JF_ERROR_INVALID, "after", "“after” is the “next” of a page");
          return FALSE;
        }
      add_condition (q, "r.id < %s::bigint", value);
    }
  return TRUE;
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *node;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, node);
}

void
jfd_engine_registry_search_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  JfdRegistryKind      kind,
                                  GHashTable          *params,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  Query q = { g_string_new ("TRUE"), g_ptr_array_new_with_free_func (g_free) };
  const Shape *shape = &shapes[kind];
  g_autofree char *sql = NULL;
  guint64 limit;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_registry_search_async);
  if (!jfd_registry_require (actor, FALSE, &error) ||
      !build_query (self, actor, kind, params != NULL ? params : none, &q, &limit, &error))
    {
      g_task_return_error (task, error);
      g_string_free (q.where, TRUE);
      g_ptr_array_unref (q.params);
      return;
    }
  g_ptr_array_add (q.params, g_strdup_printf ("%" G_GUINT64_FORMAT, limit));
  sql = g_strdup_printf (
    "SELECT jsonb_build_object('items', coalesce(jsonb_agg(j ORDER BY id DESC), '[]'), "
    "'next', CASE WHEN count(*) = $%u::integer THEN min(id) END)::text FROM ("
    "SELECT %s.id, %s AS j FROM %s WHERE %s ORDER BY %s.id DESC LIMIT $%u::integer) AS page",
    q.params->len, shape->alias, shape->doc, shape->from, q.where->str, shape->alias,
    q.params->len);
  jfd_engine_query (self, g_steal_pointer (&task),
                    jfd_query_statement ("registry_search", sql, q.params->len, TRUE),
                    (const char * const *) q.params->pdata, found_cb);
  g_string_free (q.where, TRUE);
  g_ptr_array_unref (q.params);
}
