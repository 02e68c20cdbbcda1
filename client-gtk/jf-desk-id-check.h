/* jf-desk-id-check.h: an ID number judged as it is typed, with the reason in words
 *
 * jf_id_number_validate () (common/) decides; this adds what a clerk needs while typing:
 * "still typing" is not an error, a 15-digit number gets its 18-digit form offered, and
 * every reason is translated.
 */
#pragma once

#include <glib.h>

#include "jf-id-number.h"

G_BEGIN_DECLS

typedef enum
{
  JF_DESK_ID_EMPTY,
  JF_DESK_ID_TYPING,    /* digits so far, fewer than 18: no verdict yet */
  JF_DESK_ID_VALID,
  JF_DESK_ID_LEGACY,    /* 15 digits: an old number; see upgraded */
  JF_DESK_ID_INVALID,
} JfDeskIdVerdict;

typedef struct
{
  JfDeskIdVerdict  verdict;
  JfIdNumber       id;          /* when valid */
  char            *message;     /* what to show next to the field */
  char            *upgraded;    /* the 18-digit form of a legacy number, or NULL */
} JfDeskIdCheck;

/* @final: the clerk has left the field (or submits): an incomplete number is an error. */
JfDeskIdCheck *jf_desk_id_check      (const char    *text,
                                      gboolean       final);
void           jf_desk_id_check_free (JfDeskIdCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JfDeskIdCheck, jf_desk_id_check_free)

G_END_DECLS
