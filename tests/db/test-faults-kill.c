/* test-faults-kill.c: jiefend killed (SIGKILL) twice in the middle of 2,000 intakes
 *
 * A reception client registers 2,000 matters over eight connections, each with its own
 * Idempotency-Key, and retries an intake with the same key until it is acknowledged (201,
 * or 200 for a replay): that is what the desk client does when the network or the server
 * fails under it. jiefend is killed with SIGKILL — no chance to finish, flush or say
 * goodbye — once a third and again once two thirds are acknowledged, and started again
 * on the same port each time.
 *
 * Proven from the database: every one of the 2,000 keys made exactly one matter, with its
 * two parties and its one registration event (no half-written matter survived a kill),
 * and it is the matter the client was told about; an intake whose answer the kill swallowed
 * but whose transaction had committed came back as a replay of that matter, not a second
 * one; and asking again for the intakes acknowledged before the first kill, after both,
 * gets each its own matter back, written nowhere.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

#define N_INTAKES 2000
#define N_CLIENTS 8
#define RETRY_US (20 * 1000)
/* Far above what the run takes (a few seconds), far below the meson timeout. */
#define DEADLINE_S 120
#define CLERK "chuangkou"
#define TOWNSHIP "220402001"

typedef struct
{
  char    key[37];
  gint64  id;            /* the matter acknowledged, 0 until then */
  gint    acked;         /* atomic: id is set */
  guint   attempts;
  gboolean replayed;     /* acknowledged as a replay (200) */
  gboolean failed;       /* an answer that is neither success, 503 nor a lost connection */
  guint   status;        /* the last answer */
  char   *answer;        /* the body of an unexpected answer */
} Intake;

typedef struct
{
  Intake  *intakes;
  guint    n;
  gint     next;              /* atomic: the next intake to take */
  gint     acked;             /* atomic */
  gint     in_flight;         /* atomic: requests sent and not answered */
  gint     transport_errors;  /* atomic: connection refused, reset or cut */
  gint     unavailable;       /* atomic: 503 */
  gboolean replay;            /* ask again for acknowledged intakes: 200 with the same id */
  char    *base_url;
  char    *auth;
  gint64   deadline;
} Load;

static JfTestEnv *env;

static char *
intake_body (guint i)
{
  g_autofree char *title = g_strdup_printf ("断电测试 %04u", i);

  return jf_test_intake_body (title, TOWNSHIP);
}

/* One attempt; TRUE when the intake needs no more attempts. */
static gboolean
send_once (Load        *load,
           SoupSession *session,
           Intake      *in,
           guint        index)
{
  g_autofree char *url = g_strconcat (load->base_url, "/v1/matters", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *body = intake_body (index);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&body), strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  gint64 id = 0;

  soup_message_headers_replace (headers, "Authorization", load->auth);
  soup_message_headers_replace (headers, "Idempotency-Key", in->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  in->attempts++;
  g_atomic_int_inc (&load->in_flight);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_atomic_int_add (&load->in_flight, -1);
  if (reply == NULL)
    {
      g_atomic_int_inc (&load->transport_errors);
      return FALSE;
    }
  in->status = soup_message_get_status (msg);
  if (in->status == 503)
    {
      g_atomic_int_inc (&load->unavailable);
      return FALSE;
    }
  if ((in->status == 200 || in->status == 201) &&
      json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                  g_bytes_get_size (reply), NULL))
    id = json_object_get_int_member_with_default (
           json_node_get_object (json_parser_get_root (parser)), "id", 0);
  if (load->replay)
    {
      /* Asked again after the kills: the same matter, said to be a replay. */
      in->failed = in->status != 200 || id != in->id ||
                   g_strcmp0 (soup_message_headers_get_one (
                                soup_message_get_response_headers (msg),
                                "Idempotent-Replayed"), "true") != 0;
      return TRUE;
    }
  if (id <= 0)
    {
      in->failed = TRUE;
      in->answer = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
      return TRUE;
    }
  in->id = id;
  in->replayed = in->status == 200;
  g_atomic_int_set (&in->acked, 1);
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
    {
      Intake *in = &load->intakes[i];

      while (g_get_monotonic_time () < load->deadline && !send_once (load, session, in, i))
        g_usleep (RETRY_US);
    }
  return NULL;
}

static void
run_load (Load *load,
          void (*during) (Load *load))
{
  GThread *threads[N_CLIENTS];

  load->next = 0;
  for (guint t = 0; t < N_CLIENTS; t++)
    threads[t] = g_thread_new ("client", client_thread, load);
  if (during != NULL)
    during (load);
  for (guint t = 0; t < N_CLIENTS; t++)
    g_thread_join (threads[t]);
}

static void
wait_for_acks (Load *load,
               gint  count)
{
  while (g_atomic_int_get (&load->acked) < count)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, load->deadline);
      g_usleep (1000);
    }
}

static gint acked_at_kill[2];
static gint in_flight_at_kill[2];
static gboolean acked_before_first_kill[N_INTAKES];

/* Two kills, each followed by a start on the same port, while the clients go on. */
static void
kill_twice (Load *load)
{
  guint16 port = env->server->port;

  for (guint k = 0; k < 2; k++)
    {
      wait_for_acks (load, (gint) (k + 1) * N_INTAKES / 3);
      in_flight_at_kill[k] = g_atomic_int_get (&load->in_flight);
      jf_test_server_kill (env->server);
      acked_at_kill[k] = g_atomic_int_get (&load->acked);
      if (k == 0)
        for (guint i = 0; i < N_INTAKES; i++)
          acked_before_first_kill[i] = g_atomic_int_get (&load->intakes[i].acked);
      jf_test_server_restart (env->server);
      g_assert_cmpuint (env->server->port, ==, port);
    }
}

static gint64
sql_count (const char *format,
           ...) G_GNUC_PRINTF (1, 2);

static gint64
sql_count (const char *format,
           ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_int (env, sql);
}

static void
test_kill_during_intakes (void)
{
  g_autofree Intake *intakes = g_new0 (Intake, N_INTAKES);
  g_autofree char *auth = g_strconcat ("Bearer ", jf_test_env_token (env, CLERK), NULL);
  g_autofree char *base_url = NULL;
  g_autoptr(GHashTable) by_key = NULL;
  g_autofree char *rows = NULL;
  g_auto(GStrv) lines = NULL;
  Load load = { 0, };
  gint64 started = g_get_monotonic_time ();
  guint replayed = 0, retried = 0, matched = 0;
  Load again = { 0, };
  g_autofree Intake *asked_again = NULL;
  guint n_again = 0;

  for (guint i = 0; i < N_INTAKES; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_strlcpy (intakes[i].key, uuid, sizeof intakes[i].key);
    }
  /* A copy of the URL: a restart replaces the server's string under the clients. */
  base_url = g_strdup (env->server->base_url);
  load = (Load) { intakes, N_INTAKES, 0, 0, 0, 0, 0, FALSE, base_url, auth,
                  started + DEADLINE_S * G_USEC_PER_SEC };
  run_load (&load, kill_twice);

  for (guint i = 0; i < N_INTAKES; i++)
    {
      if (intakes[i].failed || intakes[i].id <= 0)
        g_error ("intake %u (key %s) was not acknowledged: last answer %u after %u "
                 "attempts: %s", i, intakes[i].key, intakes[i].status, intakes[i].attempts,
                 intakes[i].answer);
      replayed += intakes[i].replayed;
      retried += intakes[i].attempts > 1;
    }
  g_assert_cmpint (load.acked, ==, N_INTAKES);

  /* From the database: one matter per key, none twice, each the one acknowledged. */
  g_assert_cmpint (sql_count ("SELECT count(*) FROM jf.matters WHERE title LIKE '断电测试 %%'"),
                   ==, N_INTAKES);
  g_assert_cmpint (sql_count ("SELECT count(DISTINCT idempotency_key) FROM jf.matters "
                              "WHERE title LIKE '断电测试 %%'"), ==, N_INTAKES);
  rows = jf_test_env_sql_text (env, "SELECT string_agg(idempotency_key::text || ' ' || id, ',') "
                                    "FROM jf.matters WHERE title LIKE '断电测试 %'");
  lines = g_strsplit (rows, ",", -1);
  by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      *space = '\0';
      g_hash_table_insert (by_key, lines[i], space + 1);
    }
  for (guint i = 0; i < N_INTAKES; i++)
    {
      const char *id = g_hash_table_lookup (by_key, intakes[i].key);

      g_assert_nonnull (id);
      g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), ==, intakes[i].id);
      matched++;
    }
  /* Each matter whole: its two parties and its registration, no more, no less (the parties
   * share an ID number: repeat-dispute flags come on top). */
  g_assert_cmpint (sql_count ("SELECT count(*) FROM jf.parties p JOIN jf.matters m "
                              "ON m.id = p.matter_id WHERE m.title LIKE '断电测试 %%'"),
                   ==, 2 * N_INTAKES);
  g_assert_cmpint (sql_count ("SELECT count(*) FROM jf.events e JOIN jf.matters m "
                              "ON m.id = e.matter_id WHERE m.title LIKE '断电测试 %%' "
                              "AND e.kind = 'registered'"),
                   ==, N_INTAKES);

  /* After both kills, the intakes acknowledged before the first are replays of their
   * matters: the key's memory is the database's, not the dead process's. */
  asked_again = g_new0 (Intake, N_INTAKES);
  for (guint i = 0; i < N_INTAKES; i++)
    if (acked_before_first_kill[i])
      asked_again[n_again++] = intakes[i];
  again = (Load) { asked_again, n_again, 0, 0, 0, 0, 0, TRUE, base_url, auth,
                   g_get_monotonic_time () + 60 * G_USEC_PER_SEC };
  run_load (&again, NULL);
  for (guint i = 0; i < n_again; i++)
    if (asked_again[i].failed)
      g_error ("intake %s asked again: answer %u, not a replay of matter %" G_GINT64_FORMAT,
               asked_again[i].key, asked_again[i].status, asked_again[i].id);
  g_assert_cmpint (sql_count ("SELECT count(*) FROM jf.matters WHERE title LIKE '断电测试 %%'"),
                   ==, N_INTAKES);

  g_test_message ("%u intakes; killed after %d and %d acknowledgements (%d and %d requests "
                  "in flight); %u acknowledged in the end in %.1f s, %u of them after a "
                  "retry; %u retries answered as replays (committed, answer lost in a kill); "
                  "%d refused connections or cut answers, %d answers 503; %u matters in the "
                  "database, one per key, 0 duplicates; %u asked again after the kills: "
                  "%u replays of the same matter",
                  N_INTAKES, acked_at_kill[0], acked_at_kill[1], in_flight_at_kill[0],
                  in_flight_at_kill[1], N_INTAKES,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, retried,
                  replayed, load.transport_errors, load.unavailable, matched, n_again,
                  n_again);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/faults/kill-during-intakes", test_kill_during_intakes);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
