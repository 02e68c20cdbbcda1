/* jfd-http-catalog.c: the reference data, served from memory
 *
 * /v1/org-units (search by part of a name, or list a unit's children), /v1/org-units/{code},
 * /v1/departments, /v1/categories. Org units are named by their administrative code.
 */
#include "config.h"

#include <string.h>

#include "jf-error.h"
#include "jfd-catalog.h"
#include "jfd-http.h"
#include "jfd-server.h"

#define MAX_UNITS 500

static JfdCatalog *
catalog_of (JfdRequest *request)
{
  return jfd_shared_get_catalog (jfd_server_get_shared (jfd_request_get_server (request)));
}

static void
add_org (JsonBuilder      *b,
         JfdCatalog       *catalog,
         const JfdOrgUnit *org,
         const char       *path)
{
  const JfdOrgUnit *parent = jfd_catalog_org_by_id (catalog, org->parent_id);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, org->code);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, org->name);
  json_builder_set_member_name (b, "level");
  json_builder_add_string_value (b, jf_level_to_string (org->level));
  json_builder_set_member_name (b, "parent");
  if (parent != NULL)
    json_builder_add_string_value (b, parent->code);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "population");
  json_builder_add_int_value (b, org->population);
  if (path != NULL)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
    }
  json_builder_end_object (b);
}

/* "龙山区 › 东吉街道 › 福镇社区": how a clerk recognises a unit among namesakes. */
static char *
org_path (JfdCatalog       *catalog,
          const JfdOrgUnit *org)
{
  g_autoptr(GString) path = g_string_new (org->name);

  for (const JfdOrgUnit *p = jfd_catalog_org_by_id (catalog, org->parent_id);
       p != NULL && p->level != JF_LEVEL_CITY;
       p = jfd_catalog_org_by_id (catalog, p->parent_id))
    {
      g_string_prepend (path, " › ");
      g_string_prepend (path, p->name);
    }
  return g_string_free (g_steal_pointer (&path), FALSE);
}

void
jfd_http_org_units_list (JfdRequest *request)
{
  static const char * const allowed[] = { "q", "parent", "level", NULL };
  g_autoptr(JfdCatalog) catalog = catalog_of (request);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *q = jfd_request_get_query (request, "q");
  const char *parent_code = jfd_request_get_query (request, "parent");
  const char *level_text = jfd_request_get_query (request, "level");
  const JfdOrgUnit *parent = NULL;
  JfLevel level = JF_N_LEVELS;
  GPtrArray *orgs = jfd_catalog_get_orgs (catalog);
  guint n = 0;

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (parent_code != NULL && (parent = jfd_catalog_org_by_code (catalog, parent_code)) == NULL)
    {
      jf_set_error (&error, JF_ERROR_INVALID, "parent", "There is no unit “%s”", parent_code);
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (level_text != NULL && !jf_level_from_string (level_text, &level))
    {
      jf_set_error (&error, JF_ERROR_INVALID, "level", "“%s” is not a level", level_text);
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (q != NULL && (!g_utf8_validate (q, -1, NULL) || g_utf8_strlen (q, -1) > 20))
    {
      jf_set_error (&error, JF_ERROR_INVALID, "q", "Search for 1 to 20 characters");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < orgs->len && n < MAX_UNITS; i++)
    {
      const JfdOrgUnit *org = orgs->pdata[i];
      g_autofree char *path = NULL;

      if ((parent != NULL && org->parent_id != parent->id) ||
          (level != JF_N_LEVELS && org->level != level) ||
          (q != NULL && strstr (org->name, q) == NULL && !g_str_has_prefix (org->code, q)))
        continue;
      path = org_path (catalog, org);
      add_org (b, catalog, org, path);
      n++;
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  jfd_http_reply (request, 200, root, NULL);
}

void
jfd_http_org_units_get (JfdRequest *request)
{
  g_autoptr(JfdCatalog) catalog = catalog_of (request);
  const JfdOrgUnit *org = jfd_catalog_org_by_code (catalog, jfd_request_get_param (request, 0));
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (org == NULL)
    {
      jf_set_error (&error, JF_ERROR_NOT_FOUND, NULL, "There is no such unit");
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  {
    g_autofree char *path = org_path (catalog, org);
    add_org (b, catalog, org, path);
  }
  root = json_builder_get_root (b);
  jfd_http_reply (request, 200, root, NULL);
}

void
jfd_http_departments_list (JfdRequest *request)
{
  static const char * const allowed[] = { "county", "kind", NULL };
  g_autoptr(JfdCatalog) catalog = catalog_of (request);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *county_code = jfd_request_get_query (request, "county");
  const char *kind = jfd_request_get_query (request, "kind");
  const JfdOrgUnit *county = NULL;
  GPtrArray *departments = jfd_catalog_get_departments (catalog);

  if (!jfd_request_check_query (request, allowed, &error))
    {
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  if (county_code != NULL && ((county = jfd_catalog_org_by_code (catalog, county_code)) == NULL ||
                              county->level != JF_LEVEL_COUNTY))
    {
      jf_set_error (&error, JF_ERROR_INVALID, "county", "There is no county “%s”", county_code);
      jfd_http_reply (request, 0, NULL, error);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < departments->len; i++)
    {
      const JfdDepartment *d = departments->pdata[i];
      const JfdOrgUnit *serves = jfd_catalog_org_by_id (catalog, d->serves_org_id);
      const JfdOrgUnit *home = jfd_catalog_org_by_id (catalog, d->county_id);

      if ((county != NULL && d->county_id != county->id) ||
          (kind != NULL && g_strcmp0 (kind, d->kind) != 0))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, d->code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, d->kind);
      json_builder_set_member_name (b, "county");
      json_builder_add_string_value (b, home != NULL ? home->code : "");
      json_builder_set_member_name (b, "serves");
      if (serves != NULL)
        json_builder_add_string_value (b, serves->code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, d->active);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  jfd_http_reply (request, 200, root, NULL);
}

void
jfd_http_categories_list (JfdRequest *request)
{
  g_autoptr(JfdCatalog) catalog = catalog_of (request);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *categories = jfd_catalog_get_categories (catalog);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < categories->len; i++)
    {
      const JfdCategory *c = categories->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "slug");
      json_builder_add_string_value (b, c->slug);
      json_builder_set_member_name (b, "name_zh");
      json_builder_add_string_value (b, c->name_zh);
      json_builder_set_member_name (b, "name_en");
      json_builder_add_string_value (b, c->name_en);
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, c->active);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  jfd_http_reply (request, 200, root, NULL);
}
