/* jf-load.h: what the modes of jf-load share
 *
 * jf-load drives jiefend for bench/run. Each mode prints its figures as lines
 *   JF <figure> key=value key=value ...
 * on stdout (latencies in milliseconds, rates per second) for bench/run to turn into
 * its table; anything else it prints is for people.
 */
#pragma once

#include <glib.h>

#include "jf-load-http.h"

G_BEGIN_DECLS

typedef struct
{
  char    *host;
  guint16  port;
  char    *logins;    /* the login table that `jiefenctl seed` printed */
  char    *user;
  guint    clients;
  double   seconds;
  guint    requests;  /* live: whistles to blow */
  char    *org;       /* queue, stats: administrative code of the subtree */
  char    *status;    /* queue: the status filter */
  guint    depth;     /* queue: pages followed for the deep page */
  char   **words;     /* search: the terms, used in turn */
  char    *label;     /* search: the figure's name */
  char    *year;      /* stats */
  char    *department;/* live: the department whistled */
  char    *liaison;   /* live: its liaison's account */
  int      watch_pid; /* jiefend: its CPU time and peak RSS during the timed runs */
  int      postmaster_pid; /* PostgreSQL: its CPU time during the timed runs */
} JfLoadOptions;

/* Latencies of one figure, and the statuses that were not the expected one. */
typedef struct
{
  GMutex      lock;
  GArray     *us;      /* gint64 latencies of the expected answers */
  GHashTable *errors;  /* status → count; status 0 is a broken connection */
  gint64      cpu_us;  /* CPU time during the timed run: this process's, */
  gint64      server_cpu_us;  /* jiefend's (-1: not watched) */
  gint64      pg_cpu_us;      /* and PostgreSQL's (-1: not watched) */
} JfLoadSamples;

void     jf_load_samples_init    (JfLoadSamples *samples);
void     jf_load_samples_clear   (JfLoadSamples *samples);
void     jf_load_samples_add     (JfLoadSamples *samples,
                                  guint          status,
                                  guint          expected,
                                  gint64         us);
/* Prints "JF <figure> n=… seconds=… rate=… p50=… p95=… p99=… max=… cpu_ms=…
 * server_cpu_ms=… pg_cpu_ms=… errors=…" (-1: not watched). */
void     jf_load_samples_report  (JfLoadSamples *samples,
                                  const char    *figure,
                                  double         seconds);

/* One load client: its connection and session. */
typedef struct
{
  JfLoadConn *conn;
  char       *token;
  GRand      *rand;
  GString    *answer;
  guint       index;
} JfLoadClient;

/* One request of a mode; returns the HTTP status. */
typedef guint (*JfLoadStep) (JfLoadClient *client,
                             gpointer      data);

/* Runs @step in a loop on @n_clients connections, each signed in as @user, for @seconds
 * from the moment all are signed in; records each request's latency in @samples. Requests
 * still in flight at the end are not counted. */
gboolean jf_load_drive           (const JfLoadOptions *options,
                                  const char          *user,
                                  guint                n_clients,
                                  double               seconds,
                                  guint                expected,
                                  JfLoadStep           step,
                                  gpointer             data,
                                  JfLoadSamples       *samples,
                                  GError             **error);

/* A connected, signed-in client of its own (for set-up work outside a timed run). */
JfLoadClient *jf_load_client_new (const JfLoadOptions *options,
                                  const char          *user,
                                  GError             **error);
void     jf_load_client_free     (JfLoadClient *client);

/* GET @path as @client; its answer's JSON, or NULL with @error set unless the status is
 * 200. */
JsonNode *jf_load_get_json       (JfLoadClient  *client,
                                  const char    *path,
                                  GError       **error);

/* An intake request's JSON body: a plausible matter at one of @orgs. */
char    *jf_load_body_intake     (GRand               *rand,
                                  const char * const  *orgs,
                                  const char * const  *places);

/* The CPU time of @pid (and of the children it has reaped) in µs, with its live
 * children's if @children; -1 if there is no such process. */
gint64   jf_load_proc_cpu_us     (int                  pid,
                                  gboolean             children);
/* Prints "JF memory-sign-in hwm_kib=…", @pid's peak RSS so far, and resets it. */
void     jf_load_proc_reset_peak_rss (int              pid);

int      jf_load_intake          (const JfLoadOptions *options);
int      jf_load_queue           (const JfLoadOptions *options);
int      jf_load_search          (const JfLoadOptions *options);
int      jf_load_stats           (const JfLoadOptions *options);
int      jf_load_live            (const JfLoadOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfLoadClient, jf_load_client_free)

G_END_DECLS
