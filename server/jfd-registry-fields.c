/* jfd-registry-fields.c: reading and checking the members of registry records
 *
 * Each member has a reader that checks it strictly and writes the columns it stands for
 * into the "set" that the database's save functions take: a person's ID number becomes
 * its sealed form, its keyed hashes (whole, last 4, last 6 characters), its masked form,
 * the birth date and the sex; a unit's code becomes the unit's row id, once it is known
 * to lie in the actor's subtree. The API's JSON bodies and the rows of a CSV file go
 * through the same readers.
 */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-json.h"
#include "jf-phone.h"
#include "jfd-engine-registry-private.h"
#include "jfd-personal.h"

typedef gboolean (*Reader) (const JfdRegistryInput *in,
                            JsonObject             *body,
                            const char             *member,
                            JfJsonFlags             flags,
                            JsonObject             *set,
                            GError                **error);

typedef struct
{
  const char *member;
  Reader      read;
  gboolean    required;  /* when creating; a change may not clear it */
} Field;

const char *
jfd_registry_kind_singular (JfdRegistryKind kind)
{
  static const char * const names[] = { "person", "place", "organisation", "thing" };

  g_return_val_if_fail (kind <= JFD_REGISTRY_THINGS, NULL);
  return names[kind];
}

gboolean
jfd_registry_require (JfdActor  *actor,
                      gboolean   writing,
                      GError   **error)
{
  if ((actor->roles & (writing ? JFD_REGISTRY_WRITERS : JFD_REGISTRY_READERS)) != 0)
    return TRUE;
  jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                writing ? "Your roles may not change the registry"
                        : "Your roles work on whistled matters, not on the registry");
  return FALSE;
}

gboolean
jfd_registry_admit (JfdActor   *actor,
                    JsonObject *doc)
{
  JsonNode *node = json_object_get_member (doc, "scope");
  gboolean visible = TRUE;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *scope = json_node_get_object (node);
      JfdPlace place = {
        (int) json_object_get_int_member_with_default (scope, "org_id", 0),
        (int) json_object_get_int_member_with_default (scope, "county_id", 0),
        (int) json_object_get_int_member_with_default (scope, "township_id", 0),
        (int) json_object_get_int_member_with_default (scope, "village_id", 0),
      };

      visible = jfd_actor_covers (actor, &place);
    }
  json_object_remove_member (doc, "scope");
  return visible;
}

char *
jfd_registry_root_param (JfdActor *actor)
{
  return g_strdup_printf ("%d", actor->org_id);
}

char *
jfd_registry_index_base64 (JfdCrypto  *crypto,
                           const char *domain,
                           const char *value)
{
  guint8 hash[JFD_CRYPTO_HASH_BYTES];

  jfd_crypto_index (crypto, domain, value, hash);
  return g_base64_encode (hash, sizeof hash);
}

gboolean
jfd_registry_open_numbers (JfdCrypto   *crypto,
                           JsonObject  *sealed,
                           JsonObject  *doc,
                           GError     **error)
{
  static const char * const members[] = { "id_number", "phone" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *whole = jfd_personal_open (
        crypto, json_object_get_string_member_with_default (sealed, members[i], NULL), error);

      if (whole == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (whole != NULL)
        json_object_set_string_member (doc, members[i], whole);
    }
  return TRUE;
}

/* bytea as jsonb_populate_record reads it from a JSON string. */
static void
set_bytea (JsonObject   *set,
           const char   *column,
           const guint8 *data,
           gsize         len)
{
  GString *hex = g_string_sized_new (2 + 2 * len);

  g_string_append (hex, "\\x");
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", data[i]);
  json_object_set_string_member (set, column, hex->str);
  g_string_free (hex, TRUE);
}

static void
set_index (const JfdRegistryInput *in,
           JsonObject             *set,
           const char             *column,
           const char             *domain,
           const char             *value)
{
  guint8 hash[JFD_CRYPTO_HASH_BYTES];

  jfd_crypto_index (in->crypto, domain, value, hash);
  set_bytea (set, column, hash, sizeof hash);
}

static void
set_sealed (const JfdRegistryInput *in,
            JsonObject             *set,
            const char             *column,
            const char             *value)
{
  g_autoptr(GBytes) sealed = jfd_crypto_seal (in->crypto, value);
  gsize len;
  const guint8 *data = g_bytes_get_data (sealed, &len);

  set_bytea (set, column, data, len);
}

static void
set_nulls (JsonObject         *set,
           const char * const *columns)
{
  for (guint i = 0; columns[i] != NULL; i++)
    json_object_set_null_member (set, columns[i]);
}

/* Whether @member is given as null (or blank): a change clears it. */
static gboolean
is_cleared (JsonObject *body,
            const char *member)
{
  return json_object_has_member (body, member);
}

/* The validators of jf-id-number.h and jf-phone.h name no field; here it is known. */
static gboolean
refuse_at (GError     **error,
           GError      *local_error,
           const char  *member)
{
  jf_error_prefix_field (local_error, member);
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
read_text (JsonObject  *body,
           const char  *member,
           JfJsonFlags  flags,
           guint        max_chars,
           JsonObject  *set,
           const char  *column,
           GError     **error)
{
  g_autofree char *value = NULL;

  if (!jf_json_read_string (body, NULL, member, flags, 1, max_chars, &value, error))
    return FALSE;
  if (value != NULL)
    json_object_set_string_member (set, column, value);
  else if (is_cleared (body, member))
    json_object_set_null_member (set, column);
  return TRUE;
}

static gboolean
read_name (const JfdRegistryInput *in, JsonObject *body, const char *member, JfJsonFlags flags,
           JsonObject *set, GError **error)
{
  return read_text (body, member, flags | JF_JSON_SINGLE_LINE, 50, set, "name", error);
}

static gboolean
read_long_name (const JfdRegistryInput *in, JsonObject *body, const char *member,
                JfJsonFlags flags, JsonObject *set, GError **error)
{
  return read_text (body, member, flags | JF_JSON_SINGLE_LINE, 100, set, "name", error);
}

static gboolean
read_address (const JfdRegistryInput *in, JsonObject *body, const char *member,
              JfJsonFlags flags, JsonObject *set, GError **error)
{
  return read_text (body, member, flags | JF_JSON_SINGLE_LINE, 200, set, "address", error);
}

static gboolean
read_contact_name (const JfdRegistryInput *in, JsonObject *body, const char *member,
                   JfJsonFlags flags, JsonObject *set, GError **error)
{
  return read_text (body, member, flags | JF_JSON_SINGLE_LINE, 50, set, "contact_name", error);
}

static gboolean
read_description (const JfdRegistryInput *in, JsonObject *body, const char *member,
                  JfJsonFlags flags, JsonObject *set, GError **error)
{
  return read_text (body, member, flags, 1000, set, "description", error);
}

static gboolean
read_id_number (const JfdRegistryInput *in, JsonObject *body, const char *member,
                JfJsonFlags flags, JsonObject *set, GError **error)
{
  static const char * const columns[] = { "id_number_enc", "id_number_hmac", "id_number_masked",
                                          "id_tail4_hmac", "id_tail6_hmac", "birth_date", "sex",
                                          NULL };
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;
  GError *local_error = NULL;
  JfIdNumber id;
  char date[16];

  /* The generous length leaves the message about what is wrong to the validator. */
  if (!jf_json_read_string (body, NULL, member, flags | JF_JSON_SINGLE_LINE, 1, 32, &text,
                            error))
    return FALSE;
  if (text == NULL)
    {
      if (is_cleared (body, member))
        set_nulls (set, columns);
      return TRUE;
    }
  if (!jf_id_number_validate (text, &id, &local_error))
    return refuse_at (error, local_error, member);
  masked = jf_id_number_mask (id.number);
  set_sealed (in, set, "id_number_enc", id.number);
  set_index (in, set, "id_number_hmac", "id", id.number);
  set_index (in, set, "id_tail4_hmac", "id4", id.number + 14);
  set_index (in, set, "id_tail6_hmac", "id6", id.number + 12);
  json_object_set_string_member (set, "id_number_masked", masked);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &id.birth_date);
  json_object_set_string_member (set, "birth_date", date);
  json_object_set_string_member (set, "sex", id.male ? "male" : "female");
  return TRUE;
}

static gboolean
read_phone (const JfdRegistryInput *in, JsonObject *body, const char *member, JfJsonFlags flags,
            JsonObject *set, GError **error)
{
  static const char * const columns[] = { "phone_enc", "phone_hmac", "phone_tail4_hmac",
                                          "phone_masked", NULL };
  g_autofree char *text = NULL;
  g_autofree char *masked = NULL;
  GError *local_error = NULL;
  gsize len;

  if (!jf_json_read_string (body, NULL, member, flags | JF_JSON_SINGLE_LINE, 1, 20, &text,
                            error))
    return FALSE;
  if (text == NULL)
    {
      if (is_cleared (body, member))
        set_nulls (set, columns);
      return TRUE;
    }
  /* One spelling per number, so that the same person is found by it (jf-phone.h). */
  if (!jf_phone_validate (text, NULL, &local_error))
    return refuse_at (error, local_error, member);
  len = strlen (text);
  masked = jf_phone_mask (text);
  set_sealed (in, set, "phone_enc", text);
  set_index (in, set, "phone_hmac", "phone", text);
  set_index (in, set, "phone_tail4_hmac", "phone4", text + len - 4);
  json_object_set_string_member (set, "phone_masked", masked);
  return TRUE;
}

/* A unit of the actor's subtree, by its code, into @column. */
static gboolean
read_unit (const JfdRegistryInput *in,
           JsonObject             *body,
           const char             *member,
           JfJsonFlags             flags,
           JsonObject             *set,
           const char             *column,
           GError                **error)
{
  g_autofree char *code = NULL;
  const JfdOrgUnit *unit;
  JfdPlace place;

  if (!jf_json_read_string (body, NULL, member, flags | JF_JSON_SINGLE_LINE, 1, 15, &code,
                            error))
    return FALSE;
  if (code == NULL)
    {
      if (is_cleared (body, member))
        json_object_set_null_member (set, column);
      return TRUE;
    }
  unit = jfd_catalog_org_by_code (in->catalog, code);
  if (unit == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, member, "There is no unit with the code “%s”",
                    code);
      return FALSE;
    }
  place.org_id = unit->id;
  place.county_id = unit->county_id;
  place.township_id = unit->township_id;
  place.village_id = unit->village_id;
  if (!jfd_actor_covers (in->actor, &place))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, member, "“%s” (%s) is outside your scope",
                    unit->name, unit->code);
      return FALSE;
    }
  json_object_set_int_member (set, column, unit->id);
  return TRUE;
}

static gboolean
read_grid (const JfdRegistryInput *in, JsonObject *body, const char *member, JfJsonFlags flags,
           JsonObject *set, GError **error)
{
  return read_unit (in, body, member, flags, set, "grid_id", error);
}

static gboolean
read_org (const JfdRegistryInput *in, JsonObject *body, const char *member, JfJsonFlags flags,
          JsonObject *set, GError **error)
{
  return read_unit (in, body, member, flags, set, "org_id", error);
}

static gboolean
read_tags (const JfdRegistryInput *in, JsonObject *body, const char *member, JfJsonFlags flags,
           JsonObject *set, GError **error)
{
  JsonArray *tags = NULL;
  g_autoptr(JsonArray) out = json_array_new ();
  g_autofree char *path = NULL;

  if (!jf_json_read_array (body, NULL, member, flags, 0, 20, &tags, error))
    return FALSE;
  if (tags == NULL)
    {
      if (is_cleared (body, member))
        json_object_set_array_member (set, "tags", json_array_new ());
      return TRUE;
    }
  path = g_strdup (member);
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      g_autofree char *tag = NULL;
      gboolean seen = FALSE;

      if (!jf_json_array_get_string (tags, path, i, JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE,
                                     1, 20, &tag, error))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (out) && !seen; j++)
        seen = g_str_equal (json_array_get_string_element (out, j), tag);
      if (!seen)
        json_array_add_string_element (out, tag);
    }
  json_object_set_array_member (set, "tags", g_steal_pointer (&out));
  return TRUE;
}

static gboolean
read_enum (JsonObject          *body,
           const char          *member,
           JfJsonFlags          flags,
           const char * const  *allowed,
           JsonObject          *set,
           GError             **error)
{
  guint value = 0;

  if (!json_object_has_member (body, member) && !(flags & JF_JSON_REQUIRED))
    return TRUE;
  if (!jf_json_read_enum (body, NULL, member, flags | JF_JSON_REQUIRED, allowed, &value, error))
    return FALSE;
  json_object_set_string_member (set, "kind", allowed[value]);
  return TRUE;
}

static gboolean
read_place_kind (const JfdRegistryInput *in, JsonObject *body, const char *member,
                 JfJsonFlags flags, JsonObject *set, GError **error)
{
  static const char * const kinds[] = { "address", "building", "facility", "area", NULL };

  return read_enum (body, member, flags, kinds, set, error);
}

static gboolean
read_organisation_kind (const JfdRegistryInput *in, JsonObject *body, const char *member,
                        JfJsonFlags flags, JsonObject *set, GError **error)
{
  static const char * const kinds[] = { "company", "social_organisation", "institution",
                                        "other", NULL };

  return read_enum (body, member, flags, kinds, set, error);
}

static gboolean
read_thing_kind (const JfdRegistryInput *in, JsonObject *body, const char *member,
                 JfJsonFlags flags, JsonObject *set, GError **error)
{
  static const char * const kinds[] = { "facility", "vehicle", "equipment", "land", "other",
                                        NULL };

  return read_enum (body, member, flags, kinds, set, error);
}

/* The unified social credit code, GB 32100-2015: 18 characters of
 * 0-9 A-H J-N P Q R T U W X Y, the last a check character over the first 17. */
static gboolean
credit_code_is_valid (const char *code)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30,
                                   28 };
  int sum = 0;
  int check;

  if (strlen (code) != 18)
    return FALSE;
  for (guint i = 0; i < 18; i++)
    if (strchr (alphabet, code[i]) == NULL || code[i] == '\0')
      return FALSE;
  for (guint i = 0; i < 17; i++)
    sum += (int) (strchr (alphabet, code[i]) - alphabet) * weights[i];
  check = (31 - sum % 31) % 31;
  return code[17] == alphabet[check];
}

static gboolean
read_credit_code (const JfdRegistryInput *in, JsonObject *body, const char *member,
                  JfJsonFlags flags, JsonObject *set, GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;

  if (!jf_json_read_string (body, NULL, member, flags | JF_JSON_SINGLE_LINE, 1, 32, &text,
                            error))
    return FALSE;
  if (text == NULL)
    {
      if (is_cleared (body, member))
        json_object_set_null_member (set, "credit_code");
      return TRUE;
    }
  code = g_ascii_strup (text, -1);
  if (!credit_code_is_valid (code))
    {
      jf_set_error (error, JF_ERROR_INVALID, member,
                    "Not a unified social credit code: 18 characters whose last is the check "
                    "character of GB 32100");
      return FALSE;
    }
  json_object_set_string_member (set, "credit_code", code);
  return TRUE;
}

static gboolean
read_reference (JsonObject  *body,
                const char  *member,
                JfJsonFlags  flags,
                JsonObject  *set,
                GError     **error)
{
  gint64 id = 0;

  if (!jf_json_read_int (body, NULL, member, flags, 1, G_MAXINT64 / 2, &id, error))
    return FALSE;
  if (id > 0)
    json_object_set_int_member (set, member, id);
  else if (is_cleared (body, member))
    json_object_set_null_member (set, member);
  return TRUE;
}

static gboolean
read_record_id (const JfdRegistryInput *in, JsonObject *body, const char *member,
               JfJsonFlags flags, JsonObject *set, GError **error)
{
  return read_reference (body, member, flags, set, error);
}

/* Latitude and longitude go together: "lat" reads both. */
static gboolean
read_coordinates (const JfdRegistryInput *in, JsonObject *body, const char *member,
                  JfJsonFlags flags, JsonObject *set, GError **error)
{
  gboolean has_lat = json_object_has_member (body, "lat");
  gboolean has_lng = json_object_has_member (body, "lng");
  double lat = 0, lng = 0;

  if (g_str_equal (member, "lng"))
    return TRUE;
  if (has_lat != has_lng)
    {
      jf_set_error (error, JF_ERROR_INVALID, has_lat ? "lng" : "lat",
                    "Latitude and longitude go together");
      return FALSE;
    }
  if (!has_lat)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (body, "lat")) &&
      JSON_NODE_HOLDS_NULL (json_object_get_member (body, "lng")))
    {
      json_object_set_null_member (set, "lat");
      json_object_set_null_member (set, "lng");
      return TRUE;
    }
  if (!jf_json_read_double (body, NULL, "lat", JF_JSON_REQUIRED, -90, 90, &lat, error) ||
      !jf_json_read_double (body, NULL, "lng", JF_JSON_REQUIRED, -180, 180, &lng, error))
    return FALSE;
  json_object_set_double_member (set, "lat", lat);
  json_object_set_double_member (set, "lng", lng);
  return TRUE;
}

static const Field person_fields[] = {
  { "name", read_name, TRUE },
  { "id_number", read_id_number, FALSE },
  { "phone", read_phone, FALSE },
  { "address", read_address, FALSE },
  { "grid", read_grid, TRUE },
  { "tags", read_tags, FALSE },
  { NULL, NULL, FALSE },
};

static const Field place_fields[] = {
  { "kind", read_place_kind, FALSE },
  { "name", read_long_name, TRUE },
  { "address", read_address, TRUE },
  { "org", read_org, TRUE },
  { "lat", read_coordinates, FALSE },
  { "lng", read_coordinates, FALSE },
  { NULL, NULL, FALSE },
};

static const Field organisation_fields[] = {
  { "kind", read_organisation_kind, TRUE },
  { "name", read_long_name, TRUE },
  { "credit_code", read_credit_code, FALSE },
  { "address", read_address, FALSE },
  { "org", read_org, FALSE },
  { "contact_name", read_contact_name, FALSE },
  { NULL, NULL, FALSE },
};

static const Field thing_fields[] = {
  { "kind", read_thing_kind, TRUE },
  { "name", read_long_name, TRUE },
  { "description", read_description, FALSE },
  { "org", read_org, TRUE },
  { "place_id", read_record_id, FALSE },
  { "owner_person_id", read_record_id, FALSE },
  { "owner_organisation_id", read_record_id, FALSE },
  { NULL, NULL, FALSE },
};

static const Field *
fields_of (JfdRegistryKind kind)
{
  static const Field * const tables[] = { person_fields, place_fields, organisation_fields,
                                          thing_fields };

  return tables[kind];
}

static gboolean
read_field (const JfdRegistryInput *in,
            const Field            *field,
            JsonObject             *body,
            gboolean                creating,
            JsonObject             *set,
            GError                **error)
{
  gboolean present = json_object_has_member (body, field->member);
  JfJsonFlags flags = field->required && (creating || present) ? JF_JSON_REQUIRED
                                                               : JF_JSON_OPTIONAL;

  if (!creating && !present)
    return TRUE;
  return field->read (in, body, field->member, flags, set, error);
}

gboolean
jfd_registry_read (const JfdRegistryInput *in,
                   JfdRegistryKind         kind,
                   JsonObject             *body,
                   gboolean                creating,
                   JsonObject             *set,
                   JsonArray              *fields,
                   GError                **error)
{
  const Field *table = fields_of (kind);
  g_autoptr(GPtrArray) allowed = g_ptr_array_new ();

  for (guint i = 0; table[i].member != NULL; i++)
    g_ptr_array_add (allowed, (gpointer) table[i].member);
  if (!creating)
    g_ptr_array_add (allowed, (gpointer) "version");
  g_ptr_array_add (allowed, NULL);
  if (!jf_json_check_members (body, NULL, (const char * const *) allowed->pdata, error))
    return FALSE;
  for (guint i = 0; table[i].member != NULL; i++)
    {
      if (!read_field (in, &table[i], body, creating, set, error))
        return FALSE;
      if (json_object_has_member (body, table[i].member))
        json_array_add_string_element (fields, table[i].member);
    }
  return TRUE;
}

gboolean
jfd_registry_read_member (const JfdRegistryInput *in,
                          JfdRegistryKind         kind,
                          const char             *member,
                          JsonObject             *body,
                          JsonObject             *set,
                          GError                **error)
{
  const Field *table = fields_of (kind);

  for (guint i = 0; table[i].member != NULL; i++)
    if (g_str_equal (table[i].member, member))
      return read_field (in, &table[i], body, TRUE, set, error);
  g_return_val_if_reached (FALSE);
}
