/* jfd-stream-hub.c: reading new events once, and who sees which */
#include "config.h"

#include "jf-json.h"
#include "jfd-catalog.h"
#include "jfd-pq.h"
#include "jfd-stream-cursor.h"
#include "jfd-stream-hub.h"

#define BATCH 500
#define MAX_SUBSCRIBERS 4096
#define KEEPALIVE_SECONDS 30
/* Read again this soon while events wait behind a hole: it may be left by a transaction
 * that rolled back, and that sends no notification. */
#define HELD_RETRY_MS 50
/* And this soon after a read failed. */
#define FAILED_RETRY_MS 1000

static const JfdStatement tail_stmt = {
  "stream_tail", "SELECT coalesce(max(id), 0) FROM jf.stream_events", 0,
};

/* In a transaction of its own, as jf.stream_read requires: the pool sends one statement
 * per transaction. */
static const JfdStatement read_stmt = {
  "stream_read",
  "SELECT xmin::text, horizon::text, events::text "
  "FROM jf.stream_read($1::bigint, $2::integer)", 2,
};

typedef struct
{
  JfdStreamHub            *hub;        /* unowned */
  SoupWebsocketConnection *ws;         /* owned */
  JfdActor                *actor;      /* owned */
  gint64                   delivered;  /* the last event id sent, or passed over */
  gboolean                 catching_up;
  JfdStreamCursor          cursor;     /* its own reading of the table, while catching up */
  GSource                 *retry;      /* owned: the next catch-up read, when one waits */
  gulong                   closed_id;
  GCancellable            *cancellable; /* owned: its own queries end with it */
} Subscriber;

/* "From the tail, once it is known": nothing is delivered until then. */
#define FROM_TAIL G_MAXINT64

struct _JfdStreamHub
{
  JfdPool         *pool;       /* owned */
  JfdShared       *shared;     /* unowned */
  GMainContext    *context;    /* owned: the server thread's */
  GPtrArray       *subscribers;
  GCancellable    *cancellable;
  JfdStreamCursor  cursor;     /* position -1 until the tail is known */
  GSource         *retry;      /* owned: the next read, when one waits */
  gboolean         fetching;
  gboolean         again;
};

static void fetch (JfdStreamHub *self);
static void catch_up (Subscriber *s);
static gboolean catch_up_cb (gpointer data);

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Calls @callback in @context after @ms, unless *@slot already waits. */
static void
retry_later (GMainContext *context,
             GSource     **slot,
             guint         ms,
             GSourceFunc   callback,
             gpointer      data)
{
  if (*slot != NULL)
    return;
  *slot = g_timeout_source_new (ms);
  g_source_set_callback (*slot, callback, data, NULL);
  g_source_attach (*slot, context);
}

static void
subscriber_free (Subscriber *s)
{
  clear_source (&s->retry);
  g_cancellable_cancel (s->cancellable);
  g_object_unref (s->cancellable);
  g_signal_handler_disconnect (s->ws, s->closed_id);
  if (soup_websocket_connection_get_state (s->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (s->ws, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_object_unref (s->ws);
  jfd_actor_unref (s->actor);
  g_free (s);
}

static gboolean
covers_org (JfdCatalog *catalog,
            JfdActor   *actor,
            int         org_id)
{
  const JfdOrgUnit *org = jfd_catalog_org_by_id (catalog, org_id);
  JfdPlace place;

  if (org == NULL)
    return FALSE;
  place.org_id = org->id;
  place.county_id = org->county_id;
  place.township_id = org->township_id;
  place.village_id = org->village_id;
  return jfd_actor_covers (actor, &place);
}

/* Whether @actor is told of @event: it was meant for them, for their department, or it
 * happened in their subtree and is of a kind their roles act on. */
static gboolean
visible (JfdCatalog *catalog,
         JfdActor   *actor,
         JsonObject *event)
{
  const char *kind = json_object_get_string_member (event, "kind");
  gint64 account = json_object_get_int_member_with_default (event, "account_id", 0);
  gint64 department = json_object_get_int_member_with_default (event, "department_id", 0);
  gint64 org = json_object_get_int_member_with_default (event, "org_id", 0);
  gboolean caseworker = (actor->roles & ~(JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON) |
                                          JF_ROLE_BIT (JF_ROLE_ADMIN))) != 0;

  if (account != 0 && account == actor->account_id)
    return TRUE;
  if (department != 0 && jfd_actor_has_role (actor, JF_ROLE_DEPARTMENT_LIAISON) &&
      department == actor->department_id)
    return TRUE;
  if (org == 0 || !covers_org (catalog, actor, (int) org))
    return FALSE;
  if (g_strcmp0 (kind, "supervision") == 0 || g_strcmp0 (kind, "risk.alert") == 0)
    return jfd_actor_has_role (actor, JF_ROLE_SUPERVISOR);
  if (g_strcmp0 (kind, "police.alert") == 0)
    return jfd_actor_has_role (actor, JF_ROLE_POLICE) ||
           jfd_actor_has_role (actor, JF_ROLE_SUPERVISOR);
  /* Departments see their own whistles (above), not the whole subtree's. */
  if (g_strcmp0 (kind, "whistle.received") == 0)
    return FALSE;
  return caseworker;
}

static void
send_event (Subscriber *s,
            JfdCatalog *catalog,
            JsonObject *event)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  const JfdOrgUnit *org = jfd_catalog_org_by_id (
    catalog, (int) json_object_get_int_member_with_default (event, "org_id", 0));

  json_object_set_int_member (out, "id", json_object_get_int_member (event, "id"));
  json_object_set_string_member (out, "kind", json_object_get_string_member (event, "kind"));
  json_object_set_string_member (out, "at", json_object_get_string_member (event, "at"));
  json_object_set_member (out, "matter_id",
                          json_node_copy (json_object_get_member (event, "matter_id")));
  if (org != NULL)
    json_object_set_string_member (out, "org", org->code);
  json_object_set_member (out, "payload",
                          json_node_copy (json_object_get_member (event, "payload")));
  node = json_node_init_object (json_node_alloc (), out);
  text = jf_json_to_string (node, NULL);
  soup_websocket_connection_send_text (s->ws, text);
}

/* Sends @s the first @n events of @events that it has not had and may see; every id up to
 * @position is then behind it. */
static void
deliver (Subscriber *s,
         JfdCatalog *catalog,
         JsonArray  *events,
         guint       n,
         gint64      position)
{
  for (guint i = 0; i < n; i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      gint64 id = json_object_get_int_member (event, "id");

      if (id <= s->delivered)
        continue;
      s->delivered = id;
      if (soup_websocket_connection_get_state (s->ws) == SOUP_WEBSOCKET_STATE_OPEN &&
          visible (catalog, s->actor, event))
        send_event (s, catalog, event);
    }
  s->delivered = MAX (s->delivered, position);
}

/* What a read of the stream gave: its events, of which the first *@out_n may be delivered
 * now (@cursor has moved past them). NULL when the read failed. */
static JsonArray *
events_of (PGresult         *res,
           JfdStreamCursor  *cursor,
           JsonNode        **out_node,
           guint            *out_n,
           gboolean         *out_full,
           gboolean         *out_held)
{
  g_autofree gint64 *ids = NULL;
  JsonArray *events;
  guint n;

  *out_node = res != NULL ? jf_json_parse (PQgetvalue (res, 0, 2), PQgetlength (res, 0, 2),
                                           NULL)
                          : NULL;
  if (*out_node == NULL || !JSON_NODE_HOLDS_ARRAY (*out_node))
    return NULL;
  events = json_node_get_array (*out_node);
  n = json_array_get_length (events);
  ids = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    ids[i] = json_object_get_int_member (json_array_get_object_element (events, i), "id");
  *out_full = n == BATCH;
  *out_n = jfd_stream_cursor_advance (cursor, ids, n, *out_full,
                                      g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10),
                                      g_ascii_strtoull (PQgetvalue (res, 0, 1), NULL, 10),
                                      out_held);
  return events;
}

static gboolean
hub_retry_cb (gpointer data)
{
  JfdStreamHub *self = data;

  g_clear_pointer (&self->retry, g_source_unref);
  jfd_stream_hub_wake (self);
  return G_SOURCE_REMOVE;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  JfdStreamHub *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JfdCatalog) catalog = NULL;
  JsonArray *events;
  guint n = 0;
  gboolean full = FALSE, held = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->fetching = FALSE;
  events = events_of (res, &self->cursor, &node, &n, &full, &held);
  if (events == NULL)
    {
      /* What waited behind a hole must not wait for a notification that may not come. */
      if (self->cursor.mark > 0 || self->again)
        retry_later (self->context, &self->retry, FAILED_RETRY_MS, hub_retry_cb, self);
      return;
    }
  catalog = jfd_shared_get_catalog (self->shared);
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *s = self->subscribers->pdata[i];

      if (!s->catching_up)
        deliver (s, catalog, events, n, self->cursor.position);
    }
  if ((full && !held) || self->again)
    fetch (self);
  else if (held)
    retry_later (self->context, &self->retry, HELD_RETRY_MS, hub_retry_cb, self);
}

static void
fetch (JfdStreamHub *self)
{
  g_autofree char *after = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", BATCH);

  self->again = FALSE;
  if (self->cursor.position < 0)
    return;
  /* This read does what a waiting one would. */
  clear_source (&self->retry);
  self->fetching = TRUE;
  after = g_strdup_printf ("%" G_GINT64_FORMAT, self->cursor.position);
  jfd_pool_query_async (self->pool, &read_stmt, (const char *[]) { after, limit },
                        self->cancellable, fetched_cb, self);
}

static void tail_cb (GObject *source, GAsyncResult *result, gpointer data);

void
jfd_stream_hub_wake (JfdStreamHub *self)
{
  if (self->cursor.position < 0)
    {
      self->again = TRUE;
      jfd_pool_query_async (self->pool, &tail_stmt, NULL, self->cancellable, tail_cb, self);
      return;
    }
  if (self->fetching)
    self->again = TRUE;
  else if (self->subscribers->len > 0)
    fetch (self);
  else
    self->again = TRUE;  /* nobody listens: the tail is read when someone does */
}

static void
caught_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Subscriber *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JfdCatalog) catalog = NULL;
  JsonArray *events;
  guint n = 0;
  gboolean full = FALSE, held = FALSE;

  /* Cancelled: the subscriber is gone, and @s with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  events = events_of (res, &s->cursor, &node, &n, &full, &held);
  if (events == NULL)
    {
      /* Joining the hub now would pass over what it missed: it reads again. */
      retry_later (s->hub->context, &s->retry, FAILED_RETRY_MS, catch_up_cb, s);
      return;
    }
  catalog = jfd_shared_get_catalog (s->hub->shared);
  deliver (s, catalog, events, n, s->cursor.position);
  /* Until it has what the hub has delivered, it reads the table itself; then it joins. */
  if (held || s->hub->cursor.position < 0)
    retry_later (s->hub->context, &s->retry, HELD_RETRY_MS, catch_up_cb, s);
  else if (full || s->cursor.position < s->hub->cursor.position)
    catch_up (s);
  else
    s->catching_up = FALSE;
}

static void
catch_up (Subscriber *s)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, s->cursor.position);
  g_autofree char *limit = g_strdup_printf ("%d", BATCH);

  s->catching_up = TRUE;
  jfd_pool_query_async (s->hub->pool, &read_stmt, (const char *[]) { after, limit },
                        s->cancellable, caught_up_cb, s);
}

static gboolean
catch_up_cb (gpointer data)
{
  Subscriber *s = data;

  g_clear_pointer (&s->retry, g_source_unref);
  catch_up (s);
  return G_SOURCE_REMOVE;
}

static void
closed_cb (SoupWebsocketConnection *ws,
           Subscriber              *s)
{
  g_ptr_array_remove (s->hub->subscribers, s);
}

void
jfd_stream_hub_subscribe (JfdStreamHub            *self,
                          SoupWebsocketConnection *connection,
                          JfdActor                *actor,
                          gint64                   after)
{
  Subscriber *s;

  if (self->subscribers->len >= MAX_SUBSCRIBERS)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR,
                                       "too many subscribers");
      g_object_unref (connection);
      return;
    }
  s = g_new0 (Subscriber, 1);
  s->hub = self;
  s->ws = connection;
  s->actor = jfd_actor_ref (actor);
  s->cancellable = g_cancellable_new ();
  s->delivered = after >= 0 ? after : self->cursor.position >= 0 ? self->cursor.position
                                                                  : FROM_TAIL;
  soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_SECONDS);
  s->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), s);
  g_ptr_array_add (self->subscribers, s);
  if (after >= 0)
    {
      jfd_stream_cursor_init (&s->cursor, after);
      catch_up (s);
    }
  if (self->again && !self->fetching)
    fetch (self);
}

guint
jfd_stream_hub_get_n_subscribers (JfdStreamHub *self)
{
  return self->subscribers->len;
}

static void
tail_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  JfdStreamHub *self = data;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, NULL);

  /* The database is away: the next wake-up asks again. */
  if (res == NULL)
    return;
  /* The ids up to the tail came before: those still being written are not waited for. */
  jfd_stream_cursor_init (&self->cursor, g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10));
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *s = self->subscribers->pdata[i];

      if (s->delivered == FROM_TAIL)
        s->delivered = self->cursor.position;
    }
  if (self->again)
    fetch (self);
}

JfdStreamHub *
jfd_stream_hub_new (JfdPool   *pool,
                    JfdShared *shared)
{
  JfdStreamHub *self = g_new0 (JfdStreamHub, 1);

  self->pool = g_object_ref (pool);
  self->shared = shared;
  self->context = g_main_context_ref_thread_default ();
  self->subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) subscriber_free);
  self->cancellable = g_cancellable_new ();
  jfd_stream_cursor_init (&self->cursor, -1);
  jfd_pool_query_async (pool, &tail_stmt, NULL, self->cancellable, tail_cb, self);
  return self;
}

void
jfd_stream_hub_free (JfdStreamHub *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  clear_source (&self->retry);
  g_ptr_array_unref (self->subscribers);
  g_main_context_unref (self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pool);
  g_free (self);
}
