/* jf-desk-notifier.h: desktop notifications for what must not wait for someone to look
 *
 * Listens to the application's JfDeskStream and sends a GNotification (through the
 * GApplication, so the desktop shows it even when the window is hidden) for a whistle to
 * the user's department, a deadline warning or breach, a supervision notice, a risk flag
 * (to supervisors) and a police alert. Clicking one opens the matter (app.open-matter).
 */
#pragma once

#include <gio/gio.h>

#include "jf-desk-stream.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_NOTIFIER (jf_desk_notifier_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskNotifier, jf_desk_notifier, JF_DESK, NOTIFIER, GObject)

JfDeskNotifier *jf_desk_notifier_new              (GApplication *application,
                                                   JfDeskStream *stream);
/* The notification for a stream message, or NULL for a kind that is not notified. */
GNotification  *jf_desk_notifier_build            (JsonObject   *event);
/* How many were sent, and the matter number of the last one (for tests and the log). */
guint           jf_desk_notifier_get_n_sent       (JfDeskNotifier *self);
const char     *jf_desk_notifier_get_last_number   (JfDeskNotifier *self);

G_END_DECLS
