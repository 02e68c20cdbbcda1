/* jf-desk-field.c: inputs and their error labels */
#include "config.h"

#include "jf-desk-field.h"

#define HINT_CLASSES_KEY "jf-desk-hint-class"

static void
clear_hint_class (GtkLabel *label)
{
  const char *previous = g_object_get_data (G_OBJECT (label), HINT_CLASSES_KEY);

  if (previous != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (label), previous);
  g_object_set_data (G_OBJECT (label), HINT_CLASSES_KEY, NULL);
}

void
jf_desk_field_set_error (GtkWidget  *input,
                         GtkLabel   *error_label,
                         const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';

  g_return_if_fail (GTK_IS_WIDGET (input) && GTK_IS_LABEL (error_label));

  clear_hint_class (error_label);
  gtk_label_set_text (error_label, has_error ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), has_error);
  if (has_error)
    {
      gtk_widget_add_css_class (input, "error");
      gtk_widget_add_css_class (GTK_WIDGET (error_label), "field-error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      /* ERROR_MESSAGE takes one reference (DESCRIBED_BY a NULL-terminated list). */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, error_label, -1);
    }
  else
    {
      gtk_widget_remove_css_class (input, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (error_label), "field-error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (input),
                                     GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

gboolean
jf_desk_field_has_error (GtkLabel *error_label)
{
  return gtk_widget_has_css_class (GTK_WIDGET (error_label), "field-error") &&
         gtk_widget_get_visible (GTK_WIDGET (error_label));
}

void
jf_desk_field_set_hint (GtkWidget  *input,
                        GtkLabel   *error_label,
                        const char *hint,
                        const char *style_class)
{
  jf_desk_field_set_error (input, error_label, NULL);
  if (hint == NULL || *hint == '\0')
    return;
  gtk_label_set_text (error_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
  if (style_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (error_label), style_class);
      g_object_set_data (G_OBJECT (error_label), HINT_CLASSES_KEY, (gpointer) style_class);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  error_label, NULL, -1);
}

gboolean
jf_desk_widget_has_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
jf_desk_focus_next (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

void
jf_desk_focus_field (GtkWidget *input)
{
  gtk_widget_grab_focus (input);
}

char *
jf_desk_editable_dup_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}
