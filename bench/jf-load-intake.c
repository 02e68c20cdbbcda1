/* jf-load-intake.c: jf-load intake — POST /v1/matters from concurrent reception clients
 *
 * Each client signs in once, keeps its connection alive and registers matters one after
 * the other at the villages of its own township, each with a fresh Idempotency-Key as a
 * real client sends it. Only 201s count; every other answer is reported by its status.
 */
#include "config.h"

#include <stdio.h>

#include "jf-load.h"

typedef struct
{
  GPtrArray *orgs;    /* char *: the administrative codes where matters are registered */
  GPtrArray *places;  /* char *: their names, for addresses and narratives */
} Intake;

static guint
intake_step (JfLoadClient *client,
             gpointer      data)
{
  Intake *intake = data;
  g_autofree char *body = jf_load_body_intake (client->rand,
                                               (const char * const *) intake->orgs->pdata,
                                               (const char * const *) intake->places->pdata);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *headers = g_strdup_printf ("Idempotency-Key: %s\r\n", key);

  return jf_load_conn_request (client->conn, "POST", "/v1/matters", client->token, headers,
                               body, client->answer);
}

/* The villages of @user's township, as the clerk's own form would offer them. */
static gboolean
find_places (const JfLoadOptions  *options,
             Intake               *intake,
             GError              **error)
{
  g_autoptr(JfLoadClient) client = jf_load_client_new (options, options->user, error);
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(JsonNode) children = NULL;
  g_autofree char *path = NULL;
  JsonObject *org;
  JsonArray *items;

  if (client == NULL || (me = jf_load_get_json (client, "/v1/me", error)) == NULL)
    return FALSE;
  org = json_object_get_object_member (json_node_get_object (me), "org");
  path = g_strdup_printf ("/v1/org-units?parent=%s", json_object_get_string_member (org, "code"));
  if ((children = jf_load_get_json (client, path, error)) == NULL)
    return FALSE;
  items = json_object_get_array_member (json_node_get_object (children), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *unit = json_array_get_object_element (items, i);

      g_ptr_array_add (intake->orgs, g_strdup (json_object_get_string_member (unit, "code")));
      g_ptr_array_add (intake->places, g_strdup (json_object_get_string_member (unit, "name")));
    }
  if (intake->orgs->len == 0)
    {
      g_ptr_array_add (intake->orgs, g_strdup (json_object_get_string_member (org, "code")));
      g_ptr_array_add (intake->places, g_strdup (json_object_get_string_member (org, "name")));
    }
  g_ptr_array_add (intake->orgs, NULL);
  g_ptr_array_add (intake->places, NULL);
  return TRUE;
}

int
jf_load_intake (const JfLoadOptions *options)
{
  Intake intake = { g_ptr_array_new_with_free_func (g_free),
                    g_ptr_array_new_with_free_func (g_free) };
  JfLoadSamples samples;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!find_places (options, &intake, &error))
    {
      g_printerr ("jf-load intake: %s\n", error->message);
      return 1;
    }
  printf ("intake: %u clients as %s for %.0f s at %u places\n", options->clients,
          options->user, options->seconds, intake.orgs->len - 1);
  fflush (stdout);
  jf_load_samples_init (&samples);
  ok = jf_load_drive (options, options->user, options->clients, options->seconds, 201,
                      intake_step, &intake, &samples, &error);
  if (ok)
    jf_load_samples_report (&samples, "intake", options->seconds);
  else
    g_printerr ("jf-load intake: %s\n", error->message);
  jf_load_samples_clear (&samples);
  g_ptr_array_unref (intake.orgs);
  g_ptr_array_unref (intake.places);
  return ok ? 0 : 1;
}
