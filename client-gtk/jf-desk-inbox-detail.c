/* jf-desk-inbox-detail.c: the selected whistle and its matter */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-desk-error.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-inbox-detail.h"
#include "jf-desk-resources.h"

typedef enum
{
  FACT_FROM,
  FACT_WHISTLED_AT,
  FACT_URGENCY,
  FACT_ROLE,
  FACT_CHECKIN_DUE,
  FACT_ACTION_DUE,
  FACT_EXTENSION,
  FACT_CHECKED_IN,
  N_FACTS
} Fact;

struct _JfDeskInboxDetail
{
  GtkWidget            parent_instance;

  JfDeskClient        *client;        /* owned */
  JfDeskWhistleTarget *target;        /* owned */
  GCancellable        *cancellable;   /* the matter being read */
  char                *matter_text;
  char                *matter_status_class;
  GtkWidget           *captions[N_FACTS];
  GtkWidget           *cells[N_FACTS];    /* in the grid: the value, or it and a countdown */
  GtkLabel            *values[N_FACTS];
  GtkLabel            *checkin_countdown;
  GtkLabel            *action_countdown;

  /* template children */
  GtkScrolledWindow   *scroller;
  GtkStack            *stack;
  GtkLabel            *number_label;
  GtkLabel            *matter_status_label;
  GtkLabel            *title_label;
  GtkGrid             *facts;
  GtkLabel            *ask_label;
  GtkLabel            *request_label;
  GtkWidget           *feedback_box;
  GtkLabel            *feedback_label;
  GtkLabel            *feedback_meta_label;
  GtkLabel            *matter_label;
  GtkLabel            *narrative_label;
  GtkWidget           *departments_box;
  GtkLabel            *departments_label;
};

G_DEFINE_FINAL_TYPE (JfDeskInboxDetail, jf_desk_inbox_detail, GTK_TYPE_WIDGET)

static const char *fact_captions[N_FACTS] = {
  [FACT_FROM] = N_("Whistled by"),
  [FACT_WHISTLED_AT] = N_("Whistled at"),
  [FACT_URGENCY] = N_("Urgency"),
  [FACT_ROLE] = N_("Your part"),
  [FACT_CHECKIN_DUE] = N_("Check in by"),
  [FACT_ACTION_DUE] = N_("Act and feed back by"),
  [FACT_EXTENSION] = N_("More time"),
  [FACT_CHECKED_IN] = N_("Checked in"),
};

static void
set_fact (JfDeskInboxDetail *self,
          Fact               fact,
          const char        *text)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_text (self->values[fact], shown ? text : "");
  gtk_widget_set_visible (self->captions[fact], shown);
  gtk_widget_set_visible (self->cells[fact], shown);
}

static char *
format_time_or_null (GDateTime *time)
{
  return time != NULL ? jf_desk_format_time (time) : NULL;
}

static void
set_countdown (GtkLabel  *label,
               GDateTime *due,
               GDateTime *now,
               gboolean   running)
{
  static const char * const classes[] = { "deadline-ok", "deadline-warn", "deadline-overdue" };
  g_autofree char *text = NULL;
  const char *css = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  if (due == NULL || !running)
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }
  text = jf_desk_whistle_target_describe_due (due, now, &css);
  gtk_label_set_text (label, text);
  gtk_widget_add_css_class (GTK_WIDGET (label), css);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

void
jf_desk_inbox_detail_tick (JfDeskInboxDetail *self,
                           GDateTime         *now)
{
  JfDeskTargetStatus status;

  g_return_if_fail (JF_DESK_IS_INBOX_DETAIL (self));

  if (self->target == NULL)
    return;
  status = jf_desk_whistle_target_get_status (self->target);
  set_countdown (self->checkin_countdown, jf_desk_whistle_target_get_checkin_due (self->target),
                 now, status == JF_DESK_TARGET_PENDING);
  set_countdown (self->action_countdown, jf_desk_whistle_target_get_action_due (self->target),
                 now, status == JF_DESK_TARGET_PENDING || status == JF_DESK_TARGET_CHECKED_IN);
}

/* --- the target ---------------------------------------------------------------------------- */

static void
show_target (JfDeskInboxDetail *self)
{
  JfDeskWhistleTarget *t = self->target;
  g_autofree char *whistled_at = NULL, *checkin_due = NULL, *action_due = NULL;
  g_autofree char *extension = NULL, *checked_in = NULL, *feedback_meta = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *feedback;

  if (t == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "target");
  gtk_label_set_text (self->number_label, jf_desk_whistle_target_get_matter_number (t));
  gtk_label_set_text (self->title_label, jf_desk_whistle_target_get_matter_title (t));

  whistled_at = format_time_or_null (jf_desk_whistle_target_get_whistled_at (t));
  checkin_due = format_time_or_null (jf_desk_whistle_target_get_checkin_due (t));
  action_due = format_time_or_null (jf_desk_whistle_target_get_action_due (t));
  set_fact (self, FACT_FROM, jf_desk_whistle_target_get_whistle_org (t));
  set_fact (self, FACT_WHISTLED_AT, whistled_at);
  set_fact (self, FACT_URGENCY, jf_desk_whistle_target_is_urgent (t)
            ? _("Urgent") : _("Normal"));
  set_fact (self, FACT_ROLE, jf_desk_whistle_target_is_lead (t)
            ? _("Lead department") : _("Assisting department"));
  set_fact (self, FACT_CHECKIN_DUE, checkin_due);
  set_fact (self, FACT_ACTION_DUE, action_due);
  if (jf_desk_whistle_target_has_extension (t))
    {
      gint64 minutes = jf_desk_whistle_target_get_extension_minutes (t);
      g_autofree char *amount = minutes % 1440 == 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                        (gulong) (minutes / 1440)), (int) (minutes / 1440))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours",
                                        (gulong) (minutes / 60)), (int) (minutes / 60));

      /* TRANSLATORS: the extension granted: how much, and the reason given. */
      extension = g_strdup_printf (_("%s more (used): %s"), amount,
                                   jf_desk_whistle_target_get_extension_reason (t) != NULL
                                   ? jf_desk_whistle_target_get_extension_reason (t) : "");
    }
  set_fact (self, FACT_EXTENSION, extension);
  if (jf_desk_whistle_target_get_checked_in_at (t) != NULL)
    {
      g_autofree char *at = jf_desk_format_time (jf_desk_whistle_target_get_checked_in_at (t));

      /* TRANSLATORS: when the department checked in, and who did. */
      checked_in = g_strdup_printf (_("%s by %s%s"), at,
                                    jf_desk_whistle_target_get_checked_in_by (t) != NULL
                                    ? jf_desk_whistle_target_get_checked_in_by (t) : "",
                                    jf_desk_whistle_target_get_checkin_overdue (t)
                                    ? _(" (late)") : "");
    }
  set_fact (self, FACT_CHECKED_IN, checked_in);
  jf_desk_inbox_detail_tick (self, now);

  gtk_label_set_text (self->ask_label, jf_desk_whistle_target_get_ask (t) != NULL &&
                      *jf_desk_whistle_target_get_ask (t) != '\0'
                      ? jf_desk_whistle_target_get_ask (t) : _("No particular task was named."));
  if (jf_desk_whistle_target_get_request (t) != NULL)
    /* TRANSLATORS: what the whistle asks of all its departments together. */
    request = g_strdup_printf (_("The whistle asks all departments: %s"),
                               jf_desk_whistle_target_get_request (t));
  gtk_label_set_text (self->request_label, request != NULL ? request : "");
  gtk_widget_set_visible (GTK_WIDGET (self->request_label), request != NULL);

  feedback = jf_desk_whistle_target_get_feedback_text (t);
  gtk_widget_set_visible (self->feedback_box, feedback != NULL ||
                          jf_desk_whistle_target_get_sent_back_count (t) > 0);
  gtk_label_set_text (self->feedback_label, feedback != NULL ? feedback : "");
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), feedback != NULL);
  if (jf_desk_whistle_target_get_sent_back_count (t) > 0 &&
      jf_desk_whistle_target_get_status (t) == JF_DESK_TARGET_CHECKED_IN)
    feedback_meta = g_strdup_printf (_("Sent back by the whistling centre: %s"),
                                     jf_desk_whistle_target_get_sent_back_note (t) != NULL
                                     ? jf_desk_whistle_target_get_sent_back_note (t) : "");
  else if (jf_desk_whistle_target_get_feedback_at (t) != NULL)
    {
      g_autofree char *at = jf_desk_format_time (jf_desk_whistle_target_get_feedback_at (t));
      guint n = jf_desk_whistle_target_get_feedback_n_attachments (t);
      g_autofree char *files = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     ", %u attachment",
                                                                     ", %u attachments", n), n)
                               : g_strdup ("");

      feedback_meta = jf_desk_whistle_target_get_rating (t) > 0
        /* TRANSLATORS: when the feedback was given, its attachments, the rating (1–5). */
        ? g_strdup_printf (_("Fed back %s%s; verified, rated %u of 5"), at, files,
                           jf_desk_whistle_target_get_rating (t))
        /* TRANSLATORS: when the feedback was given, and its attachments. */
        : g_strdup_printf (_("Fed back %s%s"), at, files);
    }
  gtk_label_set_text (self->feedback_meta_label, feedback_meta != NULL ? feedback_meta : "");
}

/* --- the matter ---------------------------------------------------------------------------- */

static void
set_matter_text (JfDeskInboxDetail *self,
                 const char        *text,
                 const char        *narrative)
{
  g_free (self->matter_text);
  self->matter_text = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->matter_label, self->matter_text);
  gtk_label_set_text (self->narrative_label, narrative != NULL ? narrative : "");
  gtk_widget_set_visible (GTK_WIDGET (self->narrative_label),
                          narrative != NULL && *narrative != '\0');
}

static void
set_matter_status (JfDeskInboxDetail *self,
                   const char        *name)
{
  JfStatus status;

  if (self->matter_status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->matter_status_label),
                                 self->matter_status_class);
  g_clear_pointer (&self->matter_status_class, g_free);
  if (!jf_status_from_string (name, &status))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->matter_status_label), FALSE);
      return;
    }
  self->matter_status_class = g_strconcat ("status-", name, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->matter_status_label), self->matter_status_class);
  gtk_label_set_text (self->matter_status_label, jf_status_label (status));
  gtk_widget_set_visible (GTK_WIDGET (self->matter_status_label), TRUE);
}

static char *
describe_matter (JsonObject *matter)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObject *location = jf_desk_json_member_object (matter, "location");
  JsonObject *registered = jf_desk_json_member_object (matter, "registered");
  JsonArray *parties = jf_desk_json_member_array (matter, "parties");
  const char *kind_name = jf_desk_json_string (matter, "kind");
  const char *category_name = jf_desk_json_string (matter, "category");
  const char *address = jf_desk_json_string (location, "address");
  JfKind kind;
  JfCategory category;

  /* TRANSLATORS: the kind of matter and its category. */
  g_string_append_printf (text, _("Kind: %s · %s"),
                          jf_kind_from_string (kind_name, &kind) ? jf_kind_label (kind)
                          : kind_name != NULL ? kind_name : "",
                          jf_category_from_string (category_name, &category)
                          ? jf_category_label (category)
                          : category_name != NULL ? category_name : "");
  g_string_append_c (text, '\n');
  /* TRANSLATORS: where the matter happened: the unit, then the address. */
  g_string_append_printf (text, _("Place: %s %s"),
                          jf_desk_json_string (jf_desk_json_member_object (location, "org"),
                                               "name") != NULL
                          ? jf_desk_json_string (jf_desk_json_member_object (location, "org"),
                                                 "name") : "",
                          address != NULL ? address : "");
  if (parties != NULL && json_array_get_length (parties) > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Parties: "));
      for (guint i = 0; i < json_array_get_length (parties); i++)
        {
          JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));
          const char *role_name = jf_desk_json_string (party, "role");
          JfPartyRole role;

          if (i > 0)
            g_string_append (text, _(", "));
          /* TRANSLATORS: a party of the matter and their role ("张三（申请人）"). */
          g_string_append_printf (text, _("%s (%s)"),
                                  jf_desk_json_string (party, "name") != NULL
                                  ? jf_desk_json_string (party, "name") : "",
                                  jf_party_role_from_string (role_name, &role)
                                  ? jf_party_role_label (role) : "");
        }
    }
  if (registered != NULL)
    {
      g_autofree char *at = jf_desk_format_time_text (jf_desk_json_string (registered, "at"));
      const char *by = jf_desk_json_string (jf_desk_json_member_object (registered, "by"),
                                            "name");

      g_string_append_c (text, '\n');
      /* TRANSLATORS: when and by whom the matter was registered. */
      g_string_append_printf (text, _("Registered: %s · %s"), at != NULL ? at : "",
                              by != NULL ? by : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
matter_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskInboxDetail) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *matter = jf_desk_json_object (root);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->target == NULL)
    return;
  if (matter == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      text = g_strdup_printf (_("The matter could not be read: %s"), description);
      set_matter_text (self, text, NULL);
      return;
    }
  text = describe_matter (matter);
  set_matter_text (self, text, jf_desk_json_string (matter, "narrative"));
  set_matter_status (self, jf_desk_json_string (matter, "status"));
}

static const char *
role_label (const char *role)
{
  return g_strcmp0 (role, "lead") == 0 ? _("lead") : _("assisting");
}

static const char *
target_status_label (const char *status)
{
  if (g_strcmp0 (status, "pending") == 0)
    return _("Awaiting check-in");
  if (g_strcmp0 (status, "checked_in") == 0)
    return _("Checked in");
  if (g_strcmp0 (status, "fed_back") == 0)
    return _("Fed back");
  if (g_strcmp0 (status, "verified") == 0)
    return _("Verified");
  return _("Recalled");
}

static void
whistles_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskInboxDetail) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *whistles = root != NULL && JSON_NODE_HOLDS_ARRAY (root)
                        ? json_node_get_array (root) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->target == NULL)
    return;
  /* The whistle this target belongs to: the one that lists it. */
  for (guint i = 0; whistles != NULL && i < json_array_get_length (whistles); i++)
    {
      JsonObject *whistle = jf_desk_json_object (json_array_get_element (whistles, i));
      JsonArray *targets = jf_desk_json_member_array (whistle, "targets");
      gboolean ours = FALSE;

      for (guint j = 0; targets != NULL && j < json_array_get_length (targets); j++)
        if (jf_desk_json_int (jf_desk_json_object (json_array_get_element (targets, j)), "id",
                             0) == jf_desk_whistle_target_get_id (self->target))
          ours = TRUE;
      if (!ours)
        continue;
      for (guint j = 0; targets != NULL && j < json_array_get_length (targets); j++)
        {
          JsonObject *target = jf_desk_json_object (json_array_get_element (targets, j));
          const char *name = jf_desk_json_string (jf_desk_json_member_object (target,
                                                                              "department"),
                                                  "name");

          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* TRANSLATORS: a department of the whistle: its name, its part, its status. */
          g_string_append_printf (text, _("%s · %s · %s"), name != NULL ? name : "",
                                  role_label (jf_desk_json_string (target, "role")),
                                  target_status_label (jf_desk_json_string (target, "status")));
        }
      break;
    }
  gtk_label_set_text (self->departments_label, text->str);
  gtk_widget_set_visible (self->departments_box, text->len > 0);
}

static void
load_matter (JfDeskInboxDetail *self)
{
  g_autofree char *path = NULL;
  g_autofree char *whistles_path = NULL;
  gint64 id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_matter_status (self, NULL);
  gtk_widget_set_visible (self->departments_box, FALSE);
  if (self->target == NULL || self->client == NULL)
    {
      set_matter_text (self, NULL, NULL);
      return;
    }
  set_matter_text (self, _("Reading the matter…"), NULL);
  self->cancellable = g_cancellable_new ();
  id = jf_desk_whistle_target_get_matter_id (self->target);
  path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT, id);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                matter_cb, g_object_ref (self));
  whistles_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/whistles", id);
  jf_desk_client_request_async (self->client, "GET", whistles_path, NULL, NULL,
                                self->cancellable, whistles_cb, g_object_ref (self));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_inbox_detail_dispose (GObject *object)
{
  JfDeskInboxDetail *self = JF_DESK_INBOX_DETAIL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_INBOX_DETAIL);
  g_clear_object (&self->target);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_inbox_detail_parent_class)->dispose (object);
}

static void
jf_desk_inbox_detail_finalize (GObject *object)
{
  JfDeskInboxDetail *self = JF_DESK_INBOX_DETAIL (object);

  g_free (self->matter_text);
  g_free (self->matter_status_class);
  G_OBJECT_CLASS (jf_desk_inbox_detail_parent_class)->finalize (object);
}

static void
jf_desk_inbox_detail_class_init (JfDeskInboxDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_inbox_detail_dispose;
  object_class->finalize = jf_desk_inbox_detail_finalize;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-inbox-detail.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskInboxDetail, name)
  BIND (scroller);
  BIND (stack);
  BIND (number_label);
  BIND (matter_status_label);
  BIND (title_label);
  BIND (facts);
  BIND (ask_label);
  BIND (request_label);
  BIND (feedback_box);
  BIND (feedback_label);
  BIND (feedback_meta_label);
  BIND (matter_label);
  BIND (narrative_label);
  BIND (departments_box);
  BIND (departments_label);
#undef BIND
}

static GtkLabel *
value_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  return GTK_LABEL (label);
}

static void
jf_desk_inbox_detail_init (JfDeskInboxDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Caption and value pairs; the deadlines have their countdown under the time. */
  for (guint i = 0; i < N_FACTS; i++)
    {
      GtkWidget *caption = gtk_label_new (g_dgettext (GETTEXT_PACKAGE, fact_captions[i]));
      GtkWidget *value;

      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_label_set_yalign (GTK_LABEL (caption), 0);
      gtk_widget_add_css_class (caption, "field-label");
      self->captions[i] = caption;
      self->values[i] = value_label ();
      value = GTK_WIDGET (self->values[i]);
      if (i == FACT_CHECKIN_DUE || i == FACT_ACTION_DUE)
        {
          GtkLabel *countdown = value_label ();

          value = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          gtk_box_append (GTK_BOX (value), GTK_WIDGET (self->values[i]));
          gtk_box_append (GTK_BOX (value), GTK_WIDGET (countdown));
          gtk_accessible_update_property (GTK_ACCESSIBLE (countdown),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          g_dgettext (GETTEXT_PACKAGE, fact_captions[i]), -1);
          if (i == FACT_CHECKIN_DUE)
            self->checkin_countdown = countdown;
          else
            self->action_countdown = countdown;
        }
      self->cells[i] = value;
      gtk_label_set_mnemonic_widget (GTK_LABEL (caption), GTK_WIDGET (self->values[i]));
      gtk_grid_attach (self->facts, caption, 0, (int) i, 1, 1);
      gtk_grid_attach (self->facts, value, 1, (int) i, 1, 1);
    }
  show_target (self);
}

void
jf_desk_inbox_detail_set_client (JfDeskInboxDetail *self,
                                 JfDeskClient      *client)
{
  g_return_if_fail (JF_DESK_IS_INBOX_DETAIL (self));
  g_set_object (&self->client, client);
}

void
jf_desk_inbox_detail_set_target (JfDeskInboxDetail   *self,
                                 JfDeskWhistleTarget *target,
                                 gboolean             reload)
{
  gboolean other;

  g_return_if_fail (JF_DESK_IS_INBOX_DETAIL (self));

  other = target != self->target;
  g_set_object (&self->target, target);
  show_target (self);
  if (other || reload)
    {
      if (other)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      load_matter (self);
    }
}

JfDeskWhistleTarget *
jf_desk_inbox_detail_get_target (JfDeskInboxDetail *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_DETAIL (self), NULL);
  return self->target;
}

const char *
jf_desk_inbox_detail_get_matter_text (JfDeskInboxDetail *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_DETAIL (self), "");
  return self->matter_text != NULL ? self->matter_text : "";
}
