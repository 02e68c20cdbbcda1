/* jf-enums.h: the vocabulary of the domain (DOMAIN.md §8)
 *
 * Each enumeration has one spelling used in the database, the API and the code
 * (jf_*_to_string / jf_*_from_string) and a translatable label for people (jf_*_label).
 * The order of each enum is the order people expect to see in pickers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JF_LEVEL_CITY,
  JF_LEVEL_COUNTY,
  JF_LEVEL_TOWNSHIP,
  JF_LEVEL_VILLAGE,
  JF_LEVEL_GRID,
  JF_N_LEVELS
} JfLevel;

typedef enum
{
  JF_ROLE_RECEPTION,
  JF_ROLE_MEDIATOR,
  JF_ROLE_GRID_LEADER,
  JF_ROLE_DEPARTMENT_LIAISON,
  JF_ROLE_COURT,
  JF_ROLE_PETITION_OFFICER,
  JF_ROLE_POLICE,
  JF_ROLE_SUPERVISOR,
  JF_ROLE_ADMIN,
  JF_ROLE_AUDITOR,
  JF_N_ROLES
} JfRole;

/* A set of roles (one person may hold several) or of levels, as a bit mask. */
typedef guint32 JfRoleSet;
typedef guint32 JfLevelSet;
#define JF_ROLE_BIT(r)  ((JfRoleSet) 1u << (r))
#define JF_LEVEL_BIT(l) ((JfLevelSet) 1u << (l))
#define JF_ALL_ROLES    ((JfRoleSet) ((1u << JF_N_ROLES) - 1))
#define JF_ALL_LEVELS   ((JfLevelSet) ((1u << JF_N_LEVELS) - 1))

typedef enum
{
  JF_KIND_DISPUTE,
  JF_KIND_REQUEST,
  JF_KIND_PETITION,
  JF_KIND_GRID_EVENT,
  JF_N_KINDS
} JfKind;

typedef enum
{
  JF_SOURCE_WINDOW,
  JF_SOURCE_GRID,
  JF_SOURCE_HOTLINE,
  JF_SOURCE_POLICE,
  JF_SOURCE_COURT,
  JF_SOURCE_PETITION,
  JF_SOURCE_MOBILE_POINT,
  JF_SOURCE_ONLINE,
  JF_N_SOURCES
} JfSource;

typedef enum
{
  JF_STATUS_REGISTERED,
  JF_STATUS_ACCEPTED,
  JF_STATUS_NOT_ACCEPTED,
  JF_STATUS_IN_MEDIATION,
  JF_STATUS_DISPATCHED,
  JF_STATUS_REFERRED,
  JF_STATUS_RESOLVED,
  JF_STATUS_CLOSED,
  JF_STATUS_WITHDRAWN,
  JF_N_STATUSES
} JfStatus;

typedef guint32 JfStatusSet;
#define JF_STATUS_BIT(s) ((JfStatusSet) 1u << (s))

typedef enum
{
  JF_SATISFACTION_SATISFIED,
  JF_SATISFACTION_BASICALLY_SATISFIED,
  JF_SATISFACTION_UNSATISFIED,
  JF_N_SATISFACTIONS
} JfSatisfaction;

typedef enum
{
  JF_PARTY_APPLICANT,
  JF_PARTY_RESPONDENT,
  JF_PARTY_THIRD_PARTY,
  JF_N_PARTY_ROLES
} JfPartyRole;

/* The categories every installation starts with; administrators may add more, so a
 * category is a slug checked against the database, and these are only the built-ins. */
typedef enum
{
  JF_CATEGORY_NEIGHBOR,
  JF_CATEGORY_FAMILY,
  JF_CATEGORY_LAND,
  JF_CATEGORY_LABOR,
  JF_CATEGORY_PROPERTY_MANAGEMENT,
  JF_CATEGORY_CONSUMER,
  JF_CATEGORY_TRAFFIC,
  JF_CATEGORY_MEDICAL,
  JF_CATEGORY_LAND_REQUISITION,
  JF_CATEGORY_CONTRACT_DEBT,
  JF_CATEGORY_ENVIRONMENT,
  JF_CATEGORY_OTHER,
  JF_N_CATEGORIES
} JfCategory;

#define JF_DECLARE_VOCABULARY(Type, name)                                   \
  const char *jf_##name##_to_string (Type value);                          \
  gboolean    jf_##name##_from_string (const char *text, Type *out_value); \
  const char *jf_##name##_label (Type value);

JF_DECLARE_VOCABULARY (JfLevel, level)
JF_DECLARE_VOCABULARY (JfRole, role)
JF_DECLARE_VOCABULARY (JfKind, kind)
JF_DECLARE_VOCABULARY (JfSource, source)
JF_DECLARE_VOCABULARY (JfStatus, status)
JF_DECLARE_VOCABULARY (JfSatisfaction, satisfaction)
JF_DECLARE_VOCABULARY (JfPartyRole, party_role)
JF_DECLARE_VOCABULARY (JfCategory, category)

#undef JF_DECLARE_VOCABULARY

/* A category slug as administrators may define one: 1–32 of [a-z0-9_], starting a-z. */
gboolean    jf_category_slug_is_valid (const char *slug);

/* "reception,mediator" <-> a role set; unknown names are refused (returns FALSE). */
gboolean    jf_role_set_from_strv     (const char * const *names,
                                       JfRoleSet          *out_set,
                                       const char        **out_bad_name);
char      **jf_role_set_to_strv       (JfRoleSet roles);
gboolean    jf_role_set_has           (JfRoleSet roles,
                                       JfRole    role);

/* A status that ends a matter's life. */
gboolean    jf_status_is_final        (JfStatus status);

G_END_DECLS
