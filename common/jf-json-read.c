/* jf-json-read.c: strict readers of JSON members, naming the field's path on refusal
 *
 * json-glib converts freely between types (json_node_get_int () reads 12.5 as 12, true as
 * 1 and "12" as 0), so every reader checks the node's JSON type first and takes nothing
 * else. Null counts as absent, because clients commonly send it for "no value".
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jf-error.h"
#include "jf-json.h"
#include "jf-json-private.h"

static gboolean
is_refused_char (gunichar c,
                 gboolean single_line)
{
  if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029)
    return single_line;
  return g_unichar_iscntrl (c);
}

static char *
normalize_and_trim (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  const char *start = nfc;
  const char *end = nfc + strlen (nfc);

  /* g_strstrip () knows only ASCII; Chinese input methods type U+3000 as a space. */
  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* TRUE with *out_value NULL when the text is blank and may be. */
static gboolean
check_text (JsonNode           *node,
            JfJsonFlags         flags,
            guint               min_chars,
            guint               max_chars,
            const JfJsonWhere  *where,
            char              **out_value,
            GError            **error)
{
  const char *text;
  g_autofree char *clean = NULL;
  glong n_chars;

  *out_value = NULL;
  if (!jf_json_holds_type (node, G_TYPE_STRING))
    return jf_json_refuse (error, where, "must be a string");
  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return jf_json_refuse (error, where, "is not valid UTF-8");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_refused_char (c, (flags & JF_JSON_SINGLE_LINE) != 0))
        continue;
      if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        return jf_json_refuse (error, where, "must be a single line");
      return jf_json_refuse (error, where, "must not contain control characters");
    }
  clean = normalize_and_trim (text);
  if (clean[0] == '\0')
    {
      if (flags & (JF_JSON_REQUIRED | JF_JSON_NOT_BLANK))
        return jf_json_refuse (error, where, "must not be blank");
      return TRUE;
    }
  n_chars = g_utf8_strlen (clean, -1);
  if (n_chars < (glong) min_chars)
    return jf_json_refuse (error, where, "must be at least %u characters long", min_chars);
  if (n_chars > (glong) max_chars)
    return jf_json_refuse (error, where, "must be at most %u characters long", max_chars);
  *out_value = g_steal_pointer (&clean);
  return TRUE;
}

gboolean
jf_json_read_string (JsonObject   *object,
                     const char   *path,
                     const char   *member,
                     JfJsonFlags   flags,
                     guint         min_chars,
                     guint         max_chars,
                     char        **out_value,
                     GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;
  char *value = NULL;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!check_text (node, flags, min_chars, max_chars, &where, &value, error))
    return FALSE;
  if (value != NULL)
    *out_value = value;
  return TRUE;
}

gboolean
jf_json_read_int (JsonObject   *object,
                  const char   *path,
                  const char   *member,
                  JfJsonFlags   flags,
                  gint64        min,
                  gint64        max,
                  gint64       *out_value,
                  GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;
  gint64 value;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* json-glib types integer tokens INT64 and tokens with a fraction or an exponent
   * DOUBLE; the pre-scan has refused integers it would have wrapped. */
  if (!jf_json_holds_type (node, G_TYPE_INT64))
    return jf_json_refuse (error, &where, "must be an integer");
  value = json_node_get_int (node);
  if (value < min || value > max)
    return jf_json_refuse (error, &where, "must be between %" G_GINT64_FORMAT
                           " and %" G_GINT64_FORMAT, min, max);
  *out_value = value;
  return TRUE;
}

gboolean
jf_json_read_double (JsonObject   *object,
                     const char   *path,
                     const char   *member,
                     JfJsonFlags   flags,
                     double        min,
                     double        max,
                     double       *out_value,
                     GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;
  double value;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (jf_json_holds_type (node, G_TYPE_INT64))
    value = (double) json_node_get_int (node);
  else if (jf_json_holds_type (node, G_TYPE_DOUBLE))
    value = json_node_get_double (node);
  else
    return jf_json_refuse (error, &where, "must be a number");
  if (!isfinite (value) || value < min || value > max)
    return jf_json_refuse (error, &where, "must be between %g and %g", min, max);
  *out_value = value;
  return TRUE;
}

gboolean
jf_json_read_boolean (JsonObject   *object,
                      const char   *path,
                      const char   *member,
                      JfJsonFlags   flags,
                      gboolean     *out_value,
                      GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!jf_json_holds_type (node, G_TYPE_BOOLEAN))
    return jf_json_refuse (error, &where, "must be true or false");
  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
jf_json_read_enum (JsonObject          *object,
                   const char          *path,
                   const char          *member,
                   JfJsonFlags          flags,
                   const char * const  *allowed,
                   guint               *out_value,
                   GError             **error)
{
  JfJsonWhere where = { path, member, 0 };
  g_autoptr(GString) list = NULL;
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (allowed != NULL, FALSE);

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!jf_json_holds_type (node, G_TYPE_STRING))
    return jf_json_refuse (error, &where, "must be a string");
  text = json_node_get_string (node);
  for (guint i = 0; allowed[i] != NULL; i++)
    if (strcmp (allowed[i], text) == 0)
      {
        *out_value = i;
        return TRUE;
      }
  list = g_string_new (NULL);
  for (guint i = 0; allowed[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", allowed[i]);
  return jf_json_refuse (error, &where, "is not one of: %s", list->str);
}

gboolean
jf_json_read_object (JsonObject   *object,
                     const char   *path,
                     const char   *member,
                     JfJsonFlags   flags,
                     JsonObject  **out_object,
                     GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return jf_json_refuse (error, &where, "must be an object");
  *out_object = json_node_get_object (node);
  return TRUE;
}

gboolean
jf_json_read_array (JsonObject   *object,
                    const char   *path,
                    const char   *member,
                    JfJsonFlags   flags,
                    guint         min_items,
                    guint         max_items,
                    JsonArray   **out_array,
                    GError      **error)
{
  JfJsonWhere where = { path, member, 0 };
  JsonNode *node;
  JsonArray *array;
  guint n_items;

  if (!jf_json_lookup (object, &where, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return jf_json_refuse (error, &where, "must be an array");
  array = json_node_get_array (node);
  n_items = json_array_get_length (array);
  if (n_items < min_items)
    return jf_json_refuse (error, &where, "must have at least %u items", min_items);
  if (n_items > max_items)
    return jf_json_refuse (error, &where, "must have at most %u items", max_items);
  *out_array = array;
  return TRUE;
}

gboolean
jf_json_array_get_object (JsonArray    *array,
                          const char   *path,
                          guint         index,
                          JsonObject  **out_object,
                          GError      **error)
{
  JfJsonWhere where = { path, NULL, index };
  JsonNode *node;

  g_return_val_if_fail (array != NULL && index < json_array_get_length (array), FALSE);

  node = json_array_get_element (array, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return jf_json_refuse (error, &where, "must be an object");
  *out_object = json_node_get_object (node);
  return TRUE;
}

gboolean
jf_json_array_get_string (JsonArray    *array,
                          const char   *path,
                          guint         index,
                          JfJsonFlags   flags,
                          guint         min_chars,
                          guint         max_chars,
                          char        **out_value,
                          GError      **error)
{
  JfJsonWhere where = { path, NULL, index };
  char *value = NULL;

  g_return_val_if_fail (array != NULL && index < json_array_get_length (array), FALSE);

  /* An element cannot be absent: a blank one is refused like a blank required member. */
  if (!check_text (json_array_get_element (array, index), flags | JF_JSON_REQUIRED,
                   min_chars, max_chars, &where, &value, error))
    return FALSE;
  *out_value = value;
  return TRUE;
}
