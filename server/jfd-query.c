/* jfd-query.c: the parts of a filtered list's SQL */
#include "config.h"

#include "jf-error.h"
#include "jfd-query.h"

guint
jfd_query_param (GPtrArray  *params,
                 const char *value)
{
  g_ptr_array_add (params, g_strdup (value));
  return params->len;
}

void
jfd_query_and (GString    *to,
               const char *format,
               guint       n)
{
  g_autofree char *placeholder = g_strdup_printf ("$%u", n);
  g_auto(GStrv) parts = g_strsplit (format, "%s", -1);
  g_autofree char *joined = g_strjoinv (placeholder, parts);

  g_string_append (to, " AND ");
  g_string_append (to, joined);
}

const JfdStatement *
jfd_query_statement (const char *prefix,
                     const char *sql,
                     int         n_params,
                     gboolean    prepared)
{
  static GMutex lock;
  static GHashTable *statements;  /* sql → JfdStatement, kept for the process's life */
  JfdStatement *stmt;

  g_mutex_lock (&lock);
  if (statements == NULL)
    statements = g_hash_table_new (g_str_hash, g_str_equal);
  stmt = g_hash_table_lookup (statements, sql);
  if (stmt == NULL)
    {
      stmt = g_new0 (JfdStatement, 1);
      if (prepared)
        stmt->name = g_strdup_printf ("%s_%u", prefix, g_hash_table_size (statements));
      stmt->sql = g_strdup (sql);
      stmt->n_params = n_params;
      g_hash_table_insert (statements, (gpointer) stmt->sql, stmt);
    }
  g_mutex_unlock (&lock);
  return stmt;
}

const JfdOrgUnit *
jfd_query_root (JfdActor    *actor,
                JfdCatalog  *catalog,
                const char  *code,
                GError     **error)
{
  const JfdOrgUnit *root = jfd_catalog_org_by_code (catalog, code != NULL ? code
                                                    : actor->org_code);
  JfdPlace place;

  if (root == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, "org", "There is no unit “%s”", code);
      return NULL;
    }
  place.org_id = root->id;
  place.county_id = root->county_id;
  place.township_id = root->township_id;
  place.village_id = root->village_id;
  if (!jfd_actor_covers (actor, &place))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, "org", "“%s” is outside your scope", root->name);
      return NULL;
    }
  return root;
}
