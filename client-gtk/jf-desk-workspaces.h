/* jf-desk-workspaces.h: the workspaces of the window, and which roles see each
 *
 * One table: the window shows, in this order, the workspaces any of the account's roles
 * allows. Later pages are added here and nowhere else:
 *   reception                                    → 受理 (JfDeskReceptionPage)
 *   mediator, supervisor, petition officer, court → 案件 (the queue, next)
 *   department liaison                           → 部门收件箱 (later)
 *   admin                                        → 管理 (later)
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-enums.h"
#include "jf-desk-client.h"
#include "jf-desk-outbox.h"

G_BEGIN_DECLS

typedef GtkWidget *(*JfDeskWorkspaceNew) (JfDeskClient *client,
                                          JfDeskOutbox *outbox);

typedef struct
{
  const char         *name;        /* the page's name in the stack */
  const char         *title;       /* English msgid; see jf_desk_workspace_title () */
  const char         *icon_name;
  JfRoleSet           roles;       /* any one of these shows it */
  JfDeskWorkspaceNew  create;
} JfDeskWorkspace;

const JfDeskWorkspace *jf_desk_workspaces_get  (guint                 *n_workspaces);
const char            *jf_desk_workspace_title (const JfDeskWorkspace *workspace);

G_END_DECLS
