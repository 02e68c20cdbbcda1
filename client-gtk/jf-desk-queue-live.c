/* jf-desk-queue-live.c: the queue kept up to date from the application's live stream
 *
 * matter.created: the first pages are read again for what is newer than the newest row;
 * anything else about a matter (a move, a clock, a whistle): the matter is read and its
 * row changes, comes or goes. Bursts are gathered for a moment, and a catch-up of many
 * changes after a reconnection reads the first page again instead.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-json.h"
#include "jf-desk-queue-page-private.h"
#include "jf-desk-stream.h"

/* Changes gathered from the stream before they are read. */
#define LIVE_COALESCE_MS 150
/* More changes than this at once (a catch-up): the first page again is cheaper. */
#define MAX_LIVE_READS 40

/* --- live ---------------------------------------------------------------------------------- */

typedef struct
{
  JfDeskQueuePage *self;   /* owned */
  gint64           id;
} LiveRead;

static void
live_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LiveRead *read = data;
  g_autoptr(JfDeskQueuePage) self = read->self;
  gint64 id = read->id;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);

  g_free (read);
  if (self->queue == NULL)
    return;
  if (root != NULL)
    jf_desk_matter_queue_matter_changed (self->queue, jf_desk_json_object (root));
  /* Escalated above the caller's unit, or handed to a unit beyond their sight. */
  else if (g_error_matches (error, JF_ERROR, JF_ERROR_FORBIDDEN) ||
           g_error_matches (error, JF_ERROR, JF_ERROR_NOT_FOUND))
    jf_desk_matter_queue_remove (self->queue, id);
}

static gboolean
flush_changed_cb (gpointer data)
{
  JfDeskQueuePage *self = data;
  GHashTableIter iter;
  gpointer key;

  self->changed_id = 0;
  if (g_hash_table_size (self->changed) > MAX_LIVE_READS)
    {
      g_hash_table_remove_all (self->changed);
      jf_desk_matter_queue_refresh (self->queue);
      return G_SOURCE_REMOVE;
    }
  g_hash_table_iter_init (&iter, self->changed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT,
                                               *(gint64 *) key);
      LiveRead *read = g_new0 (LiveRead, 1);

      read->self = g_object_ref (self);
      read->id = *(gint64 *) key;
      jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                    live_read_cb, read);
    }
  g_hash_table_remove_all (self->changed);
  return G_SOURCE_REMOVE;
}

static gboolean
check_new_cb (gpointer data)
{
  JfDeskQueuePage *self = data;

  self->new_id = 0;
  jf_desk_matter_queue_check_new (self->queue);
  return G_SOURCE_REMOVE;
}

static void
stream_event_cb (JfDeskQueuePage *self,
                 JsonObject      *event)
{
  const char *kind = jf_desk_json_string (event, "kind");
  gint64 id = jf_desk_json_int (event, "matter_id", 0);
  JsonObject *payload = jf_desk_json_member_object (event, "payload");

  if (g_strcmp0 (kind, "matter.created") == 0)
    {
      if (self->new_id == 0)
        self->new_id = g_timeout_add (LIVE_COALESCE_MS, check_new_cb, self);
      return;
    }
  if (id <= 0)
    return;
  /* Every other kind is news about one matter: its status, its owner, its clocks. */
  g_hash_table_add (self->changed, g_memdup2 (&id, sizeof id));
  if (self->changed_id == 0)
    self->changed_id = g_timeout_add (LIVE_COALESCE_MS, flush_changed_cb, self);
  if (self->shown_id == id)
    jf_desk_matter_page_matter_changed (self->matter_page, id,
                                        jf_desk_json_int (payload, "version", 0));
}

static void
update_live (JfDeskQueuePage *self)
{
  gboolean live = jf_desk_queue_page_is_live (self);

  gtk_label_set_text (self->live_label, live ? _("● Live") : _("Live updates paused: "
                                                              "reconnecting…"));
  if (live)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->live_label), "live-on");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_label),
                                   _("New matters and changes appear here as they happen"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->live_label), "live-on");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_label), NULL);
    }
}

static void
connected_cb (JfDeskQueuePage *self)
{
  update_live (self);
  /* What was missed while away comes with the catch-up; new matters are looked for too. */
  if (jf_desk_queue_page_is_live (self))
    jf_desk_matter_queue_check_new (self->queue);
}

void
jf_desk_queue_live_attach (JfDeskQueuePage *self,
                           JfDeskStream    *stream)
{
  if ((GObject *) stream == self->stream)
    return;
  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_data (self->stream, self);
  g_clear_weak_pointer (&self->stream);
  if (stream != NULL)
    {
      g_set_weak_pointer (&self->stream, G_OBJECT (stream));
      g_signal_connect_object (stream, "event", G_CALLBACK (stream_event_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (stream, "notify::connected", G_CALLBACK (connected_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_live (self);
}
