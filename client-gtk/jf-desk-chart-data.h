/* jf-desk-chart-data.h: what a chart shows, and the look it is drawn with
 *
 * A chart is a list of items. What an item's values mean depends on the kind of chart:
 *   bars   values[0] is the bar;
 *   trend  values[0..n_series-1] are the series' points for one period;
 *   grid   values[0] open matters, values[1] overdue ones, of one unit;
 *   table  one value a column: a rate when it has a denominator (drawn as a bar), else text.
 * Each value may carry a numerator and a denominator (for the CSV and the text shown),
 * the text to show for it, and a target: the path of the list of matters behind it
 * (/v1/stats/matters?figure=...), with that list's title. The same data is drawn on screen
 * (JfDeskChart) and into the PDF report, by the same functions (jf_desk_chart_render ()).
 */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <graphene.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define JF_DESK_CHART_MAX_SERIES 4

typedef enum
{
  JF_DESK_CHART_BARS,
  JF_DESK_CHART_TREND,
  JF_DESK_CHART_GRID,
  JF_DESK_CHART_TABLE,
} JfDeskChartKind;

typedef struct
{
  char   *label;                                 /* what people read */
  char   *code;                                  /* the key as the API names it, or NULL */
  double  values[JF_DESK_CHART_MAX_SERIES];
  double  numerators[JF_DESK_CHART_MAX_SERIES];  /* < 0: none */
  double  denominators[JF_DESK_CHART_MAX_SERIES];
  char   *texts[JF_DESK_CHART_MAX_SERIES];       /* NULL: the value itself */
  char   *targets[JF_DESK_CHART_MAX_SERIES];     /* NULL: nothing behind it */
  char   *target_titles[JF_DESK_CHART_MAX_SERIES];
} JfDeskChartItem;

typedef struct _JfDeskChartData JfDeskChartData;

struct _JfDeskChartData
{
  JfDeskChartKind  kind;
  char            *title;
  char            *note;                                 /* under the chart, or NULL */
  guint            n_series;
  char            *series[JF_DESK_CHART_MAX_SERIES];     /* legend, or the table's headers */
  char            *label_header;                         /* the table's first column */
  guint            limit;                                /* draw at most this many; 0: all */
  GPtrArray       *items;                                /* of JfDeskChartItem, owned */
};

GType            jf_desk_chart_data_get_type (void) G_GNUC_CONST;
#define JF_DESK_TYPE_CHART_DATA (jf_desk_chart_data_get_type ())

JfDeskChartData *jf_desk_chart_data_new      (JfDeskChartKind  kind,
                                              const char      *title);
JfDeskChartData *jf_desk_chart_data_ref      (JfDeskChartData *data);
void             jf_desk_chart_data_unref    (JfDeskChartData *data);
void             jf_desk_chart_data_set_series (JfDeskChartData *data,
                                                guint            i,
                                                const char      *name);
/* A new item at the end (values 0, numerators and denominators -1); the data owns it. */
JfDeskChartItem *jf_desk_chart_data_add      (JfDeskChartData *data,
                                              const char      *label,
                                              const char      *code);
JfDeskChartItem *jf_desk_chart_data_get      (JfDeskChartData *data,
                                              guint            i);
guint            jf_desk_chart_data_get_n_items (JfDeskChartData *data);
/* The items drawn: the first limit (all without one). A CSV writes every item. */
guint            jf_desk_chart_data_get_n_shown (JfDeskChartData *data);
/* Sets value @i with its fraction (< 0: none), the text shown and what it opens. */
void             jf_desk_chart_item_set      (JfDeskChartItem *item,
                                              guint            i,
                                              double           value,
                                              double           numerator,
                                              double           denominator,
                                              const char      *text,
                                              const char      *target,
                                              const char      *target_title);
/* The text shown for value @i: its text, or the value as a number. */
char            *jf_desk_chart_item_text     (const JfDeskChartItem *item,
                                              guint                  i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfDeskChartData, jf_desk_chart_data_unref)

/* The look: the screen's colours and font, or the printed page's. Sizes are in the
 * surface's units (pixels on screen, points in the PDF). */
typedef struct
{
  GdkRGBA                      fg;
  GdkRGBA                      dim;        /* axes, gridlines, secondary text */
  GdkRGBA                      track;      /* the empty part of a bar, a cell's border */
  GdkRGBA                      focus;
  GdkRGBA                      series[JF_DESK_CHART_MAX_SERIES];
  GdkRGBA                      calm;       /* grid: open, nothing overdue */
  GdkRGBA                      warn;       /* grid: some overdue */
  GdkRGBA                      alarm;      /* grid: much overdue */
  GdkRGBA                      empty;      /* grid: nothing open */
  PangoContext                *pango;      /* borrowed */
  const PangoFontDescription  *font;       /* borrowed; its family and weight */
  double                       font_size;  /* body text, in the surface's units */
  double                       row;        /* a bar's or a table row's height */
} JfDeskChartStyle;

/* A PDF's look, for a context made with pango_cairo_create_context (). */
void             jf_desk_chart_style_init_print (JfDeskChartStyle           *style,
                                                 PangoContext               *pango,
                                                 const PangoFontDescription *font);

/* The height the chart wants at @width. */
double           jf_desk_chart_measure       (JfDeskChartData        *data,
                                              const JfDeskChartStyle *style,
                                              double                  width);
/* Draws the chart in (0, 0, @width, @height) of @cr. @selected (-1: none) is the element
 * ringed as focused, @hover (-1: none) the one under the pointer. @hits, when not NULL,
 * gets each element's rectangle (graphene_rect_t), in element order: an element is an
 * item, or for a trend a point (series × items + item). */
void             jf_desk_chart_render        (JfDeskChartData        *data,
                                              const JfDeskChartStyle *style,
                                              cairo_t                *cr,
                                              double                  width,
                                              double                  height,
                                              int                     selected,
                                              int                     hover,
                                              GArray                 *hits);
/* How many elements the chart has, and which item and value an element is. */
guint            jf_desk_chart_n_elements    (JfDeskChartData        *data);
void             jf_desk_chart_element       (JfDeskChartData        *data,
                                              guint                   element,
                                              guint                  *out_item,
                                              guint                  *out_value);
/* What an element says, for a tooltip and the screen reader: "邻里纠纷：2". */
char            *jf_desk_chart_describe      (JfDeskChartData        *data,
                                              guint                   element);

G_END_DECLS
