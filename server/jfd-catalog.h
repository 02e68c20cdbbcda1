/* jfd-catalog.h: the reference data every request consults, held in memory
 *
 * The org tree (about 1,900 units), departments, categories, deadline rules and the
 * holiday calendar change rarely and only by an administrator, yet intake and every scope
 * check need them. A catalog is an immutable snapshot loaded in one go; a change loads a
 * new one and swaps it in (jfd-shared.h), so readers on any thread need no lock.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jf-calendar.h"
#include "jf-deadline.h"
#include "jf-enums.h"

G_BEGIN_DECLS

typedef struct
{
  int      id;
  char    *code;
  char    *name;
  JfLevel  level;
  int      parent_id;     /* 0: none */
  int      county_id;     /* ancestors, self included; 0: none */
  int      township_id;
  int      village_id;
  int      population;
} JfdOrgUnit;

typedef struct
{
  int      id;
  char    *code;
  char    *kind;
  char    *name;
  int      county_id;
  int      serves_org_id; /* 0: the whole county */
  gboolean active;
} JfdDepartment;

typedef struct
{
  char    *slug;
  char    *name_zh;
  char    *name_en;
  gboolean active;
} JfdCategory;

typedef struct
{
  int             id;
  char           *stage;
  char           *kind;      /* NULL: any */
  char           *category;  /* NULL: any */
  JfDeadlineRule  rule;
} JfdRule;

typedef struct _JfdCatalog JfdCatalog;

/* Blocking: at start-up and on the notifier's thread, never on a server loop. */
JfdCatalog          *jfd_catalog_load            (PGconn      *conn,
                                                  GError     **error);
JfdCatalog          *jfd_catalog_ref             (JfdCatalog  *catalog);
void                 jfd_catalog_unref           (JfdCatalog  *catalog);

const JfdOrgUnit    *jfd_catalog_org_by_code     (JfdCatalog  *catalog,
                                                  const char  *code);
const JfdOrgUnit    *jfd_catalog_org_by_id       (JfdCatalog  *catalog,
                                                  int          id);
GPtrArray           *jfd_catalog_get_orgs        (JfdCatalog  *catalog);  /* borrowed */
const JfdDepartment *jfd_catalog_department_by_code (JfdCatalog *catalog,
                                                  const char  *code);
const JfdDepartment *jfd_catalog_department_by_id (JfdCatalog *catalog,
                                                  int          id);
GPtrArray           *jfd_catalog_get_departments (JfdCatalog  *catalog);  /* borrowed */
const JfdCategory   *jfd_catalog_category        (JfdCatalog  *catalog,
                                                  const char  *slug);
GPtrArray           *jfd_catalog_get_categories  (JfdCatalog  *catalog);  /* borrowed */
/* The most specific rule for @stage: kind and category, kind, category, neither. */
const JfdRule       *jfd_catalog_rule            (JfdCatalog  *catalog,
                                                  const char  *stage,
                                                  const char  *kind,
                                                  const char  *category);
JfCalendar          *jfd_catalog_get_calendar    (JfdCatalog  *catalog);  /* borrowed */
/* The deadline of @stage starting at @start, or NULL when no rule covers it. */
JfDeadline          *jfd_catalog_deadline        (JfdCatalog  *catalog,
                                                  const char  *stage,
                                                  const char  *kind,
                                                  const char  *category,
                                                  GDateTime   *start,
                                                  const JfdRule **out_rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCatalog, jfd_catalog_unref)

G_END_DECLS
