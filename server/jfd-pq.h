/* jfd-pq.h: libpq with GLib's ownership idioms, and blocking helpers
 *
 * g_autoptr(PGconn) and g_autoptr(PGresult) free with PQfinish and PQclear. The helpers
 * below block: they are for jiefenctl, the migrations and the tests, never for a main
 * loop (jiefend drives libpq by socket readiness instead). Each turns a failure into a
 * JFD_DB_ERROR (jfd-db-error.h).
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jfd-db-error.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* Connects with @conninfo (a libpq conninfo string or URI; NULL or "": the PG* environment),
 * in UTF-8, naming itself @application_name. Server NOTICEs are dropped; WARNINGs go to
 * stderr. */
PGconn   *jfd_pq_connect        (const char          *conninfo,
                                 const char          *application_name,
                                 GError             **error);

/* TRUE when @result succeeded (PGRES_COMMAND_OK, PGRES_TUPLES_OK or PGRES_COPY_IN);
 * otherwise sets @error from it, prefixed with @context (may be NULL). */
gboolean  jfd_pq_result_ok      (PGconn              *conn,
                                 const PGresult      *result,
                                 const char          *context,
                                 GError             **error);

/* Runs @sql (may hold several statements) and returns its last result, or NULL and
 * @error. */
PGresult *jfd_pq_exec           (PGconn              *conn,
                                 const char          *sql,
                                 GError             **error);
/* Runs one parameterised statement; @values are text, NULL for SQL NULL. */
PGresult *jfd_pq_exec_params    (PGconn              *conn,
                                 const char          *sql,
                                 int                  n_params,
                                 const char * const  *values,
                                 GError             **error);
/* The same, for statements whose result is not needed. */
gboolean  jfd_pq_command        (PGconn              *conn,
                                 const char          *sql,
                                 GError             **error);
gboolean  jfd_pq_command_params (PGconn              *conn,
                                 const char          *sql,
                                 int                  n_params,
                                 const char * const  *values,
                                 GError             **error);

/* Rolls back whatever transaction @conn has open, ignoring failures: for error paths. */
void      jfd_pq_rollback       (PGconn              *conn);

G_END_DECLS
