/* jf-desk-matter-queue.c: the queue of matters, a page at a time */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-enums.h"
#include "jf-desk-error.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-queue.h"

/* Pages read from the top for new matters before giving up and starting afresh. */
#define MAX_NEW_PAGES 4

/* --- the filter ---------------------------------------------------------------------------- */

void
jf_desk_queue_filter_clear (JfDeskQueueFilter *filter)
{
  g_clear_pointer (&filter->status, g_free);
  g_clear_pointer (&filter->kind, g_free);
  g_clear_pointer (&filter->category, g_free);
  g_clear_pointer (&filter->created_from, g_free);
  g_clear_pointer (&filter->created_to, g_free);
  g_clear_pointer (&filter->q, g_free);
  filter->mine = FALSE;
  filter->overdue = FALSE;
}

void
jf_desk_queue_filter_copy (const JfDeskQueueFilter *from,
                           JfDeskQueueFilter       *to)
{
  if (from == to)
    return;
  jf_desk_queue_filter_clear (to);
  to->status = g_strdup (from->status);
  to->kind = g_strdup (from->kind);
  to->category = g_strdup (from->category);
  to->mine = from->mine;
  to->overdue = from->overdue;
  to->created_from = g_strdup (from->created_from);
  to->created_to = g_strdup (from->created_to);
  to->q = g_strdup (from->q);
}

gboolean
jf_desk_queue_filter_equal (const JfDeskQueueFilter *a,
                            const JfDeskQueueFilter *b)
{
  return g_strcmp0 (a->status, b->status) == 0 && g_strcmp0 (a->kind, b->kind) == 0 &&
         g_strcmp0 (a->category, b->category) == 0 && a->mine == b->mine &&
         a->overdue == b->overdue && g_strcmp0 (a->created_from, b->created_from) == 0 &&
         g_strcmp0 (a->created_to, b->created_to) == 0 && g_strcmp0 (a->q, b->q) == 0;
}

static void
append_param (GString    *path,
              const char *name,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (path, "%c%s=%s", strchr (path->str, '?') != NULL ? '&' : '?', name,
                          escaped);
}

char *
jf_desk_queue_filter_to_path (const JfDeskQueueFilter *filter,
                              gint64                   after,
                              guint                    limit)
{
  GString *path = g_string_new ("/v1/matters");
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  g_autofree char *after_text = after > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, after) : NULL;

  append_param (path, "status", filter->status);
  append_param (path, "kind", filter->kind);
  append_param (path, "category", filter->category);
  append_param (path, "assignee", filter->mine ? "me" : NULL);
  append_param (path, "overdue", filter->overdue ? "true" : NULL);
  append_param (path, "created_from", filter->created_from);
  append_param (path, "created_to", filter->created_to);
  append_param (path, "q", filter->q);
  append_param (path, "after", after_text);
  append_param (path, "limit", limit_text);
  return g_string_free (path, FALSE);
}

/* --- the model ----------------------------------------------------------------------------- */

struct _JfDeskMatterQueue
{
  GObject            parent_instance;

  JfDeskClient      *client;       /* owned */
  GPtrArray         *items;        /* of JfDeskMatterSummary, owned; id descending */
  GHashTable        *by_id;        /* id → summary, borrowed from items */
  JfDeskQueueFilter  filter;
  char              *source;       /* a path listed instead of the filter's, or NULL */
  gint64             next;         /* the after= of the next page; 0 when there is none */
  gboolean           loaded_once;  /* a first page has arrived for this filter */
  guint              n_pages;
  guint              generation;   /* bumped on every reset: older answers are dropped */
  GCancellable      *cancellable;  /* the page on its way */
  GCancellable      *live_cancellable;
  gboolean           loading;
  gboolean           checking_new;
  gboolean           check_again;
  char              *error;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JfDeskMatterQueue, jf_desk_matter_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return JF_DESK_TYPE_MATTER_SUMMARY;
}

static guint
get_n_items (GListModel *model)
{
  return JF_DESK_MATTER_QUEUE (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  JfDeskMatterQueue *self = JF_DESK_MATTER_QUEUE (model);

  return position < self->items->len ? g_object_ref (self->items->pdata[position]) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed (JfDeskMatterQueue *self,
               guint              position,
               guint              removed,
               guint              added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_loading (JfDeskMatterQueue *self,
             gboolean           loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (JfDeskMatterQueue *self,
           const char        *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_next (JfDeskMatterQueue *self,
          gint64             next)
{
  gboolean had_more = self->next > 0;

  self->next = next;
  if (had_more != (next > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
jf_desk_matter_queue_dispose (GObject *object)
{
  JfDeskMatterQueue *self = JF_DESK_MATTER_QUEUE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_matter_queue_parent_class)->dispose (object);
}

static void
jf_desk_matter_queue_finalize (GObject *object)
{
  JfDeskMatterQueue *self = JF_DESK_MATTER_QUEUE (object);

  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->items);
  jf_desk_queue_filter_clear (&self->filter);
  g_free (self->source);
  g_free (self->error);
  G_OBJECT_CLASS (jf_desk_matter_queue_parent_class)->finalize (object);
}

static void
jf_desk_matter_queue_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JfDeskMatterQueue *self = JF_DESK_MATTER_QUEUE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->next > 0);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_matter_queue_class_init (JfDeskMatterQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jf_desk_matter_queue_dispose;
  object_class->finalize = jf_desk_matter_queue_finalize;
  object_class->get_property = jf_desk_matter_queue_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_matter_queue_init (JfDeskMatterQueue *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

JfDeskMatterQueue *
jf_desk_matter_queue_new (JfDeskClient *client)
{
  JfDeskMatterQueue *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_MATTER_QUEUE, NULL);
  self->client = g_object_ref (client);
  return self;
}

/* The key of by_id lives in the summary, which items keeps alive. */
static gint64 *
id_key (JfDeskMatterSummary *summary)
{
  return g_object_get_data (G_OBJECT (summary), "jf-queue-id");
}

static void
remember (JfDeskMatterQueue   *self,
          JfDeskMatterSummary *summary)
{
  gint64 *key = g_new (gint64, 1);

  *key = jf_desk_matter_summary_get_id (summary);
  g_object_set_data_full (G_OBJECT (summary), "jf-queue-id", key, g_free);
  g_hash_table_insert (self->by_id, key, summary);
}

static guint
position_for_id (JfDeskMatterQueue *self,
                 gint64             id)
{
  guint lo = 0, hi = self->items->len;

  /* Newest first: the first position whose id is smaller. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (jf_desk_matter_summary_get_id (self->items->pdata[mid]) > id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
insert_summary (JfDeskMatterQueue   *self,
                JfDeskMatterSummary *summary)
{
  guint position = position_for_id (self, jf_desk_matter_summary_get_id (summary));

  remember (self, summary);
  g_ptr_array_insert (self->items, position, g_object_ref (summary));
  items_changed (self, position, 0, 1);
}

static void
remove_at (JfDeskMatterQueue *self,
           guint              position)
{
  JfDeskMatterSummary *summary = self->items->pdata[position];

  g_hash_table_remove (self->by_id, id_key (summary));
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

/* --- pages --------------------------------------------------------------------------------- */

typedef struct
{
  JfDeskMatterQueue *self;      /* owned */
  guint              generation;
  gboolean           first;     /* the first page: the queue is emptied when it arrives */
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->self);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(Page) page = data;
  JfDeskMatterQueue *self = page->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *object = jf_desk_json_object (root);
  JsonArray *items = jf_desk_json_member_array (object, "items");
  g_autoptr(GPtrArray) fresh = NULL;
  guint position;
  guint old_n = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      page->generation != self->generation)
    return;
  set_loading (self, FALSE);
  if (items == NULL)
    {
      g_autofree char *message = error != NULL ? jf_desk_error_describe (error)
                                 : g_strdup (_("The server's answer could not be read."));

      set_error (self, message);
      return;
    }
  set_error (self, NULL);
  if (page->first)
    {
      /* The new first page replaces what was shown in one change, so that the view keeps
       * its place and its focus. */
      old_n = self->items->len;
      g_hash_table_remove_all (self->by_id);
      g_ptr_array_set_size (self->items, 0);
      self->n_pages = 0;
    }
  self->loaded_once = TRUE;
  self->n_pages++;
  fresh = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = jf_desk_json_object (json_array_get_element (items, i));
      JfDeskMatterSummary *known = g_hash_table_lookup (self->by_id, &(gint64) {
                                                          jf_desk_json_int (item, "id", 0) });
      JfDeskMatterSummary *summary;

      /* Already here (it came in live): keep the one row, with the newer data. */
      if (known != NULL)
        {
          jf_desk_matter_summary_update (known, item);
          continue;
        }
      summary = jf_desk_matter_summary_new_from_json (item);
      if (summary == NULL)
        continue;
      remember (self, summary);
      g_ptr_array_add (fresh, summary);
    }
  /* A page lies below every loaded matter (keyset on id), so it goes at the end. */
  position = self->items->len;
  for (guint i = 0; i < fresh->len; i++)
    g_ptr_array_add (self->items, g_object_ref (fresh->pdata[i]));
  set_next (self, jf_desk_json_int (object, "next", 0));
  if (page->first && (old_n > 0 || fresh->len > 0))
    items_changed (self, 0, old_n, fresh->len);
  else if (fresh->len > 0)
    items_changed (self, position, 0, fresh->len);
}

static char *
source_page_path (JfDeskMatterQueue *self,
                  gint64             after)
{
  GString *path = g_string_new (self->source);

  g_string_append_c (path, strchr (self->source, '?') != NULL ? '&' : '?');
  if (after > 0)
    g_string_append_printf (path, "after=%" G_GINT64_FORMAT "&", after);
  g_string_append_printf (path, "limit=%u", JF_DESK_MATTER_QUEUE_PAGE_SIZE);
  return g_string_free (path, FALSE);
}

static void
load_page (JfDeskMatterQueue *self,
           gboolean           first)
{
  g_autofree char *path = self->source != NULL
    ? source_page_path (self, first ? 0 : self->next)
    : jf_desk_queue_filter_to_path (&self->filter, first ? 0 : self->next,
                                    JF_DESK_MATTER_QUEUE_PAGE_SIZE);
  Page *page = g_new0 (Page, 1);

  page->self = g_object_ref (self);
  page->generation = self->generation;
  page->first = first;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                page_cb, page);
}

void
jf_desk_matter_queue_set_source (JfDeskMatterQueue *self,
                                 const char        *path)
{
  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));
  g_return_if_fail (path != NULL);

  g_free (self->source);
  self->source = g_strdup (path);
  jf_desk_matter_queue_refresh (self);
}

void
jf_desk_matter_queue_set_filter (JfDeskMatterQueue       *self,
                                 const JfDeskQueueFilter *filter)
{
  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&self->source, g_free);
  jf_desk_queue_filter_copy (filter, &self->filter);
  jf_desk_matter_queue_refresh (self);
}

const JfDeskQueueFilter *
jf_desk_matter_queue_get_filter (JfDeskMatterQueue *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), NULL);
  return &self->filter;
}

void
jf_desk_matter_queue_refresh (JfDeskMatterQueue *self)
{
  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));

  /* What is on screen stays until the new first page replaces it: no flash of empty. */
  self->generation++;
  self->loaded_once = FALSE;
  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  self->checking_new = FALSE;
  self->check_again = FALSE;
  set_next (self, 0);
  load_page (self, TRUE);
}

void
jf_desk_matter_queue_load_more (JfDeskMatterQueue *self)
{
  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));

  if (self->loading || self->next <= 0 || !self->loaded_once)
    return;
  load_page (self, FALSE);
}

gboolean
jf_desk_matter_queue_is_loading (JfDeskMatterQueue *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), FALSE);
  return self->loading;
}

gboolean
jf_desk_matter_queue_has_more (JfDeskMatterQueue *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), FALSE);
  return self->next > 0;
}

guint
jf_desk_matter_queue_get_n_pages (JfDeskMatterQueue *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), 0);
  return self->n_pages;
}

const char *
jf_desk_matter_queue_get_error (JfDeskMatterQueue *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), NULL);
  return self->error;
}

int
jf_desk_matter_queue_find (JfDeskMatterQueue *self,
                           gint64             id)
{
  guint position;

  g_return_val_if_fail (JF_DESK_IS_MATTER_QUEUE (self), -1);

  if (!g_hash_table_contains (self->by_id, &id))
    return -1;
  position = position_for_id (self, id);
  return position < self->items->len ? (int) position : -1;
}

/* --- live changes -------------------------------------------------------------------------- */

static gboolean
status_matches (const char *filter,
                const char *status)
{
  static const char * const open[] = { "registered", "accepted", "in_mediation", "dispatched",
                                       "referred", "resolved", NULL };

  if (filter == NULL)
    return TRUE;
  if (status == NULL)
    return FALSE;
  /* "open" is what the server means by it (jfd-engine-queue.c), resolved included: a
   * resolved matter still waits for its follow-up. */
  if (g_str_equal (filter, "open"))
    return g_strv_contains (open, status);
  return g_str_equal (filter, status);
}

static gboolean
created_matches (const JfDeskQueueFilter *filter,
                 JfDeskMatterSummary     *summary)
{
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *day = NULL;

  if (filter->created_from == NULL && filter->created_to == NULL)
    return TRUE;
  created = jf_desk_parse_time (jf_desk_matter_summary_get_created_at (summary));
  if (created == NULL)
    return FALSE;
  day = g_date_time_format (created, "%Y-%m-%d");
  return (filter->created_from == NULL || g_strcmp0 (day, filter->created_from) >= 0) &&
         (filter->created_to == NULL || g_strcmp0 (day, filter->created_to) <= 0);
}

/* Whether @summary belongs in the queue, as far as the client can tell: free text is the
 * server's to match, so a matter that changed under a search stays where it is. */
static gboolean
matches (JfDeskMatterQueue   *self,
         JfDeskMatterSummary *summary)
{
  const JfDeskQueueFilter *f = &self->filter;
  JfDeskAccount *account = jf_desk_client_get_account (self->client);
  GDateTime *deadline = jf_desk_matter_summary_get_deadline (summary);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!status_matches (f->status, jf_desk_matter_summary_get_status (summary)))
    return FALSE;
  if (f->kind != NULL && g_strcmp0 (f->kind, jf_desk_matter_summary_get_kind (summary)) != 0)
    return FALSE;
  if (f->category != NULL &&
      g_strcmp0 (f->category, jf_desk_matter_summary_get_category (summary)) != 0)
    return FALSE;
  if (f->mine && (account == NULL || jf_desk_matter_summary_get_assignee_id (summary) !=
                                     jf_desk_account_get_id (account)))
    return FALSE;
  if (f->overdue && (deadline == NULL || g_date_time_compare (deadline, now) >= 0))
    return FALSE;
  return created_matches (f, summary);
}

void
jf_desk_matter_queue_matter_changed (JfDeskMatterQueue *self,
                                     JsonObject        *matter)
{
  gint64 id;
  int position;

  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));

  id = jf_desk_json_int (matter, "id", 0);
  if (id <= 0)
    return;
  position = jf_desk_matter_queue_find (self, id);
  if (position >= 0)
    {
      JfDeskMatterSummary *summary = self->items->pdata[position];

      jf_desk_matter_summary_update (summary, matter);
      /* A list of another source keeps its rows: only the server knows what it holds. */
      if (self->source == NULL && self->filter.q == NULL && !matches (self, summary))
        remove_at (self, position);
      else
        items_changed (self, position, 1, 1);
      return;
    }
  /* Not loaded: it comes in when it now matches and lies within what is loaded (below
   * the last loaded matter, the next page will bring it). */
  if (self->source == NULL && self->filter.q == NULL && self->loaded_once &&
      (self->next <= 0 || (self->items->len > 0 &&
                           id > jf_desk_matter_summary_get_id (
                                  self->items->pdata[self->items->len - 1]))))
    {
      g_autoptr(JfDeskMatterSummary) summary = jf_desk_matter_summary_new_from_json (matter);

      if (summary != NULL && matches (self, summary))
        insert_summary (self, summary);
    }
}

void
jf_desk_matter_queue_remove (JfDeskMatterQueue *self,
                             gint64             id)
{
  int position;

  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));

  position = jf_desk_matter_queue_find (self, id);
  if (position >= 0)
    remove_at (self, (guint) position);
}

typedef struct
{
  JfDeskMatterQueue *self;       /* owned */
  guint              generation;
  gint64             newest;     /* the newest id loaded when the check began */
  guint              pages;
} NewCheck;

static void
new_check_free (NewCheck *check)
{
  g_clear_object (&check->self);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewCheck, new_check_free)

static void check_page (NewCheck *check, gint64 after);

static void
new_page_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(NewCheck) check = data;
  JfDeskMatterQueue *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *object = jf_desk_json_object (root);
  JsonArray *items = jf_desk_json_member_array (object, "items");
  gboolean reached = FALSE;
  gint64 next;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      check->generation != self->generation)
    return;
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = jf_desk_json_object (json_array_get_element (items, i));
      gint64 id = jf_desk_json_int (item, "id", 0);
      JfDeskMatterSummary *known = g_hash_table_lookup (self->by_id, &id);
      g_autoptr(JfDeskMatterSummary) summary = NULL;

      if (id <= check->newest)
        {
          reached = TRUE;
          break;
        }
      if (known != NULL)
        {
          jf_desk_matter_summary_update (known, item);
          continue;
        }
      if ((summary = jf_desk_matter_summary_new_from_json (item)) != NULL)
        insert_summary (self, summary);
    }
  next = jf_desk_json_int (object, "next", 0);
  if (items != NULL && !reached && next > 0 && ++check->pages < MAX_NEW_PAGES)
    {
      check_page (g_steal_pointer (&check), next);
      return;
    }
  self->checking_new = FALSE;
  if (items != NULL && !reached && next > 0)
    {
      /* Too much is new: the gap is not worth stitching. */
      jf_desk_matter_queue_refresh (self);
      return;
    }
  if (self->check_again)
    {
      self->check_again = FALSE;
      jf_desk_matter_queue_check_new (self);
    }
}

static void
check_page (NewCheck *check,
            gint64    after)
{
  JfDeskMatterQueue *self = check->self;
  g_autofree char *path = jf_desk_queue_filter_to_path (&self->filter, after,
                                                        JF_DESK_MATTER_QUEUE_PAGE_SIZE);

  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->live_cancellable,
                                new_page_cb, check);
}

void
jf_desk_matter_queue_check_new (JfDeskMatterQueue *self)
{
  NewCheck *check;

  g_return_if_fail (JF_DESK_IS_MATTER_QUEUE (self));

  /* Before the first page, the first page is what is new; a list of another source is
   * not live. */
  if (!self->loaded_once || self->source != NULL)
    return;
  if (self->checking_new)
    {
      self->check_again = TRUE;
      return;
    }
  if (self->live_cancellable == NULL)
    self->live_cancellable = g_cancellable_new ();
  self->checking_new = TRUE;
  check = g_new0 (NewCheck, 1);
  check->self = g_object_ref (self);
  check->generation = self->generation;
  check->newest = self->items->len > 0
    ? jf_desk_matter_summary_get_id (self->items->pdata[0]) : 0;
  check_page (check, 0);
}
