/* jfd-engine-private.h: shared by the engine's files (jfd-engine-*.c) */
#pragma once

#include "jf-error.h"
#include "jfd-catalog.h"
#include "jfd-engine.h"
#include "jfd-pq.h"

G_BEGIN_DECLS

struct _JfdEngine
{
  GObject parent_instance;

  JfdPool   *pool;    /* owned */
  JfdShared *shared;  /* unowned: outlives every thread */
  /* jfd_engine_wake_stream: a wake-up is in flight; another is due after it. */
  gboolean   waking;
  gboolean   wake_again;
};

/* Runs @stmt for @task, calling @next (source: the pool, data: @task, transferred). */
void      jfd_engine_query          (JfdEngine           *self,
                                     GTask               *task,
                                     const JfdStatement  *stmt,
                                     const char * const  *params,
                                     GAsyncReadyCallback  next);
/* Finishes a pool query; on failure returns the converted error on @task and NULL. */
PGresult *jfd_engine_query_finish   (GTask               *task,
                                     GAsyncResult        *result);
/* Converts a database error into the domain's (see jfd-engine.c) and returns it on
 * @task. */
void      jfd_engine_return_db_error (GTask              *task,
                                      GError             *error);
/* The single jsonb column of a one-row result, parsed; NULL when there is no row. */
JsonNode *jfd_engine_result_json    (PGresult            *result,
                                     GError             **error);
void      jfd_engine_return_json    (GTask               *task,
                                     JsonNode            *node);
/* Tells every jiefend's live stream that a write which did not notify (jf.intake_quiet)
 * has committed: a NOTIFY sent afterwards, in a transaction of its own (jf.stream_wake).
 * Wake-ups asked for while one is on its way are sent as one, after it. */
void      jfd_engine_wake_stream    (JfdEngine           *self);

/* A matter document's place in the tree, and whether @actor may see it: from its own
 * unit's subtree, or as the liaison of a department it was whistled to. The "scope"
 * member is removed from the document, and "moves" added: the moves @actor may make. */
/* Those who work on a matter at its centre and add to it (files, links to the registry):
 * not administrators, auditors or department liaisons. */
#define JFD_MATTER_WORKERS (JF_ROLE_BIT (JF_ROLE_RECEPTION) | JF_ROLE_BIT (JF_ROLE_MEDIATOR) | \
                            JF_ROLE_BIT (JF_ROLE_GRID_LEADER) | JF_ROLE_BIT (JF_ROLE_COURT) | \
                            JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) | \
                            JF_ROLE_BIT (JF_ROLE_POLICE) | JF_ROLE_BIT (JF_ROLE_SUPERVISOR))

/* How @actor stands to a matter whose "scope" document is @scope: it is in the subtree
 * of their unit (and their roles work on matters), or it was whistled to their
 * department, or neither. */
typedef enum
{
  JFD_RELATION_NONE,
  JFD_RELATION_SUBTREE,
  JFD_RELATION_DEPARTMENT,
} JfdRelation;

JfdRelation jfd_engine_relation     (JfdActor            *actor,
                                     JsonObject          *scope);
gboolean  jfd_engine_admit_matter   (JfdEngine           *self,
                                     JfdActor            *actor,
                                     JsonObject          *matter,
                                     gboolean             for_writing,
                                     GError             **error);
JfStatus  jfd_engine_matter_status  (JsonObject          *matter);
/* 409 "version" unless @record_node (an object with "version") is at @version; the
 * current record goes with the error as its detail. @what names it: "matter". */
gboolean  jfd_engine_check_version  (JsonNode            *record_node,
                                     gint64               version,
                                     const char          *what,
                                     GError             **error);
JfFacts   jfd_engine_matter_facts   (JsonObject          *matter);

G_END_DECLS
