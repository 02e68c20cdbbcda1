/* jfd-ctl-commands.h: jiefenctl's commands, one file each (jfd-ctl-<group>.c) */
#pragma once

#include "jfd-ctl.h"

G_BEGIN_DECLS

int jfd_ctl_migrate    (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_seed       (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_account    (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_audit      (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_keygen     (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_rotate_key (JfdCtl *ctl, int argc, char **argv);
int jfd_ctl_stats      (JfdCtl *ctl, int argc, char **argv);

/* The table of commands, NULL-terminated, in the order --help lists them. */
const JfdCtlCommand *jfd_ctl_get_commands (void);

G_END_DECLS
