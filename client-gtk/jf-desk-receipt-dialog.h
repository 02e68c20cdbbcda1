/* jf-desk-receipt-dialog.h: the receipt after a successful intake: preview, print, PDF */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-receipt.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_RECEIPT_DIALOG (jf_desk_receipt_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskReceiptDialog, jf_desk_receipt_dialog, JF_DESK, RECEIPT_DIALOG,
                      GtkWindow)

JfDeskReceiptDialog *jf_desk_receipt_dialog_new        (GtkWindow           *parent,
                                                        JfDeskReceipt       *receipt);
JfDeskReceipt       *jf_desk_receipt_dialog_get_receipt (JfDeskReceiptDialog *self);
/* Writes the receipt as a one-page PDF to @path (what "Save as PDF" does after asking). */
gboolean             jf_desk_receipt_dialog_export_pdf (JfDeskReceiptDialog *self,
                                                        const char          *path,
                                                        GError             **error);

G_END_DECLS
