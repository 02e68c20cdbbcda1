/* jf-desk-matter-page.h: one matter: who, what, where it stands, what happened, what next
 *
 * The header (number, title, status, owning centre, deadline), the parties (ID numbers
 * masked; "show whole numbers" for the roles allowed, which the server records on the
 * timeline), the narrative, mediation sessions and agreements, attachments, the timeline,
 * and a button for exactly each move the server lists in "moves" — nothing else — each
 * opening its dialog. Alt+1…9 take the moves in the order shown; Escape or Alt+← goes
 * back; F5 reads the matter again.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_MATTER_PAGE (jf_desk_matter_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterPage, jf_desk_matter_page, JF_DESK, MATTER_PAGE, GtkWidget)

void        jf_desk_matter_page_set_client  (JfDeskMatterPage *self,
                                             JfDeskClient     *client);
/* Shows matter @id, read from the server. */
void        jf_desk_matter_page_load        (JfDeskMatterPage *self,
                                             gint64            id);
/* Reads the shown matter again. */
void        jf_desk_matter_page_reload      (JfDeskMatterPage *self);
gint64      jf_desk_matter_page_get_id      (JfDeskMatterPage *self);
/* The matter as last read, or NULL. */
JsonObject *jf_desk_matter_page_get_matter  (JfDeskMatterPage *self);
/* The moves shown as buttons, in their order (NULL-terminated; owned by the page). */
const char * const *jf_desk_matter_page_get_moves (JfDeskMatterPage *self);
/* Opens the dialog of @move (one of the moves shown); NULL when it is not shown. */
GtkWindow  *jf_desk_matter_page_run_move    (JfDeskMatterPage *self,
                                             const char       *move);
/* The dialog open on the page, or NULL. */
GtkWindow  *jf_desk_matter_page_get_dialog  (JfDeskMatterPage *self);
/* The live stream said matter @id is now at @version (0: unknown). */
void        jf_desk_matter_page_matter_changed (JfDeskMatterPage *self,
                                                gint64            id,
                                                gint64            version);
/* The text of the banner under the header ("" when hidden). */
const char *jf_desk_matter_page_get_banner  (JfDeskMatterPage *self);
/* Loading is done (the matter and its timeline). */
gboolean    jf_desk_matter_page_is_loaded   (JfDeskMatterPage *self);
/* The timeline shown (a GListModel of JfDeskEvent, newest first). */
GListModel *jf_desk_matter_page_get_events  (JfDeskMatterPage *self);
/* Focuses the first move button (or the back button). */
void        jf_desk_matter_page_focus       (JfDeskMatterPage *self);
/* In a window of its own, "back" (Escape, the button) closes the window: the button says
 * so. */
void        jf_desk_matter_page_set_back_closes (JfDeskMatterPage *self,
                                                 gboolean          closes);

G_END_DECLS
