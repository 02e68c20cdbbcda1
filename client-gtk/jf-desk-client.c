/* jf-desk-client.c: HTTP to jiefend, errors into JfError, the connection state */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "jf-error.h"
#include "jf-json.h"
#include "jf-desk-client.h"
#include "jf-desk-error.h"
#include "jf-desk-json.h"

/* Offline, the server is asked whether it is back this often. */
#define PROBE_INTERVAL_SECONDS 3

struct _JfDeskClient
{
  GObject                parent_instance;

  SoupSession           *session;      /* owned */
  char                  *base_url;     /* without a trailing slash */
  char                  *token;        /* NULL when signed out */
  JfDeskAccount         *account;      /* owned; NULL when signed out */
  JfDeskConnectionState  state;
  guint                  probe_id;     /* the next probe, while offline */
  GCancellable          *probe_cancellable;
};

G_DEFINE_FINAL_TYPE (JfDeskClient, jf_desk_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (JfDeskConnectionState, jf_desk_connection_state,
                    G_DEFINE_ENUM_VALUE (JF_DESK_CONNECTION_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (JF_DESK_CONNECTION_ONLINE, "online"),
                    G_DEFINE_ENUM_VALUE (JF_DESK_CONNECTION_OFFLINE, "offline"))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CONNECTION_STATE,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  SESSION_ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_probe (JfDeskClient *self);

static void
set_state (JfDeskClient          *self,
           JfDeskConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  if (state == JF_DESK_CONNECTION_OFFLINE)
    schedule_probe (self);
  else if (state == JF_DESK_CONNECTION_ONLINE)
    g_clear_handle_id (&self->probe_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
}

static void
jf_desk_client_dispose (GObject *object)
{
  JfDeskClient *self = JF_DESK_CLIENT (object);

  g_clear_handle_id (&self->probe_id, g_source_remove);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->account);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (jf_desk_client_parent_class)->dispose (object);
}

static void
jf_desk_client_finalize (GObject *object)
{
  JfDeskClient *self = JF_DESK_CLIENT (object);

  g_free (self->base_url);
  g_free (self->token);
  G_OBJECT_CLASS (jf_desk_client_parent_class)->finalize (object);
}

static void
jf_desk_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JfDeskClient *self = JF_DESK_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_client_class_init (JfDeskClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jf_desk_client_dispose;
  object_class->finalize = jf_desk_client_finalize;
  object_class->get_property = jf_desk_client_get_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL, JF_DESK_TYPE_CONNECTION_STATE,
                       JF_DESK_CONNECTION_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, JF_DESK_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The server refused the token (401): sign in again. */
  signals[SESSION_ENDED] =
    g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
jf_desk_client_init (JfDeskClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("jiefen-desk/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("timeout", JF_DESK_CLIENT_TIMEOUT_SECONDS,
                                                 "idle-timeout", 30,
                                                 "user-agent", user_agent,
                                                 NULL);
  self->state = JF_DESK_CONNECTION_CONNECTING;
}

JfDeskClient *
jf_desk_client_new (const char *base_url)
{
  JfDeskClient *self = g_object_new (JF_DESK_TYPE_CLIENT, NULL);

  if (base_url != NULL && !jf_desk_client_set_base_url (self, base_url, NULL))
    g_debug ("ignoring the server address “%s”: not an http or https URL", base_url);
  return self;
}

const char *
jf_desk_client_get_base_url (JfDeskClient *self)
{
  g_return_val_if_fail (JF_DESK_IS_CLIENT (self), NULL);
  return self->base_url;
}

gboolean
jf_desk_client_set_base_url (JfDeskClient  *self,
                             const char    *url,
                             GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (self), FALSE);

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0))
    {
      jf_set_error (error, JF_ERROR_INVALID, "server", "not an http or https address");
      return FALSE;
    }
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  if (g_strcmp0 (trimmed, self->base_url) == 0)
    return TRUE;
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&trimmed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  /* Another server: what we knew of the last one's reachability says nothing. */
  jf_desk_client_probe (self);
  return TRUE;
}

JfDeskConnectionState
jf_desk_client_get_connection_state (JfDeskClient *self)
{
  g_return_val_if_fail (JF_DESK_IS_CLIENT (self), JF_DESK_CONNECTION_OFFLINE);
  return self->state;
}

JfDeskAccount *
jf_desk_client_get_account (JfDeskClient *self)
{
  g_return_val_if_fail (JF_DESK_IS_CLIENT (self), NULL);
  return self->account;
}

gboolean
jf_desk_client_is_signed_in (JfDeskClient *self)
{
  g_return_val_if_fail (JF_DESK_IS_CLIENT (self), FALSE);
  return self->token != NULL;
}

static void
forget_session (JfDeskClient *self)
{
  if (self->token != NULL)
    {
      memset (self->token, 0, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
}

/* --- requests ---------------------------------------------------------------------------- */

typedef enum
{
  REQUEST_NORMAL = 0,
  REQUEST_SIGN_IN = 1 << 0,   /* a 401 is a wrong password, not an ended session */
  REQUEST_PROBE = 1 << 1,     /* only the reachability matters */
  REQUEST_RAW = 1 << 2,       /* a 2xx answer's body is returned as it is (GBytes) */
} RequestFlags;

typedef struct
{
  SoupMessage  *msg;
  RequestFlags  flags;
  char         *token;         /* the token the request was sent with */
  guint         status;
  gboolean      replayed;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->msg);
  g_free (request->token);
  g_free (request);
}

static JfErrorCode
code_for_status (guint status)
{
  switch (status)
    {
    case 400: return JF_ERROR_MALFORMED;
    case 401: return JF_ERROR_UNAUTHENTICATED;
    case 403: return JF_ERROR_FORBIDDEN;
    case 404: return JF_ERROR_NOT_FOUND;
    case 409: return JF_ERROR_CONFLICT;
    case 413: return JF_ERROR_TOO_LARGE;
    case 415: return JF_ERROR_UNSUPPORTED_MEDIA;
    case 422: return JF_ERROR_INVALID;
    case 429: return JF_ERROR_THROTTLED;
    case 502:
    case 503:
    case 504: return JF_ERROR_UNAVAILABLE;
    default: return JF_ERROR_INTERNAL;
    }
}

static JfErrorCode
code_for_answer (const char *code,
                 guint       status)
{
  for (guint c = JF_ERROR_MALFORMED; c <= JF_ERROR_INTERNAL; c++)
    if (g_strcmp0 (jf_error_code_to_string (c), code) == 0)
      return c;
  return code_for_status (status);
}

/* An error answer of jiefend's, or whatever a proxy in front of it said. */
static GError *
error_from_answer (guint     status,
                   JsonNode *root)
{
  JsonObject *object = jf_desk_json_object (root);
  JsonObject *error_object = jf_desk_json_member_object (object, "error");
  const char *code = jf_desk_json_string (error_object, "code");
  const char *message = jf_desk_json_string (error_object, "message");
  const char *field = jf_desk_json_string (error_object, "field");
  GError *error;

  error = jf_error_new (code_for_answer (code, status), field, "%s",
                        message != NULL ? message : soup_status_get_phrase (status) != NULL
                        ? soup_status_get_phrase (status) : "HTTP error");
  if (object != NULL && json_object_has_member (object, "current"))
    jf_error_set_detail (error, json_object_get_member (object, "current"));
  return error;
}

static void
request_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfDeskClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  gsize size = 0;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* No answer: whatever the request was, the server is out of reach for now. */
      set_state (self, JF_DESK_CONNECTION_OFFLINE);
      g_task_return_error (task, jf_desk_error_new_transport (error));
      return;
    }

  request->status = soup_message_get_status (request->msg);
  headers = soup_message_get_response_headers (request->msg);
  request->replayed = g_strcmp0 (soup_message_headers_get_one (headers, "Idempotent-Replayed"),
                                 "true") == 0;
  /* 503 is jiefend saying that its database is down: as good as unreachable. */
  set_state (self, request->status == 502 || request->status == 503 || request->status == 504
             ? JF_DESK_CONNECTION_OFFLINE : JF_DESK_CONNECTION_ONLINE);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  g_bytes_get_data (bytes, &size);
  if (size > 0 && g_strcmp0 (content_type, "application/json") == 0)
    {
      g_autoptr(GError) parse_error = NULL;

      root = jf_json_parse (g_bytes_get_data (bytes, NULL), size, &parse_error);
      if (root == NULL && SOUP_STATUS_IS_SUCCESSFUL (request->status) &&
          !(request->flags & REQUEST_RAW))
        {
          g_task_return_new_error (task, JF_ERROR, JF_ERROR_MALFORMED,
                                   "The server's answer is not valid JSON: %s",
                                   parse_error->message);
          return;
        }
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (request->status) && (request->flags & REQUEST_RAW))
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
      return;
    }

  if (request->status == 401 && !(request->flags & REQUEST_SIGN_IN) &&
      request->token != NULL && g_strcmp0 (request->token, self->token) == 0)
    {
      /* Only the session this request was made in has ended; a newer one stays. */
      forget_session (self);
      g_signal_emit (self, signals[SESSION_ENDED], 0);
    }
  g_task_return_error (task, error_from_answer (request->status, root));
}

/* @body is sent as it is, with @content_type; NULL for none. */
static void
send_bytes (JfDeskClient        *self,
            const char          *method,
            const char          *path,
            GBytes              *body,
            const char          *content_type,
            const char          *idempotency_key,
            RequestFlags         flags,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->flags = flags;
  if (self->base_url == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "server",
                                               "No server address is set"));
      return;
    }
  url = g_strconcat (self->base_url, path, NULL);
  request->msg = soup_message_new (method, url);
  if (request->msg == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "server",
                                               "The server address is not valid"));
      return;
    }
  headers = soup_message_get_request_headers (request->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL && !(flags & REQUEST_SIGN_IN))
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      request->token = g_strdup (self->token);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->msg, content_type, body);
  soup_session_send_and_read_async (self->session, request->msg, G_PRIORITY_DEFAULT,
                                    cancellable, request_sent_cb, g_steal_pointer (&task));
}

static void
send_request (JfDeskClient        *self,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              const char          *idempotency_key,
              RequestFlags         flags,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body != NULL)
    {
      gsize len = 0;
      char *text = jf_json_to_string (body, &len);

      bytes = g_bytes_new_take (text, len);
    }
  send_bytes (self, method, path, bytes, "application/json", idempotency_key, flags,
              cancellable, callback, user_data);
}

void
jf_desk_client_request_async (JfDeskClient        *self,
                              const char          *method,
                              const char          *path,
                              JsonNode            *body,
                              const char          *idempotency_key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (JF_DESK_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && path[0] == '/');

  send_request (self, method, path, body, idempotency_key, REQUEST_NORMAL, cancellable,
                callback, user_data);
}

void
jf_desk_client_upload_async (JfDeskClient        *self,
                             const char          *path,
                             const char          *content_type,
                             GBytes              *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (JF_DESK_IS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (content_type != NULL && body != NULL);

  send_bytes (self, "POST", path, body, content_type, NULL, REQUEST_NORMAL, cancellable,
              callback, user_data);
}

JsonNode *
jf_desk_client_request_finish (JfDeskClient  *self,
                               GAsyncResult  *result,
                               guint         *out_status,
                               gboolean      *out_replayed,
                               GError       **error)
{
  Request *request;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  if (out_status != NULL)
    *out_status = request->status;
  if (out_replayed != NULL)
    *out_replayed = request->replayed;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- signing in and out ------------------------------------------------------------------ */

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfDeskClient *self = JF_DESK_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (self, result, NULL, NULL, &error);
  JsonObject *object;
  const char *token;
  g_autoptr(JfDeskAccount) account = NULL;

  if (root == NULL)
    {
      g_task_return_error (task, error != NULL ? g_steal_pointer (&error)
                           : jf_error_new (JF_ERROR_MALFORMED, NULL, "An empty answer"));
      return;
    }
  object = jf_desk_json_object (root);
  token = jf_desk_json_string (object, "token");
  if (token == NULL || jf_desk_json_member_object (object, "account") == NULL)
    {
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_MALFORMED,
                               "The server's answer to the sign-in has no session");
      return;
    }
  account = jf_desk_account_new_from_json (jf_desk_json_member_object (object, "account"),
                                           &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  forget_session (self);
  self->token = g_strdup (token);
  g_set_object (&self->account, account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  g_task_return_boolean (task, TRUE);
}

void
jf_desk_client_sign_in_async (JfDeskClient        *self,
                              const char          *base_url,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;

  g_return_if_fail (JF_DESK_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  if (!jf_desk_client_set_base_url (self, base_url, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  send_request (self, "POST", "/v1/sessions", body, NULL, REQUEST_SIGN_IN, cancellable,
                signed_in_cb, g_steal_pointer (&task));
}

gboolean
jf_desk_client_sign_in_finish (JfDeskClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result, NULL, NULL, &error);
  if (error != NULL)
    g_debug ("signing out on the server: %s", error->message);
}

void
jf_desk_client_sign_out (JfDeskClient *self)
{
  g_return_if_fail (JF_DESK_IS_CLIENT (self));

  if (self->token == NULL)
    return;
  /* The request carries the token; the client forgets it at once. */
  send_request (self, "DELETE", "/v1/sessions/current", NULL, NULL, REQUEST_NORMAL, NULL,
                signed_out_cb, NULL);
  forget_session (self);
  if (self->account != NULL)
    {
      g_clear_object (&self->account);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
    }
}

/* --- probing ----------------------------------------------------------------------------- */

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskClient) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (self, result, NULL, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* request_sent_cb has set the state from the answer; a failed probe waits for the
   * next one, which set_state () scheduled. */
  if (self->state == JF_DESK_CONNECTION_CONNECTING)
    set_state (self, error == NULL ? JF_DESK_CONNECTION_ONLINE : JF_DESK_CONNECTION_OFFLINE);
  else if (self->state == JF_DESK_CONNECTION_OFFLINE && self->probe_id == 0)
    schedule_probe (self);
}

void
jf_desk_client_probe (JfDeskClient *self)
{
  g_return_if_fail (JF_DESK_IS_CLIENT (self));

  if (self->base_url == NULL)
    return;
  g_clear_handle_id (&self->probe_id, g_source_remove);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  /* Straight to "connecting" without scheduling another probe. */
  if (self->state != JF_DESK_CONNECTION_CONNECTING)
    {
      self->state = JF_DESK_CONNECTION_CONNECTING;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
    }
  send_request (self, "GET", "/healthz", NULL, NULL, REQUEST_PROBE, self->probe_cancellable,
                probed_cb, g_object_ref (self));
}

static gboolean
probe_cb (gpointer data)
{
  JfDeskClient *self = data;

  self->probe_id = 0;
  jf_desk_client_probe (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_probe (JfDeskClient *self)
{
  if (self->probe_id != 0 || self->base_url == NULL)
    return;
  self->probe_id = g_timeout_add_seconds (PROBE_INTERVAL_SECONDS, probe_cb, self);
}

/* --- files and the live stream ----------------------------------------------------------- */

void
jf_desk_client_download_async (JfDeskClient        *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (JF_DESK_IS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  send_bytes (self, "GET", path, NULL, NULL, NULL, REQUEST_RAW, cancellable, callback,
              user_data);
}

GBytes *
jf_desk_client_download_finish (JfDeskClient  *self,
                                GAsyncResult  *result,
                                char         **out_content_type,
                                GError       **error)
{
  Request *request;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  request = g_task_get_task_data (G_TASK (result));
  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (out_content_type != NULL)
    *out_content_type = bytes != NULL && request->msg != NULL
      ? g_strdup (soup_message_headers_get_content_type (
                    soup_message_get_response_headers (request->msg), NULL))
      : NULL;
  return bytes;
}

static void
stream_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GTask) task = data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;
  guint status;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (connection != NULL)
    {
      g_task_return_pointer (task, connection, g_object_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (msg);
  /* An answer other than the upgrade (401 for a lapsed token) is the server's word; no
   * answer at all is the network's. */
  if (status >= 400)
    g_task_return_error (task, jf_error_new (code_for_status (status), NULL, "HTTP %u", status));
  else
    g_task_return_error (task, jf_desk_error_new_transport (error));
}

void
jf_desk_client_open_stream_async (JfDeskClient        *self,
                                  const char          *path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  SoupMessage *msg;

  g_return_if_fail (JF_DESK_IS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, jf_desk_client_open_stream_async);
  if (self->base_url == NULL || self->token == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_UNAUTHENTICATED, NULL,
                                               "Not signed in"));
      return;
    }
  url = g_strconcat (self->base_url, path, NULL);
  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "server",
                                               "The server address is not valid"));
      return;
    }
  g_task_set_task_data (task, msg, g_object_unref);
  bearer = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        cancellable, stream_opened_cb, g_steal_pointer (&task));
}

SoupWebsocketConnection *
jf_desk_client_open_stream_finish (JfDeskClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
