/* jf-desk-account-dialog.c: an account's form */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-phone.h"
#include "jf-desk-account-dialog.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-org-picker.h"
#include "jf-desk-password.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"

struct _JfDeskAccountDialog
{
  GtkWindow           parent_instance;

  JfDeskClient       *client;        /* owned */
  JfDeskStaffAccount *account;       /* owned; NULL for a new account */
  GListStore         *departments;   /* owned; of JfDeskRecord, of the unit's county */
  char               *county;        /* whose departments those are */
  char               *department;    /* the code to select once they are read */
  GCancellable       *cancellable;   /* the save in flight */
  GCancellable       *departments_cancellable;
  GtkCheckButton     *role_checks[JF_N_ROLES];
  char               *password;      /* of the account being created, until it answers */
  char               *status;
  gboolean            busy;

  /* template children */
  GtkWidget          *fields;
  GtkEntry           *username_entry;
  GtkLabel           *username_error;
  GtkEntry           *name_entry;
  GtkLabel           *name_error;
  GtkLabel           *org_caption;
  JfDeskOrgPicker    *org_picker;
  GtkLabel           *org_error;
  GtkEntry           *phone_entry;
  GtkLabel           *phone_error;
  GtkLabel           *roles_caption;
  GtkGrid            *roles_grid;
  GtkLabel           *roles_error;
  GtkDropDown        *department_dropdown;
  GtkLabel           *department_error;
  GtkLabel           *password_note;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkButton          *save_button;
  GtkLabel           *save_label;
};

G_DEFINE_FINAL_TYPE (JfDeskAccountDialog, jf_desk_account_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (JfDeskAccountDialog *self,
            const char          *text,
            gboolean             error)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "status-error");
}

static void
set_busy (JfDeskAccountDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  gtk_widget_set_sensitive (self->fields, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save", !busy);
}

static gboolean
is_liaison (JfDeskAccountDialog *self)
{
  return gtk_check_button_get_active (self->role_checks[JF_ROLE_DEPARTMENT_LIAISON]);
}

static void
username_hint (JfDeskAccountDialog *self)
{
  if (self->account == NULL)
    jf_desk_field_set_hint (GTK_WIDGET (self->username_entry), self->username_error,
                            _("2 to 32 lower-case letters, digits, “_”, “.” or “-”; it cannot "
                              "be changed later."), "dim-label");
  else
    jf_desk_field_set_hint (GTK_WIDGET (self->username_entry), self->username_error,
                            _("A username cannot be changed."), "dim-label");
}

static void
department_hint (JfDeskAccountDialog *self)
{
  const char *hint;

  if (!is_liaison (self))
    hint = _("Only a department liaison answers for a department.");
  else if (self->county == NULL)
    hint = _("Pick a unit in a county first: the departments are the county's.");
  else
    hint = _("The department whose whistles this liaison answers.");
  jf_desk_field_set_hint (GTK_WIDGET (self->department_dropdown), self->department_error, hint,
                          "dim-label");
}

/* --- the departments of the unit's county ------------------------------------------------- */

static void
select_department (JfDeskAccountDialog *self,
                   const char          *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->departments));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->departments),
                                                              i);

      if (g_strcmp0 (jf_desk_record_get_string (record, "code"), code) == 0)
        {
          gtk_drop_down_set_selected (self->department_dropdown, i);
          return;
        }
    }
  gtk_drop_down_set_selected (self->department_dropdown, GTK_INVALID_LIST_POSITION);
}

static const char *
selected_department (JfDeskAccountDialog *self)
{
  JfDeskRecord *record = gtk_drop_down_get_selected_item (self->department_dropdown);

  return record != NULL ? jf_desk_record_get_string (record, "code") : NULL;
}

static void
departments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(JfDeskAccountDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->departments == NULL)
    return;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      jf_desk_field_set_error (GTK_WIDGET (self->department_dropdown), self->department_error,
                               description);
      return;
    }
  records = jf_desk_records_from_json (root);
  g_list_store_splice (self->departments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->departments)),
                       records->pdata, records->len);
  select_department (self, self->department);
}

static void
load_departments (JfDeskAccountDialog *self)
{
  const char *code = jf_desk_org_picker_get_code (self->org_picker);
  g_autofree char *county = NULL;
  g_autofree char *path = NULL;

  /* A unit's county is the first six digits of its code; the city (2204 00) has none. */
  if (code != NULL && strlen (code) >= 6 && !(code[4] == '0' && code[5] == '0'))
    county = g_strndup (code, 6);
  if (g_strcmp0 (county, self->county) == 0)
    return;
  g_free (self->county);
  self->county = g_steal_pointer (&county);
  g_cancellable_cancel (self->departments_cancellable);
  g_clear_object (&self->departments_cancellable);
  g_list_store_remove_all (self->departments);
  department_hint (self);
  if (self->county == NULL)
    return;
  self->departments_cancellable = g_cancellable_new ();
  path = g_strdup_printf ("/v1/departments?county=%s", self->county);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL,
                                self->departments_cancellable, departments_cb,
                                g_object_ref (self));
}

static void
unit_changed_cb (JfDeskAccountDialog *self)
{
  if (jf_desk_org_picker_get_unit (self->org_picker) != NULL)
    jf_desk_field_set_error (jf_desk_org_picker_get_entry (self->org_picker), self->org_error,
                             NULL);
  /* The department that was chosen belongs to the old county, unless it is the same. */
  g_free (self->department);
  self->department = g_strdup (selected_department (self));
  load_departments (self);
}

static void
role_toggled_cb (JfDeskAccountDialog *self)
{
  gboolean liaison = is_liaison (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->department_dropdown), liaison);
  jf_desk_field_set_error (GTK_WIDGET (self->roles_grid), self->roles_error, NULL);
  department_hint (self);
}

/* --- saving -------------------------------------------------------------------------------- */

static GtkWidget *
field_input (JfDeskAccountDialog  *self,
             const char           *field,
             GtkLabel            **out_label)
{
  if (g_strcmp0 (field, "username") == 0)
    return *out_label = self->username_error, GTK_WIDGET (self->username_entry);
  if (g_strcmp0 (field, "name") == 0)
    return *out_label = self->name_error, GTK_WIDGET (self->name_entry);
  if (g_strcmp0 (field, "phone") == 0)
    return *out_label = self->phone_error, GTK_WIDGET (self->phone_entry);
  if (g_strcmp0 (field, "org") == 0)
    return *out_label = self->org_error, jf_desk_org_picker_get_entry (self->org_picker);
  if (field != NULL && g_str_has_prefix (field, "roles"))
    return *out_label = self->roles_error, GTK_WIDGET (self->role_checks[0]);
  if (g_strcmp0 (field, "department") == 0)
    return *out_label = self->department_error, GTK_WIDGET (self->department_dropdown);
  *out_label = NULL;
  return NULL;
}

/* The server's refusal in the administrator's words, where the field is known. */
static char *
describe_refusal (const GError *error)
{
  const char *field = jf_error_get_field (error);

  if (g_strcmp0 (field, "username") == 0 && g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT))
    return g_strdup (_("This username is taken: choose another one."));
  if (!g_error_matches (error, JF_ERROR, JF_ERROR_INVALID))
    return jf_desk_error_describe (error);
  if (g_strcmp0 (field, "username") == 0)
    return g_strdup (_("A username is 2 to 32 lower-case letters, digits, “_”, “.” or “-”, "
                       "starting with a letter or a digit."));
  if (g_strcmp0 (field, "name") == 0)
    return g_strdup (_("Give the person's name."));
  if (g_strcmp0 (field, "phone") == 0)
    return g_strdup (_("A mobile number (11 digits, starting 13 to 19) or a landline with its "
                       "area code, e.g. 0437-3221234."));
  if (g_strcmp0 (field, "org") == 0)
    return g_strdup (_("The server does not know this unit, or it is outside yours: pick it "
                       "from the list again."));
  if (field != NULL && g_str_has_prefix (field, "roles"))
    return g_strdup (_("Tick at least one role."));
  if (g_strcmp0 (field, "department") == 0)
    return g_strdup (_("A department liaison needs the department they answer for."));
  return jf_desk_error_describe (error);
}

static void
fill_from_account (JfDeskAccountDialog *self)
{
  JfDeskStaffAccount *account = self->account;
  g_autoptr(JfDeskOrgUnit) unit = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->username_entry),
                         jf_desk_staff_account_get_username (account));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         jf_desk_staff_account_get_name (account));
  gtk_editable_set_text (GTK_EDITABLE (self->phone_entry),
                         jf_desk_staff_account_get_phone (account) != NULL
                         ? jf_desk_staff_account_get_phone (account) : "");
  for (guint r = 0; r < JF_N_ROLES; r++)
    gtk_check_button_set_active (self->role_checks[r],
                                 jf_role_set_has (jf_desk_staff_account_get_roles (account),
                                                  (JfRole) r));
  g_free (self->department);
  self->department = g_strdup (jf_desk_staff_account_get_department (account));
  unit = jf_desk_org_unit_new (jf_desk_staff_account_get_org_code (account),
                               jf_desk_staff_account_get_org_name (account),
                               jf_desk_staff_account_get_org_level (account), NULL);
  jf_desk_org_picker_set_unit (self->org_picker, unit);
  select_department (self, self->department);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskAccountDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *account = jf_desk_json_object (root);
  g_autofree char *description = NULL;
  GtkLabel *label = NULL;
  GtkWidget *input;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (account != NULL && jf_desk_json_int (account, "id", 0) > 0)
    {
      g_signal_emit (self, signals[SAVED], 0, account, self->password);
      g_clear_pointer (&self->password, jf_desk_password_free);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  g_clear_pointer (&self->password, jf_desk_password_free);
  if (error == NULL)
    error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the account");

  /* Changed meanwhile: take what it is now, and let the administrator look again. */
  if (g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT) && self->account != NULL &&
      g_strcmp0 (jf_error_get_field (error), "username") != 0)
    {
      JsonNode *current = jf_error_get_detail (error);

      if (jf_desk_staff_account_update (self->account, jf_desk_json_object (current)))
        fill_from_account (self);
      set_status (self, _("Someone else changed this account meanwhile. The form shows it as it "
                          "is now: check it and save again."), TRUE);
      return;
    }
  description = describe_refusal (error);
  input = field_input (self, jf_error_get_field (error), &label);
  if (input != NULL)
    {
      jf_desk_field_set_error (input, label, description);
      set_status (self, _("Not saved: see the message in red."), TRUE);
      gtk_widget_grab_focus (input);
    }
  else
    set_status (self, description, TRUE);
}

static gboolean
check (JfDeskAccountDialog  *self,
       GtkWidget            *input,
       GtkLabel             *label,
       gboolean              ok,
       const char           *message,
       GtkWidget           **first_bad)
{
  if (ok)
    {
      if (label == self->username_error)
        username_hint (self);
      else
        jf_desk_field_set_error (input, label, NULL);
      return TRUE;
    }
  jf_desk_field_set_error (input, label, message);
  if (*first_bad == NULL)
    *first_bad = input;
  return FALSE;
}

static gboolean
username_is_valid (const char *username)
{
  return username != NULL &&
         g_regex_match_simple ("^[a-z0-9][a-z0-9_.-]{1,31}$", username, 0, 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAccountDialog *self = JF_DESK_ACCOUNT_DIALOG (widget);
  g_autofree char *username = jf_desk_editable_dup_text (GTK_EDITABLE (self->username_entry));
  g_autofree char *name = jf_desk_editable_dup_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *phone = jf_desk_editable_dup_text (GTK_EDITABLE (self->phone_entry));
  const char *org = jf_desk_org_picker_get_code (self->org_picker);
  const char *department = selected_department (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GtkWidget *first_bad = NULL;
  JfRoleSet roles = 0;
  gboolean ok = TRUE;

  if (self->busy)
    return;
  for (guint r = 0; r < JF_N_ROLES; r++)
    if (gtk_check_button_get_active (self->role_checks[r]))
      roles |= JF_ROLE_BIT (r);
  if (self->account == NULL)
    ok &= check (self, GTK_WIDGET (self->username_entry), self->username_error,
                 username_is_valid (username),
                 _("2 to 32 lower-case letters, digits, “_”, “.” or “-”, starting with a letter "
                   "or a digit."), &first_bad);
  ok &= check (self, GTK_WIDGET (self->name_entry), self->name_error, name != NULL,
               _("Give the person's name."), &first_bad);
  ok &= check (self, jf_desk_org_picker_get_entry (self->org_picker), self->org_error,
               org != NULL, _("Pick the unit from the list of matches."), &first_bad);
  ok &= check (self, GTK_WIDGET (self->phone_entry), self->phone_error,
               phone == NULL || jf_phone_validate (phone, NULL, NULL),
               _("A mobile number (11 digits, starting 13 to 19) or a landline with its area "
                 "code, e.g. 0437-3221234."), &first_bad);
  ok &= check (self, GTK_WIDGET (self->role_checks[0]), self->roles_error, roles != 0,
               _("Tick at least one role."), &first_bad);
  if (jf_role_set_has (roles, JF_ROLE_DEPARTMENT_LIAISON))
    ok &= check (self, GTK_WIDGET (self->department_dropdown), self->department_error,
                 department != NULL,
                 _("A department liaison needs the department they answer for."), &first_bad);
  if (!ok)
    {
      set_status (self, _("Some fields need attention: see the marks in red."), TRUE);
      gtk_widget_grab_focus (first_bad);
      return;
    }

  json_builder_begin_object (builder);
  if (self->account == NULL)
    {
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, username);
    }
  else
    {
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, jf_desk_staff_account_get_version (self->account));
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint r = 0; r < JF_N_ROLES; r++)
    if (jf_role_set_has (roles, (JfRole) r))
      json_builder_add_string_value (builder, jf_role_to_string ((JfRole) r));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "org");
  json_builder_add_string_value (builder, org);
  if (jf_role_set_has (roles, JF_ROLE_DEPARTMENT_LIAISON))
    {
      json_builder_set_member_name (builder, "department");
      json_builder_add_string_value (builder, department);
    }
  else if (self->account != NULL)
    {
      /* No longer a liaison: no longer answering for a department. */
      json_builder_set_member_name (builder, "department");
      json_builder_add_null_value (builder);
    }
  if (phone != NULL || self->account != NULL)
    {
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, phone != NULL ? phone : "");
    }
  if (self->account == NULL)
    {
      g_clear_pointer (&self->password, jf_desk_password_free);
      self->password = jf_desk_password_generate ();
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, self->password);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  set_busy (self, TRUE);
  set_status (self, _("Saving…"), FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->account == NULL)
    jf_desk_client_request_async (self->client, "POST", "/v1/accounts", body, NULL,
                                  self->cancellable, saved_cb, g_object_ref (self));
  else
    {
      path = g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT,
                              jf_desk_staff_account_get_id (self->account));
      jf_desk_client_request_async (self->client, "PATCH", path, body, NULL, self->cancellable,
                                    saved_cb, g_object_ref (self));
    }
}

static void
clear_error_cb (GtkEditable *editable,
                GtkLabel    *label)
{
  if (jf_desk_field_has_error (label))
    jf_desk_field_set_error (GTK_WIDGET (editable), label, NULL);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_account_dialog_dispose (GObject *object)
{
  JfDeskAccountDialog *self = JF_DESK_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->departments_cancellable);
  g_clear_object (&self->departments_cancellable);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  g_clear_object (&self->departments);
  g_clear_object (&self->account);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_account_dialog_parent_class)->dispose (object);
}

static void
jf_desk_account_dialog_finalize (GObject *object)
{
  JfDeskAccountDialog *self = JF_DESK_ACCOUNT_DIALOG (object);

  g_free (self->county);
  g_free (self->department);
  g_free (self->status);
  jf_desk_password_free (self->password);
  G_OBJECT_CLASS (jf_desk_account_dialog_parent_class)->finalize (object);
}

static void
jf_desk_account_dialog_class_init (JfDeskAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_account_dialog_dispose;
  object_class->finalize = jf_desk_account_dialog_finalize;

  /* The account as the server has it now, and a new account's password (else NULL). */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, JSON_TYPE_OBJECT, G_TYPE_STRING);

  g_type_ensure (JF_DESK_TYPE_ORG_PICKER);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-account-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskAccountDialog, name)
  BIND (fields);
  BIND (username_entry);
  BIND (username_error);
  BIND (name_entry);
  BIND (name_error);
  BIND (org_caption);
  BIND (org_picker);
  BIND (org_error);
  BIND (phone_entry);
  BIND (phone_error);
  BIND (roles_caption);
  BIND (roles_grid);
  BIND (roles_error);
  BIND (department_dropdown);
  BIND (department_error);
  BIND (password_note);
  BIND (spinner);
  BIND (status_label);
  BIND (save_button);
  BIND (save_label);
#undef BIND

  gtk_widget_class_install_action (widget_class, "account.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static char *
record_name (JfDeskRecord *record)
{
  return record != NULL ? g_strdup (jf_desk_record_get_string (record, "name")) : NULL;
}

static void
jf_desk_account_dialog_init (JfDeskAccountDialog *self)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;
  GtkExpression *expression;
  GtkWidget *org_entry;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The ten roles, two rows of five, in the order of the vocabulary. */
  for (guint r = 0; r < JF_N_ROLES; r++)
    {
      self->role_checks[r] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (
        jf_role_label ((JfRole) r)));
      gtk_grid_attach (self->roles_grid, GTK_WIDGET (self->role_checks[r]), (int) (r % 5),
                       (int) (r / 5), 1, 1);
      g_signal_connect_object (self->role_checks[r], "toggled", G_CALLBACK (role_toggled_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_label_set_mnemonic_widget (self->roles_caption, GTK_WIDGET (self->role_checks[0]));

  org_entry = jf_desk_org_picker_get_entry (self->org_picker);
  gtk_label_set_mnemonic_widget (self->org_caption, org_entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (org_entry), _("Type part of the unit's name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (org_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unit of the account"), -1);

  self->departments = g_list_store_new (JF_DESK_TYPE_RECORD);
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (record_name), NULL, NULL);
  gtk_drop_down_set_expression (self->department_dropdown, expression);
  gtk_expression_unref (expression);
  gtk_drop_down_set_model (self->department_dropdown, G_LIST_MODEL (self->departments));

  g_signal_connect_object (self->org_picker, "notify::unit", G_CALLBACK (unit_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self->name_entry, "changed", G_CALLBACK (clear_error_cb), self->name_error);
  g_signal_connect (self->phone_entry, "changed", G_CALLBACK (clear_error_cb), self->phone_error);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                 GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("account.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  role_toggled_cb (self);
}

static JfDeskAccountDialog *
dialog_new (GtkWindow    *parent,
            JfDeskClient *client)
{
  JfDeskAccountDialog *self = g_object_new (JF_DESK_TYPE_ACCOUNT_DIALOG, "transient-for", parent,
                                            NULL);

  self->client = g_object_ref (client);
  jf_desk_org_picker_set_client (self->org_picker, client);
  return self;
}

JfDeskAccountDialog *
jf_desk_account_dialog_new_create (GtkWindow     *parent,
                                   JfDeskClient  *client,
                                   JfDeskOrgUnit *unit)
{
  JfDeskAccountDialog *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = dialog_new (parent, client);
  gtk_window_set_title (GTK_WINDOW (self), _("New Account"));
  gtk_label_set_text_with_mnemonic (self->save_label, _("_Create Account"));
  if (unit != NULL)
    jf_desk_org_picker_set_unit (self->org_picker, unit);
  username_hint (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_entry));
  return self;
}

JfDeskAccountDialog *
jf_desk_account_dialog_new_edit (GtkWindow          *parent,
                                 JfDeskClient       *client,
                                 JfDeskStaffAccount *account)
{
  JfDeskAccountDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (account), NULL);

  self = dialog_new (parent, client);
  self->account = g_object_ref (account);
  /* TRANSLATORS: the title of the dialog that changes an account: its username. */
  title = g_strdup_printf (_("Account %s"), jf_desk_staff_account_get_username (account));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text_with_mnemonic (self->save_label, _("_Save"));
  gtk_editable_set_editable (GTK_EDITABLE (self->username_entry), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->username_entry), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->password_note), FALSE);
  fill_from_account (self);
  username_hint (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  return self;
}

void
jf_desk_account_dialog_set_role (JfDeskAccountDialog *self,
                                 JfRole               role,
                                 gboolean             active)
{
  g_return_if_fail (JF_DESK_IS_ACCOUNT_DIALOG (self));
  g_return_if_fail (role < JF_N_ROLES);

  gtk_check_button_set_active (self->role_checks[role], active);
}

const char *
jf_desk_account_dialog_get_status (JfDeskAccountDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT_DIALOG (self), "");
  return self->status != NULL ? self->status : "";
}

const char *
jf_desk_account_dialog_get_error (JfDeskAccountDialog *self,
                                  const char          *field)
{
  GtkLabel *label = NULL;

  g_return_val_if_fail (JF_DESK_IS_ACCOUNT_DIALOG (self), "");

  field_input (self, field, &label);
  return label != NULL && jf_desk_field_has_error (label) ? gtk_label_get_text (label) : "";
}
