/* jfd-routes.c: every route jiefend serves (each must be in the OpenAPI document) */
#include "config.h"

#include "http/jfd-http.h"
#include "jfd-route.h"

#define OPEN JFD_AUTH_NONE
#define SIGNED JFD_AUTH_SESSION

static const JfdRoute routes[] = {
  { "GET", "/healthz", jfd_http_healthz, OPEN, JFD_BODY_NONE, FALSE },
  { "GET", "/metrics", jfd_http_metrics, OPEN, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/openapi.json", jfd_http_openapi, OPEN, JFD_BODY_NONE, FALSE },

  { "POST", "/v1/sessions", jfd_http_sessions_create, OPEN, JFD_BODY_JSON, FALSE },
  { "DELETE", "/v1/sessions/current", jfd_http_sessions_delete, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/me", jfd_http_me, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/stream", jfd_http_stream, SIGNED, JFD_BODY_NONE, FALSE },

  { "GET", "/v1/accounts", jfd_http_accounts_list, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/accounts", jfd_http_accounts_create, SIGNED, JFD_BODY_JSON, TRUE },
  { "GET", "/v1/accounts/{id}", jfd_http_accounts_get, SIGNED, JFD_BODY_NONE, FALSE },
  { "PATCH", "/v1/accounts/{id}", jfd_http_accounts_patch, SIGNED, JFD_BODY_JSON, TRUE },
  { "POST", "/v1/accounts/{id}/password", jfd_http_accounts_password, SIGNED, JFD_BODY_JSON,
    TRUE },

  { "GET", "/v1/org-units", jfd_http_org_units_list, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/org-units/{code}", jfd_http_org_units_get, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/departments", jfd_http_departments_list, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/categories", jfd_http_categories_list, SIGNED, JFD_BODY_NONE, FALSE },

  { "POST", "/v1/matters", jfd_http_matters_create, SIGNED, JFD_BODY_JSON, TRUE },
  { "GET", "/v1/matters", jfd_http_matters_list, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/matters/{id}", jfd_http_matters_get, SIGNED, JFD_BODY_NONE, FALSE },
  { "PATCH", "/v1/matters/{id}", jfd_http_matters_patch, SIGNED, JFD_BODY_JSON, TRUE },
  { "POST", "/v1/matters/{id}/transitions", jfd_http_matters_transition, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "GET", "/v1/matters/{id}/events", jfd_http_matters_events, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/matters/{id}/attachments", jfd_http_attachments_add, SIGNED, JFD_BODY_BINARY,
    TRUE },
  { "GET", "/v1/matters/{id}/attachments", jfd_http_attachments_list, SIGNED, JFD_BODY_NONE,
    FALSE },
  { "GET", "/v1/attachments/{id}", jfd_http_attachments_get, SIGNED, JFD_BODY_NONE, FALSE },

  { "POST", "/v1/matters/{id}/whistles", jfd_http_whistles_create, SIGNED, JFD_BODY_JSON, TRUE },
  { "GET", "/v1/matters/{id}/whistles", jfd_http_whistles_list, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/whistle-targets/{id}/check-in", jfd_http_whistle_targets_check_in, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/whistle-targets/{id}/feedback", jfd_http_whistle_targets_feedback, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/whistle-targets/{id}/extension", jfd_http_whistle_targets_extension, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/whistle-targets/{id}/verify", jfd_http_whistle_targets_verify, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/whistle-targets/{id}/send-back", jfd_http_whistle_targets_send_back, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "GET", "/v1/inbox", jfd_http_inbox, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/matters/{id}/escalate", jfd_http_matters_escalate, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "POST", "/v1/matters/{id}/hand-down", jfd_http_matters_hand_down, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "POST", "/v1/matters/{id}/follow-ups", jfd_http_follow_ups_create, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "GET", "/v1/matters/{id}/follow-ups", jfd_http_follow_ups_list, SIGNED, JFD_BODY_NONE,
    FALSE },
  { "POST", "/v1/matters/{id}/mediation-sessions", jfd_http_mediation_sessions_create, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "GET", "/v1/matters/{id}/mediation-sessions", jfd_http_mediation_sessions_list, SIGNED,
    JFD_BODY_NONE, FALSE },
  { "PATCH", "/v1/mediation-sessions/{id}", jfd_http_mediation_sessions_patch, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/matters/{id}/police-alert", jfd_http_matters_police_alert, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/matters/{id}/agreements", jfd_http_agreements_create, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "GET", "/v1/matters/{id}/agreements", jfd_http_agreements_list, SIGNED, JFD_BODY_NONE,
    FALSE },
  { "GET", "/v1/agreements/{id}", jfd_http_agreements_get, SIGNED, JFD_BODY_NONE, FALSE },
  { "GET", "/v1/agreements/{id}/pdf", jfd_http_agreements_pdf, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/agreements/{id}/signatures", jfd_http_agreements_sign, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "PATCH", "/v1/agreements/{id}/performance", jfd_http_agreements_performance, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/agreements/{id}/judicial-confirmation", jfd_http_confirmations_create, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "PATCH", "/v1/judicial-confirmations/{id}", jfd_http_confirmations_patch, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/matters/{id}/referrals", jfd_http_referrals_create, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "GET", "/v1/matters/{id}/referrals", jfd_http_referrals_list, SIGNED, JFD_BODY_NONE,
    FALSE },
  { "PATCH", "/v1/referrals/{id}", jfd_http_referrals_patch, SIGNED, JFD_BODY_JSON, TRUE },
  { "POST", "/v1/referrals/{id}/extension", jfd_http_referrals_extend, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "POST", "/v1/matters/{id}/petition", jfd_http_petitions_open, SIGNED, JFD_BODY_JSON, TRUE },
  { "GET", "/v1/matters/{id}/petition", jfd_http_petitions_get, SIGNED, JFD_BODY_NONE, FALSE },
  { "POST", "/v1/petitions/{id}/decision", jfd_http_petitions_decision, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "POST", "/v1/petitions/{id}/extension", jfd_http_petitions_extension, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/petitions/{id}/reply", jfd_http_petitions_reply, SIGNED, JFD_BODY_JSON, TRUE },
  { "POST", "/v1/petitions/{id}/review-request", jfd_http_petitions_review_request, SIGNED,
    JFD_BODY_JSON, TRUE },
  { "POST", "/v1/petitions/{id}/review", jfd_http_petitions_review, SIGNED, JFD_BODY_JSON,
    TRUE },
  { "POST", "/v1/petitions/{id}/rereview", jfd_http_petitions_rereview, SIGNED, JFD_BODY_JSON,
    TRUE },
};

const JfdRoute *
jfd_routes_get (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (routes);
  return routes;
}
