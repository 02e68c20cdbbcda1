/* jiefenctl: administration of a Jiefen installation from the command line
 *
 *   jiefenctl [--config PATH] [--database CONNINFO] COMMAND [OPTIONS...]
 *
 * Exit status: 0 done, 1 failed, 2 wrong usage.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "jfd-ctl-commands.h"

static void
print_usage (FILE *out)
{
  const JfdCtlCommand *commands = jfd_ctl_get_commands ();

  fprintf (out,
           "Usage: jiefenctl [--config PATH] [--database CONNINFO] COMMAND [OPTIONS...]\n"
           "\n"
           "Administers a Jiefen installation: its database schema, organisation, accounts,\n"
           "audit trail and data keys.\n"
           "\n"
           "Global options:\n"
           "  --config PATH         configuration file (default " JFD_CONFIG_DEFAULT_PATH
           " if present)\n"
           "  --database CONNINFO   libpq connection string or URI (default: the configuration's\n"
           "                        [database] connection, else libpq's PG* environment)\n"
           "  -h, --help            show this help; “jiefenctl COMMAND --help” for a command\n"
           "  --version             show the version\n"
           "\n"
           "Commands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; advances *i past what it used. */
static gboolean
take_value (int          argc,
            char       **argv,
            int         *i,
            const char  *name,
            const char **out_value,
            gboolean    *out_missing)
{
  gsize len = strlen (name);

  if (strncmp (argv[*i], name, len) != 0)
    return FALSE;
  if (argv[*i][len] == '=')
    {
      *out_value = argv[*i] + len + 1;
      return TRUE;
    }
  if (argv[*i][len] != '\0')
    return FALSE;
  if (*i + 1 >= argc)
    {
      *out_missing = TRUE;
      return TRUE;
    }
  *out_value = argv[++*i];
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const JfdCtlCommand *commands = jfd_ctl_get_commands ();
  const char *config_path = NULL, *database = NULL;
  g_autoptr(JfdCtl) ctl = NULL;
  int i;

  setlocale (LC_ALL, "");
  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      gboolean missing = FALSE;

      if (take_value (argc, argv, &i, "--config", &config_path, &missing) ||
          take_value (argc, argv, &i, "--database", &database, &missing))
        {
          if (missing)
            return jfd_ctl_usage_error (NULL, "%s needs a value", argv[i]);
          continue;
        }
      if (g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "--help"))
        {
          print_usage (stdout);
          return JFD_CTL_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          printf ("jiefenctl %s\n", PACKAGE_VERSION);
          return JFD_CTL_EXIT_OK;
        }
      return jfd_ctl_usage_error (NULL, "unknown option “%s”", argv[i]);
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return JFD_CTL_EXIT_USAGE;
    }
  ctl = jfd_ctl_new (config_path, database);
  for (guint c = 0; commands[c].name != NULL; c++)
    if (g_str_equal (commands[c].name, argv[i]))
      return commands[c].run (ctl, argc - i, argv + i);
  return jfd_ctl_usage_error (NULL, "unknown command “%s”", argv[i]);
}
