/* test-follow-up.c: the follow-up visit (回访) through the API: an unsatisfied applicant
 * reopens the matter; it closes only after a satisfied visit; refusals write nothing.
 */
#include "config.h"

#include <stdarg.h>

#include "jf-test-env.h"

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"

static JfTestEnv *env;

static JfTestResponse *
call (const char *method,
      const char *token,
      const char *body,
      const char *path_format,
      ...) G_GNUC_PRINTF (4, 5);

static JfTestResponse *
call (const char *method,
      const char *token,
      const char *body,
      const char *path_format,
      ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return jf_test_request (env->server, method, path, token, body);
}

static const char *
clerk (void)
{
  return jf_test_env_token (env, CLERK);
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

static gint64
version_of (gint64 matter)
{
  return sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT, matter);
}

static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT concat_ws(',', (SELECT count(*) FROM jf.followups), "
    " (SELECT count(*) FROM jf.followups WHERE done_at IS NOT NULL), "
    " (SELECT count(*) FROM jf.events), (SELECT count(*) FROM jf.deadlines), "
    " (SELECT count(*) FROM jf.stream_events), (SELECT sum(version) FROM jf.matters), "
    " (SELECT string_agg(status, '' ORDER BY id) FROM jf.matters))");
}

static void
assert_unchanged (const char *before)
{
  g_autofree char *after = snapshot ();

  g_assert_cmpstr (after, ==, before);
}

static guint
move (gint64      matter,
      const char *to,
      const char *fields)
{
  g_autofree char *body = g_strdup_printf ("{\"to\":\"%s\",\"version\":%" G_GINT64_FORMAT
                                           "%s%s}", to, version_of (matter),
                                           fields != NULL ? ",\"fields\":" : "",
                                           fields != NULL ? fields : "");
  g_autoptr(JfTestResponse) r = call ("POST", clerk (), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", matter);

  return r->status;
}

static gint64
resolved_matter (const char *title)
{
  gint64 id = jf_test_env_register (env, CLERK, title, TOWNSHIP);

  g_assert_cmpuint (move (id, "accepted", NULL), ==, 200);
  g_assert_cmpuint (move (id, "resolved", "{\"outcome\":\"当场调解，双方和解\"}"), ==, 200);
  return id;
}

static JfTestResponse *
follow_up (gint64      matter,
           const char *satisfaction,
           const char *note)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"satisfaction\":"
                                           "\"%s\"%s%s%s}", version_of (matter), satisfaction,
                                           note != NULL ? ",\"note\":\"" : "",
                                           note != NULL ? note : "", note != NULL ? "\"" : "");

  return call ("POST", clerk (), body, "/v1/matters/%" G_GINT64_FORMAT "/follow-ups", matter);
}

static void
test_unsatisfied_reopens (void)
{
  gint64 id = resolved_matter ("回访不满意");
  g_autoptr(JfTestResponse) unhappy = NULL;
  g_autoptr(JfTestResponse) happy = NULL;
  g_autoptr(JfTestResponse) list = NULL;
  g_autofree char *reopen_reason = NULL;
  g_autofree char *sql = NULL;

  /* Resolving scheduled the visit; closing waits for it. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.followups WHERE matter_id = %"
                            G_GINT64_FORMAT " AND done_at IS NULL AND due_at > now()", id), ==, 1);
  g_assert_cmpuint (move (id, "closed", NULL), ==, 422);

  unhappy = follow_up (id, "unsatisfied", "对方未按约定赔偿");
  jf_test_assert_status (unhappy, 201);
  g_assert_cmpstr (jf_test_response_string (unhappy, "follow_up.satisfaction"), ==, "unsatisfied");
  g_assert_cmpstr (jf_test_response_string (unhappy, "matter.status"), ==, "accepted");
  /* The reopening is the lifecycle's own move, with the note as its reason. */
  sql = g_strdup_printf ("SELECT data->'fields'->>'reason' FROM jf.events WHERE matter_id = %"
                         G_GINT64_FORMAT " AND kind = 'move.reopen'", id);
  reopen_reason = jf_test_env_sql_text (env, sql);
  g_assert_cmpstr (reopen_reason, ==, "对方未按约定赔偿");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'move.follow_up' AND seq < (SELECT seq FROM jf.events "
                            "WHERE matter_id = %" G_GINT64_FORMAT " AND kind = 'move.reopen')",
                            id, id), ==, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.deadlines WHERE matter_id = %"
                            G_GINT64_FORMAT " AND stage = 'handling' AND state = 'running'", id),
                   ==, 1);

  /* Handled again and resolved again: still not closed until a satisfied visit. */
  g_assert_cmpuint (move (id, "in_mediation", NULL), ==, 200);
  g_assert_cmpuint (move (id, "resolved", "{\"outcome\":\"赔偿已到位\"}"), ==, 200);
  g_assert_cmpuint (move (id, "closed", NULL), ==, 422);
  happy = follow_up (id, "basically_satisfied", NULL);
  jf_test_assert_status (happy, 201);
  g_assert_cmpstr (jf_test_response_string (happy, "matter.status"), ==, "resolved");
  g_assert_cmpuint (move (id, "closed", NULL), ==, 200);

  list = call ("GET", clerk (), NULL, "/v1/matters/%" G_GINT64_FORMAT "/follow-ups", id);
  jf_test_assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list->body)), ==, 2);
  g_assert_cmpstr (jf_test_response_string (list, "0.satisfaction"), ==, "unsatisfied");
  g_assert_cmpstr (jf_test_response_string (list, "1.satisfaction"), ==, "basically_satisfied");
  g_assert_true (json_node_get_boolean (jf_test_response_get (list, "1.on_time")));
}

typedef struct
{
  const char *name;
  const char *who;
  const char *body;     /* %V: the matter's version */
  guint       status;
  const char *field;
} BadFollowUp;

static const BadFollowUp bad_follow_ups[] = {
  { "unsatisfied-without-note", CLERK, "{\"version\":%V,\"satisfaction\":\"unsatisfied\"}", 422,
    "note" },
  { "unknown-satisfaction", CLERK, "{\"version\":%V,\"satisfaction\":\"happy\"}", 422,
    "satisfaction" },
  { "no-satisfaction", CLERK, "{\"version\":%V}", 422, "satisfaction" },
  { "stale-version", CLERK, "{\"version\":1,\"satisfaction\":\"satisfied\"}", 409, "version" },
  { "unknown-member", CLERK, "{\"version\":%V,\"satisfaction\":\"satisfied\",\"score\":5}", 422,
    "score" },
  { "liaison", "bumen", "{\"version\":%V,\"satisfaction\":\"satisfied\"}", 403, NULL },
  { "grid-leader", "wangge", "{\"version\":%V,\"satisfaction\":\"satisfied\"}", 403, NULL },
  { "auditor", "shenji", "{\"version\":%V,\"satisfaction\":\"satisfied\"}", 403, NULL },
};

static void
test_bad_follow_up (gconstpointer data)
{
  const BadFollowUp *bad = data;
  gint64 id = resolved_matter ("错误的回访");
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, version_of (id));
  g_auto(GStrv) parts = g_strsplit (bad->body, "%V", -1);
  g_autofree char *body = g_strjoinv (version, parts);
  g_autofree char *before = snapshot ();
  g_autoptr(JfTestResponse) r = call ("POST", jf_test_env_token (env, bad->who), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/follow-ups", id);

  g_assert_cmpuint (r->status, ==, bad->status);
  if (bad->field != NULL)
    g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  assert_unchanged (before);
}

static void
test_only_when_resolved (void)
{
  gint64 open = jf_test_env_register (env, CLERK, "尚未办结", TOWNSHIP);
  gint64 done = resolved_matter ("回访两次");
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) early = NULL;
  g_autoptr(JfTestResponse) missing = NULL;
  g_autoptr(JfTestResponse) first = NULL;
  g_autoptr(JfTestResponse) closed = NULL;
  g_autoptr(JfTestResponse) list = NULL;

  before = snapshot ();
  early = follow_up (open, "satisfied", NULL);
  g_assert_cmpuint (early->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (early, "error.code"), ==, "refused");
  missing = call ("POST", clerk (), "{\"version\":1,\"satisfaction\":\"satisfied\"}",
                  "/v1/matters/999999/follow-ups");
  g_assert_cmpuint (missing->status, ==, 404);
  list = call ("GET", jf_test_env_token (env, "wangge"), NULL,
               "/v1/matters/%" G_GINT64_FORMAT "/follow-ups", open);
  g_assert_cmpuint (list->status, ==, 403);
  assert_unchanged (before);

  first = follow_up (done, "satisfied", "很满意");
  jf_test_assert_status (first, 201);
  g_assert_cmpuint (move (done, "closed", NULL), ==, 200);
  /* Closed: no more visits. */
  g_free (before);
  before = snapshot ();
  closed = follow_up (done, "satisfied", NULL);
  g_assert_cmpuint (closed->status, ==, 422);
  assert_unchanged (before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/follow-up/unsatisfied-reopens-and-close-waits",
                   test_unsatisfied_reopens);
  for (guint i = 0; i < G_N_ELEMENTS (bad_follow_ups); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/follow-up/refused/%s",
                                               bad_follow_ups[i].name);
      g_test_add_data_func (name, &bad_follow_ups[i], test_bad_follow_up);
    }
  g_test_add_func ("/jfd/follow-up/only-when-resolved", test_only_when_resolved);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
