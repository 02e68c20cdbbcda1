/* jfd-migrations.h: the database schema's versions
 *
 * The migrations are schema/NNNN-name.sql, compiled into the binary as a GResource under
 * /org/jiefen/schema/. Applied versions are recorded in public.jf_migrations (not in
 * schema jf, which migration 0001 itself creates). Applying is for jiefenctl; jiefend
 * only checks, at start-up, that the database is exactly at the version it was built for.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define JFD_MIGRATIONS_ERROR (jfd_migrations_error_quark ())

typedef enum
{
  JFD_MIGRATIONS_ERROR_RESOURCE,     /* the compiled-in list is broken (a build bug) */
  JFD_MIGRATIONS_ERROR_NOT_MIGRATED, /* no jf_migrations table: never migrated */
  JFD_MIGRATIONS_ERROR_OUTDATED,     /* migrations are pending: run jiefenctl migrate */
  JFD_MIGRATIONS_ERROR_NEWER,        /* the database has versions this binary does not know */
  JFD_MIGRATIONS_ERROR_MISMATCH,     /* a version is recorded under another name */
} JfdMigrationsErrorCode;

/* The advisory lock key that serialises migrators ("jfmigr" in ASCII). */
#define JFD_MIGRATIONS_LOCK_KEY G_GINT64_CONSTANT (0x6a666d696772)

typedef struct
{
  guint  version;        /* NNNN */
  char  *name;           /* the part after "NNNN-", without ".sql" */
  char  *resource_path;  /* NULL: recorded in the database, unknown to this binary */
  char  *applied_at;     /* NULL: pending; else as PostgreSQL prints a timestamptz */
} JfdMigration;

GQuark        jfd_migrations_error_quark   (void);

void          jfd_migration_free           (JfdMigration        *migration);

/* The migrations compiled in, by version; element type JfdMigration (applied_at NULL).
 * Fails if a name is malformed or versions are not 1, 2, 3, ... without a gap. */
GPtrArray    *jfd_migrations_list          (GError             **error);
/* The highest compiled-in version. */
guint         jfd_migrations_latest        (void);
/* The text of @migration, from the resource. */
GBytes       *jfd_migration_get_sql        (const JfdMigration  *migration,
                                            GError             **error);

/* Every compiled-in migration with its applied_at filled from @conn, followed by any
 * version the database has and this binary does not know (resource_path NULL). */
GPtrArray    *jfd_migrations_status        (PGconn              *conn,
                                            GError             **error);

typedef void (*JfdMigrationAppliedFunc)    (const JfdMigration  *migration,
                                            double               seconds,
                                            gpointer             user_data);

/* Creates public.jf_migrations if missing, then applies each pending migration in its
 * own transaction, holding the advisory lock JFD_MIGRATIONS_LOCK_KEY so that two
 * migrators do not race; @applied (may be NULL) is told after each commit. Refuses a
 * database that has versions newer than this binary's. @conn must be idle (no open
 * transaction). @out_n_applied (may be NULL): how many were applied; 0 means the database
 * was up to date. */
gboolean      jfd_migrations_apply         (PGconn                  *conn,
                                            JfdMigrationAppliedFunc  applied,
                                            gpointer                 user_data,
                                            guint                   *out_n_applied,
                                            GError                 **error);

/* For jiefend's start-up: TRUE only if the database has exactly this binary's versions.
 * Otherwise JFD_MIGRATIONS_ERROR_NOT_MIGRATED, _OUTDATED, _NEWER or _MISMATCH, with a
 * message that says what to run. */
gboolean      jfd_migrations_check_current (PGconn              *conn,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdMigration, jfd_migration_free)

G_END_DECLS
