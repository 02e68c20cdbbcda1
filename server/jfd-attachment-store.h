/* jfd-attachment-store.h: files by content hash, outside any served directory
 *
 * DIR/ab/cd/abcd…(64 hex): the same file uploaded twice is stored once; a name given by a
 * client never reaches the file system. Writes go to a temporary file, are synced and
 * renamed, so a crash leaves either the whole file or none. These functions block: call
 * them on a worker thread (jfd-engine-attachments.c does).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The media type @data really is (by its first bytes), or NULL if it is none we take:
 * image/jpeg, image/png, image/tiff, image/webp, application/pdf. */
const char *jfd_attachment_sniff      (const guint8  *data,
                                       gsize          len);
/* Stores @data and returns its SHA-256 in hex. */
char       *jfd_attachment_store_put  (const char    *directory,
                                       GBytes        *data,
                                       GError       **error);
/* Reads the file of @sha256_hex and checks that it still has that hash. */
GBytes     *jfd_attachment_store_get  (const char    *directory,
                                       const char    *sha256_hex,
                                       GError       **error);

G_END_DECLS
