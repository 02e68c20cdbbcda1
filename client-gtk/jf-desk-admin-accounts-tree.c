/* jf-desk-admin-accounts-tree.c: the org tree of the accounts section, and the search */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-desk-admin-accounts-private.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"

/* --- the org tree ---------------------------------------------------------------------------- */

typedef struct
{
  JfDeskAdminAccounts *self;   /* owned */
  char                *code;   /* whose children */
} Children;

static void
children_free (Children *children)
{
  g_clear_object (&children->self);
  g_free (children->code);
  g_free (children);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Children, children_free)

static GPtrArray *
units_from_json (JsonNode *root)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JfDeskOrgUnit *unit = jf_desk_org_unit_new_from_json (
        jf_desk_json_object (json_array_get_element (items, i)));

      if (unit != NULL)
        g_ptr_array_add (units, unit);
    }
  return units;
}

static void
children_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(Children) children = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) units = NULL;
  GListStore *store;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      children->self->children == NULL)
    return;
  store = g_hash_table_lookup (children->self->children, children->code);
  if (store == NULL)
    return;
  if (root == NULL)
    {
      /* Read again when the unit is next expanded. */
      g_hash_table_remove (children->self->children, children->code);
      return;
    }
  units = units_from_json (root);
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), units->pdata,
                       units->len);
}

/* The children of a unit, as a model read when GtkTreeListModel first asks for it (a row
 * coming into view): kept, so that it is read once. */
static GListModel *
create_children (gpointer item,
                 gpointer data)
{
  JfDeskAdminAccounts *self = data;
  JfDeskOrgUnit *unit = item;
  const char *code = jf_desk_org_unit_get_code (unit);
  GListStore *store;
  g_autofree char *path = NULL;
  Children *children;

  /* A grid (a 15-digit code) is the bottom of the tree. */
  if (strlen (code) >= 15)
    return NULL;
  store = g_hash_table_lookup (self->children, code);
  if (store != NULL)
    return G_LIST_MODEL (g_object_ref (store));
  store = g_list_store_new (JF_DESK_TYPE_ORG_UNIT);
  g_hash_table_insert (self->children, g_strdup (code), store);
  children = g_new0 (Children, 1);
  children->self = g_object_ref (self);
  children->code = g_strdup (code);
  path = g_strdup_printf ("/v1/org-units?parent=%s", code);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                children_cb, children);
  return G_LIST_MODEL (g_object_ref (store));
}

static void
setup_tree_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *level = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (level, "dim-label");
  gtk_widget_add_css_class (level, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), level);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_tree_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(JfDeskOrgUnit) unit = gtk_tree_list_row_get_item (row);
  GtkWidget *box = gtk_tree_expander_get_child (expander);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      jf_desk_org_unit_get_name (unit));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      jf_desk_org_unit_get_level_label (unit));
}

static void
unbind_tree_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
setup_match_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *path = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_add_css_class (path, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), path);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_match_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  JfDeskOrgUnit *unit = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      jf_desk_org_unit_get_name (unit));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      jf_desk_org_unit_get_path (unit));
}

static void
show_unit (JfDeskAdminAccounts *self,
           JfDeskOrgUnit       *unit)
{
  g_autofree char *detail = NULL;

  if (unit == NULL || (self->unit != NULL &&
                       g_strcmp0 (jf_desk_org_unit_get_code (unit),
                                  jf_desk_org_unit_get_code (self->unit)) == 0))
    return;
  g_set_object (&self->unit, unit);
  gtk_label_set_text (self->unit_label, jf_desk_org_unit_get_name (unit));
  /* TRANSLATORS: under the unit's name: its level, code and path. */
  if (g_strcmp0 (jf_desk_org_unit_get_path (unit), jf_desk_org_unit_get_name (unit)) != 0)
    detail = g_strdup_printf (_("%s · %s · %s"), jf_desk_org_unit_get_level_label (unit),
                              jf_desk_org_unit_get_code (unit), jf_desk_org_unit_get_path (unit));
  else
    /* TRANSLATORS: under the unit's name: its level and code. */
    detail = g_strdup_printf (_("%s · %s"), jf_desk_org_unit_get_level_label (unit),
                              jf_desk_org_unit_get_code (unit));
  gtk_label_set_text (self->unit_detail_label, detail);
  jf_desk_admin_accounts_load (self);
}

static void
tree_selection_cb (JfDeskAdminAccounts *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->tree_selection);
  g_autoptr(JfDeskOrgUnit) unit = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  show_unit (self, unit);
}

static void
match_selection_cb (JfDeskAdminAccounts *self)
{
  show_unit (self, gtk_single_selection_get_selected_item (self->matches_selection));
}

void
jf_desk_admin_accounts_start (JfDeskAdminAccounts *self)
{
  JfDeskAccount *me = jf_desk_client_get_account (self->client);
  g_autoptr(JfDeskOrgUnit) home = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->started || me == NULL)
    return;
  self->started = TRUE;
  /* The tree starts at the administrator's own unit: theirs to administer. */
  home = jf_desk_org_unit_new (jf_desk_account_get_org_code (me),
                               jf_desk_account_get_org_name (me),
                               jf_level_to_string (jf_desk_account_get_org_level (me)), NULL);
  g_list_store_append (self->roots, home);
  row = gtk_tree_list_model_get_row (self->tree, 0);
  if (row != NULL)
    gtk_tree_list_row_set_expanded (row, TRUE);
  gtk_single_selection_set_selected (self->tree_selection, 0);
  tree_selection_cb (self);
}

/* --- searching the units --------------------------------------------------------------------- */

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskAdminAccounts) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->matches == NULL)
    return;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      gtk_label_set_text (self->no_matches_label, description);
      gtk_stack_set_visible_child_name (self->org_stack, "no-matches");
      return;
    }
  units = units_from_json (root);
  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       units->pdata, units->len);
  if (units->len > 0)
    {
      gtk_stack_set_visible_child_name (self->org_stack, "matches");
      return;
    }
  /* TRANSLATORS: the search for units found nothing: what was typed. */
  message = g_strdup_printf (_("No unit’s name contains “%s”."),
                             gtk_editable_get_text (GTK_EDITABLE (self->org_search)));
  gtk_label_set_text (self->no_matches_label, message);
  gtk_stack_set_visible_child_name (self->org_stack, "no-matches");
}

static void
search_changed_cb (JfDeskAdminAccounts *self)
{
  g_autofree char *text = jf_desk_editable_dup_text (GTK_EDITABLE (self->org_search));
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (text == NULL)
    {
      gtk_stack_set_visible_child_name (self->org_stack, "tree");
      tree_selection_cb (self);
      return;
    }
  if (g_utf8_strlen (text, -1) > 20)
    {
      gtk_label_set_text (self->no_matches_label, _("Type at most 20 characters of the name."));
      gtk_stack_set_visible_child_name (self->org_stack, "no-matches");
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  escaped = g_uri_escape_string (text, NULL, FALSE);
  path = g_strdup_printf ("/v1/org-units?q=%s", escaped);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->search_cancellable,
                                found_cb, g_object_ref (self));
}

/* Enter in the search: the first match, and on to its accounts. */
static void
search_activate_cb (JfDeskAdminAccounts *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->org_stack), "matches") != 0)
    return;
  gtk_single_selection_set_selected (self->matches_selection, 0);
  match_selection_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->accounts_view));
}

static void
stop_search_cb (JfDeskAdminAccounts *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->org_search), "");
}

void
jf_desk_admin_accounts_init_tree (JfDeskAdminAccounts *self)
{
  g_autoptr(GtkListItemFactory) tree_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) match_factory = gtk_signal_list_item_factory_new ();

  self->roots = g_list_store_new (JF_DESK_TYPE_ORG_UNIT);
  self->tree = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)), FALSE, FALSE,
                                        create_children, self, NULL);
  self->tree_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->tree_selection, FALSE);
  g_signal_connect (tree_factory, "setup", G_CALLBACK (setup_tree_row_cb), NULL);
  g_signal_connect (tree_factory, "bind", G_CALLBACK (bind_tree_row_cb), NULL);
  g_signal_connect (tree_factory, "unbind", G_CALLBACK (unbind_tree_row_cb), NULL);
  gtk_list_view_set_factory (self->tree_view, tree_factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->tree_selection));
  g_signal_connect_object (self->tree_selection, "notify::selected-item",
                           G_CALLBACK (tree_selection_cb), self, G_CONNECT_SWAPPED);

  self->matches = g_list_store_new (JF_DESK_TYPE_ORG_UNIT);
  self->matches_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->matches_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->matches_selection, TRUE);
  g_signal_connect (match_factory, "setup", G_CALLBACK (setup_match_cb), NULL);
  g_signal_connect (match_factory, "bind", G_CALLBACK (bind_match_cb), NULL);
  gtk_list_view_set_factory (self->matches_view, match_factory);
  gtk_list_view_set_model (self->matches_view, GTK_SELECTION_MODEL (self->matches_selection));
  g_signal_connect_object (self->matches_selection, "notify::selected-item",
                           G_CALLBACK (match_selection_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->org_search, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->org_search, "activate", G_CALLBACK (search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->org_search, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
}
