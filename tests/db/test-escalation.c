/* test-escalation.c: escalation up the levels and hand-down below, through the API:
 * ownership moves with the ancestors, the timeline shows the path, those left behind lose
 * sight of the matter, and every refusal writes nothing.
 */
#include "config.h"

#include <stdarg.h>

#include "jf-test-env.h"

#define COUNTY "220402"
#define TOWNSHIP "220402001"

static JfTestEnv *env;
static char *village;          /* a village of TOWNSHIP */
static char *village_token;    /* a receptionist there, made by the test */
static char *city_token;       /* a supervisor at the city centre, made by the test */

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

static char *
sql_text (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static char *
sql_text (const char *format,
          ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_text (env, sql);
}

static gint64
version_of (gint64 matter)
{
  g_autofree char *text = sql_text ("SELECT version FROM jf.matters WHERE id = %"
                                    G_GINT64_FORMAT, matter);

  return g_ascii_strtoll (text, NULL, 10);
}

static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT concat_ws(',', (SELECT count(*) FROM jf.events), "
    " (SELECT count(*) FROM jf.stream_events), (SELECT sum(version) FROM jf.matters), "
    " (SELECT string_agg(concat_ws('/', org_id, county_id, township_id, village_id, "
    "                              assignee_id), ' ' ORDER BY id) FROM jf.matters))");
}

static void
assert_unchanged (const char *before)
{
  g_autofree char *after = snapshot ();

  g_assert_cmpstr (after, ==, before);
}

static JfTestResponse *
escalate (const char *token,
          gint64      matter,
          const char *reason)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"reason\":\"%s\"}",
                                           version_of (matter), reason);

  return call ("POST", token, body, "/v1/matters/%" G_GINT64_FORMAT "/escalate", matter);
}

static JfTestResponse *
hand_down (const char *token,
           gint64      matter,
           const char *to_org)
{
  g_autofree char *body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"to_org\":\"%s\","
                                           "\"reason\":\"属地化解\"}",
                                           version_of (matter), to_org);

  return call ("POST", token, body, "/v1/matters/%" G_GINT64_FORMAT "/hand-down", matter);
}

static guint
read_status (const char *token,
             gint64      matter)
{
  g_autoptr(JfTestResponse) r = call ("GET", token, NULL, "/v1/matters/%" G_GINT64_FORMAT, matter);

  return r->status;
}

static void
test_village_to_county (void)
{
  gint64 id = jf_test_env_register (env, "cunwei", "村里化解不了的纠纷", village);
  const char *township = jf_test_env_token (env, "chuangkou");
  const char *county = jf_test_env_token (env, "ducha");
  g_autoptr(JfTestResponse) up1 = NULL;
  g_autoptr(JfTestResponse) up2 = NULL;
  g_autoptr(JfTestResponse) events = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ancestors = NULL;
  g_autofree char *told = NULL;
  JsonArray *list;
  guint escalations = 0;

  /* The village escalates to its township, and no longer sees the matter. */
  up1 = escalate (village_token, id, "涉及多户，村里调解不成");
  jf_test_assert_status (up1, 200);
  g_assert_cmpstr (jf_test_response_string (up1, "org.code"), ==, TOWNSHIP);
  g_assert_cmpstr (jf_test_response_string (up1, "status"), ==, "registered");
  g_assert_cmpuint (read_status (village_token, id), ==, 403);
  g_assert_cmpuint (read_status (township, id), ==, 200);
  /* Both centres heard of it. */
  told = sql_text ("SELECT string_agg(o.code, ' ' ORDER BY s.id) FROM jf.stream_events s "
                   "JOIN jf.org_units o ON o.id = s.org_id WHERE s.matter_id = %" G_GINT64_FORMAT
                   " AND s.payload->>'move' = 'escalate'", id);
  path = g_strdup_printf ("%s %s", village, TOWNSHIP);
  g_assert_cmpstr (told, ==, path);

  /* The township escalates to the county. */
  up2 = escalate (township, id, "需县级部门协调");
  jf_test_assert_status (up2, 200);
  g_assert_cmpstr (jf_test_response_string (up2, "org.code"), ==, COUNTY);
  g_assert_cmpuint (read_status (township, id), ==, 403);
  g_assert_cmpuint (read_status (village_token, id), ==, 403);
  g_assert_cmpuint (read_status (county, id), ==, 200);
  ancestors = sql_text ("SELECT concat_ws('/', o.code, (m.county_id = o.id)::text, "
                        "(m.township_id IS NULL)::text, "
                        "(m.village_id IS NULL)::text) FROM jf.matters m JOIN jf.org_units o ON "
                        "o.id = m.org_id WHERE m.id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (ancestors, ==, "220402/true/true/true");

  /* The timeline shows the path: village → township → county. */
  events = call ("GET", county, NULL, "/v1/matters/%" G_GINT64_FORMAT "/events", id);
  jf_test_assert_status (events, 200);
  list = json_node_get_array (events->body);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *event = json_array_get_object_element (list, i);
      JsonObject *data = json_object_get_object_member (event, "data");

      if (g_strcmp0 (json_object_get_string_member (event, "kind"), "move.escalate") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (data, "from_org"), "code"), ==,
                       escalations == 0 ? village : TOWNSHIP);
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (data, "to_org"), "code"), ==,
                       escalations == 0 ? TOWNSHIP : COUNTY);
      g_assert_nonnull (json_object_get_string_member (data, "reason"));
      escalations++;
    }
  g_assert_cmpuint (escalations, ==, 2);
}

static void
test_hand_down (void)
{
  const char *county = jf_test_env_token (env, "ducha");
  gint64 id = jf_test_env_register (env, "ducha", "县里受理后交办", COUNTY);
  g_autoptr(JfTestResponse) down = NULL;
  g_autoptr(JfTestResponse) deeper = NULL;
  g_autoptr(JfTestResponse) assigned = NULL;
  g_autofree char *ducha_id = sql_text ("SELECT id FROM jf.accounts WHERE username = 'ducha'");
  g_autofree char *assign = g_strdup_printf ("{\"version\":1,\"assignee\":%s}", ducha_id);
  g_autofree char *path = NULL;

  /* Assigned at the county; handing down clears it, for the township assigns its own. */
  assigned = call ("PATCH", county, assign, "/v1/matters/%" G_GINT64_FORMAT, id);
  jf_test_assert_status (assigned, 200);

  down = hand_down (county, id, TOWNSHIP);
  jf_test_assert_status (down, 200);
  g_assert_cmpstr (jf_test_response_string (down, "org.code"), ==, TOWNSHIP);
  g_assert_true (JSON_NODE_HOLDS_NULL (jf_test_response_get (down, "assignee")));
  g_assert_cmpuint (read_status (jf_test_env_token (env, "chuangkou"), id), ==, 200);
  /* The county still covers it, and may hand it further down, to a village. */
  deeper = hand_down (county, id, village);
  jf_test_assert_status (deeper, 200);
  g_assert_cmpstr (jf_test_response_string (deeper, "org.code"), ==, village);
  g_assert_cmpuint (read_status (village_token, id), ==, 200);
  path = sql_text ("SELECT string_agg((data->'from_org'->>'code') || '>' || "
                   "(data->'to_org'->>'code'), ' ' ORDER BY seq) FROM jf.events WHERE "
                   "matter_id = %" G_GINT64_FORMAT " AND kind = 'move.hand_down'", id);
  {
    g_autofree char *expected = g_strdup_printf ("220402>220402001 220402001>%s", village);

    g_assert_cmpstr (path, ==, expected);
  }
}

typedef struct
{
  const char *name;
  const char *who;
  const char *path;    /* escalate or hand-down */
  const char *body;    /* %V: the matter's version */
  guint       status;
  const char *field;
} BadTransfer;

static const BadTransfer bad_transfers[] = {
  { "outside-subtree", "ducha", "hand-down",
    "{\"version\":%V,\"to_org\":\"220403001\",\"reason\":\"r\"}", 422, "to_org" },
  { "to-itself", "ducha", "hand-down", "{\"version\":%V,\"to_org\":\"220402\",\"reason\":\"r\"}",
    422, "to_org" },
  { "upwards", "ducha", "hand-down", "{\"version\":%V,\"to_org\":\"220400\",\"reason\":\"r\"}",
    422, "to_org" },
  { "to-a-grid", "ducha", "hand-down",
    "{\"version\":%V,\"to_org\":\"220402001001001\",\"reason\":\"r\"}", 422, "to_org" },
  { "no-such-unit", "ducha", "hand-down",
    "{\"version\":%V,\"to_org\":\"999999\",\"reason\":\"r\"}", 422, "to_org" },
  { "no-reason", "ducha", "hand-down", "{\"version\":%V,\"to_org\":\"220402001\"}", 422,
    "reason" },
  { "blank-reason", "ducha", "escalate", "{\"version\":%V,\"reason\":\"   \"}", 422, "reason" },
  { "stale-version", "ducha", "escalate", "{\"version\":99,\"reason\":\"r\"}", 409, "version" },
  { "no-version", "ducha", "escalate", "{\"reason\":\"r\"}", 422, "version" },
  { "unknown-member", "ducha", "escalate", "{\"version\":%V,\"reason\":\"r\",\"to\":\"x\"}", 422,
    "to" },
  { "liaison", "bumen", "escalate", "{\"version\":%V,\"reason\":\"r\"}", 403, NULL },
  { "another-township", "chuangkou", "escalate", "{\"version\":%V,\"reason\":\"r\"}", 403, NULL },
  { "auditor", "shenji", "escalate", "{\"version\":%V,\"reason\":\"r\"}", 403, NULL },
};

static void
test_bad_transfer (gconstpointer data)
{
  const BadTransfer *bad = data;
  gint64 id = jf_test_env_register (env, "ducha", "县级事项", COUNTY);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, version_of (id));
  g_auto(GStrv) parts = g_strsplit (bad->body, "%V", -1);
  g_autofree char *body = g_strjoinv (version, parts);
  g_autofree char *before = snapshot ();
  g_autoptr(JfTestResponse) r = call ("POST", jf_test_env_token (env, bad->who), body,
                                      "/v1/matters/%" G_GINT64_FORMAT "/%s", id, bad->path);

  g_assert_cmpuint (r->status, ==, bad->status);
  if (bad->field != NULL)
    g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  assert_unchanged (before);
}

static void
test_refused_by_state (void)
{
  gint64 city_matter = jf_test_env_register (env, "shiducha", "市级事项", "220400");
  gint64 township = jf_test_env_register (env, "chuangkou", "已受理进入调解", TOWNSHIP);
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) top = NULL;
  g_autoptr(JfTestResponse) mediating = NULL;
  g_autoptr(JfTestResponse) down = NULL;
  g_autoptr(JfTestResponse) city_down = NULL;
  const char *clerk = jf_test_env_token (env, "chuangkou");
  g_autoptr(JfTestResponse) a = call ("POST", clerk, "{\"to\":\"accepted\",\"version\":1}",
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", township);
  g_autoptr(JfTestResponse) m = call ("POST", clerk, "{\"to\":\"in_mediation\",\"version\":2}",
                                      "/v1/matters/%" G_GINT64_FORMAT "/transitions", township);

  jf_test_assert_status (a, 200);
  jf_test_assert_status (m, 200);
  before = snapshot ();
  /* Nothing is above the city: the lifecycle makes no escalation there. */
  top = escalate (city_token, city_matter, "无处可升");
  g_assert_cmpuint (top->status, ==, 403);
  g_assert_cmpstr (jf_test_response_string (top, "error.code"), ==, "forbidden");
  /* In mediation it may go up, not down. */
  down = hand_down (clerk, township, village);
  g_assert_cmpuint (down->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (down, "error.code"), ==, "refused");
  assert_unchanged (before);
  mediating = escalate (clerk, township, "调解不成，请求上级");
  jf_test_assert_status (mediating, 200);
  g_assert_cmpstr (jf_test_response_string (mediating, "status"), ==, "in_mediation");
  /* And the city hands its own matter down to a county. */
  city_down = hand_down (city_token, city_matter, COUNTY);
  jf_test_assert_status (city_down, 200);
  g_assert_cmpstr (jf_test_response_string (city_down, "org.code"), ==, COUNTY);
}

static char *
make_account (const char *username,
              const char *role,
              const char *org)
{
  g_autofree char *body = g_strdup_printf (
    "{\"username\":\"%s\",\"name\":\"测试人员\",\"roles\":[\"%s\"],\"org\":\"%s\","
    "\"password\":\"%s\"}", username, role, org, JF_TEST_PASSWORD);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/accounts",
                                                 jf_test_env_token (env, "admin"), body);

  jf_test_assert_status (r, 201);
  return jf_test_sign_in (env->server, username, JF_TEST_PASSWORD);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  village = jf_test_env_sql_text (env, "SELECT min(code) FROM jf.org_units WHERE level = "
                                       "'village' AND parent_id = (SELECT id FROM jf.org_units "
                                       "WHERE code = '" TOWNSHIP "')");
  village_token = make_account ("cunwei", "reception", village);
  g_hash_table_insert (env->tokens, g_strdup ("cunwei"), g_strdup (village_token));
  city_token = make_account ("shiducha", "supervisor", "220400");
  g_hash_table_insert (env->tokens, g_strdup ("shiducha"), g_strdup (city_token));
  g_test_add_func ("/jfd/escalation/village-township-county", test_village_to_county);
  g_test_add_func ("/jfd/escalation/hand-down-below", test_hand_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_transfers); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/escalation/refused/%s",
                                               bad_transfers[i].name);
      g_test_add_data_func (name, &bad_transfers[i], test_bad_transfer);
    }
  g_test_add_func ("/jfd/escalation/refused-by-state", test_refused_by_state);
  status = g_test_run ();
  g_free (village);
  g_free (village_token);
  g_free (city_token);
  jf_test_env_free (env);
  return status;
}
