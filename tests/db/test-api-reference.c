/* test-api-reference.c: administrators' reference data through the API — categories,
 * deadline rules and the holiday calendar
 *
 * A change is seen by the very next request, on any connection (the catalog each jiefend
 * serves from is reloaded before the change is answered); every write answers the record
 * as written; a bad value is refused naming its field, and changes nothing.
 */
#include "config.h"

#include <string.h>

#include "jf-test-env.h"

static JfTestEnv *env;

#define ROUNDS 25

static JfTestResponse *
call (const char *method,
      const char *path,
      const char *body)
{
  return jf_test_request (env->server, method, path, jf_test_env_token (env, "admin"), body);
}

/* A GET on a connection of its own, so most likely on another of jiefend's threads than
 * the write before it. */
static JsonNode *
get_on_new_connection (const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (env->server->base_url, path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", jf_test_env_token (env, "admin"), NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* The Chinese name /v1/categories lists for @slug, or NULL when it lists no such slug. */
static const char *
listed_name (JsonNode   *root,
             const char *slug)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (root), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "slug"), slug) == 0)
        return json_object_get_string_member (item, "name_zh");
    }
  return NULL;
}

/* Round after round: a category added, then listed at once on the same connection; renamed,
 * then listed at once on a new one; then named by a new deadline rule, which is checked
 * against the catalog. Before the catalog was reloaded ahead of the answer, the list was
 * stale for a moment after one write in a few. */
static void
test_catalog_read_your_writes (void)
{
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autofree char *slug = g_strdup_printf ("ryw_%u", i);
      g_autofree char *name = g_strdup_printf ("即改即见%u", i);
      g_autofree char *renamed = g_strdup_printf ("改名后%u", i);
      g_autofree char *body = g_strdup_printf ("{\"slug\":\"%s\",\"name_zh\":\"%s\","
                                               "\"name_en\":\"Read your writes %u\"}",
                                               slug, name, i);
      g_autofree char *path = g_strconcat ("/v1/categories/", slug, NULL);
      g_autofree char *patch = g_strdup_printf ("{\"name_zh\":\"%s\"}", renamed);
      g_autofree char *rule = g_strdup_printf ("{\"stage\":\"ryw_stage_%u\",\"category\":\"%s\","
                                               "\"unit\":\"natural_days\",\"amount\":3}",
                                               i, slug);
      g_autoptr(JfTestResponse) created = call ("POST", "/v1/categories", body);
      g_autoptr(JfTestResponse) listed = NULL;
      g_autoptr(JfTestResponse) patched = NULL;
      g_autoptr(JsonNode) fresh = NULL;
      g_autoptr(JfTestResponse) ruled = NULL;

      jf_test_assert_status (created, 201);
      listed = call ("GET", "/v1/categories", NULL);
      jf_test_assert_status (listed, 200);
      if (g_strcmp0 (listed_name (listed->body, slug), name) != 0)
        g_error ("round %u: the category added is not listed right after", i);

      patched = call ("PATCH", path, patch);
      jf_test_assert_status (patched, 200);
      fresh = get_on_new_connection ("/v1/categories");
      if (g_strcmp0 (listed_name (fresh, slug), renamed) != 0)
        g_error ("round %u: a new connection lists “%s” as “%s”, not as renamed", i, slug,
                 listed_name (fresh, slug));

      ruled = call ("POST", "/v1/deadline-rules", rule);
      jf_test_assert_status (ruled, 201);
    }
}

static gint64
audit_count (void)
{
  return jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log");
}

/* PUT answers the day as written, DELETE the day as it was: each a CalendarDay at the top
 * level, as POST and PATCH answer a Category or a DeadlineRule. */
static void
test_calendar_answers_the_day (void)
{
  g_autoptr(JfTestResponse) put = call ("PUT", "/v1/calendar/2030-01-05",
                                        "{\"kind\":\"work\",\"name\":\"元旦调休\"}");
  g_autoptr(JfTestResponse) removed = NULL;
  g_autoptr(JfTestResponse) again = NULL;
  g_autoptr(JfTestResponse) year = NULL;
  JsonObject *day;

  jf_test_assert_status (put, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (put->body));
  day = json_node_get_object (put->body);
  g_assert_cmpuint (json_object_get_size (day), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (day, "day"), ==, "2030-01-05");
  g_assert_cmpstr (json_object_get_string_member (day, "kind"), ==, "work");
  g_assert_cmpstr (json_object_get_string_member (day, "name"), ==, "元旦调休");

  removed = call ("DELETE", "/v1/calendar/2030-01-05", NULL);
  jf_test_assert_status (removed, 200);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (removed->body));
  day = json_node_get_object (removed->body);
  g_assert_cmpuint (json_object_get_size (day), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (day, "day"), ==, "2030-01-05");
  g_assert_cmpstr (json_object_get_string_member (day, "kind"), ==, "work");
  g_assert_cmpstr (json_object_get_string_member (day, "name"), ==, "元旦调休");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.calendar_days "
                                             "WHERE day = '2030-01-05'"), ==, 0);

  again = call ("DELETE", "/v1/calendar/2030-01-05", NULL);
  g_assert_cmpuint (again->status, ==, 404);
  g_assert_cmpstr (jf_test_response_string (again, "error.code"), ==, "not_found");
  year = call ("GET", "/v1/calendar?year=2030", NULL);
  jf_test_assert_status (year, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (year->body)), ==, 0);
}

/* A make-up working day (调休上班) is a weekend day worked; a holiday may be any day. */
static void
test_calendar_weekend_work (void)
{
  g_autoptr(JfTestResponse) saturday = call ("PUT", "/v1/calendar/2026-12-26",
                                             "{\"kind\":\"work\",\"name\":\"元旦调休\"}");
  g_autoptr(JfTestResponse) sunday = call ("PUT", "/v1/calendar/2026-12-27",
                                           "{\"kind\":\"work\",\"name\":\"元旦调休\"}");
  g_autoptr(JfTestResponse) monday_off = call ("PUT", "/v1/calendar/2026-12-28",
                                               "{\"kind\":\"off\",\"name\":\"临时假日\"}");

  jf_test_assert_status (saturday, 200);
  jf_test_assert_status (sunday, 200);
  jf_test_assert_status (monday_off, 200);
  g_assert_cmpstr (jf_test_response_string (monday_off, "kind"), ==, "off");
}

typedef struct
{
  const char *name;
  const char *method;
  const char *path;
  const char *body;
  guint       status;
  const char *field;
} Refused;

static const Refused refused[] = {
  /* Categories: every text member, created or changed. */
  { "category/patch-blank-name-zh", "PATCH", "/v1/categories/neighbor", "{\"name_zh\":\"\"}",
    422, "name_zh" },
  { "category/patch-spaces-name-zh", "PATCH", "/v1/categories/neighbor",
    "{\"name_zh\":\" \\u3000 \"}", 422, "name_zh" },
  { "category/patch-long-name-zh", "PATCH", "/v1/categories/neighbor",
    "{\"name_zh\":\"邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷邻里纠纷"
    "邻里纠纷邻里纠纷邻里纠纷\"}", 422, "name_zh" },
  { "category/patch-control-name-zh", "PATCH", "/v1/categories/neighbor",
    "{\"name_zh\":\"邻里\\u0007纠纷\"}", 422, "name_zh" },
  { "category/patch-line-break-name-zh", "PATCH", "/v1/categories/neighbor",
    "{\"name_zh\":\"邻里\\n纠纷\"}", 422, "name_zh" },
  { "category/patch-number-name-zh", "PATCH", "/v1/categories/neighbor", "{\"name_zh\":7}",
    422, "name_zh" },
  { "category/patch-blank-name-en", "PATCH", "/v1/categories/neighbor", "{\"name_en\":\"\"}",
    422, "name_en" },
  { "category/patch-long-name-en", "PATCH", "/v1/categories/neighbor",
    "{\"name_en\":\"Neighbours Neighbours Neighbours Neighbours Neighbours Neighbours "
    "Neighbours Neighbours Neighbours Neighbours\"}", 422, "name_en" },
  { "category/patch-tab-name-en", "PATCH", "/v1/categories/neighbor",
    "{\"name_en\":\"Neigh\\tbours\"}", 422, "name_en" },
  { "category/patch-nothing", "PATCH", "/v1/categories/neighbor", "{}", 422, NULL },
  { "category/patch-active-text", "PATCH", "/v1/categories/neighbor", "{\"active\":\"no\"}",
    422, "active" },
  { "category/create-existing-slug", "POST", "/v1/categories",
    "{\"slug\":\"neighbor\",\"name_zh\":\"邻里\",\"name_en\":\"Neighbours\"}", 409, "slug" },
  { "category/create-blank-name-zh", "POST", "/v1/categories",
    "{\"slug\":\"blank_zh\",\"name_zh\":\"\",\"name_en\":\"Blank\"}", 422, "name_zh" },
  { "category/create-control-name-en", "POST", "/v1/categories",
    "{\"slug\":\"control_en\",\"name_zh\":\"控制\",\"name_en\":\"Con\\u001btrol\"}", 422,
    "name_en" },
  { "category/create-blank-slug", "POST", "/v1/categories",
    "{\"slug\":\"\",\"name_zh\":\"空\",\"name_en\":\"Blank\"}", 422, "slug" },

  /* Deadline rules. */
  { "rule/create-blank-category", "POST", "/v1/deadline-rules",
    "{\"stage\":\"blank_category\",\"category\":\"\",\"unit\":\"hours\",\"amount\":2}", 422,
    "category" },
  { "rule/create-existing", "POST", "/v1/deadline-rules",
    "{\"stage\":\"acceptance\",\"unit\":\"hours\",\"amount\":2}", 409, "stage" },
  { "rule/create-control-description", "POST", "/v1/deadline-rules",
    "{\"stage\":\"control_description\",\"unit\":\"hours\",\"amount\":2,"
    "\"description\":\"期\\u0001限\"}", 422, "description" },

  /* The calendar: the day in the path, and what the body says of it. */
  { "calendar/work-on-monday", "PUT", "/v1/calendar/2026-12-28",
    "{\"kind\":\"work\",\"name\":\"元旦调休\"}", 422, "day" },
  { "calendar/work-on-friday", "PUT", "/v1/calendar/2031-02-14",
    "{\"kind\":\"work\",\"name\":\"调休\"}", 422, "day" },
  { "calendar/month-13", "PUT", "/v1/calendar/2026-13-01",
    "{\"kind\":\"off\",\"name\":\"假日\"}", 422, "day" },
  { "calendar/february-30", "PUT", "/v1/calendar/2026-02-30",
    "{\"kind\":\"off\",\"name\":\"假日\"}", 422, "day" },
  { "calendar/no-dashes", "PUT", "/v1/calendar/20261001",
    "{\"kind\":\"off\",\"name\":\"假日\"}", 422, "day" },
  { "calendar/signed-day", "PUT", "/v1/calendar/2026-10-+1",
    "{\"kind\":\"off\",\"name\":\"假日\"}", 422, "day" },
  { "calendar/before-2000", "PUT", "/v1/calendar/1999-10-01",
    "{\"kind\":\"off\",\"name\":\"假日\"}", 422, "day" },
  { "calendar/delete-month-13", "DELETE", "/v1/calendar/2026-13-01", NULL, 422, "day" },
  { "calendar/kind-holiday", "PUT", "/v1/calendar/2026-10-01",
    "{\"kind\":\"holiday\",\"name\":\"国庆节\"}", 422, "kind" },
  { "calendar/blank-name", "PUT", "/v1/calendar/2026-10-01",
    "{\"kind\":\"off\",\"name\":\"  \"}", 422, "name" },
  { "calendar/control-name", "PUT", "/v1/calendar/2026-10-01",
    "{\"kind\":\"off\",\"name\":\"国庆\\u0008节\"}", 422, "name" },
};

/* Everything an administrator could have changed, as text. */
static char *
reference_snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT md5((SELECT string_agg(c::text, '|' ORDER BY slug) FROM jf.categories c) || "
    "(SELECT string_agg(r::text, '|' ORDER BY id) FROM jf.deadline_rules r) || "
    "(SELECT string_agg(d::text, '|' ORDER BY day) FROM jf.calendar_days d))");
}

static void
test_refused (gconstpointer data)
{
  const Refused *c = data;
  g_autofree char *before = reference_snapshot ();
  gint64 audited = audit_count ();
  g_autoptr(JfTestResponse) r = call (c->method, c->path, c->body);
  g_autofree char *after = NULL;

  if (r->status != c->status)
    g_error ("%s: expected %u, got %u: %.*s", c->name, c->status, r->status,
             (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
  g_assert_nonnull (jf_test_response_string (r, "error.code"));
  g_assert_nonnull (jf_test_response_string (r, "error.message"));
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, c->field);
  after = reference_snapshot ();
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (audit_count (), ==, audited);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jfd/reference/catalog/read-your-writes", test_catalog_read_your_writes);
  g_test_add_func ("/jfd/reference/calendar/answers-the-day", test_calendar_answers_the_day);
  g_test_add_func ("/jfd/reference/calendar/weekend-work", test_calendar_weekend_work);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/reference/refused/%s", refused[i].name);
      g_test_add_data_func (name, &refused[i], test_refused);
    }
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
