/* jf-desk-json.h: reading jiefend's answers without trusting their shape
 *
 * json-glib's getters warn (a critical, fatal in the tests) on a member of the wrong type;
 * these return NULL or the default instead. @object may be NULL.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *jf_desk_json_object  (JsonNode   *node);
const char *jf_desk_json_string  (JsonObject *object,
                                  const char *member);
gint64      jf_desk_json_int     (JsonObject *object,
                                  const char *member,
                                  gint64      default_value);
gboolean    jf_desk_json_bool    (JsonObject *object,
                                  const char *member);
JsonObject *jf_desk_json_member_object (JsonObject *object,
                                        const char *member);
JsonArray  *jf_desk_json_member_array  (JsonObject *object,
                                        const char *member);

G_END_DECLS
