/* jfd-engine-accounts.c: administering accounts
 *
 * An administrator manages the accounts whose home unit is in their subtree, and can
 * give an account only a unit in that subtree. Passwords are hashed on the worker pool.
 * Every change is on the audit chain (jf.create_account, jf.update_account).
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jf-phone.h"
#include "jfd-engine-private.h"
#include "jfd-password.h"

static const JfdStatement list_stmt = {
  "accounts_list",
  "SELECT coalesce(jsonb_agg(jf.account_json(a.id) - 'scope' ORDER BY a.username), '[]')::text "
  "FROM jf.accounts a JOIN jf.org_units o ON o.id = a.org_id "
  "WHERE CASE $2 WHEN 'city' THEN true WHEN 'county' THEN o.county_id = $1::integer "
  "              WHEN 'township' THEN o.township_id = $1::integer "
  "              WHEN 'village' THEN o.village_id = $1::integer ELSE o.id = $1::integer END "
  "  AND ($3::text IS NULL OR $3 = ANY (a.roles))",
  3,
};

static const JfdStatement get_stmt = {
  "accounts_get", "SELECT jf.account_json($1::integer)::text", 1,
};

static const JfdStatement create_stmt = {
  "accounts_create", "SELECT jf.create_account($1::jsonb)::text", 1,
};

static const JfdStatement update_stmt = {
  "accounts_update", "SELECT jf.update_account($1::jsonb)::text", 1,
};

typedef struct
{
  JfdActor   *actor;
  char       *id_text;
  JsonObject *write;      /* owned: the parameter of the write, being built */
  char       *password;   /* to hash, then forgotten */
} Change;

static void
change_free (Change *c)
{
  jfd_actor_unref (c->actor);
  g_free (c->id_text);
  g_clear_pointer (&c->write, json_object_unref);
  if (c->password != NULL)
    memset (c->password, 0, strlen (c->password));
  g_free (c->password);
  g_free (c);
}

static GTask *
change_task (JfdEngine           *self,
             JfdActor            *actor,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Change *c = g_new0 (Change, 1);

  g_task_set_source_tag (task, tag);
  c->actor = jfd_actor_ref (actor);
  c->write = json_object_new ();
  g_task_set_task_data (task, c, (GDestroyNotify) change_free);
  return task;
}

static gboolean
place_of_org (JfdEngine  *self,
              int         org_id,
              JfdPlace   *place)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdOrgUnit *org = jfd_catalog_org_by_id (catalog, org_id);

  if (org == NULL)
    return FALSE;
  place->org_id = org->id;
  place->county_id = org->county_id;
  place->township_id = org->township_id;
  place->village_id = org->village_id;
  return TRUE;
}

/* Whether @account (a document with "scope") is one @actor may see. */
static gboolean
admit_account (JsonObject *account,
               JfdActor   *actor,
               GError    **error)
{
  JsonObject *scope = json_object_get_object_member (account, "scope");
  JfdPlace place = {
    json_object_get_int_member_with_default (scope, "org_id", 0),
    json_object_get_int_member_with_default (scope, "county_id", 0),
    json_object_get_int_member_with_default (scope, "township_id", 0),
    json_object_get_int_member_with_default (scope, "village_id", 0),
  };

  if (!jfd_actor_covers (actor, &place))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL, "This account belongs to another unit");
      return FALSE;
    }
  json_object_remove_member (account, "scope");
  return TRUE;
}

static gboolean
require_admin (JfdActor  *actor,
               GError   **error)
{
  if (jfd_actor_has_role (actor, JF_ROLE_ADMIN))
    return TRUE;
  jf_set_error (error, JF_ERROR_FORBIDDEN, NULL, "Only an administrator manages accounts");
  return FALSE;
}

static void
json_answer_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GTask) task = data;
  Change *c = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *answer;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such account"));
      return;
    }
  answer = json_node_get_object (node);
  if (json_object_get_boolean_member_with_default (answer, "taken", FALSE))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_CONFLICT, "username",
                                               "This username is taken"));
      return;
    }
  if (json_object_has_member (answer, "invalid"))
    {
      JsonObject *invalid = json_object_get_object_member (answer, "invalid");

      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID,
                                               json_object_get_string_member (invalid, "field"),
                                               "%s", json_object_get_string_member (invalid,
                                                                                    "message")));
      return;
    }
  if (json_object_get_boolean_member_with_default (answer, "missing", FALSE))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such account"));
      return;
    }
  if (json_object_has_member (answer, "account"))
    {
      JsonObject *account = json_object_get_object_member (answer, "account");

      json_object_remove_member (account, "scope");
      if (json_object_get_boolean_member_with_default (answer, "conflict", FALSE))
        {
          error = jf_error_new (JF_ERROR_CONFLICT, "version",
                                "Someone changed this account meanwhile; look again");
          jf_error_set_detail (error, json_object_get_member (answer, "account"));
          g_task_return_error (task, error);
          return;
        }
      jfd_shared_bump_auth_generation (jfd_engine_get_shared (g_task_get_source_object (task)));
      jfd_engine_return_json (task, json_node_ref (json_object_get_member (answer, "account")));
      return;
    }
  /* A plain document (get). */
  if (!admit_account (answer, c->actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_return_json (task, g_steal_pointer (&node));
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *node;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    jfd_engine_return_json (task, node);
}

void
jfd_engine_list_accounts_async (JfdEngine           *self,
                                JfdActor            *actor,
                                const char          *org,
                                const char          *role,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = change_task (self, actor, cancellable, callback, user_data,
                                       jfd_engine_list_accounts_async);
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdOrgUnit *root = jfd_catalog_org_by_code (catalog, org != NULL ? org
                                                    : actor->org_code);
  JfdPlace place;
  g_autofree char *root_id = NULL;

  if (root == NULL || (role != NULL && !jf_role_from_string (role, NULL)))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, root == NULL ? "org" : "role",
                                               root == NULL ? "There is no such unit"
                                               : "There is no such role"));
      return;
    }
  place_of_org (self, root->id, &place);
  if (!jfd_actor_covers (actor, &place))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_FORBIDDEN, "org",
                                               "“%s” is outside your scope", root->name));
      return;
    }
  root_id = g_strdup_printf ("%d", root->id);
  jfd_engine_query (self, g_steal_pointer (&task), &list_stmt,
                    (const char *[]) { root_id, jf_level_to_string (root->level), role },
                    list_cb);
}

void
jfd_engine_get_account_async (JfdEngine           *self,
                              JfdActor            *actor,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = change_task (self, actor, cancellable, callback, user_data,
                             jfd_engine_get_account_async);
  Change *c = g_task_get_task_data (task);

  c->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  jfd_engine_query (self, task, &get_stmt, (const char *[]) { c->id_text }, json_answer_cb);
}

/* Reads the account fields of @body into c->write (as jf.*_account want them). */
static gboolean
read_account (JfdEngine   *self,
              JfdActor    *actor,
              JsonObject  *body,
              JsonObject  *out,
              gboolean     creating,
              GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  JfJsonFlags required = creating ? JF_JSON_REQUIRED : JF_JSON_OPTIONAL;
  g_autofree char *username = NULL, *name = NULL, *org = NULL, *department = NULL;
  g_autofree char *phone = NULL;
  JsonArray *roles = NULL;
  JfRoleSet role_set = 0;

  if (!jf_json_read_string (body, NULL, "username", required | JF_JSON_SINGLE_LINE, 2, 32,
                            &username, error) ||
      !jf_json_read_string (body, NULL, "name", required | JF_JSON_SINGLE_LINE, 1, 50, &name,
                            error) ||
      !jf_json_read_array (body, NULL, "roles", required, 1, JF_N_ROLES, &roles, error) ||
      !jf_json_read_string (body, NULL, "org", required | JF_JSON_SINGLE_LINE, 6, 15, &org,
                            error) ||
      !jf_json_read_string (body, NULL, "department", JF_JSON_SINGLE_LINE, 1, 64, &department,
                            error) ||
      !jf_json_read_string (body, NULL, "phone", JF_JSON_SINGLE_LINE, 1, 20, &phone, error))
    return FALSE;
  if (username != NULL)
    {
      if (!g_regex_match_simple ("^[a-z0-9][a-z0-9_.-]{1,31}$", username, 0, 0))
        {
          jf_set_error (error, JF_ERROR_INVALID, "username",
                        "A username is 2–32 lower-case letters, digits, “_”, “.” or “-”");
          return FALSE;
        }
      json_object_set_string_member (out, "username", username);
    }
  if (name != NULL)
    json_object_set_string_member (out, "name", name);
  if (roles != NULL)
    {
      JsonArray *spelled = json_array_new ();

      for (guint i = 0; i < json_array_get_length (roles); i++)
        {
          g_autofree char *path = g_strdup_printf ("roles[%u]", i);
          JsonNode *node = json_array_get_element (roles, i);
          JfRole role;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
              !jf_role_from_string (json_node_get_string (node), &role))
            {
              json_array_unref (spelled);
              jf_set_error (error, JF_ERROR_INVALID, path, "There is no such role");
              return FALSE;
            }
          if (!(role_set & JF_ROLE_BIT (role)))
            json_array_add_string_element (spelled, jf_role_to_string (role));
          role_set |= JF_ROLE_BIT (role);
        }
      json_object_set_array_member (out, "roles", spelled);
    }
  if (org != NULL)
    {
      const JfdOrgUnit *unit = jfd_catalog_org_by_code (catalog, org);
      JfdPlace place;

      if (unit == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, "org", "There is no unit “%s”", org);
          return FALSE;
        }
      place_of_org (self, unit->id, &place);
      if (!jfd_actor_covers (actor, &place))
        {
          jf_set_error (error, JF_ERROR_FORBIDDEN, "org", "“%s” is outside your scope",
                        unit->name);
          return FALSE;
        }
      json_object_set_int_member (out, "org_id", unit->id);
    }
  if (json_object_has_member (body, "department"))
    {
      const JfdDepartment *d = jfd_catalog_department_by_code (catalog, department);

      if (department != NULL && d == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, "department", "There is no such department");
          return FALSE;
        }
      if (d != NULL)
        json_object_set_int_member (out, "department_id", d->id);
      else
        json_object_set_null_member (out, "department_id");
    }
  if (roles != NULL && (role_set & JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON)) &&
      !json_object_has_member (out, "department_id") && creating)
    {
      jf_set_error (error, JF_ERROR_INVALID, "department",
                    "A department liaison needs the department they answer for");
      return FALSE;
    }
  if (phone != NULL)
    {
      if (!jf_phone_validate (phone, NULL, error))
        {
          jf_error_prefix_field (*error, "phone");
          return FALSE;
        }
      json_object_set_string_member (out, "phone", phone);
    }
  return TRUE;
}

static void
add_actor (JsonObject *write,
           JfdActor   *actor)
{
  json_object_set_int_member (write, "actor_id", actor->account_id);
  json_object_set_string_member (write, "actor_role", "admin");
  json_object_set_int_member (write, "actor_org_id", actor->org_id);
}

static void
run_write (JfdEngine          *self,
           GTask              *task,
           const JfdStatement *stmt)
{
  Change *c = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), c->write);
  g_autofree char *text = jf_json_to_string (node, NULL);

  jfd_engine_query (self, task, stmt, (const char *[]) { text }, json_answer_cb);
}

static gpointer
hash_password (gpointer data)
{
  return jfd_password_hash (data, NULL);
}

static void
hashed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Change *c = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *hash = jfd_shared_run_password_finish (self->shared, result, &error);
  JsonObject *target;

  if (hash == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_INTERNAL, NULL, "hashing failed"));
      return;
    }
  target = json_object_has_member (c->write, "changes")
           ? json_object_get_object_member (c->write, "changes") : c->write;
  json_object_set_string_member (target, "password_hash", hash);
  run_write (self, g_steal_pointer (&task),
             c->id_text != NULL ? &update_stmt : &create_stmt);
}

static void
hash_then_write (JfdEngine *self,
                 GTask     *task)
{
  Change *c = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  jfd_shared_run_password_async (self->shared, hash_password, g_strdup (c->password), g_free,
                                 cancellable, hashed_cb, task);
}

void
jfd_engine_create_account_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 JsonObject          *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const members[] = { "username", "name", "roles", "org", "department",
                                          "phone", "password", NULL };
  g_autoptr(GTask) task = change_task (self, actor, cancellable, callback, user_data,
                                       jfd_engine_create_account_async);
  Change *c = g_task_get_task_data (task);
  GError *error = NULL;

  if (!require_admin (actor, &error) ||
      !jf_json_check_members (body, NULL, members, &error) ||
      !read_account (self, actor, body, c->write, TRUE, &error) ||
      !jf_json_read_string (body, NULL, "password", JF_JSON_REQUIRED, 1, 200, &c->password,
                            &error) ||
      !jfd_password_is_acceptable (c->password, &error))
    {
      if (error->domain != JF_ERROR)
        {
          GError *converted = jf_error_new (JF_ERROR_INVALID, "password", "%s", error->message);
          g_error_free (error);
          error = converted;
        }
      g_task_return_error (task, error);
      return;
    }
  add_actor (c->write, actor);
  hash_then_write (self, g_steal_pointer (&task));
}

static void
target_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdEngine *self = g_task_get_source_object (task);
  Change *c = g_task_get_task_data (task);
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_NOT_FOUND, NULL, "No such account"));
      return;
    }
  /* The account as it is must be in the administrator's subtree, not only its new unit. */
  if (!admit_account (json_node_get_object (node), c->actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (c->password != NULL)
    hash_then_write (self, g_steal_pointer (&task));
  else
    run_write (self, g_steal_pointer (&task), &update_stmt);
}

void
jfd_engine_update_account_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               id,
                                 JsonObject          *body,
                                 gboolean             password_only,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const patch_members[] = { "version", "name", "roles", "org",
                                                "department", "phone", "disabled", NULL };
  static const char * const password_members[] = { "password", NULL };
  g_autoptr(GTask) task = change_task (self, actor, cancellable, callback, user_data,
                                       jfd_engine_update_account_async);
  Change *c = g_task_get_task_data (task);
  JsonObject *changes = json_object_new ();
  gint64 version = 0;
  gboolean disabled = FALSE;
  GError *error = NULL;

  c->id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  json_object_set_int_member (c->write, "account_id", id);
  json_object_set_object_member (c->write, "changes", changes);
  add_actor (c->write, actor);
  if (!require_admin (actor, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (password_only)
    {
      if (!jf_json_check_members (body, NULL, password_members, &error) ||
          !jf_json_read_string (body, NULL, "password", JF_JSON_REQUIRED, 1, 200, &c->password,
                                &error) ||
          !jfd_password_is_acceptable (c->password, &error))
        {
          if (error->domain != JF_ERROR)
            {
              GError *converted = jf_error_new (JF_ERROR_INVALID, "password", "%s",
                                                error->message);
              g_error_free (error);
              error = converted;
            }
          g_task_return_error (task, error);
          return;
        }
    }
  else
    {
      if (!jf_json_check_members (body, NULL, patch_members, &error) ||
          !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                             &error) ||
          !read_account (self, actor, body, changes, FALSE, &error) ||
          !jf_json_read_boolean (body, NULL, "disabled", JF_JSON_OPTIONAL, &disabled, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (json_object_has_member (body, "disabled"))
        json_object_set_boolean_member (changes, "disabled", disabled);
      if (id == actor->account_id && disabled)
        {
          g_task_return_error (task, jf_error_new (JF_ERROR_REFUSED, "disabled",
                                                   "You cannot disable your own account"));
          return;
        }
      if (json_object_get_size (changes) == 0)
        {
          g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL, "Nothing to change"));
          return;
        }
      json_object_set_int_member (c->write, "version", version);
    }
  jfd_engine_query (self, g_steal_pointer (&task), &get_stmt, (const char *[]) { c->id_text },
                    target_cb);
}
