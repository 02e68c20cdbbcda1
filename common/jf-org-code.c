/* jf-org-code.c: the level, parent and subtree of an administrative division code */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-org-code.h"

#define COUNTY_LENGTH 6
#define PART_LENGTH 3   /* each level below the county */

static gboolean
is_zeros (const char *text,
          gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (text[i] != '0')
      return FALSE;
  return TRUE;
}

gboolean
jf_org_code_parse (const char  *code,
                   JfLevel     *out_level,
                   GError     **error)
{
  static const char * const part_names[] = { "township", "village", "grid" };
  gsize len = code != NULL ? strlen (code) : 0;
  JfLevel level;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (code[i]))
      {
        jf_set_error (error, JF_ERROR_INVALID, NULL,
                      "An administrative code is made of digits only");
        return FALSE;
      }
  if (len < COUNTY_LENGTH || len > COUNTY_LENGTH + 3 * PART_LENGTH
      || (len - COUNTY_LENGTH) % PART_LENGTH != 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "An administrative code has 6 (city or county), 9 (township), "
                    "12 (village) or 15 (grid) digits, not %" G_GSIZE_FORMAT, len);
      return FALSE;
    }
  if (is_zeros (code, 2))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "An administrative code cannot start with 00");
      return FALSE;
    }
  if (is_zeros (code + 2, 4))
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "%.6s is a province, above the platform's city", code);
      return FALSE;
    }
  if (len == COUNTY_LENGTH)
    level = is_zeros (code + 4, 2) ? JF_LEVEL_CITY : JF_LEVEL_COUNTY;
  else
    {
      /* "000" below the county would name the level above, not a unit of its own. */
      for (gsize part = 0; COUNTY_LENGTH + part * PART_LENGTH < len; part++)
        if (is_zeros (code + COUNTY_LENGTH + part * PART_LENGTH, PART_LENGTH))
          {
            jf_set_error (error, JF_ERROR_INVALID, NULL,
                          "The %s part of an administrative code cannot be 000",
                          part_names[part]);
            return FALSE;
          }
      level = JF_LEVEL_COUNTY + (len - COUNTY_LENGTH) / PART_LENGTH;
    }
  if (out_level != NULL)
    *out_level = level;
  return TRUE;
}

char *
jf_org_code_parent (const char *code)
{
  JfLevel level;

  if (!jf_org_code_parse (code, &level, NULL))
    return NULL;
  switch (level)
    {
    case JF_LEVEL_CITY:
      return NULL;
    case JF_LEVEL_COUNTY:
      return g_strdup_printf ("%.4s00", code);
    case JF_LEVEL_TOWNSHIP:
    case JF_LEVEL_VILLAGE:
    case JF_LEVEL_GRID:
      return g_strndup (code, strlen (code) - PART_LENGTH);
    case JF_N_LEVELS:
    default:
      g_assert_not_reached ();
    }
}

gboolean
jf_org_code_is_within (const char *code,
                       const char *ancestor)
{
  JfLevel level, ancestor_level;

  if (!jf_org_code_parse (code, &level, NULL)
      || !jf_org_code_parse (ancestor, &ancestor_level, NULL)
      || ancestor_level > level)
    return FALSE;
  /* A city's own code ends in "00", which its counties' codes do not. */
  if (ancestor_level == JF_LEVEL_CITY)
    return strncmp (code, ancestor, 4) == 0;
  return strncmp (code, ancestor, strlen (ancestor)) == 0;
}
