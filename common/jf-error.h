/* jf-error.h: the domain layer's error domain
 *
 * Every fallible function in libjiefen-common and in the server's engine reports a JfError.
 * The error carries the path of the offending input field (e.g. "parties[1].id_number")
 * so that the HTTP layer can answer {"error": {"code", "message", "field"}} without
 * parsing messages.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_ERROR (jf_error_quark ())

typedef enum
{
  JF_ERROR_MALFORMED,        /* 400: not JSON, bad UTF-8, too deep, bad syntax */
  JF_ERROR_UNAUTHENTICATED,  /* 401 */
  JF_ERROR_FORBIDDEN,        /* 403: role or scope */
  JF_ERROR_NOT_FOUND,        /* 404 */
  JF_ERROR_CONFLICT,         /* 409: stale version, duplicate */
  JF_ERROR_TOO_LARGE,        /* 413 */
  JF_ERROR_UNSUPPORTED_MEDIA,/* 415 */
  JF_ERROR_INVALID,          /* 422: a field fails validation */
  JF_ERROR_REFUSED,          /* 422: the lifecycle or a workflow rule refuses the move */
  JF_ERROR_THROTTLED,        /* 429 */
  JF_ERROR_UNAVAILABLE,      /* 503: the database is down */
  JF_ERROR_INTERNAL,         /* 500: never shown to the client in detail */
} JfErrorCode;

GQuark       jf_error_quark         (void);

void         jf_set_error           (GError     **error,
                                     JfErrorCode  code,
                                     const char  *field,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (4, 5);
GError      *jf_error_new           (JfErrorCode  code,
                                     const char  *field,
                                     const char  *format,
                                     ...) G_GNUC_PRINTF (3, 4);
const char  *jf_error_get_field     (const GError *error);
void         jf_error_prefix_field  (GError      *error,
                                     const char  *prefix);
/* A document that explains the error, e.g. the current state of a matter whose version
 * was stale (409). The error takes a reference. */
void         jf_error_set_detail    (GError      *error,
                                     JsonNode    *detail);
JsonNode    *jf_error_get_detail    (const GError *error);
/* For JF_ERROR_THROTTLED: whole seconds until trying again can succeed; 0 when unknown. */
void         jf_error_set_retry_after (GError     *error,
                                       guint       seconds);
guint        jf_error_get_retry_after (const GError *error);
const char  *jf_error_code_to_string (JfErrorCode code);
guint        jf_error_code_to_http_status (JfErrorCode code);

G_END_DECLS
