/* jf-desk-org-picker.c: an org unit by part of its name */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-org-picker.h"
#include "jf-desk-resources.h"

struct _JfDeskOrgPicker
{
  GtkWidget           parent_instance;

  JfDeskClient       *client;        /* owned */
  JfDeskOrgUnit      *unit;          /* owned; the picked unit */
  GListStore         *matches;       /* owned; of JfDeskOrgUnit */
  GtkSingleSelection *selection;     /* owned */
  GCancellable       *cancellable;   /* of the search in flight */
  guint               debounce_id;
  guint               close_id;
  gboolean            setting_text;  /* the text changes because a unit was picked */
  gboolean            selecting;     /* the selection changes by the keyboard or a search */

  /* template children */
  GtkEntry           *entry;
  GtkPopover         *popover;
  GtkListView        *list;
};

G_DEFINE_FINAL_TYPE (JfDeskOrgPicker, jf_desk_org_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UNIT,
  N_PROPS
};

enum {
  ACTIVATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
close_list (JfDeskOrgPicker *self)
{
  g_clear_handle_id (&self->close_id, g_source_remove);
  gtk_popover_popdown (self->popover);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_EXPANDED,
                               FALSE, -1);
}

static void
open_list (JfDeskOrgPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) == 0 ||
      !jf_desk_widget_has_focus_within (GTK_WIDGET (self->entry)))
    return;
  gtk_popover_popup (self->popover);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_EXPANDED,
                               TRUE, -1);
}

static void
pick (JfDeskOrgPicker *self,
      JfDeskOrgUnit   *unit)
{
  jf_desk_org_picker_set_unit (self, unit);
  close_list (self);
}

/* --- searching ----------------------------------------------------------------------------- */

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskOrgPicker) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *items;

  root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result, NULL, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->matches == NULL)
    return;
  if (root == NULL)
    {
      /* Out of reach: the clerk keeps typing, and the list stays shut. */
      close_list (self);
      return;
    }
  items = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  for (guint i = 0; items != NULL && i < json_array_get_length (items) && i < 50; i++)
    {
      JfDeskOrgUnit *unit = jf_desk_org_unit_new_from_json (
        jf_desk_json_object (json_array_get_element (items, i)));

      if (unit != NULL)
        g_ptr_array_add (units, unit);
    }
  self->selecting = TRUE;
  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       units->pdata, units->len);
  if (units->len > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  self->selecting = FALSE;
  if (units->len > 0)
    open_list (self);
  else
    close_list (self);
}

static gboolean
search_cb (gpointer data)
{
  JfDeskOrgPicker *self = data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  self->debounce_id = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (*text == '\0' || self->client == NULL || g_utf8_strlen (text, -1) > 20)
    {
      close_list (self);
      return G_SOURCE_REMOVE;
    }
  self->cancellable = g_cancellable_new ();
  escaped = g_uri_escape_string (text, NULL, FALSE);
  path = g_strdup_printf ("/v1/org-units?q=%s", escaped);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                found_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (JfDeskOrgPicker *self)
{
  if (self->setting_text)
    return;
  /* Typed text is not a place until a unit is picked again. */
  if (self->unit != NULL)
    {
      g_clear_object (&self->unit);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
    }
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (JF_DESK_ORG_PICKER_DEBOUNCE_MS, search_cb, self);
}

/* --- the keyboard -------------------------------------------------------------------------- */

static void
move_selection (JfDeskOrgPicker *self,
                int              delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint selected = gtk_single_selection_get_selected (self->selection);
  int next;

  if (n == 0)
    return;
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      open_list (self);
      return;
    }
  next = selected == GTK_INVALID_LIST_POSITION ? 0 : (int) selected + delta;
  next = CLAMP (next, 0, (int) n - 1);
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, (guint) next);
  self->selecting = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", (guint) next);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JfDeskOrgPicker       *self)
{
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return open;
    case GDK_KEY_Page_Down:
      move_selection (self, 8);
      return open;
    case GDK_KEY_Page_Up:
      move_selection (self, -8);
      return open;
    case GDK_KEY_Escape:
      if (!open)
        return FALSE;
      close_list (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
entry_activate_cb (JfDeskOrgPicker *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    {
      g_autoptr(JfDeskOrgUnit) unit = NULL;
      guint selected = gtk_single_selection_get_selected (self->selection);

      if (selected != GTK_INVALID_LIST_POSITION)
        unit = g_list_model_get_item (G_LIST_MODEL (self->matches), selected);
      if (unit != NULL)
        {
          pick (self, unit);
          return;
        }
    }
  g_signal_emit (self, signals[ACTIVATE], 0);
}

/* A click on a match: the list selects it, and that picks it. (Not single-click-activate:
 * that selects whatever the resting mouse pointer happens to be over when the list opens,
 * and Enter would then pick that instead of the match the clerk moved to.) */
static void
selection_changed_cb (JfDeskOrgPicker *self)
{
  g_autoptr(JfDeskOrgUnit) unit = NULL;

  if (self->selecting || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;
  unit = gtk_single_selection_get_selected_item (self->selection) != NULL
         ? g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  if (unit != NULL)
    {
      pick (self, unit);
      gtk_widget_grab_focus (GTK_WIDGET (self->entry));
    }
}

static gboolean
delayed_close_cb (gpointer data)
{
  JfDeskOrgPicker *self = data;

  self->close_id = 0;
  close_list (self);
  return G_SOURCE_REMOVE;
}

static void
focus_leave_cb (JfDeskOrgPicker *self)
{
  /* A click in the list arrives after the focus left: close a moment later. */
  g_clear_handle_id (&self->close_id, g_source_remove);
  self->close_id = g_timeout_add (250, delayed_close_cb, self);
}

/* --- the widget ---------------------------------------------------------------------------- */

static void
jf_desk_org_picker_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  JfDeskOrgPicker *self = JF_DESK_ORG_PICKER (widget);

  gtk_widget_measure (GTK_WIDGET (self->entry), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
jf_desk_org_picker_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  JfDeskOrgPicker *self = JF_DESK_ORG_PICKER (widget);

  gtk_widget_size_allocate (GTK_WIDGET (self->entry),
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_widget_set_size_request (GTK_WIDGET (self->popover), MAX (width, 360), -1);
  gtk_popover_present (self->popover);
}

static gboolean
jf_desk_org_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (JF_DESK_ORG_PICKER (widget)->entry));
}

static gboolean
jf_desk_org_picker_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  JfDeskOrgPicker *self = JF_DESK_ORG_PICKER (widget);

  /* The popover is not a stop on the way: only the entry is. */
  if (gtk_widget_is_focus (GTK_WIDGET (self->entry)) ||
      jf_desk_widget_has_focus_within (GTK_WIDGET (self->entry)))
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->entry), direction);
}

static void
jf_desk_org_picker_dispose (GObject *object)
{
  JfDeskOrgPicker *self = JF_DESK_ORG_PICKER (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->close_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  if (self->entry != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->entry));
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ORG_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->unit);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_org_picker_parent_class)->dispose (object);
}

static void
jf_desk_org_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JfDeskOrgPicker *self = JF_DESK_ORG_PICKER (object);

  switch (prop_id)
    {
    case PROP_UNIT:
      g_value_set_object (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_org_picker_class_init (JfDeskOrgPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_org_picker_dispose;
  object_class->get_property = jf_desk_org_picker_get_property;
  widget_class->measure = jf_desk_org_picker_measure;
  widget_class->size_allocate = jf_desk_org_picker_size_allocate;
  widget_class->grab_focus = jf_desk_org_picker_grab_focus;
  widget_class->focus = jf_desk_org_picker_focus;

  properties[PROP_UNIT] =
    g_param_spec_object ("unit", NULL, NULL, JF_DESK_TYPE_ORG_UNIT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Enter with no list open: the form moves on. */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (JF_DESK_TYPE_ORG_UNIT);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-org-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, JfDeskOrgPicker, entry);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOrgPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOrgPicker, list);
}

static void
jf_desk_org_picker_init (JfDeskOrgPicker *self)
{
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_list_store_new (JF_DESK_TYPE_ORG_UNIT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->entry, "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Before the entry's own bindings: Up and Down belong to the list while it is open. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
}

void
jf_desk_org_picker_set_client (JfDeskOrgPicker *self,
                               JfDeskClient    *client)
{
  g_return_if_fail (JF_DESK_IS_ORG_PICKER (self));
  g_set_object (&self->client, client);
}

JfDeskOrgUnit *
jf_desk_org_picker_get_unit (JfDeskOrgPicker *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_PICKER (self), NULL);
  return self->unit;
}

const char *
jf_desk_org_picker_get_code (JfDeskOrgPicker *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_PICKER (self), NULL);
  return self->unit != NULL ? jf_desk_org_unit_get_code (self->unit) : NULL;
}

void
jf_desk_org_picker_set_unit (JfDeskOrgPicker *self,
                             JfDeskOrgUnit   *unit)
{
  g_return_if_fail (JF_DESK_IS_ORG_PICKER (self));

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry),
                         unit != NULL ? jf_desk_org_unit_get_path (unit) : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->setting_text = FALSE;
  if (g_set_object (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

GtkWidget *
jf_desk_org_picker_get_entry (JfDeskOrgPicker *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_PICKER (self), NULL);
  return GTK_WIDGET (self->entry);
}

gboolean
jf_desk_org_picker_is_open (JfDeskOrgPicker *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_PICKER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->popover));
}

GListModel *
jf_desk_org_picker_get_matches (JfDeskOrgPicker *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_PICKER (self), NULL);
  return G_LIST_MODEL (self->matches);
}
