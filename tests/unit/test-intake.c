/* test-intake.c: the body of POST /v1/matters, read, refused field by field, and written
 *
 * Each refusal starts from one valid intake, changes one member and expects the error to
 * name that member's path, as the client shows it next to the field.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-intake.h"
#include "jf-json.h"

static const char valid_intake[] =
  "{"
  "  \"kind\": \"dispute\","
  "  \"category\": \"neighbor\","
  "  \"source\": \"window\","
  "  \"title\": \"楼上邻居夜间噪音扰民\","
  "  \"narrative\": \"申请人称楼上住户近三个月每晚十一点后仍有较大噪音。\\n多次沟通无果，请求调解。\","
  "  \"location\": {"
  "    \"org\": \"220402001001\","
  "    \"address\": \"龙山区向阳街道某小区5号楼\","
  "    \"lat\": 42.9, \"lng\": 125.1"
  "  },"
  "  \"parties\": ["
  "    { \"role\": \"applicant\", \"name\": \"张三\", \"id_number\": \"220402199001011235\","
  "      \"phone\": \"13800000000\", \"address\": \"5号楼3单元401\" },"
  "    { \"role\": \"respondent\", \"name\": \"李四\", \"phone\": \"0437-3221234\" },"
  "    { \"role\": \"third_party\", \"name\": \"王经理\", \"organisation\": \"某物业服务有限公司\" }"
  "  ],"
  "  \"risk\": { \"violence\": false, \"group_size\": 0, \"minors\": true, \"elderly\": false },"
  "  \"assignee\": 12,"
  "  \"occurred_on\": \"2025-11-20\""
  "}";

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = jf_json_parse_object (json, strlen (json), &error);

  g_assert_no_error (error);
  return object;
}

/* The object that holds the last step of @path ("parties[1].id_number"), and that step. */
static JsonObject *
walk (JsonObject  *root,
      const char  *path,
      char       **out_member)
{
  g_auto(GStrv) steps = g_strsplit (path, ".", -1);
  guint n_steps = g_strv_length (steps);
  JsonObject *object = root;

  for (guint i = 0; i + 1 < n_steps; i++)
    {
      char *bracket = strchr (steps[i], '[');

      if (bracket == NULL)
        {
          object = json_object_get_object_member (object, steps[i]);
          continue;
        }
      *bracket = '\0';
      object = json_array_get_object_element (json_object_get_array_member (object, steps[i]),
                                              (guint) atoi (bracket + 1));
    }
  *out_member = g_strdup (steps[n_steps - 1]);
  return object;
}

/* The valid intake with the member at @path set to @json, or removed when @json is NULL. */
static JsonObject *
valid_with (const char *path,
            const char *json)
{
  JsonObject *root = parse (valid_intake);
  g_autofree char *member = NULL;
  JsonObject *holder = walk (root, path, &member);
  g_autoptr(GError) error = NULL;
  JsonNode *value;

  if (json == NULL)
    {
      json_object_remove_member (holder, member);
      return root;
    }
  value = jf_json_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  json_object_set_member (holder, member, value);
  return root;
}

static void
test_valid_read (void)
{
  g_autoptr(JsonObject) body = parse (valid_intake);
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) intake = jf_intake_from_json (body, &error);
  JfParty *applicant;

  g_assert_no_error (error);
  g_assert_cmpint (intake->kind, ==, JF_KIND_DISPUTE);
  g_assert_cmpstr (intake->category, ==, "neighbor");
  g_assert_cmpint (intake->source, ==, JF_SOURCE_WINDOW);
  g_assert_cmpstr (intake->title, ==, "楼上邻居夜间噪音扰民");
  g_assert_nonnull (strchr (intake->narrative, '\n'));
  g_assert_cmpstr (intake->location.org, ==, "220402001001");
  g_assert_true (intake->location.has_coordinates);
  g_assert_cmpfloat (intake->location.lng, ==, 125.1);
  g_assert_cmpuint (intake->parties->len, ==, 3);
  applicant = g_ptr_array_index (intake->parties, 0);
  g_assert_cmpint (applicant->role, ==, JF_PARTY_APPLICANT);
  g_assert_cmpstr (applicant->id_number, ==, "220402199001011235");
  g_assert_cmpstr (((JfParty *) g_ptr_array_index (intake->parties, 2))->organisation, ==,
                   "某物业服务有限公司");
  g_assert_true (intake->has_risk);
  g_assert_true (intake->risk.minors);
  g_assert_cmpint (intake->assignee, ==, 12);
  g_assert_cmpuint (g_date_get_day (&intake->occurred_on), ==, 20);
}

static void
test_round_trip (void)
{
  g_autoptr(JsonObject) body = parse (valid_intake);
  g_autoptr(JfIntake) first = jf_intake_from_json (body, NULL);
  g_autoptr(JsonNode) written = jf_intake_to_json (first);
  g_autofree char *text = jf_json_to_string (written, NULL);
  g_autoptr(JsonObject) again = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) second = jf_intake_from_json (again, &error);
  g_autoptr(JsonNode) rewritten = NULL;
  g_autofree char *retext = NULL;

  g_assert_no_error (error);
  rewritten = jf_intake_to_json (second);
  retext = jf_json_to_string (rewritten, NULL);
  g_assert_cmpstr (text, ==, retext);
  g_assert_cmpfloat (second->location.lat, ==, 42.9);
  g_assert_cmpstr (second->narrative, ==, first->narrative);
  g_assert_cmpuint (second->parties->len, ==, 3);
  g_assert_cmpstr (((JfParty *) g_ptr_array_index (second->parties, 1))->phone, ==,
                   "0437-3221234");
}

static void
test_minimal (void)
{
  g_autoptr(JsonObject) body = parse ("{\"kind\": \"request\", \"category\": \"water_supply\", "
                                      "\"source\": \"hotline\", \"title\": \"停水\", "
                                      "\"narrative\": \"小区停水两天\", "
                                      "\"location\": {\"org\": \"220421\"}, "
                                      "\"parties\": [{\"role\": \"applicant\", "
                                      "\"name\": \"赵六\", \"address\": null}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) intake = jf_intake_from_json (body, &error);
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_false (intake->location.has_coordinates);
  g_assert_null (intake->location.address);
  g_assert_false (intake->has_risk);
  g_assert_cmpint (intake->assignee, ==, 0);
  g_assert_false (g_date_valid (&intake->occurred_on));
  /* Absent stays absent: nothing is invented on the way out. */
  written = jf_intake_to_json (intake);
  text = jf_json_to_string (written, NULL);
  g_assert_cmpstr (text, ==, "{\"kind\":\"request\",\"category\":\"water_supply\","
                   "\"source\":\"hotline\",\"title\":\"停水\",\"narrative\":\"小区停水两天\","
                   "\"location\":{\"org\":\"220421\"},"
                   "\"parties\":[{\"role\":\"applicant\",\"name\":\"赵六\"}]}");
}

static void
test_text_normalised (void)
{
  g_autoptr(JsonObject) body = valid_with ("title", "\"\\u3000 Cafe\\u0301 噪音 \"");
  g_autoptr(JfIntake) intake = jf_intake_from_json (body, NULL);

  g_assert_cmpstr (intake->title, ==, "Caf\xc3\xa9 噪音");
}

typedef struct
{
  const char *path;     /* the member changed */
  const char *json;     /* its new value, or NULL to remove it */
  const char *field;    /* the field the error names */
  const char *says;     /* part of the message, or NULL */
} Refusal;

static const Refusal refusals[] = {
  { "kind", NULL, "kind", "is required" },
  { "kind", "\"lawsuit\"", "kind", "is not one of: dispute, request, petition, grid_event" },
  { "category", "\"Neighbor\"", "category", NULL },
  { "category", "\"\"", "category", "must not be blank" },
  { "source", "1", "source", "must be a string" },
  { "source", "\"walk_in\"", "source", "window, grid, hotline" },
  { "title", "\"两行\\n标题\"", "title", "single line" },
  { "title", "\" \\u3000 \"", "title", "must not be blank" },
  { "title", "[\"标题\"]", "title", "must be a string" },
  { "narrative", "\"响铃\\u0007\"", "narrative", "control characters" },
  { "location", "[]", "location", "must be an object" },
  { "location", NULL, "location", "is required" },
  { "location.org", NULL, "location.org", "is required" },
  { "location.org", "\"2204\"", "location.org", NULL },
  { "location.org", "\"220000\"", "location.org", "province" },
  { "location.org", "220402", "location.org", "must be a string" },
  { "location.lng", NULL, "location.lng", "is required with lat" },
  { "location.lat", NULL, "location.lat", "is required with lng" },
  { "location.lat", "91", "location.lat", "between -90 and 90" },
  { "location.lng", "\"125.1\"", "location.lng", "must be a number" },
  { "location.colour", "\"red\"", "location.colour", "unknown field" },
  { "parties", "[]", "parties", "at least 1 items" },
  { "parties", "{}", "parties", "must be an array" },
  { "parties", "[{\"role\": \"applicant\", \"name\": \"张三\"}, \"李四\"]", "parties[1]",
    "must be an object" },
  { "parties[1].id_number", "\"220402199001011234\"", "parties[1].id_number", "check" },
  { "parties[1].id_number", "220402199001011", "parties[1].id_number", "must be a string" },
  { "parties[1].role", "\"witness\"", "parties[1].role", "applicant, respondent, third_party" },
  { "parties[0].role", "\"respondent\"", "parties", "applicant" },
  { "parties[1].phone", "\"138 0000 0000\"", "parties[1].phone", NULL },
  { "parties[0].name", "null", "parties[0].name", "is required" },
  { "parties[2].name", "\"一个很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
    "很长很长很长很长很长很长很长很长很长的名字\"", "parties[2].name", "at most 50" },
  { "parties[1].nickname", "\"老李\"", "parties[1].nickname", "unknown field" },
  { "risk", "true", "risk", "must be an object" },
  { "risk.group_size", "100001", "risk.group_size", "between 0 and 100000" },
  { "risk.group_size", "-1", "risk.group_size", "between 0 and 100000" },
  { "risk.group_size", "\"12\"", "risk.group_size", "must be an integer" },
  { "risk.group_size", "12.5", "risk.group_size", "must be an integer" },
  { "risk.group_size", "12.0", "risk.group_size", "must be an integer" },
  { "risk.group_size", "true", "risk.group_size", "must be an integer" },
  { "risk.violence", "1", "risk.violence", "must be true or false" },
  { "risk.violence", "\"false\"", "risk.violence", "must be true or false" },
  { "risk.weapons", "false", "risk.weapons", "unknown field" },
  { "assignee", "0", "assignee", "between 1 and" },
  { "assignee", "\"12\"", "assignee", "must be an integer" },
  { "assignee", "3000000000", "assignee", "between 1 and 2147483647" },
  { "occurred_on", "\"2999-01-01\"", "occurred_on", "must not be in the future" },
  { "occurred_on", "\"2026/11/20\"", "occurred_on", "like 2026-02-13" },
  { "priority", "1", "priority", "unknown field" },
};

static void
test_refused (gconstpointer data)
{
  const Refusal *r = data;
  g_autoptr(JsonObject) body = valid_with (r->path, r->json);
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) intake = jf_intake_from_json (body, &error);

  g_assert_null (intake);
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, r->field);
  if (r->says != NULL && strstr (error->message, r->says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, r->says);
}

static void
test_narrative_length_in_characters (void)
{
  /* 5,000 Chinese characters are 15,000 bytes: the limit counts characters. */
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonObject) body = parse (valid_intake);
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) accepted = NULL;
  g_autoptr(JfIntake) refused = NULL;

  for (guint i = 0; i < JF_INTAKE_NARRATIVE_MAX; i++)
    g_string_append (text, "纷");
  json_object_set_string_member (body, "narrative", text->str);
  accepted = jf_intake_from_json (body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (accepted->narrative, -1), ==, 5000);

  g_string_append (text, "解");
  json_object_set_string_member (body, "narrative", text->str);
  refused = jf_intake_from_json (body, &error);
  g_assert_null (refused);
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, "narrative");
}

static void
test_too_many_parties (void)
{
  g_autoptr(GString) parties = g_string_new ("[");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) intake = NULL;

  for (guint i = 0; i <= JF_INTAKE_MAX_PARTIES; i++)
    g_string_append_printf (parties, "%s{\"role\": \"applicant\", \"name\": \"村民%u\"}",
                            i > 0 ? ", " : "", i + 1);
  g_string_append (parties, "]");
  body = valid_with ("parties", parties->str);
  intake = jf_intake_from_json (body, &error);
  g_assert_null (intake);
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, "parties");
}

static void
test_hostile_body (void)
{
  /* Through the strict parser, a wrapped integer never reaches the reader. */
  const char *bodies[] = { "{\"assignee\": 18446744073709551615}",
                           "{\"assignee\": -99999999999999999999999}",
                           "{\"assignee\": 1e400}", "{\"assignee\": 012}" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = jf_json_parse_object (bodies[i], strlen (bodies[i]),
                                                         &error);

      g_assert_null (body);
      g_assert_error (error, JF_ERROR, JF_ERROR_MALFORMED);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/intake/valid-read", test_valid_read);
  g_test_add_func ("/jf/intake/round-trip", test_round_trip);
  g_test_add_func ("/jf/intake/minimal", test_minimal);
  g_test_add_func ("/jf/intake/text-normalised", test_text_normalised);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/jf/intake/refused/%s/%u", refusals[i].path,
                                               i);
      g_test_add_data_func (path, &refusals[i], test_refused);
    }
  g_test_add_func ("/jf/intake/narrative-length-in-characters",
                   test_narrative_length_in_characters);
  g_test_add_func ("/jf/intake/too-many-parties", test_too_many_parties);
  g_test_add_func ("/jf/intake/hostile-body", test_hostile_body);
  return g_test_run ();
}
