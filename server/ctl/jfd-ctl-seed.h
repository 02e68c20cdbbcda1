/* jfd-ctl-seed.h: the parts of `jiefenctl seed`, each run inside the caller's transaction */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jfd-ctl.h"

G_BEGIN_DECLS

/* The city, counties, townships, villages and grids (jfd-ctl-seed-org.c). */
gboolean jfd_ctl_seed_org_tree     (PGconn      *conn,
                                    GError     **error);
/* Department kinds, the county departments and a police station per township. */
gboolean jfd_ctl_seed_departments  (PGconn      *conn,
                                    GError     **error);
/* Categories, deadline rules and the holiday calendar (jfd-ctl-seed-ref.c). */
gboolean jfd_ctl_seed_reference    (PGconn      *conn,
                                    GError     **error);
/* The demo accounts; appends "username\trole\torg\tpassword" lines to @passwords. */
gboolean jfd_ctl_seed_accounts     (PGconn      *conn,
                                    GPtrArray   *passwords,
                                    GError     **error);

/* Adds @n demo matters (jfd-ctl-demo.c), in batches committed as they go, with @jobs
 * connections in parallel. Prints progress and timings to stdout. The tables are prepared
 * for a bulk load when @n is large, or when @bulk_load says so. */
gboolean jfd_ctl_seed_demo_matters (JfdCtl      *ctl,
                                    guint64      n,
                                    guint        jobs,
                                    guint32      random_seed,
                                    gboolean     bulk_load,
                                    GError     **error);

G_END_DECLS
