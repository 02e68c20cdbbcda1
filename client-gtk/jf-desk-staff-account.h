/* jf-desk-staff-account.h: an account as the administrator manages it
 * (GET /v1/accounts, POST and PATCH answers: StaffAccount in the API)
 *
 * Not the signed-in account (jf-desk-account.h): this one has the version an edit must
 * name, the department, the phone, whether it is disabled or locked.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "jf-enums.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_STAFF_ACCOUNT (jf_desk_staff_account_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskStaffAccount, jf_desk_staff_account, JF_DESK, STAFF_ACCOUNT, GObject)

/* NULL unless @object has an id, a username and a unit. */
JfDeskStaffAccount *jf_desk_staff_account_new_from_json (JsonObject         *object);
/* Takes a newer version of the same account; FALSE if @object is another one. */
gboolean     jf_desk_staff_account_update         (JfDeskStaffAccount *self,
                                                   JsonObject         *object);

gint64       jf_desk_staff_account_get_id         (JfDeskStaffAccount *self);
gint64       jf_desk_staff_account_get_version    (JfDeskStaffAccount *self);
const char  *jf_desk_staff_account_get_username   (JfDeskStaffAccount *self);
const char  *jf_desk_staff_account_get_name       (JfDeskStaffAccount *self);
JfRoleSet    jf_desk_staff_account_get_roles      (JfDeskStaffAccount *self);
/* "调解员、窗口受理员", in the order of JfRole. */
char        *jf_desk_staff_account_dup_roles_label (JfDeskStaffAccount *self);
const char  *jf_desk_staff_account_get_org_code   (JfDeskStaffAccount *self);
const char  *jf_desk_staff_account_get_org_name   (JfDeskStaffAccount *self);
const char  *jf_desk_staff_account_get_org_level  (JfDeskStaffAccount *self);
/* The department's code ("220402-housing"), or NULL. */
const char  *jf_desk_staff_account_get_department (JfDeskStaffAccount *self);
/* The department's name, once the console has read it (else NULL). */
const char  *jf_desk_staff_account_get_department_name (JfDeskStaffAccount *self);
void         jf_desk_staff_account_set_department_name (JfDeskStaffAccount *self,
                                                        const char         *name);
const char  *jf_desk_staff_account_get_phone      (JfDeskStaffAccount *self);
gboolean     jf_desk_staff_account_get_disabled   (JfDeskStaffAccount *self);
/* Locked after too many wrong passwords, until then (RFC 3339), or NULL. */
const char  *jf_desk_staff_account_get_locked_until (JfDeskStaffAccount *self);

G_END_DECLS
