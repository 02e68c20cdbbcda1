/* jfd-ctl-audit.c: jiefenctl audit verify
 *
 * Recomputes both kinds of hash chain on this side of the connection, so that a database
 * whose functions were tampered with cannot vouch for itself: only the canonical text of
 * each entry comes from SQL (jf.event_canonical, jf.audit_canonical), and a changed
 * function would change that text and break the chain. Rows are read through a cursor in
 * one REPEATABLE READ snapshot, a batch at a time, so memory stays bounded however long
 * the log, and concurrent appends cannot be mistaken for breaks.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jfd-ctl-commands.h"
#include "jfd-pq.h"

#define BATCH 20000
#define HASH_BYTES 32

typedef struct
{
  guint64 n_events;
  guint64 n_matters;
  guint64 n_audit;
} Counts;

/* Binary results: integers arrive big-endian. */
static gint64
get_int (const PGresult *r,
         int             row,
         int             col)
{
  const guint8 *p = (const guint8 *) PQgetvalue (r, row, col);
  int len = PQgetlength (r, row, col);
  guint64 v = 0;

  for (int i = 0; i < len; i++)
    v = (v << 8) | p[i];
  if (len == 4)
    return (gint32) (guint32) v;
  return (gint64) v;
}

static void
sha256 (const guint8 *prev,
        const char   *text,
        gsize         text_len,
        guint8        out[HASH_BYTES])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = HASH_BYTES;

  if (prev != NULL)
    g_checksum_update (checksum, prev, HASH_BYTES);
  g_checksum_update (checksum, (const guchar *) text, (gssize) text_len);
  g_checksum_get_digest (checksum, out, &len);
}

static gboolean
bytes_equal (const PGresult *r,
             int             row,
             int             col,
             const guint8   *expected)
{
  return PQgetlength (r, row, col) == HASH_BYTES &&
         memcmp (PQgetvalue (r, row, col), expected, HASH_BYTES) == 0;
}

typedef struct
{
  gint64   matter_id;        /* the matter being walked; 0 before the first */
  char    *number;
  gint64   event_seq;        /* what the matter row says */
  gint64   seen;             /* events seen so far */
  guint8   last_hash[HASH_BYTES];
  guint64  n_events;         /* over all matters */
  guint64  n_chains;
} MatterWalk;

static gboolean
finish_matter (MatterWalk *w)
{
  if (w->matter_id == 0 || w->seen == w->event_seq)
    return TRUE;
  printf ("broken: matter %s: the matter records %" G_GINT64_FORMAT " events but its chain "
          "has %" G_GINT64_FORMAT " (events were %s)\n", w->number, w->event_seq, w->seen,
          w->seen < w->event_seq ? "removed from its end" : "added without the matter");
  return FALSE;
}

/* Checks one event row; FALSE (after printing the break) on the first broken link. */
static gboolean
check_event (MatterWalk     *w,
             const PGresult *r,
             int             i)
{
  gint64 matter_id = get_int (r, i, 0);
  gint64 id = get_int (r, i, 3);
  gint64 seq = get_int (r, i, 4);
  guint8 hash[HASH_BYTES];
  const char *why = NULL;

  if (matter_id != w->matter_id)
    {
      if (!finish_matter (w))
        return FALSE;
      w->matter_id = matter_id;
      g_free (w->number);
      w->number = g_strndup (PQgetvalue (r, i, 1), PQgetlength (r, i, 1));
      w->event_seq = get_int (r, i, 2);
      w->seen = 0;
      w->n_chains++;
      /* The chain's start: sha256('jiefen:matter:<id>'), from SQL for seq 1 rows. */
      if (!PQgetisnull (r, i, 8) && PQgetlength (r, i, 8) == HASH_BYTES)
        memcpy (w->last_hash, PQgetvalue (r, i, 8), HASH_BYTES);
      else
        memset (w->last_hash, 0, HASH_BYTES);
    }
  w->seen++;
  w->n_events++;
  if (seq != w->seen)
    why = seq > w->seen ? "an event before it is missing" : "its sequence number repeats";
  else if (!bytes_equal (r, i, 5, w->last_hash))
    why = seq == 1 ? "its prev_hash is not the chain's genesis"
                   : "its prev_hash is not the previous event's hash";
  else
    {
      sha256 ((const guint8 *) PQgetvalue (r, i, 5), PQgetvalue (r, i, 7),
              (gsize) PQgetlength (r, i, 7), hash);
      if (!bytes_equal (r, i, 6, hash))
        why = "hash does not match its content";
    }
  if (why != NULL)
    {
      printf ("broken: matter %s event %" G_GINT64_FORMAT " (id %" G_GINT64_FORMAT "): %s\n",
              w->number, seq, id, why);
      return FALSE;
    }
  memcpy (w->last_hash, PQgetvalue (r, i, 6), HASH_BYTES);
  return TRUE;
}

/* Walks a cursor in batches, calling @check on each row; FALSE with @error unset means
 * a break was found (and printed). */
static gboolean
walk_cursor (PGconn      *conn,
             const char  *declare,
             gboolean   (*check) (gpointer data, const PGresult *r, int row),
             gpointer     data,
             GError     **error)
{
  if (!jfd_pq_command (conn, declare, error))
    return FALSE;
  for (;;)
    {
      g_autoptr(PGresult) r = PQexecParams (conn, "FETCH " G_STRINGIFY (BATCH) " FROM walk",
                                            0, NULL, NULL, NULL, NULL, 1);
      int n;

      if (!jfd_pq_result_ok (conn, r, "reading the chain", error))
        return FALSE;
      n = PQntuples (r);
      for (int i = 0; i < n; i++)
        if (!check (data, r, i))
          return FALSE;
      if (n < BATCH)
        break;
    }
  return jfd_pq_command (conn, "CLOSE walk", error);
}

static gboolean
check_event_row (gpointer        data,
                 const PGresult *r,
                 int             row)
{
  return check_event (data, r, row);
}

typedef struct
{
  gint64 position;
  guint8 last_hash[HASH_BYTES];
} AuditWalk;

static gboolean
check_audit_row (gpointer        data,
                 const PGresult *r,
                 int             i)
{
  AuditWalk *w = data;
  gint64 position = get_int (r, i, 0);
  gint64 id = get_int (r, i, 1);
  guint8 hash[HASH_BYTES];
  const char *why = NULL;

  if (position != w->position + 1)
    why = position > w->position + 1 ? "an entry before it is missing"
                                     : "its position repeats";
  else if (!bytes_equal (r, i, 2, w->last_hash))
    why = position == 1 ? "its prev_hash is not the log's genesis"
                        : "its prev_hash is not the previous entry's hash";
  else
    {
      sha256 ((const guint8 *) PQgetvalue (r, i, 2), PQgetvalue (r, i, 4),
              (gsize) PQgetlength (r, i, 4), hash);
      if (!bytes_equal (r, i, 3, hash))
        why = "hash does not match its content";
    }
  if (why != NULL)
    {
      printf ("broken: audit log entry %" G_GINT64_FORMAT " (id %" G_GINT64_FORMAT "): %s\n",
              position, id, why);
      return FALSE;
    }
  w->position = position;
  memcpy (w->last_hash, PQgetvalue (r, i, 3), HASH_BYTES);
  return TRUE;
}

/* Matters whose every event is gone are invisible to the walk over events. */
static gboolean
check_empty_chains (PGconn  *conn,
                    gboolean *out_ok,
                    GError  **error)
{
  g_autoptr(PGresult) r = jfd_pq_exec (conn,
                                       "SELECT m.number, m.event_seq FROM jf.matters m "
                                       "WHERE m.event_seq > 0 AND NOT EXISTS "
                                       "  (SELECT 1 FROM jf.events e WHERE e.matter_id = m.id) "
                                       "ORDER BY m.id LIMIT 1", error);

  if (r == NULL)
    return FALSE;
  *out_ok = PQntuples (r) == 0;
  if (!*out_ok)
    printf ("broken: matter %s: the matter records %s events but its chain has none\n",
            PQgetvalue (r, 0, 0), PQgetvalue (r, 0, 1));
  return TRUE;
}

static gboolean
check_audit_head (PGconn          *conn,
                  const AuditWalk *w,
                  gboolean        *out_ok,
                  GError         **error)
{
  g_autoptr(PGresult) r = PQexecParams (conn, "SELECT count, hash FROM jf.audit_head", 0, NULL,
                                        NULL, NULL, NULL, 1);

  if (!jfd_pq_result_ok (conn, r, "reading the audit head", error))
    return FALSE;
  *out_ok = PQntuples (r) == 1 && get_int (r, 0, 0) == w->position &&
            bytes_equal (r, 0, 1, w->last_hash);
  if (!*out_ok)
    printf ("broken: audit log: the head records %s entries and a last hash that the log "
            "(%" G_GINT64_FORMAT " entries) does not end with (entries were removed from "
            "its end?)\n", PQntuples (r) == 1 ? "its" : "no", w->position);
  return TRUE;
}

/* TRUE with *@out_ok for the verdict; FALSE and @error if the database failed us. The
 * caller rolls back the read-only transaction. */
static gboolean
verify (PGconn   *conn,
        Counts   *counts,
        gboolean *out_ok,
        GError  **error)
{
  MatterWalk mw = { 0 };
  AuditWalk aw = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean walked;

  *out_ok = FALSE;
  sha256 (NULL, "jiefen:audit", strlen ("jiefen:audit"), aw.last_hash);
  if (!jfd_pq_command (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    return FALSE;
  walked = walk_cursor (conn,
                        "DECLARE walk NO SCROLL CURSOR FOR "
                        "SELECT e.matter_id, m.number, m.event_seq, e.id, e.seq, e.prev_hash, "
                        "       e.hash, jf.event_canonical (e.matter_id, e.seq, e.kind, "
                        "         e.actor_id, e.actor_role, e.org_id, e.at, e.data), "
                        "       CASE WHEN e.seq = 1 THEN jf.matter_chain_genesis (e.matter_id) "
                        "       END "
                        "FROM jf.events e JOIN jf.matters m ON m.id = e.matter_id "
                        "ORDER BY e.matter_id, e.seq",
                        check_event_row, &mw, &local_error);
  g_free (mw.number);
  counts->n_events = mw.n_events;
  counts->n_matters = mw.n_chains;
  if (!walked)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!finish_matter (&mw))
    return TRUE;
  if (!check_empty_chains (conn, out_ok, error))
    return FALSE;
  if (!*out_ok)
    return TRUE;
  *out_ok = FALSE;
  if (!walk_cursor (conn,
                    "DECLARE walk NO SCROLL CURSOR FOR "
                    "SELECT position, id, prev_hash, hash, jf.audit_canonical (position, at, "
                    "         actor_id, actor_role, org_id, action, target, data) "
                    "FROM jf.audit_log ORDER BY position",
                    check_audit_row, &aw, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  counts->n_audit = (guint64) aw.position;
  return check_audit_head (conn, &aw, out_ok, error);
}

static int
audit_verify (JfdCtl  *ctl,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;
  PGconn *conn;

  if (!jfd_ctl_parse ("audit verify", NULL,
                      "Recomputes every matter's event chain and the audit log's chain, and "
                      "checks that\nnone was altered, shortened or reordered. Exit status 1 "
                      "names the first broken link.",
                      NULL, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  if (!verify (conn, &counts, &ok, &error))
    {
      jfd_pq_rollback (conn);
      return jfd_ctl_fail (error);
    }
  jfd_pq_rollback (conn);
  if (!ok)
    return JFD_CTL_EXIT_FAILURE;
  printf ("ok: %" G_GUINT64_FORMAT " events in %" G_GUINT64_FORMAT " matter chains and %"
          G_GUINT64_FORMAT " audit log entries verified in %.1f s\n", counts.n_events,
          counts.n_matters, counts.n_audit, (g_get_monotonic_time () - start) / 1e6);
  return JFD_CTL_EXIT_OK;
}

int
jfd_ctl_audit (JfdCtl  *ctl,
               int      argc,
               char   **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      printf ("Usage: jiefenctl audit verify\n\n"
              "  verify   recompute and check every hash chain\n");
      return JFD_CTL_EXIT_OK;
    }
  if (argc < 2 || !g_str_equal (argv[1], "verify"))
    return jfd_ctl_usage_error ("audit", argc < 2 ? "missing subcommand (verify)"
                                                  : "unknown subcommand (only verify exists)");
  return audit_verify (ctl, argc - 1, argv + 1);
}
