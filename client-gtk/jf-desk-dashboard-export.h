/* jf-desk-dashboard-export.h: a view of the statistics as a CSV file or a PDF report
 *
 * The CSV is UTF-8 with a byte order mark (so that spreadsheet programs on Windows read
 * the Chinese right): the title, the unit, the range and the time of counting first, then
 * one row per figure with its numerator and denominator. The PDF report is A4, the charts
 * drawn by the dashboard's own drawing code (jf_desk_chart_render ()) with Chinese text
 * through Pango in Noto Sans CJK SC, as the receipt is.
 */
#pragma once

#include "jf-desk-stats-report.h"

G_BEGIN_DECLS

/* @trend: the trend the view shows (JF_DESK_STATS_TREND_WEEKS or _MONTHS). */
char     *jf_desk_dashboard_export_csv_text (JfDeskStatsReport  *report,
                                             JfDeskStatsChart    trend);
gboolean  jf_desk_dashboard_export_csv      (JfDeskStatsReport  *report,
                                             JfDeskStatsChart    trend,
                                             const char         *path,
                                             GError            **error);
gboolean  jf_desk_dashboard_export_pdf      (JfDeskStatsReport  *report,
                                             JfDeskStatsChart    trend,
                                             const char         *path,
                                             GError            **error);
/* The report's title: "龙山区矛盾纠纷化解统计报告". */
char     *jf_desk_dashboard_export_title    (JfDeskStatsReport  *report);

G_END_DECLS
