/* jf-desk-attachment.c: a file attached to a matter */
#include "config.h"

#include "jf-desk-attachment.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"

struct _JfDeskAttachment
{
  GObject  parent_instance;

  gint64   id;
  char    *filename;
  char    *media_type;
  char    *details;
};

G_DEFINE_FINAL_TYPE (JfDeskAttachment, jf_desk_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILENAME,
  PROP_DETAILS,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jf_desk_attachment_finalize (GObject *object)
{
  JfDeskAttachment *self = JF_DESK_ATTACHMENT (object);

  g_free (self->filename);
  g_free (self->media_type);
  g_free (self->details);
  G_OBJECT_CLASS (jf_desk_attachment_parent_class)->finalize (object);
}

static void
jf_desk_attachment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JfDeskAttachment *self = JF_DESK_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, g_strcmp0 (self->media_type, "application/pdf") == 0
                                 ? "x-office-document-symbolic" : "image-x-generic-symbolic");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_attachment_class_init (JfDeskAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_attachment_finalize;
  object_class->get_property = jf_desk_attachment_get_property;
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_attachment_init (JfDeskAttachment *self)
{
}

JfDeskAttachment *
jf_desk_attachment_new_from_json (JsonObject *object)
{
  JfDeskAttachment *self;
  gint64 id = jf_desk_json_int (object, "id", 0);
  const char *filename = jf_desk_json_string (object, "filename");
  const char *by = jf_desk_json_string (jf_desk_json_member_object (object, "uploaded_by"),
                                        "name");
  g_autofree char *size = g_format_size (jf_desk_json_int (object, "size", 0));
  g_autofree char *at = jf_desk_format_time_text (jf_desk_json_string (object, "uploaded_at"));
  g_autoptr(GString) details = g_string_new (size);

  if (id <= 0 || filename == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_ATTACHMENT, NULL);
  self->id = id;
  self->filename = g_strdup (filename);
  self->media_type = g_strdup (jf_desk_json_string (object, "media_type"));
  if (by != NULL)
    g_string_append_printf (details, " · %s", by);
  if (at != NULL)
    g_string_append_printf (details, " · %s", at);
  self->details = g_string_free (g_steal_pointer (&details), FALSE);
  return self;
}

gint64
jf_desk_attachment_get_id (JfDeskAttachment *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT (self), 0);
  return self->id;
}

const char *
jf_desk_attachment_get_filename (JfDeskAttachment *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT (self), NULL);
  return self->filename;
}

const char *
jf_desk_attachment_get_media_type (JfDeskAttachment *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT (self), NULL);
  return self->media_type;
}

const char *
jf_desk_attachment_get_details (JfDeskAttachment *self)
{
  g_return_val_if_fail (JF_DESK_IS_ATTACHMENT (self), NULL);
  return self->details;
}
