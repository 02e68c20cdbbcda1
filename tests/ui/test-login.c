/* test-login.c: signing in at the desk, against a real jiefend
 *
 * A wrong password is said in words and the clerk stays on the page with the password
 * field emptied and focused; the right one opens the reception workspace. An address
 * where no server listens is said to be unreachable.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-login-page.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static gboolean
login_error_shown (gpointer data)
{
  JfDeskLoginPage *page = JF_DESK_LOGIN_PAGE (jf_desk_window_get_login_page (data));

  return jf_desk_login_page_get_error (page) != NULL;
}

static const char *
login_error (GtkWindow *window)
{
  return jf_desk_login_page_get_error (
    JF_DESK_LOGIN_PAGE (jf_desk_window_get_login_page (JF_DESK_WINDOW (window))));
}

static void
test_wrong_then_right_password (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  GtkWidget *login = jf_desk_window_get_login_page (JF_DESK_WINDOW (window));
  GtkWidget *reception;
  g_autofree char *shot = NULL;

  g_assert_cmpstr (jf_desk_window_get_page (JF_DESK_WINDOW (window)), ==, "login");
  g_free (jf_ui_screenshot (window, "login-page"));

  /* Username, Tab, a wrong password, Enter: all on the keyboard. */
  gtk_widget_grab_focus (jf_ui_find (login, "username_row"));
  jf_ui_type ("chuangkou");
  jf_ui_press (GDK_KEY_Tab, 0);
  g_assert_true (jf_ui_has_focus (jf_ui_find (login, "password_row")));
  jf_ui_type ("not-the-password");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (login_error_shown, window, 10000, "the sign-in error");

  g_assert_cmpstr (jf_desk_window_get_page (JF_DESK_WINDOW (window)), ==, "login");
  g_assert_nonnull (strstr (login_error (window), "用户名或密码不正确"));
  /* Ready for the next attempt: the password emptied and focused. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jf_ui_find (login, "password_row"))),
                   ==, "");
  g_assert_true (jf_ui_has_focus (jf_ui_find (login, "password_row")));
  shot = jf_ui_screenshot (window, "login-wrong-password");

  jf_ui_type (JF_TEST_PASSWORD);
  jf_ui_press (GDK_KEY_Return, 0);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_strcmp0 (jf_desk_window_get_page (JF_DESK_WINDOW (window)), "workspace") != 0)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        jf_ui_iterate (20);
      }
  }
  jf_ui_iterate (500);
  reception = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception");
  g_assert_true (JF_DESK_IS_RECEPTION_PAGE (reception));
  g_assert_true (gtk_widget_get_mapped (reception));
  /* The clerk can start typing at once: the focus is in the intake form. */
  g_assert_true (jf_ui_has_focus (
    GTK_WIDGET (jf_desk_reception_page_get_form (JF_DESK_RECEPTION_PAGE (reception)))));
  g_free (jf_ui_screenshot (window, "login-reception-workspace"));
  jf_ui_stop_desk ();
}

static void
test_unreachable_server (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  GtkWindow *window;

  /* A port that was free a moment ago, and that nothing listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);

    g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  }
  bound = G_INET_SOCKET_ADDRESS (g_socket_get_local_address (socket, NULL));
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (bound));
  g_socket_close (socket, NULL);

  window = jf_ui_start_desk (url, NULL);
  {
    GtkWidget *login = jf_desk_window_get_login_page (JF_DESK_WINDOW (window));

    gtk_widget_grab_focus (jf_ui_find (login, "username_row"));
    jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
    jf_ui_type ("chuangkou");
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_type (JF_TEST_PASSWORD);
    jf_ui_press (GDK_KEY_Return, 0);
  }
  jf_ui_wait_until_full (login_error_shown, window, 15000, "the sign-in error");
  g_assert_nonnull (strstr (login_error (window), "无法连接服务器"));
  g_assert_nonnull (strstr (login_error (window), url));
  g_free (jf_ui_screenshot (window, "login-unreachable"));
  jf_ui_stop_desk ();
}

static void
test_disabled_account (void)
{
  GtkWindow *window;

  jf_test_env_sql (env, "UPDATE jf.accounts SET disabled = true WHERE username = 'tiaojie'");
  window = jf_ui_start_desk (env->server->base_url, NULL);
  {
    GtkWidget *login = jf_desk_window_get_login_page (JF_DESK_WINDOW (window));

    gtk_widget_grab_focus (jf_ui_find (login, "username_row"));
    jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
    jf_ui_type ("tiaojie");
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_type (JF_TEST_PASSWORD);
    jf_ui_press (GDK_KEY_Return, 0);
  }
  jf_ui_wait_until_full (login_error_shown, window, 10000, "the sign-in error");
  g_assert_nonnull (strstr (login_error (window), "已停用"));
  jf_ui_stop_desk ();
}

static void
type_sign_in (GtkWindow  *window,
              const char *username,
              const char *password)
{
  GtkWidget *login = jf_desk_window_get_login_page (JF_DESK_WINDOW (window));

  gtk_widget_grab_focus (jf_ui_find (login, "username_row"));
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type (username);
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type (password);
  jf_ui_press (GDK_KEY_Return, 0);
}

/* A server that answers in plain HTTP whatever it is sent, as one without TLS does. */
static gboolean
plain_answer_cb (GSocketService     *service,
                 GSocketConnection  *connection,
                 GObject            *source,
                 gpointer            data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, answer, sizeof answer - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_tls_problem (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GtkWindow *window;
  guint16 port;

  /* https:// to a server that does not speak TLS: the handshake fails. */
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (plain_answer_cb), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  window = jf_ui_start_desk (url, NULL);

  type_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (login_error_shown, window, 15000, "the sign-in error");
  g_assert_nonnull (strstr (login_error (window), "安全连接"));
  g_free (jf_ui_screenshot (window, "login-tls-problem"));
  jf_ui_stop_desk ();
  g_socket_service_stop (service);
}

static void
test_locked_after_wrong_passwords (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);

  /* Five wrong passwords lock the account; the sixth attempt is told so, even with the
   * right password. */
  for (guint i = 0; i < 5; i++)
    {
      type_sign_in (window, "wangge", "wrong-password");
      jf_ui_wait_until_full (login_error_shown, window, 10000, "the sign-in error");
      g_assert_nonnull (strstr (login_error (window), "用户名或密码不正确"));
      jf_desk_login_page_set_message (
        JF_DESK_LOGIN_PAGE (jf_desk_window_get_login_page (JF_DESK_WINDOW (window))), NULL);
    }
  type_sign_in (window, "wangge", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (login_error_shown, window, 10000, "the sign-in error");
  g_assert_nonnull (strstr (login_error (window), "锁定 15 分钟"));
  g_assert_cmpstr (jf_desk_window_get_page (JF_DESK_WINDOW (window)), ==, "login");
  g_free (jf_ui_screenshot (window, "login-locked"));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/login/wrong-then-right-password", test_wrong_then_right_password);
  g_test_add_func ("/desk/login/unreachable-server", test_unreachable_server);
  g_test_add_func ("/desk/login/disabled-account", test_disabled_account);
  g_test_add_func ("/desk/login/tls-problem", test_tls_problem);
  g_test_add_func ("/desk/login/locked-after-wrong-passwords", test_locked_after_wrong_passwords);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
