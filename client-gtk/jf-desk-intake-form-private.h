/* jf-desk-intake-form-private.h: what the facets of the intake form share
 *
 * jf-desk-intake-form.c is the widget (fields, parties, reference data, state);
 * jf-desk-intake-form-data.c is the form as data (the intake it builds, the errors it
 * shows by path, a body it loads, whom it is about).
 */
#pragma once

#include "jf-desk-category.h"
#include "jf-desk-intake-form.h"
#include "jf-desk-org-picker.h"
#include "jf-desk-party-row.h"

G_BEGIN_DECLS

struct _JfDeskIntakeForm
{
  GtkWidget        parent_instance;

  JfDeskClient    *client;          /* owned */
  GListStore      *categories;      /* owned; of JfDeskCategory */
  GCancellable    *cancellable;     /* reference data being fetched */
  JfDeskOrgUnit   *home_unit;       /* owned; the clerk's unit, the default place */
  char            *key;             /* the Idempotency-Key of this intake */
  char            *outbox_key;      /* set when editing an item of the outbox */
  char            *status;
  gboolean         loading;         /* filling the form in code: not the clerk typing */
  gulong           focus_handler;   /* on the window, while rooted */
  gboolean         focus_on_map;    /* the focus goes to the start once the form is shown */
  guint            scroll_id;

  /* template children */
  GtkScrolledWindow *scroller;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *source_dropdown;
  GtkDropDown     *category_dropdown;
  GtkLabel        *category_error;
  GtkEntry        *title_entry;
  GtkLabel        *title_error;
  GtkTextView     *narrative_view;
  GtkWidget       *narrative_frame;
  GtkLabel        *narrative_error;
  GtkLabel        *place_caption;
  JfDeskOrgPicker *place_picker;
  GtkLabel        *place_error;
  GtkEntry        *address_entry;
  GtkLabel        *address_error;
  GtkEntry        *date_entry;
  GtkLabel        *date_error;
  GtkMenuButton   *calendar_button;
  GtkPopover      *calendar_popover;
  GtkCalendar     *calendar;
  GtkCheckButton  *violence_check;
  GtkCheckButton  *minors_check;
  GtkCheckButton  *elderly_check;
  GtkSpinButton   *group_spin;
  GtkLabel        *parties_error;
  GtkBox          *parties_box;
  GtkButton       *add_party_button;
  GtkImage        *status_icon;
  GtkLabel        *status_label;
  GtkButton       *submit_button;
  GtkSpinner      *submit_spinner;
  GtkWidget       *sections;
};

JfDeskPartyRow *jf_desk_intake_form_party_at             (JfDeskIntakeForm *self,
                                                          guint             index);
JfDeskPartyRow *jf_desk_intake_form_append_party         (JfDeskIntakeForm *self,
                                                          JfPartyRole       role);
JfDeskCategory *jf_desk_intake_form_selected_category    (JfDeskIntakeForm *self);
/* The category @slug, or the first when there is no such category (or @slug is NULL). */
void            jf_desk_intake_form_select_category      (JfDeskIntakeForm *self,
                                                          const char       *slug);
/* Every field back to its default, no party. */
void            jf_desk_intake_form_clear_fields         (JfDeskIntakeForm *self);
/* Tells the repeat search, unless the form is being filled in code. */
void            jf_desk_intake_form_people_changed       (JfDeskIntakeForm *self);
/* The narrative, trimmed; NULL when blank. */
char           *jf_desk_intake_form_narrative_text       (JfDeskIntakeForm *self);
/* The date typed, checked (the error shown at the field): TRUE with an invalid @out_date
 * when none was typed. */
gboolean        jf_desk_intake_form_check_date           (JfDeskIntakeForm *self,
                                                          GDate            *out_date);
/* The Escape binding: the error of the field with the focus goes away. */
gboolean        jf_desk_intake_form_escape               (GtkWidget        *widget,
                                                          GVariant         *args,
                                                          gpointer          data);

G_END_DECLS
