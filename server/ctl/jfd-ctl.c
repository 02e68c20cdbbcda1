/* jfd-ctl.c: jiefenctl's shared context: configuration, connection, keys, messages */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "jfd-ctl.h"
#include "jfd-pq.h"

struct _JfdCtl
{
  char      *config_path;   /* NULL: the default, if it exists */
  char      *database;      /* --database; NULL: from the configuration */
  JfdConfig *config;
  PGconn    *conn;
  JfdCrypto *crypto;
};

JfdCtl *
jfd_ctl_new (const char *config_path,
             const char *database)
{
  JfdCtl *ctl = g_new0 (JfdCtl, 1);

  ctl->config_path = g_strdup (config_path);
  ctl->database = g_strdup (database);
  return ctl;
}

void
jfd_ctl_free (JfdCtl *ctl)
{
  if (ctl == NULL)
    return;
  g_clear_pointer (&ctl->conn, PQfinish);
  g_clear_pointer (&ctl->crypto, jfd_crypto_unref);
  g_clear_pointer (&ctl->config, jfd_config_free);
  g_free (ctl->config_path);
  g_free (ctl->database);
  g_free (ctl);
}

const JfdConfig *
jfd_ctl_get_config (JfdCtl  *ctl,
                    GError **error)
{
  if (ctl->config == NULL)
    ctl->config = jfd_config_load (ctl->config_path, error);
  return ctl->config;
}

const char *
jfd_ctl_get_conninfo (JfdCtl  *ctl,
                      GError **error)
{
  const JfdConfig *config;

  if (ctl->database != NULL)
    return ctl->database;
  config = jfd_ctl_get_config (ctl, error);
  if (config == NULL)
    return NULL;
  return config->database != NULL ? config->database : "";
}

PGconn *
jfd_ctl_connect (JfdCtl  *ctl,
                 GError **error)
{
  const char *conninfo;

  if (ctl->conn != NULL)
    return ctl->conn;
  conninfo = jfd_ctl_get_conninfo (ctl, error);
  if (conninfo == NULL)
    return NULL;
  ctl->conn = jfd_pq_connect (conninfo, "jiefenctl", error);
  return ctl->conn;
}

const char *
jfd_ctl_get_key_file (JfdCtl  *ctl,
                      GError **error)
{
  const JfdConfig *config = jfd_ctl_get_config (ctl, error);

  if (config == NULL)
    return NULL;
  if (config->key_file == NULL)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "no key file is configured: set [crypto] key-file in the configuration "
                   "or JIEFEND_KEY_FILE (create one with “jiefenctl keygen --out PATH”)");
      return NULL;
    }
  return config->key_file;
}

JfdCrypto *
jfd_ctl_get_crypto (JfdCtl  *ctl,
                    GError **error)
{
  const char *path;

  if (ctl->crypto != NULL)
    return ctl->crypto;
  path = jfd_ctl_get_key_file (ctl, error);
  if (path == NULL)
    return NULL;
  ctl->crypto = jfd_crypto_load (path, error);
  if (ctl->crypto == NULL)
    g_prefix_error (error, "personal data needs the data keys ([crypto] key-file in the "
                           "configuration, or JIEFEND_KEY_FILE; “jiefenctl keygen” makes "
                           "one): ");
  return ctl->crypto;
}

gboolean
jfd_ctl_parse (const char          *command,
               const char          *parameters,
               const char          *summary,
               const GOptionEntry  *entries,
               int                  n_args_min,
               int                  n_args_max,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("jiefenctl %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      jfd_ctl_usage_error (command, "%s", error->message);
      return FALSE;
    }
  if (*argc - 1 < n_args_min || (n_args_max >= 0 && *argc - 1 > n_args_max))
    {
      if (*argc - 1 < n_args_min)
        jfd_ctl_usage_error (command, "missing argument (expected: %s)", parameters);
      else
        jfd_ctl_usage_error (command, "unexpected argument “%s”", (*argv)[n_args_max + 1]);
      return FALSE;
    }
  return TRUE;
}

int
jfd_ctl_fail (const GError *error)
{
  g_printerr ("jiefenctl: error: %s\n", error != NULL ? error->message : "unknown failure");
  return JFD_CTL_EXIT_FAILURE;
}

int
jfd_ctl_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("jiefenctl: %s%s%s\nTry “jiefenctl %s%s--help”.\n",
              command != NULL ? command : "", command != NULL ? ": " : "", message,
              command != NULL ? command : "", command != NULL ? " " : "");
  return JFD_CTL_EXIT_USAGE;
}

char *
jfd_ctl_read_stdin_line (GError **error)
{
  GString *line = g_string_new (NULL);
  int c;

  /* Byte by byte: nothing past the line is consumed, and nothing is echoed. */
  while ((c = getchar ()) != EOF && c != '\n')
    {
      if (line->len >= 4096)
        {
          g_string_free (line, TRUE);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the line on standard input is too long");
          return NULL;
        }
      g_string_append_c (line, (char) c);
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "expected a password on standard input, found nothing");
      return NULL;
    }
  return g_string_free (line, FALSE);
}
