/* jf-desk-resources.h: the application's GResource (templates, stylesheet, shortcuts)
 *
 * The resource is registered by hand, not by a constructor: in a static library an object
 * file that nothing references is left out of the link, constructor and all.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JF_DESK_RESOURCE_PATH "/org/jiefen/Desk/"

void jf_desk_ensure_resources  (void);
/* Adds the stylesheet @name of the resource to @widget's display, once per display: a
 * workspace's own rules, beside the application's style.css. */
void jf_desk_ensure_stylesheet (GtkWidget  *widget,
                                const char *name);

G_END_DECLS
