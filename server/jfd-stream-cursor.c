/* jfd-stream-cursor.c: delivering in id order, passing over a hole only once it is settled */
#include "config.h"

#include "jfd-stream-cursor.h"

void
jfd_stream_cursor_init (JfdStreamCursor *cursor,
                        gint64           position)
{
  cursor->position = position;
  cursor->settled = position;
  cursor->mark = 0;
  cursor->mark_horizon = 0;
}

guint
jfd_stream_cursor_advance (JfdStreamCursor *cursor,
                           const gint64    *ids,
                           guint            n,
                           gboolean         full,
                           guint64          xmin,
                           guint64          horizon,
                           gboolean        *out_held)
{
  guint k;

  /* Every transaction that could hold an id up to the mark has ended: the ids this read
   * does not show up to there never will be. */
  if (cursor->mark > 0 && xmin >= cursor->mark_horizon)
    {
      cursor->settled = MAX (cursor->settled, cursor->mark);
      cursor->mark = 0;
    }
  for (k = 0; k < n; k++)
    {
      /* The read starts right after the position: what it shows up to the settled id has
       * been delivered by now, and the rest of those ids are holes for good. */
      if (ids[k] > cursor->settled)
        {
          cursor->position = MAX (cursor->position, cursor->settled);
          if (ids[k] != cursor->position + 1)
            break;
        }
      cursor->position = ids[k];
    }
  /* Unless the read was cut short before it, nothing more up to the settled id is there. */
  if (k < n || !full)
    cursor->position = MAX (cursor->position, cursor->settled);
  cursor->settled = MAX (cursor->settled, cursor->position);
  if (cursor->mark > 0 && cursor->mark <= cursor->position)
    cursor->mark = 0;
  /* Held back behind a hole. Every id up to the last one read was taken by a transaction
   * with an id below this read's horizon (each takes its transaction id first): once those
   * have all ended, the hole is settled. A mark already waiting is kept, or a stream that
   * never stops would move it on for ever. */
  if (k < n && cursor->mark == 0)
    {
      cursor->mark = ids[n - 1];
      cursor->mark_horizon = horizon;
    }
  *out_held = k < n;
  return k;
}
