/* jf-desk-matter-summary.c: a matter as the queue lists it */
#include "config.h"

#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-matter-summary.h"

struct _JfDeskMatterSummary
{
  GObject    parent_instance;

  gint64     id;
  gint64     version;
  char      *number;
  char      *title;
  char      *status;
  char      *kind;
  char      *category;
  char      *parties;
  char      *org_name;
  char      *org_code;
  gint64     assignee_id;
  char      *assignee_name;
  char      *created_at;
  GDateTime *deadline;
  gboolean   violence;
};

G_DEFINE_FINAL_TYPE (JfDeskMatterSummary, jf_desk_matter_summary, G_TYPE_OBJECT)

static void
jf_desk_matter_summary_finalize (GObject *object)
{
  JfDeskMatterSummary *self = JF_DESK_MATTER_SUMMARY (object);

  g_free (self->number);
  g_free (self->title);
  g_free (self->status);
  g_free (self->kind);
  g_free (self->category);
  g_free (self->parties);
  g_free (self->org_name);
  g_free (self->org_code);
  g_free (self->assignee_name);
  g_free (self->created_at);
  g_clear_pointer (&self->deadline, g_date_time_unref);
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

static void
take_string (char       **field,
             JsonObject  *object,
             const char  *member)
{
  if (json_object_has_member (object, member))
    {
      g_free (*field);
      *field = g_strdup (jf_desk_json_string (object, member));
    }
}

/* A queue item has the parties' names as one string; a whole matter has them as objects. */
static void
take_parties (JfDeskMatterSummary *self,
              JsonObject          *object)
{
  JsonArray *parties = jf_desk_json_member_array (object, "parties");
  g_autoptr(GString) names = NULL;

  if (parties == NULL)
    {
      take_string (&self->parties, object, "parties");
      return;
    }
  names = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      const char *name = jf_desk_json_string (jf_desk_json_object (
                                                json_array_get_element (parties, i)), "name");

      if (name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, "、");
      g_string_append (names, name);
    }
  g_free (self->parties);
  self->parties = g_string_free (g_steal_pointer (&names), FALSE);
}

static void
take_deadline (JfDeskMatterSummary *self,
               JsonObject          *object)
{
  const char *due = NULL;

  if (json_object_has_member (object, "deadline_at"))
    due = jf_desk_json_string (object, "deadline_at");
  else if (json_object_has_member (object, "deadline"))
    due = jf_desk_json_string (jf_desk_json_member_object (object, "deadline"), "due_at");
  else
    return;
  g_clear_pointer (&self->deadline, g_date_time_unref);
  self->deadline = jf_desk_parse_time (due);
}

gboolean
jf_desk_matter_summary_update (JfDeskMatterSummary *self,
                               JsonObject          *object)
{
  JsonObject *org, *assignee;
  JsonNode *risk;

  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), FALSE);

  if (object == NULL || jf_desk_json_int (object, "id", 0) != self->id)
    return FALSE;
  self->version = jf_desk_json_int (object, "version", self->version);
  take_string (&self->number, object, "number");
  take_string (&self->title, object, "title");
  take_string (&self->status, object, "status");
  take_string (&self->kind, object, "kind");
  take_string (&self->category, object, "category");
  take_string (&self->created_at, object, "created_at");
  take_parties (self, object);
  take_deadline (self, object);
  if ((org = jf_desk_json_member_object (object, "org")) != NULL)
    {
      take_string (&self->org_name, org, "name");
      take_string (&self->org_code, org, "code");
    }
  if (json_object_has_member (object, "assignee"))
    {
      assignee = jf_desk_json_member_object (object, "assignee");
      self->assignee_id = jf_desk_json_int (assignee, "id", 0);
      g_free (self->assignee_name);
      self->assignee_name = g_strdup (jf_desk_json_string (assignee, "name"));
    }
  if (json_object_has_member (object, "violence"))
    self->violence = jf_desk_json_bool (object, "violence");
  else if ((risk = json_object_get_member (object, "risk")) != NULL)
    self->violence = jf_desk_json_bool (jf_desk_json_object (risk), "violence");
  return TRUE;
}

JfDeskMatterSummary *
jf_desk_matter_summary_new_from_json (JsonObject *object)
{
  JfDeskMatterSummary *self;
  gint64 id = jf_desk_json_int (object, "id", 0);

  if (id <= 0 || jf_desk_json_string (object, "number") == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_MATTER_SUMMARY, NULL);
  self->id = id;
  jf_desk_matter_summary_update (self, object);
  return self;
}

gint64
jf_desk_matter_summary_get_id (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), 0);
  return self->id;
}

gint64
jf_desk_matter_summary_get_version (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), 0);
  return self->version;
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
jf_desk_matter_summary_get_kind (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->kind;
}

const char *
jf_desk_matter_summary_get_category (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->category;
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
jf_desk_matter_summary_get_org_code (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->org_code;
}

gint64
jf_desk_matter_summary_get_assignee_id (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), 0);
  return self->assignee_id;
}

const char *
jf_desk_matter_summary_get_assignee_name (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->assignee_name;
}

const char *
jf_desk_matter_summary_get_created_at (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->created_at;
}

GDateTime *
jf_desk_matter_summary_get_deadline (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), NULL);
  return self->deadline;
}

gboolean
jf_desk_matter_summary_get_violence (JfDeskMatterSummary *self)
{
  g_return_val_if_fail (JF_DESK_IS_MATTER_SUMMARY (self), FALSE);
  return self->violence;
}
