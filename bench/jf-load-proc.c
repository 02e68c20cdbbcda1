/* jf-load-proc.c: what /proc tells about jiefend and PostgreSQL during a timed run
 *
 * Read here, at the instants the timed run starts and ends, so that signing in (an
 * Argon2id verification per client, costly by design) is counted in neither the CPU
 * time nor the peak memory of the load.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jf-load.h"

/* The fields of /proc/@pid/stat after "pid (comm) ", the state first; NULL if gone. */
static GStrv
stat_fields (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *text = NULL;
  const char *end;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (end = strrchr (text, ')')) == NULL ||
      end[1] == '\0')
    return NULL;
  return g_strsplit (end + 2, " ", -1);
}

/* Fields 14-17 of stat: utime, stime, cutime, cstime, in clock ticks. */
static gint64
ticks (GStrv fields,
       guint n)
{
  gint64 sum = 0;

  for (guint i = 11; i < 11 + n && i < g_strv_length (fields); i++)
    sum += g_ascii_strtoll (fields[i], NULL, 10);
  return sum;
}

gint64
jf_load_proc_cpu_us (int      pid,
                     gboolean children)
{
  g_autofree char *name = g_strdup_printf ("%d", pid);
  g_auto(GStrv) own = stat_fields (name);
  gint64 sum;
  DIR *proc;
  struct dirent *entry;

  if (own == NULL)
    return -1;
  /* With what it has reaped: a backend that exits leaves its time to the postmaster. */
  sum = ticks (own, 4);
  if (children && (proc = opendir ("/proc")) != NULL)
    {
      while ((entry = readdir (proc)) != NULL)
        {
          g_auto(GStrv) fields = NULL;

          if (!g_ascii_isdigit (entry->d_name[0]) ||
              (fields = stat_fields (entry->d_name)) == NULL ||
              g_strv_length (fields) < 13 || g_ascii_strtoll (fields[1], NULL, 10) != pid)
            continue;
          sum += ticks (fields, 2);
        }
      closedir (proc);
    }
  return sum * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

void
jf_load_proc_reset_peak_rss (int pid)
{
  g_autofree char *status_path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *clear_path = g_strdup_printf ("/proc/%d/clear_refs", pid);
  g_autofree char *status = NULL;
  const char *hwm;
  FILE *clear;
  gboolean clear_done = FALSE;

  if (!g_file_get_contents (status_path, &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    {
      g_printerr ("jf-load: cannot read the peak RSS of %d\n", pid);
      return;
    }
  printf ("JF memory-sign-in hwm_kib=%" G_GINT64_FORMAT "\n",
          g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10));
  /* Linux: writing 5 to clear_refs sets VmHWM back to the current RSS. Not with
   * g_file_set_contents (), which writes a new file and renames it over the old. */
  clear = fopen (clear_path, "w");
  if (clear != NULL)
    {
      gboolean written = fputs ("5", clear) >= 0;

      if (fclose (clear) == 0 && written)
        clear_done = TRUE;
    }
  if (!clear_done)
    printf ("JF memory-reset failed\n");
  fflush (stdout);
}
