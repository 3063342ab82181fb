// 数据迁移 import templates (issue 20): the files the old 网上名称注册管理系统's export is put into, their columns as
// the header row spells them, and the records a valid row becomes. docs/migration/README.md documents them for the
// people filling them in; readers (read/), validation (validate/), the writer (commit/), the exporter and the
// CONAC page all work from this one list.
//
// A file's kind is known by its name (the file name starts with the template's fileName, e.g. 注册单位.csv or
// 注册单位-河南.xlsx) or, failing that, by its header row. Files are committed in KIND_ORDER: what a row refers to
// (its office, unit, domain) is written before it.
import type {
  BadgePlacement,
  BadgeStatus,
  DnsRecordType,
  DomainStatus,
  DomainSuffix,
  OfficeRole,
  SiteApplicationStatus,
  SystemCategory,
  UnitStatus,
  UnitType,
} from '../../generated/prisma/enums.ts'

export type FileKind =
  | 'offices'
  | 'officeStaff'
  | 'units'
  | 'domains'
  | 'dnsRecords'
  | 'badges'
  | 'siteApplications'
  | 'balances'
  | 'invoiceStock'

/** Dependencies first. */
export const KIND_ORDER: readonly FileKind[] = [
  'offices',
  'officeStaff',
  'units',
  'domains',
  'dnsRecords',
  'badges',
  'siteApplications',
  'balances',
  'invoiceStock',
]

export interface ColumnSpec {
  /** The header cell's text, exactly (spaces around it are ignored). */
  header: string
  required: boolean
  /** What goes in it, for the README and the template's second sheet. */
  note: string
  example: string
}

export interface TemplateSpec {
  kind: FileKind
  /** 中文 title; also the file name's start: 注册单位.csv, 注册单位.xlsx. */
  fileName: string
  /** The columns that identify a row across runs (the natural key). */
  key: readonly string[]
  columns: readonly ColumnSpec[]
}

const col = (header: string, required: boolean, note: string, example: string): ColumnSpec => ({
  header,
  required,
  note,
  example,
})

export const TEMPLATES: Record<FileKind, TemplateSpec> = {
  offices: {
    kind: 'offices',
    fileName: '编办',
    key: ['行政区划代码'],
    columns: [
      col('行政区划代码', true, '6 位 GB/T 2260 代码；中央编办为 100000', '410922'),
      col('编办名称', true, '全称', '清丰县委编办'),
      col('地址', false, '', '河南省濮阳市清丰县中原路1号'),
      col('邮编', false, '6 位数字', '457300'),
      col('电话', false, '固定电话', '0393-7221234'),
    ],
  },
  officeStaff: {
    kind: 'officeStaff',
    fileName: '编办人员',
    key: ['登录名'],
    columns: [
      col('登录名', true, '原系统的登录名，导入后不变；字母、数字、下划线、点、连字符，3–64 位', 'qf_zhangsan'),
      col('姓名', true, '', '张三'),
      col('所属编办行政区划代码', true, '该人员所在编办的行政区划代码', '410922'),
      col('手机', true, '11 位手机号，用于认领账号', '13912345678'),
      col('电子邮箱', true, '用于认领账号', 'zhangsan@example.cn'),
      col('角色', true, '管理员、审核员、财务中的一个或多个，以顿号分隔', '审核员、财务'),
      col('状态', false, '正常或停用；空为正常', '正常'),
    ],
  },
  units: {
    kind: 'units',
    fileName: '注册单位',
    key: ['统一社会信用代码'],
    columns: [
      col('统一社会信用代码', true, '18 位，末位为校验码', '11410922005469806X'),
      col('单位名称', true, '经法定程序批准的单位全称', '清丰县人民政府办公室'),
      col('单位类型', true, '党政机关、群团机关、事业单位、社会组织', '党政机关'),
      col('系统类别', true, '党委、人大、政府、政协、法院、检察院、民主党派、群团、事业单位、社会组织、其他', '政府'),
      col('行政区划代码', true, '单位所在县（市、区）的 6 位代码', '410922'),
      col('上级主管单位', false, '', '清丰县人民政府'),
      col('开办主体职能', false, '', '负责县政府日常运转'),
      col('通讯地址', true, '', '河南省濮阳市清丰县中州西路1号'),
      col('邮编', true, '6 位数字', '457300'),
      col('固定电话', false, '', '0393-7221000'),
      col('经办人姓名', true, '', '李四'),
      col('经办人手机', true, '11 位手机号，用于认领单位主账号', '13812345678'),
      col('经办人电子邮箱', true, '用于认领单位主账号', 'lisi@example.cn'),
      col('经办人身份证号', false, '18 位，末位为校验码；导入后加密保存', '410922199001011234'),
      col('登录名', true, '原系统中该单位主账号的登录名', 'qfzf'),
      col('状态', false, '正常或停用；空为正常', '正常'),
      col('注册日期', false, '单位在原系统中注册的日期', '2015-03-01'),
    ],
  },
  domains: {
    kind: 'domains',
    fileName: '域名',
    key: ['域名'],
    columns: [
      col('域名', true, '含后缀的中文域名（.政务 或 .公益），也可填 A-label', '清丰县人民政府.政务'),
      col('单位统一社会信用代码', true, '持有该域名的单位', '11410922005469806X'),
      col('状态', true, '注册成功、已过期、宽限期、赎回期、已删除', '注册成功'),
      col('注册日期', true, '', '2018-03-01'),
      col('到期日期', true, '不早于注册日期', '2027-03-01'),
      col('年限', true, '最近一次注册或续费的年限，1–10', '1'),
    ],
  },
  dnsRecords: {
    kind: 'dnsRecords',
    fileName: '解析记录',
    key: ['域名', '主机记录', '记录类型', '记录值'],
    columns: [
      col('域名', true, '本批或系统中已有的域名', '清丰县人民政府.政务'),
      col('主机记录', true, '@ 表示域名本身', 'www'),
      col('记录类型', true, 'A、AAAA、CNAME、MX、TXT', 'A'),
      col('记录值', true, '', '203.0.113.10'),
      col('TTL', false, '秒，60–86400；空为 600', '600'),
      col('优先级', false, 'MX 必填，0–65535', ''),
    ],
  },
  badges: {
    kind: 'badges',
    fileName: '网站标识',
    key: ['标识编号'],
    columns: [
      col('标识编号', true, '15 位：颁发年份 4 位 + 单位行政区划代码 6 位 + 序号 5 位', '201841092200001'),
      col('单位统一社会信用代码', true, '', '11410922005469806X'),
      col('网站名称', true, '', '清丰县人民政府网'),
      col('放置方式', true, '网络红页或自建网站', '自建网站'),
      col('中文域名', true, '该单位的域名（本批或系统中已有）', '清丰县人民政府.政务'),
      col('英文域名', false, '自建网站必填', 'www.qingfeng.gov.cn'),
      col('IP地址', false, '自建网站必填，IPv4 或 IPv6', '203.0.113.10'),
      col('颁发日期', true, '', '2018-06-01'),
      col('状态', true, '正常或已注销', '正常'),
      col('注销日期', false, '状态为已注销时必填', ''),
    ],
  },
  siteApplications: {
    kind: 'siteApplications',
    fileName: '网站开办申请',
    key: ['申请编号'],
    columns: [
      col('申请编号', true, '原系统的申请编号，导入后不变；字母、数字和连字符，4–32 位', 'WZ-2026-000123'),
      col('单位统一社会信用代码', true, '', '11410922005469806X'),
      col('网站名称', true, '', '清丰县教育网'),
      col('网站简介', false, '不超过 500 字', ''),
      col('中文域名', true, '该单位的域名', '清丰县教育.政务'),
      col('网络红页', true, '是：使用网络红页；否：自建网站', '否'),
      col('英文域名', false, '自建网站必填', 'www.qfjy.gov.cn'),
      col('IP地址', false, '自建网站必填', '203.0.113.20'),
      col('负责人姓名', true, '', '王五'),
      col('负责人手机', true, '', '13712345678'),
      col('负责人电子邮箱', true, '', 'wangwu@example.cn'),
      col('经办人姓名', true, '', '赵六'),
      col('经办人手机', true, '', '13612345678'),
      col('经办人电子邮箱', true, '', 'zhaoliu@example.cn'),
      col('经办人身份证号', false, '', '410922199202021234'),
      col('状态', true, '初审中、复审中、待寄送材料', '初审中'),
      col('提交日期', true, '', '2026-11-20'),
    ],
  },
  balances: {
    kind: 'balances',
    fileName: '编办余额',
    key: ['行政区划代码'],
    columns: [
      col('行政区划代码', true, '', '410922'),
      col('帐户余额（元）', true, '编办在中央编办的预存余额，不为负，最多两位小数', '12000.00'),
      col('代收未汇款（元）', false, '已向单位收取、尚未汇出的款项；空为 0', '600.00'),
    ],
  },
  invoiceStock: {
    kind: 'invoiceStock',
    fileName: '发票库存',
    key: ['行政区划代码'],
    columns: [
      col('行政区划代码', true, '', '410922'),
      col('发票余量（张）', true, '编办持有、尚未开出的发票张数', '35'),
    ],
  },
}

// ── Records: what a valid row becomes (normalised: trimmed, half-width, dates as UTC midnight of the Beijing day) ──

/** Where a record came from, for the report and the batch bookkeeping. */
export interface RowOrigin {
  fileName: string
  /** 1-based sheet row (the header is row 1). */
  row: number
}

export interface OfficeRecord extends RowOrigin {
  regionCode: string
  name: string
  address: string | null
  postcode: string | null
  phone: string | null
}

export interface OfficeStaffRecord extends RowOrigin {
  /** Lower-case. */
  username: string
  displayName: string
  officeRegionCode: string
  mobile: string
  email: string
  roles: OfficeRole[]
  disabled: boolean
}

export interface UnitRecord extends RowOrigin {
  creditCode: string
  name: string
  type: UnitType
  systemCategory: SystemCategory
  regionCode: string
  superiorUnitName: string | null
  functions: string | null
  address: string
  postcode: string
  landline: string | null
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  /** Plain; the writer seals it (lib/idNumberColumns.ts). */
  handlerIdNumber: string | null
  /** The primary account's login name, lower-case. */
  username: string
  status: UnitStatus
  registeredAt: Date | null
}

export interface DomainRecord extends RowOrigin {
  /** U-label without the suffix (normalised as applications are: names.ts normalizeDomainName). */
  name: string
  suffix: DomainSuffix
  unitCreditCode: string
  status: Extract<DomainStatus, 'REGISTERED' | 'EXPIRED' | 'GRACE' | 'REDEMPTION' | 'DELETED'>
  registeredAt: Date
  expiresAt: Date
  years: number
}

export interface DnsRecordRecord extends RowOrigin {
  domainName: string
  domainSuffix: DomainSuffix
  host: string
  type: Exclude<DnsRecordType, 'URL_FORWARD'>
  value: string
  ttl: number
  priority: number | null
}

export interface BadgeRecord extends RowOrigin {
  badgeNumber: string
  unitCreditCode: string
  siteName: string
  placement: BadgePlacement
  domainName: string
  domainSuffix: DomainSuffix
  englishDomain: string | null
  ipAddress: string | null
  issuedAt: Date
  status: BadgeStatus
  cancelledAt: Date | null
}

export interface SiteApplicationRecord extends RowOrigin {
  serialNumber: string
  unitCreditCode: string
  siteName: string
  siteIntro: string | null
  domainName: string
  domainSuffix: DomainSuffix
  useMicroSite: boolean
  englishDomain: string | null
  ipAddress: string | null
  principalName: string
  principalMobile: string
  principalEmail: string
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string | null
  status: Extract<SiteApplicationStatus, 'PENDING_OFFICE_REVIEW' | 'PENDING_CONAC_REVIEW' | 'AWAITING_PAPER'>
  submittedAt: Date
}

export interface BalanceRecord extends RowOrigin {
  regionCode: string
  prepaidFen: number
  collectedFen: number
}

export interface InvoiceStockRecord extends RowOrigin {
  regionCode: string
  quantity: number
}

export interface RecordOf {
  offices: OfficeRecord
  officeStaff: OfficeStaffRecord
  units: UnitRecord
  domains: DomainRecord
  dnsRecords: DnsRecordRecord
  badges: BadgeRecord
  siteApplications: SiteApplicationRecord
  balances: BalanceRecord
  invoiceStock: InvoiceStockRecord
}

export type AnyRecord = RecordOf[FileKind]

/** A refused row (or a whole file when row is 0): 文件, 行号, 列 (the header's text, '' for the row) and 中文原因. */
export interface Problem {
  fileName: string
  row: number
  column: string
  message: string
}

/** What a commit did per kind. */
export interface KindCounts {
  inserted: number
  updated: number
  unchanged: number
  refused: number
}

/** Progress as the CLI prints it and the page shows it. */
export interface Progress {
  phase: 'reading' | 'validating' | 'committing' | 'finishing'
  fileName: string | null
  rowsDone: number
  rowsTotal: number
  /** Since the phase began. */
  rowsPerSecond: number
  /** null until a rate is known. */
  etaSeconds: number | null
}
