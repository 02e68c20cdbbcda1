/* jfd-ctl-demo.h: what the demo-matter generator's files share
 *
 * jfd-ctl-demo-text.c writes Chinese names and texts; jfd-ctl-demo-gen.c plans a batch of
 * matters (when, where, what, their paths through the lifecycle) and writes their rows;
 * jfd-ctl-demo-world.c reads the organisation they live in; jfd-ctl-demo.c runs the
 * batches on parallel connections and takes care of the indexes.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jf-calendar.h"
#include "jf-deadline.h"
#include "jf-enums.h"
#include "jfd-crypto.h"

G_BEGIN_DECLS

/* --- texts (jfd-ctl-demo-text.c) --- */

typedef struct
{
  const char *applicant;
  const char *respondent;
  const char *company;
  const char *place;        /* "向阳社区3栋" */
  guint       amount;       /* yuan */
} JfdDemoSlots;

void        jfd_demo_person_name          (GRand              *rand,
                                           gboolean            male,
                                           GString            *out);
void        jfd_demo_company_name         (GRand              *rand,
                                           JfCategory          category,
                                           GString            *out);
/* Title, narrative (with @source's preamble) and the outcome of a resolution. */
void        jfd_demo_matter_text          (GRand              *rand,
                                           JfCategory          category,
                                           JfSource            source,
                                           const JfdDemoSlots *slots,
                                           GString            *title,
                                           GString            *narrative,
                                           GString            *outcome);
const char *jfd_demo_not_accepted         (GRand              *rand,
                                           const char        **out_redirect_to);
const char *jfd_demo_withdraw_reason      (GRand              *rand);
const char *jfd_demo_mediation_room       (GRand              *rand);
const char *jfd_demo_feedback             (GRand              *rand);
const char *jfd_demo_followup_note        (GRand              *rand,
                                           JfSatisfaction      satisfaction);
/* Whether the other side of a category's matters is often a company. */
gboolean    jfd_demo_category_has_company (JfCategory          category);
/* The department kind that a whistle about @category names as lead. */
const char *jfd_demo_lead_department      (JfCategory          category);

/* --- the organisation the matters live in (jfd-ctl-demo-world.c) --- */

typedef struct _JfdDemoUnit JfdDemoUnit;
struct _JfdDemoUnit
{
  gint64       id;
  char        *code;
  char        *name;
  JfLevel      level;
  JfdDemoUnit *parent;
  JfdDemoUnit *county;      /* self for a county; NULL for the city */
  GPtrArray   *children;    /* borrowed JfdDemoUnit */
};

typedef struct
{
  gint64          id;
  JfDeadlineRule  rule;
} JfdDemoRule;

typedef struct
{
  GPtrArray      *units;                  /* owns every JfdDemoUnit */
  GPtrArray      *by_level[JF_N_LEVELS];  /* borrowed */
  JfdDemoUnit    *city;
  gint64          accounts[JF_N_ROLES];   /* a demo account per role; 0 if none */
  GHashTable     *departments;            /* "220402-housing" -> gint64 id */
  GHashTable     *rules;                  /* stage -> JfdDemoRule, kind-independent ones */
  GHashTable     *petition_rules;         /* stage -> JfdDemoRule for petitions */
  JfCalendar     *calendar;
  JfdCrypto      *crypto;                 /* borrowed */
  gint64          start_us;               /* 2025-01-01 00:00 CST, Unix µs */
  gint64          end_us;                 /* when the run started */
} JfdDemoWorld;

/* Reads the org tree, the demo accounts, departments, rules and calendar. Fails clearly
 * if the database was not seeded. */
JfdDemoWorld *jfd_demo_world_load         (PGconn             *conn,
                                           JfdCrypto          *crypto,
                                           GError            **error);
void          jfd_demo_world_free         (JfdDemoWorld       *world);
const JfdDemoRule *jfd_demo_world_rule    (const JfdDemoWorld *world,
                                           JfKind              kind,
                                           const char         *stage);

/* --- a batch of matters (jfd-ctl-demo-gen.c) --- */

typedef struct _JfdDemoBatch JfdDemoBatch;

JfdDemoBatch *jfd_demo_batch_new          (const JfdDemoWorld *world,
                                           guint32             seed);
void          jfd_demo_batch_free         (JfdDemoBatch       *batch);
/* Plans @n matters and reserves their ids and numbers on @conn (in its transaction),
 * then writes all their rows and sends them with COPY, table by table. */
gboolean      jfd_demo_batch_run          (JfdDemoBatch       *batch,
                                           PGconn             *conn,
                                           guint               n,
                                           GError            **error);
/* Rows sent so far by this batch object, over all runs: matters, parties, events. */
void          jfd_demo_batch_get_counts   (JfdDemoBatch       *batch,
                                           guint64            *n_matters,
                                           guint64            *n_parties,
                                           guint64            *n_events);

/* Unix µs as "YYYY-MM-DD HH:MM:SS.ffffff+08" (China Standard Time), for COPY. */
void          jfd_demo_format_time        (gint64              us,
                                           char                out[40]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdDemoWorld, jfd_demo_world_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdDemoBatch, jfd_demo_batch_free)

G_END_DECLS
