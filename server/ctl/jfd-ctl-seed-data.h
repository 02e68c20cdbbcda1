/* jfd-ctl-seed-data.h: the fixed contents of `jiefenctl seed` (Liaoyuan, DOMAIN.md §1) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char         *code;        /* GB/T 2260 */
  const char         *name;
  const char * const *townships;   /* NULL-terminated; codes are county + 001, 002, ... */
} JfdSeedCounty;

typedef struct
{
  const char *slug;
  const char *name_zh;
  const char *name_en;
} JfdSeedWord;

typedef struct
{
  const char *stage;
  const char *kind;         /* NULL: any kind */
  const char *unit;
  int         amount;
  int         warn_minutes;
  const char *description;
} JfdSeedRule;

typedef struct
{
  const char *username;
  const char *role;
  const char *level;        /* where the account sits: city, county, township or grid */
  const char *department;   /* a department kind in the county, or NULL */
  const char *display_name;
} JfdSeedAccount;

#define JFD_SEED_CITY_CODE "220400"
#define JFD_SEED_CITY_NAME "辽源市"
#define JFD_SEED_N_COUNTIES 4
#define JFD_SEED_N_TOWNSHIPS 47
#define JFD_SEED_N_VILLAGES 563
#define JFD_SEED_N_GRIDS 1246
/* The demo accounts live in this county, in its first township. */
#define JFD_SEED_DEMO_COUNTY "220402"

extern const JfdSeedCounty  jfd_seed_counties[JFD_SEED_N_COUNTIES];
/* 24 county-level kinds, then police_station (which hangs under public_security). */
extern const JfdSeedWord    jfd_seed_department_kinds[];
extern const guint          jfd_seed_n_department_kinds;
extern const JfdSeedWord    jfd_seed_categories[];
extern const guint          jfd_seed_n_categories;
extern const JfdSeedRule    jfd_seed_rules[];
extern const guint          jfd_seed_n_rules;
extern const JfdSeedAccount jfd_seed_accounts[];
extern const guint          jfd_seed_n_accounts;

/* Stems for generated village (村) and community (社区) names. */
extern const char * const   jfd_seed_village_stems[];
extern const guint          jfd_seed_n_village_stems;
extern const char * const   jfd_seed_community_stems[];
extern const guint          jfd_seed_n_community_stems;

G_END_DECLS
