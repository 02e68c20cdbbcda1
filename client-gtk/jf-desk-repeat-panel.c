/* jf-desk-repeat-panel.c: the earlier matters of the people and the place being typed */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-error.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-row.h"
#include "jf-desk-repeat-panel.h"
#include "jf-desk-resources.h"

/* --- the query ----------------------------------------------------------------------------- */

void
jf_desk_repeat_query_clear (JfDeskRepeatQuery *query)
{
  g_clear_pointer (&query->id_numbers, g_strfreev);
  g_clear_pointer (&query->phones, g_strfreev);
  g_clear_pointer (&query->names, g_strfreev);
  g_clear_pointer (&query->place_code, g_free);
  g_clear_pointer (&query->address, g_free);
}

static void
add_path (GPtrArray  *paths,
          const char *member,
          const char *value,
          const char *place_code)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
  g_autofree char *place = NULL;
  char *path;

  if (place_code != NULL)
    {
      g_autofree char *code = g_uri_escape_string (place_code, NULL, FALSE);

      place = g_strdup_printf ("&place_org=%s", code);
    }
  path = g_strdup_printf ("/v1/repeat?%s=%s%s&limit=%d", member, escaped,
                          place != NULL ? place : "", JF_DESK_REPEAT_PANEL_LIMIT);
  for (guint i = 0; i < paths->len; i++)
    if (g_str_equal (paths->pdata[i], path))
      {
        g_free (path);
        return;
      }
  g_ptr_array_add (paths, path);
}

GStrv
jf_desk_repeat_query_paths (const JfDeskRepeatQuery *query)
{
  GPtrArray *paths = g_ptr_array_new ();

  for (guint i = 0; query->id_numbers != NULL && query->id_numbers[i] != NULL; i++)
    add_path (paths, "id_number", query->id_numbers[i], NULL);
  for (guint i = 0; query->phones != NULL && query->phones[i] != NULL; i++)
    add_path (paths, "phone", query->phones[i], NULL);
  /* A name or an address means something only at a place. */
  if (query->place_code != NULL)
    {
      for (guint i = 0; query->names != NULL && query->names[i] != NULL; i++)
        add_path (paths, "name", query->names[i], query->place_code);
      if (query->address != NULL)
        add_path (paths, "address", query->address, query->place_code);
    }
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (paths, FALSE);
}

/* --- the panel ----------------------------------------------------------------------------- */

struct _JfDeskRepeatPanel
{
  GtkWidget          parent_instance;

  JfDeskClient      *client;       /* owned */
  GListStore        *matters;      /* owned; of JfDeskRepeatMatch, what the list shows */
  GHashTable        *lookups;      /* owned; path → Lookup, one per key in the form */
  char              *summary;

  /* template children */
  GtkLabel          *count_label;
  GtkSpinner        *spinner;
  GtkLabel          *summary_label;
  GtkScrolledWindow *scroller;
  GtkListView       *list;
  GtkLabel          *hint_label;
};

G_DEFINE_FINAL_TYPE (JfDeskRepeatPanel, jf_desk_repeat_panel, GTK_TYPE_WIDGET)

enum {
  OPEN_MATTER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One key of the form and what the server said about it. */
typedef struct
{
  JfDeskRepeatPanel *panel;        /* borrowed: the panel's table owns the lookup */
  char              *path;         /* also the table's key */
  guint              timer_id;     /* waiting for the key to stand still */
  GCancellable      *cancellable;  /* while the request is out */
  JsonArray         *items;        /* the answer, once in */
  gboolean           failed;
  gboolean           unreachable;  /* failed for want of an answer */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_handle_id (&lookup->timer_id, g_source_remove);
  g_cancellable_cancel (lookup->cancellable);
  g_clear_object (&lookup->cancellable);
  g_clear_pointer (&lookup->items, json_array_unref);
  g_free (lookup->path);
  g_free (lookup);
}

/* A request in flight: its answer counts only if the lookup still waits for it. */
typedef struct
{
  JfDeskRepeatPanel *panel;        /* owned */
  char              *path;
  GCancellable      *cancellable;  /* owned */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->panel);
  g_free (request->path);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

gboolean
jf_desk_repeat_panel_is_busy (JfDeskRepeatPanel *self)
{
  GHashTableIter iter;
  Lookup *lookup;

  g_return_val_if_fail (JF_DESK_IS_REPEAT_PANEL (self), FALSE);

  g_hash_table_iter_init (&iter, self->lookups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lookup))
    if (lookup->timer_id != 0 || lookup->cancellable != NULL)
      return TRUE;
  return FALSE;
}

static void
show_state (JfDeskRepeatPanel *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matters));
  gboolean busy = jf_desk_repeat_panel_is_busy (self);
  gboolean failed = FALSE, unreachable = FALSE;
  GHashTableIter iter;
  Lookup *lookup;

  g_hash_table_iter_init (&iter, self->lookups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lookup))
    {
      failed |= lookup->failed;
      unreachable |= lookup->failed && lookup->unreachable;
    }

  g_free (self->summary);
  if (n > 0)
    self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u matter of these people or this place in "
                                                  "the last 12 months: is this a repeat "
                                                  "dispute?",
                                                  "%u matters of these people or this place in "
                                                  "the last 12 months: is this a repeat "
                                                  "dispute?", n), n);
  else if (g_hash_table_size (self->lookups) == 0)
    self->summary = g_strdup (_("Matters of the same people or the same place in the last 12 "
                                "months appear here as ID numbers, phone numbers, names and "
                                "the address are typed."));
  else if (busy)
    self->summary = g_strdup (_("Looking up earlier matters…"));
  /* Said plainly, and nothing more: the form goes on as ever, and the window's banner
   * tells of the server. */
  else if (unreachable)
    self->summary = g_strdup (_("The server cannot be reached, so earlier matters cannot be "
                                "looked up; they are looked up again when it is back."));
  else if (failed)
    self->summary = g_strdup (_("Earlier matters cannot be looked up right now; they are "
                                "looked up again as the form changes."));
  else
    self->summary = g_strdup (_("No matters of these people or this place in the last 12 "
                                "months."));
  gtk_label_set_text (self->summary_label, self->summary);

  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n);

      gtk_label_set_text (self->count_label, count);
      gtk_widget_add_css_class (GTK_WIDGET (self), "repeat-found");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "repeat-found");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  JfDeskMatterSummary *sa = jf_desk_repeat_match_get_summary (*(JfDeskRepeatMatch * const *) a);
  JfDeskMatterSummary *sb = jf_desk_repeat_match_get_summary (*(JfDeskRepeatMatch * const *) b);
  /* RFC 3339 in one zone: the text sorts as the time does. */
  int by_time = g_strcmp0 (jf_desk_matter_summary_get_created_at (sb),
                           jf_desk_matter_summary_get_created_at (sa));
  gint64 ia = jf_desk_matter_summary_get_id (sa);
  gint64 ib = jf_desk_matter_summary_get_id (sb);

  if (by_time != 0)
    return by_time;
  return ia < ib ? 1 : ia > ib ? -1 : 0;
}

static gboolean
same_matches (GListModel *shown,
              GPtrArray  *found)
{
  if (g_list_model_get_n_items (shown) != found->len)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(JfDeskRepeatMatch) old = g_list_model_get_item (shown, i);

      if (jf_desk_repeat_match_get_id (old) != jf_desk_repeat_match_get_id (found->pdata[i]) ||
          jf_desk_repeat_match_get_reasons (old) !=
          jf_desk_repeat_match_get_reasons (found->pdata[i]))
        return FALSE;
    }
  return TRUE;
}

/* The answers in, merged: each matter once, with the reasons of every lookup that found
 * it. The list is left alone when nothing changed, so that a row keeps the keyboard. */
static void
show_matches (JfDeskRepeatPanel *self)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  GHashTableIter iter;
  Lookup *lookup;

  g_hash_table_iter_init (&iter, self->lookups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lookup))
    for (guint i = 0; lookup->items != NULL && i < json_array_get_length (lookup->items); i++)
      {
        JsonObject *item = jf_desk_json_object (json_array_get_element (lookup->items, i));
        JfDeskRepeatMatch *match = jf_desk_repeat_match_new_from_json (item);
        JfDeskRepeatMatch *seen;
        gint64 id;

        if (match == NULL)
          continue;
        id = jf_desk_repeat_match_get_id (match);
        seen = g_hash_table_lookup (by_id, &id);
        if (seen != NULL)
          {
            jf_desk_repeat_match_add_reasons (seen, jf_desk_repeat_match_get_reasons (match));
            g_object_unref (match);
            continue;
          }
        g_ptr_array_add (found, match);
        g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), match);
      }
  g_ptr_array_sort (found, newest_first);
  if (!same_matches (G_LIST_MODEL (self->matters), found))
    g_list_store_splice (self->matters, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->matters)),
                         found->pdata, found->len);
  show_state (self);
}

static void
looked_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Request) request = data;
  JfDeskRepeatPanel *self = request->panel;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  Lookup *lookup;

  if (self->lookups == NULL)
    return;
  lookup = g_hash_table_lookup (self->lookups, request->path);
  /* The key has left the form, or came back and was asked for again. */
  if (lookup == NULL || lookup->cancellable != request->cancellable)
    return;
  g_clear_object (&lookup->cancellable);
  if (items != NULL)
    lookup->items = json_array_ref (items);
  else
    {
      lookup->failed = TRUE;
      lookup->unreachable = jf_desk_error_is_unreachable (error);
      g_debug ("repeat lookup %s: %s", request->path,
               error != NULL ? error->message : "no items");
    }
  show_matches (self);
}

static gboolean
send_cb (gpointer data)
{
  Lookup *lookup = data;
  JfDeskRepeatPanel *self = lookup->panel;
  Request *request;

  lookup->timer_id = 0;
  if (self->client == NULL)
    return G_SOURCE_REMOVE;
  lookup->failed = FALSE;
  lookup->unreachable = FALSE;
  lookup->cancellable = g_cancellable_new ();
  request = g_new0 (Request, 1);
  request->panel = g_object_ref (self);
  request->path = g_strdup (lookup->path);
  request->cancellable = g_object_ref (lookup->cancellable);
  jf_desk_client_request_async (self->client, "GET", lookup->path, NULL, NULL,
                                lookup->cancellable, looked_up_cb, request);
  return G_SOURCE_REMOVE;
}

static void
arm (Lookup *lookup)
{
  g_clear_handle_id (&lookup->timer_id, g_source_remove);
  lookup->timer_id = g_timeout_add (JF_DESK_REPEAT_PANEL_DEBOUNCE_MS, send_cb, lookup);
}

void
jf_desk_repeat_panel_set_query (JfDeskRepeatPanel       *self,
                                const JfDeskRepeatQuery *query)
{
  g_auto(GStrv) paths = NULL;
  GHashTableIter iter;
  Lookup *lookup;
  gboolean dropped = FALSE;

  g_return_if_fail (JF_DESK_IS_REPEAT_PANEL (self));
  g_return_if_fail (query != NULL);

  paths = jf_desk_repeat_query_paths (query);
  g_hash_table_iter_init (&iter, self->lookups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lookup))
    if (!g_strv_contains ((const char * const *) paths, lookup->path))
      {
        g_hash_table_iter_remove (&iter);
        dropped = TRUE;
      }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      lookup = g_hash_table_lookup (self->lookups, paths[i]);
      if (lookup == NULL)
        {
          lookup = g_new0 (Lookup, 1);
          lookup->panel = self;
          lookup->path = g_strdup (paths[i]);
          g_hash_table_insert (self->lookups, lookup->path, lookup);
          arm (lookup);
        }
      /* What the server could not answer is asked again as the clerk goes on. */
      else if (lookup->failed && lookup->timer_id == 0)
        arm (lookup);
    }
  if (dropped)
    show_matches (self);
  else
    show_state (self);
}

GListModel *
jf_desk_repeat_panel_get_matters (JfDeskRepeatPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_PANEL (self), NULL);
  return G_LIST_MODEL (self->matters);
}

const char *
jf_desk_repeat_panel_get_summary (JfDeskRepeatPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_PANEL (self), NULL);
  return self->summary;
}

gboolean
jf_desk_repeat_panel_focus_list (JfDeskRepeatPanel *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_PANEL (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->matters)) == 0)
    return FALSE;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* The list view gives the focus to its current row, the first at the start. */
  return gtk_widget_child_focus (GTK_WIDGET (self->list), GTK_DIR_TAB_FORWARD) ||
         gtk_widget_grab_focus (GTK_WIDGET (self->list));
}

/* The server answers again: what it could not answer is asked again at once, so that the
 * clerk need not type to see it. */
static void
connection_state_cb (JfDeskRepeatPanel *self)
{
  GHashTableIter iter;
  Lookup *lookup;
  gboolean armed = FALSE;

  if (jf_desk_client_get_connection_state (self->client) != JF_DESK_CONNECTION_ONLINE)
    return;
  g_hash_table_iter_init (&iter, self->lookups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &lookup))
    if (lookup->failed && lookup->timer_id == 0 && lookup->cancellable == NULL)
      {
        arm (lookup);
        armed = TRUE;
      }
  if (armed)
    show_state (self);
}

void
jf_desk_repeat_panel_set_client (JfDeskRepeatPanel *self,
                                 JfDeskClient      *client)
{
  g_return_if_fail (JF_DESK_IS_REPEAT_PANEL (self));

  if (self->client == client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify::connection-state",
                             G_CALLBACK (connection_state_cb), self, G_CONNECT_SWAPPED);
}

/* --- rows ---------------------------------------------------------------------------------- */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, jf_desk_matter_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  JfDeskRepeatMatch *match = gtk_list_item_get_item (item);
  JfDeskMatterRow *row = JF_DESK_MATTER_ROW (gtk_list_item_get_child (item));
  g_autofree char *reasons = jf_desk_repeat_reasons_describe (
    jf_desk_repeat_match_get_reasons (match));

  jf_desk_matter_row_set_note (row, reasons);
  jf_desk_matter_row_set_summary (row, jf_desk_repeat_match_get_summary (match));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  JfDeskMatterRow *row = JF_DESK_MATTER_ROW (gtk_list_item_get_child (item));

  jf_desk_matter_row_set_note (row, NULL);
  jf_desk_matter_row_set_summary (row, NULL);
}

static void
activate_cb (JfDeskRepeatPanel *self,
             guint              position)
{
  g_autoptr(JfDeskRepeatMatch) match = g_list_model_get_item (G_LIST_MODEL (self->matters),
                                                              position);

  if (match != NULL)
    g_signal_emit (self, signals[OPEN_MATTER], 0, jf_desk_repeat_match_get_id (match));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_repeat_panel_dispose (GObject *object)
{
  JfDeskRepeatPanel *self = JF_DESK_REPEAT_PANEL (object);
  GtkWidget *child;

  /* Cancels what is out; the answers find no table and are dropped. */
  g_clear_pointer (&self->lookups, g_hash_table_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_REPEAT_PANEL);
  g_clear_object (&self->matters);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_repeat_panel_parent_class)->dispose (object);
}

static void
jf_desk_repeat_panel_finalize (GObject *object)
{
  g_free (JF_DESK_REPEAT_PANEL (object)->summary);
  G_OBJECT_CLASS (jf_desk_repeat_panel_parent_class)->finalize (object);
}

static void
jf_desk_repeat_panel_class_init (JfDeskRepeatPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_repeat_panel_dispose;
  object_class->finalize = jf_desk_repeat_panel_finalize;

  /* A row was activated: the matter of this id is to be opened. */
  signals[OPEN_MATTER] = g_signal_new ("open-matter", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_INT64);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-repeat-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, list);
  gtk_widget_class_bind_template_child (widget_class, JfDeskRepeatPanel, hint_label);
}

static void
jf_desk_repeat_panel_init (JfDeskRepeatPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->lookups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) lookup_free);
  self->matters = g_list_store_new (JF_DESK_TYPE_REPEAT_MATCH);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->matters)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Earlier matters"), -1);
  show_state (self);
}
