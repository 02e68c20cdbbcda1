/* jf-desk-agreement-print.h: printing the server's PDF of a mediation agreement
 *
 * The agreement is drawn by the server (GET /v1/agreements/{id}/pdf), so that every copy,
 * printed here or anywhere, is the same document. Its pages are rendered with
 * poppler-glib into a GtkPrintOperation: the desktop's print dialog, its printers, and
 * "print to file".
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Number of pages in @pdf, or -1 (with @error) when it is not a PDF poppler can read. */
int      jf_desk_agreement_pdf_n_pages (GBytes      *pdf,
                                        GError     **error);
/* Shows the print dialog for @pdf (@job_name names the job) and prints asynchronously. */
gboolean jf_desk_agreement_print       (GtkWindow   *parent,
                                        GBytes      *pdf,
                                        const char  *job_name,
                                        GError     **error);
/* Prints @pdf to a PDF file at @path without a dialog (what "print to file" does). */
gboolean jf_desk_agreement_print_to_file (GtkWindow   *parent,
                                          GBytes      *pdf,
                                          const char  *path,
                                          GError     **error);

G_END_DECLS
