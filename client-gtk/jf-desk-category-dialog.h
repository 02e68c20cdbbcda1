/* jf-desk-category-dialog.h: adding a category of matter, or renaming one
 *
 * A new category has a code (a–z, 0–9 and “_”, starting with a letter, up to 32) that
 * never changes, and a name in Chinese and in English; renaming changes the names only.
 * Commands: category.save (Ctrl+Enter), Escape closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-record.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_CATEGORY_DIALOG (jf_desk_category_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskCategoryDialog, jf_desk_category_dialog, JF_DESK, CATEGORY_DIALOG,
                      GtkWindow)

/* @category NULL adds one. ::saved (JsonObject *category) when the server has it; the
 * dialog then closes. */
JfDeskCategoryDialog *jf_desk_category_dialog_new        (GtkWindow            *parent,
                                                          JfDeskClient         *client,
                                                          JfDeskRecord         *category);
const char           *jf_desk_category_dialog_get_status (JfDeskCategoryDialog *self);

G_END_DECLS
