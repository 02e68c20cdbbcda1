/* jf-desk-feedback-dialog.c: the text and the files of a department's feedback */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-feedback-dialog.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

#define TEXT_MAX_CHARS 5000
#define FILENAME_MAX_CHARS 200

struct _JfDeskFeedbackDialog
{
  GtkWindow             parent_instance;

  JfDeskClient         *client;       /* owned */
  JfDeskWhistleTarget  *target;       /* owned */
  GListStore           *files;        /* owned; of GFile */
  GHashTable           *uploaded;     /* owned; GFile → attachment id (gint64 *) */
  GCancellable         *cancellable;  /* the upload or the feedback in flight */
  GtkFileChooserNative *chooser;      /* owned while open */
  guint                 next_file;    /* the file being uploaded */
  gboolean              busy;
  char                 *status;

  /* template children */
  GtkWidget            *fields;
  GtkLabel             *target_label;
  GtkTextView          *text_view;
  GtkLabel             *text_error;
  GtkButton            *add_button;
  GtkWidget            *files_scroller;
  GtkListView          *files_list;
  GtkLabel             *files_error;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkButton            *send_button;
};

G_DEFINE_FINAL_TYPE (JfDeskFeedbackDialog, jf_desk_feedback_dialog, GTK_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
jf_desk_attachment_media_type (const guint8 *d,
                               gsize         len)
{
  /* As jiefend tells them apart (jfd_attachment_sniff): by content, not by name. */
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "image/jpeg";
  if (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 5 && memcmp (d, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "image/tiff";
  if (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

static void
set_status (JfDeskFeedbackDialog *self,
            const char           *text,
            gboolean              error)
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
set_busy (JfDeskFeedbackDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->send_button));
  gtk_widget_set_sensitive (self->fields, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.send", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.add-files", !busy);
}

static char *
dup_text (JfDeskFeedbackDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Stops the sending with @message at the field it concerns (@input, @label) or, without
 * one, in the status line. */
static void
fail (JfDeskFeedbackDialog *self,
      GtkWidget            *input,
      GtkLabel             *label,
      const char           *message)
{
  set_busy (self, FALSE);
  if (label != NULL)
    {
      jf_desk_field_set_error (input, label, message);
      set_status (self, _("The feedback was not sent: see the message in red."), TRUE);
      gtk_widget_grab_focus (input);
    }
  else
    set_status (self, message, TRUE);
}

/* --- the files ------------------------------------------------------------------------------- */

static void
update_files (JfDeskFeedbackDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->files));

  gtk_widget_set_visible (self->files_scroller, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feedback.add-files",
                                 !self->busy && n < JF_DESK_FEEDBACK_MAX_FILES);
  jf_desk_field_set_error (GTK_WIDGET (self->add_button), self->files_error, NULL);
}

gboolean
jf_desk_feedback_dialog_add_file (JfDeskFeedbackDialog *self,
                                  GFile                *file)
{
  guint n;

  g_return_val_if_fail (JF_DESK_IS_FEEDBACK_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->files));
  if (n >= JF_DESK_FEEDBACK_MAX_FILES)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) other = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (g_file_equal (other, file))
        return FALSE;
    }
  g_list_store_append (self->files, file);
  update_files (self);
  return TRUE;
}

static void
remove_clicked_cb (GtkButton            *button,
                   JfDeskFeedbackDialog *self)
{
  GFile *file = g_object_get_data (G_OBJECT (button), "file");
  guint position;

  if (file == NULL || self->busy ||
      !g_list_store_find_with_equal_func (self->files, file, (GEqualFunc) g_file_equal,
                                          &position))
    return;
  g_list_store_remove (self->files, position);
  update_files (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
setup_file_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               JfDeskFeedbackDialog     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("image-x-generic-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Do not attach this file"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_file_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *remove = gtk_widget_get_last_child (box);
  GFile *file = gtk_list_item_get_item (item);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *tooltip = NULL;

  gtk_label_set_text (GTK_LABEL (label), name);
  g_object_set_data_full (G_OBJECT (remove), "file", g_object_ref (file), g_object_unref);
  /* TRANSLATORS: the button that takes a file off the list of attachments. */
  tooltip = g_strdup_printf (_("Do not attach “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
}

static void
unbind_file_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  g_object_set_data (G_OBJECT (gtk_widget_get_last_child (gtk_list_item_get_child (item))),
                     "file", NULL);
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     JfDeskFeedbackDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint refused = 0;

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (chosen, i);

          if (g_list_model_get_n_items (G_LIST_MODEL (self->files)) >=
              JF_DESK_FEEDBACK_MAX_FILES)
            refused++;
          else
            jf_desk_feedback_dialog_add_file (self, file);
        }
      if (refused > 0)
        jf_desk_field_set_error (GTK_WIDGET (self->add_button), self->files_error,
                                 _("A feedback has at most 20 files: the others were left out."));
    }
  g_clear_object (&self->chooser);
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JfDeskFeedbackDialog *self = JF_DESK_FEEDBACK_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const types[] = { "image/jpeg", "image/png", "image/tiff", "image/webp",
                                        "application/pdf" };

  if (self->chooser != NULL || self->busy)
    return;
  gtk_file_filter_set_name (filter, _("Photos and scans"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  self->chooser = gtk_file_chooser_native_new (_("Attach Photos or Scans"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- sending: the files one by one, then the feedback ---------------------------------------- */

static void upload_next (JfDeskFeedbackDialog *self);

static void
feedback_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskFeedbackDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  const char *field;
  g_autofree char *description = NULL;

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
  if (g_strcmp0 (field, "text") == 0)
    fail (self, GTK_WIDGET (self->text_view), self->text_error, description);
  else if (field != NULL && g_str_has_prefix (field, "attachments"))
    fail (self, GTK_WIDGET (self->add_button), self->files_error, description);
  else if (g_error_matches (error, JF_ERROR, JF_ERROR_REFUSED))
    {
      g_autofree char *message =
        g_strdup_printf (_("The server refused the feedback: %s. Close this window and "
                           "refresh the inbox to see where the whistle stands."), error->message);

      fail (self, NULL, NULL, message);
    }
  else
    fail (self, NULL, NULL, description);
}

static void
send_feedback (JfDeskFeedbackDialog *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = dup_text (self);
  g_autofree char *path = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->files));

  set_status (self, _("Sending the feedback…"), FALSE);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text != NULL ? text : "");
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (G_LIST_MODEL (self->files), i);
      gint64 *id = g_hash_table_lookup (self->uploaded, file);

      if (id != NULL)
        json_builder_add_int_value (builder, *id);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = g_strdup_printf ("/v1/whistle-targets/%" G_GINT64_FORMAT "/feedback",
                          jf_desk_whistle_target_get_id (self->target));
  jf_desk_client_request_async (self->client, "POST", path, body, NULL, self->cancellable,
                                feedback_cb, g_object_ref (self));
}

static void
file_failed (JfDeskFeedbackDialog *self,
             GFile                *file,
             const char           *reason)
{
  g_autofree char *name = g_file_get_basename (file);
  /* TRANSLATORS: a file that could not be attached, and why. */
  g_autofree char *message = g_strdup_printf (_("“%s”: %s"), name, reason);

  fail (self, GTK_WIDGET (self->add_button), self->files_error, message);
}

static void
uploaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskFeedbackDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GFile) file = NULL;
  gint64 id = jf_desk_json_int (jf_desk_json_object (root), "id", 0);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  file = g_list_model_get_item (G_LIST_MODEL (self->files), self->next_file);
  if (file == NULL)
    {
      fail (self, NULL, NULL, _("The list of files changed while sending: send again."));
      return;
    }
  if (id <= 0)
    {
      g_autofree char *description = NULL;

      if (g_error_matches (error, JF_ERROR, JF_ERROR_TOO_LARGE))
        description = g_strdup (_("the server does not take a file this large"));
      else if (g_error_matches (error, JF_ERROR, JF_ERROR_UNSUPPORTED_MEDIA))
        description = g_strdup (_("the server does not take this kind of file"));
      else
        description = error != NULL ? jf_desk_error_describe (error)
                      : g_strdup (_("the server gave no attachment"));
      file_failed (self, file, description);
      return;
    }
  g_hash_table_insert (self->uploaded, g_object_ref (file), g_memdup2 (&id, sizeof id));
  self->next_file++;
  upload_next (self);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskFeedbackDialog) self = data;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *type;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &size, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        file_failed (self, G_FILE (source), error->message);
      return;
    }
  bytes = g_bytes_new_take (contents, size);
  if (size > JF_DESK_ATTACHMENT_MAX_BYTES)
    {
      file_failed (self, G_FILE (source), _("larger than 20 MB"));
      return;
    }
  type = jf_desk_attachment_media_type (g_bytes_get_data (bytes, NULL), size);
  if (type == NULL)
    {
      file_failed (self, G_FILE (source), _("not a JPEG, PNG, TIFF, WebP or PDF file"));
      return;
    }
  name = g_file_get_basename (G_FILE (source));
  short_name = g_utf8_make_valid (name, -1);
  if (g_utf8_strlen (short_name, -1) > FILENAME_MAX_CHARS)
    {
      char *cut = g_utf8_substring (short_name, 0, FILENAME_MAX_CHARS);

      g_free (short_name);
      short_name = cut;
    }
  escaped = g_uri_escape_string (short_name, NULL, FALSE);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/attachments?filename=%s",
                          jf_desk_whistle_target_get_matter_id (self->target), escaped);
  jf_desk_client_upload_async (self->client, path, type, bytes, self->cancellable, uploaded_cb,
                               g_object_ref (self));
}

static void
upload_next (JfDeskFeedbackDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->files));
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  while (self->next_file < n)
    {
      g_autoptr(GFile) candidate = g_list_model_get_item (G_LIST_MODEL (self->files),
                                                          self->next_file);

      if (!g_hash_table_contains (self->uploaded, candidate))
        {
          file = g_steal_pointer (&candidate);
          break;
        }
      self->next_file++;
    }
  if (file == NULL)
    {
      send_feedback (self);
      return;
    }
  name = g_file_get_basename (file);
  /* TRANSLATORS: uploading the attachments: which one of how many, and its name. */
  message = g_strdup_printf (_("Uploading file %u of %u: %s…"), self->next_file + 1, n, name);
  set_status (self, message, FALSE);
  g_file_load_contents_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskFeedbackDialog *self = JF_DESK_FEEDBACK_DIALOG (widget);
  g_autofree char *text = NULL;

  if (self->busy)
    return;
  text = dup_text (self);
  jf_desk_field_set_error (GTK_WIDGET (self->text_view), self->text_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->add_button), self->files_error, NULL);
  if (text == NULL)
    {
      fail (self, GTK_WIDGET (self->text_view), self->text_error,
            _("Say what your department did: the whistle-blower verifies it against this."));
      return;
    }
  if (g_utf8_strlen (text, -1) > TEXT_MAX_CHARS)
    {
      fail (self, GTK_WIDGET (self->text_view), self->text_error,
            _("At most 5,000 characters: put the details in an attached file."));
      return;
    }
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->next_file = 0;
  upload_next (self);
}

static void
text_changed_cb (JfDeskFeedbackDialog *self)
{
  if (jf_desk_field_has_error (self->text_error))
    jf_desk_field_set_error (GTK_WIDGET (self->text_view), self->text_error, NULL);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_feedback_dialog_dispose (GObject *object)
{
  JfDeskFeedbackDialog *self = JF_DESK_FEEDBACK_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  g_clear_pointer (&self->uploaded, g_hash_table_unref);
  g_clear_object (&self->files);
  g_clear_object (&self->target);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_feedback_dialog_parent_class)->dispose (object);
}

static void
jf_desk_feedback_dialog_finalize (GObject *object)
{
  g_free (JF_DESK_FEEDBACK_DIALOG (object)->status);
  G_OBJECT_CLASS (jf_desk_feedback_dialog_parent_class)->finalize (object);
}

static void
jf_desk_feedback_dialog_class_init (JfDeskFeedbackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_feedback_dialog_dispose;
  object_class->finalize = jf_desk_feedback_dialog_finalize;

  /* The server recorded the feedback: its answer, the target as it is now. */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-feedback-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskFeedbackDialog, name)
  BIND (fields);
  BIND (target_label);
  BIND (text_view);
  BIND (text_error);
  BIND (add_button);
  BIND (files_scroller);
  BIND (files_list);
  BIND (files_error);
  BIND (spinner);
  BIND (status_label);
  BIND (send_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "feedback.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "feedback.add-files", NULL, add_files_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "feedback.add-files", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jf_desk_feedback_dialog_init (JfDeskFeedbackDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->files = g_list_store_new (G_TYPE_FILE);
  self->uploaded = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                          g_object_unref, g_free);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->files)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_file_cb), self, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_file_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_file_cb), NULL);
  gtk_list_view_set_factory (self->files_list, factory);
  gtk_list_view_set_model (self->files_list, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);

  /* Ctrl+Enter sends from the text too, before the text view takes Enter. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                 GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("feedback.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  update_files (self);
}

JfDeskFeedbackDialog *
jf_desk_feedback_dialog_new (GtkWindow           *parent,
                             JfDeskClient        *client,
                             JfDeskWhistleTarget *target)
{
  JfDeskFeedbackDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (target), NULL);

  self = g_object_new (JF_DESK_TYPE_FEEDBACK_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->target = g_object_ref (target);
  heading = g_strdup_printf ("%s  %s", jf_desk_whistle_target_get_matter_number (target),
                             jf_desk_whistle_target_get_matter_title (target));
  gtk_label_set_text (self->target_label, heading);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}

GListModel *
jf_desk_feedback_dialog_get_files (JfDeskFeedbackDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_FEEDBACK_DIALOG (self), NULL);
  return G_LIST_MODEL (self->files);
}

const char *
jf_desk_feedback_dialog_get_status (JfDeskFeedbackDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_FEEDBACK_DIALOG (self), "");
  return self->status != NULL ? self->status : "";
}
