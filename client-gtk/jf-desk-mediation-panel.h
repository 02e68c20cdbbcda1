/* jf-desk-mediation-panel.h: a matter's mediation: sessions and agreements
 *
 * Lists the sessions (when, room, mediators, outcome) and the people's mediation
 * agreements (number, who has signed, sealed, performance), and offers, to the roles that
 * run mediation: scheduling a session (time, room, mediators, participants), recording
 * one as held (outcome and statements), writing the agreement (facts, terms, parties,
 * performance due), recording signatures, and printing the server's PDF of the agreement
 * (GtkPrintOperation over poppler) or saving it.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_MEDIATION_PANEL (jf_desk_mediation_panel_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMediationPanel, jf_desk_mediation_panel, JF_DESK, MEDIATION_PANEL,
                      GtkWidget)

/* Shows @matter's sessions and agreements; @may_act: the user's roles run mediation. */
void        jf_desk_mediation_panel_load            (JfDeskMediationPanel *self,
                                                     JfDeskClient         *client,
                                                     JsonObject           *matter,
                                                     gboolean              may_act);
/* The sessions and agreements as last read (JSON arrays; NULL before). */
JsonArray  *jf_desk_mediation_panel_get_sessions    (JfDeskMediationPanel *self);
JsonArray  *jf_desk_mediation_panel_get_agreements  (JfDeskMediationPanel *self);
/* The dialogs, as their buttons open them. */
GtkWindow  *jf_desk_mediation_panel_schedule        (JfDeskMediationPanel *self);
GtkWindow  *jf_desk_mediation_panel_record          (JfDeskMediationPanel *self,
                                                     gint64                session_id);
GtkWindow  *jf_desk_mediation_panel_write_agreement (JfDeskMediationPanel *self);
GtkWindow  *jf_desk_mediation_panel_sign            (JfDeskMediationPanel *self,
                                                     gint64                agreement_id);
/* Fetches the agreement's PDF and opens the print dialog. */
void        jf_desk_mediation_panel_print           (JfDeskMediationPanel *self,
                                                     gint64                agreement_id);
/* What the panel says under it ("", an error, "Sent to the printer"). */
const char *jf_desk_mediation_panel_get_status      (JfDeskMediationPanel *self);

G_END_DECLS
