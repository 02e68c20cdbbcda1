/* jf-desk-field.h: an input and the label under it that says what is wrong with it
 *
 * Every input of the forms has one: the error is shown in words next to the field, the
 * input is marked (style and accessible state), and the error label is what a screen
 * reader reads as the input's error message.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @message NULL or "" clears the error. */
void      jf_desk_field_set_error    (GtkWidget  *input,
                                      GtkLabel   *error_label,
                                      const char *message);
gboolean  jf_desk_field_has_error    (GtkLabel   *error_label);
/* A neutral hint in the error label's place (not an error). */
void      jf_desk_field_set_hint     (GtkWidget  *input,
                                      GtkLabel   *error_label,
                                      const char *hint,
                                      const char *style_class);
/* Whether the focus is in @widget (or a child of it). */
gboolean  jf_desk_widget_has_focus_within (GtkWidget *widget);
/* Moves the keyboard focus on, as Tab does. */
void      jf_desk_focus_next         (GtkWidget  *from);
/* Focuses @input and brings it into view. */
void      jf_desk_focus_field        (GtkWidget  *input);
/* The trimmed text of an editable, newly allocated; NULL when blank. */
char     *jf_desk_editable_dup_text  (GtkEditable *editable);

G_END_DECLS
