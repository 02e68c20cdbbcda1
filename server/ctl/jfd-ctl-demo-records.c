/* jfd-ctl-demo-records.c: a demo matter's follow-up, mediation session, whistle,
 * referral and petition records, consistent with its timeline */
#include "config.h"

#include <string.h>

#include "jfd-crypto.h"
#include "jfd-ctl-demo-records.h"

#define HOUR_US (G_USEC_PER_SEC * (gint64) 3600)
#define DAY_US (24 * HOUR_US)

void
jfd_demo_copy_time (JfdCtlCopy *copy,
           gint64      us)
{
  char buf[40];

  if (us == 0)
    {
      jfd_ctl_copy_null (copy);
      return;
    }
  jfd_demo_format_time (us, buf);
  jfd_ctl_copy_raw (copy, buf);
}

void
jfd_demo_copy_date (JfdCtlCopy *copy,
           gint64      us)
{
  char buf[40];

  if (us == 0)
    {
      jfd_ctl_copy_null (copy);
      return;
    }
  jfd_demo_format_time (us, buf);
  buf[10] = '\0';
  jfd_ctl_copy_raw (copy, buf);
}

void
jfd_demo_copy_id (JfdCtlCopy *copy,
         gint64      id)
{
  if (id > 0)
    jfd_ctl_copy_int (copy, id);
  else
    jfd_ctl_copy_null (copy);
}

/* When a clock that started at @start_us under @stage runs out (and when it warns). */
const JfdDemoRule *
jfd_demo_due (const JfdDemoWorld *w,
     JfKind              kind,
     const char         *stage,
     gint64              start_us,
     gint64             *out_due,
     gint64             *out_warn)
{
  const JfdDemoRule *rule = jfd_demo_world_rule (w, kind, stage);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(JfDeadline) deadline = NULL;
  GDateTime *d, *warn;

  *out_due = *out_warn = 0;
  if (rule == NULL)
    return NULL;
  utc = g_date_time_new_from_unix_utc (start_us / G_USEC_PER_SEC);
  start = g_date_time_to_timezone (utc, jf_calendar_time_zone ());
  deadline = jf_deadline_compute (&rule->rule, start, w->calendar, NULL, 0, NULL);
  if (deadline == NULL || (d = jf_deadline_get_due (deadline)) == NULL)
    return NULL;
  *out_due = g_date_time_to_unix (d) * G_USEC_PER_SEC + g_date_time_get_microsecond (d);
  warn = jf_deadline_get_warn_at (deadline);
  if (warn != NULL)
    *out_warn = g_date_time_to_unix (warn) * G_USEC_PER_SEC + g_date_time_get_microsecond (warn);
  return rule;
}

static gint64
resolved_at (const JfdDemoPlan *p)
{
  gint64 at = jfd_demo_plan_step_at (p, STEP_ON_SPOT);

  return at != 0 ? at : jfd_demo_plan_step_at (p, STEP_RESOLVE);
}

/* Every resolved matter gets its follow-up visit: done and rated once closed. */
static gboolean
write_followup (JfdDemoBatch       *batch,
                const JfdDemoPlan  *p,
                const JfdDemoTexts *t,
                GError            **error)
{
  JfdCtlCopy *c = batch->followups;
  gint64 resolved = resolved_at (p), done = jfd_demo_plan_step_at (p, STEP_FOLLOW_UP);

  if (resolved == 0)
    return TRUE;
  jfd_ctl_copy_int (c, p->id);
  jfd_demo_copy_time (c, t->followup_due);
  jfd_demo_copy_time (c, done);
  jfd_ctl_copy_text (c, done != 0 ? jf_satisfaction_to_string (t->satisfaction) : NULL);
  jfd_ctl_copy_text (c, done != 0 ? t->followup_note : NULL);
  jfd_demo_copy_id (c, done != 0 ? batch->world->accounts[JF_ROLE_RECEPTION] : 0);
  jfd_demo_copy_time (c, resolved);
  return jfd_ctl_copy_end_row (c, error);
}

/* The session of a mediation: held before whatever ended it, or still to come. */
static gboolean
write_session (JfdDemoBatch       *batch,
               const JfdDemoPlan  *p,
               const JfdDemoTexts *t,
               GError            **error)
{
  JfdCtlCopy *c = batch->sessions;
  GRand *rand = batch->rand;
  gint64 started = 0, next = 0, scheduled;
  const char *outcome = NULL;
  g_autoptr(GString) participants = g_string_new ("[");

  for (guint i = 0; i < p->n_steps; i++)
    if (p->steps[i] == STEP_MEDIATE)
      {
        started = p->at[i + 1];
        if (i + 1 < p->n_steps)
          {
            next = p->at[i + 2];
            outcome = p->steps[i + 1] == STEP_RESOLVE ? "agreement"
                      : p->steps[i + 1] == STEP_WHISTLE ? "partial" : "failed";
          }
      }
  if (started == 0)
    return TRUE;
  scheduled = next != 0 ? started + (next - started) / 2
                        : started + g_rand_int_range (rand, 1, 4) * DAY_US;
  if (next == 0 && scheduled < batch->world->end_us)
    outcome = "adjourned";
  for (guint i = 0; i < t->n_parties; i++)
    g_string_append_printf (participants, "%s{\"name\": \"%s\", \"role\": \"%s\"}",
                            i > 0 ? ", " : "", t->parties[i].name->str,
                            jf_party_role_to_string (t->parties[i].role));
  g_string_append_c (participants, ']');

  jfd_ctl_copy_int (c, p->id);
  jfd_demo_copy_time (c, scheduled);
  jfd_ctl_copy_text (c, jfd_demo_mediation_room (rand));
  jfd_ctl_copy_text (c, g_rand_int_range (rand, 0, 100) < 20 ? "one_three_one" : "roster");
  {
    g_autofree char *mediators = g_strdup_printf ("{%" G_GINT64_FORMAT "}",
                                                  batch->world->accounts[JF_ROLE_MEDIATOR]);
    jfd_ctl_copy_text (c, mediators);
  }
  jfd_ctl_copy_text (c, participants->str);
  jfd_ctl_copy_text (c, outcome);
  jfd_demo_copy_time (c, outcome != NULL ? scheduled : 0);
  jfd_ctl_copy_int (c, batch->world->accounts[JF_ROLE_MEDIATOR]);
  jfd_demo_copy_time (c, started);
  return jfd_ctl_copy_end_row (c, error);
}

/* The whistle and its lead department: open while the matter is dispatched, verified and
 * rated once it was resolved that way. */
static gboolean
write_whistle (JfdDemoBatch       *batch,
               const JfdDemoPlan  *p,
               const JfdDemoTexts *t,
               GError            **error)
{
  const JfdDemoWorld *w = batch->world;
  GRand *rand = batch->rand;
  gint64 blown = jfd_demo_plan_step_at (p, STEP_WHISTLE), resolved = resolved_at (p);
  gint64 checkin_due = t->checkin_due, action_due = t->action_due;
  gint64 checked_in = 0, fed_back = 0, verified = 0;
  gboolean done = resolved != 0, checked;
  g_autofree char *request = NULL;
  JfdCtlCopy *c = batch->whistles;

  if (blown == 0)
    return TRUE;
  request = g_strdup_printf (JFD_DEMO_WHISTLE_REQUEST, t->title->str);
  jfd_ctl_copy_int (c, p->whistle_id);
  jfd_ctl_copy_int (c, p->id);
  jfd_ctl_copy_int (c, p->owner->id);
  jfd_ctl_copy_text (c, p->urgent ? "urgent" : "normal");
  jfd_ctl_copy_text (c, request);
  jfd_ctl_copy_text (c, done ? "done" : "open");
  jfd_ctl_copy_int (c, w->accounts[JF_ROLE_MEDIATOR]);
  jfd_demo_copy_time (c, blown);
  jfd_demo_copy_time (c, done ? resolved : 0);
  if (!jfd_ctl_copy_end_row (c, error))
    return FALSE;
  /* Seeded counties have every department; an edited tree might lack the lead. */
  if (t->lead == NULL)
    return TRUE;

  /* Most departments check in on time; one in ten is late. */
  checked_in = blown + (gint64) ((double) (checkin_due - blown) *
                                 (g_rand_int_range (rand, 0, 100) < 90
                                  ? g_rand_double_range (rand, 0.1, 0.95)
                                  : g_rand_double_range (rand, 1.05, 2.0)));
  checked = done || checked_in < w->end_us;
  if (done)
    {
      verified = resolved - HOUR_US;
      fed_back = checked_in + (verified - checked_in) * 3 / 4;
      if (fed_back <= checked_in || verified <= fed_back)
        {
          /* A quick resolution: squeeze the department's steps in before it. */
          checked_in = blown + (resolved - blown) / 4;
          fed_back = blown + (resolved - blown) / 2;
          verified = blown + (resolved - blown) * 3 / 4;
        }
    }
  c = batch->targets;
  jfd_ctl_copy_int (c, p->target_id);
  jfd_ctl_copy_int (c, p->whistle_id);
  jfd_ctl_copy_int (c, t->lead->id);
  jfd_ctl_copy_text (c, "lead");
  jfd_ctl_copy_text (c, done ? "verified" : checked ? "checked_in" : "pending");
  jfd_demo_copy_time (c, checkin_due);
  jfd_demo_copy_time (c, action_due);
  jfd_demo_copy_time (c, checked ? checked_in : 0);
  jfd_ctl_copy_text (c, done ? jfd_demo_feedback (rand) : NULL);
  jfd_demo_copy_time (c, fed_back);
  jfd_demo_copy_time (c, verified);
  jfd_demo_copy_id (c, done ? w->accounts[JF_ROLE_MEDIATOR] : 0);
  if (done)
    jfd_ctl_copy_int (c, g_rand_int_range (rand, 3, 6));
  else
    jfd_ctl_copy_null (c);
  jfd_ctl_copy_bool (c, checked ? checked_in > checkin_due : w->end_us > checkin_due);
  jfd_ctl_copy_bool (c, done ? fed_back > action_due : w->end_us > action_due);
  return jfd_ctl_copy_end_row (c, error);
}

static gboolean
write_referral (JfdDemoBatch       *batch,
                const JfdDemoPlan  *p,
                const JfdDemoTexts *t,
                GError            **error)
{
  JfdCtlCopy *c = batch->referrals;
  gint64 referred = jfd_demo_plan_step_at (p, STEP_REFER), resolved = resolved_at (p);
  gint64 due_us = 0, warn;

  if (referred == 0)
    return TRUE;
  if (g_str_equal (t->referral_kind, "court"))
    jfd_demo_due (batch->world, p->kind, "prelitigation_mediation", referred, &due_us, &warn);
  jfd_ctl_copy_int (c, p->id);
  jfd_ctl_copy_text (c, t->referral_kind);
  jfd_ctl_copy_text (c, t->referral_target);
  jfd_ctl_copy_text (c, JFD_DEMO_REFERRAL_REASON);
  jfd_ctl_copy_text (c, resolved != 0 ? "settled" : "open");
  jfd_demo_copy_time (c, due_us);
  jfd_ctl_copy_text (c, resolved != 0 ? t->outcome->str : NULL);
  jfd_ctl_copy_int (c, batch->world->accounts[JF_ROLE_RECEPTION]);
  jfd_demo_copy_time (c, referred);
  jfd_demo_copy_time (c, resolved);
  return jfd_ctl_copy_end_row (c, error);
}

/* A petition's own record, with the keyed hashes that refuse a repeat petition. */
static gboolean
write_petition (JfdDemoBatch       *batch,
                const JfdDemoPlan  *p,
                const JfdDemoTexts *t,
                GError            **error)
{
  JfdCtlCopy *c = batch->petitions;
  JfdCrypto *crypto = batch->world->crypto;
  gint64 accepted = jfd_demo_plan_step_at (p, STEP_ACCEPT), resolved = resolved_at (p);
  gint64 decide_due, handle_due = 0, warn;
  guint8 petitioner[JFD_CRYPTO_HASH_BYTES], facts[JFD_CRYPTO_HASH_BYTES];
  const char *stage;

  if (p->kind != JF_KIND_PETITION)
    return TRUE;
  jfd_crypto_index (crypto, "petitioner", t->parties[0].has_id ? t->parties[0].id_number
                                                                 : t->parties[0].name->str,
                    petitioner);
  jfd_crypto_index (crypto, "facts", t->title->str, facts);
  if (jfd_demo_due (batch->world, p->kind, "petition_decide", p->created_us, &decide_due,
                    &warn) == NULL)
    decide_due = p->created_us + 15 * DAY_US;
  if (accepted != 0)
    jfd_demo_due (batch->world, p->kind, "petition_handle", accepted, &handle_due, &warn);
  stage = p->status == JF_STATUS_REGISTERED ? "deciding"
          : p->status == JF_STATUS_NOT_ACCEPTED ? "not_accepted"
          : resolved != 0 ? "replied" : "handling";
  jfd_ctl_copy_int (c, p->id);
  jfd_ctl_copy_bytea (c, petitioner, sizeof petitioner);
  jfd_ctl_copy_bytea (c, facts, sizeof facts);
  jfd_ctl_copy_text (c, stage);
  jfd_demo_copy_date (c, decide_due);
  jfd_demo_copy_date (c, accepted);
  jfd_demo_copy_date (c, handle_due);
  jfd_demo_copy_date (c, resolved);
  jfd_demo_copy_time (c, p->created_us);
  return jfd_ctl_copy_end_row (c, error);
}

gboolean
jfd_demo_write_records (JfdDemoBatch       *batch,
                        const JfdDemoPlan  *plan,
                        const JfdDemoTexts *texts,
                        GError            **error)
{
  return write_followup (batch, plan, texts, error) &&
         write_session (batch, plan, texts, error) &&
         write_whistle (batch, plan, texts, error) &&
         write_referral (batch, plan, texts, error) &&
         write_petition (batch, plan, texts, error);
}
