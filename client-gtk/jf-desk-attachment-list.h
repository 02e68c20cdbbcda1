/* jf-desk-attachment-list.h: a matter's attachments: list, open, save, add
 *
 * Enter (or a double click) opens the selected file with the desktop's viewer, Save As…
 * writes it where the user chooses, Add… sends a photo or scan (JPEG, PNG, TIFF, WebP or
 * PDF; the server checks the type by content) to POST /v1/matters/{id}/attachments.
 * Files are chosen with GtkFileChooserNative (GTK 4.8 has no GtkFileDialog).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ATTACHMENT_LIST (jf_desk_attachment_list_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAttachmentList, jf_desk_attachment_list, JF_DESK, ATTACHMENT_LIST,
                      GtkWidget)

void        jf_desk_attachment_list_set_client   (JfDeskAttachmentList *self,
                                                  JfDeskClient         *client);
/* Shows matter @id's attachments (0: none); @may_add whether Add… is offered. */
void        jf_desk_attachment_list_load         (JfDeskAttachmentList *self,
                                                  gint64                matter_id,
                                                  gboolean              may_add);
/* The attachments shown (a GListModel of JfDeskAttachment). */
GListModel *jf_desk_attachment_list_get_model    (JfDeskAttachmentList *self);
/* Sends @file as Add… does once it is chosen. */
void        jf_desk_attachment_list_add_file     (JfDeskAttachmentList *self,
                                                  GFile                *file);
/* What the list says under it ("Sending…", an error), or "". */
const char *jf_desk_attachment_list_get_status   (JfDeskAttachmentList *self);

G_END_DECLS
