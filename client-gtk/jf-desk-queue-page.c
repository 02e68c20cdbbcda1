/* jf-desk-queue-page.c: the queue of matters: filters, paging, live changes, one matter */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "jf-enums.h"
#include "jf-error.h"
#include "jf-desk-application.h"
#include "jf-desk-category.h"
#include "jf-desk-json.h"
#include "jf-desk-queue-page-private.h"
#include "jf-desk-resources.h"
#include "jf-desk-stream.h"

/* How close to the end (in screens) the next page is asked for. */
#define LOAD_AHEAD_SCREENS 2.0

G_DEFINE_FINAL_TYPE (JfDeskQueuePage, jf_desk_queue_page, GTK_TYPE_WIDGET)

static void check_near_end (JfDeskQueuePage *self);
static void scrolled_cb (JfDeskQueuePage *self);

/* --- filters ------------------------------------------------------------------------------- */

static GtkStringList *
string_list (GPtrArray *labels)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, labels->pdata[i]);
  return list;
}

static const char *
dropdown_id (GtkDropDown *dropdown,
             GStrv        ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected >= g_strv_length (ids) || *ids[selected] == '\0')
    return NULL;
  return ids[selected];
}

static GStrv
ids_of (GtkWidget *dropdown)
{
  return g_object_get_data (G_OBJECT (dropdown), "jf-ids");
}

static void
set_dropdown (GtkDropDown *dropdown,
              GPtrArray   *ids,
              GPtrArray   *labels)
{
  g_autoptr(GtkStringList) list = string_list (labels);
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (copy, g_strdup (ids->pdata[i]));
  g_ptr_array_add (copy, NULL);
  g_object_set_data_full (G_OBJECT (dropdown), "jf-ids", g_ptr_array_free (copy, FALSE),
                          (GDestroyNotify) g_strfreev);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static gboolean
valid_day (const char *text)
{
  int y, m, d;
  char extra;

  return text != NULL && strlen (text) == 10 &&
         sscanf (text, "%d-%d-%d%c", &y, &m, &d, &extra) == 3 && g_date_valid_dmy (d, m, y);
}

static void
read_filter (JfDeskQueuePage   *self,
             JfDeskQueueFilter *filter)
{
  g_autofree char *q = g_strstrip (g_strdup (gtk_editable_get_text (
                                               GTK_EDITABLE (self->search_entry))));
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (
                                                  GTK_EDITABLE (self->created_from_entry))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (
                                                GTK_EDITABLE (self->created_to_entry))));

  filter->status = g_strdup (dropdown_id (self->status_dropdown,
                                          ids_of (GTK_WIDGET (self->status_dropdown))));
  filter->kind = g_strdup (dropdown_id (self->kind_dropdown,
                                        ids_of (GTK_WIDGET (self->kind_dropdown))));
  filter->category = g_strdup (dropdown_id (self->category_dropdown, self->category_ids));
  filter->mine = gtk_toggle_button_get_active (self->mine_button);
  filter->overdue = gtk_toggle_button_get_active (self->overdue_button);
  filter->created_from = valid_day (from) ? g_steal_pointer (&from) : NULL;
  filter->created_to = valid_day (to) ? g_steal_pointer (&to) : NULL;
  /* The server takes 1 to 50 characters. */
  if (*q != '\0')
    {
      if (g_utf8_strlen (q, -1) > 50)
        {
          char *end = g_utf8_offset_to_pointer (q, 50);

          *end = '\0';
        }
      filter->q = g_steal_pointer (&q);
    }
}

static void
apply_filter (JfDeskQueuePage *self)
{
  JfDeskQueueFilter filter = { NULL, };

  g_clear_handle_id (&self->search_id, g_source_remove);
  read_filter (self, &filter);
  if (!jf_desk_queue_filter_equal (&filter, jf_desk_matter_queue_get_filter (self->queue)))
    jf_desk_matter_queue_set_filter (self->queue, &filter);
  jf_desk_queue_filter_clear (&filter);
}

static void
filter_changed_cb (JfDeskQueuePage *self)
{
  apply_filter (self);
}

static gboolean
search_cb (gpointer data)
{
  JfDeskQueuePage *self = data;

  self->search_id = 0;
  apply_filter (self);
  return G_SOURCE_REMOVE;
}

static void
search_changed_cb (JfDeskQueuePage *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (JF_DESK_QUEUE_SEARCH_DEBOUNCE_MS, search_cb, self);
}

/* The table's inner list: its "list.scroll-to-item" action is how GTK 4.8 both scrolls
 * to a row and makes it the one that takes the focus (there is no
 * gtk_column_view_scroll_to () before 4.12). */
static GtkWidget *
inner_list (JfDeskQueuePage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static void
focus_row (JfDeskQueuePage *self,
           guint            position)
{
  GtkWidget *list = inner_list (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (n > 0)
    {
      position = MIN (position, n - 1);
      gtk_single_selection_set_selected (self->selection, position);
      if (list != NULL)
        gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
    }
  gtk_widget_grab_focus (list != NULL ? list : GTK_WIDGET (self->column_view));
}

static void
search_activate_cb (JfDeskQueuePage *self)
{
  apply_filter (self);
  focus_row (self, 0);
}

static void
stop_search_cb (JfDeskQueuePage *self)
{
  focus_row (self, gtk_single_selection_get_selected (self->selection));
}

static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               JfDeskQueuePage       *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      apply_filter (self);
      focus_row (self, gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION
                       ? 0 : gtk_single_selection_get_selected (self->selection));
      return TRUE;
    }
  return FALSE;
}

static void
apply_created_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->created_from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->created_to_entry));
  g_autofree char *label = NULL;

  if ((*from != '\0' && !valid_day (from)) || (*to != '\0' && !valid_day (to)))
    {
      gtk_label_set_text (self->created_error, _("Give the days as 2026-11-01"));
      gtk_widget_set_visible (GTK_WIDGET (self->created_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->created_error), FALSE);
  if (*from != '\0' || *to != '\0')
    /* TRANSLATORS: the registration filter's button once two days are given. */
    label = g_strdup_printf (_("Registered %s – %s"), *from != '\0' ? from : "…",
                             *to != '\0' ? to : "…");
  gtk_menu_button_set_label (self->created_button, label != NULL ? label : _("Registered…"));
  if (label != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->created_button), "filter-on");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->created_button), "filter-on");
  gtk_popover_popdown (self->created_popover);
  apply_filter (self);
}

static void
clear_created_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->created_from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->created_to_entry), "");
  apply_created_action (widget, NULL, NULL);
}

/* --- categories ---------------------------------------------------------------------------- */

const char *
jf_desk_queue_page_category_name (JfDeskQueuePage *self,
                                  const char      *slug)
{
  const char *name;
  JfCategory builtin;

  if (slug == NULL)
    return "";
  if ((name = g_hash_table_lookup (self->category_names, slug)) != NULL)
    return name;
  if (jf_category_from_string (slug, &builtin))
    return jf_category_label (builtin);
  return slug;
}

static void
fill_categories (JfDeskQueuePage *self,
                 GPtrArray       *slugs,
                 GPtrArray       *names)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *current = dropdown_id (self->category_dropdown, self->category_ids);
  g_autofree char *keep = g_strdup (current);
  guint selected = 0;

  g_ptr_array_add (ids, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) _("All categories"));
  for (guint i = 0; i < slugs->len; i++)
    {
      g_ptr_array_add (ids, slugs->pdata[i]);
      g_ptr_array_add (labels, names->pdata[i]);
      if (g_strcmp0 (keep, slugs->pdata[i]) == 0)
        selected = i + 1;
    }
  g_strfreev (self->category_ids);
  {
    GPtrArray *copy = g_ptr_array_new ();

    for (guint i = 0; i < ids->len; i++)
      g_ptr_array_add (copy, g_strdup (ids->pdata[i]));
    g_ptr_array_add (copy, NULL);
    self->category_ids = (GStrv) g_ptr_array_free (copy, FALSE);
  }
  g_signal_handlers_block_by_func (self->category_dropdown, filter_changed_cb, self);
  {
    g_autoptr(GtkStringList) list = string_list (labels);

    gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (list));
  }
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->category_dropdown, filter_changed_cb, self);
}

static void
categories_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(JfDeskQueuePage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  g_autoptr(GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (items == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(JfDeskCategory) category =
        jf_desk_category_new_from_json (jf_desk_json_object (json_array_get_element (items, i)));

      if (category == NULL)
        continue;
      g_hash_table_insert (self->category_names, g_strdup (jf_desk_category_get_slug (category)),
                           g_strdup (jf_desk_category_get_name (category)));
      g_ptr_array_add (slugs, g_strdup (jf_desk_category_get_slug (category)));
      g_ptr_array_add (names, g_strdup (jf_desk_category_get_name (category)));
    }
  fill_categories (self, slugs, names);
}

static void
builtin_categories (JfDeskQueuePage *self)
{
  g_autoptr(GPtrArray) slugs = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint c = 0; c < JF_N_CATEGORIES; c++)
    {
      g_ptr_array_add (slugs, (gpointer) jf_category_to_string (c));
      g_ptr_array_add (names, (gpointer) jf_category_label (c));
    }
  fill_categories (self, slugs, names);
}

/* --- the status line ----------------------------------------------------------------------- */

static gboolean
filtered (JfDeskQueuePage *self)
{
  const JfDeskQueueFilter *f = jf_desk_matter_queue_get_filter (self->queue);

  return f->status != NULL || f->kind != NULL || f->category != NULL || f->mine ||
         f->overdue || f->created_from != NULL || f->created_to != NULL || f->q != NULL;
}

static void
update_status (JfDeskQueuePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));
  gboolean loading = jf_desk_matter_queue_is_loading (self->queue);
  const char *error = jf_desk_matter_queue_get_error (self->queue);
  g_autofree char *text = NULL;
  gboolean sorted = gtk_sorter_get_order (gtk_column_view_get_sorter (self->column_view)) !=
                    GTK_SORTER_ORDER_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_label), "status-error");
  if (error != NULL)
    {
      /* TRANSLATORS: the queue's status line when a page failed; F5 reads it again. */
      text = g_strdup_printf (_("%s Press F5 to try again."), error);
      gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "status-error");
    }
  else if (jf_desk_matter_queue_has_more (self->queue))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matter loaded; more below",
                                         "%u matters loaded; more below", n), n);
  else if (loading && n == 0)
    text = g_strdup (_("Loading…"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u matter", "%u matters", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_label), sorted && n > 0);

  gtk_widget_set_visible (self->empty_page, n == 0 && !loading && error == NULL);
  if (n == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->empty_page),
                                 filtered (self) ? _("No Matter Matches")
                                                 : _("No Matters Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->empty_page),
                                       filtered (self)
                                       ? _("Try other words, or fewer filters.")
                                       : _("Matters registered in your centre appear here as "
                                           "they come in."));
    }
}

static void
queue_changed_cb (JfDeskQueuePage *self)
{
  update_status (self);
  check_near_end (self);
}

/* --- paging -------------------------------------------------------------------------------- */

static gboolean
scroll_check_cb (gpointer data)
{
  JfDeskQueuePage *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double left = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_value (adjustment) -
                page;

  self->scroll_check_id = 0;
  /* Near the end, or the rows loaded do not even fill the view. */
  if (page > 0 && left < page * LOAD_AHEAD_SCREENS)
    jf_desk_matter_queue_load_more (self->queue);
  return G_SOURCE_REMOVE;
}

static gboolean
back_to_top_cb (gpointer data)
{
  JfDeskQueuePage *self = data;

  self->top_id = 0;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return G_SOURCE_REMOVE;
}

/* New matters come in at the top. The view keeps the row it shows first where it is,
 * which hides them from someone watching the top of the queue: back to the top, after
 * the view has laid out the new rows. */
static void
queue_items_changed_cb (JfDeskQueuePage *self,
                        guint            position,
                        guint            removed,
                        guint            added)
{
  if (position == 0 && added > removed && self->at_top && self->top_id == 0)
    self->top_id = g_idle_add_full (G_PRIORITY_LOW, back_to_top_cb, self, NULL);
}

static void
scrolled_cb (JfDeskQueuePage *self)
{
  self->at_top = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller))
                 < 1.0;
  check_near_end (self);
}

static void
check_near_end (JfDeskQueuePage *self)
{
  if (self->scroll_check_id == 0)
    self->scroll_check_id = g_idle_add (scroll_check_cb, self);
}

/* --- the matter ---------------------------------------------------------------------------- */

void
jf_desk_queue_page_open_matter (JfDeskQueuePage *self,
                                gint64           id)
{
  GtkWidget *stack;

  g_return_if_fail (JF_DESK_IS_QUEUE_PAGE (self));

  if (id <= 0)
    return;
  /* From a notification: this workspace comes to the front. */
  stack = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK);
  if (stack != NULL)
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
  self->shown_id = id;
  gtk_stack_set_visible_child_name (self->stack, "matter");
  jf_desk_matter_page_load (self->matter_page, id);
}

void
jf_desk_queue_page_show_queue (JfDeskQueuePage *self)
{
  int position;
  guint n;

  g_return_if_fail (JF_DESK_IS_QUEUE_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "queue");
  /* Back to the row of the matter just seen, wherever sorting put it. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  position = -1;
  for (guint i = 0; i < n && position < 0; i++)
    {
      g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                                      i);

      if (jf_desk_matter_summary_get_id (summary) == self->shown_id)
        position = (int) i;
    }
  self->shown_id = 0;
  focus_row (self, position >= 0 ? (guint) position
                                 : MAX (gtk_single_selection_get_selected (self->selection), 0));
}

static void
activate_cb (GtkColumnView   *view,
             guint            position,
             JfDeskQueuePage *self)
{
  g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->sorted),
                                                                  position);

  if (summary != NULL)
    jf_desk_queue_page_open_matter (self, jf_desk_matter_summary_get_id (summary));
}

static void
matter_changed_cb (JfDeskQueuePage *self,
                   JsonObject      *matter)
{
  jf_desk_matter_queue_matter_changed (self->queue, matter);
}

/* --- actions ------------------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "queue") != 0)
    jf_desk_queue_page_show_queue (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matter") == 0)
    jf_desk_matter_page_reload (self->matter_page);
  else
    {
      apply_filter (self);
      jf_desk_matter_queue_refresh (self->queue);
    }
  if (self->stream != NULL)
    jf_desk_stream_reconnect (JF_DESK_STREAM (self->stream));
}

static void
open_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    activate_cb (self->column_view, position, self);
}

static gboolean
tick_cb (gpointer data)
{
  jf_desk_queue_columns_tick (data);
  return G_SOURCE_CONTINUE;
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_queue_page_root (GtkWidget *widget)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);
  GtkRoot *root;
  GtkApplication *application;

  GTK_WIDGET_CLASS (jf_desk_queue_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  /* The workspace's own stylesheet, next to the application's. */
  jf_desk_ensure_stylesheet (widget, "jf-desk-queue.css");
  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (JF_DESK_IS_APPLICATION (application))
    jf_desk_queue_live_attach (self, jf_desk_application_get_stream (JF_DESK_APPLICATION (application)));
}

static void
jf_desk_queue_page_map (GtkWidget *widget)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (jf_desk_queue_page_parent_class)->map (widget);
  /* Shown with nothing focused (just signed in): the keyboard starts in the list. */
  if (root != NULL && gtk_root_get_focus (root) == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "queue") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
jf_desk_queue_page_unroot (GtkWidget *widget)
{
  jf_desk_queue_live_attach (JF_DESK_QUEUE_PAGE (widget), NULL);
  GTK_WIDGET_CLASS (jf_desk_queue_page_parent_class)->unroot (widget);
}

static void
jf_desk_queue_page_dispose (GObject *object)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->search_id, g_source_remove);
  g_clear_handle_id (&self->new_id, g_source_remove);
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->scroll_check_id, g_source_remove);
  g_clear_handle_id (&self->top_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  jf_desk_queue_live_attach (self, NULL);
  /* Columns leaving the view change its sorter: nothing of ours may hear it now. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_QUEUE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_queue_page_parent_class)->dispose (object);
}

static void
jf_desk_queue_page_finalize (GObject *object)
{
  JfDeskQueuePage *self = JF_DESK_QUEUE_PAGE (object);

  g_hash_table_unref (self->category_names);
  g_hash_table_unref (self->deadline_cells);
  g_hash_table_unref (self->changed);
  g_strfreev (self->category_ids);
  G_OBJECT_CLASS (jf_desk_queue_page_parent_class)->finalize (object);
}

static void
jf_desk_queue_page_class_init (JfDeskQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_queue_page_dispose;
  object_class->finalize = jf_desk_queue_page_finalize;
  widget_class->root = jf_desk_queue_page_root;
  widget_class->unroot = jf_desk_queue_page_unroot;
  widget_class->map = jf_desk_queue_page_map;

  g_type_ensure (JF_DESK_TYPE_MATTER_PAGE);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-queue-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_popover);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_from_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_to_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_error);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, number_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, title_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, status_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, category_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, org_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, created_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, deadline_column);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, sort_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, live_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskQueuePage, matter_page);

  gtk_widget_class_install_action (widget_class, "queue.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "queue.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "queue.open", NULL, open_selected_action);
  gtk_widget_class_install_action (widget_class, "queue.apply-created", NULL,
                                   apply_created_action);
  gtk_widget_class_install_action (widget_class, "queue.clear-created", NULL,
                                   clear_created_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "queue.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "queue.refresh", NULL);
}

static void
init_dropdowns (JfDeskQueuePage *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (ids, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) _("All statuses"));
  g_ptr_array_add (ids, (gpointer) "open");
  g_ptr_array_add (labels, (gpointer) _("Open"));
  for (guint s = 0; s < JF_N_STATUSES; s++)
    {
      g_ptr_array_add (ids, (gpointer) jf_status_to_string (s));
      g_ptr_array_add (labels, (gpointer) jf_status_label (s));
    }
  set_dropdown (self->status_dropdown, ids, labels);
  /* Caseworkers look at what is still to do. */
  gtk_drop_down_set_selected (self->status_dropdown, 1);

  g_ptr_array_set_size (ids, 0);
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_add (ids, (gpointer) "");
  g_ptr_array_add (labels, (gpointer) _("All kinds"));
  for (guint k = 0; k < JF_N_KINDS; k++)
    {
      g_ptr_array_add (ids, (gpointer) jf_kind_to_string (k));
      g_ptr_array_add (labels, (gpointer) jf_kind_label (k));
    }
  set_dropdown (self->kind_dropdown, ids, labels);
  builtin_categories (self);
}

static void
jf_desk_queue_page_init (JfDeskQueuePage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deadline_cells = g_hash_table_new (NULL, NULL);
  self->changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->at_top = TRUE;
  jf_desk_queue_columns_setup (self);
  init_dropdowns (self);

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate", G_CALLBACK (search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_key_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mine_button, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overdue_button, "toggled", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->created_from_entry, "activate",
                           G_CALLBACK (apply_created_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->created_to_entry, "activate",
                           G_CALLBACK (apply_created_action), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self, 0);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (check_near_end), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matter_page, "back", G_CALLBACK (jf_desk_queue_page_show_queue),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->matter_page, "changed", G_CALLBACK (matter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->tick_id = g_timeout_add_seconds (60, tick_cb, self);
}

GtkWidget *
jf_desk_queue_page_new (JfDeskClient *client,
                        JfDeskOutbox *outbox)
{
  JfDeskQueuePage *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_QUEUE_PAGE, NULL);
  self->client = g_object_ref (client);
  self->queue = jf_desk_matter_queue_new (client);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->queue)),
                                          g_object_ref (gtk_column_view_get_sorter (
                                                          self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  jf_desk_matter_page_set_client (self->matter_page, client);
  g_signal_connect_object (self->queue, "notify::loading", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "items-changed", G_CALLBACK (queue_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::n-items", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::error", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::has-more", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jf_desk_client_request_async (client, "GET", "/v1/categories", NULL, NULL, self->cancellable,
                                categories_cb, g_object_ref (self));
  apply_filter (self);
  update_status (self);
  return GTK_WIDGET (self);
}

JfDeskMatterQueue *
jf_desk_queue_page_get_queue (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), NULL);
  return self->queue;
}

GListModel *
jf_desk_queue_page_get_view_model (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

JfDeskMatterPage *
jf_desk_queue_page_get_matter_page (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), NULL);
  return self->matter_page;
}

const char *
jf_desk_queue_page_get_view (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
jf_desk_queue_page_is_live (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), FALSE);
  return self->stream != NULL && jf_desk_stream_is_connected (JF_DESK_STREAM (self->stream));
}

GtkScrolledWindow *
jf_desk_queue_page_get_scroller (JfDeskQueuePage *self)
{
  g_return_val_if_fail (JF_DESK_IS_QUEUE_PAGE (self), NULL);
  return self->scroller;
}
