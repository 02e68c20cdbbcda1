/* jf-links-test.h: what the tests of the mediation, court and petition links share
 *
 * One environment per test binary (a fresh database and a real jiefend, jf-test-env.h),
 * requests by demo account, SQL behind the API, and the snapshot that proves a refused
 * request wrote nothing.
 */
#pragma once

#include "jf-test-env.h"

G_BEGIN_DECLS

#define LINKS_TOWNSHIP "220402001"      /* 向阳街道: chuangkou and tiaojie work here */
#define LINKS_VILLAGE  "220402001001"   /* 向阳社区, in that township */
#define LINKS_COUNTY   "220402"         /* 龙山区 */

/* Valid GB 11643 numbers for the parties the tests register. */
#define LINKS_ID_APPLICANT  "220402198001010019"
#define LINKS_ID_RESPONDENT "220402198505050022"
#define LINKS_ID_PETITIONER "220402197003030035"
#define LINKS_ID_OTHER      "220402199009090046"

extern JfTestEnv *links_env;

void            links_setup          (void);
void            links_teardown       (void);

JfTestResponse *links_call           (const char *method,
                                      const char *username,
                                      const char *body,
                                      const char *path_format,
                                      ...) G_GNUC_PRINTF (4, 5);
gint64          links_sql_int        (const char *format,
                                      ...) G_GNUC_PRINTF (1, 2);
char           *links_sql_text       (const char *format,
                                      ...) G_GNUC_PRINTF (1, 2);
void            links_sql            (const char *format,
                                      ...) G_GNUC_PRINTF (1, 2);

/* Every row count and version the links write, the timeline, the clocks and the stream. */
char           *links_snapshot       (void);
void            links_assert_unchanged (const char *before);
/* @template with "%V" replaced by @version. */
char           *links_with_version   (const char *template,
                                      gint64      version);

/* Registers a matter of @kind at the township as chuangkou, placed at @place, with the
 * parties @parties_json (NULL: an applicant and a respondent, both with ID numbers). */
gint64          links_register       (const char *kind,
                                      const char *place,
                                      const char *title,
                                      const char *parties_json);
gint64          links_version        (gint64      matter);
const char     *links_status         (gint64      matter);   /* a static copy */
/* A move through /transitions as @username; the HTTP status. */
guint           links_move           (const char *username,
                                      gint64      matter,
                                      const char *to,
                                      const char *fields_json);
/* A registered dispute, accepted (and in mediation when @mediating). */
gint64          links_accepted       (const char *title,
                                      gboolean    mediating);
gint64          links_account        (const char *username);
/* The id of the matter's party at @position (0: the applicant). */
gint64          links_party          (gint64      matter,
                                      guint       position);
/* An agreement on @matter between its first two parties, not yet signed. */
gint64          links_draft          (gint64      matter);
/* The same, signed by both parties and tiaojie as the mediator: sealed, in effect today. */
gint64          links_sealed         (gint64      matter);

/* Today in China Standard Time, and as "YYYY-MM-DD". */
void            links_today          (GDate      *out_day);
char           *links_day            (const GDate *day);
char           *links_days_from_today (int        days);

G_END_DECLS
