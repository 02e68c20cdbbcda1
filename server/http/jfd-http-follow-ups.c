/* jfd-http-follow-ups.c: /v1/matters/{id}/follow-ups */
#include "config.h"

#include "jfd-http.h"

static void
recorded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 201, node, error);
}

void
jfd_http_follow_ups_create (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_follow_up_async (jfd_request_get_engine (request),
                              jfd_request_get_actor (request), id,
                              jfd_request_get_body (request),
                              jfd_request_get_cancellable (request), recorded_cb,
                              jfd_request_ref (request));
}

void
jfd_http_follow_ups_list (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_follow_ups_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), id,
                                    jfd_request_get_cancellable (request),
                                    jfd_http_reply_ok_cb, jfd_request_ref (request));
}
