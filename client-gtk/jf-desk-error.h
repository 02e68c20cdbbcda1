/* jf-desk-error.h: what went wrong, in words for the person at the desk
 *
 * The client layer reports JfErrors (jf-desk-client.h); these helpers classify them for
 * the UI and the outbox and put them into the user's language.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A JF_ERROR_UNAVAILABLE for a request that got no answer (@cause: refused, DNS, timeout,
 * cut); a G_TLS_ERROR cause stays a G_TLS_ERROR with a message of its own. */
GError   *jf_desk_error_new_transport   (const GError *cause);

/* The request got no answer at all (not even a 503). */
gboolean  jf_desk_error_is_unreachable  (const GError *error);
/* The server was not reached or could not work (unreachable, TLS, 502–504): an intake
 * goes to the outbox. */
gboolean  jf_desk_error_is_unavailable  (const GError *error);
/* Sending the same request again later may succeed: everything but the answers that say
 * the data itself is wrong (400, 403, 404, 413, 415, 422). */
gboolean  jf_desk_error_is_retryable    (const GError *error);

/* A sentence for the user. */
char     *jf_desk_error_describe        (const GError *error);
/* The same for the field the error names, in the user's words where the field is known
 * (the server's own words are English). */
char     *jf_desk_error_describe_field  (const GError *error);

G_END_DECLS
