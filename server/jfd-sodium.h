/* jfd-sodium.h: libsodium's one-time initialisation, shared by its users in the server */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libsodium once, from any thread; every jfd_* user of libsodium calls it
 * first. Aborts if libsodium cannot initialise: nothing secure can be done without it. */
void jfd_sodium_init (void);

G_END_DECLS
