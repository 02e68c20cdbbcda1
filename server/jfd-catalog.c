/* jfd-catalog.c: loading the reference data and looking it up */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jfd-catalog.h"
#include "jfd-pq.h"

struct _JfdCatalog
{
  gatomicrefcount ref;
  GPtrArray  *orgs;          /* JfdOrgUnit *, owned */
  GHashTable *orgs_by_code;  /* borrowed values */
  GHashTable *orgs_by_id;
  GPtrArray  *departments;   /* JfdDepartment *, owned */
  GHashTable *departments_by_code;
  GHashTable *departments_by_id;
  GPtrArray  *categories;    /* JfdCategory *, owned */
  GHashTable *categories_by_slug;
  GPtrArray  *rules;         /* JfdRule *, owned */
  JfCalendar *calendar;      /* owned; never changed after loading */
};

static void
org_free (JfdOrgUnit *org)
{
  g_free (org->code);
  g_free (org->name);
  g_free (org);
}

static void
department_free (JfdDepartment *d)
{
  g_free (d->code);
  g_free (d->kind);
  g_free (d->name);
  g_free (d);
}

static void
category_free (JfdCategory *c)
{
  g_free (c->slug);
  g_free (c->name_zh);
  g_free (c->name_en);
  g_free (c);
}

static void
rule_free (JfdRule *r)
{
  g_free (r->stage);
  g_free (r->kind);
  g_free (r->category);
  g_free (r);
}

static int
int_at (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : atoi (PQgetvalue (res, row, col));
}

static char *
str_at (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static PGresult *
query (PGconn      *conn,
       const char  *sql,
       GError     **error)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);

  if (!jfd_pq_result_ok (conn, res, "loading the catalog", error))
    return NULL;
  return g_steal_pointer (&res);
}

static gboolean
load_orgs (JfdCatalog  *self,
           PGconn      *conn,
           GError     **error)
{
  g_autoptr(PGresult) res = query (conn,
    "SELECT id, code, name, level, parent_id, county_id, township_id, village_id, population "
    "FROM jf.org_units ORDER BY code", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      JfdOrgUnit *org = g_new0 (JfdOrgUnit, 1);

      org->id = int_at (res, i, 0);
      org->code = str_at (res, i, 1);
      org->name = str_at (res, i, 2);
      jf_level_from_string (PQgetvalue (res, i, 3), &org->level);
      org->parent_id = int_at (res, i, 4);
      org->county_id = int_at (res, i, 5);
      org->township_id = int_at (res, i, 6);
      org->village_id = int_at (res, i, 7);
      org->population = int_at (res, i, 8);
      g_ptr_array_add (self->orgs, org);
      g_hash_table_insert (self->orgs_by_code, org->code, org);
      g_hash_table_insert (self->orgs_by_id, GINT_TO_POINTER (org->id), org);
    }
  return TRUE;
}

static gboolean
load_departments (JfdCatalog  *self,
                  PGconn      *conn,
                  GError     **error)
{
  g_autoptr(PGresult) res = query (conn,
    "SELECT id, code, kind, name, county_id, serves_org_id, active "
    "FROM jf.departments ORDER BY code", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      JfdDepartment *d = g_new0 (JfdDepartment, 1);

      d->id = int_at (res, i, 0);
      d->code = str_at (res, i, 1);
      d->kind = str_at (res, i, 2);
      d->name = str_at (res, i, 3);
      d->county_id = int_at (res, i, 4);
      d->serves_org_id = int_at (res, i, 5);
      d->active = PQgetvalue (res, i, 6)[0] == 't';
      g_ptr_array_add (self->departments, d);
      g_hash_table_insert (self->departments_by_code, d->code, d);
      g_hash_table_insert (self->departments_by_id, GINT_TO_POINTER (d->id), d);
    }
  return TRUE;
}

static gboolean
load_categories (JfdCatalog  *self,
                 PGconn      *conn,
                 GError     **error)
{
  g_autoptr(PGresult) res = query (conn,
    "SELECT slug, name_zh, name_en, active FROM jf.categories ORDER BY position, slug", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      JfdCategory *c = g_new0 (JfdCategory, 1);

      c->slug = str_at (res, i, 0);
      c->name_zh = str_at (res, i, 1);
      c->name_en = str_at (res, i, 2);
      c->active = PQgetvalue (res, i, 3)[0] == 't';
      g_ptr_array_add (self->categories, c);
      g_hash_table_insert (self->categories_by_slug, c->slug, c);
    }
  return TRUE;
}

static gboolean
load_rules (JfdCatalog  *self,
            PGconn      *conn,
            GError     **error)
{
  g_autoptr(PGresult) res = query (conn,
    "SELECT id, stage, kind, category, unit, amount, warn_minutes, roll_forward "
    "FROM jf.deadline_rules ORDER BY id", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      JfdRule *r = g_new0 (JfdRule, 1);
      JfDeadlineUnit unit = JF_DEADLINE_UNIT_NATURAL_DAYS;

      r->id = int_at (res, i, 0);
      r->stage = str_at (res, i, 1);
      r->kind = str_at (res, i, 2);
      r->category = str_at (res, i, 3);
      jf_deadline_unit_from_string (PQgetvalue (res, i, 4), &unit);
      jf_deadline_rule_init (&r->rule, unit, int_at (res, i, 5));
      r->rule.warn_before = (GTimeSpan) int_at (res, i, 6) * G_TIME_SPAN_MINUTE;
      r->rule.flags = PQgetvalue (res, i, 7)[0] == 't' ? JF_DEADLINE_ROLL_FORWARD
                                                       : JF_DEADLINE_FLAGS_NONE;
      g_ptr_array_add (self->rules, r);
    }
  return TRUE;
}

static gboolean
load_calendar (JfdCatalog  *self,
               PGconn      *conn,
               GError     **error)
{
  g_autoptr(PGresult) res = query (conn,
    "SELECT to_char(day, 'YYYY-MM-DD'), kind, name FROM jf.calendar_days ORDER BY day", error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      GDate date;
      JfDayKind kind;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, PQgetvalue (res, i, 0));
      if (!g_date_valid (&date) || !jf_day_kind_from_string (PQgetvalue (res, i, 1), &kind))
        continue;
      jf_calendar_set_day (self->calendar, &date, kind, PQgetvalue (res, i, 2));
    }
  return TRUE;
}

JfdCatalog *
jfd_catalog_load (PGconn  *conn,
                  GError **error)
{
  g_autoptr(JfdCatalog) self = g_new0 (JfdCatalog, 1);

  g_atomic_ref_count_init (&self->ref);
  self->orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) org_free);
  self->orgs_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->orgs_by_id = g_hash_table_new (NULL, NULL);
  self->departments = g_ptr_array_new_with_free_func ((GDestroyNotify) department_free);
  self->departments_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->departments_by_id = g_hash_table_new (NULL, NULL);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  self->categories_by_slug = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->calendar = jf_calendar_new ();
  if (!load_orgs (self, conn, error) || !load_departments (self, conn, error) ||
      !load_categories (self, conn, error) || !load_rules (self, conn, error) ||
      !load_calendar (self, conn, error))
    return NULL;
  return g_steal_pointer (&self);
}

JfdCatalog *
jfd_catalog_ref (JfdCatalog *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
jfd_catalog_unref (JfdCatalog *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_clear_pointer (&self->orgs_by_code, g_hash_table_unref);
  g_clear_pointer (&self->orgs_by_id, g_hash_table_unref);
  g_clear_pointer (&self->orgs, g_ptr_array_unref);
  g_clear_pointer (&self->departments_by_code, g_hash_table_unref);
  g_clear_pointer (&self->departments_by_id, g_hash_table_unref);
  g_clear_pointer (&self->departments, g_ptr_array_unref);
  g_clear_pointer (&self->categories_by_slug, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_object (&self->calendar);
  g_free (self);
}

const JfdOrgUnit *
jfd_catalog_org_by_code (JfdCatalog *self,
                         const char *code)
{
  return code != NULL ? g_hash_table_lookup (self->orgs_by_code, code) : NULL;
}

const JfdOrgUnit *
jfd_catalog_org_by_id (JfdCatalog *self,
                       int         id)
{
  return g_hash_table_lookup (self->orgs_by_id, GINT_TO_POINTER (id));
}

GPtrArray *
jfd_catalog_get_orgs (JfdCatalog *self)
{
  return self->orgs;
}

const JfdDepartment *
jfd_catalog_department_by_code (JfdCatalog *self,
                                const char *code)
{
  return code != NULL ? g_hash_table_lookup (self->departments_by_code, code) : NULL;
}

const JfdDepartment *
jfd_catalog_department_by_id (JfdCatalog *self,
                              int         id)
{
  return g_hash_table_lookup (self->departments_by_id, GINT_TO_POINTER (id));
}

GPtrArray *
jfd_catalog_get_departments (JfdCatalog *self)
{
  return self->departments;
}

const JfdCategory *
jfd_catalog_category (JfdCatalog *self,
                      const char *slug)
{
  return slug != NULL ? g_hash_table_lookup (self->categories_by_slug, slug) : NULL;
}

GPtrArray *
jfd_catalog_get_categories (JfdCatalog *self)
{
  return self->categories;
}

const JfdRule *
jfd_catalog_rule (JfdCatalog *self,
                  const char *stage,
                  const char *kind,
                  const char *category)
{
  const JfdRule *best = NULL;
  int best_score = -1;

  for (guint i = 0; i < self->rules->len; i++)
    {
      const JfdRule *r = self->rules->pdata[i];
      int score;

      if (strcmp (r->stage, stage) != 0 ||
          (r->kind != NULL && g_strcmp0 (r->kind, kind) != 0) ||
          (r->category != NULL && g_strcmp0 (r->category, category) != 0))
        continue;
      score = (r->kind != NULL ? 2 : 0) + (r->category != NULL ? 1 : 0);
      if (score > best_score)
        {
          best = r;
          best_score = score;
        }
    }
  return best;
}

JfCalendar *
jfd_catalog_get_calendar (JfdCatalog *self)
{
  return self->calendar;
}

JfDeadline *
jfd_catalog_deadline (JfdCatalog     *self,
                      const char     *stage,
                      const char     *kind,
                      const char     *category,
                      GDateTime      *start,
                      const JfdRule **out_rule)
{
  const JfdRule *rule = jfd_catalog_rule (self, stage, kind, category);

  if (out_rule != NULL)
    *out_rule = rule;
  if (rule == NULL)
    return NULL;
  /* Rules come from a CHECKed table; a failure here would be a bug, logged once. */
  return jf_deadline_compute (&rule->rule, start, self->calendar, NULL, 0, NULL);
}
