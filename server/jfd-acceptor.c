/* jfd-acceptor.c: our own accept loop in front of SoupServer (see jfd-guarded-stream.h) */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "jfd-acceptor.h"

struct _JfdAcceptor
{
  GObject parent_instance;

  GSocket        *socket;   /* owned: listening */
  SoupServer     *server;   /* owned */
  GSource        *source;   /* owned: accept readiness */
  GTlsCertificate *certificate; /* owned, or NULL: plain HTTP */
  JfdGuardLimits  limits;
  guint           max_connections;
  GHashTable     *guards;   /* JfdGuardedStream * set, weak: the connections open */
};

G_DEFINE_FINAL_TYPE (JfdAcceptor, jfd_acceptor, G_TYPE_OBJECT)

static GQuark guard_quark;

GSocket *
jfd_acceptor_listen_socket (const char  *address,
                            guint16      port,
                            GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = NULL;
  struct sockaddr_storage native;
  int one = 1;
  int fd;
  GSocket *listening;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return NULL;
    }
  sockaddr = g_inet_socket_address_new (inet, port);
  if (!g_socket_address_to_native (sockaddr, &native, sizeof native, error))
    return NULL;
  fd = socket (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET,
               SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0 ||
      setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
      setsockopt (fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0 ||
      bind (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (sockaddr)) < 0 ||
      listen (fd, 1024) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot listen on %s:%u: %s", address, port, g_strerror (saved));
      return NULL;
    }
  listening = g_socket_new_from_fd (fd, error);
  if (listening == NULL)
    close (fd);
  return listening;
}

gboolean
jfd_acceptor_check_port_free (const char  *address,
                              guint16      port,
                              GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = NULL;
  struct sockaddr_storage native;
  int one = 1;
  int fd, saved;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }
  sockaddr = g_inet_socket_address_new (inet, port);
  if (!g_socket_address_to_native (sockaddr, &native, sizeof native, error))
    return FALSE;
  fd = socket (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? AF_INET6 : AF_INET,
               SOCK_STREAM | SOCK_CLOEXEC, 0);
  /* SO_REUSEADDR: connections of an earlier run in TIME_WAIT do not count. */
  if (fd >= 0 && setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
      bind (fd, (struct sockaddr *) &native, g_socket_address_get_native_size (sockaddr)) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  if (saved == EADDRINUSE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                 "cannot listen on %s:%u: another process is listening there (another "
                 "jiefend?)", address, port);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 "cannot listen on %s:%u: %s", address, port, g_strerror (saved));
  return FALSE;
}

gboolean
jfd_acceptor_anchor_keepalive (SoupServer  *server,
                               GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("jiefend-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocket) anchor = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "anchor", NULL);
  g_strlcpy (addr.sun_path, path, sizeof addr.sun_path);
  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (fd, 1) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_rmdir (dir);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot make the keep-alive anchor: %s", g_strerror (saved));
      return FALSE;
    }
  /* Without its name the socket listens and no one can connect to it. */
  g_unlink (path);
  g_rmdir (dir);
  anchor = g_socket_new_from_fd (fd, error);
  if (anchor == NULL)
    {
      close (fd);
      return FALSE;
    }
  return soup_server_listen_socket (server, anchor, 0, error);
}

JfdGuardedStream *
jfd_acceptor_guard_for (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  if (remote == NULL)
    return NULL;
  return g_object_get_qdata (G_OBJECT (remote), guard_quark);
}

static void
connection_gone (gpointer  data,
                 GObject  *where_the_object_was)
{
  JfdAcceptor *self = data;

  g_hash_table_remove (self->guards, where_the_object_was);
}

/* Hands a connection, plain or after its handshake, to libsoup behind a guard. */
static void
serve (JfdAcceptor    *self,
       GIOStream      *stream,
       GSocket        *client,
       GSocketAddress *local,
       GSocketAddress *remote)
{
  g_autoptr(JfdGuardedStream) guard = jfd_guarded_stream_new (stream, client, &self->limits);
  g_autoptr(GError) error = NULL;

  /* The remote address object lives exactly as long as libsoup's connection, and every
   * message can reach it: the natural place to find a request's guard. */
  g_object_set_qdata_full (G_OBJECT (remote), guard_quark, g_object_ref (guard),
                           g_object_unref);
  g_object_weak_ref (G_OBJECT (guard), connection_gone, self);
  g_hash_table_add (self->guards, guard);
  if (!soup_server_accept_iostream (self->server, G_IO_STREAM (guard), local, remote, &error))
    g_warning ("cannot serve a connection: %s", error->message);
}

typedef struct
{
  JfdAcceptor    *acceptor;   /* owned */
  GSocket        *client;     /* owned */
  GSocketAddress *local;      /* owned */
  GSocketAddress *remote;     /* owned */
  GSource        *timeout;    /* owned */
  GCancellable   *cancellable; /* owned */
} Handshake;

static void
handshake_free (Handshake *h)
{
  g_source_destroy (h->timeout);
  g_source_unref (h->timeout);
  g_object_unref (h->acceptor);
  g_object_unref (h->client);
  g_object_unref (h->local);
  g_object_unref (h->remote);
  g_object_unref (h->cancellable);
  g_free (h);
}

static gboolean
handshake_timeout_cb (gpointer data)
{
  g_cancellable_cancel (((Handshake *) data)->cancellable);
  return G_SOURCE_REMOVE;
}

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Handshake *h = data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      g_debug ("TLS handshake failed: %s", error->message);
      g_io_stream_close (G_IO_STREAM (source), NULL, NULL);
    }
  else
    serve (h->acceptor, G_IO_STREAM (source), h->client, h->local, h->remote);
  g_object_unref (source);
  handshake_free (h);
}

static void
take_connection (JfdAcceptor *self,
                 GSocket     *client)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;
  Handshake *h;

  if (g_hash_table_size (self->guards) >= self->max_connections)
    {
      g_warning ("refusing a connection: %u open on this thread",
                 g_hash_table_size (self->guards));
      g_socket_close (client, NULL);
      return;
    }
  g_socket_set_option (client, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  connection = g_socket_connection_factory_create_connection (client);
  local = g_socket_get_local_address (client, NULL);
  {
    /* A copy: the socket caches the object it returns and drops it when closed, which
     * must not decide when the guard hung on it goes. */
    g_autoptr(GSocketAddress) cached = g_socket_get_remote_address (client, NULL);

    if (local == NULL || cached == NULL)
      {
        g_socket_close (client, NULL);
        return;
      }
    remote = g_inet_socket_address_new (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (cached)),
      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (cached)));
  }
  if (self->certificate == NULL)
    {
      serve (self, G_IO_STREAM (connection), client, local, remote);
      return;
    }
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  if (tls == NULL)
    {
      g_warning ("cannot start TLS: %s", error->message);
      g_socket_close (client, NULL);
      return;
    }
  h = g_new0 (Handshake, 1);
  h->acceptor = g_object_ref (self);
  h->client = g_object_ref (client);
  h->local = g_steal_pointer (&local);
  h->remote = g_steal_pointer (&remote);
  h->cancellable = g_cancellable_new ();
  /* A client that never finishes its handshake is dropped like a slow request head. */
  h->timeout = g_timeout_source_new (self->limits.header_timeout_ms);
  g_source_set_callback (h->timeout, handshake_timeout_cb, h, NULL);
  g_source_attach (h->timeout, g_main_context_get_thread_default ());
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, h->cancellable,
                                    handshake_cb, h);
}

static gboolean
accept_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      data)
{
  JfdAcceptor *self = data;

  /* Take everything that is waiting: under load one wake-up brings many. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);

      if (client == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_warning ("accept: %s", error->message);
          break;
        }
      take_connection (self, client);
    }
  return G_SOURCE_CONTINUE;
}

void
jfd_acceptor_stop (JfdAcceptor *self)
{
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_clear_pointer (&self->source, g_source_unref);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
}

guint
jfd_acceptor_get_n_connections (JfdAcceptor *self)
{
  return g_hash_table_size (self->guards);
}

void
jfd_acceptor_close_all (JfdAcceptor *self)
{
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer guard;

  /* Closing may finalise a guard, which takes it out of the set: work on a copy. */
  g_hash_table_iter_init (&iter, self->guards);
  while (g_hash_table_iter_next (&iter, &guard, NULL))
    g_ptr_array_add (open, g_object_ref (guard));
  for (guint i = 0; i < open->len; i++)
    {
      jfd_guarded_stream_close_now (open->pdata[i]);
      g_object_unref (open->pdata[i]);
    }
}

static void
jfd_acceptor_dispose (GObject *object)
{
  JfdAcceptor *self = JFD_ACCEPTOR (object);

  jfd_acceptor_stop (self);
  jfd_acceptor_close_all (self);
  /* Guards still alive (held by libsoup) must not call back into freed memory. */
  {
    GHashTableIter iter;
    gpointer guard;

    g_hash_table_iter_init (&iter, self->guards);
    while (g_hash_table_iter_next (&iter, &guard, NULL))
      g_object_weak_unref (guard, connection_gone, self);
    g_hash_table_remove_all (self->guards);
  }
  g_clear_object (&self->socket);
  g_clear_object (&self->server);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (jfd_acceptor_parent_class)->dispose (object);
}

static void
jfd_acceptor_finalize (GObject *object)
{
  g_hash_table_unref (JFD_ACCEPTOR (object)->guards);
  G_OBJECT_CLASS (jfd_acceptor_parent_class)->finalize (object);
}

static void
jfd_acceptor_class_init (JfdAcceptorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jfd_acceptor_dispose;
  G_OBJECT_CLASS (klass)->finalize = jfd_acceptor_finalize;
  guard_quark = g_quark_from_static_string ("jfd-guard");
}

static void
jfd_acceptor_init (JfdAcceptor *self)
{
  self->guards = g_hash_table_new (NULL, NULL);
}

JfdAcceptor *
jfd_acceptor_new (GSocket              *socket,
                  SoupServer           *server,
                  GTlsCertificate      *certificate,
                  const JfdGuardLimits *limits,
                  guint                 max_connections)
{
  JfdAcceptor *self = g_object_new (JFD_TYPE_ACCEPTOR, NULL);

  self->socket = g_object_ref (socket);
  self->server = g_object_ref (server);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->limits = *limits;
  self->max_connections = max_connections;
  g_socket_set_blocking (socket, FALSE);
  self->source = g_socket_create_source (socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_set_static_name (self->source, "[jiefend] accept");
  g_source_attach (self->source, g_main_context_get_thread_default ());
  return self;
}
