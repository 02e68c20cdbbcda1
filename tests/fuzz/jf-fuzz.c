/* jf-fuzz.c: a database-less engine and the logging rules of the fuzz targets */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "jf-fuzz.h"
#include "jfd-pool.h"

/* A socket directory that cannot exist: libpq fails at once, the pool declares an outage
 * and answers every later query with "unavailable" without waiting. */
#define NO_DATABASE "host=/nonexistent/jf-fuzz dbname=none connect_timeout=1"

/* LeakSanitizer's own entry point, there only in a sanitized build. */
int __lsan_do_recoverable_leak_check (void) __attribute__ ((weak));

static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         data)
{
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_log_writer_standard_streams (level, fields, n_fields, data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
jf_fuzz_init_logging (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* G_DEBUG=fatal-warnings (the test suites' setting) would make the pool's expected
       * warning fatal; criticals stay fatal. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      g_log_set_writer_func (writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

JfdEngine *
jf_fuzz_engine (void)
{
  static JfdEngine *engine;

  if (engine == NULL)
    {
      /* The catalog and the keys stay NULL: nothing the targets reach before the
       * database reads them. */
      JfdShared *shared = jfd_shared_new (jfd_config_new_defaults (), NULL, NULL, NULL);
      g_autoptr(JfdPool) pool = jfd_pool_new (NO_DATABASE, 1);

      engine = jfd_engine_new (pool, shared);
    }
  return engine;
}

JfdActor *
jf_fuzz_actor_new (JfRole role)
{
  JfdActor *actor = jfd_actor_new ();

  actor->session_id = 1;
  actor->account_id = 1;
  actor->username = g_strdup ("fuzz");
  actor->display_name = g_strdup ("fuzz");
  actor->roles = JF_ROLE_BIT (role);
  actor->org_id = 3;
  actor->org_code = g_strdup ("220402001");
  actor->org_name = g_strdup ("fuzz");
  actor->level = JF_LEVEL_TOWNSHIP;
  actor->department_id = role == JF_ROLE_DEPARTMENT_LIAISON ? 1 : 0;
  actor->department_code = role == JF_ROLE_DEPARTMENT_LIAISON ? g_strdup ("fuzz") : NULL;
  actor->expires_at = G_MAXINT64;
  return actor;
}

void
jf_fuzz_wait_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  ((JfFuzzWait *) data)->result = g_object_ref (result);
}

void
jf_fuzz_wait (JfFuzzWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
jf_fuzz_check_error (const GError *error,
                     gboolean      names_field)
{
  jf_fuzz_assert (error != NULL, "a refusal without an error");
  jf_fuzz_assert (error->domain == JF_ERROR, "an error outside JfError reached the client");
  jf_fuzz_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL),
                  "an error message that is not UTF-8 text");
  jf_fuzz_assert (jf_error_get_field (error) == NULL ||
                  g_utf8_validate (jf_error_get_field (error), -1, NULL),
                  "an error naming a field that is not UTF-8 text");
  /* A client highlights the field an invalid value came from. */
  if (names_field && error->code == JF_ERROR_INVALID)
    jf_fuzz_assert (jf_error_get_field (error) != NULL, "an invalid value without its field");
}

void
jf_fuzz_check_leaks (void)
{
  if (g_strcmp0 (g_getenv ("JF_FUZZ_STRICT"), "1") != 0 || __lsan_do_recoverable_leak_check == NULL)
    return;
  jf_fuzz_assert (__lsan_do_recoverable_leak_check () == 0, "memory leaked by the input");
}
