/* jfd-db-error.h: the database layer's error domain
 *
 * libpq reports failures as a PGresult (or a PGconn) carrying a SQLSTATE; the rest of the
 * server must not parse libpq's messages, so they are converted here, once, into a
 * JFD_DB_ERROR whose code says what a caller can do about it (retry a serialization
 * failure, answer 409 to a constraint violation, 503 to a lost connection). The SQLSTATE
 * itself is kept on the error and in its message.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define JFD_DB_ERROR (jfd_db_error_quark ())

typedef enum
{
  JFD_DB_ERROR_CONNECTION,    /* cannot connect, or the connection was lost (class 08, 57P0x) */
  JFD_DB_ERROR_QUERY,         /* any other failed statement */
  JFD_DB_ERROR_CONSTRAINT,    /* integrity constraint violation (class 23) */
  JFD_DB_ERROR_SERIALIZATION, /* 40001 or 40P01: retrying the transaction may succeed */
} JfdDbErrorCode;

GQuark          jfd_db_error_quark              (void);

/* The code a SQLSTATE maps to; NULL or "" (a client-side failure) is QUERY. */
JfdDbErrorCode  jfd_db_error_code_for_sqlstate  (const char     *sqlstate);

/* Sets @error from a failed @result: "@context: <primary message> (SQLSTATE xxxxx)", with
 * the server's detail appended when there is one. @conn (may be NULL) is consulted when
 * @result carries no SQLSTATE, e.g. when the connection broke; @result may be NULL when
 * libpq could not even allocate one. @context may be NULL. */
void            jfd_db_set_error_from_result    (GError        **error,
                                                 PGconn         *conn,
                                                 const PGresult *result,
                                                 const char     *context);
/* TRUE if @result succeeded (PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE,
 * PGRES_COPY_IN/OUT, PGRES_PIPELINE_SYNC); otherwise FALSE with @error set from it. For
 * the asynchronous paths, which have a result but no context to name. */
gboolean        jfd_db_error_from_result        (const PGresult *result,
                                                 GError        **error);
/* Sets @error from @conn's last error message, as JFD_DB_ERROR_CONNECTION. */
void            jfd_db_set_error_from_conn      (GError        **error,
                                                 PGconn         *conn,
                                                 const char     *context);

/* The SQLSTATE of a JFD_DB_ERROR, or NULL (another domain, or none was reported). */
const char     *jfd_db_error_get_sqlstate       (const GError   *error);
/* The server's primary message alone, and the column it names (RAISE ... USING COLUMN),
 * of a JFD_DB_ERROR set from a result; NULL otherwise. Our own raised errors (SQLSTATE
 * class JF) put a sentence fit for the user in the first and a field in the second. */
const char     *jfd_db_error_get_primary        (const GError   *error);
const char     *jfd_db_error_get_column         (const GError   *error);

G_END_DECLS
