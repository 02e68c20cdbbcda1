/* jf-desk-outbox-row.c: an intake waiting in the outbox */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-error.h"
#include "jf-desk-format.h"
#include "jf-desk-outbox-row.h"
#include "jf-desk-resources.h"

struct _JfDeskOutboxRow
{
  GtkWidget         parent_instance;

  JfDeskOutboxItem *item;          /* owned */
  gulong            state_handler;

  /* template children */
  GtkImage         *state_icon;
  GtkLabel         *title_label;
  GtkLabel         *detail_label;
  GtkButton        *open_button;
  GtkButton        *discard_button;
};

G_DEFINE_FINAL_TYPE (JfDeskOutboxRow, jf_desk_outbox_row, GTK_TYPE_WIDGET)

enum {
  OPEN,
  DISCARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (JfDeskOutboxRow *self)
{
  g_autofree char *saved = NULL;
  g_autofree char *detail = NULL;
  JfDeskOutboxItemState state;

  gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");
  if (self->item == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->detail_label, "");
      return;
    }
  state = jf_desk_outbox_item_get_state (self->item);
  saved = jf_desk_format_time (jf_desk_outbox_item_get_saved_at (self->item));
  switch (state)
    {
    case JF_DESK_OUTBOX_ITEM_SENDING:
      /* TRANSLATORS: an intake in the outbox; %s is when it was saved. */
      detail = g_strdup_printf (_("Saved %s · sending now…"), saved);
      gtk_image_set_from_icon_name (self->state_icon, "mail-send-symbolic");
      break;
    case JF_DESK_OUTBOX_ITEM_REFUSED:
      {
        g_autofree char *why = jf_desk_error_describe_field (
          jf_desk_outbox_item_get_error (self->item));

        /* TRANSLATORS: an intake the server refused; the reason follows. */
        detail = g_strdup_printf (_("Saved %s · refused by the server: %s"), saved, why);
        gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
        gtk_image_set_from_icon_name (self->state_icon, "dialog-warning-symbolic");
      }
      break;
    case JF_DESK_OUTBOX_ITEM_EDITING:
      detail = g_strdup_printf (_("Saved %s · open in the form"), saved);
      gtk_image_set_from_icon_name (self->state_icon, "document-edit-symbolic");
      break;
    case JF_DESK_OUTBOX_ITEM_WAITING:
    default:
      detail = g_strdup_printf (_("Saved %s · waiting for the server"), saved);
      gtk_image_set_from_icon_name (self->state_icon, "mail-send-symbolic");
      break;
    }
  gtk_label_set_text (self->title_label, jf_desk_outbox_item_get_title (self->item));
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outbox-row.open",
                                 state == JF_DESK_OUTBOX_ITEM_REFUSED ||
                                 state == JF_DESK_OUTBOX_ITEM_WAITING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outbox-row.discard",
                                 state != JF_DESK_OUTBOX_ITEM_SENDING);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskOutboxRow *self = JF_DESK_OUTBOX_ROW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[OPEN], 0, self->item);
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JfDeskOutboxRow *self = JF_DESK_OUTBOX_ROW (widget);

  if (self->item != NULL)
    g_signal_emit (self, signals[DISCARD], 0, self->item);
}

static void
jf_desk_outbox_row_dispose (GObject *object)
{
  JfDeskOutboxRow *self = JF_DESK_OUTBOX_ROW (object);
  GtkWidget *child;

  jf_desk_outbox_row_set_item (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_OUTBOX_ROW);
  G_OBJECT_CLASS (jf_desk_outbox_row_parent_class)->dispose (object);
}

static void
jf_desk_outbox_row_class_init (JfDeskOutboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_outbox_row_dispose;

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, JF_DESK_TYPE_OUTBOX_ITEM);
  signals[DISCARD] = g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, JF_DESK_TYPE_OUTBOX_ITEM);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-outbox-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxRow, discard_button);
  gtk_widget_class_install_action (widget_class, "outbox-row.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "outbox-row.discard", NULL, discard_action);
}

static void
jf_desk_outbox_row_init (JfDeskOutboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jf_desk_outbox_row_new (void)
{
  return g_object_new (JF_DESK_TYPE_OUTBOX_ROW, NULL);
}

void
jf_desk_outbox_row_set_item (JfDeskOutboxRow  *self,
                             JfDeskOutboxItem *item)
{
  g_return_if_fail (JF_DESK_IS_OUTBOX_ROW (self));

  if (self->item != NULL)
    g_clear_signal_handler (&self->state_handler, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->state_handler = g_signal_connect_swapped (item, "notify::state", G_CALLBACK (update),
                                                    self);
  update (self);
}

JfDeskOutboxItem *
jf_desk_outbox_row_get_item (JfDeskOutboxRow *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX_ROW (self), NULL);
  return self->item;
}
