/* jf-desk-stats-report-private.h: what the two halves of JfDeskStatsReport share
 *
 * jf-desk-stats-report.c reads the document, makes the cards and the counts' bars;
 * jf-desk-stats-report-charts.c makes the trends, the units' map, the departments' table,
 * the petitions' stages and the villages' no-litigation index.
 */
#pragma once

#include "jf-desk-stats-report.h"

G_BEGIN_DECLS

struct _JfDeskStatsReport
{
  GObject          parent_instance;

  char            *scope_code;
  char            *scope_name;
  char            *from;
  char            *to;
  char            *as_of;                          /* formatted, or NULL */
  GPtrArray       *cards;                          /* of JfDeskStatsCard, owned */
  JfDeskChartData *charts[JF_DESK_STATS_N_CHARTS]; /* owned */
};

/* A member that is a number, integer or not; @fallback when it is neither. */
double  jf_desk_stats_number      (JsonObject  *object,
                                   const char  *member,
                                   double       fallback);
/* "81.8%" for a rate of @rate_object ({numerator, denominator, rate}), "—" without one. */
char   *jf_desk_stats_rate_text   (JsonObject  *rate_object);
/* "9 / 11" */
char   *jf_desk_stats_fraction    (double       numerator,
                                   double       denominator);
/* "{chart} · {label}": the title of the list behind a chart's item. */
char   *jf_desk_stats_list_title  (JfDeskChartData *chart,
                                   const char      *label);

void    jf_desk_stats_report_make_trends      (JfDeskStatsReport *self,
                                               JsonObject        *stats);
void    jf_desk_stats_report_make_units       (JfDeskStatsReport *self,
                                               JsonObject        *units);
void    jf_desk_stats_report_make_departments (JfDeskStatsReport *self,
                                               JsonObject        *stats);
void    jf_desk_stats_report_make_petitions   (JfDeskStatsReport *self,
                                               JsonObject        *stats);
void    jf_desk_stats_report_make_villages    (JfDeskStatsReport *self,
                                               JsonObject        *stats,
                                               JsonObject        *units);

G_END_DECLS
