/* test-crypto.c: the key file, sealing and opening, rotation, and the lookup hashes */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "jfd-crypto.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("jf-crypto-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "data-key", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (f->path, "~", NULL);

  g_unlink (f->path);
  g_unlink (backup);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
write_key_file (Fixture    *f,
                const char *contents,
                int         mode)
{
  g_autoptr(GError) error = NULL;

  g_unlink (f->path);
  g_assert_true (g_file_set_contents_full (f->path, contents, -1,
                                           G_FILE_SET_CONTENTS_NONE, mode, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->path, mode), ==, 0);
}

static void
test_generate_and_seal (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) crypto = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) sealed_again = NULL;
  g_autofree char *opened = NULL;
  struct stat st;
  gsize len;
  const guint8 *bytes;

  g_assert_true (jfd_crypto_generate_file (f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Never overwritten: losing a key loses the data sealed with it. */
  g_assert_false (jfd_crypto_generate_file (f->path, &error));
  g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE);
  g_clear_error (&error);

  crypto = jfd_crypto_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jfd_crypto_get_current_key_id (crypto), ==, 1);
  sealed = jfd_crypto_seal (crypto, "22040219800101123X");
  sealed_again = jfd_crypto_seal (crypto, "22040219800101123X");
  bytes = g_bytes_get_data (sealed, &len);
  g_assert_cmpuint (len, ==, JFD_CRYPTO_OVERHEAD + 18);
  g_assert_cmpuint (bytes[0], ==, 1);
  g_assert_cmpuint (jfd_crypto_sealed_key_id (bytes, len), ==, 1);
  /* A fresh nonce each time: equal numbers do not look equal in the table. */
  g_assert_false (g_bytes_equal (sealed, sealed_again));
  g_assert_null (memmem (bytes, len, "1980", 4));
  opened = jfd_crypto_open (crypto, bytes, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "22040219800101123X");
}

static void
test_tampered_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) crypto = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree guint8 *copy = NULL;
  gsize len;

  g_assert_true (jfd_crypto_generate_file (f->path, &error));
  crypto = jfd_crypto_load (f->path, &error);
  g_assert_no_error (error);
  sealed = jfd_crypto_seal (crypto, "13800000000");
  copy = g_memdup2 (g_bytes_get_data (sealed, &len), g_bytes_get_size (sealed));

  copy[len - 1] ^= 1;
  g_assert_null (jfd_crypto_open (crypto, copy, len, &error));
  g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_CORRUPT);
  g_clear_error (&error);
  copy[len - 1] ^= 1;
  copy[0] = 7;
  g_assert_null (jfd_crypto_open (crypto, copy, len, &error));
  g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_null (jfd_crypto_open (crypto, copy, 10, &error));
  g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_CORRUPT);
}

static void
test_bad_files_refused (Fixture       *f,
                        gconstpointer  data)
{
  static const char good_key[] = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static const struct { const char *contents; int mode; const char *says; } cases[] = {
    { "[keys]\nindex=KEY\n1=KEY\ncurrent=1\n", 0644, "mode 0644" },
    { "[keys]\nindex=KEY\n1=KEY\ncurrent=1\n", 0640, "mode 0640" },
    { "[keys]\nindex=KEY\n1=AAEC\ncurrent=1\n", 0600, "base64 form of 32 bytes" },
    { "[keys]\nindex=KEY\n1=KEY!!\ncurrent=1\n", 0600, "base64 form of 32 bytes" },
    { "[keys]\n1=KEY\ncurrent=1\n", 0600, "no index key" },
    { "[keys]\nindex=KEY\n1=KEY\ncurrent=2\n", 0600, "current" },
    { "[keys]\nindex=KEY\n01=KEY\ncurrent=1\n", 0600, "unknown key" },
    { "not a key file\n", 0600, "not a key file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) parts = g_strsplit (cases[i].contents, "KEY", -1);
      g_autofree char *contents = g_strjoinv (good_key, parts);
      g_autoptr(JfdCrypto) crypto = NULL;

      write_key_file (f, contents, cases[i].mode);
      crypto = jfd_crypto_load (f->path, &error);
      g_assert_null (crypto);
      g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
    }
  /* A read-only file is private enough. */
  {
    g_autofree char *contents = g_strdup_printf ("[keys]\nindex=%s\n1=%s\ncurrent=1\n",
                                                 good_key, good_key);
    g_autoptr(JfdCrypto) crypto = NULL;

    write_key_file (f, contents, 0400);
    crypto = jfd_crypto_load (f->path, NULL);
    g_assert_nonnull (crypto);
  }
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) crypto = NULL;
  g_autoptr(JfdCrypto) reloaded = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GBytes) fresh = NULL;
  g_autofree char *opened = NULL;
  guint8 before[JFD_CRYPTO_HASH_BYTES], after[JFD_CRYPTO_HASH_BYTES];
  struct stat st;

  g_assert_true (jfd_crypto_generate_file (f->path, &error));
  crypto = jfd_crypto_load (f->path, &error);
  old = jfd_crypto_seal (crypto, "13912345678");
  jfd_crypto_index (crypto, "phone", "13912345678", before);

  g_assert_true (jfd_crypto_add_key (crypto, f->path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jfd_crypto_get_current_key_id (crypto), ==, 2);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  fresh = jfd_crypto_seal (crypto, "13912345678");
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (fresh, NULL))[0], ==, 2);

  /* The file now holds both keys: old data still opens after a restart. */
  reloaded = jfd_crypto_load (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jfd_crypto_get_current_key_id (reloaded), ==, 2);
  opened = jfd_crypto_open (reloaded, g_bytes_get_data (old, NULL), g_bytes_get_size (old),
                            &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "13912345678");
  /* Lookup hashes do not change with a rotation: nothing needs re-indexing. */
  jfd_crypto_index (reloaded, "phone", "13912345678", after);
  g_assert_cmpmem (before, sizeof before, after, sizeof after);

  /* A rotation by someone else since loading is not overwritten. */
  g_assert_true (jfd_crypto_add_key (crypto, f->path, &error));
  g_assert_false (jfd_crypto_add_key (reloaded, f->path, &error));
  g_assert_error (error, JFD_CRYPTO_ERROR, JFD_CRYPTO_ERROR_KEY_FILE);
}

static void
test_index (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) a = NULL;
  g_autoptr(JfdCrypto) b = NULL;
  g_autofree char *other = g_strconcat (f->path, "-other", NULL);
  guint8 h1[32], h2[32], h3[32], h4[32];

  g_assert_true (jfd_crypto_generate_file (f->path, &error));
  g_assert_true (jfd_crypto_generate_file (other, &error));
  a = jfd_crypto_load (f->path, &error);
  b = jfd_crypto_load (other, &error);
  g_unlink (other);
  g_assert_no_error (error);
  jfd_crypto_index (a, "id", "220402198001011234", h1);
  jfd_crypto_index (a, "id", "220402198001011234", h2);
  g_assert_cmpmem (h1, 32, h2, 32);
  /* Domains keep equal values in different roles apart. */
  jfd_crypto_index (a, "id4", "220402198001011234", h3);
  g_assert_true (memcmp (h1, h3, 32) != 0);
  /* Keyed: another installation's hash of the same number is unrelated. */
  jfd_crypto_index (b, "id", "220402198001011234", h4);
  g_assert_true (memcmp (h1, h4, 32) != 0);
}

static gpointer
seal_open_many (gpointer data)
{
  JfdCrypto *crypto = data;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *text = g_strdup_printf ("1380000%04u", i);
      g_autoptr(GBytes) sealed = jfd_crypto_seal (crypto, text);
      g_autofree char *opened = jfd_crypto_open (crypto, g_bytes_get_data (sealed, NULL),
                                                 g_bytes_get_size (sealed), NULL);

      if (g_strcmp0 (opened, text) != 0)
        return GINT_TO_POINTER (1);
    }
  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JfdCrypto) crypto = NULL;
  GThread *threads[4];

  g_assert_true (jfd_crypto_generate_file (f->path, &error));
  crypto = jfd_crypto_load (f->path, &error);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("seal", seal_open_many, crypto);
  /* A rotation meanwhile: sealing goes on with whichever key is current. */
  g_assert_true (jfd_crypto_add_key (crypto, f->path, &error));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_null (g_thread_join (threads[i]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/jf/crypto/generate-and-seal", test_generate_and_seal);
  ADD ("/jf/crypto/tampered-refused", test_tampered_refused);
  ADD ("/jf/crypto/bad-files-refused", test_bad_files_refused);
  ADD ("/jf/crypto/rotation", test_rotation);
  ADD ("/jf/crypto/index", test_index);
  ADD ("/jf/crypto/threads", test_threads);
#undef ADD
  return g_test_run ();
}
