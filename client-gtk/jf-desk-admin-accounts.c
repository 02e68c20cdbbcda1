/* jf-desk-admin-accounts.c: the accounts of a unit and the commands on them */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-desk-account-dialog.h"
#include "jf-desk-admin-accounts-private.h"
#include "jf-desk-columns.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-password.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"

G_DEFINE_FINAL_TYPE (JfDeskAdminAccounts, jf_desk_admin_accounts, GTK_TYPE_WIDGET)

static void
set_status (JfDeskAdminAccounts *self,
            const char          *text)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

static GtkWindow *
parent_window (JfDeskAdminAccounts *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

JfDeskStaffAccount *
jf_desk_admin_accounts_get_selected (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return gtk_single_selection_get_selected_item (self->accounts_selection);
}

static gboolean
is_me (JfDeskAdminAccounts *self,
       JfDeskStaffAccount  *account)
{
  JfDeskAccount *me = jf_desk_client_get_account (self->client);

  return me != NULL && account != NULL &&
         jf_desk_account_get_id (me) == jf_desk_staff_account_get_id (account);
}

static void
update_actions (JfDeskAdminAccounts *self)
{
  JfDeskStaffAccount *account = jf_desk_admin_accounts_get_selected (self);
  gboolean free = self->dialog == NULL && self->client != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.new", free && self->unit != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.edit", free && account != NULL);
  /* Locking oneself out is not an administrator's move. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.toggle-disabled",
                                 free && account != NULL && !is_me (self, account));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.reset-password",
                                 free && account != NULL && !is_me (self, account));
  gtk_button_set_label (self->disable_button,
                        account != NULL && jf_desk_staff_account_get_disabled (account)
                        ? _("_Enable") : _("_Disable…"));
}

/* --- columns --------------------------------------------------------------------------------- */

static char *
username_text (gpointer item)
{
  return g_strdup (jf_desk_staff_account_get_username (item));
}

static char *
name_text (gpointer item)
{
  return g_strdup (jf_desk_staff_account_get_name (item));
}

static char *
roles_text (gpointer item)
{
  return jf_desk_staff_account_dup_roles_label (item);
}

static char *
unit_text (gpointer item)
{
  return g_strdup (jf_desk_staff_account_get_org_name (item));
}

static char *
department_text (gpointer item)
{
  const char *name = jf_desk_staff_account_get_department_name (item);

  return g_strdup (name != NULL ? name : jf_desk_staff_account_get_department (item));
}

static char *
state_text (gpointer item)
{
  if (jf_desk_staff_account_get_disabled (item))
    return g_strdup (_("Disabled"));
  if (jf_desk_staff_account_get_locked_until (item) != NULL)
    return g_strdup (_("Locked"));
  return g_strdup (_("Active"));
}

static const char *
state_style (gpointer item)
{
  if (jf_desk_staff_account_get_disabled (item))
    return "error";
  if (jf_desk_staff_account_get_locked_until (item) != NULL)
    return "warning";
  return "success";
}

static void
add_columns (JfDeskAdminAccounts *self)
{
  struct {
    const char      *title;
    JfDeskCellText   text;
    JfDeskCellStyle  style;
    JfDeskCellFlags  flags;
    int              width;
  } columns[] = {
    { _("Username"), username_text, NULL, JF_DESK_CELL_MONOSPACE, 120 },
    { _("Name"), name_text, NULL, JF_DESK_CELL_PLAIN, 0 },
    { _("Roles"), roles_text, NULL, JF_DESK_CELL_PLAIN, 130 },
    { _("Unit"), unit_text, NULL, JF_DESK_CELL_PLAIN, 100 },
    { _("Department"), department_text, NULL, JF_DESK_CELL_PLAIN, 200 },
    { _("State"), state_text, state_style, JF_DESK_CELL_PILL, 76 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        jf_desk_text_column_new (columns[i].title, columns[i].text, columns[i].style,
                                 columns[i].flags, columns[i].width);

      gtk_column_view_append_column (self->accounts_view, column);
    }
}

/* --- the accounts ---------------------------------------------------------------------------- */

static void
name_departments (JfDeskAdminAccounts *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskStaffAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts),
                                                                     i);
      const char *code = jf_desk_staff_account_get_department (account);

      if (code != NULL && jf_desk_staff_account_get_department_name (account) == NULL &&
          g_hash_table_contains (self->department_names, code))
        {
          jf_desk_staff_account_set_department_name (account,
                                                     g_hash_table_lookup (self->department_names,
                                                                          code));
          jf_desk_list_store_changed (self->accounts, account);
        }
    }
}

static void
departments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(JfDeskAdminAccounts) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;

  if (root == NULL || self->department_names == NULL)
    return;
  records = jf_desk_records_from_json (root);
  for (guint i = 0; i < records->len; i++)
    {
      JfDeskRecord *record = g_ptr_array_index (records, i);
      const char *code = jf_desk_record_get_string (record, "code");
      const char *name = jf_desk_record_get_string (record, "name");

      if (code != NULL && name != NULL)
        g_hash_table_insert (self->department_names, g_strdup (code), g_strdup (name));
    }
  name_departments (self);
}

/* Departments are named by code ("220402-housing"): their names come from their county. */
static void
read_department_names (JfDeskAdminAccounts *self)
{
  for (guint i = 0; i < self->fetched->len; i++)
    {
      const char *code = jf_desk_staff_account_get_department (g_ptr_array_index (self->fetched,
                                                                                  i));
      const char *dash = code != NULL ? strchr (code, '-') : NULL;
      g_autofree char *county = dash != NULL ? g_strndup (code, dash - code) : NULL;
      g_autofree char *path = NULL;

      if (county == NULL || g_hash_table_contains (self->counties_read, county))
        continue;
      g_hash_table_add (self->counties_read, g_strdup (county));
      path = g_strdup_printf ("/v1/departments?county=%s", county);
      jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                    departments_cb, g_object_ref (self));
    }
  name_departments (self);
}

static void
show_accounts (JfDeskAdminAccounts *self)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  gboolean subtree = gtk_check_button_get_active (self->subtree_check);
  const char *code = self->unit != NULL ? jf_desk_org_unit_get_code (self->unit) : NULL;
  JfDeskStaffAccount *selected = jf_desk_admin_accounts_get_selected (self);
  gint64 keep = self->select_id != 0 ? self->select_id
                : selected != NULL ? jf_desk_staff_account_get_id (selected) : 0;
  g_autofree char *detail = NULL;

  for (guint i = 0; self->fetched != NULL && i < self->fetched->len; i++)
    {
      JfDeskStaffAccount *account = g_ptr_array_index (self->fetched, i);

      if (subtree || g_strcmp0 (jf_desk_staff_account_get_org_code (account), code) == 0)
        g_ptr_array_add (shown, account);
    }
  g_list_store_splice (self->accounts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       shown->pdata, shown->len);
  for (guint i = 0; keep != 0 && i < shown->len; i++)
    if (jf_desk_staff_account_get_id (g_ptr_array_index (shown, i)) == keep)
      {
        gtk_single_selection_set_selected (self->accounts_selection, i);
        jf_desk_column_view_scroll_to (self->accounts_view, i);
      }
  self->select_id = 0;
  name_departments (self);
  gtk_stack_set_visible_child_name (self->accounts_stack, shown->len > 0 ? "list" : "empty");
  update_actions (self);
}

static void
accounts_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskAdminAccounts) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                     : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->accounts == NULL)
    return;
  self->loading = FALSE;
  if (array == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->accounts_stack, "error");
      return;
    }
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  self->fetched = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JfDeskStaffAccount *account = jf_desk_staff_account_new_from_json (
        jf_desk_json_object (json_array_get_element (array, i)));

      if (account != NULL)
        g_ptr_array_add (self->fetched, account);
    }
  show_accounts (self);
  read_department_names (self);
}

void
jf_desk_admin_accounts_load (JfDeskAdminAccounts *self)
{
  g_autofree char *path = NULL;

  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  if (self->unit == NULL || self->client == NULL)
    return;
  self->accounts_cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->accounts)) == 0)
    gtk_stack_set_visible_child_name (self->accounts_stack, "loading");
  path = g_strdup_printf ("/v1/accounts?org=%s", jf_desk_org_unit_get_code (self->unit));
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL,
                                self->accounts_cancellable, accounts_cb, g_object_ref (self));
}

/* An account as the server has it after a change: in place, so the selection stays. */
static void
take_account (JfDeskAdminAccounts *self,
              JsonObject          *object)
{
  gint64 id = jf_desk_json_int (object, "id", 0);

  for (guint i = 0; self->fetched != NULL && i < self->fetched->len; i++)
    {
      JfDeskStaffAccount *account = g_ptr_array_index (self->fetched, i);

      if (jf_desk_staff_account_get_id (account) == id &&
          jf_desk_staff_account_update (account, object))
        {
          /* Moved to another unit, it may leave the list: filter again. */
          self->select_id = id;
          show_accounts (self);
          read_department_names (self);
          return;
        }
    }
  self->select_id = id;
  jf_desk_admin_accounts_load (self);
}

/* --- dialogs --------------------------------------------------------------------------------- */

static void
dialog_destroyed_cb (JfDeskAdminAccounts *self,
                     GtkWindow           *dialog)
{
  /* An account dialog that hands over to the password dialog goes after it came. */
  if (dialog != self->dialog)
    return;
  g_clear_weak_pointer (&self->dialog);
  g_clear_pointer (&self->shown_password, jf_desk_password_free);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->accounts_view));
}

static void
track_dialog (JfDeskAdminAccounts *self,
              GtkWidget           *dialog)
{
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_password (JfDeskAdminAccounts *self,
               const char          *heading,
               const char          *name,
               const char          *username,
               const char          *password)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* TRANSLATORS: above a password shown once: the person's name and username. */
  body = g_strdup_printf (_("Hand this password to %s (%s) in person. It is shown only this "
                            "once: after closing, nobody can see it again."), name, username);
  dialog = jf_desk_password_dialog_new (parent_window (self), heading, body, password);
  g_clear_pointer (&self->shown_password, jf_desk_password_free);
  self->shown_password = g_strdup (password);
  track_dialog (self, dialog);
}

static void
account_saved_cb (JfDeskAdminAccounts *self,
                  JsonObject          *account,
                  const char          *password,
                  JfDeskAccountDialog *dialog)
{
  const char *username = jf_desk_json_string (account, "username");
  const char *name = jf_desk_json_string (account, "name");
  g_autofree char *message = NULL;

  if (password == NULL)
    {
      /* TRANSLATORS: an account was changed: its username. */
      message = g_strdup_printf (_("Account %s saved."), username);
      set_status (self, message);
      take_account (self, account);
      return;
    }
  /* TRANSLATORS: an account was created: its username. */
  message = g_strdup_printf (_("Account %s created."), username);
  set_status (self, message);
  self->select_id = jf_desk_json_int (account, "id", 0);
  jf_desk_admin_accounts_load (self);
  /* The account dialog is going; the password dialog takes its place once it has. */
  g_clear_weak_pointer (&self->dialog);
  show_password (self, _("Account Created"), name != NULL ? name : username, username, password);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (widget);
  JfDeskAccountDialog *dialog;

  if (self->dialog != NULL || self->unit == NULL)
    return;
  dialog = jf_desk_account_dialog_new_create (parent_window (self), self->client, self->unit);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (account_saved_cb), self,
                           G_CONNECT_SWAPPED);
  track_dialog (self, GTK_WIDGET (dialog));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (widget);
  JfDeskStaffAccount *account = jf_desk_admin_accounts_get_selected (self);
  JfDeskAccountDialog *dialog;

  if (self->dialog != NULL || account == NULL)
    return;
  dialog = jf_desk_account_dialog_new_edit (parent_window (self), self->client, account);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (account_saved_cb), self,
                           G_CONNECT_SWAPPED);
  track_dialog (self, GTK_WIDGET (dialog));
}

static void
row_activated_cb (JfDeskAdminAccounts *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "accounts.edit", NULL);
}

/* --- disabling, enabling, resetting the password -------------------------------------------- */

typedef struct
{
  JfDeskAdminAccounts *self;      /* owned */
  JfDeskStaffAccount  *account;   /* owned */
  char                *password;  /* a reset's, until the server answers */
  gboolean             disable;
} Change;

static void
change_free (Change *change)
{
  g_clear_object (&change->self);
  g_clear_object (&change->account);
  jf_desk_password_free (change->password);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static Change *
change_new (JfDeskAdminAccounts *self,
            JfDeskStaffAccount  *account)
{
  Change *change = g_new0 (Change, 1);

  change->self = g_object_ref (self);
  change->account = g_object_ref (account);
  return change;
}

static void
changed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(Change) change = data;
  JfDeskAdminAccounts *self = change->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *account = jf_desk_json_object (root);
  /* A copy: taking the answer replaces the account's strings. */
  g_autofree char *username = g_strdup (jf_desk_staff_account_get_username (change->account));
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->accounts == NULL)
    return;
  if (account == NULL || jf_desk_json_int (account, "id", 0) <= 0)
    {
      g_autofree char *description = NULL;

      if (error == NULL)
        error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the account");
      if (g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT))
        {
          take_account (self, jf_desk_json_object (jf_error_get_detail (error)));
          description = g_strdup (_("someone else changed the account meanwhile; it is shown "
                                    "as it is now: try again"));
        }
      else
        description = jf_desk_error_describe (error);
      /* TRANSLATORS: a change to an account failed: its username, and why. */
      message = g_strdup_printf (_("Account %s was not changed: %s"), username, description);
      set_status (self, message);
      update_actions (self);
      return;
    }
  take_account (self, account);
  if (change->password != NULL)
    {
      /* TRANSLATORS: an account's password was reset: its username. */
      message = g_strdup_printf (_("The password of %s was reset; its sessions have ended."),
                                 username);
      set_status (self, message);
      show_password (self, _("Password Reset"), jf_desk_staff_account_get_name (change->account),
                     username, change->password);
      return;
    }
  message = change->disable
    /* TRANSLATORS: an account was disabled: its username. */
    ? g_strdup_printf (_("Account %s is disabled: it cannot sign in, and its sessions have "
                         "ended."), username)
    /* TRANSLATORS: an account was enabled again: its username. */
    : g_strdup_printf (_("Account %s is enabled again."), username);
  set_status (self, message);
}

static void
set_disabled (JfDeskAdminAccounts *self,
              JfDeskStaffAccount  *account,
              gboolean             disable)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  Change *change = change_new (self, account);

  change->disable = disable;
  json_object_set_int_member (object, "version", jf_desk_staff_account_get_version (account));
  json_object_set_boolean_member (object, "disabled", disable);
  body = json_node_init_object (json_node_alloc (), object);
  path = g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT, jf_desk_staff_account_get_id (account));
  jf_desk_client_request_async (self->client, "PATCH", path, body, NULL, self->cancellable,
                                changed_cb, change);
}

static void
reset_password (JfDeskAdminAccounts *self,
                JfDeskStaffAccount  *account)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  Change *change = change_new (self, account);

  change->password = jf_desk_password_generate ();
  json_object_set_string_member (object, "password", change->password);
  body = json_node_init_object (json_node_alloc (), object);
  path = g_strdup_printf ("/v1/accounts/%" G_GINT64_FORMAT "/password",
                          jf_desk_staff_account_get_id (account));
  jf_desk_client_request_async (self->client, "POST", path, body, NULL, self->cancellable,
                                changed_cb, change);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Change           *change)
{
  if (g_strcmp0 (response, "disable") == 0)
    set_disabled (change->self, change->account, TRUE);
  else if (g_strcmp0 (response, "reset") == 0)
    reset_password (change->self, change->account);
}

static void
confirm (JfDeskAdminAccounts *self,
         JfDeskStaffAccount  *account,
         const char          *heading,
         const char          *body,
         const char          *response,
         const char          *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         change_new (self, account),
                         (GClosureNotify) (void (*) (void)) change_free, 0);
  track_dialog (self, dialog);
}

static void
toggle_disabled_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (widget);
  JfDeskStaffAccount *account = jf_desk_admin_accounts_get_selected (self);
  g_autofree char *heading = NULL;

  if (account == NULL || self->dialog != NULL || is_me (self, account))
    return;
  if (jf_desk_staff_account_get_disabled (account))
    {
      set_disabled (self, account, FALSE);
      return;
    }
  /* TRANSLATORS: asking before an account is disabled: its name and username. */
  heading = g_strdup_printf (_("Disable %s (%s)?"), jf_desk_staff_account_get_name (account),
                             jf_desk_staff_account_get_username (account));
  confirm (self, account, heading,
           _("The account is signed out everywhere at once and cannot sign in again until it "
             "is enabled. Its records stay."), "disable", _("_Disable"));
}

static void
reset_password_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (widget);
  JfDeskStaffAccount *account = jf_desk_admin_accounts_get_selected (self);
  g_autofree char *heading = NULL;

  if (account == NULL || self->dialog != NULL || is_me (self, account))
    return;
  /* TRANSLATORS: asking before a password is reset: the name and username. */
  heading = g_strdup_printf (_("Reset the password of %s (%s)?"),
                             jf_desk_staff_account_get_name (account),
                             jf_desk_staff_account_get_username (account));
  confirm (self, account, heading,
           _("A new password is made and shown once; the old one stops working and the "
             "account is signed out everywhere. A lock after wrong passwords is lifted."),
           "reset", _("_Reset Password"));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_admin_accounts_map (GtkWidget *widget)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (widget);

  GTK_WIDGET_CLASS (jf_desk_admin_accounts_parent_class)->map (widget);
  jf_desk_admin_accounts_start (self);
  /* The section's keys (Ctrl+N, Ctrl+E …) reach it only with the focus inside. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->accounts_view));
}

static void
jf_desk_admin_accounts_dispose (GObject *object)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->accounts_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ADMIN_ACCOUNTS);
  g_clear_object (&self->tree_selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->children, g_hash_table_unref);
  g_clear_object (&self->matches_selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->accounts_selection);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  g_clear_pointer (&self->department_names, g_hash_table_unref);
  g_clear_pointer (&self->counties_read, g_hash_table_unref);
  g_clear_object (&self->unit);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_admin_accounts_parent_class)->dispose (object);
}

static void
jf_desk_admin_accounts_finalize (GObject *object)
{
  JfDeskAdminAccounts *self = JF_DESK_ADMIN_ACCOUNTS (object);

  jf_desk_password_free (self->shown_password);
  g_free (self->status);
  G_OBJECT_CLASS (jf_desk_admin_accounts_parent_class)->finalize (object);
}

static void
jf_desk_admin_accounts_class_init (JfDeskAdminAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_admin_accounts_dispose;
  object_class->finalize = jf_desk_admin_accounts_finalize;
  widget_class->map = jf_desk_admin_accounts_map;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-accounts.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskAdminAccounts, name)
  BIND (org_search);
  BIND (org_stack);
  BIND (tree_view);
  BIND (matches_view);
  BIND (no_matches_label);
  BIND (unit_label);
  BIND (unit_detail_label);
  BIND (subtree_check);
  BIND (accounts_stack);
  BIND (accounts_view);
  BIND (error_page);
  BIND (status_label);
  BIND (disable_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "accounts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.toggle-disabled", NULL,
                                   toggle_disabled_action);
  gtk_widget_class_install_action (widget_class, "accounts.reset-password", NULL,
                                   reset_password_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "accounts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "accounts.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "accounts.toggle-disabled", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "accounts.reset-password", NULL);
}

static void
jf_desk_admin_accounts_init (JfDeskAdminAccounts *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->department_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counties_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  jf_desk_admin_accounts_init_tree (self);

  self->accounts = g_list_store_new (JF_DESK_TYPE_STAFF_ACCOUNT);
  self->accounts_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->accounts)));
  gtk_column_view_set_model (self->accounts_view, GTK_SELECTION_MODEL (self->accounts_selection));
  add_columns (self);
  g_signal_connect_object (self->accounts_selection, "notify::selected-item",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts_view, "activate", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subtree_check, "toggled", G_CALLBACK (show_accounts), self,
                           G_CONNECT_SWAPPED);

  update_actions (self);
}

void
jf_desk_admin_accounts_set_client (JfDeskAdminAccounts *self,
                                   JfDeskClient        *client)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self));
  g_set_object (&self->client, client);
  update_actions (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    jf_desk_admin_accounts_start (self);
}

JfDeskOrgUnit *
jf_desk_admin_accounts_get_unit (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->unit;
}

GListModel *
jf_desk_admin_accounts_get_accounts (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return G_LIST_MODEL (self->accounts);
}

gboolean
jf_desk_admin_accounts_select (JfDeskAdminAccounts *self,
                               const char          *username)
{
  guint n;

  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskStaffAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts),
                                                                     i);

      if (g_strcmp0 (jf_desk_staff_account_get_username (account), username) == 0)
        {
          gtk_single_selection_set_selected (self->accounts_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

GListModel *
jf_desk_admin_accounts_get_tree (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return G_LIST_MODEL (self->tree);
}

gboolean
jf_desk_admin_accounts_is_loading (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), FALSE);
  return self->loading;
}

GtkWindow *
jf_desk_admin_accounts_get_dialog (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->dialog;
}

const char *
jf_desk_admin_accounts_get_shown_password (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), NULL);
  return self->dialog != NULL ? self->shown_password : NULL;
}

const char *
jf_desk_admin_accounts_get_status (JfDeskAdminAccounts *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_ACCOUNTS (self), "");
  return self->status != NULL ? self->status : "";
}
