/* jf-desk-admin-accounts-private.h: what the facets of JfDeskAdminAccounts share
 *
 * jf-desk-admin-accounts.c: the accounts of the unit and the commands on them;
 * jf-desk-admin-accounts-tree.c: the org tree (children read as units come into view) and
 * the search by name.
 */
#pragma once

#include <adwaita.h>

#include "jf-desk-admin-accounts.h"

G_BEGIN_DECLS

struct _JfDeskAdminAccounts
{
  GtkWidget            parent_instance;

  JfDeskClient        *client;          /* owned */
  GListStore          *roots;           /* owned; of JfDeskOrgUnit: the administrator's unit */
  GHashTable          *children;        /* owned; unit code → GListStore of its children */
  GtkTreeListModel    *tree;            /* owned */
  GtkSingleSelection  *tree_selection;  /* owned */
  GListStore          *matches;         /* owned; of JfDeskOrgUnit */
  GtkSingleSelection  *matches_selection; /* owned */
  JfDeskOrgUnit       *unit;            /* owned; whose accounts are shown */
  GPtrArray           *fetched;         /* owned; the unit's subtree's accounts */
  GListStore          *accounts;        /* owned; of JfDeskStaffAccount: those shown */
  GtkSingleSelection  *accounts_selection; /* owned */
  GHashTable          *department_names; /* owned; code → name */
  GHashTable          *counties_read;   /* owned; counties whose departments were asked for */
  GCancellable        *cancellable;     /* everything the section reads; cancelled in dispose */
  GCancellable        *accounts_cancellable;
  GCancellable        *search_cancellable;
  GtkWindow           *dialog;          /* weak */
  char                *shown_password;  /* while its dialog is open */
  char                *status;
  gint64               select_id;       /* to select once the accounts are read again */
  gboolean             loading;
  gboolean             started;

  /* template children */
  GtkSearchEntry      *org_search;
  GtkStack            *org_stack;
  GtkListView         *tree_view;
  GtkListView         *matches_view;
  GtkLabel            *no_matches_label;
  GtkLabel            *unit_label;
  GtkLabel            *unit_detail_label;
  GtkCheckButton      *subtree_check;
  GtkStack            *accounts_stack;
  GtkColumnView       *accounts_view;
  AdwStatusPage       *error_page;
  GtkLabel            *status_label;
  GtkButton           *disable_button;
};

/* jf-desk-admin-accounts.c: reads the accounts of self->unit (and its subtree). */
void jf_desk_admin_accounts_load      (JfDeskAdminAccounts *self);

/* jf-desk-admin-accounts-tree.c */
void jf_desk_admin_accounts_init_tree (JfDeskAdminAccounts *self);
/* The tree at the administrator's own unit, once signed in and shown. */
void jf_desk_admin_accounts_start     (JfDeskAdminAccounts *self);

G_END_DECLS
