/* jfd-password.h: account passwords (Argon2id through libsodium)
 *
 * Hashing takes 64 MiB and tens of milliseconds on purpose: run it in a worker thread,
 * never on a server's main loop. All functions are thread-safe.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JFD_PASSWORD_MIN_LENGTH 10
/* Longer input is refused rather than hashed: a megabyte "password" is an attack. */
#define JFD_PASSWORD_MAX_BYTES 1024

/* libsodium's string form, "$argon2id$v=19$m=19456,t=2,p=1$..."; NULL and @error
 * (G_IO_ERROR_FAILED) only when memory for the hash cannot be had. */
char     *jfd_password_hash          (const char  *password,
                                      GError     **error);
/* Constant-time for a given hash; FALSE for a malformed hash. */
gboolean  jfd_password_verify        (const char  *hash,
                                      const char  *password);
/* The house policy: valid UTF-8, at least JFD_PASSWORD_MIN_LENGTH characters, at most
 * JFD_PASSWORD_MAX_BYTES bytes, and at least two kinds of character among lower-case
 * letters, upper-case letters, digits and everything else. JF_ERROR_INVALID (field
 * "password") says which rule failed. */
gboolean  jfd_password_is_acceptable (const char  *password,
                                      GError     **error);
/* A random, readable password for a demo or first-time account: 4 groups of 4 from an
 * alphabet without look-alikes (no 0/O/o, 1/l/I), e.g. "k7Pq-3mTz-Hc9w-Ra4e": about 90 bits. */
char     *jfd_password_generate      (void);

G_END_DECLS
