/* jf-desk-matter-row.h: a matter in a list (the repeat disputes now, the queue later) */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-matter-summary.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_MATTER_ROW (jf_desk_matter_row_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterRow, jf_desk_matter_row, JF_DESK, MATTER_ROW, GtkWidget)

GtkWidget *jf_desk_matter_row_new         (void);
/* NULL empties the row (a list item being recycled). */
void       jf_desk_matter_row_set_summary (JfDeskMatterRow     *self,
                                           JfDeskMatterSummary *summary);

G_END_DECLS
