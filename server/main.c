/* main.c: jiefend, the daemon that owns every matter */
#include "config.h"

#include <locale.h>
#include <sodium.h>

#include "jfd-config.h"
#include "jfd-daemon.h"

int
main (int    argc,
      char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      "Configuration file (default " JFD_CONFIG_DEFAULT_PATH ")", "PATH" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, "Address and port to serve on",
      "ADDR:PORT" },
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      "PostgreSQL connection string (default: PG* environment)", "CONNINFO" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the Jiefen daemon");
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdConfig) config = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("jiefend: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("jiefend %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (sodium_init () < 0)
    {
      g_printerr ("jiefend: libsodium cannot start\n");
      return 1;
    }
  config = jfd_config_load (config_path, &error);
  if (config == NULL ||
      (listen != NULL && !jfd_config_set_listen (config, listen, &error)))
    {
      g_printerr ("jiefend: %s\n", error->message);
      return 2;
    }
  if (database != NULL)
    {
      g_free (config->database);
      config->database = g_steal_pointer (&database);
    }
  return jfd_daemon_run (g_steal_pointer (&config));
}
