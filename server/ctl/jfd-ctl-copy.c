/* jfd-ctl-copy.c: a COPY FROM STDIN writer in text format */
#include "config.h"

#include "jfd-ctl-copy.h"
#include "jfd-pq.h"

#define FLUSH_BYTES (1 << 20)

struct _JfdCtlCopy
{
  PGconn  *conn;         /* NULL: buffering only */
  GString *buffer;
  guint    n_fields;    /* in the current row */
  guint64  n_rows;
};

JfdCtlCopy *
jfd_ctl_copy_begin (PGconn      *conn,
                    const char  *statement,
                    GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, statement);
  JfdCtlCopy *copy;

  if (result == NULL || PQresultStatus (result) != PGRES_COPY_IN)
    {
      jfd_db_set_error_from_result (error, conn, result, statement);
      return NULL;
    }
  copy = g_new0 (JfdCtlCopy, 1);
  copy->conn = conn;
  copy->buffer = g_string_sized_new (FLUSH_BYTES + 64 * 1024);
  return copy;
}

static inline void
separate (JfdCtlCopy *copy)
{
  if (copy->n_fields++ > 0)
    g_string_append_c (copy->buffer, '\t');
}

void
jfd_ctl_copy_text (JfdCtlCopy *copy,
                   const char *value)
{
  separate (copy);
  if (value == NULL)
    {
      g_string_append (copy->buffer, "\\N");
      return;
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (copy->buffer, "\\\\");
          break;
        case '\t':
          g_string_append (copy->buffer, "\\t");
          break;
        case '\n':
          g_string_append (copy->buffer, "\\n");
          break;
        case '\r':
          g_string_append (copy->buffer, "\\r");
          break;
        default:
          g_string_append_c (copy->buffer, *p);
        }
    }
}

void
jfd_ctl_copy_int (JfdCtlCopy *copy,
                  gint64      value)
{
  separate (copy);
  g_string_append_printf (copy->buffer, "%" G_GINT64_FORMAT, value);
}

void
jfd_ctl_copy_bool (JfdCtlCopy *copy,
                   gboolean    value)
{
  separate (copy);
  g_string_append_c (copy->buffer, value ? 't' : 'f');
}

void
jfd_ctl_copy_null (JfdCtlCopy *copy)
{
  separate (copy);
  g_string_append (copy->buffer, "\\N");
}

void
jfd_ctl_copy_bytea (JfdCtlCopy   *copy,
                    const guint8 *data,
                    gsize         len)
{
  static const char hex[] = "0123456789abcdef";

  separate (copy);
  if (data == NULL)
    {
      g_string_append (copy->buffer, "\\N");
      return;
    }
  /* bytea's hex form, \x..., with COPY's own escaping of the backslash. */
  g_string_append (copy->buffer, "\\\\x");
  for (gsize i = 0; i < len; i++)
    {
      g_string_append_c (copy->buffer, hex[data[i] >> 4]);
      g_string_append_c (copy->buffer, hex[data[i] & 0xf]);
    }
}

void
jfd_ctl_copy_raw (JfdCtlCopy *copy,
                  const char *value)
{
  separate (copy);
  g_string_append (copy->buffer, value);
}

static gboolean
flush (JfdCtlCopy  *copy,
       GError     **error)
{
  if (copy->buffer->len == 0)
    return TRUE;
  if (PQputCopyData (copy->conn, copy->buffer->str, (int) copy->buffer->len) != 1)
    {
      jfd_db_set_error_from_conn (error, copy->conn, "COPY failed");
      return FALSE;
    }
  g_string_truncate (copy->buffer, 0);
  return TRUE;
}

gboolean
jfd_ctl_copy_end_row (JfdCtlCopy  *copy,
                      GError     **error)
{
  g_string_append_c (copy->buffer, '\n');
  copy->n_fields = 0;
  copy->n_rows++;
  return copy->conn == NULL || copy->buffer->len < FLUSH_BYTES || flush (copy, error);
}

static void
copy_free (JfdCtlCopy *copy)
{
  g_string_free (copy->buffer, TRUE);
  g_free (copy);
}

gboolean
jfd_ctl_copy_finish (JfdCtlCopy  *copy,
                     guint64     *out_rows,
                     GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = copy->conn;
  guint64 n_rows = copy->n_rows;
  gboolean sent = flush (copy, error);

  copy_free (copy);
  if (PQputCopyEnd (conn, sent ? NULL : "the client gave up") != 1 && sent)
    {
      jfd_db_set_error_from_conn (error, conn, "COPY failed");
      sent = FALSE;
    }
  /* Drain every result, so that the connection is usable (and the error known) after. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (sent && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          jfd_db_set_error_from_result (error, conn, result, "COPY failed");
          sent = FALSE;
        }
      g_clear_pointer (&result, PQclear);
    }
  if (sent && out_rows != NULL)
    *out_rows = n_rows;
  return sent;
}

void
jfd_ctl_copy_abort (JfdCtlCopy *copy)
{
  PGconn *conn;
  PGresult *result;

  if (copy == NULL)
    return;
  conn = copy->conn;
  copy_free (copy);
  if (conn == NULL)
    return;
  PQputCopyEnd (conn, "abandoned by the client");
  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
}

JfdCtlCopy *
jfd_ctl_copy_new (void)
{
  JfdCtlCopy *copy = g_new0 (JfdCtlCopy, 1);

  copy->buffer = g_string_sized_new (FLUSH_BYTES);
  return copy;
}

void
jfd_ctl_copy_free (JfdCtlCopy *copy)
{
  if (copy != NULL)
    copy_free (copy);
}

guint64
jfd_ctl_copy_get_n_rows (JfdCtlCopy *copy)
{
  return copy->n_rows;
}

gboolean
jfd_ctl_copy_send (JfdCtlCopy  *copy,
                   PGconn      *conn,
                   const char  *statement,
                   GError     **error)
{
  g_autoptr(PGresult) result = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (copy->conn == NULL, FALSE);
  if (copy->n_rows == 0)
    return TRUE;
  result = PQexec (conn, statement);
  if (result == NULL || PQresultStatus (result) != PGRES_COPY_IN)
    {
      jfd_db_set_error_from_result (error, conn, result, statement);
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  for (gsize done = 0; done < copy->buffer->len && ok; done += FLUSH_BYTES)
    {
      gsize len = MIN (FLUSH_BYTES, copy->buffer->len - done);

      if (PQputCopyData (conn, copy->buffer->str + done, (int) len) != 1)
        {
          jfd_db_set_error_from_conn (error, conn, "COPY failed");
          ok = FALSE;
        }
    }
  g_string_truncate (copy->buffer, 0);
  copy->n_rows = 0;
  copy->n_fields = 0;
  if (PQputCopyEnd (conn, ok ? NULL : "the client gave up") != 1 && ok)
    {
      jfd_db_set_error_from_conn (error, conn, "COPY failed");
      ok = FALSE;
    }
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          jfd_db_set_error_from_result (error, conn, result, statement);
          ok = FALSE;
        }
      g_clear_pointer (&result, PQclear);
    }
  return ok;
}
