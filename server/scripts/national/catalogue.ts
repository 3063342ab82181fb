// Realistic Chinese content: the kinds of units a region has, people's names, reasons reviewers give.
// A unit's name is its region's prefix plus one entry of the per-region name space built from these lists.
import type { SystemCategory, UnitType } from '../../src/generated/prisma/enums.ts'

export interface UnitKind {
  /** Name after the region prefix, e.g. 教育局 */
  name: string
  /** Province-level variant (厅 instead of 局, 办公厅 instead of 办公室) */
  provinceName?: string
  type: UnitType
  category: SystemCategory
  /** 上级主管单位, after the region prefix; '' means the region's people's government */
  superior: string
  functions: string
}

const gov = (name: string, functions: string, provinceName?: string): UnitKind => ({
  name,
  provinceName,
  type: 'PARTY_GOVERNMENT',
  category: 'GOVERNMENT',
  superior: '人民政府',
  functions,
})

/** 党政机关 and 群团机关: every region gets these first, in this order. */
export const ORGANS: UnitKind[] = [
  { ...gov('人民政府办公室', '负责政府日常政务运转、督查督办和政务公开工作。', '人民政府办公厅') },
  {
    name: '党委办公室',
    type: 'PARTY_GOVERNMENT',
    category: 'PARTY_COMMITTEE',
    superior: '委员会',
    functions: '负责党委日常工作运转、文电会务和督促检查。',
  },
  {
    name: '纪律检查委员会',
    type: 'PARTY_GOVERNMENT',
    category: 'PARTY_COMMITTEE',
    superior: '委员会',
    functions: '负责党风廉政建设和反腐败工作的监督执纪问责。',
  },
  {
    name: '党委组织部',
    type: 'PARTY_GOVERNMENT',
    category: 'PARTY_COMMITTEE',
    superior: '委员会',
    functions: '负责干部队伍建设和基层党组织建设。',
  },
  {
    name: '党委宣传部',
    type: 'PARTY_GOVERNMENT',
    category: 'PARTY_COMMITTEE',
    superior: '委员会',
    functions: '负责理论宣传、新闻出版和精神文明建设。',
  },
  {
    name: '人大常委会办公室',
    type: 'PARTY_GOVERNMENT',
    category: 'PEOPLES_CONGRESS',
    superior: '人民代表大会常务委员会',
    functions: '负责人大常委会会议组织、代表联络和法规备案工作。',
  },
  {
    name: '政协办公室',
    type: 'PARTY_GOVERNMENT',
    category: 'CPPCC',
    superior: '政协委员会',
    functions: '负责政协全体会议和常委会议的组织及提案办理。',
  },
  {
    name: '人民法院',
    type: 'PARTY_GOVERNMENT',
    category: 'COURT',
    superior: '人民代表大会',
    functions: '依法审理刑事、民事、行政案件，执行生效裁判。',
  },
  {
    name: '人民检察院',
    type: 'PARTY_GOVERNMENT',
    category: 'PROCURATORATE',
    superior: '人民代表大会',
    functions: '依法行使检察权，开展法律监督和公益诉讼。',
  },
  gov('发展和改革委员会', '负责拟订并组织实施国民经济和社会发展规划。'),
  gov('教育局', '负责教育事业发展规划和学校管理。', '教育厅'),
  gov('科学技术局', '负责科技创新体系建设和科技项目管理。', '科学技术厅'),
  gov('工业和信息化局', '负责工业和信息化发展规划及产业政策落实。', '工业和信息化厅'),
  gov('公安局', '负责社会治安管理、刑事侦查和户籍管理。', '公安厅'),
  gov('民政局', '负责社会救助、社会组织登记和养老服务管理。', '民政厅'),
  gov('司法局', '负责法治宣传、人民调解和公共法律服务。', '司法厅'),
  gov('财政局', '负责财政收支管理、预算编制和国有资产管理。', '财政厅'),
  gov('人力资源和社会保障局', '负责就业创业、社会保险和人事人才工作。', '人力资源和社会保障厅'),
  gov('自然资源和规划局', '负责自然资源调查确权、国土空间规划和用途管制。', '自然资源厅'),
  gov('生态环境局', '负责生态环境监测、污染防治和环境执法。', '生态环境厅'),
  gov('住房和城乡建设局', '负责住房保障、城乡建设和建筑市场监管。', '住房和城乡建设厅'),
  gov('交通运输局', '负责公路水路交通建设、运输管理和安全监督。', '交通运输厅'),
  gov('水利局', '负责水资源管理、水利工程建设和防汛抗旱。', '水利厅'),
  gov('农业农村局', '负责农业农村发展、乡村振兴和农产品质量安全。', '农业农村厅'),
  gov('商务局', '负责内外贸易、招商引资和市场体系建设。', '商务厅'),
  gov('文化广电和旅游局', '负责文化事业、广播电视和旅游产业发展。', '文化和旅游厅'),
  gov('卫生健康委员会', '负责医疗卫生服务、疾病防控和健康促进。'),
  gov('退役军人事务局', '负责退役军人安置、优抚和服务保障。', '退役军人事务厅'),
  gov('应急管理局', '负责安全生产监管、防灾减灾和应急救援。', '应急管理厅'),
  gov('审计局', '负责本级预算执行和政府投资项目审计监督。', '审计厅'),
  gov('市场监督管理局', '负责市场主体登记、质量安全和价格监督检查。'),
  gov('统计局', '负责统计调查、统计分析和数据发布。'),
  gov('医疗保障局', '负责医疗保险、生育保险和医疗救助管理。'),
  gov('林业局', '负责林业资源保护、造林绿化和森林防火。'),
  gov('信访局', '负责来信来访受理、交办和督办。'),
  gov('行政审批服务局', '负责行政审批事项集中办理和政务服务。'),
  gov('机关事务管理局', '负责机关后勤保障、公务用车和办公用房管理。'),
  gov('人民防空办公室', '负责人民防空工程建设和防空警报管理。'),
  gov('地方金融监督管理局', '负责地方金融组织监管和金融风险防范。'),
  gov('城市管理局', '负责市容环境卫生、市政设施和城市管理执法。'),
  {
    name: '总工会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '委员会',
    functions: '维护职工合法权益，组织开展劳动竞赛和职工服务。',
  },
  {
    name: '共青团委员会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '委员会',
    functions: '负责共青团组织建设和青少年思想引领工作。',
  },
  {
    name: '妇女联合会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '委员会',
    functions: '维护妇女儿童合法权益，推动妇女事业发展。',
  },
  {
    name: '科学技术协会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '委员会',
    functions: '负责科学普及、学术交流和科技工作者服务。',
  },
  {
    name: '残疾人联合会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '人民政府',
    functions: '负责残疾人康复、就业和权益保障工作。',
  },
  {
    name: '工商业联合会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '委员会',
    functions: '服务非公有制经济发展，引导民营经济人士健康成长。',
  },
  {
    name: '红十字会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '人民政府',
    functions: '开展人道救助、应急救护培训和无偿献血宣传。',
  },
  {
    name: '文学艺术界联合会',
    type: 'MASS_ORGANIZATION',
    category: 'MASS_ORGANIZATION',
    superior: '党委宣传部',
    functions: '团结文艺工作者，组织文艺创作和交流活动。',
  },
  {
    name: '中国民主同盟委员会',
    type: 'PARTY_GOVERNMENT',
    category: 'DEMOCRATIC_PARTY',
    superior: '政协委员会',
    functions: '开展参政议政、民主监督和社会服务。',
  },
  {
    name: '中国农工民主党委员会',
    type: 'PARTY_GOVERNMENT',
    category: 'DEMOCRATIC_PARTY',
    superior: '政协委员会',
    functions: '围绕医药卫生和生态环境开展参政议政。',
  },
]

const inst = (name: string, superior: string, functions: string): UnitKind => ({
  name,
  type: 'PUBLIC_INSTITUTION',
  category: 'PUBLIC_INSTITUTION',
  superior,
  functions,
})

/** Stand-alone 事业单位. */
export const INSTITUTIONS: UnitKind[] = [
  inst('人民医院', '卫生健康委员会', '承担急危重症救治、常见病多发病诊疗和基层医疗指导。'),
  inst('第一人民医院', '卫生健康委员会', '承担区域医疗救治、教学和科研任务。'),
  inst('第二人民医院', '卫生健康委员会', '承担区域医疗救治和公共卫生服务。'),
  inst('中医院', '卫生健康委员会', '提供中医药诊疗、康复和治未病服务。'),
  inst('妇幼保健院', '卫生健康委员会', '提供妇女儿童保健和妇产科、儿科诊疗服务。'),
  inst('疾病预防控制中心', '卫生健康委员会', '负责传染病防控、免疫规划和卫生监测。'),
  inst('第一中学', '教育局', '实施高中阶段教育，培养德智体美劳全面发展的学生。'),
  inst('第二中学', '教育局', '实施初高中阶段教育。'),
  inst('实验中学', '教育局', '实施中学教育并开展教育教学改革实验。'),
  inst('实验小学', '教育局', '实施小学义务教育并开展教学研究。'),
  inst('第一小学', '教育局', '实施小学义务教育。'),
  inst('第二小学', '教育局', '实施小学义务教育。'),
  inst('职业教育中心', '教育局', '开展中等职业教育和职业技能培训。'),
  inst('特殊教育学校', '教育局', '为残疾儿童少年提供义务教育和康复训练。'),
  inst('机关幼儿园', '教育局', '实施学前教育，促进幼儿身心健康发展。'),
  inst('图书馆', '文化广电和旅游局', '提供文献借阅、数字阅读和全民阅读推广服务。'),
  inst('文化馆', '文化广电和旅游局', '组织群众文化活动和非物质文化遗产保护。'),
  inst('博物馆', '文化广电和旅游局', '负责文物收藏、保护、研究和陈列展览。'),
  inst('融媒体中心', '党委宣传部', '负责新闻采编、广播电视播出和新媒体运营。'),
  inst('档案馆', '党委办公室', '负责档案接收、保管和开发利用。'),
  inst('公共资源交易中心', '人民政府', '提供工程建设、政府采购等公共资源交易服务。'),
  inst('政务服务中心', '行政审批服务局', '提供政务服务事项集中受理和综合窗口服务。'),
  inst('社会福利院', '民政局', '为孤老、孤残和孤儿提供供养和康复服务。'),
  inst('殡仪馆', '民政局', '提供遗体接运、火化和殡葬服务。'),
  inst('住房公积金管理中心', '人民政府', '负责住房公积金归集、提取和贷款管理。'),
  inst('不动产登记中心', '自然资源和规划局', '负责不动产登记和登记资料查询服务。'),
  inst('气象局', '人民政府', '负责天气预报、气象灾害预警和气候监测。'),
  inst('地震局', '人民政府', '负责地震监测预报和防震减灾宣传。'),
  inst('农业技术推广中心', '农业农村局', '开展农业新技术试验示范和推广。'),
  inst('动物疫病预防控制中心', '农业农村局', '负责动物疫病监测、诊断和防控。'),
  inst('水文水资源勘测局', '水利局', '负责水文监测、水资源调查和预报。'),
  inst('公路事业发展中心', '交通运输局', '负责公路养护、路政管理和应急保通。'),
  inst('环境监测站', '生态环境局', '开展大气、水和土壤环境质量监测。'),
  inst('劳动人事争议仲裁院', '人力资源和社会保障局', '受理和仲裁劳动人事争议案件。'),
  inst('就业服务中心', '人力资源和社会保障局', '提供职业介绍、就业指导和创业服务。'),
  inst('社会保险事业管理中心', '人力资源和社会保障局', '负责社会保险登记、征缴和待遇发放。'),
  inst('消费者权益保护委员会', '市场监督管理局', '受理消费者投诉，开展消费维权和消费教育。'),
  inst('检验检测中心', '市场监督管理局', '承担产品质量和食品安全检验检测。'),
  inst('党校', '委员会', '承担干部教育培训和理论研究工作。'),
  inst('园林绿化中心', '城市管理局', '负责公园绿地建设养护和城市绿化。'),
]

const soc = (name: string, functions: string): UnitKind => ({
  name,
  type: 'SOCIAL_ORGANIZATION',
  category: 'SOCIAL_ORGANIZATION',
  superior: '民政局',
  functions,
})

/** 社会组织 (社会团体, 基金会, 民办非企业单位). */
export const SOCIAL_ORGANIZATIONS: UnitKind[] = [
  soc('慈善总会', '募集慈善款物，开展扶贫济困和助学助医。'),
  soc('教育发展基金会', '资助贫困学生和优秀教师，支持教育事业发展。'),
  soc('老年人体育协会', '组织老年人体育健身活动和赛事。'),
  soc('书法家协会', '组织书法创作、展览和交流活动。'),
  soc('律师协会', '对律师执业活动进行行业自律管理。'),
  soc('会计学会', '开展会计理论研究和继续教育。'),
  soc('青年企业家协会', '为青年企业家提供交流合作平台。'),
  soc('志愿者协会', '组织志愿服务活动，培训志愿者。'),
  soc('养老服务协会', '推动养老服务行业规范发展。'),
  soc('个体劳动者协会', '服务个体工商户，维护其合法权益。'),
  soc('建筑业协会', '开展行业自律、技术交流和培训。'),
  soc('餐饮行业协会', '推动餐饮行业规范经营和食品安全。'),
  soc('物流协会', '促进物流行业发展和信息交流。'),
  soc('残疾人福利基金会', '募集资金用于残疾人康复和救助。'),
  soc('见义勇为基金会', '表彰奖励见义勇为人员，保障其合法权益。'),
  soc('摄影家协会', '组织摄影创作、展览和培训。'),
  soc('中小企业协会', '为中小企业提供政策咨询和融资服务。'),
  soc('社会工作协会', '推动社会工作专业化和职业化发展。'),
  soc('家庭教育研究会', '开展家庭教育研究和指导服务。'),
  soc('乡村振兴促进会', '组织社会力量参与乡村振兴。'),
]

/** 事业单位 attached to an organ: ORGAN name + one of these. */
export const ATTACHED: string[] = [
  '信息中心',
  '机关服务中心',
  '综合行政执法大队',
  '事务服务中心',
  '宣传教育中心',
  '培训中心',
  '研究室',
  '档案室',
  '指挥中心',
  '监测中心',
  '服务保障中心',
  '发展研究中心',
  '评审中心',
  '数据管理中心',
  '综合保障中心',
]

/** Overflow space for big regions: ORGAN + 第N + one of these, e.g. 水利厅第三工程处 */
export const NUMBERED: string[] = ['工程处', '监测站', '服务站', '管理所', '工作队']

/** Town-level units (county and city level regions only): TOWN + one of these. */
export const TOWN_UNITS: { name: string; kind: UnitKind }[] = [
  { name: '人民政府', kind: gov('', '负责本镇经济社会发展、公共服务和社会治理。') },
  {
    name: '党委',
    kind: {
      name: '',
      type: 'PARTY_GOVERNMENT',
      category: 'PARTY_COMMITTEE',
      superior: '委员会',
      functions: '领导本镇党的建设和各项工作。',
    },
  },
  { name: '卫生院', kind: inst('', '卫生健康委员会', '提供基本医疗和基本公共卫生服务。') },
  { name: '中心小学', kind: inst('', '教育局', '实施小学义务教育。') },
  { name: '初级中学', kind: inst('', '教育局', '实施初中义务教育。') },
  { name: '便民服务中心', kind: inst('', '行政审批服务局', '提供政务服务事项就近办理。') },
  { name: '农业综合服务中心', kind: inst('', '农业农村局', '开展农业技术推广和农村经营管理服务。') },
  { name: '文化站', kind: inst('', '文化广电和旅游局', '组织群众文化活动和公共文化服务。') },
  { name: '财政所', kind: inst('', '财政局', '负责本镇财政收支和惠农资金发放。') },
  { name: '敬老院', kind: inst('', '民政局', '为特困老人提供集中供养服务。') },
]

const TOWN_FIRST = '东西南北城新龙凤金石青白黄红柳杨桃李马牛高王张刘陈赵大小上下前后长平安宁兴福和永'
const TOWN_SECOND = '关桥店庄集湖山河口坪岭寨营屯坝沟塘台铺峪港湾林堡垣田圩墩场渡'

/** A town name unique within its region for index t < TOWN_FIRST × TOWN_SECOND, region-specific by offset. */
export function townName(t: number, offset: number): string {
  const space = TOWN_FIRST.length * TOWN_SECOND.length
  const i = (t * 7 + offset) % space // 7 is coprime to the space (46 × 31): a permutation
  const suffix = i % 5 === 0 ? '乡' : i % 7 === 0 ? '街道' : '镇'
  return TOWN_FIRST[Math.floor(i / TOWN_SECOND.length)]! + TOWN_SECOND[i % TOWN_SECOND.length]! + suffix
}
export const TOWN_SPACE = TOWN_FIRST.length * TOWN_SECOND.length

const DIGITS = '零一二三四五六七八九'
/** Chinese numeral for 1..9999 (三, 十二, 一百零五). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '')
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '')
  if (n < 1000) {
    const rest = n % 100
    return (
      DIGITS[Math.floor(n / 100)] +
      '百' +
      (rest === 0 ? '' : rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest))
    )
  }
  const rest = n % 1000
  return (
    DIGITS[Math.floor(n / 1000)] +
    '千' +
    (rest === 0 ? '' : rest < 100 ? '零' + chineseNumber(rest) : chineseNumber(rest))
  )
}

export const SURNAMES = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['高', 'gao'],
  ['林', 'lin'],
  ['罗', 'luo'],
  ['郑', 'zheng'],
  ['梁', 'liang'],
  ['谢', 'xie'],
  ['宋', 'song'],
  ['唐', 'tang'],
  ['许', 'xu'],
  ['韩', 'han'],
  ['冯', 'feng'],
  ['邓', 'deng'],
  ['曹', 'cao'],
  ['彭', 'peng'],
  ['曾', 'zeng'],
] as const
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌海燕婷雪梅晨阳鑫宇浩然佳琪欣怡子涵俊峰'

export const DOMAIN_REJECT_REASONS = [
  '申请单位名称与统一社会信用代码证书不一致',
  '域名与单位名称或职能不相符',
  '所附证明材料不清晰，请重新上传',
  '该域名涉及其他单位的名称，请更换',
  '经办人身份信息与所附证件不一致',
  '非本级编办管理的单位，请向所属编办申请',
]
export const SITE_REJECT_REASONS = [
  '网站名称与单位名称不一致',
  '网站简介未说明网站主要功能',
  '英文域名未在工信部备案',
  '网站首页未显示主办单位信息',
  '负责人联系方式无法接通',
]
export const PAPER_REJECT_REASONS = ['函件未加盖单位公章', '申请表份数不足', '未附经办人身份证复印件']

export const STREETS = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '文化路',
  '政府街',
  '迎宾大道',
  '新华街',
  '和平路',
  '府前街',
  '胜利路',
  '团结路',
]

/** First two postcode digits by province (GB/T 2260 two-digit code). */
export const POSTCODE_PREFIX: Record<string, string> = {
  '11': '10',
  '12': '30',
  '13': '05',
  '14': '03',
  '15': '01',
  '21': '11',
  '22': '13',
  '23': '15',
  '31': '20',
  '32': '21',
  '33': '31',
  '34': '23',
  '35': '35',
  '36': '33',
  '37': '25',
  '41': '45',
  '42': '43',
  '43': '41',
  '44': '51',
  '45': '53',
  '46': '57',
  '50': '40',
  '51': '61',
  '52': '55',
  '53': '65',
  '54': '85',
  '61': '71',
  '62': '73',
  '63': '81',
  '64': '75',
  '65': '83',
}

/** Population in millions (2020 census), which sets how many units a province has. */
export const PROVINCE_POPULATION: Record<string, number> = {
  '11': 21.9,
  '12': 13.9,
  '13': 74.6,
  '14': 34.9,
  '15': 24.0,
  '21': 42.6,
  '22': 24.1,
  '23': 31.9,
  '31': 24.9,
  '32': 84.7,
  '33': 64.6,
  '34': 61.0,
  '35': 41.5,
  '36': 45.2,
  '37': 101.5,
  '41': 99.4,
  '42': 57.8,
  '43': 66.4,
  '44': 126.0,
  '45': 50.1,
  '46': 10.1,
  '50': 32.1,
  '51': 83.7,
  '52': 38.6,
  '53': 47.2,
  '54': 3.6,
  '61': 39.5,
  '62': 25.0,
  '63': 5.9,
  '64': 7.2,
  '65': 25.9,
}
