/* jf-intake.c: reading and writing the intake of a matter */
#include "config.h"

#include "jf-calendar.h"
#include "jf-error.h"
#include "jf-id-number.h"
#include "jf-intake.h"
#include "jf-json.h"
#include "jf-org-code.h"
#include "jf-phone.h"

static const char * const intake_members[] = {
  "kind", "category", "source", "title", "narrative", "location", "parties", "risk",
  "assignee", "occurred_on", NULL
};
static const char * const location_members[] = { "org", "address", "lat", "lng", NULL };
static const char * const party_members[] = {
  "role", "name", "id_number", "phone", "address", "organisation", NULL
};
static const char * const risk_members[] = {
  "violence", "group_size", "minors", "elderly", NULL
};

/* The API spellings of a vocabulary in enum order, as jf_json_read_enum () wants them,
 * taken from jf-enums.c so that there is one list. */
#define DEFINE_SPELLINGS(name, Type, count)                         \
  static const char * const *                                       \
  name##_spellings (void)                                           \
  {                                                                 \
    static const char *spellings[(count) + 1];                      \
    static gsize done = 0;                                          \
    if (g_once_init_enter (&done))                                  \
      {                                                             \
        for (guint i = 0; i < (count); i++)                         \
          spellings[i] = jf_##name##_to_string ((Type) i);          \
        g_once_init_leave (&done, 1);                               \
      }                                                             \
    return spellings;                                               \
  }

DEFINE_SPELLINGS (kind, JfKind, JF_N_KINDS)
DEFINE_SPELLINGS (source, JfSource, JF_N_SOURCES)
DEFINE_SPELLINGS (party_role, JfPartyRole, JF_N_PARTY_ROLES)

#undef DEFINE_SPELLINGS

JfParty *
jf_party_new (void)
{
  return g_new0 (JfParty, 1);
}

void
jf_party_free (JfParty *party)
{
  if (party == NULL)
    return;
  g_free (party->name);
  g_free (party->id_number);
  g_free (party->phone);
  g_free (party->address);
  g_free (party->organisation);
  g_free (party);
}

static JfIntake *
jf_intake_new (void)
{
  JfIntake *intake = g_new0 (JfIntake, 1);

  intake->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) jf_party_free);
  g_date_clear (&intake->occurred_on, 1);
  return intake;
}

void
jf_intake_free (JfIntake *intake)
{
  if (intake == NULL)
    return;
  g_free (intake->category);
  g_free (intake->title);
  g_free (intake->narrative);
  g_free (intake->location.org);
  g_free (intake->location.address);
  g_clear_pointer (&intake->parties, g_ptr_array_unref);
  g_free (intake);
}

/* The validators of jf-org-code.h, jf-id-number.h and jf-phone.h report no field, since
 * they do not know where the value came from; here it is known. */
static gboolean
propagate_at (GError     **error,
              GError      *local_error,
              const char  *path,
              const char  *member)
{
  g_autofree char *field = jf_json_path (path, member);

  jf_error_prefix_field (local_error, field);
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
read_id_number (JfParty     *party,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;
  JfIdNumber id;

  /* The generous length leaves the message about what is wrong to the validator. */
  if (!jf_json_read_string (object, path, "id_number", JF_JSON_SINGLE_LINE, 1, 32, &text,
                            error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!jf_id_number_validate (text, &id, &local_error))
    return propagate_at (error, local_error, path, "id_number");
  party->id_number = g_strdup (id.number);
  return TRUE;
}

static gboolean
read_phone (JfParty     *party,
            JsonObject  *object,
            const char  *path,
            GError     **error)
{
  g_autofree char *text = NULL;
  GError *local_error = NULL;

  if (!jf_json_read_string (object, path, "phone", JF_JSON_SINGLE_LINE, 1, 20, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  /* One spelling per number, so that repeat parties are found by it (jf-phone.h). */
  if (!jf_phone_validate (text, NULL, &local_error))
    return propagate_at (error, local_error, path, "phone");
  party->phone = g_steal_pointer (&text);
  return TRUE;
}

static JfParty *
party_from_json (JsonObject  *object,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(JfParty) party = jf_party_new ();
  guint role = 0;

  if (!jf_json_check_members (object, path, party_members, error) ||
      !jf_json_read_enum (object, path, "role", JF_JSON_REQUIRED, party_role_spellings (),
                          &role, error) ||
      !jf_json_read_string (object, path, "name", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                            JF_PARTY_NAME_MAX, &party->name, error) ||
      !read_id_number (party, object, path, error) ||
      !read_phone (party, object, path, error) ||
      !jf_json_read_string (object, path, "address", JF_JSON_SINGLE_LINE, 1,
                            JF_INTAKE_ADDRESS_MAX, &party->address, error) ||
      !jf_json_read_string (object, path, "organisation", JF_JSON_SINGLE_LINE, 1,
                            JF_PARTY_ORGANISATION_MAX, &party->organisation, error))
    return NULL;
  party->role = (JfPartyRole) role;
  return g_steal_pointer (&party);
}

static gboolean
read_parties (JfIntake    *intake,
              JsonObject  *root,
              GError     **error)
{
  JsonArray *array = NULL;
  gboolean has_applicant = FALSE;

  if (!jf_json_read_array (root, NULL, "parties", JF_JSON_REQUIRED, 1, JF_INTAKE_MAX_PARTIES,
                           &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = jf_json_path_index ("parties", i);
      JsonObject *object = NULL;
      JfParty *party;

      if (!jf_json_array_get_object (array, "parties", i, &object, error))
        return FALSE;
      party = party_from_json (object, path, error);
      if (party == NULL)
        return FALSE;
      has_applicant |= party->role == JF_PARTY_APPLICANT;
      g_ptr_array_add (intake->parties, party);
    }
  /* A matter is someone's: the applicant is whom the centre answers. */
  if (!has_applicant)
    {
      jf_set_error (error, JF_ERROR_INVALID, "parties", "must include an applicant");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_location (JfIntakeLocation  *location,
               JsonObject        *root,
               GError           **error)
{
  JsonObject *object = NULL;
  GError *local_error = NULL;
  gboolean has_lat;

  if (!jf_json_read_object (root, NULL, "location", JF_JSON_REQUIRED, &object, error) ||
      !jf_json_check_members (object, "location", location_members, error) ||
      !jf_json_read_string (object, "location", "org", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE,
                            1, 32, &location->org, error))
    return FALSE;
  if (!jf_org_code_parse (location->org, NULL, &local_error))
    return propagate_at (error, local_error, "location", "org");
  if (!jf_json_read_string (object, "location", "address", JF_JSON_SINGLE_LINE, 1,
                            JF_INTAKE_ADDRESS_MAX, &location->address, error))
    return FALSE;

  /* Half a coordinate is a point nowhere: refuse it rather than drop it. */
  has_lat = jf_json_has_member (object, "lat");
  if (has_lat != jf_json_has_member (object, "lng"))
    {
      jf_set_error (error, JF_ERROR_INVALID, has_lat ? "location.lng" : "location.lat",
                    "is required with %s", has_lat ? "lat" : "lng");
      return FALSE;
    }
  location->has_coordinates = has_lat;
  return jf_json_read_double (object, "location", "lat", JF_JSON_OPTIONAL, -90.0, 90.0,
                              &location->lat, error) &&
         jf_json_read_double (object, "location", "lng", JF_JSON_OPTIONAL, -180.0, 180.0,
                              &location->lng, error);
}

static gboolean
read_risk (JfIntake    *intake,
           JsonObject  *root,
           GError     **error)
{
  JsonObject *object = NULL;
  gint64 group_size = 0;

  if (!jf_json_read_object (root, NULL, "risk", JF_JSON_OPTIONAL, &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;
  if (!jf_json_check_members (object, "risk", risk_members, error) ||
      !jf_json_read_boolean (object, "risk", "violence", JF_JSON_OPTIONAL,
                             &intake->risk.violence, error) ||
      !jf_json_read_int (object, "risk", "group_size", JF_JSON_OPTIONAL, 0,
                         JF_INTAKE_GROUP_SIZE_MAX, &group_size, error) ||
      !jf_json_read_boolean (object, "risk", "minors", JF_JSON_OPTIONAL,
                             &intake->risk.minors, error) ||
      !jf_json_read_boolean (object, "risk", "elderly", JF_JSON_OPTIONAL,
                             &intake->risk.elderly, error))
    return FALSE;
  intake->has_risk = TRUE;
  intake->risk.group_size = (guint) group_size;
  return TRUE;
}

static gboolean
read_occurred_on (JfIntake    *intake,
                  JsonObject  *root,
                  GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  GDate today;

  if (!jf_json_read_date (root, NULL, "occurred_on", JF_JSON_OPTIONAL, &intake->occurred_on,
                          error))
    return FALSE;
  if (!g_date_valid (&intake->occurred_on))
    return TRUE;
  now = g_date_time_new_now (jf_calendar_time_zone ());
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (&intake->occurred_on, &today) > 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "occurred_on", "must not be in the future");
      return FALSE;
    }
  return TRUE;
}

JfIntake *
jf_intake_from_json (JsonObject  *object,
                     GError     **error)
{
  g_autoptr(JfIntake) intake = jf_intake_new ();
  guint kind = 0;
  guint source = 0;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jf_json_check_members (object, NULL, intake_members, error) ||
      !jf_json_read_enum (object, NULL, "kind", JF_JSON_REQUIRED, kind_spellings (), &kind,
                          error) ||
      !jf_json_read_string (object, NULL, "category", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE,
                            1, 32, &intake->category, error))
    return NULL;
  /* Administrators add categories: the database says which exist, this only the shape. */
  if (!jf_category_slug_is_valid (intake->category))
    {
      jf_set_error (error, JF_ERROR_INVALID, "category", "is not a category name");
      return NULL;
    }
  if (!jf_json_read_enum (object, NULL, "source", JF_JSON_REQUIRED, source_spellings (),
                          &source, error) ||
      !jf_json_read_string (object, NULL, "title", JF_JSON_REQUIRED | JF_JSON_SINGLE_LINE, 1,
                            JF_INTAKE_TITLE_MAX, &intake->title, error) ||
      !jf_json_read_string (object, NULL, "narrative", JF_JSON_REQUIRED, 1,
                            JF_INTAKE_NARRATIVE_MAX, &intake->narrative, error) ||
      !read_location (&intake->location, object, error) ||
      !read_parties (intake, object, error) ||
      !read_risk (intake, object, error) ||
      !jf_json_read_int (object, NULL, "assignee", JF_JSON_OPTIONAL, 1, G_MAXINT32,
                         &intake->assignee, error) ||
      !read_occurred_on (intake, object, error))
    return NULL;
  intake->kind = (JfKind) kind;
  intake->source = (JfSource) source;
  return g_steal_pointer (&intake);
}
