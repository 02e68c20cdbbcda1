/* jfd-ctl-account.c: jiefenctl account add|disable|enable|passwd|list */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jf-enums.h"
#include "jfd-ctl-commands.h"
#include "jfd-password.h"
#include "jfd-pq.h"

/* The audit row of a change, written in the change's transaction: no account changes
 * unrecorded. The actor is NULL: a change made from the command line, by whoever may run
 * it on the server. */
static gboolean
audit (PGconn      *conn,
       const char  *action,
       const char  *username,
       GError     **error)
{
  const char *values[] = { action, username };

  return jfd_pq_command_params (conn,
                                "INSERT INTO jf.audit_log (actor_id, org_id, action, target, "
                                "                          data) "
                                "SELECT NULL, a.org_id, $1, $2, "
                                "       jsonb_build_object ('roles', a.roles, "
                                "                           'org', o.code, "
                                "                           'disabled', a.disabled, "
                                "                           'by', 'jiefenctl') "
                                "FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id "
                                "WHERE a.username = $2", 2, values, error);
}

static char *
read_password (GError **error)
{
  g_autofree char *password = jfd_ctl_read_stdin_line (error);

  if (password == NULL || !jfd_password_is_acceptable (password, error))
    return NULL;
  return g_steal_pointer (&password);
}

static int
fail_message (const char *message)
{
  g_printerr ("jiefenctl: error: %s\n", message);
  return JFD_CTL_EXIT_FAILURE;
}

/* Roles "a,b" checked against the vocabulary, as a text[] literal. */
static char *
parse_roles (const char  *roles,
             JfRoleSet   *out_set)
{
  g_auto(GStrv) names = g_strsplit (roles, ",", -1);
  g_auto(GStrv) normalised = NULL;
  g_autofree char *joined = NULL;
  const char *bad = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_strstrip (names[i]);
  if (!jf_role_set_from_strv ((const char * const *) names, out_set, &bad) || *out_set == 0)
    {
      g_auto(GStrv) all = jf_role_set_to_strv (JF_ALL_ROLES);
      g_autofree char *known = g_strjoinv (", ", all);

      g_printerr ("jiefenctl: error: unknown role “%s” (the roles are: %s)\n",
                  bad != NULL ? bad : roles, known);
      return NULL;
    }
  normalised = jf_role_set_to_strv (*out_set);
  joined = g_strjoinv (",", normalised);
  return g_strdup_printf ("{%s}", joined);
}

static int
account_add (JfdCtl  *ctl,
             int      argc,
             char   **argv)
{
  g_autofree char *username = NULL, *roles = NULL, *org = NULL, *department = NULL;
  g_autofree char *display_name = NULL, *phone = NULL;
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, "Login name: a-z, 0-9, _ . -", "U" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &roles, "Roles, comma-separated", "R[,R...]" },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, "Administrative code of the home unit", "CODE" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department,
      "Department code, for a department_liaison only and required for one: a department "
      "of the county of --org, e.g. 220402-housing", "CODE" },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      "Name shown to others (default: the username)", "NAME" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, "Work phone", "PHONE" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      "Read the password from the first line of standard input (required)", NULL },
    { NULL }
  };
  g_autofree char *role_array = NULL, *password = NULL, *hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) found = NULL;
  JfRoleSet set = 0;
  PGconn *conn;

  if (!jfd_ctl_parse ("account add", NULL, "Creates an account.", entries, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  if (username == NULL || roles == NULL || org == NULL || !password_stdin)
    return jfd_ctl_usage_error ("account add",
                                "--username, --role, --org and --password-stdin are required");
  role_array = parse_roles (roles, &set);
  if (role_array == NULL)
    return JFD_CTL_EXIT_FAILURE;
  if (jf_role_set_has (set, JF_ROLE_DEPARTMENT_LIAISON) && department == NULL)
    return fail_message ("a department_liaison answers for one department: give "
                         "--department CODE (e.g. 220402-housing)");
  password = read_password (&error);
  if (password == NULL || (hash = jfd_password_hash (password, &error)) == NULL)
    return jfd_ctl_fail (error);

  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  {
    const char *values[] = { username, display_name != NULL ? display_name : username, hash,
                             role_array, org, department, phone };

    /* The department's rule is the database's own (schema/0016-reference-fixes.sql); asked
     * first, so that a refusal reads as a sentence, not as a failed INSERT. */
    found = jfd_pq_exec_params (conn,
                                "SELECT o.id, d.id, "
                                "       EXISTS (SELECT 1 FROM jf.accounts "
                                "               WHERE username = $3), "
                                "       jf.account_department_problem ($4::text[], o.id, d.id) "
                                "FROM (SELECT) AS one "
                                "LEFT JOIN jf.org_units o ON o.code = $1 "
                                "LEFT JOIN jf.departments d ON d.code = $2",
                                4, (const char *[]) { org, department, username, role_array },
                                &error);
    if (found == NULL)
      return jfd_ctl_fail (error);
    if (PQgetisnull (found, 0, 0))
      return fail_message ("no org unit has that code (see the organisation tree)");
    if (department != NULL && PQgetisnull (found, 0, 1))
      return fail_message ("no department has that code (codes look like 220402-housing)");
    if (g_str_equal (PQgetvalue (found, 0, 2), "t"))
      return fail_message ("an account with that username exists already");
    if (!PQgetisnull (found, 0, 3))
      return fail_message (PQgetvalue (found, 0, 3));
    if (!jfd_pq_command (conn, "BEGIN", &error) ||
        !jfd_pq_command_params (conn,
                                "INSERT INTO jf.accounts (username, display_name, password_hash, "
                                "                         roles, org_id, department_id, phone) "
                                "VALUES ($1, $2, $3, $4::text[], "
                                "        (SELECT id FROM jf.org_units WHERE code = $5), "
                                "        (SELECT id FROM jf.departments WHERE code = $6), $7)",
                                7, values, &error) ||
        !audit (conn, "account.created", username, &error) ||
        !jfd_pq_command (conn, "COMMIT", &error))
      {
        jfd_pq_rollback (conn);
        return jfd_ctl_fail (error);
      }
  }
  printf ("account %s created (%s at %s)\n", username, role_array, org);
  return JFD_CTL_EXIT_OK;
}

/* One UPDATE of the account named $1, then its audit row, in one transaction. Sessions
 * are revoked when @revoke_sessions: a disabled account or a changed password must not
 * keep a bearer token alive. */
static int
change_account (JfdCtl             *ctl,
                const char         *username,
                const char         *update_sql,
                int                 n_values,
                const char * const *values,
                const char         *action,
                gboolean            revoke_sessions)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) updated = NULL;
  const char *user_value[] = { username };
  PGconn *conn = jfd_ctl_connect (ctl, &error);

  if (conn == NULL)
    return jfd_ctl_fail (error);
  if (!jfd_pq_command (conn, "BEGIN", &error) ||
      (updated = jfd_pq_exec_params (conn, update_sql, n_values, values, &error)) == NULL)
    {
      jfd_pq_rollback (conn);
      return jfd_ctl_fail (error);
    }
  if (PQntuples (updated) == 0)
    {
      jfd_pq_rollback (conn);
      g_printerr ("jiefenctl: error: there is no account “%s”\n", username);
      return JFD_CTL_EXIT_FAILURE;
    }
  if ((revoke_sessions &&
       !jfd_pq_command_params (conn,
                               "UPDATE jf.sessions SET revoked_at = now () "
                               "WHERE revoked_at IS NULL AND account_id = "
                               "  (SELECT id FROM jf.accounts WHERE username = $1)",
                               1, user_value, &error)) ||
      !audit (conn, action, username, &error) ||
      /* Every running jiefend drops what it cached about this account's sessions. */
      !jfd_pq_command (conn, "SELECT pg_notify ('jf_auth', 'jiefenctl')", &error) ||
      !jfd_pq_command (conn, "COMMIT", &error))
    {
      jfd_pq_rollback (conn);
      return jfd_ctl_fail (error);
    }
  return JFD_CTL_EXIT_OK;
}

static int
account_set_disabled (JfdCtl    *ctl,
                      int        argc,
                      char     **argv,
                      gboolean   disabled)
{
  const char *command = disabled ? "account disable" : "account enable";
  const char *values[2];
  int status;

  if (!jfd_ctl_parse (command, "USERNAME",
                      disabled ? "Disables an account and revokes its sessions."
                               : "Enables a disabled account and clears its lock-out.",
                      NULL, 1, 1, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  values[0] = argv[1];
  values[1] = disabled ? "true" : "false";
  status = change_account (ctl, argv[1],
                           "UPDATE jf.accounts SET disabled = $2::boolean, failed_logins = 0, "
                           "  locked_until = NULL, updated_at = now (), version = version + 1 "
                           "WHERE username = $1 RETURNING id", 2, values,
                           disabled ? "account.disabled" : "account.enabled", disabled);
  if (status == JFD_CTL_EXIT_OK)
    printf ("account %s %s\n", argv[1], disabled ? "disabled" : "enabled");
  return status;
}

static int
account_passwd (JfdCtl  *ctl,
                int      argc,
                char   **argv)
{
  gboolean password_stdin = FALSE;
  const GOptionEntry entries[] = {
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      "Read the new password from the first line of standard input (required)", NULL },
    { NULL }
  };
  g_autofree char *password = NULL, *hash = NULL;
  g_autoptr(GError) error = NULL;
  const char *values[2];
  int status;

  if (!jfd_ctl_parse ("account passwd", "USERNAME",
                      "Sets an account's password and revokes its sessions.", entries, 1, 1,
                      &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  if (!password_stdin)
    return jfd_ctl_usage_error ("account passwd", "--password-stdin is required (a password "
                                "on the command line would be seen by every local user)");
  password = read_password (&error);
  if (password == NULL || (hash = jfd_password_hash (password, &error)) == NULL)
    return jfd_ctl_fail (error);
  values[0] = argv[1];
  values[1] = hash;
  status = change_account (ctl, argv[1],
                           "UPDATE jf.accounts SET password_hash = $2, "
                           "  password_changed_at = now (), failed_logins = 0, "
                           "  locked_until = NULL, updated_at = now (), version = version + 1 "
                           "WHERE username = $1 RETURNING id", 2, values,
                           "account.password_changed", TRUE);
  if (status == JFD_CTL_EXIT_OK)
    printf ("password of %s changed\n", argv[1]);
  return status;
}

static int
account_list (JfdCtl  *ctl,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) rows = NULL;
  PGconn *conn;

  if (!jfd_ctl_parse ("account list", NULL, "Lists the accounts.", NULL, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL ||
      (rows = jfd_pq_exec (conn,
                           "SELECT a.username, array_to_string (a.roles, ','), o.code, "
                           "       coalesce (d.code, '-'), "
                           "       CASE WHEN a.disabled THEN 'disabled' ELSE 'active' END, "
                           "       a.display_name "
                           "FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id "
                           "LEFT JOIN jf.departments d ON d.id = a.department_id "
                           "ORDER BY a.username", &error)) == NULL)
    return jfd_ctl_fail (error);
  printf ("%-16s %-28s %-16s %-22s %-9s %s\n", "username", "roles", "org", "department",
          "state", "display name");
  for (int i = 0; i < PQntuples (rows); i++)
    printf ("%-16s %-28s %-16s %-22s %-9s %s\n", PQgetvalue (rows, i, 0),
            PQgetvalue (rows, i, 1), PQgetvalue (rows, i, 2), PQgetvalue (rows, i, 3),
            PQgetvalue (rows, i, 4), PQgetvalue (rows, i, 5));
  return JFD_CTL_EXIT_OK;
}

static int
account_enable (JfdCtl *ctl, int argc, char **argv)
{
  return account_set_disabled (ctl, argc, argv, FALSE);
}

static int
account_disable (JfdCtl *ctl, int argc, char **argv)
{
  return account_set_disabled (ctl, argc, argv, TRUE);
}

static const JfdCtlCommand subcommands[] = {
  { "add", "create an account", account_add },
  { "disable", "disable an account and revoke its sessions", account_disable },
  { "enable", "enable an account", account_enable },
  { "passwd", "set an account's password", account_passwd },
  { "list", "list the accounts", account_list },
  { NULL, NULL, NULL },
};

int
jfd_ctl_account (JfdCtl  *ctl,
                 int      argc,
                 char   **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      FILE *out = argc < 2 ? stderr : stdout;

      fprintf (out, "Usage: jiefenctl account SUBCOMMAND [OPTIONS...]\n\nSubcommands:\n");
      for (guint i = 0; subcommands[i].name != NULL; i++)
        fprintf (out, "  %-10s %s\n", subcommands[i].name, subcommands[i].summary);
      return argc < 2 ? JFD_CTL_EXIT_USAGE : JFD_CTL_EXIT_OK;
    }
  for (guint i = 0; subcommands[i].name != NULL; i++)
    if (g_str_equal (subcommands[i].name, argv[1]))
      return subcommands[i].run (ctl, argc - 1, argv + 1);
  return jfd_ctl_usage_error ("account", "unknown subcommand “%s”", argv[1]);
}
