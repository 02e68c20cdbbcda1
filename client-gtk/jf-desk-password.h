/* jf-desk-password.h: the passwords an administrator hands out, and showing one once
 *
 * A new account's initial password and a reset one are made here, from the kernel's
 * random source: four groups of four letters and digits without look-alikes
 * ("kR7m-Xq4z-..."), with lower-case, upper-case and digits, which jiefend's rule (at least
 * ten characters of two kinds) takes. The dialog shows it once, with a copy button; it is
 * kept nowhere else.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JF_DESK_PASSWORD_LENGTH 19

/* A new password (free it with jf_desk_password_free). */
char      *jf_desk_password_generate   (void);
/* Overwrites @password, then frees it. */
void       jf_desk_password_free       (char       *password);

/* An AdwMessageDialog, transient for @parent, saying @body and showing @password to be
 * copied; not yet presented. */
GtkWidget *jf_desk_password_dialog_new (GtkWindow  *parent,
                                        const char *heading,
                                        const char *body,
                                        const char *password);

G_END_DECLS
