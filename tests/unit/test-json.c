/* test-json.c: hostile bytes are refused before json-glib sees them, and members are read
 * strictly, naming the field
 *
 * The hostile inputs are those json-glib 1.6.6 mishandles (STACK-NOTES.md): deep nesting
 * crashes it, big integers wrap, 0123 is octal, and it accepts 0x10, comments, single
 * quotes, duplicate members and trailing data.
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jf-json.h"

static void
assert_malformed_len (const char *data,
                      gsize       len,
                      const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jf_json_parse (data, len, &error);

  if (node != NULL)
    g_error ("accepted: %.*s", (int) MIN (len, 80), data);
  g_assert_error (error, JF_ERROR, JF_ERROR_MALFORMED);
  g_assert_null (jf_error_get_field (error));
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
assert_malformed (const char *data,
                  const char *message_part)
{
  assert_malformed_len (data, strlen (data), message_part);
}

static void
assert_parses (const char *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jf_json_parse (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *text = g_string_sized_new (strlen (unit) * times + 1);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

static void
test_deep_nesting_refused (void)
{
  /* 100,000 levels crash json-glib; the pre-scan must refuse them fast, arrays or objects. */
  const char *units[] = { "[", "{\"a\":" };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *deep = repeat (units[i], 100000);

      g_test_timer_start ();
      assert_malformed (deep, "nested deeper than 32");
      g_assert_cmpfloat (g_test_timer_elapsed (), <, 0.5);
    }
}

static void
test_depth_limit (void)
{
  g_autofree char *open = repeat ("[", JF_JSON_DEFAULT_MAX_DEPTH);
  g_autofree char *close = repeat ("]", JF_JSON_DEFAULT_MAX_DEPTH);
  g_autofree char *at_limit = g_strconcat (open, close, NULL);
  g_autofree char *over = g_strconcat ("[", open, close, "]", NULL);
  g_autofree char *in_string = g_strconcat ("[\"", open, "\\\"", open, "\"]", NULL);
  g_autoptr(GError) error = NULL;

  assert_parses (at_limit);
  assert_malformed (over, "nested deeper than 32");
  /* Brackets inside strings, after an escaped quote too, are text, not nesting. */
  assert_parses (in_string);
  /* The caller may ask for less. */
  g_assert_true (jf_json_prescan ("[[1]]", 5, 2, &error));
  g_assert_no_error (error);
  g_assert_false (jf_json_prescan ("[[[1]]]", 7, 2, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_MALFORMED);
}

static void
test_numbers_not_json_refused (void)
{
  const char *bad[] = { "0123", "0x10", "+1", "NaN", ".5", "1.", "-", "1e", "1e+", "--1",
                        "Infinity", "-Infinity", "01.5", "1.5.5", "0b1", "1_000" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"n\": %s}", bad[i]);

      assert_malformed (body, "at byte 6");
    }
  /* json-glib reads "- 5" as -5. */
  assert_malformed ("[- 5]", "invalid number");
}

static void
test_numbers_json_accepted (void)
{
  const char *good[] = { "0", "-0", "12", "1.5", "-1.5e-3", "1E5", "2e+2", "0.0001",
                         "999999999999999", "-999999999999999", "12345678901234567.5" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *body = g_strdup_printf ("[%s]", good[i]);

      assert_parses (body);
    }
}

static void
test_numbers_out_of_range_refused (void)
{
  /* json-glib wraps the first two to -1 and +1, and reads 1e400 as infinity. */
  const char *big[] = { "18446744073709551615", "-99999999999999999999999", "1e400",
                        "-1e400", "1000000000000000", "-1000000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (big); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"assignee\": %s}", big[i]);

      assert_malformed (body, "out of range");
    }
}

static void
test_invalid_utf8_refused (void)
{
  const char *bad[] = { "[\"\xff\"]", "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]",
                        "[\"abc\xe4\xb8\"]" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_malformed (bad[i], "not valid UTF-8 at byte");
  /* A NUL byte in the body, whose length says there is more after it. */
  assert_malformed_len ("[\"a\0b\"]", 7, "NUL byte at byte 3");
}

static void
test_strings_strict (void)
{
  /* Raw control characters are not allowed in JSON strings; escaped ones are. */
  assert_malformed ("[\"a\x01z\"]", "control character in a string at byte 3");
  assert_malformed ("[\"two\nlines\"]", "control character");
  assert_parses ("[\"two\\nlines\\t\\u0001\"]");
  /* json-glib would cut "a\u0000b" to "a". */
  assert_malformed ("[\"a\\u0000b\"]", "\\u0000");
  assert_malformed ("[\"\\x41\"]", "invalid escape");
  assert_malformed ("[\"\\u12\"]", "invalid escape");
  assert_malformed ("[\"open", "unterminated string at byte 1");
  /* Half a surrogate pair is no character: json-glib would make bytes that are not UTF-8
   * of it (in a member name, echoed back as the error's field), and leak on some. */
  assert_malformed ("[\"\\ud800\"]", "half of a UTF-16 surrogate pair (\\ud800)");
  assert_malformed ("{\"a\\ud800b\":1}", "surrogate pair");
  assert_malformed ("[\"\\udc00x\"]", "surrogate pair");
  assert_malformed ("[\"\\ud83d\\udae0\"]", "surrogate pair");
  assert_malformed ("[\"\\ud83d\\n\"]", "surrogate pair");
  assert_malformed ("[\"\\ud83d\"]", "surrogate pair");
  assert_parses ("[\"\\ud83d\\ude00 \\\"quoted\\\" \\\\ \\/\"]");
  assert_parses ("[\"\\uDBFF\\uDFFF\\uD800\\uDC00\"]");
}

/* json-glib quotes the token it refused cut at a byte count, in the middle of a Chinese
 * character: the message still goes into a JSON answer, so it must be UTF-8. */
static void
test_parse_error_is_utf8 (void)
{
  const char *body = "{\"title\": \"噪音扰民噪音扰民噪音扰民噪音扰民\" 1}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jf_json_parse (body, strlen (body), &error);

  g_assert_null (node);
  g_assert_error (error, JF_ERROR, JF_ERROR_MALFORMED);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_lenient_syntax_refused (void)
{
  const struct
  {
    const char *body;
    const char *says;
  } cases[] = {
    { "[1] [2]", "data after the JSON value" },
    { "{} x", "data after the JSON value" },
    { "{\"a\": 1}, {\"b\": 2}", "data after the JSON value" },
    { "[/* note */ 1]", "unexpected character" },
    { "[1] // note", "data after the JSON value" },
    { "[1 // note\n]", "unexpected character" },
    { "['single']", "unexpected character" },
    { "var a = {}", "invalid token" },
    { "\xef\xbb\xbf{}", "unexpected character" },
    { "[1,]", "not valid JSON" },
    { "{\"a\" 1}", "not valid JSON" },
    { "[1]]", "unbalanced" },
    { "{\"a\": 1, \"a\": 2}", "member “a” given twice" },
    { "{\"x\": {\"a\": 1, \"\\u0061\": 2}}", "member “a” given twice" },
    { "[tru]", "invalid token" },
    { "", "empty body" },
    { " \n\t", "empty body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_malformed (cases[i].body, cases[i].says);
  /* The same name in two different objects is no duplicate. */
  assert_parses ("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}");
}

static void
test_root_must_be_object (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = jf_json_parse_object ("[1]", 3, &error);

  g_assert_null (object);
  g_assert_error (error, JF_ERROR, JF_ERROR_MALFORMED);
  g_clear_error (&error);
  object = jf_json_parse_object ("{\"a\": 1}", 8, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (object, "a"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jf/json/prescan/deep-nesting-refused", test_deep_nesting_refused);
  g_test_add_func ("/jf/json/prescan/depth-limit", test_depth_limit);
  g_test_add_func ("/jf/json/prescan/numbers-not-json-refused",
                   test_numbers_not_json_refused);
  g_test_add_func ("/jf/json/prescan/numbers-json-accepted", test_numbers_json_accepted);
  g_test_add_func ("/jf/json/prescan/numbers-out-of-range-refused",
                   test_numbers_out_of_range_refused);
  g_test_add_func ("/jf/json/prescan/invalid-utf8-refused", test_invalid_utf8_refused);
  g_test_add_func ("/jf/json/parse-error-is-utf8", test_parse_error_is_utf8);
  g_test_add_func ("/jf/json/prescan/strings-strict", test_strings_strict);
  g_test_add_func ("/jf/json/parse/lenient-syntax-refused", test_lenient_syntax_refused);
  g_test_add_func ("/jf/json/parse/root-must-be-object", test_root_must_be_object);
  return g_test_run ();
}
