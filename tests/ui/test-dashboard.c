/* test-dashboard.c: the statistics workspace (统计), against a real jiefend
 *
 * The figures are real: test-stats.c's hand-made data set (tests/db/jf-stats-data.c) is
 * built through the API first, twelve matters in two townships of 龙山区 taken through
 * acceptance, mediation, whistles, follow-up visits, a lawsuit and a petition, and two of
 * the open ones are made overdue. As the county's supervisor (ducha): the cards show the
 * figures worked out in test-stats.c, the charts hold their bars, points and cells, a card
 * opened with the keyboard lists exactly the matters behind it and Escape comes back to
 * it, a township's cell lists its open matters and "only overdue" the overdue one (a
 * scope's own centre's cell those it owns itself), villages of one name are labelled with
 * their township, and the view is saved through the save dialog as CSV (its header and
 * rows checked) and as a PDF report whose text holds the Chinese labels. An administrator
 * and an auditor see the workspace; a window clerk and a department's liaison do not.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jf-desk-chart.h"
#include "jf-desk-dashboard-page.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-matter-summary.h"
#include "jf-desk-org-unit.h"
#include "jf-desk-window.h"
#include "jf-stats-data.h"
#include "jf-ui-test.h"

static JfTestEnv *env;
static gint64 m[13];   /* M1..M12 of the data set; m[0] unused */
static char *today;    /* YYYY-MM-DD, China Standard Time */

static JfDeskDashboardPage *
dashboard_of (GtkWindow *window)
{
  GtkWidget *page = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "dashboard");

  g_assert_true (JF_DESK_IS_DASHBOARD_PAGE (page));
  return JF_DESK_DASHBOARD_PAGE (page);
}

/* Brings the workspace to the front, as its switcher button does. */
static JfDeskDashboardPage *
open_dashboard (GtkWindow *window)
{
  JfDeskDashboardPage *page = dashboard_of (window);
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "dashboard");
  return page;
}

static gboolean
figures_shown (gpointer data)
{
  JfDeskDashboardPage *page = data;

  return !jf_desk_dashboard_page_is_loading (page) &&
         jf_desk_dashboard_page_get_report (page) != NULL;
}

typedef struct
{
  JfDeskDashboardPage *page;
  guint                n;
} Listed;

static gboolean
matters_listed (gpointer data)
{
  Listed *listed = data;

  return g_strcmp0 (jf_desk_dashboard_page_get_view (listed->page), "matters") == 0 &&
         !jf_desk_dashboard_page_matters_loading (listed->page) &&
         g_list_model_get_n_items (jf_desk_dashboard_page_get_matters (listed->page)) ==
           listed->n;
}

/* The text of the label named @name inside @widget. */
static const char *
label_text (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return gtk_label_get_text (GTK_LABEL (child));
      if ((text = label_text (child, name)) != NULL)
        return text;
    }
  return NULL;
}

/* A card shows @value and @detail. */
static void
assert_card (JfDeskDashboardPage *page,
             const char          *id,
             const char          *value,
             const char          *detail)
{
  GtkWidget *card = jf_desk_dashboard_page_get_card (page, id);

  g_assert_nonnull (card);
  g_assert_cmpstr (label_text (card, "value"), ==, value);
  if (detail != NULL)
    g_assert_cmpstr (label_text (card, "detail"), ==, detail);
}

static JfDeskChartData *
chart_data (JfDeskDashboardPage *page,
            JfDeskStatsChart     chart)
{
  JfDeskChartData *data = jf_desk_chart_get_data (jf_desk_dashboard_page_get_chart (page, chart));

  g_assert_nonnull (data);
  return data;
}

/* The item of @data whose code is @code. */
static JfDeskChartItem *
chart_item (JfDeskChartData *data,
            const char      *code)
{
  for (guint i = 0; i < jf_desk_chart_data_get_n_items (data); i++)
    if (g_strcmp0 (jf_desk_chart_data_get (data, i)->code, code) == 0)
      return jf_desk_chart_data_get (data, i);
  g_error ("no item %s in the chart %s", code, data->title);
  return NULL;
}

static int
chart_index (JfDeskChartData *data,
             const char      *code)
{
  for (guint i = 0; i < jf_desk_chart_data_get_n_items (data); i++)
    if (g_strcmp0 (jf_desk_chart_data_get (data, i)->code, code) == 0)
      return (int) i;
  return -1;
}

/* How many items of @data count something. */
static guint
n_nonzero (JfDeskChartData *data)
{
  guint n = 0;

  for (guint i = 0; i < jf_desk_chart_data_get_n_items (data); i++)
    n += jf_desk_chart_data_get (data, i)->values[0] != 0;
  return n;
}

/* The ids of the matters listed. */
static GHashTable *
listed_ids (JfDeskDashboardPage *page)
{
  GListModel *model = jf_desk_dashboard_page_get_matters (page);
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (model, i);
      gint64 *id = g_new (gint64, 1);

      *id = jf_desk_matter_summary_get_id (summary);
      g_hash_table_add (ids, id);
    }
  return ids;
}

static void
assert_listed (JfDeskDashboardPage *page,
               const guint         *which,
               guint                n)
{
  g_autoptr(GHashTable) ids = listed_ids (page);

  g_assert_cmpuint (g_hash_table_size (ids), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_hash_table_contains (ids, &m[which[i]]));
}

typedef struct
{
  JfDeskDashboardPage *page;
  const char          *scope;
  double               registered;
} Shown;

/* The figures of @scope are shown, with @registered matters registered. */
static gboolean
figures_are (gpointer data)
{
  Shown *shown = data;
  JfDeskStatsReport *report = jf_desk_dashboard_page_get_report (shown->page);
  const JfDeskStatsCard *card = report != NULL
                                ? jf_desk_stats_report_find_card (report, "registered") : NULL;

  return figures_shown (shown->page) && card != NULL &&
         g_strcmp0 (jf_desk_stats_report_get_scope_code (report), shown->scope) == 0 &&
         card->value_number == shown->registered;
}

/* The figures of @scope are shown, whatever their numbers. */
static gboolean
scope_shown (gpointer data)
{
  Shown *shown = data;
  JfDeskStatsReport *report = jf_desk_dashboard_page_get_report (shown->page);

  return figures_shown (shown->page) &&
         g_strcmp0 (jf_desk_stats_report_get_scope_code (report), shown->scope) == 0;
}

/* The map's cell of the scope's own centre (its first), activated with the keyboard: the
 * matters it lists, then with "only overdue" (unless @late is NULL). */
static void
assert_own_cell_lists (JfDeskDashboardPage *page,
                       const guint         *open,
                       guint                n_open,
                       const guint         *late,
                       guint                n_late)
{
  JfDeskChart *map = jf_desk_dashboard_page_get_chart (page, JF_DESK_STATS_UNITS);
  Listed listed = { page, n_open };

  gtk_widget_grab_focus (GTK_WIDGET (map));
  jf_ui_iterate (50);
  jf_desk_chart_select (map, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (matters_listed, &listed, 10000, "the own centre's open matters");
  assert_listed (page, open, n_open);
  if (late != NULL)
    {
      gtk_widget_activate (jf_ui_find (GTK_WIDGET (page), "overdue_button"));
      listed.n = n_late;
      jf_ui_wait_until_full (matters_listed, &listed, 10000, "the own centre's overdue matters");
      assert_listed (page, late, n_late);
    }
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (jf_desk_dashboard_page_get_view (page), ==, "overview");
  g_assert_true (jf_ui_has_focus (GTK_WIDGET (map)));
}

static gboolean
matter_shown (gpointer data)
{
  JfDeskDashboardPage *page = data;

  return g_strcmp0 (jf_desk_dashboard_page_get_view (page), "matter") == 0 &&
         jf_desk_matter_page_is_loaded (jf_desk_dashboard_page_get_matter_page (page));
}

/* The drop-down's item whose code is @code, once the units below have come. */
typedef struct
{
  GtkDropDown *dropdown;
  const char  *code;
} Unit;

static guint
unit_position (Unit *unit)
{
  GListModel *model = gtk_drop_down_get_model (unit->dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JfDeskOrgUnit) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (jf_desk_org_unit_get_code (item), unit->code) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
unit_listed (gpointer data)
{
  return unit_position (data) != GTK_INVALID_LIST_POSITION;
}

/* --- the save dialog ----------------------------------------------------------------------- */

static gboolean
chooser_open (gpointer data)
{
  return jf_desk_dashboard_page_get_chooser (data) != NULL;
}

static gboolean
chooser_closed (gpointer data)
{
  return jf_desk_dashboard_page_get_chooser (data) == NULL;
}

/* Ctrl+E or Ctrl+P, then the dialog answers with @path, as a person choosing it would. */
static void
save_through_dialog (JfDeskDashboardPage *page,
                     guint                keyval,
                     const char          *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  GtkNativeDialog *chooser;

  jf_ui_press (keyval, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (chooser_open, page, 5000, "the save dialog");
  chooser = jf_desk_dashboard_page_get_chooser (page);
  /* The file name offered: the unit and the days. */
  g_assert_nonnull (strstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)),
                            "龙山区"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  jf_ui_iterate (100);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  jf_ui_wait_until_full (chooser_closed, page, 5000, "the save dialog closed");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* --- the supervisor's view ----------------------------------------------------------------- */

static void
test_supervisor (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskDashboardPage *page;
  JfDeskChartData *data;
  JfDeskChartItem *item;
  GtkWidget *card;
  Listed listed;
  g_autofree char *csv_path = g_build_filename (jf_ui_test_home (), "统计.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (jf_ui_test_home (), "统计.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *year = g_strdup_printf ("%.4s", today);
  g_autoptr(GError) error = NULL;

  jf_ui_sign_in (window, "ducha", JF_TEST_PASSWORD);
  page = open_dashboard (window);
  jf_ui_wait_until_full (figures_shown, page, 15000, "the figures");
  g_assert_null (jf_desk_dashboard_page_get_error (page));
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "dashboard"));
  /* The charts further down, scrolled to as a person would. */
  {
    GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (jf_ui_find (GTK_WIDGET (page), "scroller")));

    gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll) / 3);
    jf_ui_iterate (200);
    g_free (jf_ui_screenshot (window, "dashboard-charts"));
    gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
    jf_ui_iterate (200);
    g_free (jf_ui_screenshot (window, "dashboard-end"));
    gtk_adjustment_set_value (scroll, 0);
    jf_ui_iterate (100);
  }

  /* This year's figures of 龙山区 (test-stats.c's test_county works them out): M1..M11
   * registered this year, M12 last year. */
  assert_card (page, "registered", "11", NULL);
  assert_card (page, "response", "81.8%", "9 / 11");
  assert_card (page, "resolution", "66.7%", "6 / 9");
  assert_card (page, "satisfaction", "83.3%", "5 / 6");
  assert_card (page, "on_time", "89.7%", "26 / 29");
  assert_card (page, "court", "1", NULL);
  /* Open now (the queue's "open"): M2, M4, M5, M12 in A, M7, M8, M9 in B; M5 and M9
   * overdue. */
  assert_card (page, "open", "7", NULL);
  assert_card (page, "overdue", "2", "在办共 7 件");

  /* The charts have their data: a bar per category registered, kinds, sources and
   * statuses in their fixed order, a point per month of the year. */
  data = chart_data (page, JF_DESK_STATS_CATEGORY);
  g_assert_cmpuint (n_nonzero (data), ==, 8);
  /* The most frequent first. */
  g_assert_cmpfloat (jf_desk_chart_data_get (data, 0)->values[0], ==, 2);
  g_assert_cmpfloat (chart_item (data, "neighbor")->values[0], ==, 2);
  g_assert_cmpfloat (chart_item (data, "environment")->values[0], ==, 2);
  g_assert_cmpfloat (chart_item (data, "land")->values[0], ==, 1);
  data = chart_data (page, JF_DESK_STATS_KIND);
  g_assert_cmpuint (jf_desk_chart_data_get_n_items (data), ==, 4);
  g_assert_cmpfloat (chart_item (data, "dispute")->values[0], ==, 6);
  data = chart_data (page, JF_DESK_STATS_STATUS);
  g_assert_cmpfloat (chart_item (data, "closed")->values[0], ==, 3);
  g_assert_cmpfloat (chart_item (data, "resolved")->values[0], ==, 3);
  data = chart_data (page, JF_DESK_STATS_LEVEL);
  g_assert_cmpfloat (chart_item (data, "village")->values[0], ==, 3);
  g_assert_cmpfloat (chart_item (data, "township")->values[0], ==, 2);
  g_assert_cmpfloat (chart_item (data, "county")->values[0], ==, 1);
  data = chart_data (page, JF_DESK_STATS_TREND_MONTHS);
  g_assert_true (data->kind == JF_DESK_CHART_TREND);
  g_assert_cmpuint (jf_desk_chart_data_get_n_items (data), ==, 12);
  g_assert_cmpuint (data->n_series, ==, 3);
  {
    g_autofree char *month = g_strdup_printf ("%.7s", today);

    /* This month: the eleven registered, six resolved now, three closed. */
    item = chart_item (data, month);
    g_assert_cmpfloat (item->values[0], ==, 11);
    g_assert_cmpfloat (item->values[1], ==, 6);
    g_assert_cmpfloat (item->values[2], ==, 3);
  }
  /* By week: the trend shows the year's ISO weeks (53 or 54, clipped at its ends). */
  /* (A button's activation clicks it after a quarter of a second.) */
  gtk_widget_activate (jf_ui_find (GTK_WIDGET (page), "weeks_button"));
  jf_ui_iterate (500);
  data = jf_desk_chart_get_data (jf_desk_dashboard_page_get_chart (page,
                                                                 JF_DESK_STATS_TREND_WEEKS));
  g_assert_true (data == jf_desk_stats_report_get_chart (jf_desk_dashboard_page_get_report (page),
                                                         JF_DESK_STATS_TREND_WEEKS));
  g_assert_cmpuint (jf_desk_chart_data_get_n_items (data), >=, 53);
  g_free (jf_ui_screenshot (window, "dashboard-weeks"));
  gtk_widget_activate (jf_ui_find (GTK_WIDGET (page), "months_button"));
  jf_ui_iterate (500);
  g_assert_true (chart_data (page, JF_DESK_STATS_TREND_MONTHS) ==
                 jf_desk_stats_report_get_chart (jf_desk_dashboard_page_get_report (page),
                                                 JF_DESK_STATS_TREND_MONTHS));

  data = chart_data (page, JF_DESK_STATS_DEPARTMENTS);
  g_assert_cmpuint (jf_desk_chart_data_get_n_items (data), ==, 2);
  g_assert_cmpfloat (chart_item (data, HOUSING)->values[0], ==, 1);

  /* The map: the county's own centre, then each township; A has M2, M4, M5 and M12 open
   * (M5 overdue), B has M7 at its own centre, M8 and M9 (M9 overdue). */
  data = chart_data (page, JF_DESK_STATS_UNITS);
  g_assert_true (data->kind == JF_DESK_CHART_GRID);
  g_assert_cmpint (jf_desk_chart_data_get_n_items (data), ==,
                   1 + jf_test_env_sql_int (env, "SELECT count(*) FROM jf.org_units WHERE "
                                                 "parent_id = (SELECT id FROM jf.org_units "
                                                 "WHERE code = '" COUNTY "')"));
  item = chart_item (data, TOWNSHIP_A);
  g_assert_cmpfloat (item->values[0], ==, 4);
  g_assert_cmpfloat (item->values[1], ==, 1);
  item = chart_item (data, TOWNSHIP_B);
  g_assert_cmpfloat (item->values[0], ==, 3);
  g_assert_cmpfloat (item->values[1], ==, 1);
  g_assert_cmpfloat (jf_desk_chart_data_get (data, 0)->values[0], ==, 0);

  /* The villages: those of one name are told apart by their township (龙山区 has 胜利社区
   * in 南康街道, B1, and in 向阳街道); a name the county holds once stays as it is. */
  data = chart_data (page, JF_DESK_STATS_VILLAGES);
  {
    g_autofree char *other = jf_test_env_sql_text (
      env, "SELECT min(code) FROM jf.org_units WHERE level = 'village' AND name = '胜利社区' "
           "AND code LIKE '" COUNTY "%' AND code <> '" VILLAGE_B "'");
    g_autofree char *lone = jf_test_env_sql_text (
      env, "SELECT min(code) || ',' || min(name) FROM jf.org_units WHERE level = 'village' "
           "AND code LIKE '" COUNTY "%' GROUP BY name HAVING count(*) = 1 "
           "ORDER BY min(code) LIMIT 1");
    g_auto(GStrv) lone_parts = g_strsplit (lone, ",", 2);

    g_assert_cmpstr (chart_item (data, VILLAGE_B)->label, ==, "南康街道 · 胜利社区");
    g_assert_cmpstr (chart_item (data, other)->label, ==, "向阳街道 · 胜利社区");
    g_assert_cmpstr (chart_item (data, lone_parts[0])->label, ==, lone_parts[1]);
  }

  /* Accessible names: a chart is named by its title and says the element ringed; a card
   * says its figure. */
  {
    JfDeskChart *chart = jf_desk_dashboard_page_get_chart (page, JF_DESK_STATS_CATEGORY);
    g_autofree char *name = NULL;
    g_autofree char *said = NULL;
    g_autofree char *card_name = NULL;

    name = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, "按纠纷类别");
    g_assert_null (name);
    jf_desk_chart_select (chart, chart_index (jf_desk_chart_get_data (chart), "neighbor"));
    said = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                               "邻里纠纷：2");
    g_assert_null (said);
    card_name = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (jf_desk_dashboard_page_get_card (page, "response")),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "响应率：81.8%，9 / 11");
    g_assert_null (card_name);
  }

  /* The response rate's card, with the keyboard: its matters are the nine answered in
   * time (all but M2, answered late, and M5, never; M12 is last year's). */
  card = jf_desk_dashboard_page_get_card (page, "response");
  gtk_widget_grab_focus (card);
  jf_ui_iterate (50);
  jf_ui_press (GDK_KEY_Return, 0);
  listed = (Listed) { page, 9 };
  jf_ui_wait_until_full (matters_listed, &listed, 10000, "the matters answered in time");
  {
    static const guint answered[] = { 1, 3, 4, 6, 7, 8, 9, 10, 11 };

    assert_listed (page, answered, G_N_ELEMENTS (answered));
  }
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (page), "matters_view")));
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "dashboard-matters"));
  /* Escape: back to the figures, on the card. */
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (jf_desk_dashboard_page_get_view (page), ==, "overview");
  g_assert_true (jf_ui_has_focus (card));

  /* A township's cell, activated with the keyboard: its open matters, then only the
   * overdue one. */
  {
    JfDeskChart *map = jf_desk_dashboard_page_get_chart (page, JF_DESK_STATS_UNITS);
    static const guint open_a[] = { 2, 4, 5, 12 };
    static const guint late_a[] = { 5 };

    data = chart_data (page, JF_DESK_STATS_UNITS);
    gtk_widget_grab_focus (GTK_WIDGET (map));
    jf_ui_iterate (50);
    jf_desk_chart_select (map, chart_index (data, TOWNSHIP_A));
    jf_ui_press (GDK_KEY_Return, 0);
    listed = (Listed) { page, 4 };
    jf_ui_wait_until_full (matters_listed, &listed, 10000, "the township's open matters");
    assert_listed (page, open_a, G_N_ELEMENTS (open_a));
    gtk_widget_activate (jf_ui_find (GTK_WIDGET (page), "overdue_button"));
    listed = (Listed) { page, 1 };
    jf_ui_wait_until_full (matters_listed, &listed, 10000, "the township's overdue matter");
    assert_listed (page, late_a, G_N_ELEMENTS (late_a));
    jf_ui_press (GDK_KEY_Escape, 0);
    g_assert_cmpstr (jf_desk_dashboard_page_get_view (page), ==, "overview");
    g_assert_true (jf_ui_has_focus (GTK_WIDGET (map)));
  }

  /* The view as CSV, through the save dialog: the title, the unit, the range, then a row
   * a figure with its numerator and denominator. */
  save_through_dialog (page, GDK_KEY_e, csv_path);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf"));
  {
    g_autofree char *range = g_strdup_printf ("\r\n统计期间,%s-01-01,%s-12-31\r\n", year, year);

    g_assert_nonnull (strstr (csv, "\r\n所属单位,龙山区,220402\r\n"));
    g_assert_nonnull (strstr (csv, range));
  }
  g_assert_nonnull (strstr (csv, "\r\n分组,指标,代码,数值,分子,分母\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n概览,已登记,registered,11,,\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n概览,响应率,response,0.8182,9,11\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n概览,化解率,resolution,0.6667,6,9\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n概览,满意率,satisfaction,0.8333,5,6\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n概览,按时办理率,on_time,0.8966,26,29\r\n"));
  g_assert_nonnull (strstr (csv, ",neighbor,2,,\r\n"));
  g_assert_nonnull (strstr (csv, "," TOWNSHIP_A ",4,,\r\n"));

  /* The PDF report: its text holds the title and the cards' Chinese labels. */
  save_through_dialog (page, GDK_KEY_p, pdf_path);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf_path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "龙山区"));
    g_assert_nonnull (strstr (out, "响应率"));
    g_assert_nonnull (strstr (out, "81.8%"));
    g_assert_nonnull (strstr (out, "化解率"));
  }
  /* The overdue card: its two matters; Enter opens the first (the newest, M9) here, Escape
   * goes back to the list, and again to the figures. */
  card = jf_desk_dashboard_page_get_card (page, "overdue");
  gtk_widget_grab_focus (card);
  jf_ui_iterate (50);
  jf_ui_press (GDK_KEY_Return, 0);
  listed = (Listed) { page, 2 };
  jf_ui_wait_until_full (matters_listed, &listed, 10000, "the overdue matters");
  {
    static const guint late[] = { 5, 9 };

    assert_listed (page, late, G_N_ELEMENTS (late));
  }
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (matter_shown, page, 10000, "the matter opened from the list");
  g_assert_cmpint (jf_desk_matter_page_get_id (jf_desk_dashboard_page_get_matter_page (page)),
                   ==, m[9]);
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (jf_desk_dashboard_page_get_view (page), ==, "matters");
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (page), "matters_view")));
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (jf_desk_dashboard_page_get_view (page), ==, "overview");
  g_assert_true (jf_ui_has_focus (card));

  /* The days: last year holds M12 alone; two days typed in (today, today) the eleven,
   * with the trend by week. */
  {
    GtkDropDown *range = GTK_DROP_DOWN (jf_ui_find (GTK_WIDGET (page), "range_dropdown"));
    Shown shown = { page, COUNTY, 1 };

    gtk_drop_down_set_selected (range, 3);
    jf_ui_wait_until_full (figures_are, &shown, 10000, "last year's figures");
    assert_card (page, "registered", "1", NULL);

    gtk_menu_button_popup (GTK_MENU_BUTTON (jf_ui_find (GTK_WIDGET (page), "range_button")));
    jf_ui_iterate (100);
    gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (page), "from_entry"));
    jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
    jf_ui_type (today);
    jf_ui_press (GDK_KEY_Tab, 0);
    g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (page), "to_entry")));
    jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
    jf_ui_type (today);
    jf_ui_press (GDK_KEY_Return, 0);
    shown.registered = 11;
    jf_ui_wait_until_full (figures_are, &shown, 10000, "today's figures");
    g_assert_cmpstr (jf_desk_stats_report_get_from (jf_desk_dashboard_page_get_report (page)),
                     ==, today);
    g_assert_cmpstr (jf_desk_stats_report_get_to (jf_desk_dashboard_page_get_report (page)),
                     ==, today);
    g_assert_cmpuint (gtk_drop_down_get_selected (range), ==, 4);
    data = jf_desk_chart_get_data (jf_desk_dashboard_page_get_chart (page,
                                                                   JF_DESK_STATS_TREND_WEEKS));
    g_assert_cmpuint (jf_desk_chart_data_get_n_items (data), ==, 1);
    g_assert_cmpfloat (jf_desk_chart_data_get (data, 0)->values[0], ==, 11);
  }

  /* A unit below: 向阳街道, chosen from the unit drop-down. Its figures (test-stats.c's
   * test_township) and its villages on the map. */
  {
    Unit unit = { GTK_DROP_DOWN (jf_ui_find (GTK_WIDGET (page), "scope_dropdown")),
                  TOWNSHIP_A };
    Shown shown = { page, TOWNSHIP_A, 6 };

    jf_ui_wait_until_full (unit_listed, &unit, 10000, "the townships in the drop-down");
    gtk_drop_down_set_selected (unit.dropdown, unit_position (&unit));
    jf_ui_wait_until_full (figures_are, &shown, 10000, "向阳街道's figures");
    assert_card (page, "response", "66.7%", "4 / 6");
    data = chart_data (page, JF_DESK_STATS_UNITS);
    item = chart_item (data, VILLAGE_A);
    g_assert_cmpfloat (item->values[0], ==, 4);
    g_assert_cmpfloat (item->values[1], ==, 1);
    /* The drop-down now holds the path down to it, and its villages. */
    unit.code = VILLAGE_A;
    jf_ui_wait_until_full (unit_listed, &unit, 10000, "the villages in the drop-down");
    unit.code = COUNTY;
    g_assert_true (unit_listed (&unit));
  }

  /* Back up to the county, then down to 南康街道 and its 胜利社区: the own centre's cell
   * lists the matters that centre owns itself, none of the units' below it. 南康街道 owns
   * M7 (escalated to it); 胜利社区 M8 and M9 (overdue), not M7. */
  {
    Unit unit = { GTK_DROP_DOWN (jf_ui_find (GTK_WIDGET (page), "scope_dropdown")), COUNTY };
    Shown shown = { page, COUNTY, 11 };
    static const guint own_b[] = { 7 };
    static const guint own_b1[] = { 8, 9 };
    static const guint late_b1[] = { 9 };

    gtk_drop_down_set_selected (unit.dropdown, unit_position (&unit));
    jf_ui_wait_until_full (figures_are, &shown, 10000, "龙山区's figures again");
    unit.code = TOWNSHIP_B;
    jf_ui_wait_until_full (unit_listed, &unit, 10000, "the townships in the drop-down");
    gtk_drop_down_set_selected (unit.dropdown, unit_position (&unit));
    shown.scope = TOWNSHIP_B;
    jf_ui_wait_until_full (scope_shown, &shown, 10000, "南康街道's figures");
    assert_own_cell_lists (page, own_b, G_N_ELEMENTS (own_b), NULL, 0);
    unit.code = VILLAGE_B;
    jf_ui_wait_until_full (unit_listed, &unit, 10000, "the villages in the drop-down");
    gtk_drop_down_set_selected (unit.dropdown, unit_position (&unit));
    shown.scope = VILLAGE_B;
    jf_ui_wait_until_full (scope_shown, &shown, 10000, "胜利社区's figures");
    assert_own_cell_lists (page, own_b1, G_N_ELEMENTS (own_b1), late_b1, G_N_ELEMENTS (late_b1));
    g_free (jf_ui_screenshot (window, "dashboard-own-centre"));
  }
  jf_ui_stop_desk ();
}

/* --- who sees it --------------------------------------------------------------------------- */

static void
assert_workspace (const char *username,
                  gboolean    shown)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  GtkWidget *page;

  jf_ui_sign_in (window, username, JF_TEST_PASSWORD);
  page = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "dashboard");
  if (shown)
    g_assert_true (JF_DESK_IS_DASHBOARD_PAGE (page));
  else
    g_assert_null (page);
  jf_ui_stop_desk ();
}

static void
test_roles (void)
{
  assert_workspace ("admin", TRUE);
  assert_workspace ("shenji", TRUE);
  assert_workspace ("chuangkou", FALSE);
  assert_workspace ("bumen", FALSE);
}

/* --- the desktop's notifications ------------------------------------------------------------ */

/* A notification server of our own on the session bus: the data set's late clocks reach
 * the supervisor's desktop as notifications (jf-desk-notifier.c), which need somewhere to
 * go. Only counted. */
static guint n_notified;

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++n_notified));
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "jiefen",
                                                                      "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
    "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "<method name='GetServerInformation'><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  jf_ui_iterate (200);
}

int
main (int argc, char **argv)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (china);
  int status;

  jf_ui_test_init (&argc, &argv);
  serve_notifications ();
  env = jf_test_env_new ();
  today = g_date_time_format (now, "%Y-%m-%d");
  stats_data_build (env, m, today);
  /* Overdue now: M5 (never answered) and M9 (in review), as test-stats.c's map has them. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE jf.matters SET next_deadline_at = now() - "
                                            "interval '1 hour' WHERE id IN (%" G_GINT64_FORMAT
                                            ", %" G_GINT64_FORMAT ")", m[5], m[9]);

    jf_test_env_sql (env, sql);
  }
  stats_data_wait_fresh (env);

  g_test_add_func ("/desk/dashboard/supervisor", test_supervisor);
  g_test_add_func ("/desk/dashboard/roles", test_roles);
  status = g_test_run ();
  jf_test_env_free (env);
  g_free (today);
  return status;
}
