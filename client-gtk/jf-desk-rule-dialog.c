/* jf-desk-rule-dialog.c: a deadline rule's time limit and warning */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"
#include "jf-desk-rule-dialog.h"

struct _JfDeskRuleDialog
{
  GtkWindow      parent_instance;

  JfDeskClient  *client;      /* owned */
  JfDeskRecord  *rule;        /* owned */
  GCancellable  *cancellable;
  char          *status;
  gboolean       busy;

  /* template children */
  GtkWidget     *fields;
  GtkLabel      *heading_label;
  GtkSpinButton *amount_spin;
  GtkDropDown   *unit_dropdown;
  GtkLabel      *amount_error;
  GtkSpinButton *warn_spin;
  GtkDropDown   *warn_unit_dropdown;
  GtkLabel      *warn_error;
  GtkCheckButton *roll_check;
  GtkEntry      *description_entry;
  GtkLabel      *description_error;
  GtkLabel      *status_label;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (JfDeskRuleDialog, jf_desk_rule_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The units of a rule, in the drop-down's order. */
static const struct
{
  const char *unit;
  const char *label;
} units[] = {
  { "natural_days", N_("natural days") },
  { "working_days", N_("working days") },
  { "hours", N_("hours") },
  { "minutes", N_("minutes") },
};

/* The warning's lead time is shown in the largest exact unit. */
static const guint warn_minutes[] = { 1440, 60, 1 };

const char *
jf_desk_deadline_unit_label (const char *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i].unit, unit) == 0)
      return g_dgettext (GETTEXT_PACKAGE, units[i].label);
  return unit != NULL ? unit : "";
}

char *
jf_desk_format_minutes (gint64 minutes)
{
  if (minutes == 0)
    return g_strdup (_("No warning"));
  if (minutes % 1440 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                         (gulong) (minutes / 1440)), (int) (minutes / 1440));
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours",
                                         (gulong) (minutes / 60)), (int) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes",
                                       (gulong) minutes), (int) minutes);
}

static void
set_status (JfDeskRuleDialog *self,
            const char       *text,
            gboolean          error)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "status-error");
}

static void
set_busy (JfDeskRuleDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  gtk_widget_set_sensitive (self->fields, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rule.save", !busy);
}

static void
fill (JfDeskRuleDialog *self)
{
  const char *unit = jf_desk_record_get_string (self->rule, "unit");
  gint64 warn = jf_desk_record_get_int (self->rule, "warn_minutes");
  const char *description = jf_desk_record_get_string (self->rule, "description");
  g_autofree char *heading = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i].unit, unit) == 0)
      gtk_drop_down_set_selected (self->unit_dropdown, i);
  gtk_spin_button_set_value (self->amount_spin,
                             (double) jf_desk_record_get_int (self->rule, "amount"));
  for (guint i = 0; i < G_N_ELEMENTS (warn_minutes); i++)
    if (warn % warn_minutes[i] == 0)
      {
        gtk_drop_down_set_selected (self->warn_unit_dropdown, i);
        gtk_spin_button_set_value (self->warn_spin, (double) (warn / warn_minutes[i]));
        break;
      }
  gtk_check_button_set_active (self->roll_check,
                               jf_desk_record_get_bool (self->rule, "roll_forward"));
  gtk_editable_set_text (GTK_EDITABLE (self->description_entry),
                         description != NULL ? description : "");
  /* TRANSLATORS: the rule being changed: its description and its stage's code. */
  heading = g_strdup_printf (_("%s (%s)"), description != NULL ? description : "",
                             jf_desk_record_get_string (self->rule, "stage"));
  gtk_label_set_text (self->heading_label, heading);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskRuleDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *rule = jf_desk_json_object (root);
  g_autofree char *description = NULL;
  const char *field;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (jf_desk_json_int (rule, "id", 0) > 0)
    {
      g_signal_emit (self, signals[SAVED], 0, rule);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (error == NULL)
    error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the rule");
  if (g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT))
    {
      JsonObject *current = jf_desk_json_object (jf_error_get_detail (error));

      if (current != NULL)
        {
          jf_desk_record_set_object (self->rule, current);
          fill (self);
        }
      set_status (self, _("Someone else changed this rule meanwhile. The form shows it as it is "
                          "now: check it and save again."), TRUE);
      return;
    }
  field = jf_error_get_field (error);
  description = jf_desk_error_describe (error);
  if (g_strcmp0 (field, "amount") == 0 || g_strcmp0 (field, "unit") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->amount_spin), self->amount_error, description);
  else if (g_strcmp0 (field, "warn_minutes") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->warn_spin), self->warn_error, description);
  else if (g_strcmp0 (field, "description") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->description_entry), self->description_error,
                             description);
  else
    {
      set_status (self, description, TRUE);
      return;
    }
  set_status (self, _("Not saved: see the message in red."), TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskRuleDialog *self = JF_DESK_RULE_DIALOG (widget);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  guint unit = gtk_drop_down_get_selected (self->unit_dropdown);
  guint warn_unit = gtk_drop_down_get_selected (self->warn_unit_dropdown);
  gint64 warn;

  if (self->busy)
    return;
  gtk_spin_button_update (self->amount_spin);
  gtk_spin_button_update (self->warn_spin);
  jf_desk_field_set_error (GTK_WIDGET (self->amount_spin), self->amount_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->warn_spin), self->warn_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->description_entry), self->description_error, NULL);
  warn = (gint64) gtk_spin_button_get_value_as_int (self->warn_spin) *
         warn_minutes[MIN (warn_unit, G_N_ELEMENTS (warn_minutes) - 1)];
  if (warn > 525600)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->warn_spin), self->warn_error,
                               _("At most a year (525,600 minutes)."));
      set_status (self, _("Not saved: see the message in red."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->warn_spin));
      return;
    }
  description = jf_desk_editable_dup_text (GTK_EDITABLE (self->description_entry));
  json_object_set_int_member (object, "version", jf_desk_record_get_int (self->rule, "version"));
  json_object_set_string_member (object, "unit",
                                 units[MIN (unit, G_N_ELEMENTS (units) - 1)].unit);
  json_object_set_int_member (object, "amount", gtk_spin_button_get_value_as_int (self->amount_spin));
  json_object_set_int_member (object, "warn_minutes", warn);
  json_object_set_boolean_member (object, "roll_forward",
                                  gtk_check_button_get_active (self->roll_check));
  json_object_set_string_member (object, "description", description != NULL ? description : "");
  body = json_node_init_object (json_node_alloc (), object);

  set_busy (self, TRUE);
  set_status (self, _("Saving…"), FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  path = g_strdup_printf ("/v1/deadline-rules/%" G_GINT64_FORMAT,
                          jf_desk_record_get_int (self->rule, "id"));
  jf_desk_client_request_async (self->client, "PATCH", path, body, NULL, self->cancellable,
                                saved_cb, g_object_ref (self));
}

static void
jf_desk_rule_dialog_dispose (GObject *object)
{
  JfDeskRuleDialog *self = JF_DESK_RULE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  g_clear_object (&self->rule);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_rule_dialog_parent_class)->dispose (object);
}

static void
jf_desk_rule_dialog_finalize (GObject *object)
{
  g_free (JF_DESK_RULE_DIALOG (object)->status);
  G_OBJECT_CLASS (jf_desk_rule_dialog_parent_class)->finalize (object);
}

static void
jf_desk_rule_dialog_class_init (JfDeskRuleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_rule_dialog_dispose;
  object_class->finalize = jf_desk_rule_dialog_finalize;

  /* The rule as the server has it now. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-rule-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskRuleDialog, name)
  BIND (fields);
  BIND (heading_label);
  BIND (amount_spin);
  BIND (unit_dropdown);
  BIND (amount_error);
  BIND (warn_spin);
  BIND (warn_unit_dropdown);
  BIND (warn_error);
  BIND (roll_check);
  BIND (description_entry);
  BIND (description_error);
  BIND (status_label);
  BIND (save_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "rule.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "rule.save", NULL);
}

static void
last_activate_cb (JfDeskRuleDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "rule.save", NULL);
}

static void
jf_desk_rule_dialog_init (JfDeskRuleDialog *self)
{
  g_autoptr(GtkStringList) unit_list = gtk_string_list_new (NULL);
  const char *warn_units[] = { _("days"), _("hours"), _("minutes"), NULL };
  g_autoptr(GtkStringList) warn_list = gtk_string_list_new (warn_units);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    gtk_string_list_append (unit_list, g_dgettext (GETTEXT_PACKAGE, units[i].label));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (unit_list));
  gtk_drop_down_set_model (self->warn_unit_dropdown, G_LIST_MODEL (warn_list));
  g_signal_connect_swapped (self->description_entry, "activate", G_CALLBACK (last_activate_cb),
                            self);
}

JfDeskRuleDialog *
jf_desk_rule_dialog_new (GtkWindow    *parent,
                         JfDeskClient *client,
                         JfDeskRecord *rule)
{
  JfDeskRuleDialog *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_RECORD (rule), NULL);

  self = g_object_new (JF_DESK_TYPE_RULE_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  /* A record of its own: a 409's current rule replaces it here, not in the list. */
  self->rule = jf_desk_record_new (jf_desk_record_get_object (rule));
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_spin));
  return self;
}

const char *
jf_desk_rule_dialog_get_status (JfDeskRuleDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_RULE_DIALOG (self), "");
  return self->status != NULL ? self->status : "";
}
