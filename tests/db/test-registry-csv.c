/* test-registry-csv.c: importing and exporting people as CSV (POST /v1/people/import,
 * GET /v1/people/export)
 *
 * A clean file imports every row, with a byte-order mark or without; a file with bad rows
 * is answered with each bad row (its number as the spreadsheet shows it, its column, what
 * is wrong) and changes nothing at all; an export is masked unless the caller may see
 * whole numbers, and then it is on the audit log with every person in it.
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
import (const char *username,
        const char *content_type,
        const char *csv,
        gssize      len)
{
  g_autoptr(GBytes) body = g_bytes_new (csv, len >= 0 ? (gsize) len : strlen (csv));

  return jf_test_request_full (env->server, "POST", "/v1/people/import",
                               jf_test_env_token (env, username), content_type, body, NULL);
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
  status = g_test_run ();
  jf_test_env_free (env);
  return status;
}
