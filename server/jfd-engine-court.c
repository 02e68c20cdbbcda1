/* jfd-engine-court.c: referrals and the court link (诉调对接, DOMAIN.md §4)
 *
 * A referral is the lifecycle's "refer" move (accepted or in mediation → referred) with
 * its record: to a court, the petition bureau, labour arbitration or the police. A court
 * referral is pre-litigation mediation (诉前调解): a 30-day clock, extended only with both
 * parties' consent. Its outcome moves the matter as the lifecycle says: a lawsuit filed
 * resolves it at the court's level (the county) with the outcome 立案 and counts as gone
 * to court (jf.matters_to_court, for the no-litigation index); returned takes the referral
 * back (→ accepted); withdrawn by the applicant withdraws the matter; settled or judicially
 * confirmed leave it referred, to be resolved.
 *
 * Judicial confirmation (司法确认) of a sealed agreement: applied for jointly within 30
 * days of its taking effect (《人民调解法》第三十三条); the court decides on accepting the
 * application within 3 days and on confirming it within 15 days of accepting, 10 more with
 * approval. Late steps are recorded and flagged, not refused: the court still has to act.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-links-private.h"

static const JfdStatement refer_read_stmt = {
  "court_refer_read",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT jf.referral_json(r.id) FROM jf.referrals r "
  "        WHERE r.matter_id = $1::bigint AND r.status = 'open' ORDER BY r.id LIMIT 1)::text",
  1,
};

static const JfdStatement refer_stmt = {
  "court_refer", "SELECT jf.create_referral($1::jsonb)::text", 1,
};

static const JfdStatement referrals_stmt = {
  "court_referrals",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT coalesce(jsonb_agg(jf.referral_json(r.id) ORDER BY r.id), '[]') "
  "        FROM jf.referrals r WHERE r.matter_id = $1::bigint)::text",
  1,
};

static const JfdStatement referral_stmt = {
  "court_referral",
  "SELECT jf.matter_json(r.matter_id)::text, jf.referral_json(r.id)::text "
  "FROM jf.referrals r WHERE r.id = $1::bigint",
  1,
};

static const JfdStatement advance_referral_stmt = {
  "court_advance_referral", "SELECT jf.advance_referral($1::jsonb)::text", 1,
};

static const JfdStatement agreement_stmt = {
  "court_agreement",
  "SELECT jf.matter_json(a.matter_id)::text, jf.agreement_json(a.id)::text "
  "FROM jf.agreements a WHERE a.id = $1::bigint",
  1,
};

static const JfdStatement apply_stmt = {
  "court_apply_confirmation", "SELECT jf.apply_judicial_confirmation($1::jsonb)::text", 1,
};

static const JfdStatement confirmation_stmt = {
  "court_confirmation",
  "SELECT jf.matter_json(a.matter_id)::text, jf.judicial_confirmation_json(j.id)::text "
  "FROM jf.judicial_confirmations j JOIN jf.agreements a ON a.id = j.agreement_id "
  "WHERE j.id = $1::bigint",
  1,
};

static const JfdStatement advance_confirmation_stmt = {
  "court_advance_confirmation", "SELECT jf.advance_judicial_confirmation($1::jsonb)::text", 1,
};

static const char * const referral_kinds[] = { "court", "petition", "arbitration", "police",
                                               NULL };
static const char * const referral_outcomes[] = { "settled", "judicially_confirmed",
                                                  "filed_lawsuit", "withdrawn", "returned",
                                                  NULL };
static const char * const decisions[] = { "confirmed", "refused", "not_accepted", NULL };
static const char * const refer_renames[] = { "referral_to", "target", NULL };
static const char * const outcome_renames[] = { "reason", "note", NULL };

#define PRELITIGATION       "prelitigation_mediation"
#define CONFIRM_APPLY       "judicial_confirmation_apply"
#define CONFIRM_ACCEPT      "judicial_confirmation_accept"
#define CONFIRM_DECIDE      "judicial_confirmation_decide"
/* Days the decision may be extended by, with the court president's approval. */
#define CONFIRM_EXTENSION   10
#define MAX_EXTENSION_DAYS  30
/* What a lawsuit filed records as the matter's outcome. */
#define LAWSUIT_OUTCOME     "立案"

#define REFERRAL_ROLES (jf_lifecycle_get_move (JF_MOVE_REFER)->roles)
#define COURT_ROLES    JF_ROLE_BIT (JF_ROLE_COURT)

static gboolean
same_version (JfdLink     *link,
              JsonNode    *detail,
              const char  *what,
              GError     **error)
{
  return !json_object_has_member (link->write, "version") ||
         jfd_engine_check_version (detail, json_object_get_int_member (link->write, "version"),
                                   what, error);
}

static const char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* ---- Referrals ---- */

static gboolean
refer_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  GDate due;

  if (!same_version (link, link->matter_node, "matter", error))
    return FALSE;
  if (link->record != NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "The referral to %s (no. %" G_GINT64_FORMAT ") is still open: record its "
                    "outcome first", text_member (link->record, "target"),
                    json_object_get_int_member (link->record, "id"));
      return FALSE;
    }
  json_object_set_string_member (fields, "referral_to", text_member (link->write, "target"));
  json_object_set_string_member (fields, "reason", text_member (link->write, "reason"));
  json_object_set_string_member (fields, "kind", text_member (link->write, "kind"));
  if (!jfd_link_add_move (link, JF_MOVE_REFER, fields, refer_renames, TRUE, error))
    return FALSE;
  json_object_remove_member (link->write, "version");
  /* A court referral is pre-litigation mediation, on its own clock. */
  if (g_str_equal (text_member (link->write, "kind"), "court") &&
      !jfd_link_start_clock (link, PRELITIGATION, NULL, &due, error))
    return FALSE;
  json_object_set_int_member (link->write, "matter_id", link->id);
  jfd_link_add_actor (link, REFERRAL_ROLES);
  return TRUE;
}

void
jfd_engine_refer_async (JfdEngine           *self,
                        JfdActor            *actor,
                        gint64               id,
                        JsonObject          *body,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  static const char * const members[] = { "version", "kind", "target", "reason", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_refer_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *target = NULL, *reason = NULL;
  gint64 version = 0;
  guint kind = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_enum (body, NULL, "kind", JF_JSON_REQUIRED, referral_kinds, &kind, &error) ||
      !jf_json_read_string (body, NULL, "target", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1, 100,
                            &target, &error) ||
      !jf_json_read_string (body, NULL, "reason", JF_JSON_REQUIRED, 1, 2000, &reason, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (link->write, "version", version);
  json_object_set_string_member (link->write, "kind", referral_kinds[kind]);
  json_object_set_string_member (link->write, "target", target);
  json_object_set_string_member (link->write, "reason", reason);
  jfd_link_run (self, g_steal_pointer (&task), &refer_read_stmt, NULL, TRUE, refer_judge,
                &refer_stmt);
}

void
jfd_engine_list_referrals_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               id,
                                 JsonObject          *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_list_referrals_async);

  jfd_link_run (self, task, &referrals_stmt, NULL, FALSE, NULL, NULL);
}

static gboolean
referral_open (JfdLink     *link,
               GError     **error)
{
  const char *status = text_member (link->record, "status");

  if (g_strcmp0 (status, "open") == 0)
    return TRUE;
  jf_set_error (error, JF_ERROR_REFUSED, NULL, "This referral is closed already (%s)", status);
  return FALSE;
}

static gboolean
close_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  JsonObject *set = json_object_get_object_member (link->write, "set");
  const char *outcome = text_member (set, "status");
  const char *note = text_member (set, "note");
  gboolean court = g_strcmp0 (text_member (link->record, "kind"), "court") == 0;
  JfStatus status = jfd_engine_matter_status (link->matter);
  g_autoptr(JsonObject) fields = json_object_new ();

  if (!jfd_link_require_roles (link, REFERRAL_ROLES, "record a referral's outcome", error) ||
      !same_version (link, link->record_node, "referral", error) ||
      !referral_open (link, error))
    return FALSE;
  if (!court && (g_str_equal (outcome, "filed_lawsuit") ||
                 g_str_equal (outcome, "judicially_confirmed")))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "outcome",
                    "Only a referral to a court ends with “%s”; this one went to %s", outcome,
                    text_member (link->record, "kind"));
      return FALSE;
    }
  json_object_set_string_member (fields, "reason", note != NULL ? note : "");
  if (g_str_equal (outcome, "filed_lawsuit"))
    {
      json_object_set_string_member (fields, "outcome", LAWSUIT_OUTCOME);
      if (!jfd_link_add_move (link, JF_MOVE_RESOLVE, fields, NULL, FALSE, error))
        return FALSE;
      json_object_set_boolean_member (link->write, "court_level", TRUE);
    }
  else if (g_str_equal (outcome, "returned") && status == JF_STATUS_REFERRED)
    {
      if (!jfd_link_add_move (link, JF_MOVE_RETURN_REFERRAL, fields, outcome_renames, TRUE,
                              error))
        return FALSE;
    }
  else if (g_str_equal (outcome, "withdrawn"))
    {
      if (!jfd_link_add_move (link, JF_MOVE_WITHDRAW, fields, outcome_renames, FALSE, error))
        return FALSE;
    }
  else if (g_str_equal (outcome, "returned") && note == NULL)
    {
      /* Taken back on /transitions already: only the record is closed, with why. */
      jf_set_error (error, JF_ERROR_INVALID, "note", "Say why the referral was returned");
      return FALSE;
    }
  json_object_set_int_member (link->write, "referral_id", link->id);
  json_object_set_string_member (link->write, "step", "closed");
  if (court)
    jfd_link_stop_clock (link, PRELITIGATION);
  jfd_link_add_actor (link, REFERRAL_ROLES);
  return TRUE;
}

void
jfd_engine_close_referral_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               id,
                                 JsonObject          *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const members[] = { "version", "outcome", "note", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such referral",
                                             cancellable, callback, user_data,
                                             jfd_engine_close_referral_async);
  JfdLink *link = jfd_link_get (task);
  JsonObject *set = json_object_new ();
  g_autofree char *note = NULL;
  gint64 version = 0;
  guint outcome = 0;
  GError *error = NULL;

  json_object_set_object_member (link->write, "set", set);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_enum (body, NULL, "outcome", JF_JSON_REQUIRED, referral_outcomes, &outcome,
                          &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &note, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (link->write, "version", version);
  json_object_set_string_member (set, "status", referral_outcomes[outcome]);
  if (note != NULL)
    json_object_set_string_member (set, "note", note);
  jfd_link_run (self, g_steal_pointer (&task), &referral_stmt, NULL, TRUE, close_judge,
                &advance_referral_stmt);
}

static gboolean
extend_judge (JfdEngine  *self,
              JfdLink    *link,
              GError    **error)
{
  JsonObject *set = json_object_get_object_member (link->write, "set");
  g_autoptr(GDateTime) due_at = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *due_text = NULL;
  GDate due;

  if (!jfd_link_require_roles (link, REFERRAL_ROLES, "extend pre-litigation mediation",
                               error) ||
      !same_version (link, link->record_node, "referral", error) ||
      !referral_open (link, error))
    return FALSE;
  if (g_strcmp0 (text_member (link->record, "kind"), "court") != 0 ||
      text_member (link->record, "due_at") == NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "Only pre-litigation mediation (a referral to a court) has a period to "
                    "extend");
      return FALSE;
    }
  due_at = g_date_time_new_from_iso8601 (text_member (link->record, "due_at"), NULL);
  local = g_date_time_to_timezone (due_at, jf_calendar_time_zone ());
  g_date_clear (&due, 1);
  g_date_set_dmy (&due, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  jfd_link_add_days (link, &due, json_object_get_int_member (set, "days"));
  due_text = jfd_link_day_end_string (&due);
  json_object_set_string_member (set, "due_at", due_text);
  jfd_link_move_clock (link, PRELITIGATION, &due);
  json_object_set_int_member (link->write, "referral_id", link->id);
  json_object_set_int_member (link->write, "version",
                              json_object_get_int_member (link->record, "version"));
  json_object_set_string_member (link->write, "step", "extended");
  jfd_link_add_actor (link, REFERRAL_ROLES);
  return TRUE;
}

/* Both parties' consent, or a refusal that names whose is missing. */
static gboolean
read_consent (JsonObject  *body,
              JsonObject  *out,
              GError     **error)
{
  static const char * const members[] = { "applicant", "respondent", NULL };
  JsonObject *consent = NULL;
  gboolean applicant = FALSE, respondent = FALSE;

  if (!jf_json_read_object (body, NULL, "consent", JF_JSON_OPTIONAL, &consent, error) ||
      (consent != NULL &&
       (!jf_json_check_members (consent, "consent", members, error) ||
        !jf_json_read_boolean (consent, "consent", "applicant", JF_JSON_OPTIONAL, &applicant,
                               error) ||
        !jf_json_read_boolean (consent, "consent", "respondent", JF_JSON_OPTIONAL, &respondent,
                               error))))
    return FALSE;
  if (!applicant || !respondent)
    {
      jf_set_error (error, JF_ERROR_REFUSED, !applicant ? "consent.applicant"
                                                        : "consent.respondent",
                    "Pre-litigation mediation is extended only with both parties' consent: "
                    "%s missing",
                    !applicant && !respondent ? "the applicant's and the respondent's are"
                    : !applicant ? "the applicant's is" : "the respondent's is");
      return FALSE;
    }
  json_object_set_boolean_member (out, "applicant", TRUE);
  json_object_set_boolean_member (out, "respondent", TRUE);
  return TRUE;
}

void
jfd_engine_extend_referral_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               id,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  static const char * const members[] = { "version", "days", "consent", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such referral",
                                             cancellable, callback, user_data,
                                             jfd_engine_extend_referral_async);
  JfdLink *link = jfd_link_get (task);
  JsonObject *set = json_object_new ();
  JsonObject *consent = json_object_new ();
  gint64 version = 0, days = 0;
  GError *error = NULL;

  json_object_set_object_member (link->write, "set", set);
  json_object_set_object_member (set, "consent", consent);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_OPTIONAL, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_int (body, NULL, "days", JF_JSON_REQUIRED, 1, MAX_EXTENSION_DAYS, &days,
                         &error) ||
      !read_consent (body, consent, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (version > 0)
    json_object_set_int_member (link->write, "version", version);
  json_object_set_int_member (set, "days", days);
  jfd_link_run (self, g_steal_pointer (&task), &referral_stmt, NULL, TRUE, extend_judge,
                &advance_referral_stmt);
}

/* ---- Judicial confirmation ---- */

static gboolean
apply_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  GDate effective, applied, last, accept_due;
  char effective_text[16], last_text[16], applied_text[16];
  JsonNode *existing = json_object_get_member (link->record, "judicial_confirmation");

  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES | COURT_ROLES,
                               "register an application for judicial confirmation", error))
    return FALSE;
  if (existing != NULL && !JSON_NODE_HOLDS_NULL (existing))
    {
      jf_set_error (error, JF_ERROR_CONFLICT, NULL,
                    "Judicial confirmation of this agreement was applied for already");
      jf_error_set_detail (*error, link->record_node);
      return FALSE;
    }
  if (!jfd_link_record_day (link->record, "effective_on", &effective))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "Only an agreement in effect (signed by every party and the mediator, and "
                    "sealed) can be confirmed by a court");
      return FALSE;
    }
  jfd_link_record_day (link->write, "applied_on", &applied);
  g_date_strftime (effective_text, sizeof effective_text, "%Y-%m-%d", &effective);
  if (g_date_compare (&applied, &effective) < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "applied_on",
                    "The agreement took effect on %s; an application cannot be earlier",
                    effective_text);
      return FALSE;
    }
  if (!jfd_link_due_day (link, CONFIRM_APPLY, &effective, &last, error))
    return FALSE;
  if (g_date_compare (&applied, &last) > 0)
    {
      g_date_strftime (last_text, sizeof last_text, "%Y-%m-%d", &last);
      g_date_strftime (applied_text, sizeof applied_text, "%Y-%m-%d", &applied);
      jf_set_error (error, JF_ERROR_REFUSED, "applied_on",
                    "Too late for judicial confirmation: 《人民调解法》第三十三条 — the parties "
                    "apply jointly within 30 days of the agreement taking effect (自调解协议生效"
                    "之日起三十日内共同申请). It took effect on %s, so the last day was %s; "
                    "the application is dated %s", effective_text, last_text, applied_text);
      return FALSE;
    }
  if (!jfd_link_start_clock (link, CONFIRM_ACCEPT, &applied, &accept_due, error))
    return FALSE;
  jfd_link_set_day (link->write, "accept_due_on", &accept_due);
  json_object_set_int_member (link->write, "agreement_id", link->id);
  json_object_set_int_member (link->write, "version",
                              json_object_get_int_member (link->record, "version"));
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES | COURT_ROLES);
  return TRUE;
}

void
jfd_engine_apply_confirmation_async (JfdEngine           *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  static const char * const members[] = { "applied_on", "court", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such agreement",
                                             cancellable, callback, user_data,
                                             jfd_engine_apply_confirmation_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *court = NULL;
  GDate applied;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jfd_link_read_day (body, "applied_on", JF_JSON_REQUIRED, NULL, NULL, &applied, &error) ||
      !jf_json_read_string (body, NULL, "court", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1, 100,
                            &court, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_link_set_day (link->write, "applied_on", &applied);
  json_object_set_string_member (link->write, "court", court);
  jfd_link_run (self, g_steal_pointer (&task), &agreement_stmt, NULL, TRUE, apply_judge,
                &apply_stmt);
}

/* A refusal names its legal ground: the law and the article. */
static gboolean
names_legal_ground (const char *reason)
{
  return g_regex_match_simple ("《[^》]+》", reason, 0, 0) &&
         g_regex_match_simple ("第[〇零一二三四五六七八九十百千0-9]+条", reason, 0, 0);
}

typedef enum
{
  STEP_ACCEPT,
  STEP_DECIDE,
  STEP_EXTEND,
} ConfirmationStep;

static gboolean
accept_step (JfdLink     *link,
             JsonObject  *set,
             GError     **error)
{
  GDate applied, accepted, accept_due, decide_due;

  if (text_member (link->record, "accepted_on") != NULL ||
      text_member (link->record, "decision") != NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "accepted_on",
                    "The court has decided on this application already");
      return FALSE;
    }
  jfd_link_record_day (link->record, "applied_on", &applied);
  jfd_link_record_day (set, "accepted_on", &accepted);
  if (g_date_compare (&accepted, &applied) < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "accepted_on",
                    "Not before the application (%s)", text_member (link->record, "applied_on"));
      return FALSE;
    }
  if (!jfd_link_start_clock (link, CONFIRM_DECIDE, &accepted, &decide_due, error))
    return FALSE;
  jfd_link_record_day (link->record, "accept_due_on", &accept_due);
  json_object_set_boolean_member (set, "late", g_date_compare (&accepted, &accept_due) > 0);
  jfd_link_set_day (set, "decide_due_on", &decide_due);
  jfd_link_stop_clock (link, CONFIRM_ACCEPT);
  json_object_set_string_member (link->write, "step", "accepted");
  return TRUE;
}

static gboolean
decide_step (JfdLink     *link,
             JsonObject  *set,
             GError     **error)
{
  const char *decision = text_member (set, "decision");
  const char *reason = text_member (set, "refusal_reason");
  gboolean accepted = text_member (link->record, "accepted_on") != NULL;
  GDate since, decided, due;

  if (text_member (link->record, "decision") != NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "decision",
                    "The court has decided on this application already");
      return FALSE;
    }
  if (g_str_equal (decision, "not_accepted") ? accepted : !accepted)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "decision", accepted
                    ? "The application was accepted: the decision is to confirm or to refuse"
                    : "Record whether the application is accepted (accepted_on) before "
                      "confirming or refusing it");
      return FALSE;
    }
  if (g_str_equal (decision, "confirmed") && reason != NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, "refusal_reason", "A confirmation has no refusal "
                    "reason");
      return FALSE;
    }
  if (!g_str_equal (decision, "confirmed") && (reason == NULL || !names_legal_ground (reason)))
    {
      jf_set_error (error, JF_ERROR_INVALID, "refusal_reason",
                    "A refusal names its legal ground: the law in 《》 and the article "
                    "(第…条), e.g. 《最高人民法院关于人民调解协议司法确认程序的若干规定》第七条");
      return FALSE;
    }
  jfd_link_record_day (link->record, accepted ? "accepted_on" : "applied_on", &since);
  jfd_link_record_day (set, "decided_on", &decided);
  if (g_date_compare (&decided, &since) < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "decided_on", "Not before %s",
                    text_member (link->record, accepted ? "accepted_on" : "applied_on"));
      return FALSE;
    }
  jfd_link_record_day (link->record, accepted ? "decide_due_on" : "accept_due_on", &due);
  json_object_set_boolean_member (set, "late", g_date_compare (&decided, &due) > 0);
  jfd_link_stop_clock (link, CONFIRM_ACCEPT);
  jfd_link_stop_clock (link, CONFIRM_DECIDE);
  json_object_set_string_member (link->write, "step", "decided");
  return TRUE;
}

static gboolean
extend_step (JfdLink     *link,
             JsonObject  *set,
             GError     **error)
{
  GDate due;

  if (text_member (link->record, "accepted_on") == NULL ||
      text_member (link->record, "decision") != NULL)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "extended",
                    "Only an accepted application awaiting the decision has its period "
                    "extended");
      return FALSE;
    }
  if (json_object_get_boolean_member_with_default (link->record, "extended", FALSE))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "extended",
                    "The decision period was extended once already (by %d days)",
                    CONFIRM_EXTENSION);
      return FALSE;
    }
  jfd_link_record_day (link->record, "decide_due_on", &due);
  jfd_link_add_days (link, &due, CONFIRM_EXTENSION);
  jfd_link_set_day (set, "decide_due_on", &due);
  jfd_link_move_clock (link, CONFIRM_DECIDE, &due);
  json_object_set_string_member (link->write, "step", "extended");
  return TRUE;
}

static gboolean
confirmation_judge (JfdEngine  *self,
                    JfdLink    *link,
                    GError    **error)
{
  JsonObject *set = json_object_get_object_member (link->write, "set");
  ConfirmationStep step = GPOINTER_TO_INT (link->data);

  if (!jfd_link_require_roles (link, COURT_ROLES, "record the court's decisions", error) ||
      !same_version (link, link->record_node, "application", error))
    return FALSE;
  if ((step == STEP_ACCEPT && !accept_step (link, set, error)) ||
      (step == STEP_DECIDE && !decide_step (link, set, error)) ||
      (step == STEP_EXTEND && !extend_step (link, set, error)))
    return FALSE;
  json_object_set_int_member (link->write, "confirmation_id", link->id);
  json_object_set_int_member (link->write, "version",
                              json_object_get_int_member (link->record, "version"));
  jfd_link_add_actor (link, COURT_ROLES);
  return TRUE;
}

/* Which one step the body records: acceptance, the decision, or the extension. */
static gboolean
read_confirmation_step (JsonObject        *body,
                        JsonObject        *set,
                        ConfirmationStep  *out_step,
                        GError           **error)
{
  gboolean accepting = json_object_has_member (body, "accepted_on");
  gboolean deciding = json_object_has_member (body, "decision") ||
                      json_object_has_member (body, "decided_on") ||
                      json_object_has_member (body, "refusal_reason");
  gboolean extending = json_object_has_member (body, "extended") ||
                       json_object_has_member (body, "approval_note");
  g_autofree char *reason = NULL, *note = NULL;
  gboolean extended = FALSE;
  guint decision = 0;
  GDate day;

  if (accepting + deciding + extending != 1)
    {
      jf_set_error (error, JF_ERROR_INVALID, NULL,
                    "Record one step at a time: “accepted_on”; or “decided_on” and "
                    "“decision”; or “extended” with “approval_note”");
      return FALSE;
    }
  if (accepting)
    {
      if (!jfd_link_read_day (body, "accepted_on", JF_JSON_REQUIRED, NULL, NULL, &day, error))
        return FALSE;
      jfd_link_set_day (set, "accepted_on", &day);
      *out_step = STEP_ACCEPT;
    }
  else if (deciding)
    {
      if (!jfd_link_read_day (body, "decided_on", JF_JSON_REQUIRED, NULL, NULL, &day, error) ||
          !jf_json_read_enum (body, NULL, "decision", JF_JSON_REQUIRED, decisions, &decision,
                              error) ||
          !jf_json_read_string (body, NULL, "refusal_reason", JF_JSON_OPTIONAL, 1, 2000, &reason,
                                error))
        return FALSE;
      jfd_link_set_day (set, "decided_on", &day);
      json_object_set_string_member (set, "decision", decisions[decision]);
      if (reason != NULL)
        json_object_set_string_member (set, "refusal_reason", reason);
      *out_step = STEP_DECIDE;
    }
  else
    {
      if (!jf_json_read_boolean (body, NULL, "extended", JF_JSON_REQUIRED, &extended, error) ||
          !jf_json_read_string (body, NULL, "approval_note", JF_JSON_REQUIRED, 1, 2000, &note,
                                error))
        return FALSE;
      if (!extended)
        {
          jf_set_error (error, JF_ERROR_INVALID, "extended",
                        "An extension, once approved, is not taken back");
          return FALSE;
        }
      json_object_set_boolean_member (set, "extended", TRUE);
      json_object_set_string_member (set, "approval_note", note);
      *out_step = STEP_EXTEND;
    }
  return TRUE;
}

void
jfd_engine_update_confirmation_async (JfdEngine           *self,
                                      JfdActor            *actor,
                                      gint64               id,
                                      JsonObject          *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  static const char * const members[] = { "version", "accepted_on", "decided_on", "decision",
                                          "refusal_reason", "extended", "approval_note",
                                          NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body,
                                             "No such application for judicial confirmation",
                                             cancellable, callback, user_data,
                                             jfd_engine_update_confirmation_async);
  JfdLink *link = jfd_link_get (task);
  JsonObject *set = json_object_new ();
  ConfirmationStep step = STEP_ACCEPT;
  gint64 version = 0;
  GError *error = NULL;

  json_object_set_object_member (link->write, "set", set);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_OPTIONAL, 1, G_MAXINT32, &version,
                         &error) ||
      !read_confirmation_step (body, set, &step, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (version > 0)
    json_object_set_int_member (link->write, "version", version);
  link->data = GINT_TO_POINTER (step);
  jfd_link_run (self, g_steal_pointer (&task), &confirmation_stmt, NULL, TRUE,
                confirmation_judge, &advance_confirmation_stmt);
}
