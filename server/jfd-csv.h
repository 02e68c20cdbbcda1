/* jfd-csv.h: comma-separated values as spreadsheets write and read them (RFC 4180)
 *
 * Reading takes UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" writes one,
 * most other programs do not); records end with CRLF, LF or CR; a field is quoted with
 * "…" when it holds a comma, a quote (doubled: "") or a line break. A record's number is
 * the row a spreadsheet shows (the header is row 1): line breaks inside a quoted field do
 * not count. Only ASCII bytes delimit, so no UTF-8 sequence is ever split.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JfdCsvReader JfdCsvReader;

/* Refuses (JF_ERROR_INVALID) bytes that are not UTF-8, naming the first bad row: files
 * saved in GBK by an older spreadsheet are the usual case. @data must outlive the
 * reader. */
JfdCsvReader *jfd_csv_reader_new       (const char    *data,
                                        gsize          len,
                                        GError       **error);
void          jfd_csv_reader_free      (JfdCsvReader  *reader);
/* The next record's fields (a NULL-terminated vector) and its row number; NULL at the
 * end. A malformed record (a quote that does not close, or text after a closing quote)
 * answers NULL with @error set (JF_ERROR_INVALID) and its row number; reading goes on
 * after it, at the end of the line where it went wrong. */
char        **jfd_csv_reader_next      (JfdCsvReader  *reader,
                                        guint         *out_row,
                                        GError       **error);
gboolean      jfd_csv_reader_at_end    (JfdCsvReader  *reader);

/* Appends one record of @n fields, quoted where needed, ended by CRLF. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, a tab or CR) is written
 * with a leading apostrophe, so that opening an export runs nothing. */
void          jfd_csv_append_record    (GString             *out,
                                        const char * const  *fields,
                                        guint                n);

/* A field as it was before jfd_csv_append_record () guarded it: past the apostrophe that
 * precedes a formula's first character, so that an export imports again as it was. */
const char   *jfd_csv_unguard          (const char          *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCsvReader, jfd_csv_reader_free)

G_END_DECLS
