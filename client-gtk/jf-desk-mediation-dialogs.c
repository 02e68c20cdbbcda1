/* jf-desk-mediation-dialogs.c: scheduling and recording sessions, writing and signing
 * agreements: the panel's dialogs and the requests they make */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "jf-calendar.h"
#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-mediation-panel-private.h"

static char *
local_now_plus (int         days,
                const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (jf_calendar_time_zone ());
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, format);
}

static gboolean
parse_day (const char *text,
           GDate      *out)
{
  int y, m, d;
  char extra;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* "2026-12-01 09:30" in China Standard Time, or NULL. */
static GDateTime *
parse_local_time (const char *text)
{
  int y, mo, d, h, mi;
  char extra;

  if (text == NULL || sscanf (text, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &extra) != 5)
    return NULL;
  if (!g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59)
    return NULL;
  return g_date_time_new (jf_calendar_time_zone (), y, mo, d, h, mi, 0);
}

static void
add_text (JsonBuilder      *builder,
          JfDeskFormDialog *dialog,
          const char       *member)
{
  g_autofree char *text = jf_desk_form_dialog_get_text (dialog, member);

  if (text == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/* Schedule ----------------------------------------------------------------------------------- */

static JsonNode *
build_schedule (JfDeskFormDialog  *dialog,
                char             **out_method,
                char             **out_path,
                gpointer           data)
{
  JfDeskMediationContext *context = data;
  JfDeskMediationPanel *self = context->self;
  g_autofree char *when_text = jf_desk_form_dialog_get_text (dialog, "scheduled_at");
  g_autoptr(GDateTime) when = parse_local_time (when_text);
  g_auto(GStrv) mediators = jf_desk_form_dialog_get_checked (dialog, "mediators");
  g_auto(GStrv) participants = jf_desk_form_dialog_get_checked (dialog, "participants");
  JsonArray *parties = self != NULL ? jf_desk_json_member_array (jf_desk_mediation_panel_matter (self), "parties")
                                    : NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *at = NULL;

  if (self == NULL)
    return NULL;
  if (when == NULL)
    {
      jf_desk_form_dialog_set_field_error (dialog, "scheduled_at",
                                           _("Give the day and time as 2026-12-01 09:30"));
      return NULL;
    }
  at = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S%:z");
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scheduled_at");
  json_builder_add_string_value (builder, at);
  add_text (builder, dialog, "room");
  json_builder_set_member_name (builder, "team");
  json_builder_add_string_value (builder, jf_desk_form_dialog_get_choice (dialog, "team"));
  json_builder_set_member_name (builder, "mediators");
  json_builder_begin_array (builder);
  for (guint i = 0; mediators[i] != NULL; i++)
    json_builder_add_int_value (builder, g_ascii_strtoll (mediators[i], NULL, 10));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             jf_desk_json_int (party, "id", 0));

      if (!g_strv_contains ((const char * const *) participants, id))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, jf_desk_json_string (party, "name"));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, jf_desk_json_string (party, "role"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  *out_method = g_strdup ("POST");
  *out_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/mediation-sessions",
                               context->id);
  return json_builder_get_root (builder);
}

typedef struct
{
  JfDeskFormDialog *dialog;   /* owned */
  gint64            me;
} Roster;

static void
roster_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Roster *roster = data;
  g_autoptr(JfDeskFormDialog) dialog = roster->dialog;
  gint64 me = roster->me;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *accounts = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                                                                     : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const struct { const char *role; const char *label; } kinds[] = {
    { "mediator", N_("People's mediator") }, { "court", N_("Judge") },
    { "grid_leader", N_("Grid leader") }, { "police", N_("Police officer") },
  };

  g_free (roster);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Those who may sit on a session: people's mediators, and for a 1+3+1 team the judge,
   * the grid leader and the police officer too. The server checks the roster. */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
      {
        JsonObject *a = jf_desk_json_object (json_array_get_element (accounts, i));
        JsonArray *roles = jf_desk_json_member_array (a, "roles");
        gboolean has = FALSE;

        for (guint r = 0; roles != NULL && r < json_array_get_length (roles); r++)
          has |= g_strcmp0 (json_array_get_string_element (roles, r), kinds[k].role) == 0;
        if (!has || jf_desk_json_bool (a, "disabled") || jf_desk_json_string (a, "name") == NULL)
          continue;
        g_ptr_array_add (ids, g_strdup_printf ("%" G_GINT64_FORMAT, jf_desk_json_int (a, "id", 0)));
        g_ptr_array_add (labels, g_strdup_printf ("%s · %s", jf_desk_json_string (a, "name"),
                                                  g_dgettext (GETTEXT_PACKAGE, kinds[k].label)));
      }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  jf_desk_form_dialog_set_checks (dialog, "mediators", (const char * const *) ids->pdata,
                                  (const char * const *) labels->pdata);
  {
    g_autofree char *mine = g_strdup_printf ("%" G_GINT64_FORMAT, me);

    jf_desk_form_dialog_set_checked (dialog, "mediators", mine, TRUE);
  }
}

GtkWindow *
jf_desk_mediation_panel_schedule (JfDeskMediationPanel *self)
{
  JfDeskFormDialog *dialog;
  const char *team_ids[] = { "roster", "one_three_one", NULL };
  const char *team_labels[] = { _("People's mediators of the centre"),
                                _("1+3+1 team: a judge, a grid leader, a mediator, a citizen "
                                  "representative and an auxiliary police officer"), NULL };
  JsonArray *parties = jf_desk_json_member_array (jf_desk_mediation_panel_matter (self), "parties");
  g_autoptr(GPtrArray) party_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) party_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *when = local_now_plus (1, "%Y-%m-%d 09:00");
  Roster *roster;
  JfDeskAccount *account;

  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  if (!jf_desk_mediation_panel_may_schedule (self))
    return NULL;
  dialog = jf_desk_mediation_panel_new_dialog (self, _("Schedule a Mediation Session"), _("_Schedule"), build_schedule,
                       jf_desk_json_int (jf_desk_mediation_panel_matter (self), "id", 0), 0);
  jf_desk_form_dialog_add_entry (dialog, "scheduled_at", _("_When"), _("2026-12-01 09:30"),
                                 JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "room", _("_Room"), _("e.g. 调解室一"),
                                 JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_choice (dialog, "team", _("_Team"), team_ids, team_labels, NULL,
                                  JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_checks (dialog, "mediators", _("_Mediators"), NULL, NULL,
                                  _("Loading the mediators…"), JF_DESK_FIELD_REQUIRED);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));
      const char *role_name = jf_desk_json_string (party, "role");
      JfPartyRole role;

      g_ptr_array_add (party_ids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   jf_desk_json_int (party, "id", 0)));
      g_ptr_array_add (party_labels,
                       g_strdup_printf ("%s · %s", jf_desk_json_string (party, "name"),
                                        role_name != NULL &&
                                        jf_party_role_from_string (role_name, &role)
                                        ? jf_party_role_label (role) : ""));
    }
  g_ptr_array_add (party_ids, NULL);
  g_ptr_array_add (party_labels, NULL);
  jf_desk_form_dialog_add_checks (dialog, "participants", _("_Parties taking part"),
                                  (const char * const *) party_ids->pdata,
                                  (const char * const *) party_labels->pdata, NULL,
                                  JF_DESK_FIELD_OPTIONAL);
  for (guint i = 0; party_ids->pdata[i] != NULL; i++)
    jf_desk_form_dialog_set_checked (dialog, "participants", party_ids->pdata[i], TRUE);
  jf_desk_form_dialog_set_text (dialog, "scheduled_at", when);
  jf_desk_form_dialog_map_path (dialog, "mediators", "mediators");
  roster = g_new0 (Roster, 1);
  roster->dialog = g_object_ref (dialog);
  account = jf_desk_client_get_account (self->client);
  roster->me = account != NULL ? jf_desk_account_get_id (account) : 0;
  jf_desk_client_request_async (self->client, "GET", "/v1/accounts", NULL, NULL,
                                self->cancellable, roster_cb, roster);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Record ------------------------------------------------------------------------------------- */

static JsonNode *
build_record (JfDeskFormDialog  *dialog,
              char             **out_method,
              char             **out_path,
              gpointer           data)
{
  JfDeskMediationContext *context = data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, jf_desk_form_dialog_get_version (dialog));
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, jf_desk_form_dialog_get_choice (dialog, "outcome"));
  add_text (builder, dialog, "statements");
  json_builder_end_object (builder);
  *out_method = g_strdup ("PATCH");
  *out_path = g_strdup_printf ("/v1/mediation-sessions/%" G_GINT64_FORMAT, context->id);
  return json_builder_get_root (builder);
}

JsonObject *
jf_desk_mediation_panel_find (JsonNode *array_node,
                              gint64    id)
{
  JsonArray *array = jf_desk_mediation_array (array_node);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = jf_desk_json_object (json_array_get_element (array, i));

      if (jf_desk_json_int (object, "id", 0) == id)
        return object;
    }
  return NULL;
}

GtkWindow *
jf_desk_mediation_panel_record (JfDeskMediationPanel *self,
                                gint64                session_id)
{
  JsonObject *session = jf_desk_mediation_panel_find (self->sessions, session_id);
  JfDeskFormDialog *dialog;
  const char *ids[] = { "agreement", "partial", "failed", "adjourned", NULL };
  const char *labels[] = { jf_desk_mediation_panel_outcome_label ("agreement"), jf_desk_mediation_panel_outcome_label ("partial"),
                           jf_desk_mediation_panel_outcome_label ("failed"), jf_desk_mediation_panel_outcome_label ("adjourned"), NULL };

  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  if (session == NULL || !self->may_act)
    return NULL;
  dialog = jf_desk_mediation_panel_new_dialog (self, _("Record the Mediation Session"), _("_Record"), build_record,
                       session_id, jf_desk_json_int (session, "version", 1));
  jf_desk_form_dialog_set_intro (dialog, _("The record is written once, when the session has "
                                           "been held."), FALSE);
  jf_desk_form_dialog_add_choice (dialog, "outcome", _("_Outcome"), ids, labels,
                                  _("Choose the outcome…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_text (dialog, "statements", _("_Statements of the parties"), NULL,
                                JF_DESK_FIELD_OPTIONAL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Agreement ---------------------------------------------------------------------------------- */

static JsonNode *
build_agreement (JfDeskFormDialog  *dialog,
                 char             **out_method,
                 char             **out_path,
                 gpointer           data)
{
  JfDeskMediationContext *context = data;
  g_autofree char *due_text = jf_desk_form_dialog_get_text (dialog, "performance_due");
  g_auto(GStrv) parties = jf_desk_form_dialog_get_checked (dialog, "parties");
  const char *session = jf_desk_form_dialog_get_choice (dialog, "session");
  g_autoptr(JsonBuilder) builder = NULL;
  GDate due;

  g_date_clear (&due, 1);
  if (!parse_day (due_text, &due))
    {
      jf_desk_form_dialog_set_field_error (dialog, "performance_due",
                                           _("Give the day as 2026-12-31"));
      return NULL;
    }
  if (g_strv_length (parties) < 2)
    {
      jf_desk_form_dialog_set_field_error (dialog, "parties",
                                           _("An agreement is between at least two parties"));
      return NULL;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (session != NULL)
    {
      json_builder_set_member_name (builder, "session_id");
      json_builder_add_int_value (builder, g_ascii_strtoll (session, NULL, 10));
    }
  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  for (guint i = 0; parties[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "party_id");
      json_builder_add_int_value (builder, g_ascii_strtoll (parties[i], NULL, 10));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_text (builder, dialog, "facts");
  add_text (builder, dialog, "terms");
  {
    char day[16];

    g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (&due),
                g_date_get_month (&due), g_date_get_day (&due));
    json_builder_set_member_name (builder, "performance_due");
    json_builder_add_string_value (builder, day);
  }
  json_builder_end_object (builder);
  *out_method = g_strdup ("POST");
  *out_path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/agreements", context->id);
  return json_builder_get_root (builder);
}

GtkWindow *
jf_desk_mediation_panel_write_agreement (JfDeskMediationPanel *self)
{
  JfDeskFormDialog *dialog;
  JsonArray *sessions = jf_desk_mediation_array (self->sessions);
  JsonArray *parties = jf_desk_json_member_array (jf_desk_mediation_panel_matter (self), "parties");
  g_autoptr(GPtrArray) session_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) session_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) party_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) party_labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *due = local_now_plus (30, "%Y-%m-%d");

  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  if (!jf_desk_mediation_panel_may_schedule (self))
    return NULL;
  for (guint i = 0; sessions != NULL && i < json_array_get_length (sessions); i++)
    {
      JsonObject *s = jf_desk_json_object (json_array_get_element (sessions, i));
      g_autofree char *when = NULL;

      if (!jf_desk_mediation_panel_allows_agreement (s))
        continue;
      when = jf_desk_format_time_text (jf_desk_json_string (s, "scheduled_at"));
      g_ptr_array_add (session_ids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     jf_desk_json_int (s, "id", 0)));
      g_ptr_array_add (session_labels, g_strdup_printf ("%s · %s · %s", when != NULL ? when : "",
                                                        jf_desk_json_string (s, "room"),
                                                        jf_desk_mediation_panel_outcome_label (jf_desk_json_string (
                                                                         s, "outcome"))));
    }
  g_ptr_array_add (session_ids, NULL);
  g_ptr_array_add (session_labels, NULL);
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));

      g_ptr_array_add (party_ids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   jf_desk_json_int (party, "id", 0)));
      g_ptr_array_add (party_labels, g_strdup (jf_desk_json_string (party, "name")));
    }
  g_ptr_array_add (party_ids, NULL);
  g_ptr_array_add (party_labels, NULL);

  dialog = jf_desk_mediation_panel_new_dialog (self, _("Write the Mediation Agreement"), _("_Write"), build_agreement,
                       jf_desk_json_int (jf_desk_mediation_panel_matter (self), "id", 0), 0);
  jf_desk_form_dialog_set_intro (dialog, _("人民调解协议书: written from the template, then signed "
                                           "by the parties and the mediator and sealed by the "
                                           "committee."), FALSE);
  jf_desk_form_dialog_add_choice (dialog, "session", _("_Session"),
                                  (const char * const *) session_ids->pdata,
                                  (const char * const *) session_labels->pdata, NULL,
                                  JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_checks (dialog, "parties", _("_Parties to the agreement"),
                                  (const char * const *) party_ids->pdata,
                                  (const char * const *) party_labels->pdata, NULL,
                                  JF_DESK_FIELD_REQUIRED);
  for (guint i = 0; party_ids->pdata[i] != NULL; i++)
    jf_desk_form_dialog_set_checked (dialog, "parties", party_ids->pdata[i], TRUE);
  jf_desk_form_dialog_add_text (dialog, "facts", _("_Facts of the dispute"), NULL,
                                JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_text (dialog, "terms", _("What the parties a_gree"), NULL,
                                JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "performance_due", _("_Performed by"),
                                 _("2026-12-31"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_set_text (dialog, "facts", jf_desk_json_string (jf_desk_mediation_panel_matter (self),
                                                                      "narrative"));
  jf_desk_form_dialog_set_text (dialog, "performance_due", due);
  jf_desk_form_dialog_map_path (dialog, "session_id", "session");
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Signatures --------------------------------------------------------------------------------- */

static JsonNode *
build_signature (JfDeskFormDialog  *dialog,
                 char             **out_method,
                 char             **out_path,
                 gpointer           data)
{
  JfDeskMediationContext *context = data;
  const char *signer = jf_desk_form_dialog_get_choice (dialog, "signer");
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (g_strcmp0 (signer, "mediator") == 0)
    {
      json_builder_set_member_name (builder, "mediator");
      json_builder_add_boolean_value (builder, TRUE);
    }
  else
    {
      json_builder_set_member_name (builder, "party_id");
      json_builder_add_int_value (builder, g_ascii_strtoll (signer, NULL, 10));
    }
  json_builder_end_object (builder);
  *out_method = g_strdup ("POST");
  *out_path = g_strdup_printf ("/v1/agreements/%" G_GINT64_FORMAT "/signatures", context->id);
  return json_builder_get_root (builder);
}

GtkWindow *
jf_desk_mediation_panel_sign (JfDeskMediationPanel *self,
                              gint64                agreement_id)
{
  JsonObject *agreement = jf_desk_mediation_panel_find (self->agreements, agreement_id);
  JsonArray *parties = jf_desk_json_member_array (agreement, "parties");
  JsonObject *mediator = jf_desk_json_member_object (agreement, "mediator");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  JfDeskFormDialog *dialog;

  g_return_val_if_fail (JF_DESK_IS_MEDIATION_PANEL (self), NULL);
  if (agreement == NULL || !self->may_act)
    return NULL;
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = jf_desk_json_object (json_array_get_element (parties, i));

      if (jf_desk_json_string (party, "signed_at") != NULL)
        continue;
      g_ptr_array_add (ids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                             jf_desk_json_int (party, "party_id", 0)));
      g_ptr_array_add (labels, g_strdup (jf_desk_json_string (party, "name")));
    }
  if (mediator == NULL || jf_desk_json_string (mediator, "signed_at") == NULL)
    {
      g_ptr_array_add (ids, g_strdup ("mediator"));
      g_ptr_array_add (labels, g_strdup (_("The mediator (you)")));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  dialog = jf_desk_mediation_panel_new_dialog (self, _("Record a Signature"), _("_Record the Signature"),
                       build_signature, agreement_id, 0);
  jf_desk_form_dialog_set_intro (dialog, _("Record a signature once the paper copy has been "
                                           "signed. The committee seals the agreement when "
                                           "everyone has signed."), FALSE);
  jf_desk_form_dialog_add_choice (dialog, "signer", _("_Who signed"),
                                  (const char * const *) ids->pdata,
                                  (const char * const *) labels->pdata, NULL,
                                  JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_map_path (dialog, "party_id", "signer");
  jf_desk_form_dialog_map_path (dialog, "mediator", "signer");
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
