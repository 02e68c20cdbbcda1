/* jf-desk-inbox-page.h: the department liaison's workspace (部门收件箱)
 *
 * The whistles to the liaison's department (GET /v1/inbox, paged by its "next" as the
 * list is scrolled), each with a live countdown to the deadline it owes: the check-in's
 * while pending, the action's once checked in. One one-second clock drives every
 * countdown on screen. Beside the list, the selected whistle and its matter.
 *
 * Commands: inbox.check-in (Ctrl+B), inbox.feedback (Ctrl+F), inbox.extension (Ctrl+E,
 * once per whistle), inbox.refresh (Ctrl+R). New whistles appear by themselves: the
 * application's live stream (JfDeskStream) says "whistle.received" and the inbox is read
 * again; while the stream is down it is read every JF_DESK_INBOX_REFRESH_SECONDS, and
 * always when the page is shown.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-outbox.h"
#include "jf-desk-whistle-target.h"

G_BEGIN_DECLS

#define JF_DESK_INBOX_REFRESH_SECONDS 30
#define JF_DESK_INBOX_PAGE_SIZE 50

#define JF_DESK_TYPE_INBOX_PAGE (jf_desk_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskInboxPage, jf_desk_inbox_page, JF_DESK, INBOX_PAGE, GtkWidget)

/* A JfDeskWorkspaceNew: @outbox is not used (whistles are answered online). */
GtkWidget           *jf_desk_inbox_page_new        (JfDeskClient    *client,
                                                    JfDeskOutbox    *outbox);
/* Reads the inbox again now (new whistles, changed deadlines); the selection stays. */
void                 jf_desk_inbox_page_refresh    (JfDeskInboxPage *self);
/* The whistles loaded so far (a GListModel of JfDeskWhistleTarget). */
GListModel          *jf_desk_inbox_page_get_items  (JfDeskInboxPage *self);
JfDeskWhistleTarget *jf_desk_inbox_page_get_selected (JfDeskInboxPage *self);
gboolean             jf_desk_inbox_page_select     (JfDeskInboxPage *self,
                                                    gint64           target_id);
/* The countdown shown in the list for @target_id ("还剩 23 分钟"), or NULL when its row
 * is not on screen. */
const char          *jf_desk_inbox_page_get_countdown (JfDeskInboxPage *self,
                                                       gint64           target_id);
/* The line under the list: what the last command did. */
const char          *jf_desk_inbox_page_get_status (JfDeskInboxPage *self);
/* An open feedback or extension dialog, or NULL. */
GtkWindow           *jf_desk_inbox_page_get_dialog (JfDeskInboxPage *self);
/* Whether a page is being read. */
gboolean             jf_desk_inbox_page_is_loading (JfDeskInboxPage *self);

G_END_DECLS
