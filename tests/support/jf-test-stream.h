/* jf-test-stream.h: a WebSocket client of jiefend's live stream (GET /v1/stream) for tests
 *
 * Each client has a main context of its own; the messages it has received are in
 * @messages, in order, once the test has iterated @context (push it as the thread default
 * while doing so).
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "jf-test-server.h"

G_BEGIN_DECLS

typedef struct
{
  GMainContext            *context;
  SoupSession             *session;
  SoupWebsocketConnection *ws;        /* NULL when the connection was refused */
  GPtrArray               *messages;  /* JsonNode *, each a received message */
  GError                  *error;     /* why it was refused */
  gboolean                 done;
} JfTestStream;

/* Connects to @server's stream with bearer @token; @after < 0: from now on, otherwise as
 * ?after=@after. Returns when the connection is made or refused. */
JfTestStream *jf_test_stream_new       (JfTestServer *server,
                                        const char   *token,
                                        gint64        after);
/* Closes the connection (waiting for the close to complete) and frees @c. */
void          jf_test_stream_free      (JfTestStream *c);
/* A GSourceFunc that sets the gboolean at @data: for a deadline while iterating. */
gboolean      jf_test_stream_timeout_cb (gpointer     data);

G_END_DECLS
