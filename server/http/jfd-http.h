/* jfd-http.h: the HTTP handlers, one file per resource
 *
 * Each handler parses what HTTP adds (path, query, headers), calls the engine, and
 * serialises its answer; the domain never sees a SoupServerMessage.
 */
#pragma once

#include "jfd-engine.h"
#include "jfd-request.h"

G_BEGIN_DECLS

/* Answers @request with @node (status @status), or with @error; a request whose client
 * has gone (cancelled) is left alone. Takes nothing. */
void jfd_http_reply                 (JfdRequest   *request,
                                     guint         status,
                                     JsonNode     *node,
                                     const GError *error);
/* A callback for engine operations that answer a document with 200. */
void jfd_http_reply_ok_cb           (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      request);

void jfd_http_sessions_create       (JfdRequest   *request);
void jfd_http_sessions_delete       (JfdRequest   *request);
void jfd_http_me                    (JfdRequest   *request);

void jfd_http_matters_create        (JfdRequest   *request);
void jfd_http_matters_list          (JfdRequest   *request);
void jfd_http_matters_get           (JfdRequest   *request);
void jfd_http_matters_patch         (JfdRequest   *request);
void jfd_http_matters_transition    (JfdRequest   *request);
void jfd_http_matters_events        (JfdRequest   *request);

void jfd_http_accounts_list         (JfdRequest   *request);
void jfd_http_accounts_create       (JfdRequest   *request);
void jfd_http_accounts_get          (JfdRequest   *request);
void jfd_http_accounts_patch        (JfdRequest   *request);
void jfd_http_accounts_password     (JfdRequest   *request);

void jfd_http_attachments_add       (JfdRequest   *request);
void jfd_http_attachments_list      (JfdRequest   *request);
void jfd_http_attachments_get       (JfdRequest   *request);

void jfd_http_org_units_list        (JfdRequest   *request);
void jfd_http_org_units_get         (JfdRequest   *request);
void jfd_http_departments_list      (JfdRequest   *request);
void jfd_http_categories_list       (JfdRequest   *request);

void jfd_http_stream                (JfdRequest   *request);

void jfd_http_deadlines_list        (JfdRequest   *request);
void jfd_http_deadlines_pause       (JfdRequest   *request);
void jfd_http_deadlines_resume      (JfdRequest   *request);
void jfd_http_rules_list            (JfdRequest   *request);
void jfd_http_rules_create          (JfdRequest   *request);
void jfd_http_rules_patch           (JfdRequest   *request);
void jfd_http_calendar_list         (JfdRequest   *request);
void jfd_http_calendar_put          (JfdRequest   *request);
void jfd_http_calendar_delete       (JfdRequest   *request);
void jfd_http_categories_create     (JfdRequest   *request);
void jfd_http_categories_patch      (JfdRequest   *request);

void jfd_http_healthz               (JfdRequest   *request);
void jfd_http_metrics               (JfdRequest   *request);
void jfd_http_openapi               (JfdRequest   *request);

void jfd_http_whistles_create       (JfdRequest   *request);
void jfd_http_whistles_list         (JfdRequest   *request);
void jfd_http_whistle_targets_check_in  (JfdRequest *request);
void jfd_http_whistle_targets_feedback  (JfdRequest *request);
void jfd_http_whistle_targets_extension (JfdRequest *request);
void jfd_http_whistle_targets_verify    (JfdRequest *request);
void jfd_http_whistle_targets_send_back (JfdRequest *request);
void jfd_http_inbox                 (JfdRequest   *request);
void jfd_http_matters_escalate      (JfdRequest   *request);
void jfd_http_matters_hand_down     (JfdRequest   *request);
void jfd_http_follow_ups_create     (JfdRequest   *request);
void jfd_http_follow_ups_list       (JfdRequest   *request);

/* The mediation, court and petition links (jfd-http-links.c and one file per resource):
 * @operation is called with the path's id and the body; its document is answered with
 * @status, and a 201 gets the Location @location_prefix + the new record's id. */
void jfd_http_link                  (JfdRequest        *request,
                                     JfdEngineLinkFunc  operation,
                                     guint              status,
                                     const char        *location_prefix);
void jfd_http_mediation_sessions_create (JfdRequest *request);
void jfd_http_mediation_sessions_list   (JfdRequest *request);
void jfd_http_mediation_sessions_patch  (JfdRequest *request);
void jfd_http_matters_police_alert      (JfdRequest *request);
void jfd_http_agreements_create         (JfdRequest *request);
void jfd_http_agreements_list           (JfdRequest *request);
void jfd_http_agreements_get            (JfdRequest *request);
void jfd_http_agreements_sign           (JfdRequest *request);
void jfd_http_agreements_performance    (JfdRequest *request);
void jfd_http_agreements_pdf            (JfdRequest *request);
void jfd_http_referrals_create          (JfdRequest *request);
void jfd_http_referrals_list            (JfdRequest *request);
void jfd_http_referrals_patch           (JfdRequest *request);
void jfd_http_referrals_extend          (JfdRequest *request);
void jfd_http_confirmations_create      (JfdRequest *request);
void jfd_http_confirmations_patch       (JfdRequest *request);
void jfd_http_petitions_open            (JfdRequest *request);
void jfd_http_petitions_get             (JfdRequest *request);
void jfd_http_petitions_decision        (JfdRequest *request);
void jfd_http_petitions_extension       (JfdRequest *request);
void jfd_http_petitions_reply           (JfdRequest *request);
void jfd_http_petitions_review_request  (JfdRequest *request);
void jfd_http_petitions_review          (JfdRequest *request);
void jfd_http_petitions_rereview        (JfdRequest *request);

/* The registry (jfd-http-registry.c, jfd-http-registry-csv.c) and a matter's links to it,
 * repeat disputes and risk (jfd-http-repeat.c). */
void jfd_http_people_create         (JfdRequest   *request);
void jfd_http_people_get            (JfdRequest   *request);
void jfd_http_people_patch          (JfdRequest   *request);
void jfd_http_people_list           (JfdRequest   *request);
void jfd_http_people_import         (JfdRequest   *request);
void jfd_http_people_export         (JfdRequest   *request);
void jfd_http_places_import         (JfdRequest   *request);
void jfd_http_places_export         (JfdRequest   *request);
void jfd_http_organisations_import  (JfdRequest   *request);
void jfd_http_organisations_export  (JfdRequest   *request);
void jfd_http_places_create         (JfdRequest   *request);
void jfd_http_places_get            (JfdRequest   *request);
void jfd_http_places_patch          (JfdRequest   *request);
void jfd_http_places_list           (JfdRequest   *request);
void jfd_http_organisations_create  (JfdRequest   *request);
void jfd_http_organisations_get     (JfdRequest   *request);
void jfd_http_organisations_patch   (JfdRequest   *request);
void jfd_http_organisations_list    (JfdRequest   *request);
void jfd_http_things_create         (JfdRequest   *request);
void jfd_http_things_get            (JfdRequest   *request);
void jfd_http_things_patch          (JfdRequest   *request);
void jfd_http_things_list           (JfdRequest   *request);
void jfd_http_matters_links_create  (JfdRequest   *request);
void jfd_http_matters_links_list    (JfdRequest   *request);
void jfd_http_matters_links_delete  (JfdRequest   *request);
void jfd_http_matters_party_person  (JfdRequest   *request);
void jfd_http_matters_related       (JfdRequest   *request);
void jfd_http_matters_risks         (JfdRequest   *request);
void jfd_http_repeat                (JfdRequest   *request);

/* Statistics (jfd-http-stats.c) */
void jfd_http_stats                 (JfdRequest   *request);
void jfd_http_stats_matters         (JfdRequest   *request);
void jfd_http_stats_units           (JfdRequest   *request);

G_END_DECLS
