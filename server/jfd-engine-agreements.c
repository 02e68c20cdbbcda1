/* jfd-engine-agreements.c: people's mediation agreements (人民调解协议书, DOMAIN.md §4)
 *
 * An agreement is written from the template on an accepted matter or one in mediation;
 * the parties it binds are the matter's, their names, roles and masked ID numbers copied
 * as they stand. Each party's signature and the mediator's are recorded with their time
 * (the mediator signs for themself, and must be a people's mediator of the centre: the
 * mediator role at the owning unit or above); with the last one the committee seals it
 * and it takes effect that day. Its performance is then followed up, with a clock until
 * the agreed date. The PDF is drawn on a worker thread (jfd-agreement-pdf.c).
 */
#include "config.h"

#include "jf-json.h"
#include "jfd-agreement-pdf.h"
#include "jfd-engine-links-private.h"

static const JfdStatement draft_read_stmt = {
  "agreement_draft_read",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT jf.mediation_session_json(s.id) FROM jf.mediation_sessions s "
  "        WHERE s.id = $2::bigint AND s.matter_id = $1::bigint)::text",
  2,
};

static const JfdStatement draft_stmt = {
  "agreement_draft", "SELECT jf.draft_agreement($1::jsonb)::text", 1,
};

static const JfdStatement get_stmt = {
  "agreement_get",
  "SELECT jf.matter_json(a.matter_id)::text, jf.agreement_json(a.id)::text "
  "FROM jf.agreements a WHERE a.id = $1::bigint",
  1,
};

static const JfdStatement list_stmt = {
  "agreement_list",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT coalesce(jsonb_agg(jf.agreement_json(a.id) ORDER BY a.id), '[]') "
  "        FROM jf.agreements a WHERE a.matter_id = $1::bigint)::text",
  1,
};

static const JfdStatement sign_stmt = {
  "agreement_sign", "SELECT jf.sign_agreement($1::jsonb)::text", 1,
};

static const JfdStatement performance_stmt = {
  "agreement_performance", "SELECT jf.record_performance($1::jsonb)::text", 1,
};

static const char * const templates[] = { "people_mediation", NULL };
static const char * const performances[] = { "fulfilled", "breached", NULL };

#define MAX_AGREEMENT_PARTIES 20
#define PERFORMANCE_STAGE "agreement_performance"

/* The party of the matter (a document of jf.matter_json) with @id. */
static JsonObject *
matter_party (JsonObject *matter,
              gint64      id)
{
  JsonArray *parties = json_object_get_array_member (matter, "parties");

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);

      if (json_object_get_int_member_with_default (party, "id", 0) == id)
        return party;
    }
  return NULL;
}

static JsonObject *
agreement_party (JsonObject *agreement,
                 gint64      id)
{
  JsonArray *parties = json_object_get_array_member (agreement, "parties");

  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);

      if (json_object_get_int_member_with_default (party, "party_id", 0) == id)
        return party;
    }
  return NULL;
}

static gboolean
is_set (JsonObject *object,
        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static gboolean
draft_judge (JfdEngine  *self,
             JfdLink    *link,
             GError    **error)
{
  JsonArray *ids = json_object_get_array_member (link->write, "party_ids");

  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES, "write a mediation agreement",
                               error) ||
      !jfd_link_require_status (link, JF_STATUS_BIT (JF_STATUS_ACCEPTED) |
                                      JF_STATUS_BIT (JF_STATUS_IN_MEDIATION),
                                "An agreement is written while the matter is accepted or in "
                                "mediation", error))
    return FALSE;
  if (json_object_has_member (link->write, "session_id"))
    {
      const char *outcome;

      if (link->record == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, "session_id",
                        "This matter has no such mediation session");
          return FALSE;
        }
      outcome = json_object_get_string_member_with_default (link->record, "outcome", NULL);
      if (g_strcmp0 (outcome, "failed") == 0 || g_strcmp0 (outcome, "adjourned") == 0)
        {
          jf_set_error (error, JF_ERROR_REFUSED, "session_id",
                        "That session ended without agreement (%s)", outcome);
          return FALSE;
        }
    }
  for (guint i = 0; i < json_array_get_length (ids); i++)
    if (matter_party (link->matter, json_array_get_int_element (ids, i)) == NULL)
      {
        g_autofree char *path = g_strdup_printf ("parties[%u].party_id", i);

        jf_set_error (error, JF_ERROR_INVALID, path, "Not a party to this matter");
        return FALSE;
      }
  jfd_link_pin_matter (link);
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES);
  return TRUE;
}

static gboolean
read_parties (JsonObject  *body,
              JsonArray   *out,
              GError     **error)
{
  static const char * const members[] = { "party_id", NULL };
  JsonArray *given = NULL;

  if (!jf_json_read_array (body, NULL, "parties", JF_JSON_REQUIRED, 2, MAX_AGREEMENT_PARTIES,
                           &given, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (given); i++)
    {
      g_autofree char *path = jf_json_path_index ("parties", i);
      JsonObject *party = NULL;
      gint64 id = 0;

      if (!jf_json_array_get_object (given, "parties", i, &party, error) ||
          !jf_json_check_members (party, path, members, error) ||
          !jf_json_read_int (party, path, "party_id", JF_JSON_REQUIRED, 1, G_MAXINT64 / 2, &id,
                             error))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (out); j++)
        if (json_array_get_int_element (out, j) == id)
          {
            g_autofree char *field = jf_json_path (path, "party_id");

            jf_set_error (error, JF_ERROR_INVALID, field, "This party is named twice");
            return FALSE;
          }
      json_array_add_int_element (out, id);
    }
  return TRUE;
}

void
jfd_engine_draft_agreement_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               id,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  static const char * const members[] = { "session_id", "template", "parties", "facts",
                                          "terms", "performance_due", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_draft_agreement_async);
  JfdLink *link = jfd_link_get (task);
  JsonArray *party_ids = json_array_new ();
  g_autofree char *facts = NULL, *terms = NULL, *session_text = NULL;
  gint64 session = 0;
  guint template = 0;
  GDate due, today;
  GError *error = NULL;

  json_object_set_array_member (link->write, "party_ids", party_ids);
  g_date_clear (&due, 1);
  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "session_id", JF_JSON_OPTIONAL, 1, G_MAXINT64 / 2,
                         &session, &error) ||
      !jf_json_read_enum (body, NULL, "template", JF_JSON_OPTIONAL, templates, &template,
                          &error) ||
      !read_parties (body, party_ids, &error) ||
      !jf_json_read_string (body, NULL, "facts", JF_JSON_REQUIRED, 1, 10000, &facts, &error) ||
      !jf_json_read_string (body, NULL, "terms", JF_JSON_REQUIRED, 1, 10000, &terms, &error) ||
      !jf_json_read_date (body, NULL, "performance_due", JF_JSON_REQUIRED, &due, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_link_today (&today);
  if (g_date_compare (&due, &today) < 0)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "performance_due",
                                               "The parties perform on a day to come"));
      return;
    }
  json_object_set_string_member (link->write, "template", templates[template]);
  json_object_set_string_member (link->write, "facts", facts);
  json_object_set_string_member (link->write, "terms", terms);
  jfd_link_set_day (link->write, "performance_due", &due);
  if (session > 0)
    {
      json_object_set_int_member (link->write, "session_id", session);
      session_text = g_strdup_printf ("%" G_GINT64_FORMAT, session);
    }
  jfd_link_run (self, g_steal_pointer (&task), &draft_read_stmt,
                (const char *[]) { link->id_text, session_text }, TRUE, draft_judge,
                &draft_stmt);
}

void
jfd_engine_get_agreement_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               id,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such agreement", cancellable,
                                   callback, user_data, jfd_engine_get_agreement_async);

  jfd_link_run (self, task, &get_stmt, NULL, FALSE, NULL, NULL);
}

void
jfd_engine_list_agreements_async (JfdEngine           *self,
                                  JfdActor            *actor,
                                  gint64               id,
                                  JsonObject          *body,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_list_agreements_async);

  jfd_link_run (self, task, &list_stmt, NULL, FALSE, NULL, NULL);
}

/* The centre's mediators work at the owning unit or at one above it. */
static gboolean
on_roster (JfdLink *link)
{
  JsonObject *org = json_object_get_object_member (link->matter, "org");
  const JfdOrgUnit *owner = jfd_catalog_org_by_code (
    link->catalog, json_object_get_string_member_with_default (org, "code", ""));
  int home = link->actor->org_id;

  return owner != NULL && (link->actor->level == JF_LEVEL_CITY || home == owner->id ||
                           home == owner->county_id || home == owner->township_id ||
                           home == owner->village_id);
}

static gboolean
sign_judge (JfdEngine  *self,
            JfdLink    *link,
            GError    **error)
{
  gboolean mediator = json_object_get_boolean_member_with_default (link->write, "mediator",
                                                                   FALSE);
  GDate due;

  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES, "record signatures", error))
    return FALSE;
  if (is_set (link->record, "sealed_at"))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "This agreement is signed by all and sealed already");
      return FALSE;
    }
  if (mediator)
    {
      if (!jfd_actor_has_role (link->actor, JF_ROLE_MEDIATOR) || !on_roster (link))
        {
          jf_set_error (error, JF_ERROR_FORBIDDEN, "mediator",
                        "The mediator who signs is a people's mediator of this centre (the "
                        "mediator role at the owning unit or one above it), signing in person");
          return FALSE;
        }
      if (is_set (link->record, "mediator"))
        {
          jf_set_error (error, JF_ERROR_REFUSED, "mediator", "The mediator has signed already");
          return FALSE;
        }
    }
  else
    {
      gint64 party_id = json_object_get_int_member (link->write, "party_id");
      JsonObject *party = agreement_party (link->record, party_id);

      if (party == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, "party_id", "Not a party to this agreement");
          return FALSE;
        }
      if (is_set (party, "signed_at"))
        {
          jf_set_error (error, JF_ERROR_REFUSED, "party_id", "%s has signed already",
                        json_object_get_string_member_with_default (party, "name", ""));
          return FALSE;
        }
    }
  json_object_set_int_member (link->write, "agreement_id", link->id);
  json_object_set_int_member (link->write, "version",
                              json_object_get_int_member (link->record, "version"));
  /* Started only if this signature is the last one and the agreement is sealed. */
  if (jfd_link_record_day (link->record, "performance_due", &due))
    jfd_link_start_clock_until (link, PERFORMANCE_STAGE, &due);
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES);
  return TRUE;
}

void
jfd_engine_sign_agreement_async (JfdEngine           *self,
                                 JfdActor            *actor,
                                 gint64               id,
                                 JsonObject          *body,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const members[] = { "party_id", "mediator", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such agreement",
                                             cancellable, callback, user_data,
                                             jfd_engine_sign_agreement_async);
  JfdLink *link = jfd_link_get (task);
  gint64 party_id = 0;
  gboolean mediator = FALSE;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "party_id", JF_JSON_OPTIONAL, 1, G_MAXINT64 / 2, &party_id,
                         &error) ||
      !jf_json_read_boolean (body, NULL, "mediator", JF_JSON_OPTIONAL, &mediator, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if ((party_id > 0) == mediator || (json_object_has_member (body, "mediator") && !mediator))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, NULL,
                                               "Name who signs: a party (“party_id”) or the "
                                               "mediator (“mediator”: true)"));
      return;
    }
  if (mediator)
    json_object_set_boolean_member (link->write, "mediator", TRUE);
  else
    json_object_set_int_member (link->write, "party_id", party_id);
  jfd_link_run (self, g_steal_pointer (&task), &get_stmt, NULL, TRUE, sign_judge, &sign_stmt);
}

static gboolean
performance_judge (JfdEngine  *self,
                   JfdLink    *link,
                   GError    **error)
{
  if (!jfd_link_require_roles (link, JFD_LINK_MEDIATION_ROLES, "follow up an agreement",
                               error) ||
      !jfd_engine_check_version (link->record_node,
                                json_object_get_int_member (link->write, "version"),
                                "agreement", error))
    return FALSE;
  if (!is_set (link->record, "sealed_at"))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "performance",
                    "An agreement is performed once every party and the mediator have signed "
                    "it");
      return FALSE;
    }
  json_object_set_int_member (link->write, "agreement_id", link->id);
  jfd_link_stop_clock (link, PERFORMANCE_STAGE);
  jfd_link_add_actor (link, JFD_LINK_MEDIATION_ROLES);
  return TRUE;
}

void
jfd_engine_record_performance_async (JfdEngine           *self,
                                     JfdActor            *actor,
                                     gint64               id,
                                     JsonObject          *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  static const char * const members[] = { "version", "performance", "note", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such agreement",
                                             cancellable, callback, user_data,
                                             jfd_engine_record_performance_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *note = NULL;
  gint64 version = 0;
  guint performance = 0;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "version", JF_JSON_REQUIRED, 1, G_MAXINT32, &version,
                         &error) ||
      !jf_json_read_enum (body, NULL, "performance", JF_JSON_REQUIRED, performances,
                          &performance, &error) ||
      !jf_json_read_string (body, NULL, "note", JF_JSON_OPTIONAL, 1, 2000, &note, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (note == NULL && g_str_equal (performances[performance], "breached"))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "note",
                                               "Say what was not performed"));
      return;
    }
  json_object_set_int_member (link->write, "version", version);
  json_object_set_string_member (link->write, "performance", performances[performance]);
  if (note != NULL)
    json_object_set_string_member (link->write, "note", note);
  jfd_link_run (self, g_steal_pointer (&task), &get_stmt, NULL, TRUE, performance_judge,
                &performance_stmt);
}

/* The PDF: the agreement is read and admitted as for GET, then drawn on a worker thread. */
typedef struct
{
  JsonNode *agreement;
  char     *filename;
} Pdf;

static void
pdf_free (Pdf *pdf)
{
  g_clear_pointer (&pdf->agreement, json_node_unref);
  g_free (pdf->filename);
  g_free (pdf);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  Pdf *pdf = data;
  GError *error = NULL;
  GBytes *bytes = jfd_agreement_pdf_render (json_node_get_object (pdf->agreement), &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
pdf_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  Pdf *pdf = g_task_get_task_data (task);
  GError *error = NULL;

  pdf->agreement = jfd_engine_finish (JFD_ENGINE (source), result, &error);
  if (pdf->agreement == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pdf->filename = g_strdup_printf ("人民调解协议书-%s.pdf",
                                   json_object_get_string_member_with_default (
                                     json_node_get_object (pdf->agreement), "number", "draft"));
  g_task_run_in_thread (task, render_in_thread);
}

void
jfd_engine_agreement_pdf_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               id,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, jfd_engine_agreement_pdf_async);
  g_task_set_task_data (task, g_new0 (Pdf, 1), (GDestroyNotify) pdf_free);
  jfd_engine_get_agreement_async (self, actor, id, NULL, cancellable, pdf_read_cb, task);
}

GBytes *
jfd_engine_agreement_pdf_finish (JfdEngine     *self,
                                 GAsyncResult  *result,
                                 char         **out_filename,
                                 GError       **error)
{
  Pdf *pdf;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  pdf = g_task_get_task_data (G_TASK (result));
  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (bytes != NULL && out_filename != NULL)
    *out_filename = g_strdup (pdf->filename);
  return bytes;
}
