/* jfd-engine-stats.c: the statistics of a subtree (GET /v1/stats, GET /v1/stats/matters)
 *
 * What each figure counts is defined once, in schema/0014-statistics.sql, which also keeps
 * the rollup that answers them; here a request is checked and scoped. The unit must lie in
 * the caller's subtree (a department's liaison, who sees matters only through their
 * department's inbox, has no subtree to count); the range is whole days in Asia/Shanghai,
 * at most MAX_DAYS of them, by default this calendar year.
 */
#include "config.h"

#include <string.h>

#include "jfd-engine-private.h"
#include "jfd-engine-stats.h"

/* Three years, leap day included: the trends stay a few hundred entries at most. */
#define MAX_DAYS 1096
/* The departments' and villages' lists: the largest first, at most this many. */
#define LIST_LIMIT 100
#define DEFAULT_PAGE 50
#define MAX_PAGE 200

static const JfdStatement document_stmt = {
  "stats_document",
  "SELECT jf.stats_document($1::integer, $2::date, $3::date, $4::integer)::text", 4,
};

static const JfdStatement units_stmt = {
  "stats_units", "SELECT jf.stats_units($1::integer)::text", 1,
};

static const JfdStatement matters_stmt = {
  "stats_matters",
  "SELECT jf.stats_matters($1::integer, $2::date, $3::date, $4, $5, $6::integer, $7::integer, "
  "$8::integer, $9, $10::bigint, $11::integer)::text", 11,
};

typedef enum
{
  KEY_NONE,
  KEY_KIND,
  KEY_CATEGORY,
  KEY_SOURCE,
  KEY_STATUS,
  KEY_LEVEL,
  KEY_SATISFACTION,
  KEY_DEPARTMENT,
  KEY_STAGE,
  KEY_VILLAGE,
} KeyKind;

/* The figures whose matters can be listed: the API's name ("name" or "name.KEY"), the
 * rollup's figure, what KEY names, and which counter (n_pos minus n_neg, 0 for none) a
 * matter must have on some day of the range to be behind the figure. */
static const struct
{
  const char *name;
  const char *figure;
  KeyKind     key;
  gboolean    key_required;
  int         pos;
  int         neg;
} figures[] = {
  { "registered", "cohort", KEY_NONE, FALSE, 1, 0 },
  { "responded", "cohort", KEY_NONE, FALSE, 2, 0 },
  { "responded_on_time", "cohort", KEY_NONE, FALSE, 3, 0 },
  { "response_missed", "cohort", KEY_NONE, FALSE, 1, 3 },
  { "accepted", "cohort", KEY_NONE, FALSE, 4, 0 },
  { "resolved", "cohort", KEY_NONE, FALSE, 5, 0 },
  { "unresolved", "cohort", KEY_NONE, FALSE, 4, 5 },
  { "kind", "kind", KEY_KIND, TRUE, 1, 0 },
  { "category", "category", KEY_CATEGORY, TRUE, 1, 0 },
  { "source", "source", KEY_SOURCE, TRUE, 1, 0 },
  { "status", "status", KEY_STATUS, TRUE, 1, 0 },
  { "level", "level", KEY_LEVEL, TRUE, 1, 0 },
  { "resolved_in", "flow", KEY_NONE, FALSE, 1, 0 },
  { "closed_in", "flow", KEY_NONE, FALSE, 2, 0 },
  { "follow_ups", "followup", KEY_NONE, FALSE, 1, 0 },
  /* The counter is the satisfaction's: set from the key below. */
  { "satisfaction", "followup", KEY_SATISFACTION, TRUE, 0, 0 },
  { "clocks_met", "clock", KEY_NONE, FALSE, 1, 0 },
  { "clocks_on_time", "clock", KEY_NONE, FALSE, 2, 0 },
  { "clocks_late", "clock", KEY_NONE, FALSE, 1, 2 },
  { "department", "dept", KEY_DEPARTMENT, TRUE, 1, 0 },
  { "department_checkin_overdue", "dept", KEY_DEPARTMENT, TRUE, 2, 3 },
  { "department_action_overdue", "dept", KEY_DEPARTMENT, TRUE, 4, 5 },
  { "petition", "petition", KEY_STAGE, TRUE, 1, 0 },
  { "court", "court", KEY_VILLAGE, FALSE, 1, 0 },
};

static const char * const levels[] = { "village", "township", "county", "city", NULL };
static const char * const satisfactions[] = { "satisfied", "basically_satisfied",
                                              "unsatisfied", NULL };
static const char * const stages[] = { "deciding", "not_accepted", "handling", "replied",
                                       "review_requested", "reviewed", "rereview_requested",
                                       "rereviewed", NULL };

/* The unit and the days asked about, as the statements take them. */
typedef struct
{
  char *scope;   /* org_units.id */
  char *from;    /* YYYY-MM-DD */
  char *to;
} Window;

static void
window_clear (Window *w)
{
  g_clear_pointer (&w->scope, g_free);
  g_clear_pointer (&w->from, g_free);
  g_clear_pointer (&w->to, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Window, window_clear)

static gboolean
parse_day (const char  *name,
           const char  *value,
           GDate       *out,
           GError     **error)
{
  g_date_clear (out, 1);
  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-' &&
      g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[5]) && g_ascii_isdigit (value[8]))
    g_date_set_parse (out, value);
  if (!g_date_valid (out) || g_date_get_year (out) < 2000 || g_date_get_year (out) > 2999)
    {
      jf_set_error (error, JF_ERROR_INVALID, name, "Give the day as YYYY-MM-DD");
      return FALSE;
    }
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Whose figures: the unit (default the caller's own) must be in the caller's subtree.
 * Answers its org_units.id, or 0. */
static int
resolve_unit (JfdEngine   *self,
              JfdActor    *actor,
              GHashTable  *query,
              GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const char *code = g_hash_table_lookup (query, "org");
  const JfdOrgUnit *unit;
  JfdPlace place;

  if ((actor->roles & ~JF_ROLE_BIT (JF_ROLE_DEPARTMENT_LIAISON)) == 0)
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, NULL,
                    "Statistics count a centre's matters; a department's liaison works from "
                    "the department's inbox");
      return 0;
    }
  unit = jfd_catalog_org_by_code (catalog, code != NULL ? code : actor->org_code);
  if (unit == NULL)
    {
      jf_set_error (error, JF_ERROR_INVALID, "org", "There is no unit “%s”", code);
      return 0;
    }
  place.org_id = unit->id;
  place.county_id = unit->county_id;
  place.township_id = unit->township_id;
  place.village_id = unit->village_id;
  if (!jfd_actor_covers (actor, &place))
    {
      jf_set_error (error, JF_ERROR_FORBIDDEN, "org", "“%s” is outside your scope", unit->name);
      return 0;
    }
  return unit->id;
}

/* Who may count what, and over which days: the unit as resolve_unit () has it; the days
 * default to this calendar year in Asia/Shanghai. */
static gboolean
resolve_window (JfdEngine   *self,
                JfdActor    *actor,
                GHashTable  *query,
                Window      *out,
                GError     **error)
{
  const char *from = g_hash_table_lookup (query, "from");
  const char *to = g_hash_table_lookup (query, "to");
  int unit_id = resolve_unit (self, actor, query, error);
  GDate first, last;

  if (unit_id == 0)
    return FALSE;
  if (from == NULL || to == NULL)
    {
      g_autoptr(GTimeZone) china = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) now = g_date_time_new_now (china);

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, (GDateYear) g_date_time_get_year (now));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, (GDateYear) g_date_time_get_year (now));
    }
  if ((from != NULL && !parse_day ("from", from, &first, error)) ||
      (to != NULL && !parse_day ("to", to, &last, error)))
    return FALSE;
  /* One end given: the other is the same calendar year's. */
  if (from != NULL && to == NULL)
    g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&first));
  else if (from == NULL && to != NULL)
    g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&last));
  if (g_date_compare (&first, &last) > 0)
    {
      jf_set_error (error, JF_ERROR_INVALID, "to", "The range ends before it starts");
      return FALSE;
    }
  if (g_date_days_between (&first, &last) >= MAX_DAYS)
    {
      jf_set_error (error, JF_ERROR_INVALID, "to", "Ask for at most %d days at a time",
                    MAX_DAYS);
      return FALSE;
    }
  out->scope = g_strdup_printf ("%d", unit_id);
  out->from = format_day (&first);
  out->to = format_day (&last);
  return TRUE;
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(PGresult) res = jfd_engine_query_finish (task, result);
  GError *error = NULL;
  JsonNode *node;

  if (res == NULL)
    return;
  node = jfd_engine_result_json (res, &error);
  if (node == NULL && error == NULL)
    error = jf_error_new (JF_ERROR_INTERNAL, NULL, "The statistics gave no answer");
  if (node == NULL)
    g_task_return_error (task, error);
  else
    jfd_engine_return_json (task, node);
}

void
jfd_engine_stats_async (JfdEngine           *self,
                        JfdActor            *actor,
                        GHashTable          *query,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_auto(Window) w = { NULL, };
  g_autofree char *limit = g_strdup_printf ("%d", LIST_LIMIT);
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_stats_async);
  if (!resolve_window (self, actor, query, &w, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  jfd_engine_query (self, g_steal_pointer (&task), &document_stmt,
                    (const char *[]) { w.scope, w.from, w.to, limit }, answered_cb);
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return value != NULL && g_strv_contains (list, value);
}

/* Checks KEY against what the figure's key names; answers it as the rollup spells it
 * (an id for departments and villages), or NULL for "any". */
static gboolean
resolve_key (JfdEngine   *self,
             guint        i,
             const char  *key,
             char       **out_key,
             int         *out_pos,
             GError     **error)
{
  g_autoptr(JfdCatalog) catalog = jfd_shared_get_catalog (self->shared);
  const JfdDepartment *department;
  const JfdOrgUnit *village;
  gboolean ok = FALSE;

  *out_key = NULL;
  *out_pos = figures[i].pos;
  if (key == NULL)
    {
      if (!figures[i].key_required)
        return TRUE;
      jf_set_error (error, JF_ERROR_INVALID, "figure", "Name the %s: “%s.VALUE”",
                    figures[i].name, figures[i].name);
      return FALSE;
    }
  switch (figures[i].key)
    {
    case KEY_NONE:
      break;
    case KEY_KIND:
      ok = jf_kind_from_string (key, NULL);
      break;
    case KEY_CATEGORY:
      ok = jf_category_slug_is_valid (key) && jfd_catalog_category (catalog, key) != NULL;
      break;
    case KEY_SOURCE:
      ok = jf_source_from_string (key, NULL);
      break;
    case KEY_STATUS:
      ok = jf_status_from_string (key, NULL);
      break;
    case KEY_LEVEL:
      ok = in_list (levels, key);
      break;
    case KEY_STAGE:
      ok = in_list (stages, key);
      break;
    case KEY_SATISFACTION:
      /* followup: n2 satisfied, n3 basically satisfied, n4 unsatisfied; its key is ''. */
      for (guint s = 0; satisfactions[s] != NULL; s++)
        if (g_str_equal (satisfactions[s], key))
          {
            *out_pos = 2 + (int) s;
            *out_key = g_strdup ("");
            return TRUE;
          }
      break;
    case KEY_DEPARTMENT:
      department = jfd_catalog_department_by_code (catalog, key);
      if (department != NULL)
        {
          *out_key = g_strdup_printf ("%d", department->id);
          return TRUE;
        }
      break;
    case KEY_VILLAGE:
      village = jfd_catalog_org_by_code (catalog, key);
      if (village != NULL && village->level == JF_LEVEL_VILLAGE)
        {
          *out_key = g_strdup_printf ("%d", village->id);
          return TRUE;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      jf_set_error (error, JF_ERROR_INVALID, "figure", "“%s” is not a %s to count by", key,
                    figures[i].name);
      return FALSE;
    }
  *out_key = g_strdup (key);
  return TRUE;
}

void
jfd_engine_stats_matters_async (JfdEngine           *self,
                                JfdActor            *actor,
                                GHashTable          *query,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_auto(Window) w = { NULL, };
  const char *figure = g_hash_table_lookup (query, "figure");
  const char *after = g_hash_table_lookup (query, "after");
  const char *limit = g_hash_table_lookup (query, "limit");
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *pos = NULL, *neg = NULL, *home = NULL, *page = NULL;
  const char *dot;
  guint64 number = DEFAULT_PAGE;
  guint i;
  int counter = 0;
  GError *error = NULL;

  g_task_set_source_tag (task, jfd_engine_stats_matters_async);
  if (!resolve_window (self, actor, query, &w, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (figure == NULL)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "figure",
                                               "Say which figure's matters to list"));
      return;
    }
  dot = strchr (figure, '.');
  name = dot != NULL ? g_strndup (figure, (gsize) (dot - figure)) : g_strdup (figure);
  for (i = 0; i < G_N_ELEMENTS (figures); i++)
    if (g_str_equal (figures[i].name, name))
      break;
  if (i == G_N_ELEMENTS (figures))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "figure",
                                               "There is no figure “%s”", name));
      return;
    }
  if (dot != NULL && figures[i].key == KEY_NONE)
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "figure",
                                               "“%s” is not counted by anything", name));
      return;
    }
  if (!resolve_key (self, i, dot != NULL ? dot + 1 : NULL, &key, &counter, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (after != NULL && !g_ascii_string_to_unsigned (after, 10, 1, G_MAXINT64, NULL, NULL))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "after",
                                               "“after” is the “next” of a page"));
      return;
    }
  if (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, MAX_PAGE, &number, NULL))
    {
      g_task_return_error (task, jf_error_new (JF_ERROR_INVALID, "limit",
                                               "The limit is 1 to %d", MAX_PAGE));
      return;
    }
  pos = g_strdup_printf ("%d", counter);
  neg = g_strdup_printf ("%d", figures[i].neg);
  home = g_strdup_printf ("%d", actor->org_id);
  page = g_strdup_printf ("%" G_GUINT64_FORMAT, number);
  jfd_engine_query (self, g_steal_pointer (&task), &matters_stmt,
                    (const char *[]) { w.scope, w.from, w.to, figures[i].figure, key, pos, neg,
                                       home, jf_level_to_string (actor->level), after, page },
                    answered_cb);
}

void
jfd_engine_stats_units_async (JfdEngine           *self,
                              JfdActor            *actor,
                              GHashTable          *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *scope = NULL;
  GError *error = NULL;
  int unit_id;

  g_task_set_source_tag (task, jfd_engine_stats_units_async);
  unit_id = resolve_unit (self, actor, query, &error);
  if (unit_id == 0)
    {
      g_task_return_error (task, error);
      return;
    }
  scope = g_strdup_printf ("%d", unit_id);
  jfd_engine_query (self, g_steal_pointer (&task), &units_stmt, (const char *[]) { scope },
                    answered_cb);
}
