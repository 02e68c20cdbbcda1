/* jf-desk-chart-table.c: a table whose rates are drawn as small bars (the departments'
 * whistle figures: check-in on time, done on time, mean rating), one row an item
 */
#include "config.h"

#include "jf-desk-chart-private.h"

#define GAP 8.0
#define LABEL_SHARE 0.34

static double
row_height (const JfDeskChartStyle *style)
{
  return style->row * 1.15;
}

double
jf_desk_chart_table_measure (JfDeskChartData        *data,
                             const JfDeskChartStyle *style,
                             double                  width)
{
  return (MAX (jf_desk_chart_data_get_n_shown (data), 1u) + 1) * row_height (style) + 2;
}

/* A rate: a bar as long as the share, the text after it. */
static void
draw_rate (cairo_t                *cr,
           const JfDeskChartStyle *style,
           const JfDeskChartItem  *item,
           guint                   v,
           double                  x,
           double                  y,
           double                  width,
           double                  height)
{
  g_autofree char *text = jf_desk_chart_item_text (item, v);
  g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, text, 0.95, FALSE);
  double bar = MIN (width * 0.4, style->row * 3);
  double thickness = height * 0.4;
  double share = item->denominators[v] > 0 ? item->numerators[v] / item->denominators[v] : 0;
  double th;

  jf_desk_chart_layout_size (layout, NULL, &th);
  if (item->denominators[v] > 0)
    {
      gdk_cairo_set_source_rgba (cr, &style->track);
      jf_desk_chart_rounded (cr, x, y + (height - thickness) / 2, bar, thickness, 2);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, share >= 0.9 ? &style->series[1]
                                     : share >= 0.6 ? &style->series[0] : &style->series[2]);
      if (share > 0)
        {
          jf_desk_chart_rounded (cr, x, y + (height - thickness) / 2, MAX (bar * share, 3),
                                 thickness, 2);
          cairo_fill (cr);
        }
      x += bar + 6;
      width -= bar + 6;
    }
  jf_desk_chart_show (cr, layout, item->denominators[v] == 0 ? &style->dim : &style->fg, x,
                      y + (height - th) / 2, width);
}

void
jf_desk_chart_table_draw (JfDeskChartData        *data,
                          const JfDeskChartStyle *style,
                          cairo_t                *cr,
                          double                  width,
                          double                  height,
                          int                     selected,
                          int                     hover,
                          GArray                 *hits)
{
  double h = row_height (style);
  double label_width = width * LABEL_SHARE;
  double column = (width - label_width) / MAX (data->n_series, 1u);

  /* The headers. */
  {
    g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, data->label_header, 0.9, TRUE);
    double th;

    jf_desk_chart_layout_size (layout, NULL, &th);
    jf_desk_chart_show (cr, layout, &style->dim, 0, (h - th) / 2, label_width - GAP);
    for (guint v = 0; v < data->n_series; v++)
      {
        g_autoptr(PangoLayout) header = jf_desk_chart_layout (style, data->series[v], 0.9, TRUE);

        jf_desk_chart_show (cr, header, &style->dim, label_width + v * column, (h - th) / 2,
                            column - GAP);
      }
    cairo_set_source_rgba (cr, style->dim.red, style->dim.green, style->dim.blue, 0.35);
    cairo_set_line_width (cr, 1);
    cairo_move_to (cr, 0, h - 0.5);
    cairo_line_to (cr, width, h - 0.5);
    cairo_stroke (cr);
  }

  for (guint i = 0; i < jf_desk_chart_data_get_n_shown (data); i++)
    {
      JfDeskChartItem *item = data->items->pdata[i];
      double y = (i + 1) * h + 1;
      g_autoptr(PangoLayout) label = jf_desk_chart_layout (style, item->label, 1, FALSE);
      graphene_rect_t row;
      double th;

      graphene_rect_init (&row, 0, (float) y, (float) width, (float) h);
      if ((int) i == hover && (int) i != selected)
        jf_desk_chart_mark (cr, style, &row, FALSE);
      jf_desk_chart_layout_size (label, NULL, &th);
      jf_desk_chart_show (cr, label, &style->fg, 0, y + (h - th) / 2, label_width - GAP);
      for (guint v = 0; v < data->n_series; v++)
        draw_rate (cr, style, item, v, label_width + v * column, y, column - GAP, h);
      if ((int) i == selected)
        jf_desk_chart_mark (cr, style, &row, TRUE);
      jf_desk_chart_add_hit (hits, 0, y, width, h);
    }
}
