/* jfd-pool.c: connections, their states, and the queue of queries waiting for one */
#include "config.h"

#include <glib-unix.h>
#include <string.h>

#include "jfd-db-error.h"
#include "jfd-pool.h"
#include "jfd-pq.h"

#define QUEUE_LIMIT 2048
#define QUEUE_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define BACKOFF_MIN_MS 100
#define BACKOFF_MAX_MS 3000

typedef enum { CONN_DOWN, CONN_CONNECTING, CONN_IDLE, CONN_BUSY } ConnState;
typedef enum { STEP_PREPARE, STEP_EXECUTE } Step;

typedef struct
{
  const JfdStatement *stmt;
  char              **params;    /* stmt->n_params, any of them NULL (SQL NULL) */
  GTask              *task;      /* owned */
  gint64              queued_at;
} Job;

typedef struct
{
  JfdPool    *pool;       /* unowned: the pool owns its connections */
  PGconn     *conn;       /* owned */
  ConnState   state;
  GSource    *watch;      /* owned */
  GIOCondition watching;
  GHashTable *prepared;   /* const JfdStatement * set */
  Job        *job;        /* owned while busy */
  Step        step;
  PGresult   *result;     /* owned: the last result of the current step */
  GSource    *retry;      /* owned: reconnect timer */
  guint       backoff_ms;
} Conn;

struct _JfdPool
{
  GObject parent_instance;

  char         *conninfo;
  GMainContext *context;    /* owned */
  GPtrArray    *conns;      /* Conn *, owned */
  GQueue        queue;      /* Job *, owned */
  GSource      *sweeper;    /* owned: fails jobs that waited too long */
  gboolean      outage;     /* every connection failed: fail fast */
  gboolean      closed;
  guint64       n_queries;
  guint64       n_failures;
  JfdPoolStatsFunc stats_func;
  gpointer      stats_data;
};

G_DEFINE_FINAL_TYPE (JfdPool, jfd_pool, G_TYPE_OBJECT)

static void conn_connect (Conn *c);
static void conn_watch (Conn *c, GIOCondition condition);
static void pool_dispatch (JfdPool *self);
static void pool_changed (JfdPool *self);

static void
job_free (Job *job)
{
  /* Not g_strfreev: a NULL parameter would end it early and leak the rest. */
  for (int i = 0; i < job->stmt->n_params; i++)
    g_free (job->params[i]);
  g_free (job->params);
  g_clear_object (&job->task);
  g_free (job);
}

static void
job_fail (Job    *job,
          GError *error)
{
  job->task != NULL ? g_task_return_error (job->task, error) : g_error_free (error);
  job_free (job);
}

static guint
count_up (JfdPool *self)
{
  guint up = 0;

  for (guint i = 0; i < self->conns->len; i++)
    {
      Conn *c = self->conns->pdata[i];
      up += c->state == CONN_IDLE || c->state == CONN_BUSY;
    }
  return up;
}

static void
fail_queue (JfdPool    *self,
            const char *why)
{
  Job *job;

  while ((job = g_queue_pop_head (&self->queue)) != NULL)
    job_fail (job, g_error_new_literal (JFD_DB_ERROR, JFD_DB_ERROR_CONNECTION, why));
}

static gboolean
retry_cb (gpointer data)
{
  Conn *c = data;

  g_clear_pointer (&c->retry, g_source_unref);
  conn_connect (c);
  return G_SOURCE_REMOVE;
}

static void
conn_down (Conn       *c,
           const char *reason)
{
  JfdPool *self = c->pool;
  /* @reason is often PQerrorMessage (c->conn), which PQfinish below frees. */
  g_autofree char *why = g_strstrip (g_strdup (reason));

  if (c->watch != NULL)
    {
      g_source_destroy (c->watch);
      g_clear_pointer (&c->watch, g_source_unref);
    }
  g_clear_pointer (&c->conn, PQfinish);
  g_clear_pointer (&c->result, PQclear);
  g_hash_table_remove_all (c->prepared);
  if (c->job != NULL)
    {
      self->n_failures++;
      job_fail (g_steal_pointer (&c->job),
                g_error_new (JFD_DB_ERROR, JFD_DB_ERROR_CONNECTION,
                             "the database connection was lost: %s", why));
    }
  /* Closing our own connections is no news. */
  if (c->state != CONN_DOWN && c->state != CONN_CONNECTING && !self->closed)
    g_warning ("database connection lost: %s", why);
  c->state = CONN_DOWN;
  if (self->closed)
    return;
  if (count_up (self) == 0)
    {
      if (!self->outage)
        g_warning ("database unavailable: %s", why);
      self->outage = TRUE;
      fail_queue (self, "the database is unavailable");
    }
  c->retry = g_timeout_source_new (c->backoff_ms);
  g_source_set_callback (c->retry, retry_cb, c, NULL);
  g_source_set_static_name (c->retry, "[jiefend] reconnect");
  g_source_attach (c->retry, self->context);
  c->backoff_ms = MIN (c->backoff_ms * 2, BACKOFF_MAX_MS);
  pool_changed (self);
}

static void
conn_connected (Conn *c)
{
  JfdPool *self = c->pool;

  if (PQsetnonblocking (c->conn, 1) != 0)
    {
      conn_down (c, PQerrorMessage (c->conn));
      return;
    }
  if (self->outage)
    g_message ("database available again");
  self->outage = FALSE;
  c->state = CONN_IDLE;
  c->backoff_ms = BACKOFF_MIN_MS;
  /* Idle connections are watched too: a server restart shows as readable. */
  conn_watch (c, G_IO_IN);
  pool_dispatch (self);
}

static void
conn_connect_step (Conn *c)
{
  switch (PQconnectPoll (c->conn))
    {
    case PGRES_POLLING_READING:
      conn_watch (c, G_IO_IN);
      break;
    case PGRES_POLLING_WRITING:
      conn_watch (c, G_IO_OUT);
      break;
    case PGRES_POLLING_OK:
      conn_connected (c);
      break;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      conn_down (c, PQerrorMessage (c->conn));
      break;
    }
}

static void
ignore_notice (void       *arg,
               const char *message)
{
}

static void
conn_connect (Conn *c)
{
  const char *keys[] = { "dbname", "fallback_application_name", "connect_timeout", "options",
                         NULL };
  /* dbname carries the whole conninfo when expand_dbname is set; PG* fill the rest. No
   * JIT: compiling takes 30 ms and more, and a plan that costs enough to earn it (search
   * plans for its rare branch too) is answered in a few. */
  const char *values[] = { c->pool->conninfo, "jiefend", "5",
                           "-c statement_timeout=15000 -c jit=off", NULL };

  c->state = CONN_CONNECTING;
  c->conn = PQconnectStartParams (keys, values, 1);
  if (c->conn == NULL || PQstatus (c->conn) == CONNECTION_BAD)
    {
      conn_down (c, c->conn != NULL ? PQerrorMessage (c->conn) : "out of memory");
      return;
    }
  PQsetNoticeProcessor (c->conn, ignore_notice, NULL);
  /* The socket can change between steps; every step re-creates the watch. */
  conn_watch (c, G_IO_OUT);
}

static void
job_answer (Conn     *c,
            Job      *job,
            PGresult *result)
{
  GError *error = NULL;

  if (result == NULL)
    {
      job_fail (job, g_error_new_literal (JFD_DB_ERROR, JFD_DB_ERROR_QUERY,
                                          "the query returned nothing"));
      return;
    }
  if (!jfd_db_error_from_result (result, &error))
    {
      c->pool->n_failures++;
      PQclear (result);
      job_fail (job, error);
      return;
    }
  g_task_return_pointer (job->task, result, (GDestroyNotify) PQclear);
  job_free (job);
}

static void
job_finish (Conn *c)
{
  JfdPool *pool = c->pool;

  c->state = CONN_IDLE;
  conn_watch (c, G_IO_IN);
  job_answer (c, g_steal_pointer (&c->job), g_steal_pointer (&c->result));
  /* The connection is free for the next query waiting, if the answer's callback did not
   * send one itself: without this, a query queued while every connection was busy would
   * wait for the next query to come in (or fail at the sweep). */
  pool_dispatch (pool);
}

static void
conn_send (Conn *c)
{
  Job *job = c->job;
  int sent;

  if (job->stmt->name == NULL)
    {
      c->step = STEP_EXECUTE;
      sent = PQsendQueryParams (c->conn, job->stmt->sql, job->stmt->n_params, NULL,
                                (const char * const *) job->params, NULL, NULL, 0);
    }
  else if (g_hash_table_contains (c->prepared, job->stmt))
    {
      c->step = STEP_EXECUTE;
      sent = PQsendQueryPrepared (c->conn, job->stmt->name, job->stmt->n_params,
                                  (const char * const *) job->params, NULL, NULL, 0);
    }
  else
    {
      c->step = STEP_PREPARE;
      sent = PQsendPrepare (c->conn, job->stmt->name, job->stmt->sql, job->stmt->n_params,
                            NULL);
    }
  if (!sent)
    {
      conn_down (c, PQerrorMessage (c->conn));
      return;
    }
  conn_watch (c, PQflush (c->conn) == 1 ? G_IO_IN | G_IO_OUT : G_IO_IN);
}

static void
step_done (Conn *c)
{
  if (c->step == STEP_EXECUTE)
    {
      job_finish (c);
      return;
    }
  /* A statement prepared by an earlier life of this session is as good as ours. */
  if (c->result != NULL && PQresultStatus (c->result) != PGRES_COMMAND_OK &&
      g_strcmp0 (PQresultErrorField (c->result, PG_DIAG_SQLSTATE), "42P05") != 0)
    {
      job_finish (c);
      return;
    }
  g_clear_pointer (&c->result, PQclear);
  g_hash_table_add (c->prepared, (gpointer) c->job->stmt);
  conn_send (c);
}

static void
conn_readable (Conn *c)
{
  if (!PQconsumeInput (c->conn))
    {
      conn_down (c, PQerrorMessage (c->conn));
      return;
    }
  if (c->state == CONN_IDLE)
    {
      /* Nothing is expected on an idle connection but its end. */
      if (PQstatus (c->conn) == CONNECTION_BAD)
        conn_down (c, PQerrorMessage (c->conn));
      return;
    }
  while (c->state == CONN_BUSY && !PQisBusy (c->conn))
    {
      PGresult *result = PQgetResult (c->conn);

      if (result == NULL)
        {
          step_done (c);
          return;
        }
      /* Keep the last; a statement yields one result, an error one too. */
      g_clear_pointer (&c->result, PQclear);
      c->result = result;
    }
  if (PQstatus (c->conn) == CONNECTION_BAD)
    conn_down (c, PQerrorMessage (c->conn));
}

static gboolean
conn_ready_cb (int          fd,
               GIOCondition condition,
               gpointer     data)
{
  Conn *c = data;

  switch (c->state)
    {
    case CONN_CONNECTING:
      conn_connect_step (c);
      break;
    case CONN_IDLE:
    case CONN_BUSY:
      if (condition & G_IO_OUT)
        {
          int flushed = PQflush (c->conn);

          if (flushed < 0)
            {
              conn_down (c, PQerrorMessage (c->conn));
              break;
            }
          if (flushed == 0)
            conn_watch (c, G_IO_IN);
        }
      if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
        conn_readable (c);
      break;
    case CONN_DOWN:
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static void
conn_watch (Conn        *c,
            GIOCondition condition)
{
  int fd = PQsocket (c->conn);

  if (c->watch != NULL && c->watching == condition && c->state != CONN_CONNECTING)
    return;
  if (c->watch != NULL)
    {
      g_source_destroy (c->watch);
      g_clear_pointer (&c->watch, g_source_unref);
    }
  if (fd < 0)
    {
      conn_down (c, "no socket");
      return;
    }
  c->watching = condition;
  c->watch = g_unix_fd_source_new (fd, condition | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (c->watch, G_SOURCE_FUNC (conn_ready_cb), c, NULL);
  g_source_set_static_name (c->watch, "[jiefend] database");
  g_source_attach (c->watch, c->pool->context);
}

static void
pool_dispatch (JfdPool *self)
{
  for (guint i = 0; i < self->conns->len && self->queue.length > 0; i++)
    {
      Conn *c = self->conns->pdata[i];
      Job *job = NULL;

      if (c->state != CONN_IDLE)
        continue;
      /* A request whose client has gone needs no query. */
      while ((job = g_queue_pop_head (&self->queue)) != NULL &&
             g_task_return_error_if_cancelled (job->task))
        g_clear_pointer (&job, job_free);
      if (job == NULL)
        break;
      c->state = CONN_BUSY;
      c->job = job;
      self->n_queries++;
      conn_send (c);
    }
  pool_changed (self);
}

static gboolean
sweep_cb (gpointer data)
{
  JfdPool *self = data;
  gint64 now = g_get_monotonic_time ();
  Job *job;
  gboolean swept = FALSE;

  while ((job = g_queue_peek_head (&self->queue)) != NULL &&
         now - job->queued_at > QUEUE_TIMEOUT_US)
    {
      g_queue_pop_head (&self->queue);
      job_fail (job, g_error_new_literal (JFD_DB_ERROR, JFD_DB_ERROR_CONNECTION,
                                          "no database connection became free in time"));
      swept = TRUE;
    }
  if (swept)
    pool_changed (self);
  return G_SOURCE_CONTINUE;
}

void
jfd_pool_query_async (JfdPool             *self,
                      const JfdStatement  *stmt,
                      const char * const  *params,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, jfd_pool_query_async);
  job->stmt = stmt;
  job->params = g_new0 (char *, stmt->n_params + 1);
  for (int i = 0; i < stmt->n_params; i++)
    job->params[i] = g_strdup (params[i]);
  job->queued_at = g_get_monotonic_time ();

  if (self->closed || self->outage || self->queue.length >= QUEUE_LIMIT)
    {
      job_fail (job, g_error_new_literal (JFD_DB_ERROR, JFD_DB_ERROR_CONNECTION,
                                          self->outage ? "the database is unavailable"
                                          : "the database is busy"));
      return;
    }
  g_queue_push_tail (&self->queue, job);
  pool_dispatch (self);
}

PGresult *
jfd_pool_query_finish (JfdPool       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
jfd_pool_get_stats (JfdPool      *self,
                    JfdPoolStats *stats)
{
  memset (stats, 0, sizeof *stats);
  stats->size = self->conns->len;
  for (guint i = 0; i < self->conns->len; i++)
    {
      Conn *c = self->conns->pdata[i];
      stats->up += c->state == CONN_IDLE || c->state == CONN_BUSY;
      stats->busy += c->state == CONN_BUSY;
    }
  stats->queued = self->queue.length;
  stats->queries = self->n_queries;
  stats->failures = self->n_failures;
}

static void
pool_changed (JfdPool *self)
{
  JfdPoolStats stats;

  if (self->stats_func == NULL)
    return;
  jfd_pool_get_stats (self, &stats);
  self->stats_func (&stats, self->stats_data);
}

void
jfd_pool_set_stats_func (JfdPool          *self,
                         JfdPoolStatsFunc  func,
                         gpointer          data)
{
  self->stats_func = func;
  self->stats_data = data;
  pool_changed (self);
}

static void
conn_free (Conn *c)
{
  if (c->retry != NULL)
    {
      g_source_destroy (c->retry);
      g_clear_pointer (&c->retry, g_source_unref);
    }
  if (c->state != CONN_DOWN)
    conn_down (c, "the pool is closing");
  g_hash_table_unref (c->prepared);
  g_free (c);
}

void
jfd_pool_close (JfdPool *self)
{
  if (self->closed)
    return;
  self->closed = TRUE;
  fail_queue (self, "jiefend is stopping");
  g_ptr_array_set_size (self->conns, 0);
  if (self->sweeper != NULL)
    {
      g_source_destroy (self->sweeper);
      g_clear_pointer (&self->sweeper, g_source_unref);
    }
  pool_changed (self);
  self->stats_func = NULL;
}

static void
jfd_pool_dispose (GObject *object)
{
  jfd_pool_close (JFD_POOL (object));
  G_OBJECT_CLASS (jfd_pool_parent_class)->dispose (object);
}

static void
jfd_pool_finalize (GObject *object)
{
  JfdPool *self = JFD_POOL (object);

  g_ptr_array_unref (self->conns);
  g_main_context_unref (self->context);
  g_free (self->conninfo);
  G_OBJECT_CLASS (jfd_pool_parent_class)->finalize (object);
}

static void
jfd_pool_class_init (JfdPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jfd_pool_dispose;
  object_class->finalize = jfd_pool_finalize;
}

static void
jfd_pool_init (JfdPool *self)
{
  g_queue_init (&self->queue);
}

JfdPool *
jfd_pool_new (const char *conninfo,
              guint       size)
{
  JfdPool *self = g_object_new (JFD_TYPE_POOL, NULL);

  self->conninfo = g_strdup (conninfo != NULL ? conninfo : "");
  self->context = g_main_context_ref_thread_default ();
  self->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_free);
  for (guint i = 0; i < MAX (size, 1); i++)
    {
      Conn *c = g_new0 (Conn, 1);

      c->pool = self;
      c->prepared = g_hash_table_new (NULL, NULL);
      c->backoff_ms = BACKOFF_MIN_MS;
      g_ptr_array_add (self->conns, c);
      conn_connect (c);
    }
  self->sweeper = g_timeout_source_new_seconds (1);
  g_source_set_callback (self->sweeper, sweep_cb, self, NULL);
  g_source_set_static_name (self->sweeper, "[jiefend] database queue timeout");
  g_source_attach (self->sweeper, self->context);
  return self;
}
