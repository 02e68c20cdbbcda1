/* jf-desk-admin-page.c: the administrator's console */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "jf-desk-admin-accounts.h"
#include "jf-desk-admin-calendar.h"
#include "jf-desk-admin-categories.h"
#include "jf-desk-admin-departments.h"
#include "jf-desk-admin-page.h"
#include "jf-desk-admin-rules.h"
#include "jf-desk-resources.h"

struct _JfDeskAdminPage
{
  GtkWidget               parent_instance;

  /* template children */
  AdwViewStack           *stack;
  JfDeskAdminAccounts    *accounts;
  JfDeskAdminDepartments *departments;
  JfDeskAdminCategories  *categories;
  JfDeskAdminRules       *rules;
  JfDeskAdminCalendar    *calendar;
};

G_DEFINE_FINAL_TYPE (JfDeskAdminPage, jf_desk_admin_page, GTK_TYPE_WIDGET)

static void
section_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jf_desk_admin_page_show (JF_DESK_ADMIN_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
jf_desk_admin_page_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (object), JF_DESK_TYPE_ADMIN_PAGE);
  G_OBJECT_CLASS (jf_desk_admin_page_parent_class)->dispose (object);
}

static void
jf_desk_admin_page_class_init (JfDeskAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const sections[] = { "accounts", "departments", "categories", "rules",
                                           "calendar" };

  object_class->dispose = jf_desk_admin_page_dispose;

  g_type_ensure (JF_DESK_TYPE_ADMIN_ACCOUNTS);
  g_type_ensure (JF_DESK_TYPE_ADMIN_DEPARTMENTS);
  g_type_ensure (JF_DESK_TYPE_ADMIN_CATEGORIES);
  g_type_ensure (JF_DESK_TYPE_ADMIN_RULES);
  g_type_ensure (JF_DESK_TYPE_ADMIN_CALENDAR);
  jf_desk_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, JF_DESK_RESOURCE_PATH
                                               "jf-desk-admin-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, accounts);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, departments);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, categories);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, rules);
  gtk_widget_class_bind_template_child (widget_class, JfDeskAdminPage, calendar);

  /* Alt+1 … Alt+5: the sections in the order of the switcher. */
  gtk_widget_class_install_action (widget_class, "admin.section", "s", section_action);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "admin.section", "s", sections[i]);
}

static void
jf_desk_admin_page_init (JfDeskAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
jf_desk_admin_page_new (JfDeskClient *client,
                        JfDeskOutbox *outbox)
{
  JfDeskAdminPage *self;

  g_return_val_if_fail (JF_DESK_IS_CLIENT (client), NULL);

  self = g_object_new (JF_DESK_TYPE_ADMIN_PAGE, NULL);
  jf_desk_admin_accounts_set_client (self->accounts, client);
  jf_desk_admin_departments_set_client (self->departments, client);
  jf_desk_admin_categories_set_client (self->categories, client);
  jf_desk_admin_rules_set_client (self->rules, client);
  jf_desk_admin_calendar_set_client (self->calendar, client);
  return GTK_WIDGET (self);
}

void
jf_desk_admin_page_show (JfDeskAdminPage *self,
                         const char      *section)
{
  g_return_if_fail (JF_DESK_IS_ADMIN_PAGE (self));

  if (adw_view_stack_get_child_by_name (self->stack, section) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, section);
}

GtkWidget *
jf_desk_admin_page_get_section (JfDeskAdminPage *self,
                                const char      *section)
{
  g_return_val_if_fail (JF_DESK_IS_ADMIN_PAGE (self), NULL);
  return adw_view_stack_get_child_by_name (self->stack, section);
}
