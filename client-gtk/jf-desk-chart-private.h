/* jf-desk-chart-private.h: what the kinds of chart share
 *
 * jf-desk-chart-data.c keeps the data and dispatches to a kind; each kind measures and
 * draws itself in its own file (jf-desk-chart-bars.c, -trend.c, -grid.c, -table.c) with
 * the helpers below, on any cairo surface: the screen's snapshot or the PDF's page.
 */
#pragma once

#include <pango/pangocairo.h>

#include "jf-desk-chart-data.h"

G_BEGIN_DECLS

/* A layout of @text at @scale times the body size, bold or not. */
PangoLayout *jf_desk_chart_layout      (const JfDeskChartStyle *style,
                                        const char             *text,
                                        double                  scale,
                                        gboolean                bold);
/* The layout's size in the surface's units. */
void         jf_desk_chart_layout_size (PangoLayout            *layout,
                                        double                 *width,
                                        double                 *height);
/* Draws @layout with its top left at (@x, @y) in @color; @max_width > 0 ellipsizes it. */
void         jf_desk_chart_show        (cairo_t                *cr,
                                        PangoLayout            *layout,
                                        const GdkRGBA          *color,
                                        double                  x,
                                        double                  y,
                                        double                  max_width);
void         jf_desk_chart_rounded     (cairo_t                *cr,
                                        double                  x,
                                        double                  y,
                                        double                  width,
                                        double                  height,
                                        double                  radius);
/* The focus ring (selected) or the hover wash around a rectangle. */
void         jf_desk_chart_mark        (cairo_t                *cr,
                                        const JfDeskChartStyle *style,
                                        const graphene_rect_t  *rect,
                                        gboolean                selected);
void         jf_desk_chart_add_hit     (GArray                 *hits,
                                        double                  x,
                                        double                  y,
                                        double                  width,
                                        double                  height);
/* The largest value of series @i (0 when every value is). */
double       jf_desk_chart_max         (JfDeskChartData        *data,
                                        guint                   i);
/* A round step for an axis up to @max with about @ticks ticks. */
double       jf_desk_chart_step        (double                  max,
                                        guint                   ticks);

double jf_desk_chart_bars_measure  (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    double width);
void   jf_desk_chart_bars_draw     (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    cairo_t *cr, double width, double height, int selected,
                                    int hover, GArray *hits);
double jf_desk_chart_trend_measure (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    double width);
void   jf_desk_chart_trend_draw    (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    cairo_t *cr, double width, double height, int selected,
                                    int hover, GArray *hits);
double jf_desk_chart_grid_measure  (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    double width);
void   jf_desk_chart_grid_draw     (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    cairo_t *cr, double width, double height, int selected,
                                    int hover, GArray *hits);
/* How many cells a row of the grid holds at @width. */
guint  jf_desk_chart_grid_columns  (const JfDeskChartStyle *style, double width);
double jf_desk_chart_table_measure (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    double width);
void   jf_desk_chart_table_draw    (JfDeskChartData *data, const JfDeskChartStyle *style,
                                    cairo_t *cr, double width, double height, int selected,
                                    int hover, GArray *hits);

G_END_DECLS
