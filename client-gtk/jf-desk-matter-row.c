/* jf-desk-matter-row.c: a matter in a list */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-matter-row.h"
#include "jf-desk-resources.h"

struct _JfDeskMatterRow
{
  GtkWidget  parent_instance;

  char      *status_class;   /* the status-* class on the pill now */
  char      *note;

  /* template children */
  GtkLabel  *number_label;
  GtkLabel  *status_label;
  GtkLabel  *date_label;
  GtkLabel  *title_label;
  GtkLabel  *parties_label;
  GtkLabel  *note_label;
};

G_DEFINE_FINAL_TYPE (JfDeskMatterRow, jf_desk_matter_row, GTK_TYPE_WIDGET)

static void
jf_desk_matter_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (object), JF_DESK_TYPE_MATTER_ROW);
  G_OBJECT_CLASS (jf_desk_matter_row_parent_class)->dispose (object);
}

static void
jf_desk_matter_row_finalize (GObject *object)
{
  g_free (JF_DESK_MATTER_ROW (object)->status_class);
  g_free (JF_DESK_MATTER_ROW (object)->note);
  G_OBJECT_CLASS (jf_desk_matter_row_parent_class)->finalize (object);
}

static void
jf_desk_matter_row_class_init (JfDeskMatterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_matter_row_dispose;
  object_class->finalize = jf_desk_matter_row_finalize;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-matter-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, parties_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskMatterRow, note_label);
}

static void
jf_desk_matter_row_init (JfDeskMatterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jf_desk_matter_row_new (void)
{
  return g_object_new (JF_DESK_TYPE_MATTER_ROW, NULL);
}

void
jf_desk_matter_row_set_summary (JfDeskMatterRow     *self,
                                JfDeskMatterSummary *summary)
{
  g_autofree char *date = NULL;
  g_autofree char *accessible = NULL;
  const char *status_text = "";
  JfStatus status;

  g_return_if_fail (JF_DESK_IS_MATTER_ROW (self));

  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_clear_pointer (&self->status_class, g_free);
  if (summary == NULL)
    {
      gtk_label_set_text (self->number_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_label_set_text (self->date_label, "");
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->parties_label, "");
      return;
    }
  if (jf_status_from_string (jf_desk_matter_summary_get_status (summary), &status))
    {
      status_text = jf_status_label (status);
      self->status_class = g_strconcat ("status-", jf_status_to_string (status), NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
    }
  date = jf_desk_format_date_text (jf_desk_matter_summary_get_created_at (summary));
  gtk_label_set_text (self->number_label, jf_desk_matter_summary_get_number (summary));
  gtk_label_set_text (self->status_label, status_text);
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  gtk_label_set_text (self->title_label, jf_desk_matter_summary_get_title (summary));
  gtk_label_set_text (self->parties_label, jf_desk_matter_summary_get_parties (summary));
  /* TRANSLATORS: how a screen reader reads a matter in a list: number, status, date, title. */
  accessible = g_strdup_printf (_("%s, %s, %s: %s"), jf_desk_matter_summary_get_number (summary),
                                status_text, date != NULL ? date : "",
                                jf_desk_matter_summary_get_title (summary));
  if (self->note != NULL)
    {
      g_autofree char *with_note = accessible;

      /* TRANSLATORS: a matter in a list as a screen reader reads it, then why it is there. */
      accessible = g_strdup_printf (_("%s (%s)"), with_note, self->note);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

void
jf_desk_matter_row_set_note (JfDeskMatterRow *self,
                             const char      *note)
{
  g_return_if_fail (JF_DESK_IS_MATTER_ROW (self));

  g_free (self->note);
  self->note = note != NULL && *note != '\0' ? g_strdup (note) : NULL;
  gtk_label_set_text (self->note_label, self->note != NULL ? self->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->note != NULL);
}
