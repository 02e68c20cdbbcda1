/* jf-desk-admin-departments.h: the functional departments of a county (管理 › 职能部门)
 *
 * Read only: which departments are on the platform in each county (GET /v1/departments),
 * their codes (what a liaison's account names), kinds, and the township a police station
 * serves.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_DEPARTMENTS (jf_desk_admin_departments_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminDepartments, jf_desk_admin_departments, JF_DESK,
                      ADMIN_DEPARTMENTS, GtkWidget)

void        jf_desk_admin_departments_set_client (JfDeskAdminDepartments *self,
                                                  JfDeskClient           *client);
/* The departments shown (a GListModel of JfDeskRecord). */
GListModel *jf_desk_admin_departments_get_items  (JfDeskAdminDepartments *self);
/* Shows the departments of @county ("220402"); FALSE if it is not offered. */
gboolean    jf_desk_admin_departments_set_county (JfDeskAdminDepartments *self,
                                                  const char             *county);

G_END_DECLS
