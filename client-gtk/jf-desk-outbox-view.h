/* jf-desk-outbox-view.h: the list of intakes in the outbox, with their state */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-outbox.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_OUTBOX_VIEW (jf_desk_outbox_view_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOutboxView, jf_desk_outbox_view, JF_DESK, OUTBOX_VIEW, GtkWidget)

GtkWidget *jf_desk_outbox_view_new        (void);
void       jf_desk_outbox_view_set_outbox (JfDeskOutboxView *self,
                                           JfDeskOutbox     *outbox);

G_END_DECLS
