/* jfd-ctl-commands.c: the table of jiefenctl's commands */
#include "config.h"

#include "jfd-ctl-commands.h"

static const JfdCtlCommand commands[] = {
  { "migrate", "apply pending schema migrations (--status: list them)", jfd_ctl_migrate },
  { "seed", "create the Liaoyuan organisation and demo accounts; --demo-matters N",
    jfd_ctl_seed },
  { "account", "add, disable, enable, list accounts and set passwords", jfd_ctl_account },
  { "audit", "verify the hash chains of the timelines and the audit log", jfd_ctl_audit },
  { "keygen", "create a new data key file", jfd_ctl_keygen },
  { "rotate-key", "add a data key and re-encrypt personal data with it", jfd_ctl_rotate_key },
  { "stats", "rebuild the statistics' rollup (after a bulk load)", jfd_ctl_stats },
  { NULL, NULL, NULL },
};

const JfdCtlCommand *
jfd_ctl_get_commands (void)
{
  return commands;
}
