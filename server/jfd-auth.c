/* jfd-auth.c: token lookup and the per-thread cache */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "jf-error.h"
#include "jfd-auth.h"
#include "jfd-pq.h"

#define CACHE_TTL_US (10 * G_USEC_PER_SEC)
#define CACHE_LIMIT 4096

struct _JfdAuth
{
  GObject parent_instance;

  JfdPool    *pool;    /* owned */
  JfdShared  *shared;  /* unowned: outlives every thread */
  GHashTable *cache;   /* hash hex → Entry */
  guint       generation;
};

typedef struct
{
  JfdActor *actor;
  gint64    fetched_us;
} Entry;

G_DEFINE_FINAL_TYPE (JfdAuth, jfd_auth, G_TYPE_OBJECT)

static const JfdStatement session_lookup = {
  "auth_session",
  JFD_AUTH_ACTOR_SELECT
  "WHERE s.token_hash = decode($1, 'hex') AND s.revoked_at IS NULL AND s.expires_at > now() "
  "AND NOT a.disabled",
  1,
};

JfdActor *
jfd_auth_actor_from_row (PGresult *res,
                         int       row)
{
  JfdActor *actor = jfd_actor_new ();
  g_auto(GStrv) roles = g_strsplit (PQgetvalue (res, row, 4), ",", -1);

  actor->session_id = g_ascii_strtoll (PQgetvalue (res, row, 0), NULL, 10);
  actor->account_id = atoi (PQgetvalue (res, row, 1));
  actor->username = g_strdup (PQgetvalue (res, row, 2));
  actor->display_name = g_strdup (PQgetvalue (res, row, 3));
  jf_role_set_from_strv ((const char * const *) roles, &actor->roles, NULL);
  actor->org_id = atoi (PQgetvalue (res, row, 5));
  actor->org_code = g_strdup (PQgetvalue (res, row, 6));
  actor->org_name = g_strdup (PQgetvalue (res, row, 7));
  jf_level_from_string (PQgetvalue (res, row, 8), &actor->level);
  actor->department_id = atoi (PQgetvalue (res, row, 9));
  actor->department_code = PQgetisnull (res, row, 10) ? NULL
                           : g_strdup (PQgetvalue (res, row, 10));
  actor->expires_at = g_ascii_strtoll (PQgetvalue (res, row, 11), NULL, 10);
  return actor;
}

static void
entry_free (Entry *entry)
{
  jfd_actor_unref (entry->actor);
  g_free (entry);
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

char *
jfd_auth_hash_token (const char *token)
{
  gsize len = token != NULL ? strlen (token) : 0;

  /* 32 bytes in unpadded base64url are 43 characters. */
  if (len != 43)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!(g_ascii_isalnum (token[i]) || token[i] == '-' || token[i] == '_'))
      return NULL;
  return sha256_hex (token);
}

char *
jfd_auth_new_token (char **out_hash_hex)
{
  guint8 bytes[JFD_TOKEN_BYTES];
  char token[sodium_base64_ENCODED_LEN (JFD_TOKEN_BYTES,
                                        sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (token, sizeof token, bytes, sizeof bytes,
                     sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  *out_hash_hex = sha256_hex (token);
  return g_strdup (token);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfdAuth *self = g_task_get_source_object (task);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  res = jfd_pool_query_finish (JFD_POOL (source), result, &error);
  if (res == NULL)
    {
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_UNAVAILABLE,
                               "The database is unavailable; try again shortly");
      return;
    }
  if (PQntuples (res) != 1)
    {
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_UNAUTHENTICATED,
                               "The session has expired or ended: sign in again");
      return;
    }
  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);
  entry = g_new0 (Entry, 1);
  entry->actor = jfd_auth_actor_from_row (res, 0);
  entry->fetched_us = g_get_monotonic_time ();
  g_hash_table_replace (self->cache, g_strdup (g_task_get_task_data (task)), entry);
  g_task_return_pointer (task, jfd_actor_ref (entry->actor), (GDestroyNotify) jfd_actor_unref);
}

void
jfd_auth_authenticate_async (JfdAuth             *self,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *hash = jfd_auth_hash_token (token);
  guint generation = jfd_shared_get_auth_generation (self->shared);
  Entry *entry;

  g_task_set_source_tag (task, jfd_auth_authenticate_async);
  if (hash == NULL)
    {
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_UNAUTHENTICATED,
                               "The bearer token is not valid: sign in again");
      return;
    }
  if (generation != self->generation)
    {
      g_hash_table_remove_all (self->cache);
      self->generation = generation;
    }
  entry = g_hash_table_lookup (self->cache, hash);
  if (entry != NULL && g_get_monotonic_time () - entry->fetched_us < CACHE_TTL_US &&
      entry->actor->expires_at > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_task_return_pointer (task, jfd_actor_ref (entry->actor),
                             (GDestroyNotify) jfd_actor_unref);
      return;
    }
  g_task_set_task_data (task, g_strdup (hash), g_free);
  jfd_pool_query_async (self->pool, &session_lookup, (const char *[]) { hash }, cancellable,
                        lookup_cb, g_steal_pointer (&task));
}

JfdActor *
jfd_auth_authenticate_finish (JfdAuth       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
jfd_auth_finalize (GObject *object)
{
  JfdAuth *self = JFD_AUTH (object);

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_object (&self->pool);
  G_OBJECT_CLASS (jfd_auth_parent_class)->finalize (object);
}

static void
jfd_auth_class_init (JfdAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jfd_auth_finalize;
}

static void
jfd_auth_init (JfdAuth *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) entry_free);
}

JfdAuth *
jfd_auth_new (JfdPool   *pool,
              JfdShared *shared)
{
  JfdAuth *self = g_object_new (JFD_TYPE_AUTH, NULL);

  self->pool = g_object_ref (pool);
  self->shared = shared;
  self->generation = jfd_shared_get_auth_generation (shared);
  return self;
}
