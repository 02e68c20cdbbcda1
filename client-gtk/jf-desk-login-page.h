/* jf-desk-login-page.h: signing in: server address, username, password
 *
 * The address and the username are remembered (GSettings) after a successful sign-in;
 * every way a sign-in fails is said in words: wrong password (401), account locked after
 * too many wrong passwords (429), account disabled (403), server out of reach, TLS.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_LOGIN_PAGE (jf_desk_login_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskLoginPage, jf_desk_login_page, JF_DESK, LOGIN_PAGE, GtkWidget)

JfDeskLoginPage *jf_desk_login_page_new         (JfDeskClient    *client,
                                                 GSettings       *settings);
/* Why the clerk is here again ("your session has ended"), or NULL. */
void             jf_desk_login_page_set_message (JfDeskLoginPage *self,
                                                 const char      *message);
const char      *jf_desk_login_page_get_error   (JfDeskLoginPage *self);
/* Focuses the first field that needs typing. */
void             jf_desk_login_page_focus       (JfDeskLoginPage *self);
/* Empties the password (after signing out). */
void             jf_desk_login_page_clear_password (JfDeskLoginPage *self);

G_END_DECLS
