/* jf-desk-record.c: a row of reference data */
#include "config.h"

#include "jf-desk-json.h"
#include "jf-desk-record.h"

struct _JfDeskRecord
{
  GObject     parent_instance;

  JsonObject *object;   /* owned */
};

G_DEFINE_FINAL_TYPE (JfDeskRecord, jf_desk_record, G_TYPE_OBJECT)

static void
jf_desk_record_finalize (GObject *object)
{
  g_clear_pointer (&JF_DESK_RECORD (object)->object, json_object_unref);
  G_OBJECT_CLASS (jf_desk_record_parent_class)->finalize (object);
}

static void
jf_desk_record_class_init (JfDeskRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_record_finalize;
}

static void
jf_desk_record_init (JfDeskRecord *self)
{
}

JfDeskRecord *
jf_desk_record_new (JsonObject *object)
{
  JfDeskRecord *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (JF_DESK_TYPE_RECORD, NULL);
  self->object = json_object_ref (object);
  return self;
}

JsonObject *
jf_desk_record_get_object (JfDeskRecord *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECORD (self), NULL);
  return self->object;
}

void
jf_desk_record_set_object (JfDeskRecord *self,
                           JsonObject   *object)
{
  g_return_if_fail (JF_DESK_IS_RECORD (self));
  g_return_if_fail (object != NULL);

  json_object_ref (object);
  g_clear_pointer (&self->object, json_object_unref);
  self->object = object;
}

const char *
jf_desk_record_get_string (JfDeskRecord *self,
                           const char   *member)
{
  g_return_val_if_fail (JF_DESK_IS_RECORD (self), NULL);
  return jf_desk_json_string (self->object, member);
}

gint64
jf_desk_record_get_int (JfDeskRecord *self,
                        const char   *member)
{
  g_return_val_if_fail (JF_DESK_IS_RECORD (self), 0);
  return jf_desk_json_int (self->object, member, 0);
}

gboolean
jf_desk_record_get_bool (JfDeskRecord *self,
                         const char   *member)
{
  g_return_val_if_fail (JF_DESK_IS_RECORD (self), FALSE);
  return jf_desk_json_bool (self->object, member);
}

GPtrArray *
jf_desk_records_from_json (JsonNode *root)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = NULL;

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else
    array = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = jf_desk_json_object (json_array_get_element (array, i));

      if (object != NULL)
        g_ptr_array_add (records, jf_desk_record_new (object));
    }
  return records;
}
