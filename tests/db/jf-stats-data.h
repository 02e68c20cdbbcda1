/* jf-stats-data.h: the hand-made data set of test-stats.c (described there), built
 * through the API with a little SQL, and the codes it lives under
 */
#pragma once

#include "jf-test-env.h"

G_BEGIN_DECLS

#define COUNTY     "220402"         /* 龙山区 */
#define TOWNSHIP_A "220402001"      /* 向阳街道: chuangkou's */
#define VILLAGE_A  "220402001001"   /* 向阳社区 */
#define TOWNSHIP_B "220402002"      /* 南康街道 */
#define VILLAGE_B  "220402002001"   /* 胜利社区 */
#define HOUSING    "220402-housing"
#define LABOUR     "220402-human_resources"

/* Makes the accounts cun_a, cun_b, zhen_b and renshe, sets round populations, and M1..M12
 * in @m[1..12]; @today is YYYY-MM-DD in China Standard Time. */
void   stats_data_build      (JfTestEnv  *env,
                              gint64      m[13],
                              const char *today);
/* Waits until a refresh that began after now has caught up with every change. */
void   stats_data_wait_fresh (JfTestEnv  *env);
/* Registers a matter as @username; its id. */
gint64 stats_data_intake     (JfTestEnv  *env,
                              const char *username,
                              const char *kind,
                              const char *category,
                              const char *source,
                              const char *place,
                              const char *title);

G_END_DECLS
