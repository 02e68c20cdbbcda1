/* jf-desk-password.c: strong passwords, shown once */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "jf-desk-password.h"

/* No 0/O, 1/l/I: read aloud or copied by hand at the desk. */
static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
static const char digits[] = "23456789";

static guint8
random_byte (void)
{
  guint8 byte = 0;

  /* getrandom () blocks only before the kernel's pool is seeded, long before a desk runs. */
  while (getrandom (&byte, 1, 0) != 1)
    ;
  return byte;
}

/* Uniform in [0, n): bytes past the last multiple of n are drawn again. */
static guint
random_below (guint n)
{
  guint limit = 256 - 256 % n;
  guint8 byte;

  do
    byte = random_byte ();
  while (byte >= limit);
  return byte % n;
}

char *
jf_desk_password_generate (void)
{
  const char *sets[] = { lower, upper, digits };
  const guint sizes[] = { sizeof lower - 1, sizeof upper - 1, sizeof digits - 1 };
  char *password = g_malloc0 (JF_DESK_PASSWORD_LENGTH + 1);

  for (;;)
    {
      gboolean has[3] = { FALSE, FALSE, FALSE };

      for (guint i = 0; i < JF_DESK_PASSWORD_LENGTH; i++)
        {
          guint set, pick;

          if (i % 5 == 4)
            {
              password[i] = '-';
              continue;
            }
          /* Each kind about as likely as its share of the alphabet. */
          pick = random_below (sizes[0] + sizes[1] + sizes[2]);
          set = pick < sizes[0] ? 0 : pick < sizes[0] + sizes[1] ? 1 : 2;
          pick -= set == 0 ? 0 : set == 1 ? sizes[0] : sizes[0] + sizes[1];
          password[i] = sets[set][pick];
          has[set] = TRUE;
        }
      if (has[0] && has[1] && has[2])
        return password;
    }
}

void
jf_desk_password_free (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

static void
copy_clicked_cb (GtkButton *button,
                 GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
  gtk_button_set_icon_name (button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Copied"));
}

GtkWidget *
jf_desk_password_dialog_new (GtkWindow  *parent,
                             const char *heading,
                             const char *body,
                             const char *password)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (password);
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable by the mouse, but Enter goes to the dialog's button, not to the label. */
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password"), -1);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy the password"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy the password"), -1);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (copy_clicked_cb), label, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "done",
                                   _("I _Have Noted It"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "done",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "done");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "done");
  return dialog;
}
