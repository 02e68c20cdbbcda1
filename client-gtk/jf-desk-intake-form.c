/* jf-desk-intake-form.c: the intake form as a widget: its fields, its parties, the
 * reference data it offers, its state (the form as data: jf-desk-intake-form-data.c) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-intake.h"
#include "jf-desk-field.h"
#include "jf-desk-intake-form-private.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

G_DEFINE_FINAL_TYPE (JfDeskIntakeForm, jf_desk_intake_form, GTK_TYPE_WIDGET)

enum {
  SUBMIT,
  PEOPLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

JfDeskPartyRow *
jf_desk_intake_form_party_at (JfDeskIntakeForm *self,
          guint             index)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parties_box));

  for (guint i = 0; child != NULL && i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return child != NULL ? JF_DESK_PARTY_ROW (child) : NULL;
}

guint
jf_desk_intake_form_get_n_parties (JfDeskIntakeForm *self)
{
  guint n = 0;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->parties_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void focus_changed_cb (JfDeskIntakeForm *self);

void
jf_desk_intake_form_people_changed (JfDeskIntakeForm *self)
{
  /* A hint may have appeared under the field being typed in: keep it in view. */
  focus_changed_cb (self);
  if (!self->loading)
    g_signal_emit (self, signals[PEOPLE_CHANGED], 0);
}

/* --- parties --------------------------------------------------------------------------------- */

static void
renumber_parties (JfDeskIntakeForm *self)
{
  guint n = jf_desk_intake_form_get_n_parties (self);

  for (guint i = 0; i < n; i++)
    {
      JfDeskPartyRow *row = jf_desk_intake_form_party_at (self, i);

      jf_desk_party_row_set_index (row, i);
      jf_desk_party_row_set_removable (row, n > 1);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_party_button), n < JF_INTAKE_MAX_PARTIES);
}

static void
party_remove_cb (JfDeskIntakeForm *self,
                 JfDeskPartyRow   *row)
{
  guint n = jf_desk_intake_form_get_n_parties (self);
  GtkWidget *neighbour;

  if (n <= 1)
    return;
  neighbour = gtk_widget_get_prev_sibling (GTK_WIDGET (row));
  if (neighbour == NULL)
    neighbour = gtk_widget_get_next_sibling (GTK_WIDGET (row));
  gtk_box_remove (self->parties_box, GTK_WIDGET (row));
  renumber_parties (self);
  if (neighbour != NULL)
    jf_desk_party_row_focus (JF_DESK_PARTY_ROW (neighbour), NULL);
  jf_desk_intake_form_people_changed (self);
}

static void
party_activate_last_cb (JfDeskIntakeForm *self,
                        JfDeskPartyRow   *row)
{
  /* Enter in the last field of the last party registers; elsewhere it moves on. */
  if (gtk_widget_get_next_sibling (GTK_WIDGET (row)) == NULL)
    g_signal_emit (self, signals[SUBMIT], 0);
  else
    jf_desk_party_row_focus (JF_DESK_PARTY_ROW (gtk_widget_get_next_sibling (GTK_WIDGET (row))),
                             "role");
}

JfDeskPartyRow *
jf_desk_intake_form_append_party (JfDeskIntakeForm *self,
              JfPartyRole       role)
{
  JfDeskPartyRow *row = jf_desk_party_row_new (role);

  g_signal_connect_object (row, "changed", G_CALLBACK (jf_desk_intake_form_people_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (party_remove_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "activate-last", G_CALLBACK (party_activate_last_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->parties_box, GTK_WIDGET (row));
  renumber_parties (self);
  return row;
}

static void
remove_all_parties (JfDeskIntakeForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parties_box))) != NULL)
    gtk_box_remove (self->parties_box, child);
}

gboolean
jf_desk_intake_form_add_party (JfDeskIntakeForm *self)
{
  JfDeskPartyRow *row;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), FALSE);

  if (jf_desk_intake_form_get_n_parties (self) >= JF_INTAKE_MAX_PARTIES)
    return FALSE;
  /* The first is the applicant; whoever comes next is usually the other side. */
  row = jf_desk_intake_form_append_party (self, jf_desk_intake_form_get_n_parties (self) == 0
                      ? JF_PARTY_APPLICANT : JF_PARTY_RESPONDENT);
  jf_desk_field_set_error (GTK_WIDGET (self->add_party_button), self->parties_error, NULL);
  jf_desk_party_row_focus (row, NULL);
  return TRUE;
}

/* --- reference data ------------------------------------------------------------------------ */

static void
use_builtin_categories (JfDeskIntakeForm *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Offline: the categories every installation has, so that an intake can still be
   * registered into the outbox. */
  for (guint c = 0; c < JF_N_CATEGORIES; c++)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "slug", jf_category_to_string ((JfCategory) c));
      json_object_set_string_member (object, "name_zh", jf_category_label ((JfCategory) c));
      json_object_set_string_member (object, "name_en", jf_category_label ((JfCategory) c));
      g_ptr_array_add (items, jf_desk_category_new_from_json (object));
    }
  g_list_store_splice (self->categories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->categories)),
                       items->pdata, items->len);
}

void
jf_desk_intake_form_select_category (JfDeskIntakeForm *self,
                 const char       *slug)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories),
                                                                  i);

      if (g_strcmp0 (jf_desk_category_get_slug (category), slug) == 0)
        {
          gtk_drop_down_set_selected (self->category_dropdown, i);
          return;
        }
    }
  /* The first (neighbours, the commonest at a window) rather than none: a drop-down with
   * a selection is the one the keyboard handles well (arrows, then Enter). */
  gtk_drop_down_set_selected (self->category_dropdown, n > 0 ? 0 : GTK_INVALID_LIST_POSITION);
}

JfDeskCategory *
jf_desk_intake_form_selected_category (JfDeskIntakeForm *self)
{
  return gtk_drop_down_get_selected_item (self->category_dropdown);
}

static void
categories_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(JfDeskIntakeForm) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *previous = NULL;
  JsonArray *array;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->categories == NULL)
    return;
  array = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JfDeskCategory *category = jf_desk_category_new_from_json (
        jf_desk_json_object (json_array_get_element (array, i)));

      if (category != NULL && jf_desk_category_get_active (category))
        g_ptr_array_add (items, category);
      else
        g_clear_object (&category);
    }
  if (items->len == 0)
    return;
  if (jf_desk_intake_form_selected_category (self) != NULL)
    previous = g_strdup (jf_desk_category_get_slug (jf_desk_intake_form_selected_category (self)));
  g_list_store_splice (self->categories, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->categories)),
                       items->pdata, items->len);
  jf_desk_intake_form_select_category (self, previous);
}

static void
home_unit_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(JfDeskIntakeForm) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(JfDeskOrgUnit) unit = NULL;
  gboolean at_home;

  if (root == NULL || self->categories == NULL)
    return;
  unit = jf_desk_org_unit_new_from_json (jf_desk_json_object (root));
  if (unit == NULL)
    return;
  /* The place still shows the unit without its path: show the path now. */
  at_home = self->home_unit != NULL &&
            g_strcmp0 (jf_desk_org_picker_get_code (self->place_picker),
                       jf_desk_org_unit_get_code (self->home_unit)) == 0;
  g_set_object (&self->home_unit, unit);
  if (at_home)
    jf_desk_org_picker_set_unit (self->place_picker, unit);
}

static void
load_reference_data (JfDeskIntakeForm *self)
{
  JfDeskAccount *account = self->client != NULL ? jf_desk_client_get_account (self->client) : NULL;
  g_autofree char *path = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (account == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->home_unit);
  self->home_unit = jf_desk_org_unit_new (jf_desk_account_get_org_code (account),
                                          jf_desk_account_get_org_name (account),
                                          jf_level_to_string (jf_desk_account_get_org_level (account)),
                                          NULL);
  jf_desk_client_request_async (self->client, "GET", "/v1/categories", NULL, NULL,
                                self->cancellable, categories_cb, g_object_ref (self));
  path = g_strdup_printf ("/v1/org-units/%s", jf_desk_account_get_org_code (account));
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                home_unit_cb, g_object_ref (self));
}

void
jf_desk_intake_form_set_client (JfDeskIntakeForm *self,
                                JfDeskClient     *client)
{
  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  g_set_object (&self->client, client);
  jf_desk_org_picker_set_client (self->place_picker, client);
  load_reference_data (self);
  if (self->home_unit != NULL && jf_desk_org_picker_get_unit (self->place_picker) == NULL)
    jf_desk_org_picker_set_unit (self->place_picker, self->home_unit);
}

static void
day_selected_cb (JfDeskIntakeForm *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_popover_popdown (self->calendar_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

static void
date_focus_leave_cb (JfDeskIntakeForm *self)
{
  GDate date;

  jf_desk_intake_form_check_date (self, &date);
}

static void
clear_on_change_cb (GtkWidget *input,
                    GtkLabel  *label)
{
  if (jf_desk_field_has_error (label))
    jf_desk_field_set_error (input, label, NULL);
}

static void
title_changed_cb (JfDeskIntakeForm *self)
{
  clear_on_change_cb (GTK_WIDGET (self->title_entry), self->title_error);
}

static void
narrative_changed_cb (JfDeskIntakeForm *self)
{
  clear_on_change_cb (GTK_WIDGET (self->narrative_view), self->narrative_error);
}

static void
category_changed_cb (JfDeskIntakeForm *self)
{
  if (jf_desk_intake_form_selected_category (self) != NULL)
    clear_on_change_cb (GTK_WIDGET (self->category_dropdown), self->category_error);
}

static void
place_changed_cb (JfDeskIntakeForm *self)
{
  if (jf_desk_org_picker_get_unit (self->place_picker) != NULL)
    clear_on_change_cb (jf_desk_org_picker_get_entry (self->place_picker), self->place_error);
  jf_desk_intake_form_people_changed (self);
}

static void
date_changed_cb (JfDeskIntakeForm *self)
{
  clear_on_change_cb (GTK_WIDGET (self->date_entry), self->date_error);
}

/* --- state --------------------------------------------------------------------------------- */

const char *
jf_desk_intake_form_get_key (JfDeskIntakeForm *self)
{
  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), NULL);
  return self->key;
}

const char *
jf_desk_intake_form_get_outbox_key (JfDeskIntakeForm *self)
{
  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), NULL);
  return self->outbox_key;
}

gboolean
jf_desk_intake_form_has_input (JfDeskIntakeForm *self)
{
  g_autofree char *narrative = NULL;
  guint n;

  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), FALSE);

  narrative = jf_desk_intake_form_narrative_text (self);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->title_entry)) != '\0' || narrative != NULL ||
      *gtk_editable_get_text (GTK_EDITABLE (self->address_entry)) != '\0' ||
      *gtk_editable_get_text (GTK_EDITABLE (self->date_entry)) != '\0' ||
      gtk_check_button_get_active (self->violence_check) ||
      gtk_check_button_get_active (self->minors_check) ||
      gtk_check_button_get_active (self->elderly_check) ||
      gtk_spin_button_get_value_as_int (self->group_spin) > 0)
    return TRUE;
  n = jf_desk_intake_form_get_n_parties (self);
  for (guint i = 0; i < n; i++)
    if (jf_desk_party_row_has_input (jf_desk_intake_form_party_at (self, i)))
      return TRUE;
  return FALSE;
}

void
jf_desk_intake_form_set_busy (JfDeskIntakeForm *self,
                              gboolean          busy)
{
  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  /* The focus leaves the fields before they go insensitive (see jf-desk-login-page.c);
   * whoever ends the wait puts it back where it belongs. */
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->submit_button));
  gtk_widget_set_sensitive (self->sections, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_spinner), busy);
  if (busy)
    gtk_spinner_start (self->submit_spinner);
  else
    gtk_spinner_stop (self->submit_spinner);
}

void
jf_desk_intake_form_set_status (JfDeskIntakeForm *self,
                                JfDeskStatusKind  kind,
                                const char       *message)
{
  static const char * const classes[] = { "status-info", "status-success", "status-warning",
                                          "status-error" };
  static const char * const icons[] = { NULL, "dialog-information-symbolic",
                                        "emblem-ok-symbolic", "dialog-warning-symbolic",
                                        "dialog-error-symbolic" };

  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
    }
  g_free (self->status);
  self->status = g_strdup (message != NULL ? message : "");
  gtk_label_set_text (self->status_label, self->status);
  if (kind != JF_DESK_STATUS_NONE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), classes[kind - 1]);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), classes[kind - 1]);
      gtk_image_set_from_icon_name (self->status_icon, icons[kind]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), kind != JF_DESK_STATUS_NONE);
}

const char *
jf_desk_intake_form_get_status (JfDeskIntakeForm *self)
{
  g_return_val_if_fail (JF_DESK_IS_INTAKE_FORM (self), NULL);
  return self->status != NULL ? self->status : "";
}

void
jf_desk_intake_form_focus_start (JfDeskIntakeForm *self)
{
  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  /* Hidden (the sign-in page is showing): not now, but when the form is shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->focus_on_map = TRUE;
      return;
    }
  self->focus_on_map = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->category_dropdown));
}

static void
jf_desk_intake_form_map (GtkWidget *widget)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (widget);

  GTK_WIDGET_CLASS (jf_desk_intake_form_parent_class)->map (widget);
  if (self->focus_on_map)
    jf_desk_intake_form_focus_start (self);
}

void
jf_desk_intake_form_clear_fields (JfDeskIntakeForm *self)
{
  gtk_drop_down_set_selected (self->kind_dropdown, JF_KIND_DISPUTE);
  gtk_drop_down_set_selected (self->source_dropdown, JF_SOURCE_WINDOW);
  jf_desk_intake_form_select_category (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->narrative_view), "", -1);
  jf_desk_org_picker_set_unit (self->place_picker, self->home_unit);
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), "");
  gtk_check_button_set_active (self->violence_check, FALSE);
  gtk_check_button_set_active (self->minors_check, FALSE);
  gtk_check_button_set_active (self->elderly_check, FALSE);
  gtk_spin_button_set_value (self->group_spin, 0);
  remove_all_parties (self);
}

void
jf_desk_intake_form_reset (JfDeskIntakeForm *self)
{
  g_return_if_fail (JF_DESK_IS_INTAKE_FORM (self));

  self->loading = TRUE;
  jf_desk_intake_form_clear_fields (self);
  /* Two parties to start with: most disputes have two sides. */
  jf_desk_intake_form_append_party (self, JF_PARTY_APPLICANT);
  jf_desk_intake_form_append_party (self, JF_PARTY_RESPONDENT);
  self->loading = FALSE;
  jf_desk_intake_form_clear_errors (self);
  g_free (self->key);
  self->key = g_uuid_string_random ();
  g_clear_pointer (&self->outbox_key, g_free);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  jf_desk_intake_form_people_changed (self);
  jf_desk_intake_form_focus_start (self);
}

/* --- keeping the focus in view ------------------------------------------------------------ */

/* GtkViewport scrolls a focused field just into view, which leaves the error label under
 * it, or half of it, behind the action bar: keep a margin around it instead. */
static gboolean
scroll_to_focus_cb (gpointer data)
{
  JfDeskIntakeForm *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  graphene_rect_t bounds;
  double top, bottom, value, page;

  self->scroll_id = 0;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->sections) ||
      !gtk_widget_compute_bounds (focus, self->sections, &bounds))
    return G_SOURCE_REMOVE;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* In a party, the whole party, hints and all, when it fits. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (focus, JF_DESK_TYPE_PARTY_ROW);
    graphene_rect_t row_bounds;

    if (row != NULL && gtk_widget_compute_bounds (row, self->sections, &row_bounds) &&
        row_bounds.size.height + 24 < page)
      {
        gtk_adjustment_clamp_page (adjustment, row_bounds.origin.y - 12,
                                   row_bounds.origin.y + row_bounds.size.height + 12);
        return G_SOURCE_REMOVE;
      }
  }
  /* Room above for the caption, below for an error or a hint of two lines. */
  top = bounds.origin.y - 48;
  bottom = bounds.origin.y + bounds.size.height + 96;
  if (top < value)
    gtk_adjustment_set_value (adjustment, MAX (top, 0));
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
  return G_SOURCE_REMOVE;
}

static void
focus_changed_cb (JfDeskIntakeForm *self)
{
  /* After the viewport's own scrolling, which happens on the same change. */
  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add (scroll_to_focus_cb, self);
}

static void
jf_desk_intake_form_root (GtkWidget *widget)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (widget);

  GTK_WIDGET_CLASS (jf_desk_intake_form_parent_class)->root (widget);
  self->focus_handler = g_signal_connect_swapped (gtk_widget_get_root (widget),
                                                  "notify::focus-widget",
                                                  G_CALLBACK (focus_changed_cb), self);
}

static void
jf_desk_intake_form_unroot (GtkWidget *widget)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (widget);

  g_clear_signal_handler (&self->focus_handler, gtk_widget_get_root (widget));
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  GTK_WIDGET_CLASS (jf_desk_intake_form_parent_class)->unroot (widget);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
activate_next_cb (GtkWidget *widget)
{
  jf_desk_focus_next (widget);
}

static void
jf_desk_intake_form_dispose (GObject *object)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scroll_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_INTAKE_FORM);
  g_clear_object (&self->categories);
  g_clear_object (&self->home_unit);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_intake_form_parent_class)->dispose (object);
}

static void
jf_desk_intake_form_finalize (GObject *object)
{
  JfDeskIntakeForm *self = JF_DESK_INTAKE_FORM (object);

  g_free (self->key);
  g_free (self->outbox_key);
  g_free (self->status);
  G_OBJECT_CLASS (jf_desk_intake_form_parent_class)->finalize (object);
}

static void
jf_desk_intake_form_class_init (JfDeskIntakeFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_intake_form_dispose;
  object_class->finalize = jf_desk_intake_form_finalize;
  widget_class->map = jf_desk_intake_form_map;
  widget_class->root = jf_desk_intake_form_root;
  widget_class->unroot = jf_desk_intake_form_unroot;

  /* Enter in the last field of the last party. */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A party, the place or the address changed: time to look for repeat disputes. */
  signals[PEOPLE_CHANGED] = g_signal_new ("people-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          0);

  g_type_ensure (JF_DESK_TYPE_ORG_PICKER);
  g_type_ensure (JF_DESK_TYPE_PARTY_ROW);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-intake-form.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskIntakeForm, name)
  BIND (scroller);
  BIND (kind_dropdown);
  BIND (source_dropdown);
  BIND (category_dropdown);
  BIND (category_error);
  BIND (title_entry);
  BIND (title_error);
  BIND (narrative_view);
  BIND (narrative_frame);
  BIND (narrative_error);
  BIND (place_caption);
  BIND (place_picker);
  BIND (place_error);
  BIND (address_entry);
  BIND (address_error);
  BIND (date_entry);
  BIND (date_error);
  BIND (calendar_button);
  BIND (calendar_popover);
  BIND (calendar);
  BIND (violence_check);
  BIND (minors_check);
  BIND (elderly_check);
  BIND (group_spin);
  BIND (parties_error);
  BIND (parties_box);
  BIND (add_party_button);
  BIND (status_icon);
  BIND (status_label);
  BIND (submit_button);
  BIND (submit_spinner);
  BIND (sections);
#undef BIND

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, jf_desk_intake_form_escape, NULL);
}

static GListModel *
strings (const char *(*label) (guint),
         guint        n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, label (i));
  return G_LIST_MODEL (list);
}

static const char *
kind_label (guint value)
{
  return jf_kind_label ((JfKind) value);
}

static const char *
source_label (guint value)
{
  return jf_source_label ((JfSource) value);
}

static void
jf_desk_intake_form_init (JfDeskIntakeForm *self)
{
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) sources = NULL;
  GtkExpression *name;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  kinds = strings (kind_label, JF_N_KINDS);
  sources = strings (source_label, JF_N_SOURCES);
  gtk_drop_down_set_model (self->kind_dropdown, kinds);
  gtk_drop_down_set_model (self->source_dropdown, sources);

  self->categories = g_list_store_new (JF_DESK_TYPE_CATEGORY);
  name = gtk_property_expression_new (JF_DESK_TYPE_CATEGORY, NULL, "name");
  gtk_drop_down_set_expression (self->category_dropdown, name);
  gtk_expression_unref (name);
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->categories));
  use_builtin_categories (self);

  gtk_label_set_mnemonic_widget (self->place_caption,
                                 jf_desk_org_picker_get_entry (self->place_picker));

  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->narrative_view), "changed",
                           G_CALLBACK (narrative_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (category_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->place_picker, "notify::unit", G_CALLBACK (place_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_entry, "changed", G_CALLBACK (date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The address within the place is looked up for repeat disputes too. */
  g_signal_connect_object (self->address_entry, "changed",
                           G_CALLBACK (jf_desk_intake_form_people_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self,
                           G_CONNECT_SWAPPED);

  /* Enter moves on to the next field, as Tab does. */
  g_signal_connect (self->title_entry, "activate", G_CALLBACK (activate_next_cb), NULL);
  g_signal_connect (self->address_entry, "activate", G_CALLBACK (activate_next_cb), NULL);
  g_signal_connect (self->date_entry, "activate", G_CALLBACK (activate_next_cb), NULL);
  g_signal_connect_swapped (self->place_picker, "activate", G_CALLBACK (activate_next_cb),
                            self->place_picker);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (date_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->date_entry), focus);

  jf_desk_intake_form_reset (self);
}
