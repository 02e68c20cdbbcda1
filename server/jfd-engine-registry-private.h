/* jfd-engine-registry-private.h: what the registry's files share
 *
 * The registry (DOMAIN.md §7) is read and written by jfd-engine-registry.c (records),
 * jfd-engine-registry-search.c (finding them), jfd-engine-people-csv.c (import and export)
 * and jfd-engine-repeat.c (links to matters, repeat disputes, risk); jfd-registry-fields.c
 * reads and checks the members of a record, for the API and for CSV rows alike.
 */
#pragma once

#include "jfd-engine-private.h"
#include "jfd-engine-registry.h"

G_BEGIN_DECLS

/* Who may read the registry: everyone but a department's liaison, who works on the
 * matters whistled to the department and on nothing else; who may change it: the same
 * but the auditors. Whole numbers are for jfd_personal_may_reveal ()'s roles. */
#define JFD_REGISTRY_READERS (JF_ALL_ROLES & ~JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON))
#define JFD_REGISTRY_WRITERS (JFD_REGISTRY_READERS & ~JF_ROLE_BIT (JF_ROLE_AUDITOR))

#define JFD_REGISTRY_DEFAULT_LIMIT 20
#define JFD_REGISTRY_MAX_LIMIT     100

/* The singular of @kind as the database names it: "person", "place", ... */
const char *jfd_registry_kind_singular (JfdRegistryKind kind);

/* Refuses (403) an actor whose roles do not read (or, @writing, change) the registry. */
gboolean    jfd_registry_require       (JfdActor           *actor,
                                        gboolean            writing,
                                        GError            **error);
/* Whether @actor may see the record whose document is @doc, by its "scope" (null: an
 * organisation, which everyone may see). Removes "scope" either way. */
gboolean    jfd_registry_admit         (JfdActor           *actor,
                                        JsonObject         *doc);
/* The unit whose subtree @actor sees: its own, as an SQL parameter. */
char       *jfd_registry_root_param    (JfdActor           *actor);

typedef struct
{
  JfdCrypto  *crypto;   /* borrowed */
  JfdCatalog *catalog;  /* borrowed */
  JfdActor   *actor;    /* borrowed */
} JfdRegistryInput;

/* Reads the members of a @kind record in @body into @set, the columns the database writes
 * (as jsonb_populate_record reads them: bytea as \x hex), and their API names into
 * @fields. @creating: required members must be there; otherwise only the members present
 * are read, and null clears an optional one. Unknown members are refused (but "version",
 * which the caller reads). Stops at the first error, which names its member. */
gboolean    jfd_registry_read          (const JfdRegistryInput *in,
                                        JfdRegistryKind     kind,
                                        JsonObject         *body,
                                        gboolean            creating,
                                        JsonObject         *set,
                                        JsonArray          *fields,
                                        GError            **error);
/* One member of a @kind record being created, for the rows of a CSV file, which report
 * every bad cell and not only the first. */
gboolean    jfd_registry_read_member   (const JfdRegistryInput *in,
                                        JfdRegistryKind     kind,
                                        const char         *member,
                                        JsonObject         *body,
                                        JsonObject         *set,
                                        GError            **error);

/* The keyed hash of @value in @domain as base64, for lookups. */
char       *jfd_registry_index_base64  (JfdCrypto          *crypto,
                                        const char         *domain,
                                        const char         *value);
/* Sealed numbers of a document, opened in place: @sealed holds base64 sealed text under
 * @doc's member names (id_number, phone). */
gboolean    jfd_registry_open_numbers  (JfdCrypto          *crypto,
                                        JsonObject         *sealed,
                                        JsonObject         *doc,
                                        GError            **error);

G_END_DECLS
