/* jfd-ctl-demo-batch.c: one batch of demo matters: reserve ids and numbers, write the
 * rows, send them table by table */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo-batch.h"
#include "jfd-pq.h"

JfdDemoBatch *
jfd_demo_batch_new (const JfdDemoWorld *world,
                    guint32             seed)
{
  JfdDemoBatch *batch = g_new0 (JfdDemoBatch, 1);

  batch->world = world;
  batch->rand = g_rand_new_with_seed (seed);
  batch->matters = jfd_ctl_copy_new ();
  batch->parties = jfd_ctl_copy_new ();
  batch->events = jfd_ctl_copy_new ();
  batch->followups = jfd_ctl_copy_new ();
  batch->sessions = jfd_ctl_copy_new ();
  batch->whistles = jfd_ctl_copy_new ();
  batch->targets = jfd_ctl_copy_new ();
  batch->referrals = jfd_ctl_copy_new ();
  batch->petitions = jfd_ctl_copy_new ();
  batch->deadlines = jfd_ctl_copy_new ();
  return batch;
}

void
jfd_demo_batch_free (JfdDemoBatch *batch)
{
  if (batch == NULL)
    return;
  g_rand_free (batch->rand);
  jfd_ctl_copy_free (batch->matters);
  jfd_ctl_copy_free (batch->parties);
  jfd_ctl_copy_free (batch->events);
  jfd_ctl_copy_free (batch->followups);
  jfd_ctl_copy_free (batch->sessions);
  jfd_ctl_copy_free (batch->whistles);
  jfd_ctl_copy_free (batch->targets);
  jfd_ctl_copy_free (batch->referrals);
  jfd_ctl_copy_free (batch->petitions);
  jfd_ctl_copy_free (batch->deadlines);
  if (batch->scratch_free != NULL)
    batch->scratch_free (batch->scratch);
  g_free (batch->plans);
  g_free (batch);
}

void
jfd_demo_batch_get_counts (JfdDemoBatch *batch,
                           guint64      *n_matters,
                           guint64      *n_parties,
                           guint64      *n_events)
{
  *n_matters = batch->n_matters;
  *n_parties = batch->n_parties;
  *n_events = batch->n_events;
}

/* @n ids from @table's id sequence, in the order they come. */
static gboolean
reserve_ids (PGconn      *conn,
             const char  *table,
             guint        n,
             gint64      *out,
             GError     **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *values[] = { table, count };
  g_autoptr(PGresult) rows = NULL;

  if (n == 0)
    return TRUE;
  rows = jfd_pq_exec_params (conn,
                             "SELECT nextval (pg_get_serial_sequence ($1, 'id')) "
                             "FROM generate_series (1, $2::integer)", 2, values, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    out[i] = g_ascii_strtoll (PQgetvalue (rows, (int) i, 0), NULL, 10);
  return TRUE;
}

/* The matters' numbers, from jf.next_matter_number itself: one call per matter, in time
 * order, so that numbers are consistent with what the daemon hands out afterwards. */
static gboolean
reserve_numbers (JfdDemoBatch  *batch,
                 PGconn        *conn,
                 guint          n,
                 GError       **error)
{
  g_autoptr(GString) counties = g_string_new ("{");
  g_autoptr(GString) years = g_string_new ("{");
  g_autoptr(PGresult) rows = NULL;
  const char *values[2];

  for (guint i = 0; i < n; i++)
    {
      const JfdDemoPlan *p = &batch->plans[i];
      char stamp[40];

      jfd_demo_format_time (p->created_us, stamp);
      /* A city-level matter is numbered under the city's code, as jf.intake does. */
      g_string_append_printf (counties, "%s%s", i > 0 ? "," : "",
                              p->owner->county != NULL ? p->owner->county->code
                                                       : batch->world->city->code);
      g_string_append_printf (years, "%s%.4s", i > 0 ? "," : "", stamp);
    }
  g_string_append_c (counties, '}');
  g_string_append_c (years, '}');
  values[0] = counties->str;
  values[1] = years->str;
  rows = jfd_pq_exec_params (conn,
                             "SELECT jf.next_matter_number (c, y) "
                             "FROM unnest ($1::text[], $2::integer[]) "
                             "  WITH ORDINALITY AS u (c, y, i) "
                             "ORDER BY i", 2, values, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    g_strlcpy (batch->plans[i].number, PQgetvalue (rows, (int) i, 0),
               sizeof batch->plans[i].number);
  return TRUE;
}

static gboolean
reserve (JfdDemoBatch  *batch,
         PGconn        *conn,
         guint          n,
         GError       **error)
{
  g_autofree gint64 *ids = g_new (gint64, n);
  g_autofree gint64 *whistle_ids = NULL;
  g_autofree gint64 *target_ids = NULL;
  guint n_whistles = 0, w = 0;

  for (guint i = 0; i < n; i++)
    if (jfd_demo_plan_step_at (&batch->plans[i], STEP_WHISTLE) != 0)
      n_whistles++;
  whistle_ids = g_new (gint64, n_whistles + 1);
  target_ids = g_new (gint64, n_whistles + 1);
  if (!reserve_ids (conn, "jf.matters", n, ids, error) ||
      !reserve_ids (conn, "jf.whistles", n_whistles, whistle_ids, error) ||
      !reserve_ids (conn, "jf.whistle_targets", n_whistles, target_ids, error) ||
      !reserve_numbers (batch, conn, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JfdDemoPlan *p = &batch->plans[i];

      p->id = ids[i];
      if (jfd_demo_plan_step_at (p, STEP_WHISTLE) != 0)
        {
          p->whistle_id = whistle_ids[w];
          p->target_id = target_ids[w];
          w++;
        }
    }
  return TRUE;
}

gboolean
jfd_demo_batch_run (JfdDemoBatch  *batch,
                    PGconn        *conn,
                    guint          n,
                    GError       **error)
{
  /* Parents before children: the foreign keys are checked row by row. */
  const struct { JfdCtlCopy *copy; const char *statement; } tables[] = {
    { batch->matters,
      "COPY jf.matters (id, number, kind, category, source, status, title, narrative, org_id, "
      "county_id, township_id, village_id, place_org_id, address, occurred_on, risk_violence, "
      "risk_group_size, risk_minors, risk_elderly, assignee_id, party_names, registered_level, "
      "registered_org_id, outcome, resolved_at, resolved_level, resolved_org_id, closed_at, "
      "not_accepted_reason, redirect_to, next_deadline_at, created_by, created_at, updated_at, "
      "version, event_seq) FROM STDIN" },
    { batch->parties,
      "COPY jf.parties (matter_id, position, role, name, organisation, address, id_number_enc, "
      "id_number_hmac, id_number_masked, birth_date, sex, phone_enc, phone_hmac, phone_masked) "
      "FROM STDIN" },
    /* prev_hash and hash are left to the chain trigger (0003). */
    { batch->events,
      "COPY jf.events (matter_id, seq, kind, actor_id, actor_role, org_id, at, data) "
      "FROM STDIN" },
    { batch->followups,
      "COPY jf.followups (matter_id, due_at, done_at, satisfaction, note, done_by, created_at) "
      "FROM STDIN" },
    { batch->sessions,
      "COPY jf.mediation_sessions (matter_id, scheduled_at, room, team, mediators, "
      "participants, outcome, held_at, created_by, created_at) FROM STDIN" },
    { batch->whistles,
      "COPY jf.whistles (id, matter_id, org_id, urgency, request, status, created_by, "
      "created_at, closed_at) FROM STDIN" },
    { batch->targets,
      "COPY jf.whistle_targets (id, whistle_id, department_id, role, status, checkin_due_at, "
      "action_due_at, checked_in_at, feedback, fed_back_at, verified_at, verified_by, rating, "
      "checkin_overdue, action_overdue) FROM STDIN" },
    { batch->referrals,
      "COPY jf.referrals (matter_id, kind, target, reason, status, due_at, outcome, created_by, "
      "created_at, closed_at) FROM STDIN" },
    { batch->petitions,
      "COPY jf.petitions (matter_id, petitioner_hmac, facts_hmac, stage, decide_due_on, "
      "accepted_on, handle_due_on, replied_on, created_at) FROM STDIN" },
    { batch->deadlines,
      "COPY jf.deadlines (matter_id, stage, subject, rule_id, started_at, due_at, warn_at, "
      "created_at) FROM STDIN" },
  };

  if (batch->capacity < n)
    {
      batch->plans = g_renew (JfdDemoPlan, batch->plans, n);
      batch->capacity = n;
    }
  jfd_demo_plan_batch (batch, n);
  if (!reserve (batch, conn, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!jfd_demo_write_matter (batch, &batch->plans[i], error))
      return FALSE;
  batch->n_matters += n;
  batch->n_parties += jfd_ctl_copy_get_n_rows (batch->parties);
  batch->n_events += jfd_ctl_copy_get_n_rows (batch->events);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (!jfd_ctl_copy_send (tables[t].copy, conn, tables[t].statement, error))
      return FALSE;
  return TRUE;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm): formatting a few
 * million timestamps through GDateTime would cost more than the rest of a batch. */
static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

void
jfd_demo_format_time (gint64 us,
                      char   out[40])
{
  gint64 local = us + 8 * 3600 * (gint64) G_USEC_PER_SEC;  /* CST: no DST since 1991 */
  gint64 secs = local / G_USEC_PER_SEC, frac = local % G_USEC_PER_SEC;
  gint64 days = secs / 86400, rem = secs % 86400;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  g_snprintf (out, 40, "%04d-%02d-%02d %02d:%02d:%02d.%06d+08", y, m, d, (int) (rem / 3600),
              (int) (rem / 60 % 60), (int) (rem % 60), (int) frac);
}
