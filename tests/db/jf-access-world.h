/* jf-access-world.h: the world the cells of the access matrix act in (test-access-matrix.c)
 *
 * Places in the tree, and records at each made through the API by the people who would
 * make them: matters in each state, attachments, accounts, whistle targets, mediation
 * sessions, agreements, referrals, petitions, clocks, administrators' reference data, and
 * the registry's records and a matter's links to them.
 * A cell that may change its record gets one of its own; the others share one per kind
 * and place. And what a cell checks behind the API: a snapshot of every table of the jf
 * schema.
 */
#pragma once

#include "jf-test-env.h"

G_BEGIN_DECLS

typedef enum
{
  JF_ACCESS_IN,    /* the township 220402001, where chuangkou and tiaojie work */
  JF_ACCESS_GRID,  /* wangge's grid 220402001001001, below it */
  JF_ACCESS_SIB,   /* the sibling township 220402002 */
  JF_ACCESS_OUT,   /* another county: 220403001 in 西安区 */
  JF_ACCESS_N_PLACES
} JfAccessPlace;

typedef enum
{
  JF_ACCESS_FX_NONE,
  JF_ACCESS_FX_QUERY,      /* a list of the place: its ?org= */
  JF_ACCESS_FX_ORG,        /* the place's code */
  JF_ACCESS_FX_ACCOUNT,    /* an account there */
  JF_ACCESS_FX_MATTER,     /* a matter registered there */
  JF_ACCESS_FX_ACCEPTED,   /* ... and accepted */
  JF_ACCESS_FX_ATTACHMENT, /* a file on a matter registered there */
  JF_ACCESS_FX_RESOLVED,   /* a matter accepted and resolved at the window */
  /* A matter accepted and whistled by its window to the county's housing department,
   * the lead: the target of that department (id), pending, checked in, fed back. */
  JF_ACCESS_FX_TARGET,
  JF_ACCESS_FX_TARGET_CHECKED_IN,
  JF_ACCESS_FX_TARGET_FED_BACK,
  JF_ACCESS_FX_SESSION,    /* a mediation session scheduled on an accepted matter */
  JF_ACCESS_FX_SESSION_HELD, /* ... and its record written */
  JF_ACCESS_FX_AGREEMENT,  /* an agreement drafted on an accepted matter, unsigned */
  JF_ACCESS_FX_SEALED,     /* ... signed by both parties and the mediator: sealed */
  JF_ACCESS_FX_CONFIRMATION, /* an application for judicial confirmation of a sealed one */
  JF_ACCESS_FX_CONFIRMATION_ACCEPTED, /* ... accepted by the court */
  JF_ACCESS_FX_REFERRAL,   /* an open referral to the court (pre-litigation mediation) */
  JF_ACCESS_FX_REFERRAL_CLOSED, /* ... closed, settled */
  JF_ACCESS_FX_PETITION_MATTER, /* a registered matter of the kind petition, no record */
  /* Its petition record (id), at each stage. */
  JF_ACCESS_FX_PETITION,   /* deciding on acceptance */
  JF_ACCESS_FX_PETITION_HANDLING,
  JF_ACCESS_FX_PETITION_REPLIED,
  JF_ACCESS_FX_PETITION_REVIEW_REQUESTED,
  JF_ACCESS_FX_PETITION_REREVIEW_REQUESTED,
  JF_ACCESS_FX_CLOCK,      /* the running clock of a registered matter (acceptance) */
  JF_ACCESS_FX_CLOCK_PAUSED, /* ... paused for a hearing */
  /* Reference data, the same at every place: made by the administrator. */
  JF_ACCESS_FX_RULE,       /* a deadline rule (id) */
  JF_ACCESS_FX_CATEGORY,   /* a category (key: its slug) */
  JF_ACCESS_FX_DAY,        /* a day of the holiday calendar (key: YYYY-MM-DD) */
  /* The registry (DOMAIN.md §7), made by the place's registrar: a person of the place's
   * grid (jf_access_grid) with an ID and a phone number; a place, an organisation and a
   * thing of the place's unit. */
  JF_ACCESS_FX_PERSON,
  JF_ACCESS_FX_PLACE,
  JF_ACCESS_FX_ORGANISATION,
  JF_ACCESS_FX_THING,
  JF_ACCESS_FX_LINKED,     /* a matter with the place's person linked (key: "people/ID") */
  JF_ACCESS_FX_PARTY,      /* a matter's respondent, who has no ID number (key: its id) */
  JF_ACCESS_FX_REVEAL_QUERY, /* the place's people exported whole (key: "?reveal=true…") */
  JF_ACCESS_N_FIXTURES
} JfAccessFixture;

typedef struct
{
  const char *org;          /* where its matters are registered */
  const char *registrar;    /* who registers (and accepts) them */
  const char *account_org;  /* where its account sits, and with which role */
  const char *account_role;
  const char *query;        /* the query of a list of the place */
  const char *housing;      /* the housing department of the place's county */
  const char *below;        /* a village below the place: where it hands matters down */
} JfAccessPlaceInfo;

typedef struct
{
  gint64 matter;  /* the matter, or 0 */
  gint64 id;      /* the record itself: the matter, the attachment, the account... */
  char   key[40]; /* a record named by text (a category's slug, a calendar day), or "" */
} JfAccessRecord;

extern const JfAccessPlaceInfo jf_access_places[JF_ACCESS_N_PLACES];
extern const char jf_access_pdf[];
extern const gsize jf_access_pdf_size;

/* Connects to @env's database and adds the people of the other places. */
void            jf_access_world_init   (JfTestEnv       *env);
void            jf_access_world_free   (void);

/* A record of @kind at @place: a new one when @fresh, or the one the others share. */
JfAccessRecord  jf_access_fixture      (JfAccessFixture  kind,
                                        JfAccessPlace    place,
                                        gboolean         fresh);
/* The shared record was changed: the next cell gets a new one. */
void            jf_access_forget       (JfAccessFixture  kind,
                                        JfAccessPlace    place);

/* The version of row @id of jf.@table, as a write names it. */
gint64          jf_access_version_of   (const char      *table,
                                        gint64           id);
/* Every table of the jf schema: its rows and the sum of their xmin, which any insert,
 * update or delete changes. */
char           *jf_access_snapshot     (void);
/* The people's mediator of the centre of @place, who may lead its sessions. */
const char     *jf_access_mediator     (JfAccessPlace    place);
/* The account id of @username; the id of party @position (0: the applicant) of @matter. */
gint64          jf_access_account_id   (const char      *username);
gint64          jf_access_party        (gint64           matter,
                                        guint            position);
/* Whether @matter was ever whistled to the department @code. */
gboolean        jf_access_whistled_to  (gint64           matter,
                                        const char      *code);
/* The last entry of the audit log: "USERNAME ACTION TARGET" (newly allocated). */
char           *jf_access_last_audit   (void);
/* The grid where the registry's people of @place live. */
const char     *jf_access_grid         (JfAccessPlace    place);
/* Today plus @days in China Standard Time, as YYYY-MM-DD (newly allocated). */
char           *jf_access_day          (int              days);
/* Made unique by a counter of the world's: "矩阵…12". */
guint           jf_access_unique       (void);
/* A WebSocket handshake on GET /v1/stream: 101 when the stream opened. */
guint           jf_access_open_stream  (const char      *token);

G_END_DECLS
