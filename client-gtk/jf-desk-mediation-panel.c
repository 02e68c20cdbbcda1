/* jf-desk-mediation-panel.c: sessions and agreements of a matter */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "jf-calendar.h"
#include "jf-enums.h"
#include "jf-desk-agreement-print.h"
#include "jf-desk-error.h"
#include "jf-desk-form-dialog.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-mediation-panel-private.h"
#include "jf-desk-resources.h"


G_DEFINE_FINAL_TYPE (JfDeskMediationPanel, jf_desk_mediation_panel, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

JsonObject *
jf_desk_mediation_panel_matter (JfDeskMediationPanel *self)
{
  return jf_desk_json_object (self->matter);
}


static gint64
matter_id (JfDeskMediationPanel *self)
{
  return jf_desk_json_int (jf_desk_mediation_panel_matter (self), "id", 0);
}

static GtkWindow *
parent_window (JfDeskMediationPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
set_status (JfDeskMediationPanel *self,
            const char           *text,
            gboolean              error)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "status-error");
}

static void
set_pending (JfDeskMediationPanel *self,
             int                   delta)
{
  self->pending = (guint) MAX ((int) self->pending + delta, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->pending > 0);
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
}

static gboolean
status_is (JfDeskMediationPanel *self,
           const char           *status)
{
  return g_strcmp0 (jf_desk_json_string (jf_desk_mediation_panel_matter (self), "status"), status) == 0;
}

/* Sessions and agreements are made for an accepted matter or one in mediation. */
gboolean
jf_desk_mediation_panel_may_schedule (JfDeskMediationPanel *self)
{
  return self->may_act && (status_is (self, "accepted") || status_is (self, "in_mediation"));
}

const char *
jf_desk_mediation_panel_outcome_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "agreement") == 0)
    return _("Agreement reached");
  if (g_strcmp0 (outcome, "partial") == 0)
    return _("Partial agreement");
  if (g_strcmp0 (outcome, "failed") == 0)
    return _("No agreement");
  if (g_strcmp0 (outcome, "adjourned") == 0)
    return _("Adjourned");
  return outcome;
}

/* Sessions whose outcome allows an agreement. */
gboolean
jf_desk_mediation_panel_allows_agreement (JsonObject *session)
{
  const char *outcome = jf_desk_json_string (session, "outcome");

  return g_strcmp0 (outcome, "agreement") == 0 || g_strcmp0 (outcome, "partial") == 0;
}

/* --- rows ---------------------------------------------------------------------------------- */

static GtkWidget *
row_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
row_button (const char *label,
            const char *action,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
new_row (void)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  gtk_widget_add_css_class (row, "record-row");
  return row;
}

static char *
names_of (JsonArray  *people,
          const char *member)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      const char *name = jf_desk_json_string (jf_desk_json_object (json_array_get_element (
                                                                     people, i)), member);

      if (name == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "、");
      g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
show_sessions (JfDeskMediationPanel *self)
{
  JsonArray *sessions = jf_desk_mediation_array (self->sessions);
  guint n = sessions != NULL ? json_array_get_length (sessions) : 0;

  clear_box (self->sessions_box);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *s = jf_desk_json_object (json_array_get_element (sessions, i));
      GtkWidget *row = new_row ();
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *when = jf_desk_format_time_text (jf_desk_json_string (s, "scheduled_at"));
      g_autofree char *heading = g_strdup_printf (_("%s · %s"), when != NULL ? when : "",
                                                  jf_desk_json_string (s, "room") != NULL
                                                  ? jf_desk_json_string (s, "room") : "");
      g_autofree char *mediators = names_of (jf_desk_json_member_array (s, "mediators"), "name");
      g_autofree char *line = g_strdup_printf (_("Mediators: %s"), mediators);
      const char *outcome = jf_desk_json_string (s, "outcome");

      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), row_label (heading, "heading"));
      gtk_box_append (GTK_BOX (text), row_label (line, "dim-label"));
      gtk_box_append (GTK_BOX (row), text);
      if (outcome != NULL)
        {
          GtkWidget *label = row_label (jf_desk_mediation_panel_outcome_label (outcome), "record-outcome");

          gtk_label_set_wrap (GTK_LABEL (label), FALSE);
          gtk_box_append (GTK_BOX (row), label);
        }
      else if (self->may_act)
        gtk_box_append (GTK_BOX (row), row_button (_("_Record the Outcome…"),
                                                   "mediation.record",
                                                   jf_desk_json_int (s, "id", 0)));
      else
        {
          GtkWidget *label = row_label (_("Not held yet"), "dim-label");

          gtk_label_set_wrap (GTK_LABEL (label), FALSE);
          gtk_box_append (GTK_BOX (row), label);
        }
      gtk_box_append (self->sessions_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sessions_box), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

static gboolean
agreement_needs_signature (JsonObject *a)
{
  JsonArray *parties = jf_desk_json_member_array (a, "parties");

  if (jf_desk_json_string (a, "sealed_at") != NULL)
    return FALSE;
  if (jf_desk_json_member_object (a, "mediator") == NULL ||
      jf_desk_json_string (jf_desk_json_member_object (a, "mediator"), "signed_at") == NULL)
    return TRUE;
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    if (jf_desk_json_string (jf_desk_json_object (json_array_get_element (parties, i)),
                             "signed_at") == NULL)
      return TRUE;
  return FALSE;
}

static void
show_agreements (JfDeskMediationPanel *self)
{
  JsonArray *agreements = jf_desk_mediation_array (self->agreements);
  guint n = agreements != NULL ? json_array_get_length (agreements) : 0;

  clear_box (self->agreements_box);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *a = jf_desk_json_object (json_array_get_element (agreements, i));
      gint64 id = jf_desk_json_int (a, "id", 0);
      GtkWidget *row = new_row ();
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *heading = g_strdup_printf (_("Agreement %s"),
                                                  jf_desk_json_string (a, "number") != NULL
                                                  ? jf_desk_json_string (a, "number") : "");
      g_autofree char *due = jf_desk_format_date_text (jf_desk_json_string (a,
                                                                            "performance_due"));
      g_autofree char *state = NULL;

      if (jf_desk_json_string (a, "sealed_at") != NULL)
        {
          g_autofree char *effective = jf_desk_format_date_text (jf_desk_json_string (
                                                                   a, "effective_on"));

          state = g_strdup_printf (_("Signed and sealed; in force since %s; to be performed by "
                                     "%s"), effective != NULL ? effective : "",
                                   due != NULL ? due : "");
        }
      else
        state = g_strdup_printf (_("Waiting for signatures; to be performed by %s"),
                                 due != NULL ? due : "");
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), row_label (heading, "heading"));
      gtk_box_append (GTK_BOX (text), row_label (state, "dim-label"));
      gtk_box_append (GTK_BOX (row), text);
      if (self->may_act && agreement_needs_signature (a))
        gtk_box_append (GTK_BOX (row), row_button (_("Si_gn…"), "mediation.sign", id));
      gtk_box_append (GTK_BOX (row), row_button (_("_Print…"), "mediation.print", id));
      gtk_box_append (self->agreements_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->agreements_box), n > 0);
}

static void
update (JfDeskMediationPanel *self)
{
  JsonArray *sessions = jf_desk_mediation_array (self->sessions);
  gboolean any_session = sessions != NULL && json_array_get_length (sessions) > 0;
  gboolean any_agreement = jf_desk_mediation_array (self->agreements) != NULL &&
                           json_array_get_length (jf_desk_mediation_array (self->agreements)) > 0;
  gboolean can_write = FALSE;

  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    can_write |= jf_desk_mediation_panel_allows_agreement (jf_desk_json_object (json_array_get_element (sessions,
                                                                                          i)));
  can_write = can_write && jf_desk_mediation_panel_may_schedule (self);
  gtk_widget_set_visible (self->schedule_button, jf_desk_mediation_panel_may_schedule (self));
  gtk_widget_set_visible (self->agreement_button, can_write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mediation.schedule", jf_desk_mediation_panel_may_schedule (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mediation.write-agreement", can_write);
  show_sessions (self);
  show_agreements (self);
  gtk_widget_set_visible (GTK_WIDGET (self), any_session || any_agreement || jf_desk_mediation_panel_may_schedule (self));
}

/* --- reading ------------------------------------------------------------------------------- */

typedef struct
{
  JfDeskMediationPanel *self;    /* owned */
  JsonNode            **slot;    /* where the array goes */
} Fetch;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *fetch = data;
  g_autoptr(JfDeskMediationPanel) self = fetch->self;
  JsonNode **slot = fetch->slot;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);

  g_free (fetch);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_autofree char *text = error != NULL ? jf_desk_error_describe (error) : NULL;

      if (text != NULL)
        set_status (self, text, TRUE);
      return;
    }
  g_clear_pointer (slot, json_node_unref);
  *slot = g_steal_pointer (&root);
  update (self);
}

static void
fetch_into (JfDeskMediationPanel  *self,
            const char            *what,
            JsonNode             **slot)
{
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/%s",
                                           matter_id (self), what);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->self = g_object_ref (self);
  fetch->slot = slot;
  set_pending (self, +1);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                fetched_cb, fetch);
}

void
jf_desk_mediation_panel_load (JfDeskMediationPanel *self,
                              JfDeskClient         *client,
                              JsonObject           *matter,
                              gboolean              may_act)
{
  gboolean same;

  g_return_if_fail (JF_DESK_IS_MEDIATION_PANEL (self));
  g_return_if_fail (matter != NULL);

  same = jf_desk_json_int (matter, "id", 0) == matter_id (self);
  g_set_object (&self->client, client);
  g_clear_pointer (&self->matter, json_node_unref);
  self->matter = json_node_init_object (json_node_alloc (), matter);
  self->may_act = may_act;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;
  set_pending (self, 0);
  if (!same)
    {
      g_clear_pointer (&self->sessions, json_node_unref);
      g_clear_pointer (&self->agreements, json_node_unref);
      set_status (self, NULL, FALSE);
    }
  update (self);
  fetch_into (self, "mediation-sessions", &self->sessions);
  fetch_into (self, "agreements", &self->agreements);
}

/* --- dialogs ------------------------------------------------------------------------------- */

static void
dialog_done_cb (JfDeskMediationPanel *self)
{
  set_status (self, NULL, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
dialog_conflict_cb (JfDeskFormDialog     *dialog,
                    JsonObject           *current,
                    JfDeskMediationPanel *self)
{
  g_signal_emit (self, signals[CONFLICT], 0, current);
}


static void
context_free (JfDeskMediationContext *context)
{
  g_clear_weak_pointer (&context->self);
  g_free (context);
}

JfDeskFormDialog *
jf_desk_mediation_panel_new_dialog (JfDeskMediationPanel *self,
                                    const char           *title,
                                    const char           *submit,
                                    JfDeskFormBuildFunc   build,
                                    gint64                id,
                                    gint64                version)
{
  JfDeskFormDialog *dialog = jf_desk_form_dialog_new (parent_window (self), title, submit);
  JfDeskMediationContext *context = g_new0 (JfDeskMediationContext, 1);

  g_set_weak_pointer (&context->self, self);
  context->id = id;
  jf_desk_form_dialog_set_request (dialog, self->client, build, context,
                                   (GDestroyNotify) context_free);
  jf_desk_form_dialog_set_version (dialog, version, NULL);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "done", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "conflict", G_CALLBACK (dialog_conflict_cb), self, 0);
  return dialog;
}





/* Printing ----------------------------------------------------------------------------------- */

typedef struct
{
  JfDeskMediationPanel *self;   /* owned */
  char                 *number;
} Print;

static void
pdf_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  Print *print = data;
  g_autoptr(JfDeskMediationPanel) self = print->self;
  g_autofree char *number = print->number;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = jf_desk_client_download_finish (JF_DESK_CLIENT (source), result, NULL,
                                                          &error);
  g_autofree char *job = NULL;

  g_free (print);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (pdf == NULL)
    {
      g_autofree char *text = jf_desk_error_describe (error);

      set_status (self, text, TRUE);
      return;
    }
  /* TRANSLATORS: the print job of an agreement; %s is its number. */
  job = g_strdup_printf (_("Mediation agreement %s"), number != NULL ? number : "");
  if (!jf_desk_agreement_print (parent_window (self), pdf, job, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      set_status (self, text, TRUE);
      return;
    }
  set_status (self, NULL, FALSE);
}

void
jf_desk_mediation_panel_print (JfDeskMediationPanel *self,
                               gint64                agreement_id)
{
  JsonObject *agreement = jf_desk_mediation_panel_find (self->agreements, agreement_id);
  g_autofree char *path = g_strdup_printf ("/v1/agreements/%" G_GINT64_FORMAT "/pdf",
                                           agreement_id);
  Print *print;

  g_return_if_fail (JF_DESK_IS_MEDIATION_PANEL (self));
  if (agreement == NULL)
    return;
  print = g_new0 (Print, 1);
  print->self = g_object_ref (self);
  print->number = g_strdup (jf_desk_json_string (agreement, "number"));
  set_pending (self, +1);
  jf_desk_client_download_async (self->client, path, self->cancellable, pdf_cb, print);
}

/* --- actions and life ---------------------------------------------------------------------- */

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  jf_desk_mediation_panel_schedule (JF_DESK_MEDIATION_PANEL (widget));
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  jf_desk_mediation_panel_record (JF_DESK_MEDIATION_PANEL (widget),
                                  g_variant_get_int64 (parameter));
}

static void
write_agreement_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  jf_desk_mediation_panel_write_agreement (JF_DESK_MEDIATION_PANEL (widget));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jf_desk_mediation_panel_sign (JF_DESK_MEDIATION_PANEL (widget),
                                g_variant_get_int64 (parameter));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  jf_desk_mediation_panel_print (JF_DESK_MEDIATION_PANEL (widget),
                                 g_variant_get_int64 (parameter));
}

static void
jf_desk_mediation_panel_dispose (GObject *object)
{
  JfDeskMediationPanel *self = JF_DESK_MEDIATION_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_MEDIATION_PANEL);
  g_clear_pointer (&self->matter, json_node_unref);
  g_clear_pointer (&self->sessions, json_node_unref);
  g_clear_pointer (&self->agreements, json_node_unref);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_mediation_panel_parent_class)->dispose (object);
}

static void
jf_desk_mediation_panel_finalize (GObject *object)
{
  g_free (JF_DESK_MEDIATION_PANEL (object)->status);
  G_OBJECT_CLASS (jf_desk_mediation_panel_parent_class)->finalize (object);
}

static void
jf_desk_mediation_panel_class_init (JfDeskMediationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_mediation_panel_dispose;
  object_class->finalize = jf_desk_mediation_panel_finalize;

  /* A session or an agreement was written: the matter's page reads it all again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Someone changed the record meanwhile: the record as it is now. */
  signals[CONFLICT] = g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-mediation-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, agreement_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, sessions_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, agreements_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMediationPanel, status_label);

  gtk_widget_class_install_action (widget_class, "mediation.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "mediation.record", "x", record_action);
  gtk_widget_class_install_action (widget_class, "mediation.write-agreement", NULL,
                                   write_agreement_action);
  gtk_widget_class_install_action (widget_class, "mediation.sign", "x", sign_action);
  gtk_widget_class_install_action (widget_class, "mediation.print", "x", print_action);
}

static void
jf_desk_mediation_panel_init (JfDeskMediationPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

JsonArray *
jf_desk_mediation_panel_get_sessions (JfDeskMediationPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  return jf_desk_mediation_array (self->sessions);
}

JsonArray *
jf_desk_mediation_panel_get_agreements (JfDeskMediationPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  return jf_desk_mediation_array (self->agreements);
}

const char *
jf_desk_mediation_panel_get_status (JfDeskMediationPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  return self->status != NULL ? self->status : "";
}
