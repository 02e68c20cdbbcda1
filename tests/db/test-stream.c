/* test-stream.c: the live stream (GET /v1/stream) — delivery within a second, scope,
 * catching up after a reconnect, across two jiefend processes, events whose transactions
 * commit out of id order, and refusal of a bad token.
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "jf-test-env.h"
#include "jf-test-stream.h"

static JfTestEnv *env;

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"

/* Connects as @user (or with @token) to @server's stream; @after < 0: from now on. */
static JfTestStream *
client_new (JfTestServer *server,
            const char   *user,
            const char   *token,
            gint64        after)
{
  return jf_test_stream_new (server, token != NULL ? token : jf_test_env_token (env, user),
                             after);
}


typedef gboolean (*Match) (JsonObject *m, gconstpointer data);

/* Runs @c's loop until it holds a message that @match accepts, or @ms pass. */
static JsonObject *
wait_until (JfTestStream  *c,
            Match          match,
            gconstpointer  data,
            guint          ms)
{
  gboolean timed_out = FALSE;
  g_autoptr(GSource) timer = g_timeout_source_new (ms);

  JsonObject *found = NULL;

  g_source_set_callback (timer, jf_test_stream_timeout_cb, &timed_out, NULL);
  g_source_attach (timer, c->context);
  /* libsoup attaches what it does next to the thread-default context of the moment. */
  g_main_context_push_thread_default (c->context);
  while (found == NULL && !timed_out)
    {
      for (guint i = 0; i < c->messages->len && found == NULL; i++)
        {
          JsonObject *m = json_node_get_object (c->messages->pdata[i]);

          if (match (m, data))
            found = m;
        }
      if (found == NULL && !timed_out)
        g_main_context_iteration (c->context, TRUE);
    }
  g_source_destroy (timer);
  g_main_context_pop_thread_default (c->context);
  return found;
}

typedef struct
{
  const char *kind;
  gint64      matter;
} KindAndMatter;

static gboolean
is_kind_and_matter (JsonObject    *m,
                    gconstpointer  data)
{
  const KindAndMatter *want = data;

  return g_str_equal (json_object_get_string_member (m, "kind"), want->kind) &&
         json_object_get_int_member_with_default (m, "matter_id", 0) == want->matter;
}

/* Runs @c's loop until it holds a message of @kind about @matter, or @ms pass. */
static JsonObject *
wait_for (JfTestStream *c,
          const char   *kind,
          gint64        matter,
          guint         ms)
{
  KindAndMatter want = { kind, matter };

  return wait_until (c, is_kind_and_matter, &want, ms);
}

static gboolean
is_id (JsonObject    *m,
       gconstpointer  data)
{
  return json_object_get_int_member (m, "id") == *(const gint64 *) data;
}

/* Runs @c's loop until it holds the event @id, or @ms pass. */
static JsonObject *
wait_for_id (JfTestStream *c,
             gint64        id,
             guint         ms)
{
  return wait_until (c, is_id, &id, ms);
}

static gboolean
never (JsonObject    *m,
       gconstpointer  data)
{
  return FALSE;
}

/* Runs @c's loop for @ms, receiving whatever comes. */
static void
pump (JfTestStream *c,
      guint         ms)
{
  wait_until (c, never, NULL, ms);
}

static guint
count_id (JfTestStream *c,
          gint64        id)
{
  guint n = 0;

  for (guint i = 0; i < c->messages->len; i++)
    n += is_id (json_node_get_object (c->messages->pdata[i]), &id);
  return n;
}

static gint64
message_id (JfTestStream *c,
            guint         i)
{
  return json_object_get_int_member (json_node_get_object (c->messages->pdata[i]), "id");
}

/* Clients resume from the last id they saw: the ids they receive only ever grow. */
static void
assert_ids_increase (JfTestStream *c)
{
  for (guint i = 1; i < c->messages->len; i++)
    g_assert_cmpint (message_id (c, i - 1), <, message_id (c, i));
}

/* @c received @first and then @second, each once. */
static void
assert_both_once (JfTestStream *c,
                  gint64        first,
                  gint64        second)
{
  g_assert_nonnull (wait_for_id (c, first, 2000));
  g_assert_nonnull (wait_for_id (c, second, 2000));
  pump (c, 200);
  g_assert_cmpuint (count_id (c, first), ==, 1);
  g_assert_cmpuint (count_id (c, second), ==, 1);
  assert_ids_increase (c);
}

/* A connection of the test's own, to keep a transaction open as a slow writer would. */
static PGconn *
writer_new (void)
{
  PGconn *conn = PQconnectdb (env->conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to the test database: %s", PQerrorMessage (conn));
  return conn;
}

/* Runs @sql on @conn; the first value of its result, if any. */
static char *
writer_exec (PGconn     *conn,
             const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (res) != PGRES_TUPLES_OK && PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("SQL failed: %s\n%s", PQresultErrorMessage (res), sql);
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0)
    value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

/* Writes a matter.changed event about @matter in @conn's transaction, through the SQL
 * function every writer in the server uses; its id. */
static gint64
writer_push (PGconn *conn,
             gint64  matter)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT jf.stream_push('matter.changed', m.id, m.org_id, NULL, NULL, '{\"held\":true}') "
    "FROM jf.matters m WHERE m.id = %" G_GINT64_FORMAT, matter);
  g_autofree char *id = writer_exec (conn, sql);

  return g_ascii_strtoll (id, NULL, 10);
}

static gint64
created_event_id (gint64 matter)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id FROM jf.stream_events WHERE kind = 'matter.created' AND matter_id = %"
    G_GINT64_FORMAT, matter);

  return jf_test_env_sql_int (env, sql);
}

static void
test_delivered_within_a_second (void)
{
  JfTestStream *c = client_new (env->server, CLERK, NULL, -1);
  gint64 start, matter;
  JsonObject *m;

  g_assert_no_error (c->error);
  jf_test_env_token (env, "tiaojie");  /* signed in before the clock starts */
  start = g_get_monotonic_time ();
  matter = jf_test_env_register (env, "tiaojie", "直播测试", TOWNSHIP);
  m = wait_for (c, "matter.created", matter, 1000);
  g_assert_nonnull (m);
  g_test_message ("delivered %.1f ms after the intake was sent",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpstr (json_object_get_string_member (m, "org"), ==, TOWNSHIP);
  g_assert_cmpint (json_object_get_int_member (m, "id"), >, 0);
  jf_test_stream_free (c);
}

/* A department's liaison is not told of every matter in the county. */
static void
test_scope (void)
{
  JfTestStream *liaison = client_new (env->server, "bumen", NULL, -1);
  JfTestStream *clerk = client_new (env->server, CLERK, NULL, -1);
  gint64 matter = jf_test_env_register (env, CLERK, "范围测试", TOWNSHIP);

  g_assert_nonnull (wait_for (clerk, "matter.created", matter, 1000));
  g_assert_null (wait_for (liaison, "matter.created", matter, 500));
  jf_test_stream_free (liaison);
  jf_test_stream_free (clerk);
}

static void
test_catch_up_after_reconnect (void)
{
  JfTestStream *c = client_new (env->server, CLERK, NULL, -1);
  gint64 first = jf_test_env_register (env, CLERK, "断线前", TOWNSHIP);
  JsonObject *m = wait_for (c, "matter.created", first, 1000);
  gint64 last_seen;
  gint64 missed[2];

  g_assert_nonnull (m);
  last_seen = json_object_get_int_member (m, "id");
  jf_test_stream_free (c);

  /* While the client is away, two matters are registered. */
  missed[0] = jf_test_env_register (env, CLERK, "断线中一", TOWNSHIP);
  missed[1] = jf_test_env_register (env, CLERK, "断线中二", TOWNSHIP);
  c = client_new (env->server, CLERK, NULL, last_seen);
  g_assert_nonnull (wait_for (c, "matter.created", missed[0], 1000));
  g_assert_nonnull (wait_for (c, "matter.created", missed[1], 1000));
  /* Not what it had already seen. */
  g_assert_null (wait_for (c, "matter.created", first, 200));
  jf_test_stream_free (c);
}

/* Notifications cross processes: a matter registered through one jiefend reaches a
 * client of another. */
static void
test_across_processes (void)
{
  g_autoptr(JfTestServer) other = jf_test_server_start (env->conninfo, env->server->key_file);
  g_autofree char *token = jf_test_sign_in (other, CLERK, JF_TEST_PASSWORD);
  JfTestStream *c = client_new (other, CLERK, token, -1);
  gint64 matter = jf_test_env_register (env, CLERK, "跨进程", TOWNSHIP);

  g_assert_nonnull (wait_for (c, "matter.created", matter, 1000));
  jf_test_stream_free (c);
}

/* DOMAIN.md §3: the department is told at once when a centre blows the whistle on it. */
static void
test_whistle_reaches_department (void)
{
  JfTestStream *liaison = client_new (env->server, "bumen", NULL, -1);
  gint64 matter = jf_test_env_register (env, CLERK, "吹哨直达", TOWNSHIP);
  g_autofree char *moves = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/transitions",
                                            matter);
  g_autofree char *whistles = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles",
                                               matter);
  g_autoptr(JfTestResponse) accepted = jf_test_request (env->server, "POST", moves,
                                                        jf_test_env_token (env, CLERK),
                                                        "{\"to\":\"accepted\",\"version\":1}");
  g_autoptr(JfTestResponse) whistled = NULL;
  gint64 start;
  JsonObject *m;

  jf_test_assert_status (accepted, 200);
  jf_test_env_token (env, "ducha");
  start = g_get_monotonic_time ();
  whistled = jf_test_request (env->server, "POST", whistles, jf_test_env_token (env, CLERK),
                              "{\"version\":2,\"urgency\":\"urgent\",\"request\":\"楼顶违建\","
                              "\"lead\":{\"department\":\"220402-housing\",\"ask\":\"现场查看\"}}");
  jf_test_assert_status (whistled, 201);
  m = wait_for (liaison, "whistle.received", matter, 1000);
  g_assert_nonnull (m);
  g_test_message ("the whistle reached the department %.1f ms after it was blown",
                  (g_get_monotonic_time () - start) / 1000.0);
  jf_test_stream_free (liaison);
}

/* Ids are taken in insert order, transactions commit in any order. A writer takes an id
 * and keeps its transaction open; meanwhile a matter registered through the API takes the
 * next id and commits first. No client may pass over the first event: when it commits,
 * every client has both, each once, in id order. */
static void
test_out_of_order_commits (void)
{
  JfTestStream *c = client_new (env->server, CLERK, NULL, -1);
  gint64 first = jf_test_env_register (env, CLERK, "慢事务之前", TOWNSHIP);
  PGconn *slow = writer_new ();
  JfTestStream *rejoined, *late;
  JsonObject *m;
  gint64 before, held, quick_matter, quick;

  m = wait_for (c, "matter.created", first, 1000);
  g_assert_nonnull (m);
  before = json_object_get_int_member (m, "id");

  g_free (writer_exec (slow, "BEGIN"));
  held = writer_push (slow, first);
  quick_matter = jf_test_env_register (env, CLERK, "快事务", TOWNSHIP);
  quick = created_event_id (quick_matter);
  g_assert_cmpint (held, <, quick);

  /* A client that comes back meanwhile, from before both, reads the table itself. */
  rejoined = client_new (env->server, CLERK, NULL, before);
  pump (c, 500);
  pump (rejoined, 300);
  g_assert_cmpuint (count_id (c, quick), ==, 0);
  g_assert_cmpuint (count_id (rejoined, quick), ==, 0);

  g_free (writer_exec (slow, "COMMIT"));
  assert_both_once (c, held, quick);
  assert_both_once (rejoined, held, quick);

  /* And one that reconnects afterwards from before both gets both. */
  late = client_new (env->server, CLERK, NULL, before);
  assert_both_once (late, held, quick);
  g_assert_cmpuint (count_id (late, before), ==, 0);

  PQfinish (slow);
  jf_test_stream_free (late);
  jf_test_stream_free (rejoined);
  jf_test_stream_free (c);
}

/* The same when the transaction that commits first is the older one: it began (and got
 * its transaction id) before the slow writer, and wrote its event after. Whether an event's
 * own transaction is older than every running one says nothing about the ids below it. */
static void
test_older_transaction_writes_later (void)
{
  JfTestStream *c = client_new (env->server, CLERK, NULL, -1);
  gint64 matter = jf_test_env_register (env, CLERK, "老事务后写", TOWNSHIP);
  PGconn *older = writer_new ();
  PGconn *slow = writer_new ();
  gint64 held, quick;

  g_assert_nonnull (wait_for (c, "matter.created", matter, 1000));
  g_free (writer_exec (older, "BEGIN"));
  g_free (writer_exec (older, "SELECT pg_current_xact_id()"));
  g_free (writer_exec (slow, "BEGIN"));
  held = writer_push (slow, matter);
  quick = writer_push (older, matter);
  g_free (writer_exec (older, "COMMIT"));
  g_assert_cmpint (held, <, quick);

  pump (c, 500);
  g_assert_cmpuint (count_id (c, quick), ==, 0);
  g_free (writer_exec (slow, "COMMIT"));
  assert_both_once (c, held, quick);

  PQfinish (slow);
  PQfinish (older);
  jf_test_stream_free (c);
}

/* A transaction that rolls back leaves a hole in the ids and sends no notification: what
 * waited behind it is delivered all the same, soon after. */
static void
test_rolled_back_hole (void)
{
  JfTestStream *c = client_new (env->server, CLERK, NULL, -1);
  gint64 matter = jf_test_env_register (env, CLERK, "回滚留洞", TOWNSHIP);
  PGconn *slow = writer_new ();
  gint64 hole, quick_matter, quick;

  g_assert_nonnull (wait_for (c, "matter.created", matter, 1000));
  g_free (writer_exec (slow, "BEGIN"));
  hole = writer_push (slow, matter);
  quick_matter = jf_test_env_register (env, CLERK, "洞后", TOWNSHIP);
  quick = created_event_id (quick_matter);
  g_assert_cmpint (hole, <, quick);
  pump (c, 300);
  g_assert_cmpuint (count_id (c, quick), ==, 0);

  g_free (writer_exec (slow, "ROLLBACK"));
  g_assert_nonnull (wait_for_id (c, quick, 1000));
  pump (c, 200);
  g_assert_cmpuint (count_id (c, quick), ==, 1);
  g_assert_cmpuint (count_id (c, hole), ==, 0);
  assert_ids_increase (c);

  PQfinish (slow);
  jf_test_stream_free (c);
}

static void
test_bad_token_refused (void)
{
  JfTestStream *c = client_new (env->server, CLERK, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", -1);
  g_autoptr(JfTestResponse) plain = jf_test_request (env->server, "GET", "/v1/stream",
                                                     jf_test_env_token (env, CLERK), NULL);

  g_assert_null (c->ws);
  g_assert_nonnull (c->error);
  jf_test_stream_free (c);
  /* Without an upgrade it is no WebSocket: 400. */
  g_assert_cmpuint (plain->status, ==, 400);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/stream/delivered-within-a-second", test_delivered_within_a_second);
  g_test_add_func ("/jfd/stream/scope", test_scope);
  g_test_add_func ("/jfd/stream/catch-up-after-reconnect", test_catch_up_after_reconnect);
  g_test_add_func ("/jfd/stream/across-processes", test_across_processes);
  g_test_add_func ("/jfd/stream/whistle-reaches-department", test_whistle_reaches_department);
  g_test_add_func ("/jfd/stream/out-of-order-commits", test_out_of_order_commits);
  g_test_add_func ("/jfd/stream/older-transaction-writes-later",
                   test_older_transaction_writes_later);
  g_test_add_func ("/jfd/stream/rolled-back-hole", test_rolled_back_hole);
  g_test_add_func ("/jfd/stream/bad-token-refused", test_bad_token_refused);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
