/* jf-desk-attachment.h: a file attached to a matter (GET /v1/matters/{id}/attachments) */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_ATTACHMENT (jf_desk_attachment_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAttachment, jf_desk_attachment, JF_DESK, ATTACHMENT, GObject)

/* NULL unless @object has an id and a file name. */
JfDeskAttachment *jf_desk_attachment_new_from_json  (JsonObject       *object);
gint64            jf_desk_attachment_get_id         (JfDeskAttachment *self);
const char       *jf_desk_attachment_get_filename   (JfDeskAttachment *self);
const char       *jf_desk_attachment_get_media_type (JfDeskAttachment *self);
/* "1.2 MB · 王晓燕 · 2026年11月27日 09:30" (the "details" property). */
const char       *jf_desk_attachment_get_details    (JfDeskAttachment *self);

G_END_DECLS
