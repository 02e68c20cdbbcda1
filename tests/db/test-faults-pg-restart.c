/* test-faults-pg-restart.c: PostgreSQL restarted under load, jiefend left alone
 *
 * Four clients register 800 matters, each with its own Idempotency-Key, and retry a 503 or
 * a cut connection with the same key; a fifth asks GET /healthz (which queries the
 * database) every 20 ms. Once a quarter of the intakes are acknowledged, the test cluster
 * is restarted with "$JF_CLUSTER_SCRIPT" restart "$JF_TEST_CLUSTER": a fast shutdown ends
 * every session and rolls back every transaction in flight, then PostgreSQL starts again.
 * Nobody touches jiefend.
 *
 * Proven: the same jiefend process (same pid, still running) answers again within
 * seconds of PostgreSQL being back, by itself; during the outage every answer was a 503
 * with Retry-After or a success — never a 500 — and came within 2 s (the pool fails fast,
 * nothing waits for connections that are not there); from the database, every
 * acknowledged intake is there exactly once, with its parties, and so are all 800.
 *
 * This test restarts the cluster that every db test uses: meson runs it alone
 * (is_parallel: false).
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

#define N_INTAKES 800
#define N_CLIENTS 4
#define RETRY_US (20 * 1000)
#define PROBE_US (20 * 1000)
#define DEADLINE_S 120
/* An answer slower than this during the outage would be a client left hanging. */
#define MAX_ANSWER_US (2 * G_USEC_PER_SEC)
#define MAX_RECOVERY_US (15 * G_USEC_PER_SEC)
#define CLERK "chuangkou"
#define TOWNSHIP "220402001"

typedef struct
{
  char     key[37];
  gint64   id;          /* the matter acknowledged, 0 until then */
  guint    attempts;
  gboolean replayed;
  gboolean failed;
  guint    status;
  char    *answer;      /* the body of an unexpected answer */
} Intake;

typedef struct
{
  Intake  *intakes;
  guint    n;
  char    *base_url;
  char    *auth;
  gint64   deadline;
  gint     next;              /* atomic */
  gint     acked;             /* atomic */
  gint     stop;              /* atomic: the probe ends */
  GMutex   lock;              /* guards what follows */
  guint    unavailable;       /* 503 answers, intakes and probes */
  guint    bad_unavailable;   /* 503 without Retry-After or "unavailable" */
  guint    transport_errors;
  guint    unexpected;        /* neither success nor 503 */
  char    *unexpected_answer;
  gint64   slowest_us;        /* the slowest answer of all */
  gint64   first_503_us;      /* monotonic time of the first 503 */
  gint64   last_503_us;
  gint64   probes;
  gint64   probes_ok_after_restart;
  gint64   recovered_us;      /* first healthy probe once the restart has returned */
  gint64   restart_done_us;   /* atomic via lock */
} Load;

static JfTestEnv *env;

/* Counts an answer; TRUE when it was a success. */
static gboolean
observe (Load        *load,
         SoupMessage *msg,
         GBytes      *reply,
         gint64       took_us)
{
  guint status = soup_message_get_status (msg);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&load->lock);

  load->slowest_us = MAX (load->slowest_us, took_us);
  if (status == 503)
    {
      const char *retry_after = soup_message_headers_get_one (
        soup_message_get_response_headers (msg), "Retry-After");
      g_autofree char *text = g_strndup (g_bytes_get_data (reply, NULL),
                                         g_bytes_get_size (reply));

      load->unavailable++;
      load->bad_unavailable += retry_after == NULL ||
                               strstr (text, "\"code\":\"unavailable\"") == NULL;
      if (load->first_503_us == 0)
        load->first_503_us = now;
      load->last_503_us = now;
      return FALSE;
    }
  if (status == 200 || status == 201)
    return TRUE;
  load->unexpected++;
  if (load->unexpected_answer == NULL)
    load->unexpected_answer = g_strdup_printf ("%u %.*s", status,
                                               (int) g_bytes_get_size (reply),
                                               (const char *) g_bytes_get_data (reply, NULL));
  return FALSE;
}

static gboolean
send_once (Load        *load,
           SoupSession *session,
           Intake      *in,
           guint        index)
{
  g_autofree char *url = g_strconcat (load->base_url, "/v1/matters", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *title = g_strdup_printf ("重启测试 %04u", index);
  g_autofree char *body = jf_test_intake_body (title, TOWNSHIP);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gint64 start = g_get_monotonic_time ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                load->auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                in->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  in->attempts++;
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  if (reply == NULL)
    {
      g_mutex_lock (&load->lock);
      load->transport_errors++;
      g_mutex_unlock (&load->lock);
      return FALSE;
    }
  in->status = soup_message_get_status (msg);
  if (!observe (load, msg, reply, g_get_monotonic_time () - start))
    {
      if (in->status == 503)
        return FALSE;
      in->failed = TRUE;
      return TRUE;
    }
  if (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                  g_bytes_get_size (reply), NULL))
    in->id = json_object_get_int_member_with_default (
               json_node_get_object (json_parser_get_root (parser)), "id", 0);
  in->replayed = in->status == 200;
  in->failed = in->id <= 0;
  g_atomic_int_inc (&load->acked);
  return TRUE;
}

static gpointer
client_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  gint i;

  while ((i = g_atomic_int_add (&load->next, 1)) < (gint) load->n)
    while (g_get_monotonic_time () < load->deadline &&
           !send_once (load, session, &load->intakes[i], i))
      g_usleep (RETRY_US);
  return NULL;
}

static gpointer
probe_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *url = g_strconcat (load->base_url, "/healthz", NULL);

  while (!g_atomic_int_get (&load->stop) && g_get_monotonic_time () < load->deadline)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) reply = soup_session_send_and_read (session, msg, NULL, NULL);
      gboolean ok = reply != NULL && observe (load, msg, reply,
                                              g_get_monotonic_time () - start);

      g_mutex_lock (&load->lock);
      load->probes++;
      if (reply == NULL)
        load->transport_errors++;
      if (ok && load->restart_done_us != 0)
        {
          load->probes_ok_after_restart++;
          if (load->recovered_us == 0)
            load->recovered_us = g_get_monotonic_time ();
        }
      g_mutex_unlock (&load->lock);
      g_usleep (PROBE_US);
    }
  return NULL;
}

static void
restart_postgresql (gint64 *out_took_us)
{
  const char *script = g_getenv ("JF_CLUSTER_SCRIPT");
  const char *cluster = g_getenv ("JF_TEST_CLUSTER");
  const char *argv[] = { script, "restart", cluster, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int wait_status;

  if (script == NULL || cluster == NULL)
    g_error ("JF_CLUSTER_SCRIPT and JF_TEST_CLUSTER are not set: ./test.sh exports them");
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s restart %s failed: %s", script, cluster, err);
  *out_took_us = g_get_monotonic_time () - start;
}

static void
test_restart_under_load (void)
{
  g_autofree Intake *intakes = g_new0 (Intake, N_INTAKES);
  g_autofree char *auth = g_strconcat ("Bearer ", jf_test_env_token (env, CLERK), NULL);
  g_autofree char *base_url = g_strdup (env->server->base_url);
  g_autofree char *rows = NULL;
  g_auto(GStrv) pairs = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GThread *clients[N_CLIENTS];
  GThread *probe;
  Load load = { 0, };
  gint pid = jf_test_server_get_pid (env->server);
  gint acked_at_restart;
  gint64 started = g_get_monotonic_time ();
  gint64 restart_took_us = 0;
  gint64 restart_began_us;
  guint replayed = 0;

  for (guint i = 0; i < N_INTAKES; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_strlcpy (intakes[i].key, uuid, sizeof intakes[i].key);
    }
  load.intakes = intakes;
  load.n = N_INTAKES;
  load.base_url = base_url;
  load.auth = auth;
  load.deadline = started + DEADLINE_S * G_USEC_PER_SEC;
  g_mutex_init (&load.lock);
  for (guint t = 0; t < N_CLIENTS; t++)
    clients[t] = g_thread_new ("client", client_thread, &load);
  probe = g_thread_new ("probe", probe_thread, &load);

  while (g_atomic_int_get (&load.acked) < N_INTAKES / 4)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, load.deadline);
      g_usleep (1000);
    }
  acked_at_restart = g_atomic_int_get (&load.acked);
  restart_began_us = g_get_monotonic_time ();
  restart_postgresql (&restart_took_us);
  g_mutex_lock (&load.lock);
  load.restart_done_us = g_get_monotonic_time ();
  g_mutex_unlock (&load.lock);

  for (guint t = 0; t < N_CLIENTS; t++)
    g_thread_join (clients[t]);
  /* The probe goes on until it has seen jiefend healthy again, however long the clients
   * took. */
  while (TRUE)
    {
      gint64 recovered;

      g_mutex_lock (&load.lock);
      recovered = load.recovered_us;
      g_mutex_unlock (&load.lock);
      if (recovered != 0 || g_get_monotonic_time () > load.restart_done_us + MAX_RECOVERY_US)
        break;
      g_usleep (10 * 1000);
    }
  g_atomic_int_set (&load.stop, 1);
  g_thread_join (probe);

  /* The same process throughout, healthy by itself. */
  g_assert_nonnull (env->server->process);
  if (g_subprocess_get_identifier (env->server->process) == NULL)
    g_error ("jiefend exited while PostgreSQL restarted");
  g_assert_cmpint (jf_test_server_get_pid (env->server), ==, pid);
  if (load.recovered_us == 0)
    g_error ("jiefend did not answer /healthz with 200 within %d s of PostgreSQL's restart",
             (int) (MAX_RECOVERY_US / G_USEC_PER_SEC));
  /* The outage was seen, and answered as one: fast 503s with Retry-After, nothing else. */
  g_assert_cmpuint (load.unavailable, >, 0);
  g_assert_cmpuint (load.bad_unavailable, ==, 0);
  if (load.unexpected > 0)
    g_error ("%u answers were neither a success nor a 503, the first: %s", load.unexpected,
             load.unexpected_answer);
  g_assert_cmpint (load.slowest_us, <, MAX_ANSWER_US);

  /* From the database: every intake acknowledged, each exactly once. */
  for (guint i = 0; i < N_INTAKES; i++)
    {
      if (intakes[i].failed || intakes[i].id <= 0)
        g_error ("intake %u (%s) was not acknowledged: answer %u after %u attempts", i,
                 intakes[i].key, intakes[i].status, intakes[i].attempts);
      replayed += intakes[i].replayed;
    }
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.matters "
                                             "WHERE title LIKE '重启测试 %'"), ==, N_INTAKES);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(DISTINCT idempotency_key) "
                                             "FROM jf.matters WHERE title LIKE '重启测试 %'"),
                   ==, N_INTAKES);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.parties p "
                                             "JOIN jf.matters m ON m.id = p.matter_id "
                                             "WHERE m.title LIKE '重启测试 %'"),
                   ==, 2 * N_INTAKES);
  rows = jf_test_env_sql_text (env, "SELECT string_agg(idempotency_key::text || '=' || id, ',') "
                                    "FROM jf.matters WHERE title LIKE '重启测试 %'");
  pairs = g_strsplit (rows, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');

      *equals = '\0';
      g_hash_table_insert (by_key, pairs[i], equals + 1);
    }
  for (guint i = 0; i < N_INTAKES; i++)
    g_assert_cmpint (g_ascii_strtoll (g_hash_table_lookup (by_key, intakes[i].key), NULL, 10),
                     ==, intakes[i].id);

  g_test_message ("%u intakes by %u clients; PostgreSQL restarted after %d "
                  "acknowledgements, the restart took %.2f s; 503s seen from %.2f s to "
                  "%.2f s after it began (%u answers 503, all with Retry-After, %u cut "
                  "connections, 0 other errors); slowest answer of the run %.0f ms; jiefend "
                  "(pid %d, not restarted) healthy %.2f s after PostgreSQL was back; "
                  "%" G_GINT64_FORMAT " health probes; %u acknowledged in the end, %u of them "
                  "replays (committed before their answer was lost); %u matters in the "
                  "database, one per key, 0 duplicates; %.1f s in all",
                  N_INTAKES, N_CLIENTS, acked_at_restart, restart_took_us / 1e6,
                  (load.first_503_us - restart_began_us) / 1e6,
                  (load.last_503_us - restart_began_us) / 1e6, load.unavailable,
                  load.transport_errors, load.slowest_us / 1e3, pid,
                  (load.recovered_us - load.restart_done_us) / 1e6, load.probes, N_INTAKES,
                  replayed, N_INTAKES, (g_get_monotonic_time () - started) / 1e6);
  g_mutex_clear (&load.lock);
  g_free (load.unexpected_answer);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/faults/postgresql-restart-under-load", test_restart_under_load);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
