/* jf-desk-stats-report.h: one view of the statistics, as people read it
 *
 * Built from GET /v1/stats (and GET /v1/stats/units for the map of the units below the
 * scope): the figure cards and the charts' data, every label in the UI's language and
 * every figure with the path of the matters behind it. The dashboard shows it, and the
 * CSV and the PDF report are written from it, so that the three always agree.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jf-desk-chart-data.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;               /* "registered", "response", "resolution", "satisfaction",
                             * "on_time", "open", "overdue", "court" */
  char   *title;
  char   *value;            /* "81.8%", "11" */
  char   *detail;           /* "9 / 11", or NULL */
  double  value_number;     /* the count, or the rate (0–1); < 0: none (nothing to divide) */
  double  numerator;        /* < 0: not a rate */
  double  denominator;
  char   *target;           /* the matters behind the figure: a path, or NULL */
  char   *target_title;
  char   *alt_target;       /* the same, overdue only ("only overdue"), or NULL */
  char   *alt_target_title;
  char   *shortfall;        /* "未按时响应 2": the matters that fell short, or NULL */
  char   *shortfall_code;   /* its figure: "response_missed", ... */
  char   *shortfall_target;
  char   *shortfall_title;
  gboolean now;             /* counted now (open, overdue), not over the days */
} JfDeskStatsCard;

/* The charts of a view, in the order the report prints them. */
typedef enum
{
  JF_DESK_STATS_TREND_WEEKS,
  JF_DESK_STATS_TREND_MONTHS,
  JF_DESK_STATS_UNITS,
  JF_DESK_STATS_CATEGORY,
  JF_DESK_STATS_SOURCE,
  JF_DESK_STATS_KIND,
  JF_DESK_STATS_STATUS,
  JF_DESK_STATS_LEVEL,
  JF_DESK_STATS_PETITION,
  JF_DESK_STATS_VILLAGES,
  JF_DESK_STATS_DEPARTMENTS,
  JF_DESK_STATS_N_CHARTS,
} JfDeskStatsChart;

/* How many villages and departments the charts show (the API gives up to 100). */
#define JF_DESK_STATS_TOP_N 10

#define JF_DESK_TYPE_STATS_REPORT (jf_desk_stats_report_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskStatsReport, jf_desk_stats_report, JF_DESK, STATS_REPORT, GObject)

/* NULL unless @stats is a statistics document. @units (GET /v1/stats/units) may be NULL;
 * @category_names (slug → name) may be NULL: the built-in names are used. */
JfDeskStatsReport *jf_desk_stats_report_new          (JsonObject        *stats,
                                                      JsonObject        *units,
                                                      GHashTable        *category_names);

const char        *jf_desk_stats_report_get_scope_code (JfDeskStatsReport *self);
const char        *jf_desk_stats_report_get_scope_name (JfDeskStatsReport *self);
const char        *jf_desk_stats_report_get_from     (JfDeskStatsReport *self);
const char        *jf_desk_stats_report_get_to       (JfDeskStatsReport *self);
/* When the figures were counted ("2026年11月27日 09:30"), or NULL (a rebuild is running). */
const char        *jf_desk_stats_report_get_as_of    (JfDeskStatsReport *self);
/* "{scope} 2026-01-01 至 2026-12-31": what a list of matters or a file is about. */
char              *jf_desk_stats_report_describe     (JfDeskStatsReport *self);

guint              jf_desk_stats_report_get_n_cards  (JfDeskStatsReport *self);
const JfDeskStatsCard *jf_desk_stats_report_get_card (JfDeskStatsReport *self,
                                                      guint              i);
const JfDeskStatsCard *jf_desk_stats_report_find_card (JfDeskStatsReport *self,
                                                       const char        *id);
/* The chart's data (never NULL; empty when the view has nothing for it). */
JfDeskChartData   *jf_desk_stats_report_get_chart    (JfDeskStatsReport *self,
                                                      JfDeskStatsChart   chart);

/* The path of the matters behind @figure (a /v1/stats/matters figure) in this view, or
 * between @from and @to (NULL: the view's). */
char              *jf_desk_stats_report_figure_path  (JfDeskStatsReport *self,
                                                      const char        *figure,
                                                      const char        *from,
                                                      const char        *to);

G_END_DECLS
