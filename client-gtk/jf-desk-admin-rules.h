/* jf-desk-admin-rules.h: the deadline rules (管理 › 期限规则)
 *
 * Per stage, and optionally per kind of matter and category (the most specific applies):
 * the time limit in natural days, working days, hours or minutes, the warning's lead time,
 * and whether a last day off rolls forward. Commands: rules.edit (Ctrl+E or Enter).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_RULES (jf_desk_admin_rules_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminRules, jf_desk_admin_rules, JF_DESK, ADMIN_RULES, GtkWidget)

void        jf_desk_admin_rules_set_client (JfDeskAdminRules *self,
                                            JfDeskClient     *client);
/* The rules (a GListModel of JfDeskRecord). */
GListModel *jf_desk_admin_rules_get_items  (JfDeskAdminRules *self);
gboolean    jf_desk_admin_rules_select     (JfDeskAdminRules *self,
                                            const char       *stage);
GtkWindow  *jf_desk_admin_rules_get_dialog (JfDeskAdminRules *self);
GtkColumnView *jf_desk_admin_rules_get_view (JfDeskAdminRules *self);

G_END_DECLS
