/* jf-error.c: the domain layer's error domain, with the offending field attached */
#include "config.h"

#include "jf-error.h"

typedef struct
{
  char     *field;
  JsonNode *detail;
  guint     retry_after;
} JfErrorPrivate;

static void
jf_error_private_init (JfErrorPrivate *priv)
{
  priv->field = NULL;
  priv->detail = NULL;
  priv->retry_after = 0;
}

static void
jf_error_private_copy (const JfErrorPrivate *src,
                       JfErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->detail = src->detail != NULL ? json_node_ref (src->detail) : NULL;
  dest->retry_after = src->retry_after;
}

static void
jf_error_private_clear (JfErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->detail, json_node_unref);
}

G_DEFINE_EXTENDED_ERROR (JfError, jf_error)

static GError *jf_error_new_valist (JfErrorCode  code,
                                    const char  *field,
                                    const char  *format,
                                    va_list      args) G_GNUC_PRINTF (3, 0);

static GError *
jf_error_new_valist (JfErrorCode  code,
                     const char  *field,
                     const char  *format,
                     va_list      args)
{
  GError *error = g_error_new_valist (JF_ERROR, code, format, args);
  JfErrorPrivate *priv = jf_error_get_private (error);

  priv->field = g_strdup (field);
  return error;
}

GError *
jf_error_new (JfErrorCode  code,
              const char  *field,
              const char  *format,
              ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = jf_error_new_valist (code, field, format, args);
  va_end (args);
  return error;
}

void
jf_set_error (GError     **error,
              JfErrorCode  code,
              const char  *field,
              const char  *format,
              ...)
{
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  g_propagate_error (error, jf_error_new_valist (code, field, format, args));
  va_end (args);
}

const char *
jf_error_get_field (const GError *error)
{
  JfErrorPrivate *priv;

  if (error == NULL || error->domain != JF_ERROR)
    return NULL;
  priv = jf_error_get_private (error);
  return priv->field;
}

/* Readers of nested records report paths relative to themselves; the caller that knows
 * where the record sits prefixes it: "id_number" becomes "parties[1].id_number". */
void
jf_error_prefix_field (GError     *error,
                       const char *prefix)
{
  JfErrorPrivate *priv;
  char *joined;

  if (error == NULL || error->domain != JF_ERROR || prefix == NULL)
    return;
  priv = jf_error_get_private (error);
  if (priv->field == NULL || priv->field[0] == '\0')
    joined = g_strdup (prefix);
  else if (priv->field[0] == '[')
    joined = g_strconcat (prefix, priv->field, NULL);
  else
    joined = g_strconcat (prefix, ".", priv->field, NULL);
  g_free (priv->field);
  priv->field = joined;
}

void
jf_error_set_detail (GError   *error,
                     JsonNode *detail)
{
  JfErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == JF_ERROR);
  priv = jf_error_get_private (error);
  g_clear_pointer (&priv->detail, json_node_unref);
  priv->detail = detail != NULL ? json_node_ref (detail) : NULL;
}

JsonNode *
jf_error_get_detail (const GError *error)
{
  if (error == NULL || error->domain != JF_ERROR)
    return NULL;
  return ((JfErrorPrivate *) jf_error_get_private (error))->detail;
}

void
jf_error_set_retry_after (GError *error,
                          guint   seconds)
{
  g_return_if_fail (error != NULL && error->domain == JF_ERROR);
  ((JfErrorPrivate *) jf_error_get_private (error))->retry_after = seconds;
}

guint
jf_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != JF_ERROR)
    return 0;
  return ((JfErrorPrivate *) jf_error_get_private (error))->retry_after;
}

static const struct
{
  const char *code;
  guint status;
} codes[] = {
  [JF_ERROR_MALFORMED] = { "malformed", 400 },
  [JF_ERROR_UNAUTHENTICATED] = { "unauthenticated", 401 },
  [JF_ERROR_FORBIDDEN] = { "forbidden", 403 },
  [JF_ERROR_NOT_FOUND] = { "not_found", 404 },
  [JF_ERROR_CONFLICT] = { "conflict", 409 },
  [JF_ERROR_TOO_LARGE] = { "too_large", 413 },
  [JF_ERROR_UNSUPPORTED_MEDIA] = { "unsupported_media_type", 415 },
  [JF_ERROR_INVALID] = { "invalid", 422 },
  [JF_ERROR_REFUSED] = { "refused", 422 },
  [JF_ERROR_THROTTLED] = { "throttled", 429 },
  [JF_ERROR_UNAVAILABLE] = { "unavailable", 503 },
  [JF_ERROR_INTERNAL] = { "internal", 500 },
};

const char *
jf_error_code_to_string (JfErrorCode code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return codes[JF_ERROR_INTERNAL].code;
  return codes[code].code;
}

guint
jf_error_code_to_http_status (JfErrorCode code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return 500;
  return codes[code].status;
}
