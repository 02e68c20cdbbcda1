/* jfd-ctl-demo-text.c: Chinese names and texts for demo matters
 *
 * Each category has a few typical cases (DOMAIN.md §8), each a title, a narrative and the
 * outcome of its resolution, with slots: {A} applicant, {B} respondent, {C} company,
 * {P} place, {N} an amount, {H} half of it, {M} a monthly sum, {K} a small count.
 */
#include "config.h"

#include <string.h>

#include "jfd-ctl-demo.h"

/* Common surnames, the most common repeated so that they come up as often as in life. */
static const char * const surnames[] = {
  "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "杨",
  "赵", "赵", "黄", "周", "吴", "徐", "孙", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
  "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "于", "董", "萧", "程", "曹", "袁",
  "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
  "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石",
  "姚", "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦",
  "江", "史", "顾", "侯", "邵", "孟", "龙", "万", "段", "钱", "汤", "尹", "常", "武", "乔",
  "贺", "付", "关", "隋", "佟", "鲍", "那", "富", "吉", "郎",
};

static const char * const male_given[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
  "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "峰",
  "建国", "建华", "国庆", "志强", "永刚", "海涛", "振华", "立军", "德胜", "长青", "宝山",
  "玉林", "文博", "子豪", "浩然", "俊杰", "志远", "明轩", "金龙", "福生", "春雷", "铁柱",
};

static const char * const female_given[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂英", "秀英", "玉兰", "秀兰",
  "凤英", "淑珍", "淑华", "丽华", "晓燕", "红梅", "春燕", "海燕", "雪梅", "丽娟", "美玲",
  "婷婷", "欣怡", "梓涵", "雨桐", "佳怡", "思雨", "梦瑶", "丹", "萍", "颖", "琳", "慧",
};

static const char * const firm_words[] = {
  "宏达", "鑫源", "华泰", "金鼎", "瑞丰", "恒信", "博远", "兴业", "永盛", "福运", "天成",
  "嘉禾", "盛世", "东方", "龙腾", "汇通", "万隆", "吉祥", "合众", "鼎盛",
};

static const char * const firm_places[] = { "辽源市", "辽源市", "东丰县", "东辽县", "吉林省" };

#define PICK(array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

void
jfd_demo_person_name (GRand    *rand,
                      gboolean  male,
                      GString  *out)
{
  g_string_append (out, PICK (surnames));
  g_string_append (out, male ? PICK (male_given) : PICK (female_given));
}

void
jfd_demo_company_name (GRand      *rand,
                       JfCategory  category,
                       GString    *out)
{
  static const char * const labor[] = { "建筑工程有限公司", "劳务派遣有限公司", "服装制造有限公司",
                                        "食品加工有限公司", "建材有限公司" };
  static const char * const property[] = { "物业服务有限公司", "物业管理有限公司",
                                           "供热有限公司" };
  static const char * const consumer[] = { "家电销售有限公司", "电动车销售部", "装饰工程有限公司",
                                           "健身服务有限公司", "教育咨询有限公司" };
  static const char * const medical[] = { "医院", "口腔诊所", "中医诊所" };
  static const char * const environment[] = { "木材加工厂", "养殖场", "饭店", "汽车修理厂",
                                              "混凝土有限公司" };
  static const char * const trade[] = { "商贸有限公司", "农资经销处", "粮食收购站", "运输有限公司" };

  g_string_append (out, PICK (firm_places));
  g_string_append (out, PICK (firm_words));
  switch (category)
    {
    case JF_CATEGORY_LABOR:
      g_string_append (out, PICK (labor));
      break;
    case JF_CATEGORY_PROPERTY_MANAGEMENT:
      g_string_append (out, PICK (property));
      break;
    case JF_CATEGORY_CONSUMER:
      g_string_append (out, PICK (consumer));
      break;
    case JF_CATEGORY_MEDICAL:
      g_string_append (out, PICK (medical));
      break;
    case JF_CATEGORY_ENVIRONMENT:
      g_string_append (out, PICK (environment));
      break;
    default:
      g_string_append (out, PICK (trade));
    }
}

typedef struct
{
  const char *title;
  const char *narrative;
  const char *outcome;
} Case;

static const Case neighbor[] = {
  { "{A}反映楼上住户夜间噪音扰民",
    "{A}反映，其居住的{P}楼上住户{B}家中经常在夜间十点以后跑跳、拖动家具，严重影响家人休息，"
    "双方多次沟通未果，{A}情绪较大，请求中心协调解决。",
    "经调解员上门沟通，{B}承诺晚十点后不再从事产生噪音的活动，并在地面铺设地垫，双方握手言和。" },
  { "{A}与{B}因楼上漏水引发纠纷",
    "{A}称其位于{P}的住房卫生间顶棚因楼上{B}家防水层老化长期渗水，墙面发霉、吊顶损坏，"
    "要求{B}维修并赔偿损失约{N}元，{B}认为漏水原因不明，拒绝赔偿。",
    "经现场勘查确认漏水点位于{B}家卫生间，双方达成协议：{B}负责重做防水，并一次性补偿{A}装修损失{H}元。" },
  { "{A}反映邻居{B}长期占用公共楼道堆放杂物",
    "{A}反映，同单元住户{B}长期在{P}公共楼道堆放纸箱、旧家具等杂物，既影响通行又存在消防隐患，"
    "{A}多次劝说无果，双方发生口角。",
    "网格长联合物业上门劝导，{B}于三日内清理了楼道杂物，双方表示今后互谅互让。" },
  { "{A}与{B}因饲养宠物发生纠纷",
    "{A}反映，邻居{B}饲养的大型犬在{P}院内经常不拴绳，近日将{A}的孩子扑倒致轻微擦伤，"
    "{A}要求{B}承担医药费并规范养犬，{B}只同意赔偿部分费用。",
    "经调解，{B}赔偿{A}医药费及误工费共计{H}元，并承诺出门牵绳、按规定办理犬证。" },
  { "{A}与邻居{B}因翻建房屋遮挡采光发生争执",
    "{B}在{P}翻建房屋，新房比原房屋加高一米有余，{A}认为严重遮挡其住房采光，要求{B}停工降低高度，"
    "{B}称已办理手续，双方争执不下。",
    "经住建部门核实规划手续并现场协调，{B}调整屋檐设计并补偿{A}采光损失{H}元，双方签订协议。" },
};

static const Case family[] = {
  { "{A}反映子女不履行赡养义务",
    "{A}现年七十余岁，居住在{P}，老伴去世后独自生活，身体多病，其子{B}以经济困难为由长期不支付赡养费，"
    "{A}请求中心帮助协调。",
    "经调解，{B}同意每月支付赡养费{M}元，并每周回家探望，兄妹轮流照料老人生活。" },
  { "{A}与{B}离婚后财产分割纠纷",
    "{A}与{B}协议离婚后，因共同购买的位于{P}的住房及一台轿车如何分割产生分歧，双方多次争吵，"
    "影响子女生活，申请调解。",
    "经调解，双方同意住房归{A}所有，{A}向{B}支付折价款{N}元，轿车归{B}所有。" },
  { "{A}与儿媳{B}因家庭琐事矛盾激化",
    "{A}与儿子、儿媳{B}共同居住在{P}，因照看孩子、家务分工等琐事长期不和，近日发生激烈争吵，"
    "{B}带孩子回娘家，家庭关系紧张。",
    "调解员多次上门做工作，双方各自反省，约定分开居住、互相照应，家庭恢复和睦。" },
  { "{A}申请协调子女抚养费问题",
    "{A}与前夫{B}离婚时约定孩子由{A}抚养，{B}每月支付抚养费{M}元，但{B}已连续{K}个月未支付，"
    "{A}多次催要无果。",
    "经调解，{B}当场补付拖欠的抚养费，并承诺今后按月通过银行转账支付。" },
};

static const Case land[] = {
  { "{A}与{B}因承包地地界发生纠纷",
    "{A}与{B}系同村村民，两家承包地在{P}相邻，{B}春耕时将地界向{A}家一侧移动约两垄，{A}发现后与其理论，"
    "双方发生争执，请求确认地界。",
    "调解员会同村委会查阅二轮承包台账并现场测量，恢复原地界并埋设界桩，双方签字确认。" },
  { "{A}反映土地流转租金未按约定支付",
    "{A}将其位于{P}的{K}亩承包地流转给{B}经营，约定每年租金{N}元，{B}已拖欠一年未付，{A}多次催要无果。",
    "经调解，{B}当场支付拖欠租金的一半，余款于秋收后一个月内付清。" },
  { "{A}与{B}因林地权属及采伐发生争议",
    "{A}称{P}后山一片林地系其家承包经营，{B}未经同意采伐林木二十余株，{A}要求赔偿{N}元，"
    "{B}称该林地属其家所有。",
    "经自然资源部门核查林权证确认林地属{A}承包，{B}赔偿林木损失{H}元并补栽树苗。" },
  { "{A}与{B}因宅基地边界修建院墙发生纠纷",
    "{B}在{P}修建院墙时占用了{A}家宅基地约半米，{A}要求拆除重建，{B}拒绝，双方多次发生口角。",
    "经现场丈量并对照宅基地使用证，{B}同意将院墙后移至原界线，费用由{B}承担。" },
};

static const Case labor[] = {
  { "{A}等{K}名工人反映{C}拖欠工资",
    "{A}等{K}名农民工在{C}承建的{P}工地务工，工程完工后，{C}以工程款未结算为由拖欠工资共计{N}元，"
    "工人多次讨要未果，情绪激动，请求帮助追讨。",
    "经人社部门与调解员共同协调，{C}筹措资金一次性支付拖欠工资{N}元，工人当场签收。" },
  { "{A}在{C}工作期间受伤要求赔偿",
    "{A}在{C}从事搬运工作时不慎摔伤，住院治疗花费{N}元，{C}未为其缴纳工伤保险，仅垫付了部分医药费，"
    "双方就赔偿数额分歧较大。",
    "经调解，{C}一次性支付{A}医疗费、误工费、营养费等共计{N}元，双方解除劳动关系。" },
  { "{A}与{C}因解除劳动关系经济补偿发生争议",
    "{A}在{C}工作已满{K}年，公司以经营困难为由单方解除劳动合同，未支付经济补偿，{A}要求按法律规定支付补偿金。",
    "经调解，{C}同意支付经济补偿金{N}元，并出具解除劳动关系证明。" },
  { "{A}反映{C}未为其缴纳社会保险",
    "{A}在{C}工作{K}年，公司一直未为其缴纳养老、医疗保险，{A}要求补缴，公司负责人{B}以员工自愿放弃为由拒绝。",
    "经人社部门释法明理，{C}同意为{A}补缴社会保险，双方继续履行劳动合同。" },
};

static const Case property[] = {
  { "{C}与业主{A}物业费纠纷",
    "{A}系{P}业主，以小区电梯经常故障、绿化无人管理为由拒交物业费已两年，共计{N}元，{C}多次催缴未果，双方矛盾加深。",
    "经调解，{C}承诺一个月内完成电梯维保整改，{A}同意补交物业费并获减免滞纳金。" },
  { "{A}反映冬季室内供暖温度不达标",
    "{A}反映，其居住的{P}入冬以来室内温度长期低于十八摄氏度，多次向{C}反映未得到解决，要求减免部分采暖费。",
    "经协调供热企业检修管网，室温已达标，{C}同意对不达标期间按比例退还采暖费{H}元。" },
  { "业主{A}反映小区停车位被长期占用",
    "{A}购买了{P}地下车位，但车位长期被他人车辆占用，{C}管理不到位，{A}要求物业清理并赔偿损失。",
    "物业加装车位地锁并加强巡查，{C}减免{A}三个月车位管理费，{A}表示满意。" },
  { "{A}等业主反映小区电梯长期故障",
    "{A}等业主反映，{P}的电梯近半年频繁故障，曾发生困人事件，{C}以维修资金不足为由拖延维修，业主意见很大。",
    "经住建部门协调启用专项维修资金更换电梯主要部件，{C}承诺加强日常维保。" },
};

static const Case consumer[] = {
  { "{A}反映在{C}购买的电动车存在质量问题",
    "{A}在{C}购买电动车一辆，价格{N}元，使用一个月后电池无法充电，商家以人为损坏为由拒绝三包，{A}要求退货。",
    "经市场监管部门调解，{C}为{A}更换新电池并延长保修期一年。" },
  { "{A}反映{C}停业后预付卡余额无法退还",
    "{A}在{C}办理预付卡，余额{N}元，近日该店突然停业，负责人{B}联系不上，{A}等多名消费者要求退款。",
    "经市场监管部门联系到经营者{B}，其分期退还了消费者预付卡余额。" },
  { "{A}与{C}因房屋装修质量发生纠纷",
    "{A}将位于{P}的住房交由{C}装修，合同价款{N}元，完工后墙面开裂、地板起鼓，{A}要求返工并拒付尾款。",
    "经调解，{C}对问题部位免费返工，{A}在验收合格后支付尾款。" },
};

static const Case traffic[] = {
  { "{A}与{B}因交通事故赔偿发生纠纷",
    "{B}驾驶小型轿车在{P}附近路口与{A}驾驶的电动自行车相撞，致{A}受伤住院，交警部门认定{B}负主要责任，"
    "双方就医疗费、误工费等赔偿金额分歧较大。",
    "经调解，{B}及其保险公司赔偿{A}各项损失共计{N}元，双方签订人民调解协议书。" },
  { "{A}与{B}因车辆刮擦赔偿发生争执",
    "{A}的轿车停放在{P}路边时被{B}驾驶的货车刮擦，{A}要求按4S店报价赔偿{N}元，{B}认为报价过高。",
    "经调解，{B}按定损金额赔偿{A}修车费{H}元，双方当场履行。" },
};

static const Case medical[] = {
  { "{A}对在{C}的治疗结果不满引发纠纷",
    "{A}在{C}接受手术后出现感染，再次住院花费{N}元，{A}认为医院存在过错，要求赔偿，医院认为属于并发症。",
    "经医疗纠纷人民调解委员会组织专家评估，{C}同意给予{A}一次性补偿{H}元。" },
  { "{A}反映在{C}就诊时被多收费用",
    "{A}在{C}就诊后核对费用清单，发现部分检查项目未做却被收费，与院方交涉未果。",
    "经卫生健康部门核查，{C}退还多收费用并向{A}赔礼道歉。" },
};

static const Case requisition[] = {
  { "{A}对房屋征收补偿标准有异议",
    "{A}位于{P}的房屋被列入棚户区改造征收范围，{A}认为评估价格偏低、附属物未计入补偿，拒绝签订补偿协议。",
    "经政策解释和重新核查附属物，补充计入仓房、院墙补偿{H}元，{A}签订了征收补偿协议。" },
  { "{A}反映征地补偿款分配不公",
    "{A}反映，{P}集体土地被征收后，村里分配补偿款时未将其出嫁的女儿计入，{A}认为分配方案不公。",
    "经乡镇政府和村委会依法重新核定分配人员，{A}女儿获得相应份额的补偿款。" },
};

static const Case contract[] = {
  { "{A}与{B}民间借贷纠纷",
    "{B}于前年向{A}借款{N}元用于经营，约定一年内归还，到期后{B}以资金困难为由一再拖延，{A}多次催要未果。",
    "经调解，{B}同意分{K}期归还借款，每月还款{M}元，双方申请司法确认。" },
  { "{A}与{C}因货款结算发生纠纷",
    "{A}向{C}供应粮食一批，货款{N}元，{C}收货后以质量问题为由拒付部分货款，双方对质量标准各执一词。",
    "经调解，双方确认按实际等级结算，{C}于十日内支付货款{H}元。" },
  { "{A}与{B}房屋租赁合同纠纷",
    "{A}将位于{P}的房屋出租给{B}，{B}拖欠房租{K}个月，并擅自转租他人，{A}要求解除合同并收回房屋。",
    "经调解，双方解除租赁合同，{B}结清拖欠租金并于月底前搬离。" },
};

static const Case environment[] = {
  { "{A}等居民反映{C}生产噪声扰民",
    "{A}等居民反映，{P}附近的{C}昼夜生产，机器噪声很大，影响周边居民休息，多次反映未果。",
    "经生态环境部门监测噪声超标，{C}加装隔音设施并调整夜间生产时间，居民表示满意。" },
  { "{A}反映楼下饭店油烟污染",
    "{A}反映，{P}楼下的{C}排烟管道直通居民窗前，油烟和噪音严重影响生活，{A}要求整改。",
    "{C}按要求安装油烟净化设备并改造排烟管道，经复查达标。" },
  { "{A}反映邻近养殖场异味严重",
    "{A}反映，{P}附近的{C}粪污处理不到位，夏季异味严重，蚊蝇滋生，周边村民意见很大。",
    "经农业农村和生态环境部门督促，{C}建设了粪污处理设施，异味问题明显改善。" },
};

static const Case other[] = {
  { "{A}反映{P}路灯损坏影响夜间出行",
    "{A}反映，{P}一带多盏路灯损坏已一个多月，夜间道路漆黑，老人孩子出行不便，存在安全隐患。",
    "经协调城市管理部门维修，损坏路灯已全部恢复照明。" },
  { "{A}咨询并申请困难救助",
    "{A}家住{P}，丈夫患重病长期住院，家庭生活困难，{A}咨询低保和临时救助政策，请求帮助申请。",
    "经民政部门审核，{A}家庭已纳入最低生活保障并获得临时救助金{H}元。" },
  { "{A}反映村务公开不及时",
    "{A}反映，{P}村集体收入支出情况长期未公开，村民对部分项目资金使用有疑问。",
    "经乡镇纪委督促，村委会公开了近三年财务收支明细，并召开村民代表会议作出说明。" },
};

static const struct
{
  const Case *cases;
  guint       n;
} by_category[JF_N_CATEGORIES] = {
  [JF_CATEGORY_NEIGHBOR] = { neighbor, G_N_ELEMENTS (neighbor) },
  [JF_CATEGORY_FAMILY] = { family, G_N_ELEMENTS (family) },
  [JF_CATEGORY_LAND] = { land, G_N_ELEMENTS (land) },
  [JF_CATEGORY_LABOR] = { labor, G_N_ELEMENTS (labor) },
  [JF_CATEGORY_PROPERTY_MANAGEMENT] = { property, G_N_ELEMENTS (property) },
  [JF_CATEGORY_CONSUMER] = { consumer, G_N_ELEMENTS (consumer) },
  [JF_CATEGORY_TRAFFIC] = { traffic, G_N_ELEMENTS (traffic) },
  [JF_CATEGORY_MEDICAL] = { medical, G_N_ELEMENTS (medical) },
  [JF_CATEGORY_LAND_REQUISITION] = { requisition, G_N_ELEMENTS (requisition) },
  [JF_CATEGORY_CONTRACT_DEBT] = { contract, G_N_ELEMENTS (contract) },
  [JF_CATEGORY_ENVIRONMENT] = { environment, G_N_ELEMENTS (environment) },
  [JF_CATEGORY_OTHER] = { other, G_N_ELEMENTS (other) },
};

static void
expand (GString            *out,
        const char         *template,
        const JfdDemoSlots *s,
        guint               count)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (p[1])
        {
        case 'A': g_string_append (out, s->applicant); break;
        case 'B': g_string_append (out, s->respondent != NULL ? s->respondent : "对方"); break;
        case 'C': g_string_append (out, s->company != NULL ? s->company : "该单位"); break;
        case 'P': g_string_append (out, s->place); break;
        case 'N': g_string_append_printf (out, "%u", s->amount); break;
        case 'H': g_string_append_printf (out, "%u", s->amount / 200 * 100); break;
        case 'M': g_string_append_printf (out, "%u", 300 + s->amount % 12 * 100); break;
        case 'K': g_string_append_printf (out, "%u", count); break;
        default: g_string_append_len (out, p, 3); break;
        }
      p += 2;
    }
}

static const char * const preambles[JF_N_SOURCES] = {
  [JF_SOURCE_WINDOW] = "",
  [JF_SOURCE_GRID] = "网格长入户走访时了解到：",
  [JF_SOURCE_HOTLINE] = "12345热线转办：",
  [JF_SOURCE_POLICE] = "110非警务警情移交：",
  [JF_SOURCE_COURT] = "人民法院委派调解：",
  [JF_SOURCE_PETITION] = "来访群众反映：",
  [JF_SOURCE_MOBILE_POINT] = "流动百姓说事点收集：",
  [JF_SOURCE_ONLINE] = "群众通过网上平台反映：",
};

void
jfd_demo_matter_text (GRand              *rand,
                      JfCategory          category,
                      JfSource            source,
                      const JfdDemoSlots *slots,
                      GString            *title,
                      GString            *narrative,
                      GString            *outcome)
{
  const Case *c = &by_category[category].cases[g_rand_int_range (rand, 0,
                                                                   by_category[category].n)];
  guint count = (guint) g_rand_int_range (rand, 3, 13);

  expand (title, c->title, slots, count);
  g_string_append (narrative, preambles[source]);
  expand (narrative, c->narrative, slots, count);
  expand (outcome, c->outcome, slots, count);
}

const char *
jfd_demo_not_accepted (GRand       *rand,
                       const char **out_redirect_to)
{
  static const struct { const char *reason, *to; } refusals[] = {
    { "该事项已进入诉讼程序，不属于人民调解受理范围，已告知当事人等待法院裁判。", "人民法院" },
    { "该事项属于劳动人事争议仲裁受理范围，已告知当事人申请仲裁。", "劳动人事争议仲裁委员会" },
    { "该事项涉嫌违法犯罪，已告知当事人向公安机关报案。", "公安机关" },
    { "申请人拒绝提供基本情况，对方当事人明确拒绝调解。", "人民法院" },
    { "该事项属于行政复议范围，已告知当事人依法申请行政复议。", "行政复议机关" },
  };
  guint i = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (refusals));

  *out_redirect_to = refusals[i].to;
  return refusals[i].reason;
}

const char *
jfd_demo_withdraw_reason (GRand *rand)
{
  static const char * const reasons[] = {
    "双方自行和解，申请人撤回申请。",
    "申请人表示已通过其他途径解决，撤回申请。",
    "对方已主动履行，申请人撤回申请。",
  };
  return PICK (reasons);
}

const char *
jfd_demo_mediation_room (GRand *rand)
{
  static const char * const rooms[] = { "调解室", "第一调解室", "第二调解室", "心理疏导室",
                                        "百姓说事室", "法官工作室" };
  return PICK (rooms);
}

const char *
jfd_demo_feedback (GRand *rand)
{
  static const char * const feedback[] = {
    "已会同相关单位现场核查处理，问题已解决。",
    "已约谈责任单位并督促整改，整改已完成。",
    "已依法作出处理决定，并向当事人反馈。",
  };
  return PICK (feedback);
}

const char *
jfd_demo_followup_note (GRand          *rand,
                        JfSatisfaction  satisfaction)
{
  static const char * const satisfied[] = { "当事人对处理结果满意。", "协议已履行完毕，双方满意。",
                                            "回访时当事人表示感谢。" };
  static const char * const basically[] = { "当事人基本满意，希望今后加强管理。",
                                            "协议大部分已履行，当事人基本满意。" };

  if (satisfaction == JF_SATISFACTION_SATISFIED)
    return PICK (satisfied);
  return PICK (basically);
}

gboolean
jfd_demo_category_has_company (JfCategory category)
{
  return category == JF_CATEGORY_LABOR || category == JF_CATEGORY_PROPERTY_MANAGEMENT ||
         category == JF_CATEGORY_CONSUMER || category == JF_CATEGORY_MEDICAL ||
         category == JF_CATEGORY_ENVIRONMENT || category == JF_CATEGORY_CONTRACT_DEBT;
}

const char *
jfd_demo_lead_department (JfCategory category)
{
  static const char * const leads[JF_N_CATEGORIES] = {
    [JF_CATEGORY_NEIGHBOR] = "urban_management",
    [JF_CATEGORY_FAMILY] = "women",
    [JF_CATEGORY_LAND] = "natural_resources",
    [JF_CATEGORY_LABOR] = "human_resources",
    [JF_CATEGORY_PROPERTY_MANAGEMENT] = "housing",
    [JF_CATEGORY_CONSUMER] = "market_regulation",
    [JF_CATEGORY_TRAFFIC] = "public_security",
    [JF_CATEGORY_MEDICAL] = "health",
    [JF_CATEGORY_LAND_REQUISITION] = "natural_resources",
    [JF_CATEGORY_CONTRACT_DEBT] = "justice",
    [JF_CATEGORY_ENVIRONMENT] = "ecology",
    [JF_CATEGORY_OTHER] = "civil_affairs",
  };
  return leads[category];
}
