/* jf-desk-admin-calendar.c: the holiday calendar */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "jf-calendar.h"
#include "jf-error.h"
#include "jf-desk-admin-calendar.h"
#include "jf-desk-columns.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"

enum { KIND_OFF, KIND_WORK };

struct _JfDeskAdminCalendar
{
  GtkWidget           parent_instance;

  JfDeskClient       *client;        /* owned */
  GListStore         *days;          /* owned; of JfDeskRecord */
  GtkSingleSelection *selection;     /* owned */
  GCancellable       *cancellable;   /* the year being read */
  GCancellable       *save_cancellable;
  char               *select_day;    /* to select once the year is read */
  char               *status;
  gboolean            loading;
  gboolean            started;

  /* template children */
  GtkSpinButton      *year_spin;
  GtkStack           *stack;
  GtkColumnView      *view;
  AdwStatusPage      *error_page;
  GtkWidget          *form;
  GtkEntry           *day_entry;
  GtkLabel           *day_error;
  GtkDropDown        *kind_dropdown;
  GtkEntry           *name_entry;
  GtkLabel           *name_error;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (JfDeskAdminCalendar, jf_desk_admin_calendar, GTK_TYPE_WIDGET)

static const char *weekdays[] = {
  NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
  N_("Saturday"), N_("Sunday"),
};

static void load (JfDeskAdminCalendar *self);

static void
set_status (JfDeskAdminCalendar *self,
            const char          *text)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

/* A civil date "YYYY-MM-DD", or FALSE. */
static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int year, month, day;

  if (text == NULL || !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
    return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
day_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "day"));
}

static char *
weekday_text (gpointer item)
{
  GDate date;

  if (!parse_day (jf_desk_record_get_string (item, "day"), &date))
    return NULL;
  return g_strdup (g_dgettext (GETTEXT_PACKAGE, weekdays[g_date_get_weekday (&date)]));
}

static char *
kind_text (gpointer item)
{
  return g_strdup (g_strcmp0 (jf_desk_record_get_string (item, "kind"), "work") == 0
                   ? _("Make-up working day") : _("Day off"));
}

static const char *
kind_style (gpointer item)
{
  return g_strcmp0 (jf_desk_record_get_string (item, "kind"), "work") == 0 ? "accent" : "warning";
}

static char *
name_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "name"));
}

static JfDeskRecord *
selected (JfDeskAdminCalendar *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (JfDeskAdminCalendar *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.remove", selected (self) != NULL);
}

/* The selected day in the form, to change its name or kind. */
static void
selection_changed_cb (JfDeskAdminCalendar *self)
{
  JfDeskRecord *day = selected (self);

  update_actions (self);
  if (day == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->day_entry), jf_desk_record_get_string (day, "day"));
  gtk_drop_down_set_selected (self->kind_dropdown,
                              g_strcmp0 (jf_desk_record_get_string (day, "kind"), "work") == 0
                              ? KIND_WORK : KIND_OFF);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         jf_desk_record_get_string (day, "name") != NULL
                         ? jf_desk_record_get_string (day, "name") : "");
  jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, NULL);
}

/* --- reading a year ------------------------------------------------------------------------ */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskAdminCalendar) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *keep = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->days == NULL)
    return;
  self->loading = FALSE;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  keep = g_steal_pointer (&self->select_day);
  records = jf_desk_records_from_json (root);
  g_list_store_splice (self->days, 0, g_list_model_get_n_items (G_LIST_MODEL (self->days)),
                       records->pdata, records->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; keep != NULL && i < records->len; i++)
    if (g_strcmp0 (jf_desk_record_get_string (g_ptr_array_index (records, i), "day"), keep) == 0)
      {
        gtk_single_selection_set_selected (self->selection, i);
        jf_desk_column_view_scroll_to (self->view, i);
      }
  gtk_stack_set_visible_child_name (self->stack, records->len > 0 ? "list" : "empty");
  update_actions (self);
}

static void
load (JfDeskAdminCalendar *self)
{
  g_autofree char *path = NULL;

  if (self->client == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  path = g_strdup_printf ("/v1/calendar?year=%d", gtk_spin_button_get_value_as_int (self->year_spin));
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                loaded_cb, g_object_ref (self));
}

static void
start (JfDeskAdminCalendar *self)
{
  if (self->started || self->client == NULL)
    return;
  self->started = TRUE;
  load (self);
}

/* --- adding, changing, removing a day ------------------------------------------------------ */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskAdminCalendar) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *object = jf_desk_json_object (root);
  /* The day as saved: at the top level, or under "day" as the API document has it. */
  JsonObject *day = jf_desk_json_member_object (object, "day") != NULL
                    ? jf_desk_json_member_object (object, "day") : object;
  const char *date = jf_desk_json_string (day, "day");
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->days == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.save", TRUE);
  if (date == NULL)
    {
      g_autofree char *description = NULL;
      const char *field;

      if (error == NULL)
        error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the day");
      field = jf_error_get_field (error);
      description = jf_desk_error_describe (error);
      if (g_strcmp0 (field, "name") == 0)
        {
          jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error,
                                   _("Give the day its name, e.g. the festival's."));
          gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
        }
      else if (g_error_matches (error, JF_ERROR, JF_ERROR_NOT_FOUND) ||
               g_strcmp0 (field, "day") == 0)
        {
          jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error, description);
          gtk_widget_grab_focus (GTK_WIDGET (self->day_entry));
        }
      else
        set_status (self, description);
      return;
    }
  /* TRANSLATORS: a day of the calendar was saved: the date, its kind, its name. */
  message = g_strdup_printf (_("%s saved: %s, “%s”."), date,
                             g_strcmp0 (jf_desk_json_string (day, "kind"), "work") == 0
                             ? _("make-up working day") : _("day off"),
                             jf_desk_json_string (day, "name"));
  set_status (self, message);
  g_free (self->select_day);
  self->select_day = g_strdup (date);
  if (atoi (date) != gtk_spin_button_get_value_as_int (self->year_spin))
    gtk_spin_button_set_value (self->year_spin, atoi (date));   /* reads that year */
  else
    load (self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->day_entry));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskAdminCalendar *self = JF_DESK_ADMIN_CALENDAR (widget);
  g_autofree char *day = jf_desk_editable_dup_text (GTK_EDITABLE (self->day_entry));
  g_autofree char *name = jf_desk_editable_dup_text (GTK_EDITABLE (self->name_entry));
  gboolean work = gtk_drop_down_get_selected (self->kind_dropdown) == KIND_WORK;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GtkWidget *first_bad = NULL;
  GDate date;

  jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, NULL);
  if (!parse_day (day, &date) || g_date_get_year (&date) < 2000 || g_date_get_year (&date) > 2100)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error,
                               _("A date from 2000 to 2100, written 2026-10-01."));
      first_bad = GTK_WIDGET (self->day_entry);
    }
  else if (work && g_date_get_weekday (&date) < G_DATE_SATURDAY)
    {
      /* TRANSLATORS: a make-up working day on a weekday: the weekday's name. */
      g_autofree char *message = g_strdup_printf (
        _("That is a %s, a working day anyway: a make-up working day falls on a weekend."),
        g_dgettext (GETTEXT_PACKAGE, weekdays[g_date_get_weekday (&date)]));

      jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error, message);
      first_bad = GTK_WIDGET (self->day_entry);
    }
  if (name == NULL)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error,
                               _("Give the day its name, e.g. the festival's."));
      if (first_bad == NULL)
        first_bad = GTK_WIDGET (self->name_entry);
    }
  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (first_bad);
      return;
    }
  json_object_set_string_member (object, "kind", work ? "work" : "off");
  json_object_set_string_member (object, "name", name);
  body = json_node_init_object (json_node_alloc (), object);
  path = g_strdup_printf ("/v1/calendar/%s", day);
  /* Not the form insensitive: the focus is in it (see jf-desk-login-page.c). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.save", FALSE);
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();
  jf_desk_client_request_async (self->client, "PUT", path, body, NULL, self->save_cancellable,
                                saved_cb, g_object_ref (self));
}

typedef struct
{
  JfDeskAdminCalendar *self;   /* owned */
  char                *day;
} Removal;

static void
removal_free (Removal *removal)
{
  g_clear_object (&removal->self);
  g_free (removal->day);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static Removal *
removal_new (JfDeskAdminCalendar *self,
             const char          *day)
{
  Removal *removal = g_new0 (Removal, 1);

  removal->self = g_object_ref (self);
  removal->day = g_strdup (day);
  return removal;
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(Removal) removal = data;
  JfDeskAdminCalendar *self = removal->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->days == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      /* TRANSLATORS: a day could not be removed from the calendar: the date, and why. */
      message = g_strdup_printf (_("%s was not removed: %s"), removal->day, description);
      set_status (self, message);
      return;
    }
  /* TRANSLATORS: a day was removed from the calendar: the date. */
  message = g_strdup_printf (_("%s follows the Monday–Friday rule again."), removal->day);
  set_status (self, message);
  load (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Removal          *removal)
{
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "remove") != 0 || removal->self->client == NULL)
    return;
  path = g_strdup_printf ("/v1/calendar/%s", removal->day);
  jf_desk_client_request_async (removal->self->client, "DELETE", path, NULL, NULL,
                                removal->self->save_cancellable, removed_cb,
                                removal_new (removal->self, removal->day));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JfDeskAdminCalendar *self = JF_DESK_ADMIN_CALENDAR (widget);
  JfDeskRecord *day = selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  Removal *removal;

  if (day == NULL)
    return;
  /* TRANSLATORS: asking before a day is removed from the calendar: the date and its name. */
  heading = g_strdup_printf (_("Remove %s (%s)?"), jf_desk_record_get_string (day, "day"),
                             jf_desk_record_get_string (day, "name"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The day then follows the Monday–Friday rule. Deadlines "
                                     "counted from now on count it that way."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  removal = removal_new (self, jf_desk_record_get_string (day, "day"));
  if (self->save_cancellable == NULL)
    self->save_cancellable = g_cancellable_new ();
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), removal,
                         (GClosureNotify) (void (*) (void)) removal_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
field_changed_cb (JfDeskAdminCalendar *self)
{
  if (jf_desk_field_has_error (self->day_error))
    jf_desk_field_set_error (GTK_WIDGET (self->day_entry), self->day_error, NULL);
  if (jf_desk_field_has_error (self->name_error))
    jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, NULL);
}

static void
name_activate_cb (JfDeskAdminCalendar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "calendar.save", NULL);
}

static void
day_activate_cb (JfDeskAdminCalendar *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->kind_dropdown));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_admin_calendar_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_admin_calendar_parent_class)->map (widget);
  start (JF_DESK_ADMIN_CALENDAR (widget));
  /* The section's keys (Ctrl+N, Ctrl+E …) reach it only with the focus inside. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (JF_DESK_ADMIN_CALENDAR (widget)->view));
}

static void
jf_desk_admin_calendar_dispose (GObject *object)
{
  JfDeskAdminCalendar *self = JF_DESK_ADMIN_CALENDAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ADMIN_CALENDAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->days);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_admin_calendar_parent_class)->dispose (object);
}

static void
jf_desk_admin_calendar_finalize (GObject *object)
{
  JfDeskAdminCalendar *self = JF_DESK_ADMIN_CALENDAR (object);

  g_free (self->select_day);
  g_free (self->status);
  G_OBJECT_CLASS (jf_desk_admin_calendar_parent_class)->finalize (object);
}

static void
jf_desk_admin_calendar_class_init (JfDeskAdminCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_admin_calendar_dispose;
  object_class->finalize = jf_desk_admin_calendar_finalize;
  widget_class->map = jf_desk_admin_calendar_map;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-calendar.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskAdminCalendar, name)
  BIND (year_spin);
  BIND (stack);
  BIND (view);
  BIND (error_page);
  BIND (form);
  BIND (day_entry);
  BIND (day_error);
  BIND (kind_dropdown);
  BIND (name_entry);
  BIND (name_error);
  BIND (status_label);
#undef BIND

  gtk_widget_class_install_action (widget_class, "calendar.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "calendar.remove", NULL, remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "calendar.remove", NULL);
}

static void
jf_desk_admin_calendar_init (JfDeskAdminCalendar *self)
{
  const char *kinds[] = { _("Day off"), _("Make-up working day"), NULL };
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (kinds);
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  struct {
    const char      *title;
    JfDeskCellText   text;
    JfDeskCellStyle  style;
    JfDeskCellFlags  flags;
    int              width;
  } columns[] = {
    { _("Date"), day_text, NULL, JF_DESK_CELL_MONOSPACE, 120 },
    { _("Weekday"), weekday_text, NULL, JF_DESK_CELL_PLAIN, 90 },
    { _("Kind"), kind_text, kind_style, JF_DESK_CELL_PILL, 130 },
    { _("Name of the day"), name_text, NULL, JF_DESK_CELL_PLAIN, 0 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_list));
  self->days = g_list_store_new (JF_DESK_TYPE_RECORD);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->days)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        jf_desk_text_column_new (columns[i].title, columns[i].text, columns[i].style,
                                 columns[i].flags, columns[i].width);

      gtk_column_view_append_column (self->view, column);
    }
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (load), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_entry, "changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_entry, "activate", G_CALLBACK (day_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "activate", G_CALLBACK (name_activate_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

void
jf_desk_admin_calendar_set_client (JfDeskAdminCalendar *self,
                                   JfDeskClient        *client)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self));
  g_set_object (&self->client, client);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

GListModel *
jf_desk_admin_calendar_get_days (JfDeskAdminCalendar *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self), NULL);
  return G_LIST_MODEL (self->days);
}

int
jf_desk_admin_calendar_get_year (JfDeskAdminCalendar *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self), 0);
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
jf_desk_admin_calendar_set_year (JfDeskAdminCalendar *self,
                                 int                  year)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

gboolean
jf_desk_admin_calendar_is_loading (JfDeskAdminCalendar *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self), FALSE);
  return self->loading;
}

const char *
jf_desk_admin_calendar_get_status (JfDeskAdminCalendar *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self), "");
  return self->status != NULL ? self->status : "";
}

const char *
jf_desk_admin_calendar_get_error (JfDeskAdminCalendar *self,
                                  const char          *field)
{
  GtkLabel *label;

  g_return_val_if_fail (JF_DESK_IS_ADMIN_CALENDAR (self), "");

  label = g_strcmp0 (field, "day") == 0 ? self->day_error
          : g_strcmp0 (field, "name") == 0 ? self->name_error : NULL;
  return label != NULL && jf_desk_field_has_error (label) ? gtk_label_get_text (label) : "";
}
