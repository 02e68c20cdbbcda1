/* jf-desk-repeat-panel.c: earlier matters with the same people */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-desk-json.h"
#include "jf-desk-matter-row.h"
#include "jf-desk-matter-summary.h"
#include "jf-desk-repeat-panel.h"
#include "jf-desk-resources.h"

#define PER_NAME 5
#define MAX_NAMES 6

void
jf_desk_repeat_query_clear (JfDeskRepeatQuery *query)
{
  g_clear_pointer (&query->names, g_strfreev);
  g_clear_pointer (&query->id_numbers, g_strfreev);
  g_clear_pointer (&query->place_code, g_free);
}

static gboolean
strv_equal (GStrv a,
            GStrv b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || *a == NULL) && (b == NULL || *b == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
jf_desk_repeat_query_equal (const JfDeskRepeatQuery *a,
                            const JfDeskRepeatQuery *b)
{
  return strv_equal (a->names, b->names) && strv_equal (a->id_numbers, b->id_numbers) &&
         g_strcmp0 (a->place_code, b->place_code) == 0;
}

/* --- the search: the one function to swap for a repeat-dispute endpoint -------------------- */

typedef struct
{
  GListStore *found;
  GHashTable *seen;        /* matter ids */
  guint       pending;
  GError     *error;       /* the first failure, if nothing was found */
} Search;

static void
search_free (Search *search)
{
  g_clear_object (&search->found);
  g_clear_pointer (&search->seen, g_hash_table_unref);
  g_clear_error (&search->error);
  g_free (search);
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  gint64 ia = jf_desk_matter_summary_get_id ((JfDeskMatterSummary *) a);
  gint64 ib = jf_desk_matter_summary_get_id ((JfDeskMatterSummary *) b);

  return ia < ib ? 1 : ia > ib ? -1 : 0;
}

static void
searched_one_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Search *search = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");

  if (error != NULL && search->error == NULL)
    search->error = g_steal_pointer (&error);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      g_autoptr(JfDeskMatterSummary) summary = jf_desk_matter_summary_new_from_json (
        jf_desk_json_object (json_array_get_element (items, i)));
      gint64 id;

      if (summary == NULL)
        continue;
      id = jf_desk_matter_summary_get_id (summary);
      if (g_hash_table_contains (search->seen, &id))
        continue;
      g_hash_table_add (search->seen, g_memdup2 (&id, sizeof id));
      g_list_store_insert_sorted (search->found, summary, newest_first, NULL);
    }
  if (--search->pending > 0)
    return;
  if (g_list_model_get_n_items (G_LIST_MODEL (search->found)) == 0 && search->error != NULL)
    g_task_return_error (task, g_steal_pointer (&search->error));
  else
    g_task_return_pointer (task, g_object_ref (search->found), g_object_unref);
}

void
jf_desk_repeat_search_async (JfDeskClient            *client,
                             const JfDeskRepeatQuery *query,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  Search *search = g_new0 (Search, 1);

  search->found = g_list_store_new (JF_DESK_TYPE_MATTER_SUMMARY);
  search->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_task_set_task_data (task, search, (GDestroyNotify) search_free);
  g_task_set_source_tag (task, jf_desk_repeat_search_async);

  /* The queue's q= searches titles, narratives and parties' names; ID numbers are stored
   * sealed and cannot be searched this way, nor is a place a word in the text. */
  for (guint i = 0; query->names != NULL && query->names[i] != NULL && i < MAX_NAMES; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (query->names[i], NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/matters?q=%s&limit=%d", escaped, PER_NAME);

      search->pending++;
      jf_desk_client_request_async (client, "GET", path, NULL, NULL, cancellable,
                                    searched_one_cb, g_object_ref (task));
    }
  if (search->pending == 0)
    g_task_return_pointer (task, g_object_ref (search->found), g_object_unref);
}

GListModel *
jf_desk_repeat_search_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- the panel ----------------------------------------------------------------------------- */

struct _JfDeskRepeatPanel
{
  GtkWidget          parent_instance;

  JfDeskClient      *client;       /* owned */
  GListStore        *matters;      /* owned; what the list shows */
  JfDeskRepeatQuery  query;        /* the query to run */
  JfDeskRepeatQuery  shown;        /* the query the list shows */
  GCancellable      *cancellable;
  guint              debounce_id;

  /* template children */
  GtkLabel          *summary_label;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scroller;
  GtkListView       *list;
};

G_DEFINE_FINAL_TYPE (JfDeskRepeatPanel, jf_desk_repeat_panel, GTK_TYPE_WIDGET)

static void
show_summary (JfDeskRepeatPanel *self,
              const char        *text)
{
  gtk_label_set_text (self->summary_label, text);
}

static void
searched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskRepeatPanel) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = jf_desk_repeat_search_finish (result, &error);
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->matters == NULL)
    return;
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (found == NULL)
    {
      show_summary (self, _("Earlier matters cannot be looked up right now."));
      return;
    }
  n = g_list_model_get_n_items (found);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (found, i));
    g_list_store_splice (self->matters, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->matters)),
                         items->pdata, items->len);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), n > 0);
  if (n == 0)
    show_summary (self, _("No earlier matters with these people."));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u earlier matter with these "
                                                            "people: check for a repeat "
                                                            "dispute.",
                                                            "%u earlier matters with these "
                                                            "people: check for a repeat "
                                                            "dispute.", n), n);

      show_summary (self, text);
    }
}

static gboolean
search_cb (gpointer data)
{
  JfDeskRepeatPanel *self = data;

  self->debounce_id = 0;
  if (self->client == NULL)
    return G_SOURCE_REMOVE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  jf_desk_repeat_query_clear (&self->shown);
  self->shown.names = g_strdupv (self->query.names);
  self->shown.id_numbers = g_strdupv (self->query.id_numbers);
  self->shown.place_code = g_strdup (self->query.place_code);
  if (self->query.names == NULL || self->query.names[0] == NULL)
    {
      g_list_store_remove_all (self->matters);
      gtk_widget_set_visible (GTK_WIDGET (self->scroller), FALSE);
      show_summary (self, _("Matters with the same people appear here as their names are "
                            "typed."));
      return G_SOURCE_REMOVE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  jf_desk_repeat_search_async (self->client, &self->query, self->cancellable, searched_cb,
                               g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, jf_desk_matter_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  jf_desk_matter_row_set_summary (JF_DESK_MATTER_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  jf_desk_matter_row_set_summary (JF_DESK_MATTER_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
jf_desk_repeat_panel_dispose (GObject *object)
{
  JfDeskRepeatPanel *self = JF_DESK_REPEAT_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_REPEAT_PANEL);
  g_clear_object (&self->matters);
  g_clear_object (&self->client);
  jf_desk_repeat_query_clear (&self->query);
  jf_desk_repeat_query_clear (&self->shown);
  G_OBJECT_CLASS (jf_desk_repeat_panel_parent_class)->dispose (object);
}

static void
jf_desk_repeat_panel_class_init (JfDeskRepeatPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_repeat_panel_dispose;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-repeat-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, list);
}

static void
jf_desk_repeat_panel_init (JfDeskRepeatPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->matters = g_list_store_new (JF_DESK_TYPE_MATTER_SUMMARY);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->matters)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Earlier matters"), -1);
}

void
jf_desk_repeat_panel_set_client (JfDeskRepeatPanel *self,
                                 JfDeskClient      *client)
{
  g_return_if_fail (JF_DESK_IS_REPEAT_PANEL (self));
  g_set_object (&self->client, client);
}

void
jf_desk_repeat_panel_set_query (JfDeskRepeatPanel *self,
                                JfDeskRepeatQuery *query)
{
  g_return_if_fail (JF_DESK_IS_REPEAT_PANEL (self));

  jf_desk_repeat_query_clear (&self->query);
  self->query = *query;
  memset (query, 0, sizeof *query);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (jf_desk_repeat_query_equal (&self->query, &self->shown))
    return;
  self->debounce_id = g_timeout_add (JF_DESK_REPEAT_PANEL_DEBOUNCE_MS, search_cb, self);
}

GListModel *
jf_desk_repeat_panel_get_matters (JfDeskRepeatPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_PANEL (self), NULL);
  return G_LIST_MODEL (self->matters);
}
