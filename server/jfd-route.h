/* jfd-route.h: the table of HTTP routes, shared by the router and the OpenAPI check */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JfdRequest JfdRequest;
typedef void (*JfdHandler) (JfdRequest *request);

typedef enum
{
  JFD_BODY_NONE,     /* a body is refused */
  JFD_BODY_JSON,     /* application/json, parsed and depth-checked before the handler */
  JFD_BODY_BINARY,   /* an upload; the handler checks its type by content */
} JfdBodyKind;

typedef enum
{
  JFD_AUTH_NONE,     /* open: login, health, the API document */
  JFD_AUTH_SESSION,  /* a valid bearer token */
} JfdAuthKind;

typedef struct
{
  const char  *method;
  const char  *pattern;   /* "/v1/matters/{id}/transitions" */
  JfdHandler   handler;
  JfdAuthKind  auth;
  JfdBodyKind  body;
  gboolean     writes;    /* refused to read-only roles before the handler runs */
} JfdRoute;

#define JFD_ROUTE_MAX_PARAMS 3

const JfdRoute *jfd_routes_get     (guint        *n_routes);
/* The route for @method and @path, its path parameters in @params (owned by the caller),
 * or NULL with *@path_known set when the path exists under another method (405). */
const JfdRoute *jfd_routes_match   (const char   *method,
                                    const char   *path,
                                    char        **params,
                                    gboolean     *path_known);

/* "GET, PATCH": the methods @path is served with, for a 405's Allow header. */
char           *jfd_routes_allowed (const char   *path);

G_END_DECLS
