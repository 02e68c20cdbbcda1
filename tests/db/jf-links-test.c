/* jf-links-test.c: the shared part of the links' db tests */
#include "config.h"

#include <stdarg.h>

#include "jf-links-test.h"

JfTestEnv *links_env;

void
links_setup (void)
{
  /* These tests count rows before and after; the scheduler must not add its warnings
   * for the backdated clocks they make meanwhile. */
  static const char * const quiet[] = { "JIEFEND_SCHEDULER_INTERVAL_MS=600000", NULL };

  links_env = jf_test_env_new_with (quiet);
}

void
links_teardown (void)
{
  g_clear_pointer (&links_env, jf_test_env_free);
}

JfTestResponse *
links_call (const char *method,
            const char *username,
            const char *body,
            const char *path_format,
            ...)
{
  va_list args;
  g_autofree char *path = NULL;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return jf_test_request (links_env->server, method, path,
                          username != NULL ? jf_test_env_token (links_env, username) : NULL,
                          body);
}

gint64
links_sql_int (const char *format,
               ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_int (links_env, sql);
}

char *
links_sql_text (const char *format,
                ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return jf_test_env_sql_text (links_env, sql);
}

void
links_sql (const char *format,
           ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  jf_test_env_sql (links_env, sql);
}

char *
links_snapshot (void)
{
  return jf_test_env_sql_text (links_env,
    "SELECT concat_ws(',', "
    " (SELECT count(*) FROM jf.mediation_sessions), "
    " (SELECT coalesce(sum(version), 0) FROM jf.mediation_sessions), "
    " (SELECT count(*) FROM jf.agreements), "
    " (SELECT coalesce(sum(version), 0) FROM jf.agreements), "
    " (SELECT count(*) FROM jf.judicial_confirmations), "
    " (SELECT coalesce(sum(version), 0) FROM jf.judicial_confirmations), "
    " (SELECT count(*) FROM jf.referrals), "
    " (SELECT coalesce(sum(version), 0) FROM jf.referrals), "
    " (SELECT count(*) FROM jf.petitions), "
    " (SELECT coalesce(sum(version), 0) FROM jf.petitions), "
    " (SELECT count(*) FROM jf.events), (SELECT count(*) FROM jf.deadlines), "
    " (SELECT count(*) FROM jf.deadlines WHERE state = 'running'), "
    " (SELECT count(*) FROM jf.followups), "
    " (SELECT count(*) FROM jf.stream_events), (SELECT sum(version) FROM jf.matters), "
    " (SELECT string_agg(status, '' ORDER BY id) FROM jf.matters))");
}

void
links_assert_unchanged (const char *before)
{
  g_autofree char *after = links_snapshot ();

  g_assert_cmpstr (after, ==, before);
}

char *
links_with_version (const char *template,
                    gint64      version)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  g_auto(GStrv) parts = g_strsplit (template, "%V", -1);

  return g_strjoinv (text, parts);
}

gint64
links_register (const char *kind,
                const char *place,
                const char *title,
                const char *parties_json)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"%s\",\"category\":\"neighbor\",\"source\":\"window\",\"title\":\"%s\","
    "\"narrative\":\"楼上卫生间漏水，楼下天花板受损，双方多次协商未果。\","
    "\"location\":{\"org\":\"%s\",\"address\":\"向阳小区3栋\"},\"parties\":%s}",
    kind, title, place, parties_json != NULL ? parties_json
    : "[{\"role\":\"applicant\",\"name\":\"张三\",\"id_number\":\"" LINKS_ID_APPLICANT "\","
      "\"phone\":\"13900000001\",\"address\":\"向阳小区3栋201\"},"
      "{\"role\":\"respondent\",\"name\":\"李四\",\"id_number\":\"" LINKS_ID_RESPONDENT "\"}]");
  g_autoptr(JfTestResponse) r = links_call ("POST", "chuangkou", body, "/v1/matters");

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

gint64
links_version (gint64 matter)
{
  return links_sql_int ("SELECT version FROM jf.matters WHERE id = %" G_GINT64_FORMAT, matter);
}

const char *
links_status (gint64 matter)
{
  static char status[32];
  g_autofree char *text = links_sql_text ("SELECT status FROM jf.matters WHERE id = %"
                                          G_GINT64_FORMAT, matter);

  g_strlcpy (status, text, sizeof status);
  return status;
}

guint
links_move (const char *username,
            gint64      matter,
            const char *to,
            const char *fields_json)
{
  g_autofree char *body = g_strdup_printf ("{\"to\":\"%s\",\"version\":%" G_GINT64_FORMAT
                                           "%s%s}", to, links_version (matter),
                                           fields_json != NULL ? ",\"fields\":" : "",
                                           fields_json != NULL ? fields_json : "");
  g_autoptr(JfTestResponse) r = links_call ("POST", username, body,
                                            "/v1/matters/%" G_GINT64_FORMAT "/transitions",
                                            matter);

  return r->status;
}

gint64
links_accepted (const char *title,
                gboolean    mediating)
{
  gint64 id = links_register ("dispute", LINKS_VILLAGE, title, NULL);

  g_assert_cmpuint (links_move ("chuangkou", id, "accepted", NULL), ==, 200);
  if (mediating)
    g_assert_cmpuint (links_move ("tiaojie", id, "in_mediation", NULL), ==, 200);
  return id;
}

gint64
links_account (const char *username)
{
  return links_sql_int ("SELECT id FROM jf.accounts WHERE username = '%s'", username);
}

gint64
links_party (gint64 matter,
             guint  position)
{
  return links_sql_int ("SELECT id FROM jf.parties WHERE matter_id = %" G_GINT64_FORMAT
                        " AND position = %u", matter, position);
}

gint64
links_draft (gint64 matter)
{
  g_autofree char *due = links_days_from_today (30);
  g_autofree char *body = g_strdup_printf (
    "{\"parties\":[{\"party_id\":%" G_GINT64_FORMAT "},{\"party_id\":%" G_GINT64_FORMAT "}],"
    "\"facts\":\"2026年10月，李四家卫生间漏水，致张三家天花板受损。\","
    "\"terms\":\"一、李四赔偿张三维修费人民币3000元。\\n二、李四负责修复防水层。\","
    "\"performance_due\":\"%s\"}", links_party (matter, 0), links_party (matter, 1), due);
  g_autoptr(JfTestResponse) r = links_call ("POST", "tiaojie", body,
                                            "/v1/matters/%" G_GINT64_FORMAT "/agreements",
                                            matter);

  jf_test_assert_status (r, 201);
  return jf_test_response_int (r, "id");
}

gint64
links_sealed (gint64 matter)
{
  gint64 id = links_draft (matter);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"party_id\":%" G_GINT64_FORMAT "}",
                                               links_party (matter, i));
      g_autoptr(JfTestResponse) r = links_call ("POST", "tiaojie", body,
                                                "/v1/agreements/%" G_GINT64_FORMAT
                                                "/signatures", id);

      jf_test_assert_status (r, 200);
    }
  {
    g_autoptr(JfTestResponse) r = links_call ("POST", "tiaojie", "{\"mediator\":true}",
                                              "/v1/agreements/%" G_GINT64_FORMAT "/signatures",
                                              id);

    jf_test_assert_status (r, 200);
    g_assert_nonnull (jf_test_response_string (r, "sealed_at"));
  }
  return id;
}

void
links_today (GDate *out_day)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  g_date_clear (out_day, 1);
  g_date_set_dmy (out_day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

char *
links_day (const GDate *day)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (day),
                          (guint) g_date_get_month (day), (guint) g_date_get_day (day));
}

char *
links_days_from_today (int days)
{
  GDate day;

  links_today (&day);
  if (days >= 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  return links_day (&day);
}
