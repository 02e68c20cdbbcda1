/* fuzz-upload.c: the attachment upload path before the database
 *
 * Input: byte 0 picks the Content-Type the client claims (one of the five accepted types,
 * two refused ones, or none), then the file name up to the first NUL (as the "filename"
 * query parameter arrives, decoded), then the file's bytes. They go to
 * jfd_engine_add_attachment_async (), which checks the name (check_filename (), static in
 * jfd-engine-attachments.c), refuses an empty file, sniffs the type by content
 * (jfd_attachment_sniff ()) and compares it with the claim — all before its first query.
 *
 * Oracles: an upload that reaches the database (here: "unavailable") has a name of 1–200
 * UTF-8 characters with no "/", "\", control character or leading ".", and content whose
 * magic bytes are the claimed type; one refused breaks one of those rules (the rules are
 * the ones the API's error message states). The sniffer never reads past the end.
 */
#include "config.h"

#include <string.h>

#include "jf-fuzz.h"
#include "jfd-attachment-store.h"

static const char * const claimed_types[] = { "image/jpeg", "image/png", "application/pdf",
                                              "image/tiff", "image/webp", "image/gif",
                                              "text/html", NULL };

static gboolean
name_is_acceptable (const char *name)
{
  glong n;

  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  n = g_utf8_strlen (name, -1);
  if (n < 1 || n > 200 || name[0] == '.' || strpbrk (name, "/\\") != NULL)
    return FALSE;
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  jf_fuzz_init_logging ();
  jf_fuzz_engine ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  JfdEngine *engine = jf_fuzz_engine ();
  g_autoptr(JfdActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *name = NULL;
  const char *claimed;
  const char *sniffed;
  const uint8_t *nul;
  gsize name_len;
  gboolean acceptable;
  JfFuzzWait wait = { NULL };

  if (size < 1)
    return 0;
  claimed = claimed_types[data[0] % G_N_ELEMENTS (claimed_types)];
  data++, size--;
  nul = memchr (data, '\0', size);
  name_len = nul != NULL ? (gsize) (nul - data) : size;
  name = g_strndup ((const char *) data, name_len);
  data += nul != NULL ? name_len + 1 : name_len;
  size -= nul != NULL ? name_len + 1 : name_len;
  /* An exact-size copy, so that ASan catches the sniffer reading past the end. */
  content = g_bytes_new_take (g_memdup2 (data, size), size);

  sniffed = jfd_attachment_sniff (g_bytes_get_data (content, NULL), size);
  jf_fuzz_assert (sniffed == NULL || g_strv_contains (claimed_types, sniffed),
                  "the sniffer names a type outside the accepted ones");

  actor = jf_fuzz_actor_new (JF_ROLE_RECEPTION);
  jfd_engine_add_attachment_async (engine, actor, 1, name, claimed, content, NULL,
                                   jf_fuzz_wait_cb, &wait);
  jf_fuzz_wait (&wait);
  node = jfd_engine_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  jf_fuzz_assert (node == NULL, "an upload succeeded without a database");
  jf_fuzz_check_error (error, FALSE);

  acceptable = name_is_acceptable (name) && size > 0 && sniffed != NULL &&
               g_strcmp0 (sniffed, claimed) == 0;
  if (error->code == JF_ERROR_UNAVAILABLE)
    jf_fuzz_assert (acceptable, "an upload breaking the rules reached the database");
  else
    jf_fuzz_assert (!acceptable, "an upload within the rules was refused");
  return 0;
}
