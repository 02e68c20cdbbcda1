/* jfd-ctl-demo-rows.c: the rows of one planned demo matter, in every table it touches
 *
 * Everything a real matter on that path would have: its parties, its timeline (whose
 * hashes the chain trigger computes), a follow-up once resolved, a mediation session,
 * whistle or referral when it went that way, its petition record, and the clock that is
 * running on it if it is open. Event kinds and data follow jf.intake and jf.apply_move
 * (schema 0007): "registered", then "move.<move name>" with {from, to, fields}.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo-batch.h"
#include "jfd-ctl-demo-parties.h"
#include "jfd-ctl-demo-records.h"

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)

static const struct
{
  const char *move;
  JfStatus    to;            /* JF_N_STATUSES: unchanged */
  JfRole      role;
} step_info[] = {
  [STEP_ACCEPT] = { "accept", JF_STATUS_ACCEPTED, JF_ROLE_RECEPTION },
  [STEP_NOT_ACCEPT] = { "not_accept", JF_STATUS_NOT_ACCEPTED, JF_ROLE_RECEPTION },
  [STEP_ON_SPOT] = { "resolve_on_spot", JF_STATUS_RESOLVED, JF_ROLE_RECEPTION },
  [STEP_MEDIATE] = { "start_mediation", JF_STATUS_IN_MEDIATION, JF_ROLE_MEDIATOR },
  [STEP_WHISTLE] = { "whistle", JF_STATUS_DISPATCHED, JF_ROLE_MEDIATOR },
  [STEP_REFER] = { "refer", JF_STATUS_REFERRED, JF_ROLE_RECEPTION },
  [STEP_RESOLVE] = { "resolve", JF_STATUS_RESOLVED, JF_ROLE_MEDIATOR },
  [STEP_FOLLOW_UP] = { "follow_up", JF_N_STATUSES, JF_ROLE_RECEPTION },
  [STEP_CLOSE] = { "close", JF_STATUS_CLOSED, JF_ROLE_RECEPTION },
  [STEP_WITHDRAW] = { "withdraw", JF_STATUS_WITHDRAWN, JF_ROLE_RECEPTION },
};


static void
json_string (GString    *out,
             const char *key,
             const char *value)
{
  if (out->len > 1)
    g_string_append_c (out, ',');
  g_string_append_printf (out, "\"%s\":\"", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
county_name (const JfdDemoBatch *batch,
             const JfdDemoPlan  *p)
{
  return p->owner->county != NULL ? p->owner->county->name : batch->world->city->name;
}

static void
draw_texts (JfdDemoBatch      *batch,
            const JfdDemoPlan *p,
            JfdDemoTexts             *t)
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
  slots.amount = (guint) g_rand_int_range (rand, 20, 2000) * 100;
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
  {
    gint64 *id = g_hash_table_lookup (batch->world->departments, t->lead_department);
    t->lead_department_id = id != NULL ? *id : 0;
  }
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

/* The data of the event for step @i (-1: the registration), as jf.apply_move writes it. */
static void
event_data (const JfdDemoPlan *p,
            int                i,
            JfStatus           from,
            JfStatus           to,
            const JfdDemoTexts       *t,
            GString           *json)
{
  g_string_assign (json, "{");
  if (i < 0)
    {
      json_string (json, "source", jf_source_to_string (p->source));
      json_string (json, "kind", jf_kind_to_string (p->kind));
      json_string (json, "category", jf_category_to_string (p->category));
      json_string (json, "title", t->title->str);
      g_string_append_c (json, '}');
      return;
    }
  json_string (json, "from", jf_status_to_string (from));
  json_string (json, "to", jf_status_to_string (to));
  g_string_append (json, ",\"fields\":{");
  {
    g_autoptr(GString) fields = g_string_new ("{");

    switch (p->steps[i])
      {
      case STEP_NOT_ACCEPT:
        json_string (fields, "reason", t->not_accepted);
        json_string (fields, "redirect_to", t->redirect_to);
        break;
      case STEP_ON_SPOT:
      case STEP_RESOLVE:
        json_string (fields, "outcome", t->outcome->str);
        break;
      case STEP_WHISTLE:
        json_string (fields, "lead_department", t->lead_department);
        json_string (fields, "urgency", p->urgent ? "urgent" : "normal");
        break;
      case STEP_REFER:
        json_string (fields, "referral_to", t->referral_target);
        json_string (fields, "reason", "当事人同意转入专门程序处理");
        break;
      case STEP_FOLLOW_UP:
        json_string (fields, "satisfaction", jf_satisfaction_to_string (t->satisfaction));
        break;
      case STEP_WITHDRAW:
        json_string (fields, "reason", t->withdraw_reason);
        break;
      default:
        break;
      }
    g_string_append (json, fields->str + 1);
  }
  g_string_append (json, "}}");
}

static JfRole
registering_role (JfSource source)
{
  switch (source)
    {
    case JF_SOURCE_GRID: return JF_ROLE_GRID_LEADER;
    case JF_SOURCE_POLICE: return JF_ROLE_POLICE;
    case JF_SOURCE_COURT: return JF_ROLE_COURT;
    case JF_SOURCE_PETITION: return JF_ROLE_PETITION_OFFICER;
    default: return JF_ROLE_RECEPTION;
    }
}

static gboolean
write_events (JfdDemoBatch      *batch,
              const JfdDemoPlan *p,
              JfdDemoTexts             *t,
              GError           **error)
{
  const JfdDemoWorld *w = batch->world;
  JfStatus status = JF_STATUS_REGISTERED;

  for (int i = -1; i < (int) p->n_steps; i++)
    {
      JfRole role = i < 0 ? registering_role (p->source) : step_info[p->steps[i]].role;
      JfStatus to = i < 0 ? status : step_info[p->steps[i]].to;
      g_autofree char *kind = NULL;

      if (to == JF_N_STATUSES)
        to = status;
      kind = i < 0 ? g_strdup ("registered") : g_strconcat ("move.", step_info[p->steps[i]].move,
                                                            NULL);
      event_data (p, i, status, to, t, t->json);
      jfd_ctl_copy_int (batch->events, p->id);
      jfd_ctl_copy_int (batch->events, i + 2);
      jfd_ctl_copy_text (batch->events, kind);
      jfd_ctl_copy_int (batch->events, w->accounts[role]);
      jfd_ctl_copy_text (batch->events, jf_role_to_string (role));
      jfd_ctl_copy_int (batch->events, i < 0 ? p->registered->id : p->owner->id);
      jfd_demo_copy_time (batch->events, p->at[i + 1]);
      jfd_ctl_copy_text (batch->events, t->json->str);
      if (!jfd_ctl_copy_end_row (batch->events, error))
        return FALSE;
      status = to;
    }
  return TRUE;
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
  const char *stage = NULL;
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
      stage = p->urgent ? "whistle_action_urgent" : "whistle_action_normal";
      subject = g_strdup_printf ("whistle_target:%" G_GINT64_FORMAT, p->target_id);
      start = jfd_demo_plan_step_at (p, STEP_WHISTLE);
      break;
    case JF_STATUS_REFERRED:
      stage = petition ? "petition_handle" : "prelitigation_mediation";
      start = jfd_demo_plan_step_at (p, STEP_REFER);
      break;
    case JF_STATUS_RESOLVED:
      stage = "followup";
      start = last_step_time (p);
      break;
    default:
      return TRUE;
    }
  rule = jfd_demo_due (batch->world, p->kind, stage, start, &due_us, &warn_us);
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
write_matter_row (JfdDemoBatch      *batch,
                  const JfdDemoPlan *p,
                  const JfdDemoTexts       *t,
                  gint64             next_deadline,
                  GError           **error)
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
  jfd_ctl_copy_int (c, w->accounts[registering_role (p->source)]);
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
  return write_events (batch, plan, t, error) &&
         jfd_demo_write_records (batch, plan, t, error);
}
