/* jf-phone.h: mainland phone numbers of residents and staff (DOMAIN.md §7)
 *
 * A mobile number is 11 digits, 1[3-9]\d{9}. A landline carries its area code:
 * 0\d{2,3}-?\d{7,8} (e.g. 0437-3221234). Exactly these spellings: no spaces, no +86, so
 * that one person's number is stored one way and repeat parties are found by it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JF_PHONE_MOBILE,
  JF_PHONE_LANDLINE,
} JfPhoneKind;

/* JF_ERROR_INVALID, without a field (the caller prefixes its path), unless @text is a
 * mobile or landline number as above. @out_kind may be NULL. */
gboolean jf_phone_validate (const char   *text,
                            JfPhoneKind  *out_kind,
                            GError      **error);

/* For lists: a mobile number keeps its first 3 and last 4 digits (138****0000), a landline
 * its area code and last 4 digits (0437-***1234); anything else only its last 4. NULL
 * gives "". */
char    *jf_phone_mask     (const char   *phone);

G_END_DECLS
