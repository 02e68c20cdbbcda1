/* jfd-personal.c: sealing, hashing and masking personal numbers */
#include "config.h"

#include "jf-enums.h"
#include "jf-id-number.h"
#include "jf-phone.h"
#include "jfd-personal.h"

static void
add_bytes (JsonBuilder  *builder,
           const char   *member,
           const guint8 *data,
           gsize         len)
{
  g_autofree char *text = g_base64_encode (data, len);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_sealed (JfdCrypto   *crypto,
            JsonBuilder *builder,
            const char  *prefix,
            const char  *domain,
            const char  *value)
{
  g_autoptr(GBytes) sealed = jfd_crypto_seal (crypto, value);
  guint8 hash[JFD_CRYPTO_HASH_BYTES];
  g_autofree char *enc = g_strconcat (prefix, "_enc", NULL);
  g_autofree char *hmac = g_strconcat (prefix, "_hmac", NULL);

  jfd_crypto_index (crypto, domain, value, hash);
  add_bytes (builder, enc, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  add_bytes (builder, hmac, hash, sizeof hash);
}

void
jfd_personal_add_party (JfdCrypto     *crypto,
                        const JfParty *party,
                        JsonBuilder   *builder)
{
  if (party->id_number != NULL)
    {
      JfIdNumber id;
      g_autofree char *masked = jf_id_number_mask (party->id_number);

      add_sealed (crypto, builder, "id_number", "id", party->id_number);
      json_builder_set_member_name (builder, "id_number_masked");
      json_builder_add_string_value (builder, masked);
      /* Validated by the intake reader already; this only derives. */
      if (jf_id_number_validate (party->id_number, &id, NULL))
        {
          char date[16];

          g_date_strftime (date, sizeof date, "%Y-%m-%d", &id.birth_date);
          json_builder_set_member_name (builder, "birth_date");
          json_builder_add_string_value (builder, date);
          json_builder_set_member_name (builder, "sex");
          json_builder_add_string_value (builder, id.male ? "male" : "female");
        }
    }
  if (party->phone != NULL)
    {
      g_autofree char *masked = jf_phone_mask (party->phone);

      add_sealed (crypto, builder, "phone", "phone", party->phone);
      json_builder_set_member_name (builder, "phone_masked");
      json_builder_add_string_value (builder, masked);
    }
}

char *
jfd_personal_open (JfdCrypto   *crypto,
                   const char  *sealed_base64,
                   GError     **error)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  if (sealed_base64 == NULL || sealed_base64[0] == '\0')
    return NULL;
  data = g_base64_decode (sealed_base64, &len);
  return jfd_crypto_open (crypto, data, len, error);
}

gboolean
jfd_personal_may_reveal (guint32 roles)
{
  return (roles & (JF_ROLE_BIT (JF_ROLE_RECEPTION) | JF_ROLE_BIT (JF_ROLE_MEDIATOR) |
                   JF_ROLE_BIT (JF_ROLE_PETITION_OFFICER) | JF_ROLE_BIT (JF_ROLE_COURT) |
                   JF_ROLE_BIT (JF_ROLE_POLICE) | JF_ROLE_BIT (JF_ROLE_SUPERVISOR))) != 0;
}
