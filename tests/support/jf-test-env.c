/* jf-test-env.c: database, server and sessions for a db test */
#include "config.h"

#include <libpq-fe.h>
#include <stdlib.h>

#include "jf-test-db.h"
#include "jf-test-env.h"

JfTestEnv *
jf_test_env_new_with (const char * const *server_env)
{
  JfTestEnv *env = g_new0 (JfTestEnv, 1);
  g_autoptr(GError) error = NULL;

  /* The template already gives every demo account JF_TEST_PASSWORD. */
  env->conninfo = jf_test_db_create (&error);
  g_assert_no_error (error);
  {
    /* The server is started with the extra environment in place. */
    JfTestServer *server;

    if (server_env != NULL)
      {
        for (guint i = 0; server_env[i] != NULL; i++)
          {
            g_auto(GStrv) kv = g_strsplit (server_env[i], "=", 2);
            g_setenv (kv[0], kv[1], TRUE);
          }
      }
    server = jf_test_server_start (env->conninfo, NULL);
    if (server_env != NULL)
      for (guint i = 0; server_env[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (server_env[i], "=", 2);
          g_unsetenv (kv[0]);
        }
    env->server = server;
  }
  env->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return env;
}

JfTestEnv *
jf_test_env_new (void)
{
  return jf_test_env_new_with (NULL);
}

void
jf_test_env_free (JfTestEnv *env)
{
  g_autoptr(GError) error = NULL;

  if (env == NULL)
    return;
  g_clear_pointer (&env->server, jf_test_server_free);
  jf_test_db_drop (env->conninfo, &error);
  g_hash_table_unref (env->tokens);
  g_free (env->conninfo);
  g_free (env);
}

const char *
jf_test_env_token (JfTestEnv  *env,
                   const char *username)
{
  char *token = g_hash_table_lookup (env->tokens, username);

  if (token == NULL)
    {
      token = jf_test_sign_in (env->server, username, JF_TEST_PASSWORD);
      g_hash_table_insert (env->tokens, g_strdup (username), token);
    }
  return token;
}

static PGresult *
run_sql (JfTestEnv  *env,
         const char *sql)
{
  PGconn *conn = PQconnectdb (env->conninfo);
  PGresult *res;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test database: %s", PQerrorMessage (conn));
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("SQL failed: %s\n%s", PQresultErrorMessage (res), sql);
  PQfinish (conn);
  return res;
}

void
jf_test_env_sql (JfTestEnv  *env,
                 const char *sql)
{
  PQclear (run_sql (env, sql));
}

char *
jf_test_env_sql_text (JfTestEnv  *env,
                      const char *sql)
{
  PGresult *res = run_sql (env, sql);
  char *text = PQntuples (res) > 0 && !PQgetisnull (res, 0, 0)
               ? g_strdup (PQgetvalue (res, 0, 0)) : NULL;

  PQclear (res);
  return text;
}

gint64
jf_test_env_sql_int (JfTestEnv  *env,
                     const char *sql)
{
  g_autofree char *text = jf_test_env_sql_text (env, sql);

  if (text == NULL)
    g_error ("SQL gave no number: %s", sql);
  return g_ascii_strtoll (text, NULL, 10);
}

char *
jf_test_intake_body (const char *title,
                     const char *org)
{
  return g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
    "\"title\":\"%s\",\"narrative\":\"申请人反映楼上住户长期在夜间制造噪音，多次沟通无果。\","
    "\"location\":{\"org\":\"%s\",\"address\":\"福镇小区3栋\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\",\"id_number\":\"11010519491231002X\","
    "\"phone\":\"13800000000\"},{\"role\":\"respondent\",\"name\":\"李四\"}]}",
    title, org);
}

gint64
jf_test_env_register (JfTestEnv  *env,
                      const char *username,
                      const char *title,
                      const char *org)
{
  g_autofree char *body = jf_test_intake_body (title, org);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                 jf_test_env_token (env, username), body);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}
