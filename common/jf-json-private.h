/* jf-json-private.h: what the strict readers of jf-json-*.c share */
#pragma once

#include "jf-json.h"

G_BEGIN_DECLS

/* Where a value sits, spelt out as a path only when an error needs it. */
typedef struct
{
  const char *path;    /* of the container; NULL at the root */
  const char *member;  /* NULL for an element of an array */
  guint       index;
} JfJsonWhere;

/* Sets JF_ERROR_INVALID naming @where, and returns FALSE so that readers can
 * "return jf_json_refuse (...)". */
gboolean jf_json_refuse      (GError            **error,
                              const JfJsonWhere  *where,
                              const char         *format,
                              ...) G_GNUC_PRINTF (3, 4);
/* FALSE when a required member is absent (or null); TRUE with *out_node NULL when an
 * optional one is. */
gboolean jf_json_lookup      (JsonObject         *object,
                              const JfJsonWhere  *where,
                              JfJsonFlags         flags,
                              JsonNode          **out_node,
                              GError            **error);
gboolean jf_json_holds_type  (JsonNode           *node,
                              GType               type);

G_END_DECLS
