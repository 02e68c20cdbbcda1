/* jfd-ctl-copy.h: streaming rows into COPY ... FROM STDIN (text format)
 *
 * Rows are built in a buffer and handed to libpq a megabyte at a time, so that a bulk
 * load costs one round trip per table rather than one per row, and the server parses
 * while the client builds the next rows.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _JfdCtlCopy JfdCtlCopy;

/* Sends @statement ("COPY t (a, b) FROM STDIN") and returns a writer, or NULL and
 * @error. */
JfdCtlCopy *jfd_ctl_copy_begin   (PGconn        *conn,
                                  const char    *statement,
                                  GError       **error);
/* A writer that only buffers, for rows built before their COPY can start (several tables
 * on one connection): send them with jfd_ctl_copy_send (). */
JfdCtlCopy *jfd_ctl_copy_new     (void);
/* Runs @statement and sends the buffered rows; the buffer is then empty for reuse. */
gboolean    jfd_ctl_copy_send    (JfdCtlCopy    *copy,
                                  PGconn        *conn,
                                  const char    *statement,
                                  GError       **error);
guint64     jfd_ctl_copy_get_n_rows (JfdCtlCopy *copy);
void        jfd_ctl_copy_free    (JfdCtlCopy    *copy);

/* Field values, in column order; a NULL text or bytea is SQL NULL. */
void        jfd_ctl_copy_text    (JfdCtlCopy    *copy,
                                  const char    *value);
void        jfd_ctl_copy_int     (JfdCtlCopy    *copy,
                                  gint64         value);
void        jfd_ctl_copy_bool    (JfdCtlCopy    *copy,
                                  gboolean       value);
void        jfd_ctl_copy_null    (JfdCtlCopy    *copy);
void        jfd_ctl_copy_bytea   (JfdCtlCopy    *copy,
                                  const guint8  *data,
                                  gsize          len);
/* A value already in COPY's text form (digits, a timestamp): not escaped. */
void        jfd_ctl_copy_raw     (JfdCtlCopy    *copy,
                                  const char    *value);
/* Ends the row; sends the buffer when it is full. */
gboolean    jfd_ctl_copy_end_row (JfdCtlCopy    *copy,
                                  GError       **error);
/* Sends the rest and ends the COPY; frees @copy whatever happens. On failure, the
 * connection's transaction is aborted. */
gboolean    jfd_ctl_copy_finish  (JfdCtlCopy    *copy,
                                  guint64       *out_rows,
                                  GError       **error);
/* Abandons the COPY (the server discards it); frees @copy. */
void        jfd_ctl_copy_abort   (JfdCtlCopy    *copy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCtlCopy, jfd_ctl_copy_abort)

G_END_DECLS
