/* jfd-metrics.h: counters for GET /metrics (Prometheus text format), shared by threads */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JfdMetrics JfdMetrics;

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
/* Appends the request counters and the latency histogram to @out. */
void        jfd_metrics_render    (JfdMetrics *metrics,
                                   GString    *out);

G_END_DECLS
