/* jf-test-stream.c: a WebSocket client of jiefend's live stream for tests */
#include "config.h"

#include <string.h>

#include "jf-test-stream.h"

static void
message_cb (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *data,
            JfTestStream            *c)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (data, NULL),
                                             g_bytes_get_size (data), NULL));
  g_ptr_array_add (c->messages, json_node_ref (json_parser_get_root (parser)));
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  JfTestStream *c = data;

  c->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &c->error);
  if (c->ws != NULL)
    g_signal_connect (c->ws, "message", G_CALLBACK (message_cb), c);
  c->done = TRUE;
}

JfTestStream *
jf_test_stream_new (JfTestServer *server,
                    const char   *token,
                    gint64        after)
{
  JfTestStream *c = g_new0 (JfTestStream, 1);
  g_autofree char *url = after >= 0
    ? g_strdup_printf ("%s/v1/stream?after=%" G_GINT64_FORMAT, server->base_url, after)
    : g_strdup_printf ("%s/v1/stream", server->base_url);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = NULL;

  memcpy (url, "ws", 2);  /* http → ws */
  c->context = g_main_context_new ();
  g_main_context_push_thread_default (c->context);
  c->session = soup_session_new ();
  c->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (c->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, c);
  while (!c->done)
    g_main_context_iteration (c->context, TRUE);
  g_main_context_pop_thread_default (c->context);
  return c;
}

void
jf_test_stream_free (JfTestStream *c)
{
  g_main_context_push_thread_default (c->context);
  if (c->ws != NULL)
    {
      soup_websocket_connection_close (c->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      while (soup_websocket_connection_get_state (c->ws) != SOUP_WEBSOCKET_STATE_CLOSED)
        g_main_context_iteration (c->context, TRUE);
      g_object_unref (c->ws);
    }
  g_clear_error (&c->error);
  g_object_unref (c->session);
  g_ptr_array_unref (c->messages);
  while (g_main_context_iteration (c->context, FALSE))
    ;
  g_main_context_pop_thread_default (c->context);
  g_main_context_unref (c->context);
  g_free (c);
}

gboolean
jf_test_stream_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}
