/* jf-desk-category-dialog.c: a category's code and names */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-error.h"
#include "jf-desk-category-dialog.h"
#include "jf-desk-error.h"
#include "jf-desk-field.h"
#include "jf-desk-json.h"
#include "jf-desk-resources.h"

struct _JfDeskCategoryDialog
{
  GtkWindow     parent_instance;

  JfDeskClient *client;       /* owned */
  JfDeskRecord *category;     /* owned; NULL for a new one */
  GCancellable *cancellable;
  char         *status;
  gboolean      busy;

  /* template children */
  GtkWidget    *fields;
  GtkEntry     *slug_entry;
  GtkLabel     *slug_error;
  GtkEntry     *name_zh_entry;
  GtkLabel     *name_zh_error;
  GtkEntry     *name_en_entry;
  GtkLabel     *name_en_error;
  GtkLabel     *status_label;
  GtkButton    *save_button;
};

G_DEFINE_FINAL_TYPE (JfDeskCategoryDialog, jf_desk_category_dialog, GTK_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_status (JfDeskCategoryDialog *self,
            const char           *text,
            gboolean              error)
{
  g_free (self->status);
  self->status = g_strdup (text != NULL ? text : "");
  gtk_label_set_text (self->status_label, self->status);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "status-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "status-error");
}

static void
set_busy (JfDeskCategoryDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  if (busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  gtk_widget_set_sensitive (self->fields, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "category.save", !busy);
}

static void
slug_hint (JfDeskCategoryDialog *self)
{
  jf_desk_field_set_hint (GTK_WIDGET (self->slug_entry), self->slug_error,
                          self->category == NULL
                          ? _("Lower-case letters, digits and “_”, starting with a letter; it "
                              "cannot be changed later.")
                          : _("The code of a category cannot be changed."), "dim-label");
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(JfDeskCategoryDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonObject *category = jf_desk_json_object (root);
  g_autofree char *description = NULL;
  const char *field;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (jf_desk_json_string (category, "slug") != NULL)
    {
      g_signal_emit (self, signals[SAVED], 0, category);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (error == NULL)
    error = jf_error_new (JF_ERROR_MALFORMED, NULL, "An answer without the category");
  field = jf_error_get_field (error);
  description = jf_desk_error_describe (error);
  /* A code already taken is a conflict without a field: it can only be the code. */
  if (self->category == NULL && (g_strcmp0 (field, "slug") == 0 ||
                                 g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT)))
    {
      jf_desk_field_set_error (GTK_WIDGET (self->slug_entry), self->slug_error,
                               g_error_matches (error, JF_ERROR, JF_ERROR_CONFLICT)
                               ? _("A category with this code exists already.")
                               : _("Lower-case letters, digits and “_”, starting with a letter, "
                                   "at most 32."));
      gtk_widget_grab_focus (GTK_WIDGET (self->slug_entry));
      set_status (self, _("Not saved: see the message in red."), TRUE);
    }
  else if (g_strcmp0 (field, "name_zh") == 0)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_zh_entry), self->name_zh_error, description);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_zh_entry));
      set_status (self, _("Not saved: see the message in red."), TRUE);
    }
  else if (g_strcmp0 (field, "name_en") == 0)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_en_entry), self->name_en_error, description);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_en_entry));
      set_status (self, _("Not saved: see the message in red."), TRUE);
    }
  else
    set_status (self, description, TRUE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JfDeskCategoryDialog *self = JF_DESK_CATEGORY_DIALOG (widget);
  g_autofree char *slug = jf_desk_editable_dup_text (GTK_EDITABLE (self->slug_entry));
  g_autofree char *name_zh = jf_desk_editable_dup_text (GTK_EDITABLE (self->name_zh_entry));
  g_autofree char *name_en = jf_desk_editable_dup_text (GTK_EDITABLE (self->name_en_entry));
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GtkWidget *first_bad = NULL;

  if (self->busy)
    return;
  jf_desk_field_set_error (GTK_WIDGET (self->name_zh_entry), self->name_zh_error, NULL);
  jf_desk_field_set_error (GTK_WIDGET (self->name_en_entry), self->name_en_error, NULL);
  if (self->category == NULL && (slug == NULL || !jf_category_slug_is_valid (slug)))
    {
      jf_desk_field_set_error (GTK_WIDGET (self->slug_entry), self->slug_error,
                               _("Lower-case letters, digits and “_”, starting with a letter, "
                                 "at most 32."));
      first_bad = GTK_WIDGET (self->slug_entry);
    }
  else
    slug_hint (self);
  if (name_zh == NULL)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_zh_entry), self->name_zh_error,
                               _("Give the name people at the window read."));
      if (first_bad == NULL)
        first_bad = GTK_WIDGET (self->name_zh_entry);
    }
  if (name_en == NULL)
    {
      jf_desk_field_set_error (GTK_WIDGET (self->name_en_entry), self->name_en_error,
                               _("Give the name the English interface shows."));
      if (first_bad == NULL)
        first_bad = GTK_WIDGET (self->name_en_entry);
    }
  if (first_bad != NULL)
    {
      set_status (self, _("Some fields need attention: see the marks in red."), TRUE);
      gtk_widget_grab_focus (first_bad);
      return;
    }
  if (self->category == NULL)
    json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (object, "name_zh", name_zh);
  json_object_set_string_member (object, "name_en", name_en);
  body = json_node_init_object (json_node_alloc (), object);

  set_busy (self, TRUE);
  set_status (self, _("Saving…"), FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->category == NULL)
    jf_desk_client_request_async (self->client, "POST", "/v1/categories", body, NULL,
                                  self->cancellable, saved_cb, g_object_ref (self));
  else
    {
      g_autofree char *escaped = g_uri_escape_string (
        jf_desk_record_get_string (self->category, "slug"), NULL, FALSE);

      path = g_strdup_printf ("/v1/categories/%s", escaped);
      jf_desk_client_request_async (self->client, "PATCH", path, body, NULL, self->cancellable,
                                    saved_cb, g_object_ref (self));
    }
}

static void
jf_desk_category_dialog_dispose (GObject *object)
{
  JfDeskCategoryDialog *self = JF_DESK_CATEGORY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template () for a window in GTK 4.8 (see jf-desk-window.c). */
  g_clear_object (&self->category);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (jf_desk_category_dialog_parent_class)->dispose (object);
}

static void
jf_desk_category_dialog_finalize (GObject *object)
{
  g_free (JF_DESK_CATEGORY_DIALOG (object)->status);
  G_OBJECT_CLASS (jf_desk_category_dialog_parent_class)->finalize (object);
}

static void
jf_desk_category_dialog_class_init (JfDeskCategoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jf_desk_category_dialog_dispose;
  object_class->finalize = jf_desk_category_dialog_finalize;

  /* The category as the server has it now. */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);

  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-category-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, JfDeskCategoryDialog, name)
  BIND (fields);
  BIND (slug_entry);
  BIND (slug_error);
  BIND (name_zh_entry);
  BIND (name_zh_error);
  BIND (name_en_entry);
  BIND (name_en_error);
  BIND (status_label);
  BIND (save_button);
#undef BIND

  gtk_widget_class_install_action (widget_class, "category.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "category.save", NULL);
}

static void
last_activate_cb (JfDeskCategoryDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "category.save", NULL);
}

static void
jf_desk_category_dialog_init (JfDeskCategoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Enter in a field moves on; in the last one, it saves. */
  g_signal_connect_swapped (self->slug_entry, "activate", G_CALLBACK (gtk_widget_grab_focus),
                            self->name_zh_entry);
  g_signal_connect_swapped (self->name_zh_entry, "activate", G_CALLBACK (gtk_widget_grab_focus),
                            self->name_en_entry);
  g_signal_connect_swapped (self->name_en_entry, "activate", G_CALLBACK (last_activate_cb), self);
}

JfDeskCategoryDialog *
jf_desk_category_dialog_new (GtkWindow    *parent,
                             JfDeskClient *client,
                             JfDeskRecord *category)
{
  JfDeskCategoryDialog *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_CATEGORY_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  if (category != NULL)
    {
      self->category = g_object_ref (category);
      gtk_window_set_title (GTK_WINDOW (self), _("Rename Category"));
      gtk_editable_set_text (GTK_EDITABLE (self->slug_entry),
                             jf_desk_record_get_string (category, "slug"));
      gtk_editable_set_editable (GTK_EDITABLE (self->slug_entry), FALSE);
      gtk_widget_set_can_focus (GTK_WIDGET (self->slug_entry), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_zh_entry),
                             jf_desk_record_get_string (category, "name_zh") != NULL
                             ? jf_desk_record_get_string (category, "name_zh") : "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_en_entry),
                             jf_desk_record_get_string (category, "name_en") != NULL
                             ? jf_desk_record_get_string (category, "name_en") : "");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_zh_entry));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Category"));
      gtk_widget_grab_focus (GTK_WIDGET (self->slug_entry));
    }
  slug_hint (self);
  return self;
}

const char *
jf_desk_category_dialog_get_status (JfDeskCategoryDialog *self)
{
  g_return_val_if_fail (JF_DESK_IS_CATEGORY_DIALOG (self), "");
  return self->status != NULL ? self->status : "";
}
