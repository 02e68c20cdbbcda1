/* test-stream-cursor.c: the live stream delivers in id order and never passes over an id
 * whose transaction may still commit (server/jfd-stream-cursor.c).
 */
#include "config.h"

#include "jfd-stream-cursor.h"

/* Reads @ids (terminated by 0) with @xmin and @horizon; how many may be delivered. */
static guint
read_ids (JfdStreamCursor *cursor,
          const gint64    *ids,
          gboolean         full,
          guint64          xmin,
          guint64          horizon,
          gboolean        *out_held)
{
  guint n = 0;

  while (ids[n] != 0)
    n++;
  return jfd_stream_cursor_advance (cursor, ids, n, full, xmin, horizon, out_held);
}

static void
test_in_a_row (void)
{
  JfdStreamCursor cursor;
  gboolean held = TRUE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 11, 12, 13, 0 }, FALSE, 100, 100, &held),
                    ==, 3);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 13);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 0 }, FALSE, 100, 100, &held), ==, 0);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 13);
}

/* 11 is still being written when 12 and 13 have committed: they wait, and 11 comes first. */
static void
test_waits_for_the_hole_to_fill (void)
{
  JfdStreamCursor cursor;
  gboolean held = FALSE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 0 }, FALSE, 100, 105, &held),
                    ==, 0);
  g_assert_true (held);
  g_assert_cmpint (cursor.position, ==, 10);
  /* Still running: xmin has not passed the horizon. */
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 0 }, FALSE, 104, 107, &held),
                    ==, 0);
  g_assert_true (held);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 11, 12, 13, 0 }, FALSE, 104, 107, &held),
                    ==, 3);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 13);
}

/* 11 was rolled back: once every transaction below the horizon has ended, it never will be. */
static void
test_settles_a_hole_for_good (void)
{
  JfdStreamCursor cursor;
  gboolean held = FALSE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 0 }, FALSE, 100, 105, &held),
                    ==, 0);
  g_assert_true (held);
  /* 14 committed meanwhile; the holes up to 13 are settled, and 14 follows on. */
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 14, 0 }, FALSE, 105, 110, &held),
                    ==, 3);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 14);
}

/* Settled holes are passed over even when nothing follows them yet. */
static void
test_passes_settled_holes (void)
{
  JfdStreamCursor cursor;
  gboolean held = FALSE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 13, 0 }, FALSE, 100, 105, &held), ==, 0);
  g_assert_true (held);
  /* 13 is delivered; 15 waits for 14, which a later read must settle on its own. */
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 13, 15, 0 }, FALSE, 106, 108, &held), ==, 1);
  g_assert_true (held);
  g_assert_cmpint (cursor.position, ==, 13);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 15, 0 }, FALSE, 108, 108, &held), ==, 1);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 15);
}

/* A read cut at its limit may stop before the settled id: what lies between is not skipped. */
static void
test_cut_read_does_not_skip (void)
{
  JfdStreamCursor cursor;
  gboolean held = FALSE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 20, 0 }, FALSE, 100, 105, &held), ==, 0);
  g_assert_true (held);
  /* Settled up to 20, but this read ends at 13: 14 to 20 are still to be read. */
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 0 }, TRUE, 105, 105, &held), ==, 2);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 13);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 15, 20, 21, 0 }, FALSE, 105, 105, &held),
                    ==, 3);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 21);
}

/* Under a stream that never stops, the horizon keeps moving: the first mark is kept until it
 * settles, or nothing would ever pass the hole. */
static void
test_keeps_the_first_mark (void)
{
  JfdStreamCursor cursor;
  gboolean held = FALSE;

  jfd_stream_cursor_init (&cursor, 10);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 0 }, FALSE, 100, 105, &held), ==, 0);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 0 }, FALSE, 104, 109, &held),
                    ==, 0);
  g_assert_cmpuint (read_ids (&cursor, (gint64[]) { 12, 13, 14, 0 }, FALSE, 105, 112, &held),
                    ==, 3);
  g_assert_false (held);
  g_assert_cmpint (cursor.position, ==, 14);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/jfd/stream-cursor/in-a-row", test_in_a_row);
  g_test_add_func ("/jfd/stream-cursor/waits-for-the-hole-to-fill",
                   test_waits_for_the_hole_to_fill);
  g_test_add_func ("/jfd/stream-cursor/settles-a-hole-for-good", test_settles_a_hole_for_good);
  g_test_add_func ("/jfd/stream-cursor/passes-settled-holes", test_passes_settled_holes);
  g_test_add_func ("/jfd/stream-cursor/cut-read-does-not-skip", test_cut_read_does_not_skip);
  g_test_add_func ("/jfd/stream-cursor/keeps-the-first-mark", test_keeps_the_first_mark);
  return g_test_run ();
}
