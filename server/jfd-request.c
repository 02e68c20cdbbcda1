/* jfd-request.c: the pipeline of one request, and the one place that answers it */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-json.h"
#include "jfd-acceptor.h"
#include "jfd-auth.h"
#include "jfd-metrics.h"
#include "jfd-request.h"
#include "jfd-server.h"

struct _JfdRequest
{
  gatomicrefcount    ref;
  JfdServer         *server;       /* unowned: outlives its requests */
  SoupServerMessage *msg;          /* owned */
  const JfdRoute    *route;
  char              *params[JFD_ROUTE_MAX_PARAMS];
  GHashTable        *query;        /* owned, NULL when none */
  char               id[17];
  JfdActor          *actor;        /* owned once authenticated */
  JsonObject        *body;         /* owned */
  GBytes            *raw_body;     /* owned */
  GCancellable      *cancellable;  /* owned: cancelled when the client goes */
  gint64             started_us;
  guint              status;
  gboolean           responded;
  gboolean           finished;
  gulong             finished_id;
};

/* The end of a request, answered or abandoned: log, count, and drop the reference the
 * message's "finished" handler held. */
static void
request_done (JfdRequest *self,
              guint       status)
{
  SoupServerMessage *msg = self->msg;
  gint64 elapsed = g_get_monotonic_time () - self->started_us;

  self->finished = TRUE;
  if (!self->responded)
    g_cancellable_cancel (self->cancellable);
  jfd_metrics_observe (jfd_server_get_metrics (self->server),
                       self->route != NULL ? self->route->pattern : "unmatched",
                       self->responded ? status : 499, elapsed);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "%s %s %u %.1f ms%s%s",
                    soup_server_message_get_method (msg),
                    g_uri_get_path (soup_server_message_get_uri (msg)),
                    self->responded ? status : 499, elapsed / 1000.0,
                    self->actor != NULL ? " " : "",
                    self->actor != NULL ? self->actor->username : "",
                    "REQUEST_ID", "%s", self->id,
                    "HTTP_STATUS", "%u", self->responded ? status : 499);
  g_signal_handler_disconnect (msg, self->finished_id);
  self->finished_id = 0;
  jfd_server_request_ended (self->server);
  jfd_request_unref (self);
}

static void
message_finished_cb (SoupServerMessage *msg,
                     JfdRequest        *self)
{
  request_done (self, soup_server_message_get_status (msg));
}

void
jfd_request_detach (JfdRequest *self)
{
  if (self->finished_id != 0)
    request_done (self, 101);
}

JfdRequest *
jfd_request_new (JfdServer         *server,
                 SoupServerMessage *msg)
{
  JfdRequest *self = g_new0 (JfdRequest, 1);
  guint64 id = ((guint64) g_random_int () << 32) | g_random_int ();

  g_atomic_ref_count_init (&self->ref);
  self->server = server;
  self->msg = g_object_ref (msg);
  self->cancellable = g_cancellable_new ();
  self->started_us = g_get_monotonic_time ();
  g_snprintf (self->id, sizeof self->id, "%016" G_GINT64_MODIFIER "x", id);
  /* The message's end — answered or abandoned — holds the last reference. */
  self->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb),
                                        jfd_request_ref (self));
  soup_server_message_pause (msg);
  jfd_server_request_begun (server);
  return self;
}

JfdRequest *
jfd_request_ref (JfdRequest *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
jfd_request_unref (JfdRequest *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  for (guint i = 0; i < JFD_ROUTE_MAX_PARAMS; i++)
    g_free (self->params[i]);
  g_clear_pointer (&self->query, g_hash_table_unref);
  g_clear_pointer (&self->actor, jfd_actor_unref);
  g_clear_pointer (&self->body, json_object_unref);
  g_clear_pointer (&self->raw_body, g_bytes_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->msg);
  g_free (self);
}

SoupServerMessage *
jfd_request_get_message (JfdRequest *self)
{
  return self->msg;
}

JfdServer *
jfd_request_get_server (JfdRequest *self)
{
  return self->server;
}

JfdEngine *
jfd_request_get_engine (JfdRequest *self)
{
  return jfd_server_get_engine (self->server);
}

JfdActor *
jfd_request_get_actor (JfdRequest *self)
{
  return self->actor;
}

const char *
jfd_request_get_id (JfdRequest *self)
{
  return self->id;
}

GCancellable *
jfd_request_get_cancellable (JfdRequest *self)
{
  return self->cancellable;
}

const JfdRoute *
jfd_request_get_route (JfdRequest *self)
{
  return self->route;
}

JsonObject *
jfd_request_get_body (JfdRequest *self)
{
  return self->body;
}

GBytes *
jfd_request_get_raw_body (JfdRequest *self)
{
  return self->raw_body;
}

const char *
jfd_request_get_header (JfdRequest *self,
                        const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (self->msg),
                                       name);
}

const char *
jfd_request_get_client_address (JfdRequest *self)
{
  return soup_server_message_get_remote_host (self->msg);
}

const char *
jfd_request_get_param (JfdRequest *self,
                       guint       index)
{
  g_return_val_if_fail (index < JFD_ROUTE_MAX_PARAMS, NULL);
  return self->params[index];
}

gboolean
jfd_request_get_param_id (JfdRequest  *self,
                          guint        index,
                          gint64      *out_id,
                          GError     **error)
{
  const char *text = jfd_request_get_param (self, index);
  guint64 value;

  if (text == NULL || text[0] == '0' ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      jf_set_error (error, JF_ERROR_NOT_FOUND, NULL, "No such record: “%s”",
                    text != NULL ? text : "");
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

gboolean
jfd_request_check_query (JfdRequest          *self,
                         const char * const  *allowed,
                         GError             **error)
{
  GHashTableIter iter;
  const char *key;

  if (self->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    if (allowed == NULL || !g_strv_contains (allowed, key))
      {
        jf_set_error (error, JF_ERROR_MALFORMED, key, "Unknown query parameter “%s”", key);
        return FALSE;
      }
  return TRUE;
}

const char *
jfd_request_get_query (JfdRequest *self,
                       const char *name)
{
  return self->query != NULL ? g_hash_table_lookup (self->query, name) : NULL;
}

void
jfd_request_add_header (JfdRequest *self,
                        const char *name,
                        const char *value)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (self->msg),
                                name, value);
}

/* The single place where a request is answered and released to libsoup. */
void
jfd_request_respond_text (JfdRequest *self,
                          guint       status,
                          const char *content_type,
                          GBytes     *body)
{
  SoupMessageHeaders *headers;

  g_return_if_fail (!self->responded);
  self->responded = TRUE;
  self->status = status;
  if (self->finished)
    return;
  headers = soup_server_message_get_response_headers (self->msg);
  soup_message_headers_replace (headers, "X-Request-Id", self->id);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (self->msg, status, NULL);
  if (body != NULL)
    {
      gsize len;
      gconstpointer data = g_bytes_get_data (body, &len);

      soup_server_message_set_response (self->msg, content_type, SOUP_MEMORY_COPY, data, len);
    }
  soup_server_message_unpause (self->msg);
}

void
jfd_request_respond_upgrade (JfdRequest *self)
{
  g_return_if_fail (!self->responded);
  self->responded = TRUE;
  self->status = 101;
  if (!self->finished)
    soup_server_message_unpause (self->msg);
}

void
jfd_request_respond_json (JfdRequest *self,
                          guint       status,
                          JsonNode   *node)
{
  gsize len;
  g_autofree char *text = jf_json_to_string (node, &len);
  g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&text), len);

  jfd_request_respond_text (self, status, "application/json; charset=utf-8", body);
}

void
jfd_request_respond_empty (JfdRequest *self,
                           guint       status)
{
  jfd_request_respond_text (self, status, NULL, NULL);
}

void
jfd_request_respond_error (JfdRequest   *self,
                           const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  JfErrorCode code = JF_ERROR_INTERNAL;
  const char *field = NULL;
  const char *message = "Something went wrong in jiefend; the request id identifies it "
                        "in the server's log";

  if (error->domain == JF_ERROR)
    {
      code = error->code;
      field = jf_error_get_field (error);
      if (code != JF_ERROR_INTERNAL)
        message = error->message;
    }
  if (code == JF_ERROR_INTERNAL)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "MESSAGE", "internal error: %s", error->message,
                      "REQUEST_ID", "%s", self->id);
  if (code == JF_ERROR_THROTTLED || code == JF_ERROR_UNAVAILABLE)
    {
      guint seconds = jf_error_get_retry_after (error);
      g_autofree char *retry = g_strdup_printf ("%u", seconds != 0 ? seconds
                                                : code == JF_ERROR_THROTTLED ? 60 : 5);

      jfd_request_add_header (self, "Retry-After", retry);
    }
  if (code == JF_ERROR_UNAUTHENTICATED)
    jfd_request_add_header (self, "WWW-Authenticate", "Bearer realm=\"jiefen\"");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, jf_error_code_to_string (code));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "field");
  if (field != NULL)
    json_builder_add_string_value (builder, field);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "request_id");
  json_builder_add_string_value (builder, self->id);
  json_builder_end_object (builder);
  /* A stale version's answer carries the matter as it is now. */
  if (jf_error_get_detail (error) != NULL)
    {
      json_builder_set_member_name (builder, "current");
      json_builder_add_value (builder, json_node_copy (jf_error_get_detail (error)));
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  jfd_request_respond_json (self, jf_error_code_to_http_status (code), node);
}

static gboolean
read_body (JfdRequest  *self,
           GError     **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (self->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *type = jfd_request_get_header (self, "Content-Type");
  g_autofree char *media = NULL;

  if (self->route->body == JFD_BODY_NONE)
    return TRUE;
  if (self->route->body == JFD_BODY_BINARY)
    {
      self->raw_body = g_steal_pointer (&bytes);
      return TRUE;
    }
  if (type != NULL)
    {
      const char *semicolon = strchr (type, ';');
      media = g_ascii_strdown (type, semicolon != NULL ? semicolon - type : -1);
      g_strstrip (media);
    }
  if (g_strcmp0 (media, "application/json") != 0 ||
      (type != NULL && strstr (type, "charset") != NULL &&
       g_ascii_strcasecmp (strstr (type, "charset"), "charset=utf-8") != 0))
    {
      jf_set_error (error, JF_ERROR_UNSUPPORTED_MEDIA, NULL,
                    "The body must be application/json in UTF-8");
      return FALSE;
    }
  self->body = jf_json_parse_object (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     error);
  return self->body != NULL;
}

static void
run_handler (JfdRequest *self)
{
  g_autoptr(GError) error = NULL;

  if (self->route->writes && self->actor != NULL && jfd_actor_is_read_only (self->actor))
    {
      jf_set_error (&error, JF_ERROR_FORBIDDEN, NULL, "Auditors read; they do not change");
      jfd_request_respond_error (self, error);
      return;
    }
  if (!read_body (self, &error))
    {
      jfd_request_respond_error (self, error);
      return;
    }
  self->route->handler (self);
}

static void
authenticated_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(JfdRequest) self = data;
  g_autoptr(GError) error = NULL;

  self->actor = jfd_auth_authenticate_finish (JFD_AUTH (source), result, &error);
  if (self->actor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jfd_request_respond_error (self, error);
      return;
    }
  run_handler (self);
}

void
jfd_request_dispatch (JfdRequest *self)
{
  GUri *uri = soup_server_message_get_uri (self->msg);
  const char *query = g_uri_get_query (uri);
  const char *authorization;
  gboolean path_known;
  g_autoptr(GError) error = NULL;

  self->route = jfd_routes_match (soup_server_message_get_method (self->msg),
                                  g_uri_get_path (uri), self->params, &path_known);
  if (self->route == NULL)
    {
      if (path_known)
        {
          g_autofree char *body = g_strdup_printf (
            "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"This method is not "
            "allowed here\",\"field\":null,\"request_id\":\"%s\"}}", self->id);
          g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
          g_autofree char *allowed = jfd_routes_allowed (g_uri_get_path (uri));

          /* 405 is outside JfError's codes: answered directly, saying what is allowed. */
          jfd_request_add_header (self, "Allow", allowed);
          jfd_request_respond_text (self, 405, "application/json; charset=utf-8", bytes);
          return;
        }
      jf_set_error (&error, JF_ERROR_NOT_FOUND, NULL, "No such resource");
      jfd_request_respond_error (self, error);
      return;
    }
  if (query != NULL && query[0] != '\0')
    {
      self->query = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
      if (self->query == NULL)
        {
          g_clear_error (&error);
          jf_set_error (&error, JF_ERROR_MALFORMED, NULL, "The query string is malformed");
          jfd_request_respond_error (self, error);
          return;
        }
    }
  if (self->route->auth == JFD_AUTH_NONE)
    {
      run_handler (self);
      return;
    }
  authorization = jfd_request_get_header (self, "Authorization");
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      jf_set_error (&error, JF_ERROR_UNAUTHENTICATED, NULL, "Sign in first: a bearer token "
                    "is required");
      jfd_request_respond_error (self, error);
      return;
    }
  jfd_auth_authenticate_async (jfd_server_get_auth (self->server), authorization + 7,
                               self->cancellable, authenticated_cb, jfd_request_ref (self));
}
