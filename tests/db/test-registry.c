/* test-registry.c: the registry of people, places, organisations and things through the
 * API (DOMAIN.md §7), against a real jiefend and PostgreSQL
 *
 * Records are created, read (masked; whole only for the roles that may, and then on the
 * audit log), changed under the version rule, found by 1- and 2-character names and by the
 * ends of ID and phone numbers, and kept within the subtree of the unit they belong to;
 * people are de-duplicated on the keyed hash of their ID number; every refused input is
 * answered with its 4xx and writes nothing. The table holds no ID number in clear.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "jf-id-number.h"
#include "jf-test-env.h"

static JfTestEnv *env;

#define CLERK    "chuangkou"        /* reception, 向阳街道 220402001 */
#define GRID     "220402001001001"  /* wangge's grid, inside the township */
#define GRID2    "220402001001002"  /* another grid of the same village */
#define OTHER    "220403001001001"  /* a grid of another county */

static JfTestResponse *
call (const char *method,
      const char *username,
      const char *body,
      const char *path_format,
      ...) G_GNUC_PRINTF (4, 5);

static JfTestResponse *
call (const char *method,
      const char *username,
      const char *body,
      const char *path_format,
      ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return jf_test_request (env->server, method, path,
                          username != NULL ? jf_test_env_token (env, username) : NULL, body);
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

/* A valid GB 11643 number: region 220402, born @birth (YYYYMMDD), sequence @seq. */
static char *
id_number (const char *birth,
           guint       seq)
{
  g_autofree char *digits = g_strdup_printf ("220402%s%03u", birth, seq % 1000);

  return g_strdup_printf ("%s%c", digits, jf_id_number_check_character (digits));
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static gint64
create_person (const char *username,
               const char *name,
               const char *id,
               const char *phone,
               const char *grid)
{
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"%s\",\"grid\":\"%s\"%s%s%s%s%s%s,\"address\":\"向阳小区%s号\"}", name, grid,
    id != NULL ? ",\"id_number\":\"" : "", id != NULL ? id : "", id != NULL ? "\"" : "",
    phone != NULL ? ",\"phone\":\"" : "", phone != NULL ? phone : "", phone != NULL ? "\"" : "",
    name);
  g_autoptr(JfTestResponse) r = call ("POST", username, body, "/v1/people");

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

/* Rows of the registry and the audit log: what a refused request must leave alone. */
static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT (SELECT count(*) FROM jf.people) || '/' || (SELECT max(version) FROM jf.people) "
    "|| '/' || (SELECT count(*) FROM jf.places) || '/' || (SELECT count(*) FROM jf.organisations) "
    "|| '/' || (SELECT count(*) FROM jf.things) || '/' || (SELECT count(*) FROM jf.audit_log) "
    "|| '/' || (SELECT count(*) FROM jf.matter_people) || '/' || (SELECT count(*) FROM jf.events)");
}

static void
test_create_and_read (void)
{
  g_autofree char *location = NULL;
  g_autoptr(JfTestResponse) r = call ("POST", CLERK,
    "{\"name\":\"王建华\",\"id_number\":\"220402198001010115\",\"phone\":\"13912345678\","
    "\"address\":\"向阳小区5栋\",\"grid\":\"" GRID "\",\"tags\":[\"低保\",\"独居老人\",\"低保\"]}",
    "/v1/people");
  g_autoptr(JfTestResponse) read = NULL;
  gint64 person;

  jf_test_assert_status (r, 201);
  person = jf_test_response_int (r, "id");
  location = g_strdup_printf ("/v1/people/%" G_GINT64_FORMAT, person);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==, location);
  /* Masked by default; the birth date and sex are the ID number's. */
  g_assert_cmpstr (jf_test_response_string (r, "id_number"), ==, "2204**********0115");
  g_assert_cmpstr (jf_test_response_string (r, "phone"), ==, "139****5678");
  g_assert_cmpstr (jf_test_response_string (r, "birth_date"), ==, "1980-01-01");
  g_assert_cmpstr (jf_test_response_string (r, "sex"), ==, "male");
  g_assert_cmpstr (jf_test_response_string (r, "grid.code"), ==, GRID);
  g_assert_cmpstr (jf_test_response_string (r, "tags.1"), ==, "独居老人");
  g_assert_null (jf_test_response_get (r, "tags.2"));
  g_assert_null (jf_test_response_get (r, "scope"));
  g_assert_cmpint (jf_test_response_int (r, "version"), ==, 1);

  read = call ("GET", "wangge", NULL, "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (read, 200);
  g_assert_cmpstr (jf_test_response_string (read, "id_number"), ==, "2204**********0115");
  g_assert_cmpstr (jf_test_response_string (read, "name"), ==, "王建华");
  /* The creation is on the audit log, without the numbers. */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = 'person.created' "
                            "AND target = 'person:%" G_GINT64_FORMAT "' "
                            "AND data::text NOT LIKE '%%13912345678%%'", person), ==, 1);
}

/* The people table and the parties table hold no ID or phone number in clear. */
static void
test_no_number_in_clear (void)
{
  g_autofree char *id = id_number ("19900909", 123);
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"明文\","
    "\"narrative\":\"检查明文\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"孙明文\",\"id_number\":\"%s\","
    "\"phone\":\"13765432109\"}]}", id);
  g_autoptr(JfTestResponse) r = NULL;

  create_person (CLERK, "孙明文", id, "13765432109", GRID);
  r = call ("POST", CLERK, body, "/v1/matters");
  jf_test_assert_status (r, 201);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.parties WHERE id_number_hmac IS NOT NULL "
                            "AND name = '孙明文'"), ==, 1);
  /* Nowhere in a row's text, nor in the escaped text of its bytes; nor the ends that search
   * uses (the last 4 and 6 characters of the number). */
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.people p WHERE p::text LIKE '%%%s%%' "
                            "OR p::text LIKE '%%13765432109%%' "
                            "OR encode(p.id_number_enc, 'escape') LIKE '%%%s%%' "
                            "OR p::text LIKE '%%%s%%'", id, id, id + 12), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.parties p WHERE p::text LIKE '%%%s%%' "
                            "OR p::text LIKE '%%13765432109%%' "
                            "OR encode(p.id_number_enc, 'escape') LIKE '%%%s%%'", id, id), ==, 0);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log a WHERE a::text LIKE '%%%s%%'",
                            id), ==, 0);
}

static void
test_duplicate_id_number (void)
{
  g_autofree char *id = id_number ("19751212", 4);
  g_autofree char *lower = g_ascii_strdown (id, -1);
  gint64 first = create_person (CLERK, "周重复", id, NULL, GRID);
  g_autofree char *body = g_strdup_printf ("{\"name\":\"周二\",\"id_number\":\"%s\","
                                           "\"grid\":\"" GRID2 "\"}", lower);
  g_autofree char *before = snapshot ();
  g_autoptr(JfTestResponse) again = call ("POST", CLERK, body, "/v1/people");
  g_autofree char *after = NULL;

  jf_test_assert_status (again, 409);
  g_assert_cmpstr (jf_test_response_string (again, "error.field"), ==, "id_number");
  g_assert_cmpint (jf_test_response_int (again, "current.id"), ==, first);
  g_assert_cmpstr (jf_test_response_string (again, "current.name"), ==, "周重复");
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char *name;
  const char *user;
  const char *content_type;
  const char *body;
  guint       status;
  const char *field;
} BadPerson;

static const BadPerson bad_people[] = {
  { "malformed", CLERK, "application/json", "{\"name\": ", 400, NULL },
  { "not-json", CLERK, "text/plain", "{\"name\":\"x\",\"grid\":\"" GRID "\"}", 415, NULL },
  { "missing-name", CLERK, NULL, "{\"grid\":\"" GRID "\"}", 422, "name" },
  { "blank-name", CLERK, NULL, "{\"name\":\"　 \",\"grid\":\"" GRID "\"}", 422, "name" },
  { "long-name", CLERK, NULL,
    "{\"name\":\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\","
    "\"grid\":\"" GRID "\"}", 422, "name" },
  { "name-not-string", CLERK, NULL, "{\"name\":12,\"grid\":\"" GRID "\"}", 422, "name" },
  { "missing-grid", CLERK, NULL, "{\"name\":\"张三\"}", 422, "grid" },
  { "unknown-grid", CLERK, NULL, "{\"name\":\"张三\",\"grid\":\"220402999\"}", 422, "grid" },
  { "grid-outside-scope", CLERK, NULL, "{\"name\":\"张三\",\"grid\":\"" OTHER "\"}", 403,
    "grid" },
  { "grid-leader-other-grid", "wangge", NULL, "{\"name\":\"张三\",\"grid\":\"" GRID2 "\"}",
    403, "grid" },
  { "bad-id-checksum", CLERK, NULL,
    "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"id_number\":\"110105194912310021\"}", 422,
    "id_number" },
  { "short-id", CLERK, NULL,
    "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"id_number\":\"110105491231002\"}", 422,
    "id_number" },
  { "bad-phone", CLERK, NULL, "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"phone\":\"12345\"}",
    422, "phone" },
  { "phone-with-spaces", CLERK, NULL,
    "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"phone\":\"138 0000 0000\"}", 422, "phone" },
  { "unknown-member", CLERK, NULL, "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"age\":30}", 422,
    "age" },
  { "tag-not-string", CLERK, NULL, "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"tags\":[1]}", 422,
    "tags[0]" },
  { "too-many-tags", CLERK, NULL,
    "{\"name\":\"张三\",\"grid\":\"" GRID "\",\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\","
    "\"7\",\"8\",\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\",\"17\",\"18\",\"19\","
    "\"20\",\"21\"]}", 422, "tags" },
  { "auditor-writes", "shenji", NULL, "{\"name\":\"张三\",\"grid\":\"" GRID "\"}", 403, NULL },
  { "liaison", "bumen", NULL, "{\"name\":\"张三\",\"grid\":\"" GRID "\"}", 403, NULL },
};

static void
test_bad_person (gconstpointer data)
{
  const BadPerson *c = data;
  g_autofree char *before = snapshot ();
  g_autofree char *after = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
  g_autoptr(JfTestResponse) r = jf_test_request_full (env->server, "POST", "/v1/people",
                                                      jf_test_env_token (env, c->user),
                                                      c->content_type != NULL ? c->content_type
                                                      : "application/json", body, NULL);

  if (r->status != c->status)
    g_error ("%s: expected %u, got %u: %.*s", c->name, c->status, r->status,
             (int) g_bytes_get_size (r->raw), (const char *) g_bytes_get_data (r->raw, NULL));
  if (c->field != NULL)
    g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, c->field);
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

static guint
count_items (JfTestResponse *r)
{
  JsonNode *items = jf_test_response_get (r, "items");

  g_assert_nonnull (items);
  return json_array_get_length (json_node_get_array (items));
}

static guint
search (const char *username,
        const char *query)
{
  g_autoptr(JfTestResponse) r = call ("GET", username, NULL, "/v1/people?%s&limit=100", query);

  jf_test_assert_status (r, 200);
  return count_items (r);
}

static guint
search_q (const char *username,
          const char *q)
{
  g_autofree char *escaped = escape (q);
  g_autofree char *query = g_strconcat ("q=", escaped, NULL);

  return search (username, query);
}

static void
test_search_by_name (void)
{
  create_person (CLERK, "欧阳修", NULL, NULL, GRID);
  create_person (CLERK, "欧阳锋", NULL, NULL, GRID);
  create_person (CLERK, "修文", NULL, NULL, GRID2);
  create_person (CLERK, "阳", NULL, NULL, GRID2);

  /* One character: a surname or a given name, anywhere in the name. */
  g_assert_cmpuint (search_q (CLERK, "欧"), ==, 2);
  g_assert_cmpuint (search_q (CLERK, "修"), ==, 2);
  g_assert_cmpuint (search_q (CLERK, "阳"), ==, 3);
  /* Two characters. */
  g_assert_cmpuint (search_q (CLERK, "欧阳"), ==, 2);
  g_assert_cmpuint (search_q (CLERK, "阳修"), ==, 1);
  /* Three, and none. */
  g_assert_cmpuint (search_q (CLERK, "欧阳锋"), ==, 1);
  g_assert_cmpuint (search_q (CLERK, "司马"), ==, 0);
  /* The grid leader sees their grid only. */
  g_assert_cmpuint (search_q ("wangge", "修"), ==, 1);
  g_assert_cmpuint (search_q ("wangge", "阳"), ==, 2);
}

static void
test_search_by_number_ends (void)
{
  g_autofree char *id = id_number ("19660606", 777);
  g_autofree char *tail4 = g_strdup (id + 14);
  g_autofree char *tail6 = g_strdup (id + 12);
  g_autofree char *q = NULL;
  gint64 person = create_person (CLERK, "吴尾号", id, "13566667777", GRID);
  g_autoptr(JfTestResponse) r = NULL;
  g_autoptr(JfTestResponse) bad = NULL;

  q = g_strdup_printf ("/v1/people?q=%s", tail4);
  r = call ("GET", CLERK, NULL, "%s", q);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "items.0.id"), ==, person);
  g_assert_cmpuint (search_q (CLERK, tail6), ==, 1);
  g_assert_cmpuint (search_q (CLERK, id), ==, 1);
  /* The last 4 digits of the phone, and the whole phone. */
  g_assert_cmpuint (search_q (CLERK, "7777"), >=, 1);
  g_assert_cmpuint (search_q (CLERK, "13566667777"), ==, 1);
  /* Ends that are no one's. */
  g_assert_cmpuint (search_q (CLERK, "0000"), ==, 0);
  /* Not the end of a number: refused, saying how to search. */
  bad = call ("GET", CLERK, NULL, "/v1/people?q=12345");
  jf_test_assert_status (bad, 422);
  g_assert_cmpstr (jf_test_response_string (bad, "error.field"), ==, "q");
}

static void
test_search_by_address (void)
{
  g_autoptr(JfTestResponse) r = call ("POST", CLERK,
                                      "{\"name\":\"郑地址\",\"grid\":\"" GRID "\","
                                      "\"address\":\"东风路88号院2单元\"}", "/v1/people");
  g_autofree char *street = escape ("东风路");
  g_autofree char *unit = escape ("2单元");
  g_autofree char *q = g_strconcat ("address=", street, NULL);
  g_autofree char *q2 = g_strconcat ("address=", unit, NULL);

  jf_test_assert_status (r, 201);
  g_assert_cmpuint (search (CLERK, q), ==, 1);
  g_assert_cmpuint (search (CLERK, q2), ==, 1);
}

static void
test_scope (void)
{
  gint64 far = create_person ("admin", "远方人", NULL, NULL, OTHER);
  gint64 near = create_person (CLERK, "近邻", NULL, NULL, GRID2);
  g_autoptr(JfTestResponse) clerk = call ("GET", CLERK, NULL, "/v1/people/%" G_GINT64_FORMAT,
                                          far);
  g_autoptr(JfTestResponse) grid = call ("GET", "wangge", NULL, "/v1/people/%" G_GINT64_FORMAT,
                                         near);
  g_autoptr(JfTestResponse) county = call ("GET", "ducha", NULL, "/v1/people/%" G_GINT64_FORMAT,
                                           near);
  g_autoptr(JfTestResponse) liaison = call ("GET", "bumen", NULL, "/v1/people?q=%s",
                                            "%E8%BF%91");
  g_autoptr(JfTestResponse) other_org = call ("GET", CLERK, NULL, "/v1/people?org=220403");
  g_autoptr(JfTestResponse) patch = call ("PATCH", CLERK, "{\"version\":1,\"name\":\"改名\"}",
                                          "/v1/people/%" G_GINT64_FORMAT, far);
  g_autoptr(JfTestResponse) missing = call ("GET", CLERK, NULL, "/v1/people/99999999");

  jf_test_assert_status (clerk, 403);
  jf_test_assert_status (grid, 403);
  jf_test_assert_status (county, 200);
  jf_test_assert_status (liaison, 403);
  jf_test_assert_status (other_org, 403);
  jf_test_assert_status (patch, 403);
  jf_test_assert_status (missing, 404);
  g_assert_cmpuint (search_q (CLERK, "远方"), ==, 0);
  g_assert_cmpuint (search_q ("admin", "远方"), ==, 1);
  g_assert_cmpint (sql_int ("SELECT version FROM jf.people WHERE id = %" G_GINT64_FORMAT, far),
                   ==, 1);
}

static void
test_patch (void)
{
  g_autofree char *id = id_number ("19881111", 52);
  g_autofree char *other = id_number ("19881111", 62);
  gint64 person = create_person (CLERK, "钱改变", id, "13811112222", GRID);
  g_autoptr(JfTestResponse) changed = NULL;
  g_autoptr(JfTestResponse) stale = NULL;
  g_autoptr(JfTestResponse) dup = NULL;
  g_autoptr(JfTestResponse) empty = NULL;
  g_autoptr(JfTestResponse) cleared_name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *masked = jf_id_number_mask (id);

  create_person (CLERK, "钱另一个", other, NULL, GRID);
  changed = call ("PATCH", CLERK, "{\"version\":1,\"phone\":\"0437-3221234\",\"address\":null,"
                  "\"tags\":[\"调解员\"]}", "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (changed, 200);
  g_assert_cmpint (jf_test_response_int (changed, "version"), ==, 2);
  g_assert_cmpstr (jf_test_response_string (changed, "phone"), ==, "0437-***1234");
  g_assert_null (jf_test_response_get (changed, "address"));
  g_assert_cmpstr (jf_test_response_string (changed, "tags.0"), ==, "调解员");
  /* What was not named stays. */
  g_assert_cmpstr (jf_test_response_string (changed, "id_number"), ==, masked);
  g_assert_cmpuint (search_q (CLERK, "1234"), >=, 1);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = 'person.changed' "
                            "AND target = 'person:%" G_GINT64_FORMAT "'", person), ==, 1);

  before = snapshot ();
  stale = call ("PATCH", CLERK, "{\"version\":1,\"name\":\"钱旧\"}",
                "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (stale, 409);
  g_assert_cmpint (jf_test_response_int (stale, "current.version"), ==, 2);
  body = g_strdup_printf ("{\"version\":2,\"id_number\":\"%s\"}", other);
  dup = call ("PATCH", CLERK, body, "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (dup, 409);
  g_assert_cmpstr (jf_test_response_string (dup, "error.field"), ==, "id_number");
  empty = call ("PATCH", CLERK, "{\"version\":2}", "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (empty, 422);
  cleared_name = call ("PATCH", CLERK, "{\"version\":2,\"name\":null}",
                       "/v1/people/%" G_GINT64_FORMAT, person);
  jf_test_assert_status (cleared_name, 422);
  g_assert_cmpstr (jf_test_response_string (cleared_name, "error.field"), ==, "name");
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_reveal_is_audited (void)
{
  g_autofree char *id = id_number ("19700707", 81);
  gint64 person = create_person (CLERK, "冯揭示", id, "13600001111", GRID);
  g_autofree char *target = g_strdup_printf ("person:%" G_GINT64_FORMAT, person);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jf.audit_log a "
                                          "JOIN jf.accounts c ON c.id = a.actor_id "
                                          "WHERE a.action = 'person.viewed' "
                                          "AND a.target = '%s' AND c.username = '%s'", target,
                                          CLERK);
  g_autoptr(JfTestResponse) whole = call ("GET", CLERK, NULL,
                                          "/v1/people/%" G_GINT64_FORMAT "?reveal=true",
                                          person);
  g_autoptr(JfTestResponse) refused = NULL;
  g_autoptr(JfTestResponse) bad = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char * const verify[] = { "audit", "verify", NULL };

  jf_test_assert_status (whole, 200);
  g_assert_cmpstr (jf_test_response_string (whole, "id_number"), ==, id);
  g_assert_cmpstr (jf_test_response_string (whole, "phone"), ==, "13600001111");
  g_assert_true (json_node_get_boolean (jf_test_response_get (whole, "revealed")));
  g_assert_cmpint (jf_test_env_sql_int (env, sql), ==, 1);

  /* A grid leader and an auditor work with masked numbers: refused, and nothing recorded. */
  refused = call ("GET", "wangge", NULL, "/v1/people/%" G_GINT64_FORMAT "?reveal=true", person);
  jf_test_assert_status (refused, 403);
  g_clear_pointer (&refused, jf_test_response_free);
  refused = call ("GET", "shenji", NULL, "/v1/people/%" G_GINT64_FORMAT "?reveal=true", person);
  jf_test_assert_status (refused, 403);
  bad = call ("GET", CLERK, NULL, "/v1/people/%" G_GINT64_FORMAT "?reveal=yes", person);
  jf_test_assert_status (bad, 422);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.audit_log WHERE action = 'person.viewed' "
                            "AND target = '%s'", target), ==, 1);

  /* The audit log's chain still verifies, with the views in it. */
  g_assert_cmpint (jf_test_db_jiefenctl (env->conninfo, verify, NULL, &out, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "ok"));
}

/* The data keys rotate (jiefenctl rotate-key): the registry's numbers are sealed anew with
 * the new key, the lookup hashes stay valid, and a whole view still shows the number. */
static void
test_key_rotation (void)
{
  g_autofree char *id = id_number ("19690909", 91);
  gint64 person = create_person (CLERK, "褚轮换", id, "13699990000", GRID);
  const char * const rotate[] = { "rotate-key", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JfTestResponse) whole = NULL;
  g_autofree char *tail = g_strdup (id + 14);

  g_setenv ("JIEFEND_KEY_FILE", env->server->key_file, TRUE);
  g_assert_cmpint (jf_test_db_jiefenctl (env->conninfo, rotate, NULL, &out, &error), ==, 0);
  g_assert_no_error (error);
  g_unsetenv ("JIEFEND_KEY_FILE");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.people WHERE get_byte(id_number_enc, 0) <> 2 "
                            "OR get_byte(phone_enc, 0) <> 2"), ==, 0);
  /* jiefend reads its keys when it starts. */
  jf_test_server_stop (env->server);
  jf_test_server_restart (env->server);
  whole = call ("GET", CLERK, NULL, "/v1/people/%" G_GINT64_FORMAT "?reveal=true", person);
  jf_test_assert_status (whole, 200);
  g_assert_cmpstr (jf_test_response_string (whole, "id_number"), ==, id);
  g_assert_cmpstr (jf_test_response_string (whole, "phone"), ==, "13699990000");
  g_assert_cmpuint (search_q (CLERK, tail), >=, 1);
}

static void
test_places (void)
{
  g_autoptr(JfTestResponse) created = call ("POST", CLERK,
                                            "{\"kind\":\"building\",\"name\":\"向阳小区3栋\","
                                            "\"address\":\"向阳路12号3栋\",\"org\":\"" GRID "\","
                                            "\"lat\":42.9,\"lng\":125.1}", "/v1/places");
  g_autoptr(JfTestResponse) dup = NULL;
  g_autoptr(JfTestResponse) half = NULL;
  g_autoptr(JfTestResponse) out = NULL;
  g_autoptr(JfTestResponse) found = NULL;
  g_autoptr(JfTestResponse) changed = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 place;

  jf_test_assert_status (created, 201);
  place = jf_test_response_int (created, "id");
  g_assert_cmpstr (jf_test_response_string (created, "org.code"), ==, GRID);

  before = snapshot ();
  dup = call ("POST", CLERK, "{\"name\":\"另一个名字\",\"address\":\"向阳路12号3栋\","
              "\"org\":\"" GRID "\"}", "/v1/places");
  jf_test_assert_status (dup, 409);
  g_assert_cmpint (jf_test_response_int (dup, "current.id"), ==, place);
  half = call ("POST", CLERK, "{\"name\":\"半个坐标\",\"address\":\"向阳路1号\","
               "\"org\":\"" GRID "\",\"lat\":42.9}", "/v1/places");
  jf_test_assert_status (half, 422);
  g_assert_cmpstr (jf_test_response_string (half, "error.field"), ==, "lng");
  out = call ("POST", CLERK, "{\"name\":\"外县\",\"address\":\"外县路1号\","
              "\"org\":\"" OTHER "\"}", "/v1/places");
  jf_test_assert_status (out, 403);
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);

  found = call ("GET", "wangge", NULL, "/v1/places?q=%s", "%E5%90%91%E9%98%B3");  /* 向阳 */
  jf_test_assert_status (found, 200);
  g_assert_cmpint (jf_test_response_int (found, "items.0.id"), ==, place);
  changed = call ("PATCH", CLERK, "{\"version\":1,\"kind\":\"facility\",\"lat\":null,"
                  "\"lng\":null}", "/v1/places/%" G_GINT64_FORMAT, place);
  jf_test_assert_status (changed, 200);
  g_assert_cmpstr (jf_test_response_string (changed, "kind"), ==, "facility");
  g_assert_null (jf_test_response_get (changed, "lat"));
}

static void
test_organisations (void)
{
  /* A valid unified social credit code (GB 32100): its check character is the last. */
  g_autoptr(JfTestResponse) created = call ("POST", CLERK,
                                            "{\"kind\":\"company\",\"name\":\"辽源市福顺物业管理有限公司\","
                                            "\"credit_code\":\"91220400MA0Y4JPR35\","
                                            "\"org\":\"220402001\",\"contact_name\":\"刘经理\"}",
                                            "/v1/organisations");
  g_autoptr(JfTestResponse) dup = NULL;
  g_autoptr(JfTestResponse) bad = NULL;
  g_autoptr(JfTestResponse) by_code = NULL;
  g_autoptr(JfTestResponse) by_name = NULL;
  gint64 org;

  jf_test_assert_status (created, 201);
  org = jf_test_response_int (created, "id");
  dup = call ("POST", CLERK, "{\"kind\":\"company\",\"name\":\"同码公司\","
              "\"credit_code\":\"91220400ma0y4jpr35\"}", "/v1/organisations");
  jf_test_assert_status (dup, 409);
  g_assert_cmpint (jf_test_response_int (dup, "current.id"), ==, org);
  bad = call ("POST", CLERK, "{\"kind\":\"company\",\"name\":\"错码公司\","
              "\"credit_code\":\"91220400MA0Y4JPR36\"}", "/v1/organisations");
  jf_test_assert_status (bad, 422);
  g_assert_cmpstr (jf_test_response_string (bad, "error.field"), ==, "credit_code");
  /* Public record: a grid leader finds it by its code, and by one character of its name. */
  by_code = call ("GET", "wangge", NULL, "/v1/organisations?q=91220400MA0Y4JPR35");
  jf_test_assert_status (by_code, 200);
  g_assert_cmpint (jf_test_response_int (by_code, "items.0.id"), ==, org);
  by_name = call ("GET", "wangge", NULL, "/v1/organisations?q=%s", "%E7%89%A9");  /* 物 */
  g_assert_cmpint (jf_test_response_int (by_name, "items.0.id"), ==, org);
}

static void
test_things (void)
{
  gint64 owner = create_person (CLERK, "陈车主", NULL, NULL, GRID);
  gint64 far = create_person ("admin", "外县车主", NULL, NULL, OTHER);
  g_autofree char *body = g_strdup_printf ("{\"kind\":\"vehicle\",\"name\":\"吉D12345小货车\","
                                           "\"org\":\"" GRID "\",\"owner_person_id\":%"
                                           G_GINT64_FORMAT "}", owner);
  g_autofree char *bad_body = g_strdup_printf ("{\"kind\":\"vehicle\",\"name\":\"外县车\","
                                               "\"org\":\"" GRID "\",\"owner_person_id\":%"
                                               G_GINT64_FORMAT "}", far);
  g_autoptr(JfTestResponse) created = call ("POST", CLERK, body, "/v1/things");
  g_autoptr(JfTestResponse) refused = call ("POST", CLERK, bad_body, "/v1/things");
  g_autoptr(JfTestResponse) kind = call ("POST", CLERK, "{\"kind\":\"spaceship\",\"name\":\"x\","
                                         "\"org\":\"" GRID "\"}", "/v1/things");

  jf_test_assert_status (created, 201);
  g_assert_cmpstr (jf_test_response_string (created, "owner_person.name"), ==, "陈车主");
  jf_test_assert_status (refused, 422);
  g_assert_cmpstr (jf_test_response_string (refused, "error.field"), ==, "owner_person_id");
  jf_test_assert_status (kind, 422);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.things WHERE name = '外县车'"), ==, 0);
}

static gint64
register_matter (const char *title,
                 const char *parties)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"%s\","
    "\"narrative\":\"登记测试\",\"location\":{\"org\":\"220402001\",\"address\":\"向阳路12号3栋\"},"
    "\"parties\":%s}", title, parties);
  g_autoptr(JfTestResponse) r = call ("POST", CLERK, body, "/v1/matters");

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

/* Intake links a party with an ID number to the registered person with the same one. */
static void
test_intake_links_parties (void)
{
  g_autofree char *id = id_number ("19550505", 301);
  gint64 person = create_person (CLERK, "卫登记", id, NULL, GRID);
  g_autofree char *parties = g_strdup_printf (
    "[{\"role\":\"applicant\",\"name\":\"卫登记\",\"id_number\":\"%s\"},"
    "{\"role\":\"respondent\",\"name\":\"未登记\"}]", id);
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"自动关联\","
    "\"narrative\":\"登记测试\",\"location\":{\"org\":\"220402001\"},\"parties\":%s}", parties);
  g_autoptr(JfTestResponse) r = call ("POST", CLERK, body, "/v1/matters");
  g_autoptr(JfTestResponse) links = NULL;
  g_autofree char *masked = jf_id_number_mask (id);
  gint64 matter;

  jf_test_assert_status (r, 201);
  matter = jf_test_response_int (r, "id");
  /* In the intake's own answer already. */
  g_assert_cmpint (jf_test_response_int (r, "parties.0.person_id"), ==, person);
  g_assert_null (jf_test_response_get (r, "parties.1.person_id"));
  links = call ("GET", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (links, 200);
  g_assert_cmpint (jf_test_response_int (links, "people.0.id"), ==, person);
  g_assert_cmpstr (jf_test_response_string (links, "people.0.role"), ==, "applicant");
  g_assert_cmpstr (jf_test_response_string (links, "people.0.id_number"), ==, masked);
}

static void
test_links (void)
{
  gint64 matter = register_matter ("关联测试", "[{\"role\":\"applicant\",\"name\":\"褚关联\"}]");
  gint64 person = create_person (CLERK, "褚关联", NULL, NULL, GRID);
  gint64 far = create_person ("admin", "外县人", NULL, NULL, OTHER);
  gint64 party = sql_int ("SELECT id FROM jf.parties WHERE matter_id = %" G_GINT64_FORMAT,
                          matter);
  g_autoptr(JfTestResponse) place = call ("POST", CLERK,
                                          "{\"name\":\"关联楼\",\"address\":\"关联路1号\","
                                          "\"org\":\"" GRID "\"}", "/v1/places");
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  jf_test_assert_status (place, 201);
  body = g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT ",\"role\":\"respondent\"}", person);
  r = call ("POST", CLERK, body, "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "people.0.id"), ==, person);
  g_clear_pointer (&r, jf_test_response_free);
  g_free (body);
  body = g_strdup_printf ("{\"place\":%" G_GINT64_FORMAT "}", jf_test_response_int (place, "id"));
  r = call ("POST", CLERK, body, "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (r, 200);
  g_assert_cmpstr (jf_test_response_string (r, "places.0.name"), ==, "关联楼");
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'registry.linked'", matter), ==, 2);

  /* Refused, writing nothing: two records at once, an unknown one, one outside the scope,
   * a role for a place, a liaison, and a matter of the caller's that it cannot see. */
  before = snapshot ();
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("POST", CLERK, "{\"person\":1,\"place\":1}", "/v1/matters/%" G_GINT64_FORMAT "/links",
            matter);
  jf_test_assert_status (r, 422);
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("POST", CLERK, "{\"person\":99999999}", "/v1/matters/%" G_GINT64_FORMAT "/links",
            matter);
  jf_test_assert_status (r, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "person");
  g_clear_pointer (&r, jf_test_response_free);
  g_free (body);
  body = g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT "}", far);
  r = call ("POST", CLERK, body, "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (r, 403);
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("POST", CLERK, "{\"place\":1,\"role\":\"applicant\"}",
            "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (r, 422);
  g_clear_pointer (&r, jf_test_response_free);
  g_free (body);
  body = g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT "}", person);
  r = call ("POST", "bumen", body, "/v1/matters/%" G_GINT64_FORMAT "/links", matter);
  jf_test_assert_status (r, 403);
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("POST", CLERK, body, "/v1/matters/99999999/links");
  jf_test_assert_status (r, 404);
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);

  /* The party is the registered person. */
  g_clear_pointer (&r, jf_test_response_free);
  g_free (body);
  body = g_strdup_printf ("{\"person_id\":%" G_GINT64_FORMAT "}", person);
  r = call ("POST", CLERK, body, "/v1/matters/%" G_GINT64_FORMAT "/parties/%" G_GINT64_FORMAT
            "/person", matter, party);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "party.person_id"), ==, person);
  g_assert_cmpint (sql_int ("SELECT person_id FROM jf.parties WHERE id = %" G_GINT64_FORMAT,
                            party), ==, person);

  /* Unlinking is recorded too; a link that is not there is 404. */
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("DELETE", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/links/places/%"
            G_GINT64_FORMAT, matter, jf_test_response_int (place, "id"));
  jf_test_assert_status (r, 200);
  g_assert_null (jf_test_response_get (r, "places.0"));
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("DELETE", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/links/places/%"
            G_GINT64_FORMAT, matter, jf_test_response_int (place, "id"));
  jf_test_assert_status (r, 404);
  g_clear_pointer (&r, jf_test_response_free);
  r = call ("DELETE", CLERK, NULL, "/v1/matters/%" G_GINT64_FORMAT "/links/planets/1", matter);
  jf_test_assert_status (r, 404);
  g_assert_cmpint (sql_int ("SELECT count(*) FROM jf.events WHERE matter_id = %" G_GINT64_FORMAT
                            " AND kind = 'registry.unlinked'", matter), ==, 1);
}

/* A party whose ID number is another person's is not linked to them. */
static void
test_party_of_someone_else (void)
{
  g_autofree char *id = id_number ("19600101", 401);
  g_autofree char *other = id_number ("19600101", 411);
  gint64 person = create_person (CLERK, "蒋甲", other, NULL, GRID);
  g_autofree char *parties = g_strdup_printf ("[{\"role\":\"applicant\",\"name\":\"蒋乙\","
                                              "\"id_number\":\"%s\"}]", id);
  gint64 matter = register_matter ("别人", parties);
  gint64 party = sql_int ("SELECT id FROM jf.parties WHERE matter_id = %" G_GINT64_FORMAT,
                          matter);
  g_autofree char *body = g_strdup_printf ("{\"person_id\":%" G_GINT64_FORMAT "}", person);
  g_autofree char *before = snapshot ();
  g_autofree char *after = NULL;
  g_autoptr(JfTestResponse) r = call ("POST", CLERK, body, "/v1/matters/%" G_GINT64_FORMAT
                                      "/parties/%" G_GINT64_FORMAT "/person", matter, party);
  g_autoptr(JfTestResponse) wrong_party = call ("POST", CLERK, body,
                                                "/v1/matters/%" G_GINT64_FORMAT
                                                "/parties/99999999/person", matter);

  jf_test_assert_status (r, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, "person_id");
  jf_test_assert_status (wrong_party, 404);
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jf/registry/people/create-and-read", test_create_and_read);
  g_test_add_func ("/jf/registry/people/no-number-in-clear", test_no_number_in_clear);
  g_test_add_func ("/jf/registry/people/duplicate-id-number", test_duplicate_id_number);
  for (guint i = 0; i < G_N_ELEMENTS (bad_people); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jf/registry/people/refused/%s",
                                               bad_people[i].name);
      g_test_add_data_func (name, &bad_people[i], test_bad_person);
    }
  g_test_add_func ("/jf/registry/people/search-by-name", test_search_by_name);
  g_test_add_func ("/jf/registry/people/search-by-number-ends", test_search_by_number_ends);
  g_test_add_func ("/jf/registry/people/search-by-address", test_search_by_address);
  g_test_add_func ("/jf/registry/people/scope", test_scope);
  g_test_add_func ("/jf/registry/people/patch", test_patch);
  g_test_add_func ("/jf/registry/people/reveal-is-audited", test_reveal_is_audited);
  g_test_add_func ("/jf/registry/people/key-rotation", test_key_rotation);
  g_test_add_func ("/jf/registry/places", test_places);
  g_test_add_func ("/jf/registry/organisations", test_organisations);
  g_test_add_func ("/jf/registry/things", test_things);
  g_test_add_func ("/jf/registry/links/intake-links-parties", test_intake_links_parties);
  g_test_add_func ("/jf/registry/links/link-and-unlink", test_links);
  g_test_add_func ("/jf/registry/links/party-of-someone-else", test_party_of_someone_else);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
