/* jf-desk-matter-summary.h: a matter as the queue lists it (GET /v1/matters items)
 *
 * Made from a queue item and brought up to date from a whole matter (GET /v1/matters/{id},
 * the "matter" of a move's answer): the queue changes its rows in place as the live stream
 * reports changes.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_MATTER_SUMMARY (jf_desk_matter_summary_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterSummary, jf_desk_matter_summary, JF_DESK, MATTER_SUMMARY,
                      GObject)

/* NULL unless @object has an id and a number. @object is a queue item or a whole matter. */
JfDeskMatterSummary *jf_desk_matter_summary_new_from_json (JsonObject          *object);
/* Takes what @object (a queue item or a whole matter of the same id) says; FALSE when
 * it is not about this matter. */
gboolean     jf_desk_matter_summary_update         (JfDeskMatterSummary *self,
                                                    JsonObject          *object);

gint64       jf_desk_matter_summary_get_id         (JfDeskMatterSummary *self);
gint64       jf_desk_matter_summary_get_version    (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_number     (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_title      (JfDeskMatterSummary *self);
/* The API spelling ("registered"); see jf_status_label () for people. */
const char  *jf_desk_matter_summary_get_status     (JfDeskMatterSummary *self);
/* "dispute"; NULL when unknown. */
const char  *jf_desk_matter_summary_get_kind       (JfDeskMatterSummary *self);
/* The category's slug ("neighbor"); NULL when unknown. */
const char  *jf_desk_matter_summary_get_category   (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_parties    (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_org_name   (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_org_code   (JfDeskMatterSummary *self);
/* The assignee's account id, 0 for none, and name. */
gint64       jf_desk_matter_summary_get_assignee_id (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_assignee_name (JfDeskMatterSummary *self);
/* RFC 3339, or NULL. */
const char  *jf_desk_matter_summary_get_created_at (JfDeskMatterSummary *self);
/* When the matter's running clock runs out, or NULL (no clock, or a final status). */
GDateTime   *jf_desk_matter_summary_get_deadline   (JfDeskMatterSummary *self);
gboolean     jf_desk_matter_summary_get_violence   (JfDeskMatterSummary *self);

G_END_DECLS
