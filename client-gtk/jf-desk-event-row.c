/* jf-desk-event-row.c: an event in the timeline */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-event-row.h"
#include "jf-desk-format.h"
#include "jf-desk-resources.h"

struct _JfDeskEventRow
{
  GtkWidget  parent_instance;

  /* template children */
  GtkImage  *icon;
  GtkLabel  *title_label;
  GtkLabel  *time_label;
  GtkLabel  *who_label;
  GtkLabel  *detail_label;
};

G_DEFINE_FINAL_TYPE (JfDeskEventRow, jf_desk_event_row, GTK_TYPE_WIDGET)

static void
jf_desk_event_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (object), JF_DESK_TYPE_EVENT_ROW);
  G_OBJECT_CLASS (jf_desk_event_row_parent_class)->dispose (object);
}

static void
jf_desk_event_row_class_init (JfDeskEventRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jf_desk_event_row_dispose;
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-event-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskEventRow, icon);
  gtk_widget_class_bind_template_child (widget_class, JfDeskEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskEventRow, who_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskEventRow, detail_label);
}

static void
jf_desk_event_row_init (JfDeskEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jf_desk_event_row_new (void)
{
  return g_object_new (JF_DESK_TYPE_EVENT_ROW, NULL);
}

void
jf_desk_event_row_set_event (JfDeskEventRow *self,
                             JfDeskEvent    *event)
{
  g_autofree char *time = NULL;
  g_autofree char *accessible = NULL;
  const char *detail;

  g_return_if_fail (JF_DESK_IS_EVENT_ROW (self));

  if (event == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->who_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "timeline-alert");
      return;
    }
  time = jf_desk_format_time (jf_desk_event_get_time (event));
  detail = jf_desk_event_get_detail (event);
  gtk_image_set_from_icon_name (self->icon, jf_desk_event_get_icon_name (event));
  gtk_label_set_text (self->title_label, jf_desk_event_get_title (event));
  gtk_label_set_text (self->time_label, time);
  gtk_label_set_text (self->who_label, jf_desk_event_get_who (event));
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), *detail != '\0');
  if (jf_desk_event_is_alert (event))
    gtk_widget_add_css_class (GTK_WIDGET (self), "timeline-alert");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "timeline-alert");
  /* TRANSLATORS: a timeline event read aloud: what, when, who. */
  accessible = g_strdup_printf (_("%s, %s, %s"), jf_desk_event_get_title (event), time,
                                jf_desk_event_get_who (event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}
