/* jf-desk-category.h: a category of matter, as GET /v1/categories lists it */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define JF_DESK_TYPE_CATEGORY (jf_desk_category_get_type ())
G_DECLARE_FINAL_TYPE (JfDeskCategory, jf_desk_category, JF_DESK, CATEGORY, GObject)

/* NULL unless @object has a slug. */
JfDeskCategory *jf_desk_category_new_from_json (JsonObject     *object);
const char     *jf_desk_category_get_slug      (JfDeskCategory *self);
/* In the UI's language: the Chinese name under a Chinese UI, the English one otherwise. */
const char     *jf_desk_category_get_name      (JfDeskCategory *self);
gboolean        jf_desk_category_get_active    (JfDeskCategory *self);

/* Whether the UI speaks Chinese (names the server keeps in both languages). */
gboolean        jf_desk_ui_is_chinese          (void);

G_END_DECLS
