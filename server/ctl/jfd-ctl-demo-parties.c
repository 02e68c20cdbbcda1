/* jfd-ctl-demo-parties.c: the parties of a demo matter, with valid ID numbers and
 * phones sealed by jfd-crypto like the daemon seals them */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-phone.h"
#include "jfd-ctl-demo-batch.h"
#include "jfd-ctl-demo-parties.h"

/* An 18-digit GB 11643 number issued in @region to someone born between 1945 and 2004,
 * with the sex digit and check character right. */
static void
make_id_number (GRand      *rand,
                const char *region,
                gboolean    male,
                JfdDemoParty *party)
{
  int year = g_rand_int_range (rand, 1945, 2005);
  int month = g_rand_int_range (rand, 1, 13);
  int day = g_rand_int_range (rand, 1, g_date_get_days_in_month ((GDateMonth) month,
                                                                 (GDateYear) year) + 1);
  int seq = g_rand_int_range (rand, 0, 100) * 10 + g_rand_int_range (rand, 0, 5) * 2 +
            (male ? 1 : 0);

  g_snprintf (party->id_number, sizeof party->id_number, "%.6s%04d%02d%02d%03d", region, year,
              month, day, seq);
  party->id_number[17] = jf_id_number_check_character (party->id_number);
  party->id_number[18] = '\0';
  g_snprintf (party->birth_date, sizeof party->birth_date, "%04d-%02d-%02d", year, month, day);
}

static void
make_phone (GRand *rand,
            char   out[16])
{
  static const char second[] = "3456789";

  g_snprintf (out, 16, "1%c%09d", second[g_rand_int_range (rand, 0, 7)],
              g_rand_int_range (rand, 0, 1000000000));
}

static void
make_person (GRand        *rand,
             const char   *region,
             JfPartyRole   role,
             gboolean      with_id,
             JfdDemoParty *party)
{
  party->role = role;
  party->male = g_rand_boolean (rand);
  g_string_truncate (party->name, 0);
  jfd_demo_person_name (rand, party->male, party->name);
  party->has_id = with_id;
  if (with_id)
    make_id_number (rand, region, party->male, party);
  party->has_phone = g_rand_int_range (rand, 0, 100) < 92;
  if (party->has_phone)
    make_phone (rand, party->phone);
}

guint
jfd_demo_make_parties (GRand             *rand,
                       const JfdDemoPlan *plan,
                       const char        *region,
                       JfdDemoParty      *parties,
                       GString           *company)
{
  gboolean with_company = jfd_demo_category_has_company (plan->category) &&
                          g_rand_int_range (rand, 0, 100) < 60;
  guint n = 1;

  g_string_truncate (company, 0);
  make_person (rand, region, JF_PARTY_APPLICANT, g_rand_int_range (rand, 0, 100) < 96,
               &parties[0]);
  switch (plan->kind)
    {
    case JF_KIND_DISPUTE:
      n = g_rand_int_range (rand, 0, 100) < 10 ? 3 : 2;
      break;
    case JF_KIND_REQUEST:
      n = with_company ? 2 : 1;
      break;
    default:
      n = g_rand_boolean (rand) ? 2 : 1;
    }
  if (n >= 2)
    {
      /* A company answers through its legal representative, whose own ID number is
       * not the company's business. */
      make_person (rand, region, JF_PARTY_RESPONDENT, !with_company, &parties[1]);
      if (with_company)
        jfd_demo_company_name (rand, plan->category, company);
    }
  if (n >= 3)
    make_person (rand, region, JF_PARTY_THIRD_PARTY, TRUE, &parties[2]);
  return n;
}

static void
copy_sealed (JfdCtlCopy  *copy,
             JfdCrypto   *crypto,
             const char  *domain,
             const char  *value,
             char        *(*mask) (const char *))
{
  g_autoptr(GBytes) sealed = jfd_crypto_seal (crypto, value);
  g_autofree char *masked = mask (value);
  guint8 hash[JFD_CRYPTO_HASH_BYTES];
  gsize len;
  const guint8 *data = g_bytes_get_data (sealed, &len);

  jfd_crypto_index (crypto, domain, value, hash);
  jfd_ctl_copy_bytea (copy, data, len);
  jfd_ctl_copy_bytea (copy, hash, sizeof hash);
  jfd_ctl_copy_text (copy, masked);
}

gboolean
jfd_demo_write_party (JfdCtlCopy         *copy,
                      JfdCrypto          *crypto,
                      gint64              matter_id,
                      guint               position,
                      const JfdDemoParty *party,
                      const char         *organisation,
                      const char         *address,
                      GError            **error)
{
  jfd_ctl_copy_int (copy, matter_id);
  jfd_ctl_copy_int (copy, position);
  jfd_ctl_copy_text (copy, jf_party_role_to_string (party->role));
  jfd_ctl_copy_text (copy, party->name->str);
  jfd_ctl_copy_text (copy, organisation);
  jfd_ctl_copy_text (copy, address);
  if (party->has_id)
    copy_sealed (copy, crypto, "id", party->id_number, jf_id_number_mask);
  else
    {
      jfd_ctl_copy_null (copy);
      jfd_ctl_copy_null (copy);
      jfd_ctl_copy_null (copy);
    }
  jfd_ctl_copy_text (copy, party->has_id ? party->birth_date : NULL);
  jfd_ctl_copy_text (copy, party->has_id ? (party->male ? "male" : "female") : NULL);
  if (party->has_phone)
    copy_sealed (copy, crypto, "phone", party->phone, jf_phone_mask);
  else
    {
      jfd_ctl_copy_null (copy);
      jfd_ctl_copy_null (copy);
      jfd_ctl_copy_null (copy);
    }
  return jfd_ctl_copy_end_row (copy, error);
}
