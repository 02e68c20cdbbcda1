/* jf-desk-matter-actions.c: the dialog of each move, and the request it makes
 *
 * Moves of the lifecycle table that change only the status go to /transitions with the
 * fields the table requires (reason, redirect_to, outcome) and a note; the workflow moves
 * have their own endpoints and dialogs (whistle, referral, escalation, hand-down,
 * assignment, editing, follow-up, police alert). Every dialog is a JfDeskFormDialog:
 * keyboard first, errors at the field, a version conflict shown with the current state.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-enums.h"
#include "jf-lifecycle.h"
#include "jf-desk-category.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-page-private.h"

typedef struct
{
  JfDeskMatterPage *page;     /* weak */
  char             *move;
  gint64            id;
} Context;

static void
context_free (Context *context)
{
  g_clear_weak_pointer (&context->page);
  g_free (context->move);
  g_free (context);
}

static JsonObject *
matter_of (JfDeskMatterPage *self)
{
  return jf_desk_matter_page_get_matter (self);
}

static JfDeskFormDialog *
new_dialog (JfDeskMatterPage    *self,
            const char          *move,
            const char          *title,
            const char          *submit,
            JfDeskFormBuildFunc  build)
{
  JfDeskFormDialog *dialog = jf_desk_form_dialog_new (jf_desk_matter_page_window (self), title,
                                                      submit);
  Context *context = g_new0 (Context, 1);

  g_set_weak_pointer (&context->page, self);
  context->move = g_strdup (move);
  context->id = jf_desk_matter_page_get_id (self);
  jf_desk_form_dialog_set_request (dialog, self->client, build, context,
                                   (GDestroyNotify) context_free);
  jf_desk_form_dialog_set_version (dialog, jf_desk_json_int (matter_of (self), "version", 0),
                                   move);
  jf_desk_matter_page_adopt_dialog (self, dialog);
  return dialog;
}

static JsonBuilder *
begin_body (JfDeskFormDialog *dialog,
            gboolean          with_version)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (with_version)
    {
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, jf_desk_form_dialog_get_version (dialog));
    }
  return builder;
}

static void
add_text (JsonBuilder      *builder,
          JfDeskFormDialog *dialog,
          const char       *member,
          const char       *field)
{
  g_autofree char *text = jf_desk_form_dialog_get_text (dialog, field);

  if (text == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static JsonNode *
end_body (JsonBuilder *builder)
{
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static char *
matter_path (Context    *context,
             const char *rest)
{
  return g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "%s", context->id, rest);
}

/* --- reference data for the choices -------------------------------------------------------- */

typedef void (*ParseFunc) (JsonNode   *root,
                           JsonObject *matter,
                           GPtrArray  *ids,
                           GPtrArray  *labels);

typedef struct
{
  JfDeskFormDialog *dialog;    /* owned */
  char             *field;
  char             *field2;    /* a second field with the same choices (checks), or NULL */
  ParseFunc         parse;
  JsonNode         *matter;
  gboolean          first;     /* the dialog's first field */
} Choices;

static void
choices_free (Choices *choices)
{
  g_clear_object (&choices->dialog);
  g_free (choices->field);
  g_free (choices->field2);
  g_clear_pointer (&choices->matter, json_node_unref);
  g_free (choices);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Choices, choices_free)

static void
choices_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(Choices) choices = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (root == NULL)
    {
      jf_desk_form_dialog_set_message (choices->dialog,
                                       _("The choices could not be read from the server. "
                                         "Close this dialog and try again."), TRUE);
      return;
    }
  choices->parse (root, jf_desk_json_object (choices->matter), ids, labels);
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (labels, NULL);
  /* What was chosen before the list came (the matter's own category) stays chosen. */
  previous = g_strdup (jf_desk_form_dialog_get_choice (choices->dialog, choices->field));
  jf_desk_form_dialog_set_choices (choices->dialog, choices->field,
                                   (const char * const *) ids->pdata,
                                   (const char * const *) labels->pdata);
  if (previous != NULL)
    jf_desk_form_dialog_set_choice (choices->dialog, choices->field, previous);
  /* The first field waited for its choices: it has the focus, unless someone typed on. */
  if (choices->first)
    jf_desk_form_dialog_focus_if_untouched (choices->dialog, choices->field);
  if (choices->field2 != NULL)
    jf_desk_form_dialog_set_checks (choices->dialog, choices->field2,
                                    (const char * const *) ids->pdata,
                                    (const char * const *) labels->pdata);
}

static void
cancel_on_destroy (GtkWidget    *dialog,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
load_choices (JfDeskMatterPage *self,
              JfDeskFormDialog *dialog,
              const char       *field,
              const char       *field2,
              const char       *path,
              ParseFunc         parse,
              gboolean          first)
{
  Choices *choices = g_new0 (Choices, 1);
  GCancellable *cancellable = g_cancellable_new ();

  choices->dialog = g_object_ref (dialog);
  choices->field = g_strdup (field);
  choices->field2 = g_strdup (field2);
  choices->parse = parse;
  choices->first = first;
  choices->matter = json_node_init_object (json_node_alloc (), matter_of (self));
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (cancel_on_destroy), cancellable,
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, cancellable, choices_cb,
                                choices);
}

static JsonArray *
items_of (JsonNode *root)
{
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  return jf_desk_json_member_array (jf_desk_json_object (root), "items");
}

static void
parse_departments (JsonNode   *root,
                   JsonObject *matter,
                   GPtrArray  *ids,
                   GPtrArray  *labels)
{
  JsonArray *items = items_of (root);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *d = jf_desk_json_object (json_array_get_element (items, i));

      if (jf_desk_json_string (d, "code") == NULL || jf_desk_json_string (d, "name") == NULL ||
          (json_object_has_member (d, "active") && !jf_desk_json_bool (d, "active")))
        continue;
      g_ptr_array_add (ids, g_strdup (jf_desk_json_string (d, "code")));
      g_ptr_array_add (labels, g_strdup (jf_desk_json_string (d, "name")));
    }
}

/* Accounts that may be assigned: at the owning centre or a unit above it (its code is a
 * prefix of the owner's), not disabled, and not only a department's liaison. */
static void
parse_assignees (JsonNode   *root,
                 JsonObject *matter,
                 GPtrArray  *ids,
                 GPtrArray  *labels)
{
  JsonArray *items = items_of (root);
  const char *owner = jf_desk_json_string (jf_desk_json_member_object (matter, "org"), "code");

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *a = jf_desk_json_object (json_array_get_element (items, i));
      const char *code = jf_desk_json_string (jf_desk_json_member_object (a, "org"), "code");
      const char *name = jf_desk_json_string (a, "name");
      const char *org_name = jf_desk_json_string (jf_desk_json_member_object (a, "org"), "name");
      JsonArray *roles = jf_desk_json_member_array (a, "roles");
      gint64 id = jf_desk_json_int (a, "id", 0);

      if (id <= 0 || name == NULL || code == NULL || owner == NULL ||
          !g_str_has_prefix (owner, code) || jf_desk_json_bool (a, "disabled"))
        continue;
      if (roles != NULL && json_array_get_length (roles) == 1 &&
          g_strcmp0 (json_array_get_string_element (roles, 0), "department_liaison") == 0)
        continue;
      g_ptr_array_add (ids, g_strdup_printf ("%" G_GINT64_FORMAT, id));
      g_ptr_array_add (labels, g_strdup_printf ("%s · %s", name, org_name != NULL ? org_name
                                                                                  : code));
    }
}

static void
parse_units_below (JsonNode   *root,
                   JsonObject *matter,
                   GPtrArray  *ids,
                   GPtrArray  *labels)
{
  JsonArray *items = items_of (root);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *u = jf_desk_json_object (json_array_get_element (items, i));

      /* A grid has a leader, not a centre: nothing is handed down to it. */
      if (jf_desk_json_string (u, "code") == NULL ||
          g_strcmp0 (jf_desk_json_string (u, "level"), "grid") == 0)
        continue;
      g_ptr_array_add (ids, g_strdup (jf_desk_json_string (u, "code")));
      g_ptr_array_add (labels, g_strdup (jf_desk_json_string (u, "path") != NULL
                                         ? jf_desk_json_string (u, "path")
                                         : jf_desk_json_string (u, "name")));
    }
}

static void
parse_categories (JsonNode   *root,
                  JsonObject *matter,
                  GPtrArray  *ids,
                  GPtrArray  *labels)
{
  JsonArray *items = items_of (root);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      g_autoptr(JfDeskCategory) category =
        jf_desk_category_new_from_json (jf_desk_json_object (json_array_get_element (items, i)));

      if (category == NULL || (!jf_desk_category_get_active (category) &&
                               g_strcmp0 (jf_desk_category_get_slug (category),
                                          jf_desk_json_string (matter, "category")) != 0))
        continue;
      g_ptr_array_add (ids, g_strdup (jf_desk_category_get_slug (category)));
      g_ptr_array_add (labels, g_strdup (jf_desk_category_get_name (category)));
    }
}

/* --- simple moves: /transitions ------------------------------------------------------------ */

static JsonNode *
build_transition (JfDeskFormDialog  *dialog,
                  char             **out_method,
                  char             **out_path,
                  gpointer           data)
{
  Context *context = data;
  const JfMove *move = jf_lifecycle_find_by_name (context->move);
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);

  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, jf_status_to_string (move->to));
  add_text (builder, dialog, "note", "note");
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  for (guint i = 0; move->required[i] != NULL; i++)
    add_text (builder, dialog, move->required[i], move->required[i]);
  json_builder_end_object (builder);
  *out_method = g_strdup ("POST");
  *out_path = matter_path (context, "/transitions");
  return end_body (builder);
}

static const char *
field_label (const char *move,
             const char *field)
{
  static const struct { const char *move, *field, *label; } labels[] = {
    { "not_accept", "reason", N_("_Why it is not accepted") },
    { "not_accept", "redirect_to", N_("Where the applicant should _go instead") },
    { "end_mediation", "reason", N_("_Why mediation ends without agreement") },
    { "recall_whistle", "reason", N_("_Why the whistle is recalled") },
    { "return_referral", "reason", N_("_Why the referral is taken back") },
    { "reopen", "reason", N_("_Why it is reopened") },
    { "withdraw", "reason", N_("_Why the applicant withdraws") },
    { NULL, "outcome", N_("_How it was resolved") },
    { NULL, "reason", N_("_Reason") },
    { NULL, "redirect_to", N_("_Where to instead") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if ((labels[i].move == NULL || g_str_equal (labels[i].move, move)) &&
        g_str_equal (labels[i].field, field))
      return g_dgettext (GETTEXT_PACKAGE, labels[i].label);
  return field;
}

static const char *
move_intro (const char *move)
{
  if (g_str_equal (move, "close"))
    return _("The matter is closed and archived: its follow-up is done. Nothing more can be "
             "done with it afterwards.");
  if (g_str_equal (move, "withdraw"))
    return _("The applicant withdraws the matter: it ends here.");
  if (g_str_equal (move, "resolve_on_spot"))
    return _("Resolved at the window, on the spot: a follow-up visit is scheduled.");
  if (g_str_equal (move, "resolve"))
    return _("The matter is resolved: a follow-up visit is scheduled.");
  return NULL;
}

static GtkWindow *
open_transition (JfDeskMatterPage *self,
                 const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, jf_move_label (move),
                                         jf_move_label (move), build_transition);

  jf_desk_form_dialog_set_intro (dialog, move_intro (move->name),
                                 g_str_equal (move->name, "withdraw"));
  for (guint i = 0; move->required[i] != NULL; i++)
    jf_desk_form_dialog_add_entry (dialog, move->required[i],
                                   field_label (move->name, move->required[i]), NULL,
                                   JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "note", _("_Note (optional)"),
                                 _("Anything the next person should know"),
                                 JF_DESK_FIELD_OPTIONAL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- whistle ------------------------------------------------------------------------------- */

static void
add_department (JsonBuilder *builder,
                const char  *code,
                const char  *ask)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "department");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "ask");
  json_builder_add_string_value (builder, ask);
  json_builder_end_object (builder);
}

static JsonNode *
build_whistle (JfDeskFormDialog  *dialog,
               char             **out_method,
               char             **out_path,
               gpointer           data)
{
  Context *context = data;
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(GStrv) assist = jf_desk_form_dialog_get_checked (dialog, "assist");
  g_autofree char *lead_ask = jf_desk_form_dialog_get_text (dialog, "lead_ask");
  g_autofree char *assist_ask = jf_desk_form_dialog_get_text (dialog, "assist_ask");
  const char *lead = jf_desk_form_dialog_get_choice (dialog, "lead");

  if (g_strv_contains ((const char * const *) assist, lead))
    {
      jf_desk_form_dialog_set_field_error (dialog, "assist",
                                           _("The lead department cannot also assist: "
                                             "untick it here"));
      return NULL;
    }
  if (assist[0] != NULL && assist_ask == NULL)
    {
      jf_desk_form_dialog_set_field_error (dialog, "assist_ask",
                                           _("Say what the assisting departments are to do"));
      return NULL;
    }
  builder = begin_body (dialog, TRUE);
  json_builder_set_member_name (builder, "urgency");
  json_builder_add_string_value (builder, jf_desk_form_dialog_get_choice (dialog, "urgency"));
  add_text (builder, dialog, "request", "request");
  json_builder_set_member_name (builder, "lead");
  add_department (builder, lead, lead_ask);
  json_builder_set_member_name (builder, "assist");
  json_builder_begin_array (builder);
  for (guint i = 0; assist[i] != NULL; i++)
    add_department (builder, assist[i], assist_ask);
  json_builder_end_array (builder);
  *out_method = g_strdup ("POST");
  *out_path = matter_path (context, "/whistles");
  return end_body (builder);
}

static GtkWindow *
open_whistle (JfDeskMatterPage *self,
              const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Blow the Whistle"),
                                         _("_Blow the Whistle"), build_whistle);
  const char *urgency_ids[] = { "normal", "urgent", NULL };
  const char *urgency_labels[] = { _("Normal: check in within 24 hours"),
                                   _("Urgent: check in within 30 minutes"), NULL };
  const char *org = jf_desk_json_string (jf_desk_json_member_object (matter_of (self), "org"),
                                         "code");
  g_autofree char *county = org != NULL && strlen (org) >= 6 ? g_strndup (org, 6) : NULL;
  g_autofree char *path = NULL;

  jf_desk_form_dialog_set_intro (dialog, _("The departments named here are told at once. Each "
                                           "must check in before its deadline, act, and feed "
                                           "back; the matter stays open until every one has."),
                                 FALSE);
  jf_desk_form_dialog_add_choice (dialog, "urgency", _("_Urgency"), urgency_ids, urgency_labels,
                                  NULL, JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_text (dialog, "request", _("_What is asked of the departments"),
                                NULL, JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_choice (dialog, "lead", _("_Lead department"), NULL, NULL,
                                  _("Choose the lead department…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "lead_ask", _("What the lead department is to _do"),
                                 NULL, JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_checks (dialog, "assist", _("_Assisting departments (optional)"),
                                  NULL, NULL, _("Loading the departments…"),
                                  JF_DESK_FIELD_OPTIONAL);
  jf_desk_form_dialog_add_entry (dialog, "assist_ask",
                                 _("What the assisting departments are to d_o"), NULL,
                                 JF_DESK_FIELD_OPTIONAL);
  jf_desk_form_dialog_map_path (dialog, "lead.department", "lead");
  jf_desk_form_dialog_map_path (dialog, "lead.ask", "lead_ask");
  /* A city's matter may go to any county's departments (the server says which). */
  path = county != NULL && !g_str_has_suffix (county, "00")
    ? g_strdup_printf ("/v1/departments?county=%s", county) : g_strdup ("/v1/departments");
  load_choices (self, dialog, "lead", "assist", path, parse_departments, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- referral ------------------------------------------------------------------------------ */

static JsonNode *
build_referral (JfDeskFormDialog  *dialog,
                char             **out_method,
                char             **out_path,
                gpointer           data)
{
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);

  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, jf_desk_form_dialog_get_choice (dialog, "kind"));
  add_text (builder, dialog, "target", "target");
  add_text (builder, dialog, "reason", "reason");
  *out_method = g_strdup ("POST");
  *out_path = matter_path (data, "/referrals");
  return end_body (builder);
}

static GtkWindow *
open_referral (JfDeskMatterPage *self,
               const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Refer the Matter"), _("_Refer"),
                                         build_referral);
  const char *ids[] = { "court", "petition", "arbitration", "police", NULL };
  const char *labels[] = { _("Court: pre-litigation mediation or a lawsuit"),
                           _("Petition bureau"), _("Labour arbitration"), _("Police"), NULL };

  jf_desk_form_dialog_add_choice (dialog, "kind", _("_Refer to"), ids, labels,
                                  _("Choose where it goes…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "target", _("_Body that takes it"),
                                 _("e.g. 龙山区人民法院诉讼服务中心"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "reason", _("_Why it is referred"), NULL,
                                 JF_DESK_FIELD_REQUIRED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- escalation and hand-down -------------------------------------------------------------- */

static JsonNode *
build_escalate (JfDeskFormDialog  *dialog,
                char             **out_method,
                char             **out_path,
                gpointer           data)
{
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);

  add_text (builder, dialog, "reason", "reason");
  *out_method = g_strdup ("POST");
  *out_path = matter_path (data, "/escalate");
  return end_body (builder);
}

static GtkWindow *
open_escalate (JfDeskMatterPage *self,
               const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Escalate to the Level Above"),
                                         _("_Escalate"), build_escalate);

  jf_desk_form_dialog_set_intro (dialog, _("The centre one level above takes the matter over. "
                                           "Small matters stay in the village, big ones in the "
                                           "township: escalate only what cannot be solved here."),
                                 FALSE);
  jf_desk_form_dialog_add_entry (dialog, "reason", _("_Why it cannot be solved here"), NULL,
                                 JF_DESK_FIELD_REQUIRED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static JsonNode *
build_hand_down (JfDeskFormDialog  *dialog,
                 char             **out_method,
                 char             **out_path,
                 gpointer           data)
{
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);

  json_builder_set_member_name (builder, "to_org");
  json_builder_add_string_value (builder, jf_desk_form_dialog_get_choice (dialog, "to_org"));
  add_text (builder, dialog, "reason", "reason");
  *out_method = g_strdup ("POST");
  *out_path = matter_path (data, "/hand-down");
  return end_body (builder);
}

static GtkWindow *
open_hand_down (JfDeskMatterPage *self,
                const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Hand Down to the Level Below"),
                                         _("_Hand Down"), build_hand_down);
  const char *org = jf_desk_json_string (jf_desk_json_member_object (matter_of (self), "org"),
                                         "code");
  g_autofree char *escaped = g_uri_escape_string (org != NULL ? org : "", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/org-units?parent=%s", escaped);

  jf_desk_form_dialog_add_choice (dialog, "to_org", _("_Centre below"), NULL, NULL,
                                  _("Choose the centre…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "reason", _("_Why it is handed down"), NULL,
                                 JF_DESK_FIELD_REQUIRED);
  load_choices (self, dialog, "to_org", NULL, path, parse_units_below, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- assignment and editing: PATCH --------------------------------------------------------- */

static JsonNode *
build_assign (JfDeskFormDialog  *dialog,
              char             **out_method,
              char             **out_path,
              gpointer           data)
{
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);

  json_builder_set_member_name (builder, "assignee");
  json_builder_add_int_value (builder,
                              g_ascii_strtoll (jf_desk_form_dialog_get_choice (dialog,
                                                                               "assignee"),
                                               NULL, 10));
  add_text (builder, dialog, "note", "note");
  *out_method = g_strdup ("PATCH");
  *out_path = matter_path (data, "");
  return end_body (builder);
}

static GtkWindow *
open_assign (JfDeskMatterPage *self,
             const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Assign the Matter"), _("_Assign"),
                                         build_assign);
  JsonObject *assignee = jf_desk_json_member_object (matter_of (self), "assignee");

  jf_desk_form_dialog_add_choice (dialog, "assignee", _("_Who handles it"), NULL, NULL,
                                  _("Choose a person…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "note", _("_Note (optional)"), NULL,
                                 JF_DESK_FIELD_OPTIONAL);
  if (assignee != NULL)
    {
      g_autofree char *current = g_strdup_printf (_("Now assigned to %s."),
                                                  jf_desk_json_string (assignee, "name"));

      jf_desk_form_dialog_set_intro (dialog, current, FALSE);
    }
  /* The caller's own subtree holds the owning centre and the units between them. */
  load_choices (self, dialog, "assignee", NULL, "/v1/accounts", parse_assignees, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static JsonNode *
build_edit (JfDeskFormDialog  *dialog,
            char             **out_method,
            char             **out_path,
            gpointer           data)
{
  Context *context = data;
  JsonObject *matter = context->page != NULL ? matter_of (context->page) : NULL;
  g_autoptr(JsonBuilder) builder = begin_body (dialog, TRUE);
  g_autofree char *title = jf_desk_form_dialog_get_text (dialog, "title");
  g_autofree char *narrative = jf_desk_form_dialog_get_text (dialog, "narrative");
  const char *category = jf_desk_form_dialog_get_choice (dialog, "category");
  gboolean changed = FALSE;

  /* Only what changed: the timeline records each field's before and after. */
  if (g_strcmp0 (title, jf_desk_json_string (matter, "title")) != 0)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      changed = TRUE;
    }
  if (g_strcmp0 (narrative, jf_desk_json_string (matter, "narrative")) != 0)
    {
      json_builder_set_member_name (builder, "narrative");
      json_builder_add_string_value (builder, narrative);
      changed = TRUE;
    }
  if (category != NULL && g_strcmp0 (category, jf_desk_json_string (matter, "category")) != 0)
    {
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, category);
      changed = TRUE;
    }
  if (!changed)
    {
      jf_desk_form_dialog_set_message (dialog, _("Nothing has been changed."), FALSE);
      return NULL;
    }
  add_text (builder, dialog, "note", "note");
  *out_method = g_strdup ("PATCH");
  *out_path = matter_path (context, "");
  return end_body (builder);
}

static GtkWindow *
open_edit (JfDeskMatterPage *self,
           const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Edit the Matter"), _("_Save"),
                                         build_edit);
  JsonObject *matter = matter_of (self);
  const char *category = jf_desk_json_string (matter, "category");
  const char *ids[] = { category, NULL };
  const char *labels[] = { category, NULL };
  JfCategory builtin;

  if (category != NULL && jf_category_from_string (category, &builtin))
    labels[0] = jf_category_label (builtin);
  jf_desk_form_dialog_add_entry (dialog, "title", _("_Title"), NULL, JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_text (dialog, "narrative", _("_What happened"), NULL,
                                JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_choice (dialog, "category", _("_Category"),
                                  category != NULL ? ids : NULL, category != NULL ? labels : NULL,
                                  NULL, JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "note", _("Why it is _changed (optional)"), NULL,
                                 JF_DESK_FIELD_OPTIONAL);
  jf_desk_form_dialog_set_text (dialog, "title", jf_desk_json_string (matter, "title"));
  jf_desk_form_dialog_set_text (dialog, "narrative", jf_desk_json_string (matter, "narrative"));
  load_choices (self, dialog, "category", NULL, "/v1/categories", parse_categories,
                FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- follow-up ----------------------------------------------------------------------------- */

static JsonNode *
build_follow_up (JfDeskFormDialog  *dialog,
                 char             **out_method,
                 char             **out_path,
                 gpointer           data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  const char *satisfaction = jf_desk_form_dialog_get_choice (dialog, "satisfaction");
  g_autofree char *note = jf_desk_form_dialog_get_text (dialog, "note");

  if (g_strcmp0 (satisfaction, "unsatisfied") == 0 && note == NULL)
    {
      jf_desk_form_dialog_set_field_error (dialog, "note",
                                           _("Say why they are unsatisfied: the matter is "
                                             "reopened for it"));
      return NULL;
    }
  builder = begin_body (dialog, TRUE);
  json_builder_set_member_name (builder, "satisfaction");
  json_builder_add_string_value (builder, satisfaction);
  add_text (builder, dialog, "note", "note");
  *out_method = g_strdup ("POST");
  *out_path = matter_path (data, "/follow-ups");
  return end_body (builder);
}

static GtkWindow *
open_follow_up (JfDeskMatterPage *self,
                const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Follow-up Visit"),
                                         _("_Record the Visit"), build_follow_up);
  const char *ids[] = { "satisfied", "basically_satisfied", "unsatisfied", NULL };
  const char *labels[] = { jf_satisfaction_label (JF_SATISFACTION_SATISFIED),
                           jf_satisfaction_label (JF_SATISFACTION_BASICALLY_SATISFIED),
                           jf_satisfaction_label (JF_SATISFACTION_UNSATISFIED), NULL };

  jf_desk_form_dialog_set_intro (dialog, _("Ask the applicant how satisfied they are with the "
                                           "outcome. Unsatisfied reopens the matter."), FALSE);
  jf_desk_form_dialog_add_choice (dialog, "satisfaction", _("_Satisfaction"), ids, labels,
                                  _("Choose what the applicant said…"), JF_DESK_FIELD_REQUIRED);
  jf_desk_form_dialog_add_entry (dialog, "note", _("What the applicant _said"),
                                 _("Needed when unsatisfied"), JF_DESK_FIELD_OPTIONAL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- police alert -------------------------------------------------------------------------- */

static JsonNode *
build_police (JfDeskFormDialog  *dialog,
              char             **out_method,
              char             **out_path,
              gpointer           data)
{
  g_autoptr(JsonBuilder) builder = begin_body (dialog, FALSE);

  add_text (builder, dialog, "note", "note");
  *out_method = g_strdup ("POST");
  *out_path = matter_path (data, "/police-alert");
  return end_body (builder);
}

static GtkWindow *
open_police (JfDeskMatterPage *self,
             const JfMove     *move)
{
  JfDeskFormDialog *dialog = new_dialog (self, move->name, _("Alert the Police"),
                                         _("_Alert the Police Now"), build_police);

  jf_desk_form_dialog_set_intro (dialog, _("When a dispute may turn violent the mediator must "
                                           "alert the police (People's Mediation Law, art. 25). "
                                           "The police station serving the place is told at "
                                           "once. In an emergency, call 110 as well."), TRUE);
  jf_desk_form_dialog_add_entry (dialog, "note", _("_What makes violence likely"), NULL,
                                 JF_DESK_FIELD_REQUIRED);
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "police-alert");
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* --- the table ----------------------------------------------------------------------------- */

GtkWindow *
jf_desk_matter_actions_open (JfDeskMatterPage *self,
                             const char       *name)
{
  static const struct
  {
    const char *move;
    GtkWindow *(*open) (JfDeskMatterPage *self, const JfMove *move);
  } workflows[] = {
    { "whistle", open_whistle },
    { "refer", open_referral },
    { "escalate", open_escalate },
    { "hand_down", open_hand_down },
    { "assign", open_assign },
    { "edit", open_edit },
    { "follow_up", open_follow_up },
    { "alert_police", open_police },
  };
  const JfMove *move = jf_lifecycle_find_by_name (name);

  if (move == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (workflows); i++)
    if (g_str_equal (workflows[i].move, name))
      return workflows[i].open (self, move);
  if (move->via_workflow || move->to == JF_STATUS_SAME)
    return NULL;
  return open_transition (self, move);
}
