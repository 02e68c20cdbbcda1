/* jfd-http-whistles.c: /v1/matters/{id}/whistles, /v1/whistle-targets/{id}/... and
 * /v1/inbox */
#include "config.h"

#include "jf-error.h"
#include "jfd-http.h"

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 201, node, error);
}

void
jfd_http_whistles_create (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_whistle_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                            id, jfd_request_get_body (request),
                            jfd_request_get_cancellable (request), created_cb,
                            jfd_request_ref (request));
}

void
jfd_http_whistles_list (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_whistles_async (jfd_request_get_engine (request),
                                  jfd_request_get_actor (request), id,
                                  jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                  jfd_request_ref (request));
}

static void
step (JfdRequest     *request,
      JfdWhistleStep  which)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_whistle_step_async (jfd_request_get_engine (request),
                                 jfd_request_get_actor (request), id, which,
                                 jfd_request_get_body (request),
                                 jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                 jfd_request_ref (request));
}

void
jfd_http_whistle_targets_check_in (JfdRequest *request)
{
  step (request, JFD_WHISTLE_STEP_CHECK_IN);
}

void
jfd_http_whistle_targets_feedback (JfdRequest *request)
{
  step (request, JFD_WHISTLE_STEP_FEEDBACK);
}

void
jfd_http_whistle_targets_extension (JfdRequest *request)
{
  step (request, JFD_WHISTLE_STEP_EXTENSION);
}

void
jfd_http_whistle_targets_verify (JfdRequest *request)
{
  step (request, JFD_WHISTLE_STEP_VERIFY);
}

void
jfd_http_whistle_targets_send_back (JfdRequest *request)
{
  step (request, JFD_WHISTLE_STEP_SEND_BACK);
}

void
jfd_http_inbox (JfdRequest *request)
{
  static const char * const allowed[] = { "status", "after", "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  for (guint i = 0; allowed[i] != NULL; i++)
    if (jfd_request_get_query (request, allowed[i]) != NULL)
      g_hash_table_insert (query, (gpointer) allowed[i],
                           (gpointer) jfd_request_get_query (request, allowed[i]));
  jfd_engine_inbox_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                          query, jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                          jfd_request_ref (request));
}
