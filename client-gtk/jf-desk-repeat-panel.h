/* jf-desk-repeat-panel.h: the earlier matters of the people and the place being typed
 *
 * Beside the intake form, so that a repeat dispute is seen while the person is still at
 * the window (DOMAIN.md §7). What identifies someone or somewhere is looked up, each on
 * its own (GET /v1/repeat: the last 12 months, in the clerk's subtree): a party's whole,
 * valid ID number or phone number, a party's name at the place chosen, the address
 * within that unit. A lookup is sent once its key has stood still for
 * JF_DESK_REPEAT_PANEL_DEBOUNCE_MS and never again while the key stays; a key that leaves
 * the form has its lookup cancelled and its matters leave the list at once. The list has
 * each matter once, newest first, with every reason it was found for.
 *
 * Nothing waits on a lookup: the clerk types on. When the server cannot be reached the
 * panel says so, and asks again when it answers (or as the form changes).
 *
 * Activating a row (a click, or Enter once F6 has brought the keyboard here) emits
 * ::open-matter with the matter's id; the reception page opens it beside the form.
 */
#pragma once

#include <gtk/gtk.h>

#include "jf-desk-client.h"
#include "jf-desk-repeat-match.h"

G_BEGIN_DECLS

#define JF_DESK_REPEAT_PANEL_DEBOUNCE_MS 300
/* Matters asked for per lookup (the API allows 50). */
#define JF_DESK_REPEAT_PANEL_LIMIT 20

/* Who and where an intake is about, as far as it has been typed. */
typedef struct
{
  GStrv  id_numbers;   /* whole and valid */
  GStrv  phones;       /* whole and valid */
  GStrv  names;        /* people's names of two characters or more */
  char  *place_code;   /* the unit where it happened, or NULL */
  char  *address;      /* the address there, or NULL */
} JfDeskRepeatQuery;

void        jf_desk_repeat_query_clear   (JfDeskRepeatQuery *query);
/* The paths of GET /v1/repeat that look the query up, one per key, each once (names and
 * the address only with a place). */
GStrv       jf_desk_repeat_query_paths   (const JfDeskRepeatQuery *query);

#define JF_DESK_TYPE_REPEAT_PANEL (jf_desk_repeat_panel_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskRepeatPanel, jf_desk_repeat_panel, JF_DESK, REPEAT_PANEL, GtkWidget)

void        jf_desk_repeat_panel_set_client (JfDeskRepeatPanel       *self,
                                             JfDeskClient            *client);
/* The form changed: looks up what is new after the pause, drops what has gone. */
void        jf_desk_repeat_panel_set_query  (JfDeskRepeatPanel       *self,
                                             const JfDeskRepeatQuery *query);
/* The matters shown: a GListModel of JfDeskRepeatMatch. */
GListModel *jf_desk_repeat_panel_get_matters (JfDeskRepeatPanel      *self);
/* A lookup is waiting for the pause or for its answer. */
gboolean    jf_desk_repeat_panel_is_busy    (JfDeskRepeatPanel       *self);
/* The line above the list ("2 earlier matters …"). */
const char *jf_desk_repeat_panel_get_summary (JfDeskRepeatPanel      *self);
/* Puts the keyboard on the first matter; FALSE when there is none. */
gboolean    jf_desk_repeat_panel_focus_list (JfDeskRepeatPanel       *self);

G_END_DECLS
