/* jf-desk-outbox.h: intakes registered while jiefend could not be reached
 *
 * An intake that could not be sent is written to its own file in the outbox directory
 * (g_get_user_data_dir ()/jiefen/outbox/<idempotency-key>.json), atomically and durably,
 * before the form is cleared; from then on the file is the intake. The outbox sends each
 * one with its Idempotency-Key, so that a retry after a send whose answer was lost returns
 * the first matter instead of making a second: every few seconds while online, at once
 * when the connection comes back or someone signs in. A file is deleted only after a 200
 * or 201. A refusal of the data (a 4xx but 401, 409 and 429) is kept with the server's
 * error until the clerk opens it back into the form; anything else is retried. Nothing
 * lives only in memory: after a crash, the next start finds the files.
 *
 * An intake is sent only by the account that registered it, to the server it was meant
 * for: a colleague signing in at the same desk does not register it in their name.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "jf-desk-client.h"
#include "jf-desk-outbox-item.h"

G_BEGIN_DECLS

/* Seconds between two rounds of sending while online. */
#define JF_DESK_OUTBOX_RETRY_SECONDS 5

#define JF_DESK_TYPE_OUTBOX (jf_desk_outbox_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskOutbox, jf_desk_outbox, JF_DESK, OUTBOX, GObject)

/* @directory NULL: the user's data directory. The files there are loaded at once
 * (asynchronously; ::loaded tells when). */
JfDeskOutbox *jf_desk_outbox_new           (JfDeskClient      *client,
                                            const char        *directory);
/* The default directory. */
char         *jf_desk_outbox_default_directory (void);

const char   *jf_desk_outbox_get_directory (JfDeskOutbox      *self);
/* A GListModel of JfDeskOutboxItem, oldest first. */
GListModel   *jf_desk_outbox_get_items     (JfDeskOutbox      *self);
guint         jf_desk_outbox_get_n_items   (JfDeskOutbox      *self);
JfDeskOutboxItem *jf_desk_outbox_lookup    (JfDeskOutbox      *self,
                                            const char        *key);

/* Writes @body (an intake) to the outbox under @key for the signed-in account; done when
 * the file is on disk. An item with the same key is replaced. */
void          jf_desk_outbox_add_async     (JfDeskOutbox      *self,
                                            const char        *key,
                                            JsonNode          *body,
                                            GCancellable      *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer           user_data);
gboolean      jf_desk_outbox_add_finish    (JfDeskOutbox      *self,
                                            GAsyncResult      *result,
                                            GError           **error);

/* Deletes the item and its file (the clerk discarded it, or sent it from the form). */
void          jf_desk_outbox_remove        (JfDeskOutbox      *self,
                                            const char        *key);
/* The item is open in the form: not sent until released. */
void          jf_desk_outbox_hold          (JfDeskOutbox      *self,
                                            const char        *key);
void          jf_desk_outbox_release       (JfDeskOutbox      *self,
                                            const char        *key);

/* Sends what can be sent now (also what the timer does). */
void          jf_desk_outbox_flush         (JfDeskOutbox      *self);
/* Reads the directory again, adding files that appeared (another instance, a restore). */
void          jf_desk_outbox_reload        (JfDeskOutbox      *self);

G_END_DECLS
