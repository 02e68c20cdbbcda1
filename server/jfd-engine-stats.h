/* jfd-engine-stats.h: the statistics (what each figure counts:
 * schema/0014-statistics.sql) */
#pragma once

#include "jfd-engine.h"

G_BEGIN_DECLS

/* @query: org, from, to (names already checked); answers the figures' document. */
void       jfd_engine_stats_async           (JfdEngine           *self,
                                             JfdActor            *actor,
                                             GHashTable          *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The matters behind a figure: @query: figure, org, from, to, after, limit; answers a page
 * {items, next, hidden, as_of} whose items are the queue's. */
void       jfd_engine_stats_matters_async   (JfdEngine           *self,
                                             JfdActor            *actor,
                                             GHashTable          *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Open and overdue matters now, per unit directly below the scope: @query: org; answers
 * {org, as_of, own: {open, overdue}, items: [{org, open, overdue}]} (schema/0017). */
void       jfd_engine_stats_units_async     (JfdEngine           *self,
                                             JfdActor            *actor,
                                             GHashTable          *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
G_END_DECLS
