/* jf-desk-login-page.c: signing in */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-login-page.h"
#include "jf-desk-resources.h"

struct _JfDeskLoginPage
{
  GtkWidget     parent_instance;

  JfDeskClient *client;        /* owned */
  GSettings    *settings;      /* owned */
  GCancellable *cancellable;   /* the sign-in in flight */
  char         *error;

  /* template children */
  AdwEntryRow  *server_row;
  AdwEntryRow  *username_row;
  AdwEntryRow  *password_row;
  GtkRevealer  *error_revealer;
  GtkLabel     *error_label;
  GtkButton    *sign_in_button;
  GtkSpinner   *spinner;
  GtkLabel     *sign_in_label;
};

G_DEFINE_FINAL_TYPE (JfDeskLoginPage, jf_desk_login_page, GTK_TYPE_WIDGET)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (JfDeskLoginPage *self,
            const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
set_busy (JfDeskLoginPage *self,
          gboolean         busy)
{
  /* The focus leaves the fields before they go insensitive: a GtkText made insensitive
   * while focused never hears that it lost the focus (its cursor keeps blinking). */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->sign_in_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.sign-in", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_label_set_text_with_mnemonic (self->sign_in_label, busy ? _("Signing in…") : _("_Sign In"));
}

static void
mark_row (AdwEntryRow *row,
          gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static char *
describe_sign_in_error (JfDeskLoginPage *self,
                        const GError    *error)
{
  if (g_error_matches (error, JF_ERROR, JF_ERROR_UNAUTHENTICATED))
    return g_strdup (_("The username or the password is wrong. Check them and try again; "
                       "after five wrong passwords the account is locked for 15 minutes."));
  if (g_error_matches (error, JF_ERROR, JF_ERROR_THROTTLED))
    return g_strdup (_("Too many wrong passwords: sign-in is locked for 15 minutes. Wait, or "
                       "ask your administrator."));
  if (g_error_matches (error, JF_ERROR, JF_ERROR_FORBIDDEN))
    return g_strdup (_("This account is disabled. Ask your administrator."));
  if (g_error_matches (error, JF_ERROR, JF_ERROR_INVALID) &&
      g_strcmp0 (jf_error_get_field (error), "server") == 0)
    return g_strdup (_("The server address must start with http:// or https://, e.g. "
                       "http://192.168.1.10:8420"));
  if (jf_desk_error_is_unreachable (error))
    return g_strdup_printf (_("The server at %s cannot be reached. Check the address and the "
                              "network connection, or ask your administrator whether the "
                              "server is running."),
                            jf_desk_client_get_base_url (self->client));
  if (g_error_matches (error, JF_ERROR, JF_ERROR_UNAVAILABLE))
    return g_strdup (_("The server is temporarily unavailable (its database does not answer). "
                       "Try again in a moment."));
  return jf_desk_error_describe (error);
}

static void
signed_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(JfDeskLoginPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!jf_desk_client_sign_in_finish (JF_DESK_CLIENT (source), result, &error))
    {
      g_autofree char *message = NULL;
      gboolean credentials;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->client == NULL)
        return;
      set_busy (self, FALSE);
      message = describe_sign_in_error (self, error);
      show_error (self, message);
      credentials = g_error_matches (error, JF_ERROR, JF_ERROR_UNAUTHENTICATED);
      mark_row (self->password_row, credentials);
      mark_row (self->server_row, !credentials && (error->domain != JF_ERROR ||
                                                   jf_desk_error_is_unreachable (error) ||
                                                   jf_error_get_field (error) != NULL));
      if (credentials)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      else if (error->domain != JF_ERROR || jf_desk_error_is_unreachable (error))
        gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }
  set_busy (self, FALSE);
  show_error (self, NULL);
  mark_row (self->password_row, FALSE);
  mark_row (self->server_row, FALSE);
  g_settings_set_string (self->settings, "server-url", jf_desk_client_get_base_url (self->client));
  g_settings_set_string (self->settings, "last-username",
                         gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JfDeskLoginPage *self = JF_DESK_LOGIN_PAGE (widget);
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (
                                                    GTK_EDITABLE (self->server_row))));
  g_autofree char *username = g_strstrip (g_strdup (gtk_editable_get_text (
                                                      GTK_EDITABLE (self->username_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*server == '\0')
    {
      show_error (self, _("Give the server address (ask your administrator for it)."));
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }
  if (*username == '\0')
    {
      show_error (self, _("Give your username."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  if (*password == '\0')
    {
      show_error (self, _("Give your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  jf_desk_client_sign_in_async (self->client, server, username, password, self->cancellable,
                                signed_in_cb, g_object_ref (self));
}

static void
row_activated_cb (JfDeskLoginPage *self,
                  AdwEntryRow     *row)
{
  if (row == self->password_row)
    gtk_widget_activate_action (GTK_WIDGET (self), "login.sign-in", NULL);
  else if (row == self->server_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
row_changed_cb (JfDeskLoginPage *self,
                GtkEditable     *row)
{
  mark_row (ADW_ENTRY_ROW (row), FALSE);
}

/* Shown again (a session ended, a sign-out): the focus where typing resumes. Done on map,
 * since a page that is still being switched in cannot take the focus yet. */
static void
jf_desk_login_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_login_page_parent_class)->map (widget);
  jf_desk_login_page_focus (JF_DESK_LOGIN_PAGE (widget));
}

static void
jf_desk_login_page_dispose (GObject *object)
{
  JfDeskLoginPage *self = JF_DESK_LOGIN_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_LOGIN_PAGE);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jf_desk_login_page_parent_class)->dispose (object);
}

static void
jf_desk_login_page_finalize (GObject *object)
{
  g_free (JF_DESK_LOGIN_PAGE (object)->error);
  G_OBJECT_CLASS (jf_desk_login_page_parent_class)->finalize (object);
}

static void
jf_desk_login_page_class_init (JfDeskLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_login_page_dispose;
  object_class->finalize = jf_desk_login_page_finalize;
  widget_class->map = jf_desk_login_page_map;

  /* The client now has a session. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-login-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskLoginPage, sign_in_label);

  gtk_widget_class_install_action (widget_class, "login.sign-in", NULL, sign_in_action);
}

static void
jf_desk_login_page_init (JfDeskLoginPage *self)
{
  AdwEntryRow *rows[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  rows[0] = self->server_row;
  rows[1] = self->username_row;
  rows[2] = self->password_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (row_activated_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

JfDeskLoginPage *
jf_desk_login_page_new (JfDeskClient *client,
                        GSettings    *settings)
{
  JfDeskLoginPage *self;
  g_autofree char *username = NULL;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (JF_DESK_TYPE_LOGIN_PAGE, NULL);
  self->client = g_object_ref (client);
  self->settings = g_object_ref (settings);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                         jf_desk_client_get_base_url (client) != NULL
                         ? jf_desk_client_get_base_url (client) : "");
  username = g_settings_get_string (settings, "last-username");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  return self;
}

void
jf_desk_login_page_set_message (JfDeskLoginPage *self,
                                const char      *message)
{
  g_return_if_fail (JF_DESK_IS_LOGIN_PAGE (self));
  show_error (self, message);
}

const char *
jf_desk_login_page_get_error (JfDeskLoginPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_LOGIN_PAGE (self), NULL);
  return self->error;
}

void
jf_desk_login_page_focus (JfDeskLoginPage *self)
{
  g_return_if_fail (JF_DESK_IS_LOGIN_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->username_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

void
jf_desk_login_page_clear_password (JfDeskLoginPage *self)
{
  g_return_if_fail (JF_DESK_IS_LOGIN_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}
