/* jf-phone.c: checking and masking phone numbers, without GRegex: the two shapes are
 * simple, and these run for every party of every list the client shows. */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-phone.h"

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_mobile (const char *text,
           gsize       len)
{
  return len == 11 && text[0] == '1' && text[1] >= '3' && text[1] <= '9'
         && all_digits (text, len);
}

/* The length of the area code (with its 0), or 0 if @text is no landline. */
static gsize
landline_area_length (const char *text,
                      gsize       len)
{
  const char *dash;

  if (len == 0 || text[0] != '0')
    return 0;
  dash = memchr (text, '-', len);
  if (dash != NULL)
    {
      gsize area = (gsize) (dash - text), local = len - area - 1;

      if (area < 3 || area > 4 || local < 7 || local > 8)
        return 0;
      return all_digits (text, area) && all_digits (dash + 1, local) ? area : 0;
    }
  /* Without the dash the split is ambiguous; 3 is what the mask may safely show. */
  return len >= 10 && len <= 12 && all_digits (text, len) ? 3 : 0;
}

gboolean
jf_phone_validate (const char   *text,
                   JfPhoneKind  *out_kind,
                   GError      **error)
{
  gsize len = text != NULL ? strlen (text) : 0;
  JfPhoneKind kind;

  if (is_mobile (text, len))
    kind = JF_PHONE_MOBILE;
  else if (landline_area_length (text, len) > 0)
    kind = JF_PHONE_LANDLINE;
  else
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "A phone number is either a mobile number (11 digits, starting 13 to 19) "
                    "or a landline with its area code (e.g. 0437-3221234)");
      return FALSE;
    }
  if (out_kind != NULL)
    *out_kind = kind;
  return TRUE;
}

char *
jf_phone_mask (const char *phone)
{
  gsize len = phone != NULL ? strlen (phone) : 0;
  gsize keep_head, keep_tail = 4;
  GString *masked;

  if (phone == NULL)
    return g_strdup ("");
  if (is_mobile (phone, len))
    keep_head = 3;
  else if ((keep_head = landline_area_length (phone, len)) > 0)
    keep_head += phone[keep_head] == '-';
  else if (len > 4 && all_digits (phone, len))
    keep_head = 0;
  else
    /* Not a number we know: hide it whole rather than cut a multi-byte character. */
    keep_head = keep_tail = 0;

  masked = g_string_new_len (phone, keep_head);
  for (gsize i = keep_head; i + keep_tail < len; i++)
    g_string_append_c (masked, '*');
  g_string_append_len (masked, phone + len - keep_tail, keep_tail);
  return g_string_free (masked, FALSE);
}
