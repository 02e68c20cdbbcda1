/* jfd-http-reference.c: clocks and reference data — /v1/matters/{id}/deadlines,
 * /v1/deadlines/{id}/pause|resume, /v1/deadline-rules, /v1/calendar, /v1/categories (changes)
 */
#include "config.h"

#include "jf-error.h"
#include "jfd-http.h"

static void
created_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);

  jfd_http_reply (request, 201, node, error);
}

static gboolean
param_id (JfdRequest *request, gint64 *id)
{
  g_autoptr(GError) error = NULL;

  if (jfd_request_get_param_id (request, 0, id, &error))
    return TRUE;
  jfd_http_reply (request, 0, NULL, error);
  return FALSE;
}

void
jfd_http_deadlines_list (JfdRequest *request)
{
  gint64 id;

  if (param_id (request, &id))
    jfd_engine_list_deadlines_async (jfd_request_get_engine (request),
                                     jfd_request_get_actor (request), id,
                                     jfd_request_get_cancellable (request),
                                     jfd_http_reply_ok_cb, jfd_request_ref (request));
}

static void
pause_or_resume (JfdRequest *request, gboolean resume)
{
  gint64 id;

  if (param_id (request, &id))
    jfd_engine_pause_deadline_async (jfd_request_get_engine (request),
                                     jfd_request_get_actor (request), id,
                                     jfd_request_get_body (request), resume,
                                     jfd_request_get_cancellable (request),
                                     jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_deadlines_pause (JfdRequest *request)
{
  pause_or_resume (request, FALSE);
}

void
jfd_http_deadlines_resume (JfdRequest *request)
{
  pause_or_resume (request, TRUE);
}

void
jfd_http_rules_list (JfdRequest *request)
{
  jfd_engine_list_rules_async (jfd_request_get_engine (request),
                               jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                               jfd_request_ref (request));
}

void
jfd_http_rules_create (JfdRequest *request)
{
  jfd_engine_set_rule_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                             0, jfd_request_get_body (request),
                             jfd_request_get_cancellable (request), created_cb,
                             jfd_request_ref (request));
}

void
jfd_http_rules_patch (JfdRequest *request)
{
  gint64 id;

  if (param_id (request, &id))
    jfd_engine_set_rule_async (jfd_request_get_engine (request),
                               jfd_request_get_actor (request), id,
                               jfd_request_get_body (request),
                               jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                               jfd_request_ref (request));
}

void
jfd_http_calendar_list (JfdRequest *request)
{
  static const char * const allowed[] = { "year", NULL };
  g_autoptr(GError) error = NULL;
  const char *year = jfd_request_get_query (request, "year");

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (year == NULL)
    {
      jf_set_error (&error, JF_ERROR_INVALID, "year", "Give the year: ?year=2026");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_list_calendar_async (jfd_request_get_engine (request), year,
                                  jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                  jfd_request_ref (request));
}

void
jfd_http_calendar_put (JfdRequest *request)
{
  jfd_engine_set_calendar_day_async (jfd_request_get_engine (request),
                                     jfd_request_get_actor (request),
                                     jfd_request_get_param (request, 0),
                                     jfd_request_get_body (request),
                                     jfd_request_get_cancellable (request),
                                     jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_calendar_delete (JfdRequest *request)
{
  jfd_engine_set_calendar_day_async (jfd_request_get_engine (request),
                                     jfd_request_get_actor (request),
                                     jfd_request_get_param (request, 0), NULL,
                                     jfd_request_get_cancellable (request),
                                     jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_categories_create (JfdRequest *request)
{
  jfd_engine_set_category_async (jfd_request_get_engine (request),
                                 jfd_request_get_actor (request), NULL,
                                 jfd_request_get_body (request),
                                 jfd_request_get_cancellable (request), created_cb,
                                 jfd_request_ref (request));
}

void
jfd_http_categories_patch (JfdRequest *request)
{
  jfd_engine_set_category_async (jfd_request_get_engine (request),
                                 jfd_request_get_actor (request),
                                 jfd_request_get_param (request, 0),
                                 jfd_request_get_body (request),
                                 jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                                 jfd_request_ref (request));
}
