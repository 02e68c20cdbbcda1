/* jf-desk-matter-queue.h: the queue of matters as a GListModel that pages from the server
 *
 * Items are JfDeskMatterSummary, newest first (the server's keyset order, by id). Nothing
 * is loaded until asked: set_filter () or refresh () loads the first page, load_more ()
 * the next one, with the "next" of the last page as after=. A list of 100,000 matters is
 * therefore as cheap as the pages someone has scrolled through.
 *
 * Live changes come in through matter_changed () (a whole matter, as GET /v1/matters/{id}
 * gives it: the row changes in place, or goes when it no longer matches the filter, or
 * comes in when it now does) and check_new () (the first pages again, for matters newer
 * than the newest loaded).
 */
#pragma once

#include <gio/gio.h>

#include "jf-desk-client.h"
#include "jf-desk-matter-summary.h"

G_BEGIN_DECLS

/* What the queue is filtered by; NULL or FALSE: not filtered by it. */
typedef struct
{
  char     *status;        /* a status, or "open" */
  char     *kind;
  char     *category;
  gboolean  mine;          /* assigned to the signed-in account */
  gboolean  overdue;       /* past its deadline */
  char     *created_from;  /* YYYY-MM-DD, Asia/Shanghai */
  char     *created_to;    /* YYYY-MM-DD, inclusive */
  char     *q;             /* free text or a matter number */
} JfDeskQueueFilter;

void      jf_desk_queue_filter_clear (JfDeskQueueFilter       *filter);
void      jf_desk_queue_filter_copy  (const JfDeskQueueFilter *from,
                                      JfDeskQueueFilter       *to);
gboolean  jf_desk_queue_filter_equal (const JfDeskQueueFilter *a,
                                      const JfDeskQueueFilter *b);
/* "/v1/matters?status=open&q=...&limit=50&after=..." (@after 0: the first page). */
char     *jf_desk_queue_filter_to_path (const JfDeskQueueFilter *filter,
                                        gint64                   after,
                                        guint                    limit);

#define JF_DESK_MATTER_QUEUE_PAGE_SIZE 50

#define JF_DESK_TYPE_MATTER_QUEUE (jf_desk_matter_queue_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskMatterQueue, jf_desk_matter_queue, JF_DESK, MATTER_QUEUE, GObject)

JfDeskMatterQueue       *jf_desk_matter_queue_new         (JfDeskClient            *client);
/* Lists the pages of @path instead of the filter's: another list of matters as the queue
 * lists them (GET /v1/stats/matters?figure=..., or /v1/matters?org=...&status=open), with
 * after= and limit= added. Empties the queue and loads the first page. Live changes are
 * not applied to such a list, it is what the server answered; a matter changed in it
 * (jf_desk_matter_queue_matter_changed ()) is updated where it is. */
void                     jf_desk_matter_queue_set_source  (JfDeskMatterQueue       *self,
                                                           const char              *path);
/* Empties the queue and loads the first page of @filter. */
void                     jf_desk_matter_queue_set_filter  (JfDeskMatterQueue       *self,
                                                           const JfDeskQueueFilter *filter);
const JfDeskQueueFilter *jf_desk_matter_queue_get_filter  (JfDeskMatterQueue       *self);
/* The first page again, the queue emptied once it arrives (F5). */
void                     jf_desk_matter_queue_refresh     (JfDeskMatterQueue       *self);
/* The next page, unless one is on its way or there is none. */
void                     jf_desk_matter_queue_load_more   (JfDeskMatterQueue       *self);
gboolean                 jf_desk_matter_queue_is_loading  (JfDeskMatterQueue       *self);
/* Another page after the loaded ones. */
gboolean                 jf_desk_matter_queue_has_more    (JfDeskMatterQueue       *self);
/* Pages loaded since the last reset. */
guint                    jf_desk_matter_queue_get_n_pages (JfDeskMatterQueue       *self);
/* Why the last page failed, for people; NULL when it did not. */
const char              *jf_desk_matter_queue_get_error   (JfDeskMatterQueue       *self);
/* The position of matter @id, or -1. */
int                      jf_desk_matter_queue_find        (JfDeskMatterQueue       *self,
                                                           gint64                   id);

/* A whole matter (@matter: GET /v1/matters/{id}) changed. */
void                     jf_desk_matter_queue_matter_changed (JfDeskMatterQueue    *self,
                                                              JsonObject           *matter);
/* Matter @id is out of the caller's sight now (escalated away, handed on): its row goes. */
void                     jf_desk_matter_queue_remove      (JfDeskMatterQueue       *self,
                                                           gint64                   id);
/* Loads what is newer than the newest matter loaded. */
void                     jf_desk_matter_queue_check_new   (JfDeskMatterQueue       *self);

G_END_DECLS
