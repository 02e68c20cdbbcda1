/* jf-desk-admin-departments.c: the departments of a county */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-desk-admin-departments.h"
#include "jf-desk-columns.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-record.h"
#include "jf-desk-resources.h"

struct _JfDeskAdminDepartments
{
  GtkWidget      parent_instance;

  JfDeskClient  *client;        /* owned */
  GListStore    *items;         /* owned; of JfDeskRecord */
  GtkStringList *county_names;  /* owned; what the drop-down shows */
  GPtrArray     *county_codes;  /* owned; in the drop-down's order */
  GCancellable  *cancellable;   /* the county being read */
  gboolean       started;

  /* template children */
  GtkDropDown   *county_dropdown;
  GtkLabel      *summary_label;
  GtkStack      *stack;
  GtkColumnView *view;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (JfDeskAdminDepartments, jf_desk_admin_departments, GTK_TYPE_WIDGET)

/* The kinds of department jiefend knows (jf.departments.kind), in people's words. */
static const struct
{
  const char *kind;
  const char *label;
} kinds[] = {
  { "agriculture", N_("Agriculture") },
  { "civil_affairs", N_("Civil affairs") },
  { "court", N_("Court") },
  { "ecology", N_("Ecology and environment") },
  { "education", N_("Education") },
  { "emergency", N_("Emergency management") },
  { "finance", N_("Finance") },
  { "firefighting", N_("Fire and rescue") },
  { "health", N_("Health") },
  { "housing", N_("Housing and construction") },
  { "human_resources", N_("Human resources and social security") },
  { "justice", N_("Justice") },
  { "market_regulation", N_("Market regulation") },
  { "natural_resources", N_("Natural resources") },
  { "petition", N_("Petitions") },
  { "police_station", N_("Police station") },
  { "procuratorate", N_("Procuratorate") },
  { "public_security", N_("Public security") },
  { "tax", N_("Taxation") },
  { "trade_union", N_("Trade union") },
  { "transport", N_("Transport") },
  { "urban_management", N_("Urban management") },
  { "veterans", N_("Veterans affairs") },
  { "water", N_("Water resources") },
  { "women", N_("Women’s federation") },
};

static char *
name_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "name"));
}

static char *
code_text (gpointer item)
{
  return g_strdup (jf_desk_record_get_string (item, "code"));
}

static char *
kind_text (gpointer item)
{
  const char *kind = jf_desk_record_get_string (item, "kind");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return g_strdup (g_dgettext (GETTEXT_PACKAGE, kinds[i].label));
  return g_strdup (kind);
}

static char *
serves_text (gpointer item)
{
  const char *serves = jf_desk_record_get_string (item, "serves");
  const char *name = jf_desk_record_get_string (item, "serves_name");

  if (serves == NULL)
    return g_strdup (_("The whole county"));
  return g_strdup (name != NULL ? name : serves);
}

static char *
state_text (gpointer item)
{
  JsonObject *object = jf_desk_record_get_object (item);

  return g_strdup (!json_object_has_member (object, "active") ||
                   jf_desk_record_get_bool (item, "active") ? _("In use") : _("Out of use"));
}

static const char *
state_style (gpointer item)
{
  JsonObject *object = jf_desk_record_get_object (item);

  return !json_object_has_member (object, "active") || jf_desk_record_get_bool (item, "active")
         ? "success" : "dim-label";
}

/* --- reading ------------------------------------------------------------------------------- */

static void
townships_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(JfDeskAdminDepartments) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) townships = NULL;
  g_autoptr(GHashTable) names = NULL;
  guint n;

  if (root == NULL || self->items == NULL)
    return;
  townships = jf_desk_records_from_json (root);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < townships->len; i++)
    {
      JfDeskRecord *township = g_ptr_array_index (townships, i);
      const char *code = jf_desk_record_get_string (township, "code");

      if (code != NULL && jf_desk_record_get_string (township, "name") != NULL)
        g_hash_table_insert (names, (gpointer) code,
                             (gpointer) jf_desk_record_get_string (township, "name"));
    }
  /* A police station serves a township: by its name. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *serves = jf_desk_record_get_string (record, "serves");

      if (serves != NULL && g_hash_table_contains (names, serves))
        {
          json_object_set_string_member (jf_desk_record_get_object (record), "serves_name",
                                         g_hash_table_lookup (names, serves));
          jf_desk_list_store_changed (self->items, record);
        }
    }
}

static void
departments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(JfDeskAdminDepartments) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *summary = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->items == NULL)
    return;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  records = jf_desk_records_from_json (root);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       records->pdata, records->len);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u department on the platform",
                                          "%u departments on the platform", records->len),
                             records->len);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
county_changed_cb (JfDeskAdminDepartments *self)
{
  guint selected = gtk_drop_down_get_selected (self->county_dropdown);
  const char *county;
  g_autofree char *path = NULL;
  g_autofree char *townships = NULL;

  if (self->county_codes == NULL || selected >= self->county_codes->len)
    return;
  county = g_ptr_array_index (self->county_codes, selected);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->summary_label, "");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  path = g_strdup_printf ("/v1/departments?county=%s", county);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->cancellable,
                                departments_cb, g_object_ref (self));
  townships = g_strdup_printf ("/v1/org-units?parent=%s", county);
  jf_desk_client_request_async (self->client, "GET", townships, NULL, NULL, self->cancellable,
                                townships_cb, g_object_ref (self));
}

static void
counties_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskAdminDepartments) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  g_autoptr(GPtrArray) counties = NULL;
  JfDeskAccount *me;
  const char *home;

  if (self->items == NULL)
    return;
  if (root == NULL)
    {
      g_autofree char *description = jf_desk_error_describe (error);

      self->started = FALSE;
      adw_status_page_set_description (self->error_page, description);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  me = jf_desk_client_get_account (self->client);
  if (me == NULL)
    return;
  home = jf_desk_account_get_org_code (me);
  counties = jf_desk_records_from_json (root);
  for (guint i = 0; i < counties->len; i++)
    {
      JfDeskRecord *county = g_ptr_array_index (counties, i);
      const char *code = jf_desk_record_get_string (county, "code");

      /* A county's administrator has their own county; the city's has all. */
      if (code == NULL || (jf_desk_account_get_org_level (me) != JF_LEVEL_CITY &&
                           !g_str_has_prefix (home, code)))
        continue;
      g_ptr_array_add (self->county_codes, g_strdup (code));
      gtk_string_list_append (self->county_names, jf_desk_record_get_string (county, "name"));
    }
  /* The drop-down selected the first as it came: that one is being read. */
  gtk_drop_down_set_selected (self->county_dropdown, 0);
}

static void
start (JfDeskAdminDepartments *self)
{
  if (self->started || self->client == NULL || jf_desk_client_get_account (self->client) == NULL)
    return;
  self->started = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  jf_desk_client_request_async (self->client, "GET", "/v1/org-units?level=county", NULL, NULL,
                                NULL, counties_cb, g_object_ref (self));
}

/* --- life ---------------------------------------------------------------------------------- */

static void
jf_desk_admin_departments_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jf_desk_admin_departments_parent_class)->map (widget);
  start (JF_DESK_ADMIN_DEPARTMENTS (widget));
  /* The section's keys (Ctrl+N, Ctrl+E …) reach it only with the focus inside. */
  if (!jf_desk_widget_has_focus_within (widget))
    gtk_widget_grab_focus (GTK_WIDGET (JF_DESK_ADMIN_DEPARTMENTS (widget)->county_dropdown));
}

static void
jf_desk_admin_departments_dispose (GObject *object)
{
  JfDeskAdminDepartments *self = JF_DESK_ADMIN_DEPARTMENTS (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), JF_DESK_TYPE_ADMIN_DEPARTMENTS);
  g_clear_object (&self->items);
  g_clear_object (&self->county_names);
  g_clear_pointer (&self->county_codes, g_ptr_array_unref);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_admin_departments_parent_class)->dispose (object);
}

static void
jf_desk_admin_departments_class_init (JfDeskAdminDepartmentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_admin_departments_dispose;
  widget_class->map = jf_desk_admin_departments_map;

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-departments.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminDepartments, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminDepartments, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminDepartments, stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminDepartments, view);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminDepartments, error_page);
}

static void
jf_desk_admin_departments_init (JfDeskAdminDepartments *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  struct {
    const char      *title;
    JfDeskCellText   text;
    JfDeskCellStyle  style;
    JfDeskCellFlags  flags;
    int              width;
  } columns[] = {
    { _("Department"), name_text, NULL, JF_DESK_CELL_PLAIN, 0 },
    { _("Code"), code_text, NULL, JF_DESK_CELL_MONOSPACE | JF_DESK_CELL_DIM, 250 },
    { _("Kind"), kind_text, NULL, JF_DESK_CELL_PLAIN, 150 },
    { _("Serves"), serves_text, NULL, JF_DESK_CELL_PLAIN, 110 },
    { _("State"), state_text, state_style, JF_DESK_CELL_PILL, 80 },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (JF_DESK_TYPE_RECORD);
  self->county_names = gtk_string_list_new (NULL);
  self->county_codes = g_ptr_array_new_with_free_func (g_free);
  gtk_drop_down_set_model (self->county_dropdown, G_LIST_MODEL (self->county_names));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        jf_desk_text_column_new (columns[i].title, columns[i].text, columns[i].style,
                                 columns[i].flags, columns[i].width);

      gtk_column_view_append_column (self->view, column);
    }
  g_signal_connect_object (self->county_dropdown, "notify::selected",
                           G_CALLBACK (county_changed_cb), self, G_CONNECT_SWAPPED);
}

void
jf_desk_admin_departments_set_client (JfDeskAdminDepartments *self,
                                      JfDeskClient           *client)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_DEPARTMENTS (self));
  g_set_object (&self->client, client);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start (self);
}

GListModel *
jf_desk_admin_departments_get_items (JfDeskAdminDepartments *self)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_DEPARTMENTS (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
jf_desk_admin_departments_set_county (JfDeskAdminDepartments *self,
                                      const char             *county)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_DEPARTMENTS (self), FALSE);

  for (guint i = 0; self->county_codes != NULL && i < self->county_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->county_codes, i), county) == 0)
      {
        gtk_drop_down_set_selected (self->county_dropdown, i);
        return TRUE;
      }
  return FALSE;
}
