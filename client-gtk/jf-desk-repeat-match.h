/* jf-desk-repeat-match.h: an earlier matter of the same people or the same place, and why
 *
 * An item of GET /v1/repeat (or /v1/matters/{id}/related): the matter as the queue lists
 * it, and the reasons it was found ("why": same_id_number, same_phone, ...). The repeat
 * panel merges the answers of several lookups into one match per matter.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "jf-desk-matter-summary.h"

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_REPEAT_SAME_ID_NUMBER      = 1 << 0,
  JF_DESK_REPEAT_SAME_PHONE          = 1 << 1,
  JF_DESK_REPEAT_SAME_NAME_AT_PLACE  = 1 << 2,
  JF_DESK_REPEAT_SAME_ADDRESS        = 1 << 3,
  JF_DESK_REPEAT_SAME_PERSON         = 1 << 4,
  JF_DESK_REPEAT_SAME_PLACE          = 1 << 5,
} JfDeskRepeatReasons;

#define JF_DESK_TYPE_REPEAT_MATCH (jf_desk_repeat_match_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskRepeatMatch, jf_desk_repeat_match, JF_DESK, REPEAT_MATCH, GObject)

/* NULL unless @item has an id and a number. */
JfDeskRepeatMatch   *jf_desk_repeat_match_new_from_json (JsonObject         *item);
JfDeskMatterSummary *jf_desk_repeat_match_get_summary  (JfDeskRepeatMatch  *self);
gint64               jf_desk_repeat_match_get_id       (JfDeskRepeatMatch  *self);
JfDeskRepeatReasons  jf_desk_repeat_match_get_reasons  (JfDeskRepeatMatch  *self);
/* Another lookup found the same matter: its reasons are added. */
void                 jf_desk_repeat_match_add_reasons  (JfDeskRepeatMatch  *self,
                                                        JfDeskRepeatReasons reasons);

/* The reasons of an item's "why"; unknown spellings are left out. */
JfDeskRepeatReasons  jf_desk_repeat_reasons_from_json  (JsonArray          *why);
/* "同一身份证号 · 同一电话号码" / "Same ID number · Same phone number". */
char                *jf_desk_repeat_reasons_describe   (JfDeskRepeatReasons reasons);

G_END_DECLS
