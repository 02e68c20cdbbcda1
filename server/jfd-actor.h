/* jfd-actor.h: the signed-in person making a request, and what they may see */
#pragma once

#include <glib.h>

#include "jf-enums.h"
#include "jf-lifecycle.h"

G_BEGIN_DECLS

typedef struct
{
  gint64     session_id;
  int        account_id;
  char      *username;
  char      *display_name;
  JfRoleSet  roles;
  int        org_id;         /* home unit */
  char      *org_code;
  char      *org_name;
  JfLevel    level;          /* of the home unit */
  int        department_id;  /* 0: none */
  char      *department_code;
  gint64     expires_at;     /* unix seconds */
} JfdActor;

/* Where a matter sits in the tree: its owner and the owner's ancestors (0 when none). */
typedef struct
{
  int org_id;
  int county_id;
  int township_id;
  int village_id;
} JfdPlace;

JfdActor *jfd_actor_ref             (JfdActor       *actor);
void      jfd_actor_unref           (JfdActor       *actor);
JfdActor *jfd_actor_new             (void);

/* The subtree rule: a user works on the matters of their unit and the units below. */
gboolean  jfd_actor_covers          (const JfdActor *actor,
                                     const JfdPlace *place);
gboolean  jfd_actor_has_role        (const JfdActor *actor,
                                     JfRole          role);
/* Only auditors, and no other role: they read and never write. */
gboolean  jfd_actor_is_read_only    (const JfdActor *actor);
JfActor   jfd_actor_for_lifecycle   (const JfdActor *actor);
/* The role recorded on the timeline for a move: the first of the actor's roles the move
 * accepts. */
const char *jfd_actor_role_for      (const JfdActor *actor,
                                     JfRoleSet       accepted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdActor, jfd_actor_unref)

G_END_DECLS
