/* jfd-agreement-pdf.c: drawing an agreement, line by line, onto as many A4 pages as needed */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "jf-error.h"
#include "jfd-agreement-pdf.h"

#define MM(x)          ((x) * 72.0 / 25.4)
#define PAGE_WIDTH     MM (210.0)
#define PAGE_HEIGHT    MM (297.0)
#define MARGIN_TOP     MM (37.0)
#define MARGIN_BOTTOM  MM (35.0)
#define MARGIN_LEFT    MM (28.0)
#define MARGIN_RIGHT   MM (26.0)
#define TEXT_WIDTH     (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define BODY_SIZE      14.0   /* 四号 */

#define FONT_TITLE     "Noto Serif CJK SC Bold 22"
#define FONT_BODY      "Noto Serif CJK SC 14"
#define FONT_HEADING   "Noto Sans CJK SC Bold 14"
#define FONT_SMALL     "Noto Serif CJK SC 10.5"

typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  double        y;      /* where the next line goes */
  int           page;   /* 1-based */
} Doc;

typedef enum
{
  PARA_PLAIN  = 0,
  PARA_INDENT = 1 << 0,   /* the first line indented by two characters */
  PARA_CENTRE = 1 << 1,
  PARA_RIGHT  = 1 << 2,
} ParaFlags;

static void
draw_footer (Doc *doc)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (doc->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_SMALL);
  g_autofree char *text = g_strdup_printf ("— %d —", doc->page);
  int width, height;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, &height);
  cairo_move_to (doc->cr, (PAGE_WIDTH - (double) width / PANGO_SCALE) / 2,
                 PAGE_HEIGHT - MARGIN_BOTTOM / 2);
  pango_cairo_show_layout (doc->cr, layout);
}

static void
new_page (Doc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN_TOP;
}

/* Lays @text out at the full text width and draws it line by line, turning the page
 * whenever the next line would cross the bottom margin. */
static void
paragraph (Doc        *doc,
           const char *font_name,
           const char *text,
           ParaFlags   flags,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (doc->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);
  PangoLayoutIter *iter;
  double shift = doc->y;   /* page y of the layout's top, for the lines on this page */
  double bottom = 0;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, 1.4);
  if (flags & PARA_INDENT)
    pango_layout_set_indent (layout, (int) (2 * BODY_SIZE * PANGO_SCALE));
  pango_layout_set_alignment (layout, (flags & PARA_CENTRE) ? PANGO_ALIGN_CENTER
                                      : (flags & PARA_RIGHT) ? PANGO_ALIGN_RIGHT
                                      : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      double top, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (shift + bottom > PAGE_HEIGHT - MARGIN_BOTTOM && shift + top > MARGIN_TOP)
        {
          new_page (doc);
          shift = MARGIN_TOP - top;
        }
      cairo_move_to (doc->cr, MARGIN_LEFT + (double) logical.x / PANGO_SCALE, shift + baseline);
      pango_cairo_show_layout_line (doc->cr, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  doc->y = shift + bottom + space_after;
}

/* Text that may hold several paragraphs, one per line break. */
static void
paragraphs (Doc        *doc,
            const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        paragraph (doc, FONT_BODY, lines[i], PARA_INDENT, 4);
    }
  doc->y += 6;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "applicant") == 0)
    return "申请人";
  if (g_strcmp0 (role, "respondent") == 0)
    return "被申请人";
  if (g_strcmp0 (role, "third_party") == 0)
    return "第三人";
  return "当事人";
}

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* "2026-11-26" or "2026-11-26T14:03:00+08:00" as 2026年11月26日 (14:03). */
static char *
chinese_date (const char *text,
              gboolean    with_time)
{
  guint y, m, d, hh, mm;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &y, &m, &d) != 3)
    return g_strdup ("　　　　年　　月　　日");
  if (with_time && sscanf (text, "%*4u-%*2u-%*2uT%2u:%2u", &hh, &mm) == 2)
    return g_strdup_printf ("%u年%u月%u日 %02u:%02u", y, m, d, hh, mm);
  return g_strdup_printf ("%u年%u月%u日", y, m, d);
}

static void
draw_parties (Doc        *doc,
              JsonArray  *parties)
{
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "当事人（%s）：%s", role_label (member (party, "role")),
                              member (party, "name"));
      if (member (party, "organisation") != NULL)
        g_string_append_printf (line, "，单位：%s", member (party, "organisation"));
      if (member (party, "id_number") != NULL)
        g_string_append_printf (line, "，公民身份号码：%s", member (party, "id_number"));
      if (member (party, "address") != NULL)
        g_string_append_printf (line, "，住址：%s", member (party, "address"));
      g_string_append (line, "。");
      paragraph (doc, FONT_BODY, line->str, PARA_PLAIN, 4);
    }
  doc->y += 8;
}

/* One signature: who signs, the line to sign on, and when it was recorded. */
static void
signature (Doc        *doc,
           const char *who,
           const char *signed_at)
{
  g_autofree char *text = g_strdup_printf ("%s　　签名：", who);
  g_autofree char *when = chinese_date (signed_at, TRUE);
  g_autofree char *at = g_strdup_printf ("签署时间：%s", when);
  g_autoptr(PangoLayout) layout = pango_layout_new (doc->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_BODY);
  double x, baseline;
  int width;

  if (doc->y + 2.4 * BODY_SIZE * 1.4 > PAGE_HEIGHT - MARGIN_BOTTOM)
    new_page (doc);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, NULL);
  baseline = doc->y + (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  paragraph (doc, FONT_BODY, text, PARA_PLAIN, 0);
  /* The line the person signs on, drawn rather than typed: it never wraps. */
  x = MARGIN_LEFT + MIN ((double) width / PANGO_SCALE, TEXT_WIDTH - MM (40));
  cairo_save (doc->cr);
  cairo_set_line_width (doc->cr, 0.6);
  cairo_new_path (doc->cr);
  cairo_move_to (doc->cr, x + 2, baseline + 3);
  cairo_line_to (doc->cr, MIN (x + MM (45), MARGIN_LEFT + TEXT_WIDTH), baseline + 3);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  paragraph (doc, FONT_SMALL, at, PARA_INDENT, 12);
}

static void
draw_signatures (Doc        *doc,
                 JsonObject *agreement)
{
  JsonArray *parties = json_object_get_array_member (agreement, "parties");
  JsonObject *mediator = NULL;
  JsonNode *node = json_object_get_member (agreement, "mediator");
  g_autofree char *mediator_line = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    mediator = json_node_get_object (node);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      g_autofree char *who = g_strdup_printf ("当事人（%s）：%s",
                                              role_label (member (party, "role")),
                                              member (party, "name"));

      signature (doc, who, member (party, "signed_at"));
    }
  mediator_line = g_strdup_printf ("人民调解员：%s", mediator != NULL ? member (mediator, "name")
                                                                     : "＿＿＿＿＿＿");
  signature (doc, mediator_line, member (mediator, "signed_at"));
  doc->y += 8;
}

/* The seal goes over the committee's name and the date, on the right. */
static void
draw_seal_place (Doc        *doc,
                 JsonObject *agreement)
{
  const double radius = MM (19);
  g_autofree char *date = chinese_date (member (agreement, "effective_on"), FALSE);
  double cx, cy, top;

  if (doc->y + 2 * radius + 8 > PAGE_HEIGHT - MARGIN_BOTTOM)
    new_page (doc);
  top = doc->y;
  cx = PAGE_WIDTH - MARGIN_RIGHT - radius - MM (6);
  cy = top + radius + 4;
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (doc->cr, 0.8);
  cairo_set_dash (doc->cr, (const double[]) { 4, 3 }, 2, 0);
  cairo_new_path (doc->cr);
  cairo_arc (doc->cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  doc->y = cy - 36;
  paragraph (doc, FONT_BODY, member (agreement, "committee") != NULL
                             ? member (agreement, "committee") : "人民调解委员会",
             PARA_RIGHT, 0);
  paragraph (doc, FONT_SMALL, "（人民调解委员会印章）", PARA_RIGHT, 0);
  paragraph (doc, FONT_BODY, date, PARA_RIGHT, 0);
  doc->y = MAX (doc->y, cy + radius + 4);
}

static void
draw (Doc        *doc,
      JsonObject *agreement)
{
  JsonArray *parties = json_object_get_array_member (agreement, "parties");
  g_autofree char *number = g_strdup_printf ("编号：%s", member (agreement, "number") != NULL
                                                         ? member (agreement, "number") : "");
  g_autofree char *due = chinese_date (member (agreement, "performance_due"), FALSE);
  g_autofree char *performance = g_strdup_printf ("当事人应于%s前履行本协议约定的义务。", due);
  g_autofree char *copies = g_strdup_printf ("本协议一式%u份，当事人各执一份，人民调解委员会留存一份。",
                                             (parties != NULL ? json_array_get_length (parties)
                                                              : 0) + 1);

  paragraph (doc, FONT_TITLE, "人民调解协议书", PARA_CENTRE, 6);
  paragraph (doc, FONT_BODY, member (agreement, "committee") != NULL
                             ? member (agreement, "committee") : "", PARA_CENTRE, 2);
  paragraph (doc, FONT_SMALL, number, PARA_RIGHT, 14);
  draw_parties (doc, parties);
  paragraph (doc, FONT_HEADING, "纠纷事实", PARA_PLAIN, 4);
  paragraphs (doc, member (agreement, "facts"));
  paragraph (doc, FONT_HEADING, "协议内容", PARA_PLAIN, 4);
  paragraph (doc, FONT_BODY, "经人民调解委员会调解，当事人自愿达成如下协议：", PARA_INDENT, 4);
  paragraphs (doc, member (agreement, "terms"));
  paragraph (doc, FONT_HEADING, "履行期限", PARA_PLAIN, 4);
  paragraph (doc, FONT_BODY, performance, PARA_INDENT, 10);
  paragraph (doc, FONT_BODY, "本协议经各方当事人和人民调解员签名、人民调解委员会盖章后生效。",
             PARA_INDENT, 4);
  paragraph (doc, FONT_BODY, copies, PARA_INDENT, 24);
  draw_signatures (doc, agreement);
  draw_seal_place (doc, agreement);
  draw_footer (doc);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
jfd_agreement_pdf_render (JsonObject  *agreement,
                          GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;
  Doc doc = { NULL, };

  surface = cairo_pdf_surface_create_for_stream (append_cb, out, PAGE_WIDTH, PAGE_HEIGHT);
  title = g_strdup_printf ("人民调解协议书 %s", member (agreement, "number") != NULL
                                                ? member (agreement, "number") : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jiefen (解纷)");
  doc.cr = cairo_create (surface);
  doc.context = pango_cairo_create_context (doc.cr);
  doc.y = MARGIN_TOP;
  doc.page = 1;
  cairo_set_source_rgb (doc.cr, 0, 0, 0);
  draw (&doc, agreement);
  g_object_unref (doc.context);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      jf_set_error (error, JF_ERROR_INTERNAL, NULL, "cairo could not write the PDF: %s",
                    cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
