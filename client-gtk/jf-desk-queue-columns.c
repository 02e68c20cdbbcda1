/* jf-desk-queue-columns.c: the queue's columns, their cells and their sorting
 *
 * The server lists the queue by id only (newest first, keyset pages). Sorting by a column
 * therefore sorts the matters loaded so far, not the whole queue; the status line says
 * so while a sort is on. To see the most urgent matters of the whole queue, the Overdue
 * filter asks the server (overdue=true) and pages through only those.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-matter-summary.h"
#include "jf-desk-queue-page-private.h"

/* Without the clock's own warning time in the list, "close" is the last three days. */
#define WARN_SPAN (3 * G_TIME_SPAN_DAY)

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_TITLE,
  COLUMN_STATUS,
  COLUMN_CATEGORY,
  COLUMN_ORG,
  COLUMN_CREATED,
  COLUMN_DEADLINE,
} Column;

#define COLUMN_KEY "jf-column"
#define CLASS_KEY "jf-class"

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
is_final (JfDeskMatterSummary *summary)
{
  JfStatus status;

  return jf_status_from_string (jf_desk_matter_summary_get_status (summary), &status) &&
         jf_status_is_final (status);
}

static void
set_class (GtkWidget  *label,
           const char *css_class)
{
  const char *previous = g_object_get_data (G_OBJECT (label), CLASS_KEY);

  if (previous != NULL)
    gtk_widget_remove_css_class (label, previous);
  g_object_set_data_full (G_OBJECT (label), CLASS_KEY, g_strdup (css_class), g_free);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
}

static void
show_deadline (GtkLabel            *label,
               JfDeskMatterSummary *summary,
               GDateTime           *now)
{
  GDateTime *due = jf_desk_matter_summary_get_deadline (summary);
  g_autofree char *left = NULL;
  g_autofree char *tooltip = NULL;
  GTimeSpan span;

  if (due == NULL || is_final (summary))
    {
      gtk_label_set_text (label, "—");
      set_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), NULL);
      return;
    }
  span = g_date_time_difference (due, now);
  left = jf_desk_format_time_left (due, now);
  gtk_label_set_text (label, left);
  set_class (GTK_WIDGET (label), span < 0 ? "deadline-overdue"
                                 : span < WARN_SPAN ? "deadline-warn" : "deadline-ok");
  {
    g_autofree char *when = jf_desk_format_time (due);

    tooltip = g_strdup_printf (_("Due %s"), when);
  }
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          JfDeskQueuePage          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), COLUMN_KEY));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  switch (column)
    {
    case COLUMN_NUMBER:
      gtk_widget_add_css_class (label, "matter-number");
      break;
    case COLUMN_STATUS:
      gtk_widget_add_css_class (label, "status-pill");
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      break;
    case COLUMN_CREATED:
    case COLUMN_DEADLINE:
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_TITLE:
    case COLUMN_CATEGORY:
    case COLUMN_ORG:
    default:
      break;
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         JfDeskQueuePage          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), COLUMN_KEY));
  JfDeskMatterSummary *summary = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  switch (column)
    {
    case COLUMN_NUMBER:
      gtk_label_set_text (label, jf_desk_matter_summary_get_number (summary));
      break;
    case COLUMN_TITLE:
      {
        g_autofree char *tooltip = NULL;

        gtk_label_set_text (label, jf_desk_matter_summary_get_title (summary));
        /* TRANSLATORS: the tooltip of a title in the queue: the title, then the parties. */
        tooltip = g_strdup_printf (_("%s\nParties: %s"), jf_desk_matter_summary_get_title (summary),
                                   jf_desk_matter_summary_get_parties (summary));
        gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
        set_class (GTK_WIDGET (label), jf_desk_matter_summary_get_violence (summary)
                                       ? "risk-title" : NULL);
      }
      break;
    case COLUMN_STATUS:
      {
        const char *name = jf_desk_matter_summary_get_status (summary);
        g_autofree char *css_class = g_strconcat ("status-", or_empty (name), NULL);
        JfStatus status;

        gtk_label_set_text (label, name != NULL && jf_status_from_string (name, &status)
                                   ? jf_status_label (status) : or_empty (name));
        set_class (GTK_WIDGET (label), css_class);
      }
      break;
    case COLUMN_CATEGORY:
      gtk_label_set_text (label, jf_desk_queue_page_category_name (
                                   self, jf_desk_matter_summary_get_category (summary)));
      break;
    case COLUMN_ORG:
      gtk_label_set_text (label, jf_desk_matter_summary_get_org_name (summary));
      break;
    case COLUMN_CREATED:
      {
        g_autofree char *date = jf_desk_format_date_text (
          jf_desk_matter_summary_get_created_at (summary));

        gtk_label_set_text (label, or_empty (date));
      }
      break;
    case COLUMN_DEADLINE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

        show_deadline (label, summary, now);
        g_hash_table_insert (self->deadline_cells, label, summary);
      }
      break;
    default:
      break;
    }
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           JfDeskQueuePage          *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), COLUMN_KEY));

  if (column == COLUMN_DEADLINE)
    g_hash_table_remove (self->deadline_cells, gtk_list_item_get_child (item));
}

void
jf_desk_queue_columns_tick (JfDeskQueuePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer label, summary;

  g_hash_table_iter_init (&iter, self->deadline_cells);
  while (g_hash_table_iter_next (&iter, &label, &summary))
    show_deadline (label, summary, now);
}

/* --- sorting ------------------------------------------------------------------------------- */

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *ka = g_utf8_collate_key (or_empty (a), -1);
  g_autofree char *kb = g_utf8_collate_key (or_empty (b), -1);

  return g_strcmp0 (ka, kb);
}

static int
compare_ids (JfDeskMatterSummary *a,
             JfDeskMatterSummary *b)
{
  gint64 ia = jf_desk_matter_summary_get_id (a), ib = jf_desk_matter_summary_get_id (b);

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static int
status_rank (JfDeskMatterSummary *summary)
{
  JfStatus status;

  return jf_status_from_string (jf_desk_matter_summary_get_status (summary), &status)
         ? (int) status : JF_N_STATUSES;
}

typedef struct
{
  JfDeskQueuePage *self;     /* unowned: the sorter lives in its column view */
  Column           column;
} SortSpec;

static int
compare_cb (gconstpointer a_item,
            gconstpointer b_item,
            gpointer      data)
{
  JfDeskMatterSummary *a = (JfDeskMatterSummary *) a_item;
  JfDeskMatterSummary *b = (JfDeskMatterSummary *) b_item;
  SortSpec *spec = data;
  Column column = spec->column;
  JfDeskQueuePage *self = spec->self;
  int result = 0;

  switch (column)
    {
    case COLUMN_NUMBER:
      result = g_strcmp0 (jf_desk_matter_summary_get_number (a),
                          jf_desk_matter_summary_get_number (b));
      break;
    case COLUMN_TITLE:
      result = compare_strings (jf_desk_matter_summary_get_title (a),
                                jf_desk_matter_summary_get_title (b));
      break;
    case COLUMN_STATUS:
      /* In the lifecycle's order, not the alphabet's. */
      result = status_rank (a) - status_rank (b);
      break;
    case COLUMN_CATEGORY:
      result = compare_strings (
        jf_desk_queue_page_category_name (self, jf_desk_matter_summary_get_category (a)),
        jf_desk_queue_page_category_name (self, jf_desk_matter_summary_get_category (b)));
      break;
    case COLUMN_ORG:
      result = compare_strings (jf_desk_matter_summary_get_org_name (a),
                                jf_desk_matter_summary_get_org_name (b));
      break;
    case COLUMN_CREATED:
      result = compare_ids (a, b);
      break;
    case COLUMN_DEADLINE:
      {
        GDateTime *da = is_final (a) ? NULL : jf_desk_matter_summary_get_deadline (a);
        GDateTime *db = is_final (b) ? NULL : jf_desk_matter_summary_get_deadline (b);

        /* The soonest first; matters without a running clock last. */
        result = da == NULL ? (db == NULL ? 0 : 1) : db == NULL ? -1
                 : g_date_time_compare (da, db);
      }
      break;
    default:
      break;
    }
  /* Ties keep the server's order: newest first. */
  return result != 0 ? result : compare_ids (b, a);
}

static void
setup_column (JfDeskQueuePage     *self,
              GtkColumnViewColumn *view_column,
              Column               column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  SortSpec *spec = g_new0 (SortSpec, 1);
  g_autoptr(GtkSorter) sorter = NULL;

  spec->self = self;
  spec->column = column;
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, spec, g_free));

  g_object_set_data (G_OBJECT (factory), COLUMN_KEY, GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_column_view_column_set_factory (view_column, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
}

void
jf_desk_queue_columns_setup (JfDeskQueuePage *self)
{
  setup_column (self, self->number_column, COLUMN_NUMBER);
  setup_column (self, self->title_column, COLUMN_TITLE);
  setup_column (self, self->status_column, COLUMN_STATUS);
  setup_column (self, self->category_column, COLUMN_CATEGORY);
  setup_column (self, self->org_column, COLUMN_ORG);
  setup_column (self, self->created_column, COLUMN_CREATED);
  setup_column (self, self->deadline_column, COLUMN_DEADLINE);
}
