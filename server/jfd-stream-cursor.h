/* jfd-stream-cursor.h: how far a reader of the stream may go without passing over an event
 *
 * Events are delivered in id order, and clients resume after the last id they saw. An id
 * is taken at insert, and its transaction may commit after a later id's: an event is
 * delivered only when every id below it is settled, present or never to be (see
 * schema/0019-stream-order.sql). Ids that follow on without a hole are settled at once; a
 * hole is settled once every transaction that might fill it has ended, which a later read
 * learns by comparing its snapshot's xmin with the horizon of the read that saw the hole.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  position;      /* every id up to here was delivered, or never will be */
  gint64  settled;       /* every id up to here is present or never will be */
  gint64  mark;          /* 0, or: every id up to it is settled once xmin >= mark_horizon */
  guint64 mark_horizon;
} JfdStreamCursor;

/* A cursor after @position. */
void  jfd_stream_cursor_init    (JfdStreamCursor *cursor,
                                 gint64           position);
/* A read after cursor->position gave @ids (@n of them, ascending; @full: the read was cut
 * at its limit, there may be more) with the snapshot's @xmin and the @horizon. Returns how
 * many of the first @ids may be delivered now, and moves the cursor past them (and past
 * the holes that are settled). *@out_held is set when events were held back: read again
 * soon, even without a notification, as a hole may be left by a transaction that rolled
 * back. */
guint jfd_stream_cursor_advance (JfdStreamCursor *cursor,
                                 const gint64    *ids,
                                 guint            n,
                                 gboolean         full,
                                 guint64          xmin,
                                 guint64          horizon,
                                 gboolean        *out_held);

G_END_DECLS
