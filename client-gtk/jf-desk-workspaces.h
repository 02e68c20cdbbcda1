/* jf-desk-workspaces.h: the workspaces of the window, and which roles see each
 *
 * One table (jf-desk-workspaces.c): the window shows, in its order, the workspaces any of
 * the account's roles allows. A new workspace is added there and nowhere else, but for
 * its section of keyboard shortcuts in gtk/help-overlay.ui, named as the workspace is.
 *   reception                                     → 受理登记 (JfDeskReceptionPage)
 *   caseworkers (reception to grid leader), audit → 案件 (JfDeskQueuePage)
 *   department liaison                            → 部门收件箱 (JfDeskInboxPage)
 *   admin                                         → 管理 (JfDeskAdminPage)
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
