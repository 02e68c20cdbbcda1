/* jf-desk-matter-window.h: a matter in a window of its own, beside the main window
 *
 * For the reception window: an earlier matter of the people at the counter is read here
 * while the intake form stays as it is in the main window. The window is the matter page
 * (moves, timeline and all, as the server allows them), kept up to date from the
 * application's live stream; Escape or the back button closes it, and so does the end of
 * the session.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-matter-page.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_MATTER_WINDOW (jf_desk_matter_window_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterWindow, jf_desk_matter_window, JF_DESK, MATTER_WINDOW,
                      GtkWindow)

/* Not modal: the clerk may go back to @parent with the window open. */
JfDeskMatterWindow *jf_desk_matter_window_new      (GtkWindow          *parent,
                                                    JfDeskClient       *client);
/* Reads matter @id into the window and brings it to the front. */
void                jf_desk_matter_window_show     (JfDeskMatterWindow *self,
                                                    gint64              id);
JfDeskMatterPage   *jf_desk_matter_window_get_page (JfDeskMatterWindow *self);

G_END_DECLS
