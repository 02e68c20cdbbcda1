/* test-api-sessions.c: signing in and out (POST /v1/sessions, DELETE /v1/sessions/current,
 * GET /v1/me) against a real jiefend, and a second jiefend on the same database
 *
 * Failed sign-ins are counted per account and per address (127.0.0.1 here, 30 in 15
 * minutes), so each test that fails on purpose uses an account of its own.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

static JfTestEnv *env;

static JfTestResponse *
sign_in (JfTestServer *server,
         const char   *username,
         const char   *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username,
                                           password);

  return jf_test_request (server, "POST", "/v1/sessions", NULL, body);
}

static guint
me_status (JfTestServer *server,
           const char   *token)
{
  g_autoptr(JfTestResponse) r = jf_test_request (server, "GET", "/v1/me", token, NULL);

  return r->status;
}

/* An account of its own for a test: @role at @org, with the test password. */
static gint64
add_account (const char *username,
             const char *role,
             const char *org)
{
  g_autofree char *body = g_strdup_printf (
    "{\"username\":\"%s\",\"name\":\"会话测试\",\"roles\":[\"%s\"],\"org\":\"%s\","
    "\"password\":\"%s\"}", username, role, org, JF_TEST_PASSWORD);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/accounts",
                                                 jf_test_env_token (env, "admin"), body);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

/* Another jiefend on the same database and keys, with one server thread: a token it has
 * just checked is surely in that thread's cache. */
static JfTestServer *
start_other (void)
{
  JfTestServer *other;

  g_setenv ("JIEFEND_THREADS", "1", TRUE);
  other = jf_test_server_start (env->conninfo, env->server->key_file);
  g_unsetenv ("JIEFEND_THREADS");
  return other;
}

/* Polls for up to a second (far less than the cache's 10 s) until @token is refused. */
static guint
refused_within_a_second (JfTestServer *server,
                         const char   *token,
                         double       *out_ms)
{
  gint64 since = g_get_monotonic_time ();
  guint status;

  while ((status = me_status (server, token)) == 200 &&
         g_get_monotonic_time () < since + G_USEC_PER_SEC)
    g_usleep (10 * 1000);
  *out_ms = (g_get_monotonic_time () - since) / 1e3;
  return status;
}

static void
test_sign_in (void)
{
  g_autoptr(JfTestResponse) r = sign_in (env->server, "chuangkou", JF_TEST_PASSWORD);
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  const char *token;

  jf_test_assert_status (r, 201);
  token = jf_test_response_string (r, "token");
  /* 32 random bytes in unpadded base64url. */
  g_assert_true (g_regex_match_simple ("^[A-Za-z0-9_-]{43}$", token, 0, 0));
  expires = g_date_time_new_from_iso8601 (jf_test_response_string (r, "expires_at"), NULL);
  g_assert_nonnull (expires);
  /* The default session lasts 12 hours. */
  g_assert_cmpint (g_date_time_difference (expires, now), >, 11 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_difference (expires, now), <=,
                   12 * G_TIME_SPAN_HOUR + G_TIME_SPAN_MINUTE);

  g_assert_cmpstr (jf_test_response_string (r, "account.username"), ==, "chuangkou");
  g_assert_cmpstr (jf_test_response_string (r, "account.name"), ==, "王晓燕（窗口受理）");
  g_assert_cmpstr (jf_test_response_string (r, "account.roles.0"), ==, "reception");
  g_assert_null (jf_test_response_get (r, "account.roles.1"));
  g_assert_cmpstr (jf_test_response_string (r, "account.org.code"), ==, "220402001");
  g_assert_cmpstr (jf_test_response_string (r, "account.org.level"), ==, "township");
  g_assert_true (JSON_NODE_HOLDS_NULL (jf_test_response_get (r, "account.department")));
  g_assert_cmpstr (jf_test_response_string (r, "account.session_expires_at"), ==,
                   jf_test_response_string (r, "expires_at"));
  g_assert_null (g_strstr_len (g_bytes_get_data (r->raw, NULL), g_bytes_get_size (r->raw),
                               "argon2"));

  /* The database keeps the token's SHA-256, never the token. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  sql = g_strdup_printf ("SELECT count(*) FROM jf.sessions s JOIN jf.accounts a "
                         "ON a.id = s.account_id WHERE a.username = 'chuangkou' "
                         "AND s.token_hash = decode('%s', 'hex') AND s.revoked_at IS NULL", hash);
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM jf.sessions s WHERE s::text LIKE '%%%s%%'", token);
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 0);
  g_assert_cmpuint (me_status (env->server, token), ==, 200);
}

static void
test_me (void)
{
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", "/v1/me",
                                                 jf_test_env_token (env, "bumen"), NULL);
  g_autoptr(JfTestResponse) none = jf_test_request (env->server, "GET", "/v1/me", NULL, NULL);
  g_autoptr(JfTestResponse) basic = jf_test_request_full (env->server, "GET", "/v1/me", NULL,
                                                          NULL, NULL, "Authorization",
                                                          "Basic YnVtZW46eA==", NULL);
  g_autoptr(JfTestResponse) forged = jf_test_request (env->server, "GET", "/v1/me",
                                                      "not-a-token", NULL);

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "username"), ==, "bumen");
  g_assert_cmpstr (jf_test_response_string (r, "roles.0"), ==, "department_liaison");
  g_assert_cmpstr (jf_test_response_string (r, "department"), ==, "220402-housing");
  g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, "220402");
  g_assert_cmpstr (jf_test_response_string (r, "org.level"), ==, "county");
  g_assert_nonnull (jf_test_response_string (r, "session_expires_at"));
  for (guint i = 0; i < 3; i++)
    {
      JfTestResponse *refused = i == 0 ? none : i == 1 ? basic : forged;

      g_assert_cmpuint (refused->status, ==, 401);
      g_assert_cmpstr (jf_test_response_string (refused, "error.code"), ==, "unauthenticated");
      g_assert_nonnull (soup_message_headers_get_one (refused->headers, "WWW-Authenticate"));
    }
}

/* jiefen_password_checks_total from /metrics. */
static guint64
password_checks (void)
{
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", "/metrics", NULL, NULL);
  g_autofree char *text = NULL;
  const char *line;

  jf_test_assert_status (r, 200);
  text = g_strndup (g_bytes_get_data (r->raw, NULL), g_bytes_get_size (r->raw));
  line = strstr (text, "\njiefen_password_checks_total ");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\njiefen_password_checks_total "), NULL, 10);
}

/* A wrong password and an unknown username are told apart neither by the answer nor by its
 * time: both cost one Argon2id verification (against a decoy hash when there is no such
 * account). Counted, not timed: a timing would only test the machine's load. */
static void
test_no_user_enumeration (void)
{
  add_account ("enum-target", "reception", "220402001");
  for (guint i = 0; i < 3; i++)
    {
      guint64 before = password_checks ();
      g_autoptr(JfTestResponse) wrong = sign_in (env->server, "enum-target", "Wrong-password-1");
      guint64 after_wrong = password_checks ();
      g_autoptr(JfTestResponse) unknown = sign_in (env->server, "nobody-here", "Wrong-password-1");

      g_assert_cmpuint (wrong->status, ==, 401);
      g_assert_cmpuint (unknown->status, ==, 401);
      g_assert_cmpstr (jf_test_response_string (wrong, "error.code"), ==, "unauthenticated");
      g_assert_cmpstr (jf_test_response_string (wrong, "error.message"), ==,
                       jf_test_response_string (unknown, "error.message"));
      g_assert_true (JSON_NODE_HOLDS_NULL (jf_test_response_get (wrong, "error.field")));
      g_assert_true (JSON_NODE_HOLDS_NULL (jf_test_response_get (unknown, "error.field")));
      g_assert_cmpuint (after_wrong - before, ==, 1);
      g_assert_cmpuint (password_checks () - after_wrong, ==, 1);
    }
}

/* Disabled: said only to whoever knows the password; and the account's tokens stop working,
 * at once, whether an administrator disables it through the API or with jiefenctl. */
static void
test_disabled_account (void)
{
  gint64 api_id = add_account ("disabled-api", "mediator", "220402001");
  g_autofree char *api_token = jf_test_sign_in (env->server, "disabled-api", JF_TEST_PASSWORD);
  g_autofree char *ctl_token = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT, api_id);
  g_autoptr(JfTestResponse) disabled = NULL;
  g_autoptr(JfTestResponse) right = NULL;
  g_autoptr(JfTestResponse) wrong = NULL;
  g_autoptr(JfTestServer) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *disable[] = { "account", "disable", "disabled-ctl", NULL };
  double ms;

  g_assert_cmpuint (me_status (env->server, api_token), ==, 200);
  disabled = jf_test_request (env->server, "PATCH", path, jf_test_env_token (env, "admin"),
                              "{\"version\":1,\"disabled\":true}");
  jf_test_assert_status (disabled, 200);
  g_assert_cmpuint (me_status (env->server, api_token), ==, 401);

  right = sign_in (env->server, "disabled-api", JF_TEST_PASSWORD);
  wrong = sign_in (env->server, "disabled-api", "Wrong-password-1");
  g_assert_cmpuint (right->status, ==, 403);
  g_assert_cmpstr (jf_test_response_string (right, "error.code"), ==, "forbidden");
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpstr (jf_test_response_string (wrong, "error.message"), ==,
                   "The username or the password is wrong");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.sessions s JOIN "
                                             "jf.accounts a ON a.id = s.account_id WHERE "
                                             "a.username = 'disabled-api' "
                                             "AND s.revoked_at IS NULL"), ==, 0);

  /* jiefenctl disables behind the daemon's back: the session it revokes must end as well. */
  add_account ("disabled-ctl", "mediator", "220402001");
  ctl_token = jf_test_sign_in (env->server, "disabled-ctl", JF_TEST_PASSWORD);
  other = start_other ();
  g_assert_cmpuint (me_status (other, ctl_token), ==, 200);
  g_assert_cmpint (jf_test_db_jiefenctl (env->conninfo, disable, NULL, NULL, &error), ==, 0);
  g_assert_no_error (error);
  /* jiefenctl tells every running jiefend: the token stops working at once there too. */
  g_assert_cmpuint (refused_within_a_second (other, ctl_token, &ms), ==, 401);
}

#define LOCK_SECONDS (15 * 60)
/* Seconds left, rounded by @round, of the lock on throttle-me or on its address, whichever
 * ends later: each ends when the oldest of its latest failures in the window leaves it. */
#define LOCK_LEFT(round)                                                                  \
  "greatest((SELECT " round "(extract(epoch FROM at + interval '15 minutes' - now())) "   \
  "            FROM jf.login_attempts WHERE username = 'throttle-me' AND NOT success "    \
  "            AND at > now() - interval '15 minutes' ORDER BY at DESC OFFSET 4 LIMIT 1), " \
  "          (SELECT " round "(extract(epoch FROM at + interval '15 minutes' - now())) "  \
  "            FROM jf.login_attempts WHERE client_addr = '127.0.0.1' AND NOT success "   \
  "            AND at > now() - interval '15 minutes' ORDER BY at DESC OFFSET 29 LIMIT 1))" \
  "::bigint"

/* Five wrong passwords in 15 minutes lock the account: the sixth attempt is 429 whatever
 * the password, until an administrator sets a new one. */
static void
test_throttled (void)
{
  gint64 id = add_account ("throttle-me", "reception", "220402001");
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT "/password", id);
  g_autoptr(JfTestResponse) sixth = NULL;
  g_autoptr(JfTestResponse) right = NULL;
  g_autoptr(JfTestResponse) reset = NULL;
  g_autoptr(JfTestResponse) after = NULL;

  gint64 most_left;
  gint64 least_left;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JfTestResponse) r = sign_in (env->server, "throttle-me", "Wrong-password-1");

      g_assert_cmpuint (r->status, ==, 401);
    }
  /* The lock is in jf.login_attempts: what is left of it before the refusals bounds their
   * Retry-After from above, what is left after them from below. */
  most_left = jf_test_env_sql_int (env, "SELECT " LOCK_LEFT ("ceil"));
  sixth = sign_in (env->server, "throttle-me", "Wrong-password-1");
  right = sign_in (env->server, "throttle-me", JF_TEST_PASSWORD);
  least_left = jf_test_env_sql_int (env, "SELECT " LOCK_LEFT ("floor"));
  g_assert_cmpint (most_left, <=, LOCK_SECONDS);
  for (guint i = 0; i < 2; i++)
    {
      JfTestResponse *r = i == 0 ? sixth : right;
      const char *retry = soup_message_headers_get_one (r->headers, "Retry-After");

      g_assert_cmpuint (r->status, ==, 429);
      g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "throttled");
      g_assert_cmpstr (jf_test_response_string (r, "error.message"), ==,
                       "Too many wrong passwords for this account: it is locked for 15 minutes");
      g_assert_nonnull (retry);
      g_assert_true (g_regex_match_simple ("^[1-9][0-9]*$", retry, 0, 0));
      /* Until the lock ends, not a guess at a minute. */
      g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), >, 60);
      g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), <=, LOCK_SECONDS);
      g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), <=, most_left);
      g_assert_cmpint (g_ascii_strtoll (retry, NULL, 10), >=, least_left);
    }
  /* Another account from the same computer is not locked out. */
  g_assert_cmpuint (me_status (env->server, jf_test_env_token (env, "tiaojie")), ==, 200);

  reset = jf_test_request (env->server, "POST", path, jf_test_env_token (env, "admin"),
                           "{\"password\":\"Fresh-start-2026\"}");
  jf_test_assert_status (reset, 200);
  after = sign_in (env->server, "throttle-me", "Fresh-start-2026");
  jf_test_assert_status (after, 201);
}

/* Signing out ends the token at once, on this jiefend and on another one serving the same
 * database, which learns it by NOTIFY although it had just accepted the token. */
static void
test_sign_out_everywhere (void)
{
  g_autofree char *token = jf_test_sign_in (env->server, "ducha", JF_TEST_PASSWORD);
  g_autoptr(JfTestServer) other = start_other ();
  g_autoptr(JfTestResponse) out = NULL;
  g_autoptr(JfTestResponse) again = NULL;
  guint status;
  double ms;

  g_assert_cmpuint (me_status (other, token), ==, 200);
  g_assert_cmpuint (me_status (env->server, token), ==, 200);
  out = jf_test_request (env->server, "DELETE", "/v1/sessions/current", token, NULL);
  jf_test_assert_status (out, 204);
  g_assert_cmpuint (me_status (env->server, token), ==, 401);
  /* The notification crosses the database: it is given a moment. */
  status = refused_within_a_second (other, token, &ms);
  g_test_message ("the other jiefend refused the token %.0f ms after the sign-out", ms);
  g_assert_cmpuint (status, ==, 401);
  again = jf_test_request (other, "DELETE", "/v1/sessions/current", token, NULL);
  g_assert_cmpuint (again->status, ==, 401);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.sessions s JOIN "
                                             "jf.accounts a ON a.id = s.account_id WHERE "
                                             "a.username = 'ducha' AND s.revoked_at IS NOT NULL"),
                   ==, 1);
  /* Other sessions of the same person are theirs to end. */
  g_assert_cmpuint (me_status (other, jf_test_env_token (env, "ducha")), ==, 200);
}

typedef struct
{
  const char *name;
  const char *content_type;
  const char *body;
  guint       status;
  const char *code;
  const char *field;
} BadSignIn;

static const BadSignIn bad_sign_ins[] = {
  { "malformed", "application/json", "{\"username\":", 400, "malformed", NULL },
  { "not-an-object", "application/json", "[\"chuangkou\"]", 400, "malformed", NULL },
  { "unknown-member", "application/json",
    "{\"username\":\"chuangkou\",\"password\":\"" JF_TEST_PASSWORD "\",\"remember\":true}",
    422, "invalid", "remember" },
  { "missing-password", "application/json", "{\"username\":\"chuangkou\"}", 422, "invalid",
    "password" },
  { "number-username", "application/json", "{\"username\":7,\"password\":\"x\"}", 422,
    "invalid", "username" },
  { "long-username", "application/json",
    "{\"username\":\"abcdefghijabcdefghijabcdefghijabc\",\"password\":\"x\"}", 422, "invalid",
    "username" },
  { "text-plain", "text/plain",
    "{\"username\":\"chuangkou\",\"password\":\"" JF_TEST_PASSWORD "\"}", 415,
    "unsupported_media_type", NULL },
  { "form", "application/x-www-form-urlencoded", "username=chuangkou&password=x", 415,
    "unsupported_media_type", NULL },
};

static void
test_bad_sign_in (gconstpointer data)
{
  const BadSignIn *c = data;
  g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
  const char *counts = "SELECT (SELECT count(*) FROM jf.sessions) || '/' || "
                       "(SELECT count(*) FROM jf.login_attempts)";
  g_autofree char *before = jf_test_env_sql_text (env, counts);
  g_autofree char *after = NULL;
  g_autoptr(JfTestResponse) r = jf_test_request_full (env->server, "POST", "/v1/sessions", NULL,
                                                      c->content_type, body, NULL);

  if (r->status != c->status)
    g_error ("%s: expected %u, got %u: %.*s", c->name, c->status, r->status,
             (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, c->code);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, c->field);
  after = jf_test_env_sql_text (env, counts);
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/sessions/sign-in", test_sign_in);
  g_test_add_func ("/jfd/sessions/me", test_me);
  g_test_add_func ("/jfd/sessions/no-user-enumeration", test_no_user_enumeration);
  g_test_add_func ("/jfd/sessions/disabled-account", test_disabled_account);
  g_test_add_func ("/jfd/sessions/throttled", test_throttled);
  g_test_add_func ("/jfd/sessions/sign-out-everywhere", test_sign_out_everywhere);
  for (guint i = 0; i < G_N_ELEMENTS (bad_sign_ins); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/sessions/refused/%s", bad_sign_ins[i].name);
      g_test_add_data_func (name, &bad_sign_ins[i], test_bad_sign_in);
    }
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
