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

#define SEARCH_DOC "(m.title || ' ' || m.narrative || ' ' || m.party_names)"
#define IN_TOWNSHIP "m.township_id = (SELECT id FROM jf.org_units WHERE code = '" TOWNSHIP "')"

/* Every matter the queue lists for @query, following "next" from page to page: the ids,
 * newest first, checked to come once each and in order. */
static char *
listed_ids (const char *user,
            const char *query,
            guint       limit)
{
  GString *ids = g_string_new (NULL);
  g_autofree char *after = NULL;
  gint64 last = G_MAXINT64;

  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/matters?%s&limit=%u%s%s", query, limit,
                                               after != NULL ? "&after=" : "",
                                               after != NULL ? after : "");
      g_autoptr(JfTestResponse) page = jf_test_request (env->server, "GET", path,
                                                        jf_test_env_token (env, user), NULL);
      JsonArray *items;
      JsonNode *next;
      guint n;

      jf_test_assert_status (page, 200);
      items = json_node_get_array (jf_test_response_get (page, "items"));
      n = json_array_get_length (items);
      g_assert_cmpuint (n, <=, limit);
      for (guint i = 0; i < n; i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");

          g_assert_cmpint (id, <, last);
          last = id;
          g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "", id);
        }
      next = jf_test_response_get (page, "next");
      g_clear_pointer (&after, g_free);
      if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
        {
          /* The cursor is the last matter of a full page. */
          g_assert_cmpuint (n, ==, limit);
          g_assert_cmpint (json_node_get_int (next), ==, last);
          after = g_strdup_printf ("%" G_GINT64_FORMAT, last);
        }
      else
        g_assert_cmpuint (n, <, limit);
    }
  while (after != NULL);
  return g_string_free (ids, FALSE);
}

/* What a search must find, by the definition, scanning every matter of @scope: each word
 * (no quotes in them) is in the text, and the gram index can find it. */
static char *
matching_ids (const char         *scope,
              const char * const *words)
{
  g_autoptr(GString) sql = g_string_new ("SELECT coalesce(string_agg(m.id::text, ',' "
                                         "ORDER BY m.id DESC), '') FROM jf.matters m WHERE ");

  g_string_append (sql, scope);
  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (sql, " AND jf.grams" SEARCH_DOC " @> jf.query_grams('%s') "
                                 "AND strpos(lower" SEARCH_DOC ", lower('%s')) > 0",
                            words[i], words[i]);
  return jf_test_env_sql_text (env, sql->str);
}

/* Registers, through the API, a matter of the township with these texts: a word may be
 * in any of them. */
static gint64
register_texts (const char *title,
                const char *narrative,
                const char *applicant)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
    "\"title\":\"%s\",\"narrative\":\"%s\","
    "\"location\":{\"org\":\"" TOWNSHIP "\",\"address\":\"福镇小区3栋\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"%s\"},"
    "{\"role\":\"respondent\",\"name\":\"李四\"}]}", title, narrative, applicant);
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                 jf_test_env_token (env, CLERK), body);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

/* "q=" and the words, escaped and joined by spaces. */
static char *
search_query (const char * const *words)
{
  GString *query = g_string_new ("q=");

  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *escaped = g_uri_escape_string (words[w], NULL, FALSE);

      g_string_append_printf (query, "%s%s", w > 0 ? "%20" : "", escaped);
    }
  return g_string_free (query, FALSE);
}

typedef struct
{
  const char *user;
  const char *scope;    /* SQL: the user's matters */
  const char *words[3];
  const char *extra;    /* more of the query string, or NULL */
} Search;

static const Search searches[] = {
  { CLERK, IN_TOWNSHIP, { "骉" } },
  { CLERK, IN_TOWNSHIP, { "犇焱" } },
  { CLERK, IN_TOWNSHIP, { "骉犇焱" } },
  { CLERK, IN_TOWNSHIP, { "骉犇焱垚" } },
  { CLERK, IN_TOWNSHIP, { "骉犇焱垚鑫淼" } },
  { CLERK, IN_TOWNSHIP, { "abc公司" } },
  { CLERK, IN_TOWNSHIP, { "KTV" } },
  { CLERK, IN_TOWNSHIP, { "骉", "Abc" } },
  { CLERK, IN_TOWNSHIP, { "淼" } },
  { CLERK, IN_TOWNSHIP, { "xyz" } },
  { CLERK, IN_TOWNSHIP, { "淼", "Xyz" } },
  { CLERK, IN_TOWNSHIP, { "鑫" } },
  { CLERK, IN_TOWNSHIP, { "垚" } },
  { CLERK, IN_TOWNSHIP " AND m.status = 'registered'", { "骉" }, "status=registered" },
  { CLERK, IN_TOWNSHIP " AND m.status NOT IN ('not_accepted', 'closed', 'withdrawn')",
    { "淼" }, "status=open" },
  { "ducha", "m.county_id = (SELECT id FROM jf.org_units WHERE code = '220402')",
    { "淼", "XYZ" } },
  { "admin", "TRUE", { "骉" } },
  { "admin", "TRUE", { "骉犇焱垚" } },
  { "admin", "TRUE", { "abc公司" } },
};

/* Each search gives exactly the matters that the definition finds, newest first, once
 * each, page by page; for words in thousands of matters the pages are larger. */
static void
check_searches (gboolean all_found)
{
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      const Search *s = &searches[i];
      g_autofree char *want = matching_ids (s->scope, s->words);
      g_autofree char *words = search_query (s->words);
      g_autofree char *query = s->extra != NULL ? g_strdup_printf ("%s&%s", words, s->extra)
                                                : g_strdup (words);
      gboolean many = strlen (want) > 2000;
      const guint limits[] = { many ? 50 : 2, many ? 200 : 50 };

      if (all_found)
        g_assert_cmpstr (want, !=, "");
      for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
        {
          g_autofree char *got = listed_ids (s->user, query, limits[l]);

          if (g_strcmp0 (got, want) != 0)
            g_error ("%s as %s, %u a page: listed [%s], expected [%s]", query, s->user,
                     limits[l], got, want);
        }
    }
}

/* Whether @id is one of the comma-separated @ids. */
static gboolean
listed (const char *ids,
        gint64      id)
{
  g_auto(GStrv) each = g_strsplit (ids, ",", -1);

  for (guint i = 0; each[i] != NULL; i++)
    if (g_ascii_strtoll (each[i], NULL, 10) == id)
      return TRUE;
  return FALSE;
}

/* The ids, newest first, joined by commas. */
static char *
ids_text (const gint64 *ids,
          guint         n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return g_string_free (text, FALSE);
}

static void
test_search_words (void)
{
  gint64 whole = jf_test_env_register (env, CLERK, "骉犇焱垚鑫淼事件", TOWNSHIP);
  gint64 apart = jf_test_env_register (env, CLERK, "骉犇，犇焱，焱垚", TOWNSHIP);
  gint64 latin = jf_test_env_register (env, CLERK, "KTV与ABC公司纠纷", TOWNSHIP);
  gint64 both = jf_test_env_register (env, CLERK, "骉牌abc公司", TOWNSHIP);
  gint64 in_narrative = register_texts ("院墙纠纷", "邻居说骉马场的围栏倒了。", "赵六");
  gint64 in_party = register_texts ("院墙纠纷", "围栏倒塌。", "骉小明");
  gint64 formula = jf_test_env_register (env, CLERK, "公式a+b记录", TOWNSHIP);
  g_autofree char *filler = NULL;
  g_autofree char *elsewhere = NULL;

  /* One character, in a title, a narrative or a party's name; not in the next township. */
  {
    const gint64 expected[] = { in_party, in_narrative, both, apart, whole };
    g_autofree char *want = ids_text (expected, G_N_ELEMENTS (expected));
    g_autofree char *got = listed_ids (CLERK, "q=%E9%AA%89", 50);  /* 骉 */

    g_assert_cmpstr (got, ==, want);
  }
  /* A phrase is found whole: its bigrams apart, in another matter, are not it. */
  {
    g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
    g_autofree char *got = listed_ids (CLERK, "q=%E9%AA%89%E7%8A%87%E7%84%B1%E5%9E%9A", 50);

    g_assert_cmpstr (got, ==, want);
  }
  /* Latin letters in any case, and Chinese with them. */
  {
    const gint64 expected[] = { both, latin };
    g_autofree char *want = ids_text (expected, G_N_ELEMENTS (expected));
    g_autofree char *got = listed_ids (CLERK, "q=aBc%E5%85%AC%E5%8F%B8", 50);  /* aBc公司 */

    g_assert_cmpstr (got, ==, want);
  }
  /* Two words: a matter must hold both. */
  {
    g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, both);
    g_autofree char *got = listed_ids (CLERK, "q=%E9%AA%89%20ABC", 50);  /* 骉 ABC */

    g_assert_cmpstr (got, ==, want);
  }
  /* Two characters are a gram of their own: both matters hold it. */
  {
    const gint64 expected[] = { apart, whole };
    g_autofree char *want = ids_text (expected, G_N_ELEMENTS (expected));
    g_autofree char *got = listed_ids (CLERK, "q=%E7%8A%87%E7%84%B1", 50);  /* 犇焱 */

    g_assert_cmpstr (got, ==, want);
  }
  /* A word that the text's punctuation splits is not found whole, as before. */
  {
    g_autofree char *got = listed_ids (CLERK, "q=a%2Bb", 50);  /* a+b */

    g_assert_false (listed (got, formula));
  }

  /* Matters of the next township hold the words too: the township never sees them. */
  elsewhere = g_strdup_printf (
    "INSERT INTO jf.matters (number, kind, category, source, title, narrative, org_id, "
    "county_id, township_id, village_id, place_org_id, created_by, registered_level, "
    "registered_org_id, party_names) "
    "SELECT format('220402-1998-%%s', lpad(g::text, 6, '0')), m.kind, m.category, m.source, "
    "'邻镇骉淼Xyz' || g, m.narrative, o.id, o.county_id, o.township_id, o.village_id, o.id, "
    "m.created_by, m.registered_level, m.registered_org_id, m.party_names "
    "FROM jf.matters m, jf.org_units o, generate_series(1, 3) AS g "
    "WHERE m.id = %" G_GINT64_FORMAT " AND o.code = '220402002001001' ORDER BY g", whole);
  jf_test_env_sql (env, elsewhere);
  check_searches (FALSE);

  /* Some 23,000 newer matters in the township, so that searches cross each step (see
   * SEARCH_WINDOW_TOWNSHIP and the others in server/jfd-engine-queue.c): the newest 4,000
   * are tested directly, for a lowered word 800; then the gram index is asked for up to
   * 1,000 matches; then the next 16,000 (3,200) are tested; then the index finds all.
   * The two newest hold 骉, a rare word that the index finds at once. 淼 and Xyz are in
   * the 2,100 oldest, more than the index is asked for at first and older than both
   * windows, and in ten matters amid the older window, too few to fill a page of 50
   * there; 垚 in the same 2,100 and in a hundred matters amid the older window, which
   * fill the page; 鑫 only in the newest window, in one matter of 100. */
  filler = g_strdup_printf (
    "INSERT INTO jf.matters (number, kind, category, source, title, narrative, org_id, "
    "county_id, township_id, village_id, place_org_id, created_by, registered_level, "
    "registered_org_id, party_names) "
    "SELECT format('220402-1999-%%s', lpad(g::text, 6, '0')), kind, category, source, "
    "CASE WHEN g > 22998 THEN '填充骉' "
    "WHEN g <= 2100 THEN '填充淼垚Xyz' WHEN g BETWEEN 10000 AND 10009 THEN '填充淼Xyz' "
    "WHEN g BETWEEN 12000 AND 12099 THEN '填充垚' "
    "WHEN g > 19000 AND g %% 100 = 0 THEN '填充鑫' ELSE '填充' END || g, "
    "narrative, org_id, county_id, township_id, village_id, place_org_id, created_by, "
    "registered_level, registered_org_id, party_names "
    "FROM jf.matters, generate_series(1, 23000) AS g WHERE id = %" G_GINT64_FORMAT
    " ORDER BY g", whole);
  jf_test_env_sql (env, filler);
  check_searches (TRUE);
  /* The township's search never lists the next township's matters. */
  {
    g_autofree char *ours = listed_ids (CLERK, "q=%E9%82%BB%E9%95%87", 50);  /* 邻镇 */
    g_autofree char *city = listed_ids ("admin", "q=%E9%82%BB%E9%95%87", 50);
    g_auto(GStrv) each = g_strsplit (city, ",", -1);

    g_assert_cmpstr (ours, ==, "");
    g_assert_cmpuint (g_strv_length (each), ==, 3);
  }
  /* A word in nearly every matter: the first pages come straight from the newest. */
  {
    const char *noise[] = { "噪音", NULL };
    g_autofree char *want = matching_ids (IN_TOWNSHIP, noise);
    g_autofree char *got = listed_ids (CLERK, "q=%E5%99%AA%E9%9F%B3", 200);

    g_assert_cmpstr (got, ==, want);
  }
}

/* Pages stay put while matters are registered: a newer match is not on a later page, and
 * every match that was there when paging began comes once, in order, even where the
 * pages cross from the newest matters tested directly to those the gram index finds. */
static void
test_search_pages_while_registering (void)
{
  const char *words[] = { "淼", NULL };
  g_autofree char *want = matching_ids (IN_TOWNSHIP, words);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autofree char *after = NULL;
  guint pages = 0;

  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/matters?q=%%E6%%B7%%BC&limit=200%s%s",
                                               after != NULL ? "&after=" : "",
                                               after != NULL ? after : "");
      g_autoptr(JfTestResponse) page = jf_test_request (env->server, "GET", path,
                                                        jf_test_env_token (env, CLERK), NULL);
      JsonArray *items;
      JsonNode *next;

      jf_test_assert_status (page, 200);
      items = json_node_get_array (jf_test_response_get (page, "items"));
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_string_append_printf (got, "%s%" G_GINT64_FORMAT, got->len > 0 ? "," : "",
                                json_object_get_int_member (
                                  json_array_get_object_element (items, i), "id"));
      /* A new match after each of the first pages. */
      if (pages++ < 3)
        jf_test_env_register (env, CLERK, "新登记的淼", TOWNSHIP);
      next = jf_test_response_get (page, "next");
      g_clear_pointer (&after, g_free);
      if (next != NULL && !JSON_NODE_HOLDS_NULL (next))
        after = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (next));
    }
  while (after != NULL);
  g_assert_cmpuint (pages, >=, 10);
  g_assert_cmpstr (got->str, ==, want);
}

static void
test_statuses_in_order (void)
{
  static const struct
  {
    const char *user;
    const char *query;
    const char *where;
  } queues[] = {
    { CLERK, "status=open", IN_TOWNSHIP " AND m.status NOT IN ('not_accepted', 'closed', "
                            "'withdrawn')" },
    { CLERK, "status=registered,registered", IN_TOWNSHIP " AND m.status = 'registered'" },
    { CLERK, "status=accepted,registered", IN_TOWNSHIP " AND m.status IN ('accepted', "
                                           "'registered')" },
    { CLERK, "status=closed", IN_TOWNSHIP " AND m.status = 'closed'" },
    { "ducha", "status=open", "m.county_id = (SELECT id FROM jf.org_units WHERE code = "
                              "'220402') AND m.status NOT IN ('not_accepted', 'closed', "
                              "'withdrawn')" },
    { "admin", "status=accepted,registered", "m.status IN ('accepted', 'registered')" },
  };

  /* Some matters of the township in another status than the one they were registered in. */
  jf_test_env_sql (env, "UPDATE jf.matters SET status = 'accepted' "
                        "WHERE title LIKE '填充%' AND id % 7 = 0");
  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce(string_agg(m.id::text, ',' "
                                              "ORDER BY m.id DESC), '') FROM jf.matters m "
                                              "WHERE %s", queues[i].where);
      g_autofree char *want = jf_test_env_sql_text (env, sql);
      g_autofree char *got = listed_ids (queues[i].user, queues[i].query, 200);

      g_assert_cmpstr (got, ==, want);
    }
}

#define VILLAGE "220402001001"
#define ORG_ID(code) "(SELECT id FROM jf.org_units WHERE code = '" code "')"

/* own=true: the matters that the unit's own centre owns, none from the units below it,
 * with the other filters and page by page; within the caller's scope only. */
static void
test_own_centre (void)
{
  static const struct
  {
    const char *user;
    const char *query;
    const char *where;
  } queues[] = {
    { CLERK, "own=true", "m.org_id = " ORG_ID (TOWNSHIP) },
    { CLERK, "own=true&status=open&overdue=true",
      "m.org_id = " ORG_ID (TOWNSHIP) " AND m.status NOT IN ('not_accepted', 'closed', "
      "'withdrawn') AND m.next_deadline_at < now()" },
    { CLERK, "own=true&status=registered", "m.org_id = " ORG_ID (TOWNSHIP)
                                           " AND m.status = 'registered'" },
    { CLERK, "own=false", IN_TOWNSHIP },
    { CLERK, "org=" VILLAGE "&own=true", "m.org_id = " ORG_ID (VILLAGE) },
    { "ducha", "org=" TOWNSHIP "&own=true&status=open",
      "m.org_id = " ORG_ID (TOWNSHIP) " AND m.status NOT IN ('not_accepted', 'closed', "
      "'withdrawn')" },
    { "ducha", "own=true", "m.org_id = " ORG_ID ("220402") },
  };
  gint64 below = jf_test_env_register (env, CLERK, "本级测试 村里的", TOWNSHIP);
  gint64 late = jf_test_env_register (env, CLERK, "本级测试 超期的", TOWNSHIP);
  g_autofree char *move = g_strdup_printf ("UPDATE jf.matters SET org_id = " ORG_ID (VILLAGE)
                                           ", village_id = " ORG_ID (VILLAGE) " WHERE id = %"
                                           G_GINT64_FORMAT, below);
  g_autofree char *overdue = g_strdup_printf ("UPDATE jf.matters SET next_deadline_at = now() - "
                                              "interval '1 hour' WHERE id IN (%" G_GINT64_FORMAT
                                              ", %" G_GINT64_FORMAT ")", below, late);
  g_autofree char *own = NULL;
  g_autofree char *below_text = g_strdup_printf ("%" G_GINT64_FORMAT, below);
  g_autofree char *late_text = g_strdup_printf ("%" G_GINT64_FORMAT, late);

  /* One of the township's matters handed down to a village below it, overdue as one of
   * the township's own is. */
  jf_test_env_sql (env, move);
  jf_test_env_sql (env, overdue);
  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce(string_agg(m.id::text, ',' "
                                              "ORDER BY m.id DESC), '') FROM jf.matters m "
                                              "WHERE %s", queues[i].where);
      g_autofree char *want = jf_test_env_sql_text (env, sql);
      /* Small pages, keyset on id, for the centre's own; the whole subtree is larger. */
      g_autofree char *got = listed_ids (queues[i].user, queues[i].query,
                                         strstr (queues[i].query, "own=true") != NULL ? 3 : 200);

      g_assert_cmpstr (got, ==, want);
    }
  own = listed_ids (CLERK, "own=true", 200);
  g_assert_cmpuint (strlen (own), >, 0);
  g_assert_null (strstr (own, below_text));
  g_assert_nonnull (strstr (own, late_text));
  {
    g_autofree char *got = listed_ids (CLERK, "own=true&status=open&overdue=true", 200);

    g_assert_cmpstr (got, ==, late_text);
  }

  /* Outside the caller's scope, as org alone: refused; a value but true or false: 422. */
  {
    g_autoptr(JfTestResponse) outside = jf_test_request (env->server, "GET",
                                                         "/v1/matters?org=220403&own=true",
                                                         jf_test_env_token (env, CLERK), NULL);
    g_autoptr(JfTestResponse) above = jf_test_request (env->server, "GET",
                                                       "/v1/matters?org=220402&own=true",
                                                       jf_test_env_token (env, CLERK), NULL);
    g_autoptr(JfTestResponse) maybe = jf_test_request (env->server, "GET",
                                                       "/v1/matters?own=maybe",
                                                       jf_test_env_token (env, CLERK), NULL);

    g_assert_cmpuint (outside->status, ==, 403);
    g_assert_cmpuint (above->status, ==, 403);
    g_assert_cmpuint (maybe->status, ==, 422);
    g_assert_cmpstr (jf_test_response_string (maybe, "error.field"), ==, "own");
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
  g_test_add_func ("/jfd/api/queue/search-finds-each-match-once", test_search_words);
  g_test_add_func ("/jfd/api/queue/search-pages-while-registering",
                   test_search_pages_while_registering);
  g_test_add_func ("/jfd/api/queue/statuses-in-order", test_statuses_in_order);
  g_test_add_func ("/jfd/api/queue/own-centre", test_own_centre);
  g_test_add_func ("/jfd/api/queue/bad-queries", test_bad_queue_queries);
  g_test_add_func ("/jfd/api/attachments", test_attachments);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
