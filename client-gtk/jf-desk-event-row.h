/* jf-desk-event-row.h: an event in the timeline: what, when, who and from where, detail */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-event.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_EVENT_ROW (jf_desk_event_row_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskEventRow, jf_desk_event_row, JF_DESK, EVENT_ROW, GtkWidget)

GtkWidget *jf_desk_event_row_new       (void);
/* NULL empties the row (a list item being recycled). */
void       jf_desk_event_row_set_event (JfDeskEventRow *self,
                                        JfDeskEvent    *event);

G_END_DECLS
