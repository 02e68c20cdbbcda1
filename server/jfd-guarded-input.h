/* jfd-guarded-input.h: a pollable input stream that reports to its JfdGuardedStream */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JFD_TYPE_GUARDED_INPUT (jfd_guarded_input_get_type ())
G_DECLARE_FINAL_TYPE (JfdGuardedInput, jfd_guarded_input, JFD, GUARDED_INPUT, GInputStream)

/* What the owner is told of each read; it answers whether to go on. */
typedef struct
{
  /* Called with the byte count of every successful read (0 at end of stream). Returns
   * FALSE to make this and every later read fail with @error set. */
  gboolean (*on_read) (gpointer owner, gssize n, GError **error);
} JfdGuardedInputOwner;

JfdGuardedInput *jfd_guarded_input_new  (GInputStream               *base,
                                         const JfdGuardedInputOwner *vtable,
                                         gpointer                    owner,
                                         GCancellable               *trip);

G_END_DECLS
