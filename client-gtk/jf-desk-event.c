/* jf-desk-event.c: timeline events in words */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-enums.h"
#include "jf-lifecycle.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-event.h"

struct _JfDeskEvent
{
  GObject    parent_instance;

  gint64     seq;
  char      *kind;
  GDateTime *time;
  char      *title;
  char      *who;
  char      *detail;
  gboolean   alert;
  const char *icon_name;
};

G_DEFINE_FINAL_TYPE (JfDeskEvent, jf_desk_event, G_TYPE_OBJECT)

static void
jf_desk_event_finalize (GObject *object)
{
  JfDeskEvent *self = JF_DESK_EVENT (object);

  g_free (self->kind);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->title);
  g_free (self->who);
  g_free (self->detail);
  G_OBJECT_CLASS (jf_desk_event_parent_class)->finalize (object);
}

static void
jf_desk_event_class_init (JfDeskEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_event_finalize;
}

static void
jf_desk_event_init (JfDeskEvent *self)
{
}

/* Kinds that are not moves of the lifecycle table (those take the move's own label). */
static const struct
{
  const char *kind;
  const char *label;
  const char *icon;
} kinds[] = {
  { "registered", N_("Registered"), "document-new-symbolic" },
  { "assigned", N_("Assigned"), "avatar-default-symbolic" },
  { "edited", N_("Details edited"), "document-edit-symbolic" },
  { "personal_data.viewed", N_("Whole ID and phone numbers viewed"), "security-high-symbolic" },
  { "attachment.added", N_("Attachment added"), "mail-attachment-symbolic" },
  { "whistle.checked_in", N_("Department checked in"), "mark-location-symbolic" },
  { "whistle.fed_back", N_("Department fed back"), "mail-reply-sender-symbolic" },
  { "whistle.extended", N_("Department given more time"), "alarm-symbolic" },
  { "whistle.verified", N_("Department's work verified"), "emblem-ok-symbolic" },
  { "whistle.sent_back", N_("Department's feedback sent back"), "edit-undo-symbolic" },
  { "whistle.done", N_("Every department has reported: whistle done"), "emblem-ok-symbolic" },
  { "whistle.overdue", N_("A department missed its deadline"), "dialog-warning-symbolic" },
  { "mediation.scheduled", N_("Mediation session scheduled"), "x-office-calendar-symbolic" },
  { "mediation.held", N_("Mediation session recorded"), "system-users-symbolic" },
  { "police.alerted", N_("Police alerted: risk of violence"), "dialog-warning-symbolic" },
  { "agreement.drafted", N_("Mediation agreement written"), "document-edit-symbolic" },
  { "agreement.signed", N_("Agreement signed"), "document-edit-symbolic" },
  { "agreement.sealed", N_("Agreement sealed by the committee"), "emblem-ok-symbolic" },
  { "agreement.performance", N_("Performance of the agreement recorded"), "emblem-ok-symbolic" },
  { "judicial_confirmation.applied", N_("Judicial confirmation applied for"),
    "emblem-documents-symbolic" },
  { "judicial_confirmation.accepted", N_("Court accepted the judicial confirmation"),
    "emblem-documents-symbolic" },
  { "judicial_confirmation.rejected", N_("Court did not accept the judicial confirmation"),
    "emblem-documents-symbolic" },
  { "judicial_confirmation.confirmed", N_("Agreement judicially confirmed"),
    "emblem-ok-symbolic" },
  { "judicial_confirmation.denied", N_("Judicial confirmation refused"),
    "dialog-warning-symbolic" },
  { "judicial_confirmation.extended", N_("Judicial confirmation period extended"),
    "alarm-symbolic" },
  { "referral.created", N_("Referred"), "send-to-symbolic" },
  { "referral.extended", N_("Pre-litigation mediation extended"), "alarm-symbolic" },
  { "petition.opened", N_("Petition record opened"), "emblem-documents-symbolic" },
  { "petition.decision", N_("Decision on accepting the petition"), "emblem-documents-symbolic" },
  { "petition.extension", N_("Petition handling period extended"), "alarm-symbolic" },
  { "petition.reply", N_("Written reply to the petitioner"), "mail-reply-sender-symbolic" },
  { "petition.review_request", N_("Review requested by the petitioner"),
    "emblem-documents-symbolic" },
  { "petition.review", N_("Review answered"), "emblem-documents-symbolic" },
  { "petition.rereview", N_("Re-review answered"), "emblem-documents-symbolic" },
  { "risk.flagged", N_("Risk flagged"), "dialog-warning-symbolic" },
  { "registry.linked", N_("Linked to the registry"), "insert-link-symbolic" },
  { "registry.unlinked", N_("Unlinked from the registry"), "insert-link-symbolic" },
  { "party.linked", N_("Party linked to a person of the registry"), "insert-link-symbolic" },
  { "deadline.warning", N_("Deadline close"), "alarm-symbolic" },
  { "deadline.breached", N_("Deadline passed"), "dialog-warning-symbolic" },
  { "deadline.paused", N_("Clock stopped"), "media-playback-pause-symbolic" },
  { "deadline.resumed", N_("Clock restarted"), "media-playback-start-symbolic" },
};

const char *
jf_desk_event_kind_label (const char *kind)
{
  const JfMove *move;

  if (kind == NULL)
    return NULL;
  if (g_str_has_prefix (kind, "move.") &&
      (move = jf_lifecycle_find_by_name (kind + strlen ("move."))) != NULL)
    return jf_move_label (move);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return g_dgettext (GETTEXT_PACKAGE, kinds[i].label);
  /* A referral's outcome is its step ("referral.settled"); say it generally. */
  if (g_str_has_prefix (kind, "referral."))
    return _("Referral outcome recorded");
  return NULL;
}

const char *
jf_desk_event_risk_label (const char *rule)
{
  if (g_strcmp0 (rule, "repeat_dispute") == 0)
    return _("Repeat dispute: the same person again within a year");
  if (g_strcmp0 (rule, "group_dispute") == 0)
    return _("Group dispute: many people involved");
  if (g_strcmp0 (rule, "violence") == 0)
    return _("Risk of violence");
  if (g_strcmp0 (rule, "petition_after_failed_mediation") == 0)
    return _("Petition after a failed mediation");
  return rule;
}

static const char *
icon_for (const char *kind)
{
  if (g_str_has_prefix (kind, "move."))
    return g_str_equal (kind, "move.alert_police") ? "dialog-warning-symbolic"
                                                   : "media-playlist-consecutive-symbolic";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return kinds[i].icon;
  return "emblem-documents-symbolic";
}

static const char *
status_label (const char *name)
{
  JfStatus status;

  return name != NULL && jf_status_from_string (name, &status) ? jf_status_label (status) : name;
}

static void
add_plain (GString    *text,
           const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, value);
}

static void
add_labelled (GString    *text,
              const char *label,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  /* TRANSLATORS: a line of detail on the timeline: a label and its value. */
  g_string_append_printf (text, _("%s: %s"), label, value);
}

static const char *
name_of (JsonObject *object,
         const char *member)
{
  return jf_desk_json_string (jf_desk_json_member_object (object, member), "name");
}

static char *
departments_of (JsonArray *departments)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; departments != NULL && i < json_array_get_length (departments); i++)
    {
      JsonObject *d = jf_desk_json_object (json_array_get_element (departments, i));
      const char *name = name_of (d, "department");

      if (name == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, "、");
      g_string_append (text, name);
      if (g_strcmp0 (jf_desk_json_string (d, "role"), "lead") == 0)
        g_string_append (text, _(" (lead)"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe (const char *kind,
          JsonObject *data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *fields = jf_desk_json_member_object (data, "fields");
  const char *from = jf_desk_json_string (data, "from");
  const char *to = jf_desk_json_string (data, "to");

  if (g_str_equal (kind, "registered"))
    {
      JfKind value;
      const char *k = jf_desk_json_string (data, "kind");

      if (k != NULL && jf_kind_from_string (k, &value))
        add_plain (text, jf_kind_label (value));
    }
  else if (g_str_equal (kind, "move.escalate") || g_str_equal (kind, "move.hand_down"))
    {
      const char *from_org = name_of (data, "from_org");
      const char *to_org = name_of (data, "to_org");

      if (from_org != NULL && to_org != NULL)
        {
          g_autofree char *line = g_strdup_printf (_("From %s to %s"), from_org, to_org);

          add_plain (text, line);
        }
    }
  else if (g_str_equal (kind, "move.whistle"))
    {
      g_autofree char *departments = departments_of (jf_desk_json_member_array (data,
                                                                                "departments"));

      add_labelled (text, _("Departments"), departments);
      add_labelled (text, _("Asked"), jf_desk_json_string (data, "request"));
      if (g_strcmp0 (jf_desk_json_string (data, "urgency"), "urgent") == 0)
        add_plain (text, _("Urgent"));
    }
  else if (g_str_has_prefix (kind, "move."))
    {
      if (from != NULL && to != NULL && g_strcmp0 (from, to) != 0)
        {
          /* TRANSLATORS: a status change on the timeline: from one status to another. */
          g_autofree char *line = g_strdup_printf (_("%s → %s"), status_label (from),
                                                   status_label (to));

          add_plain (text, line);
        }
      add_labelled (text, _("Outcome"), jf_desk_json_string (fields, "outcome"));
      add_labelled (text, _("Reason"), jf_desk_json_string (fields, "reason"));
      add_labelled (text, _("Go instead to"), jf_desk_json_string (fields, "redirect_to"));
      if (jf_desk_json_string (data, "satisfaction") != NULL)
        {
          JfSatisfaction satisfaction;

          if (jf_satisfaction_from_string (jf_desk_json_string (data, "satisfaction"),
                                           &satisfaction))
            add_labelled (text, _("Satisfaction"), jf_satisfaction_label (satisfaction));
        }
    }
  else if (g_str_equal (kind, "assigned"))
    {
      JsonObject *after = jf_desk_json_member_object (data, "after");

      if (after != NULL && jf_desk_json_int (after, "assignee_id", 0) == 0)
        add_plain (text, _("No one is assigned now"));
    }
  else if (g_str_has_prefix (kind, "whistle.") || g_str_equal (kind, "police.alerted"))
    add_plain (text, name_of (data, "department"));
  else if (g_str_equal (kind, "mediation.scheduled"))
    {
      g_autofree char *at = jf_desk_format_time_text (jf_desk_json_string (data, "scheduled_at"));

      add_labelled (text, _("When"), at);
      add_labelled (text, _("Room"), jf_desk_json_string (data, "room"));
    }
  else if (g_str_equal (kind, "mediation.held"))
    {
      const char *outcome = jf_desk_json_string (data, "outcome");
      const char *words = g_strcmp0 (outcome, "agreement") == 0 ? _("Agreement reached")
                          : g_strcmp0 (outcome, "partial") == 0 ? _("Partial agreement")
                          : g_strcmp0 (outcome, "failed") == 0 ? _("No agreement")
                          : g_strcmp0 (outcome, "adjourned") == 0 ? _("Adjourned") : outcome;

      add_labelled (text, _("Outcome"), words);
    }
  else if (g_str_equal (kind, "referral.created"))
    add_labelled (text, _("To"), jf_desk_json_string (data, "target"));
  else if (g_str_has_prefix (kind, "deadline."))
    {
      g_autofree char *due = jf_desk_format_time_text (jf_desk_json_string (data, "due_at"));

      add_labelled (text, _("Due"), due);
    }
  else if (g_str_equal (kind, "risk.flagged"))
    add_plain (text, jf_desk_event_risk_label (jf_desk_json_string (data, "rule")));
  else if (g_str_equal (kind, "agreement.sealed"))
    add_labelled (text, _("Agreement"), jf_desk_json_string (data, "number"));

  add_labelled (text, _("Note"), jf_desk_json_string (data, "note"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

JfDeskEvent *
jf_desk_event_new_from_json (JsonObject *object)
{
  JfDeskEvent *self;
  const char *kind = jf_desk_json_string (object, "kind");
  g_autoptr(GDateTime) time = jf_desk_parse_time (jf_desk_json_string (object, "at"));
  JsonObject *actor = jf_desk_json_member_object (object, "actor");
  const char *role_name = jf_desk_json_string (object, "role");
  const char *org = name_of (object, "org");
  const char *label;
  g_autoptr(GString) who = g_string_new (NULL);
  JfRole role;

  if (kind == NULL || time == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_EVENT, NULL);
  self->seq = jf_desk_json_int (object, "seq", 0);
  self->kind = g_strdup (kind);
  self->time = g_steal_pointer (&time);
  label = jf_desk_event_kind_label (kind);
  self->title = g_strdup (label != NULL ? label : kind);
  if (actor != NULL && jf_desk_json_string (actor, "name") != NULL)
    g_string_append (who, jf_desk_json_string (actor, "name"));
  else
    /* TRANSLATORS: who made a timeline event that no person made (a clock running out). */
    g_string_append (who, _("The system"));
  if (role_name != NULL && jf_role_from_string (role_name, &role))
    g_string_append_printf (who, " · %s", jf_role_label (role));
  if (org != NULL)
    g_string_append_printf (who, " · %s", org);
  self->who = g_string_free (g_steal_pointer (&who), FALSE);
  self->detail = describe (kind, jf_desk_json_member_object (object, "data"));
  self->alert = g_str_equal (kind, "police.alerted") || g_str_equal (kind, "deadline.breached") ||
                g_str_equal (kind, "risk.flagged") ||
                g_str_equal (kind, "whistle.overdue");
  self->icon_name = icon_for (kind);
  return self;
}

gint64
jf_desk_event_get_seq (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), 0);
  return self->seq;
}

const char *
jf_desk_event_get_kind (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->kind;
}

GDateTime *
jf_desk_event_get_time (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->time;
}

const char *
jf_desk_event_get_title (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->title;
}

const char *
jf_desk_event_get_who (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->who;
}

const char *
jf_desk_event_get_detail (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->detail;
}

gboolean
jf_desk_event_is_alert (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), FALSE);
  return self->alert;
}

const char *
jf_desk_event_get_icon_name (JfDeskEvent *self)
{
  g_return_val_if_fail (JF_DESK_IS_EVENT (self), NULL);
  return self->icon_name;
}
