/* jfd-ctl-demo.h: what the demo-matter generator's files share
 *
 * jfd-ctl-demo-world.c reads the organisation the matters live in; jfd-ctl-demo-plan.c
 * decides what each matter of a batch is and what happened to it; jfd-ctl-demo-rows.c,
 * -events.c, -records.c and -parties.c write its rows, with texts from -text.c;
 * jfd-ctl-demo-batch.c reserves ids and numbers and sends a batch with COPY;
 * jfd-ctl-demo-tables.c prepares the tables for a bulk load and restores them; and
 * jfd-ctl-demo.c runs the batches on parallel connections.
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
  gint64  id;
  char   *name;
  char   *kind;
} JfdDemoDepartment;

typedef struct
{
  GPtrArray      *units;                  /* owns every JfdDemoUnit */
  GPtrArray      *by_level[JF_N_LEVELS];  /* borrowed */
  JfdDemoUnit    *city;
  gint64          accounts[JF_N_ROLES];   /* a demo account per role; 0 if none */
  GHashTable     *departments;            /* "220402-housing" -> JfdDemoDepartment */
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

/* --- the tables, before and after a bulk load (jfd-ctl-demo-tables.c) --- */

#define JFD_DEMO_N_TABLES 10
/* The tables a load writes, parents first. */
extern const char * const jfd_demo_tables[JFD_DEMO_N_TABLES];

typedef struct
{
  gint64 max_id[JFD_DEMO_N_TABLES];
} JfdDemoMark;

/* Drops the loaded tables' secondary B-tree indexes and, with @skip_keys, sets their
 * INSERT triggers to fire ALWAYS (so that loading sessions may run with
 * session_replication_role = replica, which skips the foreign keys' checks: superuser
 * only) and records that the keys of the rows after @mark are to be checked. What is
 * changed is recorded in public.jf_demo_restore, in the same transaction. */
gboolean      jfd_demo_tables_prepare     (PGconn             *conn,
                                           gboolean            skip_keys,
                                           const JfdDemoMark  *mark,
                                           guint              *out_n_indexes,
                                           guint              *out_n_triggers,
                                           GError            **error);
/* Checks the keys and undoes whatever public.jf_demo_restore records (this run's or a
 * dead run's), over @jobs connections, then drops it. Does nothing without it. A broken
 * key is reported after the tables are restored. */
gboolean      jfd_demo_tables_restore     (PGconn             *conn,
                                           const char         *conninfo,
                                           guint               jobs,
                                           GError            **error);
/* The highest id of each loaded table, before a load. */
gboolean      jfd_demo_tables_mark        (PGconn             *conn,
                                           JfdDemoMark        *mark,
                                           GError            **error);
/* Checks every foreign key of the rows added after @mark, set-wise. */
gboolean      jfd_demo_tables_check_keys  (PGconn             *conn,
                                           const JfdDemoMark  *mark,
                                           GError            **error);

/* Unix µs as "YYYY-MM-DD HH:MM:SS.ffffff+08" (China Standard Time), for COPY. */
void          jfd_demo_format_time        (gint64              us,
                                           char                out[40]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdDemoWorld, jfd_demo_world_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdDemoBatch, jfd_demo_batch_free)

G_END_DECLS
