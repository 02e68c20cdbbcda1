/* jf-json-path.c: the paths of fields, and what every strict reader shares */
#include "config.h"

#include <stdarg.h>

#include "jf-error.h"
#include "jf-json.h"
#include "jf-json-private.h"

char *
jf_json_path (const char *prefix,
              const char *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  if (prefix == NULL || prefix[0] == '\0')
    return g_strdup (member);
  return g_strconcat (prefix, ".", member, NULL);
}

char *
jf_json_path_index (const char *prefix,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", prefix != NULL ? prefix : "", index);
}

gboolean
jf_json_refuse (GError            **error,
                const JfJsonWhere  *where,
                const char         *format,
                ...)
{
  g_autofree char *field = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;
  if (where->member != NULL)
    field = jf_json_path (where->path, where->member);
  else
    field = jf_json_path_index (where->path, where->index);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  jf_set_error (error, JF_ERROR_INVALID, field, "%s", message);
  return FALSE;
}

static JsonNode *
member_node (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

gboolean
jf_json_has_member (JsonObject *object,
                    const char *member)
{
  g_return_val_if_fail (object != NULL && member != NULL, FALSE);

  return member_node (object, member) != NULL;
}

gboolean
jf_json_lookup (JsonObject         *object,
                const JfJsonWhere  *where,
                JfJsonFlags         flags,
                JsonNode          **out_node,
                GError            **error)
{
  g_return_val_if_fail (object != NULL && where->member != NULL, FALSE);

  *out_node = member_node (object, where->member);
  if (*out_node == NULL && (flags & JF_JSON_REQUIRED))
    return jf_json_refuse (error, where, "is required");
  return TRUE;
}

gboolean
jf_json_holds_type (JsonNode *node,
                    GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
jf_json_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *allowed,
                       GError             **error)
{
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (object != NULL && allowed != NULL, FALSE);

  /* A misspelt optional member would otherwise be dropped without a word. */
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        JfJsonWhere where = { path, l->data, 0 };
        return jf_json_refuse (error, &where, "unknown field");
      }
  return TRUE;
}
