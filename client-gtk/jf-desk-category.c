/* jf-desk-category.c: a category of matter */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-desk-category.h"
#include "jf-desk-json.h"

struct _JfDeskCategory
{
  GObject   parent_instance;

  char     *slug;
  char     *name_zh;
  char     *name_en;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (JfDeskCategory, jf_desk_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLUG,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jf_desk_category_finalize (GObject *object)
{
  JfDeskCategory *self = JF_DESK_CATEGORY (object);

  g_free (self->slug);
  g_free (self->name_zh);
  g_free (self->name_en);
  G_OBJECT_CLASS (jf_desk_category_parent_class)->finalize (object);
}

static void
jf_desk_category_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JfDeskCategory *self = JF_DESK_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_NAME:
      g_value_set_string (value, jf_desk_category_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jf_desk_category_class_init (JfDeskCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jf_desk_category_finalize;
  object_class->get_property = jf_desk_category_get_property;

  properties[PROP_SLUG] =
    g_param_spec_string ("slug", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jf_desk_category_init (JfDeskCategory *self)
{
}

JfDeskCategory *
jf_desk_category_new_from_json (JsonObject *object)
{
  JfDeskCategory *self;
  const char *slug = jf_desk_json_string (object, "slug");
  JsonNode *active;

  if (slug == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_CATEGORY, NULL);
  self->slug = g_strdup (slug);
  self->name_zh = g_strdup (jf_desk_json_string (object, "name_zh"));
  self->name_en = g_strdup (jf_desk_json_string (object, "name_en"));
  active = json_object_get_member (object, "active");
  self->active = active == NULL || jf_desk_json_bool (object, "active");
  return self;
}

const char *
jf_desk_category_get_slug (JfDeskCategory *self)
{
  g_return_val_if_fail (JF_DESK_IS_CATEGORY (self), NULL);
  return self->slug;
}

const char *
jf_desk_category_get_name (JfDeskCategory *self)
{
  const char *preferred, *other;

  g_return_val_if_fail (JF_DESK_IS_CATEGORY (self), NULL);
  preferred = jf_desk_ui_is_chinese () ? self->name_zh : self->name_en;
  other = jf_desk_ui_is_chinese () ? self->name_en : self->name_zh;
  if (preferred != NULL && *preferred != '\0')
    return preferred;
  return other != NULL && *other != '\0' ? other : self->slug;
}

gboolean
jf_desk_category_get_active (JfDeskCategory *self)
{
  g_return_val_if_fail (JF_DESK_IS_CATEGORY (self), FALSE);
  return self->active;
}

gboolean
jf_desk_ui_is_chinese (void)
{
  /* TRANSLATORS: the language of this translation, as an ISO 639 code ("zh" for Chinese).
   * It chooses which of the server's names (Chinese or English) the UI shows. */
  return g_str_has_prefix (_("en"), "zh");
}
