/* jfd-http-links.c: what the handlers of the mediation, court and petition links share
 *
 * Each of them takes the id in the path and the body (JSON routes), calls one engine
 * operation and answers its document: 200, or 201 with a Location for a new record.
 */
#include "config.h"

#include "jfd-http.h"

typedef struct
{
  JfdRequest *request;
  guint       status;
  const char *location;  /* static: "/v1/agreements/", to which the new id is added */
} Reply;

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Reply *reply = data;
  g_autoptr(JfdRequest) request = reply->request;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  if (node != NULL && reply->location != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *location = g_strdup_printf (
        "%s%" G_GINT64_FORMAT, reply->location,
        json_object_get_int_member_with_default (json_node_get_object (node), "id", 0));

      jfd_request_add_header (request, "Location", location);
    }
  jfd_http_reply (request, reply->status, node, error);
  g_free (reply);
}

void
jfd_http_link (JfdRequest        *request,
               JfdEngineLinkFunc  operation,
               guint              status,
               const char        *location)
{
  g_autoptr(GError) error = NULL;
  Reply *reply;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  reply = g_new0 (Reply, 1);
  reply->request = jfd_request_ref (request);
  reply->status = status;
  reply->location = location;
  operation (jfd_request_get_engine (request), jfd_request_get_actor (request), id,
             jfd_request_get_route (request)->body == JFD_BODY_JSON
             ? jfd_request_get_body (request) : NULL,
             jfd_request_get_cancellable (request), answered_cb, reply);
}
