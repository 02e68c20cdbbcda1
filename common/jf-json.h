/* jf-json.h: strict JSON for untrusted input, over json-glib 1.6
 *
 * json-glib 1.6 is not safe on hostile bytes: it recurses without limit, wraps integers
 * silently, reads 0123 as octal, accepts 0x10, comments, single quotes and trailing
 * garbage, and keeps the last of two members with the same name. Request bodies therefore
 * go through jf_json_parse*(), which pre-scans the bytes (jf_json_prescan) before
 * json-glib sees them, and are read member by member with the jf_json_read_*() readers,
 * which check JSON types exactly and name the offending field's full path in the error
 * (e.g. "parties[1].id_number").
 *
 * Numbers: an integer token with more than JF_JSON_MAX_INTEGER_DIGITS digits (|n| ≥ 10^15)
 * is refused by the pre-scan, as is any number that does not fit a finite double. No value
 * of this API (ids, counts, versions) comes near 10^15, and every integer below it is exact
 * in a double, so JavaScript clients read our answers unchanged.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_JSON_DEFAULT_MAX_DEPTH   32
#define JF_JSON_MAX_INTEGER_DIGITS  15

/* Parsing refuses with JF_ERROR_MALFORMED, field NULL, and says where (the byte offset for
 * what the pre-scan finds). jf_json_prescan () takes 0 for JF_JSON_DEFAULT_MAX_DEPTH;
 * jf_json_parse () always uses the default, and also refuses an empty body and a member
 * given twice in one object. jf_json_parse_object () wants an object at the root. */
gboolean    jf_json_prescan            (const char  *data,
                                        gsize        len,
                                        guint        max_depth,
                                        GError     **error);
JsonNode   *jf_json_parse              (const char  *data,
                                        gsize        len,
                                        GError     **error);
JsonObject *jf_json_parse_object       (const char  *data,
                                        gsize        len,
                                        GError     **error);

typedef enum
{
  JF_JSON_OPTIONAL    = 0,
  JF_JSON_REQUIRED    = 1 << 0,
  /* Strings: no control characters at all (names, titles). Without it, text may hold
   * line breaks and tabs, and no other control character. */
  JF_JSON_SINGLE_LINE = 1 << 1,
  /* Strings: a member that is there must not be blank, even when optional — a name that a
   * PATCH may leave out but not empty. */
  JF_JSON_NOT_BLANK   = 1 << 2,
} JfJsonFlags;

/* Paths of fields: jf_json_path ("parties[1]", "name") is "parties[1].name",
 * jf_json_path (NULL, "name") is "name", jf_json_path_index ("parties", 1) "parties[1]". */
char       *jf_json_path               (const char  *prefix,
                                        const char  *member);
char       *jf_json_path_index         (const char  *prefix,
                                        guint        index);

/* Readers of the member @member of @object, whose own path is @path (NULL at the root).
 * They fail with JF_ERROR_INVALID and the member's path as the field. An absent member,
 * or one that is null, is refused with "is required" when @flags has JF_JSON_REQUIRED;
 * otherwise the reader returns TRUE and leaves *out_value as it was. */
gboolean    jf_json_has_member         (JsonObject  *object,
                                        const char  *member);
gboolean    jf_json_check_members      (JsonObject          *object,
                                        const char          *path,
                                        const char * const  *allowed,
                                        GError             **error);

/* Text: valid UTF-8, control characters refused (see JF_JSON_SINGLE_LINE), normalised to
 * NFC and trimmed of Unicode white space, then @min_chars..@max_chars characters long.
 * Empty after trimming is "absent" for an optional member and refused for a required one
 * or with JF_JSON_NOT_BLANK.
 * *out_value is newly allocated. */
gboolean    jf_json_read_string        (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        guint         min_chars,
                                        guint         max_chars,
                                        char        **out_value,
                                        GError      **error);
/* A JSON integer token (not 12.0, "12" or true) within [@min, @max]. */
gboolean    jf_json_read_int           (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        gint64        min,
                                        gint64        max,
                                        gint64       *out_value,
                                        GError      **error);
/* Any JSON number within [@min, @max]. */
gboolean    jf_json_read_double        (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        double        min,
                                        double        max,
                                        double       *out_value,
                                        GError      **error);
/* true or false, not 0 or 1. */
gboolean    jf_json_read_boolean       (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        gboolean     *out_value,
                                        GError      **error);
/* One of the NULL-terminated @allowed spellings; *out_value is its index, which is the
 * enum value when @allowed lists a vocabulary in enum order. The error lists them. */
gboolean    jf_json_read_enum          (JsonObject          *object,
                                        const char          *path,
                                        const char          *member,
                                        JfJsonFlags          flags,
                                        const char * const  *allowed,
                                        guint               *out_value,
                                        GError             **error);
/* RFC 3339 with a zone, "2026-02-13T09:30:00+08:00" or "...Z"; *out_value is owned. */
gboolean    jf_json_read_datetime      (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        GDateTime   **out_value,
                                        GError      **error);
/* "YYYY-MM-DD", a real calendar day. */
gboolean    jf_json_read_date          (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        GDate        *out_value,
                                        GError      **error);
/* Containers: *out_object and *out_array are borrowed from @object. */
gboolean    jf_json_read_object        (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        JsonObject  **out_object,
                                        GError      **error);
gboolean    jf_json_read_array         (JsonObject   *object,
                                        const char   *path,
                                        const char   *member,
                                        JfJsonFlags   flags,
                                        guint         min_items,
                                        guint         max_items,
                                        JsonArray   **out_array,
                                        GError      **error);
/* Elements of an array whose path is @path: errors name "@path[@index]". */
gboolean    jf_json_array_get_object   (JsonArray    *array,
                                        const char   *path,
                                        guint         index,
                                        JsonObject  **out_object,
                                        GError      **error);
gboolean    jf_json_array_get_string   (JsonArray    *array,
                                        const char   *path,
                                        guint         index,
                                        JfJsonFlags   flags,
                                        guint         min_chars,
                                        guint         max_chars,
                                        char        **out_value,
                                        GError      **error);

/* Writing: compact JSON; times in China Standard Time, "2026-02-13T09:30:00+08:00", to
 * the second; dates "2026-02-13". */
char       *jf_json_to_string          (JsonNode    *node,
                                        gsize       *out_len);
char       *jf_json_datetime_to_string (GDateTime   *datetime);
char       *jf_json_date_to_string     (const GDate *date);

G_END_DECLS
