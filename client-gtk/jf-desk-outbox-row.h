/* jf-desk-outbox-row.h: an intake waiting in the outbox, in the outbox's list */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-outbox-item.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_OUTBOX_ROW (jf_desk_outbox_row_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOutboxRow, jf_desk_outbox_row, JF_DESK, OUTBOX_ROW, GtkWidget)

GtkWidget        *jf_desk_outbox_row_new      (void);
/* NULL empties the row. */
void              jf_desk_outbox_row_set_item (JfDeskOutboxRow  *self,
                                               JfDeskOutboxItem *item);
JfDeskOutboxItem *jf_desk_outbox_row_get_item (JfDeskOutboxRow  *self);

G_END_DECLS
