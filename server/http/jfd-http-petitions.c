/* jfd-http-petitions.c: /v1/matters/{id}/petition and the steps on /v1/petitions/{id}/... */
#include "config.h"

#include "jfd-http.h"

void
jfd_http_petitions_open (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_open_petition_async, 201,
                 "/v1/petitions/");
}

void
jfd_http_petitions_get (JfdRequest *request)
{
  jfd_http_link (request, jfd_engine_get_petition_async, 200, NULL);
}

/* The steps, each as an operation of the links' one signature. */
#define STEP(name, STEP_ID)                                                               \
  static void                                                                             \
  name (JfdEngine *self, JfdActor *actor, gint64 id, JsonObject *body,                    \
        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)      \
  {                                                                                       \
    jfd_engine_petition_step_async (self, actor, id, STEP_ID, body, cancellable, callback, \
                                    user_data);                                           \
  }

STEP (decide, JFD_PETITION_DECISION)
STEP (extend, JFD_PETITION_EXTENSION)
STEP (reply, JFD_PETITION_REPLY)
STEP (request_review, JFD_PETITION_REVIEW_REQUEST)
STEP (review, JFD_PETITION_REVIEW)
STEP (rereview, JFD_PETITION_REREVIEW)

void
jfd_http_petitions_decision (JfdRequest *request)
{
  jfd_http_link (request, decide, 200, NULL);
}

void
jfd_http_petitions_extension (JfdRequest *request)
{
  jfd_http_link (request, extend, 200, NULL);
}

void
jfd_http_petitions_reply (JfdRequest *request)
{
  jfd_http_link (request, reply, 200, NULL);
}

void
jfd_http_petitions_review_request (JfdRequest *request)
{
  jfd_http_link (request, request_review, 200, NULL);
}

void
jfd_http_petitions_review (JfdRequest *request)
{
  jfd_http_link (request, review, 200, NULL);
}

void
jfd_http_petitions_rereview (JfdRequest *request)
{
  jfd_http_link (request, rereview, 200, NULL);
}
