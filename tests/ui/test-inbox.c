/* test-inbox.c: a department liaison answers a whistle from the department inbox
 *
 * Set up through the API as the centres would: a matter registered at the 向阳街道 window
 * (220402001), accepted, and whistled by the township's mediator to the housing bureau
 * (220402-housing) as lead, urgently, with the labour bureau assisting. Then, in the
 * desk, as bumen (the housing bureau's liaison): the whistle is in the inbox with its
 * countdown to the check-in deadline, ticking; Ctrl+B checks in and the countdown turns
 * to the action deadline; Ctrl+F opens the feedback, which is typed and sent with a photo
 * attached, and the server has the target fed back with that text and that file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-feedback-dialog.h"
#include "jf-desk-inbox-detail.h"
#include "jf-desk-inbox-page.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

#define TOWNSHIP "220402001"
#define HOUSING "220402-housing"
#define LABOUR "220402-human_resources"
#define FEEDBACK_TEXT "已到现场核查，责令业主三日内拆除违建阳光房，并已通知街道跟进。"

static JfTestEnv *env;

/* A matter accepted at the township's window and whistled by its mediator; the housing
 * bureau's target id in *out_target. */
static gint64
whistled_matter (const char *title,
                 gint64     *out_target)
{
  gint64 id = jf_test_env_register (env, "chuangkou", title, TOWNSHIP);
  g_autofree char *accept_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                                  "/transitions", id);
  g_autofree char *whistle_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles",
                                                   id);
  g_autoptr(JfTestResponse) accepted = NULL;
  g_autoptr(JfTestResponse) whistled = NULL;
  g_autofree char *body = NULL;

  accepted = jf_test_request (env->server, "POST", accept_path,
                              jf_test_env_token (env, "chuangkou"),
                              "{\"to\":\"accepted\",\"version\":1}");
  jf_test_assert_status (accepted, 200);
  body = g_strdup_printf (
    "{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"urgent\","
    "\"request\":\"楼顶违建阳光房遮挡邻居采光，请住建局牵头依法处置\","
    "\"lead\":{\"department\":\"" HOUSING "\",\"ask\":\"现场核查违建并依法责令拆除\"},"
    "\"assist\":[{\"department\":\"" LABOUR "\",\"ask\":\"核查施工队欠薪情况\"}]}",
    jf_test_response_int (accepted, "version"));
  whistled = jf_test_request (env->server, "POST", whistle_path,
                              jf_test_env_token (env, "tiaojie"), body);
  jf_test_assert_status (whistled, 201);
  g_assert_cmpstr (jf_test_response_string (whistled, "whistle.targets.0.role"), ==, "lead");
  *out_target = jf_test_response_int (whistled, "whistle.targets.0.id");
  return id;
}

static JfDeskInboxPage *
inbox_of (GtkWindow *window)
{
  GtkWidget *page = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "inbox");

  g_assert_true (JF_DESK_IS_INBOX_PAGE (page));
  return JF_DESK_INBOX_PAGE (page);
}

typedef struct
{
  JfDeskInboxPage *page;
  gint64           target;
} Wait;

static JfDeskWhistleTarget *
item (Wait *wait)
{
  GListModel *items = jf_desk_inbox_page_get_items (wait->page);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(JfDeskWhistleTarget) target = g_list_model_get_item (items, i);

      if (jf_desk_whistle_target_get_id (target) == wait->target)
        return target;   /* the store keeps it */
    }
  return NULL;
}

static gboolean
listed (gpointer data)
{
  Wait *wait = data;

  return item (wait) != NULL && !jf_desk_inbox_page_is_loading (wait->page) &&
         jf_desk_inbox_page_get_countdown (wait->page, wait->target) != NULL;
}

static gboolean
checked_in (gpointer data)
{
  JfDeskWhistleTarget *target = item (data);

  return target != NULL &&
         jf_desk_whistle_target_get_status (target) == JF_DESK_TARGET_CHECKED_IN;
}

static gboolean
fed_back (gpointer data)
{
  JfDeskWhistleTarget *target = item (data);

  return target != NULL && jf_desk_whistle_target_get_status (target) == JF_DESK_TARGET_FED_BACK;
}

static gboolean
dialog_open (gpointer data)
{
  Wait *wait = data;

  return JF_DESK_IS_FEEDBACK_DIALOG (jf_desk_inbox_page_get_dialog (wait->page)) &&
         gtk_widget_get_mapped (GTK_WIDGET (jf_desk_inbox_page_get_dialog (wait->page)));
}

static gboolean
any_dialog_open (gpointer data)
{
  GtkWindow *dialog = jf_desk_inbox_page_get_dialog (((Wait *) data)->page);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_closed (gpointer data)
{
  return jf_desk_inbox_page_get_dialog (((Wait *) data)->page) == NULL;
}

static gboolean
matter_read (gpointer data)
{
  GtkWidget *detail = jf_ui_find_type (GTK_WIDGET (((Wait *) data)->page),
                                       JF_DESK_TYPE_INBOX_DETAIL);

  return strstr (jf_desk_inbox_detail_get_matter_text (JF_DESK_INBOX_DETAIL (detail)),
                 "当事人") != NULL;
}

static char *
countdown (Wait *wait)
{
  return g_strdup (jf_desk_inbox_page_get_countdown (wait->page, wait->target));
}

/* A small real PNG (what a phone photo would be, in miniature). */
static GFile *
photo_file (void)
{
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
    0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
    0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8,
    0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };
  g_autofree char *path = g_build_filename (jf_ui_test_home (), "现场照片.png", NULL);

  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
  return g_file_new_for_path (path);
}

static void
test_answer_whistle (void)
{
  gint64 target_id = 0;
  gint64 matter = whistled_matter ("楼顶违建阳光房遮挡采光", &target_id);
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  Wait wait = { NULL, target_id };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  gint64 started;

  jf_ui_sign_in (window, "bumen", JF_TEST_PASSWORD);
  /* A liaison has one workspace: the inbox, and no registration. */
  g_assert_null (jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "reception"));
  wait.page = inbox_of (window);
  started = g_get_monotonic_time ();
  jf_ui_wait_until_full (listed, &wait, 10000, "the whistle in the inbox");
  g_test_message ("the whistle was listed %.0f ms after signing in",
                  (g_get_monotonic_time () - started) / 1000.0);
  jf_ui_wait_until_full (matter_read, &wait, 10000, "the matter beside the list");

  /* Urgent: 30 minutes to check in, counted down. */
  before = countdown (&wait);
  g_assert_nonnull (strstr (before, "还剩"));
  g_assert_nonnull (strstr (before, "分钟"));
  g_assert_true (jf_desk_whistle_target_is_lead (item (&wait)));
  g_assert_true (jf_desk_whistle_target_is_urgent (item (&wait)));
  g_assert_true (jf_desk_inbox_page_get_selected (wait.page) == item (&wait));
  g_free (jf_ui_screenshot (window, "inbox-pending"));

  /* The clock ticks every second: with under ten minutes left the seconds run. */
  sql = g_strdup_printf ("UPDATE jf.whistle_targets SET checkin_due_at = now() + "
                         "interval '9 minutes 30 seconds' WHERE id = %" G_GINT64_FORMAT,
                         target_id);
  jf_test_env_sql (env, sql);
  jf_ui_press (GDK_KEY_r, GDK_CONTROL_MASK);
  jf_ui_iterate (1500);
  g_free (before);
  before = countdown (&wait);
  g_assert_nonnull (strstr (before, "秒"));
  jf_ui_iterate (2100);
  after = countdown (&wait);
  g_assert_nonnull (strstr (after, "秒"));
  g_assert_cmpstr (before, !=, after);
  g_free (jf_ui_screenshot (window, "inbox-countdown-seconds"));

  /* Check in with the keyboard: the list has the focus, Ctrl+B. */
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (wait.page), "column_view")));
  jf_ui_press (GDK_KEY_b, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (checked_in, &wait, 10000, "the check-in");
  jf_ui_iterate (300);
  g_assert_nonnull (strstr (jf_desk_inbox_page_get_status (wait.page), "已报到"));
  g_free (after);
  after = countdown (&wait);
  /* Now the action deadline: a working day, so more than ten minutes away. */
  g_assert_nonnull (strstr (after, "还剩"));
  g_assert_null (strstr (after, "秒"));
  g_free (jf_ui_screenshot (window, "inbox-checked-in"));

  /* Feed back: Ctrl+F, the text, a photo, Ctrl+Enter. */
  jf_ui_press (GDK_KEY_f, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (dialog_open, &wait, 5000, "the feedback dialog");
  jf_ui_iterate (300);
  {
    JfDeskFeedbackDialog *dialog = JF_DESK_FEEDBACK_DIALOG (
      jf_desk_inbox_page_get_dialog (wait.page));
    g_autoptr(GFile) photo = photo_file ();

    g_assert_true (GTK_IS_TEXT_VIEW (jf_ui_focus_text (GTK_WINDOW (dialog))));
    jf_ui_type (FEEDBACK_TEXT);
    /* What choosing the file in the desktop's file chooser does. */
    g_assert_true (jf_desk_feedback_dialog_add_file (dialog, photo));
    jf_ui_iterate (200);
    g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "inbox-feedback-dialog"));
    jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  }
  jf_ui_wait_until_full (dialog_closed, &wait, 15000, "the feedback to be sent");
  jf_ui_wait_until_full (fed_back, &wait, 5000, "the target fed back in the list");
  jf_ui_iterate (400);
  g_assert_nonnull (strstr (jf_desk_inbox_page_get_status (wait.page), "已反馈"));
  g_assert_cmpstr (countdown (&wait), ==, "—");
  g_free (jf_ui_screenshot (window, "inbox-fed-back"));

  /* The server has it: fed back, with the text and the photo. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles", matter);
    g_autoptr(JfTestResponse) whistles = jf_test_request (env->server, "GET", path,
                                                          jf_test_env_token (env, "tiaojie"),
                                                          NULL);
    g_autoptr(JfTestResponse) attachments = NULL;
    g_autofree char *attachments_path = NULL;
    JsonArray *files;

    jf_test_assert_status (whistles, 200);
    g_assert_cmpint (jf_test_response_int (whistles, "0.targets.0.id"), ==, target_id);
    g_assert_cmpstr (jf_test_response_string (whistles, "0.targets.0.status"), ==, "fed_back");
    g_assert_cmpstr (jf_test_response_string (whistles, "0.targets.0.feedback.text"), ==,
                     FEEDBACK_TEXT);
    files = json_node_get_array (jf_test_response_get (whistles,
                                                       "0.targets.0.feedback.attachments"));
    g_assert_cmpuint (json_array_get_length (files), ==, 1);

    attachments_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/attachments", matter);
    attachments = jf_test_request (env->server, "GET", attachments_path,
                                   jf_test_env_token (env, "tiaojie"), NULL);
    jf_test_assert_status (attachments, 200);
    g_assert_cmpstr (jf_test_response_string (attachments, "0.filename"), ==, "现场照片.png");
    g_assert_cmpstr (jf_test_response_string (attachments, "0.media_type"), ==, "image/png");
    g_assert_cmpint (jf_test_response_int (attachments, "0.target_id"), ==, target_id);
  }

  /* The smallest desk screen: nothing cut off at 1024×700. */
  gtk_window_set_default_size (window, 1024, 700);
  jf_ui_iterate (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 700);
  g_free (jf_ui_screenshot (window, "inbox-1024x700"));
  jf_ui_stop_desk ();
}

/* More time once: the extension moves the action deadline, and is not offered again. */
static void
test_extension_once (void)
{
  gint64 target_id = 0;
  GtkWindow *window;
  Wait wait = { NULL, 0 };
  GDateTime *due_before;
  g_autoptr(GDateTime) due_was = NULL;

  whistled_matter ("物业拒不维修漏水屋面", &target_id);
  wait.target = target_id;
  window = jf_ui_start_desk (env->server->base_url, NULL);
  jf_ui_sign_in (window, "bumen", JF_TEST_PASSWORD);
  wait.page = inbox_of (window);
  jf_ui_wait_until_full (listed, &wait, 10000, "the whistle in the inbox");
  g_assert_true (jf_desk_inbox_page_select (wait.page, target_id));
  jf_ui_iterate (200);
  due_before = jf_desk_whistle_target_get_action_due (item (&wait));
  g_assert_nonnull (due_before);
  due_was = g_date_time_ref (due_before);
  g_assert_true (gtk_widget_is_sensitive (jf_ui_find (GTK_WIDGET (wait.page),
                                                      "extension_button")));

  jf_ui_press (GDK_KEY_e, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (any_dialog_open, &wait, 5000, "the extension dialog");
  jf_ui_iterate (300);
  {
    GtkWindow *dialog = jf_desk_inbox_page_get_dialog (wait.page);

    /* Two days: the amount, Tab to the unit (days already), Tab to the reason. */
    jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
    jf_ui_type ("2");
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_press (GDK_KEY_Tab, 0);
    jf_ui_type ("需协调规划部门联合执法，申请延长两天。");
    g_free (jf_ui_screenshot (dialog, "inbox-extension-dialog"));
    jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  }
  jf_ui_wait_until_full (dialog_closed, &wait, 10000, "the extension");
  jf_ui_iterate (300);
  g_assert_true (jf_desk_whistle_target_has_extension (item (&wait)));
  g_assert_cmpint (g_date_time_difference (jf_desk_whistle_target_get_action_due (item (&wait)),
                                           due_was), ==, 2 * G_TIME_SPAN_DAY);
  /* Once only. */
  g_assert_false (gtk_widget_is_sensitive (jf_ui_find (GTK_WIDGET (wait.page),
                                                       "extension_button")));
  jf_ui_press (GDK_KEY_e, GDK_CONTROL_MASK);
  jf_ui_iterate (300);
  g_assert_null (jf_desk_inbox_page_get_dialog (wait.page));
  g_free (jf_ui_screenshot (window, "inbox-extended"));
  jf_ui_stop_desk ();
}

/* --- the desktop's notifications ------------------------------------------------------------ */

/* A notification server of our own on the session bus (a whistle also reaches the
 * liaison as a desktop notification): what the desktop would show. */
static GPtrArray *notified;

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notified, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", notified->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "jiefen",
                                                                      "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
serve_notifications (void)
{
  static const char xml[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
    "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
    "<method name='GetServerInformation'><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;

  notified = g_ptr_array_new_with_free_func (g_free);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  jf_ui_iterate (200);
}

static gboolean
loaded (gpointer data)
{
  JfDeskInboxPage *page = data;

  return !jf_desk_inbox_page_is_loading (page) &&
         g_list_model_get_n_items (jf_desk_inbox_page_get_items (page)) > 0;
}

/* A whistle blown while the liaison looks at the inbox appears by itself, through the
 * live stream (well before the fallback reading every 30 seconds). */
static void
test_new_whistle_live (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  Wait wait = { NULL, 0 };
  gint64 whistled;

  jf_ui_sign_in (window, "bumen", JF_TEST_PASSWORD);
  wait.page = inbox_of (window);
  jf_ui_wait_until_full (loaded, wait.page, 10000, "the inbox");
  jf_ui_iterate (1500);   /* the stream opened */

  whistled_matter ("夜间施工噪音扰民", &wait.target);
  whistled = g_get_monotonic_time ();
  jf_ui_wait_until_full (listed, &wait, 10000, "the new whistle, live");
  g_test_message ("the new whistle was listed %.0f ms after the server had it",
                  (g_get_monotonic_time () - whistled) / 1000.0);
  /* The desktop said so too. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    {
      gboolean said = FALSE;

      jf_ui_iterate (500);
      for (guint i = 0; i < notified->len; i++)
        said |= strstr (g_ptr_array_index (notified, i), "夜间施工噪音扰民") != NULL;
      g_assert_true (said);
    }
  g_assert_cmpint (g_get_monotonic_time () - whistled, <, 10 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (jf_desk_whistle_target_get_status (item (&wait)), ==, JF_DESK_TARGET_PENDING);
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "inbox-new-whistle-live"));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  serve_notifications ();
  g_test_add_func ("/desk/inbox/answer-a-whistle", test_answer_whistle);
  g_test_add_func ("/desk/inbox/more-time-once", test_extension_once);
  g_test_add_func ("/desk/inbox/new-whistle-appears-live", test_new_whistle_live);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  g_ptr_array_unref (notified);
  return status;
}
