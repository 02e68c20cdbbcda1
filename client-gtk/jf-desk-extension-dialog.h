/* jf-desk-extension-dialog.h: asking once for more time to act on a whistle (申请延期)
 *
 * A reason and an amount in days (1–30) or hours (1–720); the action deadline moves by
 * that much clock time (POST /v1/whistle-targets/{id}/extension). Once per target, before
 * feedback and before the deadline has passed: the inbox offers it only then. Commands:
 * extension.send (Ctrl+Enter), Escape closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-whistle-target.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_EXTENSION_DIALOG (jf_desk_extension_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskExtensionDialog, jf_desk_extension_dialog, JF_DESK, EXTENSION_DIALOG,
                      GtkWindow)

/* Emits ::done (JsonObject *target, the server's answer) when the extension is granted,
 * then closes. */
JfDeskExtensionDialog *jf_desk_extension_dialog_new        (GtkWindow             *parent,
                                                            JfDeskClient          *client,
                                                            JfDeskWhistleTarget   *target);
const char            *jf_desk_extension_dialog_get_status (JfDeskExtensionDialog *self);

G_END_DECLS
