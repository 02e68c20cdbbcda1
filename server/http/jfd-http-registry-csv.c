/* jfd-http-registry-csv.c: POST /v1/{people,places,organisations}/import and
 * GET /v1/{people,places,organisations}/export (text/csv)
 *
 * A file with bad rows is answered 422 with every error, by row and column:
 * {"error": {"code": "invalid", …}, "errors": [{"row", "column", "message"}, …]}.
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jfd-engine-registry.h"
#include "jfd-http.h"

static gboolean
is_csv (const char *type)
{
  g_autofree char *media = NULL;
  const char *semicolon;
  const char *charset;

  if (type == NULL)
    return FALSE;
  semicolon = strchr (type, ';');
  media = g_ascii_strdown (type, semicolon != NULL ? semicolon - type : -1);
  g_strstrip (media);
  if (g_strcmp0 (media, "text/csv") != 0 && g_strcmp0 (media, "application/csv") != 0)
    return FALSE;
  charset = strstr (type, "charset=");
  return charset == NULL || g_ascii_strncasecmp (charset + 8, "utf-8", 5) == 0 ||
         g_ascii_strncasecmp (charset + 8, "\"utf-8\"", 7) == 0;
}

/* The error document, with the rows' errors beside it rather than in "current". */
static void
reply_rows (JfdRequest   *request,
            const GError *error)
{
  JsonNode *detail = jf_error_get_detail (error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, jf_error_code_to_string (error->code));
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, error->message);
  json_builder_set_member_name (b, "field");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "request_id");
  json_builder_add_string_value (b, jfd_request_get_id (request));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "errors");
  json_builder_add_value (b, json_node_copy (json_object_get_member (json_node_get_object (detail),
                                                                     "errors")));
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  jfd_request_respond_json (request, jf_error_code_to_http_status (error->code), node);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfdRequest) request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = jfd_engine_finish (JFD_ENGINE (source), result, &error);
  JsonNode *detail = error != NULL && error->domain == JF_ERROR ? jf_error_get_detail (error)
                                                                 : NULL;

  if (detail != NULL && JSON_NODE_HOLDS_OBJECT (detail) &&
      json_object_has_member (json_node_get_object (detail), "errors"))
    {
      reply_rows (request, error);
      return;
    }
  jfd_http_reply (request, 200, node, error);
}

static void
import (JfdRequest      *request,
        JfdRegistryKind  kind)
{
  static const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;

  if (!jfd_request_check_query (request, none, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (!is_csv (jfd_request_get_header (request, "Content-Type")))
    {
      jf_set_error (&error, JF_ERROR_UNSUPPORTED_MEDIA, NULL,
                    "The body must be text/csv in UTF-8");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_engine_registry_import_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), kind,
                                    jfd_request_get_raw_body (request),
                                    jfd_request_get_cancellable (request), imported_cb,
                                    jfd_request_ref (request));
}

void
jfd_http_people_import (JfdRequest *request)
{
  import (request, JFD_REGISTRY_PEOPLE);
}

void
jfd_http_places_import (JfdRequest *request)
{
  import (request, JFD_REGISTRY_PLACES);
}

void
jfd_http_organisations_import (JfdRequest *request)
{
  import (request, JFD_REGISTRY_ORGANISATIONS);
}

static const char * const dispositions[] = {
  "attachment; filename=\"people.csv\"",
  "attachment; filename=\"places.csv\"",
  "attachment; filename=\"organisations.csv\"",
};

typedef struct
{
  JfdRequest      *request;  /* owned */
  JfdRegistryKind  kind;
} Export;

static void
export_free (Export *ex)
{
  jfd_request_unref (ex->request);
  g_free (ex);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(Export) ex = data;
  JfdRequest *request = ex->request;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = jfd_engine_registry_export_finish (JFD_ENGINE (source), result,
                                                               &error);

  if (file == NULL)
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  jfd_request_add_header (request, "Content-Disposition", dispositions[ex->kind]);
  jfd_request_respond_text (request, 200, "text/csv; charset=utf-8", file);
}

/* People take org and reveal, places org (their lists' scope); organisations, public
 * record, nothing. */
static void
export (JfdRequest      *request,
        JfdRegistryKind  kind)
{
  static const char * const people[] = { "org", "reveal", NULL };
  static const char * const places[] = { "org", NULL };
  static const char * const none[] = { NULL };
  const char * const *allowed = kind == JFD_REGISTRY_PEOPLE ? people
                                : kind == JFD_REGISTRY_PLACES ? places : none;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  const char *reveal;
  Export *ex;

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  reveal = jfd_request_get_query (request, "reveal");
  if (reveal != NULL && g_strcmp0 (reveal, "true") != 0)
    {
      jf_set_error (&error, JF_ERROR_INVALID, "reveal", "reveal takes only “true”");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (jfd_request_get_query (request, "org") != NULL)
    g_hash_table_insert (query, (gpointer) "org", (gpointer) jfd_request_get_query (request,
                                                                                    "org"));
  ex = g_new0 (Export, 1);
  ex->request = jfd_request_ref (request);
  ex->kind = kind;
  jfd_engine_registry_export_async (jfd_request_get_engine (request),
                                    jfd_request_get_actor (request), kind, query,
                                    reveal != NULL, jfd_request_get_cancellable (request),
                                    exported_cb, ex);
}

void
jfd_http_people_export (JfdRequest *request)
{
  export (request, JFD_REGISTRY_PEOPLE);
}

void
jfd_http_places_export (JfdRequest *request)
{
  export (request, JFD_REGISTRY_PLACES);
}

void
jfd_http_organisations_export (JfdRequest *request)
{
  export (request, JFD_REGISTRY_ORGANISATIONS);
}
