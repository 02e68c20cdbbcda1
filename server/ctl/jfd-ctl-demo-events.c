/* jfd-ctl-demo-events.c: the timeline of a demo matter
 *
 * Event kinds and data are those the daemon's functions write: "registered" (jf.intake),
 * then "move.<move name>" with {from, to, fields} (jf.apply_move, 0007), and the whistle's
 * and the follow-up's own forms (jf.whistle, jf.follow_up, 0010). prev_hash and hash are
 * left to the chain trigger.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo-records.h"

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

/* Unix µs as jf.ts () writes times into event data: "2025-03-04T10:12:13+08:00". */
static void
json_time (GString    *json,
           const char *key,
           gint64      us)
{
  char stamp[40], out[32];

  jfd_demo_format_time (us, stamp);
  stamp[10] = 'T';
  g_snprintf (out, sizeof out, "%.19s+08:00", stamp);
  json_string (json, key, out);
}

/* The data of a whistle's event, as jf.whistle () writes it (schema 0010). */
static void
whistle_data (const JfdDemoPlan  *p,
              const JfdDemoTexts *t,
              GString            *json)
{
  g_autofree char *request = g_strdup_printf (JFD_DEMO_WHISTLE_REQUEST, t->title->str);

  g_string_append_printf (json, ",\"whistle\":%" G_GINT64_FORMAT, p->whistle_id);
  json_string (json, "urgency", p->urgent ? "urgent" : "normal");
  json_string (json, "request", request);
  g_string_append (json, ",\"departments\":[");
  if (t->lead != NULL)
    {
      g_autoptr(GString) department = g_string_new ("{");
      g_autoptr(GString) target = g_string_new ("{");

      json_string (department, "code", t->lead_department);
      json_string (department, "name", t->lead->name);
      json_string (department, "kind", t->lead->kind);
      g_string_append_printf (target, "\"target\":%" G_GINT64_FORMAT, p->target_id);
      json_string (target, "role", "lead");
      json_string (target, "ask", "");
      g_string_append_printf (target, ",\"department\":%s}}", department->str);
      g_string_append (json, target->str);
    }
  g_string_append_c (json, ']');
  json_time (json, "checkin_due_at", t->checkin_due);
  json_time (json, "action_due_at", t->action_due);
}

/* The data of the event for step @i (-1: the registration), as the daemon's functions
 * write it: jf.intake and jf.apply_move (0007), jf.whistle and jf.follow_up (0010). */
static void
event_data (const JfdDemoPlan  *p,
            int                 i,
            JfStatus            from,
            JfStatus            to,
            const JfdDemoTexts *t,
            GString            *json)
{
  g_autoptr(GString) fields = g_string_new ("{");

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
  if (p->steps[i] == STEP_FOLLOW_UP)
    {
      gint64 done = p->at[i + 1];

      json_string (json, "satisfaction", jf_satisfaction_to_string (t->satisfaction));
      json_string (json, "note", t->followup_note);
      json_time (json, "due_at", t->followup_due);
      g_string_append_printf (json, ",\"on_time\":%s}",
                              done <= t->followup_due ? "true" : "false");
      return;
    }
  json_string (json, "from", jf_status_to_string (from));
  json_string (json, "to", jf_status_to_string (to));
  if (p->steps[i] == STEP_WHISTLE)
    {
      whistle_data (p, t, json);
      g_string_append_c (json, '}');
      return;
    }
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
    case STEP_REFER:
      json_string (fields, "referral_to", t->referral_target);
      json_string (fields, "reason", JFD_DEMO_REFERRAL_REASON);
      break;
    case STEP_WITHDRAW:
      json_string (fields, "reason", t->withdraw_reason);
      break;
    default:
      break;
    }
  g_string_append_printf (json, ",\"fields\":%s}}", fields->str);
}

JfRole
jfd_demo_registering_role (JfSource source)
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

gboolean
jfd_demo_write_events (JfdDemoBatch       *batch,
                       const JfdDemoPlan  *p,
                       const JfdDemoTexts *t,
                       GError            **error)
{
  const JfdDemoWorld *w = batch->world;
  JfStatus status = JF_STATUS_REGISTERED;

  for (int i = -1; i < (int) p->n_steps; i++)
    {
      JfRole role = i < 0 ? jfd_demo_registering_role (p->source) : step_info[p->steps[i]].role;
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

