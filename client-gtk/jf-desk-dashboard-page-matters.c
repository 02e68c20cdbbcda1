/* jf-desk-dashboard-page-matters.c: the matters behind a figure
 *
 * A JfDeskMatterQueue whose pages come from the figure's path (GET /v1/stats/matters, or
 * the queue's own GET /v1/matters for a unit's open matters), shown a row a matter as the
 * repeat-dispute panel shows them (JfDeskMatterRow), a page at a time as the view nears
 * its end. Enter (or a double click) on a matter opens it here (JfDeskMatterPage), and
 * Escape goes back to its row; Escape or "Back" on the list returns to the element that
 * opened it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-dashboard-page-private.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-row.h"

/* Load the next page when less than this many screens are left below. */
#define LOAD_AHEAD_SCREENS 1.5

static void
update_count (JfDeskDashboardPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matters));
  gboolean loading = jf_desk_matter_queue_is_loading (self->matters);
  const char *error = jf_desk_matter_queue_get_error (self->matters);
  g_autofree char *text = NULL;

  gtk_spinner_set_spinning (self->matters_spinner, loading);
  if (error != NULL)
    text = g_strdup (error);
  else if (jf_desk_matter_queue_has_more (self->matters))
    /* TRANSLATORS: the matters listed so far, with more to come as the list scrolls. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matter so far; more as you scroll",
                                         "%u matters so far; more as you scroll", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matter", "%u matters", n), n);
  gtk_label_set_text (self->matters_count, text);
  gtk_widget_set_visible (GTK_WIDGET (self->matters_empty), n == 0 && !loading);
  gtk_label_set_text (self->matters_empty, error != NULL ? error : _("No matters behind it."));
}

static gboolean
scroll_check_cb (gpointer data)
{
  JfDeskDashboardPage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->matters_scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                page;

  self->scroll_check_id = 0;
  /* Near the end, or the rows loaded do not even fill the view. */
  if (page > 0 && left < page * LOAD_AHEAD_SCREENS)
    jf_desk_matter_queue_load_more (self->matters);
  return G_SOURCE_REMOVE;
}

static void
check_near_end (JfDeskDashboardPage *self)
{
  if (self->scroll_check_id == 0)
    self->scroll_check_id = g_idle_add (scroll_check_cb, self);
}

static void
items_changed_cb (JfDeskDashboardPage *self,
                  guint                position,
                  guint                removed,
                  guint                added)
{
  /* The first page in: the keyboard goes to its first matter. */
  if (position == 0 && added > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matters") == 0 &&
      !gtk_widget_has_focus (GTK_WIDGET (self->overdue_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->matters_view));
  update_count (self);
  check_near_end (self);
}

static void
activate_cb (GtkListView         *view,
             guint                position,
             JfDeskDashboardPage *self)
{
  g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->matters),
                                                                  position);

  if (summary == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, "matter");
  jf_desk_matter_page_load (self->matter_page, jf_desk_matter_summary_get_id (summary));
}

/* The matter's page went back (Escape): to its row in the list. */
static void
matter_back_cb (JfDeskDashboardPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "matters");
  gtk_widget_grab_focus (GTK_WIDGET (self->matters_view));
}

/* The matter as read by its page: its row shows it. When it moved on since the list was
 * read (a move made on it here), the figures are read again when the list is left. */
static void
matter_changed_cb (JfDeskDashboardPage *self,
                   JsonObject          *matter)
{
  gint64 id = jf_desk_json_int (matter, "id", 0);
  GListModel *model = G_LIST_MODEL (self->matters);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (model, i);

      if (jf_desk_matter_summary_get_id (summary) == id &&
          jf_desk_matter_summary_get_version (summary) != jf_desk_json_int (matter, "version", 0))
        self->figures_stale = TRUE;
    }
  jf_desk_matter_queue_matter_changed (self->matters, matter);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, jf_desk_matter_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  jf_desk_matter_row_set_summary (JF_DESK_MATTER_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  jf_desk_matter_row_set_summary (JF_DESK_MATTER_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
overdue_toggled_cb (JfDeskDashboardPage *self)
{
  gboolean overdue = gtk_toggle_button_get_active (self->overdue_button);

  if (self->matters_alt_path == NULL)
    return;
  gtk_label_set_text (self->matters_title, overdue ? self->matters_alt_title
                                                   : self->matters_title_text);
  jf_desk_matter_queue_set_source (self->matters, overdue ? self->matters_alt_path
                                                          : self->matters_path);
}

void
jf_desk_dashboard_matters_init (JfDeskDashboardPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->matters = jf_desk_matter_queue_new (self->client);
  self->matters_selection = gtk_single_selection_new (
    G_LIST_MODEL (g_object_ref (self->matters)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->matters_view, factory);
  gtk_list_view_set_model (self->matters_view, GTK_SELECTION_MODEL (self->matters_selection));
  g_signal_connect_object (self->matters_view, "activate", G_CALLBACK (activate_cb), self, 0);
  g_signal_connect_object (self->matters, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matters, "notify::loading", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matters, "notify::error", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->matters_scroller),
                           "value-changed", G_CALLBACK (check_near_end), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->matters_scroller),
                           "changed", G_CALLBACK (check_near_end), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overdue_button, "toggled", G_CALLBACK (overdue_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  jf_desk_matter_page_set_client (self->matter_page, self->client);
  g_signal_connect_object (self->matter_page, "back", G_CALLBACK (matter_back_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matter_page, "changed", G_CALLBACK (matter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
jf_desk_dashboard_matters_dispose (JfDeskDashboardPage *self)
{
  g_clear_handle_id (&self->scroll_check_id, g_source_remove);
  if (self->matters_view != NULL)
    gtk_list_view_set_model (self->matters_view, NULL);
  g_clear_object (&self->matters_selection);
  g_clear_object (&self->matters);
  g_clear_weak_pointer (&self->opener);
  g_clear_pointer (&self->matters_path, g_free);
  g_clear_pointer (&self->matters_alt_path, g_free);
  g_clear_pointer (&self->matters_title_text, g_free);
  g_clear_pointer (&self->matters_alt_title, g_free);
}

void
jf_desk_dashboard_matters_open (JfDeskDashboardPage *self,
                                const char          *title,
                                const char          *path,
                                const char          *alt_title,
                                const char          *alt_path,
                                gboolean             now,
                                GtkWidget           *opener)
{
  g_autofree char *view = self->report != NULL
                          ? jf_desk_stats_report_describe (self->report) : NULL;

  g_return_if_fail (path != NULL);

  g_free (self->matters_path);
  self->matters_path = g_strdup (path);
  g_free (self->matters_alt_path);
  self->matters_alt_path = g_strdup (alt_path);
  g_free (self->matters_title_text);
  self->matters_title_text = g_strdup (title);
  g_free (self->matters_alt_title);
  self->matters_alt_title = g_strdup (alt_title);
  g_set_weak_pointer (&self->opener, opener);

  gtk_label_set_text (self->matters_title, title != NULL ? title : "");
  /* A unit's cell (and the open and overdue cards) count now, not over the days chosen. */
  gtk_label_set_text (self->matters_subtitle,
                      now ? _("Open now, whatever the days chosen") : view != NULL ? view : "");
  g_signal_handlers_block_by_func (self->overdue_button, overdue_toggled_cb, self);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  g_signal_handlers_unblock_by_func (self->overdue_button, overdue_toggled_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_button), alt_path != NULL);

  jf_desk_matter_queue_set_source (self->matters, path);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.back", TRUE);
  gtk_stack_set_visible_child_name (self->stack, "matters");
  gtk_widget_grab_focus (GTK_WIDGET (self->matters_view));
  update_count (self);
}

void
jf_desk_dashboard_matters_close (JfDeskDashboardPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.back", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "overview");
  if (self->figures_stale)
    {
      self->figures_stale = FALSE;
      jf_desk_dashboard_page_load (self);
    }
  if (self->opener != NULL && gtk_widget_get_mapped (self->opener))
    gtk_widget_grab_focus (self->opener);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->scope_dropdown));
}

/* --- for the tests ------------------------------------------------------------------------- */

GListModel *
jf_desk_dashboard_page_get_matters (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return G_LIST_MODEL (self->matters);
}

const char *
jf_desk_dashboard_page_get_matters_title (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return gtk_label_get_text (self->matters_title);
}

gboolean
jf_desk_dashboard_page_matters_loading (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), FALSE);
  return jf_desk_matter_queue_is_loading (self->matters);
}

JfDeskMatterPage *
jf_desk_dashboard_page_get_matter_page (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return self->matter_page;
}
