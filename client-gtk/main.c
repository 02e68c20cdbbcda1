/* main.c: jiefen-desk */
#include "config.h"

#include "jf-desk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JfDeskApplication) application = NULL;

  jf_desk_init_i18n ();
  application = jf_desk_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
