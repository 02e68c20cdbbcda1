/* jfd-agreement-pdf.h: a people's mediation agreement (人民调解协议书) as a PDF
 *
 * Drawn with cairo and pango in Noto Serif CJK SC on A4 with the margins of GB/T 9704
 * (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm): the committee, the number, the
 * parties with their roles and masked ID numbers, the facts, the terms, the performance
 * deadline, the number of copies, the signature lines with their recorded times and the
 * place of the committee's seal. Text is wrapped and runs onto as many pages as it needs.
 *
 * Blocking (fonts, layout, compression): call it on a worker thread. Pango's default
 * font map is per thread, so concurrent renderings do not share one.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @agreement: a document of jf.agreement_json (schema/0011). */
GBytes *jfd_agreement_pdf_render (JsonObject  *agreement,
                                  GError     **error);

G_END_DECLS
