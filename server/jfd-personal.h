/* jfd-personal.h: personal numbers between the API and the database (DOMAIN.md §7)
 *
 * ID and phone numbers are sealed before they are stored, found by keyed hashes, and
 * shown masked; these helpers produce the stored forms and open them again.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jf-intake.h"
#include "jfd-crypto.h"

G_BEGIN_DECLS

/* Adds the stored forms of @party's numbers to @builder's current object:
 * id_number_enc/_hmac/_masked, birth_date, sex, phone_enc/_hmac/_masked (base64 bytes). */
void      jfd_personal_add_party       (JfdCrypto      *crypto,
                                        const JfParty  *party,
                                        JsonBuilder    *builder);
/* Opens base64 sealed text; NULL when @sealed_base64 is NULL or empty. */
char     *jfd_personal_open            (JfdCrypto      *crypto,
                                        const char     *sealed_base64,
                                        GError        **error);
/* The roles that may see whole numbers: those who work with the parties face to face. */
gboolean  jfd_personal_may_reveal      (guint32         roles);

G_END_DECLS
