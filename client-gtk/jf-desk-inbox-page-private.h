/* jf-desk-inbox-page-private.h: what the facets of JfDeskInboxPage share
 *
 * jf-desk-inbox-page.c: the widget, its selection and its commands;
 * jf-desk-inbox-page-cells.c: the list's columns and the countdowns in them;
 * jf-desk-inbox-page-reading.c: reading the inbox (pages, refreshes, the live stream).
 */
#pragma once

#include <adwaita.h>

#include "jf-desk-inbox-detail.h"
#include "jf-desk-inbox-page.h"
#include "jf-desk-stream.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_MATTER,
  COLUMN_FROM,
  COLUMN_URGENCY,
  COLUMN_ROLE,
  COLUMN_STATUS,
  COLUMN_DUE,
  N_COLUMNS
} Column;

typedef enum
{
  LOAD_RESET,     /* from the start: another filter, or the first time */
  LOAD_MORE,      /* the next page */
  LOAD_REFRESH,   /* the pages shown, read again */
} LoadKind;

struct _JfDeskInboxPage
{
  GtkWidget            parent_instance;

  JfDeskClient        *client;        /* owned */
  GListStore          *items;         /* owned; of JfDeskWhistleTarget */
  GtkSingleSelection  *selection;     /* owned */
  GHashTable          *cells;         /* bound cell widget → its Column; borrowed widgets */
  GHashTable          *seen;          /* ids of targets shown since the page was built */
  GCancellable        *load_cancellable;
  GCancellable        *step_cancellable;
  char                *next;          /* the "after" of the next page, or NULL */
  char                *status;
  GtkWindow           *dialog;        /* weak: an open feedback or extension dialog */
  JfDeskStream        *stream;        /* owned while rooted: the application's live stream */
  gulong               event_handler;
  gulong               connected_handler;
  guint                tick_id;       /* the one-second clock of every countdown */
  guint                refresh_id;    /* the fallback while the stream is down */
  guint                stream_refresh_id;
  gboolean             loading;
  gboolean             loaded_once;
  gboolean             busy;          /* a check-in in flight */

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkLabel            *summary_label;
  GtkDropDown         *filter_dropdown;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  AdwStatusPage       *error_page;
  GtkLabel            *status_label;
  JfDeskInboxDetail   *detail;
};

/* jf-desk-inbox-page.c */
void                 jf_desk_inbox_page_toast             (JfDeskInboxPage     *self,
                                                           const char          *text);
void                 jf_desk_inbox_page_set_status        (JfDeskInboxPage     *self,
                                                           const char          *text);
JfDeskWhistleTarget *jf_desk_inbox_page_find_item         (JfDeskInboxPage     *self,
                                                           gint64               id,
                                                           guint               *out_position);
void                 jf_desk_inbox_page_update_actions    (JfDeskInboxPage     *self);
void                 jf_desk_inbox_page_selection_changed (JfDeskInboxPage     *self);

/* jf-desk-inbox-page-cells.c */
void                 jf_desk_inbox_page_add_columns       (JfDeskInboxPage     *self);
/* The cells on screen that show @target (all of them when NULL) are drawn again. */
void                 jf_desk_inbox_page_refresh_cells     (JfDeskInboxPage     *self,
                                                           JfDeskWhistleTarget *target);
void                 jf_desk_inbox_page_tick_cells        (JfDeskInboxPage     *self,
                                                           GDateTime           *now);

/* jf-desk-inbox-page-reading.c */
void                 jf_desk_inbox_page_start_load        (JfDeskInboxPage     *self,
                                                           LoadKind             kind);
void                 jf_desk_inbox_page_update_summary    (JfDeskInboxPage     *self);
void                 jf_desk_inbox_page_maybe_load_more   (JfDeskInboxPage     *self);
void                 jf_desk_inbox_page_filter_changed    (JfDeskInboxPage     *self);
/* The fallback reading while the stream is down (a GSourceFunc). */
gboolean             jf_desk_inbox_page_refresh_cb        (gpointer             data);
void                 jf_desk_inbox_page_connect_stream    (JfDeskInboxPage     *self);
void                 jf_desk_inbox_page_forget_stream     (JfDeskInboxPage     *self);

G_END_DECLS
