/* jfd-stream-hub.h: the live stream's subscribers on one server thread
 *
 * Events are rows of jf.stream_events, written in the transaction of the change they
 * report; a NOTIFY only says "there is more". When woken, the hub reads what is new once
 * for all its subscribers and sends each subscriber the events in their scope, in id
 * order, none before every lower id is settled (jfd-stream-cursor.h). A client that
 * reconnects with the last id it saw first gets what it missed, from the table.
 */
#pragma once

#include <libsoup/soup.h>

#include "jfd-actor.h"
#include "jfd-pool.h"
#include "jfd-shared.h"

G_BEGIN_DECLS

typedef struct _JfdStreamHub JfdStreamHub;

JfdStreamHub *jfd_stream_hub_new       (JfdPool                 *pool,
                                        JfdShared               *shared);
void          jfd_stream_hub_free      (JfdStreamHub            *hub);
/* Takes @connection; @after < 0: only what happens from now on. */
void          jfd_stream_hub_subscribe (JfdStreamHub            *hub,
                                        SoupWebsocketConnection *connection,
                                        JfdActor                *actor,
                                        gint64                   after);
/* There may be new events: read them and deliver. */
void          jfd_stream_hub_wake      (JfdStreamHub            *hub);
guint         jfd_stream_hub_get_n_subscribers (JfdStreamHub    *hub);

G_END_DECLS
