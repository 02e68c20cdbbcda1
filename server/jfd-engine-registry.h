/* jfd-engine-registry.h: the registry of people, places, organisations and things
 * (DOMAIN.md §7), their links to matters, repeat disputes and risk flags */
#pragma once

#include "jfd-engine.h"

G_BEGIN_DECLS

/* Records (jfd-engine-registry.c), search (-registry-search.c), CSV files (-registry-csv.c,
 * -registry-csv-export.c); their links to matters, repeat disputes and risk
 * (jfd-engine-repeat.c). People and places belong to a unit; a user sees the registry of their subtree. Answers
 * are documents, finished with jfd_engine_finish () unless said otherwise. */
typedef enum
{
  JFD_REGISTRY_PEOPLE,
  JFD_REGISTRY_PLACES,
  JFD_REGISTRY_ORGANISATIONS,
  JFD_REGISTRY_THINGS,
} JfdRegistryKind;

/* A duplicate (a person's ID number, an address within a unit, a credit code) is a
 * conflict whose detail is the record that exists: its masked document, or {"id"} alone
 * when it lies outside the actor's scope. */
void       jfd_engine_registry_create_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             JsonObject          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* @reveal (people only): whole ID and phone numbers for the roles that may see them
 * (jfd_personal_may_reveal ()), recorded on the audit log before they are opened. */
void       jfd_engine_registry_get_async    (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             gint64               id,
                                             gboolean             reveal,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* @body: {version, members to change}; null clears an optional member. */
void       jfd_engine_registry_update_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             gint64               id,
                                             JsonObject          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* @query: q, address (people), org, after, limit, names already checked; answers
 * {items, next}. */
void       jfd_engine_registry_search_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             GHashTable          *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* A CSV file of people (name, id_number, phone, address, grid_code, tags), places (kind,
 * name, address, org_code, lat, lng) or organisations (kind, name, credit_code, address,
 * org_code, contact_name); not things. Each row is checked as the body of a new record;
 * all rows are imported in one transaction, or none. Answers {imported}; a file with bad
 * rows is JF_ERROR_INVALID with the detail {"errors": [{row, column, message}, ...]}. */
void       jfd_engine_registry_import_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             GBytes              *csv,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The same columns as CSV with a byte-order mark: the people and places of the actor's
 * subtree (@query: org narrows it), every organisation. @reveal (people only) as for a
 * record, the export recorded with every person in it. */
void       jfd_engine_registry_export_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             JfdRegistryKind      kind,
                                             GHashTable          *query,
                                             gboolean             reveal,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes    *jfd_engine_registry_export_finish (JfdEngine          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* A matter's links to the registry: POST /v1/matters/{id}/links with {person | place |
 * organisation | thing: id, role (people)}, GET (body NULL) and DELETE; each answers the
 * matter's links {people, places, organisations, things}. */
void       jfd_engine_link_registry_async   (JfdEngine *self, JfdActor *actor, gint64 id,
                                             JsonObject *body, GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void       jfd_engine_list_registry_links_async (JfdEngine *self, JfdActor *actor, gint64 id,
                                             JsonObject *body, GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void       jfd_engine_unlink_registry_async (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               matter_id,
                                             JfdRegistryKind      kind,
                                             gint64               target_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* A party of the matter is a registered person: @body {person_id}; answers {party,
 * links}. */
void       jfd_engine_link_party_async      (JfdEngine           *self,
                                             JfdActor            *actor,
                                             gint64               matter_id,
                                             gint64               party_id,
                                             JsonObject          *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Repeat disputes of a matter (GET /v1/matters/{id}/related) and its risk flags
 * (GET /v1/matters/{id}/risks); body NULL. */
void       jfd_engine_related_matters_async (JfdEngine *self, JfdActor *actor, gint64 id,
                                             JsonObject *body, GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
void       jfd_engine_list_risks_async      (JfdEngine *self, JfdActor *actor, gint64 id,
                                             JsonObject *body, GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data);
/* Repeat disputes while an intake is typed (GET /v1/repeat): @query: id_number, phone,
 * name, place_org, address, limit, names already checked; answers {items}. */
void       jfd_engine_repeat_async          (JfdEngine           *self,
                                             JfdActor            *actor,
                                             GHashTable          *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
G_END_DECLS
