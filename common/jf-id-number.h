/* jf-id-number.h: PRC resident identity numbers, GB 11643-1999 (DOMAIN.md §7)
 *
 * 18 characters: a 6-digit address code (the region where the number was issued), the
 * birth date as YYYYMMDD, a 3-digit sequence whose last digit is odd for men and even for
 * women, and a check character (0-9 or X) over the first 17 (ISO 7064 MOD 11-2).
 *
 * The 15-digit numbers issued before 1999 (2-digit year, no check character) are refused:
 * a number without a check character cannot be told from a typing mistake, and every
 * such holder has had an 18-digit card since. jf_id_number_upgrade_legacy () computes the
 * 18-digit form, so that a clerk can be offered it to confirm against the card; nothing
 * accepts 15 digits silently.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     number[19];   /* the normalised number: 18 characters, an upper-case X */
  char     region[7];    /* the 6-digit address code */
  GDate    birth_date;
  gboolean male;
} JfIdNumber;

/* Checks @text as an 18-character number, born neither before 1900-01-01 nor after @today
 * (a civil date in China Standard Time, passed in so that callers and tests control it).
 * A lower-case x is accepted and normalised. On failure, JF_ERROR_INVALID without a field:
 * the caller knows where the number came from and prefixes the path. @out may be NULL. */
gboolean jf_id_number_validate_at     (const char   *text,
                                       const GDate  *today,
                                       JfIdNumber   *out,
                                       GError      **error);
/* The same, with today's date in Asia/Shanghai. */
gboolean jf_id_number_validate        (const char   *text,
                                       JfIdNumber   *out,
                                       GError      **error);

/* The check character ('0'-'9' or 'X') of the first 17 characters of @digits, which must
 * be digits; '\0' if they are not. */
char     jf_id_number_check_character (const char   *digits);

/* The 18-digit form of a 15-digit pre-1999 number: "19" inserted before the 2-digit year,
 * and the check character appended. JF_ERROR_INVALID unless @legacy is 15 digits holding
 * a real date. The result still needs confirming against the card and validating. */
char    *jf_id_number_upgrade_legacy  (const char   *legacy,
                                       GError      **error);

/* For lists: 2204**********1234. Anything that is not 18 characters keeps only its last
 * 4 (and shorter strings are masked whole), so a malformed number leaks no more. NULL
 * gives "". */
char    *jf_id_number_mask            (const char   *id);

G_END_DECLS
