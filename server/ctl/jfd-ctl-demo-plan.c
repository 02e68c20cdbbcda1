/* jfd-ctl-demo-plan.c: deciding what each demo matter is and what happened to it
 *
 * The mix aims at what a year of a centre looks like: most matters are disputes walked in
 * or reported by grid leaders, most are resolved low in the tree, and most older ones are
 * closed; recent ones are still open in every stage.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jfd-ctl-demo-batch.h"

#define DAY_US (G_USEC_PER_SEC * (gint64) 86400)
#define HOUR_US (G_USEC_PER_SEC * (gint64) 3600)

/* Draws an index with the given weights (which need not sum to 100). */
static guint
weighted (GRand       *rand,
          const guint *weights,
          guint        n)
{
  guint total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

#define WEIGHTED(rand, weights) weighted (rand, weights, G_N_ELEMENTS (weights))

static const guint source_weights[JF_N_SOURCES] = {
  [JF_SOURCE_WINDOW] = 30, [JF_SOURCE_GRID] = 20, [JF_SOURCE_HOTLINE] = 15,
  [JF_SOURCE_POLICE] = 10, [JF_SOURCE_COURT] = 4, [JF_SOURCE_PETITION] = 6,
  [JF_SOURCE_MOBILE_POINT] = 5, [JF_SOURCE_ONLINE] = 10,
};

static const guint category_weights[JF_N_CATEGORIES] = {
  [JF_CATEGORY_NEIGHBOR] = 22, [JF_CATEGORY_FAMILY] = 12, [JF_CATEGORY_LAND] = 8,
  [JF_CATEGORY_LABOR] = 10, [JF_CATEGORY_PROPERTY_MANAGEMENT] = 12, [JF_CATEGORY_CONSUMER] = 6,
  [JF_CATEGORY_TRAFFIC] = 5, [JF_CATEGORY_MEDICAL] = 2, [JF_CATEGORY_LAND_REQUISITION] = 3,
  [JF_CATEGORY_CONTRACT_DEBT] = 10, [JF_CATEGORY_ENVIRONMENT] = 6, [JF_CATEGORY_OTHER] = 4,
};

static JfKind
pick_kind (GRand    *rand,
           JfSource  source)
{
  guint x = (guint) g_rand_int_range (rand, 0, 100);

  switch (source)
    {
    case JF_SOURCE_PETITION:
      return JF_KIND_PETITION;
    case JF_SOURCE_POLICE:
    case JF_SOURCE_COURT:
      return JF_KIND_DISPUTE;
    case JF_SOURCE_GRID:
      return x < 40 ? JF_KIND_GRID_EVENT : JF_KIND_DISPUTE;
    case JF_SOURCE_HOTLINE:
      return x < 70 ? JF_KIND_REQUEST : JF_KIND_DISPUTE;
    case JF_SOURCE_ONLINE:
      return x < 60 ? JF_KIND_REQUEST : JF_KIND_DISPUTE;
    case JF_SOURCE_MOBILE_POINT:
      return x < 40 ? JF_KIND_REQUEST : JF_KIND_DISPUTE;
    default:
      return x < 25 ? JF_KIND_REQUEST : JF_KIND_DISPUTE;
    }
}

static JfdDemoUnit *
pick (GRand     *rand,
      GPtrArray *units)
{
  return g_ptr_array_index (units, g_rand_int_range (rand, 0, (gint32) units->len));
}

/* A grid somewhere under @unit (a village's own, a township's villages', ...). */
static JfdDemoUnit *
pick_grid_under (GRand       *rand,
                 JfdDemoUnit *unit)
{
  /* A few draws down the tree; a branch without grids (none in a seeded tree) ends at
   * the unit reached. */
  while (unit->level != JF_LEVEL_GRID && unit->children->len > 0)
    unit = pick (rand, unit->children);
  return unit;
}

static void
pick_place (JfdDemoBatch *batch,
            JfdDemoPlan  *p)
{
  const JfdDemoWorld *w = batch->world;
  GRand *rand = batch->rand;
  guint x = (guint) g_rand_int_range (rand, 0, 100);
  JfLevel level;

  /* Small matters stay in the village, big ones in the township (DOMAIN.md §2). */
  switch (p->source)
    {
    case JF_SOURCE_GRID:
      level = x < 92 ? JF_LEVEL_VILLAGE : JF_LEVEL_TOWNSHIP;
      break;
    case JF_SOURCE_COURT:
      level = x < 70 ? JF_LEVEL_COUNTY : JF_LEVEL_TOWNSHIP;
      break;
    case JF_SOURCE_PETITION:
      level = x < 80 ? JF_LEVEL_COUNTY : JF_LEVEL_TOWNSHIP;
      break;
    default:
      level = x < 45 ? JF_LEVEL_VILLAGE : x < 90 ? JF_LEVEL_TOWNSHIP : x < 99 ? JF_LEVEL_COUNTY
                                                                             : JF_LEVEL_CITY;
    }
  p->owner = level == JF_LEVEL_CITY ? w->city : pick (rand, w->by_level[level]);
  p->place = pick_grid_under (rand, p->owner);
  p->registered = p->source == JF_SOURCE_GRID ? p->place : p->owner;
}

/* The status mix by age: young matters are in every stage, old ones mostly closed. */
static JfStatus
pick_status (GRand  *rand,
             gint64  age_us)
{
  static const guint fresh[JF_N_STATUSES] = { 25, 25, 5, 15, 8, 3, 15, 2, 2 };
  static const guint month[JF_N_STATUSES] = { 3, 10, 6, 15, 8, 5, 22, 27, 4 };
  static const guint quarter[JF_N_STATUSES] = { 1, 3, 6, 5, 3, 3, 10, 64, 5 };
  static const guint old[JF_N_STATUSES] = { 0, 1, 6, 1, 1, 1, 3, 81, 6 };
  const guint *weights = age_us < 3 * DAY_US ? fresh : age_us < 30 * DAY_US ? month
                         : age_us < 90 * DAY_US ? quarter : old;

  return (JfStatus) weighted (rand, weights, JF_N_STATUSES);
}

static void
add_step (JfdDemoPlan *p,
          JfdDemoStep  step)
{
  g_assert (p->n_steps < JFD_DEMO_MAX_STEPS);
  p->steps[p->n_steps++] = step;
}

/* How a matter reached a resolution: at the window, in mediation, by a whistle, or
 * through a referral. */
static void
add_resolution (GRand       *rand,
                JfdDemoPlan *p)
{
  guint x = (guint) g_rand_int_range (rand, 0, 100);

  add_step (p, STEP_ACCEPT);
  if (x < 35)
    add_step (p, STEP_ON_SPOT);
  else
    {
      add_step (p, x < 80 ? STEP_MEDIATE : x < 92 ? STEP_WHISTLE : STEP_REFER);
      add_step (p, STEP_RESOLVE);
    }
}

static void
plan_steps (GRand       *rand,
            JfdDemoPlan *p)
{
  p->n_steps = 0;
  switch (p->status)
    {
    case JF_STATUS_REGISTERED:
      break;
    case JF_STATUS_NOT_ACCEPTED:
      add_step (p, STEP_NOT_ACCEPT);
      break;
    case JF_STATUS_ACCEPTED:
      add_step (p, STEP_ACCEPT);
      break;
    case JF_STATUS_IN_MEDIATION:
      add_step (p, STEP_ACCEPT);
      add_step (p, STEP_MEDIATE);
      break;
    case JF_STATUS_DISPATCHED:
      add_step (p, STEP_ACCEPT);
      if (g_rand_boolean (rand))
        add_step (p, STEP_MEDIATE);
      add_step (p, STEP_WHISTLE);
      break;
    case JF_STATUS_REFERRED:
      add_step (p, STEP_ACCEPT);
      add_step (p, STEP_REFER);
      break;
    case JF_STATUS_RESOLVED:
      add_resolution (rand, p);
      break;
    case JF_STATUS_CLOSED:
      add_resolution (rand, p);
      add_step (p, STEP_FOLLOW_UP);
      add_step (p, STEP_CLOSE);
      break;
    case JF_STATUS_WITHDRAWN:
    default:
      add_step (p, STEP_ACCEPT);
      if (g_rand_boolean (rand))
        add_step (p, STEP_MEDIATE);
      add_step (p, STEP_WITHDRAW);
      break;
    }
}

/* How long after the previous step each step comes, in seconds. */
static gint64
step_delay (GRand       *rand,
            JfdDemoStep  step,
            JfdDemoStep  previous)
{
  static const struct { gint32 min, max; } delays[] = {
    [STEP_ACCEPT] = { 600, 86400 },
    [STEP_NOT_ACCEPT] = { 3600, 2 * 86400 },
    [STEP_ON_SPOT] = { 600, 5400 },
    [STEP_MEDIATE] = { 86400, 5 * 86400 },
    [STEP_WHISTLE] = { 86400, 3 * 86400 },
    [STEP_REFER] = { 86400, 7 * 86400 },
    [STEP_RESOLVE] = { 86400, 25 * 86400 },
    [STEP_FOLLOW_UP] = { 2 * 86400, 7 * 86400 },
    [STEP_CLOSE] = { 3600, 2 * 86400 },
    [STEP_WITHDRAW] = { 86400, 10 * 86400 },
  };
  gint32 min = delays[step].min, max = delays[step].max;

  if (step == STEP_RESOLVE && previous == STEP_WHISTLE)
    min = 2 * 86400, max = 10 * 86400;
  else if (step == STEP_RESOLVE && previous == STEP_REFER)
    min = 10 * 86400, max = 30 * 86400;
  return (gint64) g_rand_int_range (rand, min, max) * G_USEC_PER_SEC;
}

static void
plan_times (GRand        *rand,
            JfdDemoPlan  *p,
            gint64        now_us)
{
  gint64 total;

  p->at[0] = p->created_us;
  for (guint i = 0; i < p->n_steps; i++)
    p->at[i + 1] = p->at[i] + step_delay (rand, p->steps[i], i > 0 ? p->steps[i - 1] : STEP_ACCEPT);
  /* Whatever happened, happened before now: squeeze a young matter's steps into its
   * life so far, keeping their order and proportions. */
  total = p->at[p->n_steps] - p->at[0];
  if (p->n_steps > 0 && p->at[p->n_steps] > now_us - 60 * G_USEC_PER_SEC)
    {
      double scale = (double) (now_us - 60 * G_USEC_PER_SEC - p->at[0]) / (double) total;

      for (guint i = 1; i <= p->n_steps; i++)
        p->at[i] = p->at[0] + (gint64) ((double) (p->at[i] - p->at[0]) * scale) + i;
    }
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  const JfdDemoPlan *pa = a, *pb = b;

  return pa->created_us < pb->created_us ? -1 : pa->created_us > pb->created_us;
}

void
jfd_demo_plan_batch (JfdDemoBatch *batch,
                     guint         n)
{
  const JfdDemoWorld *w = batch->world;
  GRand *rand = batch->rand;
  /* Leave a matter at least ten minutes of life, so that its steps have room. */
  gint64 span = w->end_us - 10 * 60 * G_USEC_PER_SEC - w->start_us;

  for (guint i = 0; i < n; i++)
    {
      JfdDemoPlan *p = &batch->plans[i];
      gint64 day, t;

      memset (p, 0, sizeof *p);
      /* A day (start_us is a midnight in CST), then a time in office hours (08:00–18:00),
       * unless that is the future. */
      day = w->start_us + (gint64) (g_rand_double (rand) * (double) span) / DAY_US * DAY_US;
      t = day + 8 * HOUR_US + (gint64) (g_rand_double (rand) * 10.0 * (double) HOUR_US);
      /* Later today has not happened yet: the same hour a day earlier has. */
      if (t > w->end_us - 10 * 60 * G_USEC_PER_SEC)
        t -= DAY_US;
      p->created_us = MAX (t, w->start_us);
      p->source = (JfSource) WEIGHTED (rand, source_weights);
      p->kind = pick_kind (rand, p->source);
      p->category = (JfCategory) WEIGHTED (rand, category_weights);
      pick_place (batch, p);
      p->status = pick_status (rand, w->end_us - p->created_us);
      p->urgent = g_rand_int_range (rand, 0, 100) < 20;
      plan_steps (rand, p);
      plan_times (rand, p, w->end_us);
    }
  qsort (batch->plans, n, sizeof (JfdDemoPlan), compare_created);
}

gint64
jfd_demo_plan_step_at (const JfdDemoPlan *plan,
                       JfdDemoStep        step)
{
  for (guint i = 0; i < plan->n_steps; i++)
    if (plan->steps[i] == step)
      return plan->at[i + 1];
  return 0;
}
