/* jfd-http.c: what every handler shares */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_reply (JfdRequest   *request,
                guint         status,
                JsonNode     *node,
                const GError *error)
{
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jfd_request_respond_error (request, error);
      return;
    }
  jfd_request_respond_json (request, status, node);
}

void
jfd_http_reply_ok_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 200, node, error);
}
