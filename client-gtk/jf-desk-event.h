/* jf-desk-event.h: an event of a matter's timeline (GET /v1/matters/{id}/events), in words
 *
 * Who did what, when, from which centre: the kind in the UI's language ("启动调解", "向公安
 * 报警"), and what the event's data says (the note, the reason, the outcome, the
 * departments) as one line of detail.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_EVENT (jf_desk_event_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskEvent, jf_desk_event, JF_DESK, EVENT, GObject)

/* NULL unless @object has a kind and a time. */
JfDeskEvent *jf_desk_event_new_from_json (JsonObject  *object);

gint64       jf_desk_event_get_seq       (JfDeskEvent *self);
/* The API spelling ("move.accept"). */
const char  *jf_desk_event_get_kind      (JfDeskEvent *self);
GDateTime   *jf_desk_event_get_time      (JfDeskEvent *self);
/* What happened ("受理"). */
const char  *jf_desk_event_get_title     (JfDeskEvent *self);
/* Who, in what role, from where: "刘建国（调解员） · 调解员 · 向阳街道"; "系统" for the clocks. */
const char  *jf_desk_event_get_who       (JfDeskEvent *self);
/* The note, reason, outcome…; "" when there is nothing more to say. */
const char  *jf_desk_event_get_detail    (JfDeskEvent *self);
/* An event to notice: a police alert, a missed deadline, whole numbers seen. */
gboolean     jf_desk_event_is_alert      (JfDeskEvent *self);
const char  *jf_desk_event_get_icon_name (JfDeskEvent *self);

/* The words for a risk rule ("repeat_dispute"), or @rule itself when unknown. */
const char  *jf_desk_event_risk_label    (const char  *rule);
/* The words for an event kind, or NULL for a kind this client does not know. */
const char  *jf_desk_event_kind_label    (const char  *kind);

G_END_DECLS
