/* jfd-ctl-demo-world.c: the organisation, accounts, departments, rules and calendar that
 * demo matters are generated in, read once from the database */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "jf-error.h"
#include "jfd-ctl-demo.h"
#include "jfd-ctl-seed-data.h"
#include "jfd-pq.h"

static void
department_free (JfdDemoDepartment *department)
{
  g_free (department->name);
  g_free (department->kind);
  g_free (department);
}

static void
unit_free (JfdDemoUnit *unit)
{
  g_free (unit->code);
  g_free (unit->name);
  g_ptr_array_unref (unit->children);
  g_free (unit);
}

void
jfd_demo_world_free (JfdDemoWorld *world)
{
  if (world == NULL)
    return;
  for (guint l = 0; l < JF_N_LEVELS; l++)
    g_clear_pointer (&world->by_level[l], g_ptr_array_unref);
  g_clear_pointer (&world->units, g_ptr_array_unref);
  g_clear_pointer (&world->departments, g_hash_table_unref);
  g_clear_pointer (&world->rules, g_hash_table_unref);
  g_clear_pointer (&world->petition_rules, g_hash_table_unref);
  g_clear_object (&world->calendar);
  g_free (world);
}

static gboolean
load_units (JfdDemoWorld  *world,
            PGconn        *conn,
            GError       **error)
{
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Parents before children: codes grow by three digits a level. */
  rows = jfd_pq_exec (conn,
                      "SELECT id, code, level, name, parent_id FROM jf.org_units "
                      "ORDER BY length (code), code", error);
  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      JfdDemoUnit *u = g_new0 (JfdDemoUnit, 1);

      u->id = g_ascii_strtoll (PQgetvalue (rows, i, 0), NULL, 10);
      u->code = g_strdup (PQgetvalue (rows, i, 1));
      if (!jf_level_from_string (PQgetvalue (rows, i, 2), &u->level))
        u->level = JF_LEVEL_GRID;
      u->name = g_strdup (PQgetvalue (rows, i, 3));
      u->children = g_ptr_array_new ();
      g_ptr_array_add (world->units, u);
      g_hash_table_insert (by_id, &u->id, u);
      if (!PQgetisnull (rows, i, 4))
        {
          gint64 parent_id = g_ascii_strtoll (PQgetvalue (rows, i, 4), NULL, 10);

          u->parent = g_hash_table_lookup (by_id, &parent_id);
          if (u->parent != NULL)
            g_ptr_array_add (u->parent->children, u);
        }
      u->county = u->level == JF_LEVEL_COUNTY ? u : u->parent != NULL ? u->parent->county : NULL;
      if (u->level == JF_LEVEL_CITY && g_str_equal (u->code, JFD_SEED_CITY_CODE))
        world->city = u;
      g_ptr_array_add (world->by_level[u->level], u);
    }
  /* Every matter needs a place down to a grid: a village without grids is skipped when
   * places are drawn, but there must be some. */
  if (world->city == NULL || world->by_level[JF_LEVEL_GRID]->len == 0)
    {
      g_set_error (error, JF_ERROR, JF_ERROR_NOT_FOUND,
                   "the organisation is not seeded (no city %s or no grids): run "
                   "“jiefenctl seed” first", JFD_SEED_CITY_CODE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_accounts (JfdDemoWorld  *world,
               PGconn        *conn,
               GError       **error)
{
  g_autoptr(PGresult) rows = NULL;

  /* The first active account holding each role, preferring the seeded demo accounts
   * (which sit in one county). */
  rows = jfd_pq_exec (conn,
                      "SELECT DISTINCT ON (r) r, id FROM jf.accounts, unnest (roles) AS r "
                      "WHERE NOT disabled ORDER BY r, id", error);
  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      JfRole role;

      if (jf_role_from_string (PQgetvalue (rows, i, 0), &role))
        world->accounts[role] = g_ascii_strtoll (PQgetvalue (rows, i, 1), NULL, 10);
    }
  if (world->accounts[JF_ROLE_RECEPTION] == 0 || world->accounts[JF_ROLE_MEDIATOR] == 0)
    {
      g_set_error (error, JF_ERROR, JF_ERROR_NOT_FOUND,
                   "demo matters need an active reception and mediator account: run "
                   "“jiefenctl seed” first");
      return FALSE;
    }
  /* Roles without an account of their own act through reception. */
  for (guint r = 0; r < JF_N_ROLES; r++)
    if (world->accounts[r] == 0)
      world->accounts[r] = world->accounts[JF_ROLE_RECEPTION];
  return TRUE;
}

static gboolean
load_departments (JfdDemoWorld  *world,
                  PGconn        *conn,
                  GError       **error)
{
  g_autoptr(PGresult) rows = jfd_pq_exec (conn,
                                          "SELECT code, id, name, kind FROM jf.departments "
                                          "WHERE serves_org_id IS NULL AND active", error);

  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      JfdDemoDepartment *d = g_new0 (JfdDemoDepartment, 1);

      d->id = g_ascii_strtoll (PQgetvalue (rows, i, 1), NULL, 10);
      d->name = g_strdup (PQgetvalue (rows, i, 2));
      d->kind = g_strdup (PQgetvalue (rows, i, 3));
      g_hash_table_insert (world->departments, g_strdup (PQgetvalue (rows, i, 0)), d);
    }
  return TRUE;
}

static gboolean
load_rules (JfdDemoWorld  *world,
            PGconn        *conn,
            GError       **error)
{
  g_autoptr(PGresult) rows = jfd_pq_exec (conn,
                                          "SELECT id, stage, kind, unit, amount, warn_minutes, "
                                          "       roll_forward "
                                          "FROM jf.deadline_rules WHERE category IS NULL "
                                          "  AND (kind IS NULL OR kind = 'petition')", error);

  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      JfdDemoRule *rule = g_new0 (JfdDemoRule, 1);
      JfDeadlineUnit unit;
      GHashTable *table = PQgetisnull (rows, i, 2) ? world->rules : world->petition_rules;

      if (!jf_deadline_unit_from_string (PQgetvalue (rows, i, 3), &unit))
        {
          g_free (rule);
          continue;
        }
      rule->id = g_ascii_strtoll (PQgetvalue (rows, i, 0), NULL, 10);
      jf_deadline_rule_init (&rule->rule, unit, atoi (PQgetvalue (rows, i, 4)));
      rule->rule.warn_before = (GTimeSpan) atoi (PQgetvalue (rows, i, 5)) * G_TIME_SPAN_MINUTE;
      if (g_str_equal (PQgetvalue (rows, i, 6), "f"))
        rule->rule.flags &= ~JF_DEADLINE_ROLL_FORWARD;
      g_hash_table_insert (table, g_strdup (PQgetvalue (rows, i, 1)), rule);
    }
  return TRUE;
}

static gboolean
load_calendar (JfdDemoWorld  *world,
               PGconn        *conn,
               GError       **error)
{
  g_autoptr(PGresult) rows = jfd_pq_exec (conn, "SELECT day, kind, name FROM jf.calendar_days",
                                          error);

  if (rows == NULL)
    return FALSE;
  world->calendar = jf_calendar_new ();
  for (int i = 0; i < PQntuples (rows); i++)
    {
      GDate date;
      JfDayKind kind;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, PQgetvalue (rows, i, 0));
      if (g_date_valid (&date) && jf_day_kind_from_string (PQgetvalue (rows, i, 1), &kind))
        jf_calendar_set_day (world->calendar, &date, kind, PQgetvalue (rows, i, 2));
    }
  return TRUE;
}

JfdDemoWorld *
jfd_demo_world_load (PGconn     *conn,
                     JfdCrypto  *crypto,
                     GError    **error)
{
  g_autoptr(JfdDemoWorld) world = g_new0 (JfdDemoWorld, 1);
  g_autoptr(GDateTime) start = NULL;

  world->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  for (guint l = 0; l < JF_N_LEVELS; l++)
    world->by_level[l] = g_ptr_array_new ();
  world->departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) department_free);
  world->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  world->petition_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  world->crypto = crypto;
  start = g_date_time_new (jf_calendar_time_zone (), 2025, 1, 1, 0, 0, 0);
  world->start_us = g_date_time_to_unix (start) * G_USEC_PER_SEC;
  world->end_us = g_get_real_time ();
  if (!load_units (world, conn, error) || !load_accounts (world, conn, error) ||
      !load_departments (world, conn, error) || !load_rules (world, conn, error) ||
      !load_calendar (world, conn, error))
    return NULL;
  return g_steal_pointer (&world);
}

const JfdDemoRule *
jfd_demo_world_rule (const JfdDemoWorld *world,
                     JfKind              kind,
                     const char         *stage)
{
  const JfdDemoRule *rule = NULL;

  if (kind == JF_KIND_PETITION)
    rule = g_hash_table_lookup (world->petition_rules, stage);
  return rule != NULL ? rule : g_hash_table_lookup (world->rules, stage);
}
