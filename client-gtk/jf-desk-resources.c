/* jf-desk-resources.c: registering the GResource once */
#include "config.h"

#include "jf-desk-resources.h"
#include "jf-desk-gresource.h"

void
jf_desk_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      jf_desk_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
