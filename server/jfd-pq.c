/* jfd-pq.c: blocking libpq helpers for jiefenctl, the migrations and the tests */
#include "config.h"

#include "jfd-pq.h"

static void
notice_receiver (void           *arg,
                 const PGresult *result)
{
  const char *severity = PQresultErrorField (result, PG_DIAG_SEVERITY_NONLOCALIZED);

  /* NOTICEs are chatter ("relation already exists, skipping"); a WARNING is worth a look. */
  if (severity != NULL && g_str_equal (severity, "WARNING"))
    g_printerr ("%s", PQresultErrorMessage (result));
}

PGconn *
jfd_pq_connect (const char  *conninfo,
                const char  *application_name,
                GError     **error)
{
  /* dbname comes first: with expand_dbname it may carry a whole conninfo, and the keys
   * after it override what it says, so that the encoding is always ours. */
  const char * const keywords[] = { "dbname", "client_encoding", "application_name", NULL };
  const char * const values[] = {
    conninfo != NULL ? conninfo : "", "UTF8",
    application_name != NULL ? application_name : "jiefen", NULL
  };
  g_autoptr(PGconn) conn = PQconnectdbParams (keywords, values, 1);

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      jfd_db_set_error_from_conn (error, conn, "cannot connect to the database");
      return NULL;
    }
  PQsetNoticeReceiver (conn, notice_receiver, NULL);
  return g_steal_pointer (&conn);
}

gboolean
jfd_pq_result_ok (PGconn          *conn,
                  const PGresult  *result,
                  const char      *context,
                  GError         **error)
{
  if (result != NULL)
    {
      switch (PQresultStatus (result))
        {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_COPY_IN:
          return TRUE;
        default:
          break;
        }
    }
  jfd_db_set_error_from_result (error, conn, result, context);
  return FALSE;
}

PGresult *
jfd_pq_exec (PGconn      *conn,
             const char  *sql,
             GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  if (!jfd_pq_result_ok (conn, result, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

PGresult *
jfd_pq_exec_params (PGconn              *conn,
                    const char          *sql,
                    int                  n_params,
                    const char * const  *values,
                    GError             **error)
{
  g_autoptr(PGresult) result = PQexecParams (conn, sql, n_params, NULL,
                                             (const char * const *) values, NULL, NULL, 0);

  if (!jfd_pq_result_ok (conn, result, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}

gboolean
jfd_pq_command (PGconn      *conn,
                const char  *sql,
                GError     **error)
{
  g_autoptr(PGresult) result = jfd_pq_exec (conn, sql, error);

  return result != NULL;
}

gboolean
jfd_pq_command_params (PGconn              *conn,
                       const char          *sql,
                       int                  n_params,
                       const char * const  *values,
                       GError             **error)
{
  g_autoptr(PGresult) result = jfd_pq_exec_params (conn, sql, n_params, values, error);

  return result != NULL;
}

void
jfd_pq_rollback (PGconn *conn)
{
  if (conn != NULL && PQtransactionStatus (conn) != PQTRANS_IDLE)
    {
      g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");
    }
}
