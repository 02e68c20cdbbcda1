/* jf-desk-resources.c: registering the GResource once, and the workspaces' stylesheets */
#include "config.h"

#include "jf-desk-resources.h"
#include "jf-desk-gresource.h"

void
jf_desk_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      jf_desk_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

void
jf_desk_ensure_stylesheet (GtkWidget  *widget,
                           const char *name)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autofree char *key = g_strconcat ("jf-desk-stylesheet:", name, NULL);
  g_autofree char *path = g_strconcat (JF_DESK_RESOURCE_PATH, name, NULL);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), key) != NULL)
    return;
  jf_desk_ensure_resources ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, path);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data (G_OBJECT (display), key, GINT_TO_POINTER (TRUE));
}
