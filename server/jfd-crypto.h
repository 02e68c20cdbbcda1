/* jfd-crypto.h: personal data at rest (DOMAIN.md §7)
 *
 * ID and phone numbers are stored sealed (libsodium secretbox: XSalsa20-Poly1305) and found
 * through keyed hashes (BLAKE2b-256), with keys from one key file:
 *
 *   [keys]
 *   index=<base64 of 32 bytes>   keys the lookup hashes; never changes, or every hash would
 *   1=<base64 of 32 bytes>       data keys, numbered 1–255
 *   2=<base64 of 32 bytes>
 *   current=2                    the key that seals; the others still open older data
 *
 * The file must be private to its owner (mode 0600 or 0400). Sealed data is
 * key id (1 byte) || nonce (24 bytes) || ciphertext with its 16-byte tag, so that it can be
 * opened after a rotation (jfd_crypto_add_key) without knowing when it was sealed.
 *
 * A JfdCrypto is reference-counted and safe to share between threads: everything but
 * jfd_crypto_add_key only reads it, and add_key takes a writer lock.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JFD_CRYPTO_ERROR (jfd_crypto_error_quark ())

typedef enum
{
  JFD_CRYPTO_ERROR_KEY_FILE,    /* missing, unreadable, readable by others, malformed */
  JFD_CRYPTO_ERROR_UNKNOWN_KEY, /* sealed with a key that the key file does not hold */
  JFD_CRYPTO_ERROR_CORRUPT,     /* truncated, tampered with, or not UTF-8 text */
} JfdCryptoErrorCode;

#define JFD_CRYPTO_KEY_BYTES  32
#define JFD_CRYPTO_HASH_BYTES 32
/* Bytes that sealing adds to the plaintext: key id, nonce, authentication tag. */
#define JFD_CRYPTO_OVERHEAD   (1 + 24 + 16)

typedef struct _JfdCrypto JfdCrypto;

GQuark     jfd_crypto_error_quark        (void);

JfdCrypto *jfd_crypto_load               (const char     *path,
                                          GError        **error);
JfdCrypto *jfd_crypto_ref                (JfdCrypto      *crypto);
void       jfd_crypto_unref              (JfdCrypto      *crypto);

/* Writes a new key file at @path holding an index key and data key 1, mode 0600. Refuses
 * to overwrite an existing file: losing a key file loses the data sealed with it. */
gboolean   jfd_crypto_generate_file      (const char     *path,
                                          GError        **error);
/* Adds data key N+1, makes it current, and rewrites @path (which must still hold exactly
 * the keys @crypto was loaded with) atomically, mode 0600. Old keys stay in the file:
 * removing one is a decision for a person, once nothing sealed with it remains. */
gboolean   jfd_crypto_add_key            (JfdCrypto      *crypto,
                                          const char     *path,
                                          GError        **error);

guint8     jfd_crypto_get_current_key_id (JfdCrypto      *crypto);
/* The key id that sealed @data, or 0 if @data is too short to be sealed data. */
guint8     jfd_crypto_sealed_key_id      (const guint8   *data,
                                          gsize           len);

/* Seals @plaintext (a NUL-terminated string) with the current key. */
GBytes    *jfd_crypto_seal               (JfdCrypto      *crypto,
                                          const char     *plaintext);
/* Opens what jfd_crypto_seal () produced, with whichever key sealed it. */
char      *jfd_crypto_open               (JfdCrypto      *crypto,
                                          const guint8   *data,
                                          gsize           len,
                                          GError        **error);

/* The lookup hash of @value in @domain ("id", "id4", "id6", "phone", "phone4",
 * "petitioner", "facts"): BLAKE2b-256 keyed by the index key over
 * domain || 0x00 || value. Domains keep equal values in different roles apart. */
void       jfd_crypto_index              (JfdCrypto      *crypto,
                                          const char     *domain,
                                          const char     *value,
                                          guint8          out[JFD_CRYPTO_HASH_BYTES]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCrypto, jfd_crypto_unref)

G_END_DECLS
