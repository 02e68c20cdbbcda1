/* jfd-db-error.c: libpq failures as GErrors, classified by SQLSTATE */
#include "config.h"

#include <string.h>

#include "jfd-db-error.h"

typedef struct
{
  char *sqlstate;
  char *primary;  /* the server's primary message alone */
  char *column;   /* PG_DIAG_COLUMN_NAME, or NULL */
} JfdDbErrorPrivate;

static void
jfd_db_error_private_init (JfdDbErrorPrivate *priv)
{
  priv->sqlstate = NULL;
  priv->primary = NULL;
  priv->column = NULL;
}

static void
jfd_db_error_private_copy (const JfdDbErrorPrivate *src,
                           JfdDbErrorPrivate       *dest)
{
  dest->sqlstate = g_strdup (src->sqlstate);
  dest->primary = g_strdup (src->primary);
  dest->column = g_strdup (src->column);
}

static void
jfd_db_error_private_clear (JfdDbErrorPrivate *priv)
{
  g_clear_pointer (&priv->sqlstate, g_free);
  g_clear_pointer (&priv->primary, g_free);
  g_clear_pointer (&priv->column, g_free);
}

G_DEFINE_EXTENDED_ERROR (JfdDbError, jfd_db_error)

JfdDbErrorCode
jfd_db_error_code_for_sqlstate (const char *sqlstate)
{
  if (sqlstate == NULL || strlen (sqlstate) != 5)
    return JFD_DB_ERROR_QUERY;
  if (strncmp (sqlstate, "23", 2) == 0)
    return JFD_DB_ERROR_CONSTRAINT;
  if (strcmp (sqlstate, "40001") == 0 || strcmp (sqlstate, "40P01") == 0)
    return JFD_DB_ERROR_SERIALIZATION;
  /* Connection exceptions, and the server going away under us (admin shutdown, crash
   * shutdown, cannot connect now): all mean "this connection is no good". */
  if (strncmp (sqlstate, "08", 2) == 0 || strncmp (sqlstate, "57P0", 4) == 0)
    return JFD_DB_ERROR_CONNECTION;
  return JFD_DB_ERROR_QUERY;
}

/* libpq's messages end with a newline, and sometimes start with "ERROR:  ". */
static char *
clean_message (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  g_strstrip (copy);
  if (g_str_has_prefix (copy, "ERROR:"))
    {
      char *rest = g_strdup (copy + strlen ("ERROR:"));
      g_free (copy);
      copy = g_strstrip (rest);
    }
  return copy;
}

static void
set_error (GError         **error,
           JfdDbErrorCode   code,
           const char      *sqlstate,
           const char      *context,
           const char      *message)
{
  GError *e;

  if (error == NULL)
    return;
  if (sqlstate != NULL && sqlstate[0] != '\0')
    e = g_error_new (JFD_DB_ERROR, code, "%s%s%s (SQLSTATE %s)",
                     context != NULL ? context : "", context != NULL ? ": " : "",
                     message, sqlstate);
  else
    e = g_error_new (JFD_DB_ERROR, code, "%s%s%s",
                     context != NULL ? context : "", context != NULL ? ": " : "", message);
  jfd_db_error_get_private (e)->sqlstate = g_strdup (sqlstate);
  g_propagate_error (error, e);
}

void
jfd_db_set_error_from_result (GError         **error,
                              PGconn          *conn,
                              const PGresult  *result,
                              const char      *context)
{
  const char *sqlstate = NULL;
  g_autofree char *message = NULL;
  JfdDbErrorCode code;

  if (result != NULL)
    {
      const char *primary = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);
      const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);

      sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      if (primary != NULL)
        message = detail != NULL ? g_strdup_printf ("%s: %s", primary, detail)
                                 : g_strdup (primary);
      else if (PQresultErrorMessage (result)[0] != '\0')
        message = clean_message (PQresultErrorMessage (result));
      else
        message = g_strdup_printf ("unexpected result status %s",
                                   PQresStatus (PQresultStatus (result)));
    }
  else
    message = clean_message (conn != NULL ? PQerrorMessage (conn) : "out of memory");

  code = jfd_db_error_code_for_sqlstate (sqlstate);
  /* No SQLSTATE: libpq failed on its side, most often because the connection broke. */
  if ((sqlstate == NULL || sqlstate[0] == '\0') && conn != NULL &&
      PQstatus (conn) == CONNECTION_BAD)
    code = JFD_DB_ERROR_CONNECTION;
  set_error (error, code, sqlstate, context, message);
  if (error != NULL && *error != NULL && (*error)->domain == JFD_DB_ERROR && result != NULL)
    {
      JfdDbErrorPrivate *priv = jfd_db_error_get_private (*error);

      priv->primary = g_strdup (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
      priv->column = g_strdup (PQresultErrorField (result, PG_DIAG_COLUMN_NAME));
    }
}

gboolean
jfd_db_error_from_result (const PGresult  *result,
                          GError         **error)
{
  if (result != NULL)
    {
      switch (PQresultStatus (result))
        {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_SINGLE_TUPLE:
        case PGRES_COPY_IN:
        case PGRES_COPY_OUT:
        case PGRES_COPY_BOTH:
        case PGRES_PIPELINE_SYNC:
          return TRUE;
        default:
          break;
        }
    }
  jfd_db_set_error_from_result (error, NULL, result, NULL);
  return FALSE;
}

void
jfd_db_set_error_from_conn (GError     **error,
                            PGconn      *conn,
                            const char  *context)
{
  g_autofree char *message = clean_message (conn != NULL ? PQerrorMessage (conn)
                                                         : "out of memory");

  set_error (error, JFD_DB_ERROR_CONNECTION, NULL, context, message);
}

const char *
jfd_db_error_get_sqlstate (const GError *error)
{
  if (error == NULL || error->domain != JFD_DB_ERROR)
    return NULL;
  return jfd_db_error_get_private (error)->sqlstate;
}

const char *
jfd_db_error_get_primary (const GError *error)
{
  if (error == NULL || error->domain != JFD_DB_ERROR)
    return NULL;
  return jfd_db_error_get_private (error)->primary;
}

const char *
jfd_db_error_get_column (const GError *error)
{
  if (error == NULL || error->domain != JFD_DB_ERROR)
    return NULL;
  return jfd_db_error_get_private (error)->column;
}
