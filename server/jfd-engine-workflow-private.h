/* jfd-engine-workflow-private.h: what the workflow operations share (whistle and report,
 * escalation and hand-down, follow-up visits: jfd-engine-whistles.c,
 * jfd-engine-whistle-targets.c, jfd-engine-transfers.c, jfd-engine-follow-ups.c)
 *
 * Each operation reads what it judges (a matter document, or a whistle target with its
 * matter), judges it here in C, and writes with one SQL function whose jsonb parameter
 * is built in JfdWork.write. The functions of schema/0010-whistles.sql answer in one
 * shape, which jfd_work_write () turns into the document or the JfError.
 */
#pragma once

#include "jfd-engine-private.h"

G_BEGIN_DECLS

typedef struct
{
  JfdActor    *actor;
  JfdCatalog  *catalog;     /* the snapshot this request judges with */
  gint64       id;          /* of the matter, or of the whistle target */
  char        *id_text;
  const char  *what;        /* "matter", "whistle target": says what a 404 misses */
  const char  *answer;      /* member of the write's answer to return; NULL: all of it */
  int          step;        /* the operation's own discriminator */
  JsonObject  *write;       /* owned: the write's parameter, being built */
} JfdWork;

GTask     *jfd_work_task_new        (JfdEngine            *self,
                                     JfdActor             *actor,
                                     gint64                id,
                                     const char           *what,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data,
                                     gpointer              source_tag);
JfdWork   *jfd_work_get             (GTask                *task);

/* Runs @stmt with the work's id as its one parameter. */
void       jfd_work_read            (JfdEngine            *self,
                                     GTask                *task,
                                     const JfdStatement   *stmt,
                                     GAsyncReadyCallback   next);
/* The one jsonb value read; NULL when an error (a 404 for no row) is already returned on
 * @task. */
JsonNode  *jfd_work_read_finish     (GTask                *task,
                                     GAsyncResult         *result);
/* Reads "scope, list" (two jsonb columns, jf.matter_scope first) for the work's matter and
 * returns the list to whoever may read the matter. */
void       jfd_work_list            (JfdEngine            *self,
                                     GTask                *task,
                                     const JfdStatement   *stmt);

/* The matter's place, from a document that still has its "scope". */
void       jfd_work_matter_place    (JsonObject           *matter,
                                     JfdPlace             *place);
/* Whether the actor's scope covers @org_id (a unit of the tree). */
gboolean   jfd_work_covers_org      (JfdWork              *work,
                                     int                   org_id);
/* jf_lifecycle_check () of @move for the work's actor on @matter (as read). */
gboolean   jfd_work_judge           (JfdWork              *work,
                                     JfMoveId              move,
                                     JsonObject           *matter,
                                     JsonObject           *fields,
                                     GError              **error);

/* The actor's members of a write: actor_id, actor_role (the first of the actor's roles in
 * @accepted), actor_org_id. */
void       jfd_work_add_actor       (JfdWork              *work,
                                     JfRoleSet             accepted);
/* Sets @into.@member to {due_at, warn_at, rule_id} of the clock of @rule_stage starting
 * now, from the catalog's rule for the matter's kind and category, or from @fallback
 * (rule_id then absent) when no rule covers it. */
void       jfd_work_add_clock       (JfdWork              *work,
                                     JsonObject           *into,
                                     const char           *member,
                                     const char           *rule_stage,
                                     JsonObject           *matter,
                                     const JfDeadlineRule *fallback);
/* Adds stage, due_at, warn_at and rule_id to @into for @stage's clock, as jf.apply_move
 * takes them, when a rule covers it. */
void       jfd_work_add_stage_clock (JfdWork              *work,
                                     JsonObject           *into,
                                     const char           *stage,
                                     JsonObject           *matter);

/* Adds the clock of @what ("checkin", "action") of a whistle of @urgency ("urgent",
 * "normal") to @into.@what (jfd-engine-whistles.c). */
void       jfd_whistle_add_clock    (JfdWork              *work,
                                     JsonObject           *into,
                                     const char           *what,
                                     const char           *urgency,
                                     JsonObject           *matter);

/* Sends work->write to @stmt. The answer becomes: {missing} 404, {conflict, matter} 409
 * with the matter, {refused[, field]} and {invalid, field} 422; otherwise the answer (or
 * its member work->answer), with any matter document in it admitted for the actor. */
void       jfd_work_write           (JfdEngine            *self,
                                     GTask                *task,
                                     const JfdStatement   *stmt);

G_END_DECLS
