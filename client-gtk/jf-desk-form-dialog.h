/* jf-desk-form-dialog.h: a dialog that asks for a few fields and sends them
 *
 * Every step taken on a matter (a move, a whistle, a session, an agreement…) asks for a
 * handful of fields, sends them, and must behave the same way: keyboard first (the first
 * field has the focus, Enter in a one-line field or Ctrl+Enter anywhere submits, Escape
 * cancels), required fields checked before sending, the server's error shown at the field
 * it names, and a version conflict (the server's "current") shown in words, with the page
 * behind brought up to date by whoever listens to ::conflict.
 *
 * Fields are added in code by name; the server's paths are mapped to them ("fields.reason"
 * → "reason" by default; others with jf_desk_form_dialog_map_path ()).
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_FIELD_OPTIONAL = 0,
  JF_DESK_FIELD_REQUIRED = 1 << 0,
} JfDeskFieldFlags;

#define JF_DESK_TYPE_FORM_DIALOG (jf_desk_form_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskFormDialog, jf_desk_form_dialog, JF_DESK, FORM_DIALOG, GtkWindow)

/* The request the fields make: its body (NULL with the errors shown at their fields when
 * something is wrong), and its method and path. */
typedef JsonNode *(*JfDeskFormBuildFunc) (JfDeskFormDialog  *dialog,
                                          char             **out_method,
                                          char             **out_path,
                                          gpointer           data);

JfDeskFormDialog *jf_desk_form_dialog_new          (GtkWindow        *parent,
                                                    const char       *title,
                                                    const char       *submit_label);
/* A sentence above the fields. @warning gives it (and the submit button) the look of a
 * step that cannot be taken back. */
void        jf_desk_form_dialog_set_intro          (JfDeskFormDialog *self,
                                                    const char       *text,
                                                    gboolean          warning);

GtkWidget  *jf_desk_form_dialog_add_entry          (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *label,
                                                    const char       *hint,
                                                    JfDeskFieldFlags  flags);
GtkWidget  *jf_desk_form_dialog_add_text           (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *label,
                                                    const char       *hint,
                                                    JfDeskFieldFlags  flags);
/* A drop-down of @labels whose value is the matching id of @ids (NULL-terminated, same
 * length). With no ids yet (loading), it says @hint. */
GtkWidget  *jf_desk_form_dialog_add_choice         (JfDeskFormDialog   *self,
                                                    const char         *name,
                                                    const char         *label,
                                                    const char * const *ids,
                                                    const char * const *labels,
                                                    const char         *hint,
                                                    JfDeskFieldFlags    flags);
void        jf_desk_form_dialog_set_choices        (JfDeskFormDialog   *self,
                                                    const char         *name,
                                                    const char * const *ids,
                                                    const char * const *labels);
/* Check boxes, one per id, in a box that scrolls past a dozen. */
GtkWidget  *jf_desk_form_dialog_add_checks         (JfDeskFormDialog   *self,
                                                    const char         *name,
                                                    const char         *label,
                                                    const char * const *ids,
                                                    const char * const *labels,
                                                    const char         *hint,
                                                    JfDeskFieldFlags    flags);
void        jf_desk_form_dialog_set_checks         (JfDeskFormDialog   *self,
                                                    const char         *name,
                                                    const char * const *ids,
                                                    const char * const *labels);

/* The trimmed text of an entry or text field, NULL when blank. */
char       *jf_desk_form_dialog_get_text           (JfDeskFormDialog *self,
                                                    const char       *name);
void        jf_desk_form_dialog_set_text           (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *text);
/* The id chosen, or NULL. */
const char *jf_desk_form_dialog_get_choice         (JfDeskFormDialog *self,
                                                    const char       *name);
void        jf_desk_form_dialog_set_choice         (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *id);
/* The ids checked, NULL-terminated (never NULL). */
GStrv       jf_desk_form_dialog_get_checked        (JfDeskFormDialog *self,
                                                    const char       *name);
void        jf_desk_form_dialog_set_checked        (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *id,
                                                    gboolean          checked);
/* The input widget of field @name (for tests and focus). */
GtkWidget  *jf_desk_form_dialog_get_input          (JfDeskFormDialog *self,
                                                    const char       *name);

/* An error the server reports at @path (its first component, or the whole path) belongs
 * to field @name. */
void        jf_desk_form_dialog_map_path           (JfDeskFormDialog *self,
                                                    const char       *path,
                                                    const char       *name);
/* Shows @message under field @name and focuses it; FALSE when there is no such field. */
gboolean    jf_desk_form_dialog_set_field_error    (JfDeskFormDialog *self,
                                                    const char       *name,
                                                    const char       *message);
/* The text of field @name's error, or NULL. */
const char *jf_desk_form_dialog_get_field_error    (JfDeskFormDialog *self,
                                                    const char       *name);
/* A message above the fields (NULL hides it). */
void        jf_desk_form_dialog_set_message        (JfDeskFormDialog *self,
                                                    const char       *message,
                                                    gboolean          error);
const char *jf_desk_form_dialog_get_message        (JfDeskFormDialog *self);

/* How the fields are sent, through @client. */
void        jf_desk_form_dialog_set_request        (JfDeskFormDialog    *self,
                                                    JfDeskClient        *client,
                                                    JfDeskFormBuildFunc  build,
                                                    gpointer             data,
                                                    GDestroyNotify       destroy);
/* The matter's version the request is made against, and the move it makes (NULL for a
 * workflow step that is no move): on a conflict the dialog takes the current version and
 * says whether the move is still among the matter's moves. */
void        jf_desk_form_dialog_set_version        (JfDeskFormDialog *self,
                                                    gint64            version,
                                                    const char       *move);
gint64      jf_desk_form_dialog_get_version        (JfDeskFormDialog *self);
/* Submits as Enter would. */
void        jf_desk_form_dialog_submit             (JfDeskFormDialog *self);
gboolean    jf_desk_form_dialog_is_busy            (JfDeskFormDialog *self);
/* Focuses field @name unless something has been typed yet (its choices just came). */
void        jf_desk_form_dialog_focus_if_untouched (JfDeskFormDialog *self,
                                                    const char       *name);

G_END_DECLS
