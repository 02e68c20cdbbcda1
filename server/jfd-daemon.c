/* jfd-daemon.c: checks before serving, one server per core, and an orderly stop
 *
 * Everything that can fail is tried before the first request is accepted: the key file,
 * the database and its schema version, the catalog, binding the address. Then systemd is
 * told READY=1 (and fed its watchdog), and SIGTERM stops accepting, lets requests in flight
 * finish and exits 0.
 */
#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "jfd-acceptor.h"
#include "jfd-catalog.h"
#include "jfd-crypto.h"
#include "jfd-daemon.h"
#include "jfd-migrations.h"
#include "jfd-notifier.h"
#include "jfd-pq.h"
#include "jfd-scheduler.h"
#include "jfd-server.h"
#include "jfd-shared.h"

#define GRACE_MS 10000

typedef struct
{
  JfdShared *shared;
  GMainLoop *loop;
  GPtrArray *servers;  /* JfdServer *, owned */
  int        exit_code;
} Daemon;

static void
notify_systemd (const char *state)
{
#ifdef HAVE_LIBSYSTEMD
  sd_notify (0, state);
#endif
}

static gboolean
stop_cb (gpointer data)
{
  Daemon *d = data;

  g_message ("stopping: finishing requests in flight");
  notify_systemd ("STOPPING=1");
  for (guint i = 0; i < d->servers->len; i++)
    jfd_server_stop (d->servers->pdata[i], GRACE_MS);
  g_main_loop_quit (d->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
watchdog_cb (gpointer data)
{
  notify_systemd ("WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

static void
catalog_reloaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Daemon *d = data;
  g_autoptr(GError) error = NULL;

  if (!jfd_shared_reload_catalog_finish (d->shared, result, &error))
    g_warning ("cannot reload the reference data: %s", error->message);
}

/* In the order of the notifications, after the reloads of this process's own changes. */
static void
reload_catalog (Daemon *d)
{
  jfd_shared_reload_catalog_async (d->shared, catalog_reloaded_cb, d);
}

static void
notified_cb (const char *channel,
             const char *payload,
             gpointer    data)
{
  Daemon *d = data;

  /* NULL: the listening connection was lost; anything may have changed meanwhile. */
  if (channel == NULL || g_str_equal (channel, "jf_auth"))
    jfd_shared_bump_auth_generation (d->shared);
  if (channel == NULL || g_str_equal (channel, "jf_catalog"))
    reload_catalog (d);
  if (channel == NULL || g_str_equal (channel, "jf_stream"))
    for (guint i = 0; i < d->servers->len; i++)
      jfd_server_wake_stream (d->servers->pdata[i]);
}

static JfdShared *
prepare (JfdConfig  *config,
         GError    **error)
{
  g_autoptr(JfdCrypto) crypto = jfd_crypto_load (config->key_file, error);
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(JfdCatalog) catalog = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (crypto == NULL)
    return NULL;
  if (config->tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (config->tls_certificate,
                                                      config->tls_key, error);
      if (certificate == NULL)
        {
          g_prefix_error (error, "TLS certificate %s: ", config->tls_certificate);
          return NULL;
        }
    }
  conn = jfd_pq_connect (config->database, "jiefend", error);
  if (conn == NULL || !jfd_migrations_check_current (conn, error))
    return NULL;
  catalog = jfd_catalog_load (conn, error);
  if (catalog == NULL)
    return NULL;
  return jfd_shared_new (config, g_steal_pointer (&crypto), g_steal_pointer (&catalog),
                         g_steal_pointer (&certificate));
}

/* Binds every thread's socket before any thread starts. Port 0 asks the kernel for one,
 * which the others then share. */
static GPtrArray *
bind_sockets (const JfdConfig  *config,
              guint             n,
              guint16          *out_port,
              GError          **error)
{
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint16 port = config->listen_port;

  if (port != 0 && !jfd_acceptor_check_port_free (config->listen_address, port, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      GSocket *socket = jfd_acceptor_listen_socket (config->listen_address, port, error);

      if (socket == NULL)
        return NULL;
      g_ptr_array_add (sockets, socket);
      if (port == 0)
        {
          g_autoptr(GSocketAddress) bound = g_socket_get_local_address (socket, error);

          if (bound == NULL)
            return NULL;
          port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
        }
    }
  *out_port = port;
  return g_steal_pointer (&sockets);
}

int
jfd_daemon_run (JfdConfig *config)
{
  Daemon d = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sockets = NULL;
  guint n_threads = config->threads != 0 ? config->threads : g_get_num_processors ();
  guint16 port = 0;
  guint64 watchdog_us = 0;
  JfdNotifier *notifier;
  JfdScheduler *scheduler;
  static const char * const channels[] = { "jf_auth", "jf_catalog", "jf_stream", NULL };

  d.shared = prepare (config, &error);
  if (d.shared == NULL)
    {
      g_printerr ("jiefend: %s\n", error->message);
      jfd_config_free (config);
      return 1;
    }
  config = (JfdConfig *) jfd_shared_get_config (d.shared);
  sockets = bind_sockets (config, n_threads, &port, &error);
  if (sockets == NULL)
    {
      g_printerr ("jiefend: %s\n", error->message);
      jfd_shared_free (d.shared);
      return 1;
    }
  d.loop = g_main_loop_new (NULL, FALSE);
  d.servers = g_ptr_array_new_with_free_func ((GDestroyNotify) jfd_server_free);
  for (guint i = 0; i < n_threads; i++)
    {
      JfdServer *server = jfd_server_new (d.shared, i, sockets->pdata[i]);

      g_ptr_array_add (d.servers, server);
      if (!jfd_server_start (server, &error))
        {
          g_printerr ("jiefend: cannot start a server thread: %s\n", error->message);
          return 1;
        }
    }
  notifier = jfd_notifier_new (config->database, channels, notified_cb, &d);
  scheduler = jfd_scheduler_new (config->database, config->scheduler_interval_ms);
  g_unix_signal_add (SIGTERM, stop_cb, &d);
  g_unix_signal_add (SIGINT, stop_cb, &d);
#ifdef HAVE_LIBSYSTEMD
  if (sd_watchdog_enabled (0, &watchdog_us) > 0)
    g_timeout_add (watchdog_us / 2000, watchdog_cb, NULL);
#endif
  g_message ("listening on %s://%s:%u with %u threads",
             config->tls_certificate != NULL ? "https" : "http", config->listen_address, port,
             n_threads);
  /* Tests and scripts that asked for port 0 learn the port from this line. */
  g_print ("LISTENING %u\n", port);
  fflush (stdout);
  notify_systemd ("READY=1");

  g_main_loop_run (d.loop);

  for (guint i = 0; i < d.servers->len; i++)
    jfd_server_join (d.servers->pdata[i]);
  jfd_scheduler_free (scheduler);
  jfd_notifier_free (notifier);
  g_ptr_array_unref (d.servers);
  g_main_loop_unref (d.loop);
  jfd_shared_free (d.shared);
  g_message ("stopped");
  return 0;
}
