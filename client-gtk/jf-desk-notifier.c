/* jf-desk-notifier.c: stream messages that become desktop notifications */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-event.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-notifier.h"

struct _JfDeskNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak: it owns us */
  JfDeskStream *stream;        /* owned */
  guint         n_sent;
  char         *last_number;
};

G_DEFINE_FINAL_TYPE (JfDeskNotifier, jf_desk_notifier, G_TYPE_OBJECT)

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

GNotification *
jf_desk_notifier_build (JsonObject *event)
{
  const char *kind = jf_desk_json_string (event, "kind");
  JsonObject *payload = jf_desk_json_member_object (event, "payload");
  const char *number = or_empty (jf_desk_json_string (payload, "number"));
  const char *title = or_empty (jf_desk_json_string (payload, "title"));
  gint64 matter_id = jf_desk_json_int (event, "matter_id", 0);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *due = jf_desk_format_time_text (jf_desk_json_string (payload, "due_at"));
  GNotificationPriority priority = G_NOTIFICATION_PRIORITY_NORMAL;
  GNotification *notification;

  if (g_strcmp0 (kind, "whistle.received") == 0)
    {
      g_autofree char *check_in =
        jf_desk_format_time_text (jf_desk_json_string (payload, "checkin_due_at"));
      gboolean urgent = g_strcmp0 (jf_desk_json_string (payload, "urgency"), "urgent") == 0;

      if (jf_desk_json_bool (payload, "sent_back"))
        heading = g_strdup_printf (_("Feedback sent back: %s"), number);
      else
        /* TRANSLATORS: a desktop notification: a centre blew the whistle to the user's
         * department about matter %s. */
        heading = g_strdup_printf (urgent ? _("Urgent whistle to your department: %s")
                                          : _("Whistle to your department: %s"), number);
      body = check_in != NULL
        ? g_strdup_printf (_("%s\nCheck in by %s."), title, check_in)
        : g_strdup (title);
      priority = urgent ? G_NOTIFICATION_PRIORITY_URGENT : G_NOTIFICATION_PRIORITY_HIGH;
    }
  else if (g_strcmp0 (kind, "deadline.warning") == 0)
    {
      heading = g_strdup_printf (_("Deadline close: %s"), number);
      body = due != NULL ? g_strdup_printf (_("%s\nDue %s."), title, due) : g_strdup (title);
      priority = G_NOTIFICATION_PRIORITY_HIGH;
    }
  else if (g_strcmp0 (kind, "deadline.breached") == 0)
    {
      heading = g_strdup_printf (_("Deadline passed: %s"), number);
      body = due != NULL ? g_strdup_printf (_("%s\nIt was due %s."), title, due)
                         : g_strdup (title);
      priority = G_NOTIFICATION_PRIORITY_URGENT;
    }
  else if (g_strcmp0 (kind, "supervision") == 0)
    {
      const char *owner = jf_desk_json_string (jf_desk_json_member_object (payload, "owner"),
                                               "name");

      heading = g_strdup_printf (_("Supervision notice: %s"), number);
      body = owner != NULL
        ? g_strdup_printf (_("%s\n%s has let its deadline pass: see that it is dealt with."),
                           title, owner)
        : g_strdup (title);
      priority = G_NOTIFICATION_PRIORITY_HIGH;
    }
  else if (g_strcmp0 (kind, "risk.alert") == 0)
    {
      heading = g_strdup_printf (_("Risk flagged: %s"), number);
      body = g_strdup_printf ("%s\n%s", title, jf_desk_event_risk_label (
                                                 jf_desk_json_string (payload, "rule")));
      priority = G_NOTIFICATION_PRIORITY_HIGH;
    }
  else if (g_strcmp0 (kind, "police.alert") == 0)
    {
      heading = g_strdup_printf (_("Police alert: %s"), number);
      body = g_strdup_printf ("%s\n%s", title, or_empty (jf_desk_json_string (payload, "note")));
      priority = G_NOTIFICATION_PRIORITY_URGENT;
    }
  else
    return NULL;

  notification = g_notification_new (heading);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, priority);
  if (matter_id > 0)
    g_notification_set_default_action_and_target (notification, "app.open-matter", "x",
                                                  matter_id);
  return notification;
}

static void
event_cb (JfDeskNotifier *self,
          JsonObject     *event)
{
  g_autoptr(GNotification) notification = jf_desk_notifier_build (event);
  g_autofree char *id = NULL;

  if (notification == NULL || self->application == NULL ||
      !g_application_get_is_registered (self->application))
    return;
  /* One notification per matter and kind: a second warning replaces the first. */
  id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, jf_desk_json_string (event, "kind"),
                        jf_desk_json_int (event, "matter_id", 0));
  g_application_send_notification (self->application, id, notification);
  self->n_sent++;
  g_free (self->last_number);
  self->last_number = g_strdup (jf_desk_json_string (jf_desk_json_member_object (event,
                                                                                "payload"),
                                                    "number"));
}

static void
jf_desk_notifier_dispose (GObject *object)
{
  JfDeskNotifier *self = JF_DESK_NOTIFIER (object);

  if (self->stream != NULL)
    g_signal_handlers_disconnect_by_data (self->stream, self);
  g_clear_object (&self->stream);
  g_clear_weak_pointer (&self->application);
  G_OBJECT_CLASS (jf_desk_notifier_parent_class)->dispose (object);
}

static void
jf_desk_notifier_finalize (GObject *object)
{
  g_free (JF_DESK_NOTIFIER (object)->last_number);
  G_OBJECT_CLASS (jf_desk_notifier_parent_class)->finalize (object);
}

static void
jf_desk_notifier_class_init (JfDeskNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jf_desk_notifier_dispose;
  G_OBJECT_CLASS (klass)->finalize = jf_desk_notifier_finalize;
}

static void
jf_desk_notifier_init (JfDeskNotifier *self)
{
}

JfDeskNotifier *
jf_desk_notifier_new (GApplication *application,
                      JfDeskStream *stream)
{
  JfDeskNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (JF_DESK_IS_STREAM (stream), NULL);

  self = g_object_new (JF_DESK_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->stream = g_object_ref (stream);
  g_signal_connect_swapped (stream, "event", G_CALLBACK (event_cb), self);
  return self;
}

guint
jf_desk_notifier_get_n_sent (JfDeskNotifier *self)
{
  g_return_val_if_fail (JF_DESK_IS_NOTIFIER (self), 0);
  return self->n_sent;
}

const char *
jf_desk_notifier_get_last_number (JfDeskNotifier *self)
{
  g_return_val_if_fail (JF_DESK_IS_NOTIFIER (self), NULL);
  return self->last_number;
}
