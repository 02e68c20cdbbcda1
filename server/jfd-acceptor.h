/* jfd-acceptor.h: accepts connections on one server thread and hands them to libsoup */
#pragma once

#include <libsoup/soup.h>

#include "jfd-guarded-stream.h"

G_BEGIN_DECLS

#define JFD_TYPE_ACCEPTOR (jfd_acceptor_get_type ())
G_DECLARE_FINAL_TYPE (JfdAcceptor, jfd_acceptor, JFD, ACCEPTOR, GObject)

/* A listening socket with SO_REUSEPORT set, so that each server thread has its own and
 * the kernel spreads connections over them (GLib's g_socket_bind() turns it off). */
GSocket     *jfd_acceptor_listen_socket   (const char  *address,
                                           guint16      port,
                                           GError     **error);

/* Fails if some other socket listens on @address:@port. SO_REUSEPORT lets any process of
 * the same user bind it too, and the kernel would quietly share the connections between
 * two daemons (on two databases, maybe); the probe binds without it first. */
gboolean     jfd_acceptor_check_port_free (const char  *address,
                                           guint16      port,
                                           GError     **error);

/* libsoup 3.2 keeps a connection open after a response only while its SoupServer has a
 * listener of its own, which jiefend (accepting connections itself) has not: this gives it
 * one that nobody can reach, a listening Unix socket whose name is gone. */
gboolean     jfd_acceptor_anchor_keepalive (SoupServer  *server,
                                            GError     **error);

/* Accepts on @socket in the thread-default main context of the caller; with
 * @certificate, every connection first completes a TLS handshake (within the header
 * timeout). */
JfdAcceptor *jfd_acceptor_new             (GSocket              *socket,
                                           SoupServer           *server,
                                           GTlsCertificate      *certificate,
                                           const JfdGuardLimits *limits,
                                           guint                 max_connections);
void         jfd_acceptor_stop            (JfdAcceptor *self);
/* Closes every connection still open (after the last request has been answered). */
void         jfd_acceptor_close_all       (JfdAcceptor *self);
guint        jfd_acceptor_get_n_connections (JfdAcceptor *self);

/* The guard of the connection a request arrived on. */
JfdGuardedStream *jfd_acceptor_guard_for  (SoupServerMessage *msg);

G_END_DECLS
