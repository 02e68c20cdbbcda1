/* jfd-engine-repeat.c: a matter's links to the registry, repeat disputes and risk
 *
 * A matter links to the people, places, organisations and things it concerns, so that
 * repeat disputes — the same people, the same place — are seen at once (DOMAIN.md §7).
 * Intake links its parties to the registered people with the same ID number by itself
 * (schema/0013, jf.intake); here a caseworker links what intake could not tell, on the
 * shape of every link operation (jfd-engine-links.c): read the matter and the record,
 * admit both for the actor, write in one statement with the timeline event.
 *
 * Repeat disputes are looked up two ways: for a registered matter (its own parties and
 * place) and while an intake is being typed (GET /v1/repeat: the numbers and the place
 * typed so far), both in the last 12 months and in the caller's subtree. The risk rules
 * themselves run in the database, in the transaction that registers or changes a matter
 * (jf.risk_evaluate); here their flags are read.
 */
#include "config.h"

#include "jf-id-number.h"
#include "jf-json.h"
#include "jf-phone.h"
#include "jfd-engine-links-private.h"
#include "jfd-engine-registry-private.h"

#define RELATED_LIMIT "20"
#define REPEAT_DEFAULT_LIMIT 10
#define REPEAT_MAX_LIMIT 50

static const JfdStatement link_read_stmt = {
  "registry_link_read",
  "SELECT jf.matter_json($1::bigint)::text, jf.registry_json($2, $3::bigint)::text", 3,
};

static const JfdStatement link_stmt = {
  "registry_link", "SELECT jf.matter_link($1::jsonb)::text", 1,
};

static const JfdStatement links_stmt = {
  "registry_links",
  "SELECT jf.matter_json($1::bigint)::text, jf.matter_links_json($1::bigint)::text", 1,
};

static const JfdStatement party_read_stmt = {
  "registry_party_read",
  "SELECT jf.matter_json($1::bigint)::text, jf.person_json($2::bigint)::text", 2,
};

static const JfdStatement party_stmt = {
  "registry_party_link", "SELECT jf.party_link_person($1::jsonb)::text", 1,
};

static const JfdStatement related_stmt = {
  "registry_related",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       jf.related_matters($1::bigint, $2::integer, $3::integer)::text", 3,
};

static const JfdStatement risks_stmt = {
  "registry_risks",
  "SELECT jf.matter_json($1::bigint)::text, jf.matter_risks_json($1::bigint)::text", 1,
};

static const JfdStatement repeat_stmt = {
  "registry_repeat",
  "SELECT jf.repeat_find("
  "  array_remove(ARRAY[decode($1, 'base64')], NULL), "
  "  array_remove(ARRAY[decode($2, 'base64')], NULL), "
  "  array_remove(ARRAY[$3::text], NULL), $4::integer, $5::text, '{}'::bigint[], "
  "  '{}'::bigint[], NULL::bigint, $6::integer, $7::integer)::text", 7,
};

/* The members of a link's body, by kind, in JfdRegistryKind's order. */
static const char * const link_members[] = { "person", "place", "organisation", "thing",
                                             "role", NULL };
static const char * const party_roles[] = { "applicant", "respondent", "third_party", NULL };

/* A record named in a body that does not exist, or that the actor may not see. */
static gboolean
judge_record (JfdLink     *link,
              const char  *noun,
              const char  *member,
              GError     **error)
{
  if (link->record == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, member, "No such %s", noun);
      return FALSE;
    }
  if (!jfd_registry_admit (link->actor, link->record))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, member,
                    "This %s belongs to another unit, outside your scope", noun);
      return FALSE;
    }
  return TRUE;
}

static gboolean
link_judge (JfdEngine  *self,
            JfdLink    *link,
            GError    **error)
{
  const char *kind = json_object_get_string_member (link->write, "kind");

  if (!jfd_link_require_roles (link, JFD_MATTER_WORKERS, "link a matter to the registry",
                               error))
    return FALSE;
  if (!json_object_get_boolean_member_with_default (link->write, "unlink", FALSE) &&
      !judge_record (link, kind, kind, error))
    return FALSE;
  json_object_set_int_member (link->write, "matter_id", link->id);
  jfd_link_add_actor (link, JFD_MATTER_WORKERS);
  return TRUE;
}

static void
run_link (JfdEngine       *self,
          GTask           *task,
          JfdRegistryKind  kind,
          gint64           target)
{
  JfdLink *link = jfd_link_get (task);
  g_autofree char *target_text = g_strdup_printf ("%" G_GINT64_FORMAT, target);
  const char *singular = jfd_registry_kind_singular (kind);

  json_object_set_string_member (link->write, "kind", singular);
  json_object_set_int_member (link->write, "target_id", target);
  jfd_link_run (self, task, &link_read_stmt,
                (const char *[]) { link->id_text, singular, target_text }, TRUE, link_judge,
                &link_stmt);
}

void
jfd_engine_link_registry_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               id,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_link_registry_async);
  JfdLink *link = jfd_link_get (task);
  JfdRegistryKind kind = JFD_REGISTRY_PEOPLE;
  gint64 target = 0;
  guint n = 0;
  guint role = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, link_members, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (JfdRegistryKind k = JFD_REGISTRY_PEOPLE; k <= JFD_REGISTRY_THINGS; k++)
    {
      if (!json_object_has_member (body, link_members[k]))
        continue;
      if (!jf_json_read_int (body, NULL, link_members[k], JF_JSON_REQUIRED, 1, G_MAXINT64 / 2,
                             &target, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      kind = k;
      n++;
    }
  if (n != 1)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL,
                                               "Link one record: give one of person, place, "
                                               "organisation and thing"));
      return;
    }
  if (json_object_has_member (body, "role"))
    {
      if (kind != JFD_REGISTRY_PEOPLE)
        {
          g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "role",
                                                   "Only a person has a role in a matter"));
          return;
        }
      if (!jf_json_read_enum (body, NULL, "role", JF_JSON_REQUIRED, party_roles, &role,
                              &error))
        {
          g_task_return_error (task, error);
          return;
        }
      json_object_set_string_member (link->write, "role", party_roles[role]);
    }
  run_link (self, g_steal_pointer (&task), kind, target);
}

void
jfd_engine_unlink_registry_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               matter_id,
                                  JfdRegistryKind      kind,
                                  gint64               target_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, matter_id, NULL,
                                             "No such matter, or it has no such link",
                                             cancellable, callback, user_data,
                                             jfd_engine_unlink_registry_async);

  json_object_set_boolean_member (jfd_link_get (task)->write, "unlink", TRUE);
  run_link (self, g_steal_pointer (&task), kind, target_id);
}

static gboolean
reader_judge (JfdEngine  *self,
              JfdLink    *link,
              GError    **error)
{
  return jfd_registry_require (link->actor, FALSE, error);
}

void
jfd_engine_list_registry_links_async (JfdEngine           *self,
                                      JfdActor            *actor,
                                      gint64               id,
                                      JsonObject          *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_list_registry_links_async);

  jfd_link_run (self, task, &links_stmt, NULL, FALSE, reader_judge, NULL);
}

static gboolean
party_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  JsonArray *parties = json_object_get_array_member (link->matter, "parties");
  gint64 party = json_object_get_int_member (link->write, "party_id");
  gboolean found = FALSE;

  if (!jfd_link_require_roles (link, JFD_MATTER_WORKERS, "link a party to the registry",
                               error))
    return FALSE;
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties) && !found; i++)
    found = json_object_get_int_member (json_array_get_object_element (parties, i), "id") ==
            party;
  if (!found)
    {
      jf_set_error (error, JF_ERROR_NOT_FOUND, NULL, "This matter has no such party");
      return FALSE;
    }
  if (!judge_record (link, "person", "person_id", error))
    return FALSE;
  json_object_set_int_member (link->write, "matter_id", link->id);
  jfd_link_add_actor (link, JFD_MATTER_WORKERS);
  return TRUE;
}

void
jfd_engine_link_party_async (JfdEngine           *self,
                             JfdActor            *actor,
                             gint64               matter_id,
                             gint64               party_id,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  static const char * const members[] = { "person_id", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, matter_id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_link_party_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *person_text = NULL;
  gint64 person = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "person_id", JF_JSON_REQUIRED, 1, G_MAXINT64 / 2, &person,
                         &error))
    {
      g_task_return_error (task, error);
      return;
    }
  json_object_set_int_member (link->write, "party_id", party_id);
  json_object_set_int_member (link->write, "person_id", person);
  person_text = g_strdup_printf ("%" G_GINT64_FORMAT, person);
  jfd_link_run (self, g_steal_pointer (&task), &party_read_stmt,
                (const char *[]) { link->id_text, person_text }, TRUE, party_judge,
                &party_stmt);
}

void
jfd_engine_related_matters_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               id,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_related_matters_async);
  g_autofree char *root = jfd_registry_root_param (actor);

  jfd_link_run (self, task, &related_stmt,
                (const char *[]) { jfd_link_get (task)->id_text, root, RELATED_LIMIT }, FALSE,
                reader_judge, NULL);
}

void
jfd_engine_list_risks_async (JfdEngine           *self,
                             JfdActor            *actor,
                             gint64               id,
                             JsonObject          *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_list_risks_async);

  /* The flags name other matters (a repeat dispute's): for the registry's readers, not for
   * a liaison reading a matter whistled to their department. */
  jfd_link_run (self, task, &risks_stmt, NULL, FALSE, reader_judge, NULL);
}

/* ---- While an intake is typed ---- */

static gboolean
query_text (GHashTable  *query,
            const char  *name,
            guint        max_chars,
            char       **out_value,
            GError     **error)
{
  const char *value = g_hash_table_lookup (query, name);
  g_autofree char *nfc = NULL;

  *out_value = NULL;
  if (value == NULL)
    return TRUE;
  if (!g_utf8_validate (value, -1, NULL) ||
      (nfc = g_utf8_normalize (value, -1, G_NORMALIZE_NFC)) == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, name, "Not valid text");
      return FALSE;
    }
  g_strstrip (nfc);
  if (nfc[0] == '\0' || g_utf8_strlen (nfc, -1) > (glong) max_chars)
    {
      jf_set_error (error, JF_ERROR_INVALID, name, "1 to %u characters", max_chars);
      return FALSE;
    }
  *out_value = g_steal_pointer (&nfc);
  return TRUE;
}

static void
repeat_cb (GObject      *source,
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
    {
      g_task_return_error (task, error != NULL ? error
                           : jf_error_new (JF_ERROR_INTERNAL, NULL, "no answer"));
      return;
    }
  jfd_engine_return_json (task, node);
}

void
jfd_engine_repeat_async (JfdEngine           *self,
                         JfdActor            *actor,
                         GHashTable          *query,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  JfdCrypto *crypto = jfd_shared_get_crypto (self->shared);
  g_autofree char *id_text = NULL, *phone = NULL, *name = NULL, *place_code = NULL;
  g_autofree char *address = NULL, *id_key = NULL, *phone_key = NULL, *place = NULL;
  g_autofree char *root = jfd_registry_root_param (actor);
  g_autofree char *limit_text = NULL;
  const char *limit_value = g_hash_table_lookup (query, "limit");
  guint64 limit = REPEAT_DEFAULT_LIMIT;
  GError *error = NULL;
  JfIdNumber id;

  g_task_set_source_tag (task, jfd_engine_repeat_async);
  if (!jfd_registry_require (actor, FALSE, &error) ||
      !query_text (query, "id_number", 32, &id_text, &error) ||
      !query_text (query, "phone", 20, &phone, &error) ||
      !query_text (query, "name", 50, &name, &error) ||
      !query_text (query, "place_org", 15, &place_code, &error) ||
      !query_text (query, "address", 200, &address, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (limit_value != NULL &&
      !g_ascii_string_to_unsigned (limit_value, 10, 1, REPEAT_MAX_LIMIT, &limit, NULL))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "limit",
                                               "The limit is 1 to %d", REPEAT_MAX_LIMIT));
      return;
    }
  if (id_text != NULL)
    {
      if (!jf_id_number_validate (id_text, &id, &error))
        {
          jf_error_prefix_field (error, "id_number");
          g_task_return_error (task, error);
          return;
        }
      id_key = jfd_registry_index_base64 (crypto, "id", id.number);
    }
  if (phone != NULL)
    {
      if (!jf_phone_validate (phone, NULL, &error))
        {
          jf_error_prefix_field (error, "phone");
          g_task_return_error (task, error);
          return;
        }
      phone_key = jfd_registry_index_base64 (crypto, "phone", phone);
    }
  if (place_code != NULL)
    {
      const JfdOrgUnit *unit = jfd_catalog_org_by_code (catalog, place_code);

      if (unit == NULL)
        {
          g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "place_org",
                                                   "There is no unit with the code “%s”",
                                                   place_code));
          return;
        }
      place = g_strdup_printf ("%d", unit->id);
    }
  if ((name != NULL || address != NULL) && place == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "place_org",
                                               "A name or an address is looked up at a "
                                               "place: give place_org too"));
      return;
    }
  if (id_key == NULL && phone_key == NULL && name == NULL && address == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL,
                                               "Give an ID number, a phone number, or a name "
                                               "or an address with place_org"));
      return;
    }
  limit_text = g_strdup_printf ("%" G_GUINT64_FORMAT, limit);
  jfd_engine_query (self, g_steal_pointer (&task), &repeat_stmt,
                    (const char *[]) { id_key, phone_key, name, place, address, root,
                                       limit_text },
                    repeat_cb);
}
