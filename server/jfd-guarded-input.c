/* jfd-guarded-input.c: forwards reads to the socket's stream, so the owner sees each one
 *
 * libsoup reads requests through this stream. Tripping (cancelling @trip) wakes libsoup's
 * poll source and makes the next read fail, so a timed-out or over-limit connection is
 * abandoned by libsoup in its own code path, with no file descriptor pulled from under it.
 */
#include "config.h"

#include "jfd-guarded-input.h"

struct _JfdGuardedInput
{
  GInputStream parent_instance;

  GInputStream               *base;    /* owned; pollable */
  const JfdGuardedInputOwner *vtable;
  gpointer                    owner;   /* unowned: the JfdGuardedStream owns us */
  GCancellable               *trip;    /* owned */
};

static void pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JfdGuardedInput, jfd_guarded_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      pollable_iface_init))

static gssize
report (JfdGuardedInput  *self,
        gssize            n,
        GError          **error)
{
  if (n < 0)
    return n;
  if (!self->vtable->on_read (self->owner, n, error))
    return -1;
  return n;
}

static gboolean
check_trip (JfdGuardedInput  *self,
            GError          **error)
{
  if (!g_cancellable_is_cancelled (self->trip))
    return TRUE;
  /* An error, not end-of-stream: libsoup would parse half-read headers as complete. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "connection closed by jiefend");
  return FALSE;
}

static gssize
jfd_guarded_input_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  JfdGuardedInput *self = JFD_GUARDED_INPUT (stream);

  if (!check_trip (self, error))
    return -1;
  return report (self, g_input_stream_read (self->base, buffer, count, cancellable, error),
                 error);
}

static gboolean
jfd_guarded_input_close (GInputStream  *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  /* The GIOStream closes the socket; closing its input half alone would not. */
  return TRUE;
}

static gboolean
jfd_guarded_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
jfd_guarded_input_is_readable (GPollableInputStream *stream)
{
  JfdGuardedInput *self = JFD_GUARDED_INPUT (stream);

  return g_cancellable_is_cancelled (self->trip) ||
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
jfd_guarded_input_create_source (GPollableInputStream *stream,
                                 GCancellable         *cancellable)
{
  JfdGuardedInput *self = JFD_GUARDED_INPUT (stream);
  g_autoptr(GSource) base_source =
    g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), NULL);
  g_autoptr(GSource) trip_source = g_cancellable_source_new (self->trip);
  GSource *source = g_pollable_source_new_full (stream, base_source, cancellable);

  /* Wake the reader when tripped, whether or not the socket has anything to say. */
  g_source_set_dummy_callback (trip_source);
  g_source_add_child_source (source, trip_source);
  return source;
}

static gssize
jfd_guarded_input_read_nonblocking (GPollableInputStream  *stream,
                                    void                  *buffer,
                                    gsize                  count,
                                    GError               **error)
{
  JfdGuardedInput *self = JFD_GUARDED_INPUT (stream);

  if (!check_trip (self, error))
    return -1;
  return report (self,
                 g_pollable_input_stream_read_nonblocking (
                   G_POLLABLE_INPUT_STREAM (self->base), buffer, count, NULL, error),
                 error);
}

static void
pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = jfd_guarded_input_can_poll;
  iface->is_readable = jfd_guarded_input_is_readable;
  iface->create_source = jfd_guarded_input_create_source;
  iface->read_nonblocking = jfd_guarded_input_read_nonblocking;
}

static void
jfd_guarded_input_finalize (GObject *object)
{
  JfdGuardedInput *self = JFD_GUARDED_INPUT (object);

  g_clear_object (&self->base);
  g_clear_object (&self->trip);
  G_OBJECT_CLASS (jfd_guarded_input_parent_class)->finalize (object);
}

static void
jfd_guarded_input_class_init (JfdGuardedInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = jfd_guarded_input_finalize;
  stream_class->read_fn = jfd_guarded_input_read;
  stream_class->close_fn = jfd_guarded_input_close;
}

static void
jfd_guarded_input_init (JfdGuardedInput *self)
{
}

JfdGuardedInput *
jfd_guarded_input_new (GInputStream               *base,
                       const JfdGuardedInputOwner *vtable,
                       gpointer                    owner,
                       GCancellable               *trip)
{
  JfdGuardedInput *self = g_object_new (JFD_TYPE_GUARDED_INPUT, NULL);

  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (base), NULL);
  self->base = g_object_ref (base);
  self->vtable = vtable;
  self->owner = owner;
  self->trip = g_object_ref (trip);
  return self;
}
