/* jf-desk-inbox-page-reading.c: reading the inbox: pages, refreshes, the live stream */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-application.h"
#include "jf-desk-error.h"
#include "jf-desk-inbox-page-private.h"
#include "jf-desk-json.h"

/* The server's largest page. */
#define MAX_PAGE 200
/* Scrolled this close to the end, the next page is read. */
#define LOAD_MORE_MARGIN_PX 240
/* Events that come in a burst (a whistle to several departments) make one reading. */
#define STREAM_DEBOUNCE_MS 300

/* The filter's choices, in the drop-down's order: NULL is every whistle. */
static const char * const filter_statuses[] = {
  NULL, "pending", "checked_in", "fed_back", "verified", "cancelled",
};

/* --- reading the inbox --------------------------------------------------------------------- */

void
jf_desk_inbox_page_update_summary (JfDeskInboxPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint pending = 0, overdue = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  g_autofree char *more = NULL;
  JfDeskAccount *account = jf_desk_client_get_account (self->client);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskWhistleTarget) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      GDateTime *due = jf_desk_whistle_target_get_current_due (item, NULL);

      if (jf_desk_whistle_target_get_status (item) == JF_DESK_TARGET_PENDING)
        pending++;
      if (due != NULL && g_date_time_compare (due, now) < 0)
        overdue++;
    }
  if (self->next != NULL)
    /* TRANSLATORS: after the counts of the inbox, when more pages can be read. */
    more = g_strdup (_("; more as you scroll"));
  /* TRANSLATORS: the inbox's summary: the signed-in account's unit, whistles listed,
   * awaiting check-in, past their deadline. */
  text = g_strdup_printf (_("%s · %u listed, %u awaiting check-in, %u overdue%s"),
                          account != NULL ? jf_desk_account_get_org_name (account) : "",
                          n, pending, overdue, more != NULL ? more : "");
  gtk_label_set_text (self->summary_label, text);
}

static void
show_list_state (JfDeskInboxPage *self)
{
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0
                                    ? "list" : "empty");
}

void
jf_desk_inbox_page_maybe_load_more (JfDeskInboxPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (self->next == NULL || self->loading)
    return;
  if (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
      gtk_adjustment_get_upper (adjustment) - LOAD_MORE_MARGIN_PX)
    jf_desk_inbox_page_start_load (self, LOAD_MORE);
}

static void
announce_new (JfDeskInboxPage *self,
              GPtrArray       *fresh)
{
  g_autofree char *text = NULL;

  if (fresh->len == 0)
    return;
  if (fresh->len == 1)
    {
      JfDeskWhistleTarget *target = g_ptr_array_index (fresh, 0);

      /* TRANSLATORS: a new whistle arrived: the centre, the matter's number and title. */
      text = g_strdup_printf (_("New whistle from %s: %s %s"),
                              jf_desk_whistle_target_get_whistle_org (target),
                              jf_desk_whistle_target_get_matter_number (target),
                              jf_desk_whistle_target_get_matter_title (target));
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new whistle", "%u new whistles",
                                         fresh->len), fresh->len);
  jf_desk_inbox_page_toast (self, text);
}

typedef struct
{
  JfDeskInboxPage *self;   /* owned */
  LoadKind         kind;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->self);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(Load) load = data;
  JfDeskInboxPage *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *page = jf_desk_json_object (root);
  JsonArray *array = jf_desk_json_member_array (page, "items");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  JfDeskWhistleTarget *selected;
  gint64 selected_id;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->items == NULL)
    return;
  self->loading = FALSE;
  if (array == NULL)
    {
      g_autofree char *description = NULL;

      if (error == NULL)
        error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without items");
      description = jf_desk_error_describe (error);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
        {
          adw_status_page_set_description (self->error_page, description);
          gtk_stack_set_visible_child_name (self->list_stack, "error");
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("The inbox could not be read again: %s"),
                                                      description);

          jf_desk_inbox_page_set_status (self, message);
        }
      return;
    }

  selected = jf_desk_inbox_page_get_selected (self);
  selected_id = selected != NULL ? jf_desk_whistle_target_get_id (selected) : 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = jf_desk_json_object (json_array_get_element (array, i));
      gint64 id = jf_desk_json_int (object, "id", 0);
      JfDeskWhistleTarget *known = load->kind == LOAD_MORE ? NULL : jf_desk_inbox_page_find_item (self, id, NULL);
      JfDeskWhistleTarget *target;

      /* Read again: the same object, so that rows and the selection stay with it. */
      if (known != NULL && jf_desk_whistle_target_update (known, object))
        target = g_object_ref (known);
      else
        target = jf_desk_whistle_target_new_from_json (object);
      if (target == NULL || (load->kind == LOAD_MORE && jf_desk_inbox_page_find_item (self, id, NULL) != NULL))
        {
          g_clear_object (&target);
          continue;
        }
      if (!g_hash_table_contains (self->seen, &id))
        {
          gint64 *key = g_memdup2 (&id, sizeof id);

          g_hash_table_add (self->seen, key);
          if (load->kind == LOAD_REFRESH && self->loaded_once &&
              jf_desk_whistle_target_get_status (target) == JF_DESK_TARGET_PENDING)
            g_ptr_array_add (fresh, target);
        }
      g_ptr_array_add (items, target);
    }

  g_free (self->next);
  self->next = g_strdup (jf_desk_json_string (page, "next"));
  if (load->kind == LOAD_MORE)
    g_list_store_splice (self->items, g_list_model_get_n_items (G_LIST_MODEL (self->items)), 0,
                         items->pdata, items->len);
  else
    {
      guint position;

      g_list_store_splice (self->items, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                           items->pdata, items->len);
      if (selected_id != 0 && jf_desk_inbox_page_find_item (self, selected_id, &position) != NULL)
        gtk_single_selection_set_selected (self->selection, position);
      jf_desk_inbox_page_refresh_cells (self, NULL);
      /* The selected whistle may have changed on the server: show it as it is now. */
      if (jf_desk_inbox_page_get_selected (self) != NULL)
        jf_desk_inbox_detail_set_target (self->detail, jf_desk_inbox_page_get_selected (self),
                                         load->kind == LOAD_REFRESH);
      else
        jf_desk_inbox_detail_set_target (self->detail, NULL, FALSE);
    }
  if (load->kind == LOAD_RESET && jf_desk_inbox_page_get_selected (self) != NULL)
    jf_desk_inbox_page_selection_changed (self);
  announce_new (self, fresh);
  self->loaded_once = TRUE;
  show_list_state (self);
  jf_desk_inbox_page_update_summary (self);
  jf_desk_inbox_page_update_actions (self);
  /* A first page that does not fill the view: read on. */
  jf_desk_inbox_page_maybe_load_more (self);
}

void
jf_desk_inbox_page_start_load (JfDeskInboxPage *self,
            LoadKind         kind)
{
  guint filter = gtk_drop_down_get_selected (self->filter_dropdown);
  const char *status = filter < G_N_ELEMENTS (filter_statuses) ? filter_statuses[filter] : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autoptr(GString) path = g_string_new ("/v1/inbox?limit=");
  Load *load;

  if (kind == LOAD_MORE && (self->loading || self->next == NULL))
    return;
  if (!jf_desk_client_is_signed_in (self->client))
    return;
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->loading = TRUE;

  g_string_append_printf (path, "%u", kind == LOAD_REFRESH
                          ? CLAMP (n, JF_DESK_INBOX_PAGE_SIZE, MAX_PAGE)
                          : JF_DESK_INBOX_PAGE_SIZE);
  if (status != NULL)
    g_string_append_printf (path, "&status=%s", status);
  if (kind == LOAD_MORE)
    {
      g_autofree char *after = g_uri_escape_string (self->next, NULL, FALSE);

      g_string_append_printf (path, "&after=%s", after);
    }
  if (kind == LOAD_RESET)
    {
      g_clear_pointer (&self->next, g_free);
      g_list_store_remove_all (self->items);
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
    }
  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->kind = kind;
  jf_desk_client_request_async (self->client, "GET", path->str, NULL, NULL,
                                self->load_cancellable, loaded_cb, load);
}

void
jf_desk_inbox_page_refresh (JfDeskInboxPage *self)
{
  g_return_if_fail (JF_DESK_IS_INBOX_PAGE (self));
  jf_desk_inbox_page_start_load (self, self->loaded_once && g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0
              ? LOAD_REFRESH : LOAD_RESET);
}

gboolean
jf_desk_inbox_page_refresh_cb (gpointer data)
{
  JfDeskInboxPage *self = data;

  /* The stream says when something changed; this is for while it cannot. A page being
   * read, or no session: the next round. */
  if (!self->loading && (self->stream == NULL || !jf_desk_stream_is_connected (self->stream)))
    jf_desk_inbox_page_refresh (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
stream_refresh_cb (gpointer data)
{
  JfDeskInboxPage *self = data;

  self->stream_refresh_id = 0;
  jf_desk_inbox_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_stream_refresh (JfDeskInboxPage *self)
{
  if (self->stream_refresh_id == 0)
    self->stream_refresh_id = g_timeout_add (STREAM_DEBOUNCE_MS, stream_refresh_cb, self);
}

/* A whistle to the department, or a change to a matter in the list (a whistle recalled,
 * a deadline flagged): the inbox is read again. */
static void
stream_event_cb (JfDeskInboxPage *self,
                 JsonObject      *event)
{
  const char *kind = jf_desk_json_string (event, "kind");
  gint64 matter = jf_desk_json_int (event, "matter_id", 0);
  guint n;

  if (g_strcmp0 (kind, "whistle.received") == 0)
    {
      schedule_stream_refresh (self);
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; matter > 0 && i < n; i++)
    {
      g_autoptr(JfDeskWhistleTarget) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (jf_desk_whistle_target_get_matter_id (item) == matter)
        {
          schedule_stream_refresh (self);
          return;
        }
    }
}

/* Back after an outage: what was missed. */
static void
stream_connected_cb (JfDeskInboxPage *self)
{
  if (self->stream != NULL && jf_desk_stream_is_connected (self->stream) && self->loaded_once)
    schedule_stream_refresh (self);
}

/* The application's live stream, once the page is in its window. */
void
jf_desk_inbox_page_connect_stream (JfDeskInboxPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application;

  application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (!JF_DESK_IS_APPLICATION (application) ||
      jf_desk_application_get_stream (JF_DESK_APPLICATION (application)) == NULL)
    return;
  self->stream = g_object_ref (jf_desk_application_get_stream (JF_DESK_APPLICATION (application)));
  self->event_handler = g_signal_connect_swapped (self->stream, "event",
                                                  G_CALLBACK (stream_event_cb), self);
  self->connected_handler = g_signal_connect_swapped (self->stream, "notify::connected",
                                                      G_CALLBACK (stream_connected_cb), self);
}

void
jf_desk_inbox_page_forget_stream (JfDeskInboxPage *self)
{
  if (self->stream == NULL)
    return;
  g_clear_signal_handler (&self->event_handler, self->stream);
  g_clear_signal_handler (&self->connected_handler, self->stream);
  g_clear_object (&self->stream);
}


void
jf_desk_inbox_page_filter_changed (JfDeskInboxPage *self)
{
  jf_desk_inbox_page_start_load (self, LOAD_RESET);
}
