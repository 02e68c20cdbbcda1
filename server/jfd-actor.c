/* jfd-actor.c: the signed-in person and the subtree rule of scope */
#include "config.h"

#include "jfd-actor.h"

typedef struct
{
  JfdActor actor;
  gatomicrefcount ref;
} JfdActorReal;

JfdActor *
jfd_actor_new (void)
{
  JfdActorReal *real = g_new0 (JfdActorReal, 1);

  g_atomic_ref_count_init (&real->ref);
  return &real->actor;
}

JfdActor *
jfd_actor_ref (JfdActor *actor)
{
  g_atomic_ref_count_inc (&((JfdActorReal *) actor)->ref);
  return actor;
}

void
jfd_actor_unref (JfdActor *actor)
{
  JfdActorReal *real = (JfdActorReal *) actor;

  if (actor == NULL || !g_atomic_ref_count_dec (&real->ref))
    return;
  g_free (actor->username);
  g_free (actor->display_name);
  g_free (actor->org_code);
  g_free (actor->org_name);
  g_free (actor->department_code);
  g_free (real);
}

gboolean
jfd_actor_covers (const JfdActor *actor,
                  const JfdPlace *place)
{
  switch (actor->level)
    {
    case JF_LEVEL_CITY:
      /* One city on the platform: its centre sees every matter. */
      return TRUE;
    case JF_LEVEL_COUNTY:
      return place->county_id == actor->org_id;
    case JF_LEVEL_TOWNSHIP:
      return place->township_id == actor->org_id;
    case JF_LEVEL_VILLAGE:
      return place->village_id == actor->org_id;
    case JF_LEVEL_GRID:
    case JF_N_LEVELS:
    default:
      return place->org_id == actor->org_id;
    }
}

gboolean
jfd_actor_has_role (const JfdActor *actor,
                    JfRole          role)
{
  return jf_role_set_has (actor->roles, role);
}

gboolean
jfd_actor_is_read_only (const JfdActor *actor)
{
  return actor->roles == JF_ROLE_BIT (JF_ROLE_AUDITOR);
}

JfActor
jfd_actor_for_lifecycle (const JfdActor *actor)
{
  JfActor a = { actor->roles, actor->level };

  return a;
}

const char *
jfd_actor_role_for (const JfdActor *actor,
                    JfRoleSet       accepted)
{
  for (JfRole r = 0; r < JF_N_ROLES; r++)
    if ((actor->roles & accepted & JF_ROLE_BIT (r)) != 0)
      return jf_role_to_string (r);
  for (JfRole r = 0; r < JF_N_ROLES; r++)
    if (actor->roles & JF_ROLE_BIT (r))
      return jf_role_to_string (r);
  return NULL;
}
