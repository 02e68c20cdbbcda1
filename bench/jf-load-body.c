/* jf-load-body.c: intake requests as a reception window sends them
 *
 * A fixed body would let caches, the JSON reader and the search index see the same text
 * again and again; a clerk types a different person, number and story each time. The
 * bodies here are generated: common surnames and given names, ID numbers of Liaoyuan's
 * districts and counties with a correct check character (GB 11643), mobile numbers, and
 * narratives of the size and kind a window records, one template per category.
 */
#include "config.h"

#include <string.h>

#include "jf-id-number.h"
#include "jf-load.h"

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
  "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "曹",
  "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏",
};

static const char * const given[] = {
  "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
  "娟", "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "华", "玉", "文", "建", "国", "春",
  "梅", "海", "燕", "志", "红", "凤", "淑", "德", "林", "宝", "福", "金", "山", "成", "立",
};

/* Liaoyuan: Longshan, Xi'an, Dongfeng, Dongliao. */
static const char * const regions[] = { "220402", "220403", "220421", "220422" };

/* {A} applicant, {R} respondent, {P} the place, {n} a few, {w} a score, {y} a year,
 * {m} a month, {d} a day, {k} an amount in yuan. */
typedef struct
{
  const char *category;
  const char *title;
  const char *narrative;
} Template;

static const Template templates[] = {
  { "neighbor", "{A}反映楼上{R}家夜间噪音扰民",
    "申请人{A}反映，其楼上住户{R}家近{n}个月来经常在夜间十点后大声放音乐、搬动家具，"
    "影响老人和孩子休息。申请人曾{n}次上门沟通，对方未予改正，双方发生口角。请求社区"
    "出面协调，必要时由网格员和民警共同上门调解。" },
  { "land", "{A}与{R}承包地边界纠纷",
    "申请人{A}称，其家承包地与{R}家相邻，{y}年秋收后对方翻地时越过原有地界约{n}米，"
    "占用申请人耕地。双方对地界标记各执一词，{P}干部曾到场查看但未能达成一致，申请人"
    "请求依据承包合同和原始地界图重新确认边界。" },
  { "labor", "{A}等{w}名工人被拖欠工资",
    "申请人{A}反映，其与{w}名工友在{R}承包的建筑工地务工，自{m}月起工资未结清，共计拖欠"
    "约{k}元。多次向包工头{R}讨要无果，对方以工程款未到位为由推脱。请求协调有关部门督促"
    "支付欠薪。" },
  { "family", "{A}与子女赡养纠纷",
    "申请人{A}年逾七旬，住{P}，育有子女{n}人。近年来子女之间就赡养费分担问题产生矛盾，"
    "长子{R}拒绝按约定每月支付赡养费，老人生活困难。请求村调解委员会组织家庭成员协商，"
    "明确赡养责任。" },
  { "property_management", "{P}小区业主与物业服务纠纷",
    "申请人{A}系小区业主，反映物业公司长期未履行保洁、维修义务，楼道照明损坏{n}个月无人"
    "维修，电梯多次停运。物业公司负责人{R}以部分业主拖欠物业费为由停止服务，双方矛盾"
    "激化。请求街道协调物业服务质量及费用问题。" },
  { "traffic", "{A}与{R}交通事故赔偿纠纷",
    "{m}月{d}日，申请人{A}驾驶电动车在{P}村道与{R}驾驶的农用三轮车发生碰撞，申请人右腿"
    "骨折住院{w}天，花费医疗费约{k}元。交警已出具事故认定书，对方负主要责任，但对赔偿"
    "数额有异议。请求调解赔偿事宜。" },
  { "contract_debt", "{A}与{R}民间借贷纠纷",
    "申请人{A}称，{y}年其借给同村村民{R}人民币{k}元用于养殖，约定一年内归还，有借条为证。"
    "到期后对方以养殖亏损为由拒不还款，申请人多次催要未果。请求调解，协商还款计划。" },
  { "consumer", "{A}购买种子质量纠纷",
    "申请人{A}于今年春耕前在镇上{R}经营的农资店购买玉米种子{w}袋，播种后出苗率不足{n}成，"
    "造成减产。店主称种子无质量问题，拒绝赔偿。请求协调农业部门鉴定并调解赔偿。" },
  { "environment", "{A}等村民反映养殖场异味污染",
    "申请人{A}等村民反映，{P}东头{R}经营的养猪场距离居民区不足百米，粪污未经处理直接排放，"
    "夏季异味严重，蚊蝇滋生，影响周边{w}户村民生活。请求有关部门督促整改。" },
};

static void
append_name (GString *s,
             GRand   *rand)
{
  g_string_append (s, surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
  g_string_append (s, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
  if (g_rand_boolean (rand))
    g_string_append (s, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
}

static void
append_id_number (GString *s,
                  GRand   *rand)
{
  char digits[19];

  g_snprintf (digits, sizeof digits, "%s%04d%02d%02d%03d",
              regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))],
              g_rand_int_range (rand, 1945, 2004), g_rand_int_range (rand, 1, 13),
              g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 1000));
  digits[17] = jf_id_number_check_character (digits);
  digits[18] = '\0';
  g_string_append (s, digits);
}

static void
append_phone (GString *s,
              GRand   *rand)
{
  static const char * const prefixes[] = { "130", "135", "138", "139", "150", "158", "186",
                                           "187", "189", "177" };

  g_string_append_printf (s, "%s%08d", prefixes[g_rand_int_range (rand, 0, 10)],
                          g_rand_int_range (rand, 0, 100000000));
}

/* @template with its markers filled in. */
static void
append_filled (GString    *s,
               const char *template,
               const char *applicant,
               const char *respondent,
               const char *place,
               GRand      *rand)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (s, *p);
          continue;
        }
      switch (p[1])
        {
        case 'A': g_string_append (s, applicant); break;
        case 'R': g_string_append (s, respondent); break;
        case 'P': g_string_append (s, place); break;
        case 'n': g_string_append_printf (s, "%d", g_rand_int_range (rand, 2, 10)); break;
        case 'w': g_string_append_printf (s, "%d", g_rand_int_range (rand, 3, 31)); break;
        case 'y': g_string_append_printf (s, "%d", g_rand_int_range (rand, 2019, 2025)); break;
        case 'm': g_string_append_printf (s, "%d", g_rand_int_range (rand, 1, 13)); break;
        case 'd': g_string_append_printf (s, "%d", g_rand_int_range (rand, 1, 29)); break;
        case 'k':
          g_string_append_printf (s, "%d", g_rand_int_range (rand, 10, 900) * 100);
          break;
        default:
          g_string_append_len (s, p, 3);
          break;
        }
      p += 2;
    }
}

char *
jf_load_body_intake (GRand              *rand,
                     const char * const *orgs,
                     const char * const *places)
{
  const Template *t = &templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];
  guint n_orgs = g_strv_length ((char **) orgs);
  guint at = g_rand_int_range (rand, 0, n_orgs);
  g_autoptr(GString) applicant = g_string_new (NULL);
  g_autoptr(GString) respondent = g_string_new (NULL);
  GString *s = g_string_sized_new (2048);

  append_name (applicant, rand);
  append_name (respondent, rand);
  g_string_append_printf (s, "{\"kind\":\"dispute\",\"category\":\"%s\",\"source\":\"%s\","
                             "\"title\":\"", t->category,
                          g_rand_int_range (rand, 0, 5) == 0 ? "hotline" : "window");
  append_filled (s, t->title, applicant->str, respondent->str, places[at], rand);
  g_string_append (s, "\",\"narrative\":\"");
  append_filled (s, t->narrative, applicant->str, respondent->str, places[at], rand);
  g_string_append_printf (s, "\",\"location\":{\"org\":\"%s\",\"address\":\"%s%d组%d号\"},",
                          orgs[at], places[at], g_rand_int_range (rand, 1, 12),
                          g_rand_int_range (rand, 1, 80));
  g_string_append_printf (s, "\"parties\":[{\"role\":\"applicant\",\"name\":\"%s\","
                             "\"id_number\":\"", applicant->str);
  append_id_number (s, rand);
  g_string_append (s, "\",\"phone\":\"");
  append_phone (s, rand);
  g_string_append_printf (s, "\"},{\"role\":\"respondent\",\"name\":\"%s\"", respondent->str);
  /* The other side is often known by name only when the applicant comes to the window. */
  if (g_rand_boolean (rand))
    {
      g_string_append (s, ",\"id_number\":\"");
      append_id_number (s, rand);
      g_string_append (s, "\",\"phone\":\"");
      append_phone (s, rand);
      g_string_append_c (s, '"');
    }
  g_string_append (s, "}]}");
  return g_string_free (s, FALSE);
}
