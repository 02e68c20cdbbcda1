/* jfd-ctl-seed-data.c: Liaoyuan's divisions, the departments, categories, deadline rules
 * and demo accounts that `jiefenctl seed` creates
 *
 * The city, the counties and 东丰县's 14 towns carry their real names and codes. The other
 * counties' townships are real names as far as they were known; where a county's current
 * list was not known reliably (站前街道, 安家街道, 辽河街道 and the exact split 10/8/14/15), a
 * plausible name stands in. Township codes are county + 001, 002, ... in this order, not
 * the statistical bureau's. Village and community names are generated from the stems
 * below: they are demo data.
 */
#include "config.h"

#include "jfd-ctl-seed-data.h"

static const char * const longshan[] = {
  "向阳街道", "南康街道", "东吉街道", "西宁街道", "北寿街道", "新兴街道", "山湾街道",
  "站前街道", "寿山镇", "工农乡", NULL
};
static const char * const xian[] = {
  "仙城街道", "东山街道", "福镇街道", "先锋街道", "富国街道", "太安街道", "安家街道",
  "灯塔镇", NULL
};
static const char * const dongfeng[] = {
  "东丰镇", "大阳镇", "横道河镇", "那丹伯镇", "猴石镇", "杨木林镇", "小四平镇", "黄河镇",
  "拉拉河镇", "沙河镇", "南屯基镇", "大兴镇", "三合满族朝鲜族乡", "二龙乡", NULL
};
static const char * const dongliao[] = {
  "白泉镇", "渭津镇", "辽河源镇", "泉太镇", "安石镇", "建安镇", "云顶镇", "平岗镇",
  "安恕镇", "凌云乡", "甲山乡", "足民乡", "金州乡", "宴平乡", "辽河街道", NULL
};

const JfdSeedCounty jfd_seed_counties[JFD_SEED_N_COUNTIES] = {
  { "220402", "龙山区", longshan },
  { "220403", "西安区", xian },
  { "220421", "东丰县", dongfeng },
  { "220422", "东辽县", dongliao },
};

const JfdSeedWord jfd_seed_department_kinds[] = {
  { "public_security", "公安局", "Public security bureau" },
  { "court", "人民法院", "People's court" },
  { "procuratorate", "人民检察院", "People's procuratorate" },
  { "justice", "司法局", "Justice bureau" },
  { "petition", "信访局", "Petition bureau" },
  { "human_resources", "人力资源和社会保障局", "Human resources and social security bureau" },
  { "housing", "住房和城乡建设局", "Housing and urban-rural development bureau" },
  { "market_regulation", "市场监督管理局", "Market regulation bureau" },
  { "natural_resources", "自然资源局", "Natural resources bureau" },
  { "civil_affairs", "民政局", "Civil affairs bureau" },
  { "education", "教育局", "Education bureau" },
  { "health", "卫生健康局", "Health bureau" },
  { "emergency", "应急管理局", "Emergency management bureau" },
  { "transport", "交通运输局", "Transport bureau" },
  { "agriculture", "农业农村局", "Agriculture and rural affairs bureau" },
  { "ecology", "生态环境分局", "Ecology and environment sub-bureau" },
  { "water", "水利局", "Water resources bureau" },
  { "urban_management", "城市管理行政执法局", "Urban management and law enforcement bureau" },
  { "finance", "财政局", "Finance bureau" },
  { "veterans", "退役军人事务局", "Veterans affairs bureau" },
  { "women", "妇女联合会", "Women's federation" },
  { "trade_union", "总工会", "Federation of trade unions" },
  { "tax", "税务局", "Tax bureau" },
  { "firefighting", "消防救援大队", "Fire and rescue brigade" },
  { "police_station", "派出所", "Police station" },
};
const guint jfd_seed_n_department_kinds = G_N_ELEMENTS (jfd_seed_department_kinds);

/* DOMAIN.md §8, in its order. */
const JfdSeedWord jfd_seed_categories[] = {
  { "neighbor", "邻里纠纷", "Neighbour disputes" },
  { "family", "婚姻家庭", "Marriage and family" },
  { "land", "土地山林", "Land and forest" },
  { "labor", "劳动争议、欠薪", "Labour disputes and unpaid wages" },
  { "property_management", "物业纠纷", "Property management" },
  { "consumer", "消费纠纷", "Consumer disputes" },
  { "traffic", "交通事故", "Traffic accidents" },
  { "medical", "医疗纠纷", "Medical disputes" },
  { "land_requisition", "征地拆迁", "Land requisition and demolition" },
  { "contract_debt", "合同债务", "Contracts and debts" },
  { "environment", "环境噪声污染", "Noise and pollution" },
  { "other", "其他", "Other" },
};
const guint jfd_seed_n_categories = G_N_ELEMENTS (jfd_seed_categories);

/* DOMAIN.md §3–§5. The warning leaves time to act: a few hours for a day, days for
 * a month. */
const JfdSeedRule jfd_seed_rules[] = {
  { "acceptance", NULL, "working_days", 1, 240, "登记后受理期限" },
  { "handling", NULL, "natural_days", 30, 3 * 1440, "矛盾纠纷办理期限" },
  { "whistle_checkin_urgent", NULL, "minutes", 30, 10, "紧急吹哨报到期限" },
  { "whistle_checkin_normal", NULL, "hours", 24, 240, "一般吹哨报到期限" },
  { "whistle_action_urgent", NULL, "working_days", 1, 240, "紧急吹哨办结反馈期限" },
  { "whistle_action_normal", NULL, "working_days", 5, 1440, "一般吹哨办结反馈期限" },
  { "mediation", NULL, "natural_days", 30, 3 * 1440, "调解期限" },
  { "followup", NULL, "natural_days", 7, 1440, "回访期限" },
  { "petition_decide", "petition", "natural_days", 15, 3 * 1440, "信访事项受理告知期限" },
  { "petition_handle", "petition", "natural_days", 60, 7 * 1440, "信访事项办理期限" },
  { "petition_review_request", "petition", "natural_days", 30, 3 * 1440, "申请复查期限" },
  { "petition_review", "petition", "natural_days", 30, 3 * 1440, "复查答复期限" },
  { "petition_rereview_request", "petition", "natural_days", 30, 3 * 1440, "申请复核期限" },
  { "petition_rereview", "petition", "natural_days", 30, 3 * 1440, "复核答复期限" },
  { "prelitigation_mediation", NULL, "natural_days", 30, 3 * 1440, "诉前调解期限" },
  { "judicial_confirmation_apply", NULL, "natural_days", 30, 3 * 1440, "申请司法确认期限" },
  { "judicial_confirmation_accept", NULL, "natural_days", 3, 1440, "司法确认受理期限" },
  { "judicial_confirmation_decide", NULL, "natural_days", 15, 3 * 1440, "司法确认审查期限" },
};
const guint jfd_seed_n_rules = G_N_ELEMENTS (jfd_seed_rules);

const JfdSeedAccount jfd_seed_accounts[] = {
  { "chuangkou", "reception", "township", NULL, "王晓燕（窗口受理）" },
  { "tiaojie", "mediator", "township", NULL, "刘建国（调解员）" },
  { "wangge", "grid_leader", "grid", NULL, "赵振华（网格长）" },
  { "bumen", "department_liaison", "county", "housing", "孙立军（住建局联络员）" },
  { "fayuan", "court", "county", NULL, "陈敏（法院诉服）" },
  { "xinfang", "petition_officer", "county", NULL, "周红梅（信访）" },
  { "minjing", "police", "township", NULL, "李强（社区民警）" },
  { "ducha", "supervisor", "county", NULL, "吴国栋（督办）" },
  { "admin", "admin", "city", NULL, "郑海涛（系统管理员）" },
  { "shenji", "auditor", "city", NULL, "冯丽（审计）" },
};
const guint jfd_seed_n_accounts = G_N_ELEMENTS (jfd_seed_accounts);

const char * const jfd_seed_village_stems[] = {
  "永安", "太平", "兴隆", "长胜", "新立", "福民", "东兴", "红旗", "前进", "和平",
  "双河", "三合", "四合", "五一", "六合", "七一", "九龙", "十里堡", "大榆树", "小榆树",
  "靠山", "宝山", "金山", "银河", "杨树", "柳河", "榆林", "松树", "黄泥河", "石门",
  "青山", "龙泉", "泉眼", "白石", "红石", "安乐", "吉祥", "丰收", "民丰", "新农",
  "朝阳", "光明", "富民", "长青", "新华", "兴华", "南沟", "北沟", "东沟", "西沟",
  "大岭", "小岭", "腰屯", "前屯", "后屯", "大房身", "二道沟", "三道沟", "四道岗", "平安",
  "德胜", "民乐", "富有", "双龙", "卧龙", "凤鸣", "鹿场", "椅山", "太阳", "东升",
  "向阳", "胜利", "团山", "梨树", "杏树", "苇塘", "碱场", "马鞍", "龙湾", "半截河",
  "火石岭", "西岗", "东岗", "南岗", "北岗", "孤山", "同心", "合心", "保安", "永丰",
};
const guint jfd_seed_n_village_stems = G_N_ELEMENTS (jfd_seed_village_stems);

const char * const jfd_seed_community_stems[] = {
  "向阳", "新华", "光明", "福民", "繁荣", "和平", "建设", "胜利", "民主", "团结",
  "新兴", "龙山", "东山", "南山", "西山", "北山", "站前", "铁东", "铁西", "新城",
  "富强", "幸福", "康宁", "安居", "丰泽", "金源", "福源", "隆基", "惠民", "春城",
  "广厦", "明珠", "锦绣", "育才", "文化", "兴隆", "园林", "友谊", "东兴", "长青",
};
const guint jfd_seed_n_community_stems = G_N_ELEMENTS (jfd_seed_community_stems);
