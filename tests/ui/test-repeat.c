/* test-repeat.c: the earlier matters beside the intake form, found while they are typed
 *
 * A matter is registered through the API; then a clerk types the same person into the
 * form, and the panel beside it lists that matter with the reason, within moments of the
 * last key and without a request for a number still being typed. F6 takes the keyboard
 * there (Escape or F6 back), Enter opens the matter in a window of its own, Escape closes
 * it, and the form is as the clerk left it. Another person at another place lists
 * nothing; reasons found by several lookups (phone, name at the place, address) are
 * merged into one row; with the server gone the panel says so, the clerk types on, and
 * the lookup is made again by itself once the server is back.
 */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-test-env.h"
#include "jf-desk-intake-form.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-matter-window.h"
#include "jf-desk-org-picker.h"
#include "jf-desk-party-row.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-repeat-panel.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

static JfDeskReceptionPage *
reception_page (GtkWindow *window)
{
  return JF_DESK_RECEPTION_PAGE (jf_desk_window_get_workspace (JF_DESK_WINDOW (window),
                                                               "reception"));
}

static JfDeskRepeatPanel *
repeat_panel (GtkWindow *window)
{
  return JF_DESK_REPEAT_PANEL (jf_desk_reception_page_get_repeat_panel (reception_page (window)));
}

/* A valid ID number of someone born on @birth (YYYYMMDD). */
static char *
id_number (const char *birth,
           guint       seq)
{
  g_autofree char *digits = g_strdup_printf ("220402%s%03u", birth, seq % 1000);

  return g_strdup_printf ("%s%c", digits, jf_id_number_check_character (digits));
}

/* Registers a matter through the API; its id, and its number in @out_number. */
static gint64
register_matter (const char  *title,
                 const char  *org,
                 const char  *address,
                 const char  *party,
                 char       **out_number)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
    "\"title\":\"%s\",\"narrative\":\"申请人反映邻里之间因琐事多次发生争执，请求调解。\","
    "\"location\":{\"org\":\"%s\",\"address\":\"%s\"},"
    "\"parties\":[%s,{\"role\":\"respondent\",\"name\":\"对方当事人\"}]}",
    title, org, address, party);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                 jf_test_env_token (env, "chuangkou"), body);

  jf_test_assert_status (r, 201);
  if (out_number != NULL)
    *out_number = g_strdup (jf_test_response_string (r, "number"));
  return jf_test_response_int (r, "id");
}

static guint
n_matters (GtkWindow *window)
{
  return g_list_model_get_n_items (jf_desk_repeat_panel_get_matters (repeat_panel (window)));
}

static gboolean
one_found (gpointer data)
{
  return !jf_desk_repeat_panel_is_busy (repeat_panel (data)) && n_matters (data) == 1;
}

static gboolean
looking_up (gpointer data)
{
  return jf_desk_repeat_panel_is_busy (repeat_panel (data));
}

static gboolean
none_found (gpointer data)
{
  return !jf_desk_repeat_panel_is_busy (repeat_panel (data)) && n_matters (data) == 0;
}

static gboolean
summary_says (GtkWindow  *window,
              const char *words)
{
  return strstr (jf_desk_repeat_panel_get_summary (repeat_panel (window)), words) != NULL;
}

static gboolean
summary_says_unreachable (gpointer data)
{
  return !jf_desk_repeat_panel_is_busy (repeat_panel (data)) &&
         summary_says (data, "无法连接服务器");
}

static JfDeskRepeatMatch *
match_at (GtkWindow *window,
          guint      position)
{
  return g_list_model_get_item (jf_desk_repeat_panel_get_matters (repeat_panel (window)),
                                position);
}

static gboolean
matter_window_loaded (gpointer data)
{
  GtkWindow *matter_window = jf_desk_reception_page_get_matter_window (reception_page (data));

  return matter_window != NULL && gtk_widget_get_mapped (GTK_WIDGET (matter_window)) &&
         jf_desk_matter_page_is_loaded (jf_desk_matter_window_get_page (
                                          JF_DESK_MATTER_WINDOW (matter_window)));
}

static gboolean
matter_window_closed (gpointer data)
{
  return jf_desk_reception_page_get_matter_window (reception_page (data)) == NULL;
}

static JfDeskPartyRow *
first_party (JfDeskIntakeForm *form)
{
  return JF_DESK_PARTY_ROW (jf_ui_find_type (jf_ui_find (GTK_WIDGET (form), "parties_box"),
                                             JF_DESK_TYPE_PARTY_ROW));
}

/* A label of the first row on screen: "note_label" (why the matter was found),
 * "number_label", "title_label". */
static const char *
first_row_text (GtkWindow  *window,
                const char *label)
{
  GtkWidget *list = jf_ui_find (GTK_WIDGET (repeat_panel (window)), "list");

  return gtk_label_get_text (GTK_LABEL (jf_ui_find (list, label)));
}

static const char *
first_row_note (GtkWindow *window)
{
  return first_row_text (window, "note_label");
}


static void
test_found_by_id_number (void)
{
  g_autofree char *earlier_id = id_number ("19750315", 401);
  g_autofree char *other_id = id_number ("19750315", 402);
  g_autofree char *party = g_strdup_printf ("{\"role\":\"applicant\",\"name\":\"韩秀英\","
                                            "\"id_number\":\"%s\"}", earlier_id);
  /* In a village, not at the clerk's own unit, the form's place: only the ID number can
   * find it. */
  g_autofree char *earlier_number = NULL;
  gint64 earlier = register_matter ("宅基地边界争议", "220402001001", "兴隆村五组", party,
                                    &earlier_number);
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  g_autoptr(JfDeskRepeatMatch) match = NULL;
  g_autofree char *first17 = g_strndup (earlier_id, 17);
  JfDeskIntakeForm *form;
  JfDeskPartyRow *first;
  GtkWidget *id_entry;
  GtkWindow *matter_window;
  gint64 typed, shown;

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  form = jf_desk_reception_page_get_form (reception_page (window));
  first = first_party (form);
  id_entry = jf_ui_find (GTK_WIDGET (first), "id_entry");

  /* Nothing typed: the panel says what it will do. */
  g_assert_cmpuint (n_matters (window), ==, 0);
  g_assert_false (jf_desk_repeat_panel_is_busy (repeat_panel (window)));
  g_assert_nonnull (strstr (jf_desk_repeat_panel_get_summary (repeat_panel (window)),
                            "身份证号"));

  /* 17 of 18 characters: not a number yet, nothing is asked. */
  gtk_widget_grab_focus (id_entry);
  jf_ui_iterate (50);
  jf_ui_type (first17);
  g_assert_false (jf_desk_repeat_panel_is_busy (repeat_panel (window)));
  jf_ui_iterate (JF_DESK_REPEAT_PANEL_DEBOUNCE_MS + 200);
  g_assert_false (jf_desk_repeat_panel_is_busy (repeat_panel (window)));
  g_assert_cmpuint (n_matters (window), ==, 0);

  /* The last character: the number is whole, and the earlier matter is beside the form. */
  typed = g_get_monotonic_time ();
  jf_ui_type (earlier_id + 17);
  /* The key may reach the window a moment after it was sent; the pause is far longer. */
  jf_ui_wait_until_full (looking_up, window, 1000, "the lookup of the whole number");
  jf_ui_wait_until_full (one_found, window, 5000, "the earlier matter of the ID number");
  shown = g_get_monotonic_time ();
  g_test_message ("last key to the earlier matter on screen: %.0f ms (%d ms of it the pause)",
                  (shown - typed) / 1000.0, JF_DESK_REPEAT_PANEL_DEBOUNCE_MS);
  g_assert_cmpint (shown - typed, <, 3 * G_USEC_PER_SEC);
  match = match_at (window, 0);
  g_assert_cmpint (jf_desk_repeat_match_get_id (match), ==, earlier);
  g_assert_cmpint (jf_desk_repeat_match_get_reasons (match), ==, JF_DESK_REPEAT_SAME_ID_NUMBER);
  g_assert_cmpstr (jf_desk_matter_summary_get_title (jf_desk_repeat_match_get_summary (match)),
                   ==, "宅基地边界争议");
  jf_ui_iterate (200);
  /* The row on screen: the number, the title, and why it is there. */
  g_assert_cmpstr (first_row_text (window, "number_label"), ==, earlier_number);
  g_assert_cmpstr (first_row_text (window, "title_label"), ==, "宅基地边界争议");
  g_assert_cmpstr (first_row_note (window), ==, "同一身份证号");
  g_assert_true (gtk_widget_get_mapped (jf_ui_find (jf_ui_find (GTK_WIDGET (repeat_panel (window)),
                                                                "list"), "note_label")));
  g_assert_nonnull (strstr (jf_desk_repeat_panel_get_summary (repeat_panel (window)),
                            "重复纠纷"));
  g_assert_true (gtk_widget_is_visible (jf_ui_find (GTK_WIDGET (repeat_panel (window)),
                                                    "count_label")));
  /* Typing never waited: the focus is still in the field, at its end. */
  g_assert_true (jf_ui_has_focus (id_entry));
  g_free (jf_ui_screenshot (window, "intake-repeat-hit"));

  /* F6: the keyboard on the earlier matter; Escape is back in the field left. */
  jf_ui_press (GDK_KEY_F6, 0);
  jf_ui_iterate (100);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (repeat_panel (window)), "list")));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (100);
  g_assert_true (jf_ui_has_focus (id_entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (id_entry)), ==, earlier_id);

  /* F6 again, and Enter opens it in a window of its own. */
  jf_ui_press (GDK_KEY_F6, 0);
  jf_ui_iterate (100);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (repeat_panel (window)), "list")));
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (matter_window_loaded, window, 10000, "the earlier matter's window");
  matter_window = jf_desk_reception_page_get_matter_window (reception_page (window));
  g_assert_cmpint (jf_desk_matter_page_get_id (jf_desk_matter_window_get_page (
                     JF_DESK_MATTER_WINDOW (matter_window))), ==, earlier);
  g_assert_false (gtk_window_get_modal (matter_window));
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (matter_window, "intake-repeat-matter"));

  /* Escape closes it; the form is as it was, and F6 goes back to the field left. */
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_wait_until_full (matter_window_closed, window, 3000, "the window to close");
  jf_ui_iterate (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (id_entry)), ==, earlier_id);
  g_assert_cmpstr (jf_desk_party_row_get_valid_id_number (first), ==, earlier_id);
  g_assert_true (jf_desk_intake_form_has_input (form));
  g_assert_cmpuint (n_matters (window), ==, 1);
  jf_ui_press (GDK_KEY_F6, 0);
  jf_ui_iterate (100);
  g_assert_true (jf_ui_has_focus (id_entry));

  /* Another person at another place (the form's, not the village's): the earlier matter
   * goes at once, and none is found. */
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type (other_id);
  g_assert_cmpuint (n_matters (window), ==, 0);
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (first), "name_entry"));
  jf_ui_iterate (50);
  jf_ui_type ("韩建国");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (form), "address_entry"));
  jf_ui_iterate (50);
  jf_ui_type ("幸福路8号");
  jf_ui_wait_until_full (none_found, window, 5000, "the answer for another person and place");
  g_assert_cmpstr (jf_desk_repeat_panel_get_summary (repeat_panel (window)), ==,
                   "近12个月没有同一当事人或同一地点的事项。");
  g_assert_true (gtk_widget_get_mapped (jf_ui_find (GTK_WIDGET (repeat_panel (window)),
                                                    "summary_label")));
  g_assert_false (gtk_widget_is_visible (jf_ui_find (GTK_WIDGET (repeat_panel (window)),
                                                     "scroller")));
  g_free (jf_ui_screenshot (window, "intake-repeat-none"));

  /* F6 with nothing to go to leaves the keyboard where it is. */
  jf_ui_press (GDK_KEY_F6, 0);
  jf_ui_iterate (100);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (form), "address_entry")));
  jf_ui_stop_desk ();
}

static gboolean
phone_shortened (gpointer data)
{
  return strlen (gtk_editable_get_text (GTK_EDITABLE (data))) < 11;
}

static void
test_reasons_merge (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  g_autoptr(JfDeskRepeatMatch) match = NULL;
  g_autofree char *party = NULL;
  JfDeskIntakeForm *form;
  JfDeskPartyRow *first;
  const char *place;
  gint64 earlier;

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  form = jf_desk_reception_page_get_form (reception_page (window));
  first = first_party (form);
  /* The place the form starts with: the clerk's own unit. */
  place = jf_desk_org_picker_get_code (JF_DESK_ORG_PICKER (jf_ui_find (GTK_WIDGET (form),
                                                                      "place_picker")));
  g_assert_nonnull (place);
  party = g_strdup ("{\"role\":\"applicant\",\"name\":\"邵春生\",\"phone\":\"13912345678\"}");
  earlier = register_matter ("院墙排水纠纷", place, "太平街12号", party, NULL);

  /* The phone first. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (first), "phone_entry"));
  jf_ui_iterate (50);
  jf_ui_type ("13912345678");
  jf_ui_wait_until_full (one_found, window, 5000, "the matter of the phone number");
  match = match_at (window, 0);
  g_assert_cmpint (jf_desk_repeat_match_get_id (match), ==, earlier);
  g_assert_cmpint (jf_desk_repeat_match_get_reasons (match), ==, JF_DESK_REPEAT_SAME_PHONE);
  g_clear_object (&match);

  /* Then the name, at the same place, and the address there: one matter, three reasons. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (first), "name_entry"));
  jf_ui_iterate (50);
  jf_ui_type ("邵春生");
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (form), "address_entry"));
  jf_ui_iterate (50);
  jf_ui_type ("太平街12号");
  jf_ui_iterate (JF_DESK_REPEAT_PANEL_DEBOUNCE_MS + 100);
  jf_ui_wait_until_full (one_found, window, 5000, "the answers for the name and address");
  match = match_at (window, 0);
  g_assert_cmpint (jf_desk_repeat_match_get_reasons (match), ==,
                   JF_DESK_REPEAT_SAME_PHONE | JF_DESK_REPEAT_SAME_NAME_AT_PLACE |
                   JF_DESK_REPEAT_SAME_ADDRESS);
  jf_ui_iterate (200);
  g_assert_cmpstr (first_row_note (window), ==, "同一电话号码 · 同地同名 · 同一地址");
  g_free (jf_ui_screenshot (window, "intake-repeat-reasons"));
  g_clear_object (&match);

  /* The phone goes: its reason goes with it, the others stay. */
  gtk_widget_grab_focus (jf_ui_find (GTK_WIDGET (first), "phone_entry"));
  jf_ui_iterate (50);
  jf_ui_press (GDK_KEY_BackSpace, 0);
  jf_ui_wait_until_full (phone_shortened, jf_ui_find (GTK_WIDGET (first), "phone_entry"), 1000,
                         "the key to reach the field");
  /* No request needed: the list is as it will be as soon as the key is in. */
  match = match_at (window, 0);
  g_assert_cmpint (jf_desk_repeat_match_get_reasons (match), ==,
                   JF_DESK_REPEAT_SAME_NAME_AT_PLACE | JF_DESK_REPEAT_SAME_ADDRESS);

  /* The form starts anew (as after registering): nothing is left of the last person. */
  jf_desk_intake_form_reset (form);
  g_assert_cmpuint (n_matters (window), ==, 0);
  g_assert_false (jf_desk_repeat_panel_is_busy (repeat_panel (window)));
  jf_ui_stop_desk ();
}

/* jiefend goes away while the clerk types: the panel says so, the typing goes on, and
 * once the server is back the lookup is made again without another key. */
static void
test_server_unreachable (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  g_autofree char *party = g_strdup ("{\"role\":\"applicant\",\"name\":\"邱桂兰\","
                                     "\"phone\":\"13687654321\"}");
  gint64 earlier = register_matter ("楼上漏水纠纷", "220402001", "和平路3号", party, NULL);
  g_autoptr(JfDeskRepeatMatch) match = NULL;
  JfDeskIntakeForm *form;
  GtkWidget *phone_entry, *name_entry;

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  form = jf_desk_reception_page_get_form (reception_page (window));
  phone_entry = jf_ui_find (GTK_WIDGET (first_party (form)), "phone_entry");
  name_entry = jf_ui_find (GTK_WIDGET (first_party (form)), "name_entry");

  jf_test_server_stop (env->server);
  gtk_widget_grab_focus (phone_entry);
  jf_ui_iterate (50);
  jf_ui_type ("13687654321");
  jf_ui_wait_until_full (summary_says_unreachable, window, 15000,
                         "the panel to say the server cannot be reached");
  g_assert_cmpuint (n_matters (window), ==, 0);
  /* The clerk was not stopped: the focus is where it was, and typing goes on. */
  g_assert_true (jf_ui_has_focus (phone_entry));
  gtk_widget_grab_focus (name_entry);
  jf_ui_iterate (50);
  jf_ui_type ("邱桂兰");
  jf_ui_iterate (JF_DESK_REPEAT_PANEL_DEBOUNCE_MS + 200);
  g_assert_true (jf_ui_has_focus (name_entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (phone_entry)), ==, "13687654321");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_entry)), ==, "邱桂兰");
  jf_ui_wait_until_full (summary_says_unreachable, window, 15000,
                         "the panel to say so again after more typing");
  g_free (jf_ui_screenshot (window, "intake-repeat-unreachable"));

  /* The server is back: the earlier matter appears with no key pressed. */
  jf_test_server_restart (env->server);
  jf_ui_wait_until_full (one_found, window, 40000, "the lookup made again");
  match = match_at (window, 0);
  g_assert_cmpint (jf_desk_repeat_match_get_id (match), ==, earlier);
  g_assert_true (jf_desk_repeat_match_get_reasons (match) & JF_DESK_REPEAT_SAME_PHONE);
  g_assert_true (jf_ui_has_focus (name_entry));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/repeat/found-by-id-number", test_found_by_id_number);
  g_test_add_func ("/desk/repeat/reasons-merge", test_reasons_merge);
  g_test_add_func ("/desk/repeat/server-unreachable", test_server_unreachable);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
