/* jf-desk-whistle-target.h: one department's part in a whistle (吹哨), as the inbox lists it
 *
 * GET /v1/inbox items and the answers of the check-in, feedback and extension steps have
 * this shape. An item is updated in place when a step answers or the inbox is read again,
 * so that rows showing it and the selection stay; ::notify::revision says it changed.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_TARGET_PENDING,      /* waiting for the department to check in */
  JF_DESK_TARGET_CHECKED_IN,
  JF_DESK_TARGET_FED_BACK,
  JF_DESK_TARGET_VERIFIED,
  JF_DESK_TARGET_CANCELLED,    /* the whistle was recalled */
} JfDeskTargetStatus;

#define JF_DESK_TYPE_WHISTLE_TARGET (jf_desk_whistle_target_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskWhistleTarget, jf_desk_whistle_target, JF_DESK, WHISTLE_TARGET,
                      GObject)

/* NULL unless @object has an id, a status and a matter. */
JfDeskWhistleTarget *jf_desk_whistle_target_new_from_json (JsonObject          *object);
/* Takes what @object says (the same target, read again); FALSE if it is another one or
 * not a target at all. Emits notify::revision when anything changed. */
gboolean     jf_desk_whistle_target_update       (JfDeskWhistleTarget *self,
                                                  JsonObject          *object);
/* Bumped by every change. */
guint        jf_desk_whistle_target_get_revision (JfDeskWhistleTarget *self);

gint64       jf_desk_whistle_target_get_id       (JfDeskWhistleTarget *self);
JfDeskTargetStatus jf_desk_whistle_target_get_status (JfDeskWhistleTarget *self);
/* "待报到", "已报到", ... */
const char  *jf_desk_whistle_target_get_status_label (JfDeskWhistleTarget *self);
/* The API's spelling ("checked_in"), for style classes. */
const char  *jf_desk_whistle_target_get_status_name  (JfDeskWhistleTarget *self);
gboolean     jf_desk_whistle_target_is_lead      (JfDeskWhistleTarget *self);
gboolean     jf_desk_whistle_target_is_urgent    (JfDeskWhistleTarget *self);
/* What is asked of this department, and of all the departments. */
const char  *jf_desk_whistle_target_get_ask      (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_request  (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_department_name (JfDeskWhistleTarget *self);

/* The deadline the department works to now: the check-in's while pending, the action's
 * once checked in; NULL when nothing is owed any more (fed back, verified, cancelled).
 * *out_is_checkin says which. */
GDateTime   *jf_desk_whistle_target_get_current_due (JfDeskWhistleTarget *self,
                                                     gboolean            *out_is_checkin);
GDateTime   *jf_desk_whistle_target_get_checkin_due (JfDeskWhistleTarget *self);
GDateTime   *jf_desk_whistle_target_get_action_due  (JfDeskWhistleTarget *self);
/* The scheduler (or a late step) flagged the deadline as missed. */
gboolean     jf_desk_whistle_target_get_checkin_overdue (JfDeskWhistleTarget *self);
gboolean     jf_desk_whistle_target_get_action_overdue  (JfDeskWhistleTarget *self);

gboolean     jf_desk_whistle_target_can_check_in  (JfDeskWhistleTarget *self);
gboolean     jf_desk_whistle_target_can_feed_back (JfDeskWhistleTarget *self);
/* Once per target, before feedback. */
gboolean     jf_desk_whistle_target_can_extend    (JfDeskWhistleTarget *self);
gboolean     jf_desk_whistle_target_has_extension (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_extension_reason  (JfDeskWhistleTarget *self);
gint64       jf_desk_whistle_target_get_extension_minutes (JfDeskWhistleTarget *self);

/* When and by whom (NULL when not yet). */
GDateTime   *jf_desk_whistle_target_get_checked_in_at   (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_checked_in_by   (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_feedback_text   (JfDeskWhistleTarget *self);
GDateTime   *jf_desk_whistle_target_get_feedback_at     (JfDeskWhistleTarget *self);
guint        jf_desk_whistle_target_get_feedback_n_attachments (JfDeskWhistleTarget *self);
/* How often the whistle-blower sent the feedback back, and why the last time. */
guint        jf_desk_whistle_target_get_sent_back_count (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_sent_back_note  (JfDeskWhistleTarget *self);
/* 1–5 once verified, else 0. */
guint        jf_desk_whistle_target_get_rating          (JfDeskWhistleTarget *self);

gint64       jf_desk_whistle_target_get_matter_id     (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_matter_number (JfDeskWhistleTarget *self);
const char  *jf_desk_whistle_target_get_matter_title  (JfDeskWhistleTarget *self);
/* The centre that blew the whistle, and when. */
const char  *jf_desk_whistle_target_get_whistle_org   (JfDeskWhistleTarget *self);
GDateTime   *jf_desk_whistle_target_get_whistled_at   (JfDeskWhistleTarget *self);

/* "还剩 23 分钟" / "已超期 5 分钟" from @now to @due, to the second in the last ten minutes,
 * and in *out_class the style class for it: deadline-ok, deadline-warn (under an hour
 * left) or deadline-overdue. */
char        *jf_desk_whistle_target_describe_due (GDateTime   *due,
                                                  GDateTime   *now,
                                                  const char **out_class);

G_END_DECLS
