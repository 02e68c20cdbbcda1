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
};

JfdMetrics *
jfd_metrics_new (void)
{
  JfdMetrics *self = g_new0 (JfdMetrics, 1);

  g_mutex_init (&self->lock);
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
jfd_metrics_free (JfdMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->requests);
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
  g_mutex_unlock (&self->lock);
}
