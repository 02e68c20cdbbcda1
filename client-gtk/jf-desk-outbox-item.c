/* jf-desk-outbox-item.c: an intake waiting in the outbox */
#include "config.h"

#include "jf-error.h"
#include "jf-json.h"
#include "jf-desk-json.h"
#include "jf-desk-outbox-item.h"

#define FILE_VERSION 1

struct _JfDeskOutboxItem
{
  GObject                parent_instance;

  char                  *key;
  JsonNode              *body;
  char                  *username;
  char                  *server;
  GDateTime             *saved_at;
  JfDeskOutboxItemState  state;
  GError                *error;
};

G_DEFINE_FINAL_TYPE (JfDeskOutboxItem, jf_desk_outbox_item, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (JfDeskOutboxItemState, jf_desk_outbox_item_state,
                    G_DEFINE_ENUM_VALUE (JF_DESK_OUTBOX_ITEM_WAITING, "waiting"),
                    G_DEFINE_ENUM_VALUE (JF_DESK_OUTBOX_ITEM_SENDING, "sending"),
                    G_DEFINE_ENUM_VALUE (JF_DESK_OUTBOX_ITEM_REFUSED, "refused"),
                    G_DEFINE_ENUM_VALUE (JF_DESK_OUTBOX_ITEM_EDITING, "editing"))

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jf_desk_outbox_item_finalize (GObject *object)
{
  JfDeskOutboxItem *self = JF_DESK_OUTBOX_ITEM (object);

  g_free (self->key);
  g_clear_pointer (&self->body, json_node_unref);
  g_free (self->username);
  g_free (self->server);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (jf_desk_outbox_item_parent_class)->finalize (object);
}

static void
jf_desk_outbox_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  JfDeskOutboxItem *self = JF_DESK_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_outbox_item_class_init (JfDeskOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_outbox_item_finalize;
  object_class->get_property = jf_desk_outbox_item_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, JF_DESK_TYPE_OUTBOX_ITEM_STATE,
                       JF_DESK_OUTBOX_ITEM_WAITING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_outbox_item_init (JfDeskOutboxItem *self)
{
}

JfDeskOutboxItem *
jf_desk_outbox_item_new (const char *key,
                         JsonNode   *body,
                         const char *username,
                         const char *server,
                         GDateTime  *saved_at)
{
  JfDeskOutboxItem *self;

  g_return_val_if_fail (key != NULL && body != NULL, NULL);

  self = g_object_new (JF_DESK_TYPE_OUTBOX_ITEM, NULL);
  self->key = g_strdup (key);
  self->body = json_node_copy (body);
  self->username = g_strdup (username != NULL ? username : "");
  self->server = g_strdup (server != NULL ? server : "");
  self->saved_at = saved_at != NULL ? g_date_time_ref (saved_at) : g_date_time_new_now_utc ();
  return self;
}

JfDeskOutboxItem *
jf_desk_outbox_item_new_from_data (const char  *data,
                                   gsize        len,
                                   GError     **error)
{
  g_autoptr(JsonNode) root = jf_json_parse (data, len, error);
  JsonObject *object = jf_desk_json_object (root);
  JsonObject *last_error;
  const char *key;
  g_autoptr(GDateTime) saved_at = NULL;
  JfDeskOutboxItem *self;
  JsonNode *body;

  if (root == NULL)
    return NULL;
  key = jf_desk_json_string (object, "key");
  body = object != NULL ? json_object_get_member (object, "body") : NULL;
  if (jf_desk_json_int (object, "version", 0) != FILE_VERSION || key == NULL ||
      !g_uuid_string_is_valid (key) || body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "not an outbox file of version %d",
                    FILE_VERSION);
      return NULL;
    }
  saved_at = g_date_time_new_from_iso8601 (jf_desk_json_string (object, "saved_at") != NULL
                                           ? jf_desk_json_string (object, "saved_at") : "",
                                           NULL);
  self = jf_desk_outbox_item_new (key, body, jf_desk_json_string (object, "username"),
                                  jf_desk_json_string (object, "server"), saved_at);
  last_error = jf_desk_json_member_object (object, "last_error");
  if (last_error != NULL)
    {
      JfErrorCode code = JF_ERROR_INVALID;

      for (guint c = JF_ERROR_MALFORMED; c <= JF_ERROR_INTERNAL; c++)
        if (g_strcmp0 (jf_error_code_to_string (c), jf_desk_json_string (last_error, "code")) == 0)
          code = c;
      self->error = jf_error_new (code, jf_desk_json_string (last_error, "field"), "%s",
                                  jf_desk_json_string (last_error, "message") != NULL
                                  ? jf_desk_json_string (last_error, "message") : "");
      self->state = JF_DESK_OUTBOX_ITEM_REFUSED;
    }
  return self;
}

char *
jf_desk_outbox_item_to_data (JfDeskOutboxItem *self,
                             gsize            *out_len)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *saved_at = g_date_time_format_iso8601 (self->saved_at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, FILE_VERSION);
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, self->key);
  json_builder_set_member_name (b, "saved_at");
  json_builder_add_string_value (b, saved_at);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, self->username);
  json_builder_set_member_name (b, "server");
  json_builder_add_string_value (b, self->server);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, jf_desk_outbox_item_get_title (self));
  json_builder_set_member_name (b, "body");
  json_builder_add_value (b, json_node_copy (self->body));
  if (self->error != NULL && self->error->domain == JF_ERROR)
    {
      json_builder_set_member_name (b, "last_error");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, jf_error_code_to_string (self->error->code));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, self->error->message);
      if (jf_error_get_field (self->error) != NULL)
        {
          json_builder_set_member_name (b, "field");
          json_builder_add_string_value (b, jf_error_get_field (self->error));
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return jf_json_to_string (root, out_len);
}

const char *
jf_desk_outbox_item_get_key (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->key;
}

JsonNode *
jf_desk_outbox_item_get_body (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->body;
}

const char *
jf_desk_outbox_item_get_title (JfDeskOutboxItem *self)
{
  const char *title;

  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  title = jf_desk_json_string (jf_desk_json_object (self->body), "title");
  return title != NULL ? title : "";
}

const char *
jf_desk_outbox_item_get_username (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->username;
}

const char *
jf_desk_outbox_item_get_server (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->server;
}

GDateTime *
jf_desk_outbox_item_get_saved_at (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->saved_at;
}

JfDeskOutboxItemState
jf_desk_outbox_item_get_state (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), JF_DESK_OUTBOX_ITEM_WAITING);
  return self->state;
}

void
jf_desk_outbox_item_set_state (JfDeskOutboxItem      *self,
                               JfDeskOutboxItemState  state)
{
  g_return_if_fail (JF_DESK_IS_OUTBOX_ITEM (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const GError *
jf_desk_outbox_item_get_error (JfDeskOutboxItem *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ITEM (self), NULL);
  return self->error;
}

void
jf_desk_outbox_item_set_error (JfDeskOutboxItem *self,
                               const GError     *error)
{
  g_return_if_fail (JF_DESK_IS_OUTBOX_ITEM (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}
