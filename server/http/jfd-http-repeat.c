/* jfd-http-repeat.c: a matter's registry links, its repeat disputes and risk flags, and
 * GET /v1/repeat for the intake form
 */
#include "config.h"

#include "jf-error.h"
#include "jfd-engine-registry.h"
#include "jfd-http.h"

void
jfd_http_matters_links_create (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_link_registry_async, 200, NULL);
}

void
jfd_http_matters_links_list (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_list_registry_links_async, 200, NULL);
}

void
jfd_http_matters_related (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_related_matters_async, 200, NULL);
}

void
jfd_http_matters_risks (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_list_risks_async, 200, NULL);
}

void
jfd_http_matters_links_delete (JfdRequest *request)
{
  static const char * const kinds[] = { "people", "places", "organisations", "things", NULL };
  g_autoptr(GError) error = NULL;
  const char *kind = jfd_request_get_param (request, 1);
  gint64 matter_id, target_id;
  guint k;

  if (!jfd_request_get_param_id (request, 0, &matter_id, &error) ||
      !jfd_request_get_param_id (request, 2, &target_id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  for (k = 0; kinds[k] != NULL && g_strcmp0 (kinds[k], kind) != 0; k++)
    ;
  if (kinds[k] == NULL)
    {
      jf_set_error (&error, JF_ERROR_NOT_FOUND, NULL, "No such resource");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_unlink_registry_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), matter_id,
                                    (JfdRegistryKind) k, target_id,
                                    jfd_request_get_cancellable (request),
                                    jfd_http_reply_ok_cb, jfd_request_ref (request));
}

void
jfd_http_matters_party_person (JfdRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 matter_id, party_id;

  if (!jfd_request_get_param_id (request, 0, &matter_id, &error) ||
      !jfd_request_get_param_id (request, 1, &party_id, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_link_party_async (jfd_request_get_engine (request),
                               jfd_request_get_actor (request), matter_id, party_id,
                               jfd_request_get_body (request),
                               jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                               jfd_request_ref (request));
}

void
jfd_http_repeat (JfdRequest *request)
{
  static const char * const allowed[] = { "id_number", "phone", "name", "place_org",
                                          "address", "limit", NULL };
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
  jfd_engine_repeat_async (jfd_request_get_engine (request), jfd_request_get_actor (request),
                           query, jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
                           jfd_request_ref (request));
}
