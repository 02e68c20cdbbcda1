/* jfd-scheduler.h: brings the statistics up to date, and raises each deadline's warning
 * and breach, once
 *
 * Runs on the daemon's main loop with its own small pool. Each tick (scheduler-interval-ms)
 * first refreshes the statistics' rollup from the timeline (jf.stats_refresh, in
 * schema/0014-statistics.sql), then asks the database what is due and raises each one in
 * its own statement (jf.raise_deadline), which locks the matter and the deadline and
 * checks the mark under the locks: with several jiefend processes on one database, each
 * warning and breach happens exactly once, and a restart loses nothing, because the marks
 * are in the database.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JfdScheduler JfdScheduler;

JfdScheduler *jfd_scheduler_new  (const char   *conninfo,
                                  guint         interval_ms);
void          jfd_scheduler_free (JfdScheduler *scheduler);

G_END_DECLS
