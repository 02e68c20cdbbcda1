/* jfd-stream-hub.c: reading new events once, and who sees which */
#include "config.h"

#include "jf-json.h"
#include "jfd-catalog.h"
#include "jfd-pq.h"
#include "jfd-stream-hub.h"

#define BATCH 500
#define MAX_SUBSCRIBERS 4096
#define KEEPALIVE_SECONDS 30

static const JfdStatement tail_stmt = {
  "stream_tail", "SELECT coalesce(max(id), 0) FROM jf.stream_events", 0,
};

static const JfdStatement since_stmt = {
  "stream_since", "SELECT jf.stream_since($1::bigint, $2::integer)::text", 2,
};

typedef struct
{
  JfdStreamHub            *hub;        /* unowned */
  SoupWebsocketConnection *ws;         /* owned */
  JfdActor                *actor;      /* owned */
  gint64                   delivered;  /* the last event id sent, or considered */
  gboolean                 catching_up;
  gulong                   closed_id;
  GCancellable            *cancellable; /* owned: its own queries end with it */
} Subscriber;

/* "From the tail, once it is known": nothing is delivered until then. */
#define FROM_TAIL G_MAXINT64

struct _JfdStreamHub
{
  JfdPool      *pool;       /* owned */
  JfdShared    *shared;     /* unowned */
  GPtrArray    *subscribers;
  GCancellable *cancellable;
  gint64        last_id;    /* -1 until the tail is known */
  gboolean      fetching;
  gboolean      again;
};

static void fetch (JfdStreamHub *self);
static void catch_up (Subscriber *s);

static void
subscriber_free (Subscriber *s)
{
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

/* Sends @s the events of @events it has not had and may see. */
static void
deliver (Subscriber *s,
         JfdCatalog *catalog,
         JsonArray  *events)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
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
}

static JsonArray *
events_of (PGresult  *res,
           JsonNode **out_node)
{
  *out_node = jf_json_parse (PQgetvalue (res, 0, 0), PQgetlength (res, 0, 0), NULL);
  return *out_node != NULL ? json_node_get_array (*out_node) : NULL;
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
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->fetching = FALSE;
  if (res == NULL || (events = events_of (res, &node)) == NULL)
    return;
  catalog = jfd_shared_get_catalog (self->shared);
  n = json_array_get_length (events);
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *s = self->subscribers->pdata[i];

      if (!s->catching_up)
        deliver (s, catalog, events);
    }
  if (n > 0)
    self->last_id = json_object_get_int_member (json_array_get_object_element (events, n - 1),
                                                "id");
  if (n == BATCH || self->again)
    fetch (self);
}

static void
fetch (JfdStreamHub *self)
{
  g_autofree char *after = NULL;
  g_autofree char *limit = g_strdup_printf ("%d", BATCH);

  self->again = FALSE;
  if (self->last_id < 0)
    return;
  self->fetching = TRUE;
  after = g_strdup_printf ("%" G_GINT64_FORMAT, self->last_id);
  jfd_pool_query_async (self->pool, &since_stmt, (const char *[]) { after, limit },
                        self->cancellable, fetched_cb, self);
}

static void tail_cb (GObject *source, GAsyncResult *result, gpointer data);

void
jfd_stream_hub_wake (JfdStreamHub *self)
{
  if (self->last_id < 0)
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

  /* Cancelled: the subscriber is gone, and @s with it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (res == NULL || (events = events_of (res, &node)) == NULL)
    {
      s->catching_up = FALSE;
      return;
    }
  catalog = jfd_shared_get_catalog (s->hub->shared);
  deliver (s, catalog, events);
  /* Until it has what the hub has seen, it reads the table itself; then it joins. */
  if (json_array_get_length (events) == BATCH || s->delivered < s->hub->last_id)
    catch_up (s);
  else
    s->catching_up = FALSE;
}

static void
catch_up (Subscriber *s)
{
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, s->delivered);
  g_autofree char *limit = g_strdup_printf ("%d", BATCH);

  s->catching_up = TRUE;
  jfd_pool_query_async (s->hub->pool, &since_stmt, (const char *[]) { after, limit },
                        s->cancellable, caught_up_cb, s);
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
  s->delivered = after >= 0 ? after : self->last_id >= 0 ? self->last_id : FROM_TAIL;
  soup_websocket_connection_set_keepalive_interval (connection, KEEPALIVE_SECONDS);
  s->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), s);
  g_ptr_array_add (self->subscribers, s);
  if (after >= 0)
    catch_up (s);
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
  self->last_id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *s = self->subscribers->pdata[i];

      if (s->delivered == FROM_TAIL)
        s->delivered = self->last_id;
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
  self->subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) subscriber_free);
  self->cancellable = g_cancellable_new ();
  self->last_id = -1;
  jfd_pool_query_async (pool, &tail_stmt, NULL, self->cancellable, tail_cb, self);
  return self;
}

void
jfd_stream_hub_free (JfdStreamHub *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_ptr_array_unref (self->subscribers);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pool);
  g_free (self);
}
