/* jf-desk-window.c: the main window */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-login-page.h"
#include "jf-desk-outbox-view.h"
#include "jf-desk-reception-page.h"
#include "jf-desk-resources.h"
#include "jf-desk-window.h"
#include "jf-desk-workspaces.h"

struct _JfDeskWindow
{
  AdwApplicationWindow  parent_instance;

  JfDeskClient         *client;        /* owned */
  JfDeskOutbox         *outbox;        /* owned */
  GSettings            *settings;      /* owned */
  JfDeskLoginPage      *login_page;
  char                 *workspace_user; /* whose workspace pages are built */
  char                 *badge;
  char                 *banner_text;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkBox               *login_box;
  GtkLabel             *account_label;
  GtkMenuButton        *outbox_button;
  GtkLabel             *outbox_label;
  JfDeskOutboxView     *outbox_view;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  AdwViewStack         *workspace_stack;
  GtkWidget            *no_workspace;
};

G_DEFINE_FINAL_TYPE (JfDeskWindow, jf_desk_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (JfDeskWindow *self,
       const char   *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* --- the banner and the badge: bound to the client's and the outbox's state --------------- */

static void
update_banner (JfDeskWindow *self)
{
  JfDeskConnectionState state = jf_desk_client_get_connection_state (self->client);
  guint waiting = jf_desk_outbox_get_n_items (self->outbox);
  const char *text = NULL;
  g_autofree char *with_outbox = NULL;

  if (state == JF_DESK_CONNECTION_OFFLINE)
    text = _("The server cannot be reached. You can go on registering: intakes are kept on "
             "this computer and sent when the server is back.");
  else if (state == JF_DESK_CONNECTION_CONNECTING && self->banner_text != NULL &&
           *self->banner_text != '\0')
    text = _("Trying to reach the server…");
  if (text != NULL && waiting > 0)
    {
      with_outbox = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u waiting)",
                                                  "%s (%u waiting)", waiting), text, waiting);
      text = with_outbox;
    }
  g_free (self->banner_text);
  self->banner_text = g_strdup (text != NULL ? text : "");
  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
}

static void
update_badge (JfDeskWindow *self)
{
  guint n = jf_desk_outbox_get_n_items (self->outbox);
  g_autofree char *tooltip = NULL;

  g_free (self->badge);
  self->badge = n > 0 ? g_strdup_printf ("%u", n) : g_strdup ("");
  gtk_label_set_text (self->outbox_label, self->badge);
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_button), n > 0);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u intake waiting to be sent",
                                          "%u intakes waiting to be sent", n), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->outbox_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->outbox_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  update_banner (self);
}

/* --- workspaces ---------------------------------------------------------------------------- */

static void
clear_workspaces (JfDeskWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->workspace_stack))) != NULL)
    adw_view_stack_remove (self->workspace_stack, child);
  g_clear_pointer (&self->workspace_user, g_free);
}

static void
build_workspaces (JfDeskWindow  *self,
                  JfDeskAccount *account)
{
  const JfDeskWorkspace *workspaces;
  guint n, shown = 0;

  clear_workspaces (self);
  workspaces = jf_desk_workspaces_get (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *page;

      if (!(workspaces[i].roles & jf_desk_account_get_roles (account)))
        continue;
      page = workspaces[i].create (self->client, self->outbox);
      adw_view_stack_add_titled_with_icon (self->workspace_stack, page, workspaces[i].name,
                                           jf_desk_workspace_title (&workspaces[i]),
                                           workspaces[i].icon_name);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->workspace_stack), shown > 0);
  gtk_widget_set_visible (self->no_workspace, shown == 0);
  self->workspace_user = g_strdup (jf_desk_account_get_username (account));
}

static gboolean
has_shortcuts_section (GtkWidget  *widget,
                       const char *name)
{
  if (GTK_IS_SHORTCUTS_SECTION (widget))
    {
      g_autofree char *section = NULL;

      g_object_get (widget, "section-name", &section, NULL);
      return g_strcmp0 (section, name) == 0;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_shortcuts_section (child, name))
      return TRUE;
  return FALSE;
}

/* F1 opens on the shortcuts of the workspace in front (gtk/help-overlay.ui names its
 * sections as the workspaces are named), when there is such a section. */
static void
workspace_shown_cb (JfDeskWindow *self)
{
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  const char *name = adw_view_stack_get_visible_child_name (self->workspace_stack);

  if (overlay != NULL && name != NULL && has_shortcuts_section (GTK_WIDGET (overlay), name))
    g_object_set (overlay, "section-name", name, NULL);
}

static void
show_workspace (JfDeskWindow *self)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);
  g_autofree char *who = NULL;
  GtkWidget *reception;

  if (account == NULL)
    return;
  /* The same clerk back after a lapsed session finds the form as they left it. */
  if (g_strcmp0 (self->workspace_user, jf_desk_account_get_username (account)) != 0)
    build_workspaces (self, account);
  /* TRANSLATORS: the account in the header bar: the person's name and their unit. */
  who = g_strdup_printf (_("%s · %s"), jf_desk_account_get_name (account),
                         jf_desk_account_get_org_name (account));
  gtk_label_set_text (self->account_label, who);
  gtk_stack_set_visible_child_name (self->main_stack, "workspace");
  reception = adw_view_stack_get_child_by_name (self->workspace_stack, "reception");
  if (reception != NULL)
    jf_desk_intake_form_focus_start (
      jf_desk_reception_page_get_form (JF_DESK_RECEPTION_PAGE (reception)));
  jf_desk_outbox_flush (self->outbox);
}

static void
show_login (JfDeskWindow *self,
            const char   *message)
{
  jf_desk_login_page_set_message (self->login_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "login");
  jf_desk_login_page_focus (self->login_page);
}

static void
session_ended_cb (JfDeskWindow *self)
{
  show_login (self, _("Your session has ended. Sign in again to carry on: what you were "
                      "typing is kept."));
}

/* --- the outbox ---------------------------------------------------------------------------- */

static void
outbox_sent_cb (JfDeskWindow     *self,
                JfDeskOutboxItem *item,
                JsonNode         *matter)
{
  JsonObject *object = matter != NULL && JSON_NODE_HOLDS_OBJECT (matter)
                       ? json_node_get_object (matter) : NULL;
  const char *number = object != NULL && json_object_has_member (object, "number") &&
                       JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "number"))
                       ? json_object_get_string_member (object, "number") : NULL;
  g_autofree char *text = NULL;

  /* TRANSLATORS: an intake of the outbox reached the server: its title and its number. */
  text = g_strdup_printf (_("“%s” from the outbox is registered as %s"),
                          jf_desk_outbox_item_get_title (item), number != NULL ? number : "");
  toast (self, text);
}

static void
outbox_refused_cb (JfDeskWindow     *self,
                   JfDeskOutboxItem *item)
{
  g_autofree char *text = g_strdup_printf (_("The server refused “%s” from the outbox: open "
                                             "the outbox to correct it"),
                                           jf_desk_outbox_item_get_title (item));

  toast (self, text);
}

static void
outbox_open_cb (JfDeskWindow     *self,
                JfDeskOutboxItem *item)
{
  GtkWidget *reception = adw_view_stack_get_child_by_name (self->workspace_stack, "reception");

  gtk_menu_button_popdown (self->outbox_button);
  if (reception == NULL)
    return;
  adw_view_stack_set_visible_child (self->workspace_stack, reception);
  jf_desk_reception_page_open_outbox_item (JF_DESK_RECEPTION_PAGE (reception), item);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          data)
{
  JfDeskWindow *self = JF_DESK_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *key = data;

  if (g_strcmp0 (response, "discard") == 0 && self != NULL && self->outbox != NULL)
    jf_desk_outbox_remove (self->outbox, key);
}

static void
outbox_discard_cb (JfDeskWindow     *self,
                   JfDeskOutboxItem *item)
{
  GtkWidget *dialog;

  gtk_menu_button_popdown (self->outbox_button);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard this intake?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has not reached the server. Discarded, it is not "
                                    "registered at all."),
                                  jf_desk_outbox_item_get_title (item));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep It"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (discard_response_cb),
                         g_strdup (jf_desk_outbox_item_get_key (item)),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- actions ------------------------------------------------------------------------------- */

static void
sign_out (JfDeskWindow *self)
{
  jf_desk_client_sign_out (self->client);
  clear_workspaces (self);
  jf_desk_login_page_clear_password (self->login_page);
  show_login (self, NULL);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      JfDeskWindow     *self)
{
  if (g_strcmp0 (response, "sign-out") == 0)
    sign_out (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JfDeskWindow *self = JF_DESK_WINDOW (widget);
  GtkWidget *reception = adw_view_stack_get_child_by_name (self->workspace_stack, "reception");
  GtkWidget *dialog;

  if (reception == NULL ||
      !jf_desk_reception_page_has_unsaved_input (JF_DESK_RECEPTION_PAGE (reception)))
    {
      sign_out (self);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign out and discard the intake?"),
                                   _("The intake in the form has not been registered. Register "
                                     "it first, or it will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JfDeskWindow *self = JF_DESK_WINDOW (widget);

  jf_desk_client_probe (self->client);
  update_banner (self);
}

/* --- size ---------------------------------------------------------------------------------- */

static gboolean
close_request_cb (JfDeskWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width >= 360 && height >= 360)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  return FALSE;
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_window_dispose (GObject *object)
{
  JfDeskWindow *self = JF_DESK_WINDOW (object);

  /* No gtk_widget_dispose_template () for a window in GTK 4.8: it drops the template's
   * reference on the window's child, which GtkWindow then unparents a second time. The
   * window disposes of its children itself. */
  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jf_desk_window_parent_class)->dispose (object);
}

static void
jf_desk_window_finalize (GObject *object)
{
  JfDeskWindow *self = JF_DESK_WINDOW (object);

  g_free (self->workspace_user);
  g_free (self->badge);
  g_free (self->banner_text);
  G_OBJECT_CLASS (jf_desk_window_parent_class)->finalize (object);
}

static void
jf_desk_window_class_init (JfDeskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_window_dispose;
  object_class->finalize = jf_desk_window_finalize;

  g_type_ensure (JF_DESK_TYPE_OUTBOX_VIEW);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, login_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, outbox_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, outbox_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, outbox_view);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, workspace_stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskWindow, no_workspace);

  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.reconnect", NULL, reconnect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reconnect", NULL);
}

static void
jf_desk_window_init (JfDeskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
  g_signal_connect_object (self->workspace_stack, "notify::visible-child-name",
                           G_CALLBACK (workspace_shown_cb), self, G_CONNECT_SWAPPED);
}

JfDeskWindow *
jf_desk_window_new (GtkApplication *application,
                    JfDeskClient   *client,
                    JfDeskOutbox   *outbox,
                    GSettings      *settings)
{
  JfDeskWindow *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);
  g_return_val_if_fail (JF_DESK_IS_OUTBOX (outbox), NULL);

  self = g_object_new (JF_DESK_TYPE_WINDOW, "application", application, NULL);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->settings = g_object_ref (settings);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->login_page = jf_desk_login_page_new (client, settings);
  gtk_widget_set_vexpand (GTK_WIDGET (self->login_page), TRUE);
  gtk_box_append (self->login_box, GTK_WIDGET (self->login_page));
  g_signal_connect_object (self->login_page, "signed-in", G_CALLBACK (show_workspace), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (client, "session-ended", G_CALLBACK (session_ended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::connection-state", G_CALLBACK (update_banner), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "notify::n-items", G_CALLBACK (update_badge), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "sent", G_CALLBACK (outbox_sent_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "refused", G_CALLBACK (outbox_refused_cb), self,
                           G_CONNECT_SWAPPED);
  jf_desk_outbox_view_set_outbox (self->outbox_view, outbox);
  g_signal_connect_object (self->outbox_view, "open", G_CALLBACK (outbox_open_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox_view, "discard", G_CALLBACK (outbox_discard_cb), self,
                           G_CONNECT_SWAPPED);
  update_badge (self);

  if (jf_desk_client_is_signed_in (client))
    show_workspace (self);
  else
    show_login (self, NULL);
  return self;
}

const char *
jf_desk_window_get_page (JfDeskWindow *self)
{
  g_return_val_if_fail (JF_DESK_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkWidget *
jf_desk_window_get_login_page (JfDeskWindow *self)
{
  g_return_val_if_fail (JF_DESK_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->login_page);
}

GtkWidget *
jf_desk_window_get_workspace (JfDeskWindow *self,
                              const char   *name)
{
  g_return_val_if_fail (JF_DESK_IS_WINDOW (self), NULL);
  return adw_view_stack_get_child_by_name (self->workspace_stack, name);
}

const char *
jf_desk_window_get_outbox_badge (JfDeskWindow *self)
{
  g_return_val_if_fail (JF_DESK_IS_WINDOW (self), NULL);
  return self->badge != NULL ? self->badge : "";
}

const char *
jf_desk_window_get_banner_text (JfDeskWindow *self)
{
  g_return_val_if_fail (JF_DESK_IS_WINDOW (self), NULL);
  return self->banner_text != NULL ? self->banner_text : "";
}
