/* jfd-engine-sessions.c: signing in and out
 *
 * Sign-in is throttled per account and per address from the database (so several jiefend
 * processes count together), the password is checked on a worker thread, and an unknown
 * username costs the same Argon2id work as a known one so that timing does not tell
 * which accounts exist.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jf-json.h"
#include "jfd-auth.h"
#include "jfd-engine-private.h"
#include "jfd-password.h"

#define MAX_ACCOUNT_FAILURES 5
#define MAX_ADDRESS_FAILURES 30
#define WINDOW "15 minutes"

typedef struct
{
  char   *username;
  char   *password;
  char   *client_address;
  char   *user_agent;
  char   *hash;          /* stored Argon2id hash; NULL: no such account */
  int     account_id;    /* 0: no such account */
  gboolean disabled;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_free (s->username);
  if (s->password != NULL)
    memset (s->password, 0, strlen (s->password));
  g_free (s->password);
  g_free (s->client_address);
  g_free (s->user_agent);
  g_free (s->hash);
  g_free (s);
}

/* Locked while the window holds as many failures as the limit: the lock ends when the
 * oldest of the latest that many leaves the window. Columns 3 and 4 are the whole seconds
 * left of the account's lock and of the address's, NULL for none. */
#define LOCK_LEFT(column, param, max)                                                      \
  "  (SELECT ceil(extract(epoch FROM l.at + interval '" WINDOW "' - now()))::bigint "      \
  "     FROM jf.login_attempts l WHERE l." column " = " param " AND NOT l.success "        \
  "     AND l.at > now() - interval '" WINDOW "' "                                         \
  "     ORDER BY l.at DESC OFFSET " G_STRINGIFY (max) " - 1 LIMIT 1)"

static const JfdStatement account_for_sign_in = {
  "sign_in_account",
  "SELECT a.id, a.password_hash, a.disabled, "
  LOCK_LEFT ("username", "$1", MAX_ACCOUNT_FAILURES) ", "
  LOCK_LEFT ("client_addr", "$2::inet", MAX_ADDRESS_FAILURES) " "
  "FROM (SELECT 1) AS one LEFT JOIN jf.accounts a ON a.username = $1",
  2,
};

static const JfdStatement record_failure = {
  "sign_in_failure",
  "INSERT INTO jf.login_attempts (username, client_addr, success) VALUES ($1, $2::inet, false)",
  2,
};

static const JfdStatement create_session = {
  "sign_in_session",
  "WITH s AS (INSERT INTO jf.sessions (token_hash, account_id, expires_at, client_addr, "
  "                                    user_agent) "
  "           VALUES (decode($1, 'hex'), $2::integer, now() + ($3 || ' hours')::interval, "
  "                   $4::inet, left($5, 300)) RETURNING *), "
  "     l AS (INSERT INTO jf.login_attempts (username, client_addr, success) "
  "           VALUES ($6, $4::inet, true)) "
  "SELECT s.id, a.id, a.username, a.display_name, array_to_string(a.roles, ','), a.org_id, "
  "o.code, o.name, o.level, coalesce(a.department_id, 0), d.code, "
  "extract(epoch FROM s.expires_at)::bigint "
  "FROM s JOIN jf.accounts a ON a.id = s.account_id JOIN jf.org_units o ON o.id = a.org_id "
  "LEFT JOIN jf.departments d ON d.id = a.department_id",
  6,
};

static const JfdStatement revoke_session = {
  "sign_out",
  "WITH u AS (UPDATE jf.sessions SET revoked_at = now() WHERE id = $1::bigint "
  "           AND revoked_at IS NULL RETURNING id) "
  "SELECT pg_notify('jf_auth', 'session'), (SELECT count(*) FROM u)",
  1,
};

/* Not a real account's hash: verifying against it costs what verifying a real one does.
 * Made once, on a worker thread like every other Argon2id computation. */
static const char *
dummy_hash (void)
{
  static char *hash;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      hash = jfd_password_hash ("jiefen-no-such-account", NULL);
      g_once_init_leave (&once, 1);
    }
  return hash;
}

static gpointer
verify_password (gpointer data)
{
  SignIn *s = data;

  return GINT_TO_POINTER (jfd_password_verify (s->hash != NULL ? s->hash : dummy_hash (),
                                               s->password) && s->hash != NULL);
}

static void
session_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JfdActor) actor = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *expires_text = NULL;
  const char *token = g_object_get_data (G_OBJECT (task), "token");

  if (res == NULL)
    return;
  actor = jfd_auth_actor_from_row (res, 0);
  expires = g_date_time_new_from_unix_utc (actor->expires_at);
  expires_text = jf_json_datetime_to_string (expires);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "account");
  json_builder_add_value (builder, jfd_engine_describe_actor (self, actor));
  json_builder_end_object (builder);
  jfd_engine_return_json (task, json_builder_get_root (builder));
}

static void
failure_recorded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);

  if (res == NULL)
    return;
  g_task_return_new_error (task, JF_ERROR, JF_ERROR_UNAUTHENTICATED,
                           "The username or the password is wrong");
}

static void
verified_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer verdict = jfd_shared_run_password_finish (self->shared, result, &error);
  g_autofree char *hash_hex = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hours = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!GPOINTER_TO_INT (verdict) || s->account_id == 0)
    {
      jfd_engine_query (self, g_steal_pointer (&task), &record_failure,
                        (const char *[]) { s->username, s->client_address },
                        failure_recorded_cb);
      return;
    }
  if (s->disabled)
    {
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_FORBIDDEN,
                               "This account is disabled; ask an administrator");
      return;
    }
  token = jfd_auth_new_token (&hash_hex);
  g_object_set_data_full (G_OBJECT (task), "token", g_steal_pointer (&token), g_free);
  hours = g_strdup_printf ("%u", jfd_shared_get_config (self->shared)->session_hours);
  {
    g_autofree char *account = g_strdup_printf ("%d", s->account_id);
    const char *params[] = { hash_hex, account, hours, s->client_address, s->user_agent,
                             s->username };

    jfd_engine_query (self, g_steal_pointer (&task), &create_session, params,
                      session_created_cb);
  }
}

/* Whole seconds left of a lock, at least 1; 0 for none. */
static guint
lock_left (PGresult *res,
           int       column)
{
  if (PQgetisnull (res, 0, column))
    return 0;
  return (guint) CLAMP (g_ascii_strtoll (PQgetvalue (res, 0, column), NULL, 10), 1, G_MAXINT);
}

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);

  if (res == NULL)
    return;
  if (!PQgetisnull (res, 0, 3) || !PQgetisnull (res, 0, 4))
    {
      GError *error = jf_error_new (JF_ERROR_THROTTLED, NULL, "%s",
                                    !PQgetisnull (res, 0, 3)
                                    ? "Too many wrong passwords for this account: it is locked "
                                      "for 15 minutes"
                                    : "Too many failed sign-ins from this computer: wait 15 "
                                      "minutes");

      /* Both may apply: signing in works again only once the later one ends. */
      jf_error_set_retry_after (error, MAX (lock_left (res, 3), lock_left (res, 4)));
      g_task_return_error (task, error);
      return;
    }
  if (!PQgetisnull (res, 0, 0))
    {
      s->account_id = atoi (PQgetvalue (res, 0, 0));
      s->hash = g_strdup (PQgetvalue (res, 0, 1));
      s->disabled = PQgetvalue (res, 0, 2)[0] == 't';
    }
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    jfd_metrics_count_password_check (jfd_shared_get_metrics (self->shared));
    jfd_shared_run_password_async (self->shared, verify_password, s, NULL, cancellable,
                                   verified_cb, g_steal_pointer (&task));
  }
}

void
jfd_engine_sign_in_async (JfdEngine           *self,
                          JsonObject          *body,
                          const char          *client_address,
                          const char          *user_agent,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  static const char * const members[] = { "username", "password", NULL };
  SignIn *s = g_new0 (SignIn, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_sign_in_async);
  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);
  s->client_address = g_strdup (client_address != NULL ? client_address : "127.0.0.1");
  s->user_agent = g_strdup (user_agent != NULL ? user_agent : "");
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_string (body, NULL, "username", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                            32, &s->username, &error) ||
      !jf_json_read_string (body, NULL, "password", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                            200, &s->password, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_query (self, g_steal_pointer (&task), &account_for_sign_in,
                    (const char *[]) { s->username, s->client_address }, account_cb);
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);

  if (res == NULL)
    return;
  jfd_shared_bump_auth_generation (self->shared);
  jfd_engine_return_json (task, json_node_new (JSON_NODE_NULL));
}

void
jfd_engine_sign_out_async (JfdEngine           *self,
                           JfdActor            *actor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, actor->session_id);

  g_task_set_source_tag (task, jfd_engine_sign_out_async);
  jfd_engine_query (self, task, &revoke_session, (const char *[]) { id }, signed_out_cb);
}

JsonNode *
jfd_engine_describe_actor (JfdEngine *self,
                           JfdActor  *actor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (actor->expires_at);
  g_autofree char *expires_text = jf_json_datetime_to_string (expires);
  g_auto(GStrv) roles = jf_role_set_to_strv (actor->roles);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, actor->account_id);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, actor->username);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, actor->display_name);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; roles[i] != NULL; i++)
    json_builder_add_string_value (builder, roles[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "org");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, actor->org_code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, actor->org_name);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, jf_level_to_string (actor->level));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "department");
  if (actor->department_code != NULL)
    json_builder_add_string_value (builder, actor->department_code);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "session_expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
