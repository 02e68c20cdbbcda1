/* jf-desk-outbox.c: the outbox of intakes, one file each */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "jf-error.h"
#include "jf-desk-error.h"
#include "jf-desk-outbox.h"

struct _JfDeskOutbox
{
  GObject       parent_instance;

  JfDeskClient *client;        /* owned */
  char         *directory;
  GListStore   *items;         /* of JfDeskOutboxItem, oldest first */
  guint         timer_id;
  gboolean      sending;       /* one request at a time, oldest first */
  GCancellable *cancellable;   /* cancelled in dispose */
};

G_DEFINE_FINAL_TYPE (JfDeskOutbox, jf_desk_outbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  LOADED,
  SENT,
  REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
jf_desk_outbox_dispose (GObject *object)
{
  JfDeskOutbox *self = JF_DESK_OUTBOX (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_outbox_parent_class)->dispose (object);
}

static void
jf_desk_outbox_finalize (GObject *object)
{
  JfDeskOutbox *self = JF_DESK_OUTBOX (object);

  g_free (self->directory);
  G_OBJECT_CLASS (jf_desk_outbox_parent_class)->finalize (object);
}

static void
jf_desk_outbox_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JfDeskOutbox *self = JF_DESK_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, jf_desk_outbox_get_n_items (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_outbox_class_init (JfDeskOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jf_desk_outbox_dispose;
  object_class->finalize = jf_desk_outbox_finalize;
  object_class->get_property = jf_desk_outbox_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The directory has been read. */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* An item reached the server: (item, the matter's JSON). Its file is being deleted. */
  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 2, JF_DESK_TYPE_OUTBOX_ITEM,
                                JSON_TYPE_NODE);
  /* The server refused an item's data: the clerk must open it and fix it. */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, JF_DESK_TYPE_OUTBOX_ITEM);
}

static void
items_changed_cb (JfDeskOutbox *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
jf_desk_outbox_init (JfDeskOutbox *self)
{
  self->items = g_list_store_new (JF_DESK_TYPE_OUTBOX_ITEM);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

char *
jf_desk_outbox_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "jiefen", "outbox", NULL);
}

static char *
item_path (JfDeskOutbox *self,
           const char   *key)
{
  g_autofree char *name = g_strconcat (key, ".json", NULL);

  return g_build_filename (self->directory, name, NULL);
}

/* --- the files, on a worker thread --------------------------------------------------------- */

typedef struct
{
  char  *path;
  char  *data;    /* NULL: delete the file */
  gsize  len;
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->path);
  g_free (job->data);
  g_free (job);
}

static void
file_job_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  FileJob *job = data;
  GError *error = NULL;

  if (job->data == NULL)
    {
      if (g_unlink (job->path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                                   "Could not delete %s: %s", job->path, g_strerror (saved));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }
  {
    g_autofree char *dir = g_path_get_dirname (job->path);

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        int saved = errno;

        g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                                 "Could not create %s: %s", dir, g_strerror (saved));
        return;
      }
  }
  /* A temporary file, fsync, rename: the file is either the old or the new, whole. */
  if (!g_file_set_contents_full (job->path, job->data, (gssize) job->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
run_file_job (JfDeskOutbox        *self,
              char                *path,
              char                *data,
              gsize                len,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  FileJob *job = g_new0 (FileJob, 1);

  job->path = path;
  job->data = data;
  job->len = len;
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  /* Once started, a write or a delete finishes even if the caller has gone. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, file_job_thread);
}

/* --- the list ------------------------------------------------------------------------------ */

static gboolean
find (JfDeskOutbox *self,
      const char   *key,
      guint        *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_strcmp0 (jf_desk_outbox_item_get_key (item), key) == 0)
        {
          if (out_position != NULL)
            *out_position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static int
compare_saved_at (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  return g_date_time_compare (jf_desk_outbox_item_get_saved_at ((JfDeskOutboxItem *) a),
                              jf_desk_outbox_item_get_saved_at ((JfDeskOutboxItem *) b));
}

static void
put (JfDeskOutbox     *self,
     JfDeskOutboxItem *item)
{
  guint position;

  if (find (self, jf_desk_outbox_item_get_key (item), &position))
    g_list_store_splice (self->items, position, 1, (gpointer *) &item, 1);
  else
    g_list_store_insert_sorted (self->items, item, compare_saved_at, NULL);
}

static void
take_out (JfDeskOutbox *self,
          const char   *key)
{
  guint position;

  if (find (self, key, &position))
    g_list_store_remove (self->items, position);
}

/* --- loading ------------------------------------------------------------------------------- */

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  const char *directory = data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  /* No directory yet is an empty outbox. */
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *contents = NULL;
      gsize len = 0;

      /* "<key>.json" only: g_file_set_contents () leaves "<key>.json." and six random
       * characters behind if it is interrupted, and such a file is incomplete by
       * definition. */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (g_file_get_contents (path, &contents, &len, NULL))
        g_ptr_array_add (found, g_bytes_new_take (contents, len));
    }
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  JfDeskOutbox *self = JF_DESK_OUTBOX (source);
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);

  if (found == NULL || self->items == NULL)
    return;
  for (guint i = 0; i < found->len; i++)
    {
      gsize len = 0;
      const char *contents = g_bytes_get_data (found->pdata[i], &len);
      g_autoptr(GError) error = NULL;
      g_autoptr(JfDeskOutboxItem) item = jf_desk_outbox_item_new_from_data (contents, len,
                                                                            &error);

      /* A file that is not ours stays where it is, untouched. */
      if (item == NULL)
        {
          g_message ("outbox: skipping a file that is not an intake: %s", error->message);
          continue;
        }
      if (!find (self, jf_desk_outbox_item_get_key (item), NULL))
        put (self, item);
    }
  g_signal_emit (self, signals[LOADED], 0);
  jf_desk_outbox_flush (self);
}

void
jf_desk_outbox_reload (JfDeskOutbox *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (JF_DESK_IS_OUTBOX (self));

  task = g_task_new (self, self->cancellable, loaded_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->directory), g_free);
  g_task_run_in_thread (task, load_thread);
}

/* --- sending ------------------------------------------------------------------------------- */

static gboolean
is_ours (JfDeskOutbox     *self,
         JfDeskOutboxItem *item)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);

  return account != NULL &&
         g_strcmp0 (jf_desk_outbox_item_get_username (item),
                    jf_desk_account_get_username (account)) == 0 &&
         g_strcmp0 (jf_desk_outbox_item_get_server (item),
                    jf_desk_client_get_base_url (self->client)) == 0;
}

static void send_next (JfDeskOutbox *self);

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  JfDeskOutbox *self = JF_DESK_OUTBOX (source);
  g_autofree char *key = data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* The matter exists: a file left behind is sent again at the next start and answered
     * with the same matter (Idempotent-Replayed), then deleted. */
    g_message ("outbox: %s", error->message);
  if (self->items != NULL)
    take_out (self, key);
}

static void
rewritten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("outbox: could not record the server's answer: %s", error->message);
}

typedef struct
{
  GWeakRef          outbox;
  JfDeskOutboxItem *item;
} Sending;

static void
sending_free (Sending *sending)
{
  g_weak_ref_clear (&sending->outbox);
  g_clear_object (&sending->item);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sending, sending_free)

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(Sending) sending = data;
  g_autoptr(JfDeskOutbox) self = g_weak_ref_get (&sending->outbox);
  JfDeskOutboxItem *item = sending->item;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) matter = NULL;
  guint status = 0;

  matter = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result, &status, NULL,
                                          &error);
  if (self == NULL || self->items == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->sending = FALSE;

  if (error == NULL && (status == 200 || status == 201))
    {
      const char *key = jf_desk_outbox_item_get_key (item);

      /* It stays "sending", out of the sending order, until its file is gone. */
      g_signal_emit (self, signals[SENT], 0, item, matter);
      run_file_job (self, item_path (self, key), NULL, 0, NULL, deleted_cb, g_strdup (key));
      send_next (self);
      return;
    }
  if (error == NULL || jf_desk_error_is_retryable (error))
    {
      /* The next round tries again (after a sign-in, when the server is back ...). */
      jf_desk_outbox_item_set_state (item, JF_DESK_OUTBOX_ITEM_WAITING);
      return;
    }
  {
    gsize len = 0;
    char *contents;

    jf_desk_outbox_item_set_error (item, error);
    jf_desk_outbox_item_set_state (item, JF_DESK_OUTBOX_ITEM_REFUSED);
    contents = jf_desk_outbox_item_to_data (item, &len);
    run_file_job (self, item_path (self, jf_desk_outbox_item_get_key (item)), contents, len,
                  NULL, rewritten_cb, NULL);
    g_signal_emit (self, signals[REFUSED], 0, item);
    send_next (self);
  }
}

static void
send_next (JfDeskOutbox *self)
{
  guint n;

  if (self->sending || !jf_desk_client_is_signed_in (self->client) ||
      jf_desk_client_get_connection_state (self->client) != JF_DESK_CONNECTION_ONLINE)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (jf_desk_outbox_item_get_state (item) != JF_DESK_OUTBOX_ITEM_WAITING ||
          !is_ours (self, item))
        continue;
      {
        Sending *sending = g_new0 (Sending, 1);

        g_weak_ref_init (&sending->outbox, self);
        sending->item = g_object_ref (item);
        self->sending = TRUE;
        jf_desk_outbox_item_set_state (item, JF_DESK_OUTBOX_ITEM_SENDING);
        jf_desk_client_request_async (self->client, "POST", "/v1/matters",
                                      jf_desk_outbox_item_get_body (item),
                                      jf_desk_outbox_item_get_key (item), self->cancellable,
                                      sent_cb, sending);
        return;
      }
    }
}

void
jf_desk_outbox_flush (JfDeskOutbox *self)
{
  g_return_if_fail (JF_DESK_IS_OUTBOX (self));
  send_next (self);
}

static gboolean
tick_cb (gpointer data)
{
  JfDeskOutbox *self = data;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    send_next (self);
  return G_SOURCE_CONTINUE;
}

static void
client_changed_cb (JfDeskOutbox *self)
{
  send_next (self);
}

JfDeskOutbox *
jf_desk_outbox_new (JfDeskClient *client,
                    const char   *directory)
{
  JfDeskOutbox *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  self->directory = directory != NULL ? g_strdup (directory) : jf_desk_outbox_default_directory ();
  g_signal_connect_object (client, "notify::connection-state", G_CALLBACK (client_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "notify::account", G_CALLBACK (client_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->timer_id = g_timeout_add_seconds (JF_DESK_OUTBOX_RETRY_SECONDS, tick_cb, self);
  jf_desk_outbox_reload (self);
  return self;
}

const char *
jf_desk_outbox_get_directory (JfDeskOutbox *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX (self), NULL);
  return self->directory;
}

GListModel *
jf_desk_outbox_get_items (JfDeskOutbox *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
jf_desk_outbox_get_n_items (JfDeskOutbox *self)
{
  g_return_val_if_fail (JF_DESK_IS_OUTBOX (self), 0);
  return self->items != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->items)) : 0;
}

JfDeskOutboxItem *
jf_desk_outbox_lookup (JfDeskOutbox *self,
                       const char   *key)
{
  guint position;

  g_return_val_if_fail (JF_DESK_IS_OUTBOX (self), NULL);

  if (!find (self, key, &position))
    return NULL;
  /* The store keeps a reference: hand out a borrowed pointer. */
  {
    g_autoptr(JfDeskOutboxItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                              position);
    return item;
  }
}

/* --- adding and removing ------------------------------------------------------------------- */

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GTask) task = data;
  JfDeskOutbox *self = g_task_get_source_object (task);
  JfDeskOutboxItem *item = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* On disk: from here on the intake cannot be lost, whatever happens to this process. */
  if (self->items != NULL)
    {
      put (self, item);
      send_next (self);
    }
  g_task_return_boolean (task, TRUE);
}

void
jf_desk_outbox_add_async (JfDeskOutbox        *self,
                          const char          *key,
                          JsonNode            *body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JfDeskAccount *account;
  JfDeskOutboxItem *item;
  char *contents;
  gsize len = 0;

  g_return_if_fail (JF_DESK_IS_OUTBOX (self));
  g_return_if_fail (key != NULL && g_uuid_string_is_valid (key));
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));

  task = g_task_new (self, cancellable, callback, user_data);
  account = jf_desk_client_get_account (self->client);
  item = jf_desk_outbox_item_new (key, body,
                                  account != NULL ? jf_desk_account_get_username (account) : NULL,
                                  jf_desk_client_get_base_url (self->client), NULL);
  g_task_set_task_data (task, item, g_object_unref);
  contents = jf_desk_outbox_item_to_data (item, &len);
  run_file_job (self, item_path (self, key), contents, len, NULL, added_cb,
                g_steal_pointer (&task));
}

gboolean
jf_desk_outbox_add_finish (JfDeskOutbox  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
jf_desk_outbox_remove (JfDeskOutbox *self,
                       const char   *key)
{
  JfDeskOutboxItem *item;

  g_return_if_fail (JF_DESK_IS_OUTBOX (self));

  item = jf_desk_outbox_lookup (self, key);
  if (item == NULL)
    return;
  /* Not sent while its file is being deleted. */
  jf_desk_outbox_item_set_state (item, JF_DESK_OUTBOX_ITEM_EDITING);
  run_file_job (self, item_path (self, key), NULL, 0, NULL, deleted_cb, g_strdup (key));
}

void
jf_desk_outbox_hold (JfDeskOutbox *self,
                     const char   *key)
{
  JfDeskOutboxItem *item;

  g_return_if_fail (JF_DESK_IS_OUTBOX (self));

  item = jf_desk_outbox_lookup (self, key);
  if (item != NULL)
    jf_desk_outbox_item_set_state (item, JF_DESK_OUTBOX_ITEM_EDITING);
}

void
jf_desk_outbox_release (JfDeskOutbox *self,
                        const char   *key)
{
  JfDeskOutboxItem *item;

  g_return_if_fail (JF_DESK_IS_OUTBOX (self));

  item = jf_desk_outbox_lookup (self, key);
  if (item == NULL || jf_desk_outbox_item_get_state (item) != JF_DESK_OUTBOX_ITEM_EDITING)
    return;
  jf_desk_outbox_item_set_state (item, jf_desk_outbox_item_get_error (item) != NULL
                                 ? JF_DESK_OUTBOX_ITEM_REFUSED : JF_DESK_OUTBOX_ITEM_WAITING);
  send_next (self);
}
