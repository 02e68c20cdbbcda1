/* jfd-http-registry.c: /v1/people, /v1/places, /v1/organisations, /v1/things
 *
 * The four registries have one shape: POST creates (201, Location), GET /{id} reads
 * (people: ?reveal=true), PATCH /{id} changes ({version, …}), GET ?q= finds.
 */
#include "config.h"

#include "jf-error.h"
#include "jfd-engine-registry.h"
#include "jfd-http.h"

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);
  const char *pattern = jfd_request_get_route (request)->pattern;
  g_autofree char *location = NULL;

  if (node != NULL)
    {
      location = g_strdup_printf ("%s/%" G_GINT64_FORMAT, pattern,
                                  json_object_get_int_member (json_node_get_object (node),
                                                              "id"));
      jfd_request_add_header (request, "Location", location);
    }
  jfd_http_reply (request, 201, node, error);
}

static void
create (JfdRequest      *request,
        JfdRegistryKind  kind)
{
  jfd_engine_registry_create_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), kind,
                                    jfd_request_get_body (request),
                                    jfd_request_get_cancellable (request), created_cb,
                                    jfd_request_ref (request));
}

static void
get (JfdRequest      *request,
     JfdRegistryKind  kind)
{
  static const char * const people_allowed[] = { "reveal", NULL };
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;
  const char *reveal;
  gint64 id;

  if (!jfd_request_check_query (request, kind == JFD_REGISTRY_PEOPLE ? people_allowed : none,
                                &error) ||
      !jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  reveal = jfd_request_get_query (request, "reveal");
  if (reveal != NULL && g_strcmp0 (reveal, "true") != 0)
    {
      jf_set_error (&error, JF_ERROR_INVALID, "reveal", "reveal takes only “true”");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_registry_get_async (jfd_request_get_engine (request),
                                 jfd_request_get_actor (request), kind, id, reveal != NULL,
                                 jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                 jfd_request_ref (request));
}

static void
patch (JfdRequest      *request,
       JfdRegistryKind  kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_registry_update_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), kind, id,
                                    jfd_request_get_body (request),
                                    jfd_request_get_cancellable (request),
                                    jfd_http_reply_ok_cb, jfd_request_ref (request));
}

static void
list (JfdRequest      *request,
      JfdRegistryKind  kind)
{
  static const char * const people[] = { "q", "address", "org", "after", "limit", NULL };
  static const char * const scoped[] = { "q", "org", "after", "limit", NULL };
  static const char * const public[] = { "q", "after", "limit", NULL };
  const char * const *allowed = kind == JFD_REGISTRY_PEOPLE ? people
                                : kind == JFD_REGISTRY_ORGANISATIONS ? public : scoped;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  for (guint i = 0; allowed[i] != NULL; i++)
    if (jfd_request_get_query (request, allowed[i]) != NULL)
      g_hash_table_insert (query, (gpointer) allowed[i],
                           (gpointer) jfd_request_get_query (request, allowed[i]));
  jfd_engine_registry_search_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), kind, query,
                                    jfd_request_get_cancellable (request),
                                    jfd_http_reply_ok_cb, jfd_request_ref (request));
}

#define REGISTRY_HANDLERS(name, KIND)                                                       \
  void jfd_http_##name##_create (JfdRequest *request) { create (request, KIND); }           \
  void jfd_http_##name##_get (JfdRequest *request) { get (request, KIND); }                 \
  void jfd_http_##name##_patch (JfdRequest *request) { patch (request, KIND); }             \
  void jfd_http_##name##_list (JfdRequest *request) { list (request, KIND); }

REGISTRY_HANDLERS (people, JFD_REGISTRY_PEOPLE)
REGISTRY_HANDLERS (places, JFD_REGISTRY_PLACES)
REGISTRY_HANDLERS (organisations, JFD_REGISTRY_ORGANISATIONS)
REGISTRY_HANDLERS (things, JFD_REGISTRY_THINGS)
