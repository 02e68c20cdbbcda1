/* jfd-sodium.c: libsodium's one-time initialisation */
#include "config.h"

#include <sodium.h>

#include "jfd-sodium.h"

void
jfd_sodium_init (void)
{
  static gsize initialised = 0;

  /* sodium_init () is itself idempotent, but only thread-safe since 1.0.11's locking;
   * g_once makes the guarantee ours rather than a version's. */
  if (g_once_init_enter (&initialised))
    {
      if (sodium_init () < 0)
        g_error ("libsodium cannot be initialised");
      g_once_init_leave (&initialised, 1);
    }
}
