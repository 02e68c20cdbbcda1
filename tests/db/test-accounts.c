/* test-accounts.c: jiefenctl account add, disable, enable, passwd and list on a seeded
 * database; what is refused leaves nothing behind, and every change is audited. */
#include "config.h"

#include <string.h>

#include "jf-ctl-run.h"
#include "jf-test-db.h"
#include "jfd-password.h"
#include "jfd-pq.h"

static struct
{
  char   *conninfo;
  PGconn *conn;
} t;

#define GOOD_PASSWORD "Tiaojie-2026-ok"

static gint64
sql_int (const char *sql)
{
  return jf_ctl_sql_int (t.conn, sql);
}

static gint64
count_accounts (void)
{
  return sql_int ("SELECT count(*) FROM jf.accounts");
}

static char *
hash_of (const char *username)
{
  g_autofree char *sql = g_strdup_printf ("SELECT password_hash FROM jf.accounts "
                                          "WHERE username = '%s'", username);

  return jf_ctl_sql_text (t.conn, sql);
}

static void
test_add (void)
{
  g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                                        "--username", "lisi", "--role", "mediator,reception",
                                        "--org", "220402001", "--display-name", "李四",
                                        "--password-stdin", NULL);
  g_autofree char *hash = NULL;

  jf_ctl_assert_exit (run, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts a JOIN jf.org_units o "
                            "ON o.id = a.org_id WHERE a.username = 'lisi' "
                            "AND a.roles = ARRAY['reception', 'mediator'] "
                            "AND o.code = '220402001' AND a.display_name = '李四' "
                            "AND NOT a.disabled AND a.department_id IS NULL"), ==, 1);
  hash = hash_of ("lisi");
  g_assert_true (jfd_password_verify (hash, GOOD_PASSWORD));
  g_assert_false (jfd_password_verify (hash, "Tiaojie-2026-no"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = 'account.created' "
                            "AND target = 'lisi' AND data->>'org' = '220402001'"), ==, 1);
}

static void
assert_refused (JfCtlRun   *run,
                const char *says,
                gint64      accounts_before)
{
  jf_ctl_assert_exit (run, 1);
  if (strstr (run->err, says) == NULL)
    g_error ("expected “%s” in: %s", says, run->err);
  g_assert_cmpint (count_accounts (), ==, accounts_before);
}

static void
test_weak_password_refused (void)
{
  static const char * const weak[] = { "short1A\n", "onlylowercaseletters\n", "\n", "" };
  gint64 before = count_accounts ();

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, NULL, weak[i], "account", "add",
                                            "--username", "weak", "--role", "reception",
                                            "--org", "220402001", "--password-stdin", NULL);

      assert_refused (run, weak[i][0] == '\0' ? "nothing" : "10 characters", before);
    }
}

static void
test_unknown_role_refused (void)
{
  gint64 before = count_accounts ();
  g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                                        "--username", "wizard", "--role", "mediator,wizard",
                                        "--org", "220402001", "--password-stdin", NULL);

  assert_refused (run, "unknown role “wizard”", before);
}

static void
test_liaison_needs_department (void)
{
  gint64 before = count_accounts ();
  g_autoptr(JfCtlRun) without = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account",
                                            "add", "--username", "zhangsan", "--role",
                                            "department_liaison", "--org", "220402",
                                            "--password-stdin", NULL);
  g_autoptr(JfCtlRun) unknown = NULL;
  g_autoptr(JfCtlRun) with = NULL;

  assert_refused (without, "--department", before);
  unknown = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                        "--username", "zhangsan", "--role", "department_liaison",
                        "--org", "220402", "--department", "220402-nonsense",
                        "--password-stdin", NULL);
  assert_refused (unknown, "no department", before);
  with = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                     "--username", "zhangsan", "--role", "department_liaison",
                     "--org", "220402", "--department", "220402-market_regulation",
                     "--password-stdin", NULL);
  jf_ctl_assert_exit (with, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts a JOIN jf.departments d "
                            "ON d.id = a.department_id WHERE a.username = 'zhangsan' "
                            "AND d.code = '220402-market_regulation'"), ==, 1);
}

/* The same rule as the API's, kept by the database itself: a liaison's department is one
 * of the county their unit is in, and only a liaison has a department. */
static void
test_department_of_own_county (void)
{
  gint64 before = count_accounts ();
  g_autoptr(JfCtlRun) other_county = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account",
                                                 "add", "--username", "xa-housing", "--role",
                                                 "department_liaison", "--org", "220402",
                                                 "--department", "220403-housing",
                                                 "--password-stdin", NULL);
  g_autoptr(JfCtlRun) clerk = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                                          "--username", "clerk-housing", "--role", "reception",
                                          "--org", "220402", "--department", "220402-housing",
                                          "--password-stdin", NULL);
  g_autoptr(JfCtlRun) township = NULL;
  g_autoptr(PGresult) moved = NULL;

  assert_refused (other_county, "220403-housing is a department of 西安区", before);
  assert_refused (clerk, "Only a department liaison", before);
  g_assert_null (strstr (other_county->err, "SQLSTATE"));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE target IN "
                            "('xa-housing', 'clerk-housing')"), ==, 0);

  /* A township's liaison answers for a department of the township's county. */
  township = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                         "--username", "ls-housing", "--role", "department_liaison",
                         "--org", "220402001", "--department", "220402-housing",
                         "--password-stdin", NULL);
  jf_ctl_assert_exit (township, 0);

  /* Whatever writes the row, the database refuses it. */
  moved = PQexec (t.conn, "UPDATE jf.accounts SET org_id = (SELECT id FROM jf.org_units "
                          "WHERE code = '220403001') WHERE username = 'ls-housing'");
  g_assert_cmpint (PQresultStatus (moved), ==, PGRES_FATAL_ERROR);
  g_assert_cmpstr (PQresultErrorField (moved, PG_DIAG_SQLSTATE), ==, "JF422");
  g_assert_cmpstr (PQresultErrorField (moved, PG_DIAG_COLUMN_NAME), ==, "org");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts a JOIN jf.org_units o "
                            "ON o.id = a.org_id WHERE a.username = 'ls-housing' "
                            "AND o.code = '220402001'"), ==, 1);
}

static void
test_other_refusals (void)
{
  gint64 before = count_accounts ();
  g_autoptr(JfCtlRun) org = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account", "add",
                                        "--username", "wangwu", "--role", "reception",
                                        "--org", "999999", "--password-stdin", NULL);
  g_autoptr(JfCtlRun) duplicate = jf_ctl_run (t.conninfo, NULL, GOOD_PASSWORD "\n", "account",
                                              "add", "--username", "lisi", "--role",
                                              "reception", "--org", "220402001",
                                              "--password-stdin", NULL);
  g_autoptr(JfCtlRun) missing = jf_ctl_run (t.conninfo, NULL, NULL, "account", "add",
                                            "--username", "wangwu", NULL);
  g_autoptr(JfCtlRun) no_stdin = jf_ctl_run (t.conninfo, NULL, NULL, "account", "passwd",
                                             "lisi", NULL);
  g_autoptr(JfCtlRun) bare = jf_ctl_run (t.conninfo, NULL, NULL, "account", NULL);
  g_autoptr(JfCtlRun) help = jf_ctl_run (t.conninfo, NULL, NULL, "account", "add", "--help",
                                         NULL);

  assert_refused (org, "no org unit", before);
  assert_refused (duplicate, "exists already", before);
  /* Wrong usage is exit status 2, with a pointer to --help. */
  jf_ctl_assert_exit (missing, 2);
  g_assert_nonnull (strstr (missing->err, "--help"));
  jf_ctl_assert_exit (no_stdin, 2);
  jf_ctl_assert_exit (bare, 2);
  jf_ctl_assert_exit (help, 0);
  g_assert_nonnull (strstr (help->out, "--password-stdin"));
  g_assert_cmpint (count_accounts (), ==, before);
}

static void
test_disable_enable (void)
{
  g_autoptr(JfCtlRun) disable = NULL;
  g_autoptr(JfCtlRun) enable = NULL;
  g_autoptr(JfCtlRun) unknown = NULL;

  /* A live session, which disabling must end. */
  jf_ctl_sql (t.conn, "INSERT INTO jf.sessions (token_hash, account_id, expires_at) "
                      "SELECT sha256 ('lisi-token'), id, now () + interval '1 hour' "
                      "FROM jf.accounts WHERE username = 'lisi'");
  disable = jf_ctl_run (t.conninfo, NULL, NULL, "account", "disable", "lisi", NULL);
  jf_ctl_assert_exit (disable, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts WHERE username = 'lisi' "
                            "AND disabled"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.sessions s JOIN jf.accounts a "
                            "ON a.id = s.account_id WHERE a.username = 'lisi' "
                            "AND s.revoked_at IS NULL"), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = "
                            "'account.disabled' AND target = 'lisi'"), ==, 1);

  enable = jf_ctl_run (t.conninfo, NULL, NULL, "account", "enable", "lisi", NULL);
  jf_ctl_assert_exit (enable, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.accounts WHERE username = 'lisi' "
                            "AND NOT disabled"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = "
                            "'account.enabled' AND target = 'lisi'"), ==, 1);

  unknown = jf_ctl_run (t.conninfo, NULL, NULL, "account", "disable", "nobody", NULL);
  jf_ctl_assert_exit (unknown, 1);
  g_assert_nonnull (strstr (unknown->err, "no account “nobody”"));
}

static void
test_passwd (void)
{
  g_autofree char *before = hash_of ("lisi");
  g_autoptr(JfCtlRun) weak = jf_ctl_run (t.conninfo, NULL, "weak\n", "account", "passwd",
                                         "lisi", "--password-stdin", NULL);
  g_autoptr(JfCtlRun) changed = NULL;
  g_autofree char *after_weak = NULL;
  g_autofree char *after = NULL;

  jf_ctl_assert_exit (weak, 1);
  after_weak = hash_of ("lisi");
  g_assert_cmpstr (after_weak, ==, before);

  changed = jf_ctl_run (t.conninfo, NULL, "Another-good-one-7\n", "account", "passwd", "lisi",
                        "--password-stdin", NULL);
  jf_ctl_assert_exit (changed, 0);
  after = hash_of ("lisi");
  g_assert_true (jfd_password_verify (after, "Another-good-one-7"));
  g_assert_false (jfd_password_verify (after, GOOD_PASSWORD));
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = "
                            "'account.password_changed' AND target = 'lisi'"), ==, 1);
  /* The audit log's chain holds after all these changes. */
  {
    g_autoptr(JfCtlRun) verify = jf_ctl_run (t.conninfo, NULL, NULL, "audit", "verify", NULL);
    jf_ctl_assert_exit (verify, 0);
  }
}

static void
test_list (void)
{
  g_autoptr(JfCtlRun) run = jf_ctl_run (t.conninfo, NULL, NULL, "account", "list", NULL);

  jf_ctl_assert_exit (run, 0);
  g_assert_nonnull (strstr (run->out, "lisi"));
  g_assert_nonnull (strstr (run->out, "zhangsan"));
  g_assert_nonnull (strstr (run->out, "220402-market_regulation"));
  g_assert_nonnull (strstr (run->out, "chuangkou"));
  g_assert_null (strstr (run->out, "$argon2id$"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/ctl/account/add", test_add);
  g_test_add_func ("/jf/ctl/account/weak-password-refused", test_weak_password_refused);
  g_test_add_func ("/jf/ctl/account/unknown-role-refused", test_unknown_role_refused);
  g_test_add_func ("/jf/ctl/account/liaison-needs-department", test_liaison_needs_department);
  g_test_add_func ("/jf/ctl/account/department-of-own-county", test_department_of_own_county);
  g_test_add_func ("/jf/ctl/account/other-refusals", test_other_refusals);
  g_test_add_func ("/jf/ctl/account/disable-enable", test_disable_enable);
  g_test_add_func ("/jf/ctl/account/passwd", test_passwd);
  g_test_add_func ("/jf/ctl/account/list", test_list);
  t.conninfo = jf_test_db_create (&error);
  g_assert_no_error (error);
  t.conn = jf_ctl_sql_connect (t.conninfo);
  status = g_test_run ();
  PQfinish (t.conn);
  jf_test_db_drop (t.conninfo, NULL);
  g_free (t.conninfo);
  return status;
}
