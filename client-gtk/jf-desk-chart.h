/* jf-desk-chart.h: a chart on screen, drawn with cairo into the widget's snapshot
 *
 * Every element (a bar, a point, a cell, a row) is reachable without a mouse: the chart
 * takes the focus, the arrow keys (and Home, End) move from element to element, Enter or
 * Space activates the one ringed; a click activates the one under the pointer. Its
 * tooltip and its accessible description say what the element counts. The page decides
 * what activating means (the matters behind it): ::activate-element (item, value).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-chart-data.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_CHART (jf_desk_chart_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskChart, jf_desk_chart, JF_DESK, CHART, GtkWidget)

GtkWidget       *jf_desk_chart_new          (void);
/* The chart's data (a reference is taken); NULL empties it. */
void             jf_desk_chart_set_data     (JfDeskChart     *self,
                                             JfDeskChartData *data);
JfDeskChartData *jf_desk_chart_get_data     (JfDeskChart     *self);
/* The element ringed when the chart has the focus, or -1. */
int              jf_desk_chart_get_selected (JfDeskChart     *self);
void             jf_desk_chart_select       (JfDeskChart     *self,
                                             int              element);
/* Where element @element was last drawn, in the widget's coordinates. */
gboolean         jf_desk_chart_get_element_rect (JfDeskChart     *self,
                                                 guint            element,
                                                 graphene_rect_t *out_rect);
/* The screen's look of @widget, for drawing a chart into it (fonts and colours). */
void             jf_desk_chart_style_init_screen (JfDeskChartStyle *style,
                                                  GtkWidget        *widget);

G_END_DECLS
