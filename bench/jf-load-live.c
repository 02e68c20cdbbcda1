/* jf-load-live.c: jf-load live — from blowing a whistle to the department's WebSocket
 *
 * A department liaison is connected to GET /v1/stream; a reception clerk blows whistles
 * on accepted matters one after the other. Each latency runs from just before the
 * whistle request is sent to the moment the liaison's stream hands over the
 * whistle.received message, both read from the same monotonic clock in this process.
 * The stream is read by libsoup (it speaks WebSocket; the small client does not) on a
 * thread of its own, so that its arrival time does not wait for the whistle's answer.
 * A whistle not delivered within two seconds is counted under status 1.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "jf-load.h"

#define DELIVERY_TIMEOUT_US (2 * G_USEC_PER_SEC)

typedef struct
{
  gint64 id;
  gint64 version;
} Ready;

typedef struct
{
  GMutex                   lock;
  GCond                    cond;
  GHashTable              *arrived;    /* gint64 * matter id → gint64 * time */
  gboolean                 connected;
  gboolean                 stop;
  GError                  *error;
  char                    *url;
  char                    *token;
  GMainContext            *context;
} Stream;

static void
message_cb (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *data,
            Stream                  *stream)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *event;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (data, NULL),
                                   (gssize) g_bytes_get_size (data), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  event = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (event, "kind", ""),
                 "whistle.received") != 0)
    return;
  g_mutex_lock (&stream->lock);
  g_hash_table_insert (stream->arrived,
                       g_memdup2 (&(gint64) { json_object_get_int_member (event, "matter_id") },
                                  sizeof (gint64)),
                       g_memdup2 (&now, sizeof now));
  g_cond_broadcast (&stream->cond);
  g_mutex_unlock (&stream->lock);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Stream *stream = data;
  GError *error = NULL;
  SoupWebsocketConnection *ws = soup_session_websocket_connect_finish (SOUP_SESSION (source),
                                                                       result, &error);

  g_mutex_lock (&stream->lock);
  if (ws != NULL)
    {
      g_signal_connect (ws, "message", G_CALLBACK (message_cb), stream);
      g_object_set_data_full (source, "ws", ws, g_object_unref);
    }
  else
    stream->error = error;
  stream->connected = TRUE;
  g_cond_broadcast (&stream->cond);
  g_mutex_unlock (&stream->lock);
}

static gboolean
stopping (Stream *stream)
{
  gboolean stop;

  g_mutex_lock (&stream->lock);
  stop = stream->stop;
  g_mutex_unlock (&stream->lock);
  return stop;
}

static gpointer
stream_thread (gpointer data)
{
  Stream *stream = data;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *auth = g_strconcat ("Bearer ", stream->token, NULL);

  g_main_context_push_thread_default (stream->context);
  session = soup_session_new ();
  msg = soup_message_new ("GET", stream->url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, stream);
  while (!stopping (stream))
    g_main_context_iteration (stream->context, TRUE);
  g_object_set_data (G_OBJECT (session), "ws", NULL);
  g_clear_object (&session);
  while (g_main_context_iteration (stream->context, FALSE))
    ;
  g_main_context_pop_thread_default (stream->context);
  return NULL;
}

/* An accepted matter of the clerk's, ready for a whistle: its id and version. */
static gboolean
accepted_matter (JfLoadClient  *clerk,
                 const char    *org,
                 const char    *place,
                 gint64        *id,
                 gint64        *version,
                 GError       **error)
{
  const char *orgs[] = { org, NULL }, *places[] = { place, NULL };
  g_autofree char *body = jf_load_body_intake (clerk->rand, orgs, places);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) matter = NULL;
  guint status;

  status = jf_load_conn_request (clerk->conn, "POST", "/v1/matters", clerk->token, NULL, body,
                                 clerk->answer);
  if (status != 201 || (matter = jf_load_parse (clerk->answer, error)) == NULL)
    {
      if (status != 201)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "intake: HTTP %u %.300s", status,
                     clerk->answer->str);
      return FALSE;
    }
  *id = json_object_get_int_member (json_node_get_object (matter), "id");
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/transitions", *id);
  status = jf_load_conn_request (clerk->conn, "POST", path, clerk->token, NULL,
                                 "{\"to\":\"accepted\",\"version\":1}", clerk->answer);
  g_clear_pointer (&matter, json_node_unref);
  if (status != 200 || (matter = jf_load_parse (clerk->answer, error)) == NULL)
    {
      if (status != 200)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "accept: HTTP %u %.300s", status,
                     clerk->answer->str);
      return FALSE;
    }
  *version = json_object_get_int_member (json_node_get_object (matter), "version");
  return TRUE;
}

/* Blows the whistle on @id and waits for the stream to deliver it: the status (1 if it did
 * not arrive in time) and the latency. */
static guint
whistle (const JfLoadOptions *options,
         JfLoadClient        *clerk,
         Stream              *stream,
         gint64               id,
         gint64               version,
         gint64              *latency)
{
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles", id);
  g_autofree char *body = g_strdup_printf (
    "{\"version\":%" G_GINT64_FORMAT ",\"urgency\":\"urgent\",\"request\":\"请到场查看并牵头处理\","
    "\"lead\":{\"department\":\"%s\",\"ask\":\"现场查看违建情况\"}}", version,
    options->department);
  gint64 start = g_get_monotonic_time (), *arrived = NULL;
  guint status;

  status = jf_load_conn_request (clerk->conn, "POST", path, clerk->token, NULL, body,
                                 clerk->answer);
  if (status != 201)
    return status;
  g_mutex_lock (&stream->lock);
  while ((arrived = g_hash_table_lookup (stream->arrived, &id)) == NULL &&
         g_cond_wait_until (&stream->cond, &stream->lock, start + DELIVERY_TIMEOUT_US))
    ;
  if (arrived != NULL)
    *latency = *arrived - start;
  g_mutex_unlock (&stream->lock);
  return arrived != NULL ? 201 : 1;
}

int
jf_load_live (const JfLoadOptions *options)
{
  Stream stream = { 0 };
  g_autoptr(JfLoadClient) clerk = NULL;
  g_autoptr(JfLoadClient) liaison = NULL;
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (Ready));
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  JsonObject *org;
  JfLoadSamples samples;
  gint64 start;

  if ((clerk = jf_load_client_new (options, options->user, &error)) == NULL ||
      (liaison = jf_load_client_new (options, options->liaison, &error)) == NULL ||
      (me = jf_load_get_json (clerk, "/v1/me", &error)) == NULL)
    {
      g_printerr ("jf-load live: %s\n", error->message);
      return 1;
    }
  org = json_object_get_object_member (json_node_get_object (me), "org");
  for (guint i = 0; i < options->requests; i++)
    {
      Ready matter;

      if (!accepted_matter (clerk, json_object_get_string_member (org, "code"),
                            json_object_get_string_member (org, "name"), &matter.id,
                            &matter.version, &error))
        {
          g_printerr ("jf-load live: preparing matter %u: %s\n", i + 1, error->message);
          return 1;
        }
      g_array_append_val (ready, matter);
    }

  g_mutex_init (&stream.lock);
  g_cond_init (&stream.cond);
  stream.arrived = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  stream.url = g_strdup_printf ("ws://%s:%u/v1/stream", options->host, options->port);
  stream.token = g_strdup (liaison->token);
  stream.context = g_main_context_new ();
  thread = g_thread_new ("jf-load-stream", stream_thread, &stream);
  g_mutex_lock (&stream.lock);
  while (!stream.connected)
    g_cond_wait (&stream.cond, &stream.lock);
  g_mutex_unlock (&stream.lock);

  jf_load_samples_init (&samples);
  start = g_get_monotonic_time ();
  for (guint i = 0; stream.error == NULL && i < ready->len; i++)
    {
      Ready *matter = &g_array_index (ready, Ready, i);
      gint64 latency = 0;
      guint status = whistle (options, clerk, &stream, matter->id, matter->version, &latency);

      jf_load_samples_add (&samples, status, 201, latency);
    }
  if (stream.error != NULL)
    g_printerr ("jf-load live: the stream: %s\n", stream.error->message);
  else
    jf_load_samples_report (&samples, "live", (g_get_monotonic_time () - start) / 1e6);

  g_mutex_lock (&stream.lock);
  stream.stop = TRUE;
  g_mutex_unlock (&stream.lock);
  g_main_context_wakeup (stream.context);
  g_thread_join (thread);
  jf_load_samples_clear (&samples);
  g_hash_table_unref (stream.arrived);
  g_main_context_unref (stream.context);
  g_free (stream.url);
  g_free (stream.token);
  g_mutex_clear (&stream.lock);
  g_cond_clear (&stream.cond);
  return stream.error != NULL ? 1 : 0;
}
