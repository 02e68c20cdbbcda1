/* jf-desk-admin-categories.c: the categories of matter */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-admin-categories.h"
#include "jf-desk-category-dialog.h"
#include "jf-desk-columns.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"

struct _JfDeskAdminCategories
{
  GtkWidget           parent_instance;

  JfDeskClient       *client;      /* owned */
  GListStore         *items;       /* owned; of JfDeskRecord */
  GtkSingleSelection *selection;   /* owned */
  GCancellable       *cancellable;
  GtkWindow          *dialog;      /* weak */
  char               *status;
  gboolean            started;

  /* template children */
  GtkStack           *stack;
  GtkColumnView      *view;
  AdwStatusPage      *error_page;
  GtkLabel           *status_label;
  GtkButton          *active_button;
};

G_DEFINE_FINAL_TYPE (JfDeskAdminCategories, jf_desk_admin_categories, GTK_TYPE_WIDGET)

static void
set_status (JfDeskAdminCategories *self,
            const char            *text)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

static JfDeskRecord *
selected (JfDeskAdminCategories *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static gboolean
is_active (JfDeskRecord *category)
{
  return !json_object_has_member (jf_desk_record_get_object (category), "active") ||
         jf_desk_record_get_bool (category, "active");
}

static void
update_actions (JfDeskAdminCategories *self)
{
  JfDeskRecord *category = selected (self);
  gboolean free = self->dialog == NULL && self->started;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "categories.new", free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "categories.rename", free && category != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "categories.toggle-active",
                                 free && category != NULL);
  gtk_button_set_label (self->active_button, category != NULL && !is_active (category)
                        ? _("Put Back in _Use") : _("Take _Out of Use…"));
}

static char *
slug_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "slug"));
}

static char *
name_zh_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "name_zh"));
}

static char *
name_en_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "name_en"));
}

static char *
state_text (gpointer item)
{
  return g_strdup (is_active (item) ? _("In use") : _("Out of use"));
}

static const char *
state_style (gpointer item)
{
  return is_active (item) ? "success" : "dim-label";
}

/* --- reading ------------------------------------------------------------------------------- */

static void
select_slug (JfDeskAdminCategories *self,
             const char            *slug)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (jf_desk_record_get_string (record, "slug"), slug) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

typedef struct
{
  JfDeskAdminCategories *self;    /* owned */
  char                  *select;  /* the slug to select once read */
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->self);
  g_free (load->select);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(Load) load = data;
  JfDeskAdminCategories *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *keep = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->items == NULL)
    return;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      self->started = FALSE;
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  keep = g_strdup (load->select != NULL ? load->select
                   : selected (self) != NULL ? jf_desk_record_get_string (selected (self), "slug")
                   : NULL);
  records = jf_desk_records_from_json (root);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       records->pdata, records->len);
  select_slug (self, keep);
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static void
load (JfDeskAdminCategories *self,
      const char            *select)
{
  Load *data = g_new0 (Load, 1);

  data->self = g_object_ref (self);
  data->select = g_strdup (select);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  jf_desk_client_request_async (self->client, "GET", "/v1/categories", NULL, NULL,
                                self->cancellable, loaded_cb, data);
}

static void
start (JfDeskAdminCategories *self)
{
  if (self->started || self->client == NULL)
    return;
  self->started = TRUE;
  load (self, NULL);
}

/* --- commands ------------------------------------------------------------------------------ */

static void
dialog_destroyed_cb (JfDeskAdminCategories *self,
                     GtkWindow             *dialog)
{
  if (dialog != self->dialog)
    return;
  g_clear_weak_pointer (&self->dialog);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
track_dialog (JfDeskAdminCategories *self,
              GtkWidget             *dialog)
{
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
saved_cb (JfDeskAdminCategories *self,
          JsonObject            *category)
{
  const char *slug = jf_desk_json_string (category, "slug");
  g_autofree char *message = NULL;

  /* TRANSLATORS: a category was saved: its Chinese name and its code. */
  message = g_strdup_printf (_("Category “%s” (%s) saved."),
                             jf_desk_json_string (category, "name_zh"), slug);
  set_status (self, message);
  /* The answer, not a new reading: jiefend's list of categories catches up with a change
   * a moment later, and would show the old one. */
  if (!jf_desk_admin_categories_select (self, slug))
    {
      g_autoptr(JfDeskRecord) record = jf_desk_record_new (category);

      g_list_store_append (self->items, record);
      select_slug (self, slug);
    }
  else
    {
      jf_desk_record_set_object (selected (self), category);
      jf_desk_list_store_changed (self->items, selected (self));
    }
  jf_desk_column_view_scroll_to (self->view, gtk_single_selection_get_selected (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static GtkWindow *
parent_window (JfDeskAdminCategories *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_dialog (JfDeskAdminCategories *self,
             JfDeskRecord          *category)
{
  JfDeskCategoryDialog *dialog;

  if (self->dialog != NULL)
    return;
  dialog = jf_desk_category_dialog_new (parent_window (self), self->client, category);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  track_dialog (self, GTK_WIDGET (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (JF_DESK_ADMIN_CATEGORIES (widget), NULL);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JfDeskAdminCategories *self = JF_DESK_ADMIN_CATEGORIES (widget);

  if (selected (self) != NULL)
    open_dialog (self, selected (self));
}

static void
activated_cb (JfDeskAdminCategories *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "categories.rename", NULL);
}

typedef struct
{
  JfDeskAdminCategories *self;       /* owned */
  JfDeskRecord          *category;   /* owned */
  gboolean               active;
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->self);
  g_clear_object (&change->category);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void
changed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(Change) change = data;
  JfDeskAdminCategories *self = change->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *category = jf_desk_json_object (root);
  /* A copy: taking the answer replaces the record's object. */
  g_autofree char *name = g_strdup (jf_desk_record_get_string (change->category, "name_zh"));
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->items == NULL)
    return;
  if (jf_desk_json_string (category, "slug") == NULL)
    {
      g_autofree char *description = error != NULL ? jf_desk_error_describe (error)
                                     : g_strdup ("");

      /* TRANSLATORS: a category could not be changed: its name, and why. */
      message = g_strdup_printf (_("“%s” was not changed: %s"), name, description);
      set_status (self, message);
      return;
    }
  jf_desk_record_set_object (change->category, category);
  jf_desk_list_store_changed (self->items, change->category);
  message = change->active
    /* TRANSLATORS: a category is offered again: its name. */
    ? g_strdup_printf (_("“%s” is in use again: the intake form offers it."), name)
    /* TRANSLATORS: a category is no longer offered: its name. */
    : g_strdup_printf (_("“%s” is out of use: the intake form no longer offers it; matters "
                         "keep it."), name);
  set_status (self, message);
  update_actions (self);
}

static void
set_active (JfDeskAdminCategories *self,
            JfDeskRecord          *category,
            gboolean               active)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = g_uri_escape_string (jf_desk_record_get_string (category, "slug"),
                                                  NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/categories/%s", escaped);
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->category = g_object_ref (category);
  change->active = active;
  json_object_set_boolean_member (object, "active", active);
  body = json_node_init_object (json_node_alloc (), object);
  jf_desk_client_request_async (self->client, "PATCH", path, body, NULL, self->cancellable,
                                changed_cb, change);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Change           *change)
{
  if (g_strcmp0 (response, "retire") == 0)
    set_active (change->self, change->category, FALSE);
}

static void
toggle_active_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JfDeskAdminCategories *self = JF_DESK_ADMIN_CATEGORIES (widget);
  JfDeskRecord *category = selected (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  Change *change;

  if (category == NULL || self->dialog != NULL)
    return;
  if (!is_active (category))
    {
      set_active (self, category, TRUE);
      return;
    }
  /* TRANSLATORS: asking before a category is taken out of use: its name. */
  heading = g_strdup_printf (_("Take “%s” out of use?"),
                             jf_desk_record_get_string (category, "name_zh"));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("New matters can no longer be registered under it; the "
                                     "matters that have it keep it. It can be put back in use "
                                     "at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "retire", _("Take _Out of Use"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  change = g_new0 (Change, 1);
  change->self = g_object_ref (self);
  change->category = g_object_ref (category);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), change,
                         (GClosureNotify) (void (*) (void)) change_free, 0);
  track_dialog (self, dialog);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_admin_categories_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_admin_categories_parent_class)->map (widget);
  start (JF_DESK_ADMIN_CATEGORIES (widget));
  /* The section's keys (Ctrl+N, Ctrl+E …) reach it only with the focus inside. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (JF_DESK_ADMIN_CATEGORIES (widget)->view));
}

static void
jf_desk_admin_categories_dispose (GObject *object)
{
  JfDeskAdminCategories *self = JF_DESK_ADMIN_CATEGORIES (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ADMIN_CATEGORIES);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_admin_categories_parent_class)->dispose (object);
}

static void
jf_desk_admin_categories_finalize (GObject *object)
{
  g_free (JF_DESK_ADMIN_CATEGORIES (object)->status);
  G_OBJECT_CLASS (jf_desk_admin_categories_parent_class)->finalize (object);
}

static void
jf_desk_admin_categories_class_init (JfDeskAdminCategoriesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_admin_categories_dispose;
  object_class->finalize = jf_desk_admin_categories_finalize;
  widget_class->map = jf_desk_admin_categories_map;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-categories.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCategories, stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCategories, view);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCategories, error_page);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCategories, status_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCategories, active_button);

  gtk_widget_class_install_action (widget_class, "categories.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "categories.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "categories.toggle-active", NULL,
                                   toggle_active_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "categories.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "categories.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "categories.toggle-active", NULL);
}

static void
jf_desk_admin_categories_init (JfDeskAdminCategories *self)
{
  struct {
    const char      *title;
    JfDeskCellText   text;
    JfDeskCellStyle  style;
    JfDeskCellFlags  flags;
    int              width;
  } columns[] = {
    { _("Code"), slug_text, NULL, JF_DESK_CELL_MONOSPACE, 200 },
    { _("Name in Chinese"), name_zh_text, NULL, JF_DESK_CELL_PLAIN, 0 },
    { _("Name in English"), name_en_text, NULL, JF_DESK_CELL_PLAIN, 0 },
    { _("State"), state_text, state_style, JF_DESK_CELL_PILL, 90 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->items = g_list_store_new (JF_DESK_TYPE_RECORD);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        jf_desk_text_column_new (columns[i].title, columns[i].text, columns[i].style,
                                 columns[i].flags, columns[i].width);

      gtk_column_view_append_column (self->view, column);
    }
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate", G_CALLBACK (activated_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
jf_desk_admin_categories_set_client (JfDeskAdminCategories *self,
                                     JfDeskClient          *client)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_CATEGORIES (self));
  g_set_object (&self->client, client);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

GListModel *
jf_desk_admin_categories_get_items (JfDeskAdminCategories *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CATEGORIES (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
jf_desk_admin_categories_select (JfDeskAdminCategories *self,
                                 const char            *slug)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CATEGORIES (self), FALSE);
  select_slug (self, slug);
  return selected (self) != NULL &&
         g_strcmp0 (jf_desk_record_get_string (selected (self), "slug"), slug) == 0;
}

GtkWindow *
jf_desk_admin_categories_get_dialog (JfDeskAdminCategories *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CATEGORIES (self), NULL);
  return self->dialog;
}

const char *
jf_desk_admin_categories_get_status (JfDeskAdminCategories *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CATEGORIES (self), "");
  return self->status != NULL ? self->status : "";
}
