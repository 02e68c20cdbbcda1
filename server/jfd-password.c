/* jfd-password.c: Argon2id hashing, the password policy and readable random passwords */
#include "config.h"

#include <gio/gio.h>
#include <sodium.h>
#include <string.h>

#include "jf-error.h"
#include "jfd-password.h"
#include "jfd-sodium.h"

/* OWASP's Argon2id baseline (m = 19 MiB, t = 2, p = 1) rather than libsodium's
 * "interactive" 64 MiB: two sign-ins hashing at once (jfd-shared.c's workers) made the
 * peak of jiefend's memory 146 MiB, against 19 MiB for everything else under load. */
#define OPSLIMIT 2
#define MEMLIMIT ((gsize) 19 << 20)

char *
jfd_password_hash (const char  *password,
                   GError     **error)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);
  jfd_sodium_init ();
  /* The algorithm is named rather than left to crypto_pwhash_ALG_DEFAULT, because the
   * database accepts only "$argon2id$" hashes. */
  if (crypto_pwhash_str_alg (out, password, strlen (password),
                             OPSLIMIT, MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "not enough memory to hash a password (Argon2id needs %u MiB)",
                   (guint) (MEMLIMIT >> 20));
      return NULL;
    }
  return g_strdup (out);
}

gboolean
jfd_password_verify (const char *hash,
                     const char *password)
{
  if (hash == NULL || password == NULL)
    return FALSE;
  jfd_sodium_init ();
  /* libsodium reads up to crypto_pwhash_STRBYTES of the hash and needs a NUL in them. */
  if (strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

gboolean
jfd_password_is_acceptable (const char  *password,
                            GError     **error)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  guint kinds;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      jf_set_error (error, JF_ERROR_INVALID, "password", "The password is not valid UTF-8 text");
      return FALSE;
    }
  if (strlen (password) > JFD_PASSWORD_MAX_BYTES)
    {
      jf_set_error (error, JF_ERROR_INVALID, "password",
                    "The password is longer than %d bytes", JFD_PASSWORD_MAX_BYTES);
      return FALSE;
    }
  if (g_utf8_strlen (password, -1) < JFD_PASSWORD_MIN_LENGTH)
    {
      jf_set_error (error, JF_ERROR_INVALID, "password",
                    "The password is too short: it needs at least %d characters and at least "
                    "two kinds of character (lower-case letters, upper-case letters, digits, "
                    "others)", JFD_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_islower (c))
        lower = TRUE;
      else if (c < 0x80 && g_ascii_isupper (c))
        upper = TRUE;
      else if (c < 0x80 && g_ascii_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }
  kinds = (guint) lower + (guint) upper + (guint) digit + (guint) other;
  if (kinds < 2)
    {
      jf_set_error (error, JF_ERROR_INVALID, "password",
                    "The password uses only one kind of character: it needs at least two "
                    "kinds (lower-case letters, upper-case letters, digits, others) and at "
                    "least %d characters", JFD_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}

char *
jfd_password_generate (void)
{
  static const char alphabet[] = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  const guint32 n = sizeof alphabet - 1;
  char out[4 * 4 + 3 + 1];

  jfd_sodium_init ();
  /* Redraw the rare result lacking a digit, a lower- or an upper-case letter, so that
   * every generated password passes any reasonable policy, ours included. */
  for (;;)
    {
      gboolean lower = FALSE, upper = FALSE, digit = FALSE;
      guint o = 0;

      for (guint group = 0; group < 4; group++)
        {
          if (group > 0)
            out[o++] = '-';
          for (guint i = 0; i < 4; i++)
            {
              char c = alphabet[randombytes_uniform (n)];

              lower |= g_ascii_islower (c);
              upper |= g_ascii_isupper (c);
              digit |= g_ascii_isdigit (c);
              out[o++] = c;
            }
        }
      out[o] = '\0';
      if (lower && upper && digit)
        return g_strdup (out);
    }
}
