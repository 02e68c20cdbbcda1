/* jf-desk-admin-accounts.h: the organisation tree and the accounts of a unit (管理 › 账号)
 *
 * On the left the org tree from the administrator's own unit down (a GtkTreeListModel whose
 * children are read when a unit comes into view: GET /v1/org-units?parent=CODE), or, while
 * a name is typed in the search, the units matching it. On the right the accounts of the
 * selected unit (or of its whole subtree), with their roles, unit, department and state.
 *
 * Commands on the selected account: accounts.new (Ctrl+N, in the selected unit),
 * accounts.edit (Ctrl+E or Enter), accounts.toggle-disabled (Ctrl+D, asking first before
 * disabling), accounts.reset-password (Ctrl+Shift+R). A new or reset password is shown
 * once, in a dialog with a copy button.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-org-unit.h"
#include "jf-desk-staff-account.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_ACCOUNTS (jf_desk_admin_accounts_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminAccounts, jf_desk_admin_accounts, JF_DESK, ADMIN_ACCOUNTS,
                      GtkWidget)

void                jf_desk_admin_accounts_set_client   (JfDeskAdminAccounts *self,
                                                         JfDeskClient        *client);
/* The unit whose accounts are shown. */
JfDeskOrgUnit      *jf_desk_admin_accounts_get_unit     (JfDeskAdminAccounts *self);
/* The accounts shown (a GListModel of JfDeskStaffAccount). */
GListModel         *jf_desk_admin_accounts_get_accounts (JfDeskAdminAccounts *self);
JfDeskStaffAccount *jf_desk_admin_accounts_get_selected (JfDeskAdminAccounts *self);
gboolean            jf_desk_admin_accounts_select       (JfDeskAdminAccounts *self,
                                                         const char          *username);
/* The org tree as shown (a GListModel of GtkTreeListRow). */
GListModel         *jf_desk_admin_accounts_get_tree     (JfDeskAdminAccounts *self);
gboolean            jf_desk_admin_accounts_is_loading   (JfDeskAdminAccounts *self);
/* The open account dialog or password dialog, or NULL. */
GtkWindow          *jf_desk_admin_accounts_get_dialog   (JfDeskAdminAccounts *self);
/* The password the open password dialog shows, or NULL (for tests). */
const char         *jf_desk_admin_accounts_get_shown_password (JfDeskAdminAccounts *self);
const char         *jf_desk_admin_accounts_get_status   (JfDeskAdminAccounts *self);

G_END_DECLS
