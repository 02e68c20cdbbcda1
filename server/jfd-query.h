/* jfd-query.h: the parts of a filtered list's SQL (the queue of matters, registry searches)
 *
 * Filters choose fixed SQL fragments and values travel as parameters: a condition is a
 * fragment whose "%s" stands for its parameter. Each distinct text is one statement for
 * the whole process, prepared on first use unless it must be planned for its values.
 */
#pragma once

#include <glib.h>

#include "jfd-actor.h"
#include "jfd-catalog.h"
#include "jfd-pool.h"

G_BEGIN_DECLS

/* Adds a copy of @value to @params (char *, owned); its number, as in "$3". */
guint               jfd_query_param     (GPtrArray   *params,
                                         const char  *value);
/* Appends " AND " and @format, whose "%s" (once or more) is parameter @n. */
void                jfd_query_and       (GString     *to,
                                         const char  *format,
                                         guint        n);
/* The statement whose text is @sql: one per text for the whole process, named
 * "@prefix_N" and prepared when @prepared, or sent unprepared (planned for its
 * parameters on every call) otherwise. */
const JfdStatement *jfd_query_statement (const char  *prefix,
                                         const char  *sql,
                                         int          n_params,
                                         gboolean     prepared);
/* The unit a list is of: @code's (NULL: the actor's own), refused when there is no such
 * unit (JF_ERROR_INVALID) or it lies outside the actor's subtree (FORBIDDEN), both at the
 * field "org". */
const JfdOrgUnit   *jfd_query_root      (JfdActor    *actor,
                                         JfdCatalog  *catalog,
                                         const char  *code,
                                         GError     **error);

G_END_DECLS
