/* jf-desk-org-unit.c: a unit of the org tree */
#include "config.h"

#include "jf-enums.h"
#include "jf-desk-json.h"
#include "jf-desk-org-unit.h"

struct _JfDeskOrgUnit
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *level;
  char    *path;
};

G_DEFINE_FINAL_TYPE (JfDeskOrgUnit, jf_desk_org_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jf_desk_org_unit_finalize (GObject *object)
{
  JfDeskOrgUnit *self = JF_DESK_ORG_UNIT (object);

  g_free (self->code);
  g_free (self->name);
  g_free (self->level);
  g_free (self->path);
  G_OBJECT_CLASS (jf_desk_org_unit_parent_class)->finalize (object);
}

static void
jf_desk_org_unit_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JfDeskOrgUnit *self = JF_DESK_ORG_UNIT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, jf_desk_org_unit_get_path (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_org_unit_class_init (JfDeskOrgUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_org_unit_finalize;
  object_class->get_property = jf_desk_org_unit_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_org_unit_init (JfDeskOrgUnit *self)
{
}

JfDeskOrgUnit *
jf_desk_org_unit_new (const char *code,
                      const char *name,
                      const char *level,
                      const char *path)
{
  JfDeskOrgUnit *self;

  g_return_val_if_fail (code != NULL && name != NULL, NULL);

  self = g_object_new (JF_DESK_TYPE_ORG_UNIT, NULL);
  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->level = g_strdup (level);
  self->path = g_strdup (path);
  return self;
}

JfDeskOrgUnit *
jf_desk_org_unit_new_from_json (JsonObject *object)
{
  const char *code = jf_desk_json_string (object, "code");
  const char *name = jf_desk_json_string (object, "name");

  if (code == NULL || name == NULL)
    return NULL;
  return jf_desk_org_unit_new (code, name,
                               jf_desk_json_string (object, "level"),
                               jf_desk_json_string (object, "path"));
}

const char *
jf_desk_org_unit_get_code (JfDeskOrgUnit *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_UNIT (self), NULL);
  return self->code;
}

const char *
jf_desk_org_unit_get_name (JfDeskOrgUnit *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_UNIT (self), NULL);
  return self->name;
}

const char *
jf_desk_org_unit_get_path (JfDeskOrgUnit *self)
{
  g_return_val_if_fail (JF_DESK_IS_ORG_UNIT (self), NULL);
  return self->path != NULL ? self->path : self->name;
}

const char *
jf_desk_org_unit_get_level_label (JfDeskOrgUnit *self)
{
  JfLevel level;

  g_return_val_if_fail (JF_DESK_IS_ORG_UNIT (self), "");
  return jf_level_from_string (self->level, &level) ? jf_level_label (level) : "";
}
