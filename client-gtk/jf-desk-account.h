/* jf-desk-account.h: the signed-in account, as POST /v1/sessions and GET /v1/me give it */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "jf-enums.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ACCOUNT (jf_desk_account_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAccount, jf_desk_account, JF_DESK, ACCOUNT, GObject)

/* NULL (and JF_ERROR_MALFORMED) when @object lacks what every account has. */
JfDeskAccount *jf_desk_account_new_from_json (JsonObject     *object,
                                              GError        **error);

gint64         jf_desk_account_get_id        (JfDeskAccount  *self);
const char    *jf_desk_account_get_username  (JfDeskAccount  *self);
const char    *jf_desk_account_get_name      (JfDeskAccount  *self);
JfRoleSet      jf_desk_account_get_roles     (JfDeskAccount  *self);
gboolean       jf_desk_account_has_role      (JfDeskAccount  *self,
                                              JfRole          role);
const char    *jf_desk_account_get_org_code  (JfDeskAccount  *self);
const char    *jf_desk_account_get_org_name  (JfDeskAccount  *self);
JfLevel        jf_desk_account_get_org_level (JfDeskAccount  *self);

G_END_DECLS
