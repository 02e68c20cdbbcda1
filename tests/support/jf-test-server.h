/* jf-test-server.h: a real jiefend on loopback for a test, and a small HTTP client
 *
 * The server is the built binary (JF_BUILD_ROOT/server/jiefend), started on a test
 * database (jf-test-db.h) with a port of the kernel's choosing. Requests are made with a
 * blocking libsoup session: tests are sequential programs, not main loops.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *conninfo;   /* the database it serves */
  char        *key_file;   /* its data keys, private to the test */
  gboolean     owns_key_file; /* made here, so removed here */
  char        *base_url;   /* http://127.0.0.1:PORT */
  guint16      port;
  GSubprocess *process;
  GStrv        extra_env;  /* KEY=VALUE set for the next start */
} JfTestServer;

typedef struct
{
  guint               status;
  JsonNode           *body;     /* NULL when the body is not JSON */
  GBytes             *raw;
  SoupMessageHeaders *headers;
} JfTestResponse;

/* Starts jiefend on @conninfo (a fresh key file is made unless @key_file is given). */
JfTestServer   *jf_test_server_start      (const char    *conninfo,
                                           const char    *key_file);
/* Starts again (same database, key file and port, if free) after a stop or a kill. */
void            jf_test_server_restart    (JfTestServer  *server);
/* SIGTERM, and the exit status, which must be 0. */
void            jf_test_server_stop       (JfTestServer  *server);
/* SIGKILL: no chance to finish anything. */
void            jf_test_server_kill       (JfTestServer  *server);
void            jf_test_server_free       (JfTestServer  *server);
gint            jf_test_server_get_pid    (JfTestServer  *server);

/* A request; @body (may be NULL) is sent as application/json. */
JfTestResponse *jf_test_request           (JfTestServer  *server,
                                           const char    *method,
                                           const char    *path,
                                           const char    *token,
                                           const char    *body);
/* The same with a content type of one's own and extra headers ("Name", "value", ...,
 * NULL). */
JfTestResponse *jf_test_request_full      (JfTestServer  *server,
                                           const char    *method,
                                           const char    *path,
                                           const char    *token,
                                           const char    *content_type,
                                           GBytes        *body,
                                           ...) G_GNUC_NULL_TERMINATED;
void            jf_test_response_free     (JfTestResponse *response);
/* A member of the response's JSON by a dotted path ("error.code", "items.0.id"). */
JsonNode       *jf_test_response_get      (JfTestResponse *response,
                                           const char     *path);
const char     *jf_test_response_string   (JfTestResponse *response,
                                           const char     *path);
gint64          jf_test_response_int      (JfTestResponse *response,
                                           const char     *path);

/* Signs in and returns the bearer token (the test fails if it cannot). */
char           *jf_test_sign_in           (JfTestServer  *server,
                                           const char    *username,
                                           const char    *password);

#define jf_test_assert_status(response, expected)                                         \
  G_STMT_START {                                                                          \
    JfTestResponse *r__ = (response);                                                     \
    if (r__->status != (guint) (expected))                                                \
      g_error ("%s:%d: expected HTTP %u, got %u: %.*s", __FILE__, __LINE__,               \
               (guint) (expected), r__->status,                                           \
               r__->raw != NULL ? (int) g_bytes_get_size (r__->raw) : 0,                 \
               r__->raw != NULL ? (const char *) g_bytes_get_data (r__->raw, NULL) : ""); \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfTestResponse, jf_test_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfTestServer, jf_test_server_free)

G_END_DECLS
