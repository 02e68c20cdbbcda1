/* jf-desk-staff-account.c: an account as the administrator manages it */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-json.h"
#include "jf-desk-staff-account.h"

struct _JfDeskStaffAccount
{
  GObject    parent_instance;

  gint64     id;
  gint64     version;
  char      *username;
  char      *name;
  JfRoleSet  roles;
  char      *org_code;
  char      *org_name;
  char      *org_level;
  char      *department;
  char      *department_name;
  char      *phone;
  gboolean   disabled;
  char      *locked_until;
};

G_DEFINE_FINAL_TYPE (JfDeskStaffAccount, jf_desk_staff_account, G_TYPE_OBJECT)

static void
clear_fields (JfDeskStaffAccount *self)
{
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->org_code, g_free);
  g_clear_pointer (&self->org_name, g_free);
  g_clear_pointer (&self->org_level, g_free);
  g_clear_pointer (&self->department, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->locked_until, g_free);
}

static void
forget_names (JfDeskStaffAccount *self)
{
  g_clear_pointer (&self->department_name, g_free);
}

static void
jf_desk_staff_account_finalize (GObject *object)
{
  clear_fields (JF_DESK_STAFF_ACCOUNT (object));
  forget_names (JF_DESK_STAFF_ACCOUNT (object));
  G_OBJECT_CLASS (jf_desk_staff_account_parent_class)->finalize (object);
}

static void
jf_desk_staff_account_class_init (JfDeskStaffAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_staff_account_finalize;
}

static void
jf_desk_staff_account_init (JfDeskStaffAccount *self)
{
}

static gboolean
valid (JsonObject *object)
{
  return jf_desk_json_int (object, "id", 0) > 0 && jf_desk_json_string (object, "username") != NULL &&
         jf_desk_json_string (jf_desk_json_member_object (object, "org"), "code") != NULL;
}

static void
read_fields (JfDeskStaffAccount *self,
             JsonObject         *object)
{
  JsonObject *org = jf_desk_json_member_object (object, "org");
  JsonArray *roles = jf_desk_json_member_array (object, "roles");

  /* The name read for another department would be wrong now. */
  if (g_strcmp0 (self->department, jf_desk_json_string (object, "department")) != 0)
    forget_names (self);
  clear_fields (self);
  self->id = jf_desk_json_int (object, "id", 0);
  self->version = jf_desk_json_int (object, "version", 0);
  self->username = g_strdup (jf_desk_json_string (object, "username"));
  self->name = g_strdup (jf_desk_json_string (object, "name"));
  self->org_code = g_strdup (jf_desk_json_string (org, "code"));
  self->org_name = g_strdup (jf_desk_json_string (org, "name"));
  self->org_level = g_strdup (jf_desk_json_string (org, "level"));
  self->department = g_strdup (jf_desk_json_string (object, "department"));
  self->phone = g_strdup (jf_desk_json_string (object, "phone"));
  self->disabled = jf_desk_json_bool (object, "disabled");
  self->locked_until = g_strdup (jf_desk_json_string (object, "locked_until"));
  self->roles = 0;
  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      JsonNode *element = json_array_get_element (roles, i);
      JfRole role;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          jf_role_from_string (json_node_get_string (element), &role))
        self->roles |= JF_ROLE_BIT (role);
    }
}

JfDeskStaffAccount *
jf_desk_staff_account_new_from_json (JsonObject *object)
{
  JfDeskStaffAccount *self;

  if (!valid (object))
    return NULL;
  self = g_object_new (JF_DESK_TYPE_STAFF_ACCOUNT, NULL);
  read_fields (self, object);
  return self;
}

gboolean
jf_desk_staff_account_update (JfDeskStaffAccount *self,
                              JsonObject         *object)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), FALSE);

  if (!valid (object) || jf_desk_json_int (object, "id", 0) != self->id)
    return FALSE;
  read_fields (self, object);
  return TRUE;
}

gint64
jf_desk_staff_account_get_id (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), 0);
  return self->id;
}

gint64
jf_desk_staff_account_get_version (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), 0);
  return self->version;
}

const char *
jf_desk_staff_account_get_username (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->username;
}

const char *
jf_desk_staff_account_get_name (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->name != NULL ? self->name : "";
}

JfRoleSet
jf_desk_staff_account_get_roles (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), 0);
  return self->roles;
}

char *
jf_desk_staff_account_dup_roles_label (JfDeskStaffAccount *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);

  for (guint r = 0; r < JF_N_ROLES; r++)
    if (jf_role_set_has (self->roles, (JfRole) r))
      {
        if (text->len > 0)
          /* TRANSLATORS: between the roles of an account in a list. */
          g_string_append (text, _(", "));
        g_string_append (text, jf_role_label ((JfRole) r));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
jf_desk_staff_account_get_org_code (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->org_code;
}

const char *
jf_desk_staff_account_get_org_name (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->org_name != NULL ? self->org_name : self->org_code;
}

const char *
jf_desk_staff_account_get_org_level (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->org_level;
}

const char *
jf_desk_staff_account_get_department (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->department;
}

const char *
jf_desk_staff_account_get_department_name (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->department_name;
}

void
jf_desk_staff_account_set_department_name (JfDeskStaffAccount *self,
                                           const char         *name)
{
  g_return_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self));
  g_free (self->department_name);
  self->department_name = g_strdup (name);
}

const char *
jf_desk_staff_account_get_phone (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->phone;
}

gboolean
jf_desk_staff_account_get_disabled (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), FALSE);
  return self->disabled;
}

const char *
jf_desk_staff_account_get_locked_until (JfDeskStaffAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_STAFF_ACCOUNT (self), NULL);
  return self->locked_until;
}
