/* jfd-ctl-demo-rows.c: the rows of one planned demo matter, in every table it touches
 *
 * Everything a real matter on that path would have: its parties, its timeline (whose
 * hashes the chain trigger computes), a follow-up once resolved, a mediation session,
 * whistle or referral when it went that way, its petition record, and the clock that is
 * running on it if it is open. The timeline is written by jfd-ctl-demo-events.c.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo-batch.h"
#include "jfd-ctl-demo-parties.h"
#include "jfd-ctl-demo-records.h"

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)


static gint64
resolved_at (const JfdDemoPlan *p)
{
  gint64 at = jfd_demo_plan_step_at (p, STEP_ON_SPOT);

  return at != 0 ? at : jfd_demo_plan_step_at (p, STEP_RESOLVE);
}

/* The clocks that both the timeline and the records quote. */
static void
draw_clocks (JfdDemoBatch      *batch,
             const JfdDemoPlan *p,
             JfdDemoTexts      *t)
{
  const JfdDemoWorld *w = batch->world;
  gint64 blown = jfd_demo_plan_step_at (p, STEP_WHISTLE), resolved = resolved_at (p), warn;

  t->checkin_due = t->action_due = t->followup_due = 0;
  if (blown != 0)
    {
      if (jfd_demo_due (w, p->kind, p->urgent ? "whistle_checkin_urgent"
                                              : "whistle_checkin_normal",
                        blown, &t->checkin_due, &warn) == NULL)
        t->checkin_due = blown + (gint64) (p->urgent ? 30 * 60 : 24 * 3600) * G_USEC_PER_SEC;
      if (jfd_demo_due (w, p->kind, p->urgent ? "whistle_action_urgent" : "whistle_action_normal",
                        blown, &t->action_due, &warn) == NULL)
        t->action_due = blown + (p->urgent ? 1 : 7) * DAY_US;
    }
  if (resolved != 0 &&
      jfd_demo_due (w, p->kind, "followup", resolved, &t->followup_due, &warn) == NULL)
    t->followup_due = resolved + 7 * DAY_US;
}

static const char *
county_name (const JfdDemoBatch *batch,
             const JfdDemoPlan  *p)
{
  return p->owner->county != NULL ? p->owner->county->name : batch->world->city->name;
}

/* Sums at stake, in hundreds of yuan: a leaking ceiling is not a requisitioned house. */
static const gint32 amounts[JF_N_CATEGORIES][2] = {
  [JF_CATEGORY_NEIGHBOR] = { 5, 200 },
  [JF_CATEGORY_FAMILY] = { 100, 3000 },
  [JF_CATEGORY_LAND] = { 20, 500 },
  [JF_CATEGORY_LABOR] = { 50, 3000 },
  [JF_CATEGORY_PROPERTY_MANAGEMENT] = { 10, 200 },
  [JF_CATEGORY_CONSUMER] = { 10, 800 },
  [JF_CATEGORY_TRAFFIC] = { 30, 1500 },
  [JF_CATEGORY_MEDICAL] = { 100, 2000 },
  [JF_CATEGORY_LAND_REQUISITION] = { 200, 5000 },
  [JF_CATEGORY_CONTRACT_DEBT] = { 100, 5000 },
  [JF_CATEGORY_ENVIRONMENT] = { 10, 300 },
  [JF_CATEGORY_OTHER] = { 5, 100 },
};

static void
draw_texts (JfdDemoBatch      *batch,
            const JfdDemoPlan *p,
            JfdDemoTexts      *t)
{
  GRand *rand = batch->rand;
  const JfdDemoUnit *village = p->place->parent != NULL ? p->place->parent : p->place;
  const JfdDemoUnit *county = p->owner->county != NULL ? p->owner->county
                              : g_ptr_array_index (batch->world->by_level[JF_LEVEL_COUNTY], 0);
  gboolean community = g_str_has_suffix (village->name, "社区");
  g_autofree char *place = NULL;
  JfdDemoSlots slots;

  t->n_parties = jfd_demo_make_parties (rand, p, county->code, t->parties, t->company);
  g_string_truncate (t->names, 0);
  for (guint i = 0; i < t->n_parties; i++)
    g_string_append_printf (t->names, "%s%s", i > 0 ? " " : "", t->parties[i].name->str);
  if (t->company->len > 0)
    g_string_append_printf (t->names, " %s", t->company->str);

  place = community ? g_strdup_printf ("%s%d栋", village->name, g_rand_int_range (rand, 1, 30))
                    : g_strdup_printf ("%s%d组", village->name, g_rand_int_range (rand, 1, 12));
  g_string_truncate (t->address, 0);
  g_string_append_printf (t->address, "%s%s%d号",
                          village->parent != NULL ? village->parent->name : "", place,
                          g_rand_int_range (rand, 1, 120));
  slots.applicant = t->parties[0].name->str;
  slots.respondent = t->n_parties > 1 ? t->parties[1].name->str : NULL;
  slots.company = t->company->len > 0 ? t->company->str : NULL;
  slots.place = place;
  slots.amount = (guint) g_rand_int_range (rand, amounts[p->category][0],
                                           amounts[p->category][1]) * 100;
  g_string_truncate (t->title, 0);
  g_string_truncate (t->narrative, 0);
  g_string_truncate (t->outcome, 0);
  jfd_demo_matter_text (rand, p->category, p->source, &slots, t->title, t->narrative,
                        t->outcome);

  t->not_accepted = jfd_demo_not_accepted (rand, &t->redirect_to);
  t->withdraw_reason = jfd_demo_withdraw_reason (rand);
  t->satisfaction = g_rand_int_range (rand, 0, 100) < 80 ? JF_SATISFACTION_SATISFIED
                                                         : JF_SATISFACTION_BASICALLY_SATISFIED;
  t->referral_kind = p->kind == JF_KIND_PETITION ? "petition"
                     : p->category == JF_CATEGORY_LABOR ? "arbitration" : "court";
  g_snprintf (t->referral_target, sizeof t->referral_target, "%s%s", county_name (batch, p),
              g_str_equal (t->referral_kind, "petition") ? "信访局"
              : g_str_equal (t->referral_kind, "arbitration") ? "劳动人事争议仲裁委员会"
              : "人民法院");
  g_snprintf (t->lead_department, sizeof t->lead_department, "%s-%s", county->code,
              jfd_demo_lead_department (p->category));
  t->lead = g_hash_table_lookup (batch->world->departments, t->lead_department);
  t->followup_note = jfd_demo_followup_note (rand, t->satisfaction);
  draw_clocks (batch, p, t);
}

static void
texts_free (gpointer data)
{
  JfdDemoTexts *t = data;

  g_string_free (t->title, TRUE);
  g_string_free (t->narrative, TRUE);
  g_string_free (t->outcome, TRUE);
  g_string_free (t->company, TRUE);
  g_string_free (t->names, TRUE);
  g_string_free (t->address, TRUE);
  g_string_free (t->json, TRUE);
  for (guint i = 0; i < JFD_DEMO_MAX_PARTIES; i++)
    g_string_free (t->parties[i].name, TRUE);
  g_free (t);
}

static JfdDemoTexts *
texts_get (JfdDemoBatch *batch)
{
  JfdDemoTexts *t;

  if (batch->scratch != NULL)
    return batch->scratch;
  t = g_new0 (JfdDemoTexts, 1);
  t->title = g_string_new (NULL);
  t->narrative = g_string_new (NULL);
  t->outcome = g_string_new (NULL);
  t->company = g_string_new (NULL);
  t->names = g_string_new (NULL);
  t->address = g_string_new (NULL);
  t->json = g_string_new (NULL);
  for (guint i = 0; i < JFD_DEMO_MAX_PARTIES; i++)
    t->parties[i].name = g_string_new (NULL);
  batch->scratch = t;
  batch->scratch_free = texts_free;
  return t;
}

static gint64
ancestor (const JfdDemoUnit *unit,
          JfLevel            level)
{
  for (; unit != NULL; unit = unit->parent)
    if (unit->level == level)
      return unit->id;
  return 0;
}

static gint64
last_step_time (const JfdDemoPlan *p)
{
  return p->at[p->n_steps];
}

/* The clock running on an open matter (and the follow-up clock of a resolved one): its
 * deadline row, and its due time for matters.next_deadline_at. */
static gboolean
write_deadline (JfdDemoBatch      *batch,
                const JfdDemoPlan *p,
                gint64            *out_due,
                GError           **error)
{
  const char *stage = NULL, *rule_stage = NULL;
  g_autofree char *subject = NULL;
  const JfdDemoRule *rule;
  gint64 start = 0, due_us, warn_us;
  gboolean petition = p->kind == JF_KIND_PETITION;

  *out_due = 0;
  switch (p->status)
    {
    case JF_STATUS_REGISTERED:
      stage = petition ? "petition_decide" : "acceptance";
      start = p->created_us;
      break;
    case JF_STATUS_ACCEPTED:
      stage = petition ? "petition_handle" : "handling";
      start = jfd_demo_plan_step_at (p, STEP_ACCEPT);
      break;
    case JF_STATUS_IN_MEDIATION:
      stage = "mediation";
      start = jfd_demo_plan_step_at (p, STEP_MEDIATE);
      break;
    case JF_STATUS_DISPATCHED:
      /* As jf.whistle () keeps it: the stage's rule depends on the urgency. */
      stage = "whistle_action";
      rule_stage = p->urgent ? "whistle_action_urgent" : "whistle_action_normal";
      subject = g_strdup_printf ("whistle_target:%" G_GINT64_FORMAT, p->target_id);
      start = jfd_demo_plan_step_at (p, STEP_WHISTLE);
      break;
    case JF_STATUS_REFERRED:
      stage = petition ? "petition_handle" : "prelitigation_mediation";
      start = jfd_demo_plan_step_at (p, STEP_REFER);
      break;
    case JF_STATUS_RESOLVED:
      stage = "followup";
      start = resolved_at (p);
      break;
    default:
      return TRUE;
    }
  rule = jfd_demo_due (batch->world, p->kind, rule_stage != NULL ? rule_stage : stage, start,
                       &due_us, &warn_us);
  if (rule == NULL)
    return TRUE;
  *out_due = due_us;
  jfd_ctl_copy_int (batch->deadlines, p->id);
  jfd_ctl_copy_text (batch->deadlines, stage);
  jfd_ctl_copy_text (batch->deadlines, subject != NULL ? subject : "");
  jfd_ctl_copy_int (batch->deadlines, rule->id);
  jfd_demo_copy_time (batch->deadlines, start);
  jfd_demo_copy_time (batch->deadlines, due_us);
  jfd_demo_copy_time (batch->deadlines, warn_us);
  jfd_demo_copy_time (batch->deadlines, start);
  return jfd_ctl_copy_end_row (batch->deadlines, error);
}

static gboolean
write_matter_row (JfdDemoBatch       *batch,
                  const JfdDemoPlan  *p,
                  const JfdDemoTexts *t,
                  gint64              next_deadline,
                  GError            **error)
{
  const JfdDemoWorld *w = batch->world;
  JfdCtlCopy *c = batch->matters;
  GRand *rand = batch->rand;
  gint64 resolved = jfd_demo_plan_step_at (p, STEP_ON_SPOT);
  gboolean mediating = p->status == JF_STATUS_IN_MEDIATION ||
                       (p->status == JF_STATUS_DISPATCHED &&
                        jfd_demo_plan_step_at (p, STEP_MEDIATE) != 0);

  if (resolved == 0)
    resolved = jfd_demo_plan_step_at (p, STEP_RESOLVE);
  jfd_ctl_copy_int (c, p->id);
  jfd_ctl_copy_text (c, p->number);
  jfd_ctl_copy_text (c, jf_kind_to_string (p->kind));
  jfd_ctl_copy_text (c, jf_category_to_string (p->category));
  jfd_ctl_copy_text (c, jf_source_to_string (p->source));
  jfd_ctl_copy_text (c, jf_status_to_string (p->status));
  jfd_ctl_copy_text (c, t->title->str);
  jfd_ctl_copy_text (c, t->narrative->str);
  jfd_ctl_copy_int (c, p->owner->id);
  jfd_demo_copy_id (c, ancestor (p->owner, JF_LEVEL_COUNTY));
  jfd_demo_copy_id (c, ancestor (p->owner, JF_LEVEL_TOWNSHIP));
  jfd_demo_copy_id (c, ancestor (p->owner, JF_LEVEL_VILLAGE));
  jfd_ctl_copy_int (c, p->place->id);
  jfd_ctl_copy_text (c, t->address->str);
  jfd_demo_copy_date (c, p->created_us - g_rand_int_range (rand, 0, 11) * DAY_US);
  jfd_ctl_copy_bool (c, g_rand_int_range (rand, 0, 100) < 2);
  jfd_ctl_copy_int (c, p->category == JF_CATEGORY_LABOR ? g_rand_int_range (rand, 3, 31) : 0);
  jfd_ctl_copy_bool (c, g_rand_int_range (rand, 0, 100) < 5);
  jfd_ctl_copy_bool (c, g_rand_int_range (rand, 0, 100) < 8);
  jfd_demo_copy_id (c, mediating ? w->accounts[JF_ROLE_MEDIATOR] : 0);
  jfd_ctl_copy_text (c, t->names->str);
  jfd_ctl_copy_text (c, jf_level_to_string (p->registered->level));
  jfd_ctl_copy_int (c, p->registered->id);
  jfd_ctl_copy_text (c, resolved != 0 ? t->outcome->str : NULL);
  jfd_demo_copy_time (c, resolved);
  jfd_ctl_copy_text (c, resolved != 0 ? jf_level_to_string (p->owner->level) : NULL);
  jfd_demo_copy_id (c, resolved != 0 ? p->owner->id : 0);
  jfd_demo_copy_time (c, jfd_demo_plan_step_at (p, STEP_CLOSE));
  jfd_ctl_copy_text (c, p->status == JF_STATUS_NOT_ACCEPTED ? t->not_accepted : NULL);
  jfd_ctl_copy_text (c, p->status == JF_STATUS_NOT_ACCEPTED ? t->redirect_to : NULL);
  jfd_demo_copy_time (c, next_deadline);
  jfd_ctl_copy_int (c, w->accounts[jfd_demo_registering_role (p->source)]);
  jfd_demo_copy_time (c, p->created_us);
  jfd_demo_copy_time (c, last_step_time (p));
  jfd_ctl_copy_int (c, p->n_steps + 1);
  jfd_ctl_copy_int (c, p->n_steps + 1);
  return jfd_ctl_copy_end_row (c, error);
}

gboolean
jfd_demo_write_matter (JfdDemoBatch      *batch,
                       const JfdDemoPlan *plan,
                       GError           **error)
{
  JfdDemoTexts *t = texts_get (batch);
  gint64 next_deadline;

  draw_texts (batch, plan, t);
  if (!write_deadline (batch, plan, &next_deadline, error) ||
      !write_matter_row (batch, plan, t, next_deadline, error))
    return FALSE;
  for (guint i = 0; i < t->n_parties; i++)
    if (!jfd_demo_write_party (batch->parties, batch->world->crypto, plan->id, i,
                               &t->parties[i],
                               i == 1 && t->company->len > 0 ? t->company->str : NULL,
                               t->address->str, error))
      return FALSE;
  return jfd_demo_write_events (batch, plan, t, error) &&
         jfd_demo_write_records (batch, plan, t, error);
}
