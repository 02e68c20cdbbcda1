/* jf-desk-dashboard-page.h: the statistics workspace (统计)
 *
 * The figures of a unit and the units below it over a range of days (GET /v1/stats): the
 * three rates and the on-time rate as cards with their numerators and denominators, the
 * trends, the counts by category, source, kind and status, the levels at which matters
 * were resolved, petitions by stage, the departments' whistle figures, the no-litigation
 * index per village, and a map of the units below coloured by their open and overdue
 * matters now (GET /v1/stats/units). Activating a card, a bar, a point, a cell or a row
 * (click, or Enter on the focused element) lists the matters behind it; Enter on one of
 * them opens it, here, and Escape goes back a step. Ctrl+R reads the figures again,
 * Ctrl+E saves them as CSV, Ctrl+P as a PDF report with the charts.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-chart.h"
#include "jf-desk-client.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-outbox.h"
#include "jf-desk-stats-report.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_DASHBOARD_PAGE (jf_desk_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskDashboardPage, jf_desk_dashboard_page, JF_DESK, DASHBOARD_PAGE,
                      GtkWidget)

/* The workspace (JfDeskWorkspaceNew); @outbox is not used. */
GtkWidget         *jf_desk_dashboard_page_new        (JfDeskClient        *client,
                                                      JfDeskOutbox        *outbox);
/* The view on screen, or NULL before the first answer. */
JfDeskStatsReport *jf_desk_dashboard_page_get_report (JfDeskDashboardPage *self);
/* Figures are on their way. */
gboolean           jf_desk_dashboard_page_is_loading (JfDeskDashboardPage *self);
/* Why the last reading failed, for people, or NULL. */
const char        *jf_desk_dashboard_page_get_error  (JfDeskDashboardPage *self);
/* Shows the figures between two days (YYYY-MM-DD) of @code: a unit of the unit drop-down
 * (on the path from the caller's unit, or directly below the one shown); FALSE when it is
 * not there (the days change all the same). */
gboolean           jf_desk_dashboard_page_show       (JfDeskDashboardPage *self,
                                                      const char          *code,
                                                      const char          *from,
                                                      const char          *to);

/* "overview", "matters" (the matters behind a figure) or "matter" (one of them). */
const char        *jf_desk_dashboard_page_get_view   (JfDeskDashboardPage *self);
/* A figure's card (the button that lists its matters), by the card's id. */
GtkWidget         *jf_desk_dashboard_page_get_card   (JfDeskDashboardPage *self,
                                                      const char          *id);
JfDeskChart       *jf_desk_dashboard_page_get_chart  (JfDeskDashboardPage *self,
                                                      JfDeskStatsChart     chart);
/* The matters listed (JfDeskMatterSummary), and what they are. */
GListModel        *jf_desk_dashboard_page_get_matters (JfDeskDashboardPage *self);
const char        *jf_desk_dashboard_page_get_matters_title (JfDeskDashboardPage *self);
gboolean           jf_desk_dashboard_page_matters_loading (JfDeskDashboardPage *self);
/* The page a matter of the list opens in. */
JfDeskMatterPage  *jf_desk_dashboard_page_get_matter_page (JfDeskDashboardPage *self);

/* Writes the view to @path (what Ctrl+E and Ctrl+P do after asking where). */
gboolean           jf_desk_dashboard_page_export_csv (JfDeskDashboardPage *self,
                                                      const char          *path,
                                                      GError             **error);
gboolean           jf_desk_dashboard_page_export_pdf (JfDeskDashboardPage *self,
                                                      const char          *path,
                                                      GError             **error);
/* The save dialog Ctrl+E or Ctrl+P opened, or NULL. */
GtkNativeDialog   *jf_desk_dashboard_page_get_chooser (JfDeskDashboardPage *self);

G_END_DECLS
