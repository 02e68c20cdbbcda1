/* test-api-accounts.c: administering accounts through the API (/v1/accounts)
 *
 * An administrator manages the accounts of their subtree: every change is on the audit
 * chain, which `jiefenctl audit verify` still finds whole; what is refused writes nothing.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

static JfTestEnv *env;
static guint unique;

typedef struct
{
  gint64 accounts;
  gint64 audit;
  gint64 sessions;
} Counts;

static Counts
counts (void)
{
  Counts c = {
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.accounts"),
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log"),
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.sessions WHERE revoked_at IS NULL"),
  };
  return c;
}

static void
assert_unchanged (Counts before)
{
  Counts after = counts ();

  g_assert_cmpint (after.accounts, ==, before.accounts);
  g_assert_cmpint (after.audit, ==, before.audit);
  g_assert_cmpint (after.sessions, ==, before.sessions);
}

static JfTestResponse *
call (const char *user,
      const char *method,
      const char *path,
      const char *body)
{
  return jf_test_request (env->server, method, path, jf_test_env_token (env, user), body);
}

static char *
account_body (const char *username,
              const char *roles,
              const char *org,
              const char *extra)
{
  return g_strdup_printf ("{\"username\":\"%s\",\"name\":\"测试账户\",\"roles\":%s,"
                          "\"org\":\"%s\",\"password\":\"Account-pass-2026\"%s}", username,
                          roles, org, extra != NULL ? extra : "");
}

/* A new account, made by @admin; its id. */
static gint64
create (const char *admin,
        const char *username,
        const char *roles,
        const char *org)
{
  g_autofree char *body = account_body (username, roles, org, NULL);
  g_autoptr(JfTestResponse) r = call (admin, "POST", "/v1/accounts", body);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

static char *
path_of (gint64      id,
         const char *suffix)
{
  return g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT "%s", id, suffix);
}

/* The newest audit entry: it follows the one before it in the chain, and says @action on
 * @target by the city's administrator. */
static void
assert_audited (gint64      position_before,
                const char *action,
                const char *target)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT position = %" G_GINT64_FORMAT " + 1 AND action = '%s' AND target = '%s' "
    "AND actor_id = (SELECT id FROM jf.accounts WHERE username = 'admin') "
    "AND actor_role = 'admin' AND org_id = (SELECT id FROM jf.org_units WHERE code = '220400') "
    "AND NOT data ? 'password_hash' AND NOT data::text LIKE '%%argon2%%' "
    "FROM jf.audit_log ORDER BY position DESC LIMIT 1", position_before, action, target);
  g_autofree char *ok = jf_test_env_sql_text (env, sql);

  if (g_strcmp0 (ok, "t") != 0)
    g_error ("the audit log's last entry is not %s of %s: %s", action, target,
             jf_test_env_sql_text (env, "SELECT row_to_json(l)::text FROM jf.audit_log l "
                                        "ORDER BY position DESC LIMIT 1"));
}

static gint64
audit_head (void)
{
  return jf_test_env_sql_int (env, "SELECT coalesce(max(position), 0) FROM jf.audit_log");
}

static void
assert_audit_verifies (void)
{
  const char *verify[] = { "audit", "verify", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (jf_test_db_jiefenctl (env->conninfo, verify, NULL, &out, &error), ==, 0);
  g_assert_no_error (error);
  g_test_message ("jiefenctl audit verify: %s", out);
}

static void
test_lifecycle_is_audited (void)
{
  gint64 head = audit_head ();
  gint64 id;
  g_autofree char *path = NULL;
  g_autofree char *password = NULL;
  g_autoptr(JfTestResponse) created = NULL;
  g_autoptr(JfTestResponse) got = NULL;
  g_autoptr(JfTestResponse) edited = NULL;
  g_autoptr(JfTestResponse) disabled = NULL;
  g_autoptr(JfTestResponse) enabled = NULL;
  g_autoptr(JfTestResponse) reset = NULL;
  g_autofree char *body = account_body ("lifecycle", "[\"mediator\",\"reception\"]", "220402001",
                                        ",\"phone\":\"13900001111\"");
  g_autofree char *token = NULL;

  created = call ("admin", "POST", "/v1/accounts", body);
  jf_test_assert_status (created, 201);
  id = jf_test_response_int (created, "id");
  g_assert_cmpstr (jf_test_response_string (created, "username"), ==, "lifecycle");
  g_assert_cmpstr (jf_test_response_string (created, "org.code"), ==, "220402001");
  g_assert_cmpstr (jf_test_response_string (created, "roles.1"), ==, "reception");
  g_assert_cmpint (jf_test_response_int (created, "version"), ==, 1);
  g_assert_null (jf_test_response_get (created, "scope"));
  g_assert_null (jf_test_response_get (created, "password_hash"));
  assert_audited (head, "account.created", "lifecycle");
  path = path_of (id, "");
  got = call ("admin", "GET", path, NULL);
  jf_test_assert_status (got, 200);
  g_assert_cmpstr (jf_test_response_string (got, "phone"), ==, "13900001111");

  head = audit_head ();
  edited = call ("admin", "PATCH", path, "{\"version\":1,\"name\":\"改过的名字\"}");
  jf_test_assert_status (edited, 200);
  g_assert_cmpstr (jf_test_response_string (edited, "name"), ==, "改过的名字");
  g_assert_cmpint (jf_test_response_int (edited, "version"), ==, 2);
  assert_audited (head, "account.changed", "lifecycle");

  head = audit_head ();
  disabled = call ("admin", "PATCH", path, "{\"version\":2,\"disabled\":true}");
  jf_test_assert_status (disabled, 200);
  g_assert_true (json_node_get_boolean (jf_test_response_get (disabled, "disabled")));
  assert_audited (head, "account.disabled", "lifecycle");
  head = audit_head ();
  enabled = call ("admin", "PATCH", path, "{\"version\":3,\"disabled\":false}");
  jf_test_assert_status (enabled, 200);
  assert_audited (head, "account.enabled", "lifecycle");

  head = audit_head ();
  password = path_of (id, "/password");
  reset = call ("admin", "POST", password, "{\"password\":\"Reset-by-admin-2026\"}");
  jf_test_assert_status (reset, 200);
  assert_audited (head, "account.password_reset", "lifecycle");
  token = jf_test_sign_in (env->server, "lifecycle", "Reset-by-admin-2026");
  g_assert_nonnull (token);
  assert_audit_verifies ();
}

/* A county's administrator manages its county, not another one. */
static void
test_outside_subtree (void)
{
  gint64 neighbour = create ("admin", "xa-clerk", "[\"reception\"]", "220403001");
  gint64 own = create ("admin", "ls-clerk", "[\"reception\"]", "220402002");
  g_autofree char *neighbour_path = path_of (neighbour, "");
  g_autofree char *neighbour_password = path_of (neighbour, "/password");
  g_autofree char *own_path = path_of (own, "");
  g_autofree char *outside = account_body ("ls-made-outside", "[\"reception\"]", "220403001",
                                           NULL);
  g_autofree char *inside = account_body ("ls-made-inside", "[\"reception\"]", "220402002",
                                          NULL);
  g_autofree char *county_admin = NULL;
  Counts before;
  struct
  {
    const char *method;
    const char *path;
    const char *body;
    const char *field;
  } refused[] = {
    { "POST", "/v1/accounts", outside, "org" },
    { "GET", neighbour_path, NULL, NULL },
    { "PATCH", neighbour_path, "{\"version\":1,\"name\":\"越权\"}", NULL },
    { "POST", neighbour_password, "{\"password\":\"Taken-over-2026\"}", NULL },
    /* Its own account, sent to the other county. */
    { "PATCH", own_path, "{\"version\":1,\"org\":\"220403001\"}", "org" },
    { "GET", "/v1/accounts?org=220403", NULL, "org" },
  };

  create ("admin", "ls-admin", "[\"admin\"]", "220402");
  county_admin = jf_test_sign_in (env->server, "ls-admin", "Account-pass-2026");
  before = counts ();
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JfTestResponse) r = jf_test_request (env->server, refused[i].method,
                                                     refused[i].path, county_admin,
                                                     refused[i].body);

      if (r->status != 403)
        g_error ("%s %s by a county admin: %u", refused[i].method, refused[i].path, r->status);
      g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, refused[i].field);
    }
  assert_unchanged (before);
  {
    g_autoptr(JfTestResponse) made = jf_test_request (env->server, "POST", "/v1/accounts",
                                                      county_admin, inside);
    g_autoptr(JfTestResponse) moved = jf_test_request (env->server, "PATCH", own_path,
                                                       county_admin,
                                                       "{\"version\":1,\"org\":\"220402001\"}");

    jf_test_assert_status (made, 201);
    jf_test_assert_status (moved, 200);
    g_assert_cmpstr (jf_test_response_string (moved, "org.code"), ==, "220402001");
  }
}

typedef struct
{
  const char *name;
  const char *username;
  const char *roles;
  const char *org;
  const char *extra;      /* more members, or a password that replaces the good one */
  guint       status;
  const char *field;
} BadAccount;

static const BadAccount bad_accounts[] = {
  { "weak-password-short", "weak1", "[\"reception\"]", "220402001", "Ab1", 422, "password" },
  { "weak-password-one-kind", "weak2", "[\"reception\"]", "220402001", "onlylowercaseletters",
    422, "password" },
  { "duplicate-username", "chuangkou", "[\"reception\"]", "220402001", NULL, 409, "username" },
  { "unknown-role", "norole1", "[\"judge\"]", "220402001", NULL, 422, "roles[0]" },
  { "unknown-second-role", "norole2", "[\"reception\",\"wizard\"]", "220402001", NULL, 422,
    "roles[1]" },
  { "liaison-without-department", "nodept", "[\"department_liaison\"]", "220402", NULL, 422,
    "department" },
  { "unknown-department", "baddept", "[\"department_liaison\"]", "220402",
    ",\"department\":\"220402-weather\"", 422, "department" },
  { "unknown-org", "noorg", "[\"reception\"]", "220402999", NULL, 422, "org" },
  /* A liaison answers for a department of the county their unit is in (or is). */
  { "liaison-other-county", "xadept", "[\"department_liaison\"]", "220402",
    ",\"department\":\"220403-housing\"", 422, "department" },
  { "liaison-township-other-county", "xadept2", "[\"department_liaison\"]", "220402001",
    ",\"department\":\"220403-housing\"", 422, "department" },
  { "liaison-at-city", "citydept", "[\"department_liaison\"]", "220400",
    ",\"department\":\"220402-housing\"", 422, "department" },
  /* Only a liaison has a department at all. */
  { "reception-with-department", "clerkdept", "[\"reception\"]", "220402",
    ",\"department\":\"220402-housing\"", 422, "department" },
  { "bad-username", "Has Spaces", "[\"reception\"]", "220402001", NULL, 422, "username" },
  { "bad-phone", "badphone", "[\"reception\"]", "220402001", ",\"phone\":\"call me\"", 422,
    "phone" },
};

static void
test_refused_account (gconstpointer data)
{
  const BadAccount *c = data;
  gboolean password = c->extra != NULL && c->extra[0] != ',';
  g_autofree char *body = password
    ? g_strdup_printf ("{\"username\":\"%s\",\"name\":\"测试\",\"roles\":%s,\"org\":\"%s\","
                       "\"password\":\"%s\"}", c->username, c->roles, c->org, c->extra)
    : account_body (c->username, c->roles, c->org, c->extra);
  Counts before = counts ();
  g_autoptr(JfTestResponse) r = call ("admin", "POST", "/v1/accounts", body);

  if (r->status != c->status)
    g_error ("%s: expected %u, got %u: %.*s", c->name, c->status, r->status,
             (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, c->field);
  assert_unchanged (before);
}

/* An edit that would leave a liaison without their department is refused like a creation,
 * naming the member to fix. */
static void
test_liaison_keeps_department (void)
{
  gint64 clerk = create ("admin", "becomes-liaison", "[\"reception\"]", "220402");
  g_autofree char *clerk_path = path_of (clerk, "");
  g_autofree char *liaison_path = path_of (jf_test_env_sql_int (env, "SELECT id FROM jf.accounts "
                                                                   "WHERE username = 'bumen'"), "");
  g_autofree char *dropped = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT
                                              ",\"department\":null}",
                                              jf_test_env_sql_int (env, "SELECT version FROM "
                                                                        "jf.accounts WHERE "
                                                                        "username = 'bumen'"));
  Counts before = counts ();
  g_autoptr(JfTestResponse) role = call ("admin", "PATCH", clerk_path,
                                         "{\"version\":1,\"roles\":[\"department_liaison\"]}");
  g_autoptr(JfTestResponse) department = call ("admin", "PATCH", liaison_path, dropped);

  g_assert_cmpuint (role->status, ==, 422);
  g_assert_cmpuint (department->status, ==, 422);
  assert_unchanged (before);
  g_assert_cmpstr (jf_test_response_string (role, "error.field"), ==, "department");
  g_assert_cmpstr (jf_test_response_string (department, "error.field"), ==, "department");
  g_assert_cmpstr (jf_test_response_string (role, "error.field"), ==, "department");
  g_assert_cmpstr (jf_test_response_string (department, "error.field"), ==, "department");
}

/* Every change of roles, unit or department is checked again: a liaison stays with a
 * department of the county their unit is in, and no one else keeps a department. */
static void
test_department_revalidated (void)
{
  g_autofree char *body = account_body ("zhujian-ls", "[\"department_liaison\"]", "220402",
                                        ",\"department\":\"220402-housing\"");
  g_autoptr(JfTestResponse) created = call ("admin", "POST", "/v1/accounts", body);
  g_autofree char *path = NULL;
  static const struct
  {
    const char *body;
    const char *field;
  } refused[] = {
    /* To a township of another county, or to the city, with the department it had. */
    { "{\"version\":1,\"org\":\"220403001\"}", "org" },
    { "{\"version\":1,\"org\":\"220400\"}", "org" },
    { "{\"version\":1,\"department\":\"220403-housing\"}", "department" },
    { "{\"version\":1,\"org\":\"220403\",\"department\":\"220402-justice\"}",
      "department" },
    /* No longer a liaison, yet still answering for the department. */
    { "{\"version\":1,\"roles\":[\"reception\"]}", "department" },
    { "{\"version\":1,\"roles\":[\"reception\"],\"department\":\"220402-housing\"}",
      "department" },
  };
  Counts before;
  g_autoptr(JfTestResponse) moved = NULL;
  g_autoptr(JfTestResponse) clerk = NULL;
  g_autoptr(JfTestResponse) other_county = NULL;

  jf_test_assert_status (created, 201);
  g_assert_cmpstr (jf_test_response_string (created, "department"), ==, "220402-housing");
  path = path_of (jf_test_response_int (created, "id"), "");
  before = counts ();
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JfTestResponse) r = call ("admin", "PATCH", path, refused[i].body);

      if (r->status != 422)
        g_error ("%s: expected 422, got %u: %.*s", refused[i].body, r->status,
                 (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
      g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "invalid");
      g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, refused[i].field);
    }
  assert_unchanged (before);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT version FROM jf.accounts "
                                             "WHERE username = 'zhujian-ls'"), ==, 1);

  /* Within the county; then no longer a liaison, the department cleared with the role;
   * then a liaison of the other county, with its department. */
  moved = call ("admin", "PATCH", path, "{\"version\":1,\"org\":\"220402001\"}");
  jf_test_assert_status (moved, 200);
  g_assert_cmpstr (jf_test_response_string (moved, "department"), ==, "220402-housing");
  clerk = call ("admin", "PATCH", path,
                "{\"version\":2,\"roles\":[\"reception\"],\"department\":null}");
  jf_test_assert_status (clerk, 200);
  g_assert_null (jf_test_response_string (clerk, "department"));
  other_county = call ("admin", "PATCH", path,
                       "{\"version\":3,\"roles\":[\"department_liaison\"],"
                       "\"org\":\"220403\",\"department\":\"220403-housing\"}");
  jf_test_assert_status (other_county, 200);
  g_assert_cmpstr (jf_test_response_string (other_county, "org.code"), ==, "220403");
  g_assert_cmpstr (jf_test_response_string (other_county, "department"), ==, "220403-housing");
  assert_audit_verifies ();
}

static void
test_version_conflict (void)
{
  gint64 id = create ("admin", "conflicted", "[\"reception\"]", "220402001");
  g_autofree char *path = path_of (id, "");
  g_autoptr(JfTestResponse) first = call ("admin", "PATCH", path,
                                          "{\"version\":1,\"name\":\"甲\"}");
  g_autoptr(JfTestResponse) stale = NULL;
  Counts before;

  jf_test_assert_status (first, 200);
  before = counts ();
  stale = call ("admin", "PATCH", path, "{\"version\":1,\"name\":\"乙\"}");
  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpstr (jf_test_response_string (stale, "error.code"), ==, "conflict");
  g_assert_cmpstr (jf_test_response_string (stale, "error.field"), ==, "version");
  g_assert_cmpint (jf_test_response_int (stale, "current.version"), ==, 2);
  g_assert_cmpstr (jf_test_response_string (stale, "current.name"), ==, "甲");
  g_assert_null (jf_test_response_get (stale, "current.scope"));
  assert_unchanged (before);
}

static void
test_non_admins_refused (void)
{
  const char *staff[] = { "chuangkou", "tiaojie", "wangge", "bumen", "fayuan", "xinfang",
                          "minjing", "ducha", "shenji" };
  gint64 id = create ("admin", "target-of-many", "[\"reception\"]", "220402001");
  g_autofree char *path = path_of (id, "");
  g_autofree char *password = path_of (id, "/password");
  Counts before;

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    jf_test_env_token (env, staff[i]);
  before = counts ();
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      g_autofree char *username = g_strdup_printf ("by-%s-%u", staff[i], ++unique);
      g_autofree char *body = account_body (username, "[\"reception\"]", "220402001", NULL);
      g_autoptr(JfTestResponse) made = call (staff[i], "POST", "/v1/accounts", body);
      g_autoptr(JfTestResponse) edited = call (staff[i], "PATCH", path,
                                               "{\"version\":1,\"roles\":[\"admin\"]}");
      g_autoptr(JfTestResponse) reset = call (staff[i], "POST", password,
                                              "{\"password\":\"Taken-over-2026\"}");

      g_assert_cmpuint (made->status, ==, 403);
      g_assert_cmpuint (edited->status, ==, 403);
      g_assert_cmpuint (reset->status, ==, 403);
      g_assert_cmpstr (jf_test_response_string (edited, "error.code"), ==, "forbidden");
    }
  assert_unchanged (before);
}

/* New roles or a new unit end the account's sessions; a new name does not. An administrator
 * does not disable themself. */
static void
test_changes_end_sessions (void)
{
  gint64 id = create ("admin", "changing", "[\"reception\"]", "220402001");
  g_autofree char *path = path_of (id, "");
  g_autofree char *token = jf_test_sign_in (env->server, "changing", "Account-pass-2026");
  g_autofree char *admin_path = NULL;
  g_autoptr(JfTestResponse) renamed = call ("admin", "PATCH", path,
                                            "{\"version\":1,\"name\":\"新名字\"}");
  g_autoptr(JfTestResponse) me = NULL;
  g_autoptr(JfTestResponse) promoted = NULL;
  g_autoptr(JfTestResponse) refused = NULL;
  g_autoptr(JfTestResponse) moved = NULL;
  g_autoptr(JfTestResponse) myself = NULL;

  jf_test_assert_status (renamed, 200);
  me = jf_test_request (env->server, "GET", "/v1/me", token, NULL);
  jf_test_assert_status (me, 200);
  g_assert_cmpstr (jf_test_response_string (me, "name"), ==, "新名字");

  promoted = call ("admin", "PATCH", path, "{\"version\":2,\"roles\":[\"supervisor\"]}");
  jf_test_assert_status (promoted, 200);
  refused = jf_test_request (env->server, "GET", "/v1/me", token, NULL);
  g_assert_cmpuint (refused->status, ==, 401);

  g_free (token);
  token = jf_test_sign_in (env->server, "changing", "Account-pass-2026");
  moved = call ("admin", "PATCH", path, "{\"version\":3,\"org\":\"220402\"}");
  jf_test_assert_status (moved, 200);
  g_clear_pointer (&refused, jf_test_response_free);
  refused = jf_test_request (env->server, "GET", "/v1/me", token, NULL);
  g_assert_cmpuint (refused->status, ==, 401);

  admin_path = path_of (jf_test_env_sql_int (env, "SELECT id FROM jf.accounts "
                                                  "WHERE username = 'admin'"), "");
  myself = call ("admin", "PATCH", admin_path, "{\"version\":1,\"disabled\":true}");
  g_assert_cmpuint (myself->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (myself, "error.field"), ==, "disabled");
  assert_audit_verifies ();
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/accounts/lifecycle-is-audited", test_lifecycle_is_audited);
  g_test_add_func ("/jfd/accounts/outside-subtree", test_outside_subtree);
  for (guint i = 0; i < G_N_ELEMENTS (bad_accounts); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/accounts/refused/%s", bad_accounts[i].name);
      g_test_add_data_func (name, &bad_accounts[i], test_refused_account);
    }
  g_test_add_func ("/jfd/accounts/liaison-keeps-department", test_liaison_keeps_department);
  g_test_add_func ("/jfd/accounts/department-revalidated", test_department_revalidated);
  g_test_add_func ("/jfd/accounts/version-conflict", test_version_conflict);
  g_test_add_func ("/jfd/accounts/non-admins-refused", test_non_admins_refused);
  g_test_add_func ("/jfd/accounts/changes-end-sessions", test_changes_end_sessions);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
