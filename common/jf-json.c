/* jf-json.c: parsing untrusted bodies safely, and writing compact JSON */
#include "config.h"

#include "jf-error.h"
#include "jf-json.h"

typedef struct
{
  GHashTable *seen;       /* JsonObject * being parsed → members parsed so far */
  char       *duplicate;  /* the first member given twice */
} DuplicateWatch;

static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  gpointer    user_data)
{
  DuplicateWatch *watch = user_data;
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (watch->seen, object)) + 1;

  g_hash_table_insert (watch->seen, object, GUINT_TO_POINTER (seen));
  /* json-glib keeps the last of two members with the same name. Another reader of the
   * same bytes (a proxy, an audit tool) may keep the first: refuse the ambiguity. A
   * replaced member leaves the object smaller than the count of members parsed. */
  if (watch->duplicate == NULL && seen != json_object_get_size (object))
    watch->duplicate = g_strdup (name);
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               gpointer    user_data)
{
  DuplicateWatch *watch = user_data;

  g_hash_table_remove (watch->seen, object);
}

static JsonNode *
parse_checked (const char  *data,
               gsize        len,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *duplicate = NULL;
  g_autoptr(GError) local_error = NULL;
  DuplicateWatch watch = { seen, NULL };
  gboolean loaded;
  JsonNode *root;

  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &watch);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &watch);
  loaded = json_parser_load_from_data (parser, data, (gssize) len, &local_error);
  duplicate = g_steal_pointer (&watch.duplicate);
  if (!loaded)
    {
      /* json-glib quotes the token it choked on, cut at a byte count: possibly in the
       * middle of a character, and the answer must be UTF-8. */
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);

      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "not valid JSON: %s", message);
      return NULL;
    }
  if (duplicate != NULL)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "member “%s” given twice", duplicate);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "empty body");
      return NULL;
    }
  return json_node_ref (root);
}

JsonNode *
jf_json_parse (const char  *data,
               gsize        len,
               GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > G_MAXSSIZE)
    {
      jf_set_error (error, JF_ERROR_TOO_LARGE, NULL, "body too large");
      return NULL;
    }
  if (!jf_json_prescan (data, len, JF_JSON_DEFAULT_MAX_DEPTH, error))
    return NULL;
  return parse_checked (data != NULL ? data : "", len, error);
}

JsonObject *
jf_json_parse_object (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonNode) root = jf_json_parse (data, len, error);

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "the body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

char *
jf_json_to_string (JsonNode *node,
                   gsize    *out_len)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, out_len);
}
