/* jfd-notifier.h: LISTEN on a dedicated connection, for what other jiefend processes say
 *
 * jf_auth: a session ended or an account changed (drop cached tokens);
 * jf_catalog: reference data changed (reload the catalog).
 * The connection is never pooled and re-established when lost; it runs on the main loop.
 */
#pragma once

#include <gio/gio.h>

#include "jfd-shared.h"

G_BEGIN_DECLS

typedef struct _JfdNotifier JfdNotifier;

typedef void (*JfdNotifyFunc) (const char *channel,
                               const char *payload,
                               gpointer    user_data);

/* Listens on @channels (NULL-terminated) in the thread-default main context. */
JfdNotifier *jfd_notifier_new  (const char          *conninfo,
                                const char * const  *channels,
                                JfdNotifyFunc        func,
                                gpointer             user_data);
void         jfd_notifier_free (JfdNotifier         *notifier);

G_END_DECLS
