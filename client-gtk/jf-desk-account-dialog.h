/* jf-desk-account-dialog.h: creating an account, or changing one (管理 › 账号)
 *
 * Username (new accounts only), name, phone, unit (picked by name), roles (any of the ten),
 * and for a department liaison the department of the unit's county they answer for. What
 * the desk can check is checked before sending; the server's refusals are shown at the
 * field they name. A new account gets a strong password made here, which ::saved hands
 * on to be shown once. An edit names the version it read; if someone changed the account
 * meanwhile (409), the dialog takes the current one and says so.
 * Commands: account.save (Ctrl+Enter), Escape closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-org-unit.h"
#include "jf-desk-staff-account.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ACCOUNT_DIALOG (jf_desk_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAccountDialog, jf_desk_account_dialog, JF_DESK, ACCOUNT_DIALOG,
                      GtkWindow)

/* A new account, at @unit to start with (may be NULL). ::saved (JsonObject *account,
 * const char *password) when it is created; the dialog then closes. */
JfDeskAccountDialog *jf_desk_account_dialog_new_create (GtkWindow           *parent,
                                                        JfDeskClient        *client,
                                                        JfDeskOrgUnit       *unit);
/* Changes to @account. ::saved (JsonObject *account, NULL) when they are saved. */
JfDeskAccountDialog *jf_desk_account_dialog_new_edit   (GtkWindow           *parent,
                                                        JfDeskClient        *client,
                                                        JfDeskStaffAccount  *account);
/* Ticks the check button of @role, as a click would (for tests and keyboard helpers). */
void                 jf_desk_account_dialog_set_role   (JfDeskAccountDialog *self,
                                                        JfRole               role,
                                                        gboolean             active);
/* The line at the bottom. */
const char          *jf_desk_account_dialog_get_status (JfDeskAccountDialog *self);
/* The error shown under @field ("username"), or "". */
const char          *jf_desk_account_dialog_get_error  (JfDeskAccountDialog *self,
                                                        const char          *field);

G_END_DECLS
