/* jf-desk-application.h: jiefen-desk, org.jiefen.Desk
 *
 * Owns the settings, the one JfDeskClient, the outbox, and the live stream (JfDeskStream) with
 * the desktop notifications it leads to; app.open-matter(id) opens a matter in the window. The server's address comes from
 * --server URL, else JIEFEN_SERVER, else the one remembered from the last sign-in.
 */
#pragma once

#include <adwaita.h>

#include "jf-desk-client.h"
#include "jf-desk-notifier.h"
#include "jf-desk-outbox.h"
#include "jf-desk-stream.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_APPLICATION (jf_desk_application_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskApplication, jf_desk_application, JF_DESK, APPLICATION,
                      AdwApplication)

/* Locale and message catalogue: the build's po/ when run from the build tree (or
 * JIEFEN_LOCALEDIR), the installed ones otherwise; Chinese when the locale names no
 * language. Call first, before gtk_init () and before threads start. */
void               jf_desk_init_i18n              (void);

JfDeskApplication *jf_desk_application_new        (void);
JfDeskClient      *jf_desk_application_get_client (JfDeskApplication *self);
JfDeskOutbox      *jf_desk_application_get_outbox (JfDeskApplication *self);
GSettings         *jf_desk_application_get_settings (JfDeskApplication *self);
JfDeskStream      *jf_desk_application_get_stream   (JfDeskApplication *self);
JfDeskNotifier    *jf_desk_application_get_notifier (JfDeskApplication *self);
/* What --server does (before the application starts up). */
void               jf_desk_application_set_server (JfDeskApplication *self,
                                                   const char        *url);
/* The outbox's directory, for tests (before the application starts up). */
void               jf_desk_application_set_outbox_directory (JfDeskApplication *self,
                                                             const char        *directory);

G_END_DECLS
