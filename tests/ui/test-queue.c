/* test-queue.c: the caseworkers' queue (案件), against a real jiefend
 *
 * A mediator finds a matter by two Chinese characters of its title and opens it with
 * Enter; the queue pages from the server as it is scrolled to its end (120 matters in
 * pages of 50, each once); a matter registered by another account appears in the open
 * queue within two seconds, without a refresh; a police alert reaches the police
 * officer's desktop as a notification.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-application.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-queue-page.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static JfDeskQueuePage *
queue_page (GtkWindow *window)
{
  GtkWidget *page = jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "matters");

  g_assert_true (JF_DESK_IS_QUEUE_PAGE (page));
  return JF_DESK_QUEUE_PAGE (page);
}

static gboolean
queue_loaded (gpointer data)
{
  JfDeskMatterQueue *queue = jf_desk_queue_page_get_queue (queue_page (data));

  return !jf_desk_matter_queue_is_loading (queue) && jf_desk_matter_queue_get_n_pages (queue) > 0;
}

static gboolean
live (gpointer data)
{
  return jf_desk_queue_page_is_live (queue_page (data));
}

/* The title of the first row the table shows. */
static char *
first_title (GtkWindow *window)
{
  GListModel *model = jf_desk_queue_page_get_view_model (queue_page (window));
  g_autoptr(JfDeskMatterSummary) first = g_list_model_get_item (model, 0);

  return first != NULL ? g_strdup (jf_desk_matter_summary_get_title (first)) : NULL;
}

typedef struct
{
  GtkWindow  *window;
  const char *title;
} Expect;

static gboolean
only_row_is (gpointer data)
{
  Expect *expect = data;
  GListModel *model = jf_desk_queue_page_get_view_model (queue_page (expect->window));
  g_autofree char *title = first_title (expect->window);

  return queue_loaded (expect->window) && g_list_model_get_n_items (model) == 1 &&
         g_strcmp0 (title, expect->title) == 0;
}

static gboolean
matter_loaded (gpointer data)
{
  JfDeskQueuePage *page = queue_page (data);

  return g_strcmp0 (jf_desk_queue_page_get_view (page), "matter") == 0 &&
         jf_desk_matter_page_is_loaded (jf_desk_queue_page_get_matter_page (page));
}

static void
test_search_and_open (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  Expect expect = { window, "邻居占道堆放杂物" };
  JfDeskMatterPage *matter;
  gint64 id;

  id = jf_test_env_register (env, "chuangkou", "邻居占道堆放杂物", "220402001");
  jf_test_env_register (env, "chuangkou", "物业费收取争议", "220402001");
  jf_test_env_register (env, "chuangkou", "装修噪音扰民", "220402001");

  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  g_assert_cmpuint (g_list_model_get_n_items (jf_desk_queue_page_get_view_model (
                                                queue_page (window))), >=, 3);
  g_free (jf_ui_screenshot (window, "queue-open-matters"));

  /* Ctrl+F, two characters of Chinese (the server's unigram and bigram index). */
  jf_ui_press (GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (queue_page (window)),
                                              "search_entry")));
  jf_ui_type ("占道");
  jf_ui_wait_until_full (only_row_is, &expect, 5000, "the one matter with 占道");
  g_free (jf_ui_screenshot (window, "queue-search"));

  /* Enter goes to the list, Enter again opens the matter. */
  jf_ui_press (GDK_KEY_Return, 0);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (queue_page (window)),
                                              "column_view")));
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (matter_loaded, window, 10000, "the matter page");
  matter = jf_desk_queue_page_get_matter_page (queue_page (window));
  g_assert_cmpint (jf_desk_matter_page_get_id (matter), ==, id);
  g_assert_true (g_strv_contains (jf_desk_matter_page_get_moves (matter), "accept"));
  g_free (jf_ui_screenshot (window, "matter-registered"));

  /* Escape: back on the same row. */
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_cmpstr (jf_desk_queue_page_get_view (queue_page (window)), ==, "queue");
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (queue_page (window)),
                                              "column_view")));
  jf_ui_stop_desk ();
}

/* --- paging -------------------------------------------------------------------------------- */

static gboolean
not_loading (gpointer data)
{
  return !jf_desk_matter_queue_is_loading (jf_desk_queue_page_get_queue (queue_page (data)));
}

static void
test_pages_to_the_end (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskMatterQueue *queue;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  guint n, presses = 0;
  gint64 started;

  /* 120 matters in a village of their own: the org filter is not in the UI, so a title
   * word they share finds them. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("翻页测试事项%03u", i);
      gint64 id = jf_test_env_register (env, "chuangkou", title, "220402001");

      g_hash_table_add (expected, g_memdup2 (&id, sizeof id));
    }
  g_test_message ("120 matters registered through the API in %.0f ms",
                  (g_get_monotonic_time () - started) / 1000.0);

  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  queue = jf_desk_queue_page_get_queue (queue_page (window));
  jf_ui_press (GDK_KEY_f, GDK_CONTROL_MASK);
  jf_ui_type ("翻页测试");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (not_loading, window, 5000, "the search");
  jf_ui_iterate (300);
  jf_ui_wait_until_full (not_loading, window, 5000, "the search");
  /* A page, or what fills the view, is loaded: never everything at once. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), <=, 100);
  g_assert_true (jf_desk_matter_queue_has_more (queue));
  g_free (jf_ui_screenshot (window, "queue-paging-first"));

  /* End, again and again: each time the view nears its end the next page comes. */
  started = g_get_monotonic_time ();
  while (jf_desk_matter_queue_has_more (queue) || jf_desk_matter_queue_is_loading (queue))
    {
      g_assert_cmpuint (++presses, <, 40);
      jf_ui_press (GDK_KEY_End, 0);
      jf_ui_wait_until_full (not_loading, window, 5000, "the next page");
      jf_ui_iterate (100);
    }
  g_test_message ("scrolled to the end in %u presses of End, %u pages, %.0f ms", presses,
                  jf_desk_matter_queue_get_n_pages (queue),
                  (g_get_monotonic_time () - started) / 1000.0);
  /* The last row, now that all are there. */
  jf_ui_press (GDK_KEY_End, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (queue));
  g_assert_cmpuint (n, ==, 120);
  g_assert_cmpuint (jf_desk_matter_queue_get_n_pages (queue), ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskMatterSummary) summary = g_list_model_get_item (G_LIST_MODEL (queue), i);
      gint64 id = jf_desk_matter_summary_get_id (summary);

      g_assert_false (g_hash_table_contains (seen, &id));
      g_assert_true (g_hash_table_contains (expected, &id));
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      /* Newest first, as the server pages. */
      if (i > 0)
        {
          g_autoptr(JfDeskMatterSummary) before = g_list_model_get_item (G_LIST_MODEL (queue),
                                                                         i - 1);

          g_assert_cmpint (jf_desk_matter_summary_get_id (before), >, id);
        }
    }
  g_free (jf_ui_screenshot (window, "queue-paging-end"));

  /* Sorted by title: the loaded rows only, and the status line says so. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (jf_ui_find (GTK_WIDGET (queue_page (window)),
                                                       "column_view"));
    g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (
      gtk_column_view_get_columns (view), 1);

    gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
  }
  jf_ui_iterate (300);
  g_assert_true (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (queue_page (window)),
                                                     "sort_label")));
  g_free (jf_ui_screenshot (window, "queue-sorted-by-title"));
  jf_ui_stop_desk ();
}

/* --- live ---------------------------------------------------------------------------------- */

typedef struct
{
  GtkWindow *window;
  gint64     id;
} Waiting;

static gboolean
matter_shown (gpointer data)
{
  Waiting *waiting = data;

  return jf_desk_matter_queue_find (jf_desk_queue_page_get_queue (queue_page (waiting->window)),
                                    waiting->id) >= 0;
}

static void
test_live_new_matter (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  Waiting waiting = { window, 0 };
  gint64 sent, seen;
  guint before;

  /* The smallest screen the desks have. */
  gtk_window_set_default_size (window, 1024, 700);
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  jf_ui_wait_until_full (live, window, 5000, "the live stream");
  before = g_list_model_get_n_items (G_LIST_MODEL (jf_desk_queue_page_get_queue (
                                                      queue_page (window))));

  /* Another account registers; nobody touches the desk. */
  sent = g_get_monotonic_time ();
  waiting.id = jf_test_env_register (env, "chuangkou", "新到事项：楼道堆物", "220402001");
  jf_ui_wait_until_full (matter_shown, &waiting, 2000, "the new matter in the open queue");
  seen = g_get_monotonic_time ();
  g_test_message ("a matter registered elsewhere appeared in the queue after %.0f ms",
                  (seen - sent) / 1000.0);
  g_assert_cmpint (seen - sent, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (jf_desk_queue_page_get_queue (
                                                              queue_page (window)))), ==,
                    before + 1);
  /* At the top, where the newest are, and in view. */
  {
    g_autofree char *title = first_title (window);

    g_assert_cmpstr (title, ==, "新到事项：楼道堆物");
  }
  jf_ui_iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
                       jf_desk_queue_page_get_scroller (queue_page (window)))), <, 1.0);
  /* A change made elsewhere shows in its row too. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/transitions",
                                             waiting.id);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", path,
                                                   jf_test_env_token (env, "chuangkou"),
                                                   "{\"to\":\"accepted\",\"version\":1}");
    gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
    JfDeskMatterQueue *queue = jf_desk_queue_page_get_queue (queue_page (window));

    jf_test_assert_status (r, 200);
    for (;;)
      {
        g_autoptr(JfDeskMatterSummary) row =
          g_list_model_get_item (G_LIST_MODEL (queue), jf_desk_matter_queue_find (queue,
                                                                                   waiting.id));

        if (g_strcmp0 (jf_desk_matter_summary_get_status (row), "accepted") == 0)
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        jf_ui_iterate (20);
      }
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_free (jf_ui_screenshot (window, "queue-live-1024x700"));
  jf_ui_stop_desk ();
}

/* --- the stream drops and comes back ------------------------------------------------------- */

static gboolean
not_live (gpointer data)
{
  return !live (data);
}

static void
test_live_after_reconnect (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  Waiting waiting = { window, 0 };

  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  jf_ui_wait_until_full (live, window, 5000, "the live stream");

  /* jiefend restarts: the desk says live updates are paused, and tries again. */
  jf_test_server_stop (env->server);
  jf_ui_wait_until_full (not_live, window, 5000, "the stream to drop");
  g_free (jf_ui_screenshot (window, "queue-reconnecting"));
  jf_test_server_restart (env->server);
  /* Registered before the desk is back: the catch-up (?after=) brings it. */
  waiting.id = jf_test_env_register (env, "chuangkou", "断线期间登记的事项", "220402001");
  jf_ui_wait_until_full (live, window, 40000, "the stream back");
  jf_ui_wait_until_full (matter_shown, &waiting, 5000, "the matter registered meanwhile");
  jf_ui_stop_desk ();
}

/* --- notifications ------------------------------------------------------------------------- */

/* A notification server of our own on the session bus: what the desktop would show. */
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

static gboolean
notified_once (gpointer data)
{
  return notified->len > 0;
}

static void
test_police_alert_notifies (void)
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
  GtkWindow *window;
  JfDeskNotifier *notifier;
  guint registration, owner;
  gint64 id;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus (run under dbus-run-session, as test.sh does)");
      return;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (xml, &error);
  g_assert_no_error (error);
  notified = g_ptr_array_new_with_free_func (g_free);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                    info->interfaces[0], &vtable, NULL, NULL,
                                                    &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  jf_ui_iterate (200);

  /* The community police officer of the township is at the desk. */
  window = jf_ui_start_desk (env->server->base_url, NULL);
  jf_ui_sign_in (window, "minjing", JF_TEST_PASSWORD);
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  jf_ui_wait_until_full (live, window, 5000, "the live stream");

  /* A mediator alerts the police about a matter in the township. */
  id = jf_test_env_register (env, "chuangkou", "邻里纠纷恐激化", "220402001");
  {
    g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/police-alert", id);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", path,
                                                   jf_test_env_token (env, "tiaojie"),
                                                   "{\"note\":\"一方扬言动手\"}");

    g_assert_cmpuint (r->status, <, 300);
  }
  jf_ui_wait_until_full (notified_once, NULL, 5000, "the desktop notification");
  notifier = jf_desk_application_get_notifier (
    JF_DESK_APPLICATION (gtk_window_get_application (window)));
  g_assert_cmpuint (jf_desk_notifier_get_n_sent (notifier), ==, 1);
  g_test_message ("notified: %s", (char *) notified->pdata[0]);
  g_assert_nonnull (strstr (notified->pdata[0], "报警"));
  g_assert_nonnull (strstr (notified->pdata[0], "邻里纠纷恐激化"));

  jf_ui_stop_desk ();
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  g_clear_pointer (&notified, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/queue/search-and-open", test_search_and_open);
  g_test_add_func ("/desk/queue/pages-to-the-end", test_pages_to_the_end);
  g_test_add_func ("/desk/queue/live-new-matter", test_live_new_matter);
  g_test_add_func ("/desk/queue/live-after-reconnect", test_live_after_reconnect);
  g_test_add_func ("/desk/queue/police-alert-notifies", test_police_alert_notifies);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
