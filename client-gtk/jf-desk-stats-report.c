/* jf-desk-stats-report.c: the figure cards and the counts of a view of the statistics */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-stats-report-private.h"

G_DEFINE_FINAL_TYPE (JfDeskStatsReport, jf_desk_stats_report, G_TYPE_OBJECT)

static void
card_free (JfDeskStatsCard *card)
{
  g_free (card->id);
  g_free (card->title);
  g_free (card->value);
  g_free (card->detail);
  g_free (card->target);
  g_free (card->target_title);
  g_free (card->alt_target);
  g_free (card->alt_target_title);
  g_free (card->shortfall);
  g_free (card->shortfall_code);
  g_free (card->shortfall_target);
  g_free (card->shortfall_title);
  g_free (card);
}

static void
jf_desk_stats_report_finalize (GObject *object)
{
  JfDeskStatsReport *self = JF_DESK_STATS_REPORT (object);

  g_free (self->scope_code);
  g_free (self->scope_name);
  g_free (self->from);
  g_free (self->to);
  g_free (self->as_of);
  g_ptr_array_unref (self->cards);
  for (guint i = 0; i < JF_DESK_STATS_N_CHARTS; i++)
    g_clear_pointer (&self->charts[i], jf_desk_chart_data_unref);
  G_OBJECT_CLASS (jf_desk_stats_report_parent_class)->finalize (object);
}

static void
jf_desk_stats_report_class_init (JfDeskStatsReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_stats_report_finalize;
}

static void
jf_desk_stats_report_init (JfDeskStatsReport *self)
{
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
}

/* --- shared helpers ------------------------------------------------------------------------ */

double
jf_desk_stats_number (JsonObject *object,
                      const char *member,
                      double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return fallback;
    }
}

char *
jf_desk_stats_rate_text (JsonObject *rate_object)
{
  double rate = jf_desk_stats_number (rate_object, "rate", -1);

  if (rate < 0)
    return g_strdup ("—");
  /* TRANSLATORS: a rate in per cent, one decimal: "81.8%". */
  return g_strdup_printf (_("%.1f%%"), rate * 100);
}

char *
jf_desk_stats_fraction (double numerator,
                        double denominator)
{
  /* TRANSLATORS: numerator and denominator of a rate: "412 / 436". */
  return g_strdup_printf (_("%.0f / %.0f"), numerator, denominator);
}

char *
jf_desk_stats_list_title (JfDeskChartData *chart,
                          const char      *label)
{
  /* TRANSLATORS: the title of a list of matters: the chart's title · the bar's label. */
  return g_strdup_printf (_("%s · %s"), chart->title, label);
}

char *
jf_desk_stats_report_figure_path (JfDeskStatsReport *self,
                                  const char        *figure,
                                  const char        *from,
                                  const char        *to)
{
  g_autofree char *escaped = g_uri_escape_string (figure, ".", FALSE);

  return g_strdup_printf ("/v1/stats/matters?figure=%s&org=%s&from=%s&to=%s", escaped,
                          self->scope_code, from != NULL ? from : self->from,
                          to != NULL ? to : self->to);
}

/* --- the cards ----------------------------------------------------------------------------- */

static JfDeskStatsCard *
add_card (JfDeskStatsReport *self,
          const char        *id,
          const char        *title,
          const char        *figure,
          const char        *target_title)
{
  JfDeskStatsCard *card = g_new0 (JfDeskStatsCard, 1);

  card->id = g_strdup (id);
  card->title = g_strdup (title);
  card->numerator = card->denominator = -1;
  if (figure != NULL)
    {
      card->target = jf_desk_stats_report_figure_path (self, figure, NULL, NULL);
      card->target_title = g_strdup (target_title);
    }
  g_ptr_array_add (self->cards, card);
  return card;
}

static void
set_shortfall (JfDeskStatsReport *self,
               JfDeskStatsCard   *card,
               const char        *label,
               double             count,
               const char        *figure)
{
  /* TRANSLATORS: the matters that fell short of a rate: "未按时响应 2". */
  card->shortfall = g_strdup_printf (_("%s %.0f"), label, count);
  card->shortfall_code = g_strdup (figure);
  card->shortfall_target = jf_desk_stats_report_figure_path (self, figure, NULL, NULL);
  /* TRANSLATORS: the title of their list: the card's title · what fell short. */
  card->shortfall_title = g_strdup_printf (_("%s · %s"), card->title, label);
}

/* A rate's card: {numerator, denominator, rate} at rates.@member. */
static JfDeskStatsCard *
add_rate_card (JfDeskStatsReport *self,
               JsonObject        *rates,
               const char        *member,
               const char        *title,
               const char        *figure,
               const char        *target_title)
{
  JsonObject *rate = jf_desk_json_member_object (rates, member);
  JfDeskStatsCard *card = add_card (self, member, title, figure, target_title);

  card->numerator = jf_desk_stats_number (rate, "numerator", 0);
  card->denominator = jf_desk_stats_number (rate, "denominator", 0);
  card->value_number = jf_desk_stats_number (rate, "rate", -1);
  card->value = jf_desk_stats_rate_text (rate);
  card->detail = jf_desk_stats_fraction (card->numerator, card->denominator);
  return card;
}

/* The open (or overdue) matters now of the whole scope: its own centre's and the units'
 * below it (GET /v1/stats/units); < 0 without the answer. */
static double
units_total (JsonObject *units,
             const char *member)
{
  JsonArray *items = jf_desk_json_member_array (units, "items");
  double total;

  if (units == NULL || items == NULL)
    return -1;
  total = jf_desk_stats_number (jf_desk_json_member_object (units, "own"), member, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    total += jf_desk_stats_number (jf_desk_json_object (json_array_get_element (items, i)),
                                   member, 0);
  return total;
}

/* A card of the matters open now (@overdue: of those overdue), listed by the queue with
 * its own "open" and "overdue", as GET /v1/stats/units counts them. */
static void
add_now_card (JfDeskStatsReport *self,
              JsonObject        *units,
              gboolean           overdue)
{
  double count = units_total (units, overdue ? "overdue" : "open");
  JfDeskStatsCard *card = add_card (self, overdue ? "overdue" : "open",
                                    overdue ? _("Overdue now") : _("Open now"), NULL, NULL);
  g_autofree char *open_path = g_strdup_printf ("/v1/matters?org=%s&status=open",
                                                self->scope_code);
  g_autofree char *late_path = g_strconcat (open_path, "&overdue=true", NULL);
  /* TRANSLATORS: a list of matters open now in a unit: "龙山区 · 当前在办". */
  g_autofree char *open_title = g_strdup_printf (_("%s · open now"), self->scope_name);
  /* TRANSLATORS: a list of matters overdue now in a unit: "龙山区 · 当前逾期". */
  g_autofree char *late_title = g_strdup_printf (_("%s · overdue now"), self->scope_name);

  card->now = TRUE;
  card->value_number = count;
  card->value = count >= 0 ? g_strdup_printf ("%.0f", count) : g_strdup ("—");
  if (count < 0)
    return;
  if (overdue)
    {
      card->target = g_steal_pointer (&late_path);
      card->target_title = g_steal_pointer (&late_title);
      /* TRANSLATORS: under the count of overdue matters: of how many open. */
      card->detail = g_strdup_printf (_("of %.0f open"), units_total (units, "open"));
    }
  else
    {
      card->target = g_steal_pointer (&open_path);
      card->target_title = g_steal_pointer (&open_title);
      card->alt_target = g_steal_pointer (&late_path);
      card->alt_target_title = g_steal_pointer (&late_title);
      /* TRANSLATORS: under the count of open matters: counted now, not over the days. */
      card->detail = g_strdup (_("as of now"));
    }
}

static void
make_cards (JfDeskStatsReport *self,
            JsonObject        *stats,
            JsonObject        *units)
{
  JsonObject *rates = jf_desk_json_member_object (stats, "rates");
  JsonObject *response = jf_desk_json_member_object (rates, "response");
  JsonObject *satisfaction = jf_desk_json_member_object (rates, "satisfaction");
  JsonObject *court = jf_desk_json_member_object (stats, "no_litigation");
  JfDeskStatsCard *card;
  double per_10000;

  card = add_card (self, "registered", _("Registered"), "registered",
                   _("Matters registered"));
  card->value_number = jf_desk_stats_number (stats, "registered", 0);
  card->value = g_strdup_printf ("%.0f", card->value_number);
  /* TRANSLATORS: under the count of matters registered: how many were answered. */
  card->detail = g_strdup_printf (_("%.0f answered"),
                                  jf_desk_stats_number (response, "responded", 0));

  card = add_rate_card (self, rates, "response", _("Response rate"), "responded_on_time",
                        _("Matters answered in time"));
  set_shortfall (self, card, _("Not answered in time"),
                 card->denominator - card->numerator, "response_missed");
  card = add_rate_card (self, rates, "resolution", _("Resolution rate"), "resolved",
                        _("Matters resolved"));
  set_shortfall (self, card, _("Not resolved"), card->denominator - card->numerator,
                 "unresolved");
  card = add_rate_card (self, rates, "satisfaction", _("Satisfaction rate"), "follow_ups",
                        _("Matters with a follow-up visit"));
  set_shortfall (self, card, _("Unsatisfied"),
                 jf_desk_stats_number (satisfaction, "unsatisfied", 0),
                 "satisfaction.unsatisfied");
  card = add_rate_card (self, rates, "on_time", _("On-time rate"), "clocks_on_time",
                        _("Matters whose steps were taken in time"));
  set_shortfall (self, card, _("Late"), card->denominator - card->numerator, "clocks_late");
  add_now_card (self, units, FALSE);
  add_now_card (self, units, TRUE);

  card = add_card (self, "court", _("Gone to court"), "court", _("Matters gone to court"));
  card->value_number = jf_desk_stats_number (court, "matters_to_court", 0);
  card->value = g_strdup_printf ("%.0f", card->value_number);
  per_10000 = jf_desk_stats_number (court, "per_10000", -1);
  /* TRANSLATORS: the no-litigation index: matters gone to court per 10,000 residents. */
  card->detail = per_10000 >= 0 ? g_strdup_printf (_("%.2f per 10,000 residents"), per_10000)
                                : g_strdup (_("Population not recorded"));
}

/* --- counts -------------------------------------------------------------------------------- */

typedef const char *(*LabelFunc) (const char *code);

static const char *
kind_label (const char *code)
{
  JfKind kind;

  return jf_kind_from_string (code, &kind) ? jf_kind_label (kind) : code;
}

static const char *
source_label (const char *code)
{
  JfSource source;

  return jf_source_from_string (code, &source) ? jf_source_label (source) : code;
}

static const char *
status_label (const char *code)
{
  JfStatus status;

  return jf_status_from_string (code, &status) ? jf_status_label (status) : code;
}

static const char *
level_label (const char *code)
{
  JfLevel level;

  return jf_level_from_string (code, &level) ? jf_level_label (level) : code;
}

/* A bar an entry of @object (in @order when given, else the object's). */
static void
add_count_bars (JfDeskStatsReport  *self,
                JfDeskChartData    *chart,
                JsonObject         *object,
                const char * const *order,
                const char         *figure,
                LabelFunc           label_of,
                GHashTable         *names)
{
  g_autoptr(GList) members = order == NULL && object != NULL
                             ? json_object_get_members (object) : NULL;
  guint n = order != NULL ? g_strv_length ((GStrv) order) : g_list_length (members);
  GList *next = members;

  for (guint i = 0; i < n; i++, next = next != NULL ? next->next : NULL)
    {
      const char *code = order != NULL ? order[i] : next->data;
      const char *label = names != NULL && g_hash_table_lookup (names, code) != NULL
                          ? g_hash_table_lookup (names, code) : label_of (code);
      JfDeskChartItem *item = jf_desk_chart_data_add (chart, label, code);
      g_autofree char *key = g_strdup_printf ("%s.%s", figure, code);
      g_autofree char *path = jf_desk_stats_report_figure_path (self, key, NULL, NULL);
      g_autofree char *title = jf_desk_stats_list_title (chart, label);

      jf_desk_chart_item_set (item, 0, jf_desk_stats_number (object, code, 0), -1, -1, NULL,
                              path, title);
    }
}

static int
more_first (gconstpointer a,
            gconstpointer b)
{
  const JfDeskChartItem *x = *(JfDeskChartItem * const *) a;
  const JfDeskChartItem *y = *(JfDeskChartItem * const *) b;

  if (x->values[0] != y->values[0])
    return x->values[0] > y->values[0] ? -1 : 1;
  return 0;
}

static void
make_counts (JfDeskStatsReport *self,
             JsonObject        *stats,
             GHashTable        *category_names)
{
  static const char * const kinds[] = { "dispute", "request", "petition", "grid_event", NULL };
  static const char * const sources[] = { "window", "grid", "hotline", "police", "court",
                                          "petition", "mobile_point", "online", NULL };
  static const char * const statuses[] = { "registered", "accepted", "not_accepted",
                                           "in_mediation", "dispatched", "referred",
                                           "resolved", "closed", "withdrawn", NULL };
  static const char * const levels[] = { "village", "township", "county", "city", NULL };
  JfDeskChartData *chart;

  chart = self->charts[JF_DESK_STATS_CATEGORY];
  add_count_bars (self, chart, jf_desk_json_member_object (stats, "by_category"), NULL,
                  "category", NULL, category_names);
  /* The most frequent first; the same count keeps the catalogue's order. */
  g_ptr_array_sort (chart->items, more_first);
  add_count_bars (self, self->charts[JF_DESK_STATS_SOURCE],
                  jf_desk_json_member_object (stats, "by_source"), sources, "source",
                  source_label, NULL);
  add_count_bars (self, self->charts[JF_DESK_STATS_KIND],
                  jf_desk_json_member_object (stats, "by_kind"), kinds, "kind", kind_label,
                  NULL);
  add_count_bars (self, self->charts[JF_DESK_STATS_STATUS],
                  jf_desk_json_member_object (stats, "by_status"), statuses, "status",
                  status_label, NULL);
  add_count_bars (self, self->charts[JF_DESK_STATS_LEVEL],
                  jf_desk_json_member_object (stats, "resolution_levels"), levels, "level",
                  level_label, NULL);
}

/* The built-in categories' names for what the server did not name. */
static const char *
category_label (const char *code)
{
  JfCategory category;

  return jf_category_from_string (code, &category) ? jf_category_label (category) : code;
}

/* --- the report ---------------------------------------------------------------------------- */

static void
new_charts (JfDeskStatsReport *self)
{
  static const struct
  {
    JfDeskChartKind  kind;
    const char      *title;
  } charts[JF_DESK_STATS_N_CHARTS] = {
    [JF_DESK_STATS_TREND_WEEKS] = { JF_DESK_CHART_TREND, N_("Trend by week") },
    [JF_DESK_STATS_TREND_MONTHS] = { JF_DESK_CHART_TREND, N_("Trend by month") },
    [JF_DESK_STATS_UNITS] = { JF_DESK_CHART_GRID, N_("Open and overdue matters now") },
    [JF_DESK_STATS_CATEGORY] = { JF_DESK_CHART_BARS, N_("By category") },
    [JF_DESK_STATS_SOURCE] = { JF_DESK_CHART_BARS, N_("By source") },
    [JF_DESK_STATS_KIND] = { JF_DESK_CHART_BARS, N_("By kind") },
    [JF_DESK_STATS_STATUS] = { JF_DESK_CHART_BARS, N_("By status now") },
    [JF_DESK_STATS_LEVEL] = { JF_DESK_CHART_BARS, N_("Level at which matters were resolved") },
    [JF_DESK_STATS_PETITION] = { JF_DESK_CHART_BARS, N_("Petitions by stage") },
    [JF_DESK_STATS_VILLAGES] = { JF_DESK_CHART_BARS,
                                 N_("Matters gone to court per 10,000 residents") },
    [JF_DESK_STATS_DEPARTMENTS] = { JF_DESK_CHART_TABLE, N_("Departments answering whistles") },
  };

  for (guint i = 0; i < JF_DESK_STATS_N_CHARTS; i++)
    self->charts[i] = jf_desk_chart_data_new (charts[i].kind, _(charts[i].title));
}

JfDeskStatsReport *
jf_desk_stats_report_new (JsonObject *stats,
                          JsonObject *units,
                          GHashTable *category_names)
{
  g_autoptr(JfDeskStatsReport) self = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *org = jf_desk_json_member_object (stats, "org");
  JsonObject *by_category = jf_desk_json_member_object (stats, "by_category");
  const char *as_of = jf_desk_json_string (stats, "as_of");

  if (jf_desk_json_string (org, "code") == NULL || jf_desk_json_string (stats, "from") == NULL ||
      jf_desk_json_string (stats, "to") == NULL ||
      jf_desk_json_member_object (stats, "rates") == NULL)
    return NULL;

  self = g_object_new (JF_DESK_TYPE_STATS_REPORT, NULL);
  self->scope_code = g_strdup (jf_desk_json_string (org, "code"));
  self->scope_name = g_strdup (jf_desk_json_string (org, "name") != NULL
                               ? jf_desk_json_string (org, "name") : self->scope_code);
  self->from = g_strdup (jf_desk_json_string (stats, "from"));
  self->to = g_strdup (jf_desk_json_string (stats, "to"));
  self->as_of = as_of != NULL ? jf_desk_format_time_text (as_of) : NULL;

  /* Category names: the server's (administrators add categories), else the built-in. */
  if (by_category != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (by_category);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = category_names != NULL
                             ? g_hash_table_lookup (category_names, l->data) : NULL;

          g_hash_table_insert (names, l->data,
                               (gpointer) (name != NULL ? name : category_label (l->data)));
        }
    }

  new_charts (self);
  make_cards (self, stats, units);
  make_counts (self, stats, names);
  jf_desk_stats_report_make_trends (self, stats);
  jf_desk_stats_report_make_units (self, units);
  jf_desk_stats_report_make_departments (self, stats);
  jf_desk_stats_report_make_petitions (self, stats);
  jf_desk_stats_report_make_villages (self, stats, units);
  return g_steal_pointer (&self);
}

const char *
jf_desk_stats_report_get_scope_code (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return self->scope_code;
}

const char *
jf_desk_stats_report_get_scope_name (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return self->scope_name;
}

const char *
jf_desk_stats_report_get_from (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return self->from;
}

const char *
jf_desk_stats_report_get_to (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return self->to;
}

const char *
jf_desk_stats_report_get_as_of (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return self->as_of;
}

char *
jf_desk_stats_report_describe (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  /* TRANSLATORS: a view of the statistics: the unit, the first and the last day. */
  return g_strdup_printf (_("%s, %s to %s"), self->scope_name, self->from, self->to);
}

guint
jf_desk_stats_report_get_n_cards (JfDeskStatsReport *self)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), 0);
  return self->cards->len;
}

const JfDeskStatsCard *
jf_desk_stats_report_get_card (JfDeskStatsReport *self,
                               guint              i)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  return i < self->cards->len ? self->cards->pdata[i] : NULL;
}

const JfDeskStatsCard *
jf_desk_stats_report_find_card (JfDeskStatsReport *self,
                                const char        *id)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    if (g_strcmp0 (((JfDeskStatsCard *) self->cards->pdata[i])->id, id) == 0)
      return self->cards->pdata[i];
  return NULL;
}

JfDeskChartData *
jf_desk_stats_report_get_chart (JfDeskStatsReport *self,
                                JfDeskStatsChart   chart)
{
  g_return_val_if_fail (JF_DESK_IS_STATS_REPORT (self), NULL);
  g_return_val_if_fail (chart < JF_DESK_STATS_N_CHARTS, NULL);
  return self->charts[chart];
}
