/* jf-desk-chart-trend.c: lines over periods (weeks or months), one a series, with a legend
 *
 * Each point is an element of its own (series × periods + period), so that a period's
 * registered, resolved and closed matters each open their own list.
 */
#include "config.h"

#include <math.h>

#include "jf-desk-chart-private.h"

#define GAP 6.0
#define SWATCH 10.0

double
jf_desk_chart_trend_measure (JfDeskChartData        *data,
                             const JfDeskChartStyle *style,
                             double                  width)
{
  return style->row * 10;
}

static double
legend (JfDeskChartData        *data,
        const JfDeskChartStyle *style,
        cairo_t                *cr,
        double                  width)
{
  double x = 0, line = 0;

  for (guint s = 0; s < data->n_series; s++)
    {
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, data->series[s], 1, FALSE);
      double w, h;

      jf_desk_chart_layout_size (layout, &w, &h);
      line = MAX (line, h);
      gdk_cairo_set_source_rgba (cr, &style->series[s]);
      jf_desk_chart_rounded (cr, x, (h - 4) / 2, SWATCH * 1.6, 4, 2);
      cairo_fill (cr);
      jf_desk_chart_show (cr, layout, &style->fg, x + SWATCH * 1.6 + 4, 0, 0);
      x += SWATCH * 1.6 + 4 + w + 3 * GAP;
    }
  return line + GAP;
}

void
jf_desk_chart_trend_draw (JfDeskChartData        *data,
                          const JfDeskChartStyle *style,
                          cairo_t                *cr,
                          double                  width,
                          double                  height,
                          int                     selected,
                          int                     hover,
                          GArray                 *hits)
{
  guint n = jf_desk_chart_data_get_n_shown (data);
  double max = 0, step, top_value, axis_width = 0, label_height = 0;
  double top, plot_x, plot_width, plot_height, slot;
  guint ticks, every = 1;

  for (guint s = 0; s < data->n_series; s++)
    max = MAX (max, jf_desk_chart_max (data, s));
  step = jf_desk_chart_step (MAX (max, 1), 4);
  ticks = (guint) ceil (MAX (max, 1) / step);
  top_value = ticks * step;

  top = legend (data, style, cr, width);
  for (guint t = 0; t <= ticks; t++)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", t * step);
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, text, 0.9, FALSE);
      double w, h;

      jf_desk_chart_layout_size (layout, &w, &h);
      axis_width = MAX (axis_width, w);
      label_height = MAX (label_height, h);
    }
  plot_x = axis_width + GAP;
  plot_width = MAX (width - plot_x - 2, 10);
  plot_height = MAX (height - top - label_height - GAP - label_height / 2, 10);
  top += label_height / 2;
  slot = plot_width / MAX (n, 1u);

  /* Gridlines and the axis' values. */
  cairo_set_line_width (cr, 1);
  for (guint t = 0; t <= ticks; t++)
    {
      double y = round (top + plot_height - plot_height * t / ticks) + 0.5;
      g_autofree char *text = g_strdup_printf ("%.0f", t * step);
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, text, 0.9, FALSE);
      double w, h;

      cairo_set_source_rgba (cr, style->dim.red, style->dim.green, style->dim.blue,
                             t == 0 ? 0.6 : 0.2);
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_width, y);
      cairo_stroke (cr);
      jf_desk_chart_layout_size (layout, &w, &h);
      jf_desk_chart_show (cr, layout, &style->dim, axis_width - w, y - h / 2, 0);
    }

  /* The periods' labels, as many as fit without touching. */
  {
    double widest = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(PangoLayout) layout = jf_desk_chart_layout (
          style, ((JfDeskChartItem *) data->items->pdata[i])->label, 0.9, FALSE);
        double w;

        jf_desk_chart_layout_size (layout, &w, NULL);
        widest = MAX (widest, w);
      }
    every = (guint) MAX (1.0, ceil ((widest + GAP) / slot));
  }
  {
    double end = -G_MAXDOUBLE;

    for (guint i = 0; i < n; i += every)
      {
        g_autoptr(PangoLayout) layout = jf_desk_chart_layout (
          style, ((JfDeskChartItem *) data->items->pdata[i])->label, 0.9, FALSE);
        double w, x;

        jf_desk_chart_layout_size (layout, &w, NULL);
        x = CLAMP (plot_x + slot * (i + 0.5) - w / 2, plot_x - GAP, width - w);
        /* The last one, pushed in from the edge, may meet the one before: left out. */
        if (x < end + GAP)
          continue;
        jf_desk_chart_show (cr, layout, &style->dim, x, top + plot_height + GAP / 2, 0);
        end = x + w;
      }
  }

  /* The lines, then their points, then the points' hits in element order. */
  for (guint s = 0; s < data->n_series; s++)
    {
      gdk_cairo_set_source_rgba (cr, &style->series[s]);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          JfDeskChartItem *item = data->items->pdata[i];
          double x = plot_x + slot * (i + 0.5);
          double y = top + plot_height - plot_height * item->values[s] / top_value;

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          JfDeskChartItem *item = data->items->pdata[i];
          double x = plot_x + slot * (i + 0.5);
          double y = top + plot_height - plot_height * item->values[s] / top_value;
          int element = (int) (s * n + i);
          double radius = slot >= 8 ? 2.5 : 1.5;

          if (element == selected || element == hover)
            radius = 4.5;
          gdk_cairo_set_source_rgba (cr, &style->series[s]);
          cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
          cairo_fill (cr);
          jf_desk_chart_add_hit (hits, x - MAX (slot / 2, 3), y - 7, MAX (slot, 6), 14);
        }
    }

  /* The selected point: a ring, and what it counts beside it. */
  if (selected >= 0 && (guint) selected < n * data->n_series)
    {
      guint s = (guint) selected / n, i = (guint) selected % n;
      JfDeskChartItem *item = data->items->pdata[i];
      double x = plot_x + slot * (i + 0.5);
      double y = top + plot_height - plot_height * item->values[s] / top_value;
      g_autofree char *text = jf_desk_chart_describe (data, (guint) selected);
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, text, 0.95, TRUE);
      double w, h, bx, by;

      gdk_cairo_set_source_rgba (cr, &style->focus);
      cairo_set_line_width (cr, 2);
      cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
      cairo_stroke (cr);
      jf_desk_chart_layout_size (layout, &w, &h);
      bx = CLAMP (x - w / 2, plot_x, width - w - 6);
      by = y - h - 14 < top - label_height / 2 ? y + 10 : y - h - 14;
      cairo_set_source_rgba (cr, style->focus.red, style->focus.green, style->focus.blue, 0.12);
      jf_desk_chart_rounded (cr, bx - 4, by - 2, w + 8, h + 4, 4);
      cairo_fill (cr);
      jf_desk_chart_show (cr, layout, &style->fg, bx, by, 0);
    }
}
