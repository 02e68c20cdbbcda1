/* jf-desk-queue-page-private.h: what the facets of the queue page share
 *
 * jf-desk-queue-page.c is the page (filters, search, paging, the matter);
 * jf-desk-queue-columns.c is the table's columns: how each cell shows a matter and how
 * each column sorts; jf-desk-queue-live.c keeps the queue up to date from the stream.
 */
#pragma once

#include "jf-desk-queue-page.h"
#include "jf-desk-stream.h"

G_BEGIN_DECLS

struct _JfDeskQueuePage
{
  GtkWidget             parent_instance;

  JfDeskClient         *client;         /* owned */
  JfDeskMatterQueue    *queue;          /* owned */
  GtkSortListModel     *sorted;         /* owned */
  GtkSingleSelection   *selection;      /* owned */
  GHashTable           *category_names; /* slug → name, from GET /v1/categories */
  GStrv                 category_ids;   /* the category drop-down's slugs ("" for all) */
  GHashTable           *deadline_cells; /* bound deadline labels → their matter (borrowed) */
  GObject              *stream;         /* weak: the application's JfDeskStream */
  GHashTable           *changed;        /* ids of matters the stream said changed */
  GCancellable         *cancellable;
  guint                 search_id;
  guint                 new_id;
  guint                 changed_id;
  guint                 tick_id;
  guint                 scroll_check_id;
  gint64                shown_id;       /* the matter open, or 0 */
  gboolean              at_top;         /* the table is scrolled to its top */
  guint                 top_id;         /* brings the table back to its top */

  /* template children */
  GtkStack             *stack;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *category_dropdown;
  GtkToggleButton      *mine_button;
  GtkToggleButton      *overdue_button;
  GtkMenuButton        *created_button;
  GtkPopover           *created_popover;
  GtkEntry             *created_from_entry;
  GtkEntry             *created_to_entry;
  GtkLabel             *created_error;
  GtkScrolledWindow    *scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *number_column;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *category_column;
  GtkColumnViewColumn  *org_column;
  GtkColumnViewColumn  *created_column;
  GtkColumnViewColumn  *deadline_column;
  GtkWidget            *empty_page;
  GtkSpinner           *spinner;
  GtkLabel             *count_label;
  GtkLabel             *sort_label;
  GtkLabel             *live_label;
  JfDeskMatterPage     *matter_page;
};

/* jf-desk-queue-live.c: listens to @stream (NULL: to none). */
void        jf_desk_queue_live_attach          (JfDeskQueuePage     *self,
                                                JfDeskStream        *stream);

/* jf-desk-queue-columns.c: factories and sorters for every column. */
void        jf_desk_queue_columns_setup        (JfDeskQueuePage     *self);
/* The category's name in the UI's language. */
const char *jf_desk_queue_page_category_name   (JfDeskQueuePage     *self,
                                                const char          *slug);
/* Brings every deadline cell on screen up to the minute. */
void        jf_desk_queue_columns_tick         (JfDeskQueuePage     *self);

G_END_DECLS
