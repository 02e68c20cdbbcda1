/* jf-desk-form-dialog.c: fields, checks, sending, and what the server said */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-enums.h"
#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-form-dialog.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

typedef enum
{
  FIELD_ENTRY,
  FIELD_TEXT,
  FIELD_CHOICE,
  FIELD_CHECKS,
} FieldKind;

typedef struct
{
  FieldKind         kind;
  char             *name;
  JfDeskFieldFlags  flags;
  GtkWidget        *input;    /* the entry, text view, drop-down, or box of checks */
  GtkLabel         *error;
  GStrv             ids;      /* a choice's or the checks' ids */
  GPtrArray        *checks;   /* GtkCheckButton, borrowed */
  char             *hint;
} Field;

static void
field_free (Field *field)
{
  g_free (field->name);
  g_strfreev (field->ids);
  g_clear_pointer (&field->checks, g_ptr_array_unref);
  g_free (field->hint);
  g_free (field);
}

struct _JfDeskFormDialog
{
  GtkWindow            parent_instance;

  GPtrArray           *fields;      /* of Field, in order */
  GHashTable          *paths;       /* server path → field name */
  JfDeskClient        *client;      /* owned */
  JfDeskFormBuildFunc  build;
  gpointer             build_data;
  GDestroyNotify       build_destroy;
  GCancellable        *cancellable;
  gint64               version;
  char                *move;
  char                *message;
  gboolean             busy;
  gboolean             touched;     /* something has been typed or ticked */

  /* template children */
  AdwWindowTitle      *title_widget;
  GtkButton           *submit_button;
  GtkSpinner          *spinner;
  GtkRevealer         *banner;
  GtkWidget           *banner_box;
  GtkImage            *banner_icon;
  GtkLabel            *banner_label;
  GtkBox              *fields_box;
  GtkLabel            *intro_label;
};

G_DEFINE_FINAL_TYPE (JfDeskFormDialog, jf_desk_form_dialog, GTK_TYPE_WINDOW)

enum {
  DONE,
  CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Field *
find_field (JfDeskFormDialog *self,
            const char       *name)
{
  for (guint i = 0; name != NULL && i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];

      if (g_str_equal (field->name, name))
        return field;
    }
  return NULL;
}

/* --- building ------------------------------------------------------------------------------ */

static GtkLabel *
add_row (JfDeskFormDialog *self,
         Field            *field,
         const char       *label,
         GtkWidget        *input,
         GtkWidget        *shown)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);
  GtkWidget *error = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "field-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), input);
  gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (caption)), -1);
  if (field->flags & JF_DESK_FIELD_REQUIRED)
    gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_REQUIRED,
                                    TRUE, -1);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), shown);
  gtk_box_append (GTK_BOX (box), error);
  gtk_box_append (self->fields_box, box);
  field->input = input;
  field->error = GTK_LABEL (error);
  g_ptr_array_add (self->fields, field);
  return GTK_LABEL (error);
}

static Field *
new_field (FieldKind         kind,
           const char       *name,
           const char       *hint,
           JfDeskFieldFlags  flags)
{
  Field *field = g_new0 (Field, 1);

  field->kind = kind;
  field->name = g_strdup (name);
  field->flags = flags;
  field->hint = g_strdup (hint);
  return field;
}

static void
clear_error_on_change (GtkWidget *input,
                       gpointer   data)
{
  Field *field = data;
  GtkRoot *root = gtk_widget_get_root (field->input);

  if (JF_DESK_IS_FORM_DIALOG (root))
    JF_DESK_FORM_DIALOG (root)->touched = TRUE;

  if (gtk_widget_get_visible (GTK_WIDGET (field->error)))
    jf_desk_field_set_error (field->input, field->error, NULL);
}

GtkWidget *
jf_desk_form_dialog_add_entry (JfDeskFormDialog *self,
                               const char       *name,
                               const char       *label,
                               const char       *hint,
                               JfDeskFieldFlags  flags)
{
  Field *field;
  GtkWidget *entry;

  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), NULL);
  g_return_val_if_fail (find_field (self, name) == NULL, NULL);

  field = new_field (FIELD_ENTRY, name, hint, flags);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (hint != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), hint);
  add_row (self, field, label, entry, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (clear_error_on_change), field);
  return entry;
}

GtkWidget *
jf_desk_form_dialog_add_text (JfDeskFormDialog *self,
                              const char       *name,
                              const char       *label,
                              const char       *hint,
                              JfDeskFieldFlags  flags)
{
  Field *field;
  GtkWidget *view, *scroller, *box;

  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), NULL);
  g_return_val_if_fail (find_field (self, name) == NULL, NULL);

  field = new_field (FIELD_TEXT, name, hint, flags);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "narrative-frame");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (box), scroller);
  if (hint != NULL)
    {
      GtkWidget *hint_label = gtk_label_new (hint);

      gtk_label_set_xalign (GTK_LABEL (hint_label), 0);
      gtk_label_set_wrap (GTK_LABEL (hint_label), TRUE);
      gtk_widget_add_css_class (hint_label, "dim-label");
      gtk_widget_add_css_class (hint_label, "caption");
      gtk_box_append (GTK_BOX (box), hint_label);
    }
  add_row (self, field, label, view, box);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                    G_CALLBACK (clear_error_on_change), field);
  return view;
}

static void
fill_choice (Field              *field,
             const char * const *ids,
             const char * const *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GPtrArray *all_ids = g_ptr_array_new ();
  guint n = ids != NULL ? g_strv_length ((GStrv) ids) : 0;

  /* A hint first: nothing is chosen until someone chooses. */
  if (field->hint != NULL || n == 0)
    {
      gtk_string_list_append (list, field->hint != NULL ? field->hint : "—");
      g_ptr_array_add (all_ids, g_strdup (""));
    }
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (list, labels[i]);
      g_ptr_array_add (all_ids, g_strdup (ids[i]));
    }
  g_ptr_array_add (all_ids, NULL);
  g_strfreev (field->ids);
  field->ids = (GStrv) g_ptr_array_free (all_ids, FALSE);
  gtk_drop_down_set_model (GTK_DROP_DOWN (field->input), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input), 0);
  gtk_widget_set_sensitive (field->input, n > 0);
}

static void
choice_changed_cb (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   Field       *field)
{
  if (gtk_widget_get_visible (GTK_WIDGET (field->error)))
    jf_desk_field_set_error (field->input, field->error, NULL);
}

GtkWidget *
jf_desk_form_dialog_add_choice (JfDeskFormDialog   *self,
                                const char         *name,
                                const char         *label,
                                const char * const *ids,
                                const char * const *labels,
                                const char         *hint,
                                JfDeskFieldFlags    flags)
{
  Field *field;
  GtkWidget *dropdown;
  g_autoptr(GtkExpression) expression = NULL;

  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), NULL);
  g_return_val_if_fail (find_field (self, name) == NULL, NULL);

  field = new_field (FIELD_CHOICE, name, hint, flags);
  dropdown = gtk_drop_down_new (NULL, NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  add_row (self, field, label, dropdown, dropdown);
  fill_choice (field, ids, labels);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (choice_changed_cb), field);
  return dropdown;
}

void
jf_desk_form_dialog_set_choices (JfDeskFormDialog   *self,
                                 const char         *name,
                                 const char * const *ids,
                                 const char * const *labels)
{
  Field *field = find_field (self, name);

  g_return_if_fail (field != NULL && field->kind == FIELD_CHOICE);
  fill_choice (field, ids, labels);
}

static void
fill_checks (Field              *field,
             const char * const *ids,
             const char * const *labels)
{
  GtkWidget *child;
  guint n = ids != NULL ? g_strv_length ((GStrv) ids) : 0;

  while ((child = gtk_widget_get_first_child (field->input)) != NULL)
    gtk_box_remove (GTK_BOX (field->input), child);
  g_ptr_array_set_size (field->checks, 0);
  g_strfreev (field->ids);
  field->ids = g_strdupv ((GStrv) ids);
  if (n == 0 && field->hint != NULL)
    {
      GtkWidget *hint = gtk_label_new (field->hint);

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_box_append (GTK_BOX (field->input), hint);
    }
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (labels[i]);

      g_signal_connect (check, "toggled", G_CALLBACK (clear_error_on_change), field);
      gtk_box_append (GTK_BOX (field->input), check);
      g_ptr_array_add (field->checks, check);
    }
}

GtkWidget *
jf_desk_form_dialog_add_checks (JfDeskFormDialog   *self,
                                const char         *name,
                                const char         *label,
                                const char * const *ids,
                                const char * const *labels,
                                const char         *hint,
                                JfDeskFieldFlags    flags)
{
  Field *field;
  GtkWidget *box, *scroller;

  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), NULL);
  g_return_val_if_fail (find_field (self, name) == NULL, NULL);

  field = new_field (FIELD_CHECKS, name, hint, flags);
  field->checks = g_ptr_array_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_add_css_class (scroller, "form-checks");
  add_row (self, field, label, box, scroller);
  fill_checks (field, ids, labels);
  return box;
}

void
jf_desk_form_dialog_set_checks (JfDeskFormDialog   *self,
                                const char         *name,
                                const char * const *ids,
                                const char * const *labels)
{
  Field *field = find_field (self, name);

  g_return_if_fail (field != NULL && field->kind == FIELD_CHECKS);
  fill_checks (field, ids, labels);
}

/* --- values -------------------------------------------------------------------------------- */

char *
jf_desk_form_dialog_get_text (JfDeskFormDialog *self,
                              const char       *name)
{
  Field *field = find_field (self, name);
  g_autofree char *text = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  if (field->kind == FIELD_ENTRY)
    return jf_desk_editable_dup_text (GTK_EDITABLE (field->input));
  if (field->kind == FIELD_TEXT)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
      return *text != '\0' ? g_steal_pointer (&text) : NULL;
    }
  g_return_val_if_reached (NULL);
}

void
jf_desk_form_dialog_set_text (JfDeskFormDialog *self,
                              const char       *name,
                              const char       *text)
{
  Field *field = find_field (self, name);

  g_return_if_fail (field != NULL);
  if (field->kind == FIELD_ENTRY)
    gtk_editable_set_text (GTK_EDITABLE (field->input), text != NULL ? text : "");
  else if (field->kind == FIELD_TEXT)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input)),
                              text != NULL ? text : "", -1);
}

const char *
jf_desk_form_dialog_get_choice (JfDeskFormDialog *self,
                                const char       *name)
{
  Field *field = find_field (self, name);
  guint selected;

  g_return_val_if_fail (field != NULL && field->kind == FIELD_CHOICE, NULL);
  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->input));
  if (field->ids == NULL || selected >= g_strv_length (field->ids) ||
      *field->ids[selected] == '\0')
    return NULL;
  return field->ids[selected];
}

void
jf_desk_form_dialog_set_choice (JfDeskFormDialog *self,
                                const char       *name,
                                const char       *id)
{
  Field *field = find_field (self, name);

  g_return_if_fail (field != NULL && field->kind == FIELD_CHOICE);
  for (guint i = 0; field->ids != NULL && field->ids[i] != NULL; i++)
    if (g_strcmp0 (field->ids[i], id) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->input), i);
}

GStrv
jf_desk_form_dialog_get_checked (JfDeskFormDialog *self,
                                 const char       *name)
{
  Field *field = find_field (self, name);
  GPtrArray *checked = g_ptr_array_new ();

  g_return_val_if_fail (field != NULL && field->kind == FIELD_CHECKS, NULL);
  for (guint i = 0; i < field->checks->len; i++)
    if (gtk_check_button_get_active (field->checks->pdata[i]))
      g_ptr_array_add (checked, g_strdup (field->ids[i]));
  g_ptr_array_add (checked, NULL);
  return (GStrv) g_ptr_array_free (checked, FALSE);
}

void
jf_desk_form_dialog_set_checked (JfDeskFormDialog *self,
                                 const char       *name,
                                 const char       *id,
                                 gboolean          checked)
{
  Field *field = find_field (self, name);

  g_return_if_fail (field != NULL && field->kind == FIELD_CHECKS);
  for (guint i = 0; i < field->checks->len; i++)
    if (g_strcmp0 (field->ids[i], id) == 0)
      gtk_check_button_set_active (field->checks->pdata[i], checked);
}

GtkWidget *
jf_desk_form_dialog_get_input (JfDeskFormDialog *self,
                               const char       *name)
{
  Field *field = find_field (self, name);

  g_return_val_if_fail (field != NULL, NULL);
  if (field->kind == FIELD_CHECKS)
    return field->checks->len > 0 ? field->checks->pdata[0] : field->input;
  return field->input;
}

/* --- errors and messages ------------------------------------------------------------------- */

void
jf_desk_form_dialog_map_path (JfDeskFormDialog *self,
                              const char       *path,
                              const char       *name)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));
  g_hash_table_insert (self->paths, g_strdup (path), g_strdup (name));
}

gboolean
jf_desk_form_dialog_set_field_error (JfDeskFormDialog *self,
                                     const char       *name,
                                     const char       *message)
{
  Field *field = find_field (self, name);

  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), FALSE);
  if (field == NULL)
    return FALSE;
  jf_desk_field_set_error (field->input, field->error, message);
  if (message != NULL)
    gtk_widget_grab_focus (jf_desk_form_dialog_get_input (self, name));
  return TRUE;
}

const char *
jf_desk_form_dialog_get_field_error (JfDeskFormDialog *self,
                                     const char       *name)
{
  Field *field = find_field (self, name);

  g_return_val_if_fail (field != NULL, NULL);
  return jf_desk_field_has_error (field->error) ? gtk_label_get_text (field->error) : NULL;
}

void
jf_desk_form_dialog_set_message (JfDeskFormDialog *self,
                                 const char       *message,
                                 gboolean          error)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->banner_label, message != NULL ? message : "");
  gtk_image_set_from_icon_name (self->banner_icon, error ? "dialog-error-symbolic"
                                                         : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (self->banner_box, "error");
  else
    gtk_widget_remove_css_class (self->banner_box, "error");
  gtk_revealer_set_reveal_child (self->banner, message != NULL);
}

const char *
jf_desk_form_dialog_get_message (JfDeskFormDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), NULL);
  return self->message;
}

void
jf_desk_form_dialog_set_intro (JfDeskFormDialog *self,
                               const char       *text,
                               gboolean          warning)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));

  gtk_label_set_text (self->intro_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), text != NULL);
  if (warning)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->intro_label), "form-intro-warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->submit_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->submit_button), "destructive-action");
    }
}

/* The field the server's @path names: an alias, the path without "fields.", or its first
 * component ("assist[2].ask" → "assist"). */
static Field *
field_for_path (JfDeskFormDialog *self,
                const char       *path)
{
  const char *bare = g_str_has_prefix (path, "fields.") ? path + strlen ("fields.") : path;
  g_autofree char *first = g_strndup (bare, strcspn (bare, ".["));
  const char *candidates[] = { path, bare, first };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *alias = g_hash_table_lookup (self->paths, candidates[i]);
      Field *field = find_field (self, alias != NULL ? alias : candidates[i]);

      if (field != NULL)
        return field;
    }
  return NULL;
}

static void
clear_errors (JfDeskFormDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];

      jf_desk_field_set_error (field->input, field->error, NULL);
    }
}

static gboolean
check_required (JfDeskFormDialog *self)
{
  Field *first = NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];
      gboolean missing = FALSE;

      if (!(field->flags & JF_DESK_FIELD_REQUIRED))
        continue;
      switch (field->kind)
        {
        case FIELD_ENTRY:
        case FIELD_TEXT:
          {
            g_autofree char *text = jf_desk_form_dialog_get_text (self, field->name);

            missing = text == NULL;
          }
          break;
        case FIELD_CHOICE:
          missing = jf_desk_form_dialog_get_choice (self, field->name) == NULL;
          break;
        case FIELD_CHECKS:
          {
            g_auto(GStrv) checked = jf_desk_form_dialog_get_checked (self, field->name);

            missing = checked[0] == NULL;
          }
          break;
        default:
          break;
        }
      if (!missing)
        continue;
      jf_desk_field_set_error (field->input, field->error,
                               field->kind == FIELD_CHOICE || field->kind == FIELD_CHECKS
                               ? _("Choose one") : _("This is needed"));
      if (first == NULL)
        first = field;
    }
  if (first != NULL)
    gtk_widget_grab_focus (jf_desk_form_dialog_get_input (self, first->name));
  return first == NULL;
}

/* --- sending ------------------------------------------------------------------------------- */

static void
set_busy (JfDeskFormDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  /* The fields stay sensitive: making a focused entry insensitive in GTK 4.8 takes its
   * focus without a focus-out, and its cursor keeps blinking (a warning). A second
   * submit is refused while one is on its way. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.submit", !busy);
}

static gboolean
moves_contain (JsonObject *matter,
               const char *move)
{
  JsonArray *moves = jf_desk_json_member_array (matter, "moves");

  for (guint i = 0; moves != NULL && i < json_array_get_length (moves); i++)
    {
      JsonNode *node = json_array_get_element (moves, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), move) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Someone changed the matter since the dialog was opened: say what it is now, and whether
 * the step can still be taken on it. */
static void
show_conflict (JfDeskFormDialog *self,
               JsonObject       *current)
{
  const char *status_name = jf_desk_json_string (current, "status");
  const char *status = status_name;
  JfStatus value;
  gboolean possible;
  g_autofree char *message = NULL;

  if (status_name != NULL && jf_status_from_string (status_name, &value))
    status = jf_status_label (value);
  self->version = jf_desk_json_int (current, "version", self->version);
  possible = self->move == NULL || moves_contain (current, self->move);
  /* Not the matter but one of its records (a mediation session). */
  if (jf_desk_json_member_array (current, "moves") == NULL)
    message = g_strdup (_("Someone changed this record meanwhile; the page behind this dialog "
                          "shows it as it is now. Check it, then submit again."));
  else if (possible)
    /* TRANSLATORS: %s is the matter's status now, e.g. “in mediation”. */
    message = g_strdup_printf (_("Someone changed this matter meanwhile: it is now “%s”, as "
                                 "the page behind this dialog shows. Check it, then submit "
                                 "again to go ahead on the matter as it is now."),
                               status != NULL ? status : "");
  else
    message = g_strdup_printf (_("Someone changed this matter meanwhile: it is now “%s”, as "
                                 "the page behind this dialog shows. This step is no longer "
                                 "possible; close this dialog."),
                               status != NULL ? status : "");
  jf_desk_form_dialog_set_message (self, message, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.submit", possible);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(JfDeskFormDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                              NULL, NULL, &error);
  JsonNode *detail;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (error == NULL)
    {
      g_signal_emit (self, signals[DONE], 0, answer);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  detail = error->domain == JF_ERROR ? jf_error_get_detail (error) : NULL;
  /* A stale version answers 409 with "current"; a step that the change made impossible
   * may answer 422 with it too. Either way the matter moved on under us. */
  if (detail != NULL && JSON_NODE_HOLDS_OBJECT (detail) &&
      jf_desk_json_int (json_node_get_object (detail), "version", 0) != self->version &&
      jf_desk_json_int (json_node_get_object (detail), "version", 0) > 0)
    {
      g_signal_emit (self, signals[CONFLICT], 0, json_node_get_object (detail));
      show_conflict (self, json_node_get_object (detail));
      return;
    }
  if (error->domain == JF_ERROR && jf_error_get_field (error) != NULL &&
      !g_str_equal (jf_error_get_field (error), "version"))
    {
      Field *field = field_for_path (self, jf_error_get_field (error));

      if (field != NULL)
        {
          g_autofree char *text = jf_desk_error_describe_field (error);

          jf_desk_form_dialog_set_message (self, NULL, FALSE);
          jf_desk_form_dialog_set_field_error (self, field->name, text);
          return;
        }
    }
  {
    g_autofree char *text = jf_desk_error_describe_field (error);

    jf_desk_form_dialog_set_message (self, text, TRUE);
  }
}

void
jf_desk_form_dialog_submit (JfDeskFormDialog *self)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *method = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));

  if (self->busy || self->build == NULL ||
      !gtk_widget_is_sensitive (GTK_WIDGET (self->submit_button)))
    return;
  clear_errors (self);
  if (!check_required (self))
    return;
  body = self->build (self, &method, &path, self->build_data);
  if (body == NULL || method == NULL || path == NULL)
    return;
  jf_desk_form_dialog_set_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  jf_desk_client_request_async (self->client, method, path, body, NULL, self->cancellable,
                                sent_cb, g_object_ref (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  jf_desk_form_dialog_submit (JF_DESK_FORM_DIALOG (widget));
}

void
jf_desk_form_dialog_set_request (JfDeskFormDialog    *self,
                                 JfDeskClient        *client,
                                 JfDeskFormBuildFunc  build,
                                 gpointer             data,
                                 GDestroyNotify       destroy)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));
  g_return_if_fail (JF_DESK_IS_CLIENT (client));

  if (self->build_destroy != NULL)
    self->build_destroy (self->build_data);
  g_set_object (&self->client, client);
  self->build = build;
  self->build_data = data;
  self->build_destroy = destroy;
}

void
jf_desk_form_dialog_set_version (JfDeskFormDialog *self,
                                 gint64            version,
                                 const char       *move)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));
  self->version = version;
  g_free (self->move);
  self->move = g_strdup (move);
}

gint64
jf_desk_form_dialog_get_version (JfDeskFormDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), 0);
  return self->version;
}

void
jf_desk_form_dialog_focus_if_untouched (JfDeskFormDialog *self,
                                        const char       *name)
{
  g_return_if_fail (JF_DESK_IS_FORM_DIALOG (self));

  if (!self->touched && !self->busy && find_field (self, name) != NULL)
    gtk_widget_grab_focus (jf_desk_form_dialog_get_input (self, name));
}

gboolean
jf_desk_form_dialog_is_busy (JfDeskFormDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_FORM_DIALOG (self), FALSE);
  return self->busy;
}

/* --- life ---------------------------------------------------------------------------------- */

static void
focus_first (JfDeskFormDialog *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = self->fields->pdata[i];
      GtkWidget *input = jf_desk_form_dialog_get_input (self, field->name);

      if (gtk_widget_is_sensitive (input))
        {
          gtk_widget_grab_focus (input);
          return;
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->submit_button));
}

static void
jf_desk_form_dialog_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_form_dialog_parent_class)->show (widget);
  focus_first (JF_DESK_FORM_DIALOG (widget));
}

static void
jf_desk_form_dialog_dispose (GObject *object)
{
  JfDeskFormDialog *self = JF_DESK_FORM_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->build_destroy != NULL)
    self->build_destroy (self->build_data);
  self->build_destroy = NULL;
  self->build_data = NULL;
  self->build = NULL;
  g_clear_object (&self->client);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  G_OBJECT_CLASS (jf_desk_form_dialog_parent_class)->dispose (object);
}

static void
jf_desk_form_dialog_finalize (GObject *object)
{
  JfDeskFormDialog *self = JF_DESK_FORM_DIALOG (object);

  g_ptr_array_unref (self->fields);
  g_hash_table_unref (self->paths);
  g_free (self->move);
  g_free (self->message);
  G_OBJECT_CLASS (jf_desk_form_dialog_parent_class)->finalize (object);
}

static void
jf_desk_form_dialog_class_init (JfDeskFormDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_form_dialog_dispose;
  object_class->finalize = jf_desk_form_dialog_finalize;
  widget_class->show = jf_desk_form_dialog_show;

  /* The request succeeded: its answer (may be NULL). The dialog closes after this. */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1,
                                JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* The matter changed meanwhile: the matter as it is now. The dialog stays open. */
  signals[CONFLICT] = g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                    JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-form-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, title_widget);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, banner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, banner_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskFormDialog, intro_label);

  gtk_widget_class_install_action (widget_class, "form.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jf_desk_form_dialog_init (JfDeskFormDialog *self)
{
  GtkEventController *controller;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));

  /* Ctrl+Enter submits from anywhere, a multi-line field included: caught on the way
   * down, before the text view takes Enter for a new line. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                 GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("form.submit")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

JfDeskFormDialog *
jf_desk_form_dialog_new (GtkWindow  *parent,
                         const char *title,
                         const char *submit_label)
{
  JfDeskFormDialog *self = g_object_new (JF_DESK_TYPE_FORM_DIALOG, "transient-for", parent,
                                         "title", title, NULL);

  adw_window_title_set_title (self->title_widget, title);
  gtk_button_set_label (self->submit_button, submit_label);
  return self;
}
