/* jf-intake.h: the intake of a matter, the body of POST /v1/matters (DOMAIN.md §2, §7)
 *
 * What the reception window, a grid leader's handheld or the hotline registers: the kind,
 * category and source of the matter, what happened and where, who the parties are, and
 * the first risk assessment. jf_intake_from_json () refuses anything else, including
 * unknown members, naming the offending field's path ("parties[1].id_number"). Text is
 * stored in NFC and trimmed; optional text that is absent or blank is NULL.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "jf-enums.h"

G_BEGIN_DECLS

#define JF_INTAKE_TITLE_MAX        100
#define JF_INTAKE_NARRATIVE_MAX    5000
#define JF_INTAKE_ADDRESS_MAX      200
#define JF_INTAKE_MAX_PARTIES      20
#define JF_INTAKE_GROUP_SIZE_MAX   100000
#define JF_PARTY_NAME_MAX          50
#define JF_PARTY_ORGANISATION_MAX  100

typedef struct
{
  JfPartyRole  role;
  char        *name;
  char        *id_number;     /* 18 characters, upper-case X; or NULL */
  char        *phone;         /* as jf-phone.h spells it; or NULL */
  char        *address;       /* or NULL */
  char        *organisation;  /* a company or organisation party's name; or NULL */
} JfParty;

typedef struct
{
  char     *org;              /* administrative code of the unit where it happened */
  char     *address;          /* or NULL */
  gboolean  has_coordinates;
  double    lat;
  double    lng;
} JfIntakeLocation;

typedef struct
{
  gboolean violence;
  guint    group_size;        /* people in a group dispute; 0 when not one */
  gboolean minors;
  gboolean elderly;
} JfIntakeRisk;

typedef struct
{
  JfKind            kind;
  char             *category;     /* a slug; the database knows which exist */
  JfSource          source;
  char             *title;
  char             *narrative;
  JfIntakeLocation  location;
  GPtrArray        *parties;      /* of JfParty *, owned; at least one applicant */
  gboolean          has_risk;
  JfIntakeRisk      risk;
  gint64            assignee;     /* an account id; 0 when not given */
  GDate             occurred_on;  /* not valid (g_date_valid ()) when not given */
} JfIntake;

JfIntake *jf_intake_from_json (JsonObject      *object,
                               GError         **error);
JsonNode *jf_intake_to_json   (const JfIntake  *intake);
void      jf_intake_free      (JfIntake        *intake);

JfParty  *jf_party_new        (void);
void      jf_party_free       (JfParty         *party);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfIntake, jf_intake_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfParty, jf_party_free)

G_END_DECLS
