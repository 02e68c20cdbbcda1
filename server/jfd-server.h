/* jfd-server.h: one server loop on one thread, with its own SoupServer and pool
 *
 * libsoup runs a SoupServer in one thread's main context, so jiefend runs one JfdServer
 * per core, each accepting on its own SO_REUSEPORT socket bound to the same address.
 */
#pragma once

#include <gio/gio.h>

#include "jfd-auth.h"
#include "jfd-engine.h"
#include "jfd-shared.h"

G_BEGIN_DECLS

typedef struct _JfdServer JfdServer;

JfdServer  *jfd_server_new          (JfdShared   *shared,
                                     guint        index,
                                     GSocket     *listen_socket);
/* Starts the thread and waits until it serves. */
gboolean    jfd_server_start        (JfdServer   *self,
                                     GError     **error);
/* From any thread: stop accepting, let requests in flight finish (up to @grace_ms), then
 * end the loop. jfd_server_join () waits for that. */
void        jfd_server_stop         (JfdServer   *self,
                                     guint        grace_ms);
void        jfd_server_join         (JfdServer   *self);
void        jfd_server_free         (JfdServer   *self);

JfdShared  *jfd_server_get_shared   (JfdServer   *self);
JfdEngine  *jfd_server_get_engine   (JfdServer   *self);
JfdAuth    *jfd_server_get_auth     (JfdServer   *self);
JfdMetrics *jfd_server_get_metrics  (JfdServer   *self);
struct _JfdStreamHub *jfd_server_get_stream_hub (JfdServer *self);
/* From any thread: the live stream may have news. */
void        jfd_server_wake_stream  (JfdServer   *self);
/* Requests the handler has taken and not yet finished. */
void        jfd_server_request_begun (JfdServer  *self);
void        jfd_server_request_ended (JfdServer  *self);

G_END_DECLS
