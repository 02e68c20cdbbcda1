/* jf-access-matrix.h: the rows of the access matrix and what they are made of
 *
 * test-access-matrix.c runs every row (and holds the rows of accounts, reference data and
 * matters); test-access-matrix-workflows.c holds the rows of the workflows (whistles,
 * transfers, follow-ups, mediation, court, petitions, clocks, administrators' reference
 * data); test-access-matrix-registry.c those of the registry (people, places,
 * organisations, things, their CSV files, a matter's links, repeat disputes). A row names
 * a route, the record its cells act on, and by hand the status each demo account gets
 * inside and outside its scope.
 */
#pragma once

#include "jf-access-world.h"

G_BEGIN_DECLS

/* The demo accounts, in the order of a row's columns:
 * chuangkou tiaojie wangge bumen fayuan xinfang minjing ducha admin shenji */
typedef enum { CK, TJ, WG, BM, FY, XF, MJ, DC, AD, SJ, N_ROLES, ANON = -1 } Role;
/* IN: the caller's own centre (the grid leader's grid); SIB: the sibling township;
 * OUT: another county; ST: a valid role refused by the record's state (422); NX: an id
 * that names nothing (404). */
typedef enum { S_IN, S_SIB, S_OUT, S_ST, N_SCOPES, S_NX = N_SCOPES } Scope;

typedef struct
{
  Role            role;
  JfAccessPlace   place;
  JfAccessRecord  fx;
} Cell;

typedef char *(*BodyFunc)  (const Cell *cell);
typedef void  (*CheckFunc) (const Cell *cell, JfTestResponse *r);

typedef struct
{
  const char     *slug;
  const char     *method;
  const char     *pattern;     /* as in jfd-routes.c, {…} taking the fixture's id (its key
                                * when it has no id); a query may follow. The {…} after the
                                * first take the parts of the key, split at '/' */
  JfAccessFixture fixture;
  JfAccessFixture st_fixture;  /* for the status column */
  BodyFunc        body;
  gboolean        binary;      /* the body is a PDF file */
  const char     *content_type; /* of a body that is neither JSON nor binary */
  const char     *code_422;    /* error.code of its 422 cells, when not "refused" */
  const char     *expect[N_SCOPES]; /* a status per role, in the order of users[]; "-": none */
  guint           anon;        /* without a token */
  const char     *nx;          /* who asks for a missing record */
  gboolean        fresh_token; /* the cell spends its token */
  gboolean        websocket;
  CheckFunc       check;       /* more about an allowed answer */
} Route;

#define ALL(s) s " " s " " s " " s " " s " " s " " s " " s " " s " " s
#define ADMIN_ONLY(s) "403 403 403 403 403 403 403 403 " s " 403"
/* Reads of a matter and what hangs from it, by scope: the liaison reads none of these. */
#define READ_IN  "200 200 200 403 200 200 200 200 200 200"
#define READ_SIB "403 403 403 403 200 200 403 200 200 200"
#define READ_OUT "403 403 403 403 403 403 403 403 200 200"

/* The workflows' rows (test-access-matrix-workflows.c). */
extern const Route jf_access_workflow_routes[];
extern const guint jf_access_n_workflow_routes;

/* The registry's rows (test-access-matrix-registry.c). */
extern const Route jf_access_registry_routes[];
extern const guint jf_access_n_registry_routes;

/* Every listed item lies in the caller's scope (test-access-matrix.c). */
void jf_access_check_list (const Cell     *cell,
                           JfTestResponse *r);
/* @role's username, and the code of its home unit: a prefix of every unit in its scope. */
const char *jf_access_username (Role role);
const char *jf_access_home     (Role role);

G_END_DECLS
