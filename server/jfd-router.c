/* jfd-router.c: matching a method and path against the route table */
#include "config.h"

#include <string.h>

#include "jfd-route.h"

/* Compares one pattern with a path, segment by segment; "{name}" takes one segment. */
static gboolean
match_pattern (const char  *pattern,
               const char  *path,
               char       **params)
{
  guint n = 0;

  while (*pattern != '\0' && *path != '\0')
    {
      if (*pattern == '{')
        {
          const char *end = strchr (path, '/');
          gsize len = end != NULL ? (gsize) (end - path) : strlen (path);

          if (len == 0 || n >= JFD_ROUTE_MAX_PARAMS)
            return FALSE;
          if (params != NULL)
            params[n] = g_strndup (path, len);
          n++;
          path += len;
          pattern = strchr (pattern, '}');
          if (pattern == NULL)
            return FALSE;
          pattern++;
          continue;
        }
      if (*pattern != *path)
        return FALSE;
      pattern++;
      path++;
    }
  return *pattern == '\0' && *path == '\0';
}

static void
clear_params (char **params)
{
  for (guint i = 0; i < JFD_ROUTE_MAX_PARAMS; i++)
    g_clear_pointer (&params[i], g_free);
}

const JfdRoute *
jfd_routes_match (const char  *method,
                  const char  *path,
                  char       **params,
                  gboolean    *path_known)
{
  guint n_routes;
  const JfdRoute *routes = jfd_routes_get (&n_routes);

  *path_known = FALSE;
  for (guint i = 0; i < n_routes; i++)
    {
      if (!match_pattern (routes[i].pattern, path, NULL))
        continue;
      *path_known = TRUE;
      if (strcmp (routes[i].method, method) != 0)
        continue;
      clear_params (params);
      match_pattern (routes[i].pattern, path, params);
      return &routes[i];
    }
  return NULL;
}

char *
jfd_routes_allowed (const char *path)
{
  guint n_routes;
  const JfdRoute *routes = jfd_routes_get (&n_routes);
  g_autoptr(GString) allowed = g_string_new (NULL);

  for (guint i = 0; i < n_routes; i++)
    if (match_pattern (routes[i].pattern, path, NULL))
      g_string_append_printf (allowed, "%s%s", allowed->len > 0 ? ", " : "", routes[i].method);
  return g_string_free (g_steal_pointer (&allowed), FALSE);
}
