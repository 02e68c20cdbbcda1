/* jf-desk-queue-page.h: the caseworkers' workspace (案件): the queue of matters, and one
 *
 * A GtkColumnView over a JfDeskMatterQueue that loads the next page as the view nears its
 * end; filters (status or "open", kind, category, assigned to me, overdue, registered
 * between two days) and a search (debounced; Enter searches at once and goes to the
 * list). Enter opens the selected matter in a JfDeskMatterPage, Escape comes back to the
 * same row. Ctrl+F searches, F5 reads the queue again. New matters and changes come in
 * live from the application's JfDeskStream, without a refresh.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-matter-queue.h"
#include "jf-desk-outbox.h"

G_BEGIN_DECLS

/* Milliseconds after the last keystroke before a search is sent. */
#define JF_DESK_QUEUE_SEARCH_DEBOUNCE_MS 300

#define JF_DESK_TYPE_QUEUE_PAGE (jf_desk_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskQueuePage, jf_desk_queue_page, JF_DESK, QUEUE_PAGE, GtkWidget)

/* The workspace (JfDeskWorkspaceNew); @outbox is not used. */
GtkWidget         *jf_desk_queue_page_new             (JfDeskClient    *client,
                                                       JfDeskOutbox    *outbox);
JfDeskMatterQueue *jf_desk_queue_page_get_queue       (JfDeskQueuePage *self);
/* The model the table shows: the queue, sorted by the column chosen (if any). */
GListModel        *jf_desk_queue_page_get_view_model  (JfDeskQueuePage *self);
JfDeskMatterPage  *jf_desk_queue_page_get_matter_page (JfDeskQueuePage *self);
/* Shows matter @id (and this workspace, if the window has others). */
void               jf_desk_queue_page_open_matter     (JfDeskQueuePage *self,
                                                       gint64           id);
/* Back from a matter to the queue. */
void               jf_desk_queue_page_show_queue      (JfDeskQueuePage *self);
/* "queue" or "matter". */
const char        *jf_desk_queue_page_get_view        (JfDeskQueuePage *self);
/* The live stream is connected (what the status line says). */
gboolean           jf_desk_queue_page_is_live         (JfDeskQueuePage *self);
/* The table's scrolled window (for tests that scroll). */
GtkScrolledWindow *jf_desk_queue_page_get_scroller    (JfDeskQueuePage *self);

G_END_DECLS
