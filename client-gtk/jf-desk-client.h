/* jf-desk-client.h: the one place that talks HTTP to jiefend
 *
 * JSON in and out over libsoup, asynchronously: nothing here blocks the main loop. Every
 * failure comes back as a GError the UI can explain:
 *   - an answer of jiefend's, {"error": {"code", "message", "field"}}: a JfError with that
 *     code, the server's message and the field's path ("parties[1].id_number"), and the
 *     matter in "current" (a 409) as the error's detail;
 *   - no answer at all (connection refused, DNS, timeout, a connection cut): a
 *     JF_ERROR_UNAVAILABLE, and jf_desk_error_is_unreachable () says it was the network;
 *   - a TLS problem: a G_TLS_ERROR, left in its domain, so that it is told apart;
 *   - 401 on any request but signing in: the session has ended; the token is dropped and
 *     ::session-ended is emitted (the window goes back to the sign-in page).
 *
 * The connection state follows the requests: an answer means online, no answer means
 * offline, after which /healthz is probed every few seconds ("connecting" while a probe
 * is out) until the server answers again.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "jf-desk-account.h"

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_CONNECTION_CONNECTING,
  JF_DESK_CONNECTION_ONLINE,
  JF_DESK_CONNECTION_OFFLINE,
} JfDeskConnectionState;

GType jf_desk_connection_state_get_type (void) G_GNUC_CONST;
#define JF_DESK_TYPE_CONNECTION_STATE (jf_desk_connection_state_get_type ())

/* Seconds until a request without an answer counts as failed. */
#define JF_DESK_CLIENT_TIMEOUT_SECONDS 10

#define JF_DESK_TYPE_CLIENT (jf_desk_client_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskClient, jf_desk_client, JF_DESK, CLIENT, GObject)

JfDeskClient          *jf_desk_client_new                  (const char           *base_url);

const char            *jf_desk_client_get_base_url         (JfDeskClient         *self);
/* Refused (FALSE, JF_ERROR_INVALID) unless @url is an absolute http or https URL. */
gboolean               jf_desk_client_set_base_url         (JfDeskClient         *self,
                                                            const char           *url,
                                                            GError              **error);
JfDeskConnectionState  jf_desk_client_get_connection_state (JfDeskClient         *self);
/* The signed-in account, or NULL. */
JfDeskAccount         *jf_desk_client_get_account          (JfDeskClient         *self);
gboolean               jf_desk_client_is_signed_in         (JfDeskClient         *self);

/* A request to @path ("/v1/matters?q=..."), with @body (may be NULL) as JSON and, when
 * @idempotency_key is given, the Idempotency-Key header. The answer's JSON (NULL for an
 * empty body) is returned on any 2xx; *out_status gets the HTTP status and *out_replayed
 * whether the server said Idempotent-Replayed (either may be NULL). */
void                   jf_desk_client_request_async        (JfDeskClient         *self,
                                                            const char           *method,
                                                            const char           *path,
                                                            JsonNode             *body,
                                                            const char           *idempotency_key,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
JsonNode              *jf_desk_client_request_finish       (JfDeskClient         *self,
                                                            GAsyncResult         *result,
                                                            guint                *out_status,
                                                            gboolean             *out_replayed,
                                                            GError              **error);

/* POST of @body as it is, with @content_type ("image/png"), e.g. a file to
 * /v1/matters/{id}/attachments?filename=...; finished with jf_desk_client_request_finish (). */
void                   jf_desk_client_upload_async         (JfDeskClient         *self,
                                                            const char           *path,
                                                            const char           *content_type,
                                                            GBytes               *body,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);

/* GET of a file (an attachment, an agreement's PDF): the answer's body as it is, and its
 * Content-Type in *@out_content_type (may be NULL). Errors as for JSON requests. */
void                   jf_desk_client_download_async       (JfDeskClient         *self,
                                                            const char           *path,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GBytes                *jf_desk_client_download_finish      (JfDeskClient         *self,
                                                            GAsyncResult         *result,
                                                            char                **out_content_type,
                                                            GError              **error);

/* The WebSocket at @path ("/v1/stream?after=41"), opened with the session's token in the
 * Authorization header of the upgrade request. A refused upgrade is a JfError of its HTTP
 * status (401: JF_ERROR_UNAUTHENTICATED); no answer is JF_ERROR_UNAVAILABLE. */
void                   jf_desk_client_open_stream_async    (JfDeskClient         *self,
                                                            const char           *path,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
SoupWebsocketConnection *jf_desk_client_open_stream_finish (JfDeskClient         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* POST /v1/sessions on @base_url; on success the client keeps the token and the account. */
void                   jf_desk_client_sign_in_async        (JfDeskClient         *self,
                                                            const char           *base_url,
                                                            const char           *username,
                                                            const char           *password,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean               jf_desk_client_sign_in_finish       (JfDeskClient         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
/* Forgets the session at once and tells the server (DELETE /v1/sessions/current) without
 * waiting for its answer. */
void                   jf_desk_client_sign_out             (JfDeskClient         *self);

/* Asks /healthz now (e.g. "retry" in the banner) instead of at the next probe. */
void                   jf_desk_client_probe                (JfDeskClient         *self);

G_END_DECLS
