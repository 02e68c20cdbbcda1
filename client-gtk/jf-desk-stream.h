/* jf-desk-stream.h: the live updates of GET /v1/stream, for the whole application
 *
 * One per application. It opens the WebSocket when someone signs in and closes it when
 * they sign out; a connection that drops is opened again after 1, 2, 4 … 30 seconds, with
 * ?after=<the last id seen> so that nothing said meanwhile is missed. Each message
 * ({id, kind, at, matter_id, org, payload}) is emitted as ::event.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_STREAM_MAX_BACKOFF_SECONDS 30

#define JF_DESK_TYPE_STREAM (jf_desk_stream_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskStream, jf_desk_stream, JF_DESK, STREAM, GObject)

JfDeskStream *jf_desk_stream_new           (JfDeskClient *client);
/* The socket is open (::notify "connected"). */
gboolean      jf_desk_stream_is_connected  (JfDeskStream *self);
/* The id of the last message, 0 before the first. */
gint64        jf_desk_stream_get_last_id   (JfDeskStream *self);
/* Seconds until the next attempt, while disconnected; 0 otherwise. */
guint         jf_desk_stream_get_backoff   (JfDeskStream *self);
/* Opens the socket now (when signed in) rather than after the back-off. */
void          jf_desk_stream_reconnect     (JfDeskStream *self);

G_END_DECLS
