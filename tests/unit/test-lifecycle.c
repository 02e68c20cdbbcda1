/* test-lifecycle.c: every move of the lifecycle table, allowed and refused
 *
 * The expectations are written out here by hand, from DOMAIN.md §2, not derived from the
 * table under test: each row names a move, one actor and status that may make it with the
 * fields it needs, and an actor, a level and a status that may not.
 */
#include "config.h"

#include "jf-error.h"
#include "jf-lifecycle.h"

typedef struct
{
  const char *move;
  JfStatus    from;
  JfStatus    to;            /* JF_STATUS_SAME for moves that keep the status */
  JfRole      allowed_role;
  JfLevel     allowed_level;
  const char *fields;        /* JSON of the fields the move needs */
  const char *missing;       /* a field whose absence is refused, or NULL */
  JfRole      refused_role;
  JfLevel     refused_level; /* JF_N_LEVELS when every level may */
  JfStatus    refused_from;
  JfFacts     facts;
} Case;

static const Case cases[] = {
  { "accept", JF_STATUS_REGISTERED, JF_STATUS_ACCEPTED, JF_ROLE_RECEPTION, JF_LEVEL_TOWNSHIP,
    "{}", NULL, JF_ROLE_GRID_LEADER, JF_LEVEL_GRID, JF_STATUS_CLOSED },
  { "not_accept", JF_STATUS_REGISTERED, JF_STATUS_NOT_ACCEPTED, JF_ROLE_RECEPTION,
    JF_LEVEL_VILLAGE, "{\"reason\": \"属于法院受理范围\", \"redirect_to\": \"龙山区人民法院\"}",
    "redirect_to", JF_ROLE_AUDITOR, JF_LEVEL_GRID, JF_STATUS_ACCEPTED },
  { "resolve_on_spot", JF_STATUS_ACCEPTED, JF_STATUS_RESOLVED, JF_ROLE_RECEPTION,
    JF_LEVEL_TOWNSHIP, "{\"outcome\": \"当场解答\"}", "outcome", JF_ROLE_SUPERVISOR,
    JF_LEVEL_GRID, JF_STATUS_REGISTERED },
  { "start_mediation", JF_STATUS_ACCEPTED, JF_STATUS_IN_MEDIATION, JF_ROLE_MEDIATOR,
    JF_LEVEL_VILLAGE, "{}", NULL, JF_ROLE_DEPARTMENT_LIAISON, JF_LEVEL_GRID,
    JF_STATUS_REGISTERED },
  { "end_mediation", JF_STATUS_IN_MEDIATION, JF_STATUS_ACCEPTED, JF_ROLE_MEDIATOR,
    JF_LEVEL_TOWNSHIP, "{\"reason\": \"一方拒绝调解\"}", "reason", JF_ROLE_RECEPTION,
    JF_LEVEL_GRID, JF_STATUS_ACCEPTED },
  { "whistle", JF_STATUS_ACCEPTED, JF_STATUS_DISPATCHED, JF_ROLE_SUPERVISOR, JF_LEVEL_TOWNSHIP,
    "{\"lead_department\": \"220402-housing\"}", "lead_department", JF_ROLE_POLICE,
    JF_LEVEL_GRID, JF_STATUS_REGISTERED },
  { "recall_whistle", JF_STATUS_DISPATCHED, JF_STATUS_ACCEPTED, JF_ROLE_SUPERVISOR,
    JF_LEVEL_TOWNSHIP, "{\"reason\": \"已自行解决\"}", "reason", JF_ROLE_DEPARTMENT_LIAISON,
    JF_LEVEL_GRID, JF_STATUS_ACCEPTED },
  { "refer", JF_STATUS_ACCEPTED, JF_STATUS_REFERRED, JF_ROLE_PETITION_OFFICER, JF_LEVEL_COUNTY,
    "{\"referral_to\": \"court\", \"reason\": \"诉前调解\"}", "referral_to", JF_ROLE_POLICE,
    JF_LEVEL_GRID, JF_STATUS_RESOLVED },
  { "return_referral", JF_STATUS_REFERRED, JF_STATUS_ACCEPTED, JF_ROLE_COURT, JF_LEVEL_COUNTY,
    "{\"reason\": \"不属于受案范围\"}", "reason", JF_ROLE_GRID_LEADER, JF_LEVEL_GRID,
    JF_STATUS_ACCEPTED },
  { "resolve", JF_STATUS_IN_MEDIATION, JF_STATUS_RESOLVED, JF_ROLE_MEDIATOR, JF_LEVEL_VILLAGE,
    "{\"outcome\": \"达成调解协议\"}", "outcome", JF_ROLE_POLICE, JF_LEVEL_GRID,
    JF_STATUS_ACCEPTED },
  { "reopen", JF_STATUS_RESOLVED, JF_STATUS_ACCEPTED, JF_ROLE_SUPERVISOR, JF_LEVEL_COUNTY,
    "{\"reason\": \"回访不满意\"}", "reason", JF_ROLE_COURT, JF_LEVEL_GRID,
    JF_STATUS_CLOSED },
  { "close", JF_STATUS_RESOLVED, JF_STATUS_CLOSED, JF_ROLE_RECEPTION, JF_LEVEL_TOWNSHIP,
    "{}", NULL, JF_ROLE_GRID_LEADER, JF_LEVEL_GRID, JF_STATUS_ACCEPTED,
    JF_FACT_FOLLOW_UP_SATISFIED },
  { "withdraw", JF_STATUS_IN_MEDIATION, JF_STATUS_WITHDRAWN, JF_ROLE_MEDIATOR, JF_LEVEL_VILLAGE,
    "{\"reason\": \"申请人撤回\"}", "reason", JF_ROLE_AUDITOR, JF_LEVEL_GRID,
    JF_STATUS_RESOLVED },
  { "escalate", JF_STATUS_ACCEPTED, JF_STATUS_SAME, JF_ROLE_GRID_LEADER, JF_LEVEL_GRID,
    "{\"reason\": \"涉及多个村\"}", "reason", JF_ROLE_AUDITOR, JF_LEVEL_CITY,
    JF_STATUS_RESOLVED, JF_FACT_HAS_PARENT_UNIT },
  { "hand_down", JF_STATUS_REGISTERED, JF_STATUS_SAME, JF_ROLE_SUPERVISOR, JF_LEVEL_COUNTY,
    "{\"to_org\": \"220402001\", \"reason\": \"属地处理\"}", "to_org", JF_ROLE_GRID_LEADER,
    JF_LEVEL_GRID, JF_STATUS_IN_MEDIATION },
  { "assign", JF_STATUS_DISPATCHED, JF_STATUS_SAME, JF_ROLE_SUPERVISOR, JF_LEVEL_TOWNSHIP,
    "{\"assignee\": 12}", "assignee", JF_ROLE_PETITION_OFFICER, JF_LEVEL_GRID,
    JF_STATUS_CLOSED },
  { "edit", JF_STATUS_REGISTERED, JF_STATUS_SAME, JF_ROLE_GRID_LEADER, JF_LEVEL_GRID,
    "{}", NULL, JF_ROLE_DEPARTMENT_LIAISON, JF_N_LEVELS, JF_STATUS_WITHDRAWN },
  { "follow_up", JF_STATUS_RESOLVED, JF_STATUS_SAME, JF_ROLE_RECEPTION, JF_LEVEL_VILLAGE,
    "{\"satisfaction\": \"satisfied\"}", "satisfaction", JF_ROLE_GRID_LEADER,
    JF_LEVEL_GRID, JF_STATUS_ACCEPTED },
  { "alert_police", JF_STATUS_IN_MEDIATION, JF_STATUS_SAME, JF_ROLE_MEDIATOR,
    JF_LEVEL_TOWNSHIP, "{\"note\": \"当事人扬言报复\"}", "note", JF_ROLE_AUDITOR, JF_N_LEVELS,
    JF_STATUS_CLOSED },
};

static JsonObject *
parse_fields (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_every_move (gconstpointer data)
{
  const Case *c = data;
  const JfMove *move = jf_lifecycle_find_by_name (c->move);
  g_autoptr(JsonObject) fields = parse_fields (c->fields);
  JfActor ok = { JF_ROLE_BIT (c->allowed_role), c->allowed_level };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (move);
  g_assert_cmpint (move->to, ==, c->to);

  /* Allowed: the right person, at the right level, from the right status. */
  g_assert_true (jf_lifecycle_check (move, &ok, c->from, c->facts, fields, &error));
  g_assert_no_error (error);

  /* Refused: from a status the move does not start from. */
  g_assert_false (jf_lifecycle_check (move, &ok, c->refused_from, c->facts, fields, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_REFUSED);
  g_clear_error (&error);

  /* Refused: by a role that may not make it, even with every other role's level. */
  {
    JfActor wrong_role = { JF_ROLE_BIT (c->refused_role), c->allowed_level };
    g_assert_false (jf_lifecycle_check (move, &wrong_role, c->from, c->facts, fields, &error));
    g_assert_error (error, JF_ERROR, JF_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }

  /* Refused: at a level where it is not made. */
  if (c->refused_level != JF_N_LEVELS)
    {
      JfActor wrong_level = { JF_ROLE_BIT (c->allowed_role), c->refused_level };
      g_assert_false (jf_lifecycle_check (move, &wrong_level, c->from, c->facts, fields,
                                          &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_FORBIDDEN);
      g_clear_error (&error);
    }

  /* Refused: without a field it requires, naming the field. */
  if (c->missing != NULL)
    {
      g_autofree char *path = g_strconcat ("fields.", c->missing, NULL);

      json_object_remove_member (fields, c->missing);
      g_assert_false (jf_lifecycle_check (move, &ok, c->from, c->facts, fields, &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
      g_assert_cmpstr (jf_error_get_field (error), ==, path);
      g_clear_error (&error);
    }

  /* Refused: without the facts it needs. */
  if (c->facts != JF_FACT_NONE)
    {
      g_autoptr(JsonObject) full = parse_fields (c->fields);

      g_assert_false (jf_lifecycle_check (move, &ok, c->from, JF_FACT_NONE, full, &error));
      g_assert_error (error, JF_ERROR, JF_ERROR_REFUSED);
      g_clear_error (&error);
    }
}

static void
test_blank_reason_refused (void)
{
  const JfMove *move = jf_lifecycle_find_by_name ("withdraw");
  g_autoptr(JsonObject) fields = parse_fields ("{\"reason\": \"   \"}");
  JfActor actor = { JF_ROLE_BIT (JF_ROLE_MEDIATOR), JF_LEVEL_TOWNSHIP };
  g_autoptr(GError) error = NULL;

  g_assert_false (jf_lifecycle_check (move, &actor, JF_STATUS_ACCEPTED, 0, fields, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_INVALID);
  g_assert_cmpstr (jf_error_get_field (error), ==, "fields.reason");
}

static void
test_final_statuses_have_no_status_moves (void)
{
  /* Closed, withdrawn and not-accepted matters stay so, whoever asks. */
  JfStatus finals[] = { JF_STATUS_CLOSED, JF_STATUS_WITHDRAWN, JF_STATUS_NOT_ACCEPTED };
  JfActor everyone = { JF_ALL_ROLES, JF_LEVEL_TOWNSHIP };

  for (guint i = 0; i < G_N_ELEMENTS (finals); i++)
    {
      g_autoptr(GPtrArray) moves = jf_lifecycle_allowed_moves (&everyone, finals[i], ~0u);
      g_assert_cmpuint (moves->len, ==, 0);
    }
}

static void
test_auditor_and_liaison_make_no_moves (void)
{
  JfActor auditor = { JF_ROLE_BIT (JF_ROLE_AUDITOR), JF_LEVEL_CITY };
  JfActor liaison = { JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON), JF_LEVEL_COUNTY };

  for (JfStatus s = 0; s < JF_N_STATUSES; s++)
    {
      g_autoptr(GPtrArray) a = jf_lifecycle_allowed_moves (&auditor, s, ~0u);
      g_autoptr(GPtrArray) l = jf_lifecycle_allowed_moves (&liaison, s, ~0u);
      g_assert_cmpuint (a->len, ==, 0);
      g_assert_cmpuint (l->len, ==, 0);
    }
}

static void
test_find_by_statuses (void)
{
  g_assert_cmpstr (jf_lifecycle_find (JF_STATUS_REGISTERED, JF_STATUS_ACCEPTED)->name, ==,
                   "accept");
  g_assert_cmpstr (jf_lifecycle_find (JF_STATUS_DISPATCHED, JF_STATUS_RESOLVED)->name, ==,
                   "resolve");
  g_assert_null (jf_lifecycle_find (JF_STATUS_CLOSED, JF_STATUS_ACCEPTED));
  g_assert_null (jf_lifecycle_find (JF_STATUS_REGISTERED, JF_STATUS_CLOSED));
}

static void
test_allowed_moves_for_reception (void)
{
  /* The window clerk at a township sees exactly these on an accepted matter. */
  JfActor clerk = { JF_ROLE_BIT (JF_ROLE_RECEPTION), JF_LEVEL_TOWNSHIP };
  g_autoptr(GPtrArray) moves = jf_lifecycle_allowed_moves (&clerk, JF_STATUS_ACCEPTED,
                                                           JF_FACT_HAS_PARENT_UNIT);
  const char *expected[] = { "resolve_on_spot", "start_mediation", "whistle", "refer",
                             "withdraw", "escalate", "hand_down", "assign", "edit",
                             "alert_police" };

  g_assert_cmpuint (moves->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < moves->len; i++)
    g_assert_cmpstr (((const JfMove *) moves->pdata[i])->name, ==, expected[i]);
}

/* "Stay until done" (DOMAIN.md §3): a whistled matter is resolved only once every
 * department's work is verified; a mediated one needs no whistle at all. */
static void
test_resolve_after_whistle (void)
{
  const JfMove *move = jf_lifecycle_find_by_name ("resolve");
  g_autoptr(JsonObject) fields = parse_fields ("{\"outcome\": \"各部门已处置\"}");
  JfActor supervisor = { JF_ROLE_BIT (JF_ROLE_SUPERVISOR), JF_LEVEL_TOWNSHIP };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;

  g_assert_false (jf_lifecycle_check (move, &supervisor, JF_STATUS_DISPATCHED, JF_FACT_NONE,
                                      fields, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (jf_lifecycle_check (move, &supervisor, JF_STATUS_DISPATCHED,
                                     JF_FACT_WHISTLE_ALL_VERIFIED, fields, &error));
  g_assert_true (jf_lifecycle_check (move, &supervisor, JF_STATUS_IN_MEDIATION, JF_FACT_NONE,
                                     fields, &error));
  g_assert_no_error (error);

  /* And the client is not offered it while departments are still at work. */
  open = jf_lifecycle_allowed_moves (&supervisor, JF_STATUS_DISPATCHED, JF_FACT_NONE);
  for (guint i = 0; i < open->len; i++)
    g_assert_cmpstr (((const JfMove *) open->pdata[i])->name, !=, "resolve");
}

static void
test_register (void)
{
  const JfMove *move = jf_lifecycle_get_move (JF_MOVE_REGISTER);
  JfActor grid = { JF_ROLE_BIT (JF_ROLE_GRID_LEADER), JF_LEVEL_GRID };
  JfActor liaison = { JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON), JF_LEVEL_COUNTY };
  g_autoptr(GError) error = NULL;

  g_assert_true (jf_lifecycle_check (move, &grid, JF_STATUS_REGISTERED, 0, NULL, &error));
  g_assert_false (jf_lifecycle_check (move, &liaison, JF_STATUS_REGISTERED, 0, NULL, &error));
  g_assert_error (error, JF_ERROR, JF_ERROR_FORBIDDEN);
}

int
main (int argc, char **argv)
{
  guint n_moves;

  g_test_init (&argc, &argv, NULL);
  jf_lifecycle_get_moves (&n_moves);
  /* Every move but register has its own row above. */
  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, n_moves - 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/jf/lifecycle/move/%s", cases[i].move);
      g_test_add_data_func (path, &cases[i], test_every_move);
    }
  g_test_add_func ("/jf/lifecycle/register", test_register);
  g_test_add_func ("/jf/lifecycle/resolve-after-whistle", test_resolve_after_whistle);
  g_test_add_func ("/jf/lifecycle/blank-reason-refused", test_blank_reason_refused);
  g_test_add_func ("/jf/lifecycle/final-statuses-have-no-moves",
                   test_final_statuses_have_no_status_moves);
  g_test_add_func ("/jf/lifecycle/auditor-and-liaison-make-no-moves",
                   test_auditor_and_liaison_make_no_moves);
  g_test_add_func ("/jf/lifecycle/find-by-statuses", test_find_by_statuses);
  g_test_add_func ("/jf/lifecycle/allowed-moves-for-reception",
                   test_allowed_moves_for_reception);
  return g_test_run ();
}
