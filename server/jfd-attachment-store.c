/* jfd-attachment-store.c: the content-addressed file store */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jf-error.h"
#include "jfd-attachment-store.h"

const char *
jfd_attachment_sniff (const guint8 *d,
                      gsize         len)
{
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "image/jpeg";
  if (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 5 && memcmp (d, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "image/tiff";
  if (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

static char *
path_for (const char *directory,
          const char *hex)
{
  char a[3] = { hex[0], hex[1], 0 };
  char b[3] = { hex[2], hex[3], 0 };

  return g_build_filename (directory, a, b, hex, NULL);
}

static gboolean
is_hex_hash (const char *hex)
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (hex[i]) || g_ascii_isupper (hex[i]))
      return FALSE;
  return TRUE;
}

char *
jfd_attachment_store_put (const char  *directory,
                          GBytes      *data,
                          GError     **error)
{
  gsize len;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  g_autofree char *hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes, len);
  g_autofree char *path = path_for (directory, hex);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&hex);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      jf_set_error (error, JF_ERROR_INTERNAL, NULL, "cannot create %s: %s", dir,
                    g_strerror (errno));
      return NULL;
    }
  /* g_file_set_contents writes a temporary file, fsyncs it and renames it in place. */
  if (!g_file_set_contents_full (path, (const char *) bytes, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return NULL;
  return g_steal_pointer (&hex);
}

GBytes *
jfd_attachment_store_get (const char  *directory,
                          const char  *sha256_hex,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize len;

  if (!is_hex_hash (sha256_hex))
    {
      jf_set_error (error, JF_ERROR_INTERNAL, NULL, "not a content hash");
      return NULL;
    }
  path = path_for (directory, sha256_hex);
  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, len);
  if (g_strcmp0 (actual, sha256_hex) != 0)
    {
      jf_set_error (error, JF_ERROR_INTERNAL, NULL, "the stored file %s was altered", path);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}
