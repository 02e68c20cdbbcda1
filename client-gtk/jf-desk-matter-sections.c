/* jf-desk-matter-sections.c: the matter page's header, parties and details */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-page-private.h"

/* --- the header ---------------------------------------------------------------------------- */

static const char *
stage_label (const char *stage)
{
  /* The stages of the seeded deadline rules (jiefenctl seed); others say "Deadline". */
  static const struct { const char *stage; const char *label; } stages[] = {
    { "acceptance", N_("Decision on acceptance") },
    { "handling", N_("Handling") },
    { "mediation", N_("Mediation") },
    { "followup", N_("Follow-up visit") },
    { "whistle_checkin_urgent", N_("Departments check in") },
    { "whistle_checkin_normal", N_("Departments check in") },
    { "whistle_action_urgent", N_("Departments act") },
    { "whistle_action_normal", N_("Departments act") },
    { "prelitigation_mediation", N_("Pre-litigation mediation") },
    { "performance", N_("Performance of the agreement") },
    { "judicial_confirmation_apply", N_("Apply for judicial confirmation") },
    { "judicial_confirmation_accept", N_("Court decides on acceptance") },
    { "judicial_confirmation_decide", N_("Court decides on confirmation") },
    { "petition_decide", N_("Decision on the petition") },
    { "petition_handle", N_("Handling the petition") },
    { "petition_review_request", N_("Review may be requested") },
    { "petition_review", N_("Review") },
    { "petition_rereview_request", N_("Re-review may be requested") },
    { "petition_rereview", N_("Re-review") },
  };

  for (guint i = 0; stage != NULL && i < G_N_ELEMENTS (stages); i++)
    if (g_str_equal (stages[i].stage, stage))
      return g_dgettext (GETTEXT_PACKAGE, stages[i].label);
  return _("Deadline");
}

static void
show_deadline (JfDeskMatterPage *self,
               JsonObject       *matter)
{
  JsonObject *deadline = jf_desk_json_member_object (matter, "deadline");
  g_autoptr(GDateTime) due = jf_desk_parse_time (jf_desk_json_string (deadline, "due_at"));
  g_autoptr(GDateTime) warn = jf_desk_parse_time (jf_desk_json_string (deadline, "warn_at"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *classes[] = { "deadline-ok", "deadline-warn", "deadline-overdue", "dim-label" };
  const char *class;
  g_autofree char *left = NULL;
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), classes[i]);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->deadline_label)), due != NULL);
  if (due == NULL)
    return;
  gtk_label_set_text (self->deadline_caption,
                      stage_label (jf_desk_json_string (deadline, "stage")));
  if (g_strcmp0 (jf_desk_json_string (deadline, "state"), "paused") == 0)
    {
      gtk_label_set_text (self->deadline_label, _("Clock stopped"));
      gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "dim-label");
      return;
    }
  left = jf_desk_format_time_left (due, now);
  class = g_date_time_compare (due, now) < 0 ? "deadline-overdue"
          : warn != NULL && g_date_time_compare (warn, now) <= 0 ? "deadline-warn"
          : "deadline-ok";
  gtk_label_set_text (self->deadline_label, left);
  gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), class);
  {
    g_autofree char *when = jf_desk_format_time (due);

    tooltip = g_strdup_printf (_("Due %s"), when);
  }
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (self->deadline_label)),
                               tooltip);
}

void
jf_desk_matter_sections_show_header (JfDeskMatterPage *self,
                                     JsonObject       *matter)
{
  const char *status_name = jf_desk_json_string (matter, "status");
  JsonObject *org = jf_desk_json_member_object (matter, "org");
  JsonObject *assignee = jf_desk_json_member_object (matter, "assignee");
  g_autofree char *registered = jf_desk_format_date_text (jf_desk_json_string (matter,
                                                                               "created_at"));
  g_autoptr(GString) meta = g_string_new (NULL);
  JfStatus status;

  gtk_label_set_text (self->number_label, jf_desk_json_string (matter, "number"));
  for (guint s = 0; s < JF_N_STATUSES; s++)
    {
      g_autofree char *class = g_strconcat ("status-", jf_status_to_string (s), NULL);

      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), class);
    }
  if (status_name != NULL && jf_status_from_string (status_name, &status))
    {
      g_autofree char *class = g_strconcat ("status-", status_name, NULL);

      gtk_label_set_text (self->status_label, jf_status_label (status));
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), class);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->risk_label),
                          jf_desk_json_bool (jf_desk_json_member_object (matter, "risk"),
                                             "violence"));
  gtk_label_set_text (self->title_label, jf_desk_json_string (matter, "title"));
  /* TRANSLATORS: in the matter's header: the centre that owns the matter now. */
  g_string_append_printf (meta, _("Owned by %s"),
                          jf_desk_json_string (org, "name") != NULL
                          ? jf_desk_json_string (org, "name") : "");
  if (registered != NULL)
    g_string_append_printf (meta, " · %s", registered);
  if (jf_desk_json_string (assignee, "name") != NULL)
    {
      g_string_append (meta, " · ");
      g_string_append_printf (meta, _("Assigned to %s"), jf_desk_json_string (assignee, "name"));
    }
  else
    {
      g_string_append (meta, " · ");
      g_string_append (meta, _("Not assigned"));
    }
  gtk_label_set_text (self->meta_label, meta->str);
  show_deadline (self, matter);
}

/* --- parties and details ------------------------------------------------------------------- */

void
jf_desk_matter_sections_clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text != NULL && *text != '\0' ? text : "—");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

void
jf_desk_matter_sections_show_parties (JfDeskMatterPage *self,
                                      JsonObject       *matter)
{
  JsonArray *parties = jf_desk_json_member_array (matter, "parties");
  const char *headings[] = { N_("Role"), N_("Name"), N_("ID number"), N_("Phone"),
                             N_("Address or organisation") };

  jf_desk_matter_sections_clear_grid (self->parties_grid);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    gtk_grid_attach (self->parties_grid, cell (g_dgettext (GETTEXT_PACKAGE, headings[c]),
                                               "column-heading"), c, 0, 1, 1);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));
      const char *role_name = jf_desk_json_string (party, "role");
      const char *where = jf_desk_json_string (party, "organisation") != NULL
                          ? jf_desk_json_string (party, "organisation")
                          : jf_desk_json_string (party, "address");
      GtkWidget *name = cell (jf_desk_json_string (party, "name"), "party-name");
      GtkWidget *where_cell = cell (where, NULL);
      JfPartyRole role;

      gtk_grid_attach (self->parties_grid,
                       cell (role_name != NULL && jf_party_role_from_string (role_name, &role)
                             ? jf_party_role_label (role) : role_name, "dim-label"),
                       0, i + 1, 1, 1);
      gtk_grid_attach (self->parties_grid, name, 1, i + 1, 1, 1);
      gtk_grid_attach (self->parties_grid, cell (jf_desk_json_string (party, "id_number"),
                                                 "monospace-input"), 2, i + 1, 1, 1);
      gtk_grid_attach (self->parties_grid, cell (jf_desk_json_string (party, "phone"),
                                                 "monospace-input"), 3, i + 1, 1, 1);
      gtk_widget_set_hexpand (where_cell, TRUE);
      gtk_grid_attach (self->parties_grid, where_cell, 4, i + 1, 1, 1);
    }
}

static void
add_detail (JfDeskMatterPage *self,
            int              *row,
            const char       *label,
            const char       *value)
{
  GtkWidget *value_cell;

  if (value == NULL || *value == '\0')
    return;
  value_cell = cell (value, NULL);
  gtk_widget_set_hexpand (value_cell, TRUE);
  gtk_grid_attach (self->details_grid, cell (label, "dim-label"), 0, *row, 1, 1);
  gtk_grid_attach (self->details_grid, value_cell, 1, *row, 1, 1);
  (*row)++;
}

void
jf_desk_matter_sections_show_details (JfDeskMatterPage *self,
                                      JsonObject       *matter)
{
  JsonObject *location = jf_desk_json_member_object (matter, "location");
  JsonObject *registered = jf_desk_json_member_object (matter, "registered");
  JsonObject *resolved = jf_desk_json_member_object (matter, "resolved");
  JsonObject *not_accepted = jf_desk_json_member_object (matter, "not_accepted");
  const char *kind_name = jf_desk_json_string (matter, "kind");
  const char *category = jf_desk_json_string (matter, "category");
  const char *source_name = jf_desk_json_string (matter, "source");
  g_autofree char *place = NULL;
  g_autofree char *registered_text = NULL;
  g_autofree char *occurred = jf_desk_format_date_text (jf_desk_json_string (matter,
                                                                             "occurred_on"));
  g_autofree char *closed = jf_desk_format_time_text (jf_desk_json_string (matter, "closed_at"));
  JfKind kind;
  JfSource source;
  JfCategory builtin;
  int row = 0;

  jf_desk_matter_sections_clear_grid (self->details_grid);
  add_detail (self, &row, _("Kind"), kind_name != NULL && jf_kind_from_string (kind_name, &kind)
                                     ? jf_kind_label (kind) : kind_name);
  add_detail (self, &row, _("Category"),
              category != NULL && jf_category_from_string (category, &builtin)
              ? jf_category_label (builtin) : category);
  add_detail (self, &row, _("Source"),
              source_name != NULL && jf_source_from_string (source_name, &source)
              ? jf_source_label (source) : source_name);
  place = g_strjoin (" ", jf_desk_json_string (jf_desk_json_member_object (location, "org"),
                                               "name") != NULL
                          ? jf_desk_json_string (jf_desk_json_member_object (location, "org"),
                                                 "name") : "",
                     jf_desk_json_string (location, "address") != NULL
                     ? jf_desk_json_string (location, "address") : "", NULL);
  add_detail (self, &row, _("Place"), g_strstrip (place));
  add_detail (self, &row, _("Occurred on"), occurred);
  {
    g_autofree char *at = jf_desk_format_time_text (jf_desk_json_string (registered, "at"));
    const char *by = jf_desk_json_string (jf_desk_json_member_object (registered, "by"), "name");
    const char *where = jf_desk_json_string (jf_desk_json_member_object (registered, "org"),
                                             "name");

    /* TRANSLATORS: when, by whom and where a matter was registered. */
    registered_text = g_strdup_printf (_("%s, by %s at %s"), at != NULL ? at : "",
                                       by != NULL ? by : "—", where != NULL ? where : "—");
  }
  add_detail (self, &row, _("Registration record"), registered_text);
  add_detail (self, &row, _("How it was resolved"), jf_desk_json_string (resolved, "outcome"));
  {
    const char *where = jf_desk_json_string (jf_desk_json_member_object (resolved, "org"), "name");
    const char *level_name = jf_desk_json_string (resolved, "level");
    JfLevel level;
    g_autofree char *text = NULL;

    /* The level at which it was resolved is what the centres are measured by. */
    if (where != NULL && level_name != NULL && jf_level_from_string (level_name, &level))
      text = g_strdup_printf ("%s · %s", where, jf_level_label (level));
    add_detail (self, &row, _("Resolved by"), text != NULL ? text : where);
  }
  add_detail (self, &row, _("Why not accepted"), jf_desk_json_string (not_accepted, "reason"));
  add_detail (self, &row, _("Sent on to"), jf_desk_json_string (not_accepted, "redirect_to"));
  add_detail (self, &row, _("Closed on"), closed);
}
