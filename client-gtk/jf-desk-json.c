/* jf-desk-json.c: tolerant getters */
#include "config.h"

#include "jf-desk-json.h"

JsonObject *
jf_desk_json_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonNode *
value_member (JsonObject *object,
              const char *member,
              GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

const char *
jf_desk_json_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = value_member (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gint64
jf_desk_json_int (JsonObject *object,
                  const char *member,
                  gint64      default_value)
{
  JsonNode *node = value_member (object, member, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : default_value;
}

gboolean
jf_desk_json_bool (JsonObject *object,
                   const char *member)
{
  JsonNode *node = value_member (object, member, G_TYPE_BOOLEAN);

  return node != NULL && json_node_get_boolean (node);
}

JsonObject *
jf_desk_json_member_object (JsonObject *object,
                            const char *member)
{
  return object != NULL ? jf_desk_json_object (json_object_get_member (object, member)) : NULL;
}

JsonArray *
jf_desk_json_member_array (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
