/* test-matter.c: one matter, from the queue to its close, with the keyboard only
 *
 * A mediator finds a matter registered at the window by searching for it, opens it, and
 * takes it through its life with the moves the server offers: accept, start mediation,
 * resolve with an outcome, record a satisfied follow-up visit, close. Every step is a
 * dialog opened with Alt+N (the N-th move on the page) and sent with Enter. Then: a
 * change made behind the desk's back meets the desk's next step, which says so and shows
 * the matter as it is now; whole ID numbers are shown to a mediator and that is on the
 * timeline; a mediation session, its record and the agreement, printed from the server's
 * PDF.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-agreement-print.h"
#include "jf-desk-event.h"
#include "jf-desk-form-dialog.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-mediation-panel.h"
#include "jf-desk-queue-page.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static JfDeskQueuePage *
queue_page (GtkWindow *window)
{
  return JF_DESK_QUEUE_PAGE (jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "matters"));
}

static JfDeskMatterPage *
matter_page (GtkWindow *window)
{
  return jf_desk_queue_page_get_matter_page (queue_page (window));
}

static gboolean
queue_loaded (gpointer data)
{
  JfDeskMatterQueue *queue = jf_desk_queue_page_get_queue (queue_page (data));

  return !jf_desk_matter_queue_is_loading (queue) && jf_desk_matter_queue_get_n_pages (queue) > 0;
}

static const char *searched;

/* The search has been sent (after its debounce) and its one match shown. */
static gboolean
one_row (gpointer data)
{
  const JfDeskQueueFilter *filter =
    jf_desk_matter_queue_get_filter (jf_desk_queue_page_get_queue (queue_page (data)));

  return queue_loaded (data) && g_strcmp0 (filter->q, searched) == 0 &&
         g_list_model_get_n_items (jf_desk_queue_page_get_view_model (queue_page (data))) == 1;
}

static gboolean
page_loaded (gpointer data)
{
  return g_strcmp0 (jf_desk_queue_page_get_view (queue_page (data)), "matter") == 0 &&
         jf_desk_matter_page_is_loaded (matter_page (data));
}

static const char *
status_of (GtkWindow *window)
{
  return json_object_get_string_member (jf_desk_matter_page_get_matter (matter_page (window)),
                                        "status");
}

typedef struct
{
  GtkWindow  *window;
  const char *status;
} Status;

static gboolean
status_is (gpointer data)
{
  Status *s = data;

  return page_loaded (s->window) && g_strcmp0 (status_of (s->window), s->status) == 0 &&
         jf_desk_matter_page_get_dialog (matter_page (s->window)) == NULL;
}

static void
wait_status (GtkWindow  *window,
             const char *status)
{
  Status s = { window, status };
  g_autofree char *what = g_strdup_printf ("the matter %s", status);

  jf_ui_wait_until_full (status_is, &s, 10000, what);
  jf_ui_iterate (300);
}

static gboolean
dialog_open (gpointer data)
{
  GtkWindow *dialog = jf_desk_matter_page_get_dialog (matter_page (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_window_is_active (dialog);
}

/* Alt+N, N being where @move is among the page's moves; returns the dialog. */
static JfDeskFormDialog *
open_move (GtkWindow  *window,
           const char *move)
{
  const char * const *moves = jf_desk_matter_page_get_moves (matter_page (window));
  guint n = 0;

  while (moves[n] != NULL && !g_str_equal (moves[n], move))
    n++;
  if (moves[n] == NULL)
    g_error ("“%s” is not among the moves offered", move);
  g_assert_cmpuint (n, <, 9);
  jf_ui_press (GDK_KEY_1 + n, GDK_ALT_MASK);
  jf_ui_wait_until_full (dialog_open, window, 3000, "the move's dialog");
  jf_ui_iterate (200);
  return JF_DESK_FORM_DIALOG (jf_desk_matter_page_get_dialog (matter_page (window)));
}

static gboolean
timeline_has (GtkWindow  *window,
              const char *kind)
{
  GListModel *events = jf_desk_matter_page_get_events (matter_page (window));

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(JfDeskEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (jf_desk_event_get_kind (event), kind))
        return TRUE;
    }
  return FALSE;
}

static gboolean
outcome_error_shown (gpointer data)
{
  return jf_desk_form_dialog_get_field_error (data, "outcome") != NULL;
}

static void
find_and_open (GtkWindow  *window,
               const char *query)
{
  jf_ui_wait_until_full (queue_loaded, window, 10000, "the first page of the queue");
  jf_ui_press (GDK_KEY_f, GDK_CONTROL_MASK);
  jf_ui_type (query);
  searched = query;
  jf_ui_wait_until_full (one_row, window, 5000, "the matter searched for");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (page_loaded, window, 10000, "the matter page");
  jf_ui_iterate (300);
}

static void
test_mediation_to_close (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskFormDialog *dialog;
  gint64 id;

  id = jf_test_env_register (env, "chuangkou", "相邻两户因院墙排水起纠纷", "220402001");
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  find_and_open (window, "院墙排水");
  g_assert_cmpint (jf_desk_matter_page_get_id (matter_page (window)), ==, id);
  g_assert_cmpstr (status_of (window), ==, "registered");
  /* The keyboard starts on the first move. */
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (matter_page (window)), "moves_box")));

  /* Accept: a note, Enter. */
  dialog = open_move (window, "accept");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-accept-dialog"));
  jf_ui_type ("材料齐全，予以受理");
  jf_ui_press (GDK_KEY_Return, 0);
  wait_status (window, "accepted");
  g_free (jf_ui_screenshot (window, "matter-accepted"));

  /* Start mediation. */
  open_move (window, "start_mediation");
  jf_ui_press (GDK_KEY_Return, 0);
  wait_status (window, "in_mediation");

  /* Resolve: the outcome is needed; Enter without it says so at the field. */
  dialog = open_move (window, "resolve");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (outcome_error_shown, dialog, 2000, "the outcome's error");
  g_assert_true (jf_ui_has_focus (jf_desk_form_dialog_get_input (dialog, "outcome")));
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-resolve-needs-outcome"));
  jf_ui_type ("双方同意共同出资修建排水沟，纠纷化解");
  jf_ui_press (GDK_KEY_Return, 0);
  wait_status (window, "resolved");
  g_assert_true (g_strv_contains (jf_desk_matter_page_get_moves (matter_page (window)),
                                  "follow_up"));
  g_assert_false (g_strv_contains (jf_desk_matter_page_get_moves (matter_page (window)), "close"));
  g_free (jf_ui_screenshot (window, "matter-resolved"));

  /* The follow-up visit: satisfied, chosen from the list with the arrows. */
  dialog = open_move (window, "follow_up");
  g_assert_true (jf_ui_has_focus (jf_desk_form_dialog_get_input (dialog, "satisfaction")));
  jf_ui_press (GDK_KEY_space, 0);
  jf_ui_iterate (300);
  jf_ui_press (GDK_KEY_Down, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_iterate (300);
  g_assert_cmpstr (jf_desk_form_dialog_get_choice (dialog, "satisfaction"), ==, "satisfied");
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type ("电话回访，申请人表示满意");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-follow-up-dialog"));
  jf_ui_press (GDK_KEY_Return, 0);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!g_strv_contains (jf_desk_matter_page_get_moves (matter_page (window)), "close"))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        jf_ui_iterate (50);
      }
  }

  /* Close. */
  open_move (window, "close");
  jf_ui_press (GDK_KEY_Return, 0);
  wait_status (window, "closed");
  g_assert_null (jf_desk_matter_page_get_moves (matter_page (window))[0]);
  g_assert_true (timeline_has (window, "move.accept"));
  g_assert_true (timeline_has (window, "move.start_mediation"));
  g_assert_true (timeline_has (window, "move.resolve"));
  g_assert_true (timeline_has (window, "move.follow_up"));
  g_assert_true (timeline_has (window, "move.close"));
  g_free (jf_ui_screenshot (window, "matter-closed"));

  /* The server agrees. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", path,
                                                   jf_test_env_token (env, "tiaojie"), NULL);

    jf_test_assert_status (r, 200);
    g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "closed");
    g_assert_cmpstr (jf_test_response_string (r, "resolved.outcome"), ==,
                     "双方同意共同出资修建排水沟，纠纷化解");
  }
  /* Back in the queue (open matters), the closed one has left. */
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (300);
  jf_ui_stop_desk ();
}

/* --- a change behind the desk's back ------------------------------------------------------- */

static gboolean
dialog_says (gpointer data)
{
  JfDeskFormDialog *dialog = data;

  return !jf_desk_form_dialog_is_busy (dialog) && jf_desk_form_dialog_get_message (dialog) != NULL;
}

static void
test_version_conflict (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskFormDialog *dialog;
  g_autofree char *path = NULL;
  gint64 id;

  id = jf_test_env_register (env, "chuangkou", "租户押金退还争议", "220402001");
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  find_and_open (window, "押金退还");

  /* 1. The title is corrected at the window while the mediator is about to accept: the
   *    desk says so, shows the matter as it is, and a second Enter accepts it. */
  dialog = open_move (window, "accept");
  {
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "PATCH", path,
                                                   jf_test_env_token (env, "chuangkou"),
                                                   "{\"version\":1,\"title\":\"租户押金退还争议（更正）\"}");

    jf_test_assert_status (r, 200);
  }
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (dialog_says, dialog, 5000, "the conflict in the dialog");
  g_assert_nonnull (strstr (jf_desk_form_dialog_get_message (dialog), "有人"));
  g_assert_cmpint (jf_desk_form_dialog_get_version (dialog), ==, 2);
  jf_ui_iterate (500);
  g_assert_cmpstr (json_object_get_string_member (
                     jf_desk_matter_page_get_matter (matter_page (window)), "title"), ==,
                   "租户押金退还争议（更正）");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "conflict-dialog-retry"));
  g_free (jf_ui_screenshot (window, "conflict-page-current"));
  jf_ui_press (GDK_KEY_Return, 0);
  wait_status (window, "accepted");

  /* 2. Someone else starts the mediation while the mediator is about to resolve it on
   *    the spot, a move possible only for an accepted matter: the dialog says so and
   *    will not send. */
  dialog = open_move (window, "resolve_on_spot");
  {
    g_autofree char *transitions = g_strdup_printf ("%s/transitions", path);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", transitions,
                                                   jf_test_env_token (env, "chuangkou"),
                                                   "{\"to\":\"in_mediation\",\"version\":3}");

    jf_test_assert_status (r, 200);
  }
  jf_ui_type ("当场说明政策，双方认可");
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (dialog_says, dialog, 5000, "the conflict in the dialog");
  jf_ui_iterate (500);
  g_test_message ("the dialog says: %s", jf_desk_form_dialog_get_message (dialog));
  g_assert_cmpstr (status_of (window), ==, "in_mediation");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "conflict-dialog-refused"));
  g_free (jf_ui_screenshot (window, "conflict-page-in-mediation"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (300);
  g_assert_null (jf_desk_matter_page_get_dialog (matter_page (window)));
  {
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", path,
                                                   jf_test_env_token (env, "tiaojie"), NULL);

    g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "in_mediation");
  }
  jf_ui_stop_desk ();
}

/* --- whole numbers, mediation, agreement --------------------------------------------------- */

static gboolean
has_session (gpointer data)
{
  JsonArray *sessions = jf_desk_mediation_panel_get_sessions (data);

  return sessions != NULL && json_array_get_length (sessions) > 0;
}

static gboolean
session_held (gpointer data)
{
  JsonArray *sessions = jf_desk_mediation_panel_get_sessions (data);

  return sessions != NULL && json_array_get_length (sessions) > 0 &&
         json_object_has_member (json_array_get_object_element (sessions, 0), "outcome") &&
         !json_object_get_null_member (json_array_get_object_element (sessions, 0), "outcome");
}

static gboolean
has_agreement (gpointer data)
{
  JsonArray *agreements = jf_desk_mediation_panel_get_agreements (data);

  return agreements != NULL && json_array_get_length (agreements) > 0;
}

static gboolean
revealed (gpointer data)
{
  JsonObject *matter = jf_desk_matter_page_get_matter (matter_page (data));

  return matter != NULL && json_object_get_boolean_member_with_default (matter, "revealed", FALSE) &&
         timeline_has (data, "personal_data.viewed");
}

static gboolean
form_dialog_open (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    found |= JF_DESK_IS_FORM_DIALOG (l->data) && gtk_widget_get_mapped (l->data);
  g_list_free (windows);
  return found;
}

static JfDeskFormDialog *
the_form_dialog (void)
{
  GList *windows = gtk_window_list_toplevels ();
  JfDeskFormDialog *found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (JF_DESK_IS_FORM_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
      found = l->data;
  g_list_free (windows);
  return found;
}

static gboolean
no_form_dialog (gpointer data)
{
  return !form_dialog_open (data);
}

static void
test_numbers_session_and_agreement (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskMediationPanel *panel;
  JfDeskFormDialog *dialog;
  gint64 id, agreement;
  g_autofree char *path = NULL;

  id = jf_test_env_register (env, "chuangkou", "宅基地边界争议", "220402001");
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/transitions", id);
  {
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", path,
                                                   jf_test_env_token (env, "tiaojie"),
                                                   "{\"to\":\"accepted\",\"version\":1}");

    jf_test_assert_status (r, 200);
  }
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  find_and_open (window, "宅基地");
  panel = JF_DESK_MEDIATION_PANEL (jf_ui_find (GTK_WIDGET (matter_page (window)),
                                                "mediation_panel"));

  /* The whistle's dialog: the departments of the matter's county to choose from. */
  dialog = open_move (window, "whistle");
  jf_ui_iterate (800);
  g_assert_true (gtk_widget_is_sensitive (jf_desk_form_dialog_get_input (dialog, "lead")));
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-whistle-dialog"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (300);
  g_assert_null (jf_desk_matter_page_get_dialog (matter_page (window)));

  /* Whole numbers for a mediator: on screen, and on the timeline that they were seen. */
  gtk_widget_activate_action (GTK_WIDGET (matter_page (window)), "matter.reveal", NULL);
  jf_ui_wait_until_full (revealed, window, 5000, "the whole numbers");
  jf_ui_iterate (300);
  {
    JsonArray *parties = json_object_get_array_member (
      jf_desk_matter_page_get_matter (matter_page (window)), "parties");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (parties, 0),
                                                    "id_number"), ==, "11010519491231002X");
  }
  g_free (jf_ui_screenshot (window, "matter-whole-numbers"));

  /* A session: scheduled, held, its outcome recorded. */
  jf_desk_mediation_panel_schedule (panel);
  jf_ui_wait_until_full (form_dialog_open, NULL, 3000, "the session dialog");
  jf_ui_iterate (800);
  dialog = the_form_dialog ();
  jf_desk_form_dialog_set_text (dialog, "room", "第一调解室");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "mediation-schedule-dialog"));
  jf_desk_form_dialog_submit (dialog);
  jf_ui_wait_until_full (no_form_dialog, NULL, 5000, "the session scheduled");
  jf_ui_wait_until_full (has_session, panel, 5000, "the session on the page");
  jf_desk_mediation_panel_record (panel, json_object_get_int_member (
                                    json_array_get_object_element (
                                      jf_desk_mediation_panel_get_sessions (panel), 0), "id"));
  jf_ui_wait_until_full (form_dialog_open, NULL, 3000, "the record dialog");
  dialog = the_form_dialog ();
  jf_desk_form_dialog_set_choice (dialog, "outcome", "agreement");
  jf_desk_form_dialog_set_text (dialog, "statements", "双方同意以现有界桩为界。");
  jf_desk_form_dialog_submit (dialog);
  jf_ui_wait_until_full (no_form_dialog, NULL, 5000, "the session recorded");
  jf_ui_wait_until_full (session_held, panel, 5000, "the outcome on the page");

  /* The agreement, signed by both parties and the mediator. */
  jf_ui_iterate (500);
  g_assert_nonnull (jf_desk_mediation_panel_write_agreement (panel));
  jf_ui_wait_until_full (form_dialog_open, NULL, 3000, "the agreement dialog");
  dialog = the_form_dialog ();
  jf_desk_form_dialog_set_text (dialog, "terms", "一、双方以现有界桩为宅基地边界。\n二、东侧院墙由双方共同出资修缮。");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "agreement-dialog"));
  jf_desk_form_dialog_submit (dialog);
  jf_ui_wait_until_full (no_form_dialog, NULL, 5000, "the agreement written");
  jf_ui_wait_until_full (has_agreement, panel, 5000, "the agreement on the page");
  agreement = json_object_get_int_member (json_array_get_object_element (
                                            jf_desk_mediation_panel_get_agreements (panel), 0),
                                          "id");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_nonnull (jf_desk_mediation_panel_sign (panel, agreement));
      jf_ui_wait_until_full (form_dialog_open, NULL, 3000, "the signature dialog");
      dialog = the_form_dialog ();
      /* The first one not yet signed. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (jf_desk_form_dialog_get_input (dialog,
                                                                                "signer")), 0);
      jf_desk_form_dialog_submit (dialog);
      jf_ui_wait_until_full (no_form_dialog, NULL, 5000, "the signature recorded");
      jf_ui_iterate (800);
    }
  g_assert_nonnull (json_object_get_string_member (
                      json_array_get_object_element (
                        jf_desk_mediation_panel_get_agreements (panel), 0), "sealed_at"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (jf_ui_find (GTK_WIDGET (matter_page (window)),
                                                               "body_scroller"))), 10000);
  g_free (jf_ui_screenshot (window, "matter-mediation-agreement"));

  /* The server's PDF, through the same printing as the print dialog's "print to file". */
  {
    g_autofree char *pdf_path = g_strdup_printf ("/v1/agreements/%" G_GINT64_FORMAT "/pdf",
                                                 agreement);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", pdf_path,
                                                   jf_test_env_token (env, "tiaojie"), NULL);
    g_autofree char *out = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots",
                                             "agreement-printed.pdf", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *printed = NULL;
    gsize printed_len = 0;

    jf_test_assert_status (r, 200);
    g_assert_cmpint (jf_desk_agreement_pdf_n_pages (r->raw, &error), >=, 1);
    g_assert_no_error (error);
    g_assert_true (jf_desk_agreement_print_to_file (window, r->raw, out, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (out, &printed, &printed_len, NULL));
    g_assert_true (g_str_has_prefix (printed, "%PDF-"));
    g_assert_cmpuint (printed_len, >, 2000);
  }
  jf_ui_stop_desk ();
}

/* --- the police alert, and the smallest screen --------------------------------------------- */

static void
test_police_alert_dialog (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskFormDialog *dialog;
  gint64 id;

  gtk_window_set_default_size (window, 1024, 700);
  id = jf_test_env_register (env, "chuangkou", "因琐事争执有动手迹象", "220402001");
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  find_and_open (window, "动手迹象");
  g_assert_cmpint (jf_desk_matter_page_get_id (matter_page (window)), ==, id);
  g_free (jf_ui_screenshot (window, "matter-1024x700"));
  dialog = open_move (window, "alert_police");
  jf_ui_type ("被申请人扬言报复");
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-police-alert-dialog"));
  jf_ui_press (GDK_KEY_Return, 0);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!timeline_has (window, "police.alerted"))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        jf_ui_iterate (50);
      }
  }
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (window, "matter-police-alerted"));

  /* Assignment: the people of the owning centre and the units above it. */
  dialog = open_move (window, "assign");
  jf_ui_iterate (800);
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "move-assign-dialog"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (300);
  jf_ui_stop_desk ();
}

/* --- escalation: the matter leaves the township -------------------------------------------- */

static gboolean
banner_shown (gpointer data)
{
  return *jf_desk_matter_page_get_banner (matter_page (data)) != '\0';
}

static void
test_escalate (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskMatterQueue *queue;
  gint64 id;

  id = jf_test_env_register (env, "chuangkou", "跨村土地承包纠纷", "220402001");
  jf_ui_sign_in (window, "tiaojie", JF_TEST_PASSWORD);
  find_and_open (window, "土地承包");
  open_move (window, "escalate");
  jf_ui_type ("涉及两个乡镇，本级无法协调");
  g_free (jf_ui_screenshot (GTK_WINDOW (jf_desk_matter_page_get_dialog (matter_page (window))),
                            "move-escalate-dialog"));
  jf_ui_press (GDK_KEY_Return, 0);
  /* The county owns it now: beyond a township mediator, who sees it no more. */
  jf_ui_wait_until_full (banner_shown, window, 10000, "the banner");
  jf_ui_iterate (500);
  g_assert_null (jf_desk_matter_page_get_moves (matter_page (window))[0]);
  g_free (jf_ui_screenshot (window, "matter-escalated"));
  {
    g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
    g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", path,
                                                   jf_test_env_token (env, "ducha"), NULL);

    jf_test_assert_status (r, 200);
    g_assert_cmpstr (jf_test_response_string (r, "org.code"), ==, "220402");
  }
  queue = jf_desk_queue_page_get_queue (queue_page (window));
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (jf_desk_matter_queue_find (queue, id) >= 0)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        jf_ui_iterate (50);
      }
  }
  jf_ui_stop_desk ();
}

/* --- the auditor reads ---------------------------------------------------------------------- */

static void
test_auditor_reads_only (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);

  jf_test_env_register (env, "chuangkou", "审计抽查：噪音纠纷", "220402001");
  jf_ui_sign_in (window, "shenji", JF_TEST_PASSWORD);
  find_and_open (window, "审计抽查");
  g_assert_null (jf_desk_matter_page_get_moves (matter_page (window))[0]);
  g_assert_true (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (matter_page (window)),
                                                     "no_moves_label")));
  /* Not among the roles that may see whole numbers: not offered. */
  g_assert_false (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (matter_page (window)),
                                                      "reveal_button")));
  g_free (jf_ui_screenshot (window, "matter-auditor"));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/matter/mediation-to-close", test_mediation_to_close);
  g_test_add_func ("/desk/matter/version-conflict", test_version_conflict);
  g_test_add_func ("/desk/matter/numbers-session-agreement", test_numbers_session_and_agreement);
  g_test_add_func ("/desk/matter/police-alert", test_police_alert_dialog);
  g_test_add_func ("/desk/matter/escalate", test_escalate);
  g_test_add_func ("/desk/matter/auditor-reads-only", test_auditor_reads_only);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
