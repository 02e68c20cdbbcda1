/* jfd-http-agreements.c: /v1/matters/{id}/agreements and /v1/agreements/{id}/... */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_agreements_create (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_draft_agreement_async, 201,
                 "/v1/agreements/");
}

void
jfd_http_agreements_list (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_list_agreements_async, 200, NULL);
}

void
jfd_http_agreements_get (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_get_agreement_async, 200, NULL);
}

void
jfd_http_agreements_sign (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_sign_agreement_async, 200, NULL);
}

void
jfd_http_agreements_performance (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_record_performance_async, 200, NULL);
}

static void
pdf_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *disposition = NULL;
  g_autoptr(GBytes) pdf = jfd_engine_agreement_pdf_finish (JFD_ENGINE (source), result,
                                                           &filename, &error);

  if (pdf == NULL)
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  /* RFC 6266 with RFC 5987's encoding: the Chinese name survives intact. */
  escaped = g_uri_escape_string (filename, NULL, FALSE);
  disposition = g_strdup_printf ("inline; filename*=UTF-8''%s", escaped);
  jfd_request_add_header (request, "Content-Disposition", disposition);
  jfd_request_respond_text (request, 200, "application/pdf", pdf);
}

void
jfd_http_agreements_pdf (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_agreement_pdf_async (jfd_request_get_engine (request),
                                  jfd_request_get_actor (request), id, NULL,
                                  jfd_request_get_cancellable (request), pdf_cb,
                                  jfd_request_ref (request));
}
