/* jfd-http-sessions.c: POST /v1/sessions, DELETE /v1/sessions/current, GET /v1/me */
#include "config.h"

#include "jfd-http.h"

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 201, node, error);
}

void
jfd_http_sessions_create (JfdRequest *request)
{
  jfd_engine_sign_in_async (jfd_request_get_engine (request), jfd_request_get_body (request),
                            jfd_request_get_client_address (request),
                            jfd_request_get_header (request, "User-Agent"),
                            jfd_request_get_cancellable (request), signed_in_cb,
                            jfd_request_ref (request));
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  if (error != NULL)
    jfd_http_reply (request, 0, NULL, error);
  else
    jfd_request_respond_empty (request, 204);
}

void
jfd_http_sessions_delete (JfdRequest *request)
{
  jfd_engine_sign_out_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                             jfd_request_get_cancellable (request), signed_out_cb,
                             jfd_request_ref (request));
}

void
jfd_http_me (JfdRequest *request)
{
  g_autoptr(JsonNode) node = jfd_engine_describe_actor (jfd_request_get_engine (request),
                                                        jfd_request_get_actor (request));

  jfd_http_reply (request, 200, node, NULL);
}
