/* jfd-shared.h: what every server thread of one jiefend process shares
 *
 * The configuration and keys never change while running. The catalog is swapped whole
 * when an administrator changes reference data; jfd_shared_get_catalog () hands out a
 * reference to the current snapshot. Passwords are hashed on a small bounded pool of
 * worker threads: Argon2id takes 64 MiB and tens of milliseconds, which no server loop
 * may spend.
 */
#pragma once

#include <gio/gio.h>

#include "jfd-catalog.h"
#include "jfd-config.h"
#include "jfd-crypto.h"
#include "jfd-metrics.h"

G_BEGIN_DECLS

typedef struct _JfdShared JfdShared;

JfdShared  *jfd_shared_new              (JfdConfig       *config,
                                         JfdCrypto       *crypto,
                                         JfdCatalog      *catalog,
                                         GTlsCertificate *certificate);
void        jfd_shared_free             (JfdShared   *shared);

const JfdConfig *jfd_shared_get_config  (JfdShared   *shared);
JfdCrypto  *jfd_shared_get_crypto       (JfdShared   *shared);
JfdMetrics *jfd_shared_get_metrics      (JfdShared   *shared);
/* The TLS certificate to serve with, or NULL for plain HTTP behind a proxy. */
GTlsCertificate *jfd_shared_get_certificate (JfdShared *shared);
/* A reference to the current catalog: hold it for the length of a request. */
JfdCatalog *jfd_shared_get_catalog      (JfdShared   *shared);
void        jfd_shared_set_catalog      (JfdShared   *shared,
                                         JfdCatalog  *catalog);
/* Loads the catalog afresh on a connection of its own and swaps it in, on a worker thread:
 * after a change to reference data, before it is answered (read your writes), and when
 * another process says it changed some. Reloads run one after the other, so that one begun
 * after a change never loses to one begun before it. Not cancellable: the change it follows
 * is committed whatever becomes of the request. */
void        jfd_shared_reload_catalog_async  (JfdShared          *shared,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean    jfd_shared_reload_catalog_finish (JfdShared          *shared,
                                              GAsyncResult       *result,
                                              GError            **error);

/* Sessions: a counter bumped whenever a session or an account changes, so that every
 * thread drops what it cached about bearer tokens. */
guint       jfd_shared_get_auth_generation (JfdShared *shared);
void        jfd_shared_bump_auth_generation (JfdShared *shared);

/* Runs @func (@data) on a password worker thread; @callback gets the result on the
 * caller's thread-default context. Refuses (JF_ERROR_THROTTLED) when too many are
 * waiting. @func returns a gboolean verdict or a newly allocated hash, as the caller
 * agreed with itself; the result is a pointer. */
typedef gpointer (*JfdPasswordFunc) (gpointer data);
void        jfd_shared_run_password_async (JfdShared          *shared,
                                           JfdPasswordFunc     func,
                                           gpointer            data,
                                           GDestroyNotify      data_free,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gpointer    jfd_shared_run_password_finish (JfdShared         *shared,
                                            GAsyncResult      *result,
                                            GError           **error);

G_END_DECLS
