/* jfd-crypto-private.h: what jfd-crypto.c (sealing) and jfd-crypto-file.c (the key
 * file) share */
#pragma once

#include <sodium.h>

#include "jfd-crypto.h"

G_BEGIN_DECLS

#define JFD_CRYPTO_MAX_KEY_ID 255
#define JFD_CRYPTO_NONCE_BYTES crypto_secretbox_NONCEBYTES

G_STATIC_ASSERT (JFD_CRYPTO_NONCE_BYTES == 24);
G_STATIC_ASSERT (crypto_secretbox_MACBYTES == 16);
G_STATIC_ASSERT (crypto_secretbox_KEYBYTES == JFD_CRYPTO_KEY_BYTES);

/* Key material lives in one sodium_malloc () block: guard pages around it, locked out of
 * swap where the system allows, and wiped when freed. */
typedef struct
{
  guint8 index[JFD_CRYPTO_KEY_BYTES];
  guint8 data[JFD_CRYPTO_MAX_KEY_ID + 1][JFD_CRYPTO_KEY_BYTES];
} JfdCryptoKeys;

struct _JfdCrypto
{
  gatomicrefcount ref_count;
  GRWLock         lock;           /* guards present[], current and keys->data */
  JfdCryptoKeys  *keys;
  gboolean        present[JFD_CRYPTO_MAX_KEY_ID + 1];
  guint8          current;        /* 0 until keys are loaded */
};

/* An empty JfdCrypto, for the key file's reader to fill. */
JfdCrypto *jfd_crypto_new_empty (void);

G_END_DECLS
