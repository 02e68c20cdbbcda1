/* jf-desk-inbox-detail.h: the selected whistle of the inbox, beside the list
 *
 * What the department is asked to do, its deadlines (counting down), its own steps so
 * far, and the matter itself (GET /v1/matters/{id}: a liaison may read a matter whistled
 * to their department) with the other departments of the whistle.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-whistle-target.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_INBOX_DETAIL (jf_desk_inbox_detail_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskInboxDetail, jf_desk_inbox_detail, JF_DESK, INBOX_DETAIL, GtkWidget)

void                 jf_desk_inbox_detail_set_client (JfDeskInboxDetail   *self,
                                                      JfDeskClient        *client);
/* Shows @target (NULL: nothing selected); the matter is read again when @target is
 * another one or @reload is TRUE. */
void                 jf_desk_inbox_detail_set_target (JfDeskInboxDetail   *self,
                                                      JfDeskWhistleTarget *target,
                                                      gboolean             reload);
JfDeskWhistleTarget *jf_desk_inbox_detail_get_target (JfDeskInboxDetail   *self);
/* The countdowns, at @now (the inbox's one clock). */
void                 jf_desk_inbox_detail_tick       (JfDeskInboxDetail   *self,
                                                      GDateTime           *now);
/* The matter's text as shown (for tests): "" until it has been read. */
const char          *jf_desk_inbox_detail_get_matter_text (JfDeskInboxDetail *self);

G_END_DECLS
