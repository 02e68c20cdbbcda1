/* test-access-matrix.c: every route of jiefend × every demo account × inside and outside
 * the account's scope, each cell with the status written out by hand
 *
 * The expectations come from DOMAIN.md §1–§4 and the moves table (common/jf-lifecycle.c),
 * not from the code under test: a user works on the matters of their own unit and the
 * units below (a grid leader: their grid); a department liaison on the matters whistled to
 * their department; an auditor reads and never writes; an administrator manages accounts
 * and reference data but is no caseworker. Every refused cell is checked to have written
 * nothing, in any table of the jf schema. This file holds the rows of sessions, accounts,
 * reference data, matters and attachments; test-access-matrix-workflows.c those of the
 * workflows, test-access-matrix-registry.c those of the registry (jf-access-matrix.h).
 *
 * Scopes: IN  a record of the caller's own centre (220402001; for the grid leader, a
 *             record of their grid 220402001001001; for accounts, one at that grid);
 *         SIB the sibling township 220402002, outside the township's staff's scope but
 *             inside the county's;
 *         OUT another county (西安区, 220403001);
 *         ST  a valid role refused by the record's state (422);
 *         NX  an id that names nothing (404).
 * Cells that fail because of a server bug reported with this test are marked incomplete
 * (see known_bugs), so that the suite stays honest and a fix shows up as a pass.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jf-access-matrix.h"
#include "jfd-route.h"

static const char * const users[N_ROLES] = {
  "chuangkou", "tiaojie", "wangge", "bumen", "fayuan", "xinfang", "minjing", "ducha",
  "admin", "shenji",
};
/* The home unit of each account: what its lists may contain (by code prefix). */
static const char * const homes[N_ROLES] = {
  "220402001", "220402001", "220402001001001", "220402", "220402", "220402", "220402001",
  "220402", "2204", "2204",
};
static const char * const scope_names[] = { "in", "sibling", "out", "status", "missing" };

typedef struct
{
  const char *slug;   /* NULL: any route */
  Role        role;
  Scope       scope;
  guint       actual;
  const char *bug;
} KnownBug;

static const KnownBug known_bugs[] = {
  /* Other than these, a denial the matrix expects and the server grants fails the test. */
  { NULL, 0, 0, 0, NULL },
};

static JfTestEnv *env;
static guint n_cells, n_allowed, n_denied, n_known_bugs;
static guint unique;

/* ---- Bodies ---- */

static char *
body_sign_in (const Cell *c)
{
  return g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                          users[c->role == ANON ? CK : c->role], JF_TEST_PASSWORD);
}

static char *
body_account (const Cell *c)
{
  const JfAccessPlaceInfo *p = &jf_access_places[c->place];

  return g_strdup_printf ("{\"username\":\"mx-new-%u\",\"name\":\"新账户\",\"roles\":[\"%s\"],"
                          "\"org\":\"%s\",\"password\":\"Matrix-pass-2026\"}", ++unique,
                          p->account_role, p->account_org);
}

static char *
body_account_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"name\":\"改名账户\"}",
                          jf_access_version_of ("accounts", c->fx.id));
}

static char *
body_password (const Cell *c)
{
  return g_strdup ("{\"password\":\"Matrix-new-2026\"}");
}

static char *
body_intake (const Cell *c)
{
  g_autofree char *title = g_strdup_printf ("矩阵登记 %u", ++unique);

  return jf_test_intake_body (title, jf_access_places[c->place].org);
}

static gint64
matter_version (const Cell *c)
{
  return c->fx.matter == 0 ? 1 : jf_access_version_of ("matters", c->fx.matter);
}

static char *
body_matter_patch (const Cell *c)
{
  return g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"title\":\"矩阵修改\"}",
                          matter_version (c));
}

static char *
body_accept (const Cell *c)
{
  return g_strdup_printf ("{\"to\":\"accepted\",\"version\":%" G_GINT64_FORMAT "}",
                          matter_version (c));
}

/* ---- What an allowed list may contain ---- */

const char *
jf_access_username (Role role)
{
  return users[role];
}

const char *
jf_access_home (Role role)
{
  return homes[role];
}

/* Every item of a list lies in the caller's subtree, or under the unit asked for; a
 * liaison's list of matters is those whistled to their department (housing). */
void
jf_access_check_list (const Cell     *c,
                      JfTestResponse *r)
{
  JsonArray *items = JSON_NODE_HOLDS_ARRAY (r->body)
                     ? json_node_get_array (r->body)
                     : json_node_get_array (jf_test_response_get (r, "items"));
  const char *query = jf_access_places[c->place].query;
  const char *under = query[0] != '\0' ? strchr (query, '=') + 1 : homes[c->role];

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *code = json_object_get_string_member (
        json_object_get_object_member (item, "org"), "code");

      if (c->role == BM && json_object_has_member (item, "status"))
        {
          if (!jf_access_whistled_to (json_object_get_int_member (item, "id"),
                                      "220402-housing"))
            g_test_fail_printf ("matters listed to the liaison: %s (%s) is not whistled to "
                                "housing", json_object_get_string_member (item, "number"),
                                code);
        }
      else if (!g_str_has_prefix (code, under))
        g_test_fail_printf ("%s's list holds a record of %s, outside %s", users[c->role], code,
                            under);
    }
}

/* ---- The matrix ---- */

#define check_list jf_access_check_list
/* The records of the table, for short. */
#define QUERY JF_ACCESS_FX_QUERY
#define ORG JF_ACCESS_FX_ORG
#define ACCOUNT JF_ACCESS_FX_ACCOUNT
#define MATTER JF_ACCESS_FX_MATTER
#define ACCEPTED JF_ACCESS_FX_ACCEPTED
#define ATTACHMENT JF_ACCESS_FX_ATTACHMENT

/* Columns, in the order of users[]:
 *             chuangkou tiaojie wangge bumen fayuan xinfang minjing ducha admin shenji */
static const Route routes[] = {
  { .slug = "healthz", .method = "GET", .pattern = "/healthz",
    .expect = { ALL ("200") }, .anon = 200 },
  { .slug = "metrics", .method = "GET", .pattern = "/metrics",
    .expect = { ALL ("200") }, .anon = 200 },
  { .slug = "openapi", .method = "GET", .pattern = "/v1/openapi.json",
    .expect = { ALL ("200") }, .anon = 200 },
  { .slug = "sessions/create", .method = "POST", .pattern = "/v1/sessions",
    .body = body_sign_in, .expect = { ALL ("201") }, .anon = 201 },
  { .slug = "sessions/delete", .method = "DELETE", .pattern = "/v1/sessions/current",
    .expect = { ALL ("204") }, .anon = 401, .fresh_token = TRUE },
  { .slug = "me", .method = "GET", .pattern = "/v1/me",
    .expect = { ALL ("200") }, .anon = 401 },
  { .slug = "stream", .method = "GET", .pattern = "/v1/stream",
    .expect = { ALL ("101") }, .anon = 401, .websocket = TRUE },

  /* Colleagues are listed (to assign, to name mediators) within one's scope; only an
   * administrator changes accounts. */
  { .slug = "accounts/list", .method = "GET", .pattern = "/v1/accounts{q}",
    .fixture = QUERY, .check = check_list, .anon = 401,
    .expect = { ALL ("200"),
                "403 403 403 200 200 200 403 200 200 200",
                "403 403 403 403 403 403 403 403 200 200" } },
  { .slug = "accounts/create", .method = "POST", .pattern = "/v1/accounts",
    .body = body_account, .anon = 401,
    .expect = { ADMIN_ONLY ("201"), ADMIN_ONLY ("201"), ADMIN_ONLY ("201") } },
  { .slug = "accounts/get", .method = "GET", .pattern = "/v1/accounts/{id}",
    .fixture = ACCOUNT, .anon = 401, .nx = "admin",
    .expect = { ALL ("200"),
                "403 403 403 200 200 200 403 200 200 200",
                "403 403 403 403 403 403 403 403 200 200" } },
  { .slug = "accounts/patch", .method = "PATCH", .pattern = "/v1/accounts/{id}",
    .fixture = ACCOUNT, .body = body_account_patch, .anon = 401, .nx = "admin",
    .expect = { ADMIN_ONLY ("200"), ADMIN_ONLY ("200"), ADMIN_ONLY ("200") } },
  { .slug = "accounts/password", .method = "POST", .pattern = "/v1/accounts/{id}/password",
    .fixture = ACCOUNT, .body = body_password, .anon = 401, .nx = "admin",
    .expect = { ADMIN_ONLY ("200"), ADMIN_ONLY ("200"), ADMIN_ONLY ("200") } },

  /* Statistics: a unit's figures, by default the caller's own, are read as its matters
   * are (not by a department liaison); so are the matters behind a figure, and the open
   * and overdue matters per unit below it. */
  { .slug = "stats", .method = "GET", .pattern = "/v1/stats{q}", .fixture = QUERY,
    .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "stats/matters", .method = "GET", .pattern = "/v1/stats/matters?figure=registered{q}",
    .fixture = QUERY, .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },
  /* The open and overdue matters now, per unit below one: the dashboard's map. */
  { .slug = "stats/units", .method = "GET", .pattern = "/v1/stats/units{q}", .fixture = QUERY,
    .anon = 401, .expect = { READ_IN, READ_SIB, READ_OUT } },

  /* Reference data is the same for everyone on the platform. */
  { .slug = "org-units/list", .method = "GET", .pattern = "/v1/org-units",
    .expect = { ALL ("200") }, .anon = 401 },
  { .slug = "org-units/get", .method = "GET", .pattern = "/v1/org-units/{code}",
    .fixture = ORG, .anon = 401, .nx = "chuangkou",
    .expect = { ALL ("200"), ALL ("200"), ALL ("200") } },
  { .slug = "departments", .method = "GET", .pattern = "/v1/departments",
    .expect = { ALL ("200") }, .anon = 401 },
  { .slug = "categories", .method = "GET", .pattern = "/v1/categories",
    .expect = { ALL ("200") }, .anon = 401 },

  /* The lifecycle's register move; the matter belongs to the centre that registers it,
   * wherever it happened (a walk-in may come from anywhere). */
  { .slug = "matters/create", .method = "POST", .pattern = "/v1/matters",
    .body = body_intake, .anon = 401,
    .expect = { "201 201 201 403 201 201 201 201 403 403",
                "201 201 201 403 201 201 201 201 403 403",
                "201 201 201 403 201 201 201 201 403 403" } },
  { .slug = "matters/list", .method = "GET", .pattern = "/v1/matters{q}",
    .fixture = QUERY, .check = check_list, .anon = 401,
    .expect = { ALL ("200"),
                "403 403 403 200 200 200 403 200 200 200",
                "403 403 403 200 403 403 403 403 200 200" } },
  { .slug = "matters/get", .method = "GET", .pattern = "/v1/matters/{id}",
    .fixture = MATTER, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  /* The edit move: caseworkers and grid leaders, at any level. */
  { .slug = "matters/patch", .method = "PATCH", .pattern = "/v1/matters/{id}",
    .fixture = MATTER, .body = body_matter_patch, .anon = 401, .nx = "chuangkou",
    .expect = { "200 200 200 403 403 200 403 200 403 403",
                "403 403 403 403 403 200 403 200 403 403",
                ALL ("403") } },
  /* The accept move: caseworkers of a centre; accepting an accepted matter is refused by
   * its status. */
  { .slug = "matters/transitions", .method = "POST", .pattern = "/v1/matters/{id}/transitions",
    .fixture = MATTER, .st_fixture = ACCEPTED, .body = body_accept, .anon = 401,
    .nx = "chuangkou",
    .expect = { "200 200 403 403 403 200 403 200 403 403",
                "403 403 403 403 403 200 403 200 403 403",
                ALL ("403"),
                "422 422  -   -   -  422  -  422  -   - " } },
  { .slug = "matters/events", .method = "GET", .pattern = "/v1/matters/{id}/events",
    .fixture = MATTER, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  /* Everyone who works on matters may add evidence; not administrators, not auditors. */
  { .slug = "attachments/add", .method = "POST",
    .pattern = "/v1/matters/{id}/attachments?filename=m.pdf", .fixture = MATTER,
    .binary = TRUE, .anon = 401, .nx = "chuangkou",
    .expect = { "201 201 201 403 201 201 201 201 403 403",
                "403 403 403 403 201 201 403 201 403 403",
                ALL ("403") } },
  { .slug = "attachments/list", .method = "GET", .pattern = "/v1/matters/{id}/attachments",
    .fixture = ATTACHMENT, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
  { .slug = "attachments/get", .method = "GET", .pattern = "/v1/attachments/{id}",
    .fixture = ATTACHMENT, .anon = 401, .nx = "chuangkou",
    .expect = { READ_IN, READ_SIB, READ_OUT } },
};

/* ---- Running a cell ---- */

static JfAccessPlace
place_of (Role  role,
          Scope scope)
{
  switch (scope)
    {
    case S_SIB:
      return JF_ACCESS_SIB;
    case S_OUT:
      return JF_ACCESS_OUT;
    case S_IN:
    case S_ST:
    case S_NX:
    default:
      return role == WG ? JF_ACCESS_GRID : JF_ACCESS_IN;
    }
}

/* The placeholders of @rest take the parts of @key in turn: "people/12" fills
 * /links/{kind}/{target}. */
static char *
fill_placeholders (const char *rest,
                   const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, "/", -1);
  GString *path = g_string_new (NULL);
  const char *open;
  guint i = 0;

  while ((open = strchr (rest, '{')) != NULL)
    {
      g_string_append_len (path, rest, open - rest);
      g_string_append (path, parts[i] != NULL ? parts[i++] : "");
      rest = strchr (open, '}') + 1;
    }
  g_string_append (path, rest);
  return g_string_free (path, FALSE);
}

static char *
build_path (const Route *route,
            const Cell  *cell,
            Scope        scope)
{
  const char *open = strchr (route->pattern, '{');
  const char *close = open != NULL ? strchr (open, '}') : NULL;
  gboolean more = close != NULL && strchr (close, '{') != NULL;
  g_autofree char *value = NULL;
  g_autofree char *rest = NULL;

  if (open == NULL)
    return g_strdup (route->pattern);
  /* A place's query after a query of the pattern's own joins it with '&'. */
  if (route->fixture == JF_ACCESS_FX_QUERY && memchr (route->pattern, '?', open - route->pattern))
    value = g_strdelimit (g_strdup (jf_access_places[cell->place].query), "?", '&');
  else if (route->fixture == JF_ACCESS_FX_QUERY)
    value = g_strdup (jf_access_places[cell->place].query);
  else if (scope == S_NX)
    value = g_strdup ("999999999");
  else if (route->fixture == JF_ACCESS_FX_ORG)
    value = g_strdup (jf_access_places[cell->place].org);
  else if (cell->fx.key[0] != '\0' && cell->fx.id == 0)
    value = g_strdup (cell->fx.key);
  else
    value = g_strdup_printf ("%" G_GINT64_FORMAT,
                             g_str_has_prefix (route->pattern, "/v1/matters/") ? cell->fx.matter
                                                                              : cell->fx.id);
  rest = more ? fill_placeholders (close + 1, cell->fx.key) : g_strdup (close + 1);
  return g_strdup_printf ("%.*s%s%s", (int) (open - route->pattern), route->pattern, value,
                          rest);
}

static const char *
code_for (guint status)
{
  switch (status)
    {
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 422: return "refused";
    default: return NULL;
    }
}

static const KnownBug *
known_bug (const Route *route,
           Role         role,
           Scope        scope,
           guint        actual)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_bugs); i++)
    if (known_bugs[i].bug != NULL &&
        (known_bugs[i].slug == NULL || g_str_equal (known_bugs[i].slug, route->slug)) &&
        known_bugs[i].role == role && known_bugs[i].scope == scope &&
        known_bugs[i].actual == actual)
      return &known_bugs[i];
  return NULL;
}

static void
run_cell (const Route *route,
          Role         role,
          Scope        scope,
          guint        expected)
{
  gboolean allowed = expected < 400;
  gboolean writes = !g_str_equal (route->method, "GET");
  JfAccessFixture fixture = scope == S_ST ? route->st_fixture : route->fixture;
  Cell cell = { role, place_of (role, scope), { 0, 0, "" } };
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JfTestResponse) r = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *token = NULL;
  const char *who = role == ANON ? "nobody" : users[role];
  const KnownBug *bug;
  guint status;

  cell.fx = jf_access_fixture (fixture, cell.place, allowed && writes);
  path = build_path (route, &cell, scope);
  body = route->body != NULL ? route->body (&cell) : NULL;
  if (route->binary)
    bytes = g_bytes_new_static (jf_access_pdf, jf_access_pdf_size);
  else if (body != NULL)
    bytes = g_bytes_new (body, strlen (body));
  if (role != ANON)
    token = route->fresh_token
            ? (fresh = jf_test_sign_in (env->server, users[role], JF_TEST_PASSWORD))
            : jf_test_env_token (env, users[role]);
  if (!allowed)
    before = jf_access_snapshot ();
  if (route->websocket)
    status = jf_access_open_stream (token);
  else
    {
      r = jf_test_request_full (env->server, route->method, path, token,
                                route->binary ? "application/pdf"
                                : route->content_type != NULL ? route->content_type
                                : "application/json", bytes, NULL);
      status = r->status;
    }
  n_cells++;
  allowed ? n_allowed++ : n_denied++;
  if (status != expected)
    {
      bug = known_bug (route, role, scope, status);
      if (bug != NULL)
        {
          n_known_bugs++;
          g_test_message ("%s %s as %s (%s): %u, not %u: %s", route->method, path, who,
                          scope_names[scope], status, expected, bug->bug);
          g_test_incomplete (bug->bug);
          /* The shared record may have been changed by what should have been refused. */
          jf_access_forget (fixture, cell.place);
          return;
        }
      jf_access_forget (fixture, cell.place);
      g_test_fail_printf ("%s %s as %s (%s): expected %u, got %u: %.*s", route->method, path,
                          who, scope_names[scope], expected, status,
                          r != NULL ? (int) MIN (g_bytes_get_size (r->raw), 300) : 0,
                          r != NULL ? (const char *) g_bytes_get_data (r->raw, NULL) : "");
      return;
    }
  if (!allowed)
    {
      after = jf_access_snapshot ();
      if (g_strcmp0 (before, after) != 0)
        g_test_fail_printf ("%s %s as %s (%s) was refused but changed the database", route->method,
                            path, who, scope_names[scope]);
      if (r != NULL && g_strcmp0 (jf_test_response_string (r, "error.code"),
                                  status == 422 && route->code_422 != NULL
                                  ? route->code_422 : code_for (status)) != 0)
        g_test_fail_printf ("%s %s as %s: a %u with error.code %s", route->method, path, who,
                            status, jf_test_response_string (r, "error.code"));
    }
  else if (route->check != NULL && r != NULL)
    route->check (&cell, r);
}

static guint
expectation (const char *row,
             Role        role)
{
  g_auto(GStrv) cells = g_strsplit_set (row, " ", -1);
  guint n = 0;

  for (guint i = 0; cells[i] != NULL; i++)
    {
      if (cells[i][0] == '\0')
        continue;
      if (n++ == (guint) role)
        return cells[i][0] == '-' ? 0 : (guint) atoi (cells[i]);
    }
  g_error ("an expectation row has fewer than %d columns: %s", N_ROLES, row);
}

static void
test_route (gconstpointer data)
{
  const Route *route = data;

  run_cell (route, ANON, S_IN, route->anon);
  for (Scope scope = 0; scope < N_SCOPES; scope++)
    for (Role role = 0; route->expect[scope] != NULL && role < N_ROLES; role++)
      {
        guint expected = expectation (route->expect[scope], role);

        if (expected != 0)
          run_cell (route, role, scope, expected);
      }
  for (Role role = 0; route->nx != NULL && role < N_ROLES; role++)
    if (g_str_equal (users[role], route->nx))
      run_cell (route, role, S_NX, 404);
}

/* Whether @row is a row of the route @served: its method and its pattern (up to a query). */
static gboolean
row_matches (const Route    *row,
             const JfdRoute *served)
{
  gsize len = strcspn (row->pattern, "?");
  const char *mark = strstr (row->pattern, "{q}");

  if (mark != NULL && (gsize) (mark - row->pattern) < len)
    len = (gsize) (mark - row->pattern);

  return g_str_equal (row->method, served->method) && strlen (served->pattern) == len &&
         strncmp (row->pattern, served->pattern, len) == 0;
}

/* The matrix is whole: every route jiefend serves has its row. */
static void
test_every_route (void)
{
  guint n, missing = 0;
  const JfdRoute *served = jfd_routes_get (&n);

  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (routes) && !found; j++)
        found = row_matches (&routes[j], &served[i]);
      for (guint j = 0; j < jf_access_n_workflow_routes && !found; j++)
        found = row_matches (&jf_access_workflow_routes[j], &served[i]);
      for (guint j = 0; j < jf_access_n_registry_routes && !found; j++)
        found = row_matches (&jf_access_registry_routes[j], &served[i]);
      if (!found)
        {
          g_test_message ("%s %s has no row in the access matrix", served[i].method,
                          served[i].pattern);
          missing++;
        }
    }
  if (missing > 0)
    g_test_fail_printf ("%u of the %u routes jiefend serves have no row in the access matrix",
                        missing, n);
}

static void
add_rows (const Route *rows,
          guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/access/%s", rows[i].slug);
      g_test_add_data_func (name, &rows[i], test_route);
    }
}

int
main (int argc, char **argv)
{
  static const char * const quiet[] = { "JIEFEND_SCHEDULER_INTERVAL_MS=600000", NULL };
  gint64 started;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* libsoup's WebSocket chatter would drown the cells' own messages. */
  g_log_set_debug_enabled (FALSE);
  /* A refused cell compares every table before and after: the scheduler must not write
   * its warnings meanwhile (no clock of the matrix runs out while it runs anyway). */
  env = jf_test_env_new_with (quiet);
  started = g_get_monotonic_time ();
  jf_access_world_init (env);
  g_test_add_func ("/jfd/access/every-route-has-a-row", test_every_route);
  add_rows (routes, G_N_ELEMENTS (routes));
  add_rows (jf_access_workflow_routes, jf_access_n_workflow_routes);
  add_rows (jf_access_registry_routes, jf_access_n_registry_routes);
  status = g_test_run ();
  g_print ("# access matrix: %u cells, %u allowed, %u denied (%u of them answered otherwise "
           "because of reported bugs), in %.1f s\n", n_cells, n_allowed, n_denied,
           n_known_bugs, (g_get_monotonic_time () - started) / 1e6);
  jf_access_world_free ();
  jf_test_env_free (env);
  return status;
}
