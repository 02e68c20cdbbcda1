/* jf-desk-rule-dialog.h: changing a deadline rule (管理 › 期限规则)
 *
 * The unit (natural days, working days, hours, minutes), the amount, the warning's lead
 * time, whether a last day that is not a working day rolls forward, and the description.
 * The edit names the version it read; if someone changed the rule meanwhile (409), the
 * dialog shows the rule as it is now and says so. Clocks already running keep their due
 * times. Commands: rule.save (Ctrl+Enter), Escape closes.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-record.h"

G_BEGIN_DECLS

#define JF_DESK_TYPE_RULE_DIALOG (jf_desk_rule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskRuleDialog, jf_desk_rule_dialog, JF_DESK, RULE_DIALOG, GtkWindow)

/* ::saved (JsonObject *rule) when the server has the change; the dialog then closes. */
JfDeskRuleDialog *jf_desk_rule_dialog_new        (GtkWindow        *parent,
                                                  JfDeskClient     *client,
                                                  JfDeskRecord     *rule);
const char       *jf_desk_rule_dialog_get_status (JfDeskRuleDialog *self);

/* "4 小时" for 240 minutes: days, hours or minutes, whichever is exact. */
char             *jf_desk_format_minutes         (gint64            minutes);
/* "工作日" for "working_days". */
const char       *jf_desk_deadline_unit_label    (const char       *unit);

G_END_DECLS
