/* jfd-engine-system.c: health and the figures /metrics shows */
#include "config.h"

#include "jfd-engine-private.h"

static const JfdStatement ping_stmt = {
  "system_ping", "SELECT 1", 0,
};

static const JfdStatement counts_stmt = {
  "system_counts",
  "SELECT coalesce(jsonb_object_agg(status, n), '{}')::text "
  "FROM (SELECT status, count(*) AS n FROM jf.matters GROUP BY status) AS c",
  0,
};

static void
pinged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonObject) object = NULL;

  if (res == NULL)
    return;
  object = json_object_new ();
  json_object_set_string_member (object, "status", "ok");
  json_object_set_string_member (object, "database", "up");
  jfd_engine_return_json (task, json_node_init_object (json_node_alloc (), object));
}

void
jfd_engine_health_async (JfdEngine           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, jfd_engine_health_async);
  jfd_engine_query (self, task, &ping_stmt, NULL, pinged_cb);
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *node;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    jfd_engine_return_json (task, node);
}

void
jfd_engine_counts_async (JfdEngine           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, jfd_engine_counts_async);
  jfd_engine_query (self, task, &counts_stmt, NULL, counted_cb);
}
