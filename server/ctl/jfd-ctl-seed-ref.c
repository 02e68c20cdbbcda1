/* jfd-ctl-seed-ref.c: categories, deadline rules, the holiday calendar and the demo
 * accounts that `jiefenctl seed` creates */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "jfd-ctl-seed-data.h"
#include "jfd-ctl-seed.h"
#include "jfd-password.h"
#include "jfd-pq.h"
#include "jiefen-schema-resources.h"

#define HOLIDAYS_RESOURCE "/org/jiefen/schema/data/cn-holidays.tsv"

static gboolean
seed_categories (PGconn  *conn,
                 GError **error)
{
  for (guint i = 0; i < jfd_seed_n_categories; i++)
    {
      const JfdSeedWord *c = &jfd_seed_categories[i];
      g_autofree char *position = g_strdup_printf ("%u", (i + 1) * 10);
      const char *values[] = { c->slug, c->name_zh, c->name_en, position };

      if (!jfd_pq_command_params (conn,
                                  "INSERT INTO jf.categories (slug, name_zh, name_en, builtin, "
                                  "                           position) "
                                  "VALUES ($1, $2, $3, true, $4::integer) "
                                  "ON CONFLICT (slug) DO NOTHING", 4, values, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
seed_rules (PGconn  *conn,
            GError **error)
{
  for (guint i = 0; i < jfd_seed_n_rules; i++)
    {
      const JfdSeedRule *r = &jfd_seed_rules[i];
      g_autofree char *amount = g_strdup_printf ("%d", r->amount);
      g_autofree char *warn = g_strdup_printf ("%d", r->warn_minutes);
      const char *values[] = { r->stage, r->kind, r->unit, amount, warn, r->description };

      if (!jfd_pq_command_params (conn,
                                  "INSERT INTO jf.deadline_rules (stage, kind, unit, amount, "
                                  "                               warn_minutes, description) "
                                  "VALUES ($1, $2, $3, $4::integer, $5::integer, $6) "
                                  "ON CONFLICT (stage, kind, category) DO NOTHING",
                                  6, values, error))
        return FALSE;
    }
  return TRUE;
}

/* The calendar as shipped (schema/data/cn-holidays.tsv): "date<TAB>off|work<TAB>name",
 * '#' comments. The database checks each field. */
static gboolean
seed_calendar (PGconn  *conn,
               GError **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (jf_schema_get_resource (),
                                                    HOLIDAYS_RESOURCE,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *values[3];

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 3)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s line %u: expected date, kind and name separated by tabs",
                       HOLIDAYS_RESOURCE, i + 1);
          return FALSE;
        }
      values[0] = fields[0];
      values[1] = fields[1];
      values[2] = fields[2];
      if (!jfd_pq_command_params (conn,
                                  "INSERT INTO jf.calendar_days (day, kind, name) "
                                  "VALUES ($1::date, $2, $3) ON CONFLICT (day) DO NOTHING",
                                  3, values, error))
        {
          g_prefix_error (error, "%s line %u: ", HOLIDAYS_RESOURCE, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
jfd_ctl_seed_reference (PGconn  *conn,
                        GError **error)
{
  return seed_categories (conn, error) && seed_rules (conn, error) &&
         seed_calendar (conn, error);
}

/* The org unit an account sits at: the demo county, its first township, or that
 * township's first grid; the city for city-level roles. */
static const char *
account_org_code (const JfdSeedAccount *a)
{
  if (g_str_equal (a->level, "city"))
    return JFD_SEED_CITY_CODE;
  if (g_str_equal (a->level, "county"))
    return JFD_SEED_DEMO_COUNTY;
  if (g_str_equal (a->level, "township"))
    return JFD_SEED_DEMO_COUNTY "001";
  return JFD_SEED_DEMO_COUNTY "001001001";
}

gboolean
jfd_ctl_seed_accounts (PGconn     *conn,
                       GPtrArray  *passwords,
                       GError    **error)
{
  for (guint i = 0; i < jfd_seed_n_accounts; i++)
    {
      const JfdSeedAccount *a = &jfd_seed_accounts[i];
      const char *org = account_org_code (a);
      g_autofree char *password = jfd_password_generate ();
      g_autofree char *hash = jfd_password_hash (password, error);
      g_autofree char *roles = g_strdup_printf ("{%s}", a->role);
      g_autofree char *department = a->department != NULL
        ? g_strdup_printf ("%s-%s", JFD_SEED_DEMO_COUNTY, a->department) : NULL;
      const char *values[] = { a->username, a->display_name, hash, roles, org, department };

      if (hash == NULL)
        return FALSE;
      /* The audit row is written in the same statement: an account never exists without
       * the record of its creation. */
      if (!jfd_pq_command_params (conn,
                                  "WITH o AS (SELECT id FROM jf.org_units WHERE code = $5), "
                                  "a AS ("
                                  "  INSERT INTO jf.accounts (username, display_name, "
                                  "                           password_hash, roles, org_id, "
                                  "                           department_id) "
                                  "  SELECT $1, $2, $3, $4::text[], o.id, "
                                  "         (SELECT id FROM jf.departments WHERE code = $6) "
                                  "  FROM o RETURNING id, org_id, roles) "
                                  "INSERT INTO jf.audit_log (actor_id, org_id, action, target, "
                                  "                          data) "
                                  "SELECT NULL, a.org_id, 'account.created', $1, "
                                  "       jsonb_build_object ('roles', a.roles, 'org', $5::text, "
                                  "                           'department', $6::text, "
                                  "                           'by', 'jiefenctl seed') "
                                  "FROM a", 6, values, error))
        return FALSE;
      g_ptr_array_add (passwords, g_strdup_printf ("%s\t%s\t%s\t%s", a->username, a->role, org,
                                                   password));
    }
  return TRUE;
}
