/* jf-desk-outbox-item.h: one intake waiting in the outbox, and its file
 *
 * The file, <outbox>/<idempotency-key>.json, is the item: an intake is in the outbox
 * exactly as long as its file exists. It holds the request body, the Idempotency-Key it
 * was first sent with, who registered it on which server and when, and the last error the
 * server gave for it:
 *   {"version": 1, "key", "saved_at", "username", "server", "title", "body": {...},
 *    "last_error": {"code", "message", "field", "status"}?}
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_OUTBOX_ITEM_WAITING,   /* to be sent at the next chance */
  JF_DESK_OUTBOX_ITEM_SENDING,
  JF_DESK_OUTBOX_ITEM_REFUSED,   /* the server refused its data: the clerk must fix it */
  JF_DESK_OUTBOX_ITEM_EDITING,   /* opened back into the form */
} JfDeskOutboxItemState;

GType jf_desk_outbox_item_state_get_type (void) G_GNUC_CONST;
#define JF_DESK_TYPE_OUTBOX_ITEM_STATE (jf_desk_outbox_item_state_get_type ())

#define JF_DESK_TYPE_OUTBOX_ITEM (jf_desk_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOutboxItem, jf_desk_outbox_item, JF_DESK, OUTBOX_ITEM, GObject)

JfDeskOutboxItem      *jf_desk_outbox_item_new            (const char        *key,
                                                           JsonNode          *body,
                                                           const char        *username,
                                                           const char        *server,
                                                           GDateTime         *saved_at);
/* NULL (and JF_ERROR_MALFORMED) for anything but an outbox file's contents. */
JfDeskOutboxItem      *jf_desk_outbox_item_new_from_data  (const char        *data,
                                                           gsize              len,
                                                           GError           **error);
/* The file's contents. */
char                  *jf_desk_outbox_item_to_data        (JfDeskOutboxItem  *self,
                                                           gsize             *out_len);

const char            *jf_desk_outbox_item_get_key        (JfDeskOutboxItem  *self);
JsonNode              *jf_desk_outbox_item_get_body       (JfDeskOutboxItem  *self);
const char            *jf_desk_outbox_item_get_title      (JfDeskOutboxItem  *self);
const char            *jf_desk_outbox_item_get_username   (JfDeskOutboxItem  *self);
const char            *jf_desk_outbox_item_get_server     (JfDeskOutboxItem  *self);
GDateTime             *jf_desk_outbox_item_get_saved_at   (JfDeskOutboxItem  *self);
JfDeskOutboxItemState  jf_desk_outbox_item_get_state      (JfDeskOutboxItem  *self);
void                   jf_desk_outbox_item_set_state      (JfDeskOutboxItem  *self,
                                                           JfDeskOutboxItemState state);
/* The server's last refusal, as a JfError (field and message), or NULL. */
const GError          *jf_desk_outbox_item_get_error      (JfDeskOutboxItem  *self);
void                   jf_desk_outbox_item_set_error      (JfDeskOutboxItem  *self,
                                                           const GError      *error);

G_END_DECLS
