/* jf-desk-workspaces.c: the table of workspaces */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-admin-page.h"
#include "jf-desk-dashboard-page.h"
#include "jf-desk-inbox-page.h"
#include "jf-desk-queue-page.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-workspaces.h"

static const JfDeskWorkspace workspaces[] = {
  { "reception", N_("Registration"), "document-new-symbolic", JF_ROLE_BIT (JF_ROLE_RECEPTION),
    jf_desk_reception_page_new },
  /* 案件: every caseworker's queue; the auditor reads it (the server refuses them any move). */
  { "matters", N_("Matters"), "view-list-symbolic",
    JF_ROLE_BIT (JF_ROLE_RECEPTION) | JF_ROLE_BIT (JF_ROLE_MEDIATOR) |
    JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) | JF_ROLE_BIT (JF_ROLE_COURT) |
    JF_ROLE_BIT (JF_ROLE_POLICE) | JF_ROLE_BIT (JF_ROLE_SUPERVISOR) |
    JF_ROLE_BIT (JF_ROLE_GRID_LEADER) | JF_ROLE_BIT (JF_ROLE_AUDITOR),
    jf_desk_queue_page_new },
  { "inbox", N_("Department Inbox"), "mail-inbox-symbolic",
    JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON), jf_desk_inbox_page_new },
  { "admin", N_("Administration"), "emblem-system-symbolic", JF_ROLE_BIT (JF_ROLE_ADMIN),
    jf_desk_admin_page_new },
  /* 统计: the figures are the centres' evaluation (DOMAIN.md §6): the supervisors and
   * directors who answer for them, the administrator and the auditor who oversee the
   * platform, and the county's petition officers and court team, whose links (petitions by
   * stage, matters gone to court per village) are figures of their own. Window clerks,
   * mediators, grid leaders and police work matter by matter from the queue; a
   * department's liaison has no subtree to count (the server refuses it). Last: an
   * administrator opens on the console, a supervisor on the queue. */
  { "dashboard", N_("Statistics"), "x-office-spreadsheet-symbolic",
    JF_ROLE_BIT (JF_ROLE_SUPERVISOR) | JF_ROLE_BIT (JF_ROLE_ADMIN) |
    JF_ROLE_BIT (JF_ROLE_AUDITOR) | JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) |
    JF_ROLE_BIT (JF_ROLE_COURT),
    jf_desk_dashboard_page_new },
};

const JfDeskWorkspace *
jf_desk_workspaces_get (guint *n_workspaces)
{
  *n_workspaces = G_N_ELEMENTS (workspaces);
  return workspaces;
}

const char *
jf_desk_workspace_title (const JfDeskWorkspace *workspace)
{
  return g_dgettext (GETTEXT_PACKAGE, workspace->title);
}
