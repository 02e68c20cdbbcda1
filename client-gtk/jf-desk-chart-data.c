/* jf-desk-chart-data.c: a chart's data, the helpers its kinds draw with, and the dispatch */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jf-desk-chart-private.h"

G_DEFINE_BOXED_TYPE (JfDeskChartData, jf_desk_chart_data, jf_desk_chart_data_ref,
                     jf_desk_chart_data_unref)

static void
item_free (JfDeskChartItem *item)
{
  g_free (item->label);
  g_free (item->code);
  for (guint i = 0; i < JF_DESK_CHART_MAX_SERIES; i++)
    {
      g_free (item->texts[i]);
      g_free (item->targets[i]);
      g_free (item->target_titles[i]);
    }
  g_free (item);
}

static void
data_clear (JfDeskChartData *data)
{
  g_free (data->title);
  g_free (data->note);
  g_free (data->label_header);
  for (guint i = 0; i < JF_DESK_CHART_MAX_SERIES; i++)
    g_free (data->series[i]);
  g_ptr_array_unref (data->items);
}

JfDeskChartData *
jf_desk_chart_data_new (JfDeskChartKind  kind,
                        const char      *title)
{
  JfDeskChartData *data = g_rc_box_new0 (JfDeskChartData);

  data->kind = kind;
  data->title = g_strdup (title);
  data->n_series = 1;
  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return data;
}

JfDeskChartData *
jf_desk_chart_data_ref (JfDeskChartData *data)
{
  return g_rc_box_acquire (data);
}

void
jf_desk_chart_data_unref (JfDeskChartData *data)
{
  g_rc_box_release_full (data, (GDestroyNotify) data_clear);
}

void
jf_desk_chart_data_set_series (JfDeskChartData *data,
                               guint            i,
                               const char      *name)
{
  g_return_if_fail (i < JF_DESK_CHART_MAX_SERIES);

  g_free (data->series[i]);
  data->series[i] = g_strdup (name);
  data->n_series = MAX (data->n_series, i + 1);
}

JfDeskChartItem *
jf_desk_chart_data_add (JfDeskChartData *data,
                        const char      *label,
                        const char      *code)
{
  JfDeskChartItem *item = g_new0 (JfDeskChartItem, 1);

  item->label = g_strdup (label);
  item->code = g_strdup (code);
  for (guint i = 0; i < JF_DESK_CHART_MAX_SERIES; i++)
    item->numerators[i] = item->denominators[i] = -1;
  g_ptr_array_add (data->items, item);
  return item;
}

JfDeskChartItem *
jf_desk_chart_data_get (JfDeskChartData *data,
                        guint            i)
{
  return i < data->items->len ? data->items->pdata[i] : NULL;
}

guint
jf_desk_chart_data_get_n_items (JfDeskChartData *data)
{
  return data->items->len;
}

guint
jf_desk_chart_data_get_n_shown (JfDeskChartData *data)
{
  return data->limit > 0 ? MIN (data->limit, data->items->len) : data->items->len;
}

void
jf_desk_chart_item_set (JfDeskChartItem *item,
                        guint            i,
                        double           value,
                        double           numerator,
                        double           denominator,
                        const char      *text,
                        const char      *target,
                        const char      *target_title)
{
  g_return_if_fail (i < JF_DESK_CHART_MAX_SERIES);

  item->values[i] = value;
  item->numerators[i] = numerator;
  item->denominators[i] = denominator;
  g_free (item->texts[i]);
  item->texts[i] = g_strdup (text);
  g_free (item->targets[i]);
  item->targets[i] = g_strdup (target);
  g_free (item->target_titles[i]);
  item->target_titles[i] = g_strdup (target_title);
}

char *
jf_desk_chart_item_text (const JfDeskChartItem *item,
                         guint                  i)
{
  if (item->texts[i] != NULL)
    return g_strdup (item->texts[i]);
  if (item->values[i] == floor (item->values[i]))
    return g_strdup_printf ("%.0f", item->values[i]);
  return g_strdup_printf ("%.2f", item->values[i]);
}

/* --- the look ------------------------------------------------------------------------------ */

static void
rgba (GdkRGBA    *color,
      const char *spec)
{
  gdk_rgba_parse (color, spec);
}

void
jf_desk_chart_style_init_print (JfDeskChartStyle           *style,
                                PangoContext               *pango,
                                const PangoFontDescription *font)
{
  memset (style, 0, sizeof *style);
  rgba (&style->fg, "#1c1c1c");
  rgba (&style->dim, "#6b6b6b");
  rgba (&style->track, "#e4e4e4");
  rgba (&style->focus, "#1c71d8");
  /* libadwaita's palette: blue, green, orange, purple, as on screen. */
  rgba (&style->series[0], "#3584e4");
  rgba (&style->series[1], "#2ec27e");
  rgba (&style->series[2], "#e66100");
  rgba (&style->series[3], "#9141ac");
  rgba (&style->calm, "#8ff0a4");
  rgba (&style->warn, "#f9c440");
  rgba (&style->alarm, "#f66151");
  rgba (&style->empty, "#f2f2f2");
  style->pango = pango;
  style->font = font;
  style->font_size = 8.5;
  style->row = 15;
}

/* --- helpers ------------------------------------------------------------------------------- */

PangoLayout *
jf_desk_chart_layout (const JfDeskChartStyle *style,
                      const char             *text,
                      double                  scale,
                      gboolean                bold)
{
  PangoLayout *layout = pango_layout_new (style->pango);
  PangoFontDescription *font = style->font != NULL ? pango_font_description_copy (style->font)
                               : pango_font_description_new ();

  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

void
jf_desk_chart_layout_size (PangoLayout *layout,
                           double      *width,
                           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
jf_desk_chart_show (cairo_t       *cr,
                    PangoLayout   *layout,
                    const GdkRGBA *color,
                    double         x,
                    double         y,
                    double         max_width)
{
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
jf_desk_chart_rounded (cairo_t *cr,
                       double   x,
                       double   y,
                       double   width,
                       double   height,
                       double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
jf_desk_chart_mark (cairo_t                *cr,
                    const JfDeskChartStyle *style,
                    const graphene_rect_t  *rect,
                    gboolean                selected)
{
  cairo_save (cr);
  jf_desk_chart_rounded (cr, rect->origin.x - 2, rect->origin.y - 1, rect->size.width + 4,
                         rect->size.height + 2, 4);
  if (selected)
    {
      gdk_cairo_set_source_rgba (cr, &style->focus);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, style->fg.red, style->fg.green, style->fg.blue, 0.07);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

void
jf_desk_chart_add_hit (GArray *hits,
                       double  x,
                       double  y,
                       double  width,
                       double  height)
{
  graphene_rect_t rect;

  if (hits == NULL)
    return;
  graphene_rect_init (&rect, (float) x, (float) y, (float) width, (float) height);
  g_array_append_val (hits, rect);
}

double
jf_desk_chart_max (JfDeskChartData *data,
                   guint            i)
{
  double max = 0;

  for (guint k = 0; k < jf_desk_chart_data_get_n_shown (data); k++)
    max = MAX (max, ((JfDeskChartItem *) data->items->pdata[k])->values[i]);
  return max;
}

double
jf_desk_chart_step (double max,
                    guint  ticks)
{
  double raw = max / MAX (ticks, 1u);
  double magnitude;
  double fraction;

  if (raw <= 1)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

/* --- dispatch ------------------------------------------------------------------------------ */

double
jf_desk_chart_measure (JfDeskChartData        *data,
                       const JfDeskChartStyle *style,
                       double                  width)
{
  switch (data->kind)
    {
    case JF_DESK_CHART_BARS:
      return jf_desk_chart_bars_measure (data, style, width);
    case JF_DESK_CHART_TREND:
      return jf_desk_chart_trend_measure (data, style, width);
    case JF_DESK_CHART_GRID:
      return jf_desk_chart_grid_measure (data, style, width);
    case JF_DESK_CHART_TABLE:
    default:
      return jf_desk_chart_table_measure (data, style, width);
    }
}

void
jf_desk_chart_render (JfDeskChartData        *data,
                      const JfDeskChartStyle *style,
                      cairo_t                *cr,
                      double                  width,
                      double                  height,
                      int                     selected,
                      int                     hover,
                      GArray                 *hits)
{
  if (hits != NULL)
    g_array_set_size (hits, 0);
  if (jf_desk_chart_data_get_n_shown (data) == 0)
    {
      g_autoptr(PangoLayout) layout = jf_desk_chart_layout (style, _("Nothing to count"), 1,
                                                            FALSE);

      jf_desk_chart_show (cr, layout, &style->dim, 0, 4, width);
      return;
    }
  cairo_save (cr);
  switch (data->kind)
    {
    case JF_DESK_CHART_BARS:
      jf_desk_chart_bars_draw (data, style, cr, width, height, selected, hover, hits);
      break;
    case JF_DESK_CHART_TREND:
      jf_desk_chart_trend_draw (data, style, cr, width, height, selected, hover, hits);
      break;
    case JF_DESK_CHART_GRID:
      jf_desk_chart_grid_draw (data, style, cr, width, height, selected, hover, hits);
      break;
    case JF_DESK_CHART_TABLE:
    default:
      jf_desk_chart_table_draw (data, style, cr, width, height, selected, hover, hits);
      break;
    }
  cairo_restore (cr);
}

guint
jf_desk_chart_n_elements (JfDeskChartData *data)
{
  guint n = jf_desk_chart_data_get_n_shown (data);

  return data->kind == JF_DESK_CHART_TREND ? n * data->n_series : n;
}

void
jf_desk_chart_element (JfDeskChartData *data,
                       guint            element,
                       guint           *out_item,
                       guint           *out_value)
{
  guint n = MAX (jf_desk_chart_data_get_n_shown (data), 1u);

  if (data->kind == JF_DESK_CHART_TREND)
    {
      *out_item = element % n;
      *out_value = element / n;
    }
  else
    {
      *out_item = element;
      *out_value = 0;
    }
}

char *
jf_desk_chart_describe (JfDeskChartData *data,
                        guint            element)
{
  guint i, v;
  JfDeskChartItem *item;
  g_autoptr(GString) text = g_string_new (NULL);

  if (element >= jf_desk_chart_n_elements (data))
    return NULL;
  jf_desk_chart_element (data, element, &i, &v);
  item = data->items->pdata[i];
  switch (data->kind)
    {
    case JF_DESK_CHART_TREND:
      /* TRANSLATORS: a point of the trend: period, series, count. */
      g_string_printf (text, _("%s, %s: %.0f"), item->label, data->series[v], item->values[v]);
      break;
    case JF_DESK_CHART_GRID:
      /* TRANSLATORS: a unit of the map: its name, open matters, overdue matters. */
      g_string_printf (text, _("%s: %.0f open, %.0f overdue"), item->label, item->values[0],
                       item->values[1]);
      break;
    case JF_DESK_CHART_TABLE:
      g_string_append (text, item->label);
      for (guint k = 0; k < data->n_series; k++)
        {
          g_autofree char *value = jf_desk_chart_item_text (item, k);

          /* TRANSLATORS: a column and its value, after the row's name. */
          g_string_append_printf (text, _("; %s %s"), data->series[k], value);
        }
      break;
    case JF_DESK_CHART_BARS:
    default:
      {
        g_autofree char *value = jf_desk_chart_item_text (item, 0);

        /* TRANSLATORS: a bar: its name and its value. */
        g_string_printf (text, _("%s: %s"), item->label, value);
      }
      break;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
