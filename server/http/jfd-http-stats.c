/* jfd-http-stats.c: /v1/stats, /v1/stats/matters and /v1/stats/units */
#include "config.h"

#include "jfd-engine-stats.h"
#include "jfd-http.h"

typedef void (*StatsFunc) (JfdEngine           *self,
                           JfdActor            *actor,
                           GHashTable          *query,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);

static void
stats_call (JfdRequest         *request,
            const char * const *allowed,
            StatsFunc           operation)
{
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
  operation (jfd_request_get_engine (request), jfd_request_get_actor (request), query,
             jfd_request_get_cancellable (request), jfd_http_reply_ok_cb,
             jfd_request_ref (request));
}

void
jfd_http_stats (JfdRequest *request)
{
  static const char * const allowed[] = { "org", "from", "to", NULL };

  stats_call (request, allowed, jfd_engine_stats_async);
}

void
jfd_http_stats_matters (JfdRequest *request)
{
  static const char * const allowed[] = { "figure", "org", "from", "to", "after", "limit",
                                          NULL };

  stats_call (request, allowed, jfd_engine_stats_matters_async);
}

void
jfd_http_stats_units (JfdRequest *request)
{
  static const char * const allowed[] = { "org", NULL };

  stats_call (request, allowed, jfd_engine_stats_units_async);
}
