/* test-admin.c: the administrator's console, through the keyboard and against jiefend
 *
 * As admin (the city's administrator): the org tree opens at the city with its counties;
 * a township found by name shows its accounts; a new account is created there (the strong
 * initial password shown once, with which it signs in through the API); disabled, its
 * sign-in is refused; its password reset, the new one works and the old one not. A
 * username already taken is refused at the username field. A department liaison is created
 * in a county with its department picked from the county's list. The holiday calendar takes a
 * make-up working day and lists it; a make-up day on a weekday is refused at the date. A
 * deadline rule is changed with its version. The other sections are seen at 1280×800 and
 * 1024×700.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-account-dialog.h"
#include "jf-desk-admin-accounts.h"
#include "jf-desk-admin-calendar.h"
#include "jf-desk-admin-categories.h"
#include "jf-desk-admin-departments.h"
#include "jf-desk-admin-page.h"
#include "jf-desk-admin-rules.h"
#include "jf-desk-record.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static JfDeskAdminPage *
admin_of (GtkWindow *window)
{
  GtkWidget *page = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "admin");

  g_assert_true (JF_DESK_IS_ADMIN_PAGE (page));
  return JF_DESK_ADMIN_PAGE (page);
}

static JfDeskAdminAccounts *
accounts_of (GtkWindow *window)
{
  return JF_DESK_ADMIN_ACCOUNTS (jf_desk_admin_page_get_section (admin_of (window), "accounts"));
}

/* The status of signing in as @username with @password through the API. */
static guint
sign_in_status (const char *username,
                const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           username, password);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/sessions", NULL, body);

  return r->status;
}

static gboolean
tree_shows_counties (gpointer data)
{
  GListModel *tree = jf_desk_admin_accounts_get_tree (data);

  /* The city and its four counties. */
  return g_list_model_get_n_items (tree) >= 5;
}

typedef struct
{
  JfDeskAdminAccounts *accounts;
  const char          *username;
} Listed;

static gboolean
account_listed (gpointer data)
{
  Listed *listed = data;
  GListModel *model = jf_desk_admin_accounts_get_accounts (listed->accounts);

  if (jf_desk_admin_accounts_is_loading (listed->accounts))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JfDeskStaffAccount) account = g_list_model_get_item (model, i);

      if (g_strcmp0 (jf_desk_staff_account_get_username (account), listed->username) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
unit_is_township (gpointer data)
{
  JfDeskOrgUnit *unit = jf_desk_admin_accounts_get_unit (data);

  return unit != NULL && g_strcmp0 (jf_desk_org_unit_get_code (unit), "220402001") == 0 &&
         !jf_desk_admin_accounts_is_loading (data);
}

static gboolean
password_shown (gpointer data)
{
  return jf_desk_admin_accounts_get_shown_password (data) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (jf_desk_admin_accounts_get_dialog (data)));
}

static gboolean
dialog_open (gpointer data)
{
  GtkWindow *dialog = jf_desk_admin_accounts_get_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
no_dialog (gpointer data)
{
  return jf_desk_admin_accounts_get_dialog (data) == NULL;
}

typedef struct
{
  JfDeskAdminAccounts *accounts;
  gboolean             disabled;
} Disabled;

static gboolean
selected_disabled_is (gpointer data)
{
  Disabled *wait = data;
  JfDeskStaffAccount *account = jf_desk_admin_accounts_get_selected (wait->accounts);

  return account != NULL && jf_desk_staff_account_get_disabled (account) == wait->disabled;
}

static gboolean
status_says (gpointer data)
{
  return strstr (jf_desk_admin_accounts_get_status (((Listed *) data)->accounts),
                 ((Listed *) data)->username) != NULL;
}

/* The destructive response of the message dialog on screen, with the keyboard: its
 * default is "cancel", and the next button is the one that acts. */
static void
confirm_with_keyboard (void)
{
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_press (GDK_KEY_Return, 0);
}

static void
test_accounts (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskAdminAccounts *accounts;
  Listed listed = { NULL, NULL };
  Disabled disabled = { NULL, TRUE };
  g_autofree char *password = NULL;
  g_autofree char *reset = NULL;

  jf_ui_sign_in (window, "admin", JF_TEST_PASSWORD);
  accounts = accounts_of (window);
  listed.accounts = accounts;
  disabled.accounts = accounts;
  jf_ui_wait_until_full (tree_shows_counties, accounts, 10000, "the counties in the org tree");
  listed.username = "admin";
  jf_ui_wait_until_full (account_listed, &listed, 10000, "the city's accounts");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-accounts-city"));

  /* A township by part of its name: Enter takes the first match. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (accounts), "org_search"));
  jf_ui_type ("向阳街道");
  jf_ui_iterate (600);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (unit_is_township, accounts, 10000, "向阳街道's accounts");
  listed.username = "chuangkou";
  jf_ui_wait_until_full (account_listed, &listed, 10000, "chuangkou in 向阳街道");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-accounts-township"));

  /* Ctrl+N: a new account in that township, with the keyboard. */
  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the account dialog");
  jf_ui_iterate (300);
  {
    GtkWindow *dialog = jf_desk_admin_accounts_get_dialog (accounts);

    jf_ui_type ("wangxy");
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_type ("王小雨");
    jf_ui_press (GDK_KEY_Tab, 0);           /* the unit: the township already */
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_type ("13912345678");
    jf_ui_press (GDK_KEY_Tab, 0);           /* the first role: reception */
    jf_ui_press (GDK_KEY_space, 0);
    g_assert_true (GTK_IS_CHECK_BUTTON (jf_ui_focus (dialog)));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (jf_ui_focus (dialog))));
    jf_ui_iterate (200);
    g_free (jf_ui_screenshot (dialog, "admin-account-dialog"));
    jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  }
  jf_ui_wait_until_full (password_shown, accounts, 10000, "the new account's password");
  jf_ui_iterate (300);
  password = g_strdup (jf_desk_admin_accounts_get_shown_password (accounts));
  g_assert_cmpuint (strlen (password), ==, 19);
  g_free (jf_ui_screenshot (jf_desk_admin_accounts_get_dialog (accounts), "admin-password-shown"));
  /* The new account signs in with it. */
  g_assert_cmpuint (sign_in_status ("wangxy", password), ==, 201);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (no_dialog, accounts, 5000, "the password dialog to close");
  g_assert_null (jf_desk_admin_accounts_get_shown_password (accounts));
  listed.username = "wangxy";
  jf_ui_wait_until_full (account_listed, &listed, 10000, "wangxy in the list");
  jf_ui_iterate (300);
  g_assert_cmpstr (jf_desk_staff_account_get_username (
                     jf_desk_admin_accounts_get_selected (accounts)), ==, "wangxy");
  g_free (jf_ui_screenshot (window, "admin-account-created"));

  /* Ctrl+D, confirmed: disabled, and its sign-in refused. */
  jf_ui_press (GDK_KEY_d, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the question before disabling");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (jf_desk_admin_accounts_get_dialog (accounts), "admin-disable-ask"));
  confirm_with_keyboard ();
  jf_ui_wait_until_full (selected_disabled_is, &disabled, 10000, "wangxy disabled");
  jf_ui_iterate (300);
  g_assert_cmpuint (sign_in_status ("wangxy", password), ==, 403);
  g_free (jf_ui_screenshot (window, "admin-account-disabled"));

  /* Ctrl+D again: enabled at once, and it signs in again. */
  disabled.disabled = FALSE;
  jf_ui_press (GDK_KEY_d, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (selected_disabled_is, &disabled, 10000, "wangxy enabled");
  g_assert_cmpuint (sign_in_status ("wangxy", password), ==, 201);

  /* Ctrl+Shift+R, confirmed: a new password, shown once; the old one no longer works. */
  jf_ui_press (GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the question before resetting");
  jf_ui_iterate (300);
  confirm_with_keyboard ();
  jf_ui_wait_until_full (password_shown, accounts, 10000, "the reset password");
  jf_ui_iterate (300);
  reset = g_strdup (jf_desk_admin_accounts_get_shown_password (accounts));
  g_assert_cmpstr (reset, !=, password);
  g_free (jf_ui_screenshot (jf_desk_admin_accounts_get_dialog (accounts), "admin-password-reset"));
  g_assert_cmpuint (sign_in_status ("wangxy", reset), ==, 201);
  g_assert_cmpuint (sign_in_status ("wangxy", password), ==, 401);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (no_dialog, accounts, 5000, "the password dialog to close");
  listed.username = "wangxy";
  jf_ui_wait_until_full (status_says, &listed, 5000, "the status line");

  /* Ctrl+E: a second role, saved with the account's version. */
  jf_ui_press (GDK_KEY_e, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the account dialog");
  jf_ui_iterate (300);
  jf_desk_account_dialog_set_role (JF_DESK_ACCOUNT_DIALOG (jf_desk_admin_accounts_get_dialog (
                                     accounts)), JF_ROLE_MEDIATOR, TRUE);
  g_free (jf_ui_screenshot (jf_desk_admin_accounts_get_dialog (accounts), "admin-account-edit"));
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (no_dialog, accounts, 10000, "the change to be saved");
  {
    g_autofree char *roles = jf_test_env_sql_text (env, "SELECT array_to_string (roles, ',') "
                                                        "FROM jf.accounts WHERE username = "
                                                        "'wangxy'");

    g_assert_cmpstr (roles, ==, "reception,mediator");
  }
  jf_ui_iterate (300);
  {
    g_autofree char *shown = jf_desk_staff_account_dup_roles_label (
      jf_desk_admin_accounts_get_selected (accounts));

    g_assert_nonnull (strstr (shown, "调解员"));
  }

  /* The smallest desk screen. */
  gtk_window_set_default_size (window, 1024, 700);
  jf_ui_iterate (500);
  g_free (jf_ui_screenshot (window, "admin-accounts-1024x700"));
  jf_ui_stop_desk ();
}

static void
test_account_refused_at_field (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskAdminAccounts *accounts;
  JfDeskAccountDialog *dialog;

  jf_ui_sign_in (window, "admin", JF_TEST_PASSWORD);
  accounts = accounts_of (window);
  jf_ui_wait_until_full (tree_shows_counties, accounts, 10000, "the counties in the org tree");
  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the account dialog");
  jf_ui_iterate (300);
  dialog = JF_DESK_ACCOUNT_DIALOG (jf_desk_admin_accounts_get_dialog (accounts));

  /* Nothing typed: the desk names what is missing, at each field. */
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_iterate (300);
  g_assert_cmpstr (jf_desk_account_dialog_get_error (dialog, "username"), !=, "");
  g_assert_cmpstr (jf_desk_account_dialog_get_error (dialog, "name"), !=, "");
  g_assert_cmpstr (jf_desk_account_dialog_get_error (dialog, "roles"), !=, "");

  /* A taken username: the server's refusal, at the username. */
  jf_ui_type ("chuangkou");
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type ("重名测试");
  jf_desk_account_dialog_set_role (dialog, JF_ROLE_DEPARTMENT_LIAISON, TRUE);
  jf_ui_iterate (200);
  /* A liaison at the city has no county's departments to answer for. */
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_iterate (300);
  g_assert_nonnull (strstr (jf_desk_account_dialog_get_error (dialog, "department"), "部门"));
  jf_desk_account_dialog_set_role (dialog, JF_ROLE_DEPARTMENT_LIAISON, FALSE);
  jf_desk_account_dialog_set_role (dialog, JF_ROLE_MEDIATOR, TRUE);
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

    while (strstr (jf_desk_account_dialog_get_error (dialog, "username"), "已被使用") == NULL &&
           g_get_monotonic_time () < end)
      jf_ui_iterate (50);
  }
  g_assert_nonnull (strstr (jf_desk_account_dialog_get_error (dialog, "username"), "已被使用"));
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (dialog), "username_entry")));
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "admin-account-dialog-refused"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_wait_until_full (no_dialog, accounts, 5000, "the dialog to close");
  jf_ui_stop_desk ();
}

static gboolean
unit_is_county (gpointer data)
{
  JfDeskOrgUnit *unit = jf_desk_admin_accounts_get_unit (data);

  return unit != NULL && g_strcmp0 (jf_desk_org_unit_get_code (unit), "220402") == 0 &&
         !jf_desk_admin_accounts_is_loading (data);
}

static gboolean
departments_offered (gpointer data)
{
  GtkDropDown *dropdown = data;

  return g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)) > 20;
}

/* A liaison of 龙山区's housing bureau: the unit from the tree (Down from the city), the
 * department from the county's list; the new liaison signs in and reads the inbox. */
static void
test_liaison_account (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskAdminAccounts *accounts;
  GtkWindow *dialog;
  GtkDropDown *dropdown;
  GListModel *departments;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *department = NULL;

  jf_ui_sign_in (window, "admin", JF_TEST_PASSWORD);
  accounts = accounts_of (window);
  jf_ui_wait_until_full (tree_shows_counties, accounts, 10000, "the counties in the org tree");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (accounts), "tree_view"));
  jf_ui_press (GDK_KEY_Down, 0);
  jf_ui_wait_until_full (unit_is_county, accounts, 10000, "龙山区's accounts");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-accounts-county"));

  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, accounts, 5000, "the account dialog");
  jf_ui_iterate (300);
  dialog = jf_desk_admin_accounts_get_dialog (accounts);
  jf_ui_type ("zhujian2");
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type ("张住建");
  jf_desk_account_dialog_set_role (JF_DESK_ACCOUNT_DIALOG (dialog), JF_ROLE_DEPARTMENT_LIAISON,
                                   TRUE);
  dropdown = GTK_DROP_DOWN (jf_ui_find (GTK_WIDGET (dialog), "department_dropdown"));
  jf_ui_wait_until_full (departments_offered, dropdown, 10000, "龙山区's departments");
  departments = gtk_drop_down_get_model (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (departments, i);

      if (g_strcmp0 (jf_desk_record_get_string (record, "code"), "220402-housing") == 0)
        gtk_drop_down_set_selected (dropdown, i);
    }
  jf_ui_iterate (200);
  g_free (jf_ui_screenshot (dialog, "admin-account-dialog-liaison"));
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (password_shown, accounts, 10000, "the new liaison's password");
  password = g_strdup (jf_desk_admin_accounts_get_shown_password (accounts));
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (no_dialog, accounts, 5000, "the password dialog to close");

  department = jf_test_env_sql_text (env, "SELECT d.code FROM jf.accounts a JOIN jf.departments d "
                                          "ON d.id = a.department_id WHERE a.username = "
                                          "'zhujian2'");
  g_assert_cmpstr (department, ==, "220402-housing");
  token = jf_test_sign_in (env->server, "zhujian2", password);
  {
    g_autoptr(JfTestResponse) inbox = jf_test_request (env->server, "GET", "/v1/inbox", token,
                                                       NULL);

    jf_test_assert_status (inbox, 200);
  }
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-liaison-created"));
  jf_ui_stop_desk ();
}

static gboolean
day_listed (gpointer data)
{
  JfDeskAdminCalendar *calendar = data;
  GListModel *days = jf_desk_admin_calendar_get_days (calendar);

  if (jf_desk_admin_calendar_is_loading (calendar))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (days); i++)
    {
      g_autoptr(JfDeskRecord) day = g_list_model_get_item (days, i);

      if (g_strcmp0 (jf_desk_record_get_string (day, "day"), "2026-12-26") == 0 &&
          g_strcmp0 (jf_desk_record_get_string (day, "kind"), "work") == 0 &&
          g_strcmp0 (jf_desk_record_get_string (day, "name"), "元旦调休") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
year_read (gpointer data)
{
  return !jf_desk_admin_calendar_is_loading (data) &&
         g_list_model_get_n_items (jf_desk_admin_calendar_get_days (data)) > 0;
}

static gboolean
rules_read (gpointer data)
{
  return g_list_model_get_n_items (jf_desk_admin_rules_get_items (data)) >= 18;
}

static gboolean
rule_dialog_open (gpointer data)
{
  GtkWindow *dialog = jf_desk_admin_rules_get_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
rule_dialog_closed (gpointer data)
{
  return jf_desk_admin_rules_get_dialog (data) == NULL;
}

static gboolean
departments_read (gpointer data)
{
  return g_list_model_get_n_items (jf_desk_admin_departments_get_items (data)) > 20;
}

static gboolean
categories_read (gpointer data)
{
  return g_list_model_get_n_items (jf_desk_admin_categories_get_items (data)) >= 12;
}

static gboolean
category_dialog_open (gpointer data)
{
  GtkWindow *dialog = jf_desk_admin_categories_get_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
category_listed (gpointer data)
{
  return jf_desk_admin_categories_get_dialog (data) == NULL &&
         jf_desk_admin_categories_select (data, "school_safety");
}

/* "t" or "f": whether the category is in use, as the database has it. */
static char *
category_state (const char *slug)
{
  g_autofree char *sql = g_strdup_printf ("SELECT active FROM jf.categories WHERE slug = '%s'",
                                          slug);

  return jf_test_env_sql_text (env, sql);
}

static gboolean
category_retired (gpointer data)
{
  g_autofree char *state = category_state ("school_safety");

  return g_strcmp0 (state, "f") == 0;
}

static gboolean
day_gone (gpointer data)
{
  return !day_listed (data) && !jf_desk_admin_calendar_is_loading (data);
}

static void
test_reference_data (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskAdminPage *admin;
  JfDeskAdminCalendar *calendar;
  JfDeskAdminRules *rules;
  GtkWidget *section;

  jf_ui_sign_in (window, "admin", JF_TEST_PASSWORD);
  admin = admin_of (window);

  /* Alt+2, Alt+3: the departments of a county, the categories. */
  jf_ui_press (GDK_KEY_2, GDK_ALT_MASK);
  section = jf_desk_admin_page_get_section (admin, "departments");
  jf_ui_wait_until_full (departments_read, section, 10000, "the departments");
  jf_ui_iterate (600);
  g_free (jf_ui_screenshot (window, "admin-departments"));
  jf_ui_press (GDK_KEY_3, GDK_ALT_MASK);
  section = jf_desk_admin_page_get_section (admin, "categories");
  jf_ui_wait_until_full (categories_read, section, 10000, "the categories");
  jf_ui_iterate (300);

  /* A category added (Ctrl+N, Enter through the fields), then taken out of use. */
  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (category_dialog_open, section, 5000, "the category dialog");
  jf_ui_iterate (300);
  jf_ui_type ("school_safety");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_type ("校园安全");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_type ("School safety");
  g_free (jf_ui_screenshot (jf_desk_admin_categories_get_dialog (
                              JF_DESK_ADMIN_CATEGORIES (section)), "admin-category-dialog"));
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (category_listed, section, 10000, "school_safety listed");
  jf_ui_iterate (300);
  {
    g_autofree char *state = category_state ("school_safety");

    g_assert_cmpstr (state, ==, "t");
  }
  jf_ui_press (GDK_KEY_d, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (category_dialog_open, section, 5000, "the question");
  jf_ui_iterate (300);
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (category_retired, NULL, 10000, "school_safety out of use");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-categories"));

  /* Alt+4: the rules; one changed with the keyboard, with its version. */
  jf_ui_press (GDK_KEY_4, GDK_ALT_MASK);
  rules = JF_DESK_ADMIN_RULES (jf_desk_admin_page_get_section (admin, "rules"));
  jf_ui_wait_until_full (rules_read, rules, 10000, "the deadline rules");
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "admin-rules"));
  g_assert_true (jf_desk_admin_rules_select (rules, "followup"));
  gtk_widget_grab_focus (GTK_WIDGET (jf_desk_admin_rules_get_view (rules)));
  jf_ui_press (GDK_KEY_e, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (rule_dialog_open, rules, 5000, "the rule dialog");
  jf_ui_iterate (300);
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type ("10");
  g_free (jf_ui_screenshot (jf_desk_admin_rules_get_dialog (rules), "admin-rule-dialog"));
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (rule_dialog_closed, rules, 10000, "the rule to be saved");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT amount FROM jf.deadline_rules WHERE stage "
                                             "= 'followup'"), ==, 10);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT version FROM jf.deadline_rules WHERE stage "
                                             "= 'followup'"), ==, 2);

  /* Alt+5: the holiday calendar; a make-up working day added and listed. */
  jf_ui_press (GDK_KEY_5, GDK_ALT_MASK);
  calendar = JF_DESK_ADMIN_CALENDAR (jf_desk_admin_page_get_section (admin, "calendar"));
  jf_desk_admin_calendar_set_year (calendar, 2026);
  jf_ui_wait_until_full (year_read, calendar, 10000, "2026's holidays");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (calendar), "day_entry"));
  /* A weekday cannot be a make-up working day. */
  jf_ui_type ("2026-12-28");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (jf_ui_find (GTK_WIDGET (calendar), "kind_dropdown")),
                              1);
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (calendar), "name_entry"));
  jf_ui_type ("元旦调休");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_iterate (300);
  g_assert_nonnull (strstr (jf_desk_admin_calendar_get_error (calendar, "day"), "星期一"));
  g_free (jf_ui_screenshot (window, "admin-calendar-refused"));
  /* The Saturday before is one. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (calendar), "day_entry"));
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type ("2026-12-26");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (calendar), "name_entry"));
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (day_listed, calendar, 10000, "2026-12-26 listed");
  jf_ui_iterate (400);
  {
    g_autofree char *stored = jf_test_env_sql_text (env, "SELECT kind || ' ' || name FROM "
                                                         "jf.calendar_days WHERE day = "
                                                         "'2026-12-26'");

    g_assert_cmpstr (stored, ==, "work 元旦调休");
  }
  g_free (jf_ui_screenshot (window, "admin-calendar"));

  /* Removed again (Delete on the selected day, confirmed): the weekday rule applies. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (calendar), "view"));
  jf_ui_press (GDK_KEY_Delete, 0);
  jf_ui_iterate (400);
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (day_gone, calendar, 10000, "2026-12-26 removed");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.calendar_days WHERE day = "
                                             "'2026-12-26'"), ==, 0);
  gtk_window_set_default_size (window, 1024, 700);
  jf_ui_iterate (500);
  g_free (jf_ui_screenshot (window, "admin-calendar-1024x700"));
  jf_ui_press (GDK_KEY_4, GDK_ALT_MASK);
  jf_ui_iterate (400);
  g_free (jf_ui_screenshot (window, "admin-rules-1024x700"));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/admin/create-disable-reset", test_accounts);
  g_test_add_func ("/desk/admin/refused-at-the-field", test_account_refused_at_field);
  g_test_add_func ("/desk/admin/liaison-with-its-department", test_liaison_account);
  g_test_add_func ("/desk/admin/rules-and-calendar", test_reference_data);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
