/* jf-json-prescan.c: one linear pass over untrusted bytes before json-glib parses them
 *
 * json-glib 1.6 recurses once per nesting level with no limit, so depth is bounded here,
 * where it costs nothing. Its scanner is also lenient (octal, hex, "- 5", comments,
 * single quotes, anything after the first value), so this pass accepts only the lexical
 * grammar of RFC 8259; json-glib is left to check the structure, which it does well.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jf-error.h"
#include "jf-json.h"

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.' || c == '_';
}

static gsize
skip_digits (const char *text,
             gsize       pos,
             gsize       len)
{
  while (pos < len && g_ascii_isdigit (text[pos]))
    pos++;
  return pos;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? over the whole token. */
static gboolean
number_matches_grammar (const char *token,
                        gsize       len,
                        gsize      *out_int_digits,
                        gboolean   *out_integral)
{
  gsize pos = token[0] == '-' ? 1 : 0;
  gsize start = pos;

  if (pos < len && token[pos] == '0')
    pos++;
  else if (pos < len && token[pos] >= '1' && token[pos] <= '9')
    pos = skip_digits (token, pos, len);
  if (pos == start)
    return FALSE;
  *out_int_digits = pos - start;
  *out_integral = TRUE;

  if (pos < len && token[pos] == '.')
    {
      start = ++pos;
      pos = skip_digits (token, pos, len);
      if (pos == start)
        return FALSE;
      *out_integral = FALSE;
    }
  if (pos < len && (token[pos] == 'e' || token[pos] == 'E'))
    {
      pos++;
      if (pos < len && (token[pos] == '+' || token[pos] == '-'))
        pos++;
      start = pos;
      pos = skip_digits (token, pos, len);
      if (pos == start)
        return FALSE;
      *out_integral = FALSE;
    }
  return pos == len;
}

static gboolean
check_number (const char  *token,
              gsize        len,
              gsize        offset,
              GError     **error)
{
  gsize int_digits = 0;
  gboolean integral = TRUE;

  if (!number_matches_grammar (token, len, &int_digits, &integral))
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                    "invalid number at byte %" G_GSIZE_FORMAT, offset);
      return FALSE;
    }
  /* json-glib would wrap it silently; the grammar forbids leading zeros, so the count of
   * digits is the magnitude. */
  if (integral && int_digits > JF_JSON_MAX_INTEGER_DIGITS)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                    "number out of range at byte %" G_GSIZE_FORMAT
                    " (integers have at most %d digits)", offset,
                    JF_JSON_MAX_INTEGER_DIGITS);
      return FALSE;
    }
  if (!integral)
    {
      g_autofree char *copy = g_strndup (token, len);

      /* json-glib would read 1e400 as infinity and write it back as "inf.0". */
      if (!isfinite (g_ascii_strtod (copy, NULL)))
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "number out of range at byte %" G_GSIZE_FORMAT, offset);
          return FALSE;
        }
    }
  return TRUE;
}

/* A bare word: true, false, null or a number; JSON has no other. */
static gboolean
scan_word (const char  *data,
           gsize        len,
           gsize       *pos,
           GError     **error)
{
  gsize start = *pos;
  gsize end = start;
  gsize n;

  while (end < len && is_word_char (data[end]))
    end++;
  n = end - start;
  *pos = end;
  if ((n == 4 && memcmp (data + start, "true", 4) == 0) ||
      (n == 5 && memcmp (data + start, "false", 5) == 0) ||
      (n == 4 && memcmp (data + start, "null", 4) == 0))
    return TRUE;
  if (g_ascii_isdigit (data[start]) || data[start] == '-' || data[start] == '+' ||
      data[start] == '.')
    return check_number (data + start, n, start, error);
  jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                "invalid token at byte %" G_GSIZE_FORMAT, start);
  return FALSE;
}

/* The code unit of the \u escape (four hex digits) at @pos, or -1 if there is none. */
static int
unicode_escape (const char *data,
                gsize       len,
                gsize       pos)
{
  int unit = 0;

  if (pos + 6 > len || data[pos] != '\\' || data[pos + 1] != 'u')
    return -1;
  for (gsize i = pos + 2; i < pos + 6; i++)
    {
      if (!g_ascii_isxdigit (data[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (data[i]);
    }
  return unit;
}

static gboolean
check_escape (const char  *data,
              gsize        len,
              gsize        pos,
              gsize       *out_size,
              GError     **error)
{
  char c = pos + 1 < len ? data[pos + 1] : '\0';

  if (c != '\0' && strchr ("\"\\/bfnrt", c) != NULL)
    {
      *out_size = 2;
      return TRUE;
    }
  if (c == 'u' && unicode_escape (data, len, pos) >= 0)
    {
      int unit = unicode_escape (data, len, pos);
      int low = unicode_escape (data, len, pos + 6);

      /* A C string cannot hold U+0000: json-glib would cut the text short there. */
      if (unit == 0)
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "\\u0000 in a string at byte %" G_GSIZE_FORMAT, pos);
          return FALSE;
        }
      /* Half a surrogate pair is no character: json-glib would make bytes that are not
       * UTF-8 of it (and leak). A high half must be followed by a low one. */
      if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF)
        {
          *out_size = 12;
          return TRUE;
        }
      if (unit >= 0xD800 && unit <= 0xDFFF)
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "half of a UTF-16 surrogate pair (\\u%.4s) in a string at byte %"
                        G_GSIZE_FORMAT, data + pos + 2, pos);
          return FALSE;
        }
      *out_size = 6;
      return TRUE;
    }
  jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                "invalid escape in a string at byte %" G_GSIZE_FORMAT, pos);
  return FALSE;
}

static gboolean
scan_string (const char  *data,
             gsize        len,
             gsize       *pos,
             GError     **error)
{
  gsize start = *pos;
  gsize i = start + 1;

  while (i < len)
    {
      guchar c = (guchar) data[i];
      gsize size = 1;

      if (c == '"')
        {
          *pos = i + 1;
          return TRUE;
        }
      if (c < 0x20)
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "control character in a string at byte %" G_GSIZE_FORMAT, i);
          return FALSE;
        }
      if (c == '\\' && !check_escape (data, len, i, &size, error))
        return FALSE;
      i += size;
    }
  jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                "unterminated string at byte %" G_GSIZE_FORMAT, start);
  return FALSE;
}

gboolean
jf_json_prescan (const char  *data,
                 gsize        len,
                 guint        max_depth,
                 GError     **error)
{
  const char *end = NULL;
  const char *nul;
  guint depth = 0;
  gboolean seen_value = FALSE;
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (max_depth == 0)
    max_depth = JF_JSON_DEFAULT_MAX_DEPTH;
  nul = len > 0 ? memchr (data, '\0', len) : NULL;
  if (nul != NULL)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                    "NUL byte at byte %" G_GSIZE_FORMAT, (gsize) (nul - data));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                    "not valid UTF-8 at byte %" G_GSIZE_FORMAT, (gsize) (end - data));
      return FALSE;
    }

  while (pos < len)
    {
      char c = data[pos];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':')
        {
          pos++;
          continue;
        }
      if (c == ']' || c == '}')
        {
          if (depth == 0)
            {
              jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                            "unbalanced “%c” at byte %" G_GSIZE_FORMAT, c, pos);
              return FALSE;
            }
          depth--;
          pos++;
          continue;
        }
      /* Everything else starts a value: json-glib stops after the first one at the top
       * level and ignores the rest, so a second one is refused here. */
      if (depth == 0 && seen_value)
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "data after the JSON value at byte %" G_GSIZE_FORMAT, pos);
          return FALSE;
        }
      if (depth == 0)
        seen_value = TRUE;
      if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                            "nested deeper than %u at byte %" G_GSIZE_FORMAT,
                            max_depth, pos);
              return FALSE;
            }
          pos++;
        }
      else if (c == '"')
        {
          if (!scan_string (data, len, &pos, error))
            return FALSE;
        }
      else if (is_word_char (c))
        {
          if (!scan_word (data, len, &pos, error))
            return FALSE;
        }
      else
        {
          jf_set_error (error, JF_ERROR_MALFORMED, NULL,
                        "unexpected character at byte %" G_GSIZE_FORMAT, pos);
          return FALSE;
        }
    }
  return TRUE;
}
