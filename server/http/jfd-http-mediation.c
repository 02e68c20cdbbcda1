/* jfd-http-mediation.c: /v1/matters/{id}/mediation-sessions, /v1/mediation-sessions/{id}
 * and /v1/matters/{id}/police-alert */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_mediation_sessions_create (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_schedule_mediation_async, 201,
                 "/v1/mediation-sessions/");
}

void
jfd_http_mediation_sessions_list (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_list_mediation_sessions_async, 200, NULL);
}

void
jfd_http_mediation_sessions_patch (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_record_mediation_async, 200, NULL);
}

void
jfd_http_matters_police_alert (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_alert_police_async, 200, NULL);
}
