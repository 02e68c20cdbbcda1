/* jf-test-env.h: a fresh database with the Liaoyuan seed, a running jiefend on it, and the
 * demo accounts signed in: what most db tests start from.
 */
#pragma once

#include "jf-test-db.h"
#include "jf-test-server.h"

G_BEGIN_DECLS

typedef struct
{
  char         *conninfo;
  JfTestServer *server;
  GHashTable   *tokens;   /* username → bearer token */
} JfTestEnv;

JfTestEnv  *jf_test_env_new         (void);
/* Like jf_test_env_new, with extra KEY=VALUE for jiefend's environment. */
JfTestEnv  *jf_test_env_new_with    (const char * const *server_env);
void        jf_test_env_free        (JfTestEnv  *env);
/* A token for a demo account, signed in on first use. */
const char *jf_test_env_token       (JfTestEnv  *env,
                                     const char *username);

/* Blocking SQL on the test database, for what a test checks behind the API. */
gint64      jf_test_env_sql_int     (JfTestEnv  *env,
                                     const char *sql);
char       *jf_test_env_sql_text    (JfTestEnv  *env,
                                     const char *sql);
void        jf_test_env_sql         (JfTestEnv  *env,
                                     const char *sql);

/* A valid intake body at @org with two parties; @title makes it findable. */
char       *jf_test_intake_body     (const char *title,
                                     const char *org);
/* Registers a matter as @username and returns its id. */
gint64      jf_test_env_register    (JfTestEnv  *env,
                                     const char *username,
                                     const char *title,
                                     const char *org);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfTestEnv, jf_test_env_free)

G_END_DECLS
