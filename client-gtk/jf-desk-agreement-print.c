/* jf-desk-agreement-print.c: the agreement's PDF through GtkPrintOperation */
#include "config.h"

#include <poppler.h>

#include "jf-desk-agreement-print.h"

/* poppler-glib 22.12 defines no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static PopplerDocument *
open_document (GBytes  *pdf,
               GError **error)
{
  return poppler_document_new_from_bytes (pdf, NULL, error);
}

int
jf_desk_agreement_pdf_n_pages (GBytes  *pdf,
                               GError **error)
{
  g_autoptr(PopplerDocument) document = open_document (pdf, error);

  return document != NULL ? poppler_document_get_n_pages (document) : -1;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           data)
{
  PopplerDocument *document = data;
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = 0, page_height = 0, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &page_width, &page_height);
  if (page_width <= 0 || page_height <= 0)
    return;
  /* The server's page fits the printer's, whatever paper is in it. */
  scale = MIN (gtk_print_context_get_width (context) / page_width,
               gtk_print_context_get_height (context) / page_height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
}

static GtkPrintOperation *
new_operation (GBytes      *pdf,
               const char  *job_name,
               GError     **error)
{
  g_autoptr(PopplerDocument) document = open_document (pdf, error);
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;

  if (document == NULL)
    return NULL;
  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The server's page has its own margins: draw it on the whole sheet. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
  if (job_name != NULL)
    gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_steal_pointer (&document),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return operation;
}

gboolean
jf_desk_agreement_print (GtkWindow   *parent,
                         GBytes      *pdf,
                         const char  *job_name,
                         GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = new_operation (pdf, job_name, error);

  if (operation == NULL)
    return FALSE;
  gtk_print_operation_set_allow_async (operation, TRUE);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

gboolean
jf_desk_agreement_print_to_file (GtkWindow   *parent,
                                 GBytes      *pdf,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = new_operation (pdf, NULL, error);

  if (operation == NULL)
    return FALSE;
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent,
                                  error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
