/* jf-desk-format.h: times, dates and durations as people at the desk read them
 *
 * Times come from jiefend in RFC 3339 and are shown in China Standard Time, whatever the
 * workstation's zone, since every deadline is counted there.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when @text is not an RFC 3339 time. */
GDateTime *jf_desk_parse_time        (const char *text);
/* "2026年2月13日 09:30" / "13 Feb 2026, 09:30". */
char      *jf_desk_format_time       (GDateTime  *time);
/* "2026年2月13日" / "13 Feb 2026". */
char      *jf_desk_format_date       (GDateTime  *time);
/* "还剩 3 天" / "3 days left", "已超期 5 小时" / "5 hours overdue", from @now to @due. */
char      *jf_desk_format_time_left  (GDateTime  *due,
                                      GDateTime  *now);
/* The same for the text of a JSON member, or NULL. */
char      *jf_desk_format_time_text  (const char *text);
char      *jf_desk_format_date_text  (const char *text);

G_END_DECLS
