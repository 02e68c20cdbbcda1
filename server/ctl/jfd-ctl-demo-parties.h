/* jfd-ctl-demo-parties.h: generated parties of demo matters */
#pragma once

#include "jfd-ctl-demo-batch.h"

G_BEGIN_DECLS

#define JFD_DEMO_MAX_PARTIES 3

typedef struct
{
  JfPartyRole role;
  GString    *name;             /* owned by the caller, reused */
  gboolean    male;
  gboolean    has_id;
  char        id_number[19];
  char        birth_date[11];
  gboolean    has_phone;
  char        phone[16];
} JfdDemoParty;

/* Draws the parties of @plan (an applicant, and a respondent and third party as the kind
 * has them), ID numbers issued in @region; @company gets the respondent's company name,
 * or is emptied. Returns how many. */
guint    jfd_demo_make_parties (GRand              *rand,
                                const JfdDemoPlan  *plan,
                                const char         *region,
                                JfdDemoParty       *parties,
                                GString            *company);
/* Writes one jf.parties row, sealing and hashing the personal numbers. */
gboolean jfd_demo_write_party  (JfdCtlCopy         *copy,
                                JfdCrypto          *crypto,
                                gint64              matter_id,
                                guint               position,
                                const JfdDemoParty *party,
                                const char         *organisation,
                                const char         *address,
                                GError            **error);

G_END_DECLS
