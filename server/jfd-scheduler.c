/* jfd-scheduler.c: the deadline tick */
#include "config.h"

#include <stdlib.h>

#include "jfd-pool.h"
#include "jfd-pq.h"
#include "jfd-scheduler.h"

#define BATCH 200
/* Stream events older than this are gone: a client away longer starts afresh. */
#define STREAM_KEEP "7 days"

static const JfdStatement candidates_stmt = {
  "scheduler_candidates", "SELECT id, what FROM jf.deadline_candidates($1::integer)", 1,
};

static const JfdStatement raise_stmt = {
  "scheduler_raise", "SELECT jf.raise_deadline($1::bigint, $2)", 2,
};

/* The statistics' rollup follows the timeline (schema/0014-statistics.sql): at most this
 * many new events a tick, so that a backlog (a bulk load) delays the deadlines little. */
#define STATS_BATCH "5000"

static const JfdStatement stats_stmt = {
  "scheduler_stats", "SELECT jf.stats_refresh($1::integer)", 1,
};

static const JfdStatement prune_stmt = {
  "scheduler_prune",
  "DELETE FROM jf.stream_events WHERE at < now() - interval '" STREAM_KEEP "'",
  0,
};

struct _JfdScheduler
{
  JfdPool      *pool;      /* owned */
  GCancellable *cancellable;
  guint         interval_ms;
  guint         timer;
  gboolean      busy;
  GQueue        todo;      /* char *[2]: id, what */
  guint         ticks;
};

static void tick_done (JfdScheduler *self);
static void raise_next (JfdScheduler *self);

static void
raised_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  JfdScheduler *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Another process holding the lock, or a lost connection: the next tick retries. */
  if (res == NULL)
    g_debug ("raising a deadline: %s", error->message);
  raise_next (self);
}

static void
raise_next (JfdScheduler *self)
{
  char **item = g_queue_pop_head (&self->todo);

  if (item == NULL)
    {
      tick_done (self);
      return;
    }
  jfd_pool_query_async (self->pool, &raise_stmt, (const char * const *) item,
                        self->cancellable, raised_cb, self);
  g_strfreev (item);
}

static void
candidates_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  JfdScheduler *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (res == NULL)
    {
      tick_done (self);
      return;
    }
  for (int i = 0; i < PQntuples (res); i++)
    {
      char **item = g_new0 (char *, 3);

      item[0] = g_strdup (PQgetvalue (res, i, 0));
      item[1] = g_strdup (PQgetvalue (res, i, 1));
      g_queue_push_tail (&self->todo, item);
    }
  raise_next (self);
}

static void
pruned_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, NULL);
}

/* Then the deadlines: one query after the other, not both queued at once, since a query
 * queued behind a busy connection waits for the next one sent. */
static void
stats_refreshed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  JfdScheduler *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = jfd_pool_query_finish (JFD_POOL (source), result, &error);
  g_autofree char *limit = g_strdup_printf ("%d", BATCH);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A lost connection or another process's refresh: the next tick catches up. */
  if (res == NULL)
    g_debug ("refreshing the statistics: %s", error->message);
  jfd_pool_query_async (self->pool, &candidates_stmt, (const char *[]) { limit },
                        self->cancellable, candidates_cb, self);
}

static gboolean
tick_cb (gpointer data)
{
  JfdScheduler *self = data;

  self->timer = 0;
  self->busy = TRUE;
  if (++self->ticks % 1800 == 0)
    jfd_pool_query_async (self->pool, &prune_stmt, NULL, self->cancellable, pruned_cb, self);
  jfd_pool_query_async (self->pool, &stats_stmt, (const char *[]) { STATS_BATCH },
                        self->cancellable, stats_refreshed_cb, self);
  return G_SOURCE_REMOVE;
}

static void
tick_done (JfdScheduler *self)
{
  self->busy = FALSE;
  self->timer = g_timeout_add (self->interval_ms, tick_cb, self);
}

JfdScheduler *
jfd_scheduler_new (const char *conninfo,
                   guint       interval_ms)
{
  JfdScheduler *self = g_new0 (JfdScheduler, 1);

  self->pool = jfd_pool_new (conninfo, 1);
  self->cancellable = g_cancellable_new ();
  self->interval_ms = interval_ms;
  g_queue_init (&self->todo);
  self->timer = g_timeout_add (interval_ms, tick_cb, self);
  return self;
}

void
jfd_scheduler_free (JfdScheduler *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  jfd_pool_close (self->pool);
  /* Let the cancelled queries' callbacks run before the memory they point at goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_queue_clear_full (&self->todo, (GDestroyNotify) g_strfreev);
  g_clear_object (&self->pool);
  g_clear_object (&self->cancellable);
  g_free (self);
}
