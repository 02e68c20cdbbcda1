/* jf-desk-chart.c: a chart widget: drawing, the keyboard, the pointer, what it says */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-chart.h"
#include "jf-desk-chart-private.h"

struct _JfDeskChart
{
  GtkWidget        parent_instance;

  JfDeskChartData *data;      /* owned, or NULL */
  GArray          *hits;      /* graphene_rect_t per element, as last drawn */
  int              selected;
  int              hover;
  guint            columns;   /* a grid's cells per row, as last drawn */
};

G_DEFINE_FINAL_TYPE (JfDeskChart, jf_desk_chart, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_ELEMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- the look ------------------------------------------------------------------------------ */

static void
with_alpha (GdkRGBA       *out,
            const GdkRGBA *color,
            double         alpha)
{
  *out = *color;
  out->alpha = (float) (color->alpha * alpha);
}

void
jf_desk_chart_style_init_screen (JfDeskChartStyle *style,
                                 GtkWidget        *widget)
{
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA fg;
  double size;

  jf_desk_chart_style_init_print (style, pango, font);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  style->fg = fg;
  with_alpha (&style->dim, &fg, 0.62);
  with_alpha (&style->track, &fg, 0.10);
  with_alpha (&style->empty, &fg, 0.07);
  /* Points to pixels at the 96 dpi GTK lays text out at. */
  size = font != NULL ? (double) pango_font_description_get_size (font) / PANGO_SCALE : 10;
  if (font != NULL && !pango_font_description_get_size_is_absolute (font))
    size = size * 96.0 / 72.0;
  style->font_size = MAX (size * 0.95, 11);
  style->row = style->font_size * 1.9;
}

/* --- elements ------------------------------------------------------------------------------ */

static guint
n_elements (JfDeskChart *self)
{
  return self->data != NULL ? jf_desk_chart_n_elements (self->data) : 0;
}

static int
element_at (JfDeskChart *self,
            double       x,
            double       y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT ((float) x, (float) y);

  for (guint i = 0; self->hits != NULL && i < self->hits->len; i++)
    if (graphene_rect_contains_point (&g_array_index (self->hits, graphene_rect_t, i), &point))
      return (int) i;
  return -1;
}

static const char *
target_of (JfDeskChart *self,
           int          element)
{
  guint item, value;

  if (element < 0 || (guint) element >= n_elements (self))
    return NULL;
  jf_desk_chart_element (self->data, (guint) element, &item, &value);
  return jf_desk_chart_data_get (self->data, item)->targets[value];
}

static void
update_description (JfDeskChart *self)
{
  g_autofree char *text = NULL;

  if (self->data != NULL && self->selected >= 0)
    text = jf_desk_chart_describe (self->data, (guint) self->selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
}

void
jf_desk_chart_select (JfDeskChart *self,
                      int          element)
{
  guint n;

  g_return_if_fail (JF_DESK_IS_CHART (self));

  n = n_elements (self);
  element = n == 0 ? -1 : CLAMP (element, 0, (int) n - 1);
  if (element == self->selected)
    return;
  self->selected = element;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_element (JfDeskChart *self,
                  int          element)
{
  guint item, value;

  if (element < 0 || (guint) element >= n_elements (self))
    return;
  jf_desk_chart_element (self->data, (guint) element, &item, &value);
  g_signal_emit (self, signals[ACTIVATE_ELEMENT], 0, item, value);
}

/* --- input --------------------------------------------------------------------------------- */

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JfDeskChart           *self)
{
  guint n = n_elements (self);
  int items = self->data != NULL ? (int) jf_desk_chart_data_get_n_shown (self->data) : 0;
  int across = 1, down = 1;
  int at = MAX (self->selected, 0);

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  /* A trend moves along its periods across and between its series up and down; a grid
   * down a row of cells; bars and tables go down a row either way. */
  if (self->data->kind == JF_DESK_CHART_TREND)
    down = items;
  else if (self->data->kind == JF_DESK_CHART_GRID)
    down = (int) MAX (self->columns, 1u);
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      jf_desk_chart_select (self, at + across);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      jf_desk_chart_select (self, at - across);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (at + down < (int) n)
        jf_desk_chart_select (self, at + down);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (at - down >= 0)
        jf_desk_chart_select (self, at - down);
      return TRUE;
    case GDK_KEY_Home:
      jf_desk_chart_select (self, 0);
      return TRUE;
    case GDK_KEY_End:
      jf_desk_chart_select (self, (int) n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      activate_element (self, self->selected >= 0 ? self->selected : 0);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_enter_cb (JfDeskChart *self)
{
  if (self->selected < 0 && n_elements (self) > 0)
    jf_desk_chart_select (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             JfDeskChart     *self)
{
  int element = element_at (self, x, y);

  if (element < 0)
    return;
  jf_desk_chart_select (self, element);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_element (self, element);
}

static void
set_hover (JfDeskChart *self,
           int          element)
{
  if (element == self->hover)
    return;
  self->hover = element;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   target_of (self, element) != NULL ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           JfDeskChart              *self)
{
  set_hover (self, element_at (self, x, y));
}

static void
leave_cb (JfDeskChart *self)
{
  set_hover (self, -1);
}

static gboolean
jf_desk_chart_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  JfDeskChart *self = JF_DESK_CHART (widget);
  int element = keyboard ? self->selected : element_at (self, x, y);
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;

  if (element < 0 || self->data == NULL)
    return FALSE;
  text = jf_desk_chart_describe (self->data, (guint) element);
  if (target_of (self, element) != NULL)
    full = g_strconcat (text, "\n", _("Click or press Enter to list the matters"), NULL);
  gtk_tooltip_set_text (tooltip, full != NULL ? full : text);
  return TRUE;
}

/* --- size and drawing ---------------------------------------------------------------------- */

static GtkSizeRequestMode
jf_desk_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
jf_desk_chart_measure_widget (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  JfDeskChart *self = JF_DESK_CHART (widget);
  JfDeskChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
      return;
    }
  if (self->data == NULL)
    {
      *minimum = *natural = 24;
      return;
    }
  jf_desk_chart_style_init_screen (&style, widget);
  *minimum = *natural = (int) (jf_desk_chart_measure (self->data, &style,
                                                      for_size > 0 ? for_size : 420) + 0.99);
  if (jf_desk_chart_data_get_n_shown (self->data) == 0)
    *minimum = *natural = (int) style.row;
}

static void
jf_desk_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  JfDeskChart *self = JF_DESK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  JfDeskChartStyle style;
  cairo_t *cr;

  if (self->data == NULL || width <= 0 || height <= 0)
    return;
  jf_desk_chart_style_init_screen (&style, widget);
  self->columns = jf_desk_chart_grid_columns (&style, width);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  jf_desk_chart_render (self->data, &style, cr, width, height,
                        gtk_widget_has_focus (widget) ? self->selected : -1, self->hover,
                        self->hits);
  cairo_destroy (cr);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_chart_finalize (GObject *object)
{
  JfDeskChart *self = JF_DESK_CHART (object);

  g_clear_pointer (&self->data, jf_desk_chart_data_unref);
  g_array_unref (self->hits);
  G_OBJECT_CLASS (jf_desk_chart_parent_class)->finalize (object);
}

static void
jf_desk_chart_class_init (JfDeskChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jf_desk_chart_finalize;
  widget_class->get_request_mode = jf_desk_chart_get_request_mode;
  widget_class->measure = jf_desk_chart_measure_widget;
  widget_class->snapshot = jf_desk_chart_snapshot;
  widget_class->query_tooltip = jf_desk_chart_query_tooltip;

  /* The page lists the matters behind the item's value. */
  signals[ACTIVATE_ELEMENT] =
    g_signal_new ("activate-element", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
jf_desk_chart_init (JfDeskChart *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hits = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->selected = -1;
  self->hover = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
jf_desk_chart_new (void)
{
  return g_object_new (JF_DESK_TYPE_CHART, NULL);
}

void
jf_desk_chart_set_data (JfDeskChart     *self,
                        JfDeskChartData *data)
{
  guint n;

  g_return_if_fail (JF_DESK_IS_CHART (self));

  if (data != NULL)
    jf_desk_chart_data_ref (data);
  g_clear_pointer (&self->data, jf_desk_chart_data_unref);
  self->data = data;
  g_array_set_size (self->hits, 0);
  self->hover = -1;
  /* The same element stays ringed across a refresh, when there still is one. */
  n = n_elements (self);
  if (self->selected >= (int) n)
    self->selected = n > 0 ? (int) n - 1 : -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  data != NULL && data->title != NULL ? data->title : "", -1);
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

JfDeskChartData *
jf_desk_chart_get_data (JfDeskChart *self)
{
  g_return_val_if_fail (JF_DESK_IS_CHART (self), NULL);
  return self->data;
}

int
jf_desk_chart_get_selected (JfDeskChart *self)
{
  g_return_val_if_fail (JF_DESK_IS_CHART (self), -1);
  return self->selected;
}

gboolean
jf_desk_chart_get_element_rect (JfDeskChart     *self,
                                guint            element,
                                graphene_rect_t *out_rect)
{
  g_return_val_if_fail (JF_DESK_IS_CHART (self), FALSE);

  if (element >= self->hits->len)
    return FALSE;
  *out_rect = g_array_index (self->hits, graphene_rect_t, element);
  return TRUE;
}
