/* jfd-config.c: key file, then environment, then command line */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "jfd-config.h"

JfdConfig *
jfd_config_new_defaults (void)
{
  JfdConfig *config = g_new0 (JfdConfig, 1);

  config->listen_address = g_strdup ("127.0.0.1");
  config->listen_port = 8420;
  config->threads = 0;
  config->pool_size = 8;
  config->body_bytes = 1024 * 1024;
  config->attachment_bytes = 20 * 1024 * 1024;
  config->idle_timeout_seconds = 60;
  config->header_timeout_seconds = 10;
  config->attachments_directory = g_strdup ("/var/lib/jiefen/attachments");
  config->key_file = g_strdup ("/etc/jiefen/data-key");
  config->session_hours = 12;
  config->scheduler_interval_ms = 2000;
  return config;
}

void
jfd_config_free (JfdConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->listen_address);
  g_free (config->tls_certificate);
  g_free (config->tls_key);
  g_free (config->database);
  g_free (config->attachments_directory);
  g_free (config->key_file);
  g_free (config);
}

typedef enum { KEY_STRING, KEY_UINT, KEY_SIZE, KEY_LISTEN } KeyType;

typedef struct
{
  const char *group;
  const char *key;
  const char *env;
  KeyType     type;
  gsize       offset;
  guint64     min;
  guint64     max;
} KeySpec;

#define F(field) G_STRUCT_OFFSET (JfdConfig, field)

static const KeySpec keys[] = {
  { "server", "listen", "JIEFEND_LISTEN", KEY_LISTEN, 0, 0, 0 },
  { "server", "threads", "JIEFEND_THREADS", KEY_UINT, F (threads), 0, 64 },
  { "server", "tls-certificate", "JIEFEND_TLS_CERTIFICATE", KEY_STRING, F (tls_certificate), 0, 0 },
  { "server", "tls-key", "JIEFEND_TLS_KEY", KEY_STRING, F (tls_key), 0, 0 },
  { "server", "session-hours", "JIEFEND_SESSION_HOURS", KEY_UINT, F (session_hours), 1, 24 * 30 },
  { "server", "scheduler-interval-ms", "JIEFEND_SCHEDULER_INTERVAL_MS", KEY_UINT,
    F (scheduler_interval_ms), 100, 600000 },
  { "database", "connection", "JIEFEND_DATABASE", KEY_STRING, F (database), 0, 0 },
  { "database", "pool-size", "JIEFEND_POOL_SIZE", KEY_UINT, F (pool_size), 1, 64 },
  { "limits", "body-bytes", "JIEFEND_BODY_BYTES", KEY_SIZE, F (body_bytes), 1024, 64 << 20 },
  { "limits", "attachment-bytes", "JIEFEND_ATTACHMENT_BYTES", KEY_SIZE, F (attachment_bytes),
    1024, 100 << 20 },
  { "limits", "idle-timeout-seconds", "JIEFEND_IDLE_TIMEOUT_SECONDS", KEY_UINT,
    F (idle_timeout_seconds), 1, 3600 },
  { "limits", "header-timeout-seconds", "JIEFEND_HEADER_TIMEOUT_SECONDS", KEY_UINT,
    F (header_timeout_seconds), 1, 600 },
  { "attachments", "directory", "JIEFEND_ATTACHMENTS_DIRECTORY", KEY_STRING,
    F (attachments_directory), 0, 0 },
  { "crypto", "key-file", "JIEFEND_KEY_FILE", KEY_STRING, F (key_file), 0, 0 },
};

const JfdConfigKey *
jfd_config_get_keys (guint *n_keys)
{
  static JfdConfigKey public_keys[G_N_ELEMENTS (keys)];

  /* Written once with the same values whichever thread gets here: no lock needed. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      public_keys[i].group = keys[i].group;
      public_keys[i].key = keys[i].key;
      public_keys[i].env = keys[i].env;
    }
  *n_keys = G_N_ELEMENTS (keys);
  return public_keys;
}

static gboolean
parse_uint (const char  *text,
            guint64      min,
            guint64      max,
            guint64     *out)
{
  return g_ascii_string_to_unsigned (text, 10, min, max, out, NULL);
}

static gboolean
apply (JfdConfig      *config,
       const KeySpec  *spec,
       const char     *value,
       const char     *origin,
       GError        **error)
{
  guint64 n;

  switch (spec->type)
    {
    case KEY_LISTEN:
      if (!jfd_config_set_listen (config, value, error))
        {
          g_prefix_error (error, "%s: ", origin);
          return FALSE;
        }
      return TRUE;
    case KEY_STRING:
      {
        char **slot = G_STRUCT_MEMBER_P (config, spec->offset);
        g_free (*slot);
        *slot = value[0] != '\0' ? g_strdup (value) : NULL;
        return TRUE;
      }
    case KEY_UINT:
    case KEY_SIZE:
      if (!parse_uint (value, spec->min, spec->max, &n))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "%s: “%s” is not a whole number between %" G_GUINT64_FORMAT
                       " and %" G_GUINT64_FORMAT, origin, value, spec->min, spec->max);
          return FALSE;
        }
      if (spec->type == KEY_UINT)
        G_STRUCT_MEMBER (guint, config, spec->offset) = (guint) n;
      else
        G_STRUCT_MEMBER (gsize, config, spec->offset) = (gsize) n;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

gboolean
jfd_config_set_listen (JfdConfig   *config,
                       const char  *addr_port,
                       GError     **error)
{
  const char *colon = strrchr (addr_port, ':');
  g_autofree char *host = NULL;
  guint64 port;

  if (colon == NULL || colon == addr_port ||
      !parse_uint (colon + 1, 0, 65535, &port))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "listen address “%s” is not ADDRESS:PORT", addr_port);
      return FALSE;
    }
  host = g_strndup (addr_port, colon - addr_port);
  /* [::1]:8420 */
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);
      g_free (host);
      host = inner;
    }
  if (!g_hostname_is_ip_address (host))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "listen address “%s” is not an IP address", host);
      return FALSE;
    }
  g_free (config->listen_address);
  config->listen_address = g_steal_pointer (&host);
  config->listen_port = (guint16) port;
  return TRUE;
}

JfdConfig *
jfd_config_load (const char  *path,
                 GError     **error)
{
  g_autoptr(JfdConfig) config = jfd_config_new_defaults ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  const char *file_path = path != NULL ? path : JFD_CONFIG_DEFAULT_PATH;
  gboolean have_file = TRUE;
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (file, file_path, G_KEY_FILE_NONE, &local_error))
    {
      if (path != NULL || !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", file_path);
          return NULL;
        }
      have_file = FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const KeySpec *spec = &keys[i];
      const char *env = g_getenv (spec->env);

      if (have_file && g_key_file_has_key (file, spec->group, spec->key, NULL))
        {
          g_autofree char *value = g_key_file_get_string (file, spec->group, spec->key, NULL);
          g_autofree char *origin = g_strdup_printf ("%s [%s] %s", file_path, spec->group,
                                                     spec->key);

          if (value != NULL && !apply (config, spec, g_strstrip (value), origin, error))
            return NULL;
        }
      if (env != NULL && !apply (config, spec, env, spec->env, error))
        return NULL;
    }

  if ((config->tls_certificate == NULL) != (config->tls_key == NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] tls-certificate and tls-key go together");
      return NULL;
    }
  return g_steal_pointer (&config);
}
