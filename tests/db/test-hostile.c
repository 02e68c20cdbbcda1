/* test-hostile.c: a catalogue of hostile requests, each refused with the expected 4xx,
 * none writing anything, jiefend alive after every one
 *
 * The catalogue is the table below: SQL metacharacters wherever a client can put text,
 * path traversal in file names and paths, invalid UTF-8 (raw bytes, overlong forms,
 * unpaired surrogate escapes), overlong strings, 100,000-deep JSON, numbers that are huge
 * or not JSON, wrong content types, forged, expired, revoked and malformed tokens, another
 * centre's matters, ids that are no ids, JSON that is not one object, wrong methods. What
 * an HTTP library would not send (header floods, broken framing, slow clients) is in
 * test-hostile-wire.c.
 *
 * After every case: the status and error code are the expected ones and the answer is
 * JSON in UTF-8; the row counts of matters, parties, events, sessions, accounts,
 * attachments, the audit log and login attempts, the highest version and the revoked
 * sessions are unchanged (a refused sign-in may add the one login attempt that throttling
 * counts), and no file appeared in the attachment store; GET /healthz answers 200 from the
 * same process.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jf-test-env.h"

#define TOWNSHIP "220402001"
#define OTHER_TOWNSHIP "220402002"
#define CLERK "chuangkou"
#define OTHER_CLERK "nankang"

typedef enum
{
  TOKEN_CLERK,        /* a reception clerk of the township */
  TOKEN_NONE,
  TOKEN_FORGED,       /* well-formed, never issued */
  TOKEN_EXPIRED,
  TOKEN_REVOKED,      /* signed out */
  TOKEN_DISABLED,     /* the account was disabled after sign-in */
  TOKEN_AUDITOR,      /* reads, never writes */
  TOKEN_OTHER_CENTRE, /* a clerk of another township */
} TokenKind;

typedef struct
{
  const char *name;          /* group/name */
  const char *method;
  const char *path;          /* {own} and {other}: a matter of this centre, of another */
  TokenKind   token;
  const char *content_type;  /* NULL: none */
  const char *body;          /* NULL: none; "@name": made by make_body () */
  const char *header;        /* "Name: value", value "@name": made by make_header () */
  guint       status;
  const char *code;          /* error.code */
  gboolean    signs_in;      /* a refused sign-in records one login attempt */
} Case;

#define INTAKE_WITH(member_json)                                                          \
  "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\"," \
  "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"}," member_json                 \
  "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}"
#define INTAKE INTAKE_WITH ("")
#define JSON "application/json"
#define PDF "%PDF-1.4\n% hostile\n"
#define MOVES "/v1/matters/{own}/transitions"
#define UPLOAD "/v1/matters/{own}/attachments?filename="

static const Case cases[] = {
  /* SQL metacharacters: parameters, never SQL, and refused where they are not a value. */
  { "sql/path-id-or", "GET", "/v1/matters/1%27%20OR%20%271%27=%271", TOKEN_CLERK, NULL, NULL,
    NULL, 404, "not_found" },
  { "sql/path-id-semicolon", "GET", "/v1/matters/1;DROP%20TABLE%20jf.matters", TOKEN_CLERK,
    NULL, NULL, NULL, 404, "not_found" },
  { "sql/status", "GET", "/v1/matters?status=registered%27%20OR%201=1--", TOKEN_CLERK, NULL,
    NULL, NULL, 422, "invalid" },
  { "sql/kind", "GET", "/v1/matters?kind=dispute%27--", TOKEN_CLERK, NULL, NULL, NULL, 422,
    "invalid" },
  { "sql/category", "GET", "/v1/matters?category=neighbor%27%3BDROP%20TABLE%20jf.matters",
    TOKEN_CLERK, NULL, NULL, NULL, 422, "invalid" },
  { "sql/after", "GET", "/v1/matters?after=1%20OR%201=1", TOKEN_CLERK, NULL, NULL, NULL, 422,
    "invalid" },
  { "sql/limit", "GET", "/v1/matters?limit=1%3BDELETE%20FROM%20jf.matters", TOKEN_CLERK, NULL,
    NULL, NULL, 422, "invalid" },
  { "sql/assignee", "GET", "/v1/matters?assignee=me%27--", TOKEN_CLERK, NULL, NULL, NULL, 422,
    "invalid" },
  { "sql/created-from", "GET", "/v1/matters?created_from=2026-01-01%27%3A%3Adate--",
    TOKEN_CLERK, NULL, NULL, NULL, 422, "invalid" },
  { "sql/org", "GET", "/v1/matters?org=220402001%27%20OR%20%271%27=%271", TOKEN_CLERK, NULL,
    NULL, NULL, 422, "invalid" },
  { "sql/unknown-parameter", "GET", "/v1/matters?sort=id%3BDROP%20TABLE%20jf.matters",
    TOKEN_CLERK, NULL, NULL, NULL, 400, "malformed" },
  { "sql/intake-org", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001' OR '1'='1\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", NULL, 422, "invalid" },
  { "sql/intake-category", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"kind\":\"dispute\",\"category\":\"neighbor'; DROP TABLE jf.matters;--\","
    "\"source\":\"window\",\"title\":\"t\",\"narrative\":\"x\","
    "\"location\":{\"org\":\"220402001\"},\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}",
    NULL, 422, "invalid" },
  { "sql/idempotency-key", "POST", "/v1/matters", TOKEN_CLERK, JSON, INTAKE,
    "Idempotency-Key: '; DROP TABLE jf.matters;--", 422, "invalid" },
  { "sql/sign-in-username", "POST", "/v1/sessions", TOKEN_NONE, JSON,
    "{\"username\":\"admin'--\",\"password\":\"' OR '1'='1\"}", NULL, 401, "unauthenticated",
    TRUE },
  { "sql/move-to", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted' --\",\"version\":1}", NULL, 422, "invalid" },

  /* Path traversal: a file's name is a label, never a path; paths are routes. */
  { "traversal/dot-dot-slash", "POST", UPLOAD "..%2F..%2Fetc%2Fpasswd", TOKEN_CLERK,
    "application/pdf", PDF, NULL, 422, "invalid" },
  { "traversal/backslashes", "POST", UPLOAD "..%5C..%5Cwindows%5Csystem.ini", TOKEN_CLERK,
    "application/pdf", PDF, NULL, 422, "invalid" },
  { "traversal/absolute", "POST", UPLOAD "%2Fetc%2Fpasswd", TOKEN_CLERK, "application/pdf",
    PDF, NULL, 422, "invalid" },
  { "traversal/dot-file", "POST", UPLOAD ".htaccess", TOKEN_CLERK, "application/pdf", PDF,
    NULL, 422, "invalid" },
  { "traversal/dot-dot", "POST", UPLOAD "%2E%2E", TOKEN_CLERK, "application/pdf", PDF, NULL,
    422, "invalid" },
  { "traversal/subdirectory", "POST", UPLOAD "scans%2Fa.pdf", TOKEN_CLERK, "application/pdf",
    PDF, NULL, 422, "invalid" },
  { "traversal/nul-byte", "POST", UPLOAD "a.pdf%00.png", TOKEN_CLERK, "application/pdf", PDF,
    NULL, 400, "malformed" },
  { "traversal/line-break", "POST", UPLOAD "a%0D%0Ab.pdf", TOKEN_CLERK, "application/pdf", PDF,
    NULL, 422, "invalid" },
  { "traversal/no-name", "POST", "/v1/matters/{own}/attachments", TOKEN_CLERK,
    "application/pdf", PDF, NULL, 422, "invalid" },
  { "traversal/name-201-chars", "POST", UPLOAD "@name-201", TOKEN_CLERK, "application/pdf",
    PDF, NULL, 422, "invalid" },
  /* An encoded "/" in a path: libsoup refuses the request itself (400, no JSON). */
  { "traversal/attachment-id", "GET", "/v1/attachments/..%2F..%2Fetc%2Fpasswd", TOKEN_CLERK,
    NULL, NULL, NULL, 400, NULL },
  { "traversal/matter-path", "GET", "/v1/matters/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    TOKEN_CLERK, NULL, NULL, NULL, 400, NULL },

  /* Invalid UTF-8, as bytes and as escapes. */
  { "utf8/raw-bytes", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@invalid-utf8", NULL, 400,
    "malformed" },
  { "utf8/overlong-slash", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@overlong-utf8", NULL,
    400, "malformed" },
  { "utf8/cesu-surrogate", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@cesu", NULL, 400,
    "malformed" },
  { "utf8/query", "GET", "/v1/matters?q=%FF%FE", TOKEN_CLERK, NULL, NULL, NULL, 400,
    "malformed" },
  { "utf8/file-name", "POST", UPLOAD "%C3%28.pdf", TOKEN_CLERK, "application/pdf", PDF, NULL,
    400, "malformed" },
  { "utf8/header", "POST", "/v1/matters", TOKEN_CLERK, JSON, INTAKE,
    "Idempotency-Key: @invalid-utf8", 422, "invalid" },
  { "utf8/lone-low-surrogate", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
    "\"title\":\"\\udc00x\",\"narrative\":\"x\",\"location\":{\"org\":\"220402001\"},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", NULL, 400, "malformed" },
  /* Refused before json-glib sees it, which would leak on it
   * (tests/fuzz/regressions/fuzz-json/malformed-surrogate-pair-leaks.json). */
  { "utf8/malformed-surrogate-pair", "POST", "/v1/sessions", TOKEN_NONE, JSON,
    "{\"username\":\"a\",\"password\":\"\\ud83d\\udae0\"}", NULL, 400, "malformed" },
  { "utf8/surrogate-in-member-name", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"kind\":\"dispute\",\"a\\ud800b\":1}", NULL, 400, "malformed" },
  { "utf8/chinese-in-parse-error", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"title\": \"楼上噪音扰民楼上噪音扰民楼上噪音\" 1}", NULL, 400, "malformed" },

  /* Overlong strings. */
  { "long/title-101", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@title-101", NULL, 422,
    "invalid" },
  { "long/title-100000", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@title-100000", NULL, 422,
    "invalid" },
  { "long/narrative-5001", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@narrative-5001", NULL,
    422, "invalid" },
  { "long/party-name-51", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@party-name-51", NULL,
    422, "invalid" },
  { "long/username", "POST", "/v1/sessions", TOKEN_NONE, JSON, "@username-10000", NULL, 422,
    "invalid" },
  { "long/password", "POST", "/v1/sessions", TOKEN_NONE, JSON, "@password-100000", NULL, 422,
    "invalid" },
  { "long/idempotency-key", "POST", "/v1/matters", TOKEN_CLERK, JSON, INTAKE,
    "Idempotency-Key: @x-10000", 422, "invalid" },
  { "long/search", "GET", "/v1/matters?q=@q-51", TOKEN_CLERK, NULL, NULL, NULL, 422,
    "invalid" },
  { "long/token", "GET", "/v1/me", TOKEN_NONE, NULL, NULL, "Authorization: Bearer @x-10000",
    401, "unauthenticated" },
  { "long/body-2-mib", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@two-mib", NULL, 413,
    "too_large" },

  /* Deep nesting: json-glib alone would recurse until the stack ends. */
  { "deep/arrays-100000", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@deep-arrays", NULL, 400,
    "malformed" },
  { "deep/objects-100000", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@deep-objects", NULL,
    400, "malformed" },
  { "deep/in-a-member", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@deep-member", NULL, 400,
    "malformed" },
  { "deep/33-levels", "POST", "/v1/matters", TOKEN_CLERK, JSON, "@deep-33", NULL, 400,
    "malformed" },
  { "deep/sign-in", "POST", "/v1/sessions", TOKEN_NONE, JSON, "@deep-arrays", NULL, 400,
    "malformed" },
  { "deep/move", "POST", MOVES, TOKEN_CLERK, JSON, "@deep-objects", NULL, 400, "malformed" },

  /* Numbers json-glib would wrap, round or accept though JSON has no such thing. */
  { "number/uint64-max", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":18446744073709551615}", NULL, 400, "malformed" },
  { "number/huge-negative", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":-99999999999999999999999}", NULL, 400, "malformed" },
  { "number/16-digits", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":1000000000000001}", NULL, 400, "malformed" },
  { "number/1e400", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":1e400}", NULL, 400, "malformed" },
  { "number/hex", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":0x10}",
    NULL, 400, "malformed" },
  { "number/octal", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":0123}",
    NULL, 400, "malformed" },
  { "number/nan", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":NaN}",
    NULL, 400, "malformed" },
  { "number/infinity", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":-Infinity}", NULL, 400, "malformed" },
  { "number/plus-sign", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":+1}",
    NULL, 400, "malformed" },
  { "number/fraction", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":1.0}",
    NULL, 422, "invalid" },
  { "number/string", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":\"1\"}",
    NULL, 422, "invalid" },
  { "number/int32-overflow", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":2147483648}", NULL, 422, "invalid" },
  { "number/negative", "POST", MOVES, TOKEN_CLERK, JSON, "{\"to\":\"accepted\",\"version\":-1}",
    NULL, 422, "invalid" },
  { "number/group-size", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    INTAKE_WITH ("\"risk\":{\"group_size\":100001},"), NULL, 422, "invalid" },
  { "number/latitude", "POST", "/v1/matters", TOKEN_CLERK, JSON,
    "{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"t\","
    "\"narrative\":\"x\",\"location\":{\"org\":\"220402001\",\"lat\":91,\"lng\":125},"
    "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}", NULL, 422, "invalid" },

  /* Content types: JSON is JSON in UTF-8; a file is what its bytes say. */
  { "type/text-plain", "POST", "/v1/matters", TOKEN_CLERK, "text/plain", INTAKE, NULL, 415,
    "unsupported_media_type" },
  { "type/form", "POST", "/v1/matters", TOKEN_CLERK, "application/x-www-form-urlencoded",
    "kind=dispute&title=t", NULL, 415, "unsupported_media_type" },
  { "type/none", "POST", "/v1/matters", TOKEN_CLERK, NULL, INTAKE, NULL, 415,
    "unsupported_media_type" },
  { "type/latin1", "POST", "/v1/matters", TOKEN_CLERK, "application/json; charset=latin1",
    INTAKE, NULL, 415, "unsupported_media_type" },
  { "type/multipart", "POST", "/v1/sessions", TOKEN_NONE, "multipart/form-data; boundary=x",
    "--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin\r\n--x--\r\n", NULL,
    415, "unsupported_media_type" },
  { "type/json-patch", "PATCH", "/v1/matters/{own}", TOKEN_CLERK, "application/json-patch+json",
    "[{\"op\":\"replace\",\"path\":\"/title\",\"value\":\"x\"}]", NULL, 415,
    "unsupported_media_type" },
  { "type/pdf-claimed-png", "POST", UPLOAD "a.png", TOKEN_CLERK, "image/png", PDF, NULL, 415,
    "unsupported_media_type" },
  { "type/html", "POST", UPLOAD "a.html", TOKEN_CLERK, "text/html",
    "<html><script>alert(1)</script></html>", NULL, 415, "unsupported_media_type" },
  { "type/svg-script", "POST", UPLOAD "a.svg", TOKEN_CLERK, "image/svg+xml",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", NULL, 415,
    "unsupported_media_type" },
  { "type/gif", "POST", UPLOAD "a.gif", TOKEN_CLERK, "image/gif", "GIF89a;", NULL, 415,
    "unsupported_media_type" },
  { "type/empty-file", "POST", UPLOAD "a.pdf", TOKEN_CLERK, "application/pdf", "", NULL, 422,
    "invalid" },

  /* Tokens. */
  { "token/none", "GET", "/v1/matters", TOKEN_NONE, NULL, NULL, NULL, 401, "unauthenticated" },
  { "token/forged", "GET", "/v1/matters", TOKEN_FORGED, NULL, NULL, NULL, 401,
    "unauthenticated" },
  { "token/expired", "GET", "/v1/matters", TOKEN_EXPIRED, NULL, NULL, NULL, 401,
    "unauthenticated" },
  { "token/revoked", "POST", "/v1/matters", TOKEN_REVOKED, JSON, INTAKE, NULL, 401,
    "unauthenticated" },
  { "token/disabled-account", "GET", "/v1/matters", TOKEN_DISABLED, NULL, NULL, NULL, 401,
    "unauthenticated" },
  { "token/short", "GET", "/v1/me", TOKEN_NONE, NULL, NULL,
    "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401, "unauthenticated" },
  { "token/sql", "GET", "/v1/me", TOKEN_NONE, NULL, NULL,
    "Authorization: Bearer x' OR '1'='1' --AAAAAAAAAAAAAAAAAAAAAAAAA", 401, "unauthenticated" },
  { "token/basic-scheme", "GET", "/v1/me", TOKEN_NONE, NULL, NULL,
    "Authorization: Basic Y2h1YW5na291OlRlc3QtcGFzc3dvcmQtMjAyNg==", 401, "unauthenticated" },
  { "token/empty-bearer", "GET", "/v1/me", TOKEN_NONE, NULL, NULL, "Authorization: Bearer ",
    401, "unauthenticated" },
  { "token/in-query", "GET", "/v1/me?access_token=@clerk-token", TOKEN_NONE, NULL, NULL, NULL,
    401, "unauthenticated" },
  { "token/auditor-writes", "POST", "/v1/matters", TOKEN_AUDITOR, JSON, INTAKE, NULL, 403,
    "forbidden" },

  /* Another centre's matters, and ids that are no ids. */
  { "other-centre/read", "GET", "/v1/matters/{other}", TOKEN_CLERK, NULL, NULL, NULL, 403,
    "forbidden" },
  { "other-centre/edit", "PATCH", "/v1/matters/{other}", TOKEN_CLERK, JSON,
    "{\"version\":1,\"title\":\"改了别人的\"}", NULL, 403, "forbidden" },
  { "other-centre/move", "POST", "/v1/matters/{other}/transitions", TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":1}", NULL, 403, "forbidden" },
  { "other-centre/events", "GET", "/v1/matters/{other}/events", TOKEN_CLERK, NULL, NULL, NULL,
    403, "forbidden" },
  { "other-centre/attach", "POST", "/v1/matters/{other}/attachments?filename=a.pdf",
    TOKEN_CLERK, "application/pdf", PDF, NULL, 403, "forbidden" },
  { "other-centre/attachments", "GET", "/v1/matters/{other}/attachments", TOKEN_CLERK, NULL,
    NULL, NULL, 403, "forbidden" },
  { "other-centre/reveal", "GET", "/v1/matters/{other}?reveal=true", TOKEN_CLERK, NULL, NULL,
    NULL, 403, "forbidden" },
  { "other-centre/queue", "GET", "/v1/matters?org=" OTHER_TOWNSHIP, TOKEN_CLERK, NULL, NULL,
    NULL, 403, "forbidden" },
  { "other-centre/theirs-to-ours", "GET", "/v1/matters/{own}", TOKEN_OTHER_CENTRE, NULL, NULL,
    NULL, 403, "forbidden" },
  { "id/missing", "GET", "/v1/matters/999999999", TOKEN_CLERK, NULL, NULL, NULL, 404,
    "not_found" },
  { "id/zero", "GET", "/v1/matters/0", TOKEN_CLERK, NULL, NULL, NULL, 404, "not_found" },
  { "id/negative", "GET", "/v1/matters/-1", TOKEN_CLERK, NULL, NULL, NULL, 404, "not_found" },
  { "id/int64-overflow", "GET", "/v1/matters/9223372036854775808", TOKEN_CLERK, NULL, NULL,
    NULL, 404, "not_found" },
  { "id/leading-zeros", "GET", "/v1/matters/0001", TOKEN_CLERK, NULL, NULL, NULL, 404,
    "not_found" },
  { "id/exponent", "GET", "/v1/matters/1e3", TOKEN_CLERK, NULL, NULL, NULL, 404, "not_found" },

  /* JSON that is not one object. */
  { "json/duplicate-member", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"to\":\"closed\",\"version\":1}", NULL, 400, "malformed" },
  { "json/byte-order-mark", "POST", MOVES, TOKEN_CLERK, JSON,
    "\xEF\xBB\xBF{\"to\":\"accepted\",\"version\":1}", NULL, 400, "malformed" },
  { "json/empty", "POST", MOVES, TOKEN_CLERK, JSON, "", NULL, 400, "malformed" },
  { "json/nul-byte", "POST", MOVES, TOKEN_CLERK, JSON, "@nul-in-body", NULL, 400,
    "malformed" },
  { "json/null", "POST", MOVES, TOKEN_CLERK, JSON, "null", NULL, 400, "malformed" },
  { "json/two-values", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",\"version\":1}{\"to\":\"closed\",\"version\":2}", NULL, 400,
    "malformed" },
  { "json/comment", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\",/* hi */\"version\":1}", NULL, 400, "malformed" },
  { "json/single-quotes", "POST", MOVES, TOKEN_CLERK, JSON, "{'to':'accepted','version':1}",
    NULL, 400, "malformed" },
  { "json/escaped-nul", "POST", MOVES, TOKEN_CLERK, JSON,
    "{\"to\":\"accepted\\u0000closed\",\"version\":1}", NULL, 400, "malformed" },

  /* Methods and routes. */
  { "route/delete-collection", "DELETE", "/v1/matters", TOKEN_CLERK, NULL, NULL, NULL, 405,
    "method_not_allowed" },
  { "route/put-matter", "PUT", "/v1/matters/{own}", TOKEN_CLERK, JSON, "{}", NULL, 405,
    "method_not_allowed" },
  { "route/unknown", "GET", "/v1/matters/{own}/secrets", TOKEN_CLERK, NULL, NULL, NULL, 404,
    "not_found" },
};

static JfTestEnv *env;
static char *attachments_dir;
static char *tokens[TOKEN_OTHER_CENTRE + 1];
static gint64 own_matter;
static gint64 other_matter;
static gint server_pid;

/* --- what a request may not change ------------------------------------------------------ */

typedef struct
{
  char *rows;     /* "matters,parties,…" counts */
  gint64 login_attempts;
  guint files;
} Snapshot;

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      n += g_file_test (path, G_FILE_TEST_IS_DIR) ? count_files (path) : 1;
    }
  return n;
}

static Snapshot
snapshot (void)
{
  Snapshot s;

  s.rows = jf_test_env_sql_text (env,
    "SELECT concat_ws(',', (SELECT count(*) FROM jf.matters), (SELECT count(*) FROM jf.parties), "
    "(SELECT count(*) FROM jf.events), (SELECT count(*) FROM jf.sessions), "
    "(SELECT count(*) FROM jf.accounts), (SELECT count(*) FROM jf.attachments), "
    "(SELECT count(*) FROM jf.audit_log), (SELECT max(version) FROM jf.matters), "
    "(SELECT count(*) FROM jf.sessions WHERE revoked_at IS NOT NULL))");
  s.login_attempts = jf_test_env_sql_int (env, "SELECT count(*) FROM jf.login_attempts");
  s.files = count_files (attachments_dir);
  return s;
}

static void
assert_nothing_written (Snapshot    *before,
                        gboolean     signs_in)
{
  Snapshot after = snapshot ();

  /* matters, parties, events, sessions, accounts, attachments, audit log, highest version,
   * revoked sessions */
  g_assert_cmpstr (after.rows, ==, before->rows);
  g_assert_cmpint (after.login_attempts, <=, before->login_attempts + (signs_in ? 1 : 0));
  g_assert_cmpuint (after.files, ==, before->files);
  g_free (after.rows);
  g_free (before->rows);
}

/* --- one request, answered however it is ------------------------------------------------ */

typedef struct
{
  guint   status;
  GBytes *body;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->body, g_bytes_unref);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static char *
intake_with_title (const char *title)
{
  return g_strdup_printf ("{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":\"window\","
                          "\"title\":\"%s\",\"narrative\":\"x\",\"location\":{\"org\":\"%s\"},"
                          "\"parties\":[{\"role\":\"applicant\",\"name\":\"张三\"}]}",
                          title, TOWNSHIP);
}

/* A literal's bytes, without the NUL the compiler adds (but with any it holds). */
#define STATIC_BYTES(literal) g_bytes_new_static ((literal), sizeof (literal) - 1)

/* The bodies and values too big or too odd to write in the table. */
static GBytes *
make_body (const char *name)
{
  g_autofree char *text = NULL;

  /* Bytes strlen () would miscount (a NUL inside): sized by the literal. */
  if (g_str_equal (name, "@invalid-utf8"))
    return STATIC_BYTES ("{\"title\":\"\xff\xfe\"}");
  if (g_str_equal (name, "@overlong-utf8"))
    return STATIC_BYTES ("{\"title\":\"\xc0\xaf\"}");
  if (g_str_equal (name, "@cesu"))
    return STATIC_BYTES ("{\"title\":\"\xed\xa0\x80\"}");
  if (g_str_equal (name, "@nul-in-body"))
    return STATIC_BYTES ("{\"to\":\"accepted\",\0\"version\":1}");
  if (g_str_equal (name, "@title-101"))
    {
      g_autofree char *title = repeat ("题", 101);
      text = intake_with_title (title);
    }
  else if (g_str_equal (name, "@title-100000"))
    {
      g_autofree char *title = repeat ("x", 100000);
      text = intake_with_title (title);
    }
  else if (g_str_equal (name, "@narrative-5001"))
    {
      g_autofree char *narrative = repeat ("述", 5001);
      text = g_strdup_printf ("{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":"
                              "\"window\",\"title\":\"t\",\"narrative\":\"%s\",\"location\":"
                              "{\"org\":\"%s\"},\"parties\":[{\"role\":\"applicant\","
                              "\"name\":\"张三\"}]}", narrative, TOWNSHIP);
    }
  else if (g_str_equal (name, "@party-name-51"))
    {
      g_autofree char *party = repeat ("名", 51);
      text = g_strdup_printf ("{\"kind\":\"dispute\",\"category\":\"neighbor\",\"source\":"
                              "\"window\",\"title\":\"t\",\"narrative\":\"x\",\"location\":"
                              "{\"org\":\"%s\"},\"parties\":[{\"role\":\"applicant\","
                              "\"name\":\"%s\"}]}", TOWNSHIP, party);
    }
  else if (g_str_equal (name, "@username-10000"))
    {
      g_autofree char *user = repeat ("a", 10000);
      text = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"x\"}", user);
    }
  else if (g_str_equal (name, "@password-100000"))
    {
      g_autofree char *password = repeat ("p", 100000);
      text = g_strdup_printf ("{\"username\":\"nobody\",\"password\":\"%s\"}", password);
    }
  else if (g_str_equal (name, "@two-mib"))
    {
      gsize len = 2 * 1024 * 1024;
      char *data = g_malloc (len);

      memset (data, ' ', len);
      data[0] = '{';
      data[len - 1] = '}';
      return g_bytes_new_take (data, len);
    }
  else if (g_str_equal (name, "@deep-arrays"))
    text = repeat ("[", 100000);
  else if (g_str_equal (name, "@deep-objects"))
    text = repeat ("{\"a\":", 100000);
  else if (g_str_equal (name, "@deep-member"))
    {
      g_autofree char *open = repeat ("[", 100000);
      g_autofree char *close = repeat ("]", 100000);
      text = g_strdup_printf ("{\"kind\":\"dispute\",\"title\":%s%s}", open, close);
    }
  else if (g_str_equal (name, "@deep-33"))
    {
      g_autofree char *open = repeat ("{\"a\":", 33);
      g_autofree char *close = repeat ("}", 33);
      text = g_strdup_printf ("%s1%s", open, close);
    }
  else
    g_error ("no body named %s", name);
  {
    gsize len = strlen (text);
    return g_bytes_new_take (g_steal_pointer (&text), len);
  }
}

/* Placeholders of paths and header values: the matters, a token, long or broken text. */
static char *
expand (const char *text)
{
  GString *s = g_string_new (text);
  g_autofree char *own = g_strdup_printf ("%" G_GINT64_FORMAT, own_matter);
  g_autofree char *other = g_strdup_printf ("%" G_GINT64_FORMAT, other_matter);
  g_autofree char *name_201 = repeat ("a", 197);
  g_autofree char *long_name = g_strconcat (name_201, ".pdf", NULL);
  g_autofree char *q_51 = repeat ("q", 51);
  g_autofree char *x_10000 = repeat ("x", 10000);

  g_string_replace (s, "{own}", own, 0);
  g_string_replace (s, "{other}", other, 0);
  g_string_replace (s, "@name-201", long_name, 0);
  g_string_replace (s, "@q-51", q_51, 0);
  g_string_replace (s, "@x-10000", x_10000, 0);
  g_string_replace (s, "@clerk-token", tokens[TOKEN_CLERK], 0);
  g_string_replace (s, "@invalid-utf8", "\xff\xfe-\xc0\xaf", 0);
  return g_string_free (s, FALSE);
}

static SoupSession *
new_session (void)
{
  /* A session per case: nothing carried over from one to the next. */
  return soup_session_new_with_options ("timeout", 30, "max-conns", 4, NULL);
}

static void
send_case (const Case *c,
           Answer     *out)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autofree char *path = expand (c->path);
  g_autofree char *url = g_strconcat (env->server->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (c->method, url);
  SoupMessageHeaders *headers;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (tokens[c->token] != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", tokens[c->token], NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (c->header != NULL)
    {
      const char *colon = strchr (c->header, ':');
      g_autofree char *name = g_strndup (c->header, colon - c->header);
      g_autofree char *value = expand (colon + 2);

      soup_message_headers_replace (headers, name, value);
    }
  if (c->body != NULL)
    {
      g_autoptr(GBytes) body = c->body[0] == '@' ? make_body (c->body)
                               : g_bytes_new_static (c->body, strlen (c->body));

      soup_message_set_request_body_from_bytes (msg, c->content_type, body);
      /* Without a type libsoup would say nothing; say nothing on purpose. */
      if (c->content_type == NULL)
        soup_message_headers_remove (headers, "Content-Type");
    }
  out->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  out->status = soup_message_get_status (msg);
}

/* The answer: the status, and JSON in UTF-8 naming the error. */
static void
check_answer (const char *name,
              guint       status,
              const char *code,
              guint       got_status,
              const char *body,
              gsize       len)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;
  const char *got_code = NULL;

  /* A wrong answer fails the case, which still goes on to check that nothing was
   * written and that jiefend is alive. */
  if (got_status != status)
    {
      g_test_fail_printf ("%s: expected %u, got %u: %.*s", name, status, got_status,
                          (int) MIN (len, 300), body);
      return;
    }
  if (code == NULL)
    return;
  /* A strict client (and the desk's) refuses an answer that is not UTF-8, or that ends
   * in a NUL byte, as it would refuse any other broken JSON. */
  if (len > 0 && body[len - 1] == '\0')
    {
      g_test_fail_printf ("%s: the %u answer ends in a NUL byte", name, got_status);
      return;
    }
  if (!g_utf8_validate_len (body, len, NULL))
    {
      g_test_fail_printf ("%s: the %u answer is not UTF-8: %.*s", name, got_status,
                          (int) MIN (len, 300), body);
      return;
    }
  if (!json_parser_load_from_data (parser, body, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_test_fail_printf ("%s: the answer is not a JSON object: %.*s", name,
                          (int) MIN (len, 300), body);
      return;
    }
  node = json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    got_code = json_object_get_string_member_with_default (json_node_get_object (node), "code",
                                                           NULL);
  if (g_strcmp0 (got_code, code) != 0)
    g_test_fail_printf ("%s: expected error code %s, got %s: %.*s", name, code, got_code,
                        (int) MIN (len, 300), body);
}

/* jiefend alive, the same process, answering a plain request at once. */
static void
assert_alive (void)
{
  g_autoptr(SoupSession) session = new_session ();
  g_autofree char *url = g_strconcat (env->server->base_url, "/healthz", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_subprocess_get_identifier (env->server->process));
  g_assert_cmpint (jf_test_server_get_pid (env->server), ==, server_pid);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Snapshot before = snapshot ();
  Answer a = { 0, };

  send_case (c, &a);
  check_answer (c->name, c->status, c->code, a.status, g_bytes_get_data (a.body, NULL),
                      g_bytes_get_size (a.body));
  answer_clear (&a);
  assert_nothing_written (&before, c->signs_in);
  assert_alive ();
}

/* After everything: the same jiefend still registers a matter, as a control that the
 * refusals above were refusals, not a server that writes nothing. */
static void
test_still_serving (void)
{
  gint64 id = jf_test_env_register (env, CLERK, "敌意之后", TOWNSHIP);

  g_assert_cmpint (id, >, own_matter);
  assert_alive ();
  g_test_message ("%u catalogue requests: every one refused with the expected status, "
                  "nothing written, jiefend (pid %d) alive throughout",
                  (guint) G_N_ELEMENTS (cases), server_pid);
}

/* SQL metacharacters in text a clerk may type are data: stored and shown as typed. */
static void
test_sql_text_is_data (void)
{
  static const char title[] = "Robert'); DROP TABLE jf.matters;-- 张三";
  g_autofree char *body = intake_with_title ("Robert'); DROP TABLE jf.matters;-- 张三");
  g_autoptr(JfTestResponse) r = jf_test_request (env->server, "POST", "/v1/matters",
                                                 tokens[TOKEN_CLERK], body);
  g_autoptr(JfTestResponse) found = jf_test_request (env->server, "GET",
                                                     "/v1/matters?q=DROP%20TABLE",
                                                     tokens[TOKEN_CLERK], NULL);
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;

  jf_test_assert_status (r, 201);
  g_assert_cmpstr (jf_test_response_string (r, "title"), ==, title);
  sql = g_strdup_printf ("SELECT title FROM jf.matters WHERE id = %" G_GINT64_FORMAT,
                         jf_test_response_int (r, "id"));
  stored = jf_test_env_sql_text (env, sql);
  g_assert_cmpstr (stored, ==, title);
  jf_test_assert_status (found, 200);
  g_assert_cmpstr (jf_test_response_string (found, "items.0.title"), ==, title);
}

/* --- set-up ------------------------------------------------------------------------------ */

static char *
sign_in (const char *username)
{
  return jf_test_sign_in (env->server, username, JF_TEST_PASSWORD);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jf-hostile-store-XXXXXX", &error);
  g_autofree char *store_env = NULL;
  const char *server_env[2];
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(JfTestResponse) signed_out = NULL;
  g_autoptr(GString) forged = g_string_new (NULL);

  g_assert_no_error (error);
  /* A store of its own, so that a file written by a refused upload would show. */
  attachments_dir = g_steal_pointer (&dir);
  store_env = g_strconcat ("JIEFEND_ATTACHMENTS_DIRECTORY=", attachments_dir, NULL);
  server_env[0] = store_env;
  server_env[1] = NULL;
  env = jf_test_env_new_with (server_env);
  server_pid = jf_test_server_get_pid (env->server);

  /* A reception clerk of the neighbouring township, with the demo password. */
  jf_test_env_sql (env, "INSERT INTO jf.accounts (username, display_name, password_hash, "
                        "roles, org_id) SELECT '" OTHER_CLERK "', '南康街道窗口', password_hash, "
                        "roles, (SELECT id FROM jf.org_units WHERE code = '" OTHER_TOWNSHIP "') "
                        "FROM jf.accounts WHERE username = '" CLERK "'");
  tokens[TOKEN_CLERK] = g_strdup (jf_test_env_token (env, CLERK));
  tokens[TOKEN_AUDITOR] = g_strdup (jf_test_env_token (env, "shenji"));
  tokens[TOKEN_OTHER_CENTRE] = g_strdup (jf_test_env_token (env, OTHER_CLERK));
  own_matter = jf_test_env_register (env, CLERK, "本中心的事项", TOWNSHIP);
  other_matter = jf_test_env_register (env, OTHER_CLERK, "南康的事项", OTHER_TOWNSHIP);

  /* Tokens that were good once: expired, signed out, of an account disabled since. */
  tokens[TOKEN_EXPIRED] = sign_in (CLERK);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, tokens[TOKEN_EXPIRED], -1);
  sql = g_strdup_printf ("UPDATE jf.sessions SET created_at = now() - interval '2 days', "
                         "expires_at = now() - interval '1 day' "
                         "WHERE token_hash = decode('%s', 'hex')", hash);
  jf_test_env_sql (env, sql);
  tokens[TOKEN_REVOKED] = sign_in (CLERK);
  signed_out = jf_test_request (env->server, "DELETE", "/v1/sessions/current",
                                tokens[TOKEN_REVOKED], NULL);
  jf_test_assert_status (signed_out, 204);
  tokens[TOKEN_DISABLED] = sign_in ("minjing");
  jf_test_env_sql (env, "UPDATE jf.accounts SET disabled = true WHERE username = 'minjing'");
  /* 43 characters of base64url, as a real token: well-formed, never issued. */
  for (guint i = 0; i < 43; i++)
    g_string_append_c (forged, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                               [g_random_int_range (0, 64)]);
  tokens[TOKEN_FORGED] = g_string_free (g_steal_pointer (&forged), FALSE);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  set_up ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/jfd/hostile/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/jfd/hostile/sql/text-is-data", test_sql_text_is_data);
  /* Last (GLib runs sub-suites in the order they were made). */
  g_test_add_func ("/jfd/hostile/end/still-serving", test_still_serving);
  status = g_test_run ();
  jf_test_env_free (env);
  remove_tree (attachments_dir);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);
  g_free (attachments_dir);
  return status;
}
