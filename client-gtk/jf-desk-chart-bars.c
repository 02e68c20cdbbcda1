/* jf-desk-chart-bars.c: horizontal bars, one an item: its label, its bar, its value */
#include "config.h"

#include "jf-desk-chart-private.h"

#define GAP 8.0
/* The labels' column takes at most this share of the width. */
#define LABEL_SHARE 0.4

double
jf_desk_chart_bars_measure (JfDeskChartData        *data,
                            const JfDeskChartStyle *style,
                            double                  width)
{
  return MAX (jf_desk_chart_data_get_n_shown (data), 1u) * style->row + 2;
}

/* The widest of the items' texts for value @v (labels when @v < 0). */
static double
widest (JfDeskChartData        *data,
        const JfDeskChartStyle *style,
        int                     v)
{
  double max = 0;

  for (guint i = 0; i < jf_desk_chart_data_get_n_shown (data); i++)
    {
      JfDeskChartItem *item = data->items->pdata[i];
      g_autofree char *text = v < 0 ? g_strdup (item->label)
                              : jf_desk_chart_item_text (item, (guint) v);
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, text, 1, FALSE);
      double w;

      jf_desk_chart_layout_size (layout, &w, NULL);
      max = MAX (max, w);
    }
  return max;
}

void
jf_desk_chart_bars_draw (JfDeskChartData        *data,
                         const JfDeskChartStyle *style,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         int                     selected,
                         int                     hover,
                         GArray                 *hits)
{
  double label_width = MIN (widest (data, style, -1), width * LABEL_SHARE);
  double value_width = widest (data, style, 0);
  double bar_x = label_width + GAP;
  double bar_span = MAX (width - bar_x - GAP - value_width, 10);
  double max = jf_desk_chart_max (data, 0);
  double thickness = style->row * 0.55;

  for (guint i = 0; i < jf_desk_chart_data_get_n_shown (data); i++)
    {
      JfDeskChartItem *item = data->items->pdata[i];
      double y = 1 + i * style->row;
      double length = max > 0 ? bar_span * item->values[0] / max : 0;
      g_autofree char *value = jf_desk_chart_item_text (item, 0);
      g_autoptr(PangoLayout) label = jf_desk_chart_layout (style, item->label, 1, FALSE);
      g_autoptr(PangoLayout) number = jf_desk_chart_layout (style, value, 1, FALSE);
      graphene_rect_t row;
      double text_height;

      graphene_rect_init (&row, 0, (float) y, (float) width, (float) style->row);
      if ((int) i == hover && (int) i != selected)
        jf_desk_chart_mark (cr, style, &row, FALSE);
      jf_desk_chart_layout_size (label, NULL, &text_height);
      jf_desk_chart_show (cr, label, item->values[0] > 0 ? &style->fg : &style->dim, 0,
                          y + (style->row - text_height) / 2, label_width);

      /* The track, then the bar over it. */
      cairo_set_source_rgba (cr, style->track.red, style->track.green, style->track.blue,
                             style->track.alpha);
      jf_desk_chart_rounded (cr, bar_x, y + (style->row - thickness) / 2, bar_span, thickness,
                             2);
      cairo_fill (cr);
      if (length > 0)
        {
          gdk_cairo_set_source_rgba (cr, &style->series[0]);
          jf_desk_chart_rounded (cr, bar_x, y + (style->row - thickness) / 2, MAX (length, 3),
                                 thickness, 2);
          cairo_fill (cr);
        }
      jf_desk_chart_show (cr, number, item->values[0] > 0 ? &style->fg : &style->dim,
                          bar_x + bar_span + GAP, y + (style->row - text_height) / 2, 0);
      if ((int) i == selected)
        jf_desk_chart_mark (cr, style, &row, TRUE);
      jf_desk_chart_add_hit (hits, row.origin.x, row.origin.y, row.size.width, row.size.height);
    }
}
