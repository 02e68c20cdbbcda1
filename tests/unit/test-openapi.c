/* test-openapi.c: every route jiefend serves is documented, and every documented one served */
#include "config.h"

#include <json-glib/json-glib.h>

#include "jiefend-api-resources.h"
#include "jfd-route.h"

static JsonObject *
load_paths (void)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (jfd_api_get_resource (),
                                                    "/org/jiefen/api/openapi.json",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_object_ref (json_object_get_object_member (
                            json_node_get_object (json_parser_get_root (parser)), "paths"));
}

static void
test_routes_documented (void)
{
  g_autoptr(JsonObject) paths = load_paths ();
  guint n_routes;
  const JfdRoute *routes = jfd_routes_get (&n_routes);

  g_assert_cmpuint (n_routes, >, 0);
  for (guint i = 0; i < n_routes; i++)
    {
      g_autofree char *method = g_ascii_strdown (routes[i].method, -1);
      JsonObject *path = json_object_get_object_member (paths, routes[i].pattern);

      if (path == NULL || !json_object_has_member (path, method))
        g_error ("%s %s is served but not in openapi.json", routes[i].method,
                 routes[i].pattern);
    }
}

static void
test_documented_served (void)
{
  g_autoptr(JsonObject) paths = load_paths ();
  g_autoptr(GList) names = json_object_get_members (paths);
  guint n_routes;
  const JfdRoute *routes = jfd_routes_get (&n_routes);
  static const char * const methods[] = { "get", "post", "put", "patch", "delete", NULL };

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *path = json_object_get_object_member (paths, l->data);

      for (guint m = 0; methods[m] != NULL; m++)
        {
          gboolean served = FALSE;

          if (!json_object_has_member (path, methods[m]))
            continue;
          for (guint i = 0; i < n_routes && !served; i++)
            served = g_ascii_strcasecmp (routes[i].method, methods[m]) == 0 &&
                     g_str_equal (routes[i].pattern, l->data);
          if (!served)
            g_error ("%s %s is documented but not served", methods[m], (char *) l->data);
        }
    }
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The reference data's writes answer the record itself, as its list has it: a Category, a
 * DeadlineRule, a CalendarDay (a removed day too: as it was), each at the top level. */
static void
test_reference_writes_answer_records (void)
{
  static const struct
  {
    const char *path;
    const char *method;
    const char *status;
    const char *schema;
  } writes[] = {
    { "/v1/categories", "post", "201", "#/components/schemas/Category" },
    { "/v1/categories/{slug}", "patch", "200", "#/components/schemas/Category" },
    { "/v1/deadline-rules", "post", "201", "#/components/schemas/DeadlineRule" },
    { "/v1/deadline-rules/{id}", "patch", "200", "#/components/schemas/DeadlineRule" },
    { "/v1/calendar/{day}", "put", "200", "#/components/schemas/CalendarDay" },
    { "/v1/calendar/{day}", "delete", "200", "#/components/schemas/CalendarDay" },
  };
  g_autoptr(JsonObject) paths = load_paths ();

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      JsonObject *operation = member_object (member_object (paths, writes[i].path),
                                             writes[i].method);
      JsonObject *responses = member_object (operation, "responses");
      JsonObject *schema = member_object (member_object (member_object (member_object (
        responses, writes[i].status), "content"), "application/json"), "schema");

      if (schema == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (schema, "$ref", NULL),
                     writes[i].schema) != 0)
        g_error ("%s %s: %s does not answer %s", writes[i].method, writes[i].path,
                 writes[i].status, writes[i].schema);
      /* A bad day, a blank name: refused naming the field. */
      g_assert_nonnull (member_object (responses, "422"));
    }
}

static void
test_router_matches (void)
{
  char *params[JFD_ROUTE_MAX_PARAMS] = { NULL, };
  gboolean known;
  const JfdRoute *route;

  route = jfd_routes_match ("POST", "/v1/matters/42/transitions", params, &known);
  g_assert_nonnull (route);
  g_assert_cmpstr (route->pattern, ==, "/v1/matters/{id}/transitions");
  g_assert_cmpstr (params[0], ==, "42");
  g_clear_pointer (&params[0], g_free);

  /* A known path under another method is 405, not 404. */
  g_assert_null (jfd_routes_match ("PUT", "/v1/matters/42", params, &known));
  g_assert_true (known);
  g_assert_null (jfd_routes_match ("GET", "/v1/matters/42/nothing", params, &known));
  g_assert_false (known);
  g_assert_null (jfd_routes_match ("GET", "/v1/matters//events", params, &known));
  g_assert_null (jfd_routes_match ("GET", "/v1/matters/42/", params, &known));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jfd/openapi/routes-documented", test_routes_documented);
  g_test_add_func ("/jfd/openapi/documented-served", test_documented_served);
  g_test_add_func ("/jfd/openapi/reference-writes-answer-records",
                   test_reference_writes_answer_records);
  g_test_add_func ("/jfd/router/matches", test_router_matches);
  return g_test_run ();
}
