/* jf-desk-party-row.c: one party of an intake */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-error.h"
#include "jf-phone.h"
#include "jf-desk-field.h"
#include "jf-desk-id-check.h"
#include "jf-desk-json.h"
#include "jf-desk-party-row.h"
#include "jf-desk-resources.h"

struct _JfDeskPartyRow
{
  GtkWidget    parent_instance;

  char        *upgraded_id;      /* the 18-digit form offered for a 15-digit number */
  char        *valid_id;         /* the number when valid, normalised */

  /* template children */
  GtkLabel    *heading;
  GtkDropDown *role_dropdown;
  GtkEntry    *name_entry;
  GtkEntry    *id_entry;
  GtkEntry    *phone_entry;
  GtkEntry    *address_entry;
  GtkEntry    *organisation_entry;
  GtkLabel    *name_error;
  GtkLabel    *id_status;
  GtkButton   *upgrade_button;
  GtkLabel    *phone_error;
  GtkLabel    *address_error;
  GtkLabel    *organisation_error;
  GtkButton   *remove_button;
};

G_DEFINE_FINAL_TYPE (JfDeskPartyRow, jf_desk_party_row, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  REMOVE,
  ACTIVATE_LAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- the ID number, as it is typed -------------------------------------------------------- */

static void
show_id_check (JfDeskPartyRow *self,
               gboolean        final)
{
  g_autoptr(JfDeskIdCheck) check = jf_desk_id_check (gtk_editable_get_text (
                                                       GTK_EDITABLE (self->id_entry)), final);
  GtkWidget *entry = GTK_WIDGET (self->id_entry);

  g_clear_pointer (&self->upgraded_id, g_free);
  g_clear_pointer (&self->valid_id, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->upgrade_button), FALSE);
  gtk_widget_remove_css_class (entry, "success");
  switch (check->verdict)
    {
    case JF_DESK_ID_EMPTY:
      jf_desk_field_set_error (entry, self->id_status, NULL);
      break;
    case JF_DESK_ID_TYPING:
      jf_desk_field_set_hint (entry, self->id_status, check->message, "dim-label");
      break;
    case JF_DESK_ID_VALID:
      {
        /* TRANSLATORS: a valid ID number: the check mark and what the number says. */
        g_autofree char *text = g_strdup_printf (_("✓ %s"), check->message);

        self->valid_id = g_strdup (check->id.number);
        jf_desk_field_set_hint (entry, self->id_status, text, "id-valid");
        gtk_widget_add_css_class (entry, "success");
      }
      break;
    case JF_DESK_ID_LEGACY:
      self->upgraded_id = g_strdup (check->upgraded);
      if (final)
        jf_desk_field_set_error (entry, self->id_status, check->message);
      else
        jf_desk_field_set_hint (entry, self->id_status, check->message, "warning");
      gtk_widget_set_visible (GTK_WIDGET (self->upgrade_button), TRUE);
      break;
    case JF_DESK_ID_INVALID:
    default:
      jf_desk_field_set_error (entry, self->id_status, check->message);
      break;
    }
}

static void
upgrade_clicked_cb (JfDeskPartyRow *self)
{
  g_autofree char *number = g_strdup (self->upgraded_id);

  if (number == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->id_entry), number);
  gtk_widget_grab_focus (GTK_WIDGET (self->id_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->id_entry), -1);
}

static void
id_changed_cb (JfDeskPartyRow *self)
{
  show_id_check (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- the phone ------------------------------------------------------------------------------ */

static char *
phone_problem (JfDeskPartyRow *self,
               gboolean        final)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->phone_entry));
  gsize len = strlen (text);

  if (len == 0)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && text[i] != '-')
      return g_strdup (_("Only digits (and a dash after the area code) belong in a phone "
                         "number"));
  if (!final && len < 11)
    return NULL;
  if (!jf_phone_validate (text, NULL, NULL))
    return g_strdup (_("A mobile number has 11 digits starting with 13–19; a landline "
                       "starts with its area code, e.g. 0437-3221234"));
  return NULL;
}

static void
phone_changed_cb (JfDeskPartyRow *self)
{
  g_autofree char *problem = phone_problem (self, FALSE);

  jf_desk_field_set_error (GTK_WIDGET (self->phone_entry), self->phone_error, problem);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
text_changed_cb (JfDeskPartyRow *self,
                 GtkEditable    *editable)
{
  if (editable == GTK_EDITABLE (self->name_entry))
    jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, NULL);
  else if (editable == GTK_EDITABLE (self->address_entry))
    jf_desk_field_set_error (GTK_WIDGET (self->address_entry), self->address_error, NULL);
  else if (editable == GTK_EDITABLE (self->organisation_entry))
    jf_desk_field_set_error (GTK_WIDGET (self->organisation_entry), self->organisation_error,
                             NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Leaving a field is when an incomplete number becomes an error. */
static void
focus_leave_cb (GtkEventControllerFocus *controller,
                JfDeskPartyRow          *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (widget == GTK_WIDGET (self->id_entry))
    show_id_check (self, TRUE);
  else if (widget == GTK_WIDGET (self->phone_entry))
    {
      g_autofree char *problem = phone_problem (self, TRUE);

      jf_desk_field_set_error (GTK_WIDGET (self->phone_entry), self->phone_error, problem);
    }
}

/* Enter moves on, as Tab does; in the last field it is the form's to decide. */
static void
entry_activate_cb (JfDeskPartyRow *self,
                   GtkEntry       *entry)
{
  if (entry == self->organisation_entry)
    g_signal_emit (self, signals[ACTIVATE_LAST], 0);
  else
    jf_desk_focus_next (GTK_WIDGET (entry));
}

/* --- actions ------------------------------------------------------------------------------- */

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static gboolean
clear_error_of_focus (JfDeskPartyRow *self)
{
  struct { GtkEntry *entry; GtkLabel *label; } fields[] = {
    { self->name_entry, self->name_error },
    { self->id_entry, self->id_status },
    { self->phone_entry, self->phone_error },
    { self->address_entry, self->address_error },
    { self->organisation_entry, self->organisation_error },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (jf_desk_widget_has_focus_within (GTK_WIDGET (fields[i].entry)) &&
        jf_desk_field_has_error (fields[i].label))
      {
        jf_desk_field_set_error (GTK_WIDGET (fields[i].entry), fields[i].label, NULL);
        return TRUE;
      }
  return FALSE;
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  return clear_error_of_focus (JF_DESK_PARTY_ROW (widget));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_party_row_dispose (GObject *object)
{
  JfDeskPartyRow *self = JF_DESK_PARTY_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_PARTY_ROW);
  G_OBJECT_CLASS (jf_desk_party_row_parent_class)->dispose (object);
}

static void
jf_desk_party_row_finalize (GObject *object)
{
  JfDeskPartyRow *self = JF_DESK_PARTY_ROW (object);

  g_free (self->upgraded_id);
  g_free (self->valid_id);
  G_OBJECT_CLASS (jf_desk_party_row_parent_class)->finalize (object);
}

static void
jf_desk_party_row_class_init (JfDeskPartyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_party_row_dispose;
  object_class->finalize = jf_desk_party_row_finalize;

  /* Something was typed. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The clerk asked to remove the row. */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Enter in the row's last field. */
  signals[ACTIVATE_LAST] = g_signal_new ("activate-last", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-party-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, heading);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, id_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, name_error);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, id_status);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, upgrade_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, phone_error);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, address_error);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, organisation_error);
  gtk_widget_class_bind_template_child (widget_class, JfDeskPartyRow, remove_button);

  gtk_widget_class_install_action (widget_class, "party.remove", NULL, remove_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
watch_focus (JfDeskPartyRow *self,
             GtkWidget      *entry)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (entry, controller);
}

static void
jf_desk_party_row_init (JfDeskPartyRow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkEntry *texts[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  texts[0] = self->name_entry;
  texts[1] = self->address_entry;
  texts[2] = self->organisation_entry;

  for (guint r = 0; r < JF_N_PARTY_ROLES; r++)
    gtk_string_list_append (roles, jf_party_role_label ((JfPartyRole) r));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_signal_connect_object (texts[i], "changed", G_CALLBACK (text_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->id_entry, "changed", G_CALLBACK (id_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phone_entry, "changed", G_CALLBACK (phone_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->upgrade_button, "clicked", G_CALLBACK (upgrade_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  {
    GtkEntry *all[] = { self->name_entry, self->id_entry, self->phone_entry, self->address_entry,
                        self->organisation_entry };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      g_signal_connect_object (all[i], "activate", G_CALLBACK (entry_activate_cb), self,
                               G_CONNECT_SWAPPED);
  }
  watch_focus (self, GTK_WIDGET (self->id_entry));
  watch_focus (self, GTK_WIDGET (self->phone_entry));
}

JfDeskPartyRow *
jf_desk_party_row_new (JfPartyRole role)
{
  JfDeskPartyRow *self = g_object_new (JF_DESK_TYPE_PARTY_ROW, NULL);

  gtk_drop_down_set_selected (self->role_dropdown, (guint) role);
  return self;
}

void
jf_desk_party_row_set_index (JfDeskPartyRow *self,
                             guint           index)
{
  /* TRANSLATORS: the heading of the n-th party of an intake. */
  g_autofree char *heading = g_strdup_printf (_("Party %u"), index + 1);

  g_return_if_fail (JF_DESK_IS_PARTY_ROW (self));

  gtk_label_set_text (self->heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
}

gboolean
jf_desk_party_row_has_input (JfDeskPartyRow *self)
{
  GtkEntry *all[] = { self->name_entry, self->id_entry, self->phone_entry, self->address_entry,
                      self->organisation_entry };

  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (all[i])) != '\0')
      return TRUE;
  return FALSE;
}

const char *
jf_desk_party_row_get_name (JfDeskPartyRow *self)
{
  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

const char *
jf_desk_party_row_get_organisation (JfDeskPartyRow *self)
{
  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry));
}

const char *
jf_desk_party_row_get_valid_id_number (JfDeskPartyRow *self)
{
  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), NULL);
  return self->valid_id;
}

const char *
jf_desk_party_row_get_valid_phone (JfDeskPartyRow *self)
{
  const char *text;

  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->phone_entry));
  return jf_phone_validate (text, NULL, NULL) ? text : NULL;
}

static void
note_first (char       **out_field,
            const char  *field)
{
  if (out_field != NULL && *out_field == NULL)
    *out_field = g_strdup (field);
}

JfParty *
jf_desk_party_row_build (JfDeskPartyRow  *self,
                         char           **out_field)
{
  g_autoptr(JfParty) party = jf_party_new ();
  g_autofree char *phone_error = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), NULL);

  party->role = (JfPartyRole) gtk_drop_down_get_selected (self->role_dropdown);
  if ((guint) party->role >= JF_N_PARTY_ROLES)
    party->role = JF_PARTY_APPLICANT;
  party->name = jf_desk_editable_dup_text (GTK_EDITABLE (self->name_entry));
  party->address = jf_desk_editable_dup_text (GTK_EDITABLE (self->address_entry));
  party->organisation = jf_desk_editable_dup_text (GTK_EDITABLE (self->organisation_entry));
  party->phone = jf_desk_editable_dup_text (GTK_EDITABLE (self->phone_entry));

  if (party->name == NULL)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error,
                               _("Give the party's name (or the organisation's)"));
      note_first (out_field, "name");
      ok = FALSE;
    }
  show_id_check (self, TRUE);
  if (self->valid_id != NULL)
    party->id_number = g_strdup (self->valid_id);
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->id_entry)) != '\0')
    {
      note_first (out_field, "id_number");
      ok = FALSE;
    }
  phone_error = phone_problem (self, TRUE);
  if (phone_error != NULL)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->phone_entry), self->phone_error, phone_error);
      note_first (out_field, "phone");
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&party) : NULL;
}

void
jf_desk_party_row_load (JfDeskPartyRow *self,
                        JsonObject     *party)
{
  JfPartyRole role;
  struct { GtkEntry *entry; const char *member; } fields[] = {
    { self->name_entry, "name" },
    { self->id_entry, "id_number" },
    { self->phone_entry, "phone" },
    { self->address_entry, "address" },
    { self->organisation_entry, "organisation" },
  };

  g_return_if_fail (JF_DESK_IS_PARTY_ROW (self));

  if (jf_party_role_from_string (jf_desk_json_string (party, "role"), &role))
    gtk_drop_down_set_selected (self->role_dropdown, (guint) role);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = jf_desk_json_string (party, fields[i].member);

      gtk_editable_set_text (GTK_EDITABLE (fields[i].entry), value != NULL ? value : "");
    }
}

gboolean
jf_desk_party_row_show_error (JfDeskPartyRow *self,
                              const char     *field,
                              const char     *message)
{
  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), FALSE);

  if (g_strcmp0 (field, "name") == 0 || g_strcmp0 (field, "role") == 0 || field == NULL)
    jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, message);
  else if (g_strcmp0 (field, "id_number") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->id_entry), self->id_status, message);
  else if (g_strcmp0 (field, "phone") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->phone_entry), self->phone_error, message);
  else if (g_strcmp0 (field, "address") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->address_entry), self->address_error, message);
  else if (g_strcmp0 (field, "organisation") == 0)
    jf_desk_field_set_error (GTK_WIDGET (self->organisation_entry), self->organisation_error,
                             message);
  else
    return FALSE;
  return TRUE;
}

void
jf_desk_party_row_clear_errors (JfDeskPartyRow *self)
{
  g_return_if_fail (JF_DESK_IS_PARTY_ROW (self));

  jf_desk_field_set_error (GTK_WIDGET (self->name_entry), self->name_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->phone_entry), self->phone_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->address_entry), self->address_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->organisation_entry), self->organisation_error,
                           NULL);
  show_id_check (self, FALSE);
}

void
jf_desk_party_row_focus (JfDeskPartyRow *self,
                         const char     *field)
{
  GtkWidget *target = GTK_WIDGET (self->name_entry);

  g_return_if_fail (JF_DESK_IS_PARTY_ROW (self));

  if (g_strcmp0 (field, "role") == 0)
    target = GTK_WIDGET (self->role_dropdown);
  else if (g_strcmp0 (field, "id_number") == 0)
    target = GTK_WIDGET (self->id_entry);
  else if (g_strcmp0 (field, "phone") == 0)
    target = GTK_WIDGET (self->phone_entry);
  else if (g_strcmp0 (field, "address") == 0)
    target = GTK_WIDGET (self->address_entry);
  else if (g_strcmp0 (field, "organisation") == 0)
    target = GTK_WIDGET (self->organisation_entry);
  jf_desk_focus_field (target);
}

gboolean
jf_desk_party_row_set_removable (JfDeskPartyRow *self,
                                 gboolean        removable)
{
  g_return_val_if_fail (JF_DESK_IS_PARTY_ROW (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "party.remove", removable);
  return removable;
}
