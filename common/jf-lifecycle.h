/* jf-lifecycle.h: the lifecycle of a matter as one table of moves (DOMAIN.md §2)
 *
 * The server enforces it and the client shows exactly the moves it allows, from this one
 * table. A move either changes the status (to != JF_STATUS_SAME) or acts on the matter
 * without changing it (escalation, hand-down, assignment, follow-up, police alert).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "jf-enums.h"

G_BEGIN_DECLS

typedef enum
{
  JF_MOVE_REGISTER,
  JF_MOVE_ACCEPT,
  JF_MOVE_NOT_ACCEPT,
  JF_MOVE_RESOLVE_ON_SPOT,
  JF_MOVE_START_MEDIATION,
  JF_MOVE_END_MEDIATION,
  JF_MOVE_WHISTLE,
  JF_MOVE_RECALL_WHISTLE,
  JF_MOVE_REFER,
  JF_MOVE_RETURN_REFERRAL,
  JF_MOVE_RESOLVE,
  JF_MOVE_REOPEN,
  JF_MOVE_CLOSE,
  JF_MOVE_WITHDRAW,
  JF_MOVE_ESCALATE,
  JF_MOVE_HAND_DOWN,
  JF_MOVE_ASSIGN,
  JF_MOVE_EDIT,
  JF_MOVE_FOLLOW_UP,
  JF_MOVE_ALERT_POLICE,
  JF_N_MOVES
} JfMoveId;

/* Facts about a matter, beyond its status, that some moves depend on. The server fills
 * them from the database; the client from the matter's JSON ("facts"). */
typedef enum
{
  JF_FACT_NONE = 0,
  JF_FACT_FOLLOW_UP_SATISFIED = 1 << 0,  /* a follow-up rated (basically) satisfied */
  JF_FACT_WHISTLE_ALL_VERIFIED = 1 << 1, /* every target of the open whistle verified */
  JF_FACT_HAS_PARENT_UNIT = 1 << 2,      /* the owning unit has a level above */
} JfFacts;

#define JF_STATUS_SAME JF_N_STATUSES

typedef struct
{
  JfMoveId            id;
  const char         *name;          /* API spelling: "accept", "not_accept", ... */
  const char         *label;         /* English msgid, see jf_move_label () */
  JfStatusSet         from;          /* statuses it may start from; 0 for register */
  JfStatus            to;            /* JF_STATUS_SAME when the status does not change */
  JfRoleSet           roles;         /* any one of these roles may make it */
  JfLevelSet          levels;        /* at a home unit of one of these levels */
  const char * const *required;      /* fields that must be non-empty strings */
  JfFacts             needs;         /* facts that must hold... */
  JfStatusSet         needs_when;    /* ...when the matter is in one of these (0: always) */
  gboolean            via_workflow;  /* made by its own endpoint, not by /transitions */
} JfMove;

/* The person attempting a move: their roles and the level of their home unit. */
typedef struct
{
  JfRoleSet roles;
  JfLevel   level;
} JfActor;

const JfMove *jf_lifecycle_get_moves     (guint      *n_moves);
const JfMove *jf_lifecycle_get_move      (JfMoveId    id);
const JfMove *jf_lifecycle_find_by_name  (const char *name);
/* The move that takes a matter from @from to @to, if the table has one. */
const JfMove *jf_lifecycle_find          (JfStatus    from,
                                          JfStatus    to);

/* May @actor make @move on a matter in @status with @facts, supplying @fields (may be
 * NULL)? On refusal, @error says why: JF_ERROR_REFUSED (not from this status, or a fact
 * missing), JF_ERROR_FORBIDDEN (role or level), JF_ERROR_INVALID (a required field, with
 * the field's path "fields.NAME"). */
gboolean      jf_lifecycle_check         (const JfMove   *move,
                                          const JfActor  *actor,
                                          JfStatus        status,
                                          JfFacts         facts,
                                          JsonObject     *fields,
                                          GError        **error);

/* The moves @actor may make now, ignoring required fields (which the UI asks for):
 * a newly allocated array of const JfMove *, in table order. */
GPtrArray    *jf_lifecycle_allowed_moves (const JfActor  *actor,
                                          JfStatus        status,
                                          JfFacts         facts);

const char   *jf_move_label              (const JfMove   *move);

G_END_DECLS
