/* jf-desk-resources.h: the application's GResource (templates, stylesheet, shortcuts)
 *
 * The resource is registered by hand, not by a constructor: in a static library an object
 * file that nothing references is left out of the link, constructor and all.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JF_DESK_RESOURCE_PATH "/org/jiefen/Desk/"

void jf_desk_ensure_resources (void);

G_END_DECLS
