/* jfd-http-court.c: referrals (/v1/matters/{id}/referrals, /v1/referrals/{id}...) and
 * judicial confirmation (/v1/agreements/{id}/judicial-confirmation,
 * /v1/judicial-confirmations/{id}) */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_referrals_create (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_refer_async, 201, "/v1/referrals/");
}

void
jfd_http_referrals_list (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_list_referrals_async, 200, NULL);
}

void
jfd_http_referrals_patch (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_close_referral_async, 200, NULL);
}

void
jfd_http_referrals_extend (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_extend_referral_async, 200, NULL);
}

void
jfd_http_confirmations_create (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_apply_confirmation_async, 201,
                 "/v1/judicial-confirmations/");
}

void
jfd_http_confirmations_patch (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_update_confirmation_async, 200, NULL);
}
