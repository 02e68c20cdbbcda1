/* jf-load-read.c: jf-load queue, search and stats — latencies of the reading API
 *
 * Each figure is a timed run of GET requests on kept-alive connections, the paths taken
 * in turn; the latency of each is from the first byte sent to the last byte received.
 */
#include "config.h"

#include <stdio.h>

#include "jf-load.h"

typedef struct
{
  GPtrArray *paths;  /* char * */
  gint       next;   /* atomic */
} Reads;

static guint
read_step (JfLoadClient *client,
           gpointer      data)
{
  Reads *reads = data;
  guint i = (guint) g_atomic_int_add (&reads->next, 1) % reads->paths->len;

  return jf_load_conn_request (client->conn, "GET", reads->paths->pdata[i], client->token,
                               NULL, NULL, client->answer);
}

static gboolean
timed_reads (const JfLoadOptions *options,
             const char          *figure,
             GPtrArray           *paths,
             guint                n_clients)
{
  Reads reads = { paths, 0 };
  JfLoadSamples samples;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  jf_load_samples_init (&samples);
  ok = jf_load_drive (options, options->user, n_clients, options->seconds, 200, read_step,
                      &reads, &samples, &error);
  if (ok)
    jf_load_samples_report (&samples, figure, options->seconds);
  else
    g_printerr ("jf-load %s: %s\n", figure, error->message);
  jf_load_samples_clear (&samples);
  return ok;
}

/* The "next" of each page, @depth pages on from @base: the keyset cursor of a page deep in
 * the queue, as a user reaches it by scrolling. 0 if the queue ends before. */
static gint64
follow_cursor (JfLoadClient  *client,
               const char    *base,
               guint          depth,
               guint         *reached,
               GError       **error)
{
  gint64 after = 0;

  for (*reached = 0; *reached < depth; (*reached)++)
    {
      g_autofree char *path = after > 0
        ? g_strdup_printf ("%s&after=%" G_GINT64_FORMAT, base, after) : g_strdup (base);
      g_autoptr(JsonNode) page = jf_load_get_json (client, path, error);
      JsonObject *object;

      if (page == NULL)
        return -1;
      object = json_node_get_object (page);
      if (json_object_get_null_member (object, "next"))
        break;
      after = json_object_get_int_member (object, "next");
    }
  return after;
}

int
jf_load_queue (const JfLoadOptions *options)
{
  g_autofree char *base = g_strdup_printf ("/v1/matters?status=%s&org=%s", options->status,
                                           options->org != NULL ? options->org : "220402");
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) deep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JfLoadClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint reached = 0;
  gint64 after;

  client = jf_load_client_new (options, options->user, &error);
  if (client == NULL ||
      (after = follow_cursor (client, base, options->depth, &reached, &error)) < 0)
    {
      g_printerr ("jf-load queue: %s\n", error->message);
      return 1;
    }
  g_clear_pointer (&client, jf_load_client_free);
  printf ("JF queue-depth pages=%u after=%" G_GINT64_FORMAT "\n", reached, after);
  g_ptr_array_add (first, g_strdup (base));
  g_ptr_array_add (deep, after > 0 ? g_strdup_printf ("%s&after=%" G_GINT64_FORMAT, base, after)
                                   : g_strdup (base));
  if (!timed_reads (options, "queue-first", first, options->clients) ||
      !timed_reads (options, "queue-deep", deep, options->clients))
    return 1;
  return 0;
}

int
jf_load_search (const JfLoadOptions *options)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; options->words != NULL && options->words[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (options->words[i], NULL, FALSE);

      g_ptr_array_add (paths, options->org != NULL
                       ? g_strdup_printf ("/v1/matters?q=%s&org=%s", escaped, options->org)
                       : g_strdup_printf ("/v1/matters?q=%s", escaped));
    }
  if (paths->len == 0)
    {
      g_printerr ("jf-load search: give the terms with --word\n");
      return 2;
    }
  return timed_reads (options, options->label != NULL ? options->label : "search", paths,
                      options->clients) ? 0 : 1;
}

int
jf_load_stats (const JfLoadOptions *options)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JfLoadClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/stats?org=%s&from=%s-01-01&to=%s-12-31",
                                           options->org != NULL ? options->org : "220402",
                                           options->year, options->year);
  guint status;

  client = jf_load_client_new (options, options->user, &error);
  if (client == NULL)
    {
      g_printerr ("jf-load stats: %s\n", error->message);
      return 1;
    }
  /* The statistics API is younger than this client: say so rather than fail the run. */
  status = jf_load_conn_request (client->conn, "GET", path, client->token, NULL, NULL,
                                 client->answer);
  g_clear_pointer (&client, jf_load_client_free);
  if (status == 404 || status == 405)
    {
      printf ("JF stats unavailable status=%u\n", status);
      return 0;
    }
  g_ptr_array_add (paths, g_steal_pointer (&path));
  return timed_reads (options, "stats", paths, options->clients) ? 0 : 1;
}
