/* test-outbox.c: an intake is never lost when jiefend cannot be reached
 *
 * With the server stopped, an intake goes to the outbox (a file on disk) and the form is
 * free again; when the server is back the outbox sends it, and there is exactly one
 * matter however often the same intake is sent again (a send whose answer was lost, a
 * copy of the file put back after a crash). The file survives the application; an intake
 * the server refuses is kept, with the server's reason, to be opened in the form.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jf-test-env.h"
#include "jf-json.h"
#include "jf-desk-application.h"
#include "jf-desk-intake-form.h"
#include "jf-desk-login-page.h"
#include "jf-desk-outbox.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static JfDeskOutbox *
outbox_of (GtkWindow *window)
{
  GtkApplication *application = gtk_window_get_application (window);

  return jf_desk_application_get_outbox (JF_DESK_APPLICATION (application));
}

static JfDeskIntakeForm *
form_of (GtkWindow *window)
{
  return jf_desk_reception_page_get_form (JF_DESK_RECEPTION_PAGE (
    jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception")));
}

static gboolean
outbox_has_one (gpointer data)
{
  return jf_desk_outbox_get_n_items (data) == 1;
}

static gboolean
outbox_empty (gpointer data)
{
  return jf_desk_outbox_get_n_items (data) == 0;
}

static gboolean
outbox_item_refused (gpointer data)
{
  JfDeskOutbox *outbox = data;
  g_autoptr(JfDeskOutboxItem) item = NULL;

  if (jf_desk_outbox_get_n_items (outbox) != 1)
    return FALSE;
  item = g_list_model_get_item (jf_desk_outbox_get_items (outbox), 0);
  return jf_desk_outbox_item_get_state (item) == JF_DESK_OUTBOX_ITEM_REFUSED;
}

static gint64
count_matters (const char *title)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.matters WHERE title = '%s'",
                                          title);

  return jf_test_env_sql_int (env, sql);
}

/* The one file in @directory ("<key>.json"), read. */
static char *
only_file (const char  *directory,
           char       **out_key)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  char *path = NULL;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_suffix (name, ".json"));
      n++;
      g_free (path);
      path = g_build_filename (directory, name, NULL);
      if (out_key != NULL)
        {
          g_free (*out_key);
          *out_key = g_strndup (name, strlen (name) - 5);
        }
    }
  g_assert_cmpuint (n, ==, 1);
  return path;
}

static guint
n_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Fills the form with the keyboard (title, narrative, one applicant) and presses
 * Ctrl+Enter. */
static void
type_intake (GtkWindow  *window,
             const char *title)
{
  g_assert_true (jf_ui_has_focus (GTK_WIDGET (form_of (window))));
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type (title);
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type ("申请人反映小区停车位被长期占用，物业不予处理。");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (form_of (window)), "name_entry"));
  jf_ui_type ("赵六");
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
}

static void
test_sent_when_server_returns (void)
{
  g_autofree char *directory = g_build_filename (jf_ui_test_home (), "outbox-1", NULL);
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, directory);
  JfDeskOutbox *outbox = outbox_of (window);
  const char *title = "停车位被长期占用";
  g_autofree char *file = NULL;
  g_autofree char *key = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *body = NULL;

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  jf_test_server_stop (env->server);

  type_intake (window, title);
  jf_ui_wait_until_full (outbox_has_one, outbox, 15000, "the intake in the outbox");
  jf_ui_iterate (200);

  /* On disk, under its key, with the body as it was to be sent. */
  file = only_file (directory, &key);
  g_assert_true (g_uuid_string_is_valid (key));
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  saved = jf_json_parse (contents, strlen (contents), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (saved), "key"), ==, key);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (saved), "body"),
                     "title"), ==, title);
  body = jf_json_to_string (json_object_get_member (json_node_get_object (saved), "body"), NULL);

  /* The clerk is told, the form is free, the window shows one waiting. */
  g_assert_nonnull (strstr (jf_desk_intake_form_get_status (form_of (window)),
                            "已保存到待发送队列，服务器恢复后自动发送"));
  g_assert_false (jf_desk_intake_form_has_input (form_of (window)));
  g_assert_cmpstr (jf_desk_window_get_outbox_badge (JF_DESK_WINDOW (window)), ==, "1");
  g_assert_nonnull (strstr (jf_desk_window_get_banner_text (JF_DESK_WINDOW (window)),
                            "无法连接服务器"));
  g_free (jf_ui_screenshot (window, "outbox-pending"));
  g_assert_cmpint (count_matters (title), ==, 0);

  /* The server comes back: the outbox sends it by itself, and deletes the file. */
  jf_test_server_restart (env->server);
  jf_ui_wait_until_full (outbox_empty, outbox, 30000, "the outbox to be sent");
  jf_ui_iterate (300);
  g_assert_cmpuint (n_files (directory), ==, 0);
  g_assert_cmpint (count_matters (title), ==, 1);
  g_assert_cmpstr (jf_desk_window_get_outbox_badge (JF_DESK_WINDOW (window)), ==, "");
  g_free (jf_ui_screenshot (window, "outbox-sent"));

  /* The same key sent again (a retry whose first answer was lost): the same matter. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
    g_autoptr(JfTestResponse) again =
      jf_test_request_full (env->server, "POST", "/v1/matters",
                            jf_test_env_token (env, "chuangkou"), "application/json", bytes,
                            "Idempotency-Key", key, NULL);

    jf_test_assert_status (again, 200);
    g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==,
                     "true");
  }
  g_assert_cmpint (count_matters (title), ==, 1);

  /* The file put back, as after a crash between the answer and the delete: the outbox
   * sends it again, is answered with the first matter, and deletes it. */
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
  jf_desk_outbox_reload (outbox);
  jf_ui_wait_until_full (outbox_has_one, outbox, 5000, "the file back in the outbox");
  jf_ui_wait_until_full (outbox_empty, outbox, 20000, "the outbox to be sent again");
  jf_ui_iterate (300);
  g_assert_cmpuint (n_files (directory), ==, 0);
  g_assert_cmpint (count_matters (title), ==, 1);
  jf_ui_stop_desk ();
}

static void
test_survives_restart (void)
{
  g_autofree char *directory = g_build_filename (jf_ui_test_home (), "outbox-2", NULL);
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, directory);
  const char *title = "停电期间登记的邻里纠纷";

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  jf_test_server_stop (env->server);
  type_intake (window, title);
  jf_ui_wait_until_full (outbox_has_one, outbox_of (window), 15000, "the intake in the outbox");
  g_assert_cmpuint (n_files (directory), ==, 1);

  /* The application goes away (a crash, a reboot): the file is the intake. */
  jf_ui_stop_desk ();
  g_assert_cmpuint (n_files (directory), ==, 1);
  jf_test_server_restart (env->server);

  window = jf_ui_start_desk (env->server->base_url, directory);
  jf_ui_wait_until_full (outbox_has_one, outbox_of (window), 5000, "the outbox read back");
  /* Sent only once the clerk who registered it is signed in again. */
  jf_ui_iterate (500);
  g_assert_cmpint (count_matters (title), ==, 0);
  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (outbox_empty, outbox_of (window), 20000, "the outbox to be sent");
  jf_ui_iterate (300);
  g_assert_cmpuint (n_files (directory), ==, 0);
  g_assert_cmpint (count_matters (title), ==, 1);
  jf_ui_stop_desk ();
}

static void
test_refused_is_kept (void)
{
  g_autofree char *directory = g_build_filename (jf_ui_test_home (), "outbox-3", NULL);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *name = g_strconcat (key, ".json", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  GtkWindow *window;

  /* An intake whose category the server does not know: bad data, not a bad connection. */
  file = g_strdup_printf (
    "{\"version\":1,\"key\":\"%s\",\"saved_at\":\"2026-02-13T09:30:00+08:00\","
    "\"username\":\"chuangkou\",\"server\":\"%s\",\"title\":\"类别有误的登记\","
    "\"body\":{\"kind\":\"dispute\",\"category\":\"no_such_category\",\"source\":\"window\","
    "\"title\":\"类别有误的登记\",\"narrative\":\"测试\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"钱七\"}]}}",
    key, env->server->base_url);
  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, file, -1, NULL));

  window = jf_ui_start_desk (env->server->base_url, directory);
  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (outbox_item_refused, outbox_of (window), 20000,
                         "the server's refusal");
  jf_ui_iterate (300);
  /* Kept, with the reason written into the file. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"last_error\""));
  g_assert_nonnull (strstr (contents, "\"field\":\"category\""));
  g_assert_cmpstr (jf_desk_window_get_outbox_badge (JF_DESK_WINDOW (window)), ==, "1");

  /* Opened in the form, the error is at the category, with the focus. */
  {
    g_autoptr(JfDeskOutboxItem) item = g_list_model_get_item (
      jf_desk_outbox_get_items (outbox_of (window)), 0);

    jf_desk_reception_page_open_outbox_item (JF_DESK_RECEPTION_PAGE (
      jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception")), item);
    jf_ui_iterate (300);
    g_assert_cmpstr (jf_desk_intake_form_get_outbox_key (form_of (window)), ==, key);
    g_assert_true (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (form_of (window)),
                                                       "category_error")));
    g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (form_of (window)),
                                                "category_dropdown")));
    g_assert_cmpint (jf_desk_outbox_item_get_state (item), ==, JF_DESK_OUTBOX_ITEM_EDITING);
  }
  g_free (jf_ui_screenshot (window, "outbox-refused-opened"));

  /* Corrected (another category) and registered: the outbox item is gone with it. */
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (outbox_empty, outbox_of (window), 10000, "the corrected intake");
  jf_ui_iterate (300);
  g_assert_cmpuint (n_files (directory), ==, 0);
  g_assert_cmpint (count_matters ("类别有误的登记"), ==, 1);
  jf_ui_stop_desk ();
}

static gboolean
on_login_page (gpointer data)
{
  return g_strcmp0 (jf_desk_window_get_page (data), "login") == 0;
}

static void
test_session_ended (void)
{
  g_autofree char *directory = g_build_filename (jf_ui_test_home (), "outbox-4", NULL);
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, directory);
  const char *title = "会话过期时提交的登记";
  GtkWidget *reception;

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  reception = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception");

  /* The session ends while the clerk types (revoked, as an administrator would). */
  jf_test_env_sql (env, "UPDATE jf.sessions SET revoked_at = now() WHERE revoked_at IS NULL");
  jf_test_env_sql (env, "SELECT pg_notify('jf_auth', 'session')");
  jf_ui_iterate (500);
  type_intake (window, title);

  /* Back to the sign-in page, saying why; the intake is safe in the outbox. */
  jf_ui_wait_until_full (on_login_page, window, 10000, "the sign-in page");
  jf_ui_wait_until_full (outbox_has_one, outbox_of (window), 10000, "the intake in the outbox");
  g_assert_nonnull (strstr (jf_desk_login_page_get_error (JF_DESK_LOGIN_PAGE (
                              jf_desk_window_get_login_page (JF_DESK_WINDOW (window)))),
                            "登录已失效"));
  /* Ready for the password. */
  jf_ui_iterate (300);
  g_assert_true (jf_ui_has_focus (jf_ui_find (jf_desk_window_get_login_page (
                                                JF_DESK_WINDOW (window)), "password_row")));
  g_free (jf_ui_screenshot (window, "outbox-session-ended"));
  g_assert_cmpuint (n_files (directory), ==, 1);

  /* Signed in again: the same workspace, and the outbox sends the intake. */
  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  g_assert_true (jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception") ==
                 reception);
  jf_ui_wait_until_full (outbox_empty, outbox_of (window), 20000, "the outbox to be sent");
  jf_ui_iterate (300);
  g_assert_cmpuint (n_files (directory), ==, 0);
  g_assert_cmpint (count_matters (title), ==, 1);
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/outbox/sent-when-the-server-returns", test_sent_when_server_returns);
  g_test_add_func ("/desk/outbox/survives-the-application", test_survives_restart);
  g_test_add_func ("/desk/outbox/refused-is-kept-and-opened", test_refused_is_kept);
  g_test_add_func ("/desk/outbox/session-ended-keeps-the-intake", test_session_ended);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
