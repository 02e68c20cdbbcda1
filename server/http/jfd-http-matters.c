/* jfd-http-matters.c: /v1/matters and its sub-resources */
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
  gint64 id = 0;
  gboolean replayed = FALSE;
  g_autoptr(GBytes) matter = jfd_engine_intake_finish (JFD_ENGINE (source), result, &id,
                                                       &replayed, &error);
  g_autofree char *location = NULL;

  if (matter == NULL)
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  location = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  jfd_request_add_header (request, "Location", location);
  /* A retried intake answers with the first matter, saying so. */
  if (replayed)
    jfd_request_add_header (request, "Idempotent-Replayed", "true");
  jfd_request_respond_text (request, replayed ? 200 : 201, "application/json; charset=utf-8",
                            matter);
}

void
jfd_http_matters_create (JfdRequest *request)
{
  jfd_engine_intake_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                           jfd_request_get_body (request),
                           jfd_request_get_header (request, "Idempotency-Key"),
                           jfd_request_get_cancellable (request), created_cb,
                           jfd_request_ref (request));
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = jfd_engine_list_matters_finish (JFD_ENGINE (source), result, &error);

  if (page == NULL)
    jfd_http_reply (request, 0, NULL, error);
  else
    jfd_request_respond_text (request, 200, "application/json; charset=utf-8", page);
}

void
jfd_http_matters_list (JfdRequest *request)
{
  static const char * const allowed[] = { "status", "kind", "category", "org", "own",
                                          "assignee", "overdue", "created_from", "created_to",
                                          "q", "after", "limit", NULL };
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
  jfd_engine_list_matters_async (jfd_request_get_engine (request),
                                 jfd_request_get_actor (request), query,
                                 jfd_request_get_cancellable (request), listed_cb,
                                 jfd_request_ref (request));
}

void
jfd_http_matters_get (JfdRequest *request)
{
  static const char * const allowed[] = { "reveal", NULL };
  g_autoptr(GError) error = NULL;
  const char *reveal;
  gint64 id;

  if (!jfd_request_check_query (request, allowed, &error) ||
      !jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  reveal = jfd_request_get_query (request, "reveal");
  if (reveal != NULL && g_strcmp0 (reveal, "true") != 0)
    {
      jf_set_error (&error, JF_ERROR_INVALID, "reveal", "reveal takes only “true”");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_get_matter_async (jfd_request_get_engine (request),
                               jfd_request_get_actor (request), id, reveal != NULL,
                               jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                               jfd_request_ref (request));
}

void
jfd_http_matters_patch (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_edit_matter_async (jfd_request_get_engine (request),
                                jfd_request_get_actor (request), id,
                                jfd_request_get_body (request),
                                jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                jfd_request_ref (request));
}

void
jfd_http_matters_transition (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_move_async (jfd_request_get_engine (request), jfd_request_get_actor (request), id,
                         jfd_request_get_body (request), jfd_request_get_cancellable (request),
                         jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_matters_events (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_events_async (jfd_request_get_engine (request),
                                jfd_request_get_actor (request), id,
                                jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                jfd_request_ref (request));
}
