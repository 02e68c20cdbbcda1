/* jf-test-server.c: spawning jiefend and talking to it */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jf-test-server.h"

#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)

static char *
binary_path (void)
{
  const char *root = g_getenv ("JF_BUILD_ROOT");

  if (root == NULL)
    g_error ("JF_BUILD_ROOT is not set: run the tests with meson test");
  return g_build_filename (root, "server", "jiefend", NULL);
}

/* A key file like `jiefenctl keygen` writes, mode 0600, private to this test. */
static char *
make_key_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jf-test-keys-XXXXXX", &error);
  char *path;
  g_autoptr(GString) text = g_string_new ("[keys]\n");
  const char *names[] = { "index", "1" };

  g_assert_no_error (error);
  path = g_build_filename (dir, "data-key", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint8 key[32];
      g_autofree char *b64 = NULL;

      for (guint j = 0; j < sizeof key; j++)
        key[j] = g_random_int_range (0, 256);
      b64 = g_base64_encode (key, sizeof key);
      g_string_append_printf (text, "%s=%s\n", names[i], b64);
    }
  g_string_append (text, "current=1\n");
  g_file_set_contents_full (path, text->str, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  return path;
}

/* A test that dies (an assertion aborts it) takes its jiefend along, instead of leaving
 * an orphan holding the test runner's pipes open. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (JfTestServer *self,
       guint16       port)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *binary = binary_path ();
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "JIEFEND_KEY_FILE", self->key_file, TRUE);
  g_subprocess_launcher_setenv (launcher, "JIEFEND_THREADS", "2", FALSE);
  /* The daemon's own G_DEBUG: a critical in jiefend fails the test that caused it. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  for (guint i = 0; self->extra_env != NULL && self->extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (self->extra_env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }
  self->process = g_subprocess_launcher_spawn (launcher, &error, binary, "--listen", listen,
                                               "--database", self->conninfo, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        g_error ("jiefend exited before it was ready (see its messages above)");
      if (g_str_has_prefix (line, "LISTENING "))
        {
          self->port = (guint16) atoi (line + 10);
          break;
        }
    }
  g_assert_cmpuint (self->port, !=, 0);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

JfTestServer *
jf_test_server_start (const char *conninfo,
                      const char *key_file)
{
  JfTestServer *self = g_new0 (JfTestServer, 1);

  self->conninfo = g_strdup (conninfo);
  self->owns_key_file = key_file == NULL;
  self->key_file = key_file != NULL ? g_strdup (key_file) : make_key_file ();
  spawn (self, 0);
  return self;
}

void
jf_test_server_restart (JfTestServer *self)
{
  g_assert_null (self->process);
  spawn (self, self->port);
}

gint
jf_test_server_get_pid (JfTestServer *self)
{
  const char *id = g_subprocess_get_identifier (self->process);

  return id != NULL ? atoi (id) : 0;
}

void
jf_test_server_stop (JfTestServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_object (&self->process);
}

void
jf_test_server_kill (JfTestServer *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
jf_test_server_free (JfTestServer *self)
{
  if (self == NULL)
    return;
  jf_test_server_stop (self);
  if (self->owns_key_file)
    {
      g_autofree char *dir = g_path_get_dirname (self->key_file);

      g_unlink (self->key_file);
      g_rmdir (dir);
    }
  g_strfreev (self->extra_env);
  g_free (self->key_file);
  g_free (self->conninfo);
  g_free (self->base_url);
  g_free (self);
}

static SoupSession *
session (void)
{
  static SoupSession *shared;

  if (shared == NULL)
    shared = soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 32, NULL);
  return shared;
}

static JfTestResponse *
send_message (SoupMessage *msg)
{
  JfTestResponse *response = g_new0 (JfTestResponse, 1);
  g_autoptr(GError) error = NULL;
  const char *type;

  response->raw = soup_session_send_and_read (session (), msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (g_strcmp0 (type, "application/json") == 0 && g_bytes_get_size (response->raw) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (response->raw, NULL),
                                      g_bytes_get_size (response->raw), &error))
        response->body = json_node_ref (json_parser_get_root (parser));
      else
        g_error ("jiefend answered JSON that does not parse: %s", error->message);
    }
  return response;
}

static SoupMessage *
new_message (JfTestServer *self,
             const char   *method,
             const char   *path,
             const char   *token)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    value);
    }
  return msg;
}

JfTestResponse *
jf_test_request_full (JfTestServer *self,
                      const char   *method,
                      const char   *path,
                      const char   *token,
                      const char   *content_type,
                      GBytes       *body,
                      ...)
{
  g_autoptr(SoupMessage) msg = new_message (self, method, path, token);
  va_list args;
  const char *name;

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), name,
                                  va_arg (args, const char *));
  va_end (args);
  return send_message (msg);
}

JfTestResponse *
jf_test_request (JfTestServer *self,
                 const char   *method,
                 const char   *path,
                 const char   *token,
                 const char   *body)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return jf_test_request_full (self, method, path, token, "application/json", bytes, NULL);
}

void
jf_test_response_free (JfTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, json_node_unref);
  g_clear_pointer (&response->raw, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

JsonNode *
jf_test_response_get (JfTestResponse *response,
                      const char     *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = response->body;

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint index = (guint) atoi (parts[i]);
          JsonArray *array = json_node_get_array (node);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index)
                                                      : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

const char *
jf_test_response_string (JfTestResponse *response,
                         const char     *path)
{
  JsonNode *node = jf_test_response_get (response, path);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

gint64
jf_test_response_int (JfTestResponse *response,
                      const char     *path)
{
  JsonNode *node = jf_test_response_get (response, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    g_error ("the response has no number at “%s”", path);
  return json_node_get_int (node);
}

char *
jf_test_sign_in (JfTestServer *self,
                 const char   *username,
                 const char   *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           password);
  g_autoptr(JfTestResponse) response = jf_test_request (self, "POST", "/v1/sessions", NULL, body);

  jf_test_assert_status (response, 201);
  return g_strdup (jf_test_response_string (response, "token"));
}
