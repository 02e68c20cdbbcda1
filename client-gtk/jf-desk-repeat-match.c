/* jf-desk-repeat-match.c: an earlier matter and why it was found */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-json.h"
#include "jf-desk-repeat-match.h"

struct _JfDeskRepeatMatch
{
  GObject              parent_instance;

  JfDeskMatterSummary *summary;   /* owned */
  JfDeskRepeatReasons  reasons;
};

G_DEFINE_FINAL_TYPE (JfDeskRepeatMatch, jf_desk_repeat_match, G_TYPE_OBJECT)

/* The spellings of schema/0013's jf.repeat_find, in the order they are described. */
static const struct
{
  const char          *why;
  JfDeskRepeatReasons  reason;
  const char          *label;
} reasons[] = {
  { "same_id_number", JF_DESK_REPEAT_SAME_ID_NUMBER, N_("Same ID number") },
  { "same_phone", JF_DESK_REPEAT_SAME_PHONE, N_("Same phone number") },
  { "same_person", JF_DESK_REPEAT_SAME_PERSON, N_("Same registered person") },
  { "same_name_at_place", JF_DESK_REPEAT_SAME_NAME_AT_PLACE, N_("Same name at this place") },
  { "same_address", JF_DESK_REPEAT_SAME_ADDRESS, N_("Same address") },
  { "same_place", JF_DESK_REPEAT_SAME_PLACE, N_("Same registered place") },
};

static void
jf_desk_repeat_match_finalize (GObject *object)
{
  g_clear_object (&JF_DESK_REPEAT_MATCH (object)->summary);
  G_OBJECT_CLASS (jf_desk_repeat_match_parent_class)->finalize (object);
}

static void
jf_desk_repeat_match_class_init (JfDeskRepeatMatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_repeat_match_finalize;
}

static void
jf_desk_repeat_match_init (JfDeskRepeatMatch *self)
{
}

JfDeskRepeatReasons
jf_desk_repeat_reasons_from_json (JsonArray *why)
{
  JfDeskRepeatReasons found = 0;

  for (guint i = 0; why != NULL && i < json_array_get_length (why); i++)
    {
      JsonNode *node = json_array_get_element (why, i);
      const char *text = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

      for (guint r = 0; text != NULL && r < G_N_ELEMENTS (reasons); r++)
        if (g_str_equal (text, reasons[r].why))
          found |= reasons[r].reason;
    }
  return found;
}

char *
jf_desk_repeat_reasons_describe (JfDeskRepeatReasons found)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; r < G_N_ELEMENTS (reasons); r++)
    {
      if (!(found & reasons[r].reason))
        continue;
      if (text->len > 0)
        /* TRANSLATORS: between two reasons a matter was found ("Same ID number · Same
         * address"). */
        g_string_append (text, C_("repeat reasons", " · "));
      g_string_append (text, g_dgettext (GETTEXT_PACKAGE, reasons[r].label));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

JfDeskRepeatMatch *
jf_desk_repeat_match_new_from_json (JsonObject *item)
{
  g_autoptr(JfDeskMatterSummary) summary = jf_desk_matter_summary_new_from_json (item);
  JfDeskRepeatMatch *self;

  if (summary == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_REPEAT_MATCH, NULL);
  self->summary = g_steal_pointer (&summary);
  self->reasons = jf_desk_repeat_reasons_from_json (jf_desk_json_member_array (item, "why"));
  return self;
}

JfDeskMatterSummary *
jf_desk_repeat_match_get_summary (JfDeskRepeatMatch *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_MATCH (self), NULL);
  return self->summary;
}

gint64
jf_desk_repeat_match_get_id (JfDeskRepeatMatch *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_MATCH (self), 0);
  return jf_desk_matter_summary_get_id (self->summary);
}

JfDeskRepeatReasons
jf_desk_repeat_match_get_reasons (JfDeskRepeatMatch *self)
{
  g_return_val_if_fail (JF_DESK_IS_REPEAT_MATCH (self), 0);
  return self->reasons;
}

void
jf_desk_repeat_match_add_reasons (JfDeskRepeatMatch   *self,
                                  JfDeskRepeatReasons  found)
{
  g_return_if_fail (JF_DESK_IS_REPEAT_MATCH (self));
  self->reasons |= found;
}
