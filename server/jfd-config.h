/* jfd-config.h: jiefend's and jiefenctl's configuration
 *
 * One key file (/etc/jiefen/jiefend.conf or --config PATH); each key can be overridden by
 * an environment variable (JIEFEND_<KEY>, see jfd-config.c for the list); command-line
 * options override both. A missing default file is not an error; a missing --config is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JFD_CONFIG_DEFAULT_PATH "/etc/jiefen/jiefend.conf"

typedef struct
{
  char   *listen_address;       /* "127.0.0.1" */
  guint16 listen_port;          /* 8420 */
  guint   threads;              /* 0: one per core */
  char   *tls_certificate;      /* NULL: plain HTTP (behind a TLS-terminating proxy) */
  char   *tls_key;
  char   *database;             /* libpq conninfo; NULL or "": PG* environment */
  guint   pool_size;            /* connections per server thread */
  gsize   body_bytes;           /* JSON request bodies */
  gsize   attachment_bytes;     /* uploads */
  guint   idle_timeout_seconds; /* keep-alive connection with no request */
  guint   header_timeout_seconds; /* a request's head must arrive within this */
  char   *attachments_directory;
  char   *key_file;             /* data keys for personal data (jfd-crypto.h) */
  guint   session_hours;        /* bearer token lifetime */
  guint   scheduler_interval_ms; /* the scheduler's tick: statistics, then deadlines */
} JfdConfig;

/* The keys jiefend reads: the one table the example configuration, the README and the
 * tests are checked against. */
typedef struct
{
  const char *group;
  const char *key;
  const char *env;
} JfdConfigKey;

const JfdConfigKey *jfd_config_get_keys (guint *n_keys);

JfdConfig *jfd_config_new_defaults (void);
/* Loads @path (NULL: the default path, if it exists) over the defaults, then applies the
 * environment. Errors name the file, group and key. */
JfdConfig *jfd_config_load          (const char  *path,
                                     GError     **error);
gboolean   jfd_config_set_listen    (JfdConfig   *config,
                                     const char  *addr_port,
                                     GError     **error);
void       jfd_config_free          (JfdConfig   *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdConfig, jfd_config_free)

G_END_DECLS
