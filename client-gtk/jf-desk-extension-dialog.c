/* jf-desk-extension-dialog.c: the one extension of a whistle's action deadline */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-extension-dialog.h"
#include "jf-desk-field.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

#define REASON_MAX_CHARS 2000

enum { UNIT_DAYS, UNIT_HOURS };

struct _JfDeskExtensionDialog
{
  GtkWindow            parent_instance;

  JfDeskClient        *client;       /* owned */
  JfDeskWhistleTarget *target;       /* owned */
  GCancellable        *cancellable;
  gboolean             busy;
  char                *status;

  /* template children */
  GtkWidget           *fields;
  GtkLabel            *target_label;
  GtkLabel            *due_label;
  GtkSpinButton       *amount_spin;
  GtkAdjustment       *amount_adjustment;
  GtkDropDown         *unit_dropdown;
  GtkLabel            *amount_error;
  GtkTextView         *reason_view;
  GtkLabel            *reason_error;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  GtkButton           *send_button;
};

G_DEFINE_FINAL_TYPE (JfDeskExtensionDialog, jf_desk_extension_dialog, GTK_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (JfDeskExtensionDialog *self,
            const char            *text,
            gboolean               error)
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
set_busy (JfDeskExtensionDialog *self,
          gboolean               busy)
{
  self->busy = busy;
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->send_button));
  gtk_widget_set_sensitive (self->fields, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "extension.send", !busy);
}

static void
fail (JfDeskExtensionDialog *self,
      GtkWidget             *input,
      GtkLabel              *label,
      const char            *message)
{
  set_busy (self, FALSE);
  if (label != NULL)
    {
      jf_desk_field_set_error (input, label, message);
      set_status (self, _("Nothing was asked for: see the message in red."), TRUE);
      gtk_widget_grab_focus (input);
    }
  else
    set_status (self, message, TRUE);
}

static char *
dup_reason (JfDeskExtensionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reason_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
unit_changed_cb (JfDeskExtensionDialog *self)
{
  gboolean days = gtk_drop_down_get_selected (self->unit_dropdown) == UNIT_DAYS;

  /* The server's bounds: 1–30 days or 1–720 hours. */
  gtk_adjustment_set_upper (self->amount_adjustment, days ? 30 : 720);
  gtk_adjustment_set_page_increment (self->amount_adjustment, days ? 5 : 24);
  gtk_spin_button_update (self->amount_spin);
  jf_desk_field_set_error (GTK_WIDGET (self->amount_spin), self->amount_error, NULL);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(JfDeskExtensionDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autofree char *description = NULL;
  const char *field;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (jf_desk_json_object (root) != NULL)
    {
      set_busy (self, FALSE);
      g_signal_emit (self, signals[DONE], 0, jf_desk_json_object (root));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (error == NULL)
    error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An empty answer");
  field = jf_error_get_field (error);
  description = jf_desk_error_describe (error);
  if (g_strcmp0 (field, "reason") == 0)
    fail (self, GTK_WIDGET (self->reason_view), self->reason_error, description);
  else if (g_strcmp0 (field, "days") == 0 || g_strcmp0 (field, "hours") == 0)
    fail (self, GTK_WIDGET (self->amount_spin), self->amount_error, description);
  else if (g_error_matches (error, JF_ERROR, JF_ERROR_REFUSED))
    {
      g_autofree char *message =
        g_strdup_printf (_("The server refused the extension: %s"), error->message);

      fail (self, NULL, NULL, message);
    }
  else
    fail (self, NULL, NULL, description);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskExtensionDialog *self = JF_DESK_EXTENSION_DIALOG (widget);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *path = NULL;
  gboolean days;

  if (self->busy)
    return;
  jf_desk_field_set_error (GTK_WIDGET (self->reason_view), self->reason_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->amount_spin), self->amount_error, NULL);
  gtk_spin_button_update (self->amount_spin);
  reason = dup_reason (self);
  if (reason == NULL)
    {
      fail (self, GTK_WIDGET (self->reason_view), self->reason_error,
            _("Give the reason: the whistle-blower and the supervisor read it."));
      return;
    }
  if (g_utf8_strlen (reason, -1) > REASON_MAX_CHARS)
    {
      fail (self, GTK_WIDGET (self->reason_view), self->reason_error,
            _("At most 2,000 characters."));
      return;
    }
  days = gtk_drop_down_get_selected (self->unit_dropdown) == UNIT_DAYS;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  json_builder_set_member_name (builder, days ? "days" : "hours");
  json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->amount_spin));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  set_busy (self, TRUE);
  set_status (self, _("Asking for more time…"), FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  path = g_strdup_printf ("/v1/whistle-targets/%" G_GINT64_FORMAT "/extension",
                          jf_desk_whistle_target_get_id (self->target));
  jf_desk_client_request_async (self->client, "POST", path, body, NULL, self->cancellable,
                                sent_cb, g_object_ref (self));
}

static void
reason_changed_cb (JfDeskExtensionDialog *self)
{
  if (jf_desk_field_has_error (self->reason_error))
    jf_desk_field_set_error (GTK_WIDGET (self->reason_view), self->reason_error, NULL);
}

static void
jf_desk_extension_dialog_dispose (GObject *object)
{
  JfDeskExtensionDialog *self = JF_DESK_EXTENSION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  g_clear_object (&self->target);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_extension_dialog_parent_class)->dispose (object);
}

static void
jf_desk_extension_dialog_finalize (GObject *object)
{
  g_free (JF_DESK_EXTENSION_DIALOG (object)->status);
  G_OBJECT_CLASS (jf_desk_extension_dialog_parent_class)->finalize (object);
}

static void
jf_desk_extension_dialog_class_init (JfDeskExtensionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_extension_dialog_dispose;
  object_class->finalize = jf_desk_extension_dialog_finalize;

  /* The server granted the extension: its answer, the target as it is now. */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-extension-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskExtensionDialog, name)
  BIND (fields);
  BIND (target_label);
  BIND (due_label);
  BIND (amount_spin);
  BIND (amount_adjustment);
  BIND (unit_dropdown);
  BIND (amount_error);
  BIND (reason_view);
  BIND (reason_error);
  BIND (spinner);
  BIND (status_label);
  BIND (send_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "extension.send", NULL, send_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jf_desk_extension_dialog_init (JfDeskExtensionDialog *self)
{
  const char *units[] = { _("days"), _("hours"), NULL };
  g_autoptr(GtkStringList) unit_list = gtk_string_list_new (units);
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (unit_list));
  g_signal_connect_object (self->unit_dropdown, "notify::selected", G_CALLBACK (unit_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->reason_view), "changed",
                           G_CALLBACK (reason_changed_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                 GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("extension.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

JfDeskExtensionDialog *
jf_desk_extension_dialog_new (GtkWindow           *parent,
                              JfDeskClient        *client,
                              JfDeskWhistleTarget *target)
{
  JfDeskExtensionDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *due = NULL;
  g_autofree char *due_text = NULL;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (target), NULL);

  self = g_object_new (JF_DESK_TYPE_EXTENSION_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->target = g_object_ref (target);
  heading = g_strdup_printf ("%s  %s", jf_desk_whistle_target_get_matter_number (target),
                             jf_desk_whistle_target_get_matter_title (target));
  gtk_label_set_text (self->target_label, heading);
  if (jf_desk_whistle_target_get_action_due (target) != NULL)
    {
      due = jf_desk_format_time (jf_desk_whistle_target_get_action_due (target));
      /* TRANSLATORS: the action deadline before the extension. */
      due_text = g_strdup_printf (_("Act and feed back by %s now."), due);
    }
  gtk_label_set_text (self->due_label, due_text != NULL ? due_text : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_spin));
  return self;
}

const char *
jf_desk_extension_dialog_get_status (JfDeskExtensionDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_EXTENSION_DIALOG (self), "");
  return self->status != NULL ? self->status : "";
}
