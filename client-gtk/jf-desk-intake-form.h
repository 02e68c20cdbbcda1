/* jf-desk-intake-form.h: the intake form of the reception window
 *
 * It owns what is typed and the intake's Idempotency-Key (made when the form is started,
 * kept until the intake is registered or put in the outbox), checks what can be checked
 * locally, builds the body of POST /v1/matters with jf_intake_to_json (), and shows an
 * error next to the field a path names ("parties[1].id_number"). Sending is the
 * reception page's job.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"
#include "jf-desk-repeat-panel.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_INTAKE_FORM (jf_desk_intake_form_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskIntakeForm, jf_desk_intake_form, JF_DESK, INTAKE_FORM, GtkWidget)

typedef enum
{
  JF_DESK_STATUS_NONE,
  JF_DESK_STATUS_INFO,
  JF_DESK_STATUS_SUCCESS,
  JF_DESK_STATUS_WARNING,
  JF_DESK_STATUS_ERROR,
} JfDeskStatusKind;

/* The client for reference data (categories, places) and the clerk, whose unit is the
 * default place. */
void        jf_desk_intake_form_set_client       (JfDeskIntakeForm  *self,
                                                  JfDeskClient      *client);
const char *jf_desk_intake_form_get_key          (JfDeskIntakeForm  *self);
/* Anything typed that would be lost by starting anew. */
gboolean    jf_desk_intake_form_has_input        (JfDeskIntakeForm  *self);
/* The body of POST /v1/matters, or NULL when something is wrong: then the errors are
 * shown at their fields and the first one has the focus. */
JsonNode   *jf_desk_intake_form_build            (JfDeskIntakeForm  *self);
/* The category as the form shows it. */
const char *jf_desk_intake_form_get_category_name (JfDeskIntakeForm *self);
/* Shows @message at the field @path names and focuses it; FALSE when no field matches. */
gboolean    jf_desk_intake_form_show_error       (JfDeskIntakeForm  *self,
                                                  const char        *path,
                                                  const char        *message);
void        jf_desk_intake_form_clear_errors     (JfDeskIntakeForm  *self);
/* Empties the form for the next intake, with a new key, and focuses the first field. */
void        jf_desk_intake_form_reset            (JfDeskIntakeForm  *self);
/* Fills the form from an intake body and keeps @key (an intake from the outbox). */
void        jf_desk_intake_form_load             (JfDeskIntakeForm  *self,
                                                  JsonObject        *body,
                                                  const char        *key);
/* The key of the outbox item being edited, or NULL. */
const char *jf_desk_intake_form_get_outbox_key   (JfDeskIntakeForm  *self);
/* Adds a party and focuses its name; FALSE at the maximum. */
gboolean    jf_desk_intake_form_add_party        (JfDeskIntakeForm  *self);
guint       jf_desk_intake_form_get_n_parties    (JfDeskIntakeForm  *self);
/* While an intake is being sent: the form is read-only and the button spins. */
void        jf_desk_intake_form_set_busy         (JfDeskIntakeForm  *self,
                                                  gboolean           busy);
void        jf_desk_intake_form_set_status       (JfDeskIntakeForm  *self,
                                                  JfDeskStatusKind   kind,
                                                  const char        *message);
const char *jf_desk_intake_form_get_status       (JfDeskIntakeForm  *self);
/* Who and where the intake is about, for the repeat-dispute search. */
void        jf_desk_intake_form_get_repeat_query (JfDeskIntakeForm  *self,
                                                  JfDeskRepeatQuery *query);
/* Focuses the first field (the title). */
void        jf_desk_intake_form_focus_start      (JfDeskIntakeForm  *self);

G_END_DECLS
