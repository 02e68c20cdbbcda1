/* jfd-http-accounts.c: /v1/accounts */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_accounts_list (JfdRequest *request)
{
  static const char * const allowed[] = { "org", "role", NULL };
  g_autoptr(GError) error = NULL;

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_accounts_async (jfd_request_get_engine (request),
                                  jfd_request_get_actor (request),
                                  jfd_request_get_query (request, "org"),
                                  jfd_request_get_query (request, "role"),
                                  jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                  jfd_request_ref (request));
}

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
jfd_http_accounts_create (JfdRequest *request)
{
  jfd_engine_create_account_async (jfd_request_get_engine (request),
                                   jfd_request_get_actor (request),
                                   jfd_request_get_body (request),
                                   jfd_request_get_cancellable (request), created_cb,
                                   jfd_request_ref (request));
}

void
jfd_http_accounts_get (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_get_account_async (jfd_request_get_engine (request),
                                jfd_request_get_actor (request), id,
                                jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                jfd_request_ref (request));
}

static void
update (JfdRequest *request,
        gboolean    password_only)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_update_account_async (jfd_request_get_engine (request),
                                   jfd_request_get_actor (request), id,
                                   jfd_request_get_body (request), password_only,
                                   jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                   jfd_request_ref (request));
}

void
jfd_http_accounts_patch (JfdRequest *request)
{
  update (request, FALSE);
}

void
jfd_http_accounts_password (JfdRequest *request)
{
  update (request, TRUE);
}
