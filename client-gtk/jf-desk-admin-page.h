/* jf-desk-admin-page.h: the administrator's console (管理)
 *
 * Five sections, switched at the top: the organisation and its accounts, the departments
 * of a county, the categories of matter, the deadline rules, and the holiday calendar.
 * Each reads its data the first time it is shown.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-outbox.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_PAGE (jf_desk_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminPage, jf_desk_admin_page, JF_DESK, ADMIN_PAGE, GtkWidget)

/* A JfDeskWorkspaceNew: @outbox is not used. */
GtkWidget *jf_desk_admin_page_new         (JfDeskClient    *client,
                                           JfDeskOutbox    *outbox);
/* "accounts", "departments", "categories", "rules" or "calendar". */
void       jf_desk_admin_page_show        (JfDeskAdminPage *self,
                                           const char      *section);
GtkWidget *jf_desk_admin_page_get_section (JfDeskAdminPage *self,
                                           const char      *section);

G_END_DECLS
