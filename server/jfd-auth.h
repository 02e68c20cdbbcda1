/* jfd-auth.h: bearer tokens to actors, with a short-lived per-thread cache
 *
 * Tokens are 32 random bytes (base64url); only their SHA-256 is stored. Each server thread
 * remembers the actors of recent tokens for a few seconds, so a busy client costs one
 * session lookup per interval rather than one per request. A sign-out, or any change to
 * an account, bumps the shared generation and empties every thread's memory.
 */
#pragma once

#include <gio/gio.h>

#include "jfd-actor.h"
#include "jfd-pool.h"
#include "jfd-shared.h"

G_BEGIN_DECLS

#define JFD_TYPE_AUTH (jfd_auth_get_type ())
G_DECLARE_FINAL_TYPE (JfdAuth, jfd_auth, JFD, AUTH, GObject)

#define JFD_TOKEN_BYTES 32

JfdAuth  *jfd_auth_new                  (JfdPool             *pool,
                                         JfdShared           *shared);
void      jfd_auth_authenticate_async   (JfdAuth             *self,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
JfdActor *jfd_auth_authenticate_finish  (JfdAuth             *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* A new random token, and the hex SHA-256 under which it is stored. */
char     *jfd_auth_new_token            (char               **out_hash_hex);
/* The hex SHA-256 of @token, or NULL when it is not shaped like one of ours. */
char     *jfd_auth_hash_token           (const char          *token);

/* The select an actor is read from (sessions s, accounts a, org_units o, departments d),
 * shared with sign-in; jfd_auth_actor_from_row () reads its row. */
#define JFD_AUTH_ACTOR_SELECT \
  "SELECT s.id, a.id, a.username, a.display_name, array_to_string(a.roles, ','), a.org_id, " \
  "o.code, o.name, o.level, coalesce(a.department_id, 0), d.code, " \
  "extract(epoch FROM s.expires_at)::bigint " \
  "FROM jf.sessions s JOIN jf.accounts a ON a.id = s.account_id " \
  "JOIN jf.org_units o ON o.id = a.org_id " \
  "LEFT JOIN jf.departments d ON d.id = a.department_id "
JfdActor *jfd_auth_actor_from_row       (PGresult            *result,
                                         int                  row);

G_END_DECLS
