/* jf-ctl-run.h: what the jiefenctl tests share: running the built jiefenctl, empty
 * databases on the test cluster, and blocking SQL to check results in the database */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* exit status; -1 if it did not exit */
  char *out;
  char *err;
} JfCtlRun;

/* Runs JF_BUILD_ROOT/server/ctl/jiefenctl --database @conninfo ARGS..., with @env
 * (KEY=VALUE strings, NULL-terminated; may be NULL) added to the environment and
 * @stdin_text (may be NULL) on its standard input. */
JfCtlRun *jf_ctl_run               (const char          *conninfo,
                                    const char * const  *env,
                                    const char          *stdin_text,
                                    const char          *first_arg,
                                    ...) G_GNUC_NULL_TERMINATED;
void      jf_ctl_run_free          (JfCtlRun            *run);

/* A new empty database (no template of ours) on the JF_TEST_* cluster; fails the test
 * with a clear message if those variables are not set. */
char     *jf_ctl_empty_database    (void);
void      jf_ctl_drop_database     (const char          *conninfo);

PGconn   *jf_ctl_sql_connect       (const char          *conninfo);
/* The first column of the first row; the test fails if the statement does. */
gint64    jf_ctl_sql_int           (PGconn              *conn,
                                    const char          *sql);
char     *jf_ctl_sql_text          (PGconn              *conn,
                                    const char          *sql);
void      jf_ctl_sql               (PGconn              *conn,
                                    const char          *sql);

#define jf_ctl_assert_exit(run, expected)                                              \
  G_STMT_START {                                                                       \
    JfCtlRun *r__ = (run);                                                             \
    if (r__->status != (expected))                                                     \
      g_error ("%s:%d: jiefenctl exited %d, expected %d\nstdout: %s\nstderr: %s",      \
               __FILE__, __LINE__, r__->status, (expected), r__->out, r__->err);       \
  } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfCtlRun, jf_ctl_run_free)

G_END_DECLS
