/* jf-desk-dashboard-export.c: the CSV and the PDF report of a view of the statistics */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jf-desk-dashboard-export.h"
#include "jf-desk-chart-private.h"

/* The receipt's font (jf-desk-receipt.c): Han characters in their Simplified forms. */
#define REPORT_FONT "Noto Sans CJK SC, Noto Sans, Sans"
/* A4 in points, and its margins. */
#define PAGE_WIDTH 595.0
#define PAGE_HEIGHT 842.0
#define MARGIN 42.0
#define CARD_GAP 8.0

char *
jf_desk_dashboard_export_title (JfDeskStatsReport *report)
{
  /* TRANSLATORS: the title of the statistics report: the unit's name. */
  return g_strdup_printf (_("%s: dispute resolution statistics"),
                          jf_desk_stats_report_get_scope_name (report));
}

/* --- CSV ----------------------------------------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  text = text != NULL ? text : "";
  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
csv_number (double value,
            gboolean fraction)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value < 0)
    return g_strdup ("");
  if (!fraction && value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, fraction ? "%.4f" : "%.2f", value));
}

/* One figure: its group, its name, its code, its value and its fraction (< 0: none). */
static void
csv_row (GString    *out,
         const char *group,
         const char *name,
         const char *code,
         double      value,
         gboolean    fraction,
         double      numerator,
         double      denominator)
{
  g_autofree char *v = csv_number (value, fraction);
  g_autofree char *n = csv_number (numerator, FALSE);
  g_autofree char *d = csv_number (denominator, FALSE);

  csv_field (out, group, FALSE);
  csv_field (out, name, FALSE);
  csv_field (out, code, FALSE);
  csv_field (out, v, FALSE);
  csv_field (out, n, FALSE);
  csv_field (out, d, TRUE);
}

static void
csv_chart (GString         *out,
           JfDeskChartData *chart)
{
  for (guint i = 0; i < jf_desk_chart_data_get_n_items (chart); i++)
    {
      JfDeskChartItem *item = jf_desk_chart_data_get (chart, i);

      for (guint v = 0; v < chart->n_series; v++)
        {
          g_autofree char *name = NULL;
          /* A rate (a value with its denominator, the departments') is written as a rate;
           * the villages' index keeps its two places. */
          gboolean fraction = chart->kind == JF_DESK_CHART_TABLE && item->denominators[v] >= 0;

          if (chart->n_series > 1)
            /* TRANSLATORS: a figure of a chart with several values: the item · the value. */
            name = g_strdup_printf (_("%s · %s"), item->label, chart->series[v]);
          csv_row (out, chart->title, name != NULL ? name : item->label, item->code,
                   item->values[v], fraction,
                   item->numerators[v], item->denominators[v]);
        }
    }
}

char *
jf_desk_dashboard_export_csv_text (JfDeskStatsReport *report,
                                   JfDeskStatsChart   trend)
{
  GString *out = g_string_new ("\xef\xbb\xbf");
  g_autofree char *title = jf_desk_dashboard_export_title (report);
  const char *as_of = jf_desk_stats_report_get_as_of (report);

  csv_field (out, title, TRUE);
  csv_field (out, _("Unit"), FALSE);
  csv_field (out, jf_desk_stats_report_get_scope_name (report), FALSE);
  csv_field (out, jf_desk_stats_report_get_scope_code (report), TRUE);
  csv_field (out, _("Range"), FALSE);
  csv_field (out, jf_desk_stats_report_get_from (report), FALSE);
  csv_field (out, jf_desk_stats_report_get_to (report), TRUE);
  csv_field (out, _("Counted at"), FALSE);
  csv_field (out, as_of != NULL ? as_of : _("being recounted"), TRUE);
  g_string_append (out, "\r\n");
  csv_field (out, _("Group"), FALSE);
  csv_field (out, _("Figure"), FALSE);
  csv_field (out, _("Code"), FALSE);
  csv_field (out, _("Value"), FALSE);
  csv_field (out, _("Numerator"), FALSE);
  csv_field (out, _("Denominator"), TRUE);

  for (guint i = 0; i < jf_desk_stats_report_get_n_cards (report); i++)
    {
      const JfDeskStatsCard *card = jf_desk_stats_report_get_card (report, i);

      csv_row (out, _("Overview"), card->title, card->id, card->value_number,
               card->numerator >= 0, card->numerator, card->denominator);
      if (card->shortfall != NULL)
        csv_row (out, _("Overview"), card->shortfall_title, card->shortfall_code,
                 card->denominator >= 0 && card->numerator >= 0
                   ? card->denominator - card->numerator : -1, FALSE, -1, -1);
    }
  for (guint c = 0; c < JF_DESK_STATS_N_CHARTS; c++)
    if ((c != JF_DESK_STATS_TREND_WEEKS && c != JF_DESK_STATS_TREND_MONTHS) || c == trend)
      csv_chart (out, jf_desk_stats_report_get_chart (report, c));
  return g_string_free (out, FALSE);
}

gboolean
jf_desk_dashboard_export_csv (JfDeskStatsReport  *report,
                              JfDeskStatsChart    trend,
                              const char         *path,
                              GError            **error)
{
  g_autofree char *text = jf_desk_dashboard_export_csv_text (report, trend);

  return g_file_set_contents (path, text, -1, error);
}

/* --- PDF ----------------------------------------------------------------------------------- */

typedef struct
{
  cairo_t               *cr;
  PangoContext          *pango;
  PangoFontDescription  *font;
  JfDeskChartStyle       style;
  double                 y;
  guint                  page;
} Pen;

static double
pen_text (Pen           *pen,
          const char    *text,
          double         scale,
          gboolean       bold,
          const GdkRGBA *color,
          double         x,
          double         width)
{
  g_autoptr(PangoLayout) layout = jf_desk_chart_layout (&pen->style, text, scale, bold);
  double height;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  jf_desk_chart_layout_size (layout, NULL, &height);
  jf_desk_chart_show (pen->cr, layout, color, x, pen->y, 0);
  return height;
}

static void
footer (Pen *pen)
{
  g_autofree char *text = g_strdup_printf (_("Page %u"), pen->page);
  g_autoptr(PangoLayout) layout = jf_desk_chart_layout (&pen->style, text, 0.9, FALSE);
  double width;

  jf_desk_chart_layout_size (layout, &width, NULL);
  jf_desk_chart_show (pen->cr, layout, &pen->style.dim, (PAGE_WIDTH - width) / 2,
                      PAGE_HEIGHT - MARGIN / 1.6, 0);
}

/* A new page unless @height still fits on this one. */
static void
need (Pen    *pen,
      double  height)
{
  if (pen->y + height <= PAGE_HEIGHT - MARGIN)
    return;
  footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
}

static void
draw_cards (Pen               *pen,
            JfDeskStatsReport *report)
{
  guint n = jf_desk_stats_report_get_n_cards (report);
  guint columns = 4;
  double width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * CARD_GAP) / columns;
  double height = 68;
  /* What fell short, in the screen's warning colour (libadwaita's dark yellow). */
  static const GdkRGBA warning = { 0.61, 0.43, 0.01, 1 };

  for (guint i = 0; i < n; i++)
    {
      const JfDeskStatsCard *card = jf_desk_stats_report_get_card (report, i);
      double x = MARGIN + (i % columns) * (width + CARD_GAP);
      double top = pen->y + (i / columns) * (height + CARD_GAP);
      double saved = pen->y;

      cairo_save (pen->cr);
      jf_desk_chart_rounded (pen->cr, x, top, width, height, 5);
      cairo_set_source_rgba (pen->cr, 0.21, 0.52, 0.89, 0.07);
      cairo_fill_preserve (pen->cr);
      cairo_set_source_rgba (pen->cr, 0.21, 0.52, 0.89, 0.35);
      cairo_set_line_width (pen->cr, 0.8);
      cairo_stroke (pen->cr);
      cairo_restore (pen->cr);
      pen->y = top + 6;
      pen->y += pen_text (pen, card->title, 1, FALSE, &pen->style.dim, x + 8, width - 16);
      pen->y += pen_text (pen, card->value, 1.9, TRUE, &pen->style.fg, x + 8, width - 16);
      if (card->detail != NULL)
        pen->y += pen_text (pen, card->detail, 0.95, FALSE, &pen->style.dim, x + 8, width - 16);
      if (card->shortfall != NULL)
        pen_text (pen, card->shortfall, 0.95, FALSE, &warning, x + 8, width - 16);
      pen->y = saved;
    }
  pen->y += ((n + columns - 1) / columns) * (height + CARD_GAP) + 6;
}

static void
draw_chart (Pen             *pen,
            JfDeskChartData *chart)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  double height = jf_desk_chart_measure (chart, &pen->style, width);
  double heading;

  /* The heading stays with its chart. */
  need (pen, 22 + height);
  heading = pen_text (pen, chart->title, 1.35, TRUE, &pen->style.fg, MARGIN, width);
  pen->y += heading + 6;
  cairo_save (pen->cr);
  cairo_translate (pen->cr, MARGIN, pen->y);
  jf_desk_chart_render (chart, &pen->style, pen->cr, width, height, -1, -1, NULL);
  cairo_restore (pen->cr);
  pen->y += height + 4;
  if (chart->note != NULL)
    pen->y += pen_text (pen, chart->note, 0.9, FALSE, &pen->style.dim, MARGIN, width);
  pen->y += 16;
}

gboolean
jf_desk_dashboard_export_pdf (JfDeskStatsReport  *report,
                              JfDeskStatsChart    trend,
                              const char         *path,
                              GError            **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  g_autofree char *title = jf_desk_dashboard_export_title (report);
  g_autofree char *range = NULL;
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (china);
  g_autofree char *made = g_date_time_format (now, "%Y-%m-%d %H:%M");
  const char *as_of = jf_desk_stats_report_get_as_of (report);
  cairo_status_t status;
  Pen pen = { 0, };

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "jiefen-desk");
  pen.cr = cairo_create (surface);
  pen.pango = pango_cairo_create_context (pen.cr);
  /* One unit a point: font sizes are the page's. */
  pango_cairo_context_set_resolution (pen.pango, 72);
  pen.font = pango_font_description_from_string (REPORT_FONT);
  jf_desk_chart_style_init_print (&pen.style, pen.pango, pen.font);
  pen.page = 1;
  pen.y = MARGIN;

  pen.y += pen_text (&pen, title, 2.0, TRUE, &pen.style.fg, MARGIN, PAGE_WIDTH - 2 * MARGIN);
  pen.y += 4;
  /* TRANSLATORS: under the report's title: the range, when counted, when printed. */
  range = g_strdup_printf (_("From %s to %s · counted %s · printed %s"),
                           jf_desk_stats_report_get_from (report),
                           jf_desk_stats_report_get_to (report),
                           as_of != NULL ? as_of : _("being recounted"), made);
  pen.y += pen_text (&pen, range, 1, FALSE, &pen.style.dim, MARGIN, PAGE_WIDTH - 2 * MARGIN);
  pen.y += 12;
  draw_cards (&pen, report);
  for (guint c = 0; c < JF_DESK_STATS_N_CHARTS; c++)
    if ((c != JF_DESK_STATS_TREND_WEEKS && c != JF_DESK_STATS_TREND_MONTHS) || c == trend)
      draw_chart (&pen, jf_desk_stats_report_get_chart (report, c));
  footer (&pen);
  cairo_show_page (pen.cr);

  pango_font_description_free (pen.font);
  g_object_unref (pen.pango);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
