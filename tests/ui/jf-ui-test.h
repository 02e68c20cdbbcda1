/* jf-ui-test.h: driving a real jiefen-desk window in a test
 *
 * The keyboard is real: keys go through the X server (XTest, under Xvfb) to the focused
 * widget exactly as a clerk's would. Text outside ASCII is committed the way an input
 * method commits it (insert-at-cursor on the focused text widget), since Chinese is typed
 * through one. Screenshots are rendered from the window's own render node.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* g_test_init, a private XDG data/config/cache home, the zh_CN catalogue, gtk_init. */
void        jf_ui_test_init          (int          *argc,
                                      char       ***argv);
/* The temporary home of this test run (XDG_DATA_HOME is its "data"). */
const char *jf_ui_test_home          (void);

/* Runs the main loop for @ms milliseconds. */
void        jf_ui_iterate            (guint         ms);
/* Runs the main loop until @condition (data) is TRUE; fails the test after @timeout_ms. */
void        jf_ui_wait_until_full    (gboolean    (*condition) (gpointer data),
                                      gpointer      data,
                                      guint         timeout_ms,
                                      const char   *what);

/* Keys, through the X server to whatever has the focus: a keyval and modifiers. */
void        jf_ui_press              (guint            keyval,
                                      GdkModifierType  modifiers);
/* Text: ASCII as key presses, anything else as an input method's commit. */
void        jf_ui_type               (const char   *text);
/* The widget with the keyboard focus in @window. */
GtkWidget  *jf_ui_focus              (GtkWindow    *window);
/* The GtkText or GtkTextView that has the focus, or NULL. */
GtkWidget  *jf_ui_focus_text         (GtkWindow    *window);

/* Saves @window as tests/ui/screenshots/@name.png in the build dir; returns the path. */
char       *jf_ui_screenshot         (GtkWindow    *window,
                                      const char   *name);

/* The first descendant of @root (depth first, @root included) whose template or builder
 * id is @id ("title_entry"). Fails the test when there is none. */
GtkWidget  *jf_ui_find               (GtkWidget    *root,
                                      const char   *id);
/* The first descendant of @root of @type, or NULL. */
GtkWidget  *jf_ui_find_type          (GtkWidget    *root,
                                      GType         type);
/* Whether @widget has the focus or contains it. */
gboolean    jf_ui_has_focus          (GtkWidget    *widget);

/* --- the desk ----------------------------------------------------------------------------- */

/* Starts jiefen-desk on @server_url (as --server would) with its outbox in
 * @outbox_directory (NULL: the test home's), and returns its window, shown at
 * 1280×800 on the sign-in page. */
GtkWindow  *jf_ui_start_desk         (const char   *server_url,
                                      const char   *outbox_directory);
/* Closes the window and releases the application. */
void        jf_ui_stop_desk          (void);
/* Signs in through the sign-in page with the keyboard (username, Tab, password, Enter)
 * and waits for the workspace. */
void        jf_ui_sign_in            (GtkWindow    *window,
                                      const char   *username,
                                      const char   *password);

G_END_DECLS
