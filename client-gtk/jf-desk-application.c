/* jf-desk-application.c: the application */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "jf-desk-application.h"
#include "jf-desk-config.h"
#include "jf-desk-queue-page.h"
#include "jf-desk-resources.h"
#include "jf-desk-window.h"

struct _JfDeskApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;      /* owned */
  JfDeskClient   *client;        /* owned */
  JfDeskOutbox   *outbox;        /* owned */
  JfDeskStream   *stream;        /* owned: the live updates, one for the application */
  JfDeskNotifier *notifier;      /* owned */
  char           *server;        /* from --server */
  char           *outbox_directory;
};

G_DEFINE_FINAL_TYPE (JfDeskApplication, jf_desk_application, ADW_TYPE_APPLICATION)

void
jf_desk_init_i18n (void)
{
  const char *localedir = g_getenv ("JIEFEN_LOCALEDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe != NULL ? g_path_get_dirname (exe) : NULL;

  setlocale (LC_ALL, "");
  /* Chinese first: a workstation whose locale names no language (C, POSIX, C.UTF-8, as
   * a freshly installed one often has) gets the Chinese UI. A language asked for but
   * whose locale is not installed is still the UI's language. gettext ignores LANGUAGE
   * in the plain C locale, hence C.UTF-8 in both cases. */
  {
    const char *messages = setlocale (LC_MESSAGES, NULL);
    const char *language = g_getenv ("LANGUAGE");
    const char *requested = NULL;
    const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

    for (guint i = 0; i < G_N_ELEMENTS (names) && requested == NULL; i++)
      if (g_getenv (names[i]) != NULL && *g_getenv (names[i]) != '\0')
        requested = g_getenv (names[i]);
    if (messages != NULL && (language == NULL || *language == '\0') &&
        (g_str_equal (messages, "C") || g_str_equal (messages, "POSIX") ||
         g_str_has_prefix (messages, "C.")))
      {
        if (requested == NULL || g_str_equal (requested, "C") ||
            g_str_equal (requested, "POSIX") || g_str_has_prefix (requested, "C."))
          g_setenv ("LANGUAGE", "zh_CN", TRUE);
        else
          {
            g_autofree char *bare = g_strndup (requested, strcspn (requested, ".@"));

            g_setenv ("LANGUAGE", bare, TRUE);
          }
        if (!g_str_has_prefix (messages, "C."))
          setlocale (LC_ALL, "C.UTF-8");
      }
  }
  /* The locale is set here, once: GTK must not set it again from the environment. */
  gtk_disable_setlocale ();
  /* Run from the build tree: the catalogues that were just built. */
  if (localedir == NULL && exe_dir != NULL && g_str_equal (exe_dir, JF_DESK_BUILD_DIR))
    localedir = JF_DESK_BUILD_LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static const char *
initial_server (JfDeskApplication *self,
                char             **remembered)
{
  const char *from_env = g_getenv ("JIEFEN_SERVER");

  if (self->server != NULL)
    return self->server;
  if (from_env != NULL && *from_env != '\0')
    return from_env;
  *remembered = g_settings_get_string (self->settings, "server-url");
  return *remembered;
}

static void
jf_desk_application_startup (GApplication *application)
{
  JfDeskApplication *self = JF_DESK_APPLICATION (application);
  g_autofree char *remembered = NULL;
  static const char *help[] = { "F1", "<Control>question", NULL };
  static const char *quit[] = { "<Control>q", NULL };

  jf_desk_ensure_resources ();
  G_APPLICATION_CLASS (jf_desk_application_parent_class)->startup (application);

  self->settings = g_settings_new (JF_DESK_APP_ID);
  self->client = jf_desk_client_new (initial_server (self, &remembered));
  self->outbox = jf_desk_outbox_new (self->client, self->outbox_directory);
  self->stream = jf_desk_stream_new (self->client);
  self->notifier = jf_desk_notifier_new (application, self->stream);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       data)
{
  GApplication *application = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing the window keeps its size; the outbox is on disk already. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* A notification was clicked: the matter, in the window's queue workspace. */
static void
open_matter_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       data)
{
  JfDeskApplication *self = data;
  GtkWindow *window;
  GtkWidget *page;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  page = JF_DESK_IS_WINDOW (window)
    ? jf_desk_window_get_workspace (JF_DESK_WINDOW (window), "matters") : NULL;
  if (page != NULL)
    jf_desk_queue_page_open_matter (JF_DESK_QUEUE_PAGE (page), g_variant_get_int64 (parameter));
}

static void
jf_desk_application_activate (GApplication *application)
{
  JfDeskApplication *self = JF_DESK_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (jf_desk_window_new (GTK_APPLICATION (self), self->client, self->outbox,
                                             self->settings));
  gtk_window_present (window);
}

static int
jf_desk_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  JfDeskApplication *self = JF_DESK_APPLICATION (application);
  const char *server = NULL;

  if (g_variant_dict_lookup (options, "server", "&s", &server))
    {
      g_free (self->server);
      self->server = g_strdup (server);
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jiefen-desk %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
jf_desk_application_dispose (GObject *object)
{
  JfDeskApplication *self = JF_DESK_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->stream);
  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jf_desk_application_parent_class)->dispose (object);
}

static void
jf_desk_application_finalize (GObject *object)
{
  JfDeskApplication *self = JF_DESK_APPLICATION (object);

  g_free (self->server);
  g_free (self->outbox_directory);
  G_OBJECT_CLASS (jf_desk_application_parent_class)->finalize (object);
}

static void
jf_desk_application_class_init (JfDeskApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jf_desk_application_dispose;
  object_class->finalize = jf_desk_application_finalize;
  app_class->startup = jf_desk_application_startup;
  app_class->activate = jf_desk_application_activate;
  app_class->handle_local_options = jf_desk_application_handle_local_options;
}

static void
jf_desk_application_init (JfDeskApplication *self)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
    { "open-matter", open_matter_activated, "x", NULL, NULL, { 0 } },
  };
  static const GOptionEntry options[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("Address of the server, e.g. http://127.0.0.1:8420"), N_("URL") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The desktop application of the dispute "
                                              "resolution centres."));
}

JfDeskApplication *
jf_desk_application_new (void)
{
  return g_object_new (JF_DESK_TYPE_APPLICATION,
                       "application-id", JF_DESK_APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/jiefen/Desk",
                       NULL);
}

JfDeskClient *
jf_desk_application_get_client (JfDeskApplication *self)
{
  g_return_val_if_fail (JF_DESK_IS_APPLICATION (self), NULL);
  return self->client;
}

JfDeskOutbox *
jf_desk_application_get_outbox (JfDeskApplication *self)
{
  g_return_val_if_fail (JF_DESK_IS_APPLICATION (self), NULL);
  return self->outbox;
}

JfDeskStream *
jf_desk_application_get_stream (JfDeskApplication *self)
{
  g_return_val_if_fail (JF_DESK_IS_APPLICATION (self), NULL);
  return self->stream;
}

JfDeskNotifier *
jf_desk_application_get_notifier (JfDeskApplication *self)
{
  g_return_val_if_fail (JF_DESK_IS_APPLICATION (self), NULL);
  return self->notifier;
}

GSettings *
jf_desk_application_get_settings (JfDeskApplication *self)
{
  g_return_val_if_fail (JF_DESK_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
jf_desk_application_set_outbox_directory (JfDeskApplication *self,
                                          const char        *directory)
{
  g_return_if_fail (JF_DESK_IS_APPLICATION (self));
  g_free (self->outbox_directory);
  self->outbox_directory = g_strdup (directory);
}

void
jf_desk_application_set_server (JfDeskApplication *self,
                                const char        *url)
{
  g_return_if_fail (JF_DESK_IS_APPLICATION (self));
  g_free (self->server);
  self->server = g_strdup (url);
}
