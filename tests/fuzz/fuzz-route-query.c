/* fuzz-route-query.c: a request line's method and target through the router, the query
 * string parser and the queue's parameter readers
 *
 * Input: byte 0 picks the method, the rest (up to a NUL) is the request target, e.g.
 * "/v1/matters?status=open&q=%E5%99%AA". It is parsed as libsoup's server parses it
 * (g_uri_parse with SOUP_HTTP_URI_FLAGS), routed with jfd_routes_match (), its query split
 * with g_uri_parse_params () and the flags of server/jfd-request.c, and — as
 * jfd_http_matters_list () does — the known parameters handed to
 * jfd_engine_list_matters_async (), whose readers run before any query (for a GET of any
 * path: the readers are what is fuzzed, and need not wait for the fuzzer to find
 * "/v1/matters"). The actor is a
 * department liaison: the one role whose queue needs no catalog (the "org" parameter is
 * therefore not reached here).
 *
 * jfd_request_check_query () and jfd_request_get_param_id () need a SoupServerMessage
 * and cannot be called here; the handler's filter of known names is the one line of
 * jfd-http-matters.c repeated below.
 *
 * Oracles: a matched route has the method asked for and its parameters rebuild the path;
 * a refused parameter is named in the error, whose message is UTF-8 (it goes into a JSON
 * answer); parameters that reach the database (here: "unavailable") obey the API's
 * documented forms.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "jf-fuzz.h"
#include "jfd-route.h"

static const char * const methods[] = { "GET", "POST", "PATCH", "DELETE", "PUT", "HEAD",
                                        "OPTIONS", "get" };

static const char * const queue_params[] = { "status", "kind", "category", "org", "assignee",
                                             "overdue", "created_from", "created_to", "q",
                                             "after", "limit", NULL };

static void
check_route (const char *method,
             const char *path)
{
  char *params[JFD_ROUTE_MAX_PARAMS] = { NULL, };
  gboolean known = FALSE;
  const JfdRoute *route = jfd_routes_match (method, path, params, &known);

  if (route != NULL)
    {
      g_autoptr(GString) rebuilt = g_string_new (NULL);
      guint n = 0;

      jf_fuzz_assert (known, "a route matched on a path said to be unknown");
      jf_fuzz_assert (strcmp (route->method, method) == 0, "a route of another method");
      for (const char *p = route->pattern; *p != '\0'; p++)
        {
          if (*p != '{')
            {
              g_string_append_c (rebuilt, *p);
              continue;
            }
          jf_fuzz_assert (n < JFD_ROUTE_MAX_PARAMS && params[n] != NULL &&
                          params[n][0] != '\0' && strchr (params[n], '/') == NULL,
                          "a path parameter that is empty or spans segments");
          g_string_append (rebuilt, params[n++]);
          p = strchr (p, '}');
        }
      jf_fuzz_assert (strcmp (rebuilt->str, path) == 0, "the parameters do not rebuild the path");
    }
  for (guint i = 0; i < JFD_ROUTE_MAX_PARAMS; i++)
    g_free (params[i]);
}

static gboolean
is_date (const char *text)
{
  GDate date;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

/* The forms server/openapi.json gives the parameters of GET /v1/matters. */
static void
check_passed (GHashTable *query)
{
  const char *v;

  if ((v = g_hash_table_lookup (query, "limit")) != NULL)
    jf_fuzz_assert (g_ascii_string_to_unsigned (v, 10, 1, 200, NULL, NULL),
                    "a limit outside 1–200 reached the database");
  if ((v = g_hash_table_lookup (query, "after")) != NULL)
    jf_fuzz_assert (g_ascii_string_to_unsigned (v, 10, 1, G_MAXINT64, NULL, NULL),
                    "an “after” that is not a row id reached the database");
  if ((v = g_hash_table_lookup (query, "assignee")) != NULL)
    jf_fuzz_assert (strcmp (v, "me") == 0 ||
                    g_ascii_string_to_unsigned (v, 10, 1, G_MAXINT32, NULL, NULL),
                    "an assignee that is no account id reached the database");
  if ((v = g_hash_table_lookup (query, "overdue")) != NULL)
    jf_fuzz_assert (strcmp (v, "true") == 0, "overdue other than true reached the database");
  if ((v = g_hash_table_lookup (query, "kind")) != NULL)
    jf_fuzz_assert (jf_kind_from_string (v, NULL), "an unknown kind reached the database");
  if ((v = g_hash_table_lookup (query, "category")) != NULL)
    jf_fuzz_assert (jf_category_slug_is_valid (v), "a bad category reached the database");
  if ((v = g_hash_table_lookup (query, "created_from")) != NULL)
    jf_fuzz_assert (is_date (v), "a bad created_from reached the database");
  if ((v = g_hash_table_lookup (query, "created_to")) != NULL)
    jf_fuzz_assert (is_date (v), "a bad created_to reached the database");
  if ((v = g_hash_table_lookup (query, "q")) != NULL)
    jf_fuzz_assert (g_utf8_validate (v, -1, NULL),
                    "a search that is not UTF-8 reached the database");
  if ((v = g_hash_table_lookup (query, "status")) != NULL && strcmp (v, "open") != 0)
    {
      g_auto(GStrv) names = g_strsplit (v, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        jf_fuzz_assert (jf_status_from_string (names[i], NULL),
                        "an unknown status reached the database");
    }
}

static void
check_queue (GHashTable *params)
{
  JfdEngine *engine = jf_fuzz_engine ();
  g_autoptr(JfdActor) actor = jf_fuzz_actor_new (JF_ROLE_DEPARTMENT_LIAISON);
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = NULL;
  GHashTableIter iter;
  gpointer key, value;
  JfFuzzWait wait = { NULL };

  /* jfd_request_check_query (): an unknown name is a 400 before any reader runs. */
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_strv_contains (queue_params, key))
        return;
      /* The org reader needs the catalog, which only a database gives. */
      if (strcmp (key, "org") == 0)
        return;
      g_hash_table_insert (query, key, value);
    }
  jfd_engine_list_matters_async (engine, actor, query, NULL, jf_fuzz_wait_cb, &wait);
  jf_fuzz_wait (&wait);
  page = jfd_engine_list_matters_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  jf_fuzz_assert (page == NULL, "a queue page without a database");
  jf_fuzz_check_error (error, TRUE);
  if (error->code == JF_ERROR_UNAVAILABLE)
    check_passed (query);
  else
    jf_fuzz_assert (g_hash_table_contains (query, jf_error_get_field (error)),
                    "a refusal names a parameter that was not given");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  jf_fuzz_init_logging ();
  jf_fuzz_engine ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *method;
  g_autofree char *target = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;

  if (size < 1)
    return 0;
  method = methods[data[0] % G_N_ELEMENTS (methods)];
  target = g_strndup ((const char *) data + 1, size - 1);
  /* libsoup's server: an origin-form target on the Host it was sent to. */
  if (target[0] != '/')
    return 0;
  url = g_strconcat ("http://127.0.0.1:8420", target, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return 0;
  check_route (method, g_uri_get_path (uri));
  query = g_uri_get_query (uri);
  if (query == NULL || query[0] == '\0')
    return 0;
  /* server/jfd-request.c, jfd_request_dispatch (). */
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return 0;
  if (strcmp (method, "GET") == 0)
    check_queue (params);
  return 0;
}
