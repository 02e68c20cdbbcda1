/* jf-load.c: the load and latency client of bench/run
 *
 *   jf-load MODE --port P --logins FILE [options]
 *
 * MODE is intake, queue, search, stats or live; see bench/README.md for what each
 * measures and the JF lines it prints.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jf-load.h"

typedef int (*ModeFunc) (const JfLoadOptions *options);

static const struct
{
  const char *name;
  ModeFunc    run;
  guint       clients;  /* the default concurrency */
  const char *user;     /* the default account */
} modes[] = {
  { "intake", jf_load_intake, 16, "chuangkou" },
  { "queue", jf_load_queue, 4, "ducha" },
  { "search", jf_load_search, 1, "admin" },
  { "stats", jf_load_stats, 1, "ducha" },
  { "live", jf_load_live, 1, "chuangkou" },
};

int
main (int    argc,
      char **argv)
{
  JfLoadOptions options = { 0 };
  g_autofree char *host = NULL;
  g_autofree char *logins = NULL;
  g_autofree char *user = NULL;
  g_autofree char *org = NULL;
  g_autofree char *status = NULL;
  g_autofree char *label = NULL;
  g_autofree char *year = NULL;
  g_autofree char *department = NULL;
  g_autofree char *liaison = NULL;
  g_auto(GStrv) words = NULL;
  int port = 0, clients = 0, depth = 20, requests = 200, watch_pid = 0, postmaster_pid = 0;
  double seconds = 10;
  const GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "jiefend's IPv4 address (127.0.0.1)", "A" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "jiefend's port", "P" },
    { "logins", 0, 0, G_OPTION_ARG_FILENAME, &logins,
      "The account table that jiefenctl seed printed", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "The account to sign in as", "NAME" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, "Concurrent connections", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Length of each timed run (10)", "S" },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, "queue, search, stats: the subtree", "CODE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "queue: the status filter (open)", "S" },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth, "queue: pages to the deep page (20)", "N" },
    /* Taken as bytes: a benchmark often runs in the C locale, where GOption would refuse
     * to convert Chinese arguments; they are checked to be UTF-8 below. */
    { "word", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &words, "search: a term (repeat)", "TEXT" },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, "search: the figure's name", "NAME" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, "stats: the year", "YYYY" },
    { "whistles", 0, 0, G_OPTION_ARG_INT, &requests, "live: whistles to blow (200)", "N" },
    { "department", 0, 0, G_OPTION_ARG_STRING, &department,
      "live: the department whistled (220402-housing)", "CODE" },
    { "liaison", 0, 0, G_OPTION_ARG_STRING, &liaison, "live: its liaison (bumen)", "NAME" },
    { "watch-pid", 0, 0, G_OPTION_ARG_INT, &watch_pid,
      "jiefend: measure its CPU time and peak RSS during the timed runs", "PID" },
    { "postmaster-pid", 0, 0, G_OPTION_ARG_INT, &postmaster_pid,
      "PostgreSQL: measure its CPU time during the timed runs", "PID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("intake|queue|search|stats|live");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Drives jiefend for bench/run and prints its "
                                         "figures as “JF figure key=value …” lines.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("jf-load: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || port <= 0 || port > 65535 || logins == NULL || seconds <= 0 ||
      clients < 0 || clients > 1024 || depth < 0 || requests < 1)
    {
      g_printerr ("%s", g_option_context_get_help (context, TRUE, NULL));
      return 2;
    }
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (!g_utf8_validate (words[i], -1, NULL))
      {
        g_printerr ("jf-load: the search terms must be UTF-8\n");
        return 2;
      }
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      if (!g_str_equal (argv[1], modes[i].name))
        continue;
      options.host = host != NULL ? host : "127.0.0.1";
      options.port = (guint16) port;
      options.logins = logins;
      options.user = user != NULL ? user : (char *) modes[i].user;
      options.clients = clients > 0 ? (guint) clients : modes[i].clients;
      options.seconds = seconds;
      options.requests = (guint) requests;
      options.org = org;
      options.status = status != NULL ? status : "open";
      options.depth = (guint) depth;
      options.words = words;
      options.label = label;
      options.year = year != NULL ? year : "2025";
      options.department = department != NULL ? department : "220402-housing";
      options.liaison = liaison != NULL ? liaison : "bumen";
      options.watch_pid = watch_pid;
      options.postmaster_pid = postmaster_pid;
      return modes[i].run (&options);
    }
  g_printerr ("jf-load: no mode “%s” (intake, queue, search, stats, live)\n", argv[1]);
  return 2;
}
