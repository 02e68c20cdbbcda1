/* jfd-engine-registry-csv-private.h: what the CSV files of the registry look like, shared by
 * import (jfd-engine-registry-csv.c) and export (jfd-engine-registry-csv-export.c) */
#pragma once

#include "jfd-engine-registry-private.h"

G_BEGIN_DECLS

typedef enum
{
  JFD_CSV_TEXT,
  JFD_CSV_LIST,    /* tags: separated by ; (or 、 | , and their full-width forms) */
  JFD_CSV_NUMBER,  /* read as a JSON number, so that the body's check applies as is */
} JfdCsvCellType;

typedef struct
{
  const char     *column;    /* in the file's header */
  const char     *member;    /* in the body of POST /v1/<kind> */
  JfdCsvCellType  type;
  gboolean        required;  /* the header must name it */
  gboolean        sealed;    /* exported masked, or sealed to be opened (reveal) */
} JfdCsvColumn;

typedef struct
{
  JfdRegistryKind     kind;
  const char         *plural;          /* "people": the audit log's action, messages */
  const char         *singular;        /* "person" */
  const JfdCsvColumn *columns;         /* in the export's order */
  guint               n_columns;
  const JfdStatement *import_stmt;     /* $1: {kind (plural), actor, rows} */
  const JfdStatement *export_stmt;     /* id, then the columns in their order */
  /* Members of "set" that two rows of one file may not share (all of them given), the
   * column such a row is reported at, and what they share. */
  const char * const *unique;
  const char         *unique_column;
  const char         *unique_what;
  gboolean            scoped;          /* an export is of the caller's subtree; else public */
} JfdCsvShape;

/* People, places and organisations; NULL for things, which have no file. */
const JfdCsvShape *jfd_registry_csv_shape (JfdRegistryKind kind);

G_END_DECLS
