/* jf-desk-attachment-list.c: a matter's attachments */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-attachment.h"
#include "jf-desk-attachment-list.h"
#include "jf-desk-error.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

/* The server's limit is its own; this one spares sending what it will refuse. */
#define MAX_UPLOAD_BYTES (20 * 1024 * 1024)

struct _JfDeskAttachmentList
{
  GtkWidget             parent_instance;

  JfDeskClient         *client;        /* owned */
  GListStore           *attachments;   /* owned; of JfDeskAttachment */
  GtkSingleSelection   *selection;     /* owned */
  GCancellable         *cancellable;   /* the list, an upload or a download */
  GtkFileChooserNative *chooser;       /* owned while choosing */
  gint64                matter_id;
  char                 *status;
  guint                 busy;

  /* template children */
  GtkSpinner           *spinner;
  GtkWidget            *add_button;
  GtkLabel             *empty_label;
  GtkListView          *list;
  GtkLabel             *status_label;
};

G_DEFINE_FINAL_TYPE (JfDeskAttachmentList, jf_desk_attachment_list, GTK_TYPE_WIDGET)

static void
set_status (JfDeskAttachmentList *self,
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
set_busy (JfDeskAttachmentList *self,
          gboolean              busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
}

static void
update_actions (JfDeskAttachmentList *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->attachments)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list), any);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), !any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.open", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.save", any);
}

static JfDeskAttachment *
selected (JfDeskAttachmentList *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static GtkWindow *
parent_window (JfDeskAttachmentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- the list ------------------------------------------------------------------------------ */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskAttachmentList) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = root != NULL && JSON_NODE_HOLDS_ARRAY (root)
                     ? json_node_get_array (root) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (array == NULL)
    {
      g_autofree char *text = error != NULL ? jf_desk_error_describe (error) : NULL;

      /* Not this account's to see (a matter that has moved on): said, not alarmed. */
      if (g_error_matches (error, JF_ERROR, JF_ERROR_FORBIDDEN) ||
          g_error_matches (error, JF_ERROR, JF_ERROR_NOT_FOUND))
        set_status (self, _("The attachments are not open to your account."), FALSE);
      else
        set_status (self, text != NULL ? text : _("The attachments could not be read."), TRUE);
      return;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JfDeskAttachment *attachment =
        jf_desk_attachment_new_from_json (jf_desk_json_object (json_array_get_element (array,
                                                                                        i)));

      if (attachment != NULL)
        g_ptr_array_add (items, attachment);
    }
  g_list_store_splice (self->attachments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->attachments)),
                       items->pdata, items->len);
  update_actions (self);
}

static void
reload (JfDeskAttachmentList *self)
{
  g_autofree char *path = NULL;

  if (self->client == NULL || self->matter_id <= 0)
    return;
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/attachments", self->matter_id);
  set_busy (self, TRUE);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                listed_cb, g_object_ref (self));
}

void
jf_desk_attachment_list_load (JfDeskAttachmentList *self,
                              gint64                matter_id,
                              gboolean              may_add)
{
  g_return_if_fail (JF_DESK_IS_ATTACHMENT_LIST (self));

  gtk_widget_set_visible (self->add_button, may_add);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attachments.add", may_add);
  if (matter_id == self->matter_id && matter_id > 0)
    {
      reload (self);
      return;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = 0;
  set_busy (self, FALSE);
  self->matter_id = matter_id;
  g_list_store_remove_all (self->attachments);
  set_status (self, NULL, FALSE);
  update_actions (self);
  reload (self);
}

/* --- adding -------------------------------------------------------------------------------- */

static void
uploaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskAttachmentList) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *text = g_error_matches (error, JF_ERROR, JF_ERROR_UNSUPPORTED_MEDIA)
        ? g_strdup (_("Only photos and scans can be attached: JPEG, PNG, TIFF, WebP or PDF."))
        : jf_desk_error_describe (error);

      set_status (self, text, TRUE);
      return;
    }
  {
    const char *name = jf_desk_json_string (jf_desk_json_object (root), "filename");
    g_autofree char *text = g_strdup_printf (_("“%s” is attached."), name != NULL ? name : "");

    set_status (self, text, FALSE);
  }
  reload (self);
}

typedef struct
{
  JfDeskAttachmentList *self;   /* owned */
  char                 *name;
} Upload;

static void
upload_free (Upload *upload)
{
  g_clear_object (&upload->self);
  g_free (upload->name);
  g_free (upload);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Upload, upload_free)

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(Upload) upload = data;
  JfDeskAttachmentList *self = upload->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = g_strdup_printf (_("The file could not be read: %s"), error->message);
      set_status (self, text, TRUE);
      return;
    }
  if (length > MAX_UPLOAD_BYTES)
    {
      set_busy (self, FALSE);
      set_status (self, _("This file is too large to attach (at most 20 MB)."), TRUE);
      return;
    }
  /* By what the file holds, not by its name: the server checks the same way. */
  content_type = g_content_type_guess (NULL, (const guchar *) contents, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  escaped = g_uri_escape_string (upload->name, NULL, FALSE);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/attachments?filename=%s",
                          self->matter_id, escaped);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  jf_desk_client_upload_async (self->client, path,
                               mime != NULL ? mime : "application/octet-stream", bytes,
                               self->cancellable, uploaded_cb, g_object_ref (self));
}

void
jf_desk_attachment_list_add_file (JfDeskAttachmentList *self,
                                  GFile                *file)
{
  Upload *upload;

  g_return_if_fail (JF_DESK_IS_ATTACHMENT_LIST (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->matter_id <= 0)
    return;
  upload = g_new0 (Upload, 1);
  upload->self = g_object_ref (self);
  upload->name = g_file_get_basename (file);
  set_busy (self, TRUE);
  {
    g_autofree char *text = g_strdup_printf (_("Sending “%s”…"), upload->name);

    set_status (self, text, FALSE);
  }
  g_file_load_contents_async (file, self->cancellable, loaded_cb, upload);
}

static void
add_response_cb (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         data)
{
  JfDeskAttachmentList *self = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    jf_desk_attachment_list_add_file (self, file);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  JfDeskAttachmentList *self = JF_DESK_ATTACHMENT_LIST (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  const char *types[] = { "image/jpeg", "image/png", "image/tiff", "image/webp",
                          "application/pdf" };

  if (self->chooser != NULL || self->matter_id <= 0)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach a File"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos and scans"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (add_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- opening and saving -------------------------------------------------------------------- */

typedef struct
{
  JfDeskAttachmentList *self;      /* owned */
  GFile                *target;    /* where it goes; NULL: a private copy, then opened */
  char                 *name;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->target);
  g_free (download->name);
  g_free (download);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Download, download_free)

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(Download) download = data;
  JfDeskAttachmentList *self = download->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean open;

  open = g_object_get_data (G_OBJECT (source), "jf-open") != NULL;
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      text = g_strdup_printf (_("The file could not be written: %s"), error->message);
      set_status (self, text, TRUE);
      return;
    }
  set_busy (self, FALSE);
  if (open)
    {
      g_autofree char *uri = g_file_get_uri (G_FILE (source));

      gtk_show_uri (parent_window (self), uri, GDK_CURRENT_TIME);
      set_status (self, NULL, FALSE);
      return;
    }
  text = g_strdup_printf (_("Saved as %s"), download->name);
  set_status (self, text, FALSE);
}

static void
downloaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(Download) download = data;
  JfDeskAttachmentList *self = download->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = jf_desk_client_download_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, &error);
  GFile *target;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes == NULL)
    {
      g_autofree char *text = jf_desk_error_describe (error);

      set_busy (self, FALSE);
      set_status (self, text, TRUE);
      return;
    }
  target = download->target;
  if (target == NULL)
    {
      /* Opened from a private copy that only this user can read. */
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "jiefen", "attachments",
                                               NULL);
      g_autofree char *path = g_build_filename (dir, download->name, NULL);

      g_mkdir_with_parents (dir, 0700);
      download->target = target = g_file_new_for_path (path);
      g_object_set_data (G_OBJECT (target), "jf-open", GINT_TO_POINTER (1));
    }
  g_file_replace_contents_bytes_async (target, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, written_cb,
                                       g_steal_pointer (&download));
}

static void
fetch (JfDeskAttachmentList *self,
       JfDeskAttachment     *attachment,
       GFile                *target)
{
  Download *download = g_new0 (Download, 1);
  g_autofree char *path = g_strdup_printf ("/v1/attachments/%" G_GINT64_FORMAT,
                                           jf_desk_attachment_get_id (attachment));

  download->self = g_object_ref (self);
  download->target = target != NULL ? g_object_ref (target) : NULL;
  download->name = target != NULL ? g_file_get_basename (target)
                   : g_strdup_printf ("%" G_GINT64_FORMAT "-%s",
                                      jf_desk_attachment_get_id (attachment),
                                      jf_desk_attachment_get_filename (attachment));
  set_busy (self, TRUE);
  jf_desk_client_download_async (self->client, path, self->cancellable, downloaded_cb,
                                 download);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAttachmentList *self = JF_DESK_ATTACHMENT_LIST (widget);
  JfDeskAttachment *attachment = selected (self);

  if (attachment != NULL)
    fetch (self, attachment, NULL);
}

static void
activate_cb (GtkListView          *list,
             guint                 position,
             JfDeskAttachmentList *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  open_action (GTK_WIDGET (self), NULL, NULL);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         data)
{
  JfDeskAttachmentList *self = data;
  g_autoptr(GFile) file = NULL;
  JfDeskAttachment *attachment = selected (self);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL && attachment != NULL)
    fetch (self, attachment, file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAttachmentList *self = JF_DESK_ATTACHMENT_LIST (widget);
  JfDeskAttachment *attachment = selected (self);

  if (attachment == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Attachment"), parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     jf_desk_attachment_get_filename (attachment));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_attachment_list_dispose (GObject *object)
{
  JfDeskAttachmentList *self = JF_DESK_ATTACHMENT_LIST (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ATTACHMENT_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->attachments);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_attachment_list_parent_class)->dispose (object);
}

static void
jf_desk_attachment_list_finalize (GObject *object)
{
  g_free (JF_DESK_ATTACHMENT_LIST (object)->status);
  G_OBJECT_CLASS (jf_desk_attachment_list_parent_class)->finalize (object);
}

static void
jf_desk_attachment_list_class_init (JfDeskAttachmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_attachment_list_dispose;
  object_class->finalize = jf_desk_attachment_list_finalize;

  g_type_ensure (JF_DESK_TYPE_ATTACHMENT);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-attachment-list.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAttachmentList, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAttachmentList, add_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAttachmentList, empty_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAttachmentList, list);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAttachmentList, status_label);

  gtk_widget_class_install_action (widget_class, "attachments.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "attachments.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "attachments.add", NULL, add_action);
}

static void
jf_desk_attachment_list_init (JfDeskAttachmentList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->attachments = g_list_store_new (JF_DESK_TYPE_ATTACHMENT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->attachments)));
  factory = gtk_builder_list_item_factory_new_from_resource (NULL, JF_DESK_RESOURCE_PATH
                                                             "jf-desk-attachment-item.ui");
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list, "activate", G_CALLBACK (activate_cb), self, 0);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

void
jf_desk_attachment_list_set_client (JfDeskAttachmentList *self,
                                    JfDeskClient         *client)
{
  g_return_if_fail (JF_DESK_IS_ATTACHMENT_LIST (self));
  g_set_object (&self->client, client);
}

GListModel *
jf_desk_attachment_list_get_model (JfDeskAttachmentList *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT_LIST (self), NULL);
  return G_LIST_MODEL (self->attachments);
}

const char *
jf_desk_attachment_list_get_status (JfDeskAttachmentList *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT_LIST (self), NULL);
  return self->status != NULL ? self->status : "";
}
