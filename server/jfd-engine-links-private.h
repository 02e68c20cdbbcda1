/* jfd-engine-links-private.h: what the mediation, court and petition links share
 *
 * Every operation of the links (jfd-engine-mediation.c, -agreements.c, -court.c,
 * -petitions.c) has one shape, that of a move (jfd-engine-moves.c): one statement reads the
 * matter and the record concerned; the matter is admitted for the actor; the request is
 * judged against what was read — the lifecycle table for the matter's moves, the link's
 * own rules for the rest — and every due date computed with the holiday calendar; then one
 * SQL function (schema/0011) locks the matter's row and the record's, checks that neither
 * changed since the read (their versions), and writes the record, the timeline event, the
 * clocks and the stream in one transaction. It answers {result}, {missing}, {conflict,
 * current}, {refused|invalid|forbidden: {field, message}}.
 */
#pragma once

#include "jfd-engine-private.h"

G_BEGIN_DECLS

typedef struct _JfdLink JfdLink;

/* Judges the request against what was read and fills link->write, or sets link->answer
 * (a read). */
typedef gboolean (*JfdLinkJudge) (JfdEngine  *self,
                                  JfdLink    *link,
                                  GError    **error);

struct _JfdLink
{
  JfdActor           *actor;        /* owned */
  JfdCatalog         *catalog;      /* owned: one snapshot for the whole request */
  gint64              id;           /* the id in the path */
  char               *id_text;
  JsonObject         *body;         /* owned reference; NULL for reads */
  const char         *missing;      /* "No such agreement": a read that finds no row */

  /* After the read: */
  PGresult           *row;          /* owned: the read, for columns beyond the first two */
  JsonNode           *matter_node;  /* owned: column 0, admitted ("scope" removed) */
  JsonObject         *matter;       /* borrowed from matter_node */
  JsonNode           *record_node;  /* owned: column 1, or NULL */
  JsonObject         *record;       /* borrowed from record_node when it is an object */

  gboolean            for_writing;
  JfdLinkJudge        judge;
  const JfdStatement *write_stmt;   /* NULL: a read, answered with link->answer */
  JsonObject         *write;        /* owned: the write's parameter, built by the judge */
  JsonNode           *answer;       /* owned: a read's answer; column 1 when left NULL */

  gpointer            data;         /* the operation's own, freed with data_free */
  GDestroyNotify      data_free;
};

/* The roles that run a centre's mediation: sessions, agreements, signatures. */
#define JFD_LINK_MEDIATION_ROLES (JF_ROLE_BIT (JF_ROLE_MEDIATOR) | \
                                  JF_ROLE_BIT (JF_ROLE_RECEPTION) | \
                                  JF_ROLE_BIT (JF_ROLE_SUPERVISOR) | \
                                  JF_ROLE_BIT (JF_ROLE_COURT))

GTask      *jfd_link_task_new       (JfdEngine           *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     const char          *missing,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data,
                                     gpointer             source_tag);
JfdLink    *jfd_link_get            (GTask               *task);
/* Reads with @read (its parameters: @params, or the path's id when NULL), admits the
 * matter (@for_writing: within the actor's subtree), calls @judge (may be NULL for a read
 * that answers column 1), then writes with @write unless it is NULL. Takes @task. */
void        jfd_link_run            (JfdEngine           *self,
                                     GTask               *task,
                                     const JfdStatement  *read,
                                     const char * const  *params,
                                     gboolean             for_writing,
                                     JfdLinkJudge         judge,
                                     const JfdStatement  *write);

/* Refuses (403) an actor with none of @roles: "Only ... may @what". */
gboolean    jfd_link_require_roles  (JfdLink             *link,
                                     JfRoleSet            roles,
                                     const char          *what,
                                     GError             **error);
/* Who acts: actor_id, actor_role (the first of @roles the actor has), actor_org_id. */
void        jfd_link_add_actor      (JfdLink             *link,
                                     JfRoleSet            roles);
/* Judges @move (common/jf-lifecycle.c) on the matter as read, for the actor, with
 * @fields (the lifecycle's names; @renames maps them to the body's members in pairs,
 * { "referral_to", "target", NULL }). */
gboolean    jfd_link_check_move     (JfdLink             *link,
                                     JfMoveId             move,
                                     JsonObject          *fields,
                                     const char * const  *renames,
                                     GError             **error);
/* The same, and adds to the write "move": the parameter of jf.apply_move, with the clock
 * of the status entered (unless @stage_clock is FALSE) and the follow-up of a resolved
 * matter, as /transitions makes the move. */
gboolean    jfd_link_add_move       (JfdLink             *link,
                                     JfMoveId             move,
                                     JsonObject          *fields,
                                     const char * const  *renames,
                                     gboolean             stage_clock,
                                     GError             **error);
/* Whether the matter's status is one of @statuses; otherwise a refusal naming @what. */
gboolean    jfd_link_require_status (JfdLink             *link,
                                     JfStatusSet          statuses,
                                     const char          *what,
                                     GError             **error);
/* The matter's version as read, which the write checks (its status was judged). */
void        jfd_link_pin_matter     (JfdLink             *link);

/* Today in China Standard Time. */
void        jfd_link_today          (GDate               *out_day);
/* A date member that is not in the future nor before @not_before (may be NULL, then
 * @after names it: "the application"). */
gboolean    jfd_link_read_day       (JsonObject          *body,
                                     const char          *member,
                                     JfJsonFlags          flags,
                                     const GDate         *not_before,
                                     const char          *after,
                                     GDate               *out_day,
                                     GError             **error);
/* A date of a read document ("2026-02-13"); FALSE when absent or null. */
gboolean    jfd_link_record_day     (JsonObject          *record,
                                     const char          *member,
                                     GDate               *out_day);
/* The last day of @stage's period starting on @start_day (NULL: today), by the catalog's
 * rule for the matter's kind and category; no clock is started. */
gboolean    jfd_link_due_day        (JfdLink             *link,
                                     const char          *stage,
                                     const GDate         *start_day,
                                     GDate               *out_due,
                                     GError             **error);
/* The clock of @stage (the catalog's rule for the matter's kind and category) starting on
 * @start_day (NULL: now), added to the write's clocks.start; its last day in @out_due. A
 * stage without a rule is refused: an administrator has to restore it. */
gboolean    jfd_link_start_clock    (JfdLink             *link,
                                     const char          *stage,
                                     const GDate         *start_day,
                                     GDate               *out_due,
                                     GError             **error);
/* A clock that no rule sets: it runs until the end of @due_day (a date the parties agreed). */
void        jfd_link_start_clock_until (JfdLink          *link,
                                     const char          *stage,
                                     const GDate         *due_day);
/* Stops @stage's clock (clocks.stop), or moves it to the end of @due_day (clocks.move). */
void        jfd_link_stop_clock     (JfdLink             *link,
                                     const char          *stage);
void        jfd_link_move_clock     (JfdLink             *link,
                                     const char          *stage,
                                     const GDate         *due_day);
/* @day moved @days natural days on, then to the first working day if it falls on a
 * holiday (法定节假日顺延), as extensions are counted. */
void        jfd_link_add_days       (JfdLink             *link,
                                     GDate               *day,
                                     guint                days);
/* The last instant of @day, in China Standard Time, as RFC 3339. */
char       *jfd_link_day_end_string (const GDate         *day);

void        jfd_link_set_day        (JsonObject          *object,
                                     const char          *member,
                                     const GDate         *day);

G_END_DECLS
