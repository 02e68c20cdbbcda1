/* jf-load-http.c: a small blocking HTTP/1.1 client for jf-load */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jf-load-http.h"

struct _JfLoadConn
{
  char    *host;
  guint16  port;
  int      fd;    /* -1 while not connected */
  GString *in;    /* bytes received and not yet consumed */
  GString *out;   /* the request being sent */
};

JfLoadConn *
jf_load_conn_new (const char *host,
                  guint16     port)
{
  JfLoadConn *conn = g_new0 (JfLoadConn, 1);

  conn->host = g_strdup (host);
  conn->port = port;
  conn->fd = -1;
  conn->in = g_string_sized_new (16384);
  conn->out = g_string_sized_new (4096);
  return conn;
}

static void
disconnect (JfLoadConn *conn)
{
  if (conn->fd >= 0)
    close (conn->fd);
  conn->fd = -1;
  g_string_truncate (conn->in, 0);
}

void
jf_load_conn_free (JfLoadConn *conn)
{
  disconnect (conn);
  g_string_free (conn->in, TRUE);
  g_string_free (conn->out, TRUE);
  g_free (conn->host);
  g_free (conn);
}

static gboolean
reconnect (JfLoadConn *conn)
{
  struct sockaddr_in addr = { 0 };
  int one = 1;

  disconnect (conn);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (conn->port);
  if (inet_pton (AF_INET, conn->host, &addr.sin_addr) != 1)
    return FALSE;
  conn->fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (conn->fd < 0)
    return FALSE;
  /* Requests are written whole in one send: Nagle would only add a delay. */
  setsockopt (conn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (conn->fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      disconnect (conn);
      return FALSE;
    }
  return TRUE;
}

static gboolean
send_all (JfLoadConn *conn)
{
  gsize done = 0;

  while (done < conn->out->len)
    {
      ssize_t n = send (conn->fd, conn->out->str + done, conn->out->len - done, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* Appends what the socket has to conn->in: FALSE at the end of the stream or on error. */
static gboolean
receive_more (JfLoadConn *conn)
{
  char buffer[16384];
  ssize_t n;

  do
    n = recv (conn->fd, buffer, sizeof buffer, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return FALSE;
  g_string_append_len (conn->in, buffer, n);
  return TRUE;
}

static gboolean
receive_at_least (JfLoadConn *conn,
                  gsize       len)
{
  while (conn->in->len < len)
    if (!receive_more (conn))
      return FALSE;
  return TRUE;
}

/* The offset just past the next CRLF at or after @from, receiving as needed; 0 if none. */
static gsize
receive_line (JfLoadConn *conn,
              gsize       from)
{
  for (;;)
    {
      const char *eol = g_strstr_len (conn->in->str + from, conn->in->len - from, "\r\n");

      if (eol != NULL)
        return (gsize) (eol - conn->in->str) + 2;
      if (!receive_more (conn))
        return 0;
    }
}

static gboolean
take (JfLoadConn *conn,
      gsize       len,
      GString    *answer)
{
  if (!receive_at_least (conn, len))
    return FALSE;
  if (answer != NULL)
    g_string_append_len (answer, conn->in->str, len);
  g_string_erase (conn->in, 0, len);
  return TRUE;
}

static gboolean
take_chunked (JfLoadConn *conn,
              GString    *answer)
{
  for (;;)
    {
      gsize line = receive_line (conn, 0);
      guint64 size;

      if (line == 0)
        return FALSE;
      size = g_ascii_strtoull (conn->in->str, NULL, 16);
      g_string_erase (conn->in, 0, line);
      if (size == 0)
        break;
      if (!take (conn, size, answer) || !take (conn, 2, NULL))
        return FALSE;
    }
  /* Trailers, if any, up to the empty line. */
  for (;;)
    {
      gsize line = receive_line (conn, 0);

      if (line == 0)
        return FALSE;
      g_string_erase (conn->in, 0, line);
      if (line == 2)
        return TRUE;
    }
}

static gboolean
header_is (const char *line,
           const char *name)
{
  return g_ascii_strncasecmp (line, name, strlen (name)) == 0;
}

/* Reads one answer; 0 on a broken connection (*@nothing: not one byte of it came). */
static guint
receive_answer (JfLoadConn *conn,
                GString    *answer,
                gboolean   *nothing)
{
  const char *end;
  gsize head;
  guint status;
  gint64 length = -1;
  gboolean chunked = FALSE, closes = FALSE, ok;
  g_autofree char *head_text = NULL;
  g_auto(GStrv) lines = NULL;

  *nothing = FALSE;
  while ((end = g_strstr_len (conn->in->str, conn->in->len, "\r\n\r\n")) == NULL)
    if (!receive_more (conn))
      {
        *nothing = conn->in->len == 0;
        return 0;
      }
  head = (gsize) (end - conn->in->str) + 4;
  head_text = g_strndup (conn->in->str, head);
  lines = g_strsplit (head_text, "\r\n", -1);
  if (!g_str_has_prefix (lines[0], "HTTP/1.") || strlen (lines[0]) < 12)
    return 0;
  status = (guint) atoi (lines[0] + 9);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *value = strchr (lines[i], ':');

      value = value != NULL ? value + 1 : "";
      while (*value == ' ')
        value++;
      if (header_is (lines[i], "content-length:"))
        length = g_ascii_strtoll (value, NULL, 10);
      else if (header_is (lines[i], "transfer-encoding:"))
        chunked = g_ascii_strcasecmp (value, "chunked") == 0;
      else if (header_is (lines[i], "connection:"))
        closes = g_ascii_strcasecmp (value, "close") == 0;
    }
  g_string_erase (conn->in, 0, head);
  if (chunked)
    ok = take_chunked (conn, answer);
  else if (length >= 0)
    ok = take (conn, (gsize) length, answer);
  else if (status < 200 || status == 204 || status == 304)
    ok = TRUE;
  else
    {
      while (receive_more (conn))
        ;
      g_string_append_len (answer, conn->in->str, conn->in->len);
      closes = ok = TRUE;
    }
  if (closes)
    disconnect (conn);
  return ok ? status : 0;
}

guint
jf_load_conn_request (JfLoadConn *conn,
                      const char *method,
                      const char *path,
                      const char *token,
                      const char *headers,
                      const char *body,
                      GString    *answer)
{
  g_string_printf (conn->out, "%s %s HTTP/1.1\r\nHost: %s:%u\r\n", method, path, conn->host,
                   conn->port);
  if (token != NULL)
    g_string_append_printf (conn->out, "Authorization: Bearer %s\r\n", token);
  if (headers != NULL)
    g_string_append (conn->out, headers);
  if (body != NULL)
    g_string_append_printf (conn->out, "Content-Type: application/json\r\n"
                                       "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
  else
    g_string_append (conn->out, "\r\n");

  /* A kept-alive connection that the server has since closed fails with nothing read:
   * open a new one and send again, once, as browsers and libsoup do. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gboolean reused = conn->fd >= 0, nothing = FALSE;
      guint status;

      g_string_truncate (answer, 0);
      if (!reused && !reconnect (conn))
        return 0;
      if (!send_all (conn))
        {
          disconnect (conn);
          if (reused)
            continue;
          return 0;
        }
      status = receive_answer (conn, answer, &nothing);
      if (status != 0)
        return status;
      disconnect (conn);
      if (!(reused && nothing))
        return 0;
    }
  return 0;
}

char *
jf_load_password (const char  *logins,
                  const char  *user,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (logins, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s+", g_strstrip (lines[i]), 0, 0);

      if (g_strv_length (fields) == 4 && g_str_equal (fields[0], user))
        return g_strdup (fields[3]);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s: no password for %s", logins,
               user);
  return NULL;
}

JsonNode *
jf_load_parse (const GString  *answer,
               GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, answer->str, (gssize) answer->len, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

char *
jf_load_sign_in (JfLoadConn  *conn,
                 const char  *logins,
                 const char  *user,
                 GError     **error)
{
  g_autofree char *password = jf_load_password (logins, user, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *body = NULL;
  guint status;

  if (password == NULL)
    return NULL;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, user);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);
  status = jf_load_conn_request (conn, "POST", "/v1/sessions", NULL, NULL, body, answer);
  if (status != 201)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "signing in as %s: HTTP %u %s", user,
                   status, answer->str);
      return NULL;
    }
  session = jf_load_parse (answer, error);
  if (session == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (session))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "signing in as %s: %s", user,
                   answer->str);
      return NULL;
    }
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (session),
                                                               "token", NULL));
}
