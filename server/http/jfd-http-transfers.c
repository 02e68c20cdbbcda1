/* jfd-http-transfers.c: /v1/matters/{id}/escalate and /v1/matters/{id}/hand-down */
#include "config.h"

#include "jfd-http.h"

typedef void (*TransferFunc) (JfdEngine *, JfdActor *, gint64, JsonObject *, GCancellable *,
                              GAsyncReadyCallback, gpointer);

static void
transfer (JfdRequest   *request,
          TransferFunc  func)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  func (jfd_request_get_engine (request), jfd_request_get_actor (request), id,
        jfd_request_get_body (request), jfd_request_get_cancellable (request),
        jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_matters_escalate (JfdRequest *request)
{
  transfer (request, jfd_engine_escalate_async);
}

void
jfd_http_matters_hand_down (JfdRequest *request)
{
  transfer (request, jfd_engine_hand_down_async);
}
