/* jf-desk-admin-calendar.h: the holiday calendar (管理 › 节假日)
 *
 * Monday to Friday are working days, Saturday and Sunday are not, except the days listed
 * here for the year shown: days off (放假, even on a weekday) and make-up working days
 * (调休上班, on a weekend). A day is added or changed with the form beside the list
 * (PUT /v1/calendar/{day}) and removed with calendar.remove (Delete, asking first).
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_ADMIN_CALENDAR (jf_desk_admin_calendar_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskAdminCalendar, jf_desk_admin_calendar, JF_DESK, ADMIN_CALENDAR,
                      GtkWidget)

void        jf_desk_admin_calendar_set_client (JfDeskAdminCalendar *self,
                                               JfDeskClient        *client);
/* The days listed for the year shown (a GListModel of JfDeskRecord). */
GListModel *jf_desk_admin_calendar_get_days   (JfDeskAdminCalendar *self);
int         jf_desk_admin_calendar_get_year   (JfDeskAdminCalendar *self);
void        jf_desk_admin_calendar_set_year   (JfDeskAdminCalendar *self,
                                               int                  year);
gboolean    jf_desk_admin_calendar_is_loading (JfDeskAdminCalendar *self);
const char *jf_desk_admin_calendar_get_status (JfDeskAdminCalendar *self);
/* The error under @field ("day" or "name") of the form, or "". */
const char *jf_desk_admin_calendar_get_error  (JfDeskAdminCalendar *self,
                                               const char          *field);

G_END_DECLS
