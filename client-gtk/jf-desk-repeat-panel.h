/* jf-desk-repeat-panel.h: earlier matters with the same people (repeat disputes)
 *
 * The search itself is jf_desk_repeat_search_async (): for now one GET /v1/matters?q=NAME
 * &limit=5 per name, merged; a dedicated repeat-dispute endpoint will replace it there and
 * nowhere else.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"

G_BEGIN_DECLS

#define JF_DESK_REPEAT_PANEL_DEBOUNCE_MS 400

/* What identifies the people and the place of an intake. */
typedef struct
{
  GStrv  names;        /* parties' names and organisations */
  GStrv  id_numbers;   /* valid ID numbers (not searchable by the queue yet) */
  char  *place_code;   /* the place's unit, or NULL */
} JfDeskRepeatQuery;

void        jf_desk_repeat_query_clear   (JfDeskRepeatQuery *query);
gboolean    jf_desk_repeat_query_equal   (const JfDeskRepeatQuery *a,
                                          const JfDeskRepeatQuery *b);

/* The matters (a GListStore of JfDeskMatterSummary, newest first, each once). */
void        jf_desk_repeat_search_async  (JfDeskClient             *client,
                                          const JfDeskRepeatQuery  *query,
                                          GCancellable             *cancellable,
                                          GAsyncReadyCallback       callback,
                                          gpointer                  user_data);
GListModel *jf_desk_repeat_search_finish (GAsyncResult             *result,
                                          GError                  **error);

#define JF_DESK_TYPE_REPEAT_PANEL (jf_desk_repeat_panel_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskRepeatPanel, jf_desk_repeat_panel, JF_DESK, REPEAT_PANEL, GtkWidget)

void        jf_desk_repeat_panel_set_client (JfDeskRepeatPanel       *self,
                                             JfDeskClient            *client);
/* Searches again after a pause in typing, if @query differs from the last. The panel
 * takes the query's contents. */
void        jf_desk_repeat_panel_set_query  (JfDeskRepeatPanel       *self,
                                             JfDeskRepeatQuery       *query);
GListModel *jf_desk_repeat_panel_get_matters (JfDeskRepeatPanel      *self);

G_END_DECLS
