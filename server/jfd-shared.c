/* jfd-shared.c: process-wide state, the catalog swap and reload, and the password workers */
#include "config.h"

#include "jf-error.h"
#include "jfd-pq.h"
#include "jfd-shared.h"

#define PASSWORD_WORKERS 2
#define PASSWORD_QUEUE_LIMIT 64

struct _JfdShared
{
  JfdConfig   *config;   /* owned */
  JfdCrypto   *crypto;   /* owned */
  JfdMetrics  *metrics;  /* owned */
  GTlsCertificate *certificate; /* owned, or NULL */
  GMutex       lock;     /* guards catalog */
  JfdCatalog  *catalog;  /* owned */
  guint        auth_generation;
  GThreadPool *workers;  /* owned */
  GThreadPool *reloads;  /* owned; one thread, so that reloads happen in order */
};

typedef struct
{
  JfdPasswordFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GTask          *task;
} PasswordJob;

static void
password_job_run (gpointer job_data,
                  gpointer pool_data)
{
  PasswordJob *job = job_data;
  gpointer result = job->func (job->data);

  /* g_task_return_* from a worker: the callback still runs on the caller's context. */
  g_task_return_pointer (job->task, result, NULL);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_object_unref (job->task);
  g_free (job);
}

static void
reload_job_run (gpointer job_data,
                gpointer pool_data)
{
  g_autoptr(GTask) task = job_data;
  JfdShared *self = pool_data;
  GError *error = NULL;
  g_autoptr(PGconn) conn = jfd_pq_connect (self->config->database, "jiefend-catalog", &error);
  g_autoptr(JfdCatalog) catalog = conn != NULL ? jfd_catalog_load (conn, &error) : NULL;

  if (catalog == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_shared_set_catalog (self, catalog);
  g_task_return_boolean (task, TRUE);
}

JfdShared *
jfd_shared_new (JfdConfig       *config,
                JfdCrypto       *crypto,
                JfdCatalog      *catalog,
                GTlsCertificate *certificate)
{
  JfdShared *self = g_new0 (JfdShared, 1);

  self->certificate = certificate;
  self->config = config;
  self->crypto = crypto;
  self->catalog = catalog;
  self->metrics = jfd_metrics_new ();
  g_mutex_init (&self->lock);
  self->workers = g_thread_pool_new (password_job_run, self, PASSWORD_WORKERS, TRUE, NULL);
  self->reloads = g_thread_pool_new (reload_job_run, self, 1, FALSE, NULL);
  return self;
}

void
jfd_shared_free (JfdShared *self)
{
  if (self == NULL)
    return;
  g_thread_pool_free (self->workers, FALSE, TRUE);
  g_thread_pool_free (self->reloads, FALSE, TRUE);
  g_clear_pointer (&self->catalog, jfd_catalog_unref);
  g_clear_pointer (&self->crypto, jfd_crypto_unref);
  g_clear_pointer (&self->config, jfd_config_free);
  g_clear_pointer (&self->metrics, jfd_metrics_free);
  g_clear_object (&self->certificate);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const JfdConfig *
jfd_shared_get_config (JfdShared *self)
{
  return self->config;
}

JfdCrypto *
jfd_shared_get_crypto (JfdShared *self)
{
  return self->crypto;
}

JfdMetrics *
jfd_shared_get_metrics (JfdShared *self)
{
  return self->metrics;
}

GTlsCertificate *
jfd_shared_get_certificate (JfdShared *self)
{
  return self->certificate;
}

JfdCatalog *
jfd_shared_get_catalog (JfdShared *self)
{
  JfdCatalog *catalog;

  g_mutex_lock (&self->lock);
  catalog = jfd_catalog_ref (self->catalog);
  g_mutex_unlock (&self->lock);
  return catalog;
}

void
jfd_shared_set_catalog (JfdShared  *self,
                        JfdCatalog *catalog)
{
  JfdCatalog *old;

  g_mutex_lock (&self->lock);
  old = self->catalog;
  self->catalog = jfd_catalog_ref (catalog);
  g_mutex_unlock (&self->lock);
  jfd_catalog_unref (old);
}

void
jfd_shared_reload_catalog_async (JfdShared          *self,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, jfd_shared_reload_catalog_async);
  g_thread_pool_push (self->reloads, task, NULL);
}

gboolean
jfd_shared_reload_catalog_finish (JfdShared     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
jfd_shared_get_auth_generation (JfdShared *self)
{
  return g_atomic_int_get (&self->auth_generation);
}

void
jfd_shared_bump_auth_generation (JfdShared *self)
{
  g_atomic_int_inc (&self->auth_generation);
}

void
jfd_shared_run_password_async (JfdShared          *self,
                               JfdPasswordFunc     func,
                               gpointer            data,
                               GDestroyNotify      data_free,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PasswordJob *job;

  g_task_set_source_tag (task, jfd_shared_run_password_async);
  if (g_thread_pool_unprocessed (self->workers) >= PASSWORD_QUEUE_LIMIT)
    {
      if (data_free != NULL)
        data_free (data);
      g_task_return_new_error (task, JF_ERROR, JF_ERROR_THROTTLED,
                               "Too many sign-ins at once; try again in a moment");
      return;
    }
  job = g_new0 (PasswordJob, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->task = g_steal_pointer (&task);
  g_thread_pool_push (self->workers, job, NULL);
}

gpointer
jfd_shared_run_password_finish (JfdShared     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
