/* jfd-crypto.c: sealing and opening personal data, and the keyed lookup hashes */
#include "config.h"

#include <string.h>

#include "jfd-crypto-private.h"
#include "jfd-sodium.h"

G_DEFINE_QUARK (jfd-crypto-error-quark, jfd_crypto_error)

JfdCrypto *
jfd_crypto_new_empty (void)
{
  JfdCrypto *crypto = g_new0 (JfdCrypto, 1);

  jfd_sodium_init ();
  g_atomic_ref_count_init (&crypto->ref_count);
  g_rw_lock_init (&crypto->lock);
  crypto->keys = sodium_malloc (sizeof (JfdCryptoKeys));
  if (crypto->keys == NULL)
    g_error ("cannot allocate protected memory for the data keys");
  sodium_memzero (crypto->keys, sizeof (JfdCryptoKeys));
  return crypto;
}

JfdCrypto *
jfd_crypto_ref (JfdCrypto *crypto)
{
  g_return_val_if_fail (crypto != NULL, NULL);
  g_atomic_ref_count_inc (&crypto->ref_count);
  return crypto;
}

void
jfd_crypto_unref (JfdCrypto *crypto)
{
  if (crypto == NULL || !g_atomic_ref_count_dec (&crypto->ref_count))
    return;
  sodium_free (crypto->keys);
  g_rw_lock_clear (&crypto->lock);
  g_free (crypto);
}

guint8
jfd_crypto_get_current_key_id (JfdCrypto *crypto)
{
  g_autoptr(GRWLockReaderLocker) locker = g_rw_lock_reader_locker_new (&crypto->lock);

  return crypto->current;
}

guint8
jfd_crypto_sealed_key_id (const guint8 *data,
                          gsize         len)
{
  if (data == NULL || len < JFD_CRYPTO_OVERHEAD)
    return 0;
  return data[0];
}

GBytes *
jfd_crypto_seal (JfdCrypto  *crypto,
                 const char *plaintext)
{
  g_autoptr(GRWLockReaderLocker) locker = NULL;
  gsize len, out_len;
  guint8 *out;

  g_return_val_if_fail (crypto != NULL && plaintext != NULL, NULL);
  len = strlen (plaintext);
  out_len = JFD_CRYPTO_OVERHEAD + len;
  out = g_malloc (out_len);
  locker = g_rw_lock_reader_locker_new (&crypto->lock);
  out[0] = crypto->current;
  randombytes_buf (out + 1, JFD_CRYPTO_NONCE_BYTES);
  crypto_secretbox_easy (out + 1 + JFD_CRYPTO_NONCE_BYTES, (const guint8 *) plaintext, len,
                         out + 1, crypto->keys->data[crypto->current]);
  return g_bytes_new_take (out, out_len);
}

char *
jfd_crypto_open (JfdCrypto     *crypto,
                 const guint8  *data,
                 gsize          len,
                 GError       **error)
{
  g_autoptr(GRWLockReaderLocker) locker = NULL;
  g_autofree char *out = NULL;
  gsize out_len;
  guint8 id = jfd_crypto_sealed_key_id (data, len);

  g_return_val_if_fail (crypto != NULL, NULL);
  if (id == 0)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_CORRUPT,
                   "sealed data of %" G_GSIZE_FORMAT " bytes is too short or names key 0", len);
      return NULL;
    }
  locker = g_rw_lock_reader_locker_new (&crypto->lock);
  if (!crypto->present[id])
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_UNKNOWN_KEY,
                   "the data was sealed with key %u, which the key file does not hold", id);
      return NULL;
    }
  out_len = len - JFD_CRYPTO_OVERHEAD;
  out = g_malloc (out_len + 1);
  if (crypto_secretbox_open_easy ((guint8 *) out, data + 1 + JFD_CRYPTO_NONCE_BYTES,
                                  len - 1 - JFD_CRYPTO_NONCE_BYTES, data + 1,
                                  crypto->keys->data[id]) != 0)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_CORRUPT,
                   "sealed data with key %u fails authentication: it was altered or "
                   "truncated", id);
      return NULL;
    }
  out[out_len] = '\0';
  if (memchr (out, '\0', out_len) != NULL || !g_utf8_validate (out, out_len, NULL))
    {
      sodium_memzero (out, out_len);
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_CORRUPT,
                   "sealed data with key %u does not hold UTF-8 text", id);
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
jfd_crypto_index (JfdCrypto  *crypto,
                  const char *domain,
                  const char *value,
                  guint8      out[JFD_CRYPTO_HASH_BYTES])
{
  crypto_generichash_state state;
  static const guint8 separator = 0;

  g_return_if_fail (crypto != NULL && domain != NULL && value != NULL);
  /* The index key never changes after loading: no lock needed. */
  crypto_generichash_init (&state, crypto->keys->index, JFD_CRYPTO_KEY_BYTES,
                           JFD_CRYPTO_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) domain, strlen (domain));
  crypto_generichash_update (&state, &separator, 1);
  crypto_generichash_update (&state, (const guint8 *) value, strlen (value));
  crypto_generichash_final (&state, out, JFD_CRYPTO_HASH_BYTES);
}
