/* jf-desk-matter-page-private.h: what the facets of the matter page share
 *
 * jf-desk-matter-page.c is the page (loading, the moves bar, the timeline, the banner,
 * the dialogs' outcome); jf-desk-matter-sections.c shows the header, the parties and the
 * details; jf-desk-matter-actions.c opens the dialog of each move and sends it.
 */
#pragma once

#include "jf-desk-attachment-list.h"
#include "jf-desk-form-dialog.h"
#include "jf-desk-matter-page.h"
#include "jf-desk-mediation-panel.h"

G_BEGIN_DECLS

struct _JfDeskMatterPage
{
  GtkWidget             parent_instance;

  JfDeskClient         *client;          /* owned */
  JsonNode             *matter;          /* owned: the matter as last read */
  gint64                id;
  GCancellable         *cancellable;     /* reads of the matter and its timeline */
  GListStore           *events;          /* owned; of JfDeskEvent, newest first */
  GStrv                 moves;           /* the moves shown, in order */
  GtkWindow            *dialog;          /* weak: the dialog open on the page */
  char                 *banner_text;
  gint64                own_change_until; /* monotonic: our own change is on its way */
  gboolean              revealed;        /* the parties' whole numbers are shown */
  gboolean              loaded;
  guint                 pending;         /* reads on their way */

  /* template children */
  GtkWidget            *back_button;
  GtkLabel             *number_label;
  GtkLabel             *status_label;
  GtkLabel             *risk_label;
  GtkSpinner           *spinner;
  GtkLabel             *title_label;
  GtkLabel             *meta_label;
  GtkLabel             *deadline_caption;
  GtkLabel             *deadline_label;
  GtkRevealer          *banner;
  GtkWidget            *banner_box;
  GtkLabel             *banner_label;
  GtkFlowBox           *moves_box;
  GtkLabel             *no_moves_label;
  GtkWidget            *reveal_button;
  GtkGrid              *parties_grid;
  GtkLabel             *narrative_label;
  GtkGrid              *details_grid;
  JfDeskMediationPanel *mediation_panel;
  JfDeskAttachmentList *attachments;
  GtkListView          *timeline;
  GtkScrolledWindow    *body_scroller;
};

/* The parent window for dialogs. */
GtkWindow *jf_desk_matter_page_window       (JfDeskMatterPage *self);
/* Takes @matter (a whole matter) as what the page shows. */
void       jf_desk_matter_page_show_matter  (JfDeskMatterPage *self,
                                             JsonObject       *matter);
/* A dialog of the page: kept as the page's dialog, its success reloads the page, its
 * conflict shows the current matter. */
void       jf_desk_matter_page_adopt_dialog (JfDeskMatterPage *self,
                                             JfDeskFormDialog *dialog);
/* A message under the header (NULL hides it); @warning for a conflict or a failure. */
void       jf_desk_matter_page_set_banner   (JfDeskMatterPage *self,
                                             const char       *text,
                                             gboolean          warning);

/* jf-desk-matter-sections.c: what the page shows of @matter. */
void       jf_desk_matter_sections_show_header  (JfDeskMatterPage *self,
                                                 JsonObject       *matter);
void       jf_desk_matter_sections_show_parties (JfDeskMatterPage *self,
                                                 JsonObject       *matter);
void       jf_desk_matter_sections_show_details (JfDeskMatterPage *self,
                                                 JsonObject       *matter);
void       jf_desk_matter_sections_clear_grid   (GtkGrid          *grid);

/* jf-desk-matter-actions.c: opens the dialog of @move; NULL when the move has none. */
GtkWindow *jf_desk_matter_actions_open      (JfDeskMatterPage *self,
                                             const char       *move);

G_END_DECLS
