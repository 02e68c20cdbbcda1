/* jfd-engine-petitions.c: the petition link (综治+信访, DOMAIN.md §4)
 *
 * A petition matter gets its record when the petition officer opens it: who petitions
 * and on what facts. Then, each on its clock: the decision whether to accept it (15 days
 * from receipt), handling and the written reply (60 days from acceptance, extended once by
 * at most 30 with the petitioner told), a review (复查) requested within 30 days of the
 * reply and answered within 30, a re-review (复核) the same. After a re-review a new
 * petition by the same petitioner on the same facts is not accepted again (《信访工作条
 * 例》). Late steps are recorded and flagged, not refused; the petitioner's own windows
 * (review requests) are enforced.
 *
 * The repeat rule compares keyed hashes (jfd_crypto_index), never the numbers themselves:
 * - "petitioner": the petitioner's ID number (upper-case X) when the party has one, else
 *   "name:" + name (NFKC, no spaces) + "|phone:" + the phone's digits;
 * - "facts": the facts and request as the officer states and confirms them ("facts", at
 *   most 500 characters), normalised: NFKC, case-folded, with white space, punctuation and
 *   symbols removed, so that "拖欠工资3万元。" and "拖欠工资 3万元" are the same facts.
 *   Not the matter's title or narrative, which each intake words anew: the statement is
 *   the officer's judgement of what the petition asks, and the answer to opening a petition
 *   lists the petitioner's other petitions with theirs, so that a repeat is stated alike.
 */
#include "config.h"

#include <string.h>

#include "jf-json.h"
#include "jfd-engine-links-private.h"
#include "jfd-personal.h"

static const JfdStatement open_read_stmt = {
  "petition_open_read",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT jsonb_build_object('id', p.id, 'name', p.name, "
  "                                  'id_number', encode(p.id_number_enc, 'base64'), "
  "                                  'phone', encode(p.phone_enc, 'base64')) "
  "        FROM jf.parties p WHERE p.id = $2::bigint AND p.matter_id = $1::bigint)::text, "
  "       (SELECT t.id FROM jf.petitions t WHERE t.matter_id = $1::bigint)",
  2,
};

static const JfdStatement open_stmt = {
  "petition_open", "SELECT jf.open_petition($1::jsonb)::text", 1,
};

static const JfdStatement of_matter_stmt = {
  "petition_of_matter",
  "SELECT jf.matter_json($1::bigint)::text, "
  "       (SELECT jf.petition_json(t.id) FROM jf.petitions t "
  "        WHERE t.matter_id = $1::bigint)::text",
  1,
};

static const JfdStatement petition_stmt = {
  "petition_get",
  "SELECT jf.matter_json(t.matter_id)::text, jf.petition_json(t.id)::text "
  "FROM jf.petitions t WHERE t.id = $1::bigint",
  1,
};

static const JfdStatement advance_stmt = {
  "petition_advance", "SELECT jf.advance_petition($1::jsonb)::text", 1,
};

#define PETITION_ROLES   JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER)
#define MAX_EXTENSION    30
#define REGULATION       "《信访工作条例》"

static const char * const review_stages[] = { "review", "rereview", NULL };

static const char *
text_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* NFKC, case-folded, without white space, punctuation or symbols. */
static char *
normalise (const char *text,
           gboolean    fold)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = fold && nfkc != NULL ? g_utf8_casefold (nfkc, -1) : NULL;
  const char *source = folded != NULL ? folded : nfkc;
  GString *out = g_string_new (NULL);

  for (const char *p = source; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c) && !g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
index_base64 (JfdEngine  *self,
              const char *domain,
              const char *value)
{
  guint8 hash[JFD_CRYPTO_HASH_BYTES];

  jfd_crypto_index (jfd_shared_get_crypto (jfd_engine_get_shared (self)), domain, value, hash);
  return g_base64_encode (hash, sizeof hash);
}

/* The value behind the "petitioner" key; NULL when the party cannot be told apart. */
static char *
petitioner_value (JfdEngine   *self,
                  JsonObject  *party,
                  GError     **error)
{
  JfdCrypto *crypto = jfd_shared_get_crypto (jfd_engine_get_shared (self));
  g_autofree char *id_number = jfd_personal_open (crypto, text_member (party, "id_number"),
                                                  error);
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone_digits = NULL;
  GString *digits;

  if (id_number != NULL)
    return g_ascii_strup (id_number, -1);
  if (error != NULL && *error != NULL)
    return NULL;
  phone = jfd_personal_open (crypto, text_member (party, "phone"), error);
  if (phone == NULL)
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  name = normalise (text_member (party, "name"), FALSE);
  phone_digits = g_string_free (digits, FALSE);
  return g_strdup_printf ("name:%s|phone:%s", name, phone_digits);
}

static gboolean
open_judge (JfdEngine  *self,
            JfdLink    *link,
            GError    **error)
{
  g_autofree char *petitioner = NULL, *petitioner_key = NULL, *facts = NULL, *facts_key = NULL;
  GDate received, due;

  if (!jfd_link_require_roles (link, PETITION_ROLES, "open a petition record", error))
    return FALSE;
  if (g_strcmp0 (text_member (link->matter, "kind"), "petition") != 0)
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "Only a matter of the kind “petition” has a petition record");
      return FALSE;
    }
  if (!jfd_link_require_status (link, JF_STATUS_BIT (JF_STATUS_REGISTERED) |
                                      JF_STATUS_BIT (JF_STATUS_ACCEPTED),
                                "A petition record is opened when the petition is registered",
                                error))
    return FALSE;
  if (!PQgetisnull (link->row, 0, 2))
    {
      jf_set_error (error, JF_ERROR_CONFLICT, NULL,
                    "This matter has its petition record already (no. %s)",
                    PQgetvalue (link->row, 0, 2));
      return FALSE;
    }
  if (link->record == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, "petitioner_party_id",
                    "Not a party to this matter");
      return FALSE;
    }
  petitioner = petitioner_value (self, link->record, error);
  if (petitioner == NULL)
    {
      if (error != NULL && *error == NULL)
        jf_set_error (error, JF_ERROR_REFUSED, "petitioner_party_id",
                      "The petitioner is told apart by an ID number, or by name and phone: "
                      "this party has neither number");
      else if (error != NULL && (*error)->domain != JF_ERROR)
        {
          GError *opened = *error;

          *error = jf_error_new (JF_ERROR_INTERNAL, NULL, "%s", opened->message);
          g_error_free (opened);
        }
      return FALSE;
    }
  facts = normalise (text_member (link->write, "facts"), TRUE);
  if (facts[0] == '\0')
    {
      jf_set_error (error, JF_ERROR_INVALID, "facts", "State the facts and the request in words");
      return FALSE;
    }
  petitioner_key = index_base64 (self, "petitioner", petitioner);
  facts_key = index_base64 (self, "facts", facts);
  jfd_link_record_day (link->write, "received_on", &received);
  if (!jfd_link_start_clock (link, "petition_decide", &received, &due, error))
    return FALSE;
  json_object_set_string_member (link->write, "petitioner_hmac", petitioner_key);
  json_object_set_string_member (link->write, "facts_hmac", facts_key);
  jfd_link_set_day (link->write, "decide_due_on", &due);
  jfd_link_pin_matter (link);
  jfd_link_add_actor (link, PETITION_ROLES);
  return TRUE;
}

void
jfd_engine_open_petition_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               id,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  static const char * const members[] = { "petitioner_party_id", "facts", "received_on", NULL };
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such matter",
                                             cancellable, callback, user_data,
                                             jfd_engine_open_petition_async);
  JfdLink *link = jfd_link_get (task);
  g_autofree char *facts = NULL, *party_text = NULL;
  gint64 party = 0;
  GDate received;
  GError *error = NULL;

  if (!jf_json_check_members (body, NULL, members, &error) ||
      !jf_json_read_int (body, NULL, "petitioner_party_id", JF_JSON_REQUIRED, 1,
                         G_MAXINT64 / 2, &party, &error) ||
      !jf_json_read_string (body, NULL, "facts", JF_JSON_REQUIRED, 1, 500, &facts, &error) ||
      !jfd_link_read_day (body, "received_on", JF_JSON_OPTIONAL, NULL, NULL, &received, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_date_valid (&received))
    jfd_link_today (&received);
  json_object_set_int_member (link->write, "petitioner_party_id", party);
  json_object_set_string_member (link->write, "facts", facts);
  jfd_link_set_day (link->write, "received_on", &received);
  party_text = g_strdup_printf ("%" G_GINT64_FORMAT, party);
  jfd_link_run (self, g_steal_pointer (&task), &open_read_stmt,
                (const char *[]) { link->id_text, party_text }, TRUE, open_judge, &open_stmt);
}

static gboolean
of_matter_judge (JfdEngine  *self,
                 JfdLink    *link,
                 GError    **error)
{
  if (link->record != NULL)
    return TRUE;
  jf_set_error (error, JF_ERROR_NOT_FOUND, NULL, "This matter has no petition record");
  return FALSE;
}

void
jfd_engine_get_petition_async (JfdEngine           *self,
                               JfdActor            *actor,
                               gint64               id,
                               JsonObject          *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = jfd_link_task_new (self, actor, id, NULL, "No such matter", cancellable,
                                   callback, user_data, jfd_engine_get_petition_async);

  jfd_link_run (self, task, &of_matter_stmt, NULL, FALSE, of_matter_judge, NULL);
}

/* ---- The steps ---- */

static gboolean
at_stage (JfdLink     *link,
          const char  *stage,
          const char  *message,
          GError     **error)
{
  const char *now = text_member (link->record, "stage");

  if (g_strcmp0 (now, stage) == 0)
    return TRUE;
  jf_set_error (error, JF_ERROR_REFUSED, NULL, "%s; this petition is at the stage “%s”",
                message, now);
  return FALSE;
}

/* The day of a step, given or today, not before the record's @since member. */
static gboolean
step_day (JfdLink     *link,
          const char  *member,
          const char  *since,
          const char  *since_what,
          GDate       *out_day,
          GError     **error)
{
  GDate earliest;

  jfd_link_record_day (link->record, since, &earliest);
  if (!jfd_link_read_day (link->body, member, JF_JSON_OPTIONAL, &earliest, since_what, out_day,
                          error))
    return FALSE;
  if (!g_date_valid (out_day))
    jfd_link_today (out_day);
  if (g_date_valid (&earliest) && g_date_compare (out_day, &earliest) < 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, member, "Not before %s (%s)", since_what,
                    text_member (link->record, since));
      return FALSE;
    }
  return TRUE;
}

static void
flag_late (JfdLink     *link,
           JsonObject  *set,
           const GDate *day,
           const char  *due_member)
{
  GDate due;

  if (jfd_link_record_day (link->record, due_member, &due))
    json_object_set_boolean_member (set, "late", g_date_compare (day, &due) > 0);
}

static gboolean
decision_step (JfdLink     *link,
               JsonObject  *set,
               GError     **error)
{
  gboolean accepted = json_object_get_boolean_member (link->body, "accepted");
  const char *reason = text_member (set, "decision_reason");
  const char *redirect = text_member (set, "redirect_to");
  g_autoptr(JsonObject) fields = json_object_new ();
  gboolean registered = jfd_engine_matter_status (link->matter) == JF_STATUS_REGISTERED;
  GDate decided, due;

  if (!at_stage (link, "deciding", "The decision on accepting is made once", error) ||
      !step_day (link, "decided_on", "received_on", "the petition was received", &decided,
                 error))
    return FALSE;
  if (reason != NULL)
    json_object_set_string_member (fields, "reason", reason);
  if (redirect != NULL)
    json_object_set_string_member (fields, "redirect_to", redirect);
  if (!accepted)
    {
      if (!jfd_link_add_move (link, JF_MOVE_NOT_ACCEPT, fields, NULL, FALSE, error))
        return FALSE;
      json_object_set_string_member (set, "stage", "not_accepted");
    }
  else
    {
      /* Accepting the petition accepts the matter, unless that was done already. */
      if (registered &&
          !jfd_link_add_move (link, JF_MOVE_ACCEPT, fields, NULL, FALSE, error))
        return FALSE;
      if (!jfd_link_start_clock (link, "petition_handle", &decided, &due, error))
        return FALSE;
      json_object_set_string_member (set, "stage", "handling");
      jfd_link_set_day (set, "accepted_on", &decided);
      jfd_link_set_day (set, "handle_due_on", &due);
    }
  jfd_link_set_day (set, "decided_on", &decided);
  flag_late (link, set, &decided, "decide_due_on");
  jfd_link_stop_clock (link, "petition_decide");
  json_object_set_string_member (link->write, "step", "decided");
  return TRUE;
}

static gboolean
extension_step (JfdLink     *link,
                JsonObject  *set,
                GError     **error)
{
  gint64 days = json_object_get_int_member (set, "extension_days");
  JsonNode *extension = json_object_get_member (link->record, "extension");
  GDate due, today;

  if (!at_stage (link, "handling", "Only the handling of an accepted petition is extended",
                 error))
    return FALSE;
  if (extension != NULL && !JSON_NODE_HOLDS_NULL (extension))
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "The handling period was extended once already; " REGULATION
                    "：办理期限可以适当延长，但延长期限不得超过30日");
      return FALSE;
    }
  if (days > MAX_EXTENSION)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "days",
                    "At most %d days: " REGULATION "：延长期限不得超过30日，并告知信访人延期理由",
                    MAX_EXTENSION);
      return FALSE;
    }
  if (!json_object_get_boolean_member_with_default (link->body, "petitioner_told", FALSE))
    {
      jf_set_error (error, JF_ERROR_REFUSED, "petitioner_told",
                    "Tell the petitioner of the extension and its reason first: " REGULATION
                    "：延长办理期限的，应当告知信访人延期理由");
      return FALSE;
    }
  jfd_link_record_day (link->record, "handle_due_on", &due);
  jfd_link_today (&today);
  if (g_date_compare (&today, &due) > 0)
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "The handling period ran out on %s: it can no longer be extended",
                    text_member (link->record, "handle_due_on"));
      return FALSE;
    }
  jfd_link_add_days (link, &due, days);
  jfd_link_set_day (set, "handle_due_on", &due);
  jfd_link_move_clock (link, "petition_handle", &due);
  json_object_set_string_member (link->write, "step", "extended");
  return TRUE;
}

static gboolean
reply_step (JfdLink     *link,
            JsonObject  *set,
            GError     **error)
{
  GDate replied, window;

  if (!at_stage (link, "handling", "The written reply answers an accepted petition", error) ||
      !step_day (link, "replied_on", "accepted_on", "the acceptance", &replied, error) ||
      !jfd_link_due_day (link, "petition_review_request", &replied, &window, error))
    return FALSE;
  json_object_set_string_member (set, "stage", "replied");
  jfd_link_set_day (set, "replied_on", &replied);
  jfd_link_set_day (set, "review_request_due_on", &window);
  flag_late (link, set, &replied, "handle_due_on");
  jfd_link_stop_clock (link, "petition_handle");
  json_object_set_string_member (link->write, "step", "replied");
  return TRUE;
}

static gboolean
review_request_step (JfdLink     *link,
                     JsonObject  *set,
                     GError     **error)
{
  const char *stage = text_member (link->record, "stage");
  gboolean rereview = g_strcmp0 (stage, "reviewed") == 0;
  const char *asked = text_member (set, "round");
  const char *window_member = rereview ? "rereview_request_due_on" : "review_request_due_on";
  GDate requested, window, due;

  if (g_strcmp0 (stage, "replied") != 0 && !rereview)
    {
      jf_set_error (error, JF_ERROR_REFUSED, NULL,
                    "A review is requested after the written reply, a re-review after the "
                    "review; this petition is at the stage “%s”", stage);
      return FALSE;
    }
  if (asked != NULL && g_str_equal (asked, "rereview") != rereview)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "stage", rereview
                    ? "The petition was reviewed: what may be requested now is a re-review"
                    : "A re-review follows a review, which has not been requested");
      return FALSE;
    }
  json_object_remove_member (set, "round");
  if (!step_day (link, "requested_on", rereview ? "reviewed_on" : "replied_on",
                 rereview ? "the review" : "the reply", &requested, error))
    return FALSE;
  jfd_link_record_day (link->record, window_member, &window);
  if (g_date_valid (&window) && g_date_compare (&requested, &window) > 0)
    {
      jf_set_error (error, JF_ERROR_REFUSED, "requested_on",
                    "Too late: " REGULATION "：信访人对%s不服的，可以自收到书面答复之日起30日内"
                    "请求%s. The %s was answered on %s, so the last day to ask was %s",
                    rereview ? "复查意见" : "信访事项处理意见",
                    rereview ? "复核" : "复查", rereview ? "review" : "petition",
                    text_member (link->record, rereview ? "reviewed_on" : "replied_on"),
                    text_member (link->record, window_member));
      return FALSE;
    }
  if (!jfd_link_start_clock (link, rereview ? "petition_rereview" : "petition_review",
                             &requested, &due, error))
    return FALSE;
  json_object_set_string_member (set, "stage", rereview ? "rereview_requested"
                                                        : "review_requested");
  jfd_link_set_day (set, rereview ? "rereview_requested_on" : "review_requested_on",
                    &requested);
  jfd_link_set_day (set, rereview ? "rereview_due_on" : "review_due_on", &due);
  json_object_set_string_member (link->write, "step", rereview ? "rereview_requested"
                                                               : "review_requested");
  return TRUE;
}

static gboolean
review_step (JfdLink     *link,
             JsonObject  *set,
             gboolean     rereview,
             GError     **error)
{
  GDate decided, window;
  const char *text = text_member (set, "text");
  g_autofree char *kept = g_strdup (text);

  if (!at_stage (link, rereview ? "rereview_requested" : "review_requested",
                 rereview ? "A re-review answers a request for one"
                          : "A review answers a request for one", error) ||
      !step_day (link, "decided_on", rereview ? "rereview_requested_on" : "review_requested_on",
                 "the request", &decided, error))
    return FALSE;
  json_object_remove_member (set, "text");
  json_object_set_string_member (set, rereview ? "rereview_text" : "review_text", kept);
  if (!rereview)
    {
      if (!jfd_link_due_day (link, "petition_rereview_request", &decided, &window, error))
        return FALSE;
      jfd_link_set_day (set, "rereview_request_due_on", &window);
    }
  json_object_set_string_member (set, "stage", rereview ? "rereviewed" : "reviewed");
  jfd_link_set_day (set, rereview ? "rereviewed_on" : "reviewed_on", &decided);
  flag_late (link, set, &decided, rereview ? "rereview_due_on" : "review_due_on");
  jfd_link_stop_clock (link, rereview ? "petition_rereview" : "petition_review");
  json_object_set_string_member (link->write, "step", rereview ? "rereviewed" : "reviewed");
  return TRUE;
}

static gboolean
step_judge (JfdEngine  *self,
            JfdLink    *link,
            GError    **error)
{
  JsonObject *set = json_object_get_object_member (link->write, "set");
  gboolean done = FALSE;

  if (!jfd_link_require_roles (link, PETITION_ROLES, "record the steps of a petition", error))
    return FALSE;
  switch ((JfdPetitionStep) GPOINTER_TO_INT (link->data))
    {
    case JFD_PETITION_DECISION:
      done = decision_step (link, set, error);
      break;
    case JFD_PETITION_EXTENSION:
      done = extension_step (link, set, error);
      break;
    case JFD_PETITION_REPLY:
      done = reply_step (link, set, error);
      break;
    case JFD_PETITION_REVIEW_REQUEST:
      done = review_request_step (link, set, error);
      break;
    case JFD_PETITION_REVIEW:
      done = review_step (link, set, FALSE, error);
      break;
    case JFD_PETITION_REREVIEW:
      done = review_step (link, set, TRUE, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!done)
    return FALSE;
  json_object_set_int_member (link->write, "petition_id", link->id);
  json_object_set_int_member (link->write, "version",
                              json_object_get_int_member (link->record, "version"));
  jfd_link_add_actor (link, PETITION_ROLES);
  return TRUE;
}

/* Reads a step's body into "set" (dates are read by the judge, against the record). */
static gboolean
read_step (JfdPetitionStep   step,
           JsonObject       *body,
           JsonObject       *set,
           GError          **error)
{
  static const char * const decision_members[] = { "accepted", "reason", "redirect_to",
                                                   "decided_on", NULL };
  static const char * const extension_members[] = { "days", "reason", "petitioner_told",
                                                    NULL };
  static const char * const reply_members[] = { "replied_on", "text", NULL };
  static const char * const request_members[] = { "requested_on", "stage", NULL };
  static const char * const review_members[] = { "decided_on", "text", NULL };
  g_autofree char *reason = NULL, *redirect = NULL, *text = NULL;
  gboolean accepted = FALSE, told = FALSE;
  gint64 days = 0;
  guint round = 0;
  GDate unused;

  switch (step)
    {
    case JFD_PETITION_DECISION:
      if (!jf_json_check_members (body, NULL, decision_members, error) ||
          !jf_json_read_boolean (body, NULL, "accepted", JF_JSON_REQUIRED, &accepted, error) ||
          !jf_json_read_string (body, NULL, "reason", JF_JSON_OPTIONAL, 1, 2000, &reason,
                                error) ||
          !jf_json_read_string (body, NULL, "redirect_to", JF_JSON_OPTIONAL |
                                JF_JSON_SINGLE_LINE, 1, 200, &redirect, error) ||
          !jf_json_read_date (body, NULL, "decided_on", JF_JSON_OPTIONAL, &unused, error))
        return FALSE;
      if (!accepted && reason == NULL)
        {
          jf_set_error (error, JF_ERROR_INVALID, "reason",
                        "A petition not accepted is told why");
          return FALSE;
        }
      if (reason != NULL)
        json_object_set_string_member (set, "decision_reason", reason);
      if (redirect != NULL)
        json_object_set_string_member (set, "redirect_to", redirect);
      return TRUE;
    case JFD_PETITION_EXTENSION:
      if (!jf_json_check_members (body, NULL, extension_members, error) ||
          !jf_json_read_int (body, NULL, "days", JF_JSON_REQUIRED, 1, 366, &days, error) ||
          !jf_json_read_string (body, NULL, "reason", JF_JSON_REQUIRED, 1, 2000, &reason,
                                error) ||
          !jf_json_read_boolean (body, NULL, "petitioner_told", JF_JSON_OPTIONAL, &told, error))
        return FALSE;
      json_object_set_int_member (set, "extension_days", days);
      json_object_set_string_member (set, "extension_reason", reason);
      return TRUE;
    case JFD_PETITION_REPLY:
    case JFD_PETITION_REVIEW:
    case JFD_PETITION_REREVIEW:
      if (!jf_json_check_members (body, NULL, step == JFD_PETITION_REPLY ? reply_members
                                                                         : review_members,
                                  error) ||
          !jf_json_read_date (body, NULL, step == JFD_PETITION_REPLY ? "replied_on"
                                                                     : "decided_on",
                              JF_JSON_OPTIONAL, &unused, error) ||
          !jf_json_read_string (body, NULL, "text", JF_JSON_REQUIRED, 1, 10000, &text, error))
        return FALSE;
      json_object_set_string_member (set, step == JFD_PETITION_REPLY ? "reply_text" : "text",
                                     text);
      return TRUE;
    case JFD_PETITION_REVIEW_REQUEST:
      if (!jf_json_check_members (body, NULL, request_members, error) ||
          !jf_json_read_date (body, NULL, "requested_on", JF_JSON_REQUIRED, &unused, error) ||
          !jf_json_read_enum (body, NULL, "stage", JF_JSON_OPTIONAL, review_stages, &round,
                              error))
        return FALSE;
      if (json_object_has_member (body, "stage"))
        json_object_set_string_member (set, "round", review_stages[round]);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

void
jfd_engine_petition_step_async (JfdEngine           *self,
                                JfdActor            *actor,
                                gint64               id,
                                JfdPetitionStep      step,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = jfd_link_task_new (self, actor, id, body, "No such petition",
                                             cancellable, callback, user_data,
                                             jfd_engine_petition_step_async);
  JfdLink *link = jfd_link_get (task);
  JsonObject *set = json_object_new ();
  GError *error = NULL;

  json_object_set_object_member (link->write, "set", set);
  if (!read_step (step, body, set, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  link->data = GINT_TO_POINTER (step);
  jfd_link_run (self, g_steal_pointer (&task), &petition_stmt, NULL, TRUE, step_judge,
                &advance_stmt);
}
