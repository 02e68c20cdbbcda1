/* jf-ui-test.c: keyboard, waiting and screenshots for the ui tests */
#include "config.h"

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <X11/XKBlib.h>
#include <X11/Xlib.h>

#include "jf-desk-application.h"
#include "jf-desk-window.h"
#include "jf-ui-test.h"

/* libXtst is always there with GTK on X11 (at-spi2-core depends on it), but its headers
 * are not: the one function used is declared here and looked up at run time. */
typedef int (*FakeKeyEvent) (Display *display, unsigned int keycode, Bool is_press,
                             unsigned long delay);

static FakeKeyEvent fake_key_event;
static char *home;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
cleanup_home (void)
{
  if (home != NULL && g_getenv ("JF_UI_KEEP_HOME") == NULL)
    remove_tree (home);
}

void
jf_ui_test_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;
  void *xtst;

  home = g_dir_make_tmp ("jf-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (cleanup_home);
  /* Before anything asks GLib for these directories (it caches them). */
  {
    const char *subdirs[] = { "data", "config", "cache", "state" };
    const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                           "XDG_STATE_HOME" };

    for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
      {
        g_autofree char *path = g_build_filename (home, subdirs[i], NULL);

        g_mkdir_with_parents (path, 0700);
        g_setenv (vars[i], path, TRUE);
      }
  }
  /* The desk's first language; tests read the Chinese UI, as the clerks do. */
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  g_test_init (argc, argv, NULL);
  jf_desk_init_i18n ();
  gtk_init ();
  adw_init ();

  xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);
  if (xtst != NULL)
    fake_key_event = (FakeKeyEvent) dlsym (xtst, "XTestFakeKeyEvent");
  if (fake_key_event == NULL)
    g_error ("the ui tests need libXtst.so.6 (XTest) to type: %s", dlerror ());
}

const char *
jf_ui_test_home (void)
{
  return home;
}

void
jf_ui_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

void
jf_ui_wait_until_full (gboolean  (*condition) (gpointer data),
                       gpointer    data,
                       guint       timeout_ms,
                       const char *what)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out after %u ms waiting for %s", timeout_ms, what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* Until GTK has handled what the X server made of the last requests: XSync makes the
 * server process them (so the key events exist), then the main loop runs until it has
 * been idle for a few milliseconds in a row. */
static void
settle (Display *display)
{
  guint quiet = 0;

  XSync (display, False);
  while (quiet < 8)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet = 0;
      else
        {
          quiet++;
          g_usleep (1500);
        }
    }
}

static void
send_key (Display *display,
          KeySym   keysym,
          guint    modifiers)
{
  KeyCode code = XKeysymToKeycode (display, keysym);
  struct { guint mask; KeySym keysym; } mods[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };

  g_assert_cmpuint (code, !=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (mods); i++)
    if (modifiers & mods[i].mask)
      fake_key_event (display, XKeysymToKeycode (display, mods[i].keysym), True, 0);
  fake_key_event (display, code, True, 0);
  fake_key_event (display, code, False, 0);
  for (guint i = G_N_ELEMENTS (mods); i > 0; i--)
    if (modifiers & mods[i - 1].mask)
      fake_key_event (display, XKeysymToKeycode (display, mods[i - 1].keysym), False, 0);
  settle (display);
}

void
jf_ui_press (guint           keyval,
             GdkModifierType modifiers)
{
  send_key (x_display (), (KeySym) keyval, modifiers);
}

static gboolean
needs_shift (Display *display,
             KeySym   keysym)
{
  KeyCode code = XKeysymToKeycode (display, keysym);

  return XkbKeycodeToKeysym (display, code, 0, 0) != keysym &&
         XkbKeycodeToKeysym (display, code, 0, 1) == keysym;
}

GtkWidget *
jf_ui_focus (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

GtkWidget *
jf_ui_focus_text (GtkWindow *window)
{
  GtkWidget *focus = jf_ui_focus (window);

  if (focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus)))
    return focus;
  return NULL;
}

static void
commit (const char *text)
{
  GList *windows = gtk_window_list_toplevels ();
  GtkWidget *target = NULL;

  /* The active window's; after a popover closes, X may not have said yet which is active. */
  for (GList *l = windows; l != NULL && target == NULL; l = l->next)
    if (gtk_window_is_active (l->data))
      target = jf_ui_focus_text (l->data);
  for (GList *l = windows; l != NULL && target == NULL; l = l->next)
    if (gtk_widget_get_mapped (l->data))
      target = jf_ui_focus_text (l->data);
  g_list_free (windows);
  if (target == NULL)
    g_error ("typing “%s”: no text field has the focus", text);
  /* What a GtkIMContext's "commit" does to a text widget: the selection goes, the text
   * goes in at the cursor. */
  if (GTK_IS_TEXT_VIEW (target))
    gtk_text_buffer_delete_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (target)), TRUE,
                                      TRUE);
  else
    gtk_editable_delete_selection (GTK_EDITABLE (target));
  g_signal_emit_by_name (target, "insert-at-cursor", text);
  jf_ui_iterate (25);
}

void
jf_ui_type (const char *text)
{
  Display *display = x_display ();
  g_autoptr(GString) pending = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isprint ((char) c))
        {
          KeySym keysym = gdk_unicode_to_keyval (c);

          if (pending->len > 0)
            {
              commit (pending->str);
              g_string_truncate (pending, 0);
            }
          send_key (display, keysym, needs_shift (display, keysym) ? GDK_SHIFT_MASK : 0);
        }
      else
        g_string_append_unichar (pending, c);
    }
  if (pending->len > 0)
    commit (pending->str);
}

/* Popovers are surfaces of their own: paint each open one where it sits on the window. */
static void
add_popovers (GtkSnapshot *snapshot,
              GtkWidget   *widget,
              GtkWindow   *window)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
        {
          GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (child));
          g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (child);
          double window_x = 0, window_y = 0, popover_x = 0, popover_y = 0;

          gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
          gtk_native_get_surface_transform (GTK_NATIVE (child), &popover_x, &popover_y);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
            gdk_popup_get_position_x (GDK_POPUP (surface)) - window_x + popover_x,
            gdk_popup_get_position_y (GDK_POPUP (surface)) - window_y + popover_y));
          gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                                  gtk_widget_get_width (child), gtk_widget_get_height (child));
          gtk_snapshot_restore (snapshot);
        }
      add_popovers (snapshot, child, window);
    }
}

char *
jf_ui_screenshot (GtkWindow  *window,
                  const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  char *path;
  int width, height;
  GskRenderer *renderer;

  /* Let pending layout and drawing happen first. */
  jf_ui_iterate (150);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  add_popovers (snapshot, GTK_WIDGET (window), window);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR")
                          : ".", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return path;
}

GtkWidget *
jf_ui_find_type (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = jf_ui_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_id (GtkWidget  *root,
         const char *id)
{
  if (GTK_IS_BUILDABLE (root) &&
      g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
jf_ui_find (GtkWidget  *root,
            const char *id)
{
  GtkWidget *found = find_id (root, id);

  if (found == NULL)
    g_error ("no widget “%s” under a %s", id, G_OBJECT_TYPE_NAME (root));
  return found;
}

gboolean
jf_ui_has_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* --- the desk ----------------------------------------------------------------------------- */

static JfDeskApplication *desk;
static guint n_started;

GtkWindow *
jf_ui_start_desk (const char *server_url,
                  const char *outbox_directory)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_outbox = g_build_filename (home, "data", "jiefen", "outbox", NULL);
  GtkWindow *window;

  g_assert_null (desk);
  desk = jf_desk_application_new ();
  jf_desk_application_set_server (desk, server_url);
  /* No single-instance handshake on the bus, and an id of its own: a desk started again
   * in the same test program must not meet the last one's objects on the bus. */
  g_application_set_flags (G_APPLICATION (desk), G_APPLICATION_NON_UNIQUE);
  {
    g_autofree char *id = g_strdup_printf ("org.jiefen.Desk.Test%u", ++n_started);

    g_application_set_application_id (G_APPLICATION (desk), id);
  }
  jf_desk_application_set_outbox_directory (desk, outbox_directory != NULL ? outbox_directory
                                                  : default_outbox);
  g_application_register (G_APPLICATION (desk), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (desk));
  window = gtk_application_get_active_window (GTK_APPLICATION (desk));
  g_assert_true (JF_DESK_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1280, 800);
  jf_ui_iterate (300);
  return window;
}

void
jf_ui_stop_desk (void)
{
  GList *windows;

  if (desk == NULL)
    return;
  windows = gtk_application_get_windows (GTK_APPLICATION (desk));
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (desk));
    }
  jf_ui_iterate (100);
  g_clear_object (&desk);
}

static gboolean
on_workspace (gpointer data)
{
  return g_strcmp0 (jf_desk_window_get_page (data), "workspace") == 0;
}

void
jf_ui_sign_in (GtkWindow  *window,
               const char *username,
               const char *password)
{
  GtkWidget *login = jf_desk_window_get_login_page (JF_DESK_WINDOW (window));

  gtk_widget_grab_focus (jf_ui_find (login, "username_row"));
  jf_ui_iterate (50);
  /* Whatever the field remembers is replaced. */
  jf_ui_press (GDK_KEY_a, GDK_CONTROL_MASK);
  jf_ui_type (username);
  jf_ui_press (GDK_KEY_Tab, 0);
  jf_ui_type (password);
  jf_ui_press (GDK_KEY_Return, 0);
  jf_ui_wait_until_full (on_workspace, window, 10000, "the workspace after signing in");
  jf_ui_iterate (200);
}
