/* jfd-ctl-keys.c: jiefenctl keygen, jiefenctl rotate-key */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jfd-ctl-commands.h"
#include "jfd-pq.h"

#define BATCH 1000

/* The sealed columns: every place personal data is kept encrypted. */
static const struct
{
  const char *table;
  const char *column;
} sealed_columns[] = {
  { "jf.parties", "id_number_enc" },
  { "jf.parties", "phone_enc" },
  { "jf.people", "id_number_enc" },
  { "jf.people", "phone_enc" },
};

int
jfd_ctl_keygen (JfdCtl  *ctl,
                int      argc,
                char   **argv)
{
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Where to write the key file (must not exist)",
      "PATH" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  if (!jfd_ctl_parse ("keygen", NULL,
                      "Creates a key file for personal data: an index key for lookup hashes "
                      "and data\nkey 1, mode 0600. Never overwrites a file.",
                      entries, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  if (out == NULL)
    return jfd_ctl_usage_error ("keygen", "--out PATH is required");
  if (!jfd_crypto_generate_file (out, &error))
    return jfd_ctl_fail (error);
  printf ("wrote a new key file %s (mode 0600)\n"
          "Point [crypto] key-file (or JIEFEND_KEY_FILE) at it, and back it up: without it\n"
          "the personal data sealed with it cannot be read.\n", out);
  return JFD_CTL_EXIT_OK;
}

/* Re-seals one batch of @table.@column not sealed with the current key, above @last_id.
 * Returns the number of rows done (0: the column is finished), or -1 and @error. */
static gint64
reseal_batch (PGconn      *conn,
              JfdCrypto   *crypto,
              const char  *table,
              const char  *column,
              gint64      *last_id,
              GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT id, %s FROM %s "
                                             "WHERE %s IS NOT NULL AND id > $1::bigint "
                                             "  AND get_byte (%s, 0) <> $2::integer "
                                             "ORDER BY id LIMIT %d FOR UPDATE",
                                             column, table, column, column, BATCH);
  g_autofree char *update = g_strdup_printf ("UPDATE %s t SET %s = u.sealed "
                                             "FROM unnest ($1::bigint[], $2::bytea[]) "
                                             "  AS u (id, sealed) WHERE t.id = u.id",
                                             table, column);
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, *last_id);
  g_autofree char *current = g_strdup_printf ("%u", jfd_crypto_get_current_key_id (crypto));
  const char *select_values[] = { after, current };
  g_autoptr(GString) ids = g_string_new ("{");
  g_autoptr(GString) sealed = g_string_new ("{");
  g_autoptr(PGresult) rows = NULL;
  const char *update_values[2];
  int n;

  /* Identifiers come from the table above, never from input. Binary results: the
   * sealed bytes as they are, the id as 8 big-endian bytes. */
  rows = PQexecParams (conn, select, 2, NULL, select_values, NULL, NULL, 1);
  if (!jfd_pq_result_ok (conn, rows, NULL, error))
    return -1;
  n = PQntuples (rows);
  for (int i = 0; i < n; i++)
    {
      const guint8 *idp = (const guint8 *) PQgetvalue (rows, i, 0);
      gint64 id = 0;
      g_autofree char *plain = NULL;
      g_autoptr(GBytes) resealed = NULL;
      gsize len;
      const guint8 *data;

      for (int b = 0; b < 8; b++)
        id = (id << 8) | idp[b];
      plain = jfd_crypto_open (crypto, (const guint8 *) PQgetvalue (rows, i, 1),
                               (gsize) PQgetlength (rows, i, 1), error);
      if (plain == NULL)
        {
          g_prefix_error (error, "%s.%s of row %" G_GINT64_FORMAT ": ", table, column, id);
          return -1;
        }
      resealed = jfd_crypto_seal (crypto, plain);
      data = g_bytes_get_data (resealed, &len);
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", id);
      g_string_append (sealed, i > 0 ? ",\"\\\\x" : "\"\\\\x");
      for (gsize b = 0; b < len; b++)
        g_string_append_printf (sealed, "%02x", data[b]);
      g_string_append_c (sealed, '"');
      *last_id = id;
    }
  if (n == 0)
    return 0;
  g_string_append_c (ids, '}');
  g_string_append_c (sealed, '}');
  update_values[0] = ids->str;
  update_values[1] = sealed->str;
  if (!jfd_pq_command_params (conn, update, 2, update_values, error))
    return -1;
  return n;
}

static gboolean
reseal_all (PGconn     *conn,
            JfdCrypto  *crypto,
            GError    **error)
{
  guint64 total = 0;

  for (guint c = 0; c < G_N_ELEMENTS (sealed_columns); c++)
    {
      const char *table = sealed_columns[c].table, *column = sealed_columns[c].column;
      guint64 done = 0;
      gint64 last_id = 0, n;

      do
        {
          /* A batch per transaction: locks are held briefly, and an interrupted run
           * keeps what it did (run with --reencrypt-only to finish). */
          if (!jfd_pq_command (conn, "BEGIN", error) ||
              (n = reseal_batch (conn, crypto, table, column, &last_id, error)) < 0 ||
              !jfd_pq_command (conn, "COMMIT", error))
            {
              jfd_pq_rollback (conn);
              return FALSE;
            }
          done += (guint64) n;
        }
      while (n > 0);
      printf ("%s.%s: %" G_GUINT64_FORMAT " rows re-encrypted\n", table, column, done);
      fflush (stdout);
      total += done;
    }
  printf ("%" G_GUINT64_FORMAT " rows re-encrypted in all with key %u\n", total,
          jfd_crypto_get_current_key_id (crypto));
  return TRUE;
}

int
jfd_ctl_rotate_key (JfdCtl  *ctl,
                    int      argc,
                    char   **argv)
{
  gboolean reencrypt_only = FALSE;
  const GOptionEntry entries[] = {
    { "reencrypt-only", 0, 0, G_OPTION_ARG_NONE, &reencrypt_only,
      "Add no key: only re-encrypt what is not sealed with the current one (finishes an "
      "interrupted rotation)", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  const char *path;
  JfdCrypto *crypto;
  PGconn *conn;

  if (!jfd_ctl_parse ("rotate-key", NULL,
                      "Adds a new data key to the key file, makes it current, and re-encrypts "
                      "every\nsealed ID and phone number with it, in batches. The old keys stay "
                      "in the file:\nremove them by hand once no backup needs them. Restart "
                      "jiefend afterwards so\nthat it reads the new key.",
                      entries, 0, 0, &argc, &argv))
    return JFD_CTL_EXIT_USAGE;
  path = jfd_ctl_get_key_file (ctl, &error);
  crypto = path != NULL ? jfd_ctl_get_crypto (ctl, &error) : NULL;
  if (crypto == NULL)
    return jfd_ctl_fail (error);
  /* Connect before touching the file: a rotation that cannot reach the database should
   * not leave a new key behind. */
  conn = jfd_ctl_connect (ctl, &error);
  if (conn == NULL)
    return jfd_ctl_fail (error);
  if (!reencrypt_only)
    {
      if (!jfd_crypto_add_key (crypto, path, &error))
        return jfd_ctl_fail (error);
      printf ("added key %u to %s; it is now current\n", jfd_crypto_get_current_key_id (crypto),
              path);
    }
  if (!reseal_all (conn, crypto, &error))
    return jfd_ctl_fail (error);
  return JFD_CTL_EXIT_OK;
}
