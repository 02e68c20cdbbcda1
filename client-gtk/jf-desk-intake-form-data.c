/* jf-desk-intake-form-data.c: the intake form as data
 *
 * The body of POST /v1/matters it builds (checked locally first, written by
 * jf_intake_to_json ()), the errors it shows by their path, the body of an outbox item it
 * loads, and the people and place the repeat search looks for.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-calendar.h"
#include "jf-enums.h"
#include "jf-intake.h"
#include "jf-desk-field.h"
#include "jf-desk-intake-form-private.h"
#include "jf-desk-json.h"

/* --- the date ------------------------------------------------------------------------------ */

/* "2026-02-13", "2026/2/13", "2026.02.13" or "20260213"; FALSE for anything else. */
static gboolean
parse_date (const char *text,
            GDate      *out_date)
{
  g_auto(GStrv) parts = NULL;
  guint64 y = 0, m = 0, d = 0;

  g_date_clear (out_date, 1);
  if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      y = g_ascii_strtoull (text, NULL, 10) / 10000;
      m = g_ascii_strtoull (text, NULL, 10) / 100 % 100;
      d = g_ascii_strtoull (text, NULL, 10) % 100;
    }
  else
    {
      parts = g_regex_split_simple ("[-/.]", text, 0, 0);
      if (g_strv_length (parts) != 3 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 1900, 2999, &y, NULL) ||
          !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
          !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL))
        return FALSE;
    }
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out_date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
today_in_china (GDate *out_today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());

  g_date_clear (out_today, 1);
  g_date_set_dmy (out_today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The date typed, checked: TRUE with an invalid @out_date when none was typed. */
gboolean
jf_desk_intake_form_check_date (JfDeskIntakeForm *self,
            GDate            *out_date)
{
  g_autofree char *text = jf_desk_editable_dup_text (GTK_EDITABLE (self->date_entry));
  GDate today;

  g_date_clear (out_date, 1);
  if (text == NULL)
    return TRUE;
  if (!parse_date (text, out_date))
    {
      jf_desk_field_set_error (GTK_WIDGET (self->date_entry), self->date_error,
                               _("Give the date as 2026-02-13"));
      return FALSE;
    }
  today_in_china (&today);
  if (g_date_compare (out_date, &today) > 0)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->date_entry), self->date_error,
                               _("This date is in the future"));
      return FALSE;
    }
  return TRUE;
}

/* --- building the intake ------------------------------------------------------------------- */

char *
jf_desk_intake_form_narrative_text (JfDeskIntakeForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->narrative_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

typedef struct
{
  GtkWidget *focus;     /* the first field in error */
} Check;

static void
fail_at (Check     *check,
         GtkWidget *input,
         GtkLabel  *label,
         const char *message)
{
  jf_desk_field_set_error (input, label, message);
  if (check->focus == NULL)
    check->focus = input;
}

JsonNode *
jf_desk_intake_form_build (JfDeskIntakeForm *self)
{
  g_autoptr(JfIntake) intake = NULL;
  Check check = { NULL };
  JfDeskCategory *category;
  gboolean has_applicant = FALSE;
  guint n_parties;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), NULL);

  jf_desk_intake_form_clear_errors (self);
  /* jf_intake_from_json () is private to it; the intake is built field by field here and
   * written by the same jf_intake_to_json () the outbox and the tests use. */
  intake = g_new0 (JfIntake, 1);
  intake->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) jf_party_free);
  g_date_clear (&intake->occurred_on, 1);

  intake->kind = (JfKind) MIN (gtk_drop_down_get_selected (self->kind_dropdown),
                               JF_N_KINDS - 1);
  intake->source = (JfSource) MIN (gtk_drop_down_get_selected (self->source_dropdown),
                                   JF_N_SOURCES - 1);
  category = jf_desk_intake_form_selected_category (self);
  if (category == NULL)
    fail_at (&check, GTK_WIDGET (self->category_dropdown), self->category_error,
             _("Choose a category"));
  else
    intake->category = g_strdup (jf_desk_category_get_slug (category));

  intake->title = jf_desk_editable_dup_text (GTK_EDITABLE (self->title_entry));
  if (intake->title == NULL)
    fail_at (&check, GTK_WIDGET (self->title_entry), self->title_error,
             _("Give the matter a title, e.g. “Noise from the flat upstairs at night”"));
  intake->narrative = jf_desk_intake_form_narrative_text (self);
  if (intake->narrative == NULL)
    fail_at (&check, GTK_WIDGET (self->narrative_view), self->narrative_error,
             _("Write down what happened and what the applicant asks for"));
  else if (g_utf8_strlen (intake->narrative, -1) > JF_INTAKE_NARRATIVE_MAX)
    fail_at (&check, GTK_WIDGET (self->narrative_view), self->narrative_error,
             _("This is longer than 5,000 characters: shorten it"));

  intake->location.org = g_strdup (jf_desk_org_picker_get_code (self->place_picker));
  if (intake->location.org == NULL)
    fail_at (&check, jf_desk_org_picker_get_entry (self->place_picker), self->place_error,
             _("Pick the place from the list: type part of its name"));
  intake->location.address = jf_desk_editable_dup_text (GTK_EDITABLE (self->address_entry));
  if (!jf_desk_intake_form_check_date (self, &intake->occurred_on) && check.focus == NULL)
    check.focus = GTK_WIDGET (self->date_entry);

  intake->has_risk = TRUE;
  intake->risk.violence = gtk_check_button_get_active (self->violence_check);
  intake->risk.minors = gtk_check_button_get_active (self->minors_check);
  intake->risk.elderly = gtk_check_button_get_active (self->elderly_check);
  intake->risk.group_size = (guint) gtk_spin_button_get_value_as_int (self->group_spin);

  n_parties = jf_desk_intake_form_get_n_parties (self);
  for (guint i = 0; i < n_parties; i++)
    {
      JfDeskPartyRow *row = jf_desk_intake_form_party_at (self, i);
      g_autofree char *field = NULL;
      JfParty *party;

      /* A row left empty is no party: skip it rather than refuse the intake. */
      if (!jf_desk_party_row_has_input (row) && n_parties > 1)
        continue;
      party = jf_desk_party_row_build (row, &field);
      if (party == NULL)
        {
          if (check.focus == NULL)
            {
              jf_desk_party_row_focus (row, field);
              check.focus = GTK_WIDGET (row);
            }
          continue;
        }
      has_applicant |= party->role == JF_PARTY_APPLICANT;
      g_ptr_array_add (intake->parties, party);
    }
  if (check.focus == NULL && !has_applicant)
    {
      fail_at (&check, GTK_WIDGET (self->add_party_button), self->parties_error,
               _("One of the parties must be the applicant"));
      if (n_parties > 0)
        jf_desk_party_row_focus (jf_desk_intake_form_party_at (self, 0), "role");
    }

  if (check.focus != NULL)
    {
      if (!jf_desk_widget_has_focus_within (check.focus))
        gtk_widget_grab_focus (check.focus);
      return NULL;
    }
  return jf_intake_to_json (intake);
}

const char *
jf_desk_intake_form_get_category_name (JfDeskIntakeForm *self)
{
  JfDeskCategory *category;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), NULL);
  category = jf_desk_intake_form_selected_category (self);
  return category != NULL ? jf_desk_category_get_name (category) : NULL;
}

/* --- errors -------------------------------------------------------------------------------- */

gboolean
jf_desk_intake_form_show_error (JfDeskIntakeForm *self,
                                const char       *path,
                                const char       *message)
{
  GtkWidget *input = NULL;
  GtkLabel *label = NULL;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), FALSE);

  if (path == NULL)
    return FALSE;
  if (g_str_has_prefix (path, "parties["))
    {
      guint64 index = 0;
      const char *end = strchr (path, ']');
      g_autofree char *digits = end != NULL ? g_strndup (path + 8, end - path - 8) : NULL;
      JfDeskPartyRow *row;

      if (digits == NULL || !g_ascii_string_to_unsigned (digits, 10, 0, 100, &index, NULL))
        return FALSE;
      /* The server counts the parties sent; empty rows were not sent. */
      row = NULL;
      for (guint i = 0, sent = 0; i < jf_desk_intake_form_get_n_parties (self); i++)
        {
          JfDeskPartyRow *candidate = jf_desk_intake_form_party_at (self, i);

          if (!jf_desk_party_row_has_input (candidate) &&
              jf_desk_intake_form_get_n_parties (self) > 1)
            continue;
          if (sent++ == index)
            {
              row = candidate;
              break;
            }
        }
      if (row == NULL)
        return FALSE;
      end++;
      if (*end == '.')
        end++;
      jf_desk_party_row_show_error (row, *end != '\0' ? end : NULL, message);
      jf_desk_party_row_focus (row, *end != '\0' ? end : NULL);
      return TRUE;
    }
  if (g_str_equal (path, "parties"))
    {
      input = GTK_WIDGET (self->add_party_button);
      label = self->parties_error;
    }
  else if (g_str_equal (path, "category"))
    {
      input = GTK_WIDGET (self->category_dropdown);
      label = self->category_error;
    }
  else if (g_str_equal (path, "title"))
    {
      input = GTK_WIDGET (self->title_entry);
      label = self->title_error;
    }
  else if (g_str_equal (path, "narrative"))
    {
      input = GTK_WIDGET (self->narrative_view);
      label = self->narrative_error;
    }
  else if (g_str_has_prefix (path, "location.address"))
    {
      input = GTK_WIDGET (self->address_entry);
      label = self->address_error;
    }
  else if (g_str_has_prefix (path, "location"))
    {
      input = jf_desk_org_picker_get_entry (self->place_picker);
      label = self->place_error;
    }
  else if (g_str_equal (path, "occurred_on"))
    {
      input = GTK_WIDGET (self->date_entry);
      label = self->date_error;
    }
  if (input == NULL)
    return FALSE;
  jf_desk_field_set_error (input, label, message);
  gtk_widget_grab_focus (input);
  return TRUE;
}

void
jf_desk_intake_form_clear_errors (JfDeskIntakeForm *self)
{
  guint n;

  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  jf_desk_field_set_error (GTK_WIDGET (self->category_dropdown), self->category_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->title_entry), self->title_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->narrative_view), self->narrative_error, NULL);
  jf_desk_field_set_error (jf_desk_org_picker_get_entry (self->place_picker), self->place_error,
                           NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->address_entry), self->address_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->date_entry), self->date_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->add_party_button), self->parties_error, NULL);
  n = jf_desk_intake_form_get_n_parties (self);
  for (guint i = 0; i < n; i++)
    jf_desk_party_row_clear_errors (jf_desk_intake_form_party_at (self, i));
}

/* Escape: the error of the field with the focus goes away (the clerk has seen it). */
gboolean
jf_desk_intake_form_escape (GtkWidget *widget,
           GVariant  *args,
           gpointer   data)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (widget);
  struct { GtkWidget *input; GtkLabel *label; } fields[] = {
    { GTK_WIDGET (self->category_dropdown), self->category_error },
    { GTK_WIDGET (self->title_entry), self->title_error },
    { GTK_WIDGET (self->narrative_view), self->narrative_error },
    { jf_desk_org_picker_get_entry (self->place_picker), self->place_error },
    { GTK_WIDGET (self->address_entry), self->address_error },
    { GTK_WIDGET (self->date_entry), self->date_error },
    { GTK_WIDGET (self->add_party_button), self->parties_error },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (jf_desk_widget_has_focus_within (fields[i].input) &&
        jf_desk_field_has_error (fields[i].label))
      {
        jf_desk_field_set_error (fields[i].input, fields[i].label, NULL);
        return TRUE;
      }
  return FALSE;
}

/* --- from a body, and who it is about ----------------------------------------------------- */

void
jf_desk_intake_form_load (JfDeskIntakeForm *self,
                          JsonObject       *body,
                          const char       *key)
{
  JsonObject *location = jf_desk_json_member_object (body, "location");
  JsonObject *risk = jf_desk_json_member_object (body, "risk");
  JsonArray *parties = jf_desk_json_member_array (body, "parties");
  const char *text;
  JfKind kind;
  JfSource source;

  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));
  g_return_if_fail (key != NULL);

  self->loading = TRUE;
  jf_desk_intake_form_clear_fields (self);
  if (jf_kind_from_string (jf_desk_json_string (body, "kind"), &kind))
    gtk_drop_down_set_selected (self->kind_dropdown, kind);
  if (jf_source_from_string (jf_desk_json_string (body, "source"), &source))
    gtk_drop_down_set_selected (self->source_dropdown, source);
  jf_desk_intake_form_select_category (self, jf_desk_json_string (body, "category"));
  text = jf_desk_json_string (body, "title");
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), text != NULL ? text : "");
  text = jf_desk_json_string (body, "narrative");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->narrative_view),
                            text != NULL ? text : "", -1);
  text = jf_desk_json_string (location, "org");
  if (text != NULL)
    {
      /* Only the code travels in the body: the name comes back from the server. */
      g_autoptr(JfDeskOrgUnit) unit = NULL;

      if (self->home_unit != NULL && g_strcmp0 (jf_desk_org_unit_get_code (self->home_unit),
                                                text) == 0)
        unit = g_object_ref (self->home_unit);
      else
        unit = jf_desk_org_unit_new (text, text, NULL, NULL);
      jf_desk_org_picker_set_unit (self->place_picker, unit);
    }
  text = jf_desk_json_string (location, "address");
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text != NULL ? text : "");
  text = jf_desk_json_string (body, "occurred_on");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text != NULL ? text : "");
  gtk_check_button_set_active (self->violence_check, jf_desk_json_bool (risk, "violence"));
  gtk_check_button_set_active (self->minors_check, jf_desk_json_bool (risk, "minors"));
  gtk_check_button_set_active (self->elderly_check, jf_desk_json_bool (risk, "elderly"));
  gtk_spin_button_set_value (self->group_spin, (double) jf_desk_json_int (risk, "group_size", 0));
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties) &&
       i < JF_INTAKE_MAX_PARTIES; i++)
    {
      JfDeskPartyRow *row = jf_desk_intake_form_append_party (self, JF_PARTY_APPLICANT);

      jf_desk_party_row_load (row, jf_desk_json_object (json_array_get_element (parties, i)));
    }
  if (jf_desk_intake_form_get_n_parties (self) == 0)
    jf_desk_intake_form_append_party (self, JF_PARTY_APPLICANT);
  self->loading = FALSE;
  jf_desk_intake_form_clear_errors (self);
  g_free (self->key);
  self->key = g_strdup (key);
  g_free (self->outbox_key);
  self->outbox_key = g_strdup (key);
  jf_desk_intake_form_people_changed (self);
}

/* Trimmed, or NULL when blank. */
static char *
trimmed_or_null (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  return trimmed[0] != '\0' ? g_steal_pointer (&trimmed) : NULL;
}

void
jf_desk_intake_form_get_repeat_query (JfDeskIntakeForm  *self,
                                      JfDeskRepeatQuery *query)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) phones = g_strv_builder_new ();
  guint n;

  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  n = jf_desk_intake_form_get_n_parties (self);
  for (guint i = 0; i < n; i++)
    {
      JfDeskPartyRow *row = jf_desk_intake_form_party_at (self, i);
      g_autofree char *name = trimmed_or_null (jf_desk_party_row_get_name (row));

      /* One Chinese character is a surname, not a person. */
      if (name != NULL && g_utf8_strlen (name, -1) >= 2)
        g_strv_builder_add (names, name);
      if (jf_desk_party_row_get_valid_id_number (row) != NULL)
        g_strv_builder_add (ids, jf_desk_party_row_get_valid_id_number (row));
      if (jf_desk_party_row_get_valid_phone (row) != NULL)
        g_strv_builder_add (phones, jf_desk_party_row_get_valid_phone (row));
    }
  query->names = g_strv_builder_end (names);
  query->id_numbers = g_strv_builder_end (ids);
  query->phones = g_strv_builder_end (phones);
  query->place_code = g_strdup (jf_desk_org_picker_get_code (self->place_picker));
  query->address = trimmed_or_null (gtk_editable_get_text (GTK_EDITABLE (self->address_entry)));
}
