/* jf-desk-account.c: the signed-in account */
#include "config.h"

#include "jf-error.h"
#include "jf-desk-account.h"

struct _JfDeskAccount
{
  GObject    parent_instance;

  gint64     id;
  char      *username;
  char      *name;
  JfRoleSet  roles;
  char      *org_code;
  char      *org_name;
  JfLevel    org_level;
};

G_DEFINE_FINAL_TYPE (JfDeskAccount, jf_desk_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_NAME,
  PROP_ORG_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jf_desk_account_finalize (GObject *object)
{
  JfDeskAccount *self = JF_DESK_ACCOUNT (object);

  g_free (self->username);
  g_free (self->name);
  g_free (self->org_code);
  g_free (self->org_name);
  G_OBJECT_CLASS (jf_desk_account_parent_class)->finalize (object);
}

static void
jf_desk_account_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JfDeskAccount *self = JF_DESK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ORG_NAME:
      g_value_set_string (value, self->org_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_account_class_init (JfDeskAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_account_finalize;
  object_class->get_property = jf_desk_account_get_property;

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORG_NAME] =
    g_param_spec_string ("org-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_account_init (JfDeskAccount *self)
{
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JfDeskAccount *
jf_desk_account_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr(JfDeskAccount) self = g_object_new (JF_DESK_TYPE_ACCOUNT, NULL);
  JsonObject *org = NULL;
  JsonNode *node;

  if (object == NULL)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "The server sent no account");
      return NULL;
    }
  node = json_object_get_member (object, "org");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    org = json_node_get_object (node);
  node = json_object_get_member (object, "id");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || string_member (object, "username") == NULL ||
      string_member (org, "code") == NULL)
    {
      jf_set_error (error, JF_ERROR_MALFORMED, NULL, "The server sent an incomplete account");
      return NULL;
    }
  self->id = json_node_get_int (node);
  self->username = g_strdup (string_member (object, "username"));
  self->name = g_strdup (string_member (object, "name") != NULL ? string_member (object, "name")
                         : self->username);
  self->org_code = g_strdup (string_member (org, "code"));
  self->org_name = g_strdup (string_member (org, "name") != NULL ? string_member (org, "name")
                             : self->org_code);
  if (!jf_level_from_string (string_member (org, "level"), &self->org_level))
    self->org_level = JF_LEVEL_TOWNSHIP;

  node = json_object_get_member (object, "roles");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *roles = json_node_get_array (node);

      /* A role this client does not know yet is ignored rather than refused: the server
       * decides what the account may do, the client only which pages to show. */
      for (guint i = 0; i < json_array_get_length (roles); i++)
        {
          JsonNode *element = json_array_get_element (roles, i);
          JfRole role;

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              jf_role_from_string (json_node_get_string (element), &role))
            self->roles |= JF_ROLE_BIT (role);
        }
    }
  return g_steal_pointer (&self);
}

gint64
jf_desk_account_get_id (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), 0);
  return self->id;
}

const char *
jf_desk_account_get_username (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), NULL);
  return self->username;
}

const char *
jf_desk_account_get_name (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), NULL);
  return self->name;
}

JfRoleSet
jf_desk_account_get_roles (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), 0);
  return self->roles;
}

gboolean
jf_desk_account_has_role (JfDeskAccount *self,
                          JfRole         role)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), FALSE);
  return jf_role_set_has (self->roles, role);
}

const char *
jf_desk_account_get_org_code (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), NULL);
  return self->org_code;
}

const char *
jf_desk_account_get_org_name (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), NULL);
  return self->org_name;
}

JfLevel
jf_desk_account_get_org_level (JfDeskAccount *self)
{
  g_return_val_if_fail (JF_DESK_IS_ACCOUNT (self), JF_LEVEL_TOWNSHIP);
  return self->org_level;
}
