/* test-faults-two-jiefend.c: two jiefend processes on one database, racing on the same
 * matters
 *
 * Production runs more than one jiefend on a database (a restart overlapping the old
 * process, two hosts behind the proxy). Nothing in one process's memory may stand in for
 * the database's word: the version check of a move must hold across processes, and two
 * clerks who act on the same version of a matter must see one success and one conflict
 * (409, with the matter as it is now), whichever process each reached.
 *
 *  - first-numbers-of-a-year: sixteen intakes at once, half on each process, on a
 *    database where the county has no matter yet this year, and the same race reproduced
 *    in SQL, deterministically.
 *  - same-version: eight clients (four per process) make the same move from the same
 *    version of each of 12 matters at the same instant.
 *  - read-modify-write: eight clients (four per process) each read a matter and move it
 *    from the version they read, 40 times, on 6 matters: a steady stream of stale reads.
 *  - stale-move: the one sequence behind most conflicts, step by step.
 *
 * Proven from the database: a matter's version went up by exactly the number of moves
 * that succeeded, each success returned a version no other success returned, each
 * success left exactly one event; every loser got 409 with the matter as it is now.
 *
 * The first and the last two failed when written (15 of 16 first intakes refused 409; a
 * stale move answered 422 "refused" whenever the status had moved on) and were fixed by
 * 76b9a13 and b726d21: they now guard those fixes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "jf-test-env.h"

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"
#define MEDIATOR "tiaojie"
#define N_RACERS 8
#define N_MATTERS_SAME 12
#define N_MATTERS_RMW 6
#define RMW_ROUNDS 40

static JfTestEnv *env;
static JfTestServer *second;   /* the other jiefend, on the same database */

static JfTestServer *
server_for (guint client)
{
  return client % 2 == 0 ? env->server : second;
}

/* A key file of its own with the same keys: both processes read each other's sealed
 * personal data. The test removes it (a server given a key file leaves it alone). */
static char *
copy_key_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jf-test-keys-XXXXXX", &error);
  g_autofree char *contents = NULL;
  char *copy;
  gsize len;

  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "data-key", NULL);
  g_file_set_contents_full (copy, contents, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
  return copy;
}

/* --- a client per thread, released together ---------------------------------------- */

typedef struct
{
  GMutex lock;
  GCond  cond;
  guint  waiting;
  guint  expected;
  gboolean go;
} Gate;

static void
gate_pass (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  if (++gate->waiting == gate->expected)
    {
      gate->go = TRUE;
      g_cond_broadcast (&gate->cond);
    }
  while (!gate->go)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

typedef struct
{
  guint       status;
  char       *code;      /* error.code */
  char       *field;     /* error.field */
  gint64      version;   /* of the matter answered, or of error's "current" */
  char       *matter_status;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->code, g_free);
  g_clear_pointer (&a->field, g_free);
  g_clear_pointer (&a->matter_status, g_free);
}

static char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? g_strdup (json_node_get_string (node))
                                                      : NULL;
}

/* A request on @session; the answer's status, error and version, whatever they are. */
static void
request (SoupSession  *session,
         JfTestServer *server,
         const char   *method,
         const char   *path,
         const char   *token,
         const char   *body,
         Answer       *out)
{
  g_autofree char *url = g_strconcat (server->base_url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *err, *matter;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  memset (out, 0, sizeof *out);
  out->status = soup_message_get_status (msg);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                   g_bytes_get_size (reply), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  err = json_object_has_member (root, "error") ? json_object_get_object_member (root, "error")
                                               : NULL;
  out->code = member_string (err, "code");
  out->field = member_string (err, "field");
  matter = err == NULL ? root
           : json_object_has_member (root, "current") ? json_object_get_object_member (root,
                                                                                         "current")
           : NULL;
  if (matter != NULL)
    {
      out->version = json_object_get_int_member_with_default (matter, "version", 0);
      out->matter_status = member_string (matter, "status");
    }
}

static char *
matter_path (gint64      id,
             const char *suffix)
{
  return g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "%s", id, suffix);
}

static char *
move_body (const char *from_status,
           gint64      version)
{
  /* The mediation cycle: accepted → in_mediation → accepted (with a reason) → … */
  if (g_strcmp0 (from_status, "accepted") == 0)
    return g_strdup_printf ("{\"to\":\"in_mediation\",\"version\":%" G_GINT64_FORMAT "}",
                            version);
  return g_strdup_printf ("{\"to\":\"accepted\",\"version\":%" G_GINT64_FORMAT ","
                          "\"fields\":{\"reason\":\"双方暂不同意\"}}", version);
}

static gint64
register_accepted (const char *title)
{
  gint64 id = jf_test_env_register (env, CLERK, title, TOWNSHIP);
  g_autofree char *path = matter_path (id, "/transitions");
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", path,
                                                 jf_test_env_token (env, CLERK),
                                                 "{\"to\":\"accepted\",\"version\":1}");

  jf_test_assert_status (r, 200);
  return id;
}

static gint64
sql_int (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static gint64
sql_int (const char *format,
         ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_int (env, sql);
}

/* The moves of the mediation cycle a matter has on its timeline. */
static gint64
cycle_events (gint64 id)
{
  return sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                  " AND kind IN ('move.start_mediation', 'move.end_mediation')", id);
}

/* --- first numbers of a year ---------------------------------------------------------- */

typedef struct
{
  Gate   *gate;
  guint   client;
  Answer  answer;
} Intake;

static gpointer
intake_thread (gpointer data)
{
  Intake *in = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *title = g_strdup_printf ("首号竞争 %u", in->client);
  g_autofree char *body = jf_test_intake_body (title, TOWNSHIP);
  Answer warm;

  /* A connection already open, so that the requests leave together. */
  request (session, server_for (in->client), "GET", "/v1/me", jf_test_env_token (env, CLERK),
           NULL, &warm);
  answer_clear (&warm);
  gate_pass (in->gate);
  request (session, server_for (in->client), "POST", "/v1/matters",
           jf_test_env_token (env, CLERK), body, &in->answer);
  return NULL;
}

/* Two sessions ask for the first number of a county's year at once, in SQL; the second
 * is made to wait until the first commits. Returns the second's SQLSTATE, or "" if it
 * got a number. */
static char *
number_race_in_sql (void)
{
  PGconn *a = PQconnectdb (env->conninfo);
  PGconn *b = PQconnectdb (env->conninfo);
  g_autofree char *pid = NULL;
  PGresult *res;
  char *state;
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_cmpint (PQstatus (a), ==, CONNECTION_OK);
  g_assert_cmpint (PQstatus (b), ==, CONNECTION_OK);
  pid = g_strdup_printf ("%d", PQbackendPID (b));
  PQclear (PQexec (a, "BEGIN"));
  res = PQexec (a, "SELECT jf.next_matter_number('220499', 2031)");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  PQclear (res);
  g_assert_true (PQsendQuery (b, "SELECT jf.next_matter_number('220499', 2031)"));
  /* Until b waits on a's uncommitted sequence (a lock), bounded. */
  while (TRUE)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity "
                                              "WHERE pid = %s AND wait_event_type = 'Lock'",
                                              pid);
      if (jf_test_env_sql_int (env, sql) == 1)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_usleep (10 * 1000);
    }
  PQclear (PQexec (a, "COMMIT"));
  res = PQgetResult (b);
  state = g_strdup (PQresultStatus (res) == PGRES_TUPLES_OK
                    ? "" : PQresultErrorField (res, PG_DIAG_SQLSTATE));
  PQclear (res);
  while ((res = PQgetResult (b)) != NULL)
    PQclear (res);
  PQfinish (a);
  PQfinish (b);
  return state;
}

static void
test_first_numbers_of_a_year (void)
{
  Gate gate = { .expected = 16 };
  Intake intakes[16];
  GThread *threads[16];
  guint created = 0, conflicts = 0;
  g_autofree char *sqlstate = NULL;

  /* This test runs first: the county has no matter yet this year. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters"), ==, 0);
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  for (guint i = 0; i < G_N_ELEMENTS (intakes); i++)
    {
      intakes[i] = (Intake) { &gate, i, { 0, } };
      threads[i] = g_thread_new ("intake", intake_thread, &intakes[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (intakes); i++)
    {
      created += intakes[i].answer.status == 201;
      conflicts += intakes[i].answer.status == 409;
      /* Nothing but a success or the conflict below. */
      g_assert_true (intakes[i].answer.status == 201 || intakes[i].answer.status == 409);
      answer_clear (&intakes[i].answer);
    }
  /* Every 201 is a matter, with a number of its own. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.matters WHERE title LIKE '首号竞争 %%'"),
                   ==, created);
  g_assert_cmpint (sql_int ("SELECT count(DISTINCT number) FROM jf.matters"), ==, created);

  sqlstate = number_race_in_sql ();
  g_test_message ("16 concurrent first intakes of the county's year on two processes: "
                  "%u created, %u refused 409; the same race in SQL: %s", created, conflicts,
                  sqlstate[0] == '\0' ? "both got a number"
                                      : "the second session failed with SQLSTATE");
  if (sqlstate[0] != '\0')
    g_test_message ("SQLSTATE %s", sqlstate);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  /* jf.next_matter_number() once made the sequence with CREATE SEQUENCE IF NOT EXISTS,
   * which a concurrent creator loses with 23505 on pg_class: 15 of 16 refused. */
  g_assert_cmpstr (sqlstate, ==, "");
  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpuint (created, ==, 16);
}

/* --- the same move from the same version, at once ---------------------------------- */

typedef struct
{
  Gate        *gate;
  guint        client;
  const char  *path;
  const char  *body;
  Answer       answer;
} Racer;

static gpointer
racer_thread (gpointer data)
{
  Racer *r = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  Answer warm;

  request (session, server_for (r->client), "GET", "/v1/me",
           jf_test_env_token (env, MEDIATOR), NULL, &warm);
  answer_clear (&warm);
  gate_pass (r->gate);
  request (session, server_for (r->client), "POST", r->path,
           jf_test_env_token (env, MEDIATOR), r->body, &r->answer);
  return NULL;
}

static void
test_same_version (void)
{
  guint conflicts = 0;

  for (guint m = 0; m < N_MATTERS_SAME; m++)
    {
      g_autofree char *title = g_strdup_printf ("同版本竞争 %u", m);
      gint64 id = register_accepted (title);
      g_autofree char *path = matter_path (id, "/transitions");
      g_autofree char *body = move_body ("accepted", 2);
      Gate gate = { .expected = N_RACERS };
      Racer racers[N_RACERS];
      GThread *threads[N_RACERS];
      guint winners = 0;

      g_mutex_init (&gate.lock);
      g_cond_init (&gate.cond);
      for (guint i = 0; i < N_RACERS; i++)
        {
          racers[i] = (Racer) { &gate, i, path, body, { 0, } };
          threads[i] = g_thread_new ("racer", racer_thread, &racers[i]);
        }
      for (guint i = 0; i < N_RACERS; i++)
        g_thread_join (threads[i]);
      for (guint i = 0; i < N_RACERS; i++)
        {
          Answer *a = &racers[i].answer;

          if (a->status == 200)
            {
              winners++;
              g_assert_cmpint (a->version, ==, 3);
            }
          else if (a->status == 409)
            {
              /* The loser is told who won: the matter as it is now. */
              conflicts++;
              g_assert_cmpstr (a->field, ==, "version");
              g_assert_cmpint (a->version, ==, 3);
              g_assert_cmpstr (a->matter_status, ==, "in_mediation");
            }
          else
            g_error ("a racer got %u %s (a stale move is a conflict, 409)", a->status,
                     a->code);
          answer_clear (a);
        }
      /* One winner, whatever the losers were told; the database agrees. */
      g_assert_cmpuint (winners, ==, 1);
      g_assert_cmpint (sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT,
                                id), ==, 3);
      g_assert_cmpint (cycle_events (id), ==, 1);
      g_mutex_clear (&gate.lock);
      g_cond_clear (&gate.cond);
    }
  g_test_message ("%d matters, %d clients each on 2 processes, the same move from version "
                  "2 at once: %d successes (one per matter), %u losers, all answered 409; "
                  "every matter at version 3 with one move event",
                  N_MATTERS_SAME, N_RACERS, N_MATTERS_SAME, conflicts);
}

/* --- read, then move from the version read, many times ------------------------------ */

typedef struct
{
  guint    client;
  gint64  *ids;
  GMutex  *lock;
  GHashTable *versions;   /* "id:version" of each success → TRUE, under lock */
  guint    successes[N_MATTERS_RMW];
  guint    conflicts;
  guint    other;       /* anything but a success or a 409 */
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *w = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  GRand *rand = g_rand_new_with_seed (w->client * 7919);

  for (guint round = 0; round < RMW_ROUNDS; round++)
    {
      guint m = g_rand_int_range (rand, 0, N_MATTERS_RMW);
      g_autofree char *path = matter_path (w->ids[m], "");
      g_autofree char *moves = matter_path (w->ids[m], "/transitions");
      g_autofree char *body = NULL;
      Answer read, moved;

      request (session, server_for (w->client + round), "GET", path,
               jf_test_env_token (env, MEDIATOR), NULL, &read);
      g_assert_cmpuint (read.status, ==, 200);
      body = move_body (read.matter_status, read.version);
      /* The other process, half the time: what one read, the other may be asked to do. */
      request (session, server_for (w->client + round + round / 2), "POST", moves,
               jf_test_env_token (env, MEDIATOR), body, &moved);
      if (moved.status == 200)
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                  w->ids[m], moved.version);

          g_assert_cmpint (moved.version, ==, read.version + 1);
          w->successes[m]++;
          g_mutex_lock (w->lock);
          /* No two successes ever produce the same version of a matter. */
          g_assert_false (g_hash_table_contains (w->versions, key));
          g_hash_table_add (w->versions, g_steal_pointer (&key));
          g_mutex_unlock (w->lock);
        }
      else if (moved.status == 409)
        {
          g_assert_cmpstr (moved.field, ==, "version");
          g_assert_cmpint (moved.version, >, read.version);
          w->conflicts++;
        }
      else
        w->other++;
      answer_clear (&read);
      answer_clear (&moved);
    }
  g_rand_free (rand);
  return NULL;
}

static void
test_read_modify_write (void)
{
  gint64 ids[N_MATTERS_RMW];
  Worker workers[N_RACERS];
  GThread *threads[N_RACERS];
  GMutex lock;
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          NULL);
  guint total = 0, conflicts = 0, other = 0;

  g_mutex_init (&lock);
  for (guint m = 0; m < N_MATTERS_RMW; m++)
    {
      g_autofree char *title = g_strdup_printf ("读改写竞争 %u", m);
      ids[m] = register_accepted (title);
    }
  for (guint t = 0; t < N_RACERS; t++)
    {
      workers[t] = (Worker) { t, ids, &lock, versions, { 0, }, 0, 0 };
      threads[t] = g_thread_new ("worker", worker_thread, &workers[t]);
    }
  for (guint t = 0; t < N_RACERS; t++)
    g_thread_join (threads[t]);

  for (guint m = 0; m < N_MATTERS_RMW; m++)
    {
      guint successes = 0;

      for (guint t = 0; t < N_RACERS; t++)
        successes += workers[t].successes[m];
      total += successes;
      /* No lost update: every success, and only they, moved the version and the
       * timeline. */
      g_assert_cmpint (sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT,
                                ids[m]), ==, 2 + successes);
      g_assert_cmpint (cycle_events (ids[m]), ==, successes);
      {
        g_autofree char *sql = g_strdup_printf ("SELECT status FROM jf.matters WHERE id = %"
                                                G_GINT64_FORMAT, ids[m]);
        g_autofree char *status = jf_test_env_sql_text (env, sql);

        g_assert_cmpstr (status, ==, successes % 2 == 0 ? "accepted" : "in_mediation");
      }
    }
  for (guint t = 0; t < N_RACERS; t++)
    {
      conflicts += workers[t].conflicts;
      other += workers[t].other;
    }
  /* Every loser was told it lost to a newer version, none that its move was refused. */
  g_assert_cmpuint (other, ==, 0);
  g_assert_cmpuint (total + conflicts, ==, N_RACERS * RMW_ROUNDS);
  g_assert_cmpuint (g_hash_table_size (versions), ==, total);
  g_mutex_clear (&lock);
  g_test_message ("%d clients x %d read-then-move rounds on %d matters over 2 processes: "
                  "%u moves succeeded (versions and timelines match, no version produced "
                  "twice), %u losers, all answered 409",
                  N_RACERS, RMW_ROUNDS, N_MATTERS_RMW, total, conflicts);
}

/* --- the sequence behind the 422s ------------------------------------------------------ */

static void
test_stale_move (void)
{
  gint64 id = register_accepted ("过期版本");
  g_autofree char *path = matter_path (id, "/transitions");
  g_autoptr(SoupSession) session = soup_session_new ();
  Answer first, stale;
  gint64 events;

  /* Two mediators read version 2 (accepted). One starts mediation, on process A. */
  request (session, env->server, "POST", path, jf_test_env_token (env, MEDIATOR),
           "{\"to\":\"in_mediation\",\"version\":2}", &first);
  g_assert_cmpuint (first.status, ==, 200);
  events = cycle_events (id);
  /* The other, on process B, acts on what they read: the same move from version 2. */
  request (session, second, "POST", path, jf_test_env_token (env, MEDIATOR),
           "{\"to\":\"in_mediation\",\"version\":2}", &stale);
  g_assert_cmpint (cycle_events (id), ==, events);
  g_assert_cmpint (sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT, id),
                   ==, 3);
  /* Judged against the status it has now (in_mediation → in_mediation is no move), it
   * would be 422 "refused"; it is a conflict, told with the matter as it is now. */
  g_assert_cmpuint (stale.status, ==, 409);
  g_assert_cmpstr (stale.field, ==, "version");
  g_assert_cmpint (stale.version, ==, 3);
  answer_clear (&first);
  answer_clear (&stale);
}

int
main (int argc, char **argv)
{
  int status;
  g_autofree char *key_file = NULL;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  key_file = copy_key_file (env->server->key_file);
  second = jf_test_server_start (env->conninfo, key_file);
  g_assert_cmpuint (second->port, !=, env->server->port);
  /* Sessions are rows: one sign-in serves both processes. */
  jf_test_env_token (env, CLERK);
  jf_test_env_token (env, MEDIATOR);

  g_test_add_func ("/jfd/faults/two-jiefend/first-numbers-of-a-year",
                   test_first_numbers_of_a_year);
  g_test_add_func ("/jfd/faults/two-jiefend/same-version", test_same_version);
  g_test_add_func ("/jfd/faults/two-jiefend/read-modify-write", test_read_modify_write);
  g_test_add_func ("/jfd/faults/two-jiefend/stale-move", test_stale_move);
  status = g_test_run ();
  jf_test_server_free (second);
  jf_test_env_free (env);
  {
    g_autofree char *dir = g_path_get_dirname (key_file);

    g_unlink (key_file);
    g_rmdir (dir);
  }
  return status;
}
