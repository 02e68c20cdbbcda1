/* jf-desk-matter-page.c: one matter, as the page shows it */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-error.h"
#include "jf-lifecycle.h"
#include "jf-desk-category.h"
#include "jf-desk-error.h"
#include "jf-desk-event.h"
#include "jf-desk-event-row.h"
#include "jf-desk-field.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-page-private.h"
#include "jf-desk-resources.h"

/* Seconds during which a change announced by the stream is taken for our own. */
#define OWN_CHANGE_SECONDS 5

G_DEFINE_FINAL_TYPE (JfDeskMatterPage, jf_desk_matter_page, GTK_TYPE_WIDGET)

enum {
  BACK,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_matter (JfDeskMatterPage *self, gboolean reveal);

GtkWindow *
jf_desk_matter_page_window (JfDeskMatterPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static JsonObject *
matter_object (JfDeskMatterPage *self)
{
  return jf_desk_json_object (self->matter);
}

static void
set_pending (JfDeskMatterPage *self,
             int               delta)
{
  self->pending = (guint) MAX ((int) self->pending + delta, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->pending > 0);
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
  if (self->pending == 0)
    self->loaded = TRUE;
}

void
jf_desk_matter_page_set_banner (JfDeskMatterPage *self,
                                const char       *text,
                                gboolean          warning)
{
  g_free (self->banner_text);
  self->banner_text = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->banner_label, self->banner_text);
  if (warning)
    gtk_widget_add_css_class (self->banner_box, "warning");
  else
    gtk_widget_remove_css_class (self->banner_box, "warning");
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
}

/* --- the moves ----------------------------------------------------------------------------- */

/* The order on screen: the steps of the lifecycle first, then the follow-up, moving the
 * matter between levels, the housekeeping, and the police alert last, apart. */
static int
move_rank (const char *name)
{
  static const char * const later[] = { "follow_up", "escalate", "hand_down", "assign", "edit",
                                         "alert_police", NULL };

  for (guint i = 0; later[i] != NULL; i++)
    if (g_str_equal (later[i], name))
      return 100 + (int) i;
  {
    const JfMove *move = jf_lifecycle_find_by_name (name);

    return move != NULL ? (int) move->id : 99;
  }
}

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  return move_rank (*(const char * const *) a) - move_rank (*(const char * const *) b);
}

static void
show_moves (JfDeskMatterPage *self,
            JsonObject       *matter)
{
  JsonArray *moves = jf_desk_json_member_array (matter, "moves");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean focus_was_here = jf_desk_widget_has_focus_within (GTK_WIDGET (self->moves_box));
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box))) != NULL)
    gtk_flow_box_remove (self->moves_box, child);
  for (guint i = 0; moves != NULL && i < json_array_get_length (moves); i++)
    {
      JsonNode *node = json_array_get_element (moves, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), "register") != 0)
        g_ptr_array_add (names, (gpointer) json_node_get_string (node));
    }
  g_ptr_array_sort (names, compare_moves);
  g_strfreev (self->moves);
  self->moves = g_new0 (char *, names->len + 1);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const JfMove *move = jf_lifecycle_find_by_name (name);
      GtkWidget *button = gtk_button_new_with_label (move != NULL ? jf_move_label (move) : name);
      GtkWidget *flow_child = gtk_flow_box_child_new ();
      g_autofree char *tooltip = NULL;

      self->moves[i] = g_strdup (name);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "matter.move");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", name);
      if (g_str_equal (name, "alert_police"))
        gtk_widget_add_css_class (button, "destructive-action");
      if (n < 9)
        {
          /* TRANSLATORS: the tooltip of a move's button: its keyboard shortcut. */
          tooltip = g_strdup_printf (_("Alt+%u"), n + 1);
          gtk_widget_set_tooltip_text (button, tooltip);
        }
      if (move == NULL)
        {
          gtk_widget_set_sensitive (button, FALSE);
          gtk_widget_set_tooltip_text (button, _("This version of the desk cannot do this step "
                                                 "yet"));
        }
      /* The button takes the focus, not the flow box's child around it. */
      gtk_widget_set_focusable (flow_child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (flow_child), button);
      gtk_flow_box_append (self->moves_box, flow_child);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->moves_box), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_moves_label), n == 0);
  if (focus_was_here)
    jf_desk_matter_page_focus (self);
}

/* --- the whole matter ---------------------------------------------------------------------- */

/* The roles whose people may see whole ID numbers (the server's rule, jfd-personal.c):
 * the button is offered to them only; the server refuses anyone else with 403. */
static gboolean
may_reveal (JfDeskMatterPage *self)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);
  JfRoleSet allowed = JF_ROLE_BIT (JF_ROLE_RECEPTION) | JF_ROLE_BIT (JF_ROLE_MEDIATOR) |
                      JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) | JF_ROLE_BIT (JF_ROLE_COURT) |
                      JF_ROLE_BIT (JF_ROLE_POLICE) | JF_ROLE_BIT (JF_ROLE_SUPERVISOR);

  return account != NULL && (jf_desk_account_get_roles (account) & allowed) != 0;
}

static gboolean
may_mediate (JfDeskMatterPage *self)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);
  JfRoleSet roles = JF_ROLE_BIT (JF_ROLE_MEDIATOR) | JF_ROLE_BIT (JF_ROLE_RECEPTION) |
                    JF_ROLE_BIT (JF_ROLE_SUPERVISOR) | JF_ROLE_BIT (JF_ROLE_COURT);

  return account != NULL && (jf_desk_account_get_roles (account) & roles) != 0;
}

void
jf_desk_matter_page_show_matter (JfDeskMatterPage *self,
                                 JsonObject       *matter)
{
  gboolean acts;

  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));

  if (matter == NULL || jf_desk_json_int (matter, "id", 0) != self->id)
    return;
  g_clear_pointer (&self->matter, json_node_unref);
  self->matter = json_node_init_object (json_node_alloc (), matter);
  self->revealed = jf_desk_json_bool (matter, "revealed");
  jf_desk_matter_sections_show_header (self, matter);
  jf_desk_matter_sections_show_parties (self, matter);
  gtk_label_set_text (self->narrative_label, jf_desk_json_string (matter, "narrative"));
  jf_desk_matter_sections_show_details (self, matter);
  show_moves (self, matter);
  acts = self->moves != NULL && self->moves[0] != NULL;
  gtk_widget_set_visible (self->reveal_button, may_reveal (self));
  {
    GtkWidget *content = gtk_button_get_child (GTK_BUTTON (self->reveal_button));

    adw_button_content_set_label (ADW_BUTTON_CONTENT (content),
                                  self->revealed ? _("_Mask the Numbers")
                                                 : _("Show _Whole Numbers"));
  }
  jf_desk_mediation_panel_load (self->mediation_panel, self->client, matter,
                                may_mediate (self));
  jf_desk_attachment_list_load (self->attachments, self->id, acts);
  g_signal_emit (self, signals[CHANGED], 0, matter);
}

static void
events_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(JfDeskMatterPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root)
                                                                  : NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (array == NULL)
    return;
  /* Newest first: what just happened is at the top. */
  for (guint i = json_array_get_length (array); i > 0; i--)
    {
      JfDeskEvent *event = jf_desk_event_new_from_json (
        jf_desk_json_object (json_array_get_element (array, i - 1)));

      if (event != NULL)
        g_ptr_array_add (events, event);
    }
  g_list_store_splice (self->events, 0, g_list_model_get_n_items (G_LIST_MODEL (self->events)),
                       events->pdata, events->len);
}

static void
load_events (JfDeskMatterPage *self)
{
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "/events", self->id);

  set_pending (self, +1);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                events_cb, g_object_ref (self));
}

typedef struct
{
  JfDeskMatterPage *self;     /* owned */
  gboolean          reveal;
  gboolean          first;    /* a matter newly opened, not read again */
} Read;

static void
read_free (Read *read)
{
  g_clear_object (&read->self);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Read, read_free)

static void
matter_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(Read) read = data;
  JfDeskMatterPage *self = read->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (root == NULL)
    {
      g_autofree char *text = NULL;

      if (read->reveal && g_error_matches (error, JF_ERROR, JF_ERROR_FORBIDDEN))
        text = g_strdup (_("Your account may not see whole ID numbers."));
      else if (!read->first && self->matter != NULL &&
               (g_error_matches (error, JF_ERROR, JF_ERROR_FORBIDDEN) ||
                g_error_matches (error, JF_ERROR, JF_ERROR_NOT_FOUND)))
        {
          /* Escalated or handed on beyond this account's centre: what is shown stays,
           * but nothing more can be done with it from here. */
          text = g_strdup (_("This matter has left your centre's reach (escalated or handed "
                             "on): what you see is how it was."));
          json_object_set_array_member (matter_object (self), "moves", json_array_new ());
          show_moves (self, matter_object (self));
        }
      else
        text = error != NULL ? jf_desk_error_describe (error)
                             : g_strdup (_("The matter could not be read."));
      jf_desk_matter_page_set_banner (self, text, TRUE);
      return;
    }
  jf_desk_matter_page_show_matter (self, jf_desk_json_object (root));
  if (read->first)
    jf_desk_matter_page_focus (self);
  /* Seeing the whole numbers is itself on the timeline. */
  if (read->reveal)
    load_events (self);
}

static void
load_matter_full (JfDeskMatterPage *self,
                  gboolean          reveal,
                  gboolean          first)
{
  g_autofree char *path = g_strdup_printf ("/v1/matters/%" G_GINT64_FORMAT "%s", self->id,
                                           reveal ? "?reveal=true" : "");
  Read *read = g_new0 (Read, 1);

  read->self = g_object_ref (self);
  read->reveal = reveal;
  read->first = first;
  set_pending (self, +1);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                matter_cb, read);
}

static void
load_matter (JfDeskMatterPage *self,
             gboolean          reveal)
{
  load_matter_full (self, reveal, FALSE);
}

void
jf_desk_matter_page_load (JfDeskMatterPage *self,
                          gint64            id)
{
  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));
  g_return_if_fail (self->client != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->pending = 0;
  self->loaded = FALSE;
  self->id = id;
  g_clear_pointer (&self->matter, json_node_unref);
  g_clear_pointer (&self->moves, g_strfreev);
  g_list_store_remove_all (self->events);
  jf_desk_matter_page_set_banner (self, NULL, FALSE);
  gtk_label_set_text (self->number_label, "");
  gtk_label_set_text (self->status_label, "");
  gtk_label_set_text (self->title_label, _("Loading…"));
  gtk_label_set_text (self->meta_label, "");
  gtk_label_set_text (self->narrative_label, "");
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->deadline_label)), FALSE);
  jf_desk_matter_sections_clear_grid (self->parties_grid);
  jf_desk_matter_sections_clear_grid (self->details_grid);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box))) != NULL)
      gtk_flow_box_remove (self->moves_box, child);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->no_moves_label), FALSE);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->body_scroller), 0);
  load_matter_full (self, FALSE, TRUE);
  load_events (self);
  gtk_widget_grab_focus (self->back_button);
}

void
jf_desk_matter_page_reload (JfDeskMatterPage *self)
{
  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));

  if (self->id <= 0)
    return;
  /* Masked again: seeing whole numbers is one recorded act, not a state of the page. */
  load_matter (self, FALSE);
  load_events (self);
}

/* --- dialogs ------------------------------------------------------------------------------- */

static void
dialog_done_cb (JfDeskFormDialog *dialog,
                JsonNode         *answer,
                JfDeskMatterPage *self)
{
  JsonObject *object = jf_desk_json_object (answer);
  JsonObject *matter = jf_desk_json_member_object (object, "matter");

  self->own_change_until = g_get_monotonic_time () + OWN_CHANGE_SECONDS * G_TIME_SPAN_SECOND;
  jf_desk_matter_page_set_banner (self, NULL, FALSE);
  /* Some answers are the matter, some carry it; either way the page reads it again, with
   * the timeline the step added to. */
  if (matter == NULL && jf_desk_json_string (object, "number") != NULL &&
      jf_desk_json_member_array (object, "moves") != NULL)
    matter = object;
  if (matter != NULL && jf_desk_json_member_array (matter, "moves") != NULL)
    jf_desk_matter_page_show_matter (self, matter);
  jf_desk_matter_page_reload (self);
  jf_desk_matter_page_focus (self);
}

static void
dialog_conflict_cb (JfDeskFormDialog *dialog,
                    JsonObject       *current,
                    JfDeskMatterPage *self)
{
  /* A matter's "current" is shown at once; another record's (a session) is the panel's. */
  if (jf_desk_json_member_array (current, "moves") != NULL)
    jf_desk_matter_page_show_matter (self, current);
  jf_desk_matter_page_set_banner (self, _("Someone else changed this matter meanwhile. What "
                                          "you see now is its current state."), TRUE);
  jf_desk_matter_page_reload (self);
}

static void
dialog_destroyed_cb (JfDeskMatterPage *self,
                     GtkWidget        *dialog)
{
  /* The weak pointer lets go only at finalization; the dialog is gone now. */
  if (self->dialog == GTK_WINDOW (dialog))
    g_clear_weak_pointer (&self->dialog);
  /* Back where the keyboard was: the moves. */
  if (self->dialog == NULL)
    jf_desk_matter_page_focus (self);
}

void
jf_desk_matter_page_adopt_dialog (JfDeskMatterPage *self,
                                  JfDeskFormDialog *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  g_signal_connect_object (dialog, "done", G_CALLBACK (dialog_done_cb), self, 0);
  g_signal_connect_object (dialog, "conflict", G_CALLBACK (dialog_conflict_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* --- actions ------------------------------------------------------------------------------- */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jf_desk_matter_page_run_move (JF_DESK_MATTER_PAGE (widget), g_variant_get_string (parameter,
                                                                                    NULL));
}

static void
move_nth_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JfDeskMatterPage *self = JF_DESK_MATTER_PAGE (widget);
  int n = g_variant_get_int32 (parameter);

  if (self->moves != NULL && n >= 1 && (guint) n <= g_strv_length (self->moves))
    jf_desk_matter_page_run_move (self, self->moves[n - 1]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JfDeskMatterPage *self = JF_DESK_MATTER_PAGE (widget);

  jf_desk_matter_page_set_banner (self, NULL, FALSE);
  jf_desk_matter_page_reload (self);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JfDeskMatterPage *self = JF_DESK_MATTER_PAGE (widget);

  if (self->id <= 0 || !may_reveal (self))
    return;
  load_matter (self, !self->revealed);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  jf_desk_matter_page_set_banner (JF_DESK_MATTER_PAGE (widget), NULL, FALSE);
}

/* --- the timeline -------------------------------------------------------------------------- */

static void
setup_event_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  gtk_list_item_set_child (item, jf_desk_event_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_event_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  jf_desk_event_row_set_event (JF_DESK_EVENT_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_event_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  jf_desk_event_row_set_event (JF_DESK_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* --- life ---------------------------------------------------------------------------------- */

static void
mediation_changed_cb (JfDeskMatterPage *self)
{
  self->own_change_until = g_get_monotonic_time () + OWN_CHANGE_SECONDS * G_TIME_SPAN_SECOND;
  jf_desk_matter_page_reload (self);
}

static void
jf_desk_matter_page_dispose (GObject *object)
{
  JfDeskMatterPage *self = JF_DESK_MATTER_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_MATTER_PAGE);
  g_clear_pointer (&self->matter, json_node_unref);
  g_clear_object (&self->events);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_matter_page_parent_class)->dispose (object);
}

static void
jf_desk_matter_page_finalize (GObject *object)
{
  JfDeskMatterPage *self = JF_DESK_MATTER_PAGE (object);

  g_strfreev (self->moves);
  g_free (self->banner_text);
  G_OBJECT_CLASS (jf_desk_matter_page_parent_class)->finalize (object);
}

static void
jf_desk_matter_page_class_init (JfDeskMatterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_matter_page_dispose;
  object_class->finalize = jf_desk_matter_page_finalize;

  /* Escape or Alt+←: back to the queue. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);
  /* The matter as now read: the queue updates its row. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (JF_DESK_TYPE_MEDIATION_PANEL);
  g_type_ensure (JF_DESK_TYPE_ATTACHMENT_LIST);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-matter-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, risk_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, deadline_caption);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, banner);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, banner_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, moves_box);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, no_moves_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, parties_grid);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, narrative_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, details_grid);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, mediation_panel);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, attachments);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterPage, body_scroller);

  gtk_widget_class_install_action (widget_class, "matter.move", "s", move_action);
  gtk_widget_class_install_action (widget_class, "matter.move-nth", "i", move_nth_action);
  gtk_widget_class_install_action (widget_class, "matter.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "matter.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "matter.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "matter.dismiss-banner", NULL,
                                   dismiss_banner_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "matter.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "matter.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "matter.refresh", NULL);
  for (int n = 1; n <= 9; n++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + n - 1, GDK_ALT_MASK,
                                         "matter.move-nth", "i", n);
}

static void
jf_desk_matter_page_init (JfDeskMatterPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->events = g_list_store_new (JF_DESK_TYPE_EVENT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_event_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_event_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_event_cb), NULL);
  gtk_list_view_set_factory (self->timeline, factory);
  gtk_list_view_set_model (self->timeline, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->mediation_panel, "changed", G_CALLBACK (mediation_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mediation_panel, "conflict", G_CALLBACK (dialog_conflict_cb),
                           self, 0);
}

void
jf_desk_matter_page_set_client (JfDeskMatterPage *self,
                                JfDeskClient     *client)
{
  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));
  g_set_object (&self->client, client);
  jf_desk_attachment_list_set_client (self->attachments, client);
}

gint64
jf_desk_matter_page_get_id (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), 0);
  return self->id;
}

JsonObject *
jf_desk_matter_page_get_matter (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);
  return matter_object (self);
}

const char * const *
jf_desk_matter_page_get_moves (JfDeskMatterPage *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);
  return self->moves != NULL ? (const char * const *) self->moves : none;
}

GtkWindow *
jf_desk_matter_page_run_move (JfDeskMatterPage *self,
                              const char       *move)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);

  if (self->moves == NULL || !g_strv_contains ((const char * const *) self->moves, move) ||
      self->matter == NULL)
    return NULL;
  return jf_desk_matter_actions_open (self, move);
}

GtkWindow *
jf_desk_matter_page_get_dialog (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);
  return self->dialog;
}

void
jf_desk_matter_page_matter_changed (JfDeskMatterPage *self,
                                    gint64            id,
                                    gint64            version)
{
  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));

  if (id != self->id || self->matter == NULL)
    return;
  if (version > 0 && version <= jf_desk_json_int (matter_object (self), "version", 0))
    {
      /* A record of the matter changed (a session, a signature): its timeline did. */
      load_events (self);
      return;
    }
  if (g_get_monotonic_time () > self->own_change_until)
    jf_desk_matter_page_set_banner (self, _("Someone else changed this matter just now: what "
                                            "you see is up to date."), FALSE);
  jf_desk_matter_page_reload (self);
}

const char *
jf_desk_matter_page_get_banner (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);
  return gtk_revealer_get_reveal_child (self->banner) && self->banner_text != NULL
         ? self->banner_text : "";
}

gboolean
jf_desk_matter_page_is_loaded (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), FALSE);
  return self->loaded && self->matter != NULL;
}

GListModel *
jf_desk_matter_page_get_events (JfDeskMatterPage *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_PAGE (self), NULL);
  return G_LIST_MODEL (self->events);
}

void
jf_desk_matter_page_focus (JfDeskMatterPage *self)
{
  GtkWidget *first;

  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));

  if (self->dialog != NULL)
    return;
  first = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box));
  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->moves_box)) &&
      gtk_widget_get_sensitive (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first))))
    gtk_widget_grab_focus (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first)));
  else
    gtk_widget_grab_focus (self->back_button);
}

void
jf_desk_matter_page_set_back_closes (JfDeskMatterPage *self,
                                     gboolean          closes)
{
  const char *label;

  g_return_if_fail (JF_DESK_IS_MATTER_PAGE (self));

  label = closes ? _("Close this window") : _("Back to the matters");
  gtk_button_set_icon_name (GTK_BUTTON (self->back_button),
                            closes ? "window-close-symbolic" : "go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, closes ? _("Close this window (Esc)")
                                                         : _("Back to the matters (Esc)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
