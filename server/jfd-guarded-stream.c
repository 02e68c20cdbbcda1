/* jfd-guarded-stream.c: phases of a connection, their clocks and limits
 *
 * IDLE (waiting for a request) → HEAD (first byte seen; the head must end within the
 * header timeout and the header size) → BODY (reading the body; it must keep coming and
 * stay within the route's limit) → HANDLING (jiefend's own time; no clock) → IDLE.
 * A connection that breaks a rule is "tripped": libsoup's next read fails, libsoup drops
 * the connection in its own error path, and an idle callback then closes the socket.
 */
#include "config.h"

#include <string.h>

#include "jfd-guarded-input.h"
#include "jfd-guarded-stream.h"

typedef enum { PHASE_IDLE, PHASE_HEAD, PHASE_BODY, PHASE_HANDLING, PHASE_UPGRADED } Phase;

#define DRAIN_MS 2000
#define DRAIN_BYTES (4 * 1024 * 1024)

struct _JfdGuardedStream
{
  GIOStream parent_instance;

  GIOStream       *base;        /* owned: the connection, plain or TLS */
  GSocket         *socket;      /* owned: the TCP socket under it */
  JfdGuardedInput *input;       /* owned */
  GCancellable    *trip;        /* owned: cancelled when tripped */
  JfdGuardLimits   limits;
  Phase            phase;
  gsize            head_bytes;
  gsize            body_bytes;
  gsize            body_limit;
  GSource         *clock;       /* owned; armed with a ready time */
  GSource         *close_idle;  /* owned: pending close after libsoup let go */
  GSource         *drain;       /* owned: discarding what a refused client still sends */
  gint64           drain_until;
  gsize            drained;
  gboolean         closed;
};

G_DEFINE_FINAL_TYPE (JfdGuardedStream, jfd_guarded_stream, G_TYPE_IO_STREAM)

static void close_base (JfdGuardedStream *self);

static void
arm (JfdGuardedStream *self,
     guint             ms)
{
  g_source_set_ready_time (self->clock, ms == 0 ? -1
                           : g_get_monotonic_time () + (gint64) ms * 1000);
}

static gboolean
close_later_cb (gpointer data)
{
  JfdGuardedStream *self = data;

  g_clear_pointer (&self->close_idle, g_source_unref);
  close_base (self);
  return G_SOURCE_REMOVE;
}

/* libsoup is inside a read when we learn the connection must end; it lets go of the
 * connection before returning to the main loop, so the socket is closed just after. */
static void
close_after_libsoup (JfdGuardedStream *self)
{
  if (self->close_idle != NULL || self->closed)
    return;
  self->close_idle = g_idle_source_new ();
  g_source_set_callback (self->close_idle, close_later_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (self->close_idle, "[jiefend] close connection");
  g_source_attach (self->close_idle, g_main_context_get_thread_default ());
}

static void
trip (JfdGuardedStream *self)
{
  arm (self, 0);
  g_cancellable_cancel (self->trip);
  close_after_libsoup (self);
}

static gboolean
drain_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      data)
{
  JfdGuardedStream *self = data;
  char buffer[16384];
  gssize n = 0;
  g_autoptr(GError) error = NULL;

  if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
    n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, &error);
  if (n > 0)
    self->drained += n;
  /* Until the client has sent everything (end of stream), or too much, or too long. */
  if ((n > 0 || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
       (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR)) == 0) &&
      self->drained < DRAIN_BYTES && g_get_monotonic_time () < self->drain_until)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->drain, g_source_unref);
  close_base (self);
  return G_SOURCE_REMOVE;
}

/* Answer a refused request ourselves: libsoup would otherwise read the whole body first.
 * After the answer, the rest of what the client sends is read and dropped for a moment,
 * so that closing does not reset the connection before the client has read the answer. */
static void
refuse (JfdGuardedStream *self,
        guint             status,
        const char       *reason,
        const char       *code,
        const char       *message)
{
  g_autofree char *body = g_strdup_printf ("{\"error\":{\"code\":\"%s\",\"message\":\"%s\","
                                           "\"field\":null}}", code, message);
  g_autofree char *response = g_strdup_printf (
    "HTTP/1.1 %u %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
    "Connection: close\r\n\r\n%s", status, reason, strlen (body), body);
  GOutputStream *out = g_io_stream_get_output_stream (self->base);
  GSocket *socket = self->socket;

  /* A few hundred bytes into an idle socket's send buffer: this does not block. */
  g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), response,
                                              strlen (response), NULL, NULL);
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  self->drain_until = g_get_monotonic_time () + DRAIN_MS * 1000;
  self->drain = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  /* libsoup lets go of a refused connection at once; the drain keeps it until done. */
  g_source_set_callback (self->drain, G_SOURCE_FUNC (drain_cb), g_object_ref (self),
                         g_object_unref);
  g_source_set_ready_time (self->drain, self->drain_until);
  g_source_set_static_name (self->drain, "[jiefend] drain refused request");
  g_source_attach (self->drain, g_main_context_get_thread_default ());
  g_cancellable_cancel (self->trip);
  arm (self, 0);
}

static gboolean
on_read (gpointer   owner,
         gssize     n,
         GError   **error)
{
  JfdGuardedStream *self = owner;

  if (n == 0)
    {
      /* The client closed. If it was between requests, libsoup 3.2.3 would keep the
       * socket open for ever (CLOSE-WAIT); we close it once libsoup has let go. */
      close_after_libsoup (self);
      if (self->phase != PHASE_HEAD)
        return TRUE;
      /* libsoup would take a head cut short for a whole one. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "request head cut short");
      return FALSE;
    }
  switch (self->phase)
    {
    case PHASE_IDLE:
      self->phase = PHASE_HEAD;
      self->head_bytes = 0;
      arm (self, self->limits.header_timeout_ms);
      G_GNUC_FALLTHROUGH;
    case PHASE_HEAD:
      self->head_bytes += n;
      if (self->head_bytes > self->limits.header_bytes)
        {
          refuse (self, 431, "Request Header Fields Too Large", "too_large",
                  "The request head is too large");
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "request head too large");
          return FALSE;
        }
      return TRUE;
    case PHASE_BODY:
      self->body_bytes += n;
      /* Bodies without a length (chunked) are counted as they come. */
      if (self->body_bytes > self->body_limit + self->limits.header_bytes)
        {
          refuse (self, 413, "Payload Too Large", "too_large", "The request body is too large");
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "request body too large");
          return FALSE;
        }
      /* A body must keep coming; each read restarts its clock. */
      arm (self, self->limits.idle_timeout_ms);
      return TRUE;
    case PHASE_HANDLING:
    case PHASE_UPGRADED:
    default:
      return TRUE;
    }
}

static const JfdGuardedInputOwner input_owner = { on_read };

static gboolean
clock_cb (gpointer data)
{
  JfdGuardedStream *self = data;

  g_debug ("connection %p: %s timeout", self,
           self->phase == PHASE_IDLE ? "idle" : self->phase == PHASE_HEAD ? "header" : "body");
  trip (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
clock_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     data)
{
  return callback (data);
}

/* Driven by its ready time alone: re-arming is a store, not a new source per request. */
static GSourceFuncs clock_funcs = { NULL, NULL, clock_dispatch, NULL, NULL, NULL };

gboolean
jfd_guarded_stream_got_headers (JfdGuardedStream *self,
                                goffset           content_length,
                                gsize             body_limit)
{
  if (content_length > 0 && (guint64) content_length > body_limit)
    {
      refuse (self, 413, "Payload Too Large", "too_large", "The request body is too large");
      return FALSE;
    }
  self->phase = PHASE_BODY;
  self->body_bytes = 0;
  self->body_limit = body_limit;
  arm (self, self->limits.idle_timeout_ms);
  return TRUE;
}

void
jfd_guarded_stream_got_body (JfdGuardedStream *self)
{
  self->phase = PHASE_HANDLING;
  arm (self, 0);
}

void
jfd_guarded_stream_upgrade (JfdGuardedStream *self)
{
  self->phase = PHASE_UPGRADED;
  arm (self, 0);
}

void
jfd_guarded_stream_request_finished (JfdGuardedStream *self)
{
  if (g_cancellable_is_cancelled (self->trip) || self->phase == PHASE_UPGRADED)
    return;
  self->phase = PHASE_IDLE;
  arm (self, self->limits.idle_timeout_ms);
}

gboolean
jfd_guarded_stream_is_closed (JfdGuardedStream *self)
{
  return self->closed;
}

static void
close_base (JfdGuardedStream *self)
{
  if (self->closed || self->drain != NULL)
    return;
  self->closed = TRUE;
  arm (self, 0);
  /* Closing may drop the last reference to us, from whoever held it. */
  g_object_ref (self);
  g_io_stream_close (self->base, NULL, NULL);
  g_object_unref (self);
}

void
jfd_guarded_stream_close_now (JfdGuardedStream *self)
{
  g_object_ref (self);
  if (self->drain != NULL)
    {
      g_source_destroy (self->drain);
      g_clear_pointer (&self->drain, g_source_unref);
    }
  if (self->close_idle != NULL)
    {
      /* Destroying it drops the reference its callback held. */
      g_source_destroy (self->close_idle);
      g_clear_pointer (&self->close_idle, g_source_unref);
    }
  close_base (self);
  g_object_unref (self);
}

static GInputStream *
jfd_guarded_stream_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (JFD_GUARDED_STREAM (stream)->input);
}

static GOutputStream *
jfd_guarded_stream_get_output_stream (GIOStream *stream)
{
  return g_io_stream_get_output_stream (JFD_GUARDED_STREAM (stream)->base);
}

static gboolean
jfd_guarded_stream_close (GIOStream     *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  close_base (JFD_GUARDED_STREAM (stream));
  return TRUE;
}

static void
jfd_guarded_stream_dispose (GObject *object)
{
  JfdGuardedStream *self = JFD_GUARDED_STREAM (object);

  if (self->drain != NULL)
    {
      g_source_destroy (self->drain);
      g_clear_pointer (&self->drain, g_source_unref);
    }
  close_base (self);
  if (self->clock != NULL)
    {
      g_source_destroy (self->clock);
      g_clear_pointer (&self->clock, g_source_unref);
    }
  G_OBJECT_CLASS (jfd_guarded_stream_parent_class)->dispose (object);
}

static void
jfd_guarded_stream_finalize (GObject *object)
{
  JfdGuardedStream *self = JFD_GUARDED_STREAM (object);

  g_clear_object (&self->input);
  g_clear_object (&self->base);
  g_clear_object (&self->socket);
  g_clear_object (&self->trip);
  G_OBJECT_CLASS (jfd_guarded_stream_parent_class)->finalize (object);
}

static void
jfd_guarded_stream_class_init (JfdGuardedStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->dispose = jfd_guarded_stream_dispose;
  object_class->finalize = jfd_guarded_stream_finalize;
  stream_class->get_input_stream = jfd_guarded_stream_get_input_stream;
  stream_class->get_output_stream = jfd_guarded_stream_get_output_stream;
  stream_class->close_fn = jfd_guarded_stream_close;
}

static void
jfd_guarded_stream_init (JfdGuardedStream *self)
{
}

JfdGuardedStream *
jfd_guarded_stream_new (GIOStream            *base,
                        GSocket              *socket,
                        const JfdGuardLimits *limits)
{
  JfdGuardedStream *self = g_object_new (JFD_TYPE_GUARDED_STREAM, NULL);

  self->base = g_object_ref (base);
  self->socket = g_object_ref (socket);
  self->trip = g_cancellable_new ();
  self->input = jfd_guarded_input_new (g_io_stream_get_input_stream (base), &input_owner,
                                       self, self->trip);
  self->limits = *limits;
  self->phase = PHASE_IDLE;
  /* The clock holds no reference: dispose destroys it before the stream goes. */
  self->clock = g_source_new (&clock_funcs, sizeof (GSource));
  g_source_set_callback (self->clock, clock_cb, self, NULL);
  g_source_set_static_name (self->clock, "[jiefend] connection clock");
  g_source_attach (self->clock, g_main_context_get_thread_default ());
  /* A new connection gets the header timeout for its first request to begin. */
  arm (self, limits->header_timeout_ms);
  return self;
}
