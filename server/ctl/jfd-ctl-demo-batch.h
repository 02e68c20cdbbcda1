/* jfd-ctl-demo-batch.h: a batch of demo matters, shared by its planner
 * (jfd-ctl-demo-plan.c) and its row writer (jfd-ctl-demo-rows.c) */
#pragma once

#include "jfd-ctl-copy.h"
#include "jfd-ctl-demo.h"

G_BEGIN_DECLS

/* The moves of the lifecycle (common/jf-lifecycle.c) that demo matters take. */
typedef enum
{
  STEP_ACCEPT,
  STEP_NOT_ACCEPT,
  STEP_ON_SPOT,
  STEP_MEDIATE,
  STEP_WHISTLE,
  STEP_REFER,
  STEP_RESOLVE,
  STEP_FOLLOW_UP,
  STEP_CLOSE,
  STEP_WITHDRAW,
} JfdDemoStep;

#define JFD_DEMO_MAX_STEPS 5

typedef struct
{
  gint64       created_us;
  JfdDemoUnit *owner;          /* the centre that owns it: city, county, township, village */
  JfdDemoUnit *place;          /* a grid */
  JfdDemoUnit *registered;     /* the owner, or the grid for a grid report */
  JfKind       kind;
  JfCategory   category;
  JfSource     source;
  JfStatus     status;
  guint        n_steps;
  JfdDemoStep  steps[JFD_DEMO_MAX_STEPS];
  gint64       at[JFD_DEMO_MAX_STEPS + 1];  /* at[0]: registered; at[i + 1]: steps[i] */
  gboolean     urgent;         /* of its whistle, if any */
  gint64       id;
  char         number[32];
  gint64       whistle_id;     /* 0: no whistle */
  gint64       target_id;
} JfdDemoPlan;

struct _JfdDemoBatch
{
  const JfdDemoWorld *world;
  GRand              *rand;
  JfdDemoPlan        *plans;
  guint               capacity;
  JfdCtlCopy         *matters, *parties, *events, *followups, *sessions, *whistles, *targets,
                     *referrals, *petitions, *deadlines;
  guint64             n_matters, n_parties, n_events;
  gpointer            scratch;       /* jfd-ctl-demo-rows.c's reused buffers */
  GDestroyNotify      scratch_free;
};

/* Fills @batch->plans[0..n) and sorts them by time. */
void     jfd_demo_plan_batch   (JfdDemoBatch *batch,
                                guint         n);
/* The time of the step @step in @plan, or 0 if it does not take it. */
gint64   jfd_demo_plan_step_at (const JfdDemoPlan *plan,
                                JfdDemoStep        step);
/* Writes every row of @plan into the batch's COPY buffers. */
gboolean jfd_demo_write_matter (JfdDemoBatch      *batch,
                                const JfdDemoPlan *plan,
                                GError           **error);

G_END_DECLS
