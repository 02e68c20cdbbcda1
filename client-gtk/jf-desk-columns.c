/* jf-desk-columns.c: text columns */
#include "config.h"

#include "jf-desk-columns.h"

typedef struct
{
  JfDeskCellText   text;
  JfDeskCellStyle  style;
  JfDeskCellFlags  flags;
} Column;

#define STYLE_KEY "jf-desk-cell-style"

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          Column                   *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column->flags & JF_DESK_CELL_WRAP)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->flags & JF_DESK_CELL_PILL)
    {
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "status-pill");
    }
  if (column->flags & JF_DESK_CELL_MONOSPACE)
    gtk_widget_add_css_class (label, "monospace");
  if (column->flags & JF_DESK_CELL_DIM)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         Column                   *column)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = column->text (item);
  const char *previous = g_object_get_data (G_OBJECT (label), STYLE_KEY);
  const char *style = column->style != NULL ? column->style (item) : NULL;

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, !(column->flags & JF_DESK_CELL_PILL) ||
                          (text != NULL && *text != '\0'));
  if (previous != NULL)
    gtk_widget_remove_css_class (label, previous);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  g_object_set_data (G_OBJECT (label), STYLE_KEY, (gpointer) style);
}

GtkColumnViewColumn *
jf_desk_text_column_new (const char      *title,
                         JfDeskCellText   text,
                         JfDeskCellStyle  style,
                         JfDeskCellFlags  flags,
                         int              fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  Column *column = g_new0 (Column, 1);

  g_return_val_if_fail (text != NULL, NULL);

  column->text = text;
  column->style = style;
  column->flags = flags;
  g_object_set_data_full (G_OBJECT (factory), "jf-desk-column", column, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), column);
  view_column = gtk_column_view_column_new (title, factory);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

gboolean
jf_desk_list_store_changed (GListStore *store,
                            gpointer    item)
{
  guint position;

  g_return_val_if_fail (G_IS_LIST_STORE (store), FALSE);

  if (!g_list_store_find (store, item, &position))
    return FALSE;
  /* The same object out and in: a selection on it stays. */
  g_list_store_splice (store, position, 1, &item, 1);
  return TRUE;
}

char *
jf_desk_column_view_get_text (GtkColumnView *view,
                              guint          column,
                              guint          position)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (columns, column);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GObject) item = model != NULL ? g_list_model_get_item (model, position) : NULL;
  GtkListItemFactory *factory;
  Column *data;

  if (view_column == NULL || item == NULL)
    return NULL;
  factory = gtk_column_view_column_get_factory (view_column);
  data = g_object_get_data (G_OBJECT (factory), "jf-desk-column");
  /* What the column's cells show for this item. */
  return data != NULL ? data->text (item) : NULL;
}

void
jf_desk_column_view_scroll_to (GtkColumnView *view,
                               guint          position)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* The rows are a GtkListView inside the column view; its list.scroll-to-item action
   * does what gtk_column_view_scroll_to () does from GTK 4.12 on. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}
