/* jfd-daemon.h: jiefend as a process: start-up checks, server threads, signals */
#pragma once

#include <glib.h>

#include "jfd-config.h"

G_BEGIN_DECLS

/* Runs until SIGTERM or SIGINT, then finishes requests in flight and returns 0; returns
 * non-zero with a message on stderr when it cannot start. Takes @config. */
int jfd_daemon_run (JfdConfig *config);

G_END_DECLS
