/* jf-desk-inbox-page-cells.c: the inbox's columns, and the countdowns the clock moves */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-calendar.h"
#include "jf-desk-inbox-page-private.h"

/* --- cells --------------------------------------------------------------------------------- */

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *style)
{
  static const char * const styles[] = { "error", "warning", "accent", "success", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), styles[i]);
  gtk_label_set_text (label, text);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

static const char *
status_style (JfDeskWhistleTarget *target)
{
  switch (jf_desk_whistle_target_get_status (target))
    {
    case JF_DESK_TARGET_PENDING:
      return "warning";
    case JF_DESK_TARGET_CHECKED_IN:
      return jf_desk_whistle_target_get_sent_back_count (target) > 0 ? "error" : "accent";
    case JF_DESK_TARGET_FED_BACK:
    case JF_DESK_TARGET_VERIFIED:
      return "success";
    case JF_DESK_TARGET_CANCELLED:
    default:
      return "dim-label";
    }
}

static void
update_due_cell (GtkWidget           *cell,
                 JfDeskWhistleTarget *target,
                 GDateTime           *now)
{
  static const char * const classes[] = { "deadline-ok", "deadline-warn", "deadline-overdue" };
  GtkLabel *caption = GTK_LABEL (gtk_widget_get_first_child (cell));
  GtkLabel *countdown = GTK_LABEL (gtk_widget_get_last_child (cell));
  gboolean checkin = FALSE;
  GDateTime *due = jf_desk_whistle_target_get_current_due (target, &checkin);
  g_autofree char *text = NULL;
  const char *css = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (countdown), classes[i]);
  if (due == NULL)
    {
      gtk_label_set_text (caption, "");
      gtk_widget_set_visible (GTK_WIDGET (caption), FALSE);
      gtk_label_set_text (countdown, "—");
      return;
    }
  text = jf_desk_whistle_target_describe_due (due, now, &css);
  gtk_widget_set_visible (GTK_WIDGET (caption), TRUE);
  gtk_label_set_text (caption, checkin ? _("to check in") : _("to act and feed back"));
  gtk_label_set_text (countdown, text);
  gtk_widget_add_css_class (GTK_WIDGET (countdown), css);
}

static void
update_cell (GtkWidget           *cell,
             Column               column,
             JfDeskWhistleTarget *target,
             GDateTime           *now)
{
  switch (column)
    {
    case COLUMN_MATTER:
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (cell)),
                          jf_desk_whistle_target_get_matter_number (target));
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (cell)),
                          jf_desk_whistle_target_get_matter_title (target));
      break;
    case COLUMN_FROM:
      {
        GDateTime *at = jf_desk_whistle_target_get_whistled_at (target);
        g_autoptr(GDateTime) local = at != NULL
          ? g_date_time_to_timezone (at, jf_calendar_time_zone ()) : NULL;
        /* TRANSLATORS: a date and time in a list, without the year, as
         * g_date_time_format () reads it. */
        g_autofree char *when = local != NULL ? g_date_time_format (local, _("%-d %b, %H:%M"))
                                : NULL;

        gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (cell)),
                            jf_desk_whistle_target_get_whistle_org (target));
        gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (cell)),
                            when != NULL ? when : "");
      }
      break;
    case COLUMN_URGENCY:
      set_pill (GTK_LABEL (cell), jf_desk_whistle_target_is_urgent (target)
                ? _("Urgent") : _("Normal"),
                jf_desk_whistle_target_is_urgent (target) ? "error" : NULL);
      break;
    case COLUMN_ROLE:
      set_pill (GTK_LABEL (cell), jf_desk_whistle_target_is_lead (target)
                ? _("Lead") : _("Assist"),
                jf_desk_whistle_target_is_lead (target) ? "accent" : NULL);
      break;
    case COLUMN_STATUS:
      set_pill (GTK_LABEL (cell), jf_desk_whistle_target_get_status_label (target),
                status_style (target));
      break;
    case COLUMN_DUE:
      update_due_cell (cell, target, now);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
cell_label (const char *style,
            gboolean    ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
two_lines (GtkWidget *first,
           GtkWidget *second)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  return box;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  data)
{
  Column column = GPOINTER_TO_UINT (data);
  GtkWidget *cell;

  switch (column)
    {
    case COLUMN_MATTER:
      {
        GtkWidget *number = cell_label ("matter-number", TRUE);

        gtk_widget_add_css_class (number, "caption");
        cell = two_lines (number, cell_label (NULL, TRUE));
      }
      break;
    case COLUMN_FROM:
      {
        GtkWidget *when = cell_label ("dim-label", TRUE);

        gtk_widget_add_css_class (when, "caption");
        cell = two_lines (cell_label (NULL, TRUE), when);
      }
      break;
    case COLUMN_DUE:
      {
        GtkWidget *caption = cell_label ("dim-label", TRUE);

        gtk_widget_add_css_class (caption, "caption");
        cell = two_lines (caption, cell_label (NULL, TRUE));
      }
      break;
    case COLUMN_URGENCY:
    case COLUMN_ROLE:
    case COLUMN_STATUS:
      cell = gtk_label_new (NULL);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (cell, "status-pill");
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_margin_top (cell, 6);
  gtk_widget_set_margin_bottom (cell, 6);
  g_object_set_data (G_OBJECT (cell), "jf-column", GUINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              JfDeskInboxPage          *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  JfDeskWhistleTarget *target = gtk_list_item_get_item (list_item);
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "jf-column"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_object_set_data_full (G_OBJECT (cell), "jf-target", g_object_ref (target), g_object_unref);
  g_hash_table_add (self->cells, cell);
  update_cell (cell, column, target, now);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                JfDeskInboxPage          *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (self->cells != NULL)
    g_hash_table_remove (self->cells, cell);
  g_object_set_data (G_OBJECT (cell), "jf-target", NULL);
}

/* The cells on screen that show @target (all of them when NULL) are drawn again. */
void
jf_desk_inbox_page_refresh_cells (JfDeskInboxPage     *self,
               JfDeskWhistleTarget *target)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      JfDeskWhistleTarget *shown = g_object_get_data (cell, "jf-target");

      if (shown != NULL && (target == NULL || shown == target))
        update_cell (cell, GPOINTER_TO_UINT (g_object_get_data (cell, "jf-column")), shown, now);
    }
}

static void
add_column (JfDeskInboxPage *self,
            Column           column,
            const char      *title,
            int              fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  else
    gtk_column_view_column_set_expand (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
}

void
jf_desk_inbox_page_add_columns (JfDeskInboxPage *self)
{
  add_column (self, COLUMN_MATTER, _("Matter"), 0);
  add_column (self, COLUMN_FROM, _("Whistled by"), 130);
  add_column (self, COLUMN_URGENCY, _("Urgency"), 72);
  add_column (self, COLUMN_ROLE, _("Part"), 64);
  add_column (self, COLUMN_STATUS, _("Status"), 86);
  add_column (self, COLUMN_DUE, _("Time left"), 136);
}

void
jf_desk_inbox_page_tick_cells (JfDeskInboxPage *self,
                               GDateTime       *now)
{
  GHashTableIter iter;
  gpointer cell;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      JfDeskWhistleTarget *target = g_object_get_data (cell, "jf-target");

      if (target != NULL &&
          GPOINTER_TO_UINT (g_object_get_data (cell, "jf-column")) == COLUMN_DUE)
        update_due_cell (cell, target, now);
    }
}
