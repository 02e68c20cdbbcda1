/* jf-desk-reception-page.c: registering a matter at the window */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-window.h"
#include "jf-desk-receipt-dialog.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-repeat-panel.h"
#include "jf-desk-resources.h"

struct _JfDeskReceptionPage
{
  GtkWidget          parent_instance;

  JfDeskClient      *client;         /* owned */
  JfDeskOutbox      *outbox;         /* owned */
  GCancellable      *cancellable;    /* the submission in flight */
  GtkWindow         *receipt;        /* weak: the receipt dialog while open */
  GtkWindow         *matter_window;  /* weak: an earlier matter's window while open */
  GtkWidget         *form_focus;     /* weak: where in the form F6 left from */
  char              *outboxed_key;   /* the intake this page last put in the outbox */
  gboolean           busy;
  gint64             submitted_at;   /* monotonic time of the last submit */
  gint64             round_trip;

  /* template children */
  JfDeskIntakeForm  *form;
  JfDeskRepeatPanel *repeat_panel;
};

G_DEFINE_FINAL_TYPE (JfDeskReceptionPage, jf_desk_reception_page, GTK_TYPE_WIDGET)

static void
set_busy (JfDeskReceptionPage *self,
          gboolean             busy)
{
  self->busy = busy;
  jf_desk_intake_form_set_busy (self->form, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.submit", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.new", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reception.add-party", !busy);
}

static GtkWindow *
parent_window (JfDeskReceptionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- the receipt --------------------------------------------------------------------------- */

static void
receipt_new_intake_cb (JfDeskReceptionPage *self)
{
  jf_desk_intake_form_focus_start (self->form);
}

static void
show_receipt (JfDeskReceptionPage *self,
              JsonObject          *matter,
              const char          *category_name)
{
  g_autoptr(JfDeskReceipt) receipt = jf_desk_receipt_new_from_matter (matter, category_name);
  JfDeskReceiptDialog *dialog;

  if (receipt == NULL)
    return;
  if (self->receipt != NULL)
    gtk_window_destroy (self->receipt);
  dialog = jf_desk_receipt_dialog_new (parent_window (self), receipt);
  g_signal_connect_object (dialog, "new-intake", G_CALLBACK (receipt_new_intake_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->receipt, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- submitting ---------------------------------------------------------------------------- */

typedef struct
{
  JfDeskReceptionPage *self;          /* owned */
  JsonNode            *body;
  char                *key;
  char                *outbox_key;    /* the outbox item the form was editing, or NULL */
  char                *category_name;
} Submission;

static void
submission_free (Submission *submission)
{
  g_clear_object (&submission->self);
  g_clear_pointer (&submission->body, json_node_unref);
  g_free (submission->key);
  g_free (submission->outbox_key);
  g_free (submission->category_name);
  g_free (submission);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Submission, submission_free)

static void
saved_to_outbox_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(Submission) submission = data;
  JfDeskReceptionPage *self = submission->self;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!jf_desk_outbox_add_finish (JF_DESK_OUTBOX (source), result, &error))
    {
      g_autofree char *message =
        g_strdup_printf (_("The server cannot be reached and the intake could not be saved "
                           "on this computer either (%s). It is still in the form: try again."),
                         error->message);

      jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_ERROR, message);
      return;
    }
  /* Safe on disk under the same key: the form is free for the next person. */
  g_free (self->outboxed_key);
  self->outboxed_key = g_strdup (submission->key);
  jf_desk_intake_form_reset (self->form);
  jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_WARNING,
                                  _("Saved to the outbox; it will be sent when the server is "
                                    "back."));
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Submission) submission = data;
  JfDeskReceptionPage *self = submission->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) matter = NULL;
  g_autofree char *description = NULL;
  guint status = 0;

  matter = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result, &status, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->form == NULL)
    return;

  if (matter != NULL && jf_desk_json_string (jf_desk_json_object (matter), "number") != NULL)
    {
      JsonObject *object = jf_desk_json_object (matter);
      g_autofree char *message = NULL;

      set_busy (self, FALSE);
      if (submission->outbox_key != NULL)
        jf_desk_outbox_remove (self->outbox, submission->outbox_key);
      message = g_strdup_printf (_("Registered as %s: %s"), jf_desk_json_string (object, "number"),
                                 jf_desk_json_string (object, "title") != NULL
                                 ? jf_desk_json_string (object, "title") : "");
      jf_desk_intake_form_reset (self->form);
      jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_SUCCESS, message);
      show_receipt (self, object, submission->category_name);
      self->round_trip = g_get_monotonic_time () - self->submitted_at;
      g_debug ("intake registered in %.0f ms", self->round_trip / 1000.0);
      return;
    }

  /* No answer, no database, no trust in the connection, or no session: the intake must
   * not wait in the form while the queue grows. It goes to the outbox, under its key. */
  if (error != NULL && (jf_desk_error_is_unavailable (error) ||
                        g_error_matches (error, JF_ERROR, JF_ERROR_UNAUTHENTICATED)))
    {
      Submission *pending = g_steal_pointer (&submission);

      jf_desk_outbox_add_async (self->outbox, pending->key, pending->body, NULL,
                                saved_to_outbox_cb, pending);
      return;
    }

  set_busy (self, FALSE);
  if (error == NULL)
    error = g_error_new (JF_ERROR, JF_ERROR_MALFORMED, "HTTP %u without a matter", status);
  description = jf_desk_error_describe_field (error);
  if (error->domain == JF_ERROR && jf_error_get_field (error) != NULL &&
      jf_desk_intake_form_show_error (self->form, jf_error_get_field (error), description))
    jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_ERROR,
                                    _("The server did not accept the intake: correct the marked "
                                      "field and register again."));
  else
    jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_ERROR, description);
}

static void
submit (JfDeskReceptionPage *self)
{
  g_autoptr(JsonNode) body = NULL;
  Submission *submission;

  if (self->busy)
    return;
  body = jf_desk_intake_form_build (self->form);
  if (body == NULL)
    {
      jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_ERROR,
                                      _("Some fields need attention: see the marks in red."));
      return;
    }
  submission = g_new0 (Submission, 1);
  submission->self = g_object_ref (self);
  submission->body = json_node_ref (body);
  submission->key = g_strdup (jf_desk_intake_form_get_key (self->form));
  submission->outbox_key = g_strdup (jf_desk_intake_form_get_outbox_key (self->form));
  submission->category_name = g_strdup (jf_desk_intake_form_get_category_name (self->form));
  set_busy (self, TRUE);
  jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_INFO, _("Registering…"));
  self->submitted_at = g_get_monotonic_time ();
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  jf_desk_client_request_async (self->client, "POST", "/v1/matters", body, submission->key,
                                self->cancellable, submitted_cb, submission);
}

/* --- starting anew, with a question when something would be lost -------------------------- */

typedef void (*Then) (JfDeskReceptionPage *self, gpointer data);

typedef struct
{
  JfDeskReceptionPage *self;
  Then                 then;
  gpointer             data;
  GDestroyNotify       destroy;
} Confirmation;

static void
confirmation_free (Confirmation *confirmation)
{
  if (confirmation->destroy != NULL)
    confirmation->destroy (confirmation->data);
  g_clear_object (&confirmation->self);
  g_free (confirmation);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          data)
{
  Confirmation *confirmation = data;

  if (g_strcmp0 (response, "discard") == 0 && confirmation->self->form != NULL)
    confirmation->then (confirmation->self, confirmation->data);
}

static void
confirm_then (JfDeskReceptionPage *self,
              const char          *heading,
              Then                 then,
              gpointer             data,
              GDestroyNotify       destroy)
{
  Confirmation *confirmation;
  GtkWidget *dialog;
  const char *body;

  if (!jf_desk_reception_page_has_unsaved_input (self))
    {
      then (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  body = jf_desk_intake_form_get_outbox_key (self->form) != NULL
    ? _("The changes made in the form will be lost; the intake stays in the outbox.")
    : _("What has been typed in the form will be lost.");
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  confirmation = g_new0 (Confirmation, 1);
  confirmation->self = g_object_ref (self);
  confirmation->then = then;
  confirmation->data = data;
  confirmation->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), confirmation,
                         (GClosureNotify) (void (*) (void)) confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
release_outbox_item (JfDeskReceptionPage *self)
{
  const char *key = jf_desk_intake_form_get_outbox_key (self->form);

  if (key != NULL)
    jf_desk_outbox_release (self->outbox, key);
}

static void
start_new (JfDeskReceptionPage *self,
           gpointer             data)
{
  release_outbox_item (self);
  jf_desk_intake_form_reset (self->form);
  jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_NONE, NULL);
}

static void
open_item (JfDeskReceptionPage *self,
           gpointer             data)
{
  JfDeskOutboxItem *item = data;
  const GError *error = jf_desk_outbox_item_get_error (item);

  release_outbox_item (self);
  jf_desk_outbox_hold (self->outbox, jf_desk_outbox_item_get_key (item));
  jf_desk_intake_form_load (self->form,
                            jf_desk_json_object (jf_desk_outbox_item_get_body (item)),
                            jf_desk_outbox_item_get_key (item));
  jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_INFO,
                                  _("An intake from the outbox: correct it and register it "
                                    "again."));
  if (error != NULL)
    {
      g_autofree char *description = jf_desk_error_describe_field (error);

      if (!jf_desk_intake_form_show_error (self->form, jf_error_get_field (error), description))
        jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_ERROR, description);
    }
  else
    jf_desk_intake_form_focus_start (self->form);
}

void
jf_desk_reception_page_open_outbox_item (JfDeskReceptionPage *self,
                                         JfDeskOutboxItem    *item)
{
  g_return_if_fail (JF_DESK_IS_RECEPTION_PAGE (self));
  g_return_if_fail (JF_DESK_IS_OUTBOX_ITEM (item));

  if (self->busy)
    return;
  confirm_then (self, _("Put the current intake aside?"), open_item, g_object_ref (item),
                g_object_unref);
}

/* --- actions ------------------------------------------------------------------------------- */

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  submit (JF_DESK_RECEPTION_PAGE (widget));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  JfDeskReceptionPage *self = JF_DESK_RECEPTION_PAGE (widget);

  if (!self->busy)
    confirm_then (self, _("Discard this intake?"), start_new, NULL, NULL);
}

static void
add_party_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JfDeskReceptionPage *self = JF_DESK_RECEPTION_PAGE (widget);

  if (!jf_desk_intake_form_add_party (self->form))
    jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_WARNING,
                                    _("An intake has at most 20 parties."));
}

/* The intake the status line says is waiting has been sent: say so there too. */
static void
outbox_sent_cb (JfDeskReceptionPage *self,
                JfDeskOutboxItem    *item,
                JsonNode            *matter)
{
  const char *number = jf_desk_json_string (jf_desk_json_object (matter), "number");
  g_autofree char *message = NULL;

  if (g_strcmp0 (jf_desk_outbox_item_get_key (item), self->outboxed_key) != 0 || number == NULL)
    return;
  g_clear_pointer (&self->outboxed_key, g_free);
  message = g_strdup_printf (_("“%s” from the outbox is registered as %s"),
                             jf_desk_outbox_item_get_title (item), number);
  jf_desk_intake_form_set_status (self->form, JF_DESK_STATUS_SUCCESS, message);
}

/* --- earlier matters ---------------------------------------------------------------------- */

static void
people_changed_cb (JfDeskReceptionPage *self)
{
  JfDeskRepeatQuery query = { NULL, };

  jf_desk_intake_form_get_repeat_query (self->form, &query);
  jf_desk_repeat_panel_set_query (self->repeat_panel, &query);
  jf_desk_repeat_query_clear (&query);
}

/* In a window of its own, one for all: the form stays as it is, the clerk reads, Escape
 * closes it, and the keyboard is back where it was. */
static void
open_matter_cb (JfDeskReceptionPage *self,
                gint64               id)
{
  if (self->matter_window == NULL)
    g_set_weak_pointer (&self->matter_window,
                        GTK_WINDOW (jf_desk_matter_window_new (parent_window (self),
                                                               self->client)));
  jf_desk_matter_window_show (JF_DESK_MATTER_WINDOW (self->matter_window), id);
}

static GtkWidget *
focus_widget (JfDeskReceptionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

static gboolean
focus_in (GtkWidget *focus,
          gpointer   area)
{
  return focus != NULL && (focus == area || gtk_widget_is_ancestor (focus, area));
}

static void
back_to_form (JfDeskReceptionPage *self)
{
  if (self->form_focus != NULL && focus_in (self->form_focus, self->form) &&
      gtk_widget_is_sensitive (self->form_focus) && gtk_widget_get_mapped (self->form_focus))
    gtk_widget_grab_focus (self->form_focus);
  else
    jf_desk_intake_form_focus_start (self->form);
}

/* F6: from the form to the earlier matters, and back to the same field. */
static void
earlier_matters_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JfDeskReceptionPage *self = JF_DESK_RECEPTION_PAGE (widget);
  GtkWidget *focus = focus_widget (self);

  if (focus_in (focus, self->repeat_panel))
    {
      back_to_form (self);
      return;
    }
  if (focus_in (focus, self->form))
    g_set_weak_pointer (&self->form_focus, focus);
  if (!jf_desk_repeat_panel_focus_list (self->repeat_panel))
    gtk_widget_error_bell (widget);
}

/* Escape in the earlier matters goes back to the form; elsewhere it is not ours. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  JfDeskReceptionPage *self = JF_DESK_RECEPTION_PAGE (widget);

  if (!focus_in (focus_widget (self), self->repeat_panel))
    return FALSE;
  back_to_form (self);
  return TRUE;
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_reception_page_dispose (GObject *object)
{
  JfDeskReceptionPage *self = JF_DESK_RECEPTION_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->receipt != NULL)
    gtk_window_destroy (self->receipt);
  g_clear_weak_pointer (&self->receipt);
  if (self->matter_window != NULL)
    gtk_window_destroy (self->matter_window);
  g_clear_weak_pointer (&self->matter_window);
  g_clear_weak_pointer (&self->form_focus);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_RECEPTION_PAGE);
  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_reception_page_parent_class)->dispose (object);
}

static void
jf_desk_reception_page_finalize (GObject *object)
{
  g_free (JF_DESK_RECEPTION_PAGE (object)->outboxed_key);
  G_OBJECT_CLASS (jf_desk_reception_page_parent_class)->finalize (object);
}

static void
jf_desk_reception_page_class_init (JfDeskReceptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_reception_page_dispose;
  object_class->finalize = jf_desk_reception_page_finalize;

  g_type_ensure (JF_DESK_TYPE_INTAKE_FORM);
  g_type_ensure (JF_DESK_TYPE_REPEAT_PANEL);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-reception-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceptionPage, form);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceptionPage, repeat_panel);

  gtk_widget_class_install_action (widget_class, "reception.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "reception.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "reception.add-party", NULL, add_party_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "reception.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reception.add-party", NULL);
  gtk_widget_class_install_action (widget_class, "reception.earlier-matters", NULL,
                                   earlier_matters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0,
                                       "reception.earlier-matters", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
jf_desk_reception_page_init (JfDeskReceptionPage *self)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->form, "submit", G_CALLBACK (submit), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "people-changed", G_CALLBACK (people_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->repeat_panel, "open-matter", G_CALLBACK (open_matter_cb), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+Enter registers from anywhere in the page, the narrative included: caught on the
   * way down, before the text view takes Enter for a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                 GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("reception.submit")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
jf_desk_reception_page_new (JfDeskClient *client,
                            JfDeskOutbox *outbox)
{
  JfDeskReceptionPage *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_OUTBOX (outbox), NULL);

  self = g_object_new (JF_DESK_TYPE_RECEPTION_PAGE, NULL);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  g_signal_connect_object (outbox, "sent", G_CALLBACK (outbox_sent_cb), self, G_CONNECT_SWAPPED);
  jf_desk_repeat_panel_set_client (self->repeat_panel, client);
  jf_desk_intake_form_set_client (self->form, client);
  jf_desk_intake_form_reset (self->form);
  return GTK_WIDGET (self);
}

JfDeskIntakeForm *
jf_desk_reception_page_get_form (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), NULL);
  return self->form;
}

GtkWidget *
jf_desk_reception_page_get_repeat_panel (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), NULL);
  return GTK_WIDGET (self->repeat_panel);
}

gboolean
jf_desk_reception_page_has_unsaved_input (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), FALSE);
  return jf_desk_intake_form_has_input (self->form);
}

GtkWindow *
jf_desk_reception_page_get_receipt_dialog (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), NULL);
  return self->receipt;
}

GtkWindow *
jf_desk_reception_page_get_matter_window (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), NULL);
  return self->matter_window;
}

gint64
jf_desk_reception_page_get_last_round_trip (JfDeskReceptionPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEPTION_PAGE (self), 0);
  return self->round_trip;
}
