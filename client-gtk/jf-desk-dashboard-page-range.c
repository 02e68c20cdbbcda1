/* jf-desk-dashboard-page-range.c: whose figures, and over which days
 *
 * The unit drop-down holds the path from the caller's own unit down to the unit shown,
 * then the units directly below that one (GET /v1/org-units?parent=): choosing a unit
 * below goes down a level, choosing one on the path goes back up. No one can choose a
 * unit outside their subtree from it, and the server refuses one all the same.
 *
 * The days: this month, this quarter, this year (the default), last year, or two days
 * typed in (YYYY-MM-DD, the first not after the last, at most 1,096 days as the server
 * allows), all in China Standard Time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jf-desk-dashboard-page-private.h"
#include "jf-desk-json.h"
#include "jf-desk-org-unit.h"

/* The server's limit (jfd-engine-stats.c). */
#define MAX_DAYS 1096
/* Up to a quarter and a little, the trend is by week; longer, by month. */
#define WEEKS_UP_TO_DAYS 92
#define DEPTH_KEY "jf-depth"

/* --- the days ------------------------------------------------------------------------------ */

static void
today (GDate *date)
{
  g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (china);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
parse_day (const char *text,
           GDate      *out)
{
  g_date_clear (out, 1);
  if (text == NULL || !g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
    return FALSE;
  g_date_set_parse (out, text);
  return g_date_valid (out) && g_date_get_year (out) >= 2000 && g_date_get_year (out) <= 2999;
}

void
jf_desk_dashboard_range_set_days (JfDeskDashboardPage *self,
                                  const char          *from,
                                  const char          *to)
{
  GDate first, last;
  g_autofree char *label = NULL;

  g_free (self->from);
  self->from = g_strdup (from);
  g_free (self->to);
  self->to = g_strdup (to);
  /* TRANSLATORS: the days counted, on the button that changes them. */
  label = g_strdup_printf (_("%s to %s"), from, to);
  gtk_menu_button_set_label (self->range_button, label);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to);
  if (parse_day (from, &first) && parse_day (to, &last))
    {
      self->weeks = g_date_days_between (&first, &last) < WEEKS_UP_TO_DAYS;
      self->quiet = TRUE;
      gtk_toggle_button_set_active (self->weeks ? self->weeks_button : self->months_button,
                                    TRUE);
      self->quiet = FALSE;
    }
}

static void
set_preset (JfDeskDashboardPage *self,
            RangePreset          preset)
{
  GDate first, last;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  today (&first);
  today (&last);
  switch (preset)
    {
    case RANGE_THIS_MONTH:
      g_date_set_day (&first, 1);
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&last),
                                                       g_date_get_year (&last)));
      break;
    case RANGE_THIS_QUARTER:
      {
        GDateMonth start = (GDateMonth) ((g_date_get_month (&first) - 1) / 3 * 3 + 1);

        g_date_set_dmy (&first, 1, start, g_date_get_year (&first));
        g_date_set_dmy (&last, 1, (GDateMonth) (start + 2), g_date_get_year (&last));
        g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&last),
                                                         g_date_get_year (&last)));
      }
      break;
    case RANGE_LAST_YEAR:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, (GDateYear) (g_date_get_year (&first) - 1));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, (GDateYear) (g_date_get_year (&last) - 1));
      break;
    case RANGE_THIS_YEAR:
    case RANGE_CUSTOM:
    default:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&first));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&last));
      break;
    }
  self->preset = preset;
  from = format_day (&first);
  to = format_day (&last);
  jf_desk_dashboard_range_set_days (self, from, to);
}

static void
range_chosen_cb (JfDeskDashboardPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->range_dropdown);

  if (self->quiet || chosen == GTK_INVALID_LIST_POSITION)
    return;
  if (chosen == RANGE_CUSTOM)
    {
      /* Typed in: the popover asks for the days. */
      gtk_menu_button_popup (self->range_button);
      return;
    }
  set_preset (self, (RangePreset) chosen);
  jf_desk_dashboard_page_load (self);
}

static void
show_range_error (JfDeskDashboardPage *self,
                  GtkWidget           *entry,
                  const char          *message)
{
  gtk_label_set_text (self->range_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->range_error), message != NULL);
  if (entry != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_grab_focus (entry);
    }
}

gboolean
jf_desk_dashboard_range_apply_custom (JfDeskDashboardPage *self)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
  GDate first, last;

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  if (!parse_day (from, &first))
    {
      show_range_error (self, GTK_WIDGET (self->from_entry),
                        _("Give the first day as YYYY-MM-DD, e.g. 2026-01-01."));
      return FALSE;
    }
  if (!parse_day (to, &last))
    {
      show_range_error (self, GTK_WIDGET (self->to_entry),
                        _("Give the last day as YYYY-MM-DD, e.g. 2026-12-31."));
      return FALSE;
    }
  if (g_date_compare (&first, &last) > 0)
    {
      show_range_error (self, GTK_WIDGET (self->to_entry),
                        _("The last day comes before the first."));
      return FALSE;
    }
  if (g_date_days_between (&first, &last) >= MAX_DAYS)
    {
      show_range_error (self, GTK_WIDGET (self->to_entry),
                        _("Count at most 1,096 days (three years) at a time."));
      return FALSE;
    }
  show_range_error (self, NULL, NULL);
  self->preset = RANGE_CUSTOM;
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->range_dropdown, RANGE_CUSTOM);
  self->quiet = FALSE;
  {
    g_autofree char *a = g_strdup (from);
    g_autofree char *b = g_strdup (to);

    jf_desk_dashboard_range_set_days (self, a, b);
  }
  return TRUE;
}

/* The popover closed without days applied: the drop-down says again what is shown. */
static void
popover_closed_cb (JfDeskDashboardPage *self)
{
  if (gtk_drop_down_get_selected (self->range_dropdown) == self->preset)
    return;
  self->quiet = TRUE;
  gtk_drop_down_set_selected (self->range_dropdown, self->preset);
  self->quiet = FALSE;
  show_range_error (self, NULL, NULL);
}

static void
entry_activate_cb (JfDeskDashboardPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dashboard.apply-range", NULL);
}

/* --- the unit ------------------------------------------------------------------------------ */

const char *
jf_desk_dashboard_range_scope (JfDeskDashboardPage *self)
{
  return self->chain->len > 0
    ? jf_desk_org_unit_get_code (self->chain->pdata[self->chain->len - 1]) : NULL;
}

static guint
depth_of (gpointer unit)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (unit), DEPTH_KEY));
}

/* The drop-down: the chain, then @children (of JfDeskOrgUnit) one level below it. */
static void
fill_units (JfDeskDashboardPage *self,
            GPtrArray           *children)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->chain->len; i++)
    {
      g_object_set_data (self->chain->pdata[i], DEPTH_KEY, GUINT_TO_POINTER (i));
      g_ptr_array_add (all, g_object_ref (self->chain->pdata[i]));
    }
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      g_object_set_data (children->pdata[i], DEPTH_KEY, GUINT_TO_POINTER (self->chain->len));
      g_ptr_array_add (all, g_object_ref (children->pdata[i]));
    }
  self->quiet = TRUE;
  g_list_store_splice (self->scope_units, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->scope_units)), all->pdata,
                       all->len);
  gtk_drop_down_set_selected (self->scope_dropdown, self->chain->len - 1);
  self->quiet = FALSE;
}

static void
children_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(JfDeskDashboardPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = jf_desk_client_request_finish (JF_DESK_CLIENT (source), result,
                                                            NULL, NULL, &error);
  JsonArray *items = jf_desk_json_member_array (jf_desk_json_object (root), "items");
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JfDeskOrgUnit *unit = jf_desk_org_unit_new_from_json (
        jf_desk_json_object (json_array_get_element (items, i)));

      if (unit != NULL)
        g_ptr_array_add (children, unit);
    }
  fill_units (self, children);
}

void
jf_desk_dashboard_range_load_units (JfDeskDashboardPage *self)
{
  const char *scope = jf_desk_dashboard_range_scope (self);
  g_autofree char *path = NULL;

  fill_units (self, NULL);
  if (scope == NULL)
    return;
  g_cancellable_cancel (self->units_cancellable);
  g_clear_object (&self->units_cancellable);
  self->units_cancellable = g_cancellable_new ();
  path = g_strdup_printf ("/v1/org-units?parent=%s", scope);
  jf_desk_client_request_async (self->client, "GET", path, NULL, NULL, self->units_cancellable,
                                children_cb, g_object_ref (self));
}

gboolean
jf_desk_dashboard_range_set_scope (JfDeskDashboardPage *self,
                                   const char          *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scope_units));

  if (code == NULL || g_strcmp0 (code, jf_desk_dashboard_range_scope (self)) == 0)
    return code != NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JfDeskOrgUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->scope_units), i);

      if (g_strcmp0 (jf_desk_org_unit_get_code (unit), code) != 0)
        continue;
      if (i < self->chain->len)
        g_ptr_array_set_size (self->chain, i + 1);
      else
        g_ptr_array_add (self->chain, g_object_ref (unit));
      jf_desk_dashboard_range_load_units (self);
      return TRUE;
    }
  return FALSE;
}

static void
scope_chosen_cb (JfDeskDashboardPage *self)
{
  JfDeskOrgUnit *unit = gtk_drop_down_get_selected_item (self->scope_dropdown);

  if (self->quiet || unit == NULL)
    return;
  jf_desk_dashboard_range_set_scope (self, jf_desk_org_unit_get_code (unit));
  jf_desk_dashboard_page_load (self);
}

/* The button shows the unit's name; the list indents each level under the one above. */
static void
setup_unit_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_unit_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  indent)
{
  JfDeskOrgUnit *unit = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), jf_desk_org_unit_get_name (unit));
  gtk_widget_set_margin_start (label, indent != NULL ? (int) depth_of (unit) * 18 : 0);
}

static GtkListItemFactory *
unit_factory (gboolean indent)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_unit_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_unit_cb), GINT_TO_POINTER (indent));
  return factory;
}

void
jf_desk_dashboard_range_init (JfDeskDashboardPage *self)
{
  JfDeskAccount *account = jf_desk_client_get_account (self->client);
  const char * const presets[] = { _("This month"), _("This quarter"), _("This year"),
                                   _("Last year"), _("Other days…"), NULL };
  g_autoptr(GtkStringList) names = gtk_string_list_new (presets);
  g_autoptr(GtkListItemFactory) button_factory = unit_factory (FALSE);
  g_autoptr(GtkListItemFactory) list_factory = unit_factory (TRUE);

  /* Whose figures: the caller's own unit, to begin with. */
  if (account != NULL)
    g_ptr_array_add (self->chain,
                     jf_desk_org_unit_new (jf_desk_account_get_org_code (account),
                                           jf_desk_account_get_org_name (account),
                                           jf_level_to_string (
                                             jf_desk_account_get_org_level (account)),
                                           NULL));
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (self->scope_units));
  gtk_drop_down_set_factory (self->scope_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->scope_dropdown, list_factory);
  g_signal_connect_object (self->scope_dropdown, "notify::selected",
                           G_CALLBACK (scope_chosen_cb), self, G_CONNECT_SWAPPED);

  self->quiet = TRUE;
  gtk_drop_down_set_model (self->range_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->range_dropdown, RANGE_THIS_YEAR);
  self->quiet = FALSE;
  set_preset (self, RANGE_THIS_YEAR);
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (range_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->range_popover, "closed", G_CALLBACK (popover_closed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
}
