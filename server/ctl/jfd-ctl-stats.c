/* jfd-ctl-stats.c: jiefenctl stats rebuild
 *
 * The statistics' rollup (schema/0014-statistics.sql) is kept by jiefend's scheduler from
 * the timeline's new events; a bulk load (jiefenctl seed --demo-matters N) or a repair is
 * faster rebuilt whole. The rebuild runs on one connection, which holds the statistics
 * lock from the first step to the last: jiefend's refreshes wait meanwhile, and take up
 * what changed during the rebuild afterwards. An interrupted rebuild leaves the figures
 * marked stale (GET /v1/stats answers "as_of": null) until the next one.
 */
#include "config.h"

#include <stdio.h>

#include "jfd-ctl-commands.h"
#include "jfd-pq.h"

#define CHUNK 50000

static gint64
result_int (PGresult *res)
{
  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

static int
stats_rebuild (JfdCtl  *ctl,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) begun = NULL;
  g_autoptr(PGresult) ended = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 last, facts = 0;
  PGconn *conn;

  if (!jfd_ctl_parse ("stats rebuild", NULL,
                      "Recomputes the statistics' rollup from every matter: after a bulk "
                      "load, or to repair it.\nThe figures are partial until it ends; "
                      "jiefend may keep running.",
                      NULL, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  begun = jfd_pq_exec (conn, "SELECT jf.stats_rebuild_begin ()", &error);
  if (begun == NULL)
    return jfd_ctl_fail (error);
  last = result_int (begun);
  for (gint64 after = 0; after < last; after += CHUNK)
    {
      g_autofree char *from = g_strdup_printf ("%" G_GINT64_FORMAT, after);
      g_autofree char *upto = g_strdup_printf ("%" G_GINT64_FORMAT, after + CHUNK);
      const char *params[] = { from, upto };
      g_autoptr(PGresult) chunk = jfd_pq_exec_params (conn,
                                                      "SELECT jf.stats_rebuild_chunk "
                                                      "($1::bigint, $2::bigint)",
                                                      2, params, &error);

      if (chunk == NULL)
        return jfd_ctl_fail (error);
      facts += result_int (chunk);
      if ((after / CHUNK) % 4 == 3)
        {
          printf ("  %" G_GINT64_FORMAT " matters (%.0f per second)\n", facts,
                  facts / ((g_get_monotonic_time () - start) / 1e6));
          fflush (stdout);
        }
    }
  ended = jfd_pq_exec (conn, "SELECT jf.stats_rebuild_end ()", &error);
  if (ended == NULL)
    return jfd_ctl_fail (error);
  printf ("statistics rebuilt: %" G_GINT64_FORMAT " matters, %" G_GINT64_FORMAT
          " rollup rows in %.1f s\n", facts, result_int (ended),
          (g_get_monotonic_time () - start) / 1e6);
  return JFD_CTL_EXIT_OK;
}

int
jfd_ctl_stats (JfdCtl  *ctl,
               int      argc,
               char   **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("Usage: jiefenctl stats rebuild\n\n"
              "  rebuild   recompute the statistics' rollup from every matter\n");
      return JFD_CTL_EXIT_OK;
    }
  if (argc < 2 || !g_str_equal (argv[1], "rebuild"))
    return jfd_ctl_usage_error ("stats", argc < 2 ? "missing subcommand (rebuild)"
                                                  : "unknown subcommand (only rebuild exists)");
  return stats_rebuild (ctl, argc - 1, argv + 1);
}
