/* jfd-crypto-file.c: the key file: loading it, creating it, adding a key to it */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jfd-crypto-private.h"
#include "jfd-sodium.h"

#define GROUP "keys"
/* A key file is a few hundred bytes; anything much larger is not one. */
#define MAX_FILE_BYTES (64 * 1024)

static char *
encode_key (const guint8 *key)
{
  char out[sodium_base64_ENCODED_LEN (JFD_CRYPTO_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];

  sodium_bin2base64 (out, sizeof out, key, JFD_CRYPTO_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
  return g_strdup (out);
}

/* Strict: g_base64_decode () skips characters it does not know, which would let a
 * damaged key file through as a different key. */
static gboolean
decode_key (const char  *path,
            const char  *name,
            const char  *text,
            guint8      *out,
            GError     **error)
{
  size_t len = 0;

  if (text == NULL ||
      sodium_base642bin (out, JFD_CRYPTO_KEY_BYTES, text, strlen (text), NULL, &len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != JFD_CRYPTO_KEY_BYTES)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s: key “%s” is not the base64 form of %d bytes", path, name,
                   JFD_CRYPTO_KEY_BYTES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_key_id (const char *text,
              guint8     *out)
{
  guint64 n;

  /* Canonical decimal only, so that "01" and "1" cannot name one key twice. */
  if (text[0] == '0' || !g_ascii_string_to_unsigned (text, 10, 1, JFD_CRYPTO_MAX_KEY_ID, &n, NULL))
    return FALSE;
  *out = (guint8) n;
  return TRUE;
}

/* Reads the file through one descriptor, so that the mode checked is that of the file
 * read. */
static char *
read_private_file (const char  *path,
                   gsize       *out_len,
                   GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  GString *text;
  char buf[4096];
  ssize_t n;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "cannot open the key file %s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "the key file %s is not a regular file", path);
      return NULL;
    }
  if ((st.st_mode & 07777) != 0600 && (st.st_mode & 07777) != 0400)
    {
      close (fd);
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "the key file %s has mode %04o: it must be readable by its owner only "
                   "(chmod 600 %s)", path, (guint) (st.st_mode & 07777), path);
      return NULL;
    }
  text = g_string_new (NULL);
  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || text->len + (gsize) n > MAX_FILE_BYTES)
        {
          int saved = errno;
          close (fd);
          sodium_memzero (buf, sizeof buf);
          sodium_memzero (text->str, text->len);
          g_string_free (text, TRUE);
          g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                       "cannot read the key file %s: %s", path,
                       n < 0 ? g_strerror (saved) : "too large to be a key file");
          return NULL;
        }
      g_string_append_len (text, buf, n);
    }
  close (fd);
  sodium_memzero (buf, sizeof buf);
  *out_len = text->len;
  return g_string_free (text, FALSE);
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

/* A string holding key material: wiped before it is freed. */
typedef char JfdCryptoSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfdCryptoSecretString, wipe_string)

static gboolean
load_keys (JfdCrypto  *crypto,
           GKeyFile   *file,
           const char *path,
           GError    **error)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *current = NULL;
  gboolean have_index = FALSE;

  if (!g_key_file_has_group (file, GROUP))
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s has no [%s] group", path, GROUP);
      return FALSE;
    }
  names = g_key_file_get_keys (file, GROUP, NULL, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(JfdCryptoSecretString) value = NULL;
      guint8 id;

      if (g_str_equal (names[i], "current"))
        continue;
      value = g_key_file_get_value (file, GROUP, names[i], NULL);
      if (g_str_equal (names[i], "index"))
        {
          if (!decode_key (path, names[i], g_strstrip (value), crypto->keys->index, error))
            return FALSE;
          have_index = TRUE;
        }
      else if (parse_key_id (names[i], &id))
        {
          if (!decode_key (path, names[i], g_strstrip (value), crypto->keys->data[id], error))
            return FALSE;
          crypto->present[id] = TRUE;
        }
      else
        {
          g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                       "%s: unknown key “%s” in [%s] (expected index, current, or a key "
                       "number from 1 to %d)", path, names[i], GROUP, JFD_CRYPTO_MAX_KEY_ID);
          return FALSE;
        }
    }
  if (!have_index)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s has no index key", path);
      return FALSE;
    }
  current = g_key_file_get_value (file, GROUP, "current", NULL);
  if (current == NULL || !parse_key_id (g_strstrip (current), &crypto->current) ||
      !crypto->present[crypto->current])
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s: “current” must name one of the numbered keys in the file", path);
      return FALSE;
    }
  return TRUE;
}

JfdCrypto *
jfd_crypto_load (const char  *path,
                 GError     **error)
{
  g_autoptr(JfdCrypto) crypto = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(JfdCryptoSecretString) text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);
  text = read_private_file (path, &len, error);
  if (text == NULL)
    return NULL;
  if (!g_key_file_load_from_data (file, text, len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s is not a key file: %s", path, local_error->message);
      return NULL;
    }
  crypto = jfd_crypto_new_empty ();
  if (!load_keys (crypto, file, path, error))
    return NULL;
  return g_steal_pointer (&crypto);
}

static const char key_file_header[] =
  "# Jiefen's data keys (see jfd-crypto.h). Keep this file private (mode 0600) and backed\n"
  "# up: without it the ID and phone numbers in the database cannot be read.\n"
  "# \"index\" keys the lookup hashes and never changes; the numbered keys seal data, and\n"
  "# \"current\" names the one that seals new data (jiefenctl rotate-key adds one).\n";

/* 0, or the errno of the first failure. */
static int
write_and_sync (int         fd,
                const char *data,
                gsize       len)
{
  gsize done = 0;

  /* The umask may have taken bits away, never added them: say exactly what we mean. */
  if (fchmod (fd, 0600) != 0)
    return errno;
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return errno;
      done += (gsize) n;
    }
  return fsync (fd) != 0 ? errno : 0;
}

gboolean
jfd_crypto_generate_file (const char  *path,
                          GError     **error)
{
  guint8 index[JFD_CRYPTO_KEY_BYTES], key[JFD_CRYPTO_KEY_BYTES];
  g_autoptr(JfdCryptoSecretString) index_text = NULL;
  g_autoptr(JfdCryptoSecretString) key_text = NULL;
  g_autoptr(JfdCryptoSecretString) contents = NULL;
  int fd, saved;

  g_return_val_if_fail (path != NULL, FALSE);
  jfd_sodium_init ();
  randombytes_buf (index, sizeof index);
  randombytes_buf (key, sizeof key);
  index_text = encode_key (index);
  key_text = encode_key (key);
  sodium_memzero (index, sizeof index);
  sodium_memzero (key, sizeof key);
  contents = g_strdup_printf ("%s[%s]\nindex=%s\n1=%s\ncurrent=1\n", key_file_header, GROUP,
                              index_text, key_text);

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "cannot create the key file %s: %s%s", path, g_strerror (saved),
                   saved == EEXIST ? " (a key file is never overwritten: losing one loses "
                                     "the data sealed with it)" : "");
      return FALSE;
    }
  saved = write_and_sync (fd, contents, strlen (contents));
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved != 0)
    {
      unlink (path);
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "cannot write the key file %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Does the file at @path still hold exactly the keys in memory? Another rotation since
 * we loaded it would otherwise be overwritten, and its new key lost. */
static gboolean
file_matches (JfdCrypto  *crypto,
              GKeyFile   *file,
              const char *path,
              GError    **error)
{
  g_autoptr(JfdCrypto) on_disk = jfd_crypto_new_empty ();

  if (!load_keys (on_disk, file, path, error))
    return FALSE;
  if (on_disk->current != crypto->current ||
      memcmp (on_disk->present, crypto->present, sizeof crypto->present) != 0 ||
      sodium_memcmp (on_disk->keys, crypto->keys, sizeof (JfdCryptoKeys)) != 0)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s no longer holds the keys it held when it was loaded (was it rotated "
                   "meanwhile?): refusing to overwrite it", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
jfd_crypto_add_key (JfdCrypto   *crypto,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(JfdCryptoSecretString) text = NULL;
  g_autoptr(JfdCryptoSecretString) key_text = NULL;
  g_autoptr(JfdCryptoSecretString) contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  guint8 key[JFD_CRYPTO_KEY_BYTES];
  struct stat before;
  char id_text[4], current_text[4];
  guint next = 0;
  gsize len = 0;

  g_return_val_if_fail (crypto != NULL && path != NULL, FALSE);
  locker = g_rw_lock_writer_locker_new (&crypto->lock);
  for (guint id = 1; id <= JFD_CRYPTO_MAX_KEY_ID; id++)
    if (crypto->present[id])
      next = id + 1;
  if (next > JFD_CRYPTO_MAX_KEY_ID)
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s already holds key %d, the highest a sealed value can name", path,
                   JFD_CRYPTO_MAX_KEY_ID);
      return FALSE;
    }

  text = read_private_file (path, &len, error);
  if (text == NULL)
    return FALSE;
  if (!g_key_file_load_from_data (file, text, len, G_KEY_FILE_KEEP_COMMENTS, &local_error))
    {
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "%s is not a key file: %s", path, local_error->message);
      return FALSE;
    }
  if (!file_matches (crypto, file, path, error))
    return FALSE;

  randombytes_buf (key, sizeof key);
  key_text = encode_key (key);
  g_snprintf (id_text, sizeof id_text, "%u", next);
  g_snprintf (current_text, sizeof current_text, "%u", next);
  /* Re-adding "current" after the new key keeps the file in reading order. */
  g_key_file_remove_key (file, GROUP, "current", NULL);
  g_key_file_set_value (file, GROUP, id_text, key_text);
  g_key_file_set_value (file, GROUP, "current", current_text);
  contents = g_key_file_to_data (file, &len, NULL);
  if (stat (path, &before) != 0 ||
      !g_file_set_contents_full (path, contents, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                     "cannot stat the key file %s: %s", path, g_strerror (errno));
      sodium_memzero (key, sizeof key);
      return FALSE;
    }
  /* The file is replaced, not rewritten: the new one belongs to whoever runs this. Run as
   * root for a key file owned by the service's user, give it back, or jiefend could no
   * longer read its own keys. */
  if (geteuid () == 0 && (before.st_uid != 0 || before.st_gid != 0) &&
      chown (path, before.st_uid, before.st_gid) != 0)
    {
      int saved = errno;

      sodium_memzero (key, sizeof key);
      g_set_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE,
                   "the key file %s was rewritten but could not be given back to its owner "
                   "(uid %u): %s; fix its ownership before restarting jiefend", path,
                   (guint) before.st_uid, g_strerror (saved));
      return FALSE;
    }
  memcpy (crypto->keys->data[next], key, sizeof key);
  sodium_memzero (key, sizeof key);
  crypto->present[next] = TRUE;
  crypto->current = (guint8) next;
  return TRUE;
}

