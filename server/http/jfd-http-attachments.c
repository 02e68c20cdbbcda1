/* jfd-http-attachments.c: /v1/matters/{id}/attachments and /v1/attachments/{id} */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jfd-http.h"

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 201, node, error);
}

void
jfd_http_attachments_add (JfdRequest *request)
{
  static const char * const allowed[] = { "filename", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  const char *header = jfd_request_get_header (request, "Content-Type");
  gint64 id;

  if (!jfd_request_check_query (request, allowed, &error) ||
      !jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (header != NULL)
    {
      const char *semicolon = strchr (header, ';');
      type = g_strstrip (g_ascii_strdown (header, semicolon != NULL ? semicolon - header : -1));
    }
  jfd_engine_add_attachment_async (jfd_request_get_engine (request),
                                   jfd_request_get_actor (request), id,
                                   jfd_request_get_query (request, "filename"), type,
                                   jfd_request_get_raw_body (request),
                                   jfd_request_get_cancellable (request), added_cb,
                                   jfd_request_ref (request));
}

void
jfd_http_attachments_list (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_attachments_async (jfd_request_get_engine (request),
                                     jfd_request_get_actor (request), id,
                                     jfd_request_get_cancellable (request),
                                     jfd_http_reply_ok_cb, jfd_request_ref (request));
}

static void
content_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *disposition = NULL;
  g_autoptr(GBytes) content = jfd_engine_attachment_finish (JFD_ENGINE (source), result, &type,
                                                            &filename, &error);

  if (content == NULL)
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  /* RFC 6266 with RFC 5987's encoding: a Chinese file name survives intact. */
  escaped = g_uri_escape_string (filename, NULL, FALSE);
  disposition = g_strdup_printf ("attachment; filename*=UTF-8''%s", escaped);
  jfd_request_add_header (request, "Content-Disposition", disposition);
  jfd_request_respond_text (request, 200, type, content);
}

void
jfd_http_attachments_get (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!jfd_request_get_param_id (request, 0, &id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_get_attachment_async (jfd_request_get_engine (request),
                                   jfd_request_get_actor (request), id,
                                   jfd_request_get_cancellable (request), content_cb,
                                   jfd_request_ref (request));
}
