/* jf-lifecycle.c: the table of moves and the one function that judges a move */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-lifecycle.h"

#define S(x) JF_STATUS_BIT (JF_STATUS_##x)
#define R(x) JF_ROLE_BIT (JF_ROLE_##x)
#define L(x) JF_LEVEL_BIT (JF_LEVEL_##x)

/* Centres (village and up) take decisions on matters; a grid has a leader, not a centre. */
#define CENTRES (L (CITY) | L (COUNTY) | L (TOWNSHIP) | L (VILLAGE))
/* Those who run a centre's caseload. */
#define CASEWORKERS (R (RECEPTION) | R (MEDIATOR) | R (PETITION_OFFICER) | R (SUPERVISOR))
#define OPEN (S (REGISTERED) | S (ACCEPTED) | S (IN_MEDIATION) | S (DISPATCHED) | S (REFERRED))

static const char * const no_fields[] = { NULL };
static const char * const reason[] = { "reason", NULL };
static const char * const reason_redirect[] = { "reason", "redirect_to", NULL };
static const char * const outcome[] = { "outcome", NULL };
static const char * const lead_department[] = { "lead_department", NULL };
static const char * const referral[] = { "referral_to", "reason", NULL };
static const char * const hand_down[] = { "to_org", "reason", NULL };
static const char * const assignee[] = { "assignee", NULL };
static const char * const satisfaction[] = { "satisfaction", NULL };
static const char * const note[] = { "note", NULL };

static const JfMove moves[JF_N_MOVES] = {
  { JF_MOVE_REGISTER, "register", N_("Register"),
    0, JF_STATUS_REGISTERED,
    CASEWORKERS | R (GRID_LEADER) | R (POLICE) | R (COURT), JF_ALL_LEVELS,
    no_fields, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_ACCEPT, "accept", N_("Accept"),
    S (REGISTERED), JF_STATUS_ACCEPTED,
    CASEWORKERS, CENTRES, no_fields, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_NOT_ACCEPT, "not_accept", N_("Do not accept"),
    S (REGISTERED), JF_STATUS_NOT_ACCEPTED,
    CASEWORKERS, CENTRES, reason_redirect, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_RESOLVE_ON_SPOT, "resolve_on_spot", N_("Resolve at the window"),
    S (ACCEPTED), JF_STATUS_RESOLVED,
    R (RECEPTION) | R (MEDIATOR) | R (PETITION_OFFICER), CENTRES,
    outcome, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_START_MEDIATION, "start_mediation", N_("Start mediation"),
    S (ACCEPTED), JF_STATUS_IN_MEDIATION,
    R (MEDIATOR) | R (RECEPTION) | R (SUPERVISOR) | R (COURT), CENTRES,
    no_fields, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_END_MEDIATION, "end_mediation", N_("End mediation without agreement"),
    S (IN_MEDIATION), JF_STATUS_ACCEPTED,
    R (MEDIATOR) | R (SUPERVISOR) | R (COURT), CENTRES, reason, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_WHISTLE, "whistle", N_("Blow the whistle"),
    S (ACCEPTED) | S (IN_MEDIATION), JF_STATUS_DISPATCHED,
    R (SUPERVISOR) | R (MEDIATOR) | R (RECEPTION), CENTRES,
    lead_department, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_RECALL_WHISTLE, "recall_whistle", N_("Recall the whistle"),
    S (DISPATCHED), JF_STATUS_ACCEPTED,
    R (SUPERVISOR) | R (MEDIATOR) | R (RECEPTION), CENTRES, reason, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_REFER, "refer", N_("Refer"),
    S (ACCEPTED) | S (IN_MEDIATION), JF_STATUS_REFERRED,
    CASEWORKERS | R (COURT), CENTRES, referral, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_RETURN_REFERRAL, "return_referral", N_("Take back the referral"),
    S (REFERRED), JF_STATUS_ACCEPTED,
    CASEWORKERS | R (COURT), CENTRES, reason, JF_FACT_NONE, 0, FALSE },
  /* "Stay until done": a whistled matter is resolved once every department is verified. */
  { JF_MOVE_RESOLVE, "resolve", N_("Resolve"),
    S (IN_MEDIATION) | S (DISPATCHED) | S (REFERRED), JF_STATUS_RESOLVED,
    CASEWORKERS | R (COURT), CENTRES, outcome, JF_FACT_WHISTLE_ALL_VERIFIED, S (DISPATCHED),
    FALSE },
  { JF_MOVE_REOPEN, "reopen", N_("Reopen"),
    S (RESOLVED), JF_STATUS_ACCEPTED,
    CASEWORKERS, CENTRES, reason, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_CLOSE, "close", N_("Close"),
    S (RESOLVED), JF_STATUS_CLOSED,
    CASEWORKERS, CENTRES, no_fields, JF_FACT_FOLLOW_UP_SATISFIED, 0, FALSE },
  { JF_MOVE_WITHDRAW, "withdraw", N_("Withdrawn by the applicant"),
    OPEN, JF_STATUS_WITHDRAWN,
    CASEWORKERS, CENTRES, reason, JF_FACT_NONE, 0, FALSE },
  { JF_MOVE_ESCALATE, "escalate", N_("Escalate to the level above"),
    S (REGISTERED) | S (ACCEPTED) | S (IN_MEDIATION), JF_STATUS_SAME,
    CASEWORKERS | R (GRID_LEADER), JF_ALL_LEVELS & ~L (CITY),
    reason, JF_FACT_HAS_PARENT_UNIT, 0, TRUE },
  { JF_MOVE_HAND_DOWN, "hand_down", N_("Hand down to the level below"),
    S (REGISTERED) | S (ACCEPTED), JF_STATUS_SAME,
    CASEWORKERS, CENTRES, hand_down, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_ASSIGN, "assign", N_("Assign"),
    OPEN | S (RESOLVED), JF_STATUS_SAME,
    R (SUPERVISOR) | R (RECEPTION) | R (MEDIATOR), CENTRES, assignee, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_EDIT, "edit", N_("Edit"),
    OPEN | S (RESOLVED), JF_STATUS_SAME,
    CASEWORKERS | R (GRID_LEADER), JF_ALL_LEVELS, no_fields, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_FOLLOW_UP, "follow_up", N_("Record the follow-up visit"),
    S (RESOLVED), JF_STATUS_SAME,
    CASEWORKERS, CENTRES, satisfaction, JF_FACT_NONE, 0, TRUE },
  { JF_MOVE_ALERT_POLICE, "alert_police", N_("Alert the police: risk of violence"),
    OPEN, JF_STATUS_SAME,
    CASEWORKERS | R (GRID_LEADER) | R (COURT), JF_ALL_LEVELS, note, JF_FACT_NONE, 0, TRUE },
};

const JfMove *
jf_lifecycle_get_moves (guint *n_moves)
{
  *n_moves = G_N_ELEMENTS (moves);
  return moves;
}

const JfMove *
jf_lifecycle_get_move (JfMoveId id)
{
  g_return_val_if_fail ((guint) id < G_N_ELEMENTS (moves), NULL);
  return &moves[id];
}

const JfMove *
jf_lifecycle_find_by_name (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (moves); i++)
    if (strcmp (moves[i].name, name) == 0)
      return &moves[i];
  return NULL;
}

const JfMove *
jf_lifecycle_find (JfStatus from,
                   JfStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].to == to && (moves[i].from & JF_STATUS_BIT (from)))
      return &moves[i];
  return NULL;
}

const char *
jf_move_label (const JfMove *move)
{
  return g_dgettext (GETTEXT_PACKAGE, move->label);
}

static gboolean
field_is_present (JsonObject *fields,
                  const char *name)
{
  JsonNode *node;

  if (fields == NULL)
    return FALSE;
  node = json_object_get_member (fields, name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      /* A reason of only spaces is no reason. */
      while (g_ascii_isspace (*text))
        text++;
      return *text != '\0';
    }
  /* Numbers (an assignee id) and objects count as given; their reader checks them. */
  return TRUE;
}

static gboolean
check_actor_and_status (const JfMove   *move,
                        const JfActor  *actor,
                        JfStatus        status,
                        JfFacts         facts,
                        gboolean        registering,
                        GError        **error)
{
  if (!registering && !(move->from & JF_STATUS_BIT (status)))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "to",
                    "A matter that is %s cannot be moved by “%s”",
                    jf_status_to_string (status), move->name);
      return FALSE;
    }
  if (!(move->roles & actor->roles))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "None of your roles may “%s” a matter", move->name);
      return FALSE;
    }
  if (!(move->levels & JF_LEVEL_BIT (actor->level)))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "“%s” is not made at the %s level", move->name,
                    jf_level_to_string (actor->level));
      return FALSE;
    }
  if (move->needs_when != 0 && !(move->needs_when & JF_STATUS_BIT (status)))
    return TRUE;
  if ((move->needs & JF_FACT_FOLLOW_UP_SATISFIED) && !(facts & JF_FACT_FOLLOW_UP_SATISFIED))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "A matter is closed only after a follow-up visit that found the "
                    "applicant satisfied or basically satisfied");
      return FALSE;
    }
  if ((move->needs & JF_FACT_WHISTLE_ALL_VERIFIED) && !(facts & JF_FACT_WHISTLE_ALL_VERIFIED))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "Every department of the whistle must be verified first");
      return FALSE;
    }
  if ((move->needs & JF_FACT_HAS_PARENT_UNIT) && !(facts & JF_FACT_HAS_PARENT_UNIT))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL, "There is no level above this centre");
      return FALSE;
    }
  return TRUE;
}

gboolean
jf_lifecycle_check (const JfMove   *move,
                    const JfActor  *actor,
                    JfStatus        status,
                    JfFacts         facts,
                    JsonObject     *fields,
                    GError        **error)
{
  g_return_val_if_fail (move != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!check_actor_and_status (move, actor, status, facts, move->id == JF_MOVE_REGISTER,
                               error))
    return FALSE;
  for (guint i = 0; move->required[i] != NULL; i++)
    if (!field_is_present (fields, move->required[i]))
      {
        g_autofree char *path = g_strconcat ("fields.", move->required[i], NULL);

        jf_set_error (error, JF_ERROR_INVALID, path, "“%s” needs “%s”", move->name,
                      move->required[i]);
        return FALSE;
      }
  return TRUE;
}

GPtrArray *
jf_lifecycle_allowed_moves (const JfActor *actor,
                            JfStatus       status,
                            JfFacts        facts)
{
  GPtrArray *allowed = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      if (moves[i].id == JF_MOVE_REGISTER)
        continue;
      if (check_actor_and_status (&moves[i], actor, status, facts, FALSE, NULL))
        g_ptr_array_add (allowed, (gpointer) &moves[i]);
    }
  return allowed;
}
