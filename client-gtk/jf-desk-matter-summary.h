/* jf-desk-matter-summary.h: a matter as the queue lists it (GET /v1/matters items) */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_MATTER_SUMMARY (jf_desk_matter_summary_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterSummary, jf_desk_matter_summary, JF_DESK, MATTER_SUMMARY,
                      GObject)

/* NULL unless @object has an id and a number. */
JfDeskMatterSummary *jf_desk_matter_summary_new_from_json (JsonObject          *object);

gint64       jf_desk_matter_summary_get_id         (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_number     (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_title      (JfDeskMatterSummary *self);
/* The API spelling ("registered"); see jf_status_label () for people. */
const char  *jf_desk_matter_summary_get_status     (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_parties    (JfDeskMatterSummary *self);
const char  *jf_desk_matter_summary_get_org_name   (JfDeskMatterSummary *self);
/* RFC 3339, or NULL. */
const char  *jf_desk_matter_summary_get_created_at (JfDeskMatterSummary *self);

G_END_DECLS
