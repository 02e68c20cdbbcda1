/* jf-desk-stats-report-charts.c: the trends, the units' map, the departments, the
 * petitions and the villages of a view of the statistics
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-desk-json.h"
#include "jf-desk-stats-report-private.h"

/* --- trends -------------------------------------------------------------------------------- */

static const char *
month_name (guint month)
{
  static const char * const months[] = {
    NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
    NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
    NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
  };

  return month >= 1 && month <= 12 ? g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1])
                                   : "?";
}

/* The label under a period: "第5周" for "2026-W05", "2月" for "2026-02" (with the year
 * when the range spans more than one). */
static char *
period_label (const char *code,
              gboolean    weeks,
              gboolean    years)
{
  guint number = code != NULL && strlen (code) >= 7
                 ? (guint) g_ascii_strtoull (code + (weeks ? 6 : 5), NULL, 10) : 0;

  if (weeks)
    /* TRANSLATORS: an ISO week on the trend's axis. */
    return g_strdup_printf (_("W%u"), number);
  if (years && code != NULL)
    /* TRANSLATORS: a month on the trend's axis when the range spans years: year, month. */
    return g_strdup_printf (_("%.4s %s"), code, month_name (number));
  return g_strdup (month_name (number));
}

static void
make_trend (JfDeskStatsReport *self,
            JsonArray         *periods,
            JfDeskChartData   *chart,
            gboolean           weeks)
{
  static const char * const figures[] = { "registered", "resolved_in", "closed_in" };
  static const char * const members[] = { "registered", "resolved", "closed" };
  gboolean years = strncmp (self->from, self->to, 4) != 0;

  jf_desk_chart_data_set_series (chart, 0, _("Registered"));
  jf_desk_chart_data_set_series (chart, 1, _("Resolved"));
  jf_desk_chart_data_set_series (chart, 2, _("Closed"));
  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      JsonObject *period = jf_desk_json_object (json_array_get_element (periods, i));
      const char *code = jf_desk_json_string (period, weeks ? "week" : "month");
      const char *from = jf_desk_json_string (period, "from");
      const char *to = jf_desk_json_string (period, "to");
      g_autofree char *label = period_label (code, weeks, years);
      JfDeskChartItem *item;

      if (code == NULL || from == NULL || to == NULL)
        continue;
      item = jf_desk_chart_data_add (chart, label, code);
      for (guint s = 0; s < G_N_ELEMENTS (figures); s++)
        {
          g_autofree char *path = jf_desk_stats_report_figure_path (self, figures[s], from, to);
          /* TRANSLATORS: the list behind a point of the trend: its days and its series. */
          g_autofree char *what = g_strdup_printf (_("%s to %s, %s"), from, to,
                                                   chart->series[s]);
          g_autofree char *title = jf_desk_stats_list_title (chart, what);

          jf_desk_chart_item_set (item, s, jf_desk_stats_number (period, members[s], 0), -1, -1,
                                  NULL, path, title);
        }
    }
}

void
jf_desk_stats_report_make_trends (JfDeskStatsReport *self,
                                  JsonObject        *stats)
{
  JsonObject *trends = jf_desk_json_member_object (stats, "trends");

  make_trend (self, jf_desk_json_member_array (trends, "weeks"),
              self->charts[JF_DESK_STATS_TREND_WEEKS], TRUE);
  make_trend (self, jf_desk_json_member_array (trends, "months"),
              self->charts[JF_DESK_STATS_TREND_MONTHS], FALSE);
}

/* --- the units below the scope ------------------------------------------------------------- */

/* A cell of the map. @own: the scope's own centre, whose matters are those it owns itself,
 * none of the units below it (the queue's own=true). */
static void
unit_item (JfDeskChartData *chart,
           const char      *label,
           const char      *code,
           JsonObject      *counts,
           gboolean         own)
{
  JfDeskChartItem *item = jf_desk_chart_data_add (chart, label, code);
  static const char * const members[] = { "open", "overdue" };

  for (guint v = 0; v < G_N_ELEMENTS (members); v++)
    {
      /* The queue's own filters: the same "open" and "overdue" as the counts. */
      g_autofree char *path = g_strdup_printf ("/v1/matters?org=%s%s&status=open%s", code,
                                               own ? "&own=true" : "",
                                               v == 1 ? "&overdue=true" : "");
      /* TRANSLATORS: a unit's open (or overdue) matters: the unit · the series. */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), label, chart->series[v]);

      jf_desk_chart_item_set (item, v, jf_desk_stats_number (counts, members[v], 0), -1, -1,
                              NULL, path, title);
    }
}

void
jf_desk_stats_report_make_units (JfDeskStatsReport *self,
                                 JsonObject        *units)
{
  JfDeskChartData *chart = self->charts[JF_DESK_STATS_UNITS];
  JsonArray *items = jf_desk_json_member_array (units, "items");
  g_autofree char *own = NULL;

  jf_desk_chart_data_set_series (chart, 0, _("Open"));
  jf_desk_chart_data_set_series (chart, 1, _("Overdue"));
  if (units == NULL)
    return;
  /* TRANSLATORS: the cell of the scope's own centre in the map of units. */
  own = g_strdup_printf (_("%s (own centre)"), self->scope_name);
  unit_item (chart, own, self->scope_code, jf_desk_json_member_object (units, "own"), TRUE);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = jf_desk_json_object (json_array_get_element (items, i));
      JsonObject *org = jf_desk_json_member_object (item, "org");
      const char *code = jf_desk_json_string (org, "code");

      if (code != NULL)
        unit_item (chart, jf_desk_json_string (org, "name") != NULL
                          ? jf_desk_json_string (org, "name") : code, code, item, FALSE);
    }
  chart->note = g_strdup (_("Counted now, whatever the days chosen."));
}

/* --- departments --------------------------------------------------------------------------- */

void
jf_desk_stats_report_make_departments (JfDeskStatsReport *self,
                                       JsonObject        *stats)
{
  JfDeskChartData *chart = self->charts[JF_DESK_STATS_DEPARTMENTS];
  JsonObject *departments = jf_desk_json_member_object (stats, "departments");
  JsonArray *items = jf_desk_json_member_array (departments, "items");
  guint total = (guint) jf_desk_stats_number (departments, "total", 0);

  chart->label_header = g_strdup (_("Department"));
  jf_desk_chart_data_set_series (chart, 0, _("Whistles"));
  jf_desk_chart_data_set_series (chart, 1, _("Checked in on time"));
  jf_desk_chart_data_set_series (chart, 2, _("Done on time"));
  jf_desk_chart_data_set_series (chart, 3, _("Mean rating"));
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *department = jf_desk_json_object (json_array_get_element (items, i));
      const char *code = jf_desk_json_string (department, "code");
      const char *name = jf_desk_json_string (department, "name");
      static const char * const rates[] = { "checkin", "done" };
      JsonObject *rating = jf_desk_json_member_object (department, "rating");
      double mean = jf_desk_stats_number (rating, "mean", -1);
      g_autofree char *key = NULL, *path = NULL, *title = NULL, *mean_text = NULL;
      JfDeskChartItem *item;

      if (code == NULL)
        continue;
      item = jf_desk_chart_data_add (chart, name != NULL ? name : code, code);
      key = g_strdup_printf ("department.%s", code);
      path = jf_desk_stats_report_figure_path (self, key, NULL, NULL);
      title = jf_desk_stats_list_title (chart, item->label);
      jf_desk_chart_item_set (item, 0, jf_desk_stats_number (department, "targets", 0), -1, -1,
                              NULL, path, title);
      for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
        {
          JsonObject *rate = jf_desk_json_member_object (department, rates[r]);
          double numerator = jf_desk_stats_number (rate, "numerator", 0);
          double denominator = jf_desk_stats_number (rate, "denominator", 0);
          g_autofree char *fraction = jf_desk_stats_fraction (numerator, denominator);

          jf_desk_chart_item_set (item, r + 1, jf_desk_stats_number (rate, "rate", -1),
                                  numerator, denominator, fraction, NULL, NULL);
        }
      /* TRANSLATORS: a department's mean rating (1–5) and how many ratings it is of. */
      mean_text = mean >= 0 ? g_strdup_printf (_("%.1f (%.0f rated)"), mean,
                                               jf_desk_stats_number (rating, "rated", 0))
                            : g_strdup ("—");
      jf_desk_chart_item_set (item, 3, mean, -1, -1, mean_text, NULL, NULL);
    }
  /* The whole list goes to the CSV; the dashboard and the PDF show the busiest. */
  chart->limit = JF_DESK_STATS_TOP_N;
  if (total > JF_DESK_STATS_TOP_N)
    chart->note = g_strdup_printf (_("%u departments were whistled; the %u most whistled are "
                                     "shown, the CSV has the %u the server lists."), total,
                                   JF_DESK_STATS_TOP_N, chart->items->len);
}

/* --- petitions ----------------------------------------------------------------------------- */

void
jf_desk_stats_report_make_petitions (JfDeskStatsReport *self,
                                     JsonObject        *stats)
{
  static const struct
  {
    const char *code;
    const char *label;
  } stages[] = {
    { "deciding", N_("Deciding on acceptance") },
    { "not_accepted", N_("Petition not accepted") },
    { "handling", N_("Being handled") },
    { "replied", N_("Replied") },
    { "review_requested", N_("Review requested") },
    { "reviewed", N_("Reviewed") },
    { "rereview_requested", N_("Re-review requested") },
    { "rereviewed", N_("Re-reviewed") },
  };
  JfDeskChartData *chart = self->charts[JF_DESK_STATS_PETITION];
  JsonObject *petitions = jf_desk_json_member_object (stats, "petitions");

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      JfDeskChartItem *item = jf_desk_chart_data_add (chart, _(stages[i].label), stages[i].code);
      g_autofree char *key = g_strdup_printf ("petition.%s", stages[i].code);
      g_autofree char *path = jf_desk_stats_report_figure_path (self, key, NULL, NULL);
      g_autofree char *title = jf_desk_stats_list_title (chart, item->label);

      jf_desk_chart_item_set (item, 0, jf_desk_stats_number (petitions, stages[i].code, 0), -1,
                              -1, NULL, path, title);
    }
}

/* --- the no-litigation index per village --------------------------------------------------- */

/* The names of the units the report knows, by code: the scope and the units directly
 * below it (a county's townships, the city's counties). */
static GHashTable *
known_units (JfDeskStatsReport *self,
             JsonObject        *units)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *items = jf_desk_json_member_array (units, "items");

  g_hash_table_insert (names, self->scope_code, self->scope_name);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *org = jf_desk_json_member_object (
        jf_desk_json_object (json_array_get_element (items, i)), "org");
      const char *code = jf_desk_json_string (org, "code");
      const char *name = jf_desk_json_string (org, "name");

      if (code != NULL && name != NULL)
        g_hash_table_insert (names, (gpointer) code, (gpointer) name);
    }
  return names;
}

/* The unit above the village @code that @names knows: its township (the code's first nine
 * digits), else its county (six) when the scope is the city; NULL when neither is known. */
static const char *
unit_above (GHashTable *names,
            const char *code)
{
  static const gsize prefixes[] = { 9, 6 };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *prefix = NULL;
      const char *name;

      if (strlen (code) <= prefixes[i])
        continue;
      prefix = g_strndup (code, prefixes[i]);
      if ((name = g_hash_table_lookup (names, prefix)) != NULL)
        return name;
    }
  return NULL;
}

static const char *
village_name (JsonObject *village)
{
  const char *name = jf_desk_json_string (village, "name");

  return name != NULL ? name : jf_desk_json_string (village, "code");
}

void
jf_desk_stats_report_make_villages (JfDeskStatsReport *self,
                                    JsonObject        *stats,
                                    JsonObject        *units)
{
  JfDeskChartData *chart = self->charts[JF_DESK_STATS_VILLAGES];
  JsonObject *villages = jf_desk_json_member_object (
    jf_desk_json_member_object (stats, "no_litigation"), "villages");
  JsonArray *items = jf_desk_json_member_array (villages, "items");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = known_units (self, units);

  /* Names given twice in the chart (龙山区 alone has three 胜利社区): those villages are told
   * apart by the unit above them, from what the report already holds. */
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      const char *name = village_name (jf_desk_json_object (json_array_get_element (items, i)));

      if (name != NULL)
        g_hash_table_insert (seen, (gpointer) name,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, name))
                                               + 1));
    }
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *village = jf_desk_json_object (json_array_get_element (items, i));
      const char *code = jf_desk_json_string (village, "code");
      const char *name = village_name (village);
      const char *above;
      double to_court = jf_desk_stats_number (village, "matters_to_court", 0);
      double population = jf_desk_stats_number (village, "population", -1);
      double index = jf_desk_stats_number (village, "per_10000", -1);
      g_autofree char *key = NULL, *path = NULL, *title = NULL, *text = NULL, *label = NULL;
      JfDeskChartItem *item;

      if (code == NULL)
        continue;
      if (GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)) > 1 &&
          (above = unit_above (names, code)) != NULL)
        /* TRANSLATORS: a village whose name another village in the chart has too: its
         * township (or county) · its name, e.g. "南康街道 · 胜利社区". */
        label = g_strdup_printf (C_("village", "%s · %s"), above, name);
      item = jf_desk_chart_data_add (chart, label != NULL ? label : name, code);
      key = g_strdup_printf ("court.%s", code);
      path = jf_desk_stats_report_figure_path (self, key, NULL, NULL);
      title = jf_desk_stats_list_title (chart, item->label);
      /* TRANSLATORS: a village's index: per 10,000, matters gone to court, residents. */
      text = index >= 0 ? g_strdup_printf (_("%.2f (%.0f of %.0f residents)"), index, to_court,
                                           population)
      /* TRANSLATORS: a village without its population: matters gone to court. */
                        : g_strdup_printf (_("— (%.0f, population not recorded)"), to_court);
      jf_desk_chart_item_set (item, 0, index, to_court, population, text, path, title);
    }
  chart->limit = JF_DESK_STATS_TOP_N;
  /* TRANSLATORS: under the villages' index: how many villages, how many without a lawsuit. */
  chart->note = g_strdup_printf (_("%.0f villages and communities, %.0f of them with no "
                                   "matter gone to court. The highest %u are shown."),
                                 jf_desk_stats_number (villages, "total", 0),
                                 jf_desk_stats_number (villages, "without_court", 0),
                                 JF_DESK_STATS_TOP_N);
}
