/* jf-desk-window.h: the main window: the sign-in page, then the workspaces the account's
 * roles allow, with the connection banner and the outbox in the header */
#pragma once

#include <adwaita.h>

#include "jf-desk-client.h"
#include "jf-desk-outbox.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_WINDOW (jf_desk_window_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskWindow, jf_desk_window, JF_DESK, WINDOW, AdwApplicationWindow)

JfDeskWindow *jf_desk_window_new            (GtkApplication *application,
                                             JfDeskClient   *client,
                                             JfDeskOutbox   *outbox,
                                             GSettings      *settings);
/* "login" or "workspace". */
const char   *jf_desk_window_get_page       (JfDeskWindow   *self);
GtkWidget    *jf_desk_window_get_login_page (JfDeskWindow   *self);
/* The workspace page called @name ("reception"), or NULL. */
GtkWidget    *jf_desk_window_get_workspace  (JfDeskWindow   *self,
                                             const char     *name);
/* "2" in the header's outbox button, or "" when it is hidden. */
const char   *jf_desk_window_get_outbox_badge (JfDeskWindow *self);
/* The text of the connection banner, or "" when it is hidden. */
const char   *jf_desk_window_get_banner_text (JfDeskWindow  *self);

G_END_DECLS
