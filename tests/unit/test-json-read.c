/* test-json-read.c: the strict readers take exactly the JSON type asked for, and every
 * refusal names the field's full path
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-json.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = jf_json_parse_object (json, strlen (json), &error);

  g_assert_no_error (error);
  return object;
}

static void
assert_invalid (const GError *error,
                const char   *field,
                const char   *message_part)
{
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, field);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

typedef enum
{
  READ_STRING,
  READ_INT,
  READ_DOUBLE,
  READ_BOOLEAN,
  READ_ENUM,
  READ_OBJECT,
  READ_ARRAY,
  READ_DATETIME,
  READ_DATE,
} Reader;

static const char * const kinds[] = { "dispute", "request", "petition", "grid_event", NULL };

/* Reads @member of @object, whose path is "body", with @reader: every reader has the same
 * contract for absent, null and wrongly typed members. */
static gboolean
read_member (JsonObject  *object,
             const char  *member,
             Reader       reader,
             JfJsonFlags  flags,
             GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) datetime = NULL;
  gint64 integer = 0;
  double number = 0;
  gboolean boolean = FALSE;
  guint index = 0;
  JsonObject *child = NULL;
  JsonArray *array = NULL;
  GDate date;

  g_date_clear (&date, 1);
  switch (reader)
    {
    case READ_STRING:
      return jf_json_read_string (object, "body", member, flags, 0, 100, &text, error);
    case READ_INT:
      return jf_json_read_int (object, "body", member, flags, 0, 100, &integer, error);
    case READ_DOUBLE:
      return jf_json_read_double (object, "body", member, flags, 0, 100, &number, error);
    case READ_BOOLEAN:
      return jf_json_read_boolean (object, "body", member, flags, &boolean, error);
    case READ_ENUM:
      return jf_json_read_enum (object, "body", member, flags, kinds, &index, error);
    case READ_OBJECT:
      return jf_json_read_object (object, "body", member, flags, &child, error);
    case READ_ARRAY:
      return jf_json_read_array (object, "body", member, flags, 0, 10, &array, error);
    case READ_DATETIME:
      return jf_json_read_datetime (object, "body", member, flags, &datetime, error);
    case READ_DATE:
      return jf_json_read_date (object, "body", member, flags, &date, error);
    default:
      g_assert_not_reached ();
    }
}

static void
test_wrong_types_refused (void)
{
  g_autoptr(JsonObject) body = parse ("{\"text\": \"12\", \"int\": 12, \"fraction\": 12.5, "
                                      "\"exponent\": 1e2, \"yes\": true, \"one\": 1, "
                                      "\"object\": {}, \"array\": []}");
  const struct
  {
    Reader      reader;
    const char *member;
    const char *says;
  } cases[] = {
    { READ_STRING, "int", "must be a string" },
    { READ_STRING, "yes", "must be a string" },
    { READ_STRING, "array", "must be a string" },
    { READ_INT, "text", "must be an integer" },
    { READ_INT, "fraction", "must be an integer" },
    { READ_INT, "exponent", "must be an integer" },
    { READ_INT, "yes", "must be an integer" },
    { READ_DOUBLE, "text", "must be a number" },
    { READ_DOUBLE, "yes", "must be a number" },
    { READ_BOOLEAN, "one", "must be true or false" },
    { READ_BOOLEAN, "text", "must be true or false" },
    { READ_ENUM, "int", "must be a string" },
    { READ_OBJECT, "array", "must be an object" },
    { READ_OBJECT, "text", "must be an object" },
    { READ_ARRAY, "object", "must be an array" },
    { READ_ARRAY, "text", "must be an array" },
    { READ_DATETIME, "int", "must be a string" },
    { READ_DATE, "int", "must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *field = g_strconcat ("body.", cases[i].member, NULL);

      g_assert_false (read_member (body, cases[i].member, cases[i].reader, JF_JSON_REQUIRED,
                                   &error));
      assert_invalid (error, field, cases[i].says);
    }
}

static void
test_required_and_absent (void)
{
  g_autoptr(JsonObject) body = parse ("{\"nothing\": null}");

  for (Reader reader = READ_STRING; reader <= READ_DATE; reader++)
    {
      g_autoptr(GError) error = NULL;

      /* Absent and null are the same: required refuses both, optional takes both. */
      g_assert_false (read_member (body, "missing", reader, JF_JSON_REQUIRED, &error));
      assert_invalid (error, "body.missing", "is required");
      g_clear_error (&error);
      g_assert_false (read_member (body, "nothing", reader, JF_JSON_REQUIRED, &error));
      assert_invalid (error, "body.nothing", "is required");
      g_clear_error (&error);
      g_assert_true (read_member (body, "missing", reader, JF_JSON_OPTIONAL, &error));
      g_assert_true (read_member (body, "nothing", reader, JF_JSON_OPTIONAL, &error));
      g_assert_no_error (error);
    }
  g_assert_false (jf_json_has_member (body, "nothing"));
}

static void
test_absent_leaves_value (void)
{
  g_autoptr(JsonObject) body = parse ("{}");
  gint64 group_size = 7;
  char *text = NULL;

  g_assert_true (jf_json_read_int (body, NULL, "n", JF_JSON_OPTIONAL, 0, 9, &group_size, NULL));
  g_assert_cmpint (group_size, ==, 7);
  g_assert_true (jf_json_read_string (body, NULL, "s", JF_JSON_OPTIONAL, 0, 9, &text, NULL));
  g_assert_null (text);
}

static void
test_text_normalised (void)
{
  g_autoptr(JsonObject) body = parse ("{\"padded\": \" \\u3000 楼上噪音\\t \", "
                                      "\"decomposed\": \"Cafe\\u0301\", "
                                      "\"blank\": \" \\u3000\\n \"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *padded = NULL;
  g_autofree char *decomposed = NULL;
  char *blank = NULL;

  /* Trimmed of Unicode white space, the ideographic space of Chinese input too. */
  g_assert_true (jf_json_read_string (body, NULL, "padded", JF_JSON_REQUIRED, 1, 4, &padded,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpstr (padded, ==, "楼上噪音");
  /* NFC, and the limit counts characters, not bytes or code points of the input. */
  g_assert_true (jf_json_read_string (body, NULL, "decomposed", JF_JSON_SINGLE_LINE, 1, 4,
                                      &decomposed, &error));
  g_assert_cmpstr (decomposed, ==, "Caf\xc3\xa9");
  /* Blank is absent when optional, refused when required. */
  g_assert_true (jf_json_read_string (body, NULL, "blank", JF_JSON_OPTIONAL, 1, 9, &blank,
                                      &error));
  g_assert_null (blank);
  g_assert_false (jf_json_read_string (body, NULL, "blank", JF_JSON_REQUIRED, 1, 9, &blank,
                                       &error));
  assert_invalid (error, "blank", "must not be blank");
}

/* A name that a PATCH may leave out, but not empty: absent and null leave it as it is,
 * blank is refused. */
static void
test_text_not_blank (void)
{
  g_autoptr(JsonObject) body = parse ("{\"blank\": \" \\u3000 \", \"empty\": \"\", "
                                      "\"none\": null, \"name\": \" 邻里 \"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *text = NULL;

  g_assert_true (jf_json_read_string (body, NULL, "absent", JF_JSON_NOT_BLANK, 1, 9, &text,
                                      &error));
  g_assert_true (jf_json_read_string (body, NULL, "none", JF_JSON_NOT_BLANK, 1, 9, &text,
                                      &error));
  g_assert_no_error (error);
  g_assert_null (text);
  g_assert_false (jf_json_read_string (body, NULL, "blank", JF_JSON_NOT_BLANK, 1, 9, &text,
                                       &error));
  assert_invalid (error, "blank", "must not be blank");
  g_clear_error (&error);
  g_assert_false (jf_json_read_string (body, NULL, "empty",
                                       JF_JSON_NOT_BLANK | JF_JSON_SINGLE_LINE, 1, 9, &text,
                                       &error));
  assert_invalid (error, "empty", "must not be blank");
  g_clear_error (&error);
  g_assert_true (jf_json_read_string (body, NULL, "name", JF_JSON_NOT_BLANK, 1, 9, &name,
                                      &error));
  g_assert_cmpstr (name, ==, "邻里");
}

static void
test_text_lengths (void)
{
  g_autoptr(JsonObject) body = parse ("{\"name\": \"张三丰\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (jf_json_read_string (body, "parties[0]", "name", JF_JSON_REQUIRED, 3, 3,
                                      &name, &error));
  g_assert_no_error (error);
  g_assert_false (jf_json_read_string (body, "parties[0]", "name", JF_JSON_REQUIRED, 1, 2,
                                       &name, &error));
  assert_invalid (error, "parties[0].name", "at most 2 characters");
  g_clear_error (&error);
  g_assert_false (jf_json_read_string (body, "parties[0]", "name", JF_JSON_REQUIRED, 4, 9,
                                       &name, &error));
  assert_invalid (error, "parties[0].name", "at least 4 characters");
}

static void
test_text_control_characters (void)
{
  g_autoptr(JsonObject) body = parse ("{\"lines\": \"第一行\\r\\n第二行\\t完\", "
                                      "\"bell\": \"a\\u0007\", \"del\": \"a\\u007f\", "
                                      "\"c1\": \"a\\u0085\", \"separator\": \"a\\u2028b\"}");
  const char *refused_everywhere[] = { "bell", "del", "c1" };
  g_autoptr(GError) error = NULL;
  g_autofree char *lines = NULL;
  char *out = NULL;

  /* A narrative may have line breaks and tabs; a title may not. */
  g_assert_true (jf_json_read_string (body, NULL, "lines", JF_JSON_REQUIRED, 1, 99, &lines,
                                      &error));
  g_assert_no_error (error);
  g_assert_false (jf_json_read_string (body, NULL, "lines", JF_JSON_SINGLE_LINE, 1, 99, &out,
                                       &error));
  assert_invalid (error, "lines", "single line");
  g_clear_error (&error);
  g_assert_false (jf_json_read_string (body, NULL, "separator", JF_JSON_SINGLE_LINE, 1, 99,
                                       &out, &error));
  assert_invalid (error, "separator", "single line");
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (refused_everywhere); i++)
    {
      g_assert_false (jf_json_read_string (body, NULL, refused_everywhere[i],
                                           JF_JSON_REQUIRED, 1, 99, &out, &error));
      assert_invalid (error, refused_everywhere[i], "control characters");
      g_clear_error (&error);
    }
  g_assert_null (out);
}

static void
test_integer_range (void)
{
  g_autoptr(JsonObject) body = parse ("{\"low\": 0, \"high\": 100000, \"over\": 100001, "
                                      "\"negative\": -1, \"max\": 999999999999999}");
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  g_assert_true (jf_json_read_int (body, "risk", "low", 0, 0, 100000, &value, &error));
  g_assert_true (jf_json_read_int (body, "risk", "high", 0, 0, 100000, &value, &error));
  g_assert_cmpint (value, ==, 100000);
  g_assert_true (jf_json_read_int (body, "risk", "max", 0, 0, G_MAXINT64, &value, &error));
  g_assert_cmpint (value, ==, G_GINT64_CONSTANT (999999999999999));
  g_assert_no_error (error);
  g_assert_false (jf_json_read_int (body, "risk", "over", 0, 0, 100000, &value, &error));
  assert_invalid (error, "risk.over", "between 0 and 100000");
  g_clear_error (&error);
  g_assert_false (jf_json_read_int (body, "risk", "negative", 0, 0, 100000, &value, &error));
  assert_invalid (error, "risk.negative", "between 0 and 100000");
}

static void
test_double_range (void)
{
  g_autoptr(JsonObject) body = parse ("{\"lat\": 42.9, \"whole\": 43, \"south\": -90.5}");
  g_autoptr(GError) error = NULL;
  double value = 0;

  g_assert_true (jf_json_read_double (body, "location", "lat", 0, -90, 90, &value, &error));
  g_assert_cmpfloat (value, ==, 42.9);
  g_assert_true (jf_json_read_double (body, "location", "whole", 0, -90, 90, &value, &error));
  g_assert_cmpfloat (value, ==, 43.0);
  g_assert_no_error (error);
  g_assert_false (jf_json_read_double (body, "location", "south", 0, -90, 90, &value, &error));
  assert_invalid (error, "location.south", "between -90 and 90");
}

static void
test_enum_lists_allowed (void)
{
  g_autoptr(JsonObject) body = parse ("{\"ok\": \"petition\", \"bad\": \"lawsuit\", "
                                      "\"case\": \"Dispute\"}");
  g_autoptr(GError) error = NULL;
  guint value = 0;

  g_assert_true (jf_json_read_enum (body, NULL, "ok", 0, kinds, &value, &error));
  g_assert_cmpuint (value, ==, 2);
  g_assert_false (jf_json_read_enum (body, NULL, "bad", 0, kinds, &value, &error));
  assert_invalid (error, "bad", "is not one of: dispute, request, petition, grid_event");
  g_clear_error (&error);
  g_assert_false (jf_json_read_enum (body, NULL, "case", 0, kinds, &value, &error));
  assert_invalid (error, "case", "is not one of");
}

static void
test_containers_name_paths (void)
{
  g_autoptr(JsonObject) body = parse ("{\"location\": {\"lat\": \"north\"}, \"parties\": "
                                      "[{\"name\": \"张三\"}, {\"id_number\": 5}, 7], "
                                      "\"tags\": [\"邻里\", \"\"]}");
  g_autoptr(GError) error = NULL;
  JsonObject *location = NULL;
  JsonObject *party = NULL;
  JsonArray *parties = NULL;
  JsonArray *tags = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *path = jf_json_path_index ("parties", 3);
  char *id_number = NULL;
  double lat = 0;

  g_assert_true (jf_json_read_object (body, NULL, "location", JF_JSON_REQUIRED, &location,
                                      &error));
  g_assert_false (jf_json_read_double (location, "location", "lat", 0, -90, 90, &lat, &error));
  assert_invalid (error, "location.lat", "must be a number");
  g_clear_error (&error);

  g_assert_false (jf_json_read_array (body, NULL, "parties", 0, 0, 2, &parties, &error));
  assert_invalid (error, "parties", "at most 2 items");
  g_clear_error (&error);
  g_assert_false (jf_json_read_array (body, NULL, "parties", 0, 4, 20, &parties, &error));
  assert_invalid (error, "parties", "at least 4 items");
  g_clear_error (&error);
  g_assert_true (jf_json_read_array (body, NULL, "parties", 0, 1, 20, &parties, &error));
  g_assert_true (jf_json_array_get_object (parties, "parties", 1, &party, &error));
  g_assert_false (jf_json_read_string (party, "parties[1]", "id_number", 0, 1, 18,
                                       &id_number, &error));
  assert_invalid (error, "parties[1].id_number", "must be a string");
  g_clear_error (&error);
  g_assert_false (jf_json_array_get_object (parties, "parties", 2, &party, &error));
  assert_invalid (error, "parties[2]", "must be an object");
  g_clear_error (&error);

  g_assert_true (jf_json_read_array (body, NULL, "tags", 0, 0, 9, &tags, &error));
  g_assert_true (jf_json_array_get_string (tags, "tags", 0, 0, 1, 9, &tag, &error));
  g_assert_cmpstr (tag, ==, "邻里");
  g_assert_false (jf_json_array_get_string (tags, "tags", 1, 0, 1, 9, &id_number, &error));
  assert_invalid (error, "tags[1]", "must not be blank");
  g_assert_cmpstr (path, ==, "parties[3]");
}

static void
test_unknown_members_refused (void)
{
  g_autoptr(JsonObject) body = parse ("{\"location\": {\"org\": \"220402\", \"colour\": 1}}");
  const char * const root_members[] = { "location", NULL };
  const char * const location_members[] = { "org", "address", NULL };
  const char * const nothing[] = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (jf_json_check_members (body, NULL, root_members, &error));
  g_assert_no_error (error);
  g_assert_false (jf_json_check_members (json_object_get_object_member (body, "location"),
                                         "location", location_members, &error));
  assert_invalid (error, "location.colour", "unknown field");
  g_clear_error (&error);
  g_assert_false (jf_json_check_members (body, NULL, nothing, &error));
  assert_invalid (error, "location", "unknown field");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/json/read/wrong-types-refused", test_wrong_types_refused);
  g_test_add_func ("/jf/json/read/required-and-absent", test_required_and_absent);
  g_test_add_func ("/jf/json/read/absent-leaves-value", test_absent_leaves_value);
  g_test_add_func ("/jf/json/read/text-normalised", test_text_normalised);
  g_test_add_func ("/jf/json/read/text-not-blank", test_text_not_blank);
  g_test_add_func ("/jf/json/read/text-lengths", test_text_lengths);
  g_test_add_func ("/jf/json/read/text-control-characters", test_text_control_characters);
  g_test_add_func ("/jf/json/read/integer-range", test_integer_range);
  g_test_add_func ("/jf/json/read/double-range", test_double_range);
  g_test_add_func ("/jf/json/read/enum-lists-allowed", test_enum_lists_allowed);
  g_test_add_func ("/jf/json/read/containers-name-paths", test_containers_name_paths);
  g_test_add_func ("/jf/json/read/unknown-members-refused", test_unknown_members_refused);
  return g_test_run ();
}
