/* jf-desk-dashboard-page.c: the statistics workspace: reading the figures, showing them,
 * exporting them
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-category.h"
#include "jf-desk-dashboard-export.h"
#include "jf-desk-dashboard-page-private.h"
#include "jf-desk-error.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

G_DEFINE_FINAL_TYPE (JfDeskDashboardPage, jf_desk_dashboard_page, GTK_TYPE_WIDGET)

#define CARD_ID_KEY "jf-card-id"

/* --- the status line ----------------------------------------------------------------------- */

static void
update_status (JfDeskDashboardPage *self)
{
  g_autofree char *text = NULL;

  gtk_spinner_set_spinning (self->spinner, self->waiting > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "status-error");
  if (self->error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-error");
      text = g_strdup (self->error);
    }
  else if (self->waiting > 0)
    text = g_strdup (_("Counting…"));
  else if (self->report != NULL)
    {
      g_autofree char *view = jf_desk_stats_report_describe (self->report);
      const char *as_of = jf_desk_stats_report_get_as_of (self->report);

      /* TRANSLATORS: the status line: the view, and when its figures were counted. */
      text = as_of != NULL ? g_strdup_printf (_("%s · counted at %s"), view, as_of)
      /* TRANSLATORS: the status line while the statistics are being rebuilt. */
                           : g_strdup_printf (_("%s · being recounted, figures may be "
                                                "incomplete"), view);
    }
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

/* --- the cards ----------------------------------------------------------------------------- */

static void
card_clicked_cb (GtkButton           *button,
                 JfDeskDashboardPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), CARD_ID_KEY);
  gboolean shortfall = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jf-shortfall"));
  const JfDeskStatsCard *card = self->report != NULL
                                ? jf_desk_stats_report_find_card (self->report, id) : NULL;

  if (card == NULL)
    return;
  if (shortfall)
    jf_desk_dashboard_matters_open (self, card->shortfall_title, card->shortfall_target, NULL,
                                    NULL, card->now, GTK_WIDGET (button));
  else if (card->target != NULL)
    jf_desk_dashboard_matters_open (self, card->target_title, card->target,
                                    card->alt_target_title, card->alt_target, card->now,
                                    GTK_WIDGET (button));
}

static GtkWidget *
label_new (const char *text,
           const char *css_class,
           const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_name (label, name);
  return label;
}

/* A card: the figure (a button listing its matters) and what fell short (another). */
static GtkWidget *
card_new (JfDeskDashboardPage   *self,
          const JfDeskStatsCard *card)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "figure-card");
  gtk_box_append (GTK_BOX (inner), label_new (card->title, "figure-title", "title"));
  gtk_box_append (GTK_BOX (inner), label_new (card->value, "figure-value", "value"));
  gtk_box_append (GTK_BOX (inner), label_new (card->detail != NULL ? card->detail : " ",
                                              "figure-detail", "detail"));
  gtk_button_set_child (GTK_BUTTON (button), inner);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "figure-main");
  gtk_widget_set_name (button, card->id);
  g_object_set_data_full (G_OBJECT (button), CARD_ID_KEY, g_strdup (card->id), g_free);
  /* TRANSLATORS: a card's accessible name: title, value, detail. */
  accessible = g_strdup_printf (_("%s: %s, %s"), card->title, card->value,
                                card->detail != NULL ? card->detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  if (card->target != NULL)
    {
      /* TRANSLATORS: a card's tooltip: what its list of matters is. */
      tooltip = g_strdup_printf (_("List them: %s"), card->target_title);
      gtk_widget_set_tooltip_text (button, tooltip);
    }
  g_signal_connect_object (button, "clicked", G_CALLBACK (card_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), button);

  if (card->shortfall != NULL)
    {
      GtkWidget *shortfall = gtk_button_new_with_label (card->shortfall);

      gtk_widget_add_css_class (shortfall, "flat");
      gtk_widget_add_css_class (shortfall, "figure-shortfall");
      gtk_widget_set_halign (shortfall, GTK_ALIGN_START);
      g_object_set_data_full (G_OBJECT (shortfall), CARD_ID_KEY, g_strdup (card->id), g_free);
      g_object_set_data (G_OBJECT (shortfall), "jf-shortfall", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (shortfall, "clicked", G_CALLBACK (card_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), shortfall);
    }
  return box;
}

static void
show_cards (JfDeskDashboardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);
  for (guint i = 0; i < jf_desk_stats_report_get_n_cards (self->report); i++)
    {
      GtkWidget *card = card_new (self, jf_desk_stats_report_get_card (self->report, i));

      gtk_flow_box_append (self->cards_box, card);
      /* The flow box's own child would take the focus before the card's buttons. */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }
}

/* --- the charts ---------------------------------------------------------------------------- */

static JfDeskStatsChart
trend_shown (JfDeskDashboardPage *self)
{
  return self->weeks ? JF_DESK_STATS_TREND_WEEKS : JF_DESK_STATS_TREND_MONTHS;
}

static void
show_chart (JfDeskChart     *chart,
            GtkLabel        *title,
            GtkLabel        *note,
            JfDeskChartData *data)
{
  jf_desk_chart_set_data (chart, data);
  gtk_label_set_text (title, data->title);
  if (note != NULL)
    {
      gtk_label_set_text (note, data->note != NULL ? data->note : "");
      gtk_widget_set_visible (GTK_WIDGET (note), data->note != NULL);
    }
}

static void
show_charts (JfDeskDashboardPage *self)
{
  JfDeskStatsReport *r = self->report;

  show_chart (self->trend_chart, self->trend_title, NULL,
              jf_desk_stats_report_get_chart (r, trend_shown (self)));
  /* One title for the trend, whichever it shows. */
  gtk_label_set_text (self->trend_title, _("Registered, resolved and closed"));
  show_chart (self->units_chart, self->units_title, self->units_note,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_UNITS));
  if (self->units_error != NULL)
    {
      /* TRANSLATORS: under the map of units when it could not be read: why. */
      g_autofree char *note = g_strdup_printf (_("The units could not be counted: %s"),
                                               self->units_error);

      gtk_label_set_text (self->units_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->units_note), TRUE);
    }
  show_chart (self->category_chart, self->category_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_CATEGORY));
  show_chart (self->source_chart, self->source_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_SOURCE));
  show_chart (self->kind_chart, self->kind_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_KIND));
  show_chart (self->status_chart, self->status_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_STATUS));
  show_chart (self->level_chart, self->level_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_LEVEL));
  show_chart (self->petition_chart, self->petition_title, NULL,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_PETITION));
  show_chart (self->villages_chart, self->villages_title, self->villages_note,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_VILLAGES));
  show_chart (self->departments_chart, self->departments_title, self->departments_note,
              jf_desk_stats_report_get_chart (r, JF_DESK_STATS_DEPARTMENTS));
}

static void
element_cb (JfDeskChart         *chart,
            guint                index,
            guint                value,
            JfDeskDashboardPage *self)
{
  JfDeskChartData *data = jf_desk_chart_get_data (chart);
  JfDeskChartItem *item = data != NULL ? jf_desk_chart_data_get (data, index) : NULL;
  gboolean cell = data != NULL && data->kind == JF_DESK_CHART_GRID;

  if (item == NULL || item->targets[value] == NULL)
    return;
  /* A unit's cell (the scope's own centre's too) lists its open matters, and "only
   * overdue" its overdue ones. */
  jf_desk_dashboard_matters_open (self, item->target_titles[value], item->targets[value],
                                  cell && value == 0 ? item->target_titles[1] : NULL,
                                  cell && value == 0 ? item->targets[1] : NULL, cell,
                                  GTK_WIDGET (chart));
}

static void
trend_toggled_cb (JfDeskDashboardPage *self)
{
  gboolean weeks = gtk_toggle_button_get_active (self->weeks_button);

  if (self->quiet || weeks == self->weeks)
    return;
  self->weeks = weeks;
  if (self->report != NULL)
    show_chart (self->trend_chart, self->trend_title, NULL,
                jf_desk_stats_report_get_chart (self->report, trend_shown (self)));
  gtk_label_set_text (self->trend_title, _("Registered, resolved and closed"));
}

/* --- reading the figures ------------------------------------------------------------------- */

typedef enum
{
  ANSWER_STATS,       /* GET /v1/stats */
  ANSWER_UNITS,       /* GET /v1/stats/units */
  ANSWER_CATEGORIES,  /* GET /v1/categories, once: the names administrators gave */
} Answer;

typedef struct
{
  JfDeskDashboardPage *self;       /* owned */
  guint                generation;
  Answer               answer;
} Reading;

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->self);
  g_free (reading);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

static void
finish_reading (JfDeskDashboardPage *self)
{
  g_autoptr(JfDeskStatsReport) report = NULL;

  if (self->stats == NULL)
    {
      update_status (self);
      return;
    }
  report = jf_desk_stats_report_new (jf_desk_json_object (self->stats),
                                     jf_desk_json_object (self->units), self->category_names);
  if (report == NULL)
    {
      g_free (self->error);
      self->error = g_strdup (_("The server's answer could not be read."));
      update_status (self);
      return;
    }
  g_set_object (&self->report, report);
  show_cards (self);
  show_charts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-csv", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-pdf", TRUE);
  update_status (self);
}

static void
read_categories (JfDeskDashboardPage *self,
                 JsonNode            *root)
{
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      g_autoptr(JfDeskCategory) category =
        jf_desk_category_new_from_json (jf_desk_json_object (json_array_get_element (items, i)));

      if (category != NULL)
        g_hash_table_insert (self->category_names, g_strdup (jf_desk_category_get_slug (category)),
                             g_strdup (jf_desk_category_get_name (category)));
    }
  self->categories_read = items != NULL;
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(Reading) reading = data;
  JfDeskDashboardPage *self = reading->self;
  g_autoptr(GError) error = NULL;
  JsonNode *root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result, NULL, NULL,
                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      reading->generation != self->generation)
    {
      g_clear_pointer (&root, json_node_unref);
      return;
    }
  switch (reading->answer)
    {
    case ANSWER_STATS:
      self->stats = root;
      /* Without the figures there is nothing to show: say why. */
      if (error != NULL)
        {
          g_free (self->error);
          self->error = jf_desk_error_describe (error);
        }
      break;
    case ANSWER_UNITS:
      /* The map is a part of the view: without it the figures still show, and the map
       * says it has nothing. */
      self->units = root;
      if (error != NULL)
        self->units_error = jf_desk_error_describe (error);
      break;
    case ANSWER_CATEGORIES:
    default:
      /* Without them, the built-in names. */
      read_categories (self, root);
      g_clear_pointer (&root, json_node_unref);
      break;
    }
  if (--self->waiting == 0)
    finish_reading (self);
}

static void
request (JfDeskDashboardPage *self,
         const char          *path,
         Answer               answer)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->self = g_object_ref (self);
  reading->generation = self->generation;
  reading->answer = answer;
  self->waiting++;
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                answered_cb, reading);
}

void
jf_desk_dashboard_page_load (JfDeskDashboardPage *self)
{
  const char *scope = jf_desk_dashboard_range_scope (self);
  g_autofree char *stats = NULL;
  g_autofree char *units = NULL;

  if (scope == NULL || self->from == NULL || self->to == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->waiting = 0;
  g_clear_pointer (&self->stats, json_node_unref);
  g_clear_pointer (&self->units, json_node_unref);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->units_error, g_free);
  stats = g_strdup_printf ("/v1/stats?org=%s&from=%s&to=%s", scope, self->from, self->to);
  units = g_strdup_printf ("/v1/stats/units?org=%s", scope);
  request (self, stats, ANSWER_STATS);
  request (self, units, ANSWER_UNITS);
  if (!self->categories_read)
    request (self, "/v1/categories", ANSWER_CATEGORIES);
  update_status (self);
}

/* --- actions ------------------------------------------------------------------------------- */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jf_desk_dashboard_page_load (JF_DESK_DASHBOARD_PAGE (widget));
}

static void
apply_range_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (widget);

  if (jf_desk_dashboard_range_apply_custom (self))
    {
      gtk_popover_popdown (self->range_popover);
      jf_desk_dashboard_page_load (self);
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (widget);

  /* From a matter to its list, from the list to the figures. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "matter") == 0)
    g_signal_emit_by_name (self->matter_page, "back");
  else
    jf_desk_dashboard_matters_close (self);
}

static void
chooser_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     JfDeskDashboardPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      gtk_label_set_text (self->status_label, _("Choose a folder on this computer"));
      return;
    }
  saved = self->chooser_pdf ? jf_desk_dashboard_page_export_pdf (self, path, &error)
                            : jf_desk_dashboard_page_export_csv (self, path, &error);
  if (!saved)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      gtk_label_set_text (self->status_label, message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Saved as %s"), name);

      gtk_label_set_text (self->status_label, message);
    }
}

static void
export (JfDeskDashboardPage *self,
        gboolean             pdf)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->report == NULL || self->chooser != NULL)
    return;
  self->chooser_pdf = pdf;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
    pdf ? _("Save the Statistics as a PDF Report") : _("Save the Statistics as CSV"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
    _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  /* TRANSLATORS: the file name offered: the unit, the first day, the last day. */
  name = g_strdup_printf (_("Statistics %s %s to %s.%s"),
                          jf_desk_stats_report_get_scope_name (self->report),
                          jf_desk_stats_report_get_from (self->report),
                          jf_desk_stats_report_get_to (self->report), pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV spreadsheets"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (JF_DESK_DASHBOARD_PAGE (widget), FALSE);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (JF_DESK_DASHBOARD_PAGE (widget), TRUE);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_dashboard_page_root (GtkWidget *widget)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (jf_desk_dashboard_page_parent_class)->root (widget);
  if (!self->css_loaded)
    {
      /* The workspace's own stylesheet, next to the application's. */
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider,
                                           JF_DESK_RESOURCE_PATH "jf-desk-dashboard.css");
      gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      self->css_loaded = TRUE;
    }
}

static void
jf_desk_dashboard_page_map (GtkWidget *widget)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  GTK_WIDGET_CLASS (jf_desk_dashboard_page_parent_class)->map (widget);
  /* The figures are read when the workspace is first seen, not at sign-in: most who may
   * see them start their day in another workspace. */
  if (!self->loaded_once)
    {
      self->loaded_once = TRUE;
      jf_desk_dashboard_page_load (self);
      jf_desk_dashboard_range_load_units (self);
    }
  /* Come to with the focus elsewhere: the keyboard starts at the unit. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->scope_dropdown));
}

static void
jf_desk_dashboard_page_dispose (GObject *object)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->units_cancellable);
  g_clear_object (&self->units_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  jf_desk_dashboard_matters_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_DASHBOARD_PAGE);
  g_clear_object (&self->report);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_dashboard_page_parent_class)->dispose (object);
}

static void
jf_desk_dashboard_page_finalize (GObject *object)
{
  JfDeskDashboardPage *self = JF_DESK_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->stats, json_node_unref);
  g_clear_pointer (&self->units, json_node_unref);
  g_hash_table_unref (self->category_names);
  g_ptr_array_unref (self->chain);
  g_clear_object (&self->scope_units);
  g_free (self->from);
  g_free (self->to);
  g_free (self->error);
  g_free (self->units_error);
  G_OBJECT_CLASS (jf_desk_dashboard_page_parent_class)->finalize (object);
}

static void
jf_desk_dashboard_page_class_init (JfDeskDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_dashboard_page_dispose;
  object_class->finalize = jf_desk_dashboard_page_finalize;
  widget_class->root = jf_desk_dashboard_page_root;
  widget_class->map = jf_desk_dashboard_page_map;

  g_type_ensure (JF_DESK_TYPE_CHART);
  g_type_ensure (JF_DESK_TYPE_MATTER_PAGE);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-dashboard-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskDashboardPage, name)
  BIND (stack);
  BIND (scope_dropdown);
  BIND (range_dropdown);
  BIND (range_button);
  BIND (range_popover);
  BIND (from_entry);
  BIND (to_entry);
  BIND (range_error);
  BIND (export_button);
  BIND (scroller);
  BIND (cards_box);
  BIND (weeks_button);
  BIND (months_button);
  BIND (trend_title);
  BIND (trend_chart);
  BIND (units_title);
  BIND (units_chart);
  BIND (units_note);
  BIND (category_title);
  BIND (category_chart);
  BIND (source_title);
  BIND (source_chart);
  BIND (kind_title);
  BIND (kind_chart);
  BIND (status_title);
  BIND (status_chart);
  BIND (level_title);
  BIND (level_chart);
  BIND (petition_title);
  BIND (petition_chart);
  BIND (villages_title);
  BIND (villages_chart);
  BIND (villages_note);
  BIND (departments_title);
  BIND (departments_chart);
  BIND (departments_note);
  BIND (spinner);
  BIND (status_label);
  BIND (matters_title);
  BIND (matters_subtitle);
  BIND (overdue_button);
  BIND (matters_scroller);
  BIND (matters_view);
  BIND (matters_empty);
  BIND (matters_spinner);
  BIND (matters_count);
  BIND (matter_page);
#undef BIND

  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-csv", NULL,
                                   export_csv_action);
  gtk_widget_class_install_action (widget_class, "dashboard.export-pdf", NULL,
                                   export_pdf_action);
  gtk_widget_class_install_action (widget_class, "dashboard.apply-range", NULL,
                                   apply_range_action);
  gtk_widget_class_install_action (widget_class, "dashboard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "dashboard.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "dashboard.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "dashboard.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dashboard.back", NULL);
}

static void
jf_desk_dashboard_page_init (JfDeskDashboardPage *self)
{
  JfDeskChart *charts[10];

  gtk_widget_init_template (GTK_WIDGET (self));
  /* After the template: the charts are its children. */
  charts[0] = self->trend_chart;
  charts[1] = self->units_chart;
  charts[2] = self->category_chart;
  charts[3] = self->source_chart;
  charts[4] = self->kind_chart;
  charts[5] = self->status_chart;
  charts[6] = self->level_chart;
  charts[7] = self->petition_chart;
  charts[8] = self->villages_chart;
  charts[9] = self->departments_chart;
  self->category_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->scope_units = g_list_store_new (JF_DESK_TYPE_ORG_UNIT);
  self->weeks = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.back", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    g_signal_connect_object (charts[i], "activate-element", G_CALLBACK (element_cb), self, 0);
  g_signal_connect_object (self->weeks_button, "toggled", G_CALLBACK (trend_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
jf_desk_dashboard_page_new (JfDeskClient *client,
                            JfDeskOutbox *outbox)
{
  JfDeskDashboardPage *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_DASHBOARD_PAGE, NULL);
  self->client = g_object_ref (client);
  jf_desk_dashboard_matters_init (self);
  jf_desk_dashboard_range_init (self);
  return GTK_WIDGET (self);
}

/* --- for the tests and the window ---------------------------------------------------------- */

JfDeskStatsReport *
jf_desk_dashboard_page_get_report (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return self->report;
}

gboolean
jf_desk_dashboard_page_is_loading (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), FALSE);
  return self->waiting > 0;
}

const char *
jf_desk_dashboard_page_get_error (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return self->error;
}

gboolean
jf_desk_dashboard_page_show (JfDeskDashboardPage *self,
                             const char          *code,
                             const char          *from,
                             const char          *to)
{
  gboolean found;

  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), FALSE);

  jf_desk_dashboard_range_set_days (self, from, to);
  found = jf_desk_dashboard_range_set_scope (self, code);
  jf_desk_dashboard_page_load (self);
  return found;
}

const char *
jf_desk_dashboard_page_get_view (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
jf_desk_dashboard_page_get_card (JfDeskDashboardPage *self,
                                 const char          *id)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *button = gtk_widget_get_first_child (card);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), CARD_ID_KEY), id) == 0)
        return button;
    }
  return NULL;
}

JfDeskChart *
jf_desk_dashboard_page_get_chart (JfDeskDashboardPage *self,
                                  JfDeskStatsChart     chart)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);

  switch (chart)
    {
    case JF_DESK_STATS_TREND_WEEKS:
    case JF_DESK_STATS_TREND_MONTHS:
      return self->trend_chart;
    case JF_DESK_STATS_UNITS:
      return self->units_chart;
    case JF_DESK_STATS_CATEGORY:
      return self->category_chart;
    case JF_DESK_STATS_SOURCE:
      return self->source_chart;
    case JF_DESK_STATS_KIND:
      return self->kind_chart;
    case JF_DESK_STATS_STATUS:
      return self->status_chart;
    case JF_DESK_STATS_LEVEL:
      return self->level_chart;
    case JF_DESK_STATS_PETITION:
      return self->petition_chart;
    case JF_DESK_STATS_VILLAGES:
      return self->villages_chart;
    case JF_DESK_STATS_DEPARTMENTS:
    case JF_DESK_STATS_N_CHARTS:
    default:
      return self->departments_chart;
    }
}

gboolean
jf_desk_dashboard_page_export_csv (JfDeskDashboardPage  *self,
                                   const char           *path,
                                   GError              **error)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);
  return jf_desk_dashboard_export_csv (self->report, trend_shown (self), path, error);
}

gboolean
jf_desk_dashboard_page_export_pdf (JfDeskDashboardPage  *self,
                                   const char           *path,
                                   GError              **error)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);
  return jf_desk_dashboard_export_pdf (self->report, trend_shown (self), path, error);
}

GtkNativeDialog *
jf_desk_dashboard_page_get_chooser (JfDeskDashboardPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_DASHBOARD_PAGE (self), NULL);
  return self->chooser;
}
