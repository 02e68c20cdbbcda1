/* jf-desk-admin-categories.h: the categories of matter (管理 › 事项类别)
 *
 * The built-in twelve and any added here; a category can be renamed or taken out of use
 * (matters keep theirs; the intake form no longer offers it) and put back.
 * Commands: categories.new (Ctrl+N), categories.rename (Ctrl+E or Enter),
 * categories.toggle-active (Ctrl+D, asking first before taking one out of use).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_CATEGORIES (jf_desk_admin_categories_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminCategories, jf_desk_admin_categories, JF_DESK, ADMIN_CATEGORIES,
                      GtkWidget)

void        jf_desk_admin_categories_set_client (JfDeskAdminCategories *self,
                                                 JfDeskClient          *client);
/* The categories (a GListModel of JfDeskRecord). */
GListModel *jf_desk_admin_categories_get_items  (JfDeskAdminCategories *self);
gboolean    jf_desk_admin_categories_select     (JfDeskAdminCategories *self,
                                                 const char            *slug);
GtkWindow  *jf_desk_admin_categories_get_dialog (JfDeskAdminCategories *self);
const char *jf_desk_admin_categories_get_status (JfDeskAdminCategories *self);

G_END_DECLS
