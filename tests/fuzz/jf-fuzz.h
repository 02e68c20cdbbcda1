/* jf-fuzz.h: what the libFuzzer targets share
 *
 * A real JfdEngine with no database behind it: its pool points at a socket that does not
 * exist, so every query fails at once with JF_ERROR_UNAVAILABLE. An input that gets that
 * answer has passed every check the engine makes before it would reach PostgreSQL, which
 * is exactly what a target wants to know; an input refused earlier gets the engine's own
 * error. Nothing here is a copy of server code: the targets call what jiefend calls.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "jf-error.h"
#include "jfd-actor.h"
#include "jfd-engine.h"

G_BEGIN_DECLS

/* libFuzzer's entry points (no header of its own declares them). */
int        LLVMFuzzerInitialize    (int           *argc,
                                    char        ***argv);
int        LLVMFuzzerTestOneInput  (const uint8_t *data,
                                    size_t         size);

/* Criticals and errors abort (a g_return_if_fail () reached by input is a bug); other
 * messages are dropped, so that the expected "database unavailable" stays quiet. */
void       jf_fuzz_init_logging    (void);
/* The process's engine, made on first use. */
JfdEngine *jf_fuzz_engine          (void);
/* An actor with @role only, at a township centre, in department 1. */
JfdActor  *jf_fuzz_actor_new       (JfRole        role);
/* An async callback that stores the GAsyncResult; run the context until it came. */
typedef struct
{
  GAsyncResult *result;  /* owned once set */
} JfFuzzWait;
void       jf_fuzz_wait_cb         (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      data);
void       jf_fuzz_wait            (JfFuzzWait   *wait);
/* Aborts with @what when @condition is false: a found bug, shown by libFuzzer. */
#define jf_fuzz_assert(condition, what)                                        \
  G_STMT_START {                                                               \
    if (G_UNLIKELY (!(condition)))                                             \
      g_error ("fuzz oracle violated: %s (%s, %s:%d)", (what), #condition,     \
               __FILE__, __LINE__);                                            \
  } G_STMT_END
/* With JF_FUZZ_STRICT=1 (the replays) and LeakSanitizer: aborts if anything allocated so
 * far is no longer reachable. libFuzzer looks for leaks only while it mutates, not when
 * it replays a file, so the targets call this after every input. */
void       jf_fuzz_check_leaks     (void);
/* The engine's errors are JfErrors whose message and field are UTF-8 (both go into a JSON
 * answer);
 * with @names_field, an invalid value also names its field, as jf-json.h promises. */
void       jf_fuzz_check_error     (const GError *error,
                                    gboolean      names_field);

G_END_DECLS
