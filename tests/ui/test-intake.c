/* test-intake.c: registering a matter at the reception window, with the keyboard only
 *
 * A clerk signs in, fills the intake form with Tab and typing (Chinese through the input
 * method, digits on the keys), picks the place by part of its name, and presses Enter in
 * the last field; the receipt shows the matter's number, and the API has the matter with
 * both parties.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "jf-test-env.h"
#include "jf-desk-intake-form.h"
#include "jf-desk-org-picker.h"
#include "jf-desk-party-row.h"
#include "jf-desk-receipt-dialog.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-repeat-panel.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

static JfTestEnv *env;

#define TITLE "楼上漏水殃及楼下住户"
#define NARRATIVE "申请人反映楼上住户卫生间长期漏水，渗到申请人家天花板，多次协商未果，请求调解。"
/* Two units of this name, in different townships: the path tells them apart. */
#define PLACE_QUERY "向阳社区"
#define PLACE_CODE "220402006006"

static JfDeskReceptionPage *
reception_page (GtkWindow *window)
{
  return JF_DESK_RECEPTION_PAGE (jf_desk_window_get_workspace (JF_DESK_WINDOW (window),
                                                               "reception"));
}

static gboolean
receipt_shown (gpointer data)
{
  GtkWindow *dialog = jf_desk_reception_page_get_receipt_dialog (reception_page (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
repeat_found (gpointer data)
{
  GtkWidget *panel = jf_desk_reception_page_get_repeat_panel (reception_page (data));

  return g_list_model_get_n_items (jf_desk_repeat_panel_get_matters (
                                     JF_DESK_REPEAT_PANEL (panel))) == 1;
}

static gboolean
picker_open (gpointer data)
{
  return jf_desk_org_picker_is_open (data) &&
         g_list_model_get_n_items (jf_desk_org_picker_get_matches (data)) > 1;
}

static void
tab (guint times)
{
  for (guint i = 0; i < times; i++)
    jf_ui_press (GDK_KEY_Tab, 0);
}

/* The focus is in the widget of template id @id (inside @root). */
static void
assert_focus (GtkWidget  *root,
              const char *id)
{
  if (!jf_ui_has_focus (jf_ui_find (root, id)))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (root));

      g_error ("expected the focus in “%s”, it is in a %s", id,
               focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
    }
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_register_with_keyboard (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskIntakeForm *form;
  JfDeskOrgPicker *picker;
  JfDeskPartyRow *first, *second;
  JfDeskReceiptDialog *dialog;
  const char *number;
  g_autofree char *date = days_ago (3);
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pdf_data = NULL;
  gsize pdf_len = 0;
  g_autofree char *pdftotext = NULL;
  gint64 pressed, shown;
  guint place_index = G_MAXUINT;

  /* An earlier matter between the same two people: the panel beside the form shows it. */
  jf_test_env_register (env, "chuangkou", "楼上噪音扰民", "220402001");

  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  form = jf_desk_reception_page_get_form (reception_page (window));
  picker = JF_DESK_ORG_PICKER (jf_ui_find (GTK_WIDGET (form), "place_picker"));

  /* The form opens on the category: arrows and Enter choose it. */
  assert_focus (GTK_WIDGET (form), "category_dropdown");
  jf_ui_press (GDK_KEY_space, 0);
  jf_ui_press (GDK_KEY_Down, 0);
  jf_ui_press (GDK_KEY_Up, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_iterate (200);
  tab (1);
  assert_focus (GTK_WIDGET (form), "title_entry");
  jf_ui_type (TITLE);
  tab (1);
  assert_focus (GTK_WIDGET (form), "narrative_view");
  jf_ui_type (NARRATIVE);

  /* The place: part of the name, then the one in the right township. */
  tab (1);
  assert_focus (GTK_WIDGET (form), "place_picker");
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type (PLACE_QUERY);
  jf_ui_wait_until_full (picker_open, picker, 5000, "the place's matches");
  {
    GListModel *matches = jf_desk_org_picker_get_matches (picker);

    for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
      {
        g_autoptr(JfDeskOrgUnit) unit = g_list_model_get_item (matches, i);

        if (g_str_equal (jf_desk_org_unit_get_code (unit), PLACE_CODE))
          place_index = i;
      }
  }
  g_assert_cmpuint (place_index, !=, G_MAXUINT);
  g_free (jf_ui_screenshot (window, "intake-place-matches"));
  for (guint i = 0; i < place_index; i++)
    jf_ui_press (GDK_KEY_Down, 0);
  jf_ui_press (GDK_KEY_Return, 0);
  g_assert_cmpstr (jf_desk_org_picker_get_code (picker), ==, PLACE_CODE);
  g_assert_false (jf_desk_org_picker_is_open (picker));

  tab (1);
  assert_focus (GTK_WIDGET (form), "date_entry");
  jf_ui_type (date);
  tab (2);
  assert_focus (GTK_WIDGET (form), "address_entry");
  jf_ui_type ("新兴街道向阳社区福镇小区3栋");
  tab (1);
  assert_focus (GTK_WIDGET (form), "violence_check");
  jf_ui_press (GDK_KEY_space, 0);
  tab (4);

  /* The first party, the applicant: the ID number is checked as it is typed. */
  first = JF_DESK_PARTY_ROW (jf_ui_find_type (jf_ui_find (GTK_WIDGET (form), "parties_box"),
                                              JF_DESK_TYPE_PARTY_ROW));
  assert_focus (GTK_WIDGET (first), "role_dropdown");
  tab (1);
  jf_ui_type ("张三");
  tab (1);
  assert_focus (GTK_WIDGET (first), "id_entry");
  jf_ui_type ("11010519491231002");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (jf_ui_find (GTK_WIDGET (first),
                                                                        "id_status"))),
                            "17/18"));
  jf_ui_type ("X");
  g_assert_cmpstr (jf_desk_party_row_get_valid_id_number (first), ==, "11010519491231002X");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (jf_ui_find (GTK_WIDGET (first),
                                                                        "id_status"))),
                            "1949-12-31，女"));
  tab (1);
  jf_ui_type ("13800000000");
  tab (1);
  jf_ui_type ("新兴街道向阳社区福镇小区3栋401");
  tab (1);
  assert_focus (GTK_WIDGET (first), "organisation_entry");
  /* 张三 has been here before: the earlier matter is beside the form. */
  jf_ui_wait_until_full (repeat_found, window, 5000, "the earlier matter of 张三");
  g_free (jf_ui_screenshot (window, "intake-first-party"));

  /* On to the second party, the respondent (its default role), past the remove button. */
  tab (2);
  second = JF_DESK_PARTY_ROW (gtk_widget_get_next_sibling (GTK_WIDGET (first)));
  assert_focus (GTK_WIDGET (second), "role_dropdown");
  tab (1);
  jf_ui_type ("李四");
  tab (2);
  assert_focus (GTK_WIDGET (second), "phone_entry");
  jf_ui_type ("0437-3221234");
  tab (2);
  assert_focus (GTK_WIDGET (second), "organisation_entry");
  g_free (jf_ui_screenshot (window, "intake-filled"));

  /* Enter in the last field registers. */
  pressed = g_get_monotonic_time ();
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (receipt_shown, window, 10000, "the receipt");
  shown = g_get_monotonic_time ();
  g_test_message ("Enter to receipt on screen: %.0f ms (request and answer: %.0f ms)",
                  (shown - pressed) / 1000.0,
                  jf_desk_reception_page_get_last_round_trip (reception_page (window)) / 1000.0);

  dialog = JF_DESK_RECEIPT_DIALOG (jf_desk_reception_page_get_receipt_dialog (
    reception_page (window)));
  number = jf_desk_receipt_get_number (jf_desk_receipt_dialog_get_receipt (dialog));
  g_assert_true (g_regex_match_simple ("^220402-[0-9]{4}-[0-9]{6}$", number, 0, 0));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jf_ui_find (GTK_WIDGET (dialog),
                                                               "number_label"))), ==, number);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jf_ui_find (GTK_WIDGET (dialog),
                                                               "title_label"))), ==, TITLE);
  jf_ui_iterate (300);
  g_free (jf_ui_screenshot (GTK_WINDOW (dialog), "intake-receipt"));
  g_free (jf_ui_screenshot (window, "intake-registered"));
  /* The form is empty and ready for the next person, with a new key. */
  g_assert_false (jf_desk_intake_form_has_input (form));

  /* The receipt as a PDF, drawn by the same function as the preview. */
  pdf = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", "intake-receipt.pdf",
                          NULL);
  g_assert_true (jf_desk_receipt_dialog_export_pdf (dialog, pdf, NULL));
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &pdf_len, NULL));
  g_assert_cmpuint (pdf_len, >, 2000);
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF-"));
  /* Text, not a picture of it: the number and the Chinese can be found in the PDF. */
  pdftotext = g_find_program_in_path ("pdftotext");
  if (pdftotext != NULL)
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *text = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &text, NULL, &status, NULL));
      g_assert_nonnull (strstr (text, number));
      g_assert_nonnull (strstr (text, "受理回执"));
      g_assert_nonnull (strstr (text, "1101**********002X"));
    }

  /* The matter is in the API, with both parties, the place picked and the risk. */
  {
    g_autofree char *escaped = g_uri_escape_string (TITLE, NULL, FALSE);
    g_autofree char *query = g_strdup_printf ("/v1/matters?q=%s", escaped);
    g_autoptr(JfTestResponse) list = jf_test_request (env->server, "GET", query,
                                                      jf_test_env_token (env, "chuangkou"),
                                                      NULL);
    g_autoptr(JfTestResponse) matter = NULL;
    g_autofree char *matter_path = NULL;

    jf_test_assert_status (list, 200);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (
                        jf_test_response_get (list, "items"))), ==, 1);
    g_assert_cmpstr (jf_test_response_string (list, "items.0.number"), ==, number);
    g_assert_nonnull (strstr (jf_test_response_string (list, "items.0.parties"), "张三"));
    g_assert_nonnull (strstr (jf_test_response_string (list, "items.0.parties"), "李四"));

    matter_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT,
                                   jf_test_response_int (list, "items.0.id"));
    matter = jf_test_request (env->server, "GET", matter_path,
                              jf_test_env_token (env, "chuangkou"), NULL);
    jf_test_assert_status (matter, 200);
    g_assert_cmpstr (jf_test_response_string (matter, "title"), ==, TITLE);
    g_assert_cmpstr (jf_test_response_string (matter, "narrative"), ==, NARRATIVE);
    g_assert_cmpstr (jf_test_response_string (matter, "location.org.code"), ==, PLACE_CODE);
    g_assert_cmpstr (jf_test_response_string (matter, "occurred_on"), ==, date);
    g_assert_true (json_node_get_boolean (jf_test_response_get (matter, "risk.violence")));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (
                        jf_test_response_get (matter, "parties"))), ==, 2);
    g_assert_cmpstr (jf_test_response_string (matter, "parties.0.role"), ==, "applicant");
    g_assert_cmpstr (jf_test_response_string (matter, "parties.0.name"), ==, "张三");
    g_assert_cmpstr (jf_test_response_string (matter, "parties.0.id_number"), ==,
                     "1101**********002X");
    g_assert_cmpstr (jf_test_response_string (matter, "parties.1.role"), ==, "respondent");
    g_assert_cmpstr (jf_test_response_string (matter, "parties.1.name"), ==, "李四");
  }

  /* Ctrl+N on the receipt: back to an empty form, the focus at its start. */
  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_iterate (300);
  g_assert_null (jf_desk_reception_page_get_receipt_dialog (reception_page (window)));
  assert_focus (GTK_WIDGET (form), "category_dropdown");
  jf_ui_stop_desk ();
}

static gboolean
confirmation_shown (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    found |= ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data);
  g_list_free (windows);
  return found;
}

static gboolean
shortcuts_shown (gpointer data)
{
  GList *windows = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = windows; l != NULL; l = l->next)
    found |= GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_mapped (l->data);
  g_list_free (windows);
  return found;
}

/* The shortcuts window on screen. */
static GtkWindow *
shortcuts_window (void)
{
  GList *windows = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      found = l->data;
  g_list_free (windows);
  g_assert_nonnull (found);
  return found;
}

/* The section it shows ("reception"). */
static const char *
shortcuts_section (void)
{
  static char *name;

  g_clear_pointer (&name, g_free);
  g_object_get (shortcuts_window (), "section-name", &name, NULL);
  return name;
}

static void
test_checks_and_confirmations (void)
{
  GtkWindow *window = jf_ui_start_desk (env->server->base_url, NULL);
  JfDeskIntakeForm *form;
  JfDeskPartyRow *first;
  GtkWidget *id_entry;
  GtkLabel *id_status;

  /* The smallest screen the desks have: nothing may be cut off at 1024×700. */
  gtk_window_set_default_size (window, 1024, 700);
  jf_ui_sign_in (window, "chuangkou", JF_TEST_PASSWORD);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, 700);
  form = jf_desk_reception_page_get_form (reception_page (window));
  first = JF_DESK_PARTY_ROW (jf_ui_find_type (jf_ui_find (GTK_WIDGET (form), "parties_box"),
                                              JF_DESK_TYPE_PARTY_ROW));
  g_free (jf_ui_screenshot (window, "intake-1024x700"));

  /* The shortcuts window, from the keyboard, on the section of the workspace in front. */
  jf_ui_press (GDK_KEY_F1, 0);
  jf_ui_wait_until_full (shortcuts_shown, NULL, 3000, "the shortcuts window");
  g_assert_cmpstr (shortcuts_section (), ==, "reception");
  g_free (jf_ui_screenshot (shortcuts_window (), "shortcuts"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (200);
  g_assert_false (shortcuts_shown (NULL));

  /* The clerk's other workspace, the matters: F1 opens on its keys. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (jf_ui_find (GTK_WIDGET (window),
                                                                     "workspace_stack")),
                                         "matters");
  jf_ui_iterate (200);
  jf_ui_press (GDK_KEY_F1, 0);
  jf_ui_wait_until_full (shortcuts_shown, NULL, 3000, "the shortcuts window");
  g_assert_cmpstr (shortcuts_section (), ==, "matters");
  jf_ui_iterate (200);
  g_free (jf_ui_screenshot (shortcuts_window (), "shortcuts-matters"));
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (200);
  g_assert_false (shortcuts_shown (NULL));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (jf_ui_find (GTK_WIDGET (window),
                                                                     "workspace_stack")),
                                         "reception");
  jf_ui_iterate (200);

  id_entry = jf_ui_find (GTK_WIDGET (first), "id_entry");
  id_status = GTK_LABEL (jf_ui_find (GTK_WIDGET (first), "id_status"));

  /* A 15-digit number: its 18-digit form is offered, and taken with one button. */
  gtk_widget_grab_focus (id_entry);
  jf_ui_type ("110105491231002");
  g_assert_nonnull (strstr (gtk_label_get_text (id_status), "11010519491231002X"));
  g_assert_true (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (first), "upgrade_button")));
  g_free (jf_ui_screenshot (window, "intake-legacy-id"));
  g_signal_emit_by_name (jf_ui_find (GTK_WIDGET (first), "upgrade_button"), "clicked");
  jf_ui_iterate (50);
  g_assert_cmpstr (jf_desk_party_row_get_valid_id_number (first), ==, "11010519491231002X");

  /* A mistyped character: the check character says so at once. */
  jf_ui_press (GDK_KEY_BackSpace, 0);
  jf_ui_type ("1");
  g_assert_null (jf_desk_party_row_get_valid_id_number (first));
  g_assert_nonnull (strstr (gtk_label_get_text (id_status), "校验位不符"));
  g_assert_true (gtk_widget_has_css_class (id_entry, "error"));
  /* Escape clears the field's error once the clerk has read it. */
  jf_ui_press (GDK_KEY_Escape, 0);
  g_assert_false (gtk_widget_has_css_class (id_entry, "error"));

  /* Registering with an empty title: the field says why and has the focus. */
  jf_ui_press (GDK_KEY_Return, GDK_CONTROL_MASK);
  jf_ui_iterate (200);
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (form), "title_entry")));
  g_assert_true (gtk_widget_get_visible (jf_ui_find (GTK_WIDGET (form), "title_error")));
  g_free (jf_ui_screenshot (window, "intake-missing-fields"));

  /* An error the server names by path lands at that field, with the focus. */
  g_assert_true (jf_desk_intake_form_show_error (form, "parties[0].phone", "测试：号码已停用"));
  g_assert_true (jf_ui_has_focus (jf_ui_find (GTK_WIDGET (first), "phone_entry")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (jf_ui_find (GTK_WIDGET (first),
                                                               "phone_error"))), ==,
                   "测试：号码已停用");

  /* Ctrl+Shift+P adds a party; Ctrl+N asks before throwing the typing away. */
  g_assert_cmpuint (jf_desk_intake_form_get_n_parties (form), ==, 2);
  jf_ui_press (GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_cmpuint (jf_desk_intake_form_get_n_parties (form), ==, 3);
  jf_ui_type ("王五");
  jf_ui_press (GDK_KEY_n, GDK_CONTROL_MASK);
  jf_ui_wait_until_full (confirmation_shown, NULL, 3000, "the question before discarding");
  {
    GList *windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data))
        g_free (jf_ui_screenshot (l->data, "intake-discard-question"));
    g_list_free (windows);
  }
  jf_ui_press (GDK_KEY_Escape, 0);
  jf_ui_iterate (300);
  g_assert_true (jf_desk_intake_form_has_input (form));
  jf_ui_stop_desk ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  jf_ui_test_init (&argc, &argv);
  g_test_add_func ("/desk/intake/register-with-the-keyboard", test_register_with_keyboard);
  g_test_add_func ("/desk/intake/checks-and-confirmations", test_checks_and_confirmations);
  env = jf_test_env_new ();
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
