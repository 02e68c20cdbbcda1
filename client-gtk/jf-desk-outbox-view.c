/* jf-desk-outbox-view.c: the intakes in the outbox */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-outbox-row.h"
#include "jf-desk-outbox-view.h"
#include "jf-desk-resources.h"

struct _JfDeskOutboxView
{
  GtkWidget     parent_instance;

  JfDeskOutbox *outbox;           /* owned */
  gulong        count_handler;

  /* template children */
  GtkLabel     *summary_label;
  GtkListView  *list;
};

G_DEFINE_FINAL_TYPE (JfDeskOutboxView, jf_desk_outbox_view, GTK_TYPE_WIDGET)

enum {
  OPEN,
  DISCARD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (JfDeskOutboxView *self)
{
  guint n = self->outbox != NULL ? jf_desk_outbox_get_n_items (self->outbox) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("Nothing is waiting: every intake has reached the server."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u intake is kept on this computer and sent as soon "
                                         "as the server can be reached.",
                                         "%u intakes are kept on this computer and sent as "
                                         "soon as the server can be reached.", n), n);
  gtk_label_set_text (self->summary_label, text);
}

static void
row_open_cb (JfDeskOutboxView *self,
             JfDeskOutboxItem *item)
{
  g_signal_emit (self, signals[OPEN], 0, item);
}

static void
row_discard_cb (JfDeskOutboxView *self,
                JfDeskOutboxItem *item)
{
  g_signal_emit (self, signals[DISCARD], 0, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              JfDeskOutboxView         *self)
{
  GtkWidget *row = jf_desk_outbox_row_new ();

  g_signal_connect_object (row, "open", G_CALLBACK (row_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "discard", G_CALLBACK (row_discard_cb), self, G_CONNECT_SWAPPED);
  gtk_list_item_set_child (list_item, row);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  jf_desk_outbox_row_set_item (JF_DESK_OUTBOX_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  jf_desk_outbox_row_set_item (JF_DESK_OUTBOX_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
jf_desk_outbox_view_dispose (GObject *object)
{
  JfDeskOutboxView *self = JF_DESK_OUTBOX_VIEW (object);
  GtkWidget *child;

  if (self->outbox != NULL)
    g_clear_signal_handler (&self->count_handler, self->outbox);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_OUTBOX_VIEW);
  g_clear_object (&self->outbox);
  G_OBJECT_CLASS (jf_desk_outbox_view_parent_class)->dispose (object);
}

static void
jf_desk_outbox_view_class_init (JfDeskOutboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_outbox_view_dispose;

  /* The clerk wants to correct an intake (open it in the form). */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, JF_DESK_TYPE_OUTBOX_ITEM);
  /* The clerk wants to discard an intake (to be confirmed). */
  signals[DISCARD] = g_signal_new ("discard", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, JF_DESK_TYPE_OUTBOX_ITEM);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-outbox-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskOutboxView, list);
}

static void
jf_desk_outbox_view_init (JfDeskOutboxView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  update_summary (self);
}

GtkWidget *
jf_desk_outbox_view_new (void)
{
  return g_object_new (JF_DESK_TYPE_OUTBOX_VIEW, NULL);
}

void
jf_desk_outbox_view_set_outbox (JfDeskOutboxView *self,
                                JfDeskOutbox     *outbox)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (JF_DESK_IS_OUTBOX_VIEW (self));

  if (self->outbox != NULL)
    g_clear_signal_handler (&self->count_handler, self->outbox);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    {
      selection = gtk_no_selection_new (g_object_ref (jf_desk_outbox_get_items (outbox)));
      self->count_handler = g_signal_connect_swapped (outbox, "notify::n-items",
                                                      G_CALLBACK (update_summary), self);
    }
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  update_summary (self);
}
