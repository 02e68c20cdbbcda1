/* jfd-csv.c: reading and writing comma-separated values */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jfd-csv.h"

struct _JfdCsvReader
{
  const char *p;    /* the next byte to read */
  const char *end;
  guint       row;  /* of the record last read */
};

static const char bom[] = "\xef\xbb\xbf";

/* The row (1-based, as records count them) of the byte at @at: only for an error
 * message, so a second pass over the bytes is fine. */
static guint
row_of (const char *start,
        const char *at)
{
  guint row = 1;
  gboolean quoted = FALSE;

  for (const char *p = start; p < at; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || (*p == '\r' && (p + 1 >= at || p[1] != '\n'))))
        row++;
    }
  return row;
}

JfdCsvReader *
jfd_csv_reader_new (const char  *data,
                    gsize        len,
                    GError     **error)
{
  JfdCsvReader *reader;
  const char *bad;

  if (len >= 3 && memcmp (data, bom, 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (!g_utf8_validate_len (data, len, &bad))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "The file is not UTF-8 text (row %u): save it as “CSV UTF-8”",
                    row_of (data, bad));
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL, "The file is not text: it holds NUL bytes");
      return NULL;
    }
  reader = g_new0 (JfdCsvReader, 1);
  reader->p = data;
  reader->end = data + len;
  return reader;
}

void
jfd_csv_reader_free (JfdCsvReader *reader)
{
  g_free (reader);
}

gboolean
jfd_csv_reader_at_end (JfdCsvReader *reader)
{
  return reader->p >= reader->end;
}

/* Moves past one line break (CRLF, LF or CR) at the reader's position, if any. */
static gboolean
skip_line_break (JfdCsvReader *reader)
{
  if (reader->p < reader->end && *reader->p == '\r')
    {
      reader->p++;
      if (reader->p < reader->end && *reader->p == '\n')
        reader->p++;
      return TRUE;
    }
  if (reader->p < reader->end && *reader->p == '\n')
    {
      reader->p++;
      return TRUE;
    }
  return FALSE;
}

static void
skip_rest_of_line (JfdCsvReader *reader)
{
  while (reader->p < reader->end && *reader->p != '\r' && *reader->p != '\n')
    reader->p++;
  skip_line_break (reader);
}

char **
jfd_csv_reader_next (JfdCsvReader  *reader,
                     guint         *out_row,
                     GError       **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;

  if (reader->p >= reader->end)
    return NULL;
  reader->row++;
  *out_row = reader->row;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  for (;;)
    {
      if (reader->p < reader->end && *reader->p == '"')
        {
          /* A quoted field: up to the quote that is not doubled. */
          reader->p++;
          for (;;)
            {
              if (reader->p >= reader->end)
                {
                  jf_set_error (error, JF_ERROR_INVALID, NULL,
                                "A quoted field does not end: a closing \" is missing");
                  return NULL;
                }
              if (*reader->p == '"')
                {
                  if (reader->p + 1 < reader->end && reader->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->p += 2;
                      continue;
                    }
                  reader->p++;
                  break;
                }
              g_string_append_c (field, *reader->p++);
            }
          if (reader->p < reader->end && *reader->p != ',' && *reader->p != '\r' &&
              *reader->p != '\n')
            {
              jf_set_error (error, JF_ERROR_INVALID, NULL,
                            "Text follows a quoted field's closing quote");
              skip_rest_of_line (reader);
              return NULL;
            }
        }
      else
        {
          while (reader->p < reader->end && *reader->p != ',' && *reader->p != '\r' &&
                 *reader->p != '\n')
            {
              if (*reader->p == '"')
                {
                  jf_set_error (error, JF_ERROR_INVALID, NULL,
                                "A quote inside a field that is not quoted: quote the "
                                "whole field and double the quote");
                  skip_rest_of_line (reader);
                  return NULL;
                }
              g_string_append_c (field, *reader->p++);
            }
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      g_string_truncate (field, 0);
      if (reader->p < reader->end && *reader->p == ',')
        {
          reader->p++;
          continue;
        }
      skip_line_break (reader);
      break;
    }
  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/* What a spreadsheet would evaluate: 'CSV injection'. */
static gboolean
is_formula (const char *field)
{
  return field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL;
}

const char *
jfd_csv_unguard (const char *field)
{
  return field[0] == '\'' && is_formula (field + 1) ? field + 1 : field;
}

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

void
jfd_csv_append_record (GString             *out,
                       const char * const  *fields,
                       guint                n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";
      gboolean formula = is_formula (field);

      if (i > 0)
        g_string_append_c (out, ',');
      if (!formula && !needs_quotes (field))
        {
          g_string_append (out, field);
          continue;
        }
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
