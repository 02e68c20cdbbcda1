/* jfd-metrics.c: request counts by route and status, and a latency histogram */
#include "config.h"

#include <string.h>

#include "jfd-metrics.h"

/* Upper bounds in seconds, Prometheus' "le" buckets. */
static const double buckets[] = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                  1.0, 2.5, 5.0 };
#define N_BUCKETS G_N_ELEMENTS (buckets)

struct _JfdMetrics
{
  GMutex      lock;
  GHashTable *requests;   /* "route\tstatus" → guint64 count (boxed in a pointer) */
  guint64     histogram[N_BUCKETS + 1];
  double      sum_seconds;
  guint64     count;
  guint64     password_checks;
  GPtrArray  *pools;      /* JfdMetricsPool *, owned, by thread */
};

struct _JfdMetricsPool
{
  guint        thread;
  GMutex       lock;      /* guards stats: each thread publishes its own, apart */
  JfdPoolStats stats;
};

static void
metrics_pool_free (JfdMetricsPool *pool)
{
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

JfdMetrics *
jfd_metrics_new (void)
{
  JfdMetrics *self = g_new0 (JfdMetrics, 1);

  g_mutex_init (&self->lock);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) metrics_pool_free);
  return self;
}

void
jfd_metrics_free (JfdMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->requests);
  g_ptr_array_unref (self->pools);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
jfd_metrics_observe (JfdMetrics *self,
                     const char *route,
                     guint       status,
                     gint64      elapsed_us)
{
  char key[160];
  double seconds = elapsed_us / 1e6;
  guint64 *count;
  guint b = 0;

  g_snprintf (key, sizeof key, "%s\t%u", route, status);
  while (b < N_BUCKETS && seconds > buckets[b])
    b++;
  g_mutex_lock (&self->lock);
  count = g_hash_table_lookup (self->requests, key);
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (self->requests, g_strdup (key), count);
    }
  (*count)++;
  self->histogram[b]++;
  self->sum_seconds += seconds;
  self->count++;
  g_mutex_unlock (&self->lock);
}

void
jfd_metrics_count_password_check (JfdMetrics *self)
{
  g_mutex_lock (&self->lock);
  self->password_checks++;
  g_mutex_unlock (&self->lock);
}

static gint
pool_cmp (gconstpointer a,
          gconstpointer b)
{
  const JfdMetricsPool *pa = *(JfdMetricsPool * const *) a;
  const JfdMetricsPool *pb = *(JfdMetricsPool * const *) b;

  return pa->thread < pb->thread ? -1 : pa->thread > pb->thread;
}

JfdMetricsPool *
jfd_metrics_add_pool (JfdMetrics *self,
                      guint       thread)
{
  JfdMetricsPool *pool = g_new0 (JfdMetricsPool, 1);

  pool->thread = thread;
  g_mutex_init (&pool->lock);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->pools, pool);
  g_ptr_array_sort (self->pools, pool_cmp);
  g_mutex_unlock (&self->lock);
  return pool;
}

void
jfd_metrics_pool_publish (JfdMetricsPool     *pool,
                          const JfdPoolStats *stats)
{
  g_mutex_lock (&pool->lock);
  pool->stats = *stats;
  g_mutex_unlock (&pool->lock);
}

/* Every thread's figures under each family's one HELP and TYPE, as Prometheus wants. */
static void
render_pools (JfdMetrics *self,
              GString    *out)
{
  guint n = self->pools->len;
  g_autofree guint *threads = g_new0 (guint, MAX (n, 1));
  g_autofree JfdPoolStats *stats = g_new0 (JfdPoolStats, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JfdMetricsPool *pool = self->pools->pdata[i];

      threads[i] = pool->thread;
      g_mutex_lock (&pool->lock);
      stats[i] = pool->stats;
      g_mutex_unlock (&pool->lock);
    }
  g_string_append (out, "# HELP jiefen_pool_connections Database connections of each server "
                        "thread's pool.\n"
                        "# TYPE jiefen_pool_connections gauge\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "jiefen_pool_connections{thread=\"%u\",state=\"up\"} %u\n"
                                 "jiefen_pool_connections{thread=\"%u\",state=\"busy\"} %u\n"
                                 "jiefen_pool_connections{thread=\"%u\",state=\"size\"} %u\n",
                            threads[i], stats[i].up, threads[i], stats[i].busy, threads[i],
                            stats[i].size);
  g_string_append (out, "# HELP jiefen_pool_queued Queries waiting for a connection.\n"
                        "# TYPE jiefen_pool_queued gauge\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "jiefen_pool_queued{thread=\"%u\"} %u\n", threads[i],
                            stats[i].queued);
  g_string_append (out, "# HELP jiefen_pool_queries_total Queries sent to the database.\n"
                        "# TYPE jiefen_pool_queries_total counter\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "jiefen_pool_queries_total{thread=\"%u\"} %" G_GUINT64_FORMAT
                            "\n", threads[i], stats[i].queries);
  g_string_append (out, "# HELP jiefen_pool_failures_total Queries that failed.\n"
                        "# TYPE jiefen_pool_failures_total counter\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "jiefen_pool_failures_total{thread=\"%u\"} %" G_GUINT64_FORMAT
                            "\n", threads[i], stats[i].failures);
}

void
jfd_metrics_render (JfdMetrics *self,
                    GString    *out)
{
  GHashTableIter iter;
  const char *key;
  guint64 *count;
  guint64 cumulative = 0;

  g_mutex_lock (&self->lock);
  g_string_append (out, "# HELP jiefen_http_requests_total HTTP requests by route and status.\n"
                        "# TYPE jiefen_http_requests_total counter\n");
  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &count))
    {
      const char *tab = strchr (key, '\t');
      g_string_append_printf (out, "jiefen_http_requests_total{route=\"%.*s\",status=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", (int) (tab - key), key, tab + 1, *count);
    }
  g_string_append (out, "# HELP jiefen_http_request_duration_seconds Time to answer.\n"
                        "# TYPE jiefen_http_request_duration_seconds histogram\n");
  for (guint b = 0; b < N_BUCKETS; b++)
    {
      cumulative += self->histogram[b];
      g_string_append_printf (out, "jiefen_http_request_duration_seconds_bucket{le=\"%g\"} %"
                              G_GUINT64_FORMAT "\n", buckets[b], cumulative);
    }
  g_string_append_printf (out, "jiefen_http_request_duration_seconds_bucket{le=\"+Inf\"} %"
                          G_GUINT64_FORMAT "\n", self->count);
  g_string_append_printf (out, "jiefen_http_request_duration_seconds_sum %.6f\n",
                          self->sum_seconds);
  g_string_append_printf (out, "jiefen_http_request_duration_seconds_count %" G_GUINT64_FORMAT
                          "\n", self->count);
  g_string_append_printf (out, "# HELP jiefen_password_checks_total Passwords checked at "
                               "sign-in (Argon2id), known usernames or not.\n"
                               "# TYPE jiefen_password_checks_total counter\n"
                               "jiefen_password_checks_total %" G_GUINT64_FORMAT "\n",
                          self->password_checks);
  render_pools (self, out);
  g_mutex_unlock (&self->lock);
}
