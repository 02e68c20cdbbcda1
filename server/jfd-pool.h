/* jfd-pool.h: a pool of non-blocking PostgreSQL connections on one main context
 *
 * Each server thread has its own pool, driven by its own main loop: queries are sent with
 * PQsendQueryPrepared and their results read as the socket becomes readable, so no request
 * ever blocks the loop. Statements are prepared on each connection the first time they are
 * used there, unless they have no name. A lost connection is re-established in the
 * background; while no connection is up, queries fail at once with JFD_DB_ERROR_CONNECTION
 * instead of hanging.
 *
 * Each query is one statement in autocommit: writes that need several steps are SQL
 * functions (schema/), so a transaction never spans two round trips.
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct
{
  /* Unique across jiefend: the prepared statement's name. NULL sends the statement
   * unprepared, planned afresh for its parameters' values on every call: for queries
   * whose best plan depends on those values more than planning costs. */
  const char *name;
  const char *sql;
  int         n_params;
} JfdStatement;

#define JFD_TYPE_POOL (jfd_pool_get_type ())
G_DECLARE_FINAL_TYPE (JfdPool, jfd_pool, JFD, POOL, GObject)

/* Connections are made and served in the caller's thread-default main context. */
JfdPool  *jfd_pool_new          (const char          *conninfo,
                                 guint                size);

/* @params: @stmt->n_params strings (NULL for SQL NULL), copied. */
void      jfd_pool_query_async  (JfdPool             *self,
                                 const JfdStatement  *stmt,
                                 const char * const  *params,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* A result with status PGRES_TUPLES_OK or PGRES_COMMAND_OK; anything else is an error. */
PGresult *jfd_pool_query_finish (JfdPool             *self,
                                 GAsyncResult        *result,
                                 GError             **error);

typedef struct
{
  guint size;
  guint up;       /* connected (idle or busy) */
  guint busy;
  guint queued;
  guint64 queries;
  guint64 failures;
} JfdPoolStats;

void      jfd_pool_get_stats    (JfdPool             *self,
                                 JfdPoolStats        *stats);
/* Calls @func with the pool's figures now and whenever they change, on the pool's thread:
 * for whoever shows them from another thread, which must not read the pool itself. */
typedef void (*JfdPoolStatsFunc) (const JfdPoolStats *stats,
                                  gpointer            data);
void      jfd_pool_set_stats_func (JfdPool           *self,
                                   JfdPoolStatsFunc   func,
                                   gpointer           data);
/* Closes every connection; queued and later queries fail. */
void      jfd_pool_close        (JfdPool             *self);

G_END_DECLS
