/* fuzz-json.c: the JSON request readers on any bytes
 *
 * The body goes where jfd-request.c sends a JSON body (jf_json_parse_object: the pre-scan,
 * then json-glib), and the object on to the readers that handlers feed it to: the intake
 * (common/jf-intake.c), a lifecycle move and a sign-in (the engine's own readers, which
 * run before any query), and every generic jf_json_read_*() on every member, nested.
 *
 * Oracles: no crash, leak or critical; every refusal is a JfError with UTF-8 text, naming
 * the field of an invalid value; an accepted intake written back and read again is the
 * same intake (the reader's normalisation is a fixpoint, so a matter saved twice does not
 * drift); a body the move or sign-in reader lets through has what those readers require.
 */
#include "config.h"

#include <string.h>

#include "jf-fuzz.h"
#include "jf-intake.h"
#include "jf-json.h"

#define MAX_WALK_DEPTH 8

static const char * const statuses[] = {
  "registered", "accepted", "not_accepted", "in_mediation", "dispatched", "referred",
  "resolved", "closed", "withdrawn", NULL
};

static void
check_field (const GError *error,
             const char   *path,
             const char   *member)
{
  g_autofree char *expected = jf_json_path (path, member);

  jf_fuzz_check_error (error, TRUE);
  if (error->code == JF_ERROR_INVALID)
    jf_fuzz_assert (g_strcmp0 (jf_error_get_field (error), expected) == 0,
                    "a reader named another field than the one it read");
}

static void walk_object (JsonObject *object, const char *path, guint depth);

/* Every reader on one member: each either reads it or refuses it with its path. */
static void
read_member (JsonObject *object,
             const char *path,
             const char *member,
             guint       depth)
{
  static const JfJsonFlags flag_sets[] = { JF_JSON_OPTIONAL,
                                           JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE };

  for (guint f = 0; f < G_N_ELEMENTS (flag_sets); f++)
    {
      JfJsonFlags flags = flag_sets[f];
      g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;
      g_autoptr(GError) e6 = NULL, e7 = NULL, e8 = NULL, e9 = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GDateTime) datetime = NULL;
      gint64 integer = 0;
      double number = 0;
      gboolean boolean = FALSE;
      guint index = 0;
      GDate date;
      JsonObject *child = NULL;
      JsonArray *array = NULL;

      g_date_clear (&date, 1);
      if (!jf_json_read_string (object, path, member, flags, 1, 100, &text, &e1))
        check_field (e1, path, member);
      else if (text != NULL)
        jf_fuzz_assert (g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= 100,
                        "read_string gave text outside its bounds");
      if (!jf_json_read_int (object, path, member, flags, -5, 1000, &integer, &e2))
        check_field (e2, path, member);
      else
        jf_fuzz_assert (integer >= -5 && integer <= 1000, "read_int outside its bounds");
      if (!jf_json_read_double (object, path, member, flags, -90, 90, &number, &e3))
        check_field (e3, path, member);
      else
        jf_fuzz_assert (number >= -90 && number <= 90, "read_double outside its bounds");
      if (!jf_json_read_boolean (object, path, member, flags, &boolean, &e4))
        check_field (e4, path, member);
      if (!jf_json_read_enum (object, path, member, flags, statuses, &index, &e5))
        check_field (e5, path, member);
      else
        jf_fuzz_assert (index < G_N_ELEMENTS (statuses) - 1, "read_enum outside its list");
      if (!jf_json_read_datetime (object, path, member, flags, &datetime, &e6))
        check_field (e6, path, member);
      if (!jf_json_read_date (object, path, member, flags, &date, &e7))
        check_field (e7, path, member);
      else if (jf_json_has_member (object, member) && g_date_valid (&date))
        {
          g_autofree char *again = jf_json_date_to_string (&date);
          jf_fuzz_assert (strlen (again) == 10, "a date read that does not write back");
        }
      if (!jf_json_read_object (object, path, member, flags, &child, &e8))
        check_field (e8, path, member);
      if (!jf_json_read_array (object, path, member, flags, 0, 50, &array, &e9))
        check_field (e9, path, member);

      if (f > 0 || depth >= MAX_WALK_DEPTH)
        continue;
      if (child != NULL)
        {
          g_autofree char *child_path = jf_json_path (path, member);
          walk_object (child, child_path, depth + 1);
        }
      if (array != NULL)
        {
          g_autofree char *array_path = jf_json_path (path, member);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autoptr(GError) eo = NULL, es = NULL;
              g_autofree char *element_path = jf_json_path_index (array_path, i);
              g_autofree char *element_text = NULL;
              JsonObject *element = NULL;

              if (jf_json_array_get_object (array, array_path, i, &element, &eo))
                walk_object (element, element_path, depth + 1);
              else
                {
                  jf_fuzz_check_error (eo, TRUE);
                  jf_fuzz_assert (g_strcmp0 (jf_error_get_field (eo), element_path) == 0,
                                  "an element refused under another path");
                }
              if (!jf_json_array_get_string (array, array_path, i, JF_JSON_SINGLE_LINE, 1, 50,
                                             &element_text, &es))
                jf_fuzz_check_error (es, TRUE);
            }
        }
    }
}

static void
walk_object (JsonObject *object,
             const char *path,
             guint       depth)
{
  static const char * const none[] = { NULL };
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GError) error = NULL;

  if (!jf_json_check_members (object, path, none, &error))
    jf_fuzz_check_error (error, TRUE);
  for (GList *l = members; l != NULL; l = l->next)
    read_member (object, path, l->data, depth);
  /* And one that is surely absent: required is refused, optional leaves things be. */
  read_member (object, path, "\001absent", depth);
}

static char *
intake_text (const JfIntake *intake,
             gsize          *len)
{
  g_autoptr(JsonNode) node = jf_intake_to_json (intake);

  return jf_json_to_string (node, len);
}

static void
check_intake (JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfIntake) intake = jf_intake_from_json (body, &error);
  g_autoptr(JsonObject) again_body = NULL;
  g_autoptr(JfIntake) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  gsize len;

  if (intake == NULL)
    {
      jf_fuzz_check_error (error, TRUE);
      return;
    }
  jf_fuzz_assert (intake->parties->len >= 1, "an intake without parties");
  text = intake_text (intake, &len);
  again_body = jf_json_parse_object (text, len, &error);
  jf_fuzz_assert (again_body != NULL, "an accepted intake writes JSON its reader refuses");
  again = jf_intake_from_json (again_body, &error);
  if (again == NULL)
    g_error ("an accepted intake, written back, is refused: %s (field %s)\n%s",
             error->message, jf_error_get_field (error), text);
  again_text = intake_text (again, NULL);
  if (strcmp (text, again_text) != 0)
    g_error ("reading an intake is not a fixpoint:\n%s\n%s", text, again_text);
}

/* The engine's move reader: what it lets through goes to the database (here: refused as
 * unavailable), so it must hold a known target status and a version. */
static void
check_move (JsonObject *body)
{
  JfdEngine *engine = jf_fuzz_engine ();
  g_autoptr(JfdActor) actor = jf_fuzz_actor_new (JF_ROLE_MEDIATOR);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JfFuzzWait wait = { NULL };

  jfd_engine_move_async (engine, actor, 1, body, NULL, jf_fuzz_wait_cb, &wait);
  jf_fuzz_wait (&wait);
  node = jfd_engine_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  jf_fuzz_assert (node == NULL, "a move succeeded without a database");
  jf_fuzz_check_error (error, TRUE);
  if (error->code == JF_ERROR_UNAVAILABLE)
    {
      JsonNode *to = json_object_get_member (body, "to");
      JsonNode *version = json_object_get_member (body, "version");

      jf_fuzz_assert (to != NULL && JSON_NODE_HOLDS_VALUE (to) &&
                      json_node_get_value_type (to) == G_TYPE_STRING &&
                      g_strv_contains (statuses, json_node_get_string (to)),
                      "a move without a known status reached the database");
      jf_fuzz_assert (version != NULL && JSON_NODE_HOLDS_VALUE (version) &&
                      json_node_get_value_type (version) == G_TYPE_INT64 &&
                      json_node_get_int (version) >= 1,
                      "a move without a version reached the database");
    }
}

static void
check_sign_in (JsonObject *body)
{
  JfdEngine *engine = jf_fuzz_engine ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JfFuzzWait wait = { NULL };

  jfd_engine_sign_in_async (engine, body, "127.0.0.1", "fuzz", NULL, jf_fuzz_wait_cb, &wait);
  jf_fuzz_wait (&wait);
  node = jfd_engine_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  jf_fuzz_assert (node == NULL, "a sign-in succeeded without a database");
  jf_fuzz_check_error (error, TRUE);
  if (error->code == JF_ERROR_UNAVAILABLE)
    jf_fuzz_assert (json_object_get_size (body) == 2 &&
                    json_object_has_member (body, "username") &&
                    json_object_has_member (body, "password"),
                    "a sign-in with other members reached the database");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  jf_fuzz_init_logging ();
  jf_fuzz_engine ();
  return 0;
}

static void
one_input (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  /* A copy of exactly @size bytes, so that ASan sees any read past the body's end. */
  g_autofree char *copy = g_memdup2 (data, size);

  body = jf_json_parse_object (copy, size, &error);
  if (body == NULL)
    {
      jf_fuzz_check_error (error, FALSE);
      jf_fuzz_assert (error->code == JF_ERROR_MALFORMED || error->code == JF_ERROR_TOO_LARGE,
                      "a body that does not parse refused as something else than malformed");
      return;
    }
  walk_object (body, NULL, 0);
  check_intake (body);
  check_move (body);
  check_sign_in (body);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  one_input (data, size);
  jf_fuzz_check_leaks ();
  return 0;
}
