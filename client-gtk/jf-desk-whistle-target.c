/* jf-desk-whistle-target.c: a department's part in a whistle */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-whistle-target.h"

struct _JfDeskWhistleTarget
{
  GObject             parent_instance;

  gint64              id;
  guint               revision;
  JfDeskTargetStatus  status;
  gboolean            lead;
  gboolean            urgent;
  char               *ask;
  char               *request;
  char               *department_name;
  GDateTime          *checkin_due;
  GDateTime          *action_due;
  gboolean            checkin_overdue;
  gboolean            action_overdue;
  gboolean            has_extension;
  char               *extension_reason;
  gint64              extension_minutes;
  GDateTime          *checked_in_at;
  char               *checked_in_by;
  char               *feedback_text;
  GDateTime          *feedback_at;
  guint               feedback_n_attachments;
  guint               sent_back_count;
  char               *sent_back_note;
  guint               rating;
  gint64              matter_id;
  char               *matter_number;
  char               *matter_title;
  char               *whistle_org;
  GDateTime          *whistled_at;
};

G_DEFINE_FINAL_TYPE (JfDeskWhistleTarget, jf_desk_whistle_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *name;
  const char *label;
} statuses[] = {
  [JF_DESK_TARGET_PENDING] = { "pending", N_("Awaiting check-in") },
  [JF_DESK_TARGET_CHECKED_IN] = { "checked_in", N_("Checked in") },
  [JF_DESK_TARGET_FED_BACK] = { "fed_back", N_("Fed back") },
  [JF_DESK_TARGET_VERIFIED] = { "verified", N_("Verified") },
  [JF_DESK_TARGET_CANCELLED] = { "cancelled", N_("Recalled") },
};

static void
clear_fields (JfDeskWhistleTarget *self)
{
  g_clear_pointer (&self->ask, g_free);
  g_clear_pointer (&self->request, g_free);
  g_clear_pointer (&self->department_name, g_free);
  g_clear_pointer (&self->checkin_due, g_date_time_unref);
  g_clear_pointer (&self->action_due, g_date_time_unref);
  g_clear_pointer (&self->extension_reason, g_free);
  g_clear_pointer (&self->checked_in_at, g_date_time_unref);
  g_clear_pointer (&self->checked_in_by, g_free);
  g_clear_pointer (&self->feedback_text, g_free);
  g_clear_pointer (&self->feedback_at, g_date_time_unref);
  g_clear_pointer (&self->sent_back_note, g_free);
  g_clear_pointer (&self->matter_number, g_free);
  g_clear_pointer (&self->matter_title, g_free);
  g_clear_pointer (&self->whistle_org, g_free);
  g_clear_pointer (&self->whistled_at, g_date_time_unref);
}

static void
jf_desk_whistle_target_finalize (GObject *object)
{
  clear_fields (JF_DESK_WHISTLE_TARGET (object));
  G_OBJECT_CLASS (jf_desk_whistle_target_parent_class)->finalize (object);
}

static void
jf_desk_whistle_target_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  JfDeskWhistleTarget *self = JF_DESK_WHISTLE_TARGET (object);

  switch (prop_id)
    {
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_whistle_target_class_init (JfDeskWhistleTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_whistle_target_finalize;
  object_class->get_property = jf_desk_whistle_target_get_property;

  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_whistle_target_init (JfDeskWhistleTarget *self)
{
}

static gboolean
status_from_string (const char         *text,
                    JfDeskTargetStatus *out_status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (statuses[i].name, text) == 0)
      {
        *out_status = (JfDeskTargetStatus) i;
        return TRUE;
      }
  return FALSE;
}

static GDateTime *
time_member (JsonObject *object,
             const char *member)
{
  return jf_desk_parse_time (jf_desk_json_string (object, member));
}

static char *
actor_name (JsonObject *step)
{
  JsonObject *by = jf_desk_json_member_object (step, "by");
  const char *name = jf_desk_json_string (by, "name");

  return g_strdup (name != NULL ? name : jf_desk_json_string (by, "username"));
}

/* The fields as @object gives them; the matter and the whistle are kept when a step's
 * answer leaves them out. */
static void
read_fields (JfDeskWhistleTarget *self,
             JsonObject          *object,
             JfDeskTargetStatus   status)
{
  JsonObject *matter = jf_desk_json_member_object (object, "matter");
  JsonObject *whistle = jf_desk_json_member_object (object, "whistle");
  JsonObject *overdue = jf_desk_json_member_object (object, "overdue");
  JsonObject *checked_in = jf_desk_json_member_object (object, "checked_in");
  JsonObject *feedback = jf_desk_json_member_object (object, "feedback");
  JsonObject *extension = jf_desk_json_member_object (object, "extension");
  JsonObject *sent_back = jf_desk_json_member_object (object, "sent_back");
  JsonObject *verified = jf_desk_json_member_object (object, "verified");
  g_autofree char *matter_number = NULL, *matter_title = NULL, *whistle_org = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GDateTime) whistled_at = NULL;
  gint64 matter_id = self->matter_id;
  gboolean urgent = self->urgent;
  JsonArray *attachments;

  if (matter != NULL)
    {
      matter_id = jf_desk_json_int (matter, "id", matter_id);
      matter_number = g_strdup (jf_desk_json_string (matter, "number"));
      matter_title = g_strdup (jf_desk_json_string (matter, "title"));
    }
  else
    {
      matter_number = g_steal_pointer (&self->matter_number);
      matter_title = g_steal_pointer (&self->matter_title);
    }
  if (whistle != NULL)
    {
      whistle_org = g_strdup (jf_desk_json_string (jf_desk_json_member_object (whistle, "org"),
                                                   "name"));
      whistled_at = time_member (whistle, "created_at");
      request = g_strdup (jf_desk_json_string (whistle, "request"));
      urgent = g_strcmp0 (jf_desk_json_string (whistle, "urgency"), "urgent") == 0;
    }
  else
    {
      whistle_org = g_steal_pointer (&self->whistle_org);
      whistled_at = g_steal_pointer (&self->whistled_at);
      request = g_steal_pointer (&self->request);
    }

  clear_fields (self);
  self->status = status;
  self->lead = g_strcmp0 (jf_desk_json_string (object, "role"), "lead") == 0;
  self->urgent = urgent;
  self->ask = g_strdup (jf_desk_json_string (object, "ask"));
  self->request = g_steal_pointer (&request);
  self->department_name = g_strdup (jf_desk_json_string (
    jf_desk_json_member_object (object, "department"), "name"));
  self->checkin_due = time_member (object, "checkin_due_at");
  self->action_due = time_member (object, "action_due_at");
  self->checkin_overdue = jf_desk_json_bool (overdue, "checkin");
  self->action_overdue = jf_desk_json_bool (overdue, "action");
  self->has_extension = extension != NULL;
  self->extension_reason = g_strdup (jf_desk_json_string (extension, "reason"));
  self->extension_minutes = jf_desk_json_int (extension, "minutes", 0);
  self->checked_in_at = time_member (checked_in, "at");
  self->checked_in_by = checked_in != NULL ? actor_name (checked_in) : NULL;
  self->feedback_text = g_strdup (jf_desk_json_string (feedback, "text"));
  self->feedback_at = time_member (feedback, "at");
  attachments = jf_desk_json_member_array (feedback, "attachments");
  self->feedback_n_attachments = attachments != NULL ? json_array_get_length (attachments) : 0;
  self->sent_back_count = (guint) CLAMP (jf_desk_json_int (sent_back, "count", 0), 0, G_MAXINT);
  self->sent_back_note = g_strdup (jf_desk_json_string (sent_back, "note"));
  self->rating = (guint) CLAMP (jf_desk_json_int (verified, "rating", 0), 0, 5);
  self->matter_id = matter_id;
  self->matter_number = g_steal_pointer (&matter_number);
  self->matter_title = g_steal_pointer (&matter_title);
  self->whistle_org = g_steal_pointer (&whistle_org);
  self->whistled_at = g_steal_pointer (&whistled_at);
}

JfDeskWhistleTarget *
jf_desk_whistle_target_new_from_json (JsonObject *object)
{
  JfDeskWhistleTarget *self;
  JfDeskTargetStatus status;
  gint64 id = jf_desk_json_int (object, "id", 0);

  if (id <= 0 || !status_from_string (jf_desk_json_string (object, "status"), &status) ||
      jf_desk_json_int (jf_desk_json_member_object (object, "matter"), "id", 0) <= 0)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_WHISTLE_TARGET, NULL);
  self->id = id;
  read_fields (self, object, status);
  return self;
}

gboolean
jf_desk_whistle_target_update (JfDeskWhistleTarget *self,
                               JsonObject          *object)
{
  JfDeskTargetStatus status;

  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);

  if (jf_desk_json_int (object, "id", 0) != self->id ||
      !status_from_string (jf_desk_json_string (object, "status"), &status))
    return FALSE;
  read_fields (self, object, status);
  self->revision++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  return TRUE;
}

guint
jf_desk_whistle_target_get_revision (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->revision;
}

gint64
jf_desk_whistle_target_get_id (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->id;
}

JfDeskTargetStatus
jf_desk_whistle_target_get_status (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), JF_DESK_TARGET_CANCELLED);
  return self->status;
}

const char *
jf_desk_whistle_target_get_status_label (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), "");
  /* Sent back: checked in again, with feedback owed once more. */
  if (self->status == JF_DESK_TARGET_CHECKED_IN && self->sent_back_count > 0)
    return _("Sent back");
  return g_dgettext (GETTEXT_PACKAGE, statuses[self->status].label);
}

const char *
jf_desk_whistle_target_get_status_name (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), "");
  return statuses[self->status].name;
}

gboolean
jf_desk_whistle_target_is_lead (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->lead;
}

gboolean
jf_desk_whistle_target_is_urgent (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->urgent;
}

const char *
jf_desk_whistle_target_get_ask (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->ask;
}

const char *
jf_desk_whistle_target_get_request (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->request;
}

const char *
jf_desk_whistle_target_get_department_name (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->department_name;
}

GDateTime *
jf_desk_whistle_target_get_current_due (JfDeskWhistleTarget *self,
                                        gboolean            *out_is_checkin)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);

  if (out_is_checkin != NULL)
    *out_is_checkin = self->status == JF_DESK_TARGET_PENDING;
  switch (self->status)
    {
    case JF_DESK_TARGET_PENDING:
      return self->checkin_due;
    case JF_DESK_TARGET_CHECKED_IN:
      return self->action_due;
    case JF_DESK_TARGET_FED_BACK:
    case JF_DESK_TARGET_VERIFIED:
    case JF_DESK_TARGET_CANCELLED:
    default:
      return NULL;
    }
}

GDateTime *
jf_desk_whistle_target_get_checkin_due (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->checkin_due;
}

GDateTime *
jf_desk_whistle_target_get_action_due (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->action_due;
}

gboolean
jf_desk_whistle_target_get_checkin_overdue (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->checkin_overdue;
}

gboolean
jf_desk_whistle_target_get_action_overdue (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->action_overdue;
}

gboolean
jf_desk_whistle_target_can_check_in (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->status == JF_DESK_TARGET_PENDING;
}

gboolean
jf_desk_whistle_target_can_feed_back (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->status == JF_DESK_TARGET_CHECKED_IN;
}

gboolean
jf_desk_whistle_target_can_extend (JfDeskWhistleTarget *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);

  if (self->has_extension || (self->status != JF_DESK_TARGET_PENDING &&
                              self->status != JF_DESK_TARGET_CHECKED_IN))
    return FALSE;
  /* Not after the action deadline: the server refuses it then. */
  now = g_date_time_new_now_utc ();
  return self->action_due == NULL || g_date_time_compare (now, self->action_due) < 0;
}

gboolean
jf_desk_whistle_target_has_extension (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), FALSE);
  return self->has_extension;
}

const char *
jf_desk_whistle_target_get_extension_reason (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->extension_reason;
}

gint64
jf_desk_whistle_target_get_extension_minutes (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->extension_minutes;
}

GDateTime *
jf_desk_whistle_target_get_checked_in_at (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->checked_in_at;
}

const char *
jf_desk_whistle_target_get_checked_in_by (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->checked_in_by;
}

const char *
jf_desk_whistle_target_get_feedback_text (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->feedback_text;
}

GDateTime *
jf_desk_whistle_target_get_feedback_at (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->feedback_at;
}

guint
jf_desk_whistle_target_get_feedback_n_attachments (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->feedback_n_attachments;
}

guint
jf_desk_whistle_target_get_sent_back_count (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->sent_back_count;
}

const char *
jf_desk_whistle_target_get_sent_back_note (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->sent_back_note;
}

guint
jf_desk_whistle_target_get_rating (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->rating;
}

gint64
jf_desk_whistle_target_get_matter_id (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), 0);
  return self->matter_id;
}

const char *
jf_desk_whistle_target_get_matter_number (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->matter_number != NULL ? self->matter_number : "";
}

const char *
jf_desk_whistle_target_get_matter_title (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->matter_title != NULL ? self->matter_title : "";
}

const char *
jf_desk_whistle_target_get_whistle_org (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->whistle_org != NULL ? self->whistle_org : "";
}

GDateTime *
jf_desk_whistle_target_get_whistled_at (JfDeskWhistleTarget *self)
{
  g_return_val_if_fail (JF_DESK_IS_WHISTLE_TARGET (self), NULL);
  return self->whistled_at;
}

char *
jf_desk_whistle_target_describe_due (GDateTime   *due,
                                     GDateTime   *now,
                                     const char **out_class)
{
  GTimeSpan span;
  gboolean overdue;
  int minutes, seconds;

  g_return_val_if_fail (due != NULL && now != NULL, NULL);

  span = g_date_time_difference (due, now);
  overdue = span < 0;
  if (out_class != NULL)
    *out_class = overdue ? "deadline-overdue"
                 : span < G_TIME_SPAN_HOUR ? "deadline-warn" : "deadline-ok";
  if (ABS (span) >= 10 * G_TIME_SPAN_MINUTE)
    return jf_desk_format_time_left (due, now);
  /* The last minutes of an urgent check-in are counted to the second. */
  span = ABS (span) / G_TIME_SPAN_SECOND;
  minutes = (int) (span / 60);
  seconds = (int) (span % 60);
  return overdue
    /* TRANSLATORS: minutes and seconds past a deadline. */
    ? g_strdup_printf (_("%d min %02d s overdue"), minutes, seconds)
    /* TRANSLATORS: minutes and seconds until a deadline. */
    : g_strdup_printf (_("%d min %02d s left"), minutes, seconds);
}
