/* jfd-notifier.c: a LISTEN connection driven by socket readiness */
#include "config.h"

#include <glib-unix.h>

#include "jfd-notifier.h"
#include "jfd-pq.h"

#define RETRY_MS 1000

struct _JfdNotifier
{
  char          *conninfo;
  char         **channels;
  JfdNotifyFunc  func;
  gpointer       user_data;
  GMainContext  *context;
  PGconn        *conn;
  GSource       *watch;
  GSource       *retry;
  gboolean       listening;
};

static void notifier_connect (JfdNotifier *self);

static void
clear_sources (JfdNotifier *self)
{
  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
    }
}

static gboolean
retry_cb (gpointer data)
{
  JfdNotifier *self = data;

  g_clear_pointer (&self->retry, g_source_unref);
  notifier_connect (self);
  return G_SOURCE_REMOVE;
}

static void
notifier_down (JfdNotifier *self)
{
  clear_sources (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->listening = FALSE;
  self->retry = g_timeout_source_new (RETRY_MS);
  g_source_set_callback (self->retry, retry_cb, self, NULL);
  g_source_attach (self->retry, self->context);
}

static gboolean
readable_cb (int          fd,
             GIOCondition condition,
             gpointer     data)
{
  JfdNotifier *self = data;
  PGnotify *notify;
  PGresult *res;

  if (!PQconsumeInput (self->conn))
    {
      g_warning ("notification connection lost: %s", PQerrorMessage (self->conn));
      /* Whatever was missed meanwhile, a reconnect is a change of everything. */
      notifier_down (self);
      self->func (NULL, NULL, self->user_data);
      return G_SOURCE_REMOVE;
    }
  while (!PQisBusy (self->conn) && (res = PQgetResult (self->conn)) != NULL)
    PQclear (res);
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      self->func (notify->relname, notify->extra, self->user_data);
      PQfreemem (notify);
    }
  return G_SOURCE_CONTINUE;
}

static void
notifier_connect (JfdNotifier *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);

  /* Connecting blocks briefly; this is the main loop, which serves no request. */
  self->conn = jfd_pq_connect (self->conninfo, "jiefend-notify", &error);
  if (self->conn == NULL)
    {
      notifier_down (self);
      return;
    }
  for (guint i = 0; self->channels[i] != NULL; i++)
    g_string_append_printf (sql, "LISTEN %s;", self->channels[i]);
  if (!PQsendQuery (self->conn, sql->str) || PQsetnonblocking (self->conn, 1) != 0)
    {
      notifier_down (self);
      return;
    }
  self->watch = g_unix_fd_source_new (PQsocket (self->conn), G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->watch, G_SOURCE_FUNC (readable_cb), self, NULL);
  g_source_set_static_name (self->watch, "[jiefend] notifications");
  g_source_attach (self->watch, self->context);
  self->listening = TRUE;
}

JfdNotifier *
jfd_notifier_new (const char          *conninfo,
                  const char * const  *channels,
                  JfdNotifyFunc        func,
                  gpointer             user_data)
{
  JfdNotifier *self = g_new0 (JfdNotifier, 1);

  self->conninfo = g_strdup (conninfo);
  self->channels = g_strdupv ((char **) channels);
  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  notifier_connect (self);
  return self;
}

void
jfd_notifier_free (JfdNotifier *self)
{
  if (self == NULL)
    return;
  clear_sources (self);
  g_clear_pointer (&self->conn, PQfinish);
  g_main_context_unref (self->context);
  g_strfreev (self->channels);
  g_free (self->conninfo);
  g_free (self);
}
