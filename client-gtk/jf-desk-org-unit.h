/* jf-desk-org-unit.h: a unit of the org tree, as GET /v1/org-units lists it */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_ORG_UNIT (jf_desk_org_unit_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOrgUnit, jf_desk_org_unit, JF_DESK, ORG_UNIT, GObject)

JfDeskOrgUnit *jf_desk_org_unit_new           (const char    *code,
                                               const char    *name,
                                               const char    *level,
                                               const char    *path);
/* NULL unless @object has a code and a name. */
JfDeskOrgUnit *jf_desk_org_unit_new_from_json (JsonObject    *object);

const char    *jf_desk_org_unit_get_code      (JfDeskOrgUnit *self);
const char    *jf_desk_org_unit_get_name      (JfDeskOrgUnit *self);
/* "龙山区 › 东吉街道 › 福镇社区"; the name when the server gave no path. */
const char    *jf_desk_org_unit_get_path      (JfDeskOrgUnit *self);
/* The level's label ("乡镇/街道"), or "". */
const char    *jf_desk_org_unit_get_level_label (JfDeskOrgUnit *self);

G_END_DECLS
