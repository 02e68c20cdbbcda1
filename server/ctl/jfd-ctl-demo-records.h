/* jfd-ctl-demo-records.h: helpers shared by the writers of a demo matter's rows
 * (jfd-ctl-demo-rows.c: matter, parties, timeline, clock; jfd-ctl-demo-records.c: the
 * follow-up, mediation, whistle, referral and petition records) */
#pragma once

#include "jfd-ctl-demo-batch.h"
#include "jfd-ctl-demo-parties.h"

G_BEGIN_DECLS

/* The texts that appear both in tables and in the timeline, drawn once per matter. */
typedef struct
{
  GString        *title, *narrative, *outcome, *company, *names, *address, *json;
  const char     *not_accepted, *redirect_to, *withdraw_reason;
  char            referral_target[128];
  const char     *referral_kind;
  char            lead_department[64];
  const JfdDemoDepartment *lead;   /* NULL if the county lacks that department */
  gint64          checkin_due, action_due;   /* of the whistle, if any */
  gint64          followup_due;              /* once resolved */
  JfSatisfaction  satisfaction;
  const char     *followup_note;
  JfdDemoParty    parties[JFD_DEMO_MAX_PARTIES];
  guint           n_parties;
} JfdDemoTexts;

/* Texts that the timeline and the records share. */
#define JFD_DEMO_WHISTLE_REQUEST "请牵头协调处理：%s"
#define JFD_DEMO_REFERRAL_REASON "当事人同意转入专门程序处理"

/* Unix µs as a timestamptz, a date in CST, an id; 0 is NULL in each. */
void               jfd_demo_copy_time (JfdCtlCopy         *copy,
                                       gint64              us);
void               jfd_demo_copy_date (JfdCtlCopy         *copy,
                                       gint64              us);
void               jfd_demo_copy_id   (JfdCtlCopy         *copy,
                                       gint64              id);
/* When a clock of @stage started at @start_us runs out, and when it warns (0: never), by
 * the database's rule for it; NULL if there is no such rule. */
const JfdDemoRule *jfd_demo_due       (const JfdDemoWorld *world,
                                       JfKind              kind,
                                       const char         *stage,
                                       gint64              start_us,
                                       gint64             *out_due,
                                       gint64             *out_warn);

/* Who registers a matter from @source (jfd-ctl-demo-events.c). */
JfRole             jfd_demo_registering_role (JfSource            source);
/* The matter's timeline, one event per step (jfd-ctl-demo-events.c). */
gboolean           jfd_demo_write_events  (JfdDemoBatch       *batch,
                                           const JfdDemoPlan  *plan,
                                           const JfdDemoTexts *texts,
                                           GError            **error);

/* The records beyond the matter and its timeline that its path left (records.c). */
gboolean           jfd_demo_write_records (JfdDemoBatch       *batch,
                                           const JfdDemoPlan  *plan,
                                           const JfdDemoTexts *texts,
                                           GError            **error);

G_END_DECLS
