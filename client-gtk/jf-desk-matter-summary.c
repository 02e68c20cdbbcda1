/* jf-desk-matter-summary.c: a matter as the queue lists it */
#include "config.h"

#include "jf-desk-json.h"
#include "jf-desk-matter-summary.h"

struct _JfDeskMatterSummary
{
  GObject  parent_instance;

  gint64   id;
  char    *number;
  char    *title;
  char    *status;
  char    *parties;
  char    *org_name;
  char    *created_at;
};

G_DEFINE_FINAL_TYPE (JfDeskMatterSummary, jf_desk_matter_summary, G_TYPE_OBJECT)

static void
jf_desk_matter_summary_finalize (GObject *object)
{
  JfDeskMatterSummary *self = JF_DESK_MATTER_SUMMARY (object);

  g_free (self->number);
  g_free (self->title);
  g_free (self->status);
  g_free (self->parties);
  g_free (self->org_name);
  g_free (self->created_at);
  G_OBJECT_CLASS (jf_desk_matter_summary_parent_class)->finalize (object);
}

static void
jf_desk_matter_summary_class_init (JfDeskMatterSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_matter_summary_finalize;
}

static void
jf_desk_matter_summary_init (JfDeskMatterSummary *self)
{
}

JfDeskMatterSummary *
jf_desk_matter_summary_new_from_json (JsonObject *object)
{
  JfDeskMatterSummary *self;
  gint64 id = jf_desk_json_int (object, "id", 0);
  const char *number = jf_desk_json_string (object, "number");

  if (id <= 0 || number == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_MATTER_SUMMARY, NULL);
  self->id = id;
  self->number = g_strdup (number);
  self->title = g_strdup (jf_desk_json_string (object, "title"));
  self->status = g_strdup (jf_desk_json_string (object, "status"));
  self->parties = g_strdup (jf_desk_json_string (object, "parties"));
  self->org_name = g_strdup (jf_desk_json_string (jf_desk_json_member_object (object, "org"),
                                                  "name"));
  self->created_at = g_strdup (jf_desk_json_string (object, "created_at"));
  return self;
}

gint64
jf_desk_matter_summary_get_id (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), 0);
  return self->id;
}

const char *
jf_desk_matter_summary_get_number (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->number;
}

const char *
jf_desk_matter_summary_get_title (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->title != NULL ? self->title : "";
}

const char *
jf_desk_matter_summary_get_status (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->status;
}

const char *
jf_desk_matter_summary_get_parties (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->parties != NULL ? self->parties : "";
}

const char *
jf_desk_matter_summary_get_org_name (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->org_name != NULL ? self->org_name : "";
}

const char *
jf_desk_matter_summary_get_created_at (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->created_at;
}
