/* jf-desk-admin-rules.c: the deadline rules */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-desk-admin-rules.h"
#include "jf-desk-columns.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"
#include "jf-desk-rule-dialog.h"

struct _JfDeskAdminRules
{
  GtkWidget           parent_instance;

  JfDeskClient       *client;      /* owned */
  GListStore         *items;       /* owned; of JfDeskRecord */
  GtkSingleSelection *selection;   /* owned */
  GCancellable       *cancellable;
  GtkWindow          *dialog;      /* weak */
  gboolean            started;

  /* template children */
  GtkStack           *stack;
  GtkColumnView      *view;
  AdwStatusPage      *error_page;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (JfDeskAdminRules, jf_desk_admin_rules, GTK_TYPE_WIDGET)

static char *
description_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "description"));
}

static char *
stage_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "stage"));
}

static char *
kind_text (gpointer item)
{
  const char *name = jf_desk_record_get_string (item, "kind");
  JfKind kind;

  if (name == NULL)
    return g_strdup (_("Any kind"));
  return g_strdup (jf_kind_from_string (name, &kind) ? jf_kind_label (kind) : name);
}

static char *
category_text (gpointer item)
{
  const char *name = jf_desk_record_get_string (item, "category");
  JfCategory category;

  if (name == NULL)
    return g_strdup (_("Any category"));
  return g_strdup (jf_category_from_string (name, &category) ? jf_category_label (category)
                   : name);
}

static char *
unit_text (gpointer item)
{
  return g_strdup (jf_desk_deadline_unit_label (jf_desk_record_get_string (item, "unit")));
}

static char *
amount_text (gpointer item)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, jf_desk_record_get_int (item, "amount"));
}

static char *
warn_text (gpointer item)
{
  return jf_desk_format_minutes (jf_desk_record_get_int (item, "warn_minutes"));
}

static char *
roll_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_bool (item, "roll_forward") ? _("Yes") : _("No"));
}

static JfDeskRecord *
selected (JfDeskAdminRules *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (JfDeskAdminRules *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.edit",
                                 self->dialog == NULL && selected (self) != NULL);
}

static void
select_id (JfDeskAdminRules *self,
           gint64            id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (jf_desk_record_get_int (record, "id") == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskAdminRules) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  gint64 keep = selected (self) != NULL ? jf_desk_record_get_int (selected (self), "id") : 0;

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
  records = jf_desk_records_from_json (root);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       records->pdata, records->len);
  select_id (self, keep);
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static void
start (JfDeskAdminRules *self)
{
  if (self->started || self->client == NULL)
    return;
  self->started = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  jf_desk_client_request_async (self->client, "GET", "/v1/deadline-rules", NULL, NULL,
                                self->cancellable, loaded_cb, g_object_ref (self));
}

static void
saved_cb (JfDeskAdminRules *self,
          JsonObject       *rule)
{
  gint64 id = jf_desk_json_int (rule, "id", 0);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *message = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (jf_desk_record_get_int (record, "id") == id)
        {
          jf_desk_record_set_object (record, rule);
          jf_desk_list_store_changed (self->items, record);
        }
    }
  /* TRANSLATORS: a deadline rule was changed: its description. */
  message = g_strdup_printf (_("“%s” saved; clocks started from now on follow it."),
                             jf_desk_json_string (rule, "description"));
  gtk_label_set_text (self->status_label, message);
}

static void
dialog_destroyed_cb (JfDeskAdminRules *self)
{
  g_clear_weak_pointer (&self->dialog);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAdminRules *self = JF_DESK_ADMIN_RULES (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  JfDeskRuleDialog *dialog;

  if (self->dialog != NULL || selected (self) == NULL)
    return;
  dialog = jf_desk_rule_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->client, selected (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  update_actions (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
activated_cb (JfDeskAdminRules *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "rules.edit", NULL);
}

static void
jf_desk_admin_rules_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_admin_rules_parent_class)->map (widget);
  start (JF_DESK_ADMIN_RULES (widget));
  /* The section's keys (Ctrl+N, Ctrl+E …) reach it only with the focus inside. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (JF_DESK_ADMIN_RULES (widget)->view));
}

static void
jf_desk_admin_rules_dispose (GObject *object)
{
  JfDeskAdminRules *self = JF_DESK_ADMIN_RULES (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ADMIN_RULES);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_admin_rules_parent_class)->dispose (object);
}

static void
jf_desk_admin_rules_class_init (JfDeskAdminRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_admin_rules_dispose;
  widget_class->map = jf_desk_admin_rules_map;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-rules.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminRules, stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminRules, view);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminRules, error_page);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminRules, status_label);

  gtk_widget_class_install_action (widget_class, "rules.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "rules.edit", NULL);
}

static void
jf_desk_admin_rules_init (JfDeskAdminRules *self)
{
  struct {
    const char      *title;
    JfDeskCellText   text;
    JfDeskCellFlags  flags;
    int              width;
  } columns[] = {
    { _("Deadline"), description_text, JF_DESK_CELL_PLAIN, 0 },
    { _("Stage code"), stage_text, JF_DESK_CELL_MONOSPACE | JF_DESK_CELL_DIM, 190 },
    { _("Kind"), kind_text, JF_DESK_CELL_PLAIN, 90 },
    { _("Category"), category_text, JF_DESK_CELL_PLAIN, 90 },
    { _("Counted in"), unit_text, JF_DESK_CELL_PLAIN, 80 },
    { _("Limit"), amount_text, JF_DESK_CELL_PLAIN, 56 },
    { _("Warns before"), warn_text, JF_DESK_CELL_PLAIN, 80 },
    { _("Rolls forward"), roll_text, JF_DESK_CELL_PLAIN, 80 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->items = g_list_store_new (JF_DESK_TYPE_RECORD);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        jf_desk_text_column_new (columns[i].title, columns[i].text, NULL, columns[i].flags,
                                 columns[i].width);

      gtk_column_view_append_column (self->view, column);
    }
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate", G_CALLBACK (activated_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
jf_desk_admin_rules_set_client (JfDeskAdminRules *self,
                                JfDeskClient     *client)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_RULES (self));
  g_set_object (&self->client, client);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

GListModel *
jf_desk_admin_rules_get_items (JfDeskAdminRules *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_RULES (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
jf_desk_admin_rules_select (JfDeskAdminRules *self,
                            const char       *stage)
{
  guint n;

  g_return_val_if_fail (JF_DESK_IS_ADMIN_RULES (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (jf_desk_record_get_string (record, "stage"), stage) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

GtkWindow *
jf_desk_admin_rules_get_dialog (JfDeskAdminRules *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_RULES (self), NULL);
  return self->dialog;
}

GtkColumnView *
jf_desk_admin_rules_get_view (JfDeskAdminRules *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_RULES (self), NULL);
  return self->view;
}
