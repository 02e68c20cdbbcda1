/* test-agreement-pdf.c: people's mediation agreements through the API
 *
 * Written from the template, signed by the parties and the centre's mediator, sealed and
 * in effect that day, followed up; the PDF drawn by the server reads back (pdftotext) with
 * the title, the committee, the parties and their masked ID numbers, the copies sentence and
 * the signing times, over as many pages as the text needs; every refusal writes nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "jf-links-test.h"

static JfTestResponse *
sign (const char *username,
      gint64      agreement,
      const char *body)
{
  return links_call ("POST", username, body, "/v1/agreements/%" G_GINT64_FORMAT "/signatures",
                     agreement);
}

/* The text of a PDF as pdftotext reads it; its pages in @out_pages. */
static char *
pdf_text (GBytes *pdf,
          guint  *out_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jf-agreement-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", NULL, "-", NULL };
  int wait_status = 0;
  guint pages = 1;

  g_assert_no_error (error);
  path = g_build_filename (dir, "agreement.pdf", NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("pdftotext failed (is poppler-utils installed?): %s", err);
  g_unlink (path);
  g_rmdir (dir);
  /* pdftotext ends every page with a form feed. */
  for (const char *p = out; *p != '\0'; p++)
    if (*p == '\f' && p[1] != '\0')
      pages++;
  *out_pages = pages;
  return g_steal_pointer (&out);
}

/* @text without line breaks, form feeds and spaces, as pdftotext wraps the lines. */
static char *
joined (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n' && *p != '\f' && *p != ' ')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_sign_seal_and_pdf (void)
{
  gint64 matter = links_accepted ("协议书签署", TRUE);
  gint64 agreement = links_draft (matter);
  g_autoptr(JfTestResponse) drafted = links_call ("GET", "minjing", NULL,
                                                  "/v1/agreements/%" G_GINT64_FORMAT, agreement);
  g_autoptr(JfTestResponse) list = NULL;
  g_autoptr(JfTestResponse) first = NULL;
  g_autoptr(JfTestResponse) second = NULL;
  g_autoptr(JfTestResponse) sealed = NULL;
  g_autoptr(JfTestResponse) performed = NULL;
  g_autoptr(JfTestResponse) pdf = NULL;
  g_autofree char *body = NULL;
  g_autofree char *today = links_days_from_today (0);
  g_autofree char *kinds = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *copies = NULL;
  g_autofree char *due_day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *disposition = NULL;
  guint pages = 0;
  GDate day;

  jf_test_assert_status (drafted, 200);
  g_assert_cmpstr (jf_test_response_string (drafted, "template"), ==, "people_mediation");
  g_assert_cmpstr (jf_test_response_string (drafted, "committee"), ==, "向阳街道人民调解委员会");
  g_assert_true (g_str_has_suffix (jf_test_response_string (drafted, "number"), "-01"));
  /* Names, roles and masked numbers are copied from the matter's parties. */
  g_assert_cmpstr (jf_test_response_string (drafted, "parties.0.name"), ==, "张三");
  g_assert_cmpstr (jf_test_response_string (drafted, "parties.0.role"), ==, "applicant");
  g_assert_cmpstr (jf_test_response_string (drafted, "parties.1.id_number"), ==,
                   "2204**********0022");
  g_assert_cmpint (jf_test_response_int (drafted, "copies"), ==, 3);
  g_assert_null (jf_test_response_string (drafted, "sealed_at"));
  list = links_call ("GET", "tiaojie", NULL, "/v1/matters/%" G_GINT64_FORMAT "/agreements",
                     matter);
  g_assert_cmpint (jf_test_response_int (list, "0.id"), ==, agreement);

  body = g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}", links_party (matter, 0));
  first = sign ("chuangkou", agreement, body);
  jf_test_assert_status (first, 200);
  g_assert_nonnull (jf_test_response_string (first, "parties.0.signed_at"));
  g_assert_null (jf_test_response_string (first, "parties.1.signed_at"));
  g_free (body);
  body = g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}", links_party (matter, 1));
  second = sign ("tiaojie", agreement, body);
  jf_test_assert_status (second, 200);
  g_assert_null (jf_test_response_string (second, "sealed_at"));
  /* The mediator's signature is the last: the committee seals it, in effect today. */
  sealed = sign ("tiaojie", agreement, "{\"mediator\":true}");
  jf_test_assert_status (sealed, 200);
  g_assert_cmpstr (jf_test_response_string (sealed, "mediator.username"), ==, "tiaojie");
  g_assert_nonnull (jf_test_response_string (sealed, "sealed_at"));
  g_assert_cmpstr (jf_test_response_string (sealed, "effective_on"), ==, today);
  kinds = links_sql_text ("SELECT string_agg(kind, ' ' ORDER BY seq) FROM jf.events "
                          "WHERE matter_id = %" G_GINT64_FORMAT " AND kind LIKE 'agreement.%%'",
                          matter);
  g_assert_cmpstr (kinds, ==, "agreement.drafted agreement.signed agreement.signed "
                              "agreement.signed agreement.sealed");
  /* Its performance is followed up on a clock until the agreed day. */
  clock = links_sql_text ("SELECT state || ' ' || to_char(due_at AT TIME ZONE 'Asia/Shanghai', "
                          "'YYYY-MM-DD HH24:MI') FROM jf.deadlines WHERE subject = "
                          "'agreement:%" G_GINT64_FORMAT "'", agreement);
  links_today (&day);
  g_date_add_days (&day, 30);
  due_day = links_day (&day);
  {
    g_autofree char *expected = g_strdup_printf ("running %s 23:59", due_day);

    g_assert_cmpstr (clock, ==, expected);
  }

  pdf = links_call ("GET", "minjing", NULL, "/v1/agreements/%" G_GINT64_FORMAT "/pdf",
                    agreement);
  jf_test_assert_status (pdf, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (pdf->headers, NULL), ==,
                   "application/pdf");
  disposition = g_strdup (soup_message_headers_get_one (pdf->headers, "Content-Disposition"));
  g_assert_true (g_str_has_prefix (disposition, "inline; filename*=UTF-8''"));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf->raw, NULL), "%PDF-"));
  text = pdf_text (pdf->raw, &pages);
  flat = joined (text);
  g_assert_nonnull (strstr (flat, "人民调解协议书"));
  g_assert_nonnull (strstr (flat, "向阳街道人民调解委员会"));
  g_assert_nonnull (strstr (flat, "张三"));
  g_assert_nonnull (strstr (flat, "李四"));
  g_assert_nonnull (strstr (flat, "当事人（申请人）"));
  g_assert_nonnull (strstr (flat, "当事人（被申请人）"));
  g_assert_nonnull (strstr (flat, "2204**********0019"));
  g_assert_null (strstr (flat, LINKS_ID_APPLICANT));
  g_assert_nonnull (strstr (flat, "纠纷事实"));
  g_assert_nonnull (strstr (flat, "协议内容"));
  g_assert_nonnull (strstr (flat, "李四赔偿张三维修费人民币3000元"));
  g_assert_nonnull (strstr (flat, jf_test_response_string (drafted, "number")));
  copies = g_strdup ("本协议一式3份，当事人各执一份，人民调解委员会留存一份");
  g_assert_nonnull (strstr (flat, copies));
  g_assert_nonnull (strstr (flat, "人民调解委员会印章"));
  {
    g_autofree char *year = g_strndup (today, 4);
    g_autofree char *signed_on = g_strdup_printf ("签署时间：%s年%d月%d日", year,
                                                  atoi (today + 5), atoi (today + 8));

    g_assert_nonnull (strstr (flat, signed_on));
  }

  g_free (body);
  body = g_strdup_printf ("{\"version\":%" G_GINT64_FORMAT ",\"performance\":\"fulfilled\","
                          "\"note\":\"已当场支付\"}", jf_test_response_int (sealed, "version"));
  performed = links_call ("PATCH", "tiaojie", body,
                          "/v1/agreements/%" G_GINT64_FORMAT "/performance", agreement);
  jf_test_assert_status (performed, 200);
  g_assert_cmpstr (jf_test_response_string (performed, "performance"), ==, "fulfilled");
  g_assert_cmpint (links_sql_int ("SELECT count(*) FROM jf.deadlines WHERE subject = "
                                  "'agreement:%" G_GINT64_FORMAT "' AND state = 'met'",
                                  agreement), ==, 1);
}

static void
test_long_agreement_pages (void)
{
  gint64 matter = links_accepted ("长篇协议", TRUE);
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autoptr(JfTestResponse) created = NULL;
  g_autoptr(JfTestResponse) pdf = NULL;
  g_autofree char *body = NULL;
  g_autofree char *due = links_days_from_today (10);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  guint pages = 0;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (facts, "第%u段：双方就漏水造成的损失、维修责任和费用分担反复陈述意见，"
                            "调解员逐项核实。\\n", i + 1);
  g_string_append (facts, "最后一段");
  body = g_strdup_printf ("{\"parties\":[{\"party_id\":%" G_GINT64_FORMAT "},"
                          "{\"party_id\":%" G_GINT64_FORMAT "}],\"facts\":\"%s\","
                          "\"terms\":\"李四赔偿张三3000元。\",\"performance_due\":\"%s\"}",
                          links_party (matter, 0), links_party (matter, 1), facts->str, due);
  created = links_call ("POST", "tiaojie", body, "/v1/matters/%" G_GINT64_FORMAT "/agreements",
                        matter);
  jf_test_assert_status (created, 201);
  pdf = links_call ("GET", "tiaojie", NULL, "/v1/agreements/%" G_GINT64_FORMAT "/pdf",
                    jf_test_response_int (created, "id"));
  jf_test_assert_status (pdf, 200);
  text = pdf_text (pdf->raw, &pages);
  flat = joined (text);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_nonnull (strstr (flat, "第1段"));
  g_assert_nonnull (strstr (flat, "最后一段"));
  /* Unsigned: the lines wait for signatures, the copies sentence is still there. */
  g_assert_nonnull (strstr (flat, "本协议一式3份"));
}

typedef enum
{
  AT_DRAFT,      /* POST /v1/matters/{matter}/agreements */
  AT_SIGN,       /* POST /v1/agreements/{draft}/signatures */
  AT_SIGN_SEALED,
  AT_PERFORM,    /* PATCH /v1/agreements/{sealed}/performance */
  AT_PERFORM_DRAFT,
} Target;

typedef struct
{
  const char *name;
  const char *who;
  Target      target;
  const char *body;   /* %A %B: the matter's first two parties, %X another matter's; %V the
                       * agreement's version */
  gboolean    registered;
  guint       status;
  const char *field;
} BadAgreement;

#define PARTIES "\"parties\":[{\"party_id\":%A},{\"party_id\":%B}]"
#define TEXTS "\"facts\":\"漏水\",\"terms\":\"赔偿\""

static const BadAgreement bad_agreements[] = {
  { "one-party", "tiaojie", AT_DRAFT, "{\"parties\":[{\"party_id\":%A}]," TEXTS
    ",\"performance_due\":\"2099-01-01\"}", FALSE, 422, "parties" },
  { "party-of-another-matter", "tiaojie", AT_DRAFT,
    "{\"parties\":[{\"party_id\":%A},{\"party_id\":%X}]," TEXTS
    ",\"performance_due\":\"2099-01-01\"}", FALSE, 422, "parties[1].party_id" },
  { "party-twice", "tiaojie", AT_DRAFT, "{\"parties\":[{\"party_id\":%A},{\"party_id\":%A}],"
    TEXTS ",\"performance_due\":\"2099-01-01\"}", FALSE, 422, "parties[1].party_id" },
  { "performed-in-the-past", "tiaojie", AT_DRAFT, "{" PARTIES "," TEXTS
    ",\"performance_due\":\"2020-01-01\"}", FALSE, 422, "performance_due" },
  { "no-terms", "tiaojie", AT_DRAFT, "{" PARTIES ",\"facts\":\"漏水\","
    "\"performance_due\":\"2099-01-01\"}", FALSE, 422, "terms" },
  { "unknown-template", "tiaojie", AT_DRAFT, "{" PARTIES "," TEXTS ",\"template\":\"court\","
    "\"performance_due\":\"2099-01-01\"}", FALSE, 422, "template" },
  { "no-such-session", "tiaojie", AT_DRAFT, "{" PARTIES "," TEXTS ",\"session_id\":999999,"
    "\"performance_due\":\"2099-01-01\"}", FALSE, 422, "session_id" },
  { "not-accepted-yet", "tiaojie", AT_DRAFT, "{" PARTIES "," TEXTS
    ",\"performance_due\":\"2099-01-01\"}", TRUE, 422, NULL },
  { "grid-leader", "wangge", AT_DRAFT, "{" PARTIES "," TEXTS
    ",\"performance_due\":\"2099-01-01\"}", FALSE, 403, NULL },
  { "police", "minjing", AT_DRAFT, "{" PARTIES "," TEXTS ",\"performance_due\":\"2099-01-01\"}",
    FALSE, 403, NULL },
  { "party-and-mediator", "tiaojie", AT_SIGN, "{\"party_id\":%A,\"mediator\":true}", FALSE, 422,
    NULL },
  { "nobody", "tiaojie", AT_SIGN, "{}", FALSE, 422, NULL },
  { "not-a-party", "tiaojie", AT_SIGN, "{\"party_id\":%X}", FALSE, 422, "party_id" },
  { "reception-as-mediator", "chuangkou", AT_SIGN, "{\"mediator\":true}", FALSE, 403,
    "mediator" },
  { "judge-as-mediator", "fayuan", AT_SIGN, "{\"mediator\":true}", FALSE, 403, "mediator" },
  { "after-sealing", "tiaojie", AT_SIGN_SEALED, "{\"party_id\":%A}", FALSE, 422, NULL },
  { "auditor-signs", "shenji", AT_SIGN, "{\"party_id\":%A}", FALSE, 403, NULL },
  { "performed-before-sealing", "tiaojie", AT_PERFORM_DRAFT,
    "{\"version\":%V,\"performance\":\"fulfilled\"}", FALSE, 422, "performance" },
  { "breached-without-note", "tiaojie", AT_PERFORM,
    "{\"version\":%V,\"performance\":\"breached\"}", FALSE, 422, "note" },
  { "unknown-performance", "tiaojie", AT_PERFORM, "{\"version\":%V,\"performance\":\"done\"}",
    FALSE, 422, "performance" },
  { "stale-version", "tiaojie", AT_PERFORM, "{\"version\":1,\"performance\":\"fulfilled\"}",
    FALSE, 409, "version" },
};

static char *
fill (const char *template,
      const char *key,
      gint64      value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_auto(GStrv) parts = g_strsplit (template, key, -1);

  return g_strjoinv (text, parts);
}

static void
test_bad_agreement (gconstpointer data)
{
  const BadAgreement *bad = data;
  gint64 matter = bad->registered ? links_register ("dispute", LINKS_VILLAGE, "未受理", NULL)
                                  : links_accepted ("错误的协议", TRUE);
  gint64 other = links_register ("dispute", LINKS_VILLAGE, "另一纠纷", NULL);
  gint64 agreement = 0;
  g_autofree char *a = NULL, *b = NULL, *x = NULL, *body = NULL;
  g_autofree char *before = NULL;
  g_autoptr(JfTestResponse) r = NULL;

  if (bad->target == AT_SIGN || bad->target == AT_PERFORM_DRAFT)
    agreement = links_draft (matter);
  else if (bad->target == AT_SIGN_SEALED || bad->target == AT_PERFORM)
    agreement = links_sealed (matter);
  a = fill (bad->body, "%A", links_party (matter, 0));
  b = fill (a, "%B", links_party (matter, 1));
  x = fill (b, "%X", links_party (other, 1));
  body = fill (x, "%V", agreement > 0 ? links_sql_int ("SELECT version FROM jf.agreements "
                                                       "WHERE id = %" G_GINT64_FORMAT,
                                                       agreement) : 0);
  before = links_snapshot ();
  switch (bad->target)
    {
    case AT_DRAFT:
      r = links_call ("POST", bad->who, body, "/v1/matters/%" G_GINT64_FORMAT "/agreements",
                      matter);
      break;
    case AT_SIGN:
    case AT_SIGN_SEALED:
      r = sign (bad->who, agreement, body);
      break;
    case AT_PERFORM:
    case AT_PERFORM_DRAFT:
    default:
      r = links_call ("PATCH", bad->who, body, "/v1/agreements/%" G_GINT64_FORMAT
                      "/performance", agreement);
      break;
    }
  g_assert_cmpuint (r->status, ==, bad->status);
  g_assert_cmpstr (jf_test_response_string (r, "error.field"), ==, bad->field);
  links_assert_unchanged (before);
}

static void
test_signed_twice_and_scope (void)
{
  gint64 matter = links_accepted ("重复签名", TRUE);
  gint64 agreement = links_draft (matter);
  g_autofree char *body = g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}",
                                           links_party (matter, 0));
  g_autoptr(JfTestResponse) first = sign ("tiaojie", agreement, body);
  g_autoptr(JfTestResponse) twice = NULL;
  g_autoptr(JfTestResponse) mediator = NULL;
  g_autoptr(JfTestResponse) mediator_twice = NULL;
  g_autoptr(JfTestResponse) outside = NULL;
  g_autoptr(JfTestResponse) outside_pdf = NULL;
  g_autoptr(JfTestResponse) missing = NULL;
  g_autoptr(JfTestResponse) missing_pdf = NULL;
  g_autofree char *before = NULL;

  jf_test_assert_status (first, 200);
  mediator = sign ("tiaojie", agreement, "{\"mediator\":true}");
  jf_test_assert_status (mediator, 200);
  g_assert_null (jf_test_response_string (mediator, "sealed_at"));
  before = links_snapshot ();
  twice = sign ("chuangkou", agreement, body);
  g_assert_cmpuint (twice->status, ==, 422);
  g_assert_cmpstr (jf_test_response_string (twice, "error.code"), ==, "refused");
  mediator_twice = sign ("tiaojie", agreement, "{\"mediator\":true}");
  g_assert_cmpuint (mediator_twice->status, ==, 422);
  /* A grid leader sees only the grid's own matters. */
  outside = links_call ("GET", "wangge", NULL, "/v1/agreements/%" G_GINT64_FORMAT, agreement);
  g_assert_cmpuint (outside->status, ==, 403);
  outside_pdf = links_call ("GET", "wangge", NULL, "/v1/agreements/%" G_GINT64_FORMAT "/pdf",
                            agreement);
  g_assert_cmpuint (outside_pdf->status, ==, 403);
  missing = links_call ("GET", "tiaojie", NULL, "/v1/agreements/999999");
  g_assert_cmpuint (missing->status, ==, 404);
  missing_pdf = links_call ("GET", "tiaojie", NULL, "/v1/agreements/999999/pdf");
  g_assert_cmpuint (missing_pdf->status, ==, 404);
  links_assert_unchanged (before);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  links_setup ();
  g_test_add_func ("/jfd/agreement/sign-seal-and-pdf", test_sign_seal_and_pdf);
  g_test_add_func ("/jfd/agreement/pdf-runs-onto-pages", test_long_agreement_pages);
  g_test_add_func ("/jfd/agreement/signed-twice-and-scope", test_signed_twice_and_scope);
  for (guint i = 0; i < G_N_ELEMENTS (bad_agreements); i++)
    {
      g_autofree char *name = g_strdup_printf ("/jfd/agreement/refused/%s",
                                               bad_agreements[i].name);
      g_test_add_data_func (name, &bad_agreements[i], test_bad_agreement);
    }
  status = g_test_run ();
  links_teardown ();
  return status;
}
