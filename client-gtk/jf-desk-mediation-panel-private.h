/* jf-desk-mediation-panel-private.h: what the facets of the mediation panel share
 *
 * jf-desk-mediation-panel.c is the panel (reading, the rows, printing, the dialogs'
 * outcome); jf-desk-mediation-dialogs.c builds the dialogs of sessions, agreements and
 * signatures and the requests they send.
 */
#pragma once

#include "jf-desk-form-dialog.h"
#include "jf-desk-json.h"
#include "jf-desk-mediation-panel.h"

G_BEGIN_DECLS

struct _JfDeskMediationPanel
{
  GtkWidget     parent_instance;

  JfDeskClient *client;        /* owned */
  JsonNode     *matter;        /* owned */
  JsonNode     *sessions;      /* owned: the array last read */
  JsonNode     *agreements;    /* owned */
  GCancellable *cancellable;
  GtkWindow    *dialog;        /* weak */
  char         *status;
  gboolean      may_act;
  guint         pending;

  /* template children */
  GtkSpinner   *spinner;
  GtkWidget    *schedule_button;
  GtkWidget    *agreement_button;
  GtkLabel     *empty_label;
  GtkBox       *sessions_box;
  GtkBox       *agreements_box;
  GtkLabel     *status_label;
};

/* What a dialog of the panel works on. */
typedef struct
{
  JfDeskMediationPanel *self;   /* weak */
  gint64                id;     /* the session or agreement */
} JfDeskMediationContext;

static inline JsonArray *
jf_desk_mediation_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject       *jf_desk_mediation_panel_matter           (JfDeskMediationPanel *self);
/* Sessions and agreements are made for an accepted matter or one in mediation, by the
 * roles that run mediation. */
gboolean          jf_desk_mediation_panel_may_schedule     (JfDeskMediationPanel *self);
const char       *jf_desk_mediation_panel_outcome_label    (const char           *outcome);
/* A session whose outcome allows an agreement. */
gboolean          jf_desk_mediation_panel_allows_agreement (JsonObject           *session);
/* The element of @array_node (sessions, agreements) whose id is @id, or NULL. */
JsonObject       *jf_desk_mediation_panel_find             (JsonNode             *array_node,
                                                            gint64                id);
/* A dialog of the panel: its success and its conflicts are the panel's to tell. */
JfDeskFormDialog *jf_desk_mediation_panel_new_dialog       (JfDeskMediationPanel *self,
                                                            const char           *title,
                                                            const char           *submit,
                                                            JfDeskFormBuildFunc   build,
                                                            gint64                id,
                                                            gint64                version);

G_END_DECLS
