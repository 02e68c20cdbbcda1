/* jf-desk-columns.h: text columns for the administrator's tables
 *
 * A column shows what a function makes of the row's item; the rows of an item that
 * changed in place are drawn again by putting the same item back in its place
 * (jf_desk_list_store_changed), which keeps the selection on it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_CELL_PLAIN     = 0,
  JF_DESK_CELL_PILL      = 1 << 0,   /* a coloured pill, as statuses are shown */
  JF_DESK_CELL_MONOSPACE = 1 << 1,   /* codes, usernames */
  JF_DESK_CELL_DIM       = 1 << 2,
  JF_DESK_CELL_WRAP      = 1 << 3,   /* long text wraps instead of being cut */
} JfDeskCellFlags;

/* The text of a cell, newly allocated (NULL for none). */
typedef char       *(*JfDeskCellText)  (gpointer item);
/* A style class for a cell ("error", "success"), or NULL. */
typedef const char *(*JfDeskCellStyle) (gpointer item);

/* @fixed_width 0 makes the column take the room left. */
GtkColumnViewColumn *jf_desk_text_column_new    (const char      *title,
                                                 JfDeskCellText   text,
                                                 JfDeskCellStyle  style,
                                                 JfDeskCellFlags  flags,
                                                 int              fixed_width);
/* Every row showing @item is drawn again; FALSE if @store does not hold it. */
gboolean             jf_desk_list_store_changed (GListStore      *store,
                                                 gpointer         item);
/* Scrolls @view to the row at @position (GTK 4.8 has no gtk_column_view_scroll_to ()). */
void                 jf_desk_column_view_scroll_to (GtkColumnView *view,
                                                    guint          position);
/* The text the column shows for the row at @position (for tests), or NULL. */
char                *jf_desk_column_view_get_text (GtkColumnView *view,
                                                   guint          column,
                                                   guint          position);

G_END_DECLS
