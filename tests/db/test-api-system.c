/* test-api-system.c: what jiefend is as a network service — health, metrics, the API
 * document, errors for what does not exist, an orderly stop, and the defences in front of
 * libsoup 3.2.3 (no idle or header timeout of its own, no head size limit, a keep-alive
 * connection's descriptor leaked when the client closes it while idle).
 *
 * The connections here are raw sockets: a test must be able to send half a request, or a
 * head of 40 KiB, and see exactly what comes back and when.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "jf-test-env.h"

static JfTestEnv *env;
static JfTestEnv *impatient;  /* header and idle timeouts of 2 s */

typedef struct
{
  guint     status;
  char     *head;
  GBytes   *body;
} RawResponse;

static void
raw_response_free (RawResponse *r)
{
  g_free (r->head);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawResponse, raw_response_free)

static GSocket *
raw_connect (JfTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

/* Sends all of @data; FALSE when the server has stopped listening to us. */
static gboolean
raw_send (GSocket    *socket,
          const void *data,
          gsize       len)
{
  while (len > 0)
    {
      gssize n = send (g_socket_get_fd (socket), data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data = (const char *) data + n;
      len -= n;
    }
  return TRUE;
}

/* Reads what arrives within @timeout_ms into @buffer; 0 at end of stream, -1 on an error
 * (a reset), -2 when nothing came. */
static gssize
raw_recv (GSocket *socket,
          char    *buffer,
          gsize    size,
          guint    timeout_ms)
{
  gssize n;

  if (!g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                      (gint64) timeout_ms * 1000, NULL, NULL))
    return -2;
  n = g_socket_receive (socket, buffer, size, NULL, NULL);
  return n < 0 ? -1 : n;
}

/* One response: its head, and a body of its Content-Length. NULL when nothing complete came
 * within @timeout_ms. */
static RawResponse *
raw_read_response (GSocket *socket,
                   guint    timeout_ms)
{
  g_autoptr(GString) data = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  char *end = NULL;
  gsize length = 0;
  RawResponse *r;

  while (end == NULL || data->len < (gsize) (end - data->str) + 4 + length)
    {
      char buffer[16384];
      gint64 left = deadline - g_get_monotonic_time ();
      gssize n = left > 0 ? raw_recv (socket, buffer, sizeof buffer, left / 1000 + 1) : -1;

      if (n <= 0)
        return NULL;
      g_string_append_len (data, buffer, n);
      end = strstr (data->str, "\r\n\r\n");
      if (end != NULL)
        {
          const char *field = strstr (data->str, "\r\nContent-Length:");
          length = field != NULL && field < end ? strtoul (field + 17, NULL, 10) : 0;
        }
    }
  r = g_new0 (RawResponse, 1);
  r->head = g_strndup (data->str, end - data->str);
  r->status = strtoul (data->str + strlen ("HTTP/1.1 "), NULL, 10);
  r->body = g_bytes_new (end + 4, length);
  return r;
}

/* Waits for the server to close the connection: the seconds it took, or -1 if it did not
 * within @timeout_ms. */
static double
wait_for_close (GSocket *socket,
                gint64   since,
                guint    timeout_ms)
{
  char buffer[4096];
  gint64 deadline = since + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      gssize n = raw_recv (socket, buffer, sizeof buffer,
                           (deadline - g_get_monotonic_time ()) / 1000 + 1);

      /* A reset is a close too; what the server says first (a 408) is read past. */
      if (n == 0 || n == -1)
        return (g_get_monotonic_time () - since) / 1e6;
    }
  return -1;
}

/* The error document every refusal carries: code, message and field (null or a path). */
static void
assert_error_body (GBytes     *body,
                   const char *code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  object = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "error");
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "message")), >, 0);
  /* Every error document has its field member, null when no field is to blame. */
  g_assert_true (json_object_has_member (object, "field"));
}

static RawResponse *
raw_request (JfTestServer *server,
             const char   *request)
{
  g_autoptr(GSocket) socket = raw_connect (server);
  RawResponse *r;

  g_assert_true (raw_send (socket, request, strlen (request)));
  r = raw_read_response (socket, 5000);
  g_assert_nonnull (r);
  return r;
}

static void
assert_healthy (JfTestServer *server)
{
  g_autoptr(JfTestResponse) r = jf_test_request (server, "GET", "/healthz", NULL, NULL);

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "ok");
  g_assert_cmpstr (jf_test_response_string (r, "database"), ==, "up");
}

static void
test_healthz (void)
{
  assert_healthy (env->server);
}

static char *
metrics_text (void)
{
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", "/metrics", NULL, NULL);

  jf_test_assert_status (r, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (r->headers, "Content-Type"),
                                   "text/plain; version=0.0.4"));
  return g_strndup (g_bytes_get_data (r->raw, NULL), g_bytes_get_size (r->raw));
}

static void
test_metrics (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  jf_test_env_register (env, "chuangkou", "指标测试", "220402001");
  assert_healthy (env->server);
  /* A request is counted once its answer is written, which the client may see first. */
  do
    {
      g_free (text);
      text = metrics_text ();
    }
  while (strstr (text, "jiefen_http_requests_total{route=\"/healthz\",status=\"200\"}") == NULL &&
         g_get_monotonic_time () < deadline);
  g_assert_nonnull (strstr (text, "# TYPE jiefen_http_requests_total counter\n"));
  g_assert_nonnull (strstr (text, "jiefen_http_requests_total{route=\"/healthz\",status=\"200\"}"));
  g_assert_nonnull (strstr (text, "# TYPE jiefen_http_request_duration_seconds histogram\n"));
  g_assert_nonnull (strstr (text, "jiefen_http_request_duration_seconds_bucket{le=\"+Inf\"} "));
  g_assert_nonnull (strstr (text, "\njiefen_http_request_duration_seconds_sum "));
  g_assert_nonnull (strstr (text, "\njiefen_http_request_duration_seconds_count "));
  g_assert_true (g_regex_match_simple ("^jiefen_pool_connections\\{thread=\"[0-9]+\","
                                       "state=\"size\"\\} [1-9]", text, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (text, "jiefen_matters{status=\"registered\"} "));
  g_assert_nonnull (strstr (text, "\njiefen_database_up 1\n"));
  /* Every line is a comment or "name{labels} value", as Prometheus parses them. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && lines[i][0] != '#' &&
        !g_regex_match_simple ("^[a-z_:][a-z0-9_:]*"
                               "(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})?"
                               " ([0-9.e+-]+|\\+Inf|NaN)$", lines[i], 0, 0))
      g_test_fail_printf ("not a Prometheus sample: %s", lines[i]);
}

static guint
count_lines (const char *text,
             const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_equal (lines[i], line);
  return n;
}

/* Whichever thread answers, /metrics shows every thread's pool, each family described once. */
static void
test_metrics_every_thread (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  static const char * const families[] = { "jiefen_pool_connections gauge",
                                           "jiefen_pool_queued gauge",
                                           "jiefen_pool_queries_total counter",
                                           "jiefen_pool_failures_total counter" };

  jf_test_server_stop (env->server);
  g_strfreev (env->server->extra_env);
  env->server->extra_env = g_strsplit ("JIEFEND_THREADS=2", " ", -1);
  jf_test_server_restart (env->server);
  assert_healthy (env->server);
  text = metrics_text ();
  for (guint t = 0; t < 2; t++)
    for (guint s = 0; s < 3; s++)
      {
        static const char * const states[] = { "up", "busy", "size" };
        g_autofree char *pattern =
          g_strdup_printf ("^jiefen_pool_connections\\{thread=\"%u\",state=\"%s\"\\} [0-9]+$",
                           t, states[s]);

        if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
          g_test_fail_printf ("no pool connections for thread %u, state %s:\n%s", t, states[s],
                              text);
      }
  g_assert_true (g_regex_match_simple ("^jiefen_pool_connections\\{thread=\"1\","
                                       "state=\"size\"\\} [1-9]", text, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^jiefen_pool_queries_total\\{thread=\"1\"\\} [0-9]+$",
                                       text, G_REGEX_MULTILINE, 0));
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *type = g_strconcat ("# TYPE ", families[i], NULL);

      g_assert_cmpuint (count_lines (text, type), ==, 1);
    }
  /* No family anywhere in the text is described twice. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "# TYPE ") || g_str_has_prefix (lines[i], "# HELP "))
      g_assert_cmpuint (count_lines (text, lines[i]), ==, 1);
}

static void
test_openapi (void)
{
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", "/v1/openapi.json", NULL,
                                                 NULL);

  jf_test_assert_status (r, 200);
  g_assert_nonnull (r->body);
  g_assert_true (g_str_has_prefix (jf_test_response_string (r, "openapi"), "3."));
  g_assert_nonnull (jf_test_response_get (r, "paths./v1/matters.get"));
  g_assert_nonnull (jf_test_response_get (r, "paths./v1/matters.post"));
}

static void
test_unknown_path (void)
{
  g_autoptr(RawResponse) r = raw_request (env->server, "GET /v1/nothing-here HTTP/1.1\r\n"
                                                       "Host: jiefen\r\n\r\n");

  g_assert_cmpuint (r->status, ==, 404);
  g_assert_nonnull (strstr (r->head, "\r\nContent-Type: application/json"));
  assert_error_body (r->body, "not_found");
}

static void
test_wrong_method (void)
{
  g_autoptr(RawResponse) r = raw_request (env->server, "DELETE /v1/matters HTTP/1.1\r\n"
                                                       "Host: jiefen\r\n\r\n");
  const char *data = g_bytes_get_data (r->body, NULL);
  gsize len = g_bytes_get_size (r->body);

  g_assert_cmpuint (r->status, ==, 405);
  g_assert_nonnull (strstr (r->head, "\r\nContent-Type: application/json"));
  assert_error_body (r->body, "method_not_allowed");
  /* RFC 8259: nothing but the value (the 405 once ended with a NUL). */
  g_assert_null (memchr (data, '\0', len));
  g_assert_cmpuint (data[len - 1], ==, '}');
  /* RFC 9110 §15.5.6: the methods the path does take, GET and POST. */
  g_assert_true (g_regex_match_simple ("\r\nAllow: (GET, POST|POST, GET)\r", r->head, 0, 0));
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  guint *statuses = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              NULL);
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "index"));

  statuses[i] = body != NULL ? soup_message_get_status (msg) : 1;
}

/* With one database connection, six requests at once: each waits its turn and is
 * answered. A query queued behind a busy connection must be sent when that connection is
 * free, not when some later query happens to come in (there is none here: they would all
 * fail at the queue's 10 s limit). */
static void
test_queued_queries_are_sent (void)
{
  static const char * const one_connection[] = { "JIEFEND_POOL_SIZE=1", "JIEFEND_THREADS=1",
                                                 NULL };
  g_autoptr(JfTestEnv) narrow = jf_test_env_new_with (one_connection);
  const char *token = jf_test_env_token (narrow, "chuangkou");
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 6,
                                                                  NULL);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  guint statuses[6] = { 0, };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gboolean all;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/v1/matters?status=registered&limit=5",
                                              narrow->server->base_url);
      SoupMessage *msg = soup_message_new ("GET", url);
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
      g_object_set_data (G_OBJECT (msg), "index", GUINT_TO_POINTER (i));
      g_ptr_array_add (messages, msg);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, answered_cb,
                                        statuses);
    }
  do
    {
      g_main_context_iteration (NULL, TRUE);
      all = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        all = all && statuses[i] != 0;
    }
  while (!all && g_get_monotonic_time () < deadline);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_cmpuint (statuses[i], ==, 200);
}

/* A second jiefend on the port of the first refuses to start, saying why, instead of
 * sharing its connections (SO_REUSEPORT would let it); the first goes on answering. */
static void
test_port_taken (void)
{
  g_autofree char *binary = g_build_filename (g_getenv ("JF_BUILD_ROOT"), "server", "jiefend",
                                              NULL);
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", env->server->port);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_subprocess_launcher_setenv (launcher, "JIEFEND_KEY_FILE", env->server->key_file, TRUE);
  second = g_subprocess_launcher_spawn (launcher, &error, binary, "--listen", listen,
                                        "--database", env->conninfo, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (second, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), !=, 0);
  g_assert_null (strstr (out, "LISTENING"));
  g_assert_nonnull (strstr (err, "another process is listening there"));
  assert_healthy (env->server);
}

/* SIGTERM stops accepting but lets requests in flight finish: sign-ins, each an Argon2id
 * computation, are under way when it comes, and are answered before jiefend exits 0. */
static void
test_sigterm_finishes_requests (void)
{
  static const char body[] = "{\"username\":\"tiaojie\",\"password\":\"" JF_TEST_PASSWORD "\"}";
  g_autofree char *request = g_strdup_printf ("POST /v1/sessions HTTP/1.1\r\nHost: jiefen\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);
  GSocket *sockets[4];
  guint answered = 0;
  gint64 sent;

  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      sockets[i] = raw_connect (env->server);
      g_assert_true (raw_send (sockets[i], request, strlen (request)));
    }
  sent = g_get_monotonic_time ();
  /* Long enough for jiefend to take the requests in, far shorter than four hashings. */
  g_usleep (30 * 1000);
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    answered += g_socket_condition_check (sockets[i], G_IO_IN) != 0;
  g_assert_cmpuint (answered, <, G_N_ELEMENTS (sockets));
  jf_test_server_stop (env->server);  /* SIGTERM, and asserts exit status 0 */
  g_test_message ("SIGTERM with %u of 4 sign-ins in flight; jiefend stopped %.0f ms after they "
                  "were sent", 4 - answered, (g_get_monotonic_time () - sent) / 1e3);
  for (guint i = 0; i < G_N_ELEMENTS (sockets); i++)
    {
      g_autoptr(RawResponse) r = raw_read_response (sockets[i], 1000);

      g_assert_nonnull (r);
      g_assert_cmpuint (r->status, ==, 201);
      g_object_unref (sockets[i]);
    }
  jf_test_server_restart (env->server);
  assert_healthy (env->server);
}

/* jiefend's open descriptors; in *@out_close_wait, how many of its TCP sockets are in
 * CLOSE-WAIT: closed by the client, never by jiefend. */
static guint
scan_descriptors (gint   pid,
                  guint *out_close_wait)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GHashTable) inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  *out_close_wait = 0;
  for (; (name = g_dir_read_name (dir)) != NULL; n++)
    {
      g_autofree char *link = g_strdup_printf ("%s/%s", path, name);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:["))
        g_hash_table_add (inodes, g_strndup (target + 8, strlen (target) - 9));
    }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (tables[t], &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_auto(GStrv) f = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);

          /* sl local rem st ... inode (the tenth field); 08 is CLOSE_WAIT. */
          if (g_strv_length (f) > 9 && g_str_equal (f[3], "08") &&
              g_hash_table_contains (inodes, f[9]))
            (*out_close_wait)++;
        }
    }
  return n;
}

/* libsoup 3.2.3 on Debian 12 keeps the socket of a keep-alive connection that the client
 * closes while idle; jiefend closes it itself. */
static void
test_keep_alive_fds_are_closed (void)
{
  static const char request[] = "GET /healthz HTTP/1.1\r\nHost: jiefen\r\n\r\n";
  gint pid = jf_test_server_get_pid (env->server);
  guint before, after = 0, close_wait;
  gint64 deadline;

  assert_healthy (env->server);
  before = scan_descriptors (pid, &close_wait);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GSocket) socket = raw_connect (env->server);
      g_autoptr(RawResponse) r = NULL;

      g_assert_true (raw_send (socket, request, sizeof request - 1));
      r = raw_read_response (socket, 5000);
      g_assert_nonnull (r);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_null (strstr (r->head, "\r\nConnection: close"));
      /* A keep-alive connection: the server waits for its next request. */
      if (i == 0)
        g_assert_cmpfloat (wait_for_close (socket, g_get_monotonic_time (), 300), <, 0);
      g_socket_close (socket, NULL);
    }
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  /* jiefend closes a connection just after libsoup lets go of it: give it that moment. */
  while (((after = scan_descriptors (pid, &close_wait)) > before + 5 || close_wait > 0) &&
         g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  g_test_message ("jiefend's descriptors: %u before, %u after 500 connections", before, after);
  g_assert_cmpuint (after, <=, before + 5);
  g_assert_cmpuint (close_wait, ==, 0);
  assert_healthy (env->server);
}

static JfTestServer *
impatient_server (void)
{
  static const char * const limits[] = { "JIEFEND_HEADER_TIMEOUT_SECONDS=2",
                                         "JIEFEND_IDLE_TIMEOUT_SECONDS=2", NULL };

  if (impatient == NULL)
    impatient = jf_test_env_new_with (limits);
  return impatient->server;
}

/* Half a request head, then nothing: dropped after the header timeout, while everyone
 * else is answered meanwhile. */
static void
test_header_timeout (void)
{
  static const char half[] = "GET /healthz HTTP/1.1\r\nHost: jie";
  JfTestServer *server = impatient_server ();
  g_autoptr(GSocket) slow = raw_connect (server);
  gint64 started = g_get_monotonic_time ();
  double closed_after;

  g_assert_true (raw_send (slow, half, sizeof half - 1));
  for (guint i = 0; i < 5; i++)
    {
      gint64 asked = g_get_monotonic_time ();
      g_autoptr(RawResponse) r = raw_request (server, "GET /healthz HTTP/1.1\r\nHost: jiefen\r\n"
                                                      "Connection: close\r\n\r\n");

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (g_get_monotonic_time () - asked, <, G_USEC_PER_SEC / 2);
      g_usleep (200 * 1000);
    }
  closed_after = wait_for_close (slow, started, 6000);
  g_test_message ("half a head: disconnected after %.2f s", closed_after);
  g_assert_cmpfloat (closed_after, >=, 1.5);
  g_assert_cmpfloat (closed_after, <=, 3.0);
}

/* A keep-alive connection with nothing more to ask is closed after the idle timeout. */
static void
test_idle_timeout (void)
{
  static const char request[] = "GET /healthz HTTP/1.1\r\nHost: jiefen\r\n\r\n";
  JfTestServer *server = impatient_server ();
  g_autoptr(GSocket) socket = raw_connect (server);
  g_autoptr(RawResponse) r = NULL;
  gint64 answered;
  double closed_after;

  g_assert_true (raw_send (socket, request, sizeof request - 1));
  r = raw_read_response (socket, 5000);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->status, ==, 200);
  answered = g_get_monotonic_time ();
  closed_after = wait_for_close (socket, answered, 6000);
  g_test_message ("idle keep-alive connection closed after %.2f s", closed_after);
  g_assert_cmpfloat (closed_after, >=, 1.5);
  g_assert_cmpfloat (closed_after, <=, 3.0);
  assert_healthy (server);
}

static void
test_head_too_large (void)
{
  g_autoptr(GSocket) socket = raw_connect (env->server);
  g_autoptr(GString) head = g_string_new ("GET /healthz HTTP/1.1\r\nHost: jiefen\r\nX-Padding: ");
  g_autoptr(RawResponse) r = NULL;

  for (guint i = 0; i < 40 * 1024; i++)
    g_string_append_c (head, 'a' + i % 26);
  g_string_append (head, "\r\n\r\n");
  raw_send (socket, head->str, head->len);
  r = raw_read_response (socket, 5000);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->status, ==, 431);
  assert_error_body (r->body, "too_large");
  assert_healthy (env->server);
}

/* A body announced larger than the limit is refused from its head: the answer comes while
 * the client has sent a sliver of it. Sent in chunks, it is refused as soon as it passes. */
static void
test_body_too_large (void)
{
  const gsize size = 2 * 1024 * 1024;
  g_autofree char *body = g_malloc (size);
  g_autofree char *head = NULL;
  g_autoptr(GSocket) socket = raw_connect (env->server);
  g_autoptr(GSocket) chunked = raw_connect (env->server);
  g_autoptr(RawResponse) r = NULL;
  g_autoptr(RawResponse) r2 = NULL;
  gint64 matters = jf_test_env_sql_int (env, "SELECT count(*) FROM jf.matters");
  gint64 started;
  gsize sent = 0;

  memset (body, ' ', size);
  body[0] = '{';
  body[size - 1] = '}';
  head = g_strdup_printf ("POST /v1/matters HTTP/1.1\r\nHost: jiefen\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\n\r\n",
                          jf_test_env_token (env, "chuangkou"), size);
  started = g_get_monotonic_time ();
  g_assert_true (raw_send (socket, head, strlen (head)));
  g_assert_true (raw_send (socket, body, 64 * 1024));
  r = raw_read_response (socket, 1000);
  g_assert_nonnull (r);
  g_test_message ("2 MiB announced: %u after %.0f ms, with 64 KiB sent", r->status,
                  (g_get_monotonic_time () - started) / 1e3);
  g_assert_cmpuint (r->status, ==, 413);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC / 2);
  assert_error_body (r->body, "too_large");

  g_free (head);
  head = g_strdup_printf ("POST /v1/matters HTTP/1.1\r\nHost: jiefen\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n",
                          jf_test_env_token (env, "chuangkou"));
  started = g_get_monotonic_time ();
  g_assert_true (raw_send (chunked, head, strlen (head)));
  while (sent < size && !g_socket_condition_check (chunked, G_IO_IN))
    {
      g_autofree char *size_line = g_strdup_printf ("%x\r\n", 64 * 1024);

      if (!raw_send (chunked, size_line, strlen (size_line)) ||
          !raw_send (chunked, body + sent, 64 * 1024) || !raw_send (chunked, "\r\n", 2))
        break;
      sent += 64 * 1024;
      g_usleep (1000);
    }
  r2 = raw_read_response (chunked, 1000);
  g_assert_nonnull (r2);
  g_test_message ("2 MiB chunked: %u after %.0f ms, with %zu KiB sent", r2->status,
                  (g_get_monotonic_time () - started) / 1e3, sent / 1024);
  g_assert_cmpuint (r2->status, ==, 413);
  g_assert_cmpuint (sent, <, size);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.matters"), ==, matters);
  assert_healthy (env->server);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/system/healthz", test_healthz);
  g_test_add_func ("/jfd/system/metrics", test_metrics);
  g_test_add_func ("/jfd/system/metrics/every-thread", test_metrics_every_thread);
  g_test_add_func ("/jfd/system/openapi", test_openapi);
  g_test_add_func ("/jfd/system/errors/unknown-path", test_unknown_path);
  g_test_add_func ("/jfd/system/errors/wrong-method", test_wrong_method);
  g_test_add_func ("/jfd/system/limits/head-too-large", test_head_too_large);
  g_test_add_func ("/jfd/system/limits/body-too-large", test_body_too_large);
  g_test_add_func ("/jfd/system/connections/keep-alive-fds-are-closed",
                   test_keep_alive_fds_are_closed);
  g_test_add_func ("/jfd/system/connections/header-timeout", test_header_timeout);
  g_test_add_func ("/jfd/system/connections/idle-timeout", test_idle_timeout);
  g_test_add_func ("/jfd/system/port-taken", test_port_taken);
  g_test_add_func ("/jfd/system/queued-queries-are-sent", test_queued_queries_are_sent);
  g_test_add_func ("/jfd/system/sigterm-finishes-requests", test_sigterm_finishes_requests);
  status = g_test_run ();
  g_clear_pointer (&impatient, jf_test_env_free);
  jf_test_env_free (env);
  return status;
}
