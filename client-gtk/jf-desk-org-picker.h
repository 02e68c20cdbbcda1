/* jf-desk-org-picker.h: choosing an org unit by typing part of its name
 *
 * Matches come from GET /v1/org-units?q=... 200 ms after the last keystroke; Up and Down
 * move through them, Enter or a click picks one, Escape closes the list. Until a unit is
 * picked the picker has no code: typed text alone names no place.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-org-unit.h"

G_BEGIN_DECLS

#define JF_DESK_ORG_PICKER_DEBOUNCE_MS 200

#define JF_DESK_TYPE_ORG_PICKER (jf_desk_org_picker_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOrgPicker, jf_desk_org_picker, JF_DESK, ORG_PICKER, GtkWidget)

void           jf_desk_org_picker_set_client (JfDeskOrgPicker *self,
                                              JfDeskClient    *client);
/* The picked unit, or NULL. */
JfDeskOrgUnit *jf_desk_org_picker_get_unit   (JfDeskOrgPicker *self);
/* Its code, or NULL. */
const char    *jf_desk_org_picker_get_code   (JfDeskOrgPicker *self);
/* Picks @unit (NULL clears the picker). */
void           jf_desk_org_picker_set_unit   (JfDeskOrgPicker *self,
                                              JfDeskOrgUnit   *unit);
/* The entry, for labels and errors. */
GtkWidget     *jf_desk_org_picker_get_entry  (JfDeskOrgPicker *self);
/* The list of matches is showing. */
gboolean       jf_desk_org_picker_is_open    (JfDeskOrgPicker *self);
/* The matches now shown (a GListModel of JfDeskOrgUnit). */
GListModel    *jf_desk_org_picker_get_matches (JfDeskOrgPicker *self);

G_END_DECLS
