/* jf-desk-dashboard-page-private.h: what the facets of the statistics workspace share
 *
 * jf-desk-dashboard-page.c is the page: reading the figures, the cards, the charts, the
 * actions; jf-desk-dashboard-page-range.c chooses the unit and the days;
 * jf-desk-dashboard-page-matters.c lists the matters behind a figure.
 */
#pragma once

#include "jf-desk-dashboard-page.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-matter-queue.h"
#include "jf-desk-org-unit.h"

G_BEGIN_DECLS

typedef enum
{
  RANGE_THIS_MONTH,
  RANGE_THIS_QUARTER,
  RANGE_THIS_YEAR,
  RANGE_LAST_YEAR,
  RANGE_CUSTOM,
} RangePreset;

struct _JfDeskDashboardPage
{
  GtkWidget            parent_instance;

  JfDeskClient        *client;           /* owned */
  JfDeskStatsReport   *report;           /* owned: the view on screen */
  GHashTable          *category_names;   /* slug → name, owned */
  GCancellable        *cancellable;      /* the figures on their way */
  GCancellable        *units_cancellable; /* the scope's children */
  JsonNode            *stats;            /* the answers of this reading, owned */
  JsonNode            *units;
  guint                waiting;          /* answers still to come */
  guint                generation;
  char                *error;            /* the figures could not be read */
  char                *units_error;      /* the map could not be read (the rest shows) */
  gboolean             categories_read;
  gboolean             weeks;            /* the trend by week (else by month) */
  gboolean             css_loaded;
  gboolean             quiet;            /* setting the drop-downs: not a choice */
  gboolean             loaded_once;
  gboolean             figures_stale;    /* a matter was changed from the list */      /* the figures were asked for (on the first map) */

  /* The unit and the days */
  GPtrArray           *chain;            /* of JfDeskOrgUnit: the caller's unit down to the scope */
  GListStore          *scope_units;      /* the chain, then the scope's children */
  char                *from;
  char                *to;
  RangePreset          preset;

  /* The matters behind a figure */
  JfDeskMatterQueue   *matters;          /* owned */
  GtkSingleSelection  *matters_selection; /* owned */
  char                *matters_path;
  char                *matters_alt_path; /* the same, overdue only (a unit's cell), or NULL */
  char                *matters_title_text;
  char                *matters_alt_title;
  GtkWidget           *opener;           /* weak: what opened the list, to go back to */
  guint                scroll_check_id;

  GtkNativeDialog     *chooser;          /* owned, while it is open */
  gboolean             chooser_pdf;

  /* template children */
  GtkStack            *stack;
  GtkDropDown         *scope_dropdown;
  GtkDropDown         *range_dropdown;
  GtkMenuButton       *range_button;
  GtkPopover          *range_popover;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkLabel            *range_error;
  GtkMenuButton       *export_button;
  GtkScrolledWindow   *scroller;
  GtkFlowBox          *cards_box;
  GtkToggleButton     *weeks_button;
  GtkToggleButton     *months_button;
  GtkLabel            *trend_title;
  JfDeskChart         *trend_chart;
  GtkLabel            *units_title;
  JfDeskChart         *units_chart;
  GtkLabel            *units_note;
  GtkLabel            *category_title;
  JfDeskChart         *category_chart;
  GtkLabel            *source_title;
  JfDeskChart         *source_chart;
  GtkLabel            *kind_title;
  JfDeskChart         *kind_chart;
  GtkLabel            *status_title;
  JfDeskChart         *status_chart;
  GtkLabel            *level_title;
  JfDeskChart         *level_chart;
  GtkLabel            *petition_title;
  JfDeskChart         *petition_chart;
  GtkLabel            *villages_title;
  JfDeskChart         *villages_chart;
  GtkLabel            *villages_note;
  GtkLabel            *departments_title;
  JfDeskChart         *departments_chart;
  GtkLabel            *departments_note;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;
  GtkLabel            *matters_title;
  GtkLabel            *matters_subtitle;
  GtkToggleButton     *overdue_button;
  GtkScrolledWindow   *matters_scroller;
  GtkListView         *matters_view;
  GtkLabel            *matters_empty;
  GtkSpinner          *matters_spinner;
  GtkLabel            *matters_count;
  JfDeskMatterPage    *matter_page;
};

/* jf-desk-dashboard-page.c: reads the figures of the scope and the days chosen. */
void        jf_desk_dashboard_page_load         (JfDeskDashboardPage *self);

/* jf-desk-dashboard-page-range.c */
void        jf_desk_dashboard_range_init        (JfDeskDashboardPage *self);
/* The scope's code (the caller's unit until another is chosen). */
const char *jf_desk_dashboard_range_scope       (JfDeskDashboardPage *self);
/* Reads the scope's children into the unit drop-down. */
void        jf_desk_dashboard_range_load_units  (JfDeskDashboardPage *self);
/* @code's figures: the chain follows it to a unit of the drop-down (one on the path, or one
 * directly below the scope); FALSE when it is not there (yet). */
gboolean    jf_desk_dashboard_range_set_scope   (JfDeskDashboardPage *self,
                                                 const char          *code);
/* Applies the custom days typed in the popover; FALSE (and the error shown) if wrong. */
gboolean    jf_desk_dashboard_range_apply_custom (JfDeskDashboardPage *self);
/* Sets the days (valid YYYY-MM-DD) without reading the figures. */
void        jf_desk_dashboard_range_set_days    (JfDeskDashboardPage *self,
                                                 const char          *from,
                                                 const char          *to);

/* jf-desk-dashboard-page-matters.c */
void        jf_desk_dashboard_matters_init      (JfDeskDashboardPage *self);
void        jf_desk_dashboard_matters_dispose   (JfDeskDashboardPage *self);
/* Lists the matters of @path (a /v1/stats/matters or /v1/matters path); @alt_path, when
 * given, is what "Only overdue" lists. @now: the list is of matters open now (the queue's),
 * not of the days chosen. @opener gets the focus back. */
void        jf_desk_dashboard_matters_open      (JfDeskDashboardPage *self,
                                                 const char          *title,
                                                 const char          *path,
                                                 const char          *alt_title,
                                                 const char          *alt_path,
                                                 gboolean             now,
                                                 GtkWidget           *opener);
void        jf_desk_dashboard_matters_close     (JfDeskDashboardPage *self);

G_END_DECLS
