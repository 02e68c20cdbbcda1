/* jfd-engine.h: what jiefend does, with no knowledge of HTTP
 *
 * One engine per server thread (it drives that thread's pool). Operations take the actor,
 * parsed and validated inputs and a GCancellable, and produce a JSON document of the
 * domain or a JfError: the HTTP layer only translates. Every operation that returns a
 * document finishes with jfd_engine_finish ().
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jf-intake.h"
#include "jfd-actor.h"
#include "jfd-pool.h"
#include "jfd-shared.h"

G_BEGIN_DECLS

#define JFD_TYPE_ENGINE (jfd_engine_get_type ())
G_DECLARE_FINAL_TYPE (JfdEngine, jfd_engine, JFD, ENGINE, GObject)

JfdEngine *jfd_engine_new           (JfdPool             *pool,
                                     JfdShared           *shared);
JfdPool   *jfd_engine_get_pool      (JfdEngine           *self);
JfdShared *jfd_engine_get_shared    (JfdEngine           *self);
JsonNode  *jfd_engine_finish        (JfdEngine           *self,
                                     GAsyncResult        *result,
                                     GError             **error);

/* Sessions (jfd-engine-sessions.c) */
void       jfd_engine_sign_in_async (JfdEngine           *self,
                                     JsonObject          *body,
                                     const char          *client_address,
                                     const char          *user_agent,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void       jfd_engine_sign_out_async (JfdEngine          *self,
                                     JfdActor            *actor,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
JsonNode  *jfd_engine_describe_actor (JfdEngine          *self,
                                      JfdActor           *actor);

/* Matters (jfd-engine-matters.c, jfd-engine-queue.c) */
void       jfd_engine_intake_async  (JfdEngine           *self,
                                     JfdActor            *actor,
                                     JsonObject          *body,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The matter registered, or for a retried Idempotency-Key the one registered first
 * (*@out_replayed): its document as JSON text, and its id. */
GBytes    *jfd_engine_intake_finish (JfdEngine           *self,
                                     GAsyncResult        *result,
                                     gint64              *out_id,
                                     gboolean            *out_replayed,
                                     GError             **error);
/* @reveal: decrypt ID and phone numbers (if the actor's roles may), recorded on the
 * matter's timeline. */
void       jfd_engine_get_matter_async (JfdEngine        *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     gboolean             reveal,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void       jfd_engine_move_async    (JfdEngine           *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void       jfd_engine_edit_matter_async (JfdEngine       *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void       jfd_engine_list_events_async (JfdEngine       *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* @query: the request's query parameters (name → value), already checked for names. */
void       jfd_engine_list_matters_async (JfdEngine      *self,
                                     JfdActor            *actor,
                                     GHashTable          *query,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* The queue answers with a JSON text the database built: no parsing in between. */
GBytes    *jfd_engine_list_matters_finish (JfdEngine     *self,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS

G_BEGIN_DECLS
/* System (jfd-engine-system.c): whether the database answers, and matters by status. */
void       jfd_engine_health_async  (JfdEngine           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void       jfd_engine_counts_async  (JfdEngine           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
G_END_DECLS

G_BEGIN_DECLS
/* Accounts (jfd-engine-accounts.c). Listing: anyone, within their subtree (to pick an
 * assignee); changes: administrators, within theirs. */
void       jfd_engine_list_accounts_async   (JfdEngine           *self,
                                             JfdActor            *actor,
                                             const char          *org,
                                             const char          *role,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void       jfd_engine_get_account_async     (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void       jfd_engine_create_account_async  (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JsonObject          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* PATCH (@password_only FALSE) or a password reset (TRUE: the body is {"password"}). */
void       jfd_engine_update_account_async  (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               id,
                                             JsonObject          *body,
                                             gboolean             password_only,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
G_END_DECLS

G_BEGIN_DECLS
/* Attachments (jfd-engine-attachments.c) */
void       jfd_engine_add_attachment_async  (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               matter_id,
                                             const char          *filename,
                                             const char          *claimed_type,
                                             GBytes              *content,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void       jfd_engine_list_attachments_async (JfdEngine          *self,
                                             JfdActor            *actor,
                                             gint64               matter_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The file: finish with jfd_engine_attachment_finish (). */
void       jfd_engine_get_attachment_async  (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes    *jfd_engine_attachment_finish     (JfdEngine           *self,
                                             GAsyncResult        *result,
                                             char               **out_media_type,
                                             char               **out_filename,
                                             GError             **error);
G_END_DECLS

G_BEGIN_DECLS
/* The mediation, court and petition links (DOMAIN.md §4): jfd-engine-mediation.c,
 * -agreements.c, -court.c and -petitions.c over jfd-engine-links.c. Each takes the id in
 * the path (a matter's, or the record's) and the request's body, checked member by member,
 * and answers the record's document with jfd_engine_finish (). */
typedef void (*JfdEngineLinkFunc) (JfdEngine           *self,
                                   JfdActor            *actor,
                                   gint64               id,
                                   JsonObject          *body,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);

/* Mediation: POST /v1/matters/{id}/mediation-sessions, PATCH /v1/mediation-sessions/{id},
 * GET /v1/matters/{id}/mediation-sessions (body NULL), POST /v1/matters/{id}/police-alert */
void       jfd_engine_schedule_mediation_async   (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_record_mediation_async     (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_list_mediation_sessions_async (JfdEngine *self, JfdActor *actor,
                                                  gint64 id, JsonObject *body,
                                                  GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_alert_police_async         (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);

/* Agreements: POST /v1/matters/{id}/agreements, GET /v1/matters/{id}/agreements,
 * GET /v1/agreements/{id}, POST /v1/agreements/{id}/signatures,
 * PATCH /v1/agreements/{id}/performance */
void       jfd_engine_draft_agreement_async      (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_list_agreements_async      (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_get_agreement_async        (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_sign_agreement_async       (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_record_performance_async   (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
/* GET /v1/agreements/{id}/pdf: rendered on a worker thread; finish with
 * jfd_engine_agreement_pdf_finish (), which gives the file's name too. */
void       jfd_engine_agreement_pdf_async        (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
GBytes    *jfd_engine_agreement_pdf_finish       (JfdEngine           *self,
                                                  GAsyncResult        *result,
                                                  char               **out_filename,
                                                  GError             **error);

/* The court link: POST /v1/matters/{id}/referrals, GET /v1/matters/{id}/referrals,
 * PATCH /v1/referrals/{id}, POST /v1/referrals/{id}/extension,
 * POST /v1/agreements/{id}/judicial-confirmation, PATCH /v1/judicial-confirmations/{id} */
void       jfd_engine_refer_async                (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_list_referrals_async       (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_close_referral_async       (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_extend_referral_async      (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_apply_confirmation_async   (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_update_confirmation_async  (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);

/* The petition link: POST and GET /v1/matters/{id}/petition, then the steps on
 * /v1/petitions/{id}/... */
typedef enum
{
  JFD_PETITION_DECISION,
  JFD_PETITION_EXTENSION,
  JFD_PETITION_REPLY,
  JFD_PETITION_REVIEW_REQUEST,
  JFD_PETITION_REVIEW,
  JFD_PETITION_REREVIEW,
} JfdPetitionStep;

void       jfd_engine_open_petition_async        (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_get_petition_async         (JfdEngine *self, JfdActor *actor, gint64 id,
                                                  JsonObject *body, GCancellable *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer user_data);
void       jfd_engine_petition_step_async        (JfdEngine           *self,
                                                  JfdActor            *actor,
                                                  gint64               id,
                                                  JfdPetitionStep      step,
                                                  JsonObject          *body,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
G_END_DECLS

G_BEGIN_DECLS
/* Whistle and report, 吹哨报到 (jfd-engine-whistles.c, jfd-engine-whistle-targets.c).
 * Blowing it answers {whistle, matter}; a step on a department's target answers the
 * target, with its whistle and matter; the inbox {items, next}. */
void       jfd_engine_whistle_async          (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               matter_id,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void       jfd_engine_list_whistles_async    (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               matter_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

typedef enum
{
  JFD_WHISTLE_STEP_CHECK_IN,   /* the department's liaison: 报到 */
  JFD_WHISTLE_STEP_FEEDBACK,   /* the liaison, after checking in */
  JFD_WHISTLE_STEP_EXTENSION,  /* the liaison, once, before the action time runs out */
  JFD_WHISTLE_STEP_VERIFY,     /* the whistling centre's caseworkers */
  JFD_WHISTLE_STEP_SEND_BACK,  /* the same: more work, back to checked_in */
} JfdWhistleStep;

void       jfd_engine_whistle_step_async     (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               target_id,
                                              JfdWhistleStep       step,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* @query: status, after, limit (names already checked). */
void       jfd_engine_inbox_async            (JfdEngine           *self,
                                              JfdActor            *actor,
                                              GHashTable          *query,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

/* Escalation and hand-down (jfd-engine-transfers.c): answer the matter. */
void       jfd_engine_escalate_async         (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               id,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void       jfd_engine_hand_down_async        (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               id,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

/* Follow-up visits (jfd-engine-follow-ups.c): recording answers {follow_up, matter}. */
void       jfd_engine_follow_up_async        (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               matter_id,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void       jfd_engine_list_follow_ups_async  (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               matter_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
G_END_DECLS

G_BEGIN_DECLS
/* Clocks (jfd-engine-deadlines.c) */
void       jfd_engine_list_deadlines_async   (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               matter_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Pauses (@resume FALSE: body {reason, note}) or resumes ({note}) a clock. */
void       jfd_engine_pause_deadline_async   (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               deadline_id,
                                              JsonObject          *body,
                                              gboolean             resume,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Reference data (jfd-engine-reference.c); changes by administrators only. */
void       jfd_engine_list_rules_async       (JfdEngine           *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* @id 0 creates a rule. */
void       jfd_engine_set_rule_async         (JfdEngine           *self,
                                              JfdActor            *actor,
                                              gint64               id,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void       jfd_engine_list_calendar_async    (JfdEngine           *self,
                                              const char          *year,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* @body NULL removes the day's entry. */
void       jfd_engine_set_calendar_day_async (JfdEngine           *self,
                                              JfdActor            *actor,
                                              const char          *day,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* @slug NULL creates a category. */
void       jfd_engine_set_category_async     (JfdEngine           *self,
                                              JfdActor            *actor,
                                              const char          *slug,
                                              JsonObject          *body,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
G_END_DECLS
