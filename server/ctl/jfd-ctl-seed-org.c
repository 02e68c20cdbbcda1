/* jfd-ctl-seed-org.c: Liaoyuan's organisation tree and its departments
 *
 * The tree is generated deterministically (a fixed random seed), so that every seeded
 * database has the same villages with the same codes, names and populations.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-copy.h"
#include "jfd-ctl-seed-data.h"
#include "jfd-ctl-seed.h"
#include "jfd-pq.h"

#define TREE_SEED 220400

/* Moves random entries of @counts, within [@min, @max], until they sum to @target. */
static void
adjust_to_sum (guint  *counts,
               guint   n,
               guint   target,
               guint   min,
               guint   max,
               GRand  *rand)
{
  guint sum = 0;

  for (guint i = 0; i < n; i++)
    sum += counts[i];
  g_assert (n * min <= target && target <= n * max);
  while (sum != target)
    {
      guint i = g_rand_int_range (rand, 0, n);

      if (sum < target && counts[i] < max)
        counts[i]++, sum++;
      else if (sum > target && counts[i] > min)
        counts[i]--, sum--;
    }
}

typedef struct
{
  JfdCtlCopy *copy;
  gint64     *ids;       /* reserved from the sequence, in order of use */
  guint       next_id;
} TreeWriter;

/* Ids and populations: a negative or zero id, or a negative population, is NULL. */
static void
copy_id (JfdCtlCopy *copy,
         gint64      value)
{
  if (value >= 0)
    jfd_ctl_copy_int (copy, value);
  else
    jfd_ctl_copy_null (copy);
}

static gint64
add_unit (TreeWriter  *w,
          const char  *code,
          const char  *level,
          const char  *name,
          gint64       parent,
          gint64       county,
          gint64       township,
          gint64       village,
          gint64       population,
          GError     **error)
{
  gint64 id = w->ids[w->next_id++];

  parent = parent > 0 ? parent : -1;
  county = county > 0 ? county : -1;
  township = township > 0 ? township : -1;
  village = village > 0 ? village : -1;

  /* A unit is its own ancestor at its level (the CHECKs of 0001 insist). */
  if (g_str_equal (level, "county"))
    county = id;
  else if (g_str_equal (level, "township"))
    township = id;
  else if (g_str_equal (level, "village"))
    village = id;

  jfd_ctl_copy_int (w->copy, id);
  jfd_ctl_copy_text (w->copy, code);
  jfd_ctl_copy_text (w->copy, level);
  jfd_ctl_copy_text (w->copy, name);
  copy_id (w->copy, parent);
  copy_id (w->copy, county);
  copy_id (w->copy, township);
  copy_id (w->copy, village);
  copy_id (w->copy, population);
  return jfd_ctl_copy_end_row (w->copy, error) ? id : -1;
}

static gboolean
is_subdistrict (const char *township_name)
{
  return g_str_has_suffix (township_name, "街道");
}

/* Per township, how many villages; per village, how many grids; each village's
 * population. All drawn here, before any row is written, so that the parents'
 * populations (sums) are known when they are written. */
typedef struct
{
  guint  villages[JFD_SEED_N_TOWNSHIPS];
  guint  grids[JFD_SEED_N_VILLAGES];
  guint  population[JFD_SEED_N_VILLAGES];
  gboolean community[JFD_SEED_N_VILLAGES];
} TreePlan;

static void
plan_tree (TreePlan *plan,
           GRand    *rand)
{
  guint t = 0, v = 0;

  for (guint c = 0; c < JFD_SEED_N_COUNTIES; c++)
    for (guint i = 0; jfd_seed_counties[c].townships[i] != NULL; i++, t++)
      plan->villages[t] = is_subdistrict (jfd_seed_counties[c].townships[i])
                          ? (guint) g_rand_int_range (rand, 6, 13)
                          : (guint) g_rand_int_range (rand, 9, 19);
  g_assert (t == JFD_SEED_N_TOWNSHIPS);
  adjust_to_sum (plan->villages, JFD_SEED_N_TOWNSHIPS, JFD_SEED_N_VILLAGES, 4, 22, rand);

  t = 0;
  for (guint c = 0; c < JFD_SEED_N_COUNTIES; c++)
    for (guint i = 0; jfd_seed_counties[c].townships[i] != NULL; i++, t++)
      for (guint j = 0; j < plan->villages[t]; j++, v++)
        {
          /* A subdistrict has communities; a town's seat has one or two as well. */
          const char *township = jfd_seed_counties[c].townships[i];

          plan->community[v] = is_subdistrict (township) ||
                               (g_str_has_suffix (township, "镇") && j < 2);
          plan->grids[v] = plan->community[v] ? (guint) g_rand_int_range (rand, 2, 5)
                                              : (guint) g_rand_int_range (rand, 1, 3);
          plan->population[v] = plan->community[v] ? (guint) g_rand_int_range (rand, 1500, 4501)
                                                   : (guint) g_rand_int_range (rand, 600, 2401);
        }
  g_assert (v == JFD_SEED_N_VILLAGES);
  adjust_to_sum (plan->grids, JFD_SEED_N_VILLAGES, JFD_SEED_N_GRIDS, 1, 4, rand);
}

static gint64 *
reserve_ids (PGconn  *conn,
             guint    n,
             GError **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *values[] = { count };
  g_autoptr(PGresult) result = NULL;
  gint64 *ids;

  result = jfd_pq_exec_params (conn,
                               "SELECT nextval (pg_get_serial_sequence ('jf.org_units', 'id')) "
                               "FROM generate_series (1, $1::integer)", 1, values, error);
  if (result == NULL)
    return NULL;
  ids = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    ids[i] = g_ascii_strtoll (PQgetvalue (result, (int) i, 0), NULL, 10);
  return ids;
}

static const char *
village_name (const TreePlan *plan,
              guint           v,
              guint           t,
              guint           j,
              char           *buf,
              gsize           size)
{
  /* Stems start at a different place in each township, and run in order within it, so
   * that no two units of one township share a name. */
  if (plan->community[v])
    g_snprintf (buf, size, "%s社区",
                jfd_seed_community_stems[(t * 7 + j) % jfd_seed_n_community_stems]);
  else
    g_snprintf (buf, size, "%s村",
                jfd_seed_village_stems[(t * 11 + j) % jfd_seed_n_village_stems]);
  return buf;
}

gboolean
jfd_ctl_seed_org_tree (PGconn  *conn,
                       GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (TREE_SEED);
  g_autofree TreePlan *plan = g_new0 (TreePlan, 1);
  g_autofree gint64 *ids = NULL;
  guint n_units = 1 + JFD_SEED_N_COUNTIES + JFD_SEED_N_TOWNSHIPS + JFD_SEED_N_VILLAGES +
                  JFD_SEED_N_GRIDS;
  guint64 county_pop[JFD_SEED_N_COUNTIES] = { 0 }, township_pop[JFD_SEED_N_TOWNSHIPS] = { 0 };
  guint64 city_pop = 0;
  TreeWriter w = { 0 };
  gint64 city;
  guint t = 0, v = 0;

  plan_tree (plan, rand);
  for (guint c = 0, tt = 0, vv = 0; c < JFD_SEED_N_COUNTIES; c++)
    for (guint i = 0; jfd_seed_counties[c].townships[i] != NULL; i++, tt++)
      for (guint j = 0; j < plan->villages[tt]; j++, vv++)
        {
          township_pop[tt] += plan->population[vv];
          county_pop[c] += plan->population[vv];
          city_pop += plan->population[vv];
        }

  ids = reserve_ids (conn, n_units, error);
  if (ids == NULL)
    return FALSE;
  w.ids = ids;
  w.copy = jfd_ctl_copy_begin (conn,
                               "COPY jf.org_units (id, code, level, name, parent_id, county_id, "
                               "township_id, village_id, population) FROM STDIN", error);
  if (w.copy == NULL)
    return FALSE;

  city = add_unit (&w, JFD_SEED_CITY_CODE, "city", JFD_SEED_CITY_NAME, 0, 0, 0, 0,
                   (gint64) city_pop, error);
  for (guint c = 0; c < JFD_SEED_N_COUNTIES && city > 0; c++)
    {
      const JfdSeedCounty *county = &jfd_seed_counties[c];
      gint64 county_id = add_unit (&w, county->code, "county", county->name, city, 0, 0, 0,
                                   (gint64) county_pop[c], error);

      for (guint i = 0; county_id > 0 && county->townships[i] != NULL; i++, t++)
        {
          g_autofree char *tcode = g_strdup_printf ("%s%03u", county->code, i + 1);
          gint64 township_id = add_unit (&w, tcode, "township", county->townships[i],
                                         county_id, county_id, 0, 0,
                                         (gint64) township_pop[t], error);

          for (guint j = 0; township_id > 0 && j < plan->villages[t]; j++, v++)
            {
              g_autofree char *vcode = g_strdup_printf ("%s%03u", tcode, j + 1);
              char name[64];
              gint64 village_id = add_unit (&w, vcode, "village",
                                            village_name (plan, v, t, j, name, sizeof name),
                                            township_id, county_id, township_id, 0,
                                            plan->population[v], error);

              for (guint g = 0; village_id > 0 && g < plan->grids[v]; g++)
                {
                  g_autofree char *gcode = g_strdup_printf ("%s%03u", vcode, g + 1);
                  g_autofree char *gname = g_strdup_printf ("第%u网格", g + 1);

                  if (add_unit (&w, gcode, "grid", gname, village_id, county_id, township_id,
                                village_id, -1, error) < 0)
                    village_id = -1;
                }
              if (village_id < 0)
                township_id = -1;
            }
          if (township_id < 0)
            county_id = -1;
        }
      if (county_id < 0)
        city = -1;
    }
  if (city < 0)
    {
      jfd_ctl_copy_abort (w.copy);
      return FALSE;
    }
  return jfd_ctl_copy_finish (w.copy, NULL, error);
}

gboolean
jfd_ctl_seed_departments (PGconn  *conn,
                          GError **error)
{
  g_autoptr(GString) county_kinds = g_string_new ("{");
  const char *values[1];

  for (guint i = 0; i < jfd_seed_n_department_kinds; i++)
    {
      const JfdSeedWord *k = &jfd_seed_department_kinds[i];
      const char *kind_values[] = { k->slug, k->name_zh, k->name_en };

      if (!jfd_pq_command_params (conn,
                                  "INSERT INTO jf.department_kinds (slug, name_zh, name_en) "
                                  "VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING",
                                  3, kind_values, error))
        return FALSE;
      if (!g_str_equal (k->slug, "police_station"))
        g_string_append_printf (county_kinds, "%s%s", county_kinds->len > 1 ? "," : "",
                                k->slug);
    }
  g_string_append_c (county_kinds, '}');
  values[0] = county_kinds->str;

  /* Each county has one department of each of the 24 kinds; police stations hang under
   * their county's public security bureau and serve one township each. */
  return jfd_pq_command_params (conn,
                                "INSERT INTO jf.departments (code, kind, name, county_id) "
                                "SELECT c.code || '-' || k.slug, k.slug, c.name || k.name_zh, "
                                "       c.id "
                                "FROM jf.org_units c CROSS JOIN jf.department_kinds k "
                                "WHERE c.level = 'county' AND k.slug = ANY ($1::text[]) "
                                "ORDER BY c.code, k.slug", 1, values, error) &&
         jfd_pq_command (conn,
                         "INSERT INTO jf.departments (code, kind, name, county_id, "
                         "                            serves_org_id, parent_id) "
                         "SELECT c.code || '-police_station-' || t.code, 'police_station', "
                         "       regexp_replace (t.name, '(满族朝鲜族乡|街道|镇|乡)$', '') "
                         "       || '派出所', c.id, t.id, ps.id "
                         "FROM jf.org_units t "
                         "JOIN jf.org_units c ON c.id = t.county_id "
                         "JOIN jf.departments ps ON ps.county_id = c.id "
                         "                      AND ps.kind = 'public_security' "
                         "WHERE t.level = 'township' ORDER BY t.code", error);
}
