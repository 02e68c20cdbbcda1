/* jfd-request.h: one HTTP request on its way through jiefend
 *
 * Every request is paused on arrival and answered exactly once through one of the
 * jfd_request_respond_*() functions, which unpause it — unless the client has gone, in
 * which case nothing is written (unpausing a finished message is a critical in libsoup
 * 3.2.3). Handlers may answer at once or from an async callback.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "jfd-actor.h"
#include "jfd-route.h"

G_BEGIN_DECLS

typedef struct _JfdServer JfdServer;
typedef struct _JfdEngine JfdEngine;

JfdRequest    *jfd_request_new            (JfdServer         *server,
                                           SoupServerMessage *msg);
JfdRequest    *jfd_request_ref            (JfdRequest        *request);
void           jfd_request_unref          (JfdRequest        *request);

/* Runs the pipeline: route, authenticate, read the body, then the route's handler. */
void           jfd_request_dispatch       (JfdRequest        *request);

SoupServerMessage *jfd_request_get_message (JfdRequest       *request);
JfdServer     *jfd_request_get_server     (JfdRequest        *request);
JfdEngine     *jfd_request_get_engine     (JfdRequest        *request);
JfdActor      *jfd_request_get_actor      (JfdRequest        *request);
const char    *jfd_request_get_id         (JfdRequest        *request);
GCancellable  *jfd_request_get_cancellable (JfdRequest       *request);
const JfdRoute *jfd_request_get_route     (JfdRequest        *request);
/* The request's JSON body (JFD_BODY_JSON routes) and raw body (JFD_BODY_BINARY). */
JsonObject    *jfd_request_get_body       (JfdRequest        *request);
GBytes        *jfd_request_get_raw_body   (JfdRequest        *request);
const char    *jfd_request_get_header     (JfdRequest        *request,
                                           const char        *name);
const char    *jfd_request_get_client_address (JfdRequest    *request);

const char    *jfd_request_get_param      (JfdRequest        *request,
                                           guint              index);
/* A positive integer path parameter (a row id); refuses anything else with 404. */
gboolean       jfd_request_get_param_id   (JfdRequest        *request,
                                           guint              index,
                                           gint64            *out_id,
                                           GError           **error);
/* Query parameters: unknown names are refused (400) by check_query. */
gboolean       jfd_request_check_query    (JfdRequest        *request,
                                           const char * const *allowed,
                                           GError           **error);
const char    *jfd_request_get_query      (JfdRequest        *request,
                                           const char        *name);

void           jfd_request_add_header     (JfdRequest        *request,
                                           const char        *name,
                                           const char        *value);
void           jfd_request_respond_json   (JfdRequest        *request,
                                           guint              status,
                                           JsonNode          *node);
/* A JSON text built elsewhere (the database builds most documents). */
void           jfd_request_respond_text   (JfdRequest        *request,
                                           guint              status,
                                           const char        *content_type,
                                           GBytes            *body);
void           jfd_request_respond_error  (JfdRequest        *request,
                                           const GError      *error);
void           jfd_request_respond_empty  (JfdRequest        *request,
                                           guint              status);
/* The handshake has set 101 Switching Protocols: release the message as it is. */
void           jfd_request_respond_upgrade (JfdRequest       *request);
/* The connection was taken from libsoup (a WebSocket): libsoup never reports the end of
 * such a message, so the request is ended here. */
void           jfd_request_detach         (JfdRequest        *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdRequest, jfd_request_unref)

G_END_DECLS
