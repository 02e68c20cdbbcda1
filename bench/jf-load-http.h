/* jf-load-http.h: a small blocking HTTP/1.1 client for jf-load
 *
 * One connection per load client, kept alive between requests the way a real client
 * keeps it; one request in flight per connection. Deliberately not libsoup: on a
 * two-core machine every cycle the load client spends is taken from jiefend and
 * PostgreSQL, so the client that drives the load should cost as little as possible.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _JfLoadConn JfLoadConn;

JfLoadConn *jf_load_conn_new     (const char  *host,
                                  guint16      port);
void        jf_load_conn_free    (JfLoadConn  *conn);

/* Sends one request (@body may be NULL; @headers, if not NULL, is extra header lines,
 * each ending in \r\n) and reads the whole answer into @answer. Returns the HTTP status,
 * or 0 when the connection failed (a connection that the server closed while idle is
 * reopened and the request sent again once). */
guint       jf_load_conn_request (JfLoadConn  *conn,
                                  const char  *method,
                                  const char  *path,
                                  const char  *token,
                                  const char  *headers,
                                  const char  *body,
                                  GString     *answer);

/* The password of @user in the table that `jiefenctl seed` printed (saved by bench/run). */
char       *jf_load_password     (const char  *logins,
                                  const char  *user,
                                  GError     **error);

/* POST /v1/sessions: a bearer token for @user. */
char       *jf_load_sign_in      (JfLoadConn  *conn,
                                  const char  *logins,
                                  const char  *user,
                                  GError     **error);

/* The answer's JSON, or NULL with @error set. */
JsonNode   *jf_load_parse        (const GString *answer,
                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfLoadConn, jf_load_conn_free)

G_END_DECLS
