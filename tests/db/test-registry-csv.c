/* test-registry-csv.c: importing and exporting people, places and organisations as CSV
 * (POST /v1/{people,places,organisations}/import, GET /v1/…/export)
 *
 * A clean file imports every row, with a byte-order mark or without; a file with bad rows
 * is answered with each bad row (its number as the spreadsheet shows it, its column, what
 * is wrong) and changes nothing at all; an export is masked unless the caller may see
 * whole numbers, and then it is on the audit log with every person in it. An export of
 * places or organisations imports again as it is: the same header, the same cells.
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "jf-id-number.h"
#include "jf-test-env.h"

static JfTestEnv *env;

#define CLERK "chuangkou"
#define GRID  "220402001001001"
#define GRID2 "220402001001002"
#define OTHER "220403001001001"
#define BOM   "\xef\xbb\xbf"

static char *
id_number (const char *birth,
           guint       seq)
{
  g_autofree char *digits = g_strdup_printf ("220402%s%03u", birth, seq % 1000);

  return g_strdup_printf ("%s%c", digits, jf_id_number_check_character (digits));
}

static JfTestResponse *
import_to (const char *path,
           const char *username,
           const char *content_type,
           const char *csv,
           gssize      len)
{
  g_autoptr(GBytes) body = g_bytes_new (csv, len >= 0 ? (gsize) len : strlen (csv));

  return jf_test_request_full (env->server, "POST", path, jf_test_env_token (env, username),
                               content_type, body, NULL);
}

static JfTestResponse *
import (const char *username,
        const char *content_type,
        const char *csv,
        gssize      len)
{
  return import_to ("/v1/people/import", username, content_type, csv, len);
}

static gint64
people (void)
{
  return jf_test_env_sql_int (env, "SELECT count(*) FROM jf.people");
}

static char *
snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT (SELECT count(*) FROM jf.people) || '/' || (SELECT count(*) FROM jf.audit_log)");
}

/* The errors of a 422 answer as "row:column" strings, in order. */
static char *
error_cells (JfTestResponse *r)
{
  JsonArray *errors = json_node_get_array (jf_test_response_get (r, "errors"));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *e = json_array_get_object_element (errors, i);
      JsonNode *column = json_object_get_member (e, "column");

      g_assert_nonnull (json_object_get_string_member (e, "message"));
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%s", i > 0 ? " " : "",
                              json_object_get_int_member (e, "row"),
                              JSON_NODE_HOLDS_NULL (column) ? "-"
                              : json_node_get_string (column));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_clean_file_with_bom (void)
{
  g_autofree char *a = id_number ("19800202", 1);
  g_autofree char *b = id_number ("19800202", 2);
  g_autofree char *csv = g_strdup_printf (
    BOM "name,id_number,phone,address,grid_code,tags\r\n"
    "韩导入,%s,13900001111,\"向阳路1号,2单元\",%s,低保;独居老人\r\n"
    "杨导入,%s,,\"他说\"\"你好\"\"\",%s,\r\n"
    "朱无号,,0437-3221234,,%s,重点人员\r\n"
    ",,,,,\r\n", a, GRID, b, GRID2, GRID);
  gint64 before = people ();
  g_autoptr(JfTestResponse) r = import (CLERK, "text/csv; charset=utf-8", csv, -1);
  g_autofree char *hmac_sql = NULL;

  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "imported"), ==, 3);
  g_assert_cmpint (people (), ==, before + 3);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.people WHERE "
                                             "name = '韩导入' AND address = '向阳路1号,2单元' "
                                             "AND tags = '{低保,独居老人}' "
                                             "AND phone_masked = '139****1111'"), ==, 1);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.people WHERE "
                                             "name = '杨导入' AND address = '他说\"你好\"'"), ==,
                   1);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log "
                                             "WHERE action = 'people.imported' "
                                             "AND data->>'rows' = '3'"), ==, 1);
  /* No number in clear in the table. */
  hmac_sql = g_strdup_printf ("SELECT count(*) FROM jf.people p WHERE p::text LIKE '%%%s%%' "
                              "OR p::text LIKE '%%13900001111%%'", a);
  g_assert_cmpint (jf_test_env_sql_int (env, hmac_sql), ==, 0);
}

static void
test_clean_file_without_bom (void)
{
  g_autofree char *a = id_number ("19810303", 3);
  /* Columns in another order, LF line ends, no final line break, a lower-case x. */
  g_autofree char *digits = g_strdup ("22040219810303004");
  g_autofree char *x = NULL;
  g_autofree char *csv = NULL;
  gint64 before = people ();
  g_autoptr(JfTestResponse) r = NULL;

  /* A number whose check character is X, given in lower case. */
  for (guint seq = 4; jf_id_number_check_character (digits) != 'X'; seq++)
    {
      g_free (digits);
      digits = g_strdup_printf ("22040219810303%03u", seq);
    }
  x = g_strdup_printf ("%sx", digits);
  csv = g_strdup_printf ("grid_code,name,id_number\n%s,秦一,%s\n%s,秦二,%s", GRID, a, GRID, x);
  r = import (CLERK, "text/csv", csv, -1);
  jf_test_assert_status (r, 200);
  g_assert_cmpint (jf_test_response_int (r, "imported"), ==, 2);
  g_assert_cmpint (people (), ==, before + 2);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.people WHERE name = '秦二' "
                                             "AND id_number_masked LIKE '%X'"), ==, 1);
}

static void
test_bad_rows_change_nothing (void)
{
  g_autofree char *good = id_number ("19820404", 5);
  g_autofree char *dup = id_number ("19820404", 6);
  g_autofree char *registered = id_number ("19820404", 7);
  g_autofree char *seed = g_strdup_printf ("name,id_number,grid_code\n许已有,%s,%s\n", registered,
                                           GRID);
  g_autoptr(JfTestResponse) first = import (CLERK, "text/csv", seed, -1);
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cells = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  jf_test_assert_status (first, 200);
  csv = g_strdup_printf (
    "name,id_number,phone,address,grid_code,tags\n"
    "何好,%s,,,%s,\n"                           /* 2: good */
    "吕错号,110105194912310021,,,%s,\n"         /* 3: check character */
    "施错电话,,12345,,%s,\n"                    /* 4: phone */
    ",,,,%s,\n"                                 /* 5: no name */
    "张无网格,,,,220402999999999,\n"            /* 6: no such unit */
    "孔外县,,,,%s,\n"                           /* 7: outside the scope */
    "曹重一,%s,,,%s,\n"                         /* 8: first of two with one number */
    "严重二,%s,,,%s,\n"                         /* 9: the second */
    "华已有,%s,,,%s,\n"                         /* 10: registered already */
    "金少列,%s\n"                               /* 11: too few fields */
    "\"魏引号\"多,,,,%s,\n"                     /* 12: text after a closing quote */
    "陶多错,123,abc,,,\n",                      /* 13: three bad cells */
    good, GRID, GRID, GRID, GRID, OTHER, dup, GRID, dup, GRID2, registered, GRID, GRID, GRID);
  before = snapshot ();
  r = import (CLERK, "text/csv", csv, -1);
  jf_test_assert_status (r, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "invalid");
  cells = error_cells (r);
  g_assert_cmpstr (cells, ==, "3:id_number 4:phone 5:name 6:grid_code 7:grid_code 9:id_number "
                              "10:id_number 11:- 12:- 13:id_number 13:phone 13:grid_code");
  /* The person registered already is named, being in the caller's scope. */
  g_assert_nonnull (jf_test_response_get (r, "errors.6.person_id"));
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_bad_files (void)
{
  g_autofree char *before = snapshot ();
  g_autofree char *after = NULL;
  /* 王 in GBK, as an old spreadsheet saves it. */
  static const char gbk[] = "name,grid_code\n\xcd\xf5,220402001001001\n";
  g_autoptr(JfTestResponse) not_utf8 = import (CLERK, "text/csv", gbk, sizeof gbk - 1);
  g_autoptr(JfTestResponse) no_grid = import (CLERK, "text/csv", "name,id_number\n张三,\n", -1);
  g_autoptr(JfTestResponse) unknown = import (CLERK, "text/csv",
                                              "name,grid_code,age\n张三," GRID ",30\n", -1);
  g_autoptr(JfTestResponse) empty = import (CLERK, "text/csv", "", 0);
  g_autoptr(JfTestResponse) header_only = import (CLERK, "text/csv", BOM "name,grid_code\r\n", -1);
  g_autoptr(JfTestResponse) json = import (CLERK, "application/json", "{}", -1);
  g_autoptr(JfTestResponse) gbk_type = import (CLERK, "text/csv; charset=gbk",
                                               "name,grid_code\n", -1);
  g_autoptr(JfTestResponse) auditor = import ("shenji", "text/csv",
                                              "name,grid_code\n张三," GRID "\n", -1);
  g_autoptr(JfTestResponse) liaison = import ("bumen", "text/csv",
                                              "name,grid_code\n张三," GRID "\n", -1);
  g_autofree char *cells = NULL;

  jf_test_assert_status (not_utf8, 422);
  jf_test_assert_status (no_grid, 422);
  cells = error_cells (no_grid);
  g_assert_cmpstr (cells, ==, "1:grid_code");
  jf_test_assert_status (unknown, 422);
  g_free (cells);
  cells = error_cells (unknown);
  g_assert_cmpstr (cells, ==, "1:age");
  jf_test_assert_status (empty, 422);
  jf_test_assert_status (header_only, 422);
  jf_test_assert_status (json, 415);
  jf_test_assert_status (gbk_type, 415);
  jf_test_assert_status (auditor, 403);
  jf_test_assert_status (liaison, 403);
  after = snapshot ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_export (void)
{
  g_autofree char *id = id_number ("19830505", 8);
  g_autofree char *csv = g_strdup_printf ("name,id_number,phone,grid_code\n"
                                          "=危险,%s,13712345678,%s\n"
                                          "邓另格,,,%s\n", id, GRID, GRID2);
  g_autoptr(JfTestResponse) in = import (CLERK, "text/csv", csv, -1);
  g_autoptr(JfTestResponse) masked = NULL;
  g_autoptr(JfTestResponse) whole = NULL;
  g_autoptr(JfTestResponse) grid = NULL;
  g_autoptr(JfTestResponse) refused = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole_text = NULL;
  g_autofree char *grid_text = NULL;
  g_autofree char *masked_id = jf_id_number_mask (id);
  gint64 exported;

  jf_test_assert_status (in, 200);
  masked = jf_test_request (env->server, "GET", "/v1/people/export",
                            jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (masked, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (masked->headers, NULL), ==,
                   "text/csv");
  text = g_strndup (g_bytes_get_data (masked->raw, NULL), g_bytes_get_size (masked->raw));
  g_assert_true (g_str_has_prefix (text, BOM "name,id_number,phone,address,grid_code,tags\r\n"));
  g_assert_nonnull (strstr (text, masked_id));
  g_assert_nonnull (strstr (text, "137****5678"));
  g_assert_null (strstr (text, id));
  /* A cell a spreadsheet would run as a formula is written as text. */
  g_assert_nonnull (strstr (text, "\"'=危险\""));

  exported = jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log "
                                       "WHERE action = 'people.exported'");
  whole = jf_test_request (env->server, "GET", "/v1/people/export?reveal=true",
                           jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (whole, 200);
  whole_text = g_strndup (g_bytes_get_data (whole->raw, NULL), g_bytes_get_size (whole->raw));
  g_assert_nonnull (strstr (whole_text, id));
  g_assert_nonnull (strstr (whole_text, "13712345678"));
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log a "
                                             "JOIN jf.accounts c ON c.id = a.actor_id "
                                             "WHERE a.action = 'people.exported' "
                                             "AND c.username = 'chuangkou' "
                                             "AND (a.data->>'count')::integer = "
                                             "    jsonb_array_length(a.data->'people') "
                                             "AND (a.data->>'count')::integer > 0"), ==,
                   exported + 1);

  /* The grid leader's export is their grid's, masked; whole numbers are refused. */
  grid = jf_test_request (env->server, "GET", "/v1/people/export",
                          jf_test_env_token (env, "wangge"), NULL);
  jf_test_assert_status (grid, 200);
  grid_text = g_strndup (g_bytes_get_data (grid->raw, NULL), g_bytes_get_size (grid->raw));
  g_assert_nonnull (strstr (grid_text, "=危险"));
  g_assert_null (strstr (grid_text, "邓另格"));
  refused = jf_test_request (env->server, "GET", "/v1/people/export?reveal=true",
                             jf_test_env_token (env, "wangge"), NULL);
  jf_test_assert_status (refused, 403);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log "
                                             "WHERE action = 'people.exported'"), ==,
                   exported + 1);
}

/* ---- Places and organisations ---- */

#define PLACES        "/v1/places/import"
#define ORGANISATIONS "/v1/organisations/import"
#define PLACES_HEADER "kind,name,address,org_code,lat,lng\r\n"
#define ORGS_HEADER   "kind,name,credit_code,address,org_code,contact_name\r\n"

/* A unified social credit code (GB 32100) of @seq, with its check character. */
static char *
credit_code (guint seq)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30,
                                   28 };
  g_autofree char *head = g_strdup_printf ("91220402MA%07u", seq);
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (int) (strchr (alphabet, head[i]) - alphabet) * weights[i];
  return g_strdup_printf ("%s%c", head, alphabet[(31 - sum % 31) % 31]);
}

static char *
export_text (const char *path,
             const char *username)
{
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "GET", path,
                                                 jf_test_env_token (env, username), NULL);

  jf_test_assert_status (r, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/csv");
  return g_strndup (g_bytes_get_data (r->raw, NULL), g_bytes_get_size (r->raw));
}

/* The header of @text and its rows that hold @marker, as a file again. No cell of these
 * tests holds a line break. */
static char *
rows_with (const char *text,
           const char *marker)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GString *out = g_string_new (lines[0]);

  g_string_append (out, "\r\n");
  for (guint i = 1; lines[i] != NULL; i++)
    if (strstr (lines[i], marker) != NULL)
      g_string_append_printf (out, "%s\r\n", lines[i]);
  return g_string_free (out, FALSE);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static char *
registry_snapshot (void)
{
  return jf_test_env_sql_text (env,
    "SELECT (SELECT count(*) FROM jf.places) || '/' || (SELECT count(*) FROM jf.organisations) "
    "|| '/' || (SELECT count(*) FROM jf.audit_log)");
}

/* Imports @csv and asserts that it is refused at exactly @cells, changing nothing. */
static void
assert_refused_at (const char *path,
                   const char *username,
                   const char *csv,
                   const char *cells)
{
  g_autofree char *before = registry_snapshot ();
  g_autoptr(JfTestResponse) r = import_to (path, username, "text/csv", csv, -1);
  g_autofree char *found = NULL;
  g_autofree char *after = NULL;

  jf_test_assert_status (r, 422);
  g_assert_cmpstr (jf_test_response_string (r, "error.code"), ==, "invalid");
  found = error_cells (r);
  g_assert_cmpstr (found, ==, cells);
  after = registry_snapshot ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_places_round_trip (void)
{
  const char *csv =
    BOM PLACES_HEADER
    "building,往返楼甲,\"往返路1号,东门\"," GRID ",43.1661,124.3502\r\n"
    ",往返亭,往返路2号," GRID ",,\r\n"
    "facility,\"往返\"\"站\"\"\",往返路3号," GRID ",-0.5,180\r\n";
  gint64 before = jf_test_env_sql_int (env, "SELECT count(*) FROM jf.places");
  g_autoptr(JfTestResponse) in = import_to (PLACES, CLERK, "text/csv; charset=utf-8", csv, -1);
  g_autoptr(JfTestResponse) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *second = NULL;
  g_autofree char *theirs = NULL;

  jf_test_assert_status (in, 200);
  g_assert_cmpint (jf_test_response_int (in, "imported"), ==, 3);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.places"), ==, before + 3);
  /* Read as POST /v1/places reads a body: the kind defaults to an address. */
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.places WHERE "
                                             "name = '往返亭' AND kind = 'address' "
                                             "AND lat IS NULL AND lng IS NULL"), ==, 1);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.places WHERE "
                                             "address = '往返路1号,东门' AND kind = 'building' "
                                             "AND lat = 43.1661 AND lng = 124.3502"), ==, 1);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.audit_log "
                                             "WHERE action = 'places.imported' "
                                             "AND data->>'rows' = '3'"), ==, 1);

  first = export_text ("/v1/places/export?org=" GRID, CLERK);
  g_assert_true (g_str_has_prefix (first, BOM PLACES_HEADER));
  mine = rows_with (first, "往返");
  g_assert_nonnull (strstr (mine, "\r\nbuilding,往返楼甲,\"往返路1号,东门\"," GRID
                                  ",43.1661,124.3502\r\n"));
  g_assert_nonnull (strstr (mine, "\r\naddress,往返亭,往返路2号," GRID ",,\r\n"));
  /* A negative number is guarded as a formula would be, and imports as the number. */
  g_assert_nonnull (strstr (mine, "\r\nfacility,\"往返\"\"站\"\"\",往返路3号," GRID
                                  ",\"'-0.5\",180\r\n"));

  /* The export, moved to the next grid, imports as it is and exports the same again. */
  moved = replace (mine, GRID, GRID2);
  again = import_to (PLACES, CLERK, "text/csv", moved, -1);
  jf_test_assert_status (again, 200);
  g_assert_cmpint (jf_test_response_int (again, "imported"), ==, 3);
  second = export_text ("/v1/places/export?org=" GRID2, CLERK);
  theirs = rows_with (second, "往返");
  g_assert_cmpstr (theirs, ==, moved);
}

static void
test_organisations_round_trip (void)
{
  g_autofree char *code = credit_code (1);
  g_autofree char *lower = g_ascii_strdown (code, -1);
  g_autofree char *csv = g_strdup_printf (
    BOM ORGS_HEADER
    "company,往返公司,%s,往返路9号," GRID ",往返联系人\r\n"
    "other,往返会,,,,\r\n"
    "institution,往返所,,\"往返路8号,北楼\"," GRID2 ",\r\n", lower);
  gint64 before = jf_test_env_sql_int (env, "SELECT count(*) FROM jf.organisations");
  g_autoptr(JfTestResponse) in = import_to (ORGANISATIONS, CLERK, "text/csv", csv, -1);
  g_autoptr(JfTestResponse) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *without_code = NULL;
  g_autofree char *second = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *cells = g_strdup ("2:credit_code");

  jf_test_assert_status (in, 200);
  g_assert_cmpint (jf_test_response_int (in, "imported"), ==, 3);
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.organisations"), ==,
                   before + 3);

  /* Public record: the grid leader's export holds them all, wherever they are. */
  first = export_text ("/v1/organisations/export", "wangge");
  g_assert_true (g_str_has_prefix (first, BOM ORGS_HEADER));
  mine = rows_with (first, "往返");
  g_assert_nonnull (strstr (mine, "company,往返公司,"));
  g_assert_nonnull (strstr (mine, code));
  g_assert_nonnull (strstr (mine, "\r\nother,往返会,,,,\r\n"));
  g_assert_nonnull (strstr (mine, "\r\ninstitution,往返所,,\"往返路8号,北楼\"," GRID2 ",\r\n"));

  /* Imported again as it is, the credit code is registered already; without it, every row
   * imports and exports the same as before. */
  assert_refused_at (ORGANISATIONS, CLERK, mine, cells);
  without_code = replace (mine, code, "");
  again = import_to (ORGANISATIONS, CLERK, "text/csv", without_code, -1);
  jf_test_assert_status (again, 200);
  g_assert_cmpint (jf_test_response_int (again, "imported"), ==, 3);
  second = export_text ("/v1/organisations/export", CLERK);
  theirs = rows_with (second, "往返");
  expected = g_strconcat (mine, strstr (without_code, "\r\n") + 2, NULL);
  g_assert_cmpstr (theirs, ==, expected);
}

/* Two bad rows among good ones: exactly those are reported, by the member's column. */
static void
test_places_bad_rows_change_nothing (void)
{
  assert_refused_at (PLACES, CLERK,
                     PLACES_HEADER
                     "building,坏行好一,坏行路1号," GRID ",,\r\n"         /* 2: good */
                     "building,坏行坐标,坏行路2号," GRID ",北纬43,124\r\n" /* 3: not a number */
                     "area,坏行好二,坏行路3号," GRID2 ",43,124\r\n"       /* 4: good */
                     "castle,坏行类别,坏行路4号," GRID ",,\r\n"           /* 5: no such kind */
                     "facility,坏行好三,坏行路5号," GRID ",,\r\n",        /* 6: good */
                     "3:lat 5:kind");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.places "
                                             "WHERE name LIKE '坏行%'"), ==, 0);
}

static void
test_organisations_bad_rows_change_nothing (void)
{
  g_autofree char *good = credit_code (2);
  g_autofree char *csv = g_strdup_printf (
    BOM ORGS_HEADER
    "company,坏行公司,%s,,,\r\n"                    /* 2: good */
    "company,坏行代码,91220402MA0000002X,,,\r\n"    /* 3: not a credit code */
    "other,坏行会,,,,\r\n"                          /* 4: good */
    "institution,,,坏行路1号,,\r\n",                /* 5: no name */
    good);

  assert_refused_at (ORGANISATIONS, CLERK, csv, "3:credit_code 5:name");
  g_assert_cmpint (jf_test_env_sql_int (env, "SELECT count(*) FROM jf.organisations "
                                             "WHERE name LIKE '坏行%'"), ==, 0);
}

/* What may not be registered twice, within the file or against the registry. */
static void
test_duplicates (void)
{
  g_autofree char *code = credit_code (3);
  g_autofree char *seed = g_strdup_printf (ORGS_HEADER "company,重复公司,%s,,,\r\n", code);
  g_autoptr(JfTestResponse) places = import_to (PLACES, CLERK, "text/csv",
                                                PLACES_HEADER ",重复楼,重复路1号," GRID ",,\r\n",
                                                -1);
  g_autoptr(JfTestResponse) organisations = import_to (ORGANISATIONS, CLERK, "text/csv", seed,
                                                       -1);
  g_autofree char *orgs = g_strdup_printf (ORGS_HEADER
                                           "company,重复甲,%s,,,\r\n"
                                           "company,重复乙,%s,,,\r\n", code, code);

  jf_test_assert_status (places, 200);
  jf_test_assert_status (organisations, 200);
  assert_refused_at (PLACES, CLERK,
                     PLACES_HEADER
                     ",重复一,重复路2号," GRID ",,\r\n"
                     ",重复二,重复路2号," GRID ",,\r\n"      /* 3: the same as row 2 */
                     ",重复三,重复路2号," GRID2 ",,\r\n"     /* another unit: good */
                     ",重复四,重复路1号," GRID ",,\r\n"      /* 5: registered already */
                     ",重复五,重复路5号," GRID ",43,\r\n",   /* 6: lat without lng */
                     "3:address 5:address 6:lng");
  assert_refused_at (ORGANISATIONS, CLERK, orgs, "2:credit_code 3:credit_code");
}

/* A unit outside the caller's scope is a bad row, as it is a refused body; exports and
 * imports go by the registry's roles. */
static void
test_out_of_scope (void)
{
  g_autoptr(JfTestResponse) far = import_to (ORGANISATIONS, "admin", "text/csv",
                                             ORGS_HEADER "company,远方公司,,,"
                                             OTHER ",\r\n", -1);
  g_autoptr(JfTestResponse) own = import_to (PLACES, "wangge", "text/csv",
                                             PLACES_HEADER ",格内楼,格内路1号," GRID ",,\r\n", -1);
  g_autoptr(JfTestResponse) other_unit = NULL;
  g_autoptr(JfTestResponse) auditor = NULL;
  g_autoptr(JfTestResponse) liaison_places = NULL;
  g_autoptr(JfTestResponse) liaison_orgs = NULL;
  g_autoptr(JfTestResponse) reveal = NULL;
  g_autofree char *grid = NULL;
  g_autofree char *orgs = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  jf_test_assert_status (far, 200);
  jf_test_assert_status (own, 200);
  assert_refused_at (PLACES, CLERK,
                     PLACES_HEADER ",界内楼,界内路1号," GRID ",,\r\n"
                     ",界外楼,界外路1号," OTHER ",,\r\n", "3:org_code");
  assert_refused_at (ORGANISATIONS, CLERK,
                     ORGS_HEADER "company,界外公司,,," OTHER ",\r\n", "2:org_code");
  /* The grid leader's scope is their grid, not the next one. */
  assert_refused_at (PLACES, "wangge",
                     PLACES_HEADER ",邻格楼,邻格路1号," GRID2 ",,\r\n", "2:org_code");

  before = registry_snapshot ();
  other_unit = jf_test_request (env->server, "GET", "/v1/places/export?org=" OTHER,
                                jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (other_unit, 403);
  auditor = import_to (PLACES, "shenji", "text/csv", PLACES_HEADER ",审计楼,审计路1号," GRID
                       ",,\r\n", -1);
  jf_test_assert_status (auditor, 403);
  liaison_places = jf_test_request (env->server, "GET", "/v1/places/export",
                                    jf_test_env_token (env, "bumen"), NULL);
  jf_test_assert_status (liaison_places, 403);
  liaison_orgs = jf_test_request (env->server, "GET", "/v1/organisations/export",
                                  jf_test_env_token (env, "bumen"), NULL);
  jf_test_assert_status (liaison_orgs, 403);
  reveal = jf_test_request (env->server, "GET", "/v1/places/export?reveal=true",
                            jf_test_env_token (env, CLERK), NULL);
  jf_test_assert_status (reveal, 400);
  after = registry_snapshot ();
  g_assert_cmpstr (after, ==, before);

  /* The grid leader exports the places of their grid only, and every organisation. */
  grid = export_text ("/v1/places/export", "wangge");
  g_assert_nonnull (strstr (grid, ",格内楼,格内路1号," GRID ",,\r\n"));
  g_assert_null (strstr (grid, "," GRID2 ","));
  g_assert_null (strstr (grid, "界内楼"));
  orgs = export_text ("/v1/organisations/export", "wangge");
  g_assert_nonnull (strstr (orgs, "company,远方公司,,," OTHER ",\r\n"));
}

static void
test_places_bad_files (void)
{
  g_autofree char *before = registry_snapshot ();
  g_autofree char *after = NULL;
  /* 王 in GBK. */
  static const char gbk_place[] = "name,address,org_code\n\xcd\xf5,1,220402001001001\n";
  static const char gbk_org[] = "kind,name\ncompany,\xcd\xf5\n";
  g_autoptr(JfTestResponse) places = import_to (PLACES, CLERK, "text/csv", gbk_place,
                                                sizeof gbk_place - 1);
  g_autoptr(JfTestResponse) orgs = import_to (ORGANISATIONS, CLERK, "text/csv", gbk_org,
                                              sizeof gbk_org - 1);
  g_autoptr(JfTestResponse) declared = import_to (PLACES, CLERK, "text/csv; charset=gbk",
                                                  gbk_place, sizeof gbk_place - 1);
  g_autoptr(JfTestResponse) header = import_to (PLACES, CLERK, "text/csv",
                                                BOM "name,org_code,floor\r\n", -1);
  g_autofree char *cells = NULL;

  jf_test_assert_status (places, 422);
  g_assert_cmpstr (jf_test_response_string (places, "error.code"), ==, "invalid");
  jf_test_assert_status (orgs, 422);
  jf_test_assert_status (declared, 415);
  /* The BOM is not part of the first column's name. */
  jf_test_assert_status (header, 422);
  cells = error_cells (header);
  g_assert_cmpstr (cells, ==, "1:floor 1:address");
  after = registry_snapshot ();
  g_assert_cmpstr (after, ==, before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  env = jf_test_env_new ();
  g_test_add_func ("/jf/registry/csv/clean-file-with-bom", test_clean_file_with_bom);
  g_test_add_func ("/jf/registry/csv/clean-file-without-bom", test_clean_file_without_bom);
  g_test_add_func ("/jf/registry/csv/bad-rows-change-nothing", test_bad_rows_change_nothing);
  g_test_add_func ("/jf/registry/csv/bad-files", test_bad_files);
  g_test_add_func ("/jf/registry/csv/export", test_export);
  g_test_add_func ("/jf/registry/csv/places/round-trip", test_places_round_trip);
  g_test_add_func ("/jf/registry/csv/organisations/round-trip", test_organisations_round_trip);
  g_test_add_func ("/jf/registry/csv/places/bad-rows-change-nothing",
                   test_places_bad_rows_change_nothing);
  g_test_add_func ("/jf/registry/csv/organisations/bad-rows-change-nothing",
                   test_organisations_bad_rows_change_nothing);
  g_test_add_func ("/jf/registry/csv/duplicates", test_duplicates);
  g_test_add_func ("/jf/registry/csv/out-of-scope", test_out_of_scope);
  g_test_add_func ("/jf/registry/csv/places/bad-files", test_places_bad_files);
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
