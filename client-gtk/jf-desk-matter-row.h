/* jf-desk-matter-row.h: a matter in a list (the earlier matters beside the intake form) */
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
/* A line under the parties (why an earlier matter was found); NULL hides it. Set it
 * before the summary, which reads it into the row's accessible label. */
void       jf_desk_matter_row_set_note    (JfDeskMatterRow     *self,
                                           const char          *note);

G_END_DECLS
