/* jf-desk-receipt.h: the receipt of registration (受理回执) handed to the applicant
 *
 * Built from the matter document POST /v1/matters answers with. jf_desk_receipt_draw ()
 * is the one drawing of it: the dialog's preview, the printout and the PDF all call it,
 * so what the clerk sees is what the applicant gets.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The receipt is laid out on an A5 page, in points. */
#define JF_DESK_RECEIPT_WIDTH  419.53
#define JF_DESK_RECEIPT_HEIGHT 595.28

#define JF_DESK_TYPE_RECEIPT (jf_desk_receipt_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskReceipt, jf_desk_receipt, JF_DESK, RECEIPT, GObject)

/* @category_name: the category as the form showed it (the matter has only its slug).
 * NULL unless @matter has a number. */
JfDeskReceipt *jf_desk_receipt_new_from_matter (JsonObject    *matter,
                                                const char    *category_name);

const char    *jf_desk_receipt_get_number      (JfDeskReceipt *self);
const char    *jf_desk_receipt_get_title       (JfDeskReceipt *self);
const char    *jf_desk_receipt_get_centre      (JfDeskReceipt *self);
/* "2026年2月13日 09:30", or NULL. */
char          *jf_desk_receipt_format_registered (JfDeskReceipt *self);
/* "2026年2月20日（还剩 7 天）", or NULL when the matter has no running deadline. */
char          *jf_desk_receipt_format_deadline (JfDeskReceipt *self,
                                                GDateTime     *now);
/* One line per party: "申请人：张三（1101**********002X）". */
char          *jf_desk_receipt_format_parties  (JfDeskReceipt *self);

/* Draws the receipt scaled to fit @width × @height (in @cr's units), centred, on white.
 * @now is the moment for "time left". */
void           jf_desk_receipt_draw            (JfDeskReceipt *self,
                                                cairo_t       *cr,
                                                double         width,
                                                double         height,
                                                GDateTime     *now);

/* The QR code of @text as a square of modules drawn at (@x, @y), @size wide, in black;
 * FALSE when it cannot be encoded. */
gboolean       jf_desk_draw_qr_code            (cairo_t       *cr,
                                                const char    *text,
                                                double         x,
                                                double         y,
                                                double         size);

G_END_DECLS
