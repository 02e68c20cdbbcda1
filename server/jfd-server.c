/* jfd-server.c: a server thread: its loop, libsoup, the guards' bookkeeping and shutdown */
#include "config.h"

#include "jfd-acceptor.h"
#include "jfd-pool.h"
#include "jfd-request.h"
#include "jfd-route.h"
#include "jfd-server.h"
#include "jfd-stream-hub.h"

#define HEADER_BYTES (32 * 1024)
#define MAX_CONNECTIONS 8192

struct _JfdServer
{
  JfdShared    *shared;    /* unowned */
  guint         index;
  GSocket      *socket;    /* owned: listening */
  GThread      *thread;
  GMainContext *context;   /* owned */
  GMainLoop    *loop;      /* owned */
  SoupServer   *soup;      /* owned, in the thread */
  JfdAcceptor  *acceptor;  /* owned, in the thread */
  JfdPool      *pool;      /* owned, in the thread */
  JfdAuth      *auth;
  JfdEngine    *engine;
  JfdStreamHub *hub;       /* owned, in the thread */
  guint         in_flight;
  gboolean      stopping;
  GSource      *grace;     /* owned: ends the loop when requests do not finish */
  GMutex        ready_lock;
  GCond         ready_cond;
  gboolean      ready;
  GError       *start_error;
};

JfdShared *
jfd_server_get_shared (JfdServer *self)
{
  return self->shared;
}

JfdEngine *
jfd_server_get_engine (JfdServer *self)
{
  return self->engine;
}

JfdAuth *
jfd_server_get_auth (JfdServer *self)
{
  return self->auth;
}

JfdStreamHub *
jfd_server_get_stream_hub (JfdServer *self)
{
  return self->hub;
}

static gboolean
wake_stream_cb (gpointer data)
{
  JfdServer *self = data;

  if (self->hub != NULL)
    jfd_stream_hub_wake (self->hub);
  return G_SOURCE_REMOVE;
}

void
jfd_server_wake_stream (JfdServer *self)
{
  g_main_context_invoke (self->context, wake_stream_cb, self);
}

JfdMetrics *
jfd_server_get_metrics (JfdServer *self)
{
  return jfd_shared_get_metrics (self->shared);
}

static void
publish_pool_cb (const JfdPoolStats *stats,
                 gpointer            data)
{
  jfd_metrics_pool_publish (data, stats);
}

static void
maybe_quit (JfdServer *self)
{
  if (self->stopping && self->in_flight == 0)
    g_main_loop_quit (self->loop);
}

void
jfd_server_request_begun (JfdServer *self)
{
  self->in_flight++;
}

void
jfd_server_request_ended (JfdServer *self)
{
  self->in_flight--;
  maybe_quit (self);
}

static void
handle_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  g_autoptr(JfdRequest) request = jfd_request_new (data, msg);

  jfd_request_dispatch (request);
}

static gsize
body_limit_for (JfdServer         *self,
                SoupServerMessage *msg)
{
  const JfdConfig *config = jfd_shared_get_config (self->shared);
  char *params[JFD_ROUTE_MAX_PARAMS] = { NULL, };
  gboolean known;
  const JfdRoute *route = jfd_routes_match (soup_server_message_get_method (msg),
                                            g_uri_get_path (soup_server_message_get_uri (msg)),
                                            params, &known);

  for (guint i = 0; i < JFD_ROUTE_MAX_PARAMS; i++)
    g_free (params[i]);
  return route != NULL && route->body == JFD_BODY_BINARY ? config->attachment_bytes
                                                         : config->body_bytes;
}

static void
got_headers_cb (SoupServerMessage *msg,
                JfdServer         *self)
{
  JfdGuardedStream *guard = jfd_acceptor_guard_for (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (guard == NULL)
    return;
  jfd_guarded_stream_got_headers (guard, soup_message_headers_get_content_length (headers),
                                  body_limit_for (self, msg));
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           data)
{
  JfdGuardedStream *guard = jfd_acceptor_guard_for (msg);

  if (guard != NULL)
    jfd_guarded_stream_got_body (guard);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    JfdServer         *self)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), self);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), self);
}

static void
request_done_cb (SoupServer        *soup,
                 SoupServerMessage *msg,
                 JfdServer         *self)
{
  JfdGuardedStream *guard = jfd_acceptor_guard_for (msg);

  if (guard != NULL)
    jfd_guarded_stream_request_finished (guard);
}

static gpointer
server_thread (gpointer data)
{
  JfdServer *self = data;
  const JfdConfig *config = jfd_shared_get_config (self->shared);
  JfdGuardLimits limits = {
    config->idle_timeout_seconds * 1000, config->header_timeout_seconds * 1000, HEADER_BYTES,
  };

  g_main_context_push_thread_default (self->context);
  self->pool = jfd_pool_new (config->database, config->pool_size);
  /* /metrics may be answered by any thread; the figures of this one's pool go there. */
  jfd_pool_set_stats_func (self->pool, publish_pool_cb,
                           jfd_metrics_add_pool (jfd_shared_get_metrics (self->shared),
                                                 self->index));
  self->auth = jfd_auth_new (self->pool, self->shared);
  self->engine = jfd_engine_new (self->pool, self->shared);
  self->hub = jfd_stream_hub_new (self->pool, self->shared);
  self->soup = soup_server_new ("server-header", "jiefend", NULL);
  if (!jfd_acceptor_anchor_keepalive (self->soup, &self->start_error))
    g_warning ("connections will not be kept alive: %s", self->start_error->message);
  soup_server_add_handler (self->soup, NULL, handle_cb, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_done_cb), self);
  self->acceptor = jfd_acceptor_new (self->socket, self->soup,
                                     jfd_shared_get_certificate (self->shared), &limits,
                                     MAX_CONNECTIONS);

  g_mutex_lock (&self->ready_lock);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_lock);

  g_main_loop_run (self->loop);

  if (self->grace != NULL)
    {
      g_source_destroy (self->grace);
      g_clear_pointer (&self->grace, g_source_unref);
    }
  g_clear_pointer (&self->hub, jfd_stream_hub_free);
  jfd_acceptor_close_all (self->acceptor);
  soup_server_disconnect (self->soup);
  jfd_pool_close (self->pool);
  g_clear_object (&self->acceptor);
  g_clear_object (&self->soup);
  g_clear_object (&self->engine);
  g_clear_object (&self->auth);
  g_clear_object (&self->pool);
  /* Let closing connections' last callbacks run before the context goes. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

JfdServer *
jfd_server_new (JfdShared *shared,
                guint      index,
                GSocket   *socket)
{
  JfdServer *self = g_new0 (JfdServer, 1);

  self->shared = shared;
  self->index = index;
  self->socket = g_object_ref (socket);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->ready_lock);
  g_cond_init (&self->ready_cond);
  return self;
}

gboolean
jfd_server_start (JfdServer  *self,
                  GError    **error)
{
  g_autofree char *name = g_strdup_printf ("jiefend-%u", self->index);

  self->thread = g_thread_try_new (name, server_thread, self, error);
  if (self->thread == NULL)
    return FALSE;
  g_mutex_lock (&self->ready_lock);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_lock);
  g_mutex_unlock (&self->ready_lock);
  return TRUE;
}

static gboolean
grace_over_cb (gpointer data)
{
  JfdServer *self = data;

  g_warning ("thread %u: %u requests still running at the end of the grace period",
             self->index, self->in_flight);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  JfdServer *server;
  guint      grace_ms;
} Stop;

static gboolean
stop_cb (gpointer data)
{
  Stop *stop = data;
  JfdServer *self = stop->server;

  self->stopping = TRUE;
  jfd_acceptor_stop (self->acceptor);
  self->grace = g_timeout_source_new (stop->grace_ms);
  g_source_set_callback (self->grace, grace_over_cb, self, NULL);
  g_source_attach (self->grace, self->context);
  maybe_quit (self);
  return G_SOURCE_REMOVE;
}

void
jfd_server_stop (JfdServer *self,
                 guint      grace_ms)
{
  Stop *stop = g_new0 (Stop, 1);

  stop->server = self;
  stop->grace_ms = grace_ms;
  g_main_context_invoke_full (self->context, G_PRIORITY_HIGH, stop_cb, stop, g_free);
}

void
jfd_server_join (JfdServer *self)
{
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

void
jfd_server_free (JfdServer *self)
{
  if (self == NULL)
    return;
  jfd_server_join (self);
  g_clear_object (&self->socket);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->ready_lock);
  g_cond_clear (&self->ready_cond);
  g_clear_error (&self->start_error);
  g_free (self);
}
