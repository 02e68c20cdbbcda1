/* jfd-guarded-stream.h: one client connection, defended
 *
 * libsoup 3.2.3 has no idle or header timeout, no limit on header size, and leaks the file
 * descriptor of a keep-alive connection that the client closes while idle. jiefend
 * accepts connections itself and gives libsoup this stream instead of the socket's: it
 * sees every read, times each phase of a request, refuses oversized heads and bodies with
 * a real HTTP answer, and closes the socket itself once libsoup has let go of it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JFD_TYPE_GUARDED_STREAM (jfd_guarded_stream_get_type ())
G_DECLARE_FINAL_TYPE (JfdGuardedStream, jfd_guarded_stream, JFD, GUARDED_STREAM, GIOStream)

typedef struct
{
  guint idle_timeout_ms;    /* a keep-alive connection waiting for its next request */
  guint header_timeout_ms;  /* from a request's first byte to the end of its head */
  gsize header_bytes;       /* the most a request head may take */
} JfdGuardLimits;

/* @base: the connection (plain, or TLS over @socket); @socket: the TCP socket under it. */
JfdGuardedStream *jfd_guarded_stream_new              (GIOStream            *base,
                                                       GSocket              *socket,
                                                       const JfdGuardLimits *limits);

/* The request's head is in. Refuses (FALSE) a body announced larger than @body_limit,
 * answering 413 itself without reading the body. */
gboolean          jfd_guarded_stream_got_headers      (JfdGuardedStream *self,
                                                       goffset           content_length,
                                                       gsize             body_limit);
void              jfd_guarded_stream_got_body         (JfdGuardedStream *self);
/* The connection became a WebSocket: no more clocks or limits of HTTP requests. */
void              jfd_guarded_stream_upgrade          (JfdGuardedStream *self);
void              jfd_guarded_stream_request_finished (JfdGuardedStream *self);
gboolean          jfd_guarded_stream_is_closed        (JfdGuardedStream *self);
/* jiefend is stopping: close now, drain or not, and let go of every source. */
void              jfd_guarded_stream_close_now        (JfdGuardedStream *self);

G_END_DECLS
