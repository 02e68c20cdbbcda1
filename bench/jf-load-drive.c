/* jf-load-drive.c: concurrent clients, each on its own kept-alive connection and session,
 * and the latencies they measure */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "jf-load.h"

void
jf_load_samples_init (JfLoadSamples *samples)
{
  g_mutex_init (&samples->lock);
  samples->us = g_array_new (FALSE, FALSE, sizeof (gint64));
  samples->errors = g_hash_table_new (g_direct_hash, g_direct_equal);
  samples->server_cpu_us = samples->pg_cpu_us = -1;
}

void
jf_load_samples_clear (JfLoadSamples *samples)
{
  g_mutex_clear (&samples->lock);
  g_array_unref (samples->us);
  g_hash_table_unref (samples->errors);
}

void
jf_load_samples_add (JfLoadSamples *samples,
                     guint          status,
                     guint          expected,
                     gint64         us)
{
  g_mutex_lock (&samples->lock);
  if (status == expected)
    g_array_append_val (samples->us, us);
  else
    {
      gpointer key = GUINT_TO_POINTER (status);

      g_hash_table_insert (samples->errors, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (
                             g_hash_table_lookup (samples->errors, key)) + 1));
    }
  g_mutex_unlock (&samples->lock);
}

static int
compare_us (gconstpointer a,
            gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank, in milliseconds. */
static double
percentile (GArray *sorted,
            double  p)
{
  guint rank;

  if (sorted->len == 0)
    return NAN;
  rank = (guint) ceil (p / 100.0 * sorted->len);
  return g_array_index (sorted, gint64, CLAMP (rank, 1, sorted->len) - 1) / 1000.0;
}

void
jf_load_samples_report (JfLoadSamples *samples,
                        const char    *figure,
                        double         seconds)
{
  g_autoptr(GString) errors = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_array_sort (samples->us, compare_us);
  g_hash_table_iter_init (&iter, samples->errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (errors, "%s%u:%u", errors->len > 0 ? "," : "",
                            GPOINTER_TO_UINT (key), GPOINTER_TO_UINT (value));
  printf ("JF %s n=%u seconds=%.2f rate=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f cpu_ms=%.0f "
          "server_cpu_ms=%.0f pg_cpu_ms=%.0f errors=%s\n",
          figure, samples->us->len, seconds, seconds > 0 ? samples->us->len / seconds : 0.0,
          percentile (samples->us, 50), percentile (samples->us, 95),
          percentile (samples->us, 99), percentile (samples->us, 100), samples->cpu_us / 1000.0,
          samples->server_cpu_us < 0 ? -1.0 : samples->server_cpu_us / 1000.0,
          samples->pg_cpu_us < 0 ? -1.0 : samples->pg_cpu_us / 1000.0,
          errors->len > 0 ? errors->str : "none");
  fflush (stdout);
}

JfLoadClient *
jf_load_client_new (const JfLoadOptions  *options,
                    const char           *user,
                    GError              **error)
{
  g_autoptr(JfLoadClient) client = g_new0 (JfLoadClient, 1);

  client->conn = jf_load_conn_new (options->host, options->port);
  client->rand = g_rand_new ();
  client->answer = g_string_sized_new (8192);
  client->token = jf_load_sign_in (client->conn, options->logins, user, error);
  if (client->token == NULL)
    return NULL;
  return g_steal_pointer (&client);
}

void
jf_load_client_free (JfLoadClient *client)
{
  g_clear_pointer (&client->conn, jf_load_conn_free);
  g_clear_pointer (&client->rand, g_rand_free);
  if (client->answer != NULL)
    g_string_free (client->answer, TRUE);
  g_free (client->token);
  g_free (client);
}

JsonNode *
jf_load_get_json (JfLoadClient  *client,
                  const char    *path,
                  GError       **error)
{
  guint status = jf_load_conn_request (client->conn, "GET", path, client->token, NULL, NULL,
                                       client->answer);

  if (status != 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "GET %s: HTTP %u %.300s", path, status,
                   client->answer->str);
      return NULL;
    }
  return jf_load_parse (client->answer, error);
}

static gint64
cpu_time_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

typedef struct
{
  const JfLoadOptions *options;
  const char          *user;
  JfLoadStep           step;
  gpointer             data;
  guint                expected;
  JfLoadSamples       *samples;

  GMutex               lock;
  GCond                cond;
  guint                ready;
  guint                failed;
  gboolean             go;
  gint64               deadline;
  GError              *error;  /* the first client that could not sign in */
} Drive;

static gpointer
client_thread (gpointer data)
{
  Drive *d = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JfLoadClient) client = jf_load_client_new (d->options, d->user, &error);

  g_mutex_lock (&d->lock);
  if (client == NULL)
    {
      d->failed++;
      if (d->error == NULL)
        d->error = g_steal_pointer (&error);
    }
  else
    client->index = d->ready++;
  g_cond_broadcast (&d->cond);
  while (!d->go)
    g_cond_wait (&d->cond, &d->lock);
  g_mutex_unlock (&d->lock);

  while (client != NULL)
    {
      gint64 start = g_get_monotonic_time (), end;
      guint status;

      if (start >= d->deadline)
        break;
      status = d->step (client, d->data);
      end = g_get_monotonic_time ();
      if (end > d->deadline)
        break;
      jf_load_samples_add (d->samples, status, d->expected, end - start);
    }
  return NULL;
}

gboolean
jf_load_drive (const JfLoadOptions  *options,
               const char           *user,
               guint                 n_clients,
               double                seconds,
               guint                 expected,
               JfLoadStep            step,
               gpointer              data,
               JfLoadSamples        *samples,
               GError              **error)
{
  Drive d = { options, user, step, data, expected, samples };
  g_autofree GThread **threads = g_new0 (GThread *, n_clients);

  g_mutex_init (&d.lock);
  g_cond_init (&d.cond);
  for (guint i = 0; i < n_clients; i++)
    threads[i] = g_thread_new ("jf-load", client_thread, &d);

  /* The clock starts once every client has signed in: signing in is not the load. */
  g_mutex_lock (&d.lock);
  while (d.ready + d.failed < n_clients)
    g_cond_wait (&d.cond, &d.lock);
  if (d.failed == 0 && options->watch_pid > 0)
    jf_load_proc_reset_peak_rss (options->watch_pid);
  samples->cpu_us = cpu_time_us ();
  samples->server_cpu_us = jf_load_proc_cpu_us (options->watch_pid, FALSE);
  samples->pg_cpu_us = jf_load_proc_cpu_us (options->postmaster_pid, TRUE);
  d.deadline = d.failed > 0 ? 0 : g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  d.go = TRUE;
  g_cond_broadcast (&d.cond);
  g_mutex_unlock (&d.lock);

  for (guint i = 0; i < n_clients; i++)
    g_thread_join (threads[i]);
  samples->cpu_us = cpu_time_us () - samples->cpu_us;
  if (samples->server_cpu_us >= 0)
    samples->server_cpu_us = jf_load_proc_cpu_us (options->watch_pid, FALSE) -
                             samples->server_cpu_us;
  if (samples->pg_cpu_us >= 0)
    samples->pg_cpu_us = jf_load_proc_cpu_us (options->postmaster_pid, TRUE) - samples->pg_cpu_us;
  g_mutex_clear (&d.lock);
  g_cond_clear (&d.cond);
  if (d.error != NULL)
    {
      g_propagate_error (error, d.error);
      return FALSE;
    }
  return TRUE;
}
