/* jf-desk-stream.c: the WebSocket of live updates, kept open */
#include "config.h"

#include <libsoup/soup.h>

#include "jf-json.h"
#include "jf-desk-json.h"
#include "jf-desk-stream.h"

struct _JfDeskStream
{
  GObject                  parent_instance;

  JfDeskClient            *client;       /* owned */
  SoupWebsocketConnection *connection;   /* owned while open */
  GCancellable            *cancellable;  /* the connection being opened */
  gulong                   message_id;
  gulong                   closed_id;
  guint                    retry_id;
  guint                    backoff;      /* seconds before the next attempt */
  gint64                   last_id;
  char                    *username;     /* whose stream last_id belongs to */
  gboolean                 connected;
};

G_DEFINE_FINAL_TYPE (JfDeskStream, jf_desk_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void open_stream (JfDeskStream *self);

static void
set_connected (JfDeskStream *self,
               gboolean      connected)
{
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
drop_connection (JfDeskStream *self)
{
  if (self->connection == NULL)
    return;
  g_clear_signal_handler (&self->message_id, self->connection);
  g_clear_signal_handler (&self->closed_id, self->connection);
  if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->connection);
}

static void
stop (JfDeskStream *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_connection (self);
  set_connected (self, FALSE);
}

static gboolean
retry_cb (gpointer data)
{
  JfDeskStream *self = data;

  self->retry_id = 0;
  open_stream (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (JfDeskStream *self)
{
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (!jf_desk_client_is_signed_in (self->client))
    return;
  self->backoff = self->backoff == 0 ? 1 : MIN (self->backoff * 2,
                                                JF_DESK_STREAM_MAX_BACKOFF_SECONDS);
  self->retry_id = g_timeout_add_seconds (self->backoff, retry_cb, self);
}

static void
message_cb (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            gpointer                 data)
{
  JfDeskStream *self = data;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *event;
  gsize size = 0;
  const char *text = g_bytes_get_data (message, &size);
  gint64 id;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  root = jf_json_parse (text, size, NULL);
  event = jf_desk_json_object (root);
  id = jf_desk_json_int (event, "id", 0);
  if (event == NULL || jf_desk_json_string (event, "kind") == NULL || id <= 0)
    return;
  /* A message seen before (a catch-up overlapping what was delivered) is said once. */
  if (id <= self->last_id)
    return;
  self->last_id = id;
  g_signal_emit (self, signals[EVENT], 0, event);
}

static void
closed_cb (SoupWebsocketConnection *connection,
           gpointer                 data)
{
  JfDeskStream *self = data;

  g_debug ("the live stream closed (code %u)",
           soup_websocket_connection_get_close_code (connection));
  drop_connection (self);
  set_connected (self, FALSE);
  schedule_retry (self);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskStream) self = data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = jf_desk_client_open_stream_finish (JF_DESK_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (connection == NULL)
    {
      g_debug ("the live stream could not be opened: %s", error->message);
      schedule_retry (self);
      return;
    }
  drop_connection (self);
  self->connection = connection;
  self->backoff = 0;
  /* The server pings every 30 s; a dead peer shows sooner from our side. */
  soup_websocket_connection_set_keepalive_interval (connection, 20);
  self->message_id = g_signal_connect (connection, "message", G_CALLBACK (message_cb), self);
  self->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), self);
  set_connected (self, TRUE);
}

static void
open_stream (JfDeskStream *self)
{
  g_autofree char *path = NULL;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (!jf_desk_client_is_signed_in (self->client) || self->cancellable != NULL)
    return;
  drop_connection (self);
  set_connected (self, FALSE);
  path = self->last_id > 0
    ? g_strdup_printf ("/v1/stream?after=%" G_GINT64_FORMAT, self->last_id)
    : g_strdup ("/v1/stream");
  self->cancellable = g_cancellable_new ();
  jf_desk_client_open_stream_async (self->client, path, self->cancellable, opened_cb,
                                    g_object_ref (self));
}

static void
account_changed_cb (JfDeskStream *self)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);

  const char *username = account != NULL ? jf_desk_account_get_username (account) : NULL;

  stop (self);
  self->backoff = 0;
  /* The same person back after a lapsed session catches up; another starts afresh. */
  if (username != NULL && g_strcmp0 (username, self->username) != 0)
    {
      self->last_id = 0;
      g_free (self->username);
      self->username = g_strdup (username);
    }
  if (account != NULL)
    open_stream (self);
}

static void
jf_desk_stream_dispose (GObject *object)
{
  JfDeskStream *self = JF_DESK_STREAM (object);

  stop (self);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_stream_parent_class)->dispose (object);
}

static void
jf_desk_stream_finalize (GObject *object)
{
  g_free (JF_DESK_STREAM (object)->username);
  G_OBJECT_CLASS (jf_desk_stream_parent_class)->finalize (object);
}

static void
jf_desk_stream_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JfDeskStream *self = JF_DESK_STREAM (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_stream_class_init (JfDeskStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jf_desk_stream_dispose;
  object_class->finalize = jf_desk_stream_finalize;
  object_class->get_property = jf_desk_stream_get_property;

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A message of the stream: {id, kind, at, matter_id, org, payload}. */
  signals[EVENT] = g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
jf_desk_stream_init (JfDeskStream *self)
{
}

JfDeskStream *
jf_desk_stream_new (JfDeskClient *client)
{
  JfDeskStream *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_STREAM, NULL);
  self->client = g_object_ref (client);
  g_signal_connect_swapped (client, "notify::account", G_CALLBACK (account_changed_cb), self);
  if (jf_desk_client_get_account (client) != NULL)
    account_changed_cb (self);
  return self;
}

gboolean
jf_desk_stream_is_connected (JfDeskStream *self)
{
  g_return_val_if_fail (JF_DESK_IS_STREAM (self), FALSE);
  return self->connected;
}

gint64
jf_desk_stream_get_last_id (JfDeskStream *self)
{
  g_return_val_if_fail (JF_DESK_IS_STREAM (self), 0);
  return self->last_id;
}

guint
jf_desk_stream_get_backoff (JfDeskStream *self)
{
  g_return_val_if_fail (JF_DESK_IS_STREAM (self), 0);
  return self->connected ? 0 : self->backoff;
}

void
jf_desk_stream_reconnect (JfDeskStream *self)
{
  g_return_if_fail (JF_DESK_IS_STREAM (self));

  if (self->connected)
    return;
  self->backoff = 0;
  open_stream (self);
}
