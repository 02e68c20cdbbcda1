/* jf-desk-receipt-dialog.c: preview, print and PDF of the receipt */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-desk-receipt-dialog.h"
#include "jf-desk-resources.h"

struct _JfDeskReceiptDialog
{
  GtkWindow            parent_instance;

  JfDeskReceipt       *receipt;       /* owned */
  GtkFileChooserNative *chooser;      /* owned while asking where to save */

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkDrawingArea      *preview;
  GtkLabel            *number_label;
  GtkLabel            *title_label;
  GtkLabel            *deadline_label;
  GtkButton           *new_button;
};

G_DEFINE_FINAL_TYPE (JfDeskReceiptDialog, jf_desk_receipt_dialog, GTK_TYPE_WINDOW)

enum {
  NEW_INTAKE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  JfDeskReceiptDialog *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const double pad = 16;

  if (self->receipt == NULL || width <= 2 * pad || height <= 2 * pad)
    return;
  /* A page on a desk: a soft shadow under the paper. */
  cairo_save (cr);
  cairo_translate (cr, pad, pad);
  jf_desk_receipt_draw (self->receipt, cr, width - 2 * pad, height - 2 * pad, now);
  cairo_restore (cr);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           data)
{
  JfDeskReceiptDialog *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  jf_desk_receipt_draw (self->receipt, gtk_print_context_get_cairo_context (context),
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context), now);
}

static GtkPrintOperation *
new_operation (JfDeskReceiptDialog *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a5 = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autofree char *job = g_strdup_printf (_("Receipt %s"),
                                          jf_desk_receipt_get_number (self->receipt));

  gtk_page_setup_set_paper_size_and_default_margins (setup, a5);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  return operation;
}

static void
toast (JfDeskReceiptDialog *self,
       const char          *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 data)
{
  JfDeskReceiptDialog *self = data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("Could not print: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    toast (self, _("Sent to the printer"));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JfDeskReceiptDialog *self = JF_DESK_RECEIPT_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = new_operation (self);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Could not print: %s"), error->message);

      toast (self, message);
    }
}

gboolean
jf_desk_receipt_dialog_export_pdf (JfDeskReceiptDialog  *self,
                                   const char           *path,
                                   GError              **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (JF_DESK_IS_RECEIPT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = new_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self),
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         data)
{
  JfDeskReceiptDialog *self = data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Choose a folder on this computer"));
      return;
    }
  if (!jf_desk_receipt_dialog_export_pdf (self, path, &error))
    message = g_strdup_printf (_("Could not save the PDF: %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      message = g_strdup_printf (_("Saved as %s"), name);
    }
  toast (self, message);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JfDeskReceiptDialog *self = JF_DESK_RECEIPT_DIALOG (widget);
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Receipt as PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* TRANSLATORS: the file name offered for a receipt; %s is the matter number. */
  name = g_strdup_printf (_("Receipt %s.pdf"), jf_desk_receipt_get_number (self->receipt));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
new_intake_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JfDeskReceiptDialog *self = JF_DESK_RECEIPT_DIALOG (widget);

  g_signal_emit (self, signals[NEW_INTAKE], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
jf_desk_receipt_dialog_dispose (GObject *object)
{
  JfDeskReceiptDialog *self = JF_DESK_RECEIPT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8: it drops the template's
   * reference on the window's child, which GtkWindow then unparents a second time. The
   * window disposes of its children itself. */
  G_OBJECT_CLASS (jf_desk_receipt_dialog_parent_class)->dispose (object);
}

static void
jf_desk_receipt_dialog_finalize (GObject *object)
{
  JfDeskReceiptDialog *self = JF_DESK_RECEIPT_DIALOG (object);

  g_clear_object (&self->receipt);
  G_OBJECT_CLASS (jf_desk_receipt_dialog_parent_class)->finalize (object);
}

static void
jf_desk_receipt_dialog_class_init (JfDeskReceiptDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_receipt_dialog_dispose;
  object_class->finalize = jf_desk_receipt_dialog_finalize;

  /* The user asked for the next intake (Ctrl+N or the button); the dialog then closes. */
  signals[NEW_INTAKE] = g_signal_new ("new-intake", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-receipt-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, number_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskReceiptDialog, new_button);

  gtk_widget_class_install_action (widget_class, "receipt.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "receipt.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "receipt.new-intake", NULL, new_intake_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "receipt.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "receipt.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "receipt.new-intake", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jf_desk_receipt_dialog_init (JfDeskReceiptDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
}

JfDeskReceiptDialog *
jf_desk_receipt_dialog_new (GtkWindow     *parent,
                            JfDeskReceipt *receipt)
{
  JfDeskReceiptDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *deadline = NULL;
  g_autofree char *deadline_text = NULL;

  g_return_val_if_fail (JF_DESK_IS_RECEIPT (receipt), NULL);

  self = g_object_new (JF_DESK_TYPE_RECEIPT_DIALOG, "transient-for", parent, NULL);
  self->receipt = g_object_ref (receipt);
  gtk_label_set_text (self->number_label, jf_desk_receipt_get_number (receipt));
  gtk_label_set_text (self->title_label, jf_desk_receipt_get_title (receipt));
  deadline = jf_desk_receipt_format_deadline (receipt, now);
  if (deadline != NULL)
    {
      /* TRANSLATORS: under the matter number: when acceptance is decided at the latest. */
      deadline_text = g_strdup_printf (_("Decision on acceptance by %s"), deadline);
      gtk_label_set_text (self->deadline_label, deadline_text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), deadline != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
  gtk_widget_grab_focus (GTK_WIDGET (self->new_button));
  return self;
}

JfDeskReceipt *
jf_desk_receipt_dialog_get_receipt (JfDeskReceiptDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEIPT_DIALOG (self), NULL);
  return self->receipt;
}
