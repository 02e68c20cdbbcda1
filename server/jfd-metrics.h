/* jfd-metrics.h: counters for GET /metrics (Prometheus text format), shared by threads */
#pragma once

#include <glib.h>

#include "jfd-pool.h"

G_BEGIN_DECLS

typedef struct _JfdMetrics JfdMetrics;
/* One server thread's pool figures, written by that thread, read by whichever renders. */
typedef struct _JfdMetricsPool JfdMetricsPool;

JfdMetrics *jfd_metrics_new       (void);
void        jfd_metrics_free      (JfdMetrics *metrics);
/* One finished request: its route pattern, status and duration. */
void        jfd_metrics_observe   (JfdMetrics *metrics,
                                   const char *route,
                                   guint       status,
                                   gint64      elapsed_us);
/* One password checked against a hash at sign-in, for an account or for none (the decoy
 * hash that makes an unknown username cost as much as a wrong password). */
void        jfd_metrics_count_password_check (JfdMetrics *metrics);
/* A place for server thread @thread's pool figures, which lives as long as @metrics. */
JfdMetricsPool *jfd_metrics_add_pool (JfdMetrics *metrics,
                                      guint       thread);
void        jfd_metrics_pool_publish (JfdMetricsPool     *pool,
                                      const JfdPoolStats *stats);
/* Appends the request counters, the latency histogram and every thread's pool to @out. */
void        jfd_metrics_render    (JfdMetrics *metrics,
                                   GString    *out);

G_END_DECLS
