/* jf-desk-feedback-dialog.h: feeding back (反馈) what the department did about a whistle
 *
 * A text and any number of photos or scans (up to 20), chosen with the desktop's file
 * chooser. The files are uploaded to the matter first (POST /v1/matters/{id}/attachments,
 * their type found from their content), then the feedback names them
 * (POST /v1/whistle-targets/{id}/feedback). A file already uploaded is not uploaded again
 * when the feedback is sent a second time. The server's refusals are shown at the field
 * they name. Commands: feedback.send (Ctrl+Enter), feedback.add-files (Ctrl+O), Escape
 * closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-whistle-target.h"

G_BEGIN_DECLS

/* The largest file jiefend takes by default (its [limits] attachment-bytes). */
#define JF_DESK_ATTACHMENT_MAX_BYTES (20 * 1024 * 1024)
#define JF_DESK_FEEDBACK_MAX_FILES 20

#define JF_DESK_TYPE_FEEDBACK_DIALOG (jf_desk_feedback_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskFeedbackDialog, jf_desk_feedback_dialog, JF_DESK, FEEDBACK_DIALOG,
                      GtkWindow)

/* Emits ::done (JsonObject *target, the server's answer) when the feedback is recorded,
 * then closes. */
JfDeskFeedbackDialog *jf_desk_feedback_dialog_new        (GtkWindow            *parent,
                                                          JfDeskClient         *client,
                                                          JfDeskWhistleTarget  *target);
/* What choosing @file in the file chooser does. FALSE when the list is full or has it. */
gboolean              jf_desk_feedback_dialog_add_file   (JfDeskFeedbackDialog *self,
                                                          GFile                *file);
/* The files to attach (a GListModel of GFile). */
GListModel           *jf_desk_feedback_dialog_get_files  (JfDeskFeedbackDialog *self);
/* The line at the bottom: what is happening or what went wrong. */
const char           *jf_desk_feedback_dialog_get_status (JfDeskFeedbackDialog *self);

/* The media type jiefend will see in @data ("image/png"), or NULL for anything it does
 * not take. */
const char           *jf_desk_attachment_media_type      (const guint8         *data,
                                                          gsize                 size);

G_END_DECLS
