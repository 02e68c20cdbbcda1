/* jf-desk-party-row.h: one party of an intake: role, name, ID number, phone, address,
 * organisation; the ID number is checked as it is typed and its birth date and sex shown */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "jf-intake.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_PARTY_ROW (jf_desk_party_row_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskPartyRow, jf_desk_party_row, JF_DESK, PARTY_ROW, GtkWidget)

JfDeskPartyRow *jf_desk_party_row_new          (JfPartyRole     role);

/* "Party 2" above the row, and the row's accessible names. */
void            jf_desk_party_row_set_index    (JfDeskPartyRow *self,
                                                guint           index);
/* Anything typed (the role alone does not count). */
gboolean        jf_desk_party_row_has_input    (JfDeskPartyRow *self);
const char     *jf_desk_party_row_get_name     (JfDeskPartyRow *self);
const char     *jf_desk_party_row_get_organisation (JfDeskPartyRow *self);
/* The ID number, when it is a valid one; else NULL. */
const char     *jf_desk_party_row_get_valid_id_number (JfDeskPartyRow *self);
/* The phone number, when it is a whole valid one; else NULL. */
const char     *jf_desk_party_row_get_valid_phone (JfDeskPartyRow *self);

/* The party as typed. NULL when a field is wrong: the error is shown at the field, and
 * *out_field (if given) names the first one ("id_number"). */
JfParty        *jf_desk_party_row_build        (JfDeskPartyRow *self,
                                                char          **out_field);
/* Fills the row from a party of an intake body (the outbox's). */
void            jf_desk_party_row_load         (JfDeskPartyRow *self,
                                                JsonObject     *party);

/* @field: "role", "name", "id_number", "phone", "address", "organisation"; FALSE when the
 * row has no such field. */
gboolean        jf_desk_party_row_show_error   (JfDeskPartyRow *self,
                                                const char     *field,
                                                const char     *message);
void            jf_desk_party_row_clear_errors (JfDeskPartyRow *self);
/* Focuses @field (NULL: the name). */
void            jf_desk_party_row_focus        (JfDeskPartyRow *self,
                                                const char     *field);
gboolean        jf_desk_party_row_set_removable (JfDeskPartyRow *self,
                                                 gboolean        removable);

G_END_DECLS
