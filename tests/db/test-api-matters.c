/* test-api-matters.c: registering, reading, moving and listing matters through the API,
 * against a real jiefend and PostgreSQL; every refused input is checked to have written
 * nothing, in the database.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

static JfTestEnv *env;

#define TOWNSHIP "220402001"
#define CLERK "chuangkou"

typedef struct
{
  gint64 matters;
  gint64 parties;
  gint64 events;
  gint64 registered;
} Counts;

static Counts
count_rows (void)
{
  Counts c = {
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.matters"),
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.parties"),
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.events"),
    jf_test_env_sql_int (env, "SELECT count(*) FROM jf.events WHERE kind = 'registered'"),
  };
  return c;
}

static void
assert_unchanged (Counts before)
{
  Counts after = count_rows ();

  g_assert_cmpint (after.matters, ==, before.matters);
  g_assert_cmpint (after.parties, ==, before.parties);
  g_assert_cmpint (after.events, ==, before.events);
}

static void
test_intake_registers (void)
{
  g_autofree char *body = jf_test_intake_body ("楼上噪音扰民", TOWNSHIP);
  Counts before = count_rows ();
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                 jf_test_env_token (env, CLERK), body);
  g_autofree char *where = NULL;
  gint64 id;

  jf_test_assert_status (r, 201);
  id = jf_test_response_int (r, "id");
  g_assert_true (g_regex_match_simple ("^220402-20[0-9]{2}-[0-9]{6}$",
                                       jf_test_response_string (r, "number"), 0, 0));
  g_assert_cmpstr (jf_test_response_string (r, "status"), ==, "registered");
  /* Masked in every answer by default. */
  g_assert_cmpstr (jf_test_response_string (r, "parties.0.id_number"), ==, "1101**********002X");
  g_assert_cmpstr (jf_test_response_string (r, "parties.0.phone"), ==, "138****0000");
  g_assert_cmpstr (jf_test_response_string (r, "parties.0.birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (jf_test_response_string (r, "deadline.stage"), ==, "acceptance");
  g_assert_nonnull (jf_test_response_get (r, "moves"));
  where = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==, where);

  g_assert_cmpint (count_rows ().matters, ==, before.matters + 1);
  g_assert_cmpint (count_rows ().parties, ==, before.parties + 2);
  /* Its registration on the timeline (and perhaps a risk flag: the test parties share an
   * ID number, a repeat dispute). */
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.events WHERE kind = "
                                             "'registered'"), ==, before.registered + 1);
  /* The ID and phone numbers are nowhere in clear in the table. */
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.parties p "
                                             "WHERE p::text LIKE '%11010519491231002X%' "
                                             "OR p::text LIKE '%13800000000%'"), ==, 0);
}

/* The intake's answer is the matter's document, exactly as reading it back gives it: the
 * intake builds it on its own path, which must not drift from the one every read takes. */
static void
test_intake_answer_is_the_document (void)
{
  const char *body =
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
    "\"title\":\"院墙倒塌纠纷\",\"narrative\":\"邻居院墙倒塌砸坏申请人车辆，双方就赔偿协商未果。\","
    "\"location\":{\"org\":\"" TOWNSHIP "\",\"address\":\"福镇小区5栋\",\"lat\":43.1234567,"
    "\"lng\":125.7654321},\"occurred_on\":\"2026-01-15\","
    "\"risk\":{\"violence\":true,\"group_size\":3,\"minors\":true,\"elderly\":false},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\",\"id_number\":\"11010519491231002X\","
    "\"phone\":\"13800000000\",\"address\":\"福镇小区3栋\"},"
    "{\"role\":\"respondent\",\"name\":\"李四\"},"
    "{\"role\":\"third_party\",\"name\":\"王五\",\"organisation\":\"福镇物业公司\"}]}";
  g_autoptr(JfTestResponse) created = jf_test_request (env->server, "POST", "/v1/matters",
                                                       jf_test_env_token (env, CLERK), body);
  g_autoptr(JfTestResponse) read = NULL;
  g_autofree char *path = NULL;
  g_autofree char *created_text = NULL;
  g_autofree char *read_text = NULL;

  jf_test_assert_status (created, 201);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, jf_test_response_int (created, "id"));
  read = jf_test_request (env->server, "GET", path, jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (read, 200);
  g_assert_nonnull (created->body);
  g_assert_nonnull (read->body);
  /* Compared as JSON, members in any order; the texts are shown when they differ. */
  created_text = json_to_string (created->body, TRUE);
  read_text = json_to_string (read->body, TRUE);
  if (!json_node_equal (created->body, read->body))
    g_assert_cmpstr (created_text, ==, read_text);
  /* What the comparison covers: every part of the document is there. */
  g_assert_cmpstr (jf_test_response_string (created, "parties.2.organisation"), ==,
                   "福镇物业公司");
  g_assert_cmpstr (jf_test_response_string (created, "deadline.stage"), ==, "acceptance");
  g_assert_nonnull (jf_test_response_get (created, "location.lat"));
  g_assert_nonnull (jf_test_response_get (created, "registered.by"));
  g_assert_nonnull (jf_test_response_get (created, "moves"));
}

static void
test_reveal_is_recorded (void)
{
  gint64 id = jf_test_env_register (env, CLERK, "揭示测试", TOWNSHIP);
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "?reveal=true", id);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.events WHERE matter_id = %"
                                          G_GINT64_FORMAT " AND kind = 'personal_data.viewed'",
                                          id);
  g_autoptr(JfTestResponse) whole = NULL;
  g_autoptr(JfTestResponse) refused = NULL;

  whole = jf_test_request (env->server, "GET", path, jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (whole, 200);
  g_assert_cmpstr (jf_test_response_string (whole, "parties.0.id_number"), ==,
                   "11010519491231002X");
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 1);

  /* A grid leader works with masked numbers only, and the refusal records nothing. */
  refused = jf_test_request (env->server, "GET", path, jf_test_env_token (env, "wangge"), NULL);
  g_assert_cmpuint (refused->status, ==, 403);
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 1);
}

typedef struct
{
  const char *name;
  const char *content_type;
  const char *body;           /* NULL: built by the test */
  guint       status;
  const char *code;
  const char *field;
} BadIntake;

static const BadIntake bad_intakes[] = {
  { "malformed", "application/json", "{\"kind\": ", 400, "malformed", NULL },
  { "not-an-object", "application/json", "[1, 2]", 400, "malformed", NULL },
  { "trailing-garbage", "application/json", "{} {}", 400, "malformed", NULL },
  { "wrong-type", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":12,"
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 422, "invalid", "title" },
  { "missing-parties", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"}}", 422, "invalid", "parties" },
  { "unknown-member", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},\"priority\":1,"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 422, "invalid", "priority" },
  { "unknown-kind", "application/json",
    "{\"kind\":\"lawsuit\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 422, "invalid", "kind" },
  { "bad-id-checksum", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"},"
    "{\"role\":\"respondent\",\"name\":\"李四\",\"id_number\":\"110105194912310021\"}]}",
    422, "invalid", "parties[1].id_number" },
  { "unknown-org", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402999\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 422, "invalid", "location.org" },
  { "unknown-category", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"weather\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 422, "invalid", "category" },
  { "huge-number", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"risk\":{\"group_size\":18446744073709551615},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 400, "malformed", NULL },
  { "not-json-number", "application/json",
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},\"risk\":{\"group_size\":0x10},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", 400, "malformed", NULL },
  { "wrong-content-type", "text/plain", "{}", 415, "unsupported_media_type", NULL },
  { "invalid-utf8", "application/json", NULL, 400, "malformed", NULL },
  { "deep-nesting", "application/json", NULL, 400, "malformed", NULL },
  { "oversized", "application/json", NULL, 413, "too_large", NULL },
};

static GBytes *
build_body (const BadIntake *c)
{
  if (c->body != NULL)
    return g_bytes_new_static (c->body, strlen (c->body));
  if (g_str_equal (c->name, "invalid-utf8"))
    {
      static const char text[] = "{\"kind\":\"dispute\",\"title\":\"\xff\xfe\"}";
      return g_bytes_new_static (text, sizeof text - 1);
    }
  if (g_str_equal (c->name, "deep-nesting"))
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append (s, "{\"a\":");
      return g_string_free_to_bytes (s);
    }
  {
    /* Twice the 1 MiB limit. */
    gsize len = 2 * 1024 * 1024;
    char *data = g_malloc (len);

    memset (data, ' ', len);
    data[0] = '{';
    data[len - 1] = '}';
    return g_bytes_new_take (data, len);
  }
}

static void
test_bad_intake (gconstpointer data)
{
  const BadIntake *c = data;
  g_autoptr(GBytes) body = build_body (c);
  Counts before = count_rows ();
  g_autoptr(JfTestResponse) r = jf_test_request_full (env->server, "POST", "/v1/matters",
                                                      jf_test_env_token (env, CLERK),
                                                      c->content_type, body, NULL);

  if (r->status != c->status)
    g_error ("%s: expected %u, got %u: %.*s", c->name, c->status, r->status,
             (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, c->code);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, c->field);
  g_assert_nonnull (jf_test_response_string (r, "error.message"));
  assert_unchanged (before);

  /* jiefend is alive and answering afterwards. */
  {
    g_autoptr(JfTestResponse) health = jf_test_request (env->server, "GET", "/healthz", NULL,
                                                        NULL);
    jf_test_assert_status (health, 200);
  }
}

static void
test_unauthenticated (void)
{
  g_autofree char *body = jf_test_intake_body ("无令牌", TOWNSHIP);
  Counts before = count_rows ();
  g_autoptr(JfTestResponse) none = jf_test_request (env->server, "POST", "/v1/matters", NULL,
                                                    body);
  g_autoptr(JfTestResponse) forged = jf_test_request (
    env->server, "POST", "/v1/matters", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", body);

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpuint (forged->status, ==, 401);
  g_assert_cmpstr (jf_test_response_string (forged, "error.code"), ==, "unauthenticated");
  assert_unchanged (before);
}

typedef struct
{
  const char *key;
  const char *body;
  guint       status;
  gint64      id;
} Retry;

static gpointer
retry_thread (gpointer data)
{
  Retry *retry = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (env->server->base_url, "/v1/matters", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *auth = g_strconcat ("Bearer ", jf_test_env_token (env, CLERK), NULL);
  g_autoptr(GBytes) body = g_bytes_new (retry->body, strlen (retry->body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                retry->key);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, NULL);
  retry->status = soup_message_get_status (msg);
  if (reply != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply),
                                  NULL))
    retry->id = json_object_get_int_member_with_default (
                  json_node_get_object (json_parser_get_root (parser)), "id", 0);
  return NULL;
}

/* A clerk's client retrying one intake eight times at once still makes one matter. */
static void
test_idempotent_under_concurrent_retries (void)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *body = jf_test_intake_body ("并发重试", TOWNSHIP);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.matters "
                                          "WHERE idempotency_key = '%s'", key);
  Retry retries[8];
  GThread *threads[8];
  guint created = 0;

  jf_test_env_token (env, CLERK);
  for (guint i = 0; i < G_N_ELEMENTS (retries); i++)
    {
      retries[i] = (Retry) { key, body, 0, 0 };
      threads[i] = g_thread_new ("retry", retry_thread, &retries[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (retries); i++)
    {
      g_assert_true (retries[i].status == 200 || retries[i].status == 201);
      created += retries[i].status == 201;
      g_assert_cmpint (retries[i].id, ==, retries[0].id);
    }
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 1);
}

static JfTestResponse *
move (gint64      id,
      const char *username,
      const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/transitions", id);

  return jf_test_request (env->server, "POST", path, jf_test_env_token (env, username), body);
}

static void
test_moves_and_conflict (void)
{
  gint64 id = jf_test_env_register (env, CLERK, "冲突测试", TOWNSHIP);
  g_autoptr(JfTestResponse) accepted = move (id, CLERK, "{\"to\":\"accepted\",\"version\":1}");
  g_autoptr(JfTestResponse) stale = NULL;
  g_autoptr(JfTestResponse) stale_refused = NULL;
  g_autoptr(JfTestResponse) stale_edit = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  g_autoptr(JfTestResponse) refused = NULL;
  g_autoptr(JfTestResponse) missing = NULL;
  g_autoptr(JfTestResponse) forbidden = NULL;
  Counts before;

  jf_test_assert_status (accepted, 200);
  g_assert_cmpint (jf_test_response_int (accepted, "version"), ==, 2);

  before = count_rows ();
  /* Someone else acted on version 1 meanwhile: 409, with the matter as it is now. */
  stale = move (id, "tiaojie", "{\"to\":\"in_mediation\",\"version\":1}");
  g_assert_cmpuint (stale->status, ==, 409);
  g_assert_cmpstr (jf_test_response_string (stale, "error.field"), ==, "version");
  g_assert_cmpint (jf_test_response_int (stale, "current.version"), ==, 2);
  g_assert_cmpstr (jf_test_response_string (stale, "current.status"), ==, "accepted");

  /* Stale and also not a move from where the matter is now (registered → accepted,
   * again): still 409, for the refusal would explain a state the caller has not seen. */
  stale_refused = move (id, "tiaojie", "{\"to\":\"accepted\",\"version\":1}");
  g_assert_cmpuint (stale_refused->status, ==, 409);
  g_assert_cmpint (jf_test_response_int (stale_refused, "current.version"), ==, 2);
  stale_edit = jf_test_request (env->server, "PATCH", path, jf_test_env_token (env, CLERK),
                                "{\"version\":1,\"title\":\"迟到的修改\"}");
  g_assert_cmpuint (stale_edit->status, ==, 409);
  g_assert_cmpstr (jf_test_response_string (stale_edit, "error.field"), ==, "version");

  refused = move (id, CLERK, "{\"to\":\"closed\",\"version\":2}");
  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (refused, "error.code"), ==, "refused");

  missing = move (id, CLERK, "{\"to\":\"withdrawn\",\"version\":2}");
  g_assert_cmpuint (missing->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (missing, "error.field"), ==, "fields.reason");

  /* A department liaison makes no lifecycle move, even on a matter it cannot see. */
  forbidden = move (id, "bumen", "{\"to\":\"in_mediation\",\"version\":2}");
  g_assert_cmpuint (forbidden->status, ==, 403);
  assert_unchanged (before);
}

static void
test_edit_and_assign (void)
{
  gint64 id = jf_test_env_register (env, CLERK, "修改测试", TOWNSHIP);
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  gint64 mediator = jf_test_env_sql_int (env, "SELECT id FROM jf.accounts "
                                              "WHERE username = 'tiaojie'");
  gint64 outsider = jf_test_env_sql_int (env, "SELECT id FROM jf.accounts "
                                              "WHERE username = 'wangge'");
  g_autofree char *assign = g_strdup_printf ("{\"version\":1,\"assignee\":%" G_GINT64_FORMAT
                                             ",\"title\":\"修改后的标题\"}", mediator);
  g_autofree char *bad = g_strdup_printf ("{\"version\":2,\"assignee\":%" G_GINT64_FORMAT "}",
                                          outsider);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "PATCH", path,
                                                 jf_test_env_token (env, CLERK), assign);
  g_autoptr(JfTestResponse) r2 = NULL;

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "title"), ==, "修改后的标题");
  g_assert_cmpint (jf_test_response_int (r, "assignee.id"), ==, mediator);
  /* A grid leader works below the centre: not an assignee of the township's matters. */
  r2 = jf_test_request (env->server, "PATCH", path, jf_test_env_token (env, CLERK), bad);
  g_assert_cmpuint (r2->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (r2, "error.field"), ==, "assignee");
}

static void
test_queue_pages_and_search (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *after = NULL;
  guint pages = 0;
  guint found = 0;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("翻页测试 %u", i);
      jf_test_env_register (env, CLERK, title, TOWNSHIP);
    }
  /* Pages of three, with a matter registered between pages: no duplicates, nothing
   * skipped among those that existed when paging began. */
  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/matters?q=%s&limit=3%s%s",
                                               "%E7%BF%BB%E9%A1%B5", after != NULL ? "&after=" : "",
                                               after != NULL ? after : "");
      g_autoptr(JfTestResponse) page = jf_test_request (env->server, "GET", path,
                                                        jf_test_env_token (env, CLERK), NULL);
      JsonArray *items;
      JsonNode *next;

      jf_test_assert_status (page, 200);
      items = json_node_get_array (jf_test_response_get (page, "items"));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 *id = g_new (gint64, 1);

          *id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          found++;
        }
      if (pages++ == 0)
        jf_test_env_register (env, CLERK, "翻页测试 新的", TOWNSHIP);
      next = jf_test_response_get (page, "next");
      g_clear_pointer (&after, g_free);
      if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
        after = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (next));
    }
  while (after != NULL);
  g_assert_cmpuint (found, ==, 7);

  /* One- and two-character Chinese queries find what they should. */
  {
    g_autoptr(JfTestResponse) one = jf_test_request (env->server, "GET",
                                                     "/v1/matters?q=%E5%BC%A0&limit=200",
                                                     jf_test_env_token (env, CLERK), NULL);
    g_autoptr(JfTestResponse) two = jf_test_request (env->server, "GET",
                                                     "/v1/matters?q=%E5%99%AA%E9%9F%B3",
                                                     jf_test_env_token (env, CLERK), NULL);
    g_autoptr(JfTestResponse) none = jf_test_request (env->server, "GET",
                                                      "/v1/matters?q=%E9%BE%99%E5%8D%B7%E9%A3%8E",
                                                      jf_test_env_token (env, CLERK), NULL);

    jf_test_assert_status (one, 200);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (
                        jf_test_response_get (one, "items"))), >=, 8);
    g_assert_nonnull (jf_test_response_get (two, "items.0"));
    g_assert_null (jf_test_response_get (none, "items.0"));
  }
}

static void
test_bad_queue_queries (void)
{
  const char *queries[] = { "/v1/matters?status=lost", "/v1/matters?limit=0",
                            "/v1/matters?limit=1000", "/v1/matters?after=-1",
                            "/v1/matters?created_from=2026-13-01", "/v1/matters?sort=title",
                            "/v1/matters?org=220403" };
  guint expected[] = { 422, 422, 422, 422, 422, 400, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", queries[i],
                                                     jf_test_env_token (env, CLERK), NULL);
      if (r->status != expected[i])
        g_error ("%s: expected %u, got %u", queries[i], expected[i], r->status);
    }
}

static void
test_attachments (void)
{
  gint64 id = jf_test_env_register (env, CLERK, "附件测试", TOWNSHIP);
  static const char pdf[] = "%PDF-1.4\n% jiefen test\n";
  g_autoptr(GBytes) body = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                           "/attachments?filename=%%E7%%8E%%B0%%E5%%9C%%BA.pdf",
                                           id);
  g_autofree char *traversal = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT
                                                "/attachments?filename=..%%2F..%%2Fetc%%2Fpasswd",
                                                id);
  g_autoptr(JfTestResponse) added = jf_test_request_full (env->server, "POST", path,
                                                          jf_test_env_token (env, CLERK),
                                                          "application/pdf", body, NULL);
  g_autoptr(JfTestResponse) lying = jf_test_request_full (env->server, "POST", path,
                                                          jf_test_env_token (env, CLERK),
                                                          "image/png", body, NULL);
  g_autoptr(JfTestResponse) escape = jf_test_request_full (env->server, "POST", traversal,
                                                           jf_test_env_token (env, CLERK),
                                                           "application/pdf", body, NULL);
  g_autofree char *content_path = NULL;
  g_autoptr(JfTestResponse) content = NULL;
  g_autoptr(JfTestResponse) outsider = NULL;
  g_autofree char *outsider_token = NULL;

  jf_test_assert_status (added, 201);
  g_assert_cmpstr (jf_test_response_string (added, "filename"), ==, "现场.pdf");
  g_assert_cmpuint (lying->status, ==, 415);
  g_assert_cmpuint (escape->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (escape, "error.field"), ==, "filename");

  content_path = g_strdup_printf ("/v1/attachments/%" G_GINT64_FORMAT,
                                  jf_test_response_int (added, "id"));
  content = jf_test_request (env->server, "GET", content_path, jf_test_env_token (env, CLERK),
                             NULL);
  jf_test_assert_status (content, 200);
  g_assert_true (g_bytes_equal (content->raw, body));
  /* Another county's supervisor sees neither the matter nor its files. */
  jf_test_env_sql (env, "UPDATE jf.accounts SET org_id = (SELECT id FROM jf.org_units "
                        "WHERE code = '220403') WHERE username = 'xinfang'");
  outsider_token = jf_test_sign_in (env->server, "xinfang", JF_TEST_PASSWORD);
  outsider = jf_test_request (env->server, "GET", content_path, outsider_token, NULL);
  g_assert_cmpuint (outsider->status, ==, 403);
  jf_test_env_sql (env, "UPDATE jf.accounts SET org_id = (SELECT id FROM jf.org_units "
                        "WHERE code = '220402') WHERE username = 'xinfang'");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/api/intake/registers", test_intake_registers);
  g_test_add_func ("/jfd/api/intake/answer-is-the-document", test_intake_answer_is_the_document);
  g_test_add_func ("/jfd/api/intake/reveal-is-recorded", test_reveal_is_recorded);
  g_test_add_func ("/jfd/api/intake/unauthenticated", test_unauthenticated);
  for (guint i = 0; i < G_N_ELEMENTS (bad_intakes); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/api/intake/refused/%s", bad_intakes[i].name);
      g_test_add_data_func (name, &bad_intakes[i], test_bad_intake);
    }
  g_test_add_func ("/jfd/api/intake/idempotent-under-concurrent-retries",
                   test_idempotent_under_concurrent_retries);
  g_test_add_func ("/jfd/api/moves/and-conflict", test_moves_and_conflict);
  g_test_add_func ("/jfd/api/edit-and-assign", test_edit_and_assign);
  g_test_add_func ("/jfd/api/queue/pages-and-search", test_queue_pages_and_search);
  g_test_add_func ("/jfd/api/queue/bad-queries", test_bad_queue_queries);
  g_test_add_func ("/jfd/api/attachments", test_attachments);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
