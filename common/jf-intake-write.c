/* jf-intake-write.c: an intake as JSON, in the shape jf_intake_from_json () reads */
#include "config.h"

#include "jf-intake.h"
#include "jf-json.h"

/* Absent optional text is left out, not written as null, as clients send it. */
static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_location (JsonBuilder            *builder,
              const JfIntakeLocation *location)
{
  json_builder_set_member_name (builder, "location");
  json_builder_begin_object (builder);
  add_string (builder, "org", location->org);
  add_string (builder, "address", location->address);
  if (location->has_coordinates)
    {
      json_builder_set_member_name (builder, "lat");
      json_builder_add_double_value (builder, location->lat);
      json_builder_set_member_name (builder, "lng");
      json_builder_add_double_value (builder, location->lng);
    }
  json_builder_end_object (builder);
}

static void
add_party (JsonBuilder   *builder,
           const JfParty *party)
{
  json_builder_begin_object (builder);
  add_string (builder, "role", jf_party_role_to_string (party->role));
  add_string (builder, "name", party->name);
  add_string (builder, "id_number", party->id_number);
  add_string (builder, "phone", party->phone);
  add_string (builder, "address", party->address);
  add_string (builder, "organisation", party->organisation);
  json_builder_end_object (builder);
}

static void
add_risk (JsonBuilder        *builder,
          const JfIntakeRisk *risk)
{
  json_builder_set_member_name (builder, "risk");
  json_builder_begin_object (builder);
  add_boolean (builder, "violence", risk->violence);
  json_builder_set_member_name (builder, "group_size");
  json_builder_add_int_value (builder, risk->group_size);
  add_boolean (builder, "minors", risk->minors);
  add_boolean (builder, "elderly", risk->elderly);
  json_builder_end_object (builder);
}

JsonNode *
jf_intake_to_json (const JfIntake *intake)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (intake != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "kind", jf_kind_to_string (intake->kind));
  add_string (builder, "category", intake->category);
  add_string (builder, "source", jf_source_to_string (intake->source));
  add_string (builder, "title", intake->title);
  add_string (builder, "narrative", intake->narrative);
  add_location (builder, &intake->location);
  json_builder_set_member_name (builder, "parties");
  json_builder_begin_array (builder);
  for (guint i = 0; i < intake->parties->len; i++)
    add_party (builder, g_ptr_array_index (intake->parties, i));
  json_builder_end_array (builder);
  if (intake->has_risk)
    add_risk (builder, &intake->risk);
  if (intake->assignee > 0)
    {
      json_builder_set_member_name (builder, "assignee");
      json_builder_add_int_value (builder, intake->assignee);
    }
  if (g_date_valid (&intake->occurred_on))
    {
      g_autofree char *date = jf_json_date_to_string (&intake->occurred_on);

      add_string (builder, "occurred_on", date);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
