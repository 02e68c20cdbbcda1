/* jf-desk-record.h: a row of reference data as jiefend gives it (a department, a category,
 * a deadline rule, a day of the holiday calendar)
 *
 * The administrator's tables show these as they come, column by column, so one type that
 * keeps the JSON object serves them all; jf_desk_record_set_object () takes a newer
 * version of the same row (an edit's answer, a 409's "current").
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_RECORD (jf_desk_record_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskRecord, jf_desk_record, JF_DESK, RECORD, GObject)

JfDeskRecord *jf_desk_record_new        (JsonObject   *object);
JsonObject   *jf_desk_record_get_object (JfDeskRecord *self);
void          jf_desk_record_set_object (JfDeskRecord *self,
                                         JsonObject   *object);
/* NULL, 0 or FALSE when the member is missing or of another type. */
const char   *jf_desk_record_get_string (JfDeskRecord *self,
                                         const char   *member);
gint64        jf_desk_record_get_int    (JfDeskRecord *self,
                                         const char   *member);
gboolean      jf_desk_record_get_bool   (JfDeskRecord *self,
                                         const char   *member);

/* The records of a JSON array of objects (or of @root's "items"). */
GPtrArray    *jf_desk_records_from_json (JsonNode     *root);

G_END_DECLS
