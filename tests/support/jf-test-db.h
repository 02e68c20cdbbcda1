/* jf-test-db.h: a fresh database per test, migrated and seeded, on the test cluster
 *
 * ./test.sh runs a throw-away PostgreSQL cluster and exports JF_TEST_PGHOST, JF_TEST_PGPORT
 * and JF_TEST_PGUSER (a role that may create databases). The first test binary builds a
 * template database with every migration and `jiefenctl seed` applied, and the demo
 * accounts' passwords set to JF_TEST_PASSWORD; each test then gets a copy of it, which is
 * a file copy in PostgreSQL and takes a fraction of a second. The template's name carries
 * a hash of the migrations, so a changed schema builds a new one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The password of every demo account in a test database. */
#define JF_TEST_PASSWORD "Test-password-2026"

/* A new database; the conninfo to reach it. Fails the test (with a clear message) when
 * the JF_TEST_* variables are missing: a db test never silently skips. */
char     *jf_test_db_create        (GError     **error);
gboolean  jf_test_db_drop          (const char  *conninfo,
                                    GError     **error);
/* Gives @username a new password through `jiefenctl account passwd`. */
gboolean  jf_test_db_set_password  (const char  *conninfo,
                                    const char  *username,
                                    const char  *password,
                                    GError     **error);
/* The conninfo of the test cluster's maintenance database. */
char     *jf_test_db_admin_conninfo (void);
/* Runs the built jiefenctl with --database @conninfo and @args; its stdout in
 * *@out_stdout (may be NULL) and its exit status. */
int       jf_test_db_jiefenctl     (const char          *conninfo,
                                    const char * const  *args,
                                    const char          *stdin_text,
                                    char               **out_stdout,
                                    GError             **error);

G_END_DECLS
