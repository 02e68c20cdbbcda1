/* jf-desk-reception-page.h: the reception window's workspace (受理登记)
 *
 * Sends the form's intake (POST /v1/matters with its Idempotency-Key) and shows the
 * receipt; when jiefend cannot be reached the intake goes to the outbox instead, and the
 * form is free for the next person in the queue. Beside the form, the earlier matters of
 * the same people or place (JfDeskRepeatPanel); one opens in a window of its own, so that
 * the form is left as it is. Commands: reception.submit (Ctrl+Enter), reception.new
 * (Ctrl+N, asking first when something was typed), reception.add-party (Ctrl+Shift+P),
 * reception.earlier-matters (F6: to the earlier matters and back; Escape there comes
 * back too).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-intake-form.h"
#include "jf-desk-outbox.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_RECEPTION_PAGE (jf_desk_reception_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskReceptionPage, jf_desk_reception_page, JF_DESK, RECEPTION_PAGE,
                      GtkWidget)

GtkWidget        *jf_desk_reception_page_new          (JfDeskClient        *client,
                                                       JfDeskOutbox        *outbox);
JfDeskIntakeForm *jf_desk_reception_page_get_form     (JfDeskReceptionPage *self);
GtkWidget        *jf_desk_reception_page_get_repeat_panel (JfDeskReceptionPage *self);
/* Anything typed that has not been registered or saved to the outbox. */
gboolean          jf_desk_reception_page_has_unsaved_input (JfDeskReceptionPage *self);
/* Opens an intake of the outbox in the form (asking first if the form has input). */
void              jf_desk_reception_page_open_outbox_item  (JfDeskReceptionPage *self,
                                                            JfDeskOutboxItem    *item);
/* The receipt dialog of the last registration while it is open, or NULL. */
GtkWindow        *jf_desk_reception_page_get_receipt_dialog (JfDeskReceptionPage *self);
/* The window of the earlier matter opened from the panel while it is open, or NULL. */
GtkWindow        *jf_desk_reception_page_get_matter_window (JfDeskReceptionPage *self);
/* Microseconds from the last submit to its receipt on screen (0 before the first). */
gint64            jf_desk_reception_page_get_last_round_trip (JfDeskReceptionPage *self);

G_END_DECLS
