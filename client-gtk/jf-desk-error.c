/* jf-desk-error.c: classifying and explaining errors */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jf-error.h"
#include "jf-desk-error.h"

/* The detail that marks "no answer": the request never reached jiefend. */
#define UNREACHABLE_MEMBER "unreachable"

GError *
jf_desk_error_new_transport (const GError *cause)
{
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(JsonObject) object = NULL;
  GError *error;

  if (cause != NULL && cause->domain == G_TLS_ERROR)
    return g_error_new (G_TLS_ERROR, cause->code, "%s", cause->message);

  error = jf_error_new (JF_ERROR_UNAVAILABLE, NULL, "%s",
                        cause != NULL ? cause->message : "No answer");
  object = json_object_new ();
  json_object_set_boolean_member (object, UNREACHABLE_MEMBER, TRUE);
  json_object_set_boolean_member (object, "timeout",
                                  cause != NULL && g_error_matches (cause, G_IO_ERROR,
                                                                    G_IO_ERROR_TIMED_OUT));
  detail = json_node_init_object (json_node_alloc (), object);
  jf_error_set_detail (error, detail);
  return error;
}

static gboolean
detail_flag (const GError *error,
             const char   *member)
{
  JsonNode *detail = jf_error_get_detail (error);

  return detail != NULL && JSON_NODE_HOLDS_OBJECT (detail) &&
         json_object_get_boolean_member_with_default (json_node_get_object (detail), member,
                                                      FALSE);
}

gboolean
jf_desk_error_is_unreachable (const GError *error)
{
  return g_error_matches (error, JF_ERROR, JF_ERROR_UNAVAILABLE) &&
         detail_flag (error, UNREACHABLE_MEMBER);
}

gboolean
jf_desk_error_is_unavailable (const GError *error)
{
  return error != NULL && (error->domain == G_TLS_ERROR ||
                           g_error_matches (error, JF_ERROR, JF_ERROR_UNAVAILABLE));
}

gboolean
jf_desk_error_is_retryable (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain != JF_ERROR)
    return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  switch ((JfErrorCode) error->code)
    {
    case JF_ERROR_UNAUTHENTICATED: /* sign in again, then send */
    case JF_ERROR_CONFLICT:        /* the same key still being processed */
    case JF_ERROR_THROTTLED:
    case JF_ERROR_UNAVAILABLE:
    case JF_ERROR_INTERNAL:
      return TRUE;
    case JF_ERROR_MALFORMED:
    case JF_ERROR_FORBIDDEN:
    case JF_ERROR_NOT_FOUND:
    case JF_ERROR_TOO_LARGE:
    case JF_ERROR_UNSUPPORTED_MEDIA:
    case JF_ERROR_INVALID:
    case JF_ERROR_REFUSED:
    default:
      return FALSE;
    }
}

char *
jf_desk_error_describe (const GError *error)
{
  if (error == NULL)
    return g_strdup ("");
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    return g_strdup (_("A secure connection to the server could not be made: its certificate "
                       "is not valid or not trusted. Ask your administrator."));
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    return g_strdup (_("The server does not offer a secure connection (TLS) at this address: "
                       "perhaps the address begins with http:// rather than https://. Ask "
                       "your administrator."));
  if (error->domain == G_TLS_ERROR)
    return g_strdup (_("A secure connection to the server could not be made. Ask your "
                       "administrator."));
  if (error->domain != JF_ERROR)
    return g_strdup (error->message);
  switch ((JfErrorCode) error->code)
    {
    case JF_ERROR_UNAVAILABLE:
      if (detail_flag (error, "timeout"))
        return g_strdup (_("The server did not answer in time. Check the network "
                           "connection."));
      if (jf_desk_error_is_unreachable (error))
        return g_strdup (_("The server cannot be reached. Check the server address and the "
                           "network connection."));
      return g_strdup (_("The server is temporarily unavailable. Try again in a moment."));
    case JF_ERROR_UNAUTHENTICATED:
      return g_strdup (_("Your session has ended. Please sign in again."));
    case JF_ERROR_FORBIDDEN:
      return g_strdup (_("Your account may not do this."));
    case JF_ERROR_NOT_FOUND:
      return g_strdup (_("The server does not know this record."));
    case JF_ERROR_CONFLICT:
      return g_strdup (_("Someone else changed this record in the meantime."));
    case JF_ERROR_TOO_LARGE:
      return g_strdup (_("This is too large to send."));
    case JF_ERROR_THROTTLED:
      return g_strdup (_("Too many attempts. Wait a moment and try again."));
    case JF_ERROR_INVALID:
    case JF_ERROR_REFUSED:
      /* The server's own words, which name the rule; the field is shown by the caller. */
      return g_strdup_printf (_("The server did not accept this: %s"), error->message);
    case JF_ERROR_MALFORMED:
    case JF_ERROR_UNSUPPORTED_MEDIA:
    case JF_ERROR_INTERNAL:
    default:
      return g_strdup_printf (_("Something went wrong on the server (%s). Try again; if it "
                                "happens again, tell your administrator."),
                              jf_error_code_to_string (error->code));
    }
}

char *
jf_desk_error_describe_field (const GError *error)
{
  const char *field = jf_error_get_field (error);

  if (field == NULL || !(g_error_matches (error, JF_ERROR, JF_ERROR_INVALID) ||
                         g_error_matches (error, JF_ERROR, JF_ERROR_REFUSED)))
    return jf_desk_error_describe (error);
  if (g_str_equal (field, "category"))
    return g_strdup (_("This category is not in use on the server: choose another one"));
  if (g_str_has_prefix (field, "location.org"))
    return g_strdup (_("The server does not know this place: pick it from the list again"));
  if (g_str_has_suffix (field, ".id_number"))
    return g_strdup (_("The server did not accept this ID number: check it against the card"));
  if (g_str_has_suffix (field, ".phone"))
    return g_strdup (_("The server did not accept this phone number: check it"));
  if (g_str_equal (field, "occurred_on"))
    return g_strdup (_("The server did not accept this date: check it"));
  return jf_desk_error_describe (error);
}
