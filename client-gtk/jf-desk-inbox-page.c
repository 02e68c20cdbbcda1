/* jf-desk-inbox-page.c: the department inbox: the widget, its selection, its commands */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-extension-dialog.h"
#include "jf-desk-feedback-dialog.h"
#include "jf-desk-field.h"
#include "jf-desk-format.h"
#include "jf-desk-inbox-page-private.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

G_DEFINE_FINAL_TYPE (JfDeskInboxPage, jf_desk_inbox_page, GTK_TYPE_WIDGET)

void
jf_desk_inbox_page_toast (JfDeskInboxPage *self,
       const char      *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
jf_desk_inbox_page_set_status (JfDeskInboxPage *self,
            const char      *text)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

static GtkWindow *
parent_window (JfDeskInboxPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

JfDeskWhistleTarget *
jf_desk_inbox_page_get_selected (JfDeskInboxPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

JfDeskWhistleTarget *
jf_desk_inbox_page_find_item (JfDeskInboxPage *self,
           gint64           id,
           guint           *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskWhistleTarget) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (jf_desk_whistle_target_get_id (item) == id)
        {
          if (out_position != NULL)
            *out_position = i;
          return item;   /* the store keeps it */
        }
    }
  return NULL;
}

/* --- the clock ----------------------------------------------------------------------------- */

static gboolean
tick_cb (gpointer data)
{
  JfDeskInboxPage *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  jf_desk_inbox_page_tick_cells (self, now);
  jf_desk_inbox_detail_tick (self->detail, now);
  /* More time can no longer be asked for once the deadline has passed. */
  jf_desk_inbox_page_update_actions (self);
  return G_SOURCE_CONTINUE;
}

/* --- the selection and the commands' availability ----------------------------------------- */

void
jf_desk_inbox_page_update_actions (JfDeskInboxPage *self)
{
  JfDeskWhistleTarget *target = jf_desk_inbox_page_get_selected (self);
  gboolean free = !self->busy && self->dialog == NULL && target != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.check-in",
                                 free && jf_desk_whistle_target_can_check_in (target));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.feedback",
                                 free && jf_desk_whistle_target_can_feed_back (target));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.extension",
                                 free && jf_desk_whistle_target_can_extend (target));
}

/* What the liaison can do next with the selected whistle. */
static void
show_hint (JfDeskInboxPage *self)
{
  JfDeskWhistleTarget *target = jf_desk_inbox_page_get_selected (self);

  if (target == NULL)
    {
      jf_desk_inbox_page_set_status (self, NULL);
      return;
    }
  switch (jf_desk_whistle_target_get_status (target))
    {
    case JF_DESK_TARGET_PENDING:
      jf_desk_inbox_page_set_status (self, _("Awaiting your check-in: press Ctrl+B to check in for your "
                          "department."));
      break;
    case JF_DESK_TARGET_CHECKED_IN:
      jf_desk_inbox_page_set_status (self, jf_desk_whistle_target_can_extend (target)
                  ? _("Checked in: act, then press Ctrl+F to feed back. Ctrl+E asks once for "
                      "more time.")
                  : _("Checked in: act, then press Ctrl+F to feed back."));
      break;
    case JF_DESK_TARGET_FED_BACK:
      jf_desk_inbox_page_set_status (self, _("Fed back: the whistling centre verifies it."));
      break;
    case JF_DESK_TARGET_VERIFIED:
      jf_desk_inbox_page_set_status (self, _("Verified by the whistling centre: nothing more to do."));
      break;
    case JF_DESK_TARGET_CANCELLED:
    default:
      jf_desk_inbox_page_set_status (self, _("The whistle was recalled: nothing to do."));
      break;
    }
}

void
jf_desk_inbox_page_selection_changed (JfDeskInboxPage *self)
{
  jf_desk_inbox_detail_set_target (self->detail, jf_desk_inbox_page_get_selected (self), FALSE);
  jf_desk_inbox_page_update_actions (self);
  show_hint (self);
}

/* A step's answer, or the target read again: the row, the detail and the commands. */
static JfDeskWhistleTarget *
apply_target (JfDeskInboxPage *self,
              JsonObject      *object)
{
  JfDeskWhistleTarget *target = jf_desk_inbox_page_find_item (self, jf_desk_json_int (object, "id", 0), NULL);

  if (target == NULL || !jf_desk_whistle_target_update (target, object))
    return NULL;
  jf_desk_inbox_page_refresh_cells (self, target);
  if (target == jf_desk_inbox_page_get_selected (self))
    jf_desk_inbox_detail_set_target (self->detail, target, TRUE);
  jf_desk_inbox_page_update_actions (self);
  return target;
}

/* --- the commands -------------------------------------------------------------------------- */

typedef struct
{
  JfDeskInboxPage     *self;     /* owned */
  JfDeskWhistleTarget *target;   /* owned */
} Step;

static void
step_free (Step *step)
{
  g_clear_object (&step->self);
  g_clear_object (&step->target);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static void
checked_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(Step) step = data;
  JfDeskInboxPage *self = step->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autofree char *message = NULL;
  JfDeskWhistleTarget *target;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->items == NULL)
    return;
  self->busy = FALSE;
  target = jf_desk_json_object (root) != NULL ? apply_target (self, jf_desk_json_object (root))
                                               : NULL;
  if (target == NULL)
    {
      g_autofree char *description = NULL;

      if (error == NULL)
        error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the whistle");
      description = jf_desk_error_describe (error);
      /* TRANSLATORS: the check-in failed: the matter's number, and why. */
      message = g_strdup_printf (_("Not checked in for %s: %s"),
                                 jf_desk_whistle_target_get_matter_number (step->target),
                                 description);
      jf_desk_inbox_page_set_status (self, message);
      /* Someone else may have checked in meanwhile: show where it stands. */
      if (g_error_matches (error, JF_ERROR, JF_ERROR_REFUSED) ||
          g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT))
        jf_desk_inbox_page_refresh (self);
      jf_desk_inbox_page_update_actions (self);
      return;
    }
  {
    GDateTime *due = jf_desk_whistle_target_get_action_due (target);
    g_autofree char *when = due != NULL ? jf_desk_format_time (due) : g_strdup ("");

    /* TRANSLATORS: checked in: the matter's number, and the deadline to act by. */
    message = g_strdup_printf (_("Checked in for %s. Act and feed back by %s."),
                               jf_desk_whistle_target_get_matter_number (target), when);
  }
  /* The line under the list says it, where the liaison looks next (a toast would cover
   * the commands). */
  jf_desk_inbox_page_set_status (self, message);
  jf_desk_inbox_page_update_summary (self);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (widget);
  JfDeskWhistleTarget *target = jf_desk_inbox_page_get_selected (self);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  Step *step;

  if (target == NULL || self->busy || !jf_desk_whistle_target_can_check_in (target))
    return;
  self->busy = TRUE;
  jf_desk_inbox_page_update_actions (self);
  message = g_strdup_printf (_("Checking in for %s…"),
                             jf_desk_whistle_target_get_matter_number (target));
  jf_desk_inbox_page_set_status (self, message);
  body = json_node_init_object (json_node_alloc (), json_object_new ());
  path = g_strdup_printf ("/v1/whistle-targets/%" G_GINT64_FORMAT "/check-in",
                          jf_desk_whistle_target_get_id (target));
  g_cancellable_cancel (self->step_cancellable);
  g_clear_object (&self->step_cancellable);
  self->step_cancellable = g_cancellable_new ();
  step = g_new0 (Step, 1);
  step->self = g_object_ref (self);
  step->target = g_object_ref (target);
  jf_desk_client_request_async (self->client, "POST", path, body, NULL, self->step_cancellable,
                                checked_in_cb, step);
}

static void
dialog_done_cb (JfDeskInboxPage *self,
                JsonObject      *answer,
                GtkWindow       *dialog)
{
  JfDeskWhistleTarget *target = apply_target (self, answer);
  g_autofree char *message = NULL;

  if (target == NULL)
    {
      jf_desk_inbox_page_refresh (self);
      return;
    }
  if (JF_DESK_IS_FEEDBACK_DIALOG (dialog))
    /* TRANSLATORS: the feedback was recorded: the matter's number. */
    message = g_strdup_printf (_("Fed back on %s: the whistling centre verifies it."),
                               jf_desk_whistle_target_get_matter_number (target));
  else
    {
      GDateTime *due = jf_desk_whistle_target_get_action_due (target);
      g_autofree char *when = due != NULL ? jf_desk_format_time (due) : g_strdup ("");

      /* TRANSLATORS: more time was granted: the matter's number and the new deadline. */
      message = g_strdup_printf (_("More time granted for %s: act and feed back by %s."),
                                 jf_desk_whistle_target_get_matter_number (target), when);
    }
  jf_desk_inbox_page_set_status (self, message);
  jf_desk_inbox_page_update_summary (self);
}

static void
dialog_destroyed_cb (JfDeskInboxPage *self)
{
  /* Its weak pointer is cleared only after ::destroy. */
  g_clear_weak_pointer (&self->dialog);
  jf_desk_inbox_page_update_actions (self);
  if (jf_desk_inbox_page_get_selected (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
open_dialog (JfDeskInboxPage *self,
             GtkWindow       *dialog)
{
  g_set_weak_pointer (&self->dialog, dialog);
  g_signal_connect_object (dialog, "done", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  jf_desk_inbox_page_update_actions (self);
  gtk_window_present (dialog);
}

static void
feedback_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (widget);
  JfDeskWhistleTarget *target = jf_desk_inbox_page_get_selected (self);

  if (target == NULL || self->dialog != NULL || !jf_desk_whistle_target_can_feed_back (target))
    return;
  open_dialog (self, GTK_WINDOW (jf_desk_feedback_dialog_new (parent_window (self), self->client,
                                                              target)));
}

static void
extension_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (widget);
  JfDeskWhistleTarget *target = jf_desk_inbox_page_get_selected (self);

  if (target == NULL || self->dialog != NULL || !jf_desk_whistle_target_can_extend (target))
    return;
  open_dialog (self, GTK_WINDOW (jf_desk_extension_dialog_new (parent_window (self),
                                                               self->client, target)));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jf_desk_inbox_page_refresh (JF_DESK_INBOX_PAGE (widget));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_inbox_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_inbox_page_parent_class)->root (widget);
  jf_desk_inbox_page_connect_stream (JF_DESK_INBOX_PAGE (widget));
}

static void
jf_desk_inbox_page_unroot (GtkWidget *widget)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (widget);

  jf_desk_inbox_page_forget_stream (self);
  g_clear_handle_id (&self->stream_refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (jf_desk_inbox_page_parent_class)->unroot (widget);
}

static void
jf_desk_inbox_page_map (GtkWidget *widget)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (widget);

  GTK_WIDGET_CLASS (jf_desk_inbox_page_parent_class)->map (widget);
  /* The list has the keyboard: arrows choose a whistle, Ctrl+B checks in. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  /* Back on the page: what changed while it was hidden. */
  if (self->loaded_once && !self->loading)
    jf_desk_inbox_page_refresh (self);
}

static void
jf_desk_inbox_page_dispose (GObject *object)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->stream_refresh_id, g_source_remove);
  jf_desk_inbox_page_forget_stream (self);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_cancellable_cancel (self->step_cancellable);
  g_clear_object (&self->step_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  /* The cells go with the column view: they must not be counted on after this. */
  g_clear_pointer (&self->cells, g_hash_table_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_INBOX_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_inbox_page_parent_class)->dispose (object);
}

static void
jf_desk_inbox_page_finalize (GObject *object)
{
  JfDeskInboxPage *self = JF_DESK_INBOX_PAGE (object);

  g_free (self->next);
  g_free (self->status);
  G_OBJECT_CLASS (jf_desk_inbox_page_parent_class)->finalize (object);
}

static void
jf_desk_inbox_page_class_init (JfDeskInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_inbox_page_dispose;
  object_class->finalize = jf_desk_inbox_page_finalize;
  widget_class->map = jf_desk_inbox_page_map;
  widget_class->root = jf_desk_inbox_page_root;
  widget_class->unroot = jf_desk_inbox_page_unroot;

  g_type_ensure (JF_DESK_TYPE_INBOX_DETAIL);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-inbox-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskInboxPage, name)
  BIND (toast_overlay);
  BIND (summary_label);
  BIND (filter_dropdown);
  BIND (list_stack);
  BIND (scroller);
  BIND (column_view);
  BIND (error_page);
  BIND (status_label);
  BIND (detail);
#undef BIND

  gtk_widget_class_install_action (widget_class, "inbox.check-in", NULL, check_in_action);
  gtk_widget_class_install_action (widget_class, "inbox.feedback", NULL, feedback_action);
  gtk_widget_class_install_action (widget_class, "inbox.extension", NULL, extension_action);
  gtk_widget_class_install_action (widget_class, "inbox.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "inbox.check-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "inbox.feedback", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "inbox.extension", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "inbox.refresh", NULL);
}

static void
jf_desk_inbox_page_init (JfDeskInboxPage *self)
{
  const char *filters[] = {
    _("All whistles"), _("Awaiting check-in"), _("Checked in"), _("Fed back"), _("Verified"),
    _("Recalled"), NULL,
  };
  g_autoptr(GtkStringList) filter_list = gtk_string_list_new (filters);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_hash_table_new (NULL, NULL);
  self->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->items = g_list_store_new (JF_DESK_TYPE_WHISTLE_TARGET);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  jf_desk_inbox_page_add_columns (self);

  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (filter_list));
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (jf_desk_inbox_page_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (jf_desk_inbox_page_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (jf_desk_inbox_page_maybe_load_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (jf_desk_inbox_page_maybe_load_more), self, G_CONNECT_SWAPPED);

  self->tick_id = g_timeout_add (1000, tick_cb, self);
  self->refresh_id = g_timeout_add_seconds (JF_DESK_INBOX_REFRESH_SECONDS, jf_desk_inbox_page_refresh_cb, self);
  jf_desk_inbox_page_update_actions (self);
}

GtkWidget *
jf_desk_inbox_page_new (JfDeskClient *client,
                        JfDeskOutbox *outbox)
{
  JfDeskInboxPage *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_INBOX_PAGE, NULL);
  self->client = g_object_ref (client);
  jf_desk_inbox_detail_set_client (self->detail, client);
  jf_desk_inbox_page_start_load (self, LOAD_RESET);
  return GTK_WIDGET (self);
}

GListModel *
jf_desk_inbox_page_get_items (JfDeskInboxPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
jf_desk_inbox_page_select (JfDeskInboxPage *self,
                           gint64           target_id)
{
  guint position;

  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), FALSE);

  if (jf_desk_inbox_page_find_item (self, target_id, &position) == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

const char *
jf_desk_inbox_page_get_countdown (JfDeskInboxPage *self,
                                  gint64           target_id)
{
  GHashTableIter iter;
  gpointer cell;

  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), NULL);

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &cell, NULL))
    {
      JfDeskWhistleTarget *target = g_object_get_data (cell, "jf-target");

      if (target != NULL && jf_desk_whistle_target_get_id (target) == target_id &&
          GPOINTER_TO_UINT (g_object_get_data (cell, "jf-column")) == COLUMN_DUE)
        return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (cell)));
    }
  return NULL;
}

const char *
jf_desk_inbox_page_get_status (JfDeskInboxPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), "");
  return self->status != NULL ? self->status : "";
}

GtkWindow *
jf_desk_inbox_page_get_dialog (JfDeskInboxPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), NULL);
  return self->dialog;
}

gboolean
jf_desk_inbox_page_is_loading (JfDeskInboxPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_INBOX_PAGE (self), FALSE);
  return self->loading;
}
