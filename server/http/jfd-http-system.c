/* jfd-http-system.c: /healthz, /metrics and the API document */
#include "config.h"

#include "jiefend-api-resources.h"
#include "jfd-http.h"
#include "jfd-server.h"

static void
health_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 200, node, error);
}

void
jfd_http_healthz (JfdRequest *request)
{
  jfd_engine_health_async (jfd_request_get_engine (request),
                           jfd_request_get_cancellable (request), health_cb,
                           jfd_request_ref (request));
}

static void
counts_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  JfdServer *server = jfd_request_get_server (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) counts = jfd_engine_finish (JFD_ENGINE (source), result, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;

  jfd_metrics_render (jfd_shared_get_metrics (jfd_server_get_shared (server)), out);
  g_string_append (out, "# HELP jiefen_matters Matters by status.\n"
                        "# TYPE jiefen_matters gauge\n");
  if (counts != NULL)
    {
      JsonObjectIter iter;
      const char *status;
      JsonNode *n;

      json_object_iter_init (&iter, json_node_get_object (counts));
      while (json_object_iter_next (&iter, &status, &n))
        g_string_append_printf (out, "jiefen_matters{status=\"%s\"} %" G_GINT64_FORMAT "\n",
                                status, json_node_get_int (n));
    }
  g_string_append_printf (out, "# HELP jiefen_database_up Whether the database answers.\n"
                               "# TYPE jiefen_database_up gauge\njiefen_database_up %d\n",
                          counts != NULL);
  body = g_string_free_to_bytes (g_steal_pointer (&out));
  jfd_request_respond_text (request, 200, "text/plain; version=0.0.4; charset=utf-8", body);
}

void
jfd_http_metrics (JfdRequest *request)
{
  jfd_engine_counts_async (jfd_request_get_engine (request),
                           jfd_request_get_cancellable (request), counts_cb,
                           jfd_request_ref (request));
}

void
jfd_http_openapi (JfdRequest *request)
{
  /* Through the resource's own symbol: from a static library, a resource nobody names is
   * left out by the linker. */
  g_autoptr(GBytes) document = g_resource_lookup_data (jfd_api_get_resource (),
                                                       "/org/jiefen/api/openapi.json",
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  jfd_request_respond_text (request, 200, "application/json; charset=utf-8", document);
}
