/* test-access-matrix-registry.c: the access matrix's rows of the registry
 *
 * People, places, organisations and things (DOMAIN.md §7), their CSV files, a
 * matter's links to the registry, its related matters and risk flags, and the repeat
 * lookup of the intake form (test-access-matrix.c runs them). Each status is written by
 * hand from the registry engineer's rules, checked against the code
 * (server/jfd-engine-registry-private.h, jfd_personal_may_reveal ()) and DOMAIN.md:
 * - everyone signed in reads the registry but a department's liaison, who works on the
 *   matters whistled to the department and nothing else; everyone changes it but the
 *   liaison and the auditor, who reads and never writes;
 * - people, places and things belong to a unit and are read and changed within the
 *   caller's subtree, as matters are; organisations are public record, read by every
 *   reader of the registry wherever they are registered, and changed, like the others,
 *   only within the subtree of their unit (a unit outside it cannot be given to a new one);
 * - whole ID and phone numbers (?reveal=true) are for those who work with the parties face
 *   to face — reception, mediators, the court, petition officers, the police, supervisors;
 *   not grid leaders, administrators or auditors — the same roles as on a matter; each view
 *   is on the audit log (person.viewed, people.exported) before the numbers leave
 *   (check_revealed, check_export_revealed);
 * - what hangs from a matter (its links, related matters, risk flags) is read as the matter
 *   is, but for a liaison on a matter whistled to their department: its risk flags, not its
 *   links and related matters, which are the registry's; linking a record to it, or a
 *   party to a registered person, is a write on the matter by those who add evidence to it
 *   (attachments/add): not administrators, not auditors, within their subtree;
 * - a file of people, places or organisations reports every bad row, a unit outside the
 *   caller's scope among them: such a file is answered 422 (invalid) and imports nothing,
 *   where one record is 403; places are exported from the caller's subtree, as they are
 *   listed, organisations wherever they are;
 * - the repeat lookup of the intake form takes a place anywhere (a walk-in may come from
 *   anywhere) and answers only matters within the caller's subtree: it has no place, one
 *   column of cells, and its check is that nothing outside the subtree is listed.
 * A refused cell writes nothing: the snapshot covers every table of the jf schema, the
 * registry's, its links to matters and the audit log among them. Where the code departs
 * from these rules, the cell is a known bug (test-access-matrix.c).
 * The columns: chuangkou tiaojie wangge bumen fayuan xinfang minjing ducha admin shenji.
 */
#include "config.h"

#include <string.h>

#include "jf-access-matrix.h"

/* ---- Bodies ---- */

static gint64
version_of (const char *table,
            gint64      id)
{
  return id == 0 ? 1 : jf_access_version_of (table, id);
}

static const char *
unit_of (const Cell *c)
{
  return jf_access_places[c->place].org;
}

static char *
body_person (const Cell *c)
{
  guint n = jf_access_unique ();

  return g_strdup_printf ("{\"name\":\"矩阵新居民%u\",\"address\":\"矩阵新村%u号\","
                          "\"grid\":\"%s\"}", n, n, jf_access_grid (c->place));
}

static char *
body_person_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"address\":\"矩阵小区（改址）\"}",
                          version_of ("people", c->fx.id));
}

static char *
body_place (const Cell *c)
{
  guint n = jf_access_unique ();

  return g_strdup_printf ("{\"name\":\"矩阵新楼%u\",\"address\":\"矩阵新路%u号\",\"org\":\"%s\"}",
                          n, n, unit_of (c));
}

static char *
body_place_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"name\":\"矩阵楼（改名）\"}",
                          version_of ("places", c->fx.id));
}

static char *
body_organisation (const Cell *c)
{
  return g_strdup_printf ("{\"kind\":\"social_organisation\",\"name\":\"矩阵协会%u\","
                          "\"org\":\"%s\"}", jf_access_unique (), unit_of (c));
}

static char *
body_organisation_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"contact_name\":\"矩阵联系人\"}",
                          version_of ("organisations", c->fx.id));
}

static char *
body_thing (const Cell *c)
{
  return g_strdup_printf ("{\"kind\":\"equipment\",\"name\":\"矩阵设备%u\",\"org\":\"%s\"}",
                          jf_access_unique (), unit_of (c));
}

static char *
body_thing_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"description\":\"矩阵描述\"}",
                          version_of ("things", c->fx.id));
}

/* A file of one resident of the place's grid, with no ID number: never a duplicate. */
static char *
body_people_file (const Cell *c)
{
  return g_strdup_printf ("name,grid_code,tags\r\n矩阵导入%u,%s,矩阵\r\n", jf_access_unique (),
                          jf_access_grid (c->place));
}

/* A file of one place, or one organisation, of the place's unit. */
static char *
body_places_file (const Cell *c)
{
  guint n = jf_access_unique ();

  return g_strdup_printf ("kind,name,address,org_code,lat,lng\r\n"
                          "building,矩阵导入楼%u,矩阵导入路%u号,%s,43.1,124.3\r\n",
                          n, n, unit_of (c));
}

static char *
body_organisations_file (const Cell *c)
{
  return g_strdup_printf ("kind,name,credit_code,address,org_code,contact_name\r\n"
                          "company,矩阵导入公司%u,,,%s,\r\n", jf_access_unique (),
                          unit_of (c));
}

/* The place's person, linked to the matter, or named as its respondent. */
static char *
body_link (const Cell *c)
{
  return g_strdup_printf ("{\"person\":%" G_GINT64_FORMAT ",\"role\":\"third_party\"}",
                          jf_access_fixture (JF_ACCESS_FX_PERSON, c->place, FALSE).id);
}

static char *
body_party_person (const Cell *c)
{
  return g_strdup_printf ("{\"person_id\":%" G_GINT64_FORMAT "}",
                          jf_access_fixture (JF_ACCESS_FX_PERSON, c->place, FALSE).id);
}

/* ---- What an allowed answer holds ---- */

/* The unit a cell's list is of: the one its query names, or the caller's home. */
static const char *
under_of (const Cell *c)
{
  const char *query = jf_access_places[c->place].query;

  return query[0] != '\0' ? strchr (query, '=') + 1 : jf_access_home (c->role);
}

static void
check_audited (const Cell *c,
               const char *what)
{
  g_autofree char *last = jf_access_last_audit ();
  g_autofree char *expected = g_strdup_printf ("%s %s", jf_access_username (c->role), what);

  if (!g_str_has_prefix (last, expected))
    g_test_fail_printf ("the last audit entry is “%s”, not “%s…”", last, expected);
}

static void
check_person_created (const Cell *c, JfTestResponse *r)
{
  g_autofree char *what = g_strdup_printf ("person.created person:%" G_GINT64_FORMAT,
                                           jf_test_response_int (r, "id"));

  check_audited (c, what);
}

/* People, places and things listed lie in the unit asked for, and some do by now (their
 * rows of creation run first). */
static void
check_registry_list (const Cell     *c,
                     JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  const char *under = under_of (c);

  if (json_array_get_length (items) == 0)
    g_test_fail_printf ("%s's list of %s is empty", jf_access_username (c->role), under);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *unit = json_object_has_member (item, "grid") ? "grid" : "org";
      const char *code = json_object_get_string_member (
        json_object_get_object_member (item, unit), "code");

      if (!g_str_has_prefix (code, under))
        g_test_fail_printf ("%s's list of %s holds a record of %s",
                            jf_access_username (c->role), under, code);
    }
}

/* Organisations are public record: the list holds the other county's. */
static void
check_public (const Cell     *c,
              JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  gint64 far = jf_access_fixture (JF_ACCESS_FX_ORGANISATION, JF_ACCESS_OUT, FALSE).id;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (items) && !found; i++)
    found = json_object_get_int_member (json_array_get_object_element (items, i), "id") == far;
  if (!found)
    g_test_fail_printf ("%s's list of organisations lacks %" G_GINT64_FORMAT ", of 西安区",
                        jf_access_username (c->role), far);
}

static gboolean
is_whole (const char *number)
{
  return number != NULL && number[0] != '\0' && strchr (number, '*') == NULL;
}

/* Whole numbers, and the view on the audit log, as the caller's. */
static void
check_revealed (const Cell     *c,
                JfTestResponse *r)
{
  g_autofree char *what = g_strdup_printf ("person.viewed person:%" G_GINT64_FORMAT, c->fx.id);

  if (!is_whole (jf_test_response_string (r, "id_number")) ||
      !is_whole (jf_test_response_string (r, "phone")))
    g_test_fail_printf ("a revealed person has the numbers %s and %s",
                        jf_test_response_string (r, "id_number"),
                        jf_test_response_string (r, "phone"));
  check_audited (c, what);
}

/* The rows of an exported file, its header left out: each its fields (name, id_number,
 * phone, address, grid_code, tags). No field of the matrix's people holds a comma. */
static GPtrArray *
file_rows (JfTestResponse *r)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (r->raw, NULL), g_bytes_get_size (r->raw));
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strsplit (lines[i], ",", -1));
  return rows;
}

/* Everyone in the file lives in the unit asked for, some do, and their numbers are whole
 * or masked as @whole says. */
static void
check_file (const Cell     *c,
            JfTestResponse *r,
            gboolean        whole)
{
  g_autoptr(GPtrArray) rows = file_rows (r);
  const char *under = under_of (c);
  guint n_numbers = 0;

  if (rows->len == 0)
    g_test_fail_printf ("%s's export of %s is empty", jf_access_username (c->role), under);
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = rows->pdata[i];

      if (g_strv_length (fields) != 6)
        {
          g_test_fail_printf ("an exported row has %u fields", g_strv_length (fields));
          continue;
        }
      if (!g_str_has_prefix (fields[4], under))
        g_test_fail_printf ("%s's export of %s holds a resident of %s",
                            jf_access_username (c->role), under, fields[4]);
      if (fields[1][0] == '\0')
        continue;
      n_numbers++;
      if (is_whole (fields[1]) != whole)
        g_test_fail_printf ("an exported ID number reads %s", fields[1]);
    }
  if (n_numbers == 0)
    g_test_fail_printf ("%s's export of %s has no ID numbers", jf_access_username (c->role),
                        under);
}

static void
check_export (const Cell *c, JfTestResponse *r)
{
  check_file (c, r, FALSE);
}

static void
check_export_revealed (const Cell     *c,
                       JfTestResponse *r)
{
  g_autofree char *what = g_strdup_printf ("people.exported %s", under_of (c));

  check_file (c, r, TRUE);
  check_audited (c, what);
}

static void
check_imported_as (const Cell     *c,
                   JfTestResponse *r,
                   const char     *what)
{
  if (jf_test_response_int (r, "imported") != 1)
    g_test_fail_printf ("a file of one record imported %" G_GINT64_FORMAT,
                        jf_test_response_int (r, "imported"));
  check_audited (c, what);
}

static void
check_imported (const Cell *c, JfTestResponse *r)
{
  check_imported_as (c, r, "people.imported");
}

static void
check_places_imported (const Cell *c, JfTestResponse *r)
{
  check_imported_as (c, r, "places.imported");
}

static void
check_organisations_imported (const Cell *c, JfTestResponse *r)
{
  check_imported_as (c, r, "organisations.imported");
}

/* Every place in the file lies in the unit asked for (its org_code, the fourth column),
 * and some do by now. No field of the matrix's places holds a comma. */
static void
check_places_export (const Cell     *c,
                     JfTestResponse *r)
{
  g_autoptr(GPtrArray) rows = file_rows (r);
  const char *under = under_of (c);

  if (rows->len == 0)
    g_test_fail_printf ("%s's export of %s is empty", jf_access_username (c->role), under);
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = rows->pdata[i];

      if (g_strv_length (fields) != 6)
        g_test_fail_printf ("an exported place has %u fields", g_strv_length (fields));
      else if (!g_str_has_prefix (fields[3], under))
        g_test_fail_printf ("%s's export of %s holds a place of %s",
                            jf_access_username (c->role), under, fields[3]);
    }
}

/* Organisations are public record: the file holds the other county's (org_code, the
 * fifth column). */
static void
check_organisations_export (const Cell     *c,
                            JfTestResponse *r)
{
  g_autoptr(GPtrArray) rows = file_rows (r);
  const char *far = jf_access_places[JF_ACCESS_OUT].org;
  gboolean found = FALSE;

  for (guint i = 0; i < rows->len && !found; i++)
    {
      char **fields = rows->pdata[i];

      found = g_strv_length (fields) == 6 && g_str_equal (fields[4], far);
    }
  if (!found)
    g_test_fail_printf ("%s's export of organisations lacks those of %s",
                        jf_access_username (c->role), far);
}

/* The matter's links hold the place's person. */
static void
check_links (const Cell     *c,
             JfTestResponse *r)
{
  JsonArray *people = json_node_get_array (jf_test_response_get (r, "people"));
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (people) && !found; i++)
    found = json_object_get_int_member (json_array_get_object_element (people, i), "id") ==
            c->fx.id;
  if (!found)
    g_test_fail_printf ("the links of matter %" G_GINT64_FORMAT " lack person %" G_GINT64_FORMAT,
                        c->fx.matter, c->fx.id);
}

/* Matters found (related, repeat) lie in the caller's subtree, wherever their people had
 * other disputes: every matter of the matrix has the same applicant, 张三. */
static void
check_in_subtree (const Cell     *c,
                  JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  const char *home = jf_access_home (c->role);

  if (json_array_get_length (items) == 0)
    g_test_fail_printf ("%s finds no other matter of 张三", jf_access_username (c->role));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *code = json_object_get_string_member (
        json_object_get_object_member (item, "org"), "code");

      if (!g_str_has_prefix (code, home))
        g_test_fail_printf ("%s finds matter %s of %s, outside %s", jf_access_username (c->role),
                            json_object_get_string_member (item, "number"), code, home);
    }
}

/* 张三 is in other disputes: the matter is flagged a repeat dispute. */
static void
check_risks (const Cell     *c,
             JfTestResponse *r)
{
  JsonArray *items = json_node_get_array (jf_test_response_get (r, "items"));
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (items) && !found; i++)
    found = g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                      "rule"), "repeat_dispute") == 0;
  if (!found)
    g_test_fail_printf ("matter %" G_GINT64_FORMAT " is not flagged a repeat dispute",
                        c->fx.matter);
}

/* ---- The rows ---- */

#define QUERY JF_ACCESS_FX_QUERY
#define MATTER JF_ACCESS_FX_MATTER
#define TARGET JF_ACCESS_FX_TARGET
#define PERSON JF_ACCESS_FX_PERSON
#define PLACE JF_ACCESS_FX_PLACE
#define ORGANISATION JF_ACCESS_FX_ORGANISATION
#define THING JF_ACCESS_FX_THING
#define LINKED JF_ACCESS_FX_LINKED
#define PARTY JF_ACCESS_FX_PARTY
#define REVEAL_QUERY JF_ACCESS_FX_REVEAL_QUERY

#define NONE ALL ("403")
/* Reads of the registry are READ_IN, READ_SIB and READ_OUT: everyone but the liaison. */
/* Changes: everyone but the liaison and the auditor, within their subtree. */
#define WRITE_IN(s)  s " " s " " s " 403 " s " " s " " s " " s " " s " 403"
#define WRITE_SIB(s) "403 403 403 403 " s " " s " 403 " s " " s " 403"
#define WRITE_OUT(s) "403 403 403 403 403 403 403 403 " s " 403"
/* Whole numbers: reception, mediator, court, petition officer, police, supervisor. */
#define REVEAL_IN  "200 200 403 403 200 200 200 200 403 403"
#define REVEAL_SIB "403 403 403 403 200 200 403 200 403 403"
/* A file naming a unit outside the caller's scope: a bad row (422). */
#define FILE_SIB "422 422 422 403 200 200 422 200 200 403"
#define FILE_OUT "422 422 422 403 422 422 422 422 200 403"
/* Links on a matter: those who add evidence to it (attachments/add). */
#define LINK_IN(s)  s " " s " " s " 403 " s " " s " " s " " s " 403 403"
#define LINK_SIB(s) "403 403 403 403 " s " " s " 403 " s " 403 403"

const Route jf_access_registry_routes[] = {
  /* ---- People ---- */

  { .slug = "people/create", .method = "POST", .pattern = "/v1/people", .body = body_person,
    .check = check_person_created, .anon = 401,
    .expect = { WRITE_IN ("201"), WRITE_SIB ("201"), WRITE_OUT ("201") } },
  { .slug = "people/list", .method = "GET", .pattern = "/v1/people{q}", .fixture = QUERY,
    .check = check_registry_list, .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "people/get", .method = "GET", .pattern = "/v1/people/{id}", .fixture = PERSON,
    .anon = 401, .nx = "chuangkou", .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "people/reveal", .method = "GET", .pattern = "/v1/people/{id}?reveal=true",
    .fixture = PERSON, .check = check_revealed, .anon = 401, .nx = "chuangkou",
    .expect = { REVEAL_IN, REVEAL_SIB, NONE } },
  { .slug = "people/patch", .method = "PATCH", .pattern = "/v1/people/{id}", .fixture = PERSON,
    .body = body_person_patch, .anon = 401, .nx = "chuangkou",
    .expect = { WRITE_IN ("200"), WRITE_SIB ("200"), WRITE_OUT ("200") } },
  { .slug = "people/import", .method = "POST", .pattern = "/v1/people/import",
    .body = body_people_file, .content_type = "text/csv", .code_422 = "invalid",
    .check = check_imported, .anon = 401,
    .expect = { WRITE_IN ("200"), FILE_SIB, FILE_OUT } },
  { .slug = "people/export", .method = "GET", .pattern = "/v1/people/export{q}",
    .fixture = QUERY, .check = check_export, .anon = 401,
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "people/export-revealed", .method = "GET", .pattern = "/v1/people/export{q}",
    .fixture = REVEAL_QUERY, .check = check_export_revealed, .anon = 401,
    .expect = { REVEAL_IN, REVEAL_SIB, NONE } },

  /* ---- Places and things: as people ---- */

  { .slug = "places/create", .method = "POST", .pattern = "/v1/places", .body = body_place,
    .anon = 401, .expect = { WRITE_IN ("201"), WRITE_SIB ("201"), WRITE_OUT ("201") } },
  { .slug = "places/list", .method = "GET", .pattern = "/v1/places{q}", .fixture = QUERY,
    .check = check_registry_list, .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "places/get", .method = "GET", .pattern = "/v1/places/{id}", .fixture = PLACE,
    .anon = 401, .nx = "chuangkou", .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "places/patch", .method = "PATCH", .pattern = "/v1/places/{id}", .fixture = PLACE,
    .body = body_place_patch, .anon = 401, .nx = "chuangkou",
    .expect = { WRITE_IN ("200"), WRITE_SIB ("200"), WRITE_OUT ("200") } },
  { .slug = "places/import", .method = "POST", .pattern = "/v1/places/import",
    .body = body_places_file, .content_type = "text/csv", .code_422 = "invalid",
    .check = check_places_imported, .anon = 401,
    .expect = { WRITE_IN ("200"), FILE_SIB, FILE_OUT } },
  { .slug = "places/export", .method = "GET", .pattern = "/v1/places/export{q}",
    .fixture = QUERY, .check = check_places_export, .anon = 401,
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "things/create", .method = "POST", .pattern = "/v1/things", .body = body_thing,
    .anon = 401, .expect = { WRITE_IN ("201"), WRITE_SIB ("201"), WRITE_OUT ("201") } },
  { .slug = "things/list", .method = "GET", .pattern = "/v1/things{q}", .fixture = QUERY,
    .check = check_registry_list, .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "things/get", .method = "GET", .pattern = "/v1/things/{id}", .fixture = THING,
    .anon = 401, .nx = "chuangkou", .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "things/patch", .method = "PATCH", .pattern = "/v1/things/{id}", .fixture = THING,
    .body = body_thing_patch, .anon = 401, .nx = "chuangkou",
    .expect = { WRITE_IN ("200"), WRITE_SIB ("200"), WRITE_OUT ("200") } },

  /* ---- Organisations: read wherever they are; the list has no place ---- */

  { .slug = "organisations/create", .method = "POST", .pattern = "/v1/organisations",
    .body = body_organisation, .anon = 401,
    .expect = { WRITE_IN ("201"), WRITE_SIB ("201"), WRITE_OUT ("201") } },
  { .slug = "organisations/get", .method = "GET", .pattern = "/v1/organisations/{id}",
    .fixture = ORGANISATION, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_IN, READ_IN } },
  { .slug = "organisations/list", .method = "GET", .pattern = "/v1/organisations",
    .check = check_public, .anon = 401, .expect = { READ_IN } },
  { .slug = "organisations/import", .method = "POST", .pattern = "/v1/organisations/import",
    .body = body_organisations_file, .content_type = "text/csv", .code_422 = "invalid",
    .check = check_organisations_imported, .anon = 401,
    .expect = { WRITE_IN ("200"), FILE_SIB, FILE_OUT } },
  { .slug = "organisations/export", .method = "GET", .pattern = "/v1/organisations/export",
    .check = check_organisations_export, .anon = 401, .expect = { READ_IN } },
  { .slug = "organisations/patch", .method = "PATCH", .pattern = "/v1/organisations/{id}",
    .fixture = ORGANISATION, .body = body_organisation_patch, .anon = 401, .nx = "chuangkou",
    .expect = { WRITE_IN ("200"), WRITE_SIB ("200"), WRITE_OUT ("200") } },

  /* ---- A matter's links, related matters and risk flags (read as the matter) ---- */

  { .slug = "matters/links-create", .method = "POST", .pattern = "/v1/matters/{id}/links",
    .fixture = MATTER, .body = body_link, .anon = 401, .nx = "chuangkou",
    .expect = { LINK_IN ("200"), LINK_SIB ("200"), NONE } },
  { .slug = "matters/links-list", .method = "GET", .pattern = "/v1/matters/{id}/links",
    .fixture = LINKED, .check = check_links, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "matters/links-delete", .method = "DELETE",
    .pattern = "/v1/matters/{id}/links/{kind}/{target}", .fixture = LINKED, .anon = 401,
    .nx = "chuangkou", .expect = { LINK_IN ("200"), LINK_SIB ("200"), NONE } },
  { .slug = "matters/party-person", .method = "POST",
    .pattern = "/v1/matters/{id}/parties/{party}/person", .fixture = PARTY,
    .body = body_party_person, .anon = 401, .nx = "chuangkou",
    .expect = { LINK_IN ("200"), LINK_SIB ("200"), NONE } },
  { .slug = "matters/related", .method = "GET", .pattern = "/v1/matters/{id}/related",
    .fixture = MATTER, .check = check_in_subtree, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "matters/risks", .method = "GET", .pattern = "/v1/matters/{id}/risks",
    .fixture = MATTER, .check = check_risks, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  /* On a matter whistled to housing, its liaison reads neither its related matters nor its
   * risk flags: both name other matters (a repeat dispute's), the registry's business. */
  { .slug = "matters/related-whistled", .method = "GET", .pattern = "/v1/matters/{id}/related",
    .fixture = TARGET, .check = check_in_subtree, .anon = 401,
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "matters/risks-whistled", .method = "GET", .pattern = "/v1/matters/{id}/risks",
    .fixture = TARGET, .check = check_risks, .anon = 401,
    .expect = { READ_IN, READ_SIB, READ_OUT } },

  /* ---- Repeat disputes while an intake is typed: 张三, met in another county ---- */

  { .slug = "repeat/intake", .method = "GET",
    .pattern = "/v1/repeat?id_number=11010519491231002X&place_org=220403001",
    .check = check_in_subtree, .anon = 401, .expect = { READ_IN } },
};

const guint jf_access_n_registry_routes = G_N_ELEMENTS (jf_access_registry_routes);
