/* jfd-ctl.h: what every jiefenctl command shares
 *
 * A JfdCtl holds the global options (--config, --database) and, on demand, the loaded
 * configuration, a blocking connection and the data keys. Commands are plain functions
 * over it that return the process's exit status.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jfd-config.h"
#include "jfd-crypto.h"

G_BEGIN_DECLS

typedef enum
{
  JFD_CTL_EXIT_OK = 0,
  JFD_CTL_EXIT_FAILURE = 1,
  JFD_CTL_EXIT_USAGE = 2,
} JfdCtlExit;

typedef struct _JfdCtl JfdCtl;

typedef int (*JfdCtlCommandFunc) (JfdCtl  *ctl,
                                  int      argc,
                                  char   **argv);

typedef struct
{
  const char        *name;
  const char        *summary;
  JfdCtlCommandFunc  run;
} JfdCtlCommand;

JfdCtl          *jfd_ctl_new             (const char     *config_path,
                                          const char     *database);
void             jfd_ctl_free            (JfdCtl         *ctl);

/* The configuration (--config, else the default file if present, then JIEFEND_*). */
const JfdConfig *jfd_ctl_get_config      (JfdCtl         *ctl,
                                          GError        **error);
/* The connection string in use: --database, else the configuration's, else "" (libpq's
 * PG* environment); for commands that open more connections. */
const char      *jfd_ctl_get_conninfo    (JfdCtl         *ctl,
                                          GError        **error);
/* A connection to --database, else the configuration's [database] connection, else
 * libpq's PG* environment. Owned by @ctl; the same one on every call. */
PGconn          *jfd_ctl_connect         (JfdCtl         *ctl,
                                          GError        **error);
/* The data keys from the configuration's [crypto] key-file (or JIEFEND_KEY_FILE). */
JfdCrypto       *jfd_ctl_get_crypto      (JfdCtl         *ctl,
                                          GError        **error);
/* The key file's path, for commands that write it. */
const char      *jfd_ctl_get_key_file    (JfdCtl         *ctl,
                                          GError        **error);

/* Parses a command's options. Returns FALSE (after printing why, with a hint to --help)
 * on a usage error; --help prints the help and exits 0. @n_args_min/@n_args_max bound
 * the positional arguments left in @argv (argv[0] is the command). */
gboolean         jfd_ctl_parse           (const char     *command,
                                          const char     *parameters,
                                          const char     *summary,
                                          const GOptionEntry *entries,
                                          int             n_args_min,
                                          int             n_args_max,
                                          int            *argc,
                                          char         ***argv);
/* Prints "jiefenctl: error: MESSAGE" and returns JFD_CTL_EXIT_FAILURE. */
int              jfd_ctl_fail            (const GError   *error);
/* Prints "jiefenctl: COMMAND: MESSAGE" and a hint, and returns JFD_CTL_EXIT_USAGE. */
int              jfd_ctl_usage_error     (const char     *command,
                                          const char     *format,
                                          ...) G_GNUC_PRINTF (2, 3);

/* Reads one line (without its end) from standard input, for --password-stdin. */
char            *jfd_ctl_read_stdin_line (GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCtl, jfd_ctl_free)

G_END_DECLS
