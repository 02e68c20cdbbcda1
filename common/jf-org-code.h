/* jf-org-code.h: administrative division codes of the org tree (DOMAIN.md §1, §8)
 *
 * GB/T 2260 gives 6 digits: province (2), prefecture (2), county (2). The national
 * statistical division codes extend them by 3 digits a level: a township is its county's
 * code + 3 digits, a village its township's + 3. The platform adds a grid as the village's
 * code + 3. So the length gives the level, except at 6 digits:
 *   220000  a province: above the platform (it serves one city), refused;
 *   220400  a city (prefecture-level): ends in "00";
 *   220402  a county or district: anything else.
 * A city's subtree is every code that starts with its first 4 digits: a plain prefix test
 * on "220400" would miss its own counties, 220402 and 220421. Below the county, parents
 * are found by cutting 3 digits, so the townships of a city without counties (东莞,
 * 441900003) have the city as their parent.
 */
#pragma once

#include <glib.h>

#include "jf-enums.h"

G_BEGIN_DECLS

/* The level of @code. JF_ERROR_INVALID, without a field (the caller knows its path), for
 * anything but 6, 9, 12 or 15 digits, a province, or a level part of all zeros. */
gboolean jf_org_code_parse     (const char  *code,
                                JfLevel     *out_level,
                                GError     **error);

/* The code one level up: 220402001 → 220402, 220402 → 220400; NULL for a city and for
 * anything jf_org_code_parse () refuses. */
char    *jf_org_code_parent    (const char  *code);

/* Whether @code lies in the subtree of @ancestor, itself included. FALSE when either is
 * not a valid code. */
gboolean jf_org_code_is_within (const char  *code,
                                const char  *ancestor);

G_END_DECLS
