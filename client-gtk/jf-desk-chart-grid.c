/* jf-desk-chart-grid.c: the units below a scope as a map-like grid of cells, each coloured
 * by its open and overdue matters, with a legend under it
 *
 * Green where matters are open and none is overdue (deeper the more are open), amber where
 * some are overdue, red where a fifth or more are: a supervisor's eye goes to the red.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jf-desk-chart-private.h"

#define GAP 6.0
/* A fifth overdue or more: the alarm colour. */
#define ALARM_SHARE 0.2

guint
jf_desk_chart_grid_columns (const JfDeskChartStyle *style,
                            double                  width)
{
  double cell = style->row * 6.2;

  return (guint) MAX (1.0, floor ((width + GAP) / (cell + GAP)));
}

static double
cell_height (const JfDeskChartStyle *style)
{
  return style->row * 2.7;
}

typedef enum
{
  SHADE_EMPTY,
  SHADE_CALM,
  SHADE_WARN,
  SHADE_ALARM,
} Shade;

static Shade
shade_of (const JfDeskChartItem *item)
{
  if (item->values[0] <= 0)
    return SHADE_EMPTY;
  if (item->values[1] <= 0)
    return SHADE_CALM;
  return item->values[1] / item->values[0] >= ALARM_SHARE ? SHADE_ALARM : SHADE_WARN;
}

static void
set_shade (cairo_t                *cr,
           const JfDeskChartStyle *style,
           Shade                   shade,
           double                  strength)
{
  const GdkRGBA *c = shade == SHADE_CALM ? &style->calm : shade == SHADE_WARN ? &style->warn
                     : shade == SHADE_ALARM ? &style->alarm : &style->empty;

  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * strength);
}

/* Draws the legend from @y, wrapping at @width (@cr NULL: only measures); its height. */
static double
draw_legend (const JfDeskChartStyle *style,
             cairo_t                *cr,
             double                  y,
             double                  width)
{
  const char *names[] = { N_("Nothing open"), N_("Open, none overdue"), N_("Some overdue"),
                          N_("A fifth or more overdue") };
  double x = 0, top = y, line = 0;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, _(names[k]), 0.9, FALSE);
      double w, h;

      jf_desk_chart_layout_size (layout, &w, &h);
      line = MAX (line, h);
      if (x > 0 && x + 18 + w > width)
        {
          x = 0;
          y += line + 2;
        }
      if (cr != NULL)
        {
          set_shade (cr, style, (Shade) k, 1);
          jf_desk_chart_rounded (cr, x, y + (h - 10) / 2, 14, 10, 2);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.11, 0.11, 0.11, 0.25);
          cairo_set_line_width (cr, 0.5);
          cairo_stroke (cr);
          jf_desk_chart_show (cr, layout, &style->dim, x + 18, y, 0);
        }
      x += 18 + w + 14;
    }
  return y + line - top;
}

double
jf_desk_chart_grid_measure (JfDeskChartData        *data,
                            const JfDeskChartStyle *style,
                            double                  width)
{
  guint columns = jf_desk_chart_grid_columns (style, width);
  guint rows = (MAX (jf_desk_chart_data_get_n_shown (data), 1u) + columns - 1) / columns;

  return rows * cell_height (style) + (rows - 1) * GAP + GAP + draw_legend (style, NULL, 0,
                                                                            width);
}

void
jf_desk_chart_grid_draw (JfDeskChartData        *data,
                         const JfDeskChartStyle *style,
                         cairo_t                *cr,
                         double                  width,
                         double                  height,
                         int                     selected,
                         int                     hover,
                         GArray                 *hits)
{
  guint columns = jf_desk_chart_grid_columns (style, width);
  double cell_w = (width - (columns - 1) * GAP) / columns;
  double cell_h = cell_height (style);
  double max_open = jf_desk_chart_max (data, 0);
  /* Text on a coloured cell is dark whatever the theme: the colours are light. */
  static const GdkRGBA ink = { 0.11, 0.11, 0.11, 1 };
  guint rows = (jf_desk_chart_data_get_n_shown (data) + columns - 1) / columns;

  for (guint i = 0; i < jf_desk_chart_data_get_n_shown (data); i++)
    {
      JfDeskChartItem *item = data->items->pdata[i];
      double x = (i % columns) * (cell_w + GAP);
      double y = (i / columns) * (cell_h + GAP);
      Shade shade = shade_of (item);
      g_autofree char *open = jf_desk_chart_item_text (item, 0);
      g_autofree char *overdue = jf_desk_chart_item_text (item, 1);
      /* TRANSLATORS: a unit's cell: "open 4 · overdue 1". */
      g_autofree char *counts = g_strdup_printf (_("%s %s · %s %s"), data->series[0], open,
                                                 data->series[1], overdue);
      g_autoptr(PangoLayout) name = jf_desk_chart_layout (style, item->label, 1.0, TRUE);
      g_autoptr(PangoLayout) line = jf_desk_chart_layout (style, counts, 0.9, FALSE);
      const GdkRGBA *text = shade == SHADE_EMPTY ? &style->dim : &ink;
      double nh, lh;
      graphene_rect_t rect;

      graphene_rect_init (&rect, (float) x, (float) y, (float) cell_w, (float) cell_h);
      set_shade (cr, style, shade,
                 shade == SHADE_CALM && max_open > 0 ? 0.45 + 0.55 * item->values[0] / max_open
                                                     : 1);
      jf_desk_chart_rounded (cr, x, y, cell_w, cell_h, 5);
      cairo_fill (cr);
      if ((int) i == hover && (int) i != selected)
        jf_desk_chart_mark (cr, style, &rect, FALSE);
      jf_desk_chart_layout_size (name, NULL, &nh);
      jf_desk_chart_layout_size (line, NULL, &lh);
      jf_desk_chart_show (cr, name, shade == SHADE_EMPTY ? &style->fg : &ink, x + 7,
                          y + (cell_h - nh - lh) / 2, cell_w - 14);
      jf_desk_chart_show (cr, line, text, x + 7, y + (cell_h - nh - lh) / 2 + nh, cell_w - 14);
      if ((int) i == selected)
        jf_desk_chart_mark (cr, style, &rect, TRUE);
      jf_desk_chart_add_hit (hits, x, y, cell_w, cell_h);
    }
  draw_legend (style, cr, rows * cell_h + (rows - 1) * GAP + GAP, width);
}
