/* jfd-http-stream.c: GET /v1/stream, the live updates over a WebSocket
 *
 * The request is authenticated like any other before the handshake, so a bad token is a
 * 401 and never an open socket. Then the handshake is answered (101), and once libsoup
 * has written it the connection is taken from libsoup and given to this thread's hub.
 */
#include "config.h"

#include "jf-error.h"
#include "jfd-acceptor.h"
#include "jfd-http.h"
#include "jfd-server.h"
#include "jfd-stream-hub.h"

typedef struct
{
  JfdServer  *server;   /* unowned */
  JfdRequest *request;  /* owned until the connection is taken */
  JfdActor   *actor;    /* owned */
  gint64      after;
} Upgrade;

static void
upgrade_free (gpointer data,
              GClosure *closure)
{
  Upgrade *u = data;

  g_clear_pointer (&u->request, jfd_request_unref);
  jfd_actor_unref (u->actor);
  g_free (u);
}

static void
wrote_handshake_cb (SoupServerMessage *msg,
                    Upgrade           *u)
{
  JfdGuardedStream *guard = jfd_acceptor_guard_for (msg);
  const char *origin = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Origin");
  g_autoptr(GIOStream) stream = NULL;
  SoupWebsocketConnection *ws;

  if (guard != NULL)
    jfd_guarded_stream_upgrade (guard);
  stream = soup_server_message_steal_connection (msg);
  jfd_request_detach (u->request);
  g_clear_pointer (&u->request, jfd_request_unref);
  ws = soup_websocket_connection_new (stream, soup_server_message_get_uri (msg),
                                      SOUP_WEBSOCKET_CONNECTION_SERVER, origin, NULL, NULL);
  jfd_stream_hub_subscribe (jfd_server_get_stream_hub (u->server), ws, u->actor, u->after);
}

void
jfd_http_stream (JfdRequest *request)
{
  static const char * const allowed[] = { "after", NULL };
  SoupServerMessage *msg = jfd_request_get_message (request);
  const char *after_text = jfd_request_get_query (request, "after");
  g_autoptr(GError) error = NULL;
  guint64 after = 0;
  Upgrade *u;

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (after_text != NULL &&
      !g_ascii_string_to_unsigned (after_text, 10, 0, G_MAXINT64, &after, NULL))
    {
      jf_set_error (&error, JF_ERROR_INVALID, "after", "“after” is the id of an event");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, NULL))
    {
      jf_set_error (&error, JF_ERROR_MALFORMED, NULL,
                    "This is a WebSocket: open it with an Upgrade: websocket request");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL);
  u = g_new0 (Upgrade, 1);
  u->server = jfd_request_get_server (request);
  u->request = jfd_request_ref (request);
  u->actor = jfd_actor_ref (jfd_request_get_actor (request));
  u->after = after_text != NULL ? (gint64) after : -1;
  g_signal_connect_data (msg, "wrote-informational", G_CALLBACK (wrote_handshake_cb), u,
                         upgrade_free, 0);
  jfd_request_respond_upgrade (request);
}
