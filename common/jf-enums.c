/* jf-enums.c: spellings and labels of the domain vocabulary */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-enums.h"

typedef struct
{
  const char *id;
  const char *label;   /* English msgid; zh_CN comes from po/ */
} JfWord;

static const JfWord levels[JF_N_LEVELS] = {
  { "city", N_("City") },
  { "county", N_("County / district") },
  { "township", N_("Township / subdistrict") },
  { "village", N_("Village / community") },
  { "grid", N_("Grid") },
};

static const JfWord roles[JF_N_ROLES] = {
  { "reception", N_("Reception") },
  { "mediator", N_("Mediator") },
  { "grid_leader", N_("Grid leader") },
  { "department_liaison", N_("Department liaison") },
  { "court", N_("Court") },
  { "petition_officer", N_("Petition officer") },
  { "police", N_("Police") },
  { "supervisor", N_("Supervisor") },
  { "admin", N_("Administrator") },
  { "auditor", N_("Auditor") },
};

static const JfWord kinds[JF_N_KINDS] = {
  { "dispute", N_("Dispute") },
  { "request", N_("Request or complaint") },
  { "petition", N_("Petition") },
  { "grid_event", N_("Grid event") },
};

static const JfWord sources[JF_N_SOURCES] = {
  { "window", N_("Walk-in at the window") },
  { "grid", N_("Grid report") },
  { "hotline", N_("Hotline 12345") },
  { "police", N_("Transferred police call") },
  { "court", N_("Court-delegated mediation") },
  { "petition", N_("Petition transfer") },
  { "mobile_point", N_("Mobile citizen talk point") },
  { "online", N_("Online") },
};

static const JfWord statuses[JF_N_STATUSES] = {
  { "registered", N_("Registered") },
  { "accepted", N_("Accepted") },
  { "not_accepted", N_("Not accepted") },
  { "in_mediation", N_("In mediation") },
  { "dispatched", N_("Whistle open") },
  { "referred", N_("Referred") },
  { "resolved", N_("Resolved") },
  { "closed", N_("Closed") },
  { "withdrawn", N_("Withdrawn") },
};

static const JfWord satisfactions[JF_N_SATISFACTIONS] = {
  { "satisfied", N_("Satisfied") },
  { "basically_satisfied", N_("Basically satisfied") },
  { "unsatisfied", N_("Unsatisfied") },
};

static const JfWord party_roles[JF_N_PARTY_ROLES] = {
  { "applicant", N_("Applicant") },
  { "respondent", N_("Respondent") },
  { "third_party", N_("Third party") },
};

static const JfWord categories[JF_N_CATEGORIES] = {
  { "neighbor", N_("Neighbours") },
  { "family", N_("Marriage and family") },
  { "land", N_("Land and forest") },
  { "labor", N_("Labour and unpaid wages") },
  { "property_management", N_("Property management") },
  { "consumer", N_("Consumer") },
  { "traffic", N_("Traffic accident") },
  { "medical", N_("Medical") },
  { "land_requisition", N_("Land requisition and demolition") },
  { "contract_debt", N_("Contract and debt") },
  { "environment", N_("Noise and pollution") },
  { "other", N_("Other") },
};

static gboolean
lookup (const JfWord *words,
        guint         n_words,
        const char   *text,
        guint        *out_index)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n_words; i++)
    if (strcmp (words[i].id, text) == 0)
      {
        *out_index = i;
        return TRUE;
      }
  return FALSE;
}

#define JF_DEFINE_VOCABULARY(Type, name, table)                             \
  const char *                                                              \
  jf_##name##_to_string (Type value)                                        \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);      \
    return table[value].id;                                                 \
  }                                                                         \
  gboolean                                                                  \
  jf_##name##_from_string (const char *text,                                \
                           Type       *out_value)                           \
  {                                                                         \
    guint index;                                                            \
    if (!lookup (table, G_N_ELEMENTS (table), text, &index))                \
      return FALSE;                                                         \
    if (out_value != NULL)                                                  \
      *out_value = (Type) index;                                            \
    return TRUE;                                                            \
  }                                                                         \
  const char *                                                              \
  jf_##name##_label (Type value)                                            \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);      \
    return g_dgettext (GETTEXT_PACKAGE, table[value].label);                \
  }

JF_DEFINE_VOCABULARY (JfLevel, level, levels)
JF_DEFINE_VOCABULARY (JfRole, role, roles)
JF_DEFINE_VOCABULARY (JfKind, kind, kinds)
JF_DEFINE_VOCABULARY (JfSource, source, sources)
JF_DEFINE_VOCABULARY (JfStatus, status, statuses)
JF_DEFINE_VOCABULARY (JfSatisfaction, satisfaction, satisfactions)
JF_DEFINE_VOCABULARY (JfPartyRole, party_role, party_roles)
JF_DEFINE_VOCABULARY (JfCategory, category, categories)

gboolean
jf_category_slug_is_valid (const char *slug)
{
  gsize len;

  if (slug == NULL)
    return FALSE;
  len = strlen (slug);
  if (len == 0 || len > 32 || !g_ascii_islower (slug[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_islower (slug[i]) || g_ascii_isdigit (slug[i]) || slug[i] == '_'))
      return FALSE;
  return TRUE;
}

gboolean
jf_role_set_from_strv (const char * const *names,
                       JfRoleSet          *out_set,
                       const char        **out_bad_name)
{
  JfRoleSet set = 0;

  for (gsize i = 0; names != NULL && names[i] != NULL; i++)
    {
      JfRole role;

      if (!jf_role_from_string (names[i], &role))
        {
          if (out_bad_name != NULL)
            *out_bad_name = names[i];
          return FALSE;
        }
      set |= JF_ROLE_BIT (role);
    }
  *out_set = set;
  return TRUE;
}

char **
jf_role_set_to_strv (JfRoleSet set)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint r = 0; r < JF_N_ROLES; r++)
    if (set & JF_ROLE_BIT (r))
      g_strv_builder_add (builder, roles[r].id);
  return g_strv_builder_end (builder);
}

gboolean
jf_role_set_has (JfRoleSet set,
                 JfRole    role)
{
  return (set & JF_ROLE_BIT (role)) != 0;
}

gboolean
jf_status_is_final (JfStatus status)
{
  return status == JF_STATUS_CLOSED || status == JF_STATUS_WITHDRAWN ||
         status == JF_STATUS_NOT_ACCEPTED;
}
