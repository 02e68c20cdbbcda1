/* test-hostile-wire.c: what an HTTP library would not send, and clients too slow
 *
 * The other half of the hostile catalogue (test-hostile.c): requests written to the
 * socket byte for byte — a flood of headers, one huge header, a 40 KB request line, dot
 * segments, a broken request line and version, lengths negative and absurd, a length
 * beside chunked framing (the shape of request smuggling), a chunked body past the limit
 * that never announces its size — and two clients that trickle a request, its head and
 * then its body, which must be dropped within a time bound while others are served.
 *
 * After every case: the expected status (or a close without an answer), one answer only,
 * JSON in UTF-8 where jiefend answers itself; the row counts of matters, parties, events,
 * sessions, accounts, attachments, the audit log and login attempts unchanged; GET
 * /healthz answered 200 by the same process.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"
/* Short clocks for this test's jiefend, so that slow clients are dropped in seconds. */
#define HEADER_TIMEOUT_S 2
#define IDLE_TIMEOUT_S 2

/* Requests an HTTP library would not send: written to the socket as they are. */
typedef struct
{
  const char *name;
  const char *request;  /* "@name": made by make_raw () */
  guint       status;   /* 0: the connection is closed without an answer */
  const char *code;     /* NULL: not a JSON answer (libsoup's own) */
} RawCase;

static const RawCase raw_cases[] = {
  { "raw/header-flood", "@header-flood", 431, "too_large" },
  { "raw/one-huge-header", "@huge-header", 431, "too_large" },
  { "raw/request-line-40k", "@long-request-line", 431, "too_large" },
  { "raw/dot-segments", "GET /v1/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404,
    "not_found" },
  { "raw/garbage-request-line", "HELLO THERE\r\n\r\n", 400, NULL },
  { "raw/bad-version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505, NULL },
  /* libsoup reads a body of negative length up to the end of the stream; the body's
   * clock ends the connection when the client sends no more. */
  { "raw/negative-length", "POST /v1/sessions HTTP/1.1\r\nHost: x\r\n"
    "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}", 0, NULL },
  { "raw/huge-length", "POST /v1/sessions HTTP/1.1\r\nHost: x\r\n"
    "Content-Type: application/json\r\nContent-Length: 1000000000000000000\r\n\r\n{}", 413,
    "too_large" },
  { "raw/length-and-chunked", "POST /v1/sessions HTTP/1.1\r\nHost: x\r\n"
    "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
    "0\r\n\r\nGET /v1/me HTTP/1.1\r\nHost: x\r\n\r\n", 400, NULL },
  { "raw/chunked-too-large", "@chunked-too-large", 413, "too_large" },
};

static JfTestEnv *env;
static char *clerk_token;
static gint server_pid;

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

/* The row counts no refused request may change. */
static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT concat_ws(',', (SELECT count(*) FROM jf.matters), (SELECT count(*) FROM jf.parties), "
    "(SELECT count(*) FROM jf.events), (SELECT count(*) FROM jf.sessions), "
    "(SELECT count(*) FROM jf.accounts), (SELECT count(*) FROM jf.attachments), "
    "(SELECT count(*) FROM jf.audit_log), (SELECT count(*) FROM jf.login_attempts), "
    "(SELECT max(version) FROM jf.matters))");
}

static void
assert_nothing_written (const char *before)
{
  g_autofree char *after = snapshot ();

  g_assert_cmpstr (after, ==, before);
}

/* jiefend alive, the same process, answering a plain request. */
static void
assert_alive (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *url = g_strconcat (env->server->base_url, "/healthz", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_subprocess_get_identifier (env->server->process));
  g_assert_cmpint (jf_test_server_get_pid (env->server), ==, server_pid);
}

/* The status, and where jiefend answers itself, JSON in UTF-8 naming the error. A wrong
 * answer fails the case, which still checks that nothing was written. */
static void
check_answer (const char *name,
              guint       status,
              const char *code,
              guint       got_status,
              const char *body,
              gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;
  const char *got_code = NULL;

  if (got_status != status)
    {
      g_test_fail_printf ("%s: expected %u, got %u: %.*s", name, status, got_status,
                          (int) MIN (len, 300), body);
      return;
    }
  if (code == NULL)
    return;
  if (!g_utf8_validate_len (body, len, NULL) ||
      !json_parser_load_from_data (parser, body, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_test_fail_printf ("%s: the answer is not a JSON object in UTF-8: %.*s", name,
                          (int) MIN (len, 300), body);
      return;
    }
  node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    got_code = json_object_get_string_member_with_default (json_node_get_object (node), "code",
                                                           NULL);
  if (g_strcmp0 (got_code, code) != 0)
    g_test_fail_printf ("%s: expected error code %s, got %s", name, code, got_code);
}

/* --- raw requests ------------------------------------------------------------------------ */

static GSocketConnection *
raw_connect (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, 10);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", env->server->port, NULL,
                                                &error);
  g_assert_no_error (error);
  return connection;
}

/* Everything the server sends until it closes (or 10 s pass). */
static GString *
raw_read_all (GSocketConnection *connection)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GString *response = g_string_new (NULL);
  char buffer[16384];
  gssize n;

  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (response, buffer, n);
  return response;
}

static GBytes *
make_raw (const char *name)
{
  GString *s = g_string_new (NULL);

  if (g_str_equal (name, "@header-flood"))
    {
      g_string_append (s, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
      for (guint i = 0; i < 2000; i++)
        g_string_append_printf (s, "X-Flood-%04u: %s\r\n", i, "abcdefghijklmnopqrst");
      g_string_append (s, "\r\n");
    }
  else if (g_str_equal (name, "@huge-header"))
    {
      g_autofree char *big = repeat ("a", 40000);
      g_string_append_printf (s, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                 "X-Big: %s\r\n\r\n", big);
    }
  else if (g_str_equal (name, "@long-request-line"))
    {
      g_autofree char *big = repeat ("a", 40000);
      g_string_append_printf (s, "GET /healthz?%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                 "\r\n", big);
    }
  else if (g_str_equal (name, "@chunked-too-large"))
    {
      g_autofree char *chunk = repeat ("        ", 8192);

      g_string_append_printf (s, "POST /v1/matters HTTP/1.1\r\nHost: x\r\n"
                                 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                 "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                              clerk_token);
      /* 20 chunks of 64 KiB: past the 1 MiB limit without ever announcing a length. */
      for (guint i = 0; i < 20; i++)
        g_string_append_printf (s, "%x\r\n%s\r\n", (guint) strlen (chunk), chunk);
      g_string_append (s, "0\r\n\r\n");
    }
  else
    g_error ("no raw request named %s", name);
  return g_string_free_to_bytes (s);
}

static guint
status_of (const GString *response)
{
  if (response->len < 12 || !g_str_has_prefix (response->str, "HTTP/1."))
    return 0;
  return (guint) g_ascii_strtoull (response->str + 9, NULL, 10);
}

static void
test_raw_case (gconstpointer data)
{
  const RawCase *c = data;
  g_autofree char *before = snapshot ();
  g_autoptr(GSocketConnection) connection = raw_connect ();
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GString) response = NULL;
  const char *body;
  gsize written = 0;

  if (c->request[0] == '@')
    request = make_raw (c->request);
  else
    {
      /* Ask for the connection to end with the answer, so that reading stops there. */
      g_autoptr(GString) text = g_string_new (c->request);

      if (strstr (c->request, "\r\nHost:") != NULL)
        g_string_replace (text, "\r\nHost: x\r\n", "\r\nHost: x\r\nConnection: close\r\n", 1);
      request = g_string_free_to_bytes (g_steal_pointer (&text));
    }
  /* The server may answer and stop reading before all is sent: that is its right. */
  g_output_stream_write_all (out, g_bytes_get_data (request, NULL), g_bytes_get_size (request),
                             &written, NULL, NULL);
  response = raw_read_all (connection);
  body = strstr (response->str, "\r\n\r\n");
  check_answer (c->name, c->status, c->code, status_of (response),
                body != NULL ? body + 4 : "",
                body != NULL ? response->len - (body + 4 - response->str) : 0);
  /* One request, one answer: nothing smuggled in behind it was served. */
  g_assert_null (strstr (response->str + MIN (response->len, 5), "HTTP/1.1 "));
  assert_nothing_written (before);
  assert_alive ();
}

/* --- slow clients -------------------------------------------------------------------- */

/* TRUE once the server has closed the connection (or reset it). */
static gboolean
closed_by_server (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  char byte;
  gssize n;

  if (!(g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) &
        (G_IO_IN | G_IO_HUP | G_IO_ERR)))
    return FALSE;
  n = g_socket_receive_with_blocking (socket, &byte, 1, FALSE, NULL, NULL);
  g_assert_cmpint (n, <=, 0);   /* no answer at all, only the end */
  return TRUE;
}

/* Writes @text a byte at a time, every @interval_ms, then waits; the time from the first
 * byte to the server's close. Meanwhile another client is served at once. */
static gint64
trickle (const char *head,
         const char *text,
         guint       interval_ms)
{
  g_autoptr(GSocketConnection) connection = raw_connect ();
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  gint64 start, limit;
  gboolean others_served = FALSE;

  if (head != NULL)
    g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  start = g_get_monotonic_time ();
  limit = start + 15 * G_USEC_PER_SEC;
  for (gsize i = 0; g_get_monotonic_time () < limit; i++)
    {
      if (closed_by_server (connection))
        break;
      if (i < strlen (text))
        g_output_stream_write (out, text + i, 1, NULL, NULL);
      if (!others_served && g_get_monotonic_time () - start > G_USEC_PER_SEC)
        {
          gint64 asked = g_get_monotonic_time ();

          assert_alive ();
          g_assert_cmpint (g_get_monotonic_time () - asked, <, G_USEC_PER_SEC);
          others_served = TRUE;
        }
      g_usleep (i < strlen (text) ? interval_ms * 1000 : 50 * 1000);
    }
  g_assert_true (others_served);
  return g_get_monotonic_time () - start;
}

static void
test_slow_head (void)
{
  g_autofree char *before = snapshot ();
  /* A head that never ends, a byte every 250 ms: the header clock runs from its first
   * byte, whatever keeps coming. */
  g_autofree char *text = repeat ("GET /healthz HTTP/1.1\r\nX-Slow: ", 10);
  gint64 took = trickle (NULL, text, 250);

  g_test_message ("a head trickled at 4 bytes/s was dropped after %.2f s (header timeout "
                  "%d s), without an answer", took / 1e6, HEADER_TIMEOUT_S);
  g_assert_cmpint (took, >=, (HEADER_TIMEOUT_S - 1) * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, (HEADER_TIMEOUT_S + 3) * G_USEC_PER_SEC);
  assert_nothing_written (before);
  assert_alive ();
}

static void
test_slow_body (void)
{
  g_autofree char *before = snapshot ();
  g_autofree char *head = g_strdup_printf ("POST /v1/matters HTTP/1.1\r\nHost: x\r\n"
                                           "Authorization: Bearer %s\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 1000\r\n\r\n", clerk_token);
  /* Three bytes 0.5 s apart, then silence: each byte restarts the body's clock; the
   * silence ends the connection after the idle timeout. */
  gint64 took = trickle (head, "{\"k", 500);

  g_test_message ("a body that stopped after 3 bytes (sent over 1 s) was dropped %.2f s "
                  "after its first byte (idle timeout %d s), without an answer", took / 1e6,
                  IDLE_TIMEOUT_S);
  g_assert_cmpint (took, >=, IDLE_TIMEOUT_S * G_USEC_PER_SEC);
  g_assert_cmpint (took, <, (IDLE_TIMEOUT_S + 5) * G_USEC_PER_SEC);
  assert_nothing_written (before);
  assert_alive ();
}

int
main (int argc, char **argv)
{
  int status;
  g_autofree char *header_env = g_strdup_printf ("JIEFEND_HEADER_TIMEOUT_SECONDS=%d",
                                                 HEADER_TIMEOUT_S);
  g_autofree char *idle_env = g_strdup_printf ("JIEFEND_IDLE_TIMEOUT_SECONDS=%d",
                                               IDLE_TIMEOUT_S);
  const char *server_env[] = { header_env, idle_env, NULL };

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new_with (server_env);
  server_pid = jf_test_server_get_pid (env->server);
  clerk_token = g_strdup (jf_test_env_token (env, CLERK));
  /* A matter, so that the highest version is a number to compare. */
  jf_test_env_register (env, CLERK, "线上的事项", TOWNSHIP);
  for (guint i = 0; i < G_N_ELEMENTS (raw_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/jfd/hostile/", raw_cases[i].name, NULL);
      g_test_add_data_func (path, &raw_cases[i], test_raw_case);
    }
  g_test_add_func ("/jfd/hostile/slow/head", test_slow_head);
  g_test_add_func ("/jfd/hostile/slow/body", test_slow_body);
  status = g_test_run ();
  jf_test_env_free (env);
  g_free (clerk_token);
  return status;
}
