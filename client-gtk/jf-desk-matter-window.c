/* jf-desk-matter-window.c: a matter in a window of its own */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-desk-application.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-window.h"
#include "jf-desk-resources.h"
#include "jf-desk-stream.h"

struct _JfDeskMatterWindow
{
  GtkWindow         parent_instance;

  /* template children */
  AdwWindowTitle   *window_title;
  JfDeskMatterPage *page;
};

G_DEFINE_FINAL_TYPE (JfDeskMatterWindow, jf_desk_matter_window, GTK_TYPE_WINDOW)

static void
page_back_cb (JfDeskMatterWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* The number in the title bar, and in the window list, once the matter is read. */
static void
page_changed_cb (JfDeskMatterWindow *self,
                 JsonObject         *matter)
{
  const char *number = jf_desk_json_string (matter, "number");
  g_autofree char *title = NULL;

  if (number == NULL)
    return;
  /* TRANSLATORS: the title of a matter's own window: its number. */
  title = g_strdup_printf (_("Matter %s"), number);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, jf_desk_json_string (matter, "title"));
}

static void
stream_event_cb (JfDeskMatterWindow *self,
                 JsonObject         *event)
{
  gint64 id = jf_desk_json_int (event, "matter_id", 0);

  if (id > 0 && id == jf_desk_matter_page_get_id (self->page))
    jf_desk_matter_page_matter_changed (self->page, id,
                                        jf_desk_json_int (jf_desk_json_member_object (event,
                                                                                      "payload"),
                                                          "version", 0));
}

static void
jf_desk_matter_window_class_init (JfDeskMatterWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No dispose: gtk_widget_dispose_template () is not for a window in GTK 4.8 (see
   * jf-desk-window.c), and the window owns nothing else. */
  g_type_ensure (JF_DESK_TYPE_MATTER_PAGE);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-matter-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterWindow, page);
}

static void
jf_desk_matter_window_init (JfDeskMatterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The matter page's rules live with the queue's. */
  jf_desk_ensure_stylesheet (GTK_WIDGET (self), "jf-desk-queue.css");
  jf_desk_matter_page_set_back_closes (self->page, TRUE);
  g_signal_connect_object (self->page, "back", G_CALLBACK (page_back_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->page, "changed", G_CALLBACK (page_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

JfDeskMatterWindow *
jf_desk_matter_window_new (GtkWindow    *parent,
                           JfDeskClient *client)
{
  JfDeskMatterWindow *self;
  GtkApplication *application;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  application = parent != NULL ? gtk_window_get_application (parent) : NULL;
  self = g_object_new (JF_DESK_TYPE_MATTER_WINDOW, "transient-for", parent,
                       "application", application, NULL);
  jf_desk_matter_page_set_client (self->page, client);
  /* The session is over: the matter (its people's names, their numbers) is not left on
   * screen for whoever comes to the desk next. */
  g_signal_connect_object (client, "session-ended", G_CALLBACK (gtk_window_destroy), self,
                           G_CONNECT_SWAPPED);
  if (JF_DESK_IS_APPLICATION (application))
    g_signal_connect_object (jf_desk_application_get_stream (JF_DESK_APPLICATION (application)),
                             "event", G_CALLBACK (stream_event_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
jf_desk_matter_window_show (JfDeskMatterWindow *self,
                            gint64              id)
{
  g_return_if_fail (JF_DESK_IS_MATTER_WINDOW (self));

  if (id != jf_desk_matter_page_get_id (self->page))
    jf_desk_matter_page_load (self->page, id);
  gtk_window_present (GTK_WINDOW (self));
}

JfDeskMatterPage *
jf_desk_matter_window_get_page (JfDeskMatterWindow *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_WINDOW (self), NULL);
  return self->page;
}
