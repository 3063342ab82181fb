// The rules of each template's rows: a row's cells → its record (RecordOf[kind]), or problems. Checks against what
// rows refer to (regions, offices, units, domains, login names) read the ValidationContext; `remember` adds a valid
// row's keys to it afterwards, so later rows and files see it.
import { isIPv6 } from 'node:net'
import type { DomainSuffix, OfficeRole, SystemCategory, UnitType } from '../../../generated/prisma/enums.ts'
import { englishDomainProblem } from '../../../lib/englishDomain.ts'
import { isValidCreditCode } from '../../../lib/identifiers.ts'
import { toULabel } from '../../../lib/idna.ts'
import { normalizeDomainName, suffixProblem, yearsProblem } from '../../domainApplications/names.ts'
import { isIPv4, MAX_RECORDS_PER_HOST, validateRecord } from '../../dns/validation.ts'
import { compactCode, toHalfWidth } from '../read/text.ts'
import { domainNameProblem } from './domainName.ts'
import type {
  BadgeRecord,
  BalanceRecord,
  DnsRecordRecord,
  DomainRecord,
  FileKind,
  InvoiceStockRecord,
  OfficeRecord,
  OfficeStaffRecord,
  RecordOf,
  SiteApplicationRecord,
  UnitRecord,
} from '../templates.ts'
import {
  fullDomainName,
  officeOwner,
  originFile,
  originRow,
  ownString,
  UNIT_TYPES,
  type KeyTable,
  type Origin,
  type ValidationContext,
} from './context.ts'
import type { RowCheck } from './row.ts'

export const NATIONAL = '100000'

export const UNIT_TYPE_WORDS: Record<string, UnitType> = {
  党政机关: 'PARTY_GOVERNMENT',
  群团机关: 'MASS_ORGANIZATION',
  事业单位: 'PUBLIC_INSTITUTION',
  社会组织: 'SOCIAL_ORGANIZATION',
}
export const SYSTEM_CATEGORY_WORDS: Record<string, SystemCategory> = {
  党委: 'PARTY_COMMITTEE',
  人大: 'PEOPLES_CONGRESS',
  政府: 'GOVERNMENT',
  政协: 'CPPCC',
  法院: 'COURT',
  检察院: 'PROCURATORATE',
  民主党派: 'DEMOCRATIC_PARTY',
  群团: 'MASS_ORGANIZATION',
  事业单位: 'PUBLIC_INSTITUTION',
  社会组织: 'SOCIAL_ORGANIZATION',
  其他: 'OTHER',
}
export const ROLE_WORDS: Record<string, OfficeRole> = { 管理员: 'ADMIN', 审核员: 'REVIEWER', 财务: 'FINANCE' }
const ACTIVE_WORDS = { 正常: false, 停用: true } as const
export const DOMAIN_STATUS_WORDS = {
  注册成功: 'REGISTERED',
  已过期: 'EXPIRED',
  宽限期: 'GRACE',
  赎回期: 'REDEMPTION',
  已删除: 'DELETED',
} as const
const DNS_TYPE_WORDS = { A: 'A', AAAA: 'AAAA', CNAME: 'CNAME', MX: 'MX', TXT: 'TXT' } as const
export const PLACEMENT_WORDS = { 网络红页: 'MICRO_SITE', 自建网站: 'SELF_BUILT' } as const
export const BADGE_STATUS_WORDS = { 正常: 'ACTIVE', 已注销: 'CANCELLED' } as const
const YES_NO = { 是: true, 否: false } as const
export const SITE_STATUS_WORDS = {
  初审中: 'PENDING_OFFICE_REVIEW',
  复审中: 'PENDING_CONAC_REVIEW',
  待寄送材料: 'AWAITING_PAPER',
} as const
const SUFFIX_WORDS: Record<string, DomainSuffix> = {
  政务: 'ZHENGWU',
  公益: 'GONGYI',
  'xn--zfr164b': 'ZHENGWU',
  'xn--55qw42g': 'GONGYI',
}

const USERNAME = /^[a-z0-9_.-]{3,64}$/
const SERIAL = /^[A-Za-z0-9-]{4,32}$/
const BADGE_NUMBER = /^[0-9]{15}$/
const EARLIEST_BADGE_YEAR = 2000

/** The columns whose text may run over several lines. */
export const MULTI_LINE: ReadonlySet<string> = new Set(['开办主体职能', '网站简介', '地址', '通讯地址'])

export interface Checked<K extends FileKind> {
  record: RecordOf[K]
  /** Adds the row's keys to the context (called only when the row is valid, after the check). */
  remember(): void
}

type Checker<K extends FileKind> = (check: RowCheck, context: ValidationContext, origin: Origin) => Checked<K> | null

/** 与第 N 行重复, naming the other file when it is not this one. */
function duplicateOf(context: ValidationContext, check: RowCheck, origin: Origin): string {
  const file = context.files[originFile(origin)]
  return file === check.fileName
    ? `与第 ${originRow(origin)} 行重复`
    : `与文件「${file}」第 ${originRow(origin)} 行重复`
}

/** A key seen earlier in this run is a duplicate; one only in the database is not (the row updates it). */
function refuseDuplicate(check: RowCheck, context: ValidationContext, table: KeyTable, key: string, column: string) {
  const at = table.get(key)
  if (at === undefined) return
  const origin = table.origin[at]!
  if (origin !== 0) check.fail(column, duplicateOf(context, check, origin))
}

/** Claims a key for this run: a database key is taken over (origin set to this row), a new one added. */
function claim(table: KeyTable, key: string, origin: Origin): number {
  const at = table.add(key, origin)
  table.origin[at] = origin
  return at
}

function regionCode(check: RowCheck, context: ValidationContext, column: string): string | null {
  const code = check.code(column, true)
  if (code === null) return null
  if (!/^[0-9]{6}$/.test(code)) return check.fail(column, '行政区划代码应为 6 位数字')
  return context.regions.has(code) ? code : check.fail(column, '行政区划代码不存在')
}

/** A region with an office: this run's 编办 rows or the database's. */
function officeRegion(check: RowCheck, context: ValidationContext, column: string): string | null {
  const code = regionCode(check, context, column)
  if (code === null) return null
  return context.offices.get(code) !== undefined
    ? code
    : check.fail(column, '该行政区划没有编办（本批文件和系统中均无该编办）')
}

function creditCode(check: RowCheck, column: string): string | null {
  const code = check.code(column, true)?.toUpperCase()
  if (code == null) return null
  if (code.length !== 18) return check.fail(column, '统一社会信用代码应为 18 位')
  return isValidCreditCode(code) ? code : check.fail(column, '统一社会信用代码校验位错误')
}

/** The unit a row names by credit code: this run's valid units or the database's. */
function unitOf(check: RowCheck, context: ValidationContext, column: string): { code: string; at: number } | null {
  const code = creditCode(check, column)
  if (code === null) return null
  const at = context.units.get(code)
  if (at === undefined) return check.fail(column, '单位不存在（本批文件和系统中均无该统一社会信用代码）')
  return { code, at }
}

/** A domain as typed (清丰县人民政府.政务, or its A-label) → its normalised U-label name and suffix. */
function domainName(check: RowCheck, column: string): { name: string; suffix: DomainSuffix } | null {
  const text = check.text(column, true)
  if (text === null) return null
  const full = text.replace(/[。．｡]/g, '.').replace(/\.$/, '')
  const dot = full.lastIndexOf('.')
  const suffix = dot < 0 ? undefined : SUFFIX_WORDS[full.slice(dot + 1).toLowerCase()]
  if (!suffix) return check.fail(column, '域名须带后缀 .政务 或 .公益')
  let name = normalizeDomainName(full.slice(0, dot))
  if (name.startsWith('xn--')) {
    try {
      name = toULabel(name)
    } catch {
      return check.fail(column, '域名不合法：A-label 无法解码')
    }
  }
  const problem = domainNameProblem(name)
  return problem ? check.fail(column, `域名不合法：${problem}`) : { name, suffix }
}

/** A domain a row refers to: this run's or the database's; with `unitAt`, it must be that unit's. */
function knownDomain(check: RowCheck, context: ValidationContext, column: string, unitAt?: number) {
  const domain = domainName(check, column)
  if (domain === null) return null
  const at = context.domains.get(fullDomainName(domain.name, domain.suffix))
  if (at === undefined) return check.fail(column, '域名不存在（本批文件和系统中均无该域名）')
  if (unitAt !== undefined && context.domainUnit[at] !== unitAt) return check.fail(column, '该域名不属于此单位')
  return domain
}

function username(check: RowCheck, context: ValidationContext, column: string, owner: number | null): string | null {
  const name = check.code(column, true)?.toLowerCase()
  if (name == null) return null
  if (!USERNAME.test(name)) return check.fail(column, '登录名应为 3–64 位字母、数字、下划线、点或连字符')
  const at = context.usernames.get(name)
  if (at === undefined) return name
  const origin = context.usernames.origin[at]!
  if (origin !== 0) return check.fail(column, `登录名${duplicateOf(context, check, origin)}`)
  // The database's: fine when it is this unit's or office's own account (a re-run), refused when someone else's.
  if (owner !== null && context.usernameOwner[at] === owner) return name
  return check.fail(column, '登录名已被其他单位或编办的账号使用')
}

/** A landline as written (0393-7221234, 0393 7221234 转 8001): half-width, at most 32 characters. */
function phoneNumber(check: RowCheck, column: string): string | null {
  const text = check.text(column, false)
  if (text === null) return null
  const phone = toHalfWidth(text).replace(/\s+/g, ' ').trim()
  return phone.length > 32 ? check.fail(column, '电话不能超过 32 个字符') : phone
}

function ipAddress(check: RowCheck, column: string, required: boolean): string | null {
  const ip = check.code(column, required)
  if (ip === null) return null
  if (isIPv4(ip)) return ip
  return isIPv6(ip) ? ip.toLowerCase() : check.fail(column, 'IP地址格式错误，应为 IPv4 或 IPv6 地址')
}

function englishDomain(check: RowCheck, column: string, required: boolean, type: UnitType | null) {
  const domain = check.code(column, required)?.toLowerCase().replace(/\.$/, '')
  if (domain == null) return null
  const problem = englishDomainProblem(domain, type ?? 'SOCIAL_ORGANIZATION')
  return problem ? check.fail(column, problem) : domain
}

// ── the kinds ──

const offices: Checker<'offices'> = (check, context, origin) => {
  const code = regionCode(check, context, '行政区划代码')
  if (code !== null && context.regions.get(code)!.placeholder)
    check.fail('行政区划代码', '该代码是统计分组（如“市辖区”），不是设有编办的行政区划')
  if (code !== null) refuseDuplicate(check, context, context.offices, code, '行政区划代码')
  const name = check.text('编办名称', true, 128)
  if (name !== null && code !== null) {
    const holder = context.officeNames.get(name)
    if (holder !== undefined && holder !== code) check.fail('编办名称', `编办名称已被行政区划 ${holder} 的编办使用`)
  }
  const address = check.text('地址', false, 256)
  const postcode = check.postcode('邮编', false)
  const phone = phoneNumber(check, '电话')
  if (!check.ok) return null
  const record: OfficeRecord = {
    fileName: check.fileName,
    row: check.row,
    regionCode: code!,
    name: name!,
    address,
    postcode,
    phone,
  }
  return {
    record,
    remember: () => {
      claim(context.offices, record.regionCode, origin)
      context.officeNames.set(ownString(record.name), record.regionCode)
    },
  }
}

const officeStaff: Checker<'officeStaff'> = (check, context, origin) => {
  const office = officeRegion(check, context, '所属编办行政区划代码')
  const login = username(check, context, '登录名', office === null ? null : officeOwner(office))
  const displayName = check.text('姓名', true, 64)
  const mobile = check.mobile('手机', true)
  const email = check.email('电子邮箱', true)
  const rolesText = check.text('角色', true)
  let roles: OfficeRole[] = []
  if (rolesText !== null) {
    const words = rolesText.split(/[、,，;；/\s]+/).filter(Boolean)
    const unknown = words.find((word) => !ROLE_WORDS[word])
    if (unknown || !words.length) check.fail('角色', '角色应为管理员、审核员、财务中的一个或多个，以顿号分隔')
    else roles = [...new Set(words.map((word) => ROLE_WORDS[word]!))]
  }
  const disabled = check.choice('状态', false, ACTIVE_WORDS) ?? false
  if (!check.ok) return null
  const record: OfficeStaffRecord = {
    fileName: check.fileName,
    row: check.row,
    username: login!,
    displayName: displayName!,
    officeRegionCode: office!,
    mobile: mobile!,
    email: email!,
    roles,
    disabled,
  }
  return {
    record,
    remember: () => {
      const at = claim(context.usernames, record.username, origin)
      context.usernameOwner[at] = officeOwner(record.officeRegionCode)
    },
  }
}

const units: Checker<'units'> = (check, context, origin) => {
  const code = creditCode(check, '统一社会信用代码')
  if (code !== null) refuseDuplicate(check, context, context.units, code, '统一社会信用代码')
  const known = code === null ? undefined : context.units.get(code)
  const name = check.text('单位名称', true, 128)
  if (name !== null && code !== null) {
    const holder = context.unitNames.get(name)
    if (holder !== undefined && holder !== known) {
      const holderOrigin = context.units.origin[holder]!
      check.fail(
        '单位名称',
        holderOrigin === 0
          ? '单位名称已被系统中的其他单位使用'
          : `单位名称${duplicateOf(context, check, holderOrigin)}`,
      )
    }
  }
  const type = check.choice('单位类型', true, UNIT_TYPE_WORDS)
  const systemCategory = check.choice('系统类别', true, SYSTEM_CATEGORY_WORDS)
  let region = regionCode(check, context, '行政区划代码')
  if (region !== null) {
    const info = context.regions.get(region)!
    if (info.level === 'NATIONAL' || info.placeholder) {
      region = check.fail('行政区划代码', '请填写到具体的省、市或县（区），不能是全国或“市辖区”等统计分组')
    } else if (context.offices.get(region) === undefined) {
      region = check.fail('行政区划代码', '该行政区划没有编办（本批文件和系统中均无该编办）')
    }
  }
  const superiorUnitName = check.text('上级主管单位', false, 128)
  const functions = check.text('开办主体职能', false, 2000)
  const address = check.text('通讯地址', true, 256)
  const postcode = check.postcode('邮编', true)
  const landline = phoneNumber(check, '固定电话')
  const handlerName = check.text('经办人姓名', true, 32)
  const handlerMobile = check.mobile('经办人手机', true)
  const handlerEmail = check.email('经办人电子邮箱', true)
  const handlerIdNumber = check.idNumber('经办人身份证号', false)
  const login = username(check, context, '登录名', known ?? null)
  const disabled = check.choice('状态', false, ACTIVE_WORDS) ?? false
  const registeredAt = check.date('注册日期', false)
  if (!check.ok) return null
  const record: UnitRecord = {
    fileName: check.fileName,
    row: check.row,
    creditCode: code!,
    name: name!,
    type: type!,
    systemCategory: systemCategory!,
    regionCode: region!,
    superiorUnitName,
    functions,
    address: address!,
    postcode: postcode!,
    landline,
    handlerName: handlerName!,
    handlerMobile: handlerMobile!,
    handlerEmail: handlerEmail!,
    handlerIdNumber,
    username: login!,
    status: disabled ? 'INACTIVE' : 'ACTIVE',
    registeredAt,
  }
  return {
    record,
    remember: () => {
      const at = claim(context.units, record.creditCode, origin)
      context.unitRegion[at] = Number(record.regionCode)
      context.unitType[at] = UNIT_TYPES.indexOf(record.type)
      context.unitNames.set(ownString(record.name), at)
      const user = claim(context.usernames, record.username, origin)
      context.usernameOwner[user] = at
    },
  }
}

const domains: Checker<'domains'> = (check, context, origin) => {
  const domain = domainName(check, '域名')
  const key = domain && fullDomainName(domain.name, domain.suffix)
  if (key) refuseDuplicate(check, context, context.domains, key, '域名')
  const unit = unitOf(check, context, '单位统一社会信用代码')
  if (domain && unit) {
    const problem = suffixProblem(UNIT_TYPES[context.unitType[unit.at]!]!, domain.suffix)
    if (problem) check.fail('域名', `域名后缀与单位类型不符：${problem}`)
  }
  const status = check.choice('状态', true, DOMAIN_STATUS_WORDS)
  const registeredAt = check.date('注册日期', true)
  const expiresAt = check.date('到期日期', true)
  if (registeredAt && expiresAt && expiresAt < registeredAt) check.fail('到期日期', '到期日期早于注册日期')
  const years = check.whole('年限', true, 1, 10, yearsProblem(0)!)
  if (!check.ok) return null
  const record: DomainRecord = {
    fileName: check.fileName,
    row: check.row,
    name: domain!.name,
    suffix: domain!.suffix,
    unitCreditCode: unit!.code,
    status: status!,
    registeredAt: registeredAt!,
    expiresAt: expiresAt!,
    years: years!,
  }
  return {
    record,
    remember: () => {
      const at = claim(context.domains, key!, origin)
      context.domainUnit[at] = unit!.at
    },
  }
}

const dnsRecords: Checker<'dnsRecords'> = (check, context, origin) => {
  const domain = knownDomain(check, context, '域名')
  const host = check.text('主机记录', true)
  const type = check.choice('记录类型', true, DNS_TYPE_WORDS)
  const value = check.text('记录值', true)
  const ttl = check.whole('TTL', false, 60, 86_400, 'TTL 应在 60 到 86400 之间')
  const priority = check.whole('优先级', false, 0, 65_535, 'MX 优先级应为 0 到 65535 之间的整数')
  if (domain && host !== null && type && value !== null && !check.hasFailed('TTL') && !check.hasFailed('优先级')) {
    const checked = validateRecord(
      { type, host: compactCode(host), value, ttl, priority },
      fullDomainName(domain.name, domain.suffix),
    )
    if (!checked.ok) {
      const columns = { host: '主机记录', value: '记录值', ttl: 'TTL', priority: '优先级', type: '记录类型' } as const
      for (const [field, message] of Object.entries(checked.fields))
        check.fail(columns[field as keyof typeof columns] ?? '', message)
    } else {
      const record: DnsRecordRecord = {
        fileName: check.fileName,
        row: check.row,
        domainName: domain.name,
        domainSuffix: domain.suffix,
        host: checked.record.host,
        type,
        value: checked.record.value,
        ttl: checked.record.ttl,
        priority: checked.record.priority,
      }
      const hostKey = `${fullDomainName(domain.name, domain.suffix)}\u0000${record.host}`
      const key = `${hostKey}\u0000${type}\u0000${record.value}`
      refuseDuplicate(check, context, context.dnsRecords, key, '记录值')
      // How records share a host, as the DNS page allows it (dns/validation.ts findConflict), among this run's rows.
      const onHost = context.dnsHosts.get(hostKey) ?? 0
      if (check.ok && onHost % 2 === 1)
        check.fail('主机记录', `该主机记录已有 CNAME 记录，不能再添加其他记录（${record.host}）`)
      else if (check.ok && type === 'CNAME' && onHost > 0)
        check.fail('主机记录', `该主机记录已有其他解析记录，不能添加 CNAME 记录（${record.host}）`)
      else if (check.ok && onHost / 2 >= MAX_RECORDS_PER_HOST)
        check.fail('主机记录', `同一主机记录最多 ${MAX_RECORDS_PER_HOST} 条解析记录（${record.host}）`)
      if (check.ok)
        return {
          record,
          remember: () => {
            claim(context.dnsRecords, key, origin)
            context.dnsHosts.set(ownString(hostKey), onHost + 2 + (type === 'CNAME' ? 1 : 0))
          },
        }
    }
  }
  return null
}

const badges: Checker<'badges'> = (check, context, origin) => {
  const number = check.code('标识编号', true)
  const unit = unitOf(check, context, '单位统一社会信用代码')
  if (number !== null) {
    if (!BADGE_NUMBER.test(number)) check.fail('标识编号', '标识编号应为 15 位数字')
    else {
      const year = Number(number.slice(0, 4))
      if (year < EARLIEST_BADGE_YEAR || year > new Date().getUTCFullYear())
        check.fail('标识编号', `标识编号的年份（${year}）不合理`)
      else if (unit && Number(number.slice(4, 10)) !== context.unitRegion[unit.at])
        check.fail('标识编号', '标识编号与单位所在行政区划不符')
      else refuseDuplicate(check, context, context.badges, number, '标识编号')
    }
  }
  const type = unit ? UNIT_TYPES[context.unitType[unit.at]!]! : null
  const siteName = check.text('网站名称', true, 128)
  const placement = check.choice('放置方式', true, PLACEMENT_WORDS)
  const domain = knownDomain(check, context, '中文域名', unit?.at)
  const selfBuilt = placement === 'SELF_BUILT'
  const english = englishDomain(check, '英文域名', selfBuilt, type)
  const ip = ipAddress(check, 'IP地址', selfBuilt)
  const issuedAt = check.date('颁发日期', true)
  const status = check.choice('状态', true, BADGE_STATUS_WORDS)
  const cancelledAt = check.date('注销日期', status === 'CANCELLED')
  if (issuedAt && cancelledAt && cancelledAt < issuedAt) check.fail('注销日期', '注销日期早于颁发日期')
  if (!check.ok) return null
  const record: BadgeRecord = {
    fileName: check.fileName,
    row: check.row,
    badgeNumber: number!,
    unitCreditCode: unit!.code,
    siteName: siteName!,
    placement: placement!,
    domainName: domain!.name,
    domainSuffix: domain!.suffix,
    englishDomain: english,
    ipAddress: ip,
    issuedAt: issuedAt!,
    status: status!,
    cancelledAt: status === 'CANCELLED' ? cancelledAt : null,
  }
  return { record, remember: () => void claim(context.badges, record.badgeNumber, origin) }
}

const siteApplications: Checker<'siteApplications'> = (check, context, origin) => {
  const serial = check.code('申请编号', true)
  if (serial !== null) {
    if (!SERIAL.test(serial)) check.fail('申请编号', '申请编号应为 4–32 位字母、数字或连字符')
    else refuseDuplicate(check, context, context.siteApplications, serial, '申请编号')
  }
  const unit = unitOf(check, context, '单位统一社会信用代码')
  const type = unit ? UNIT_TYPES[context.unitType[unit.at]!]! : null
  const siteName = check.text('网站名称', true, 128)
  const siteIntro = check.text('网站简介', false, 500)
  const domain = knownDomain(check, context, '中文域名', unit?.at)
  const useMicroSite = check.choice('网络红页', true, YES_NO)
  const english = englishDomain(check, '英文域名', useMicroSite === false, type)
  const ip = ipAddress(check, 'IP地址', useMicroSite === false)
  const principalName = check.text('负责人姓名', true, 32)
  const principalMobile = check.mobile('负责人手机', true)
  const principalEmail = check.email('负责人电子邮箱', true)
  const handlerName = check.text('经办人姓名', true, 32)
  const handlerMobile = check.mobile('经办人手机', true)
  const handlerEmail = check.email('经办人电子邮箱', true)
  const handlerIdNumber = check.idNumber('经办人身份证号', false)
  const status = check.choice('状态', true, SITE_STATUS_WORDS)
  if (status === 'AWAITING_PAPER' && type && type !== 'PARTY_GOVERNMENT' && type !== 'MASS_ORGANIZATION')
    check.fail('状态', '待寄送材料仅适用于党政机关和群团机关的申请')
  const submittedAt = check.date('提交日期', true)
  if (!check.ok) return null
  const record: SiteApplicationRecord = {
    fileName: check.fileName,
    row: check.row,
    serialNumber: serial!,
    unitCreditCode: unit!.code,
    siteName: siteName!,
    siteIntro,
    domainName: domain!.name,
    domainSuffix: domain!.suffix,
    useMicroSite: useMicroSite!,
    englishDomain: useMicroSite ? null : english,
    ipAddress: useMicroSite ? null : ip,
    principalName: principalName!,
    principalMobile: principalMobile!,
    principalEmail: principalEmail!,
    handlerName: handlerName!,
    handlerMobile: handlerMobile!,
    handlerEmail: handlerEmail!,
    handlerIdNumber,
    status: status!,
    submittedAt: submittedAt!,
  }
  return { record, remember: () => void claim(context.siteApplications, record.serialNumber, origin) }
}

const balances: Checker<'balances'> = (check, context, origin) => {
  const code = officeRegion(check, context, '行政区划代码')
  if (code === NATIONAL) check.fail('行政区划代码', '中央编办没有预存帐户余额')
  else if (code !== null) refuseDuplicate(check, context, context.balances, code, '行政区划代码')
  const prepaidFen = check.fen('帐户余额（元）', true, '帐户余额不能为负')
  const collectedFen = check.fen('代收未汇款（元）', false, '代收未汇款不能为负') ?? 0
  if (!check.ok) return null
  const record: BalanceRecord = {
    fileName: check.fileName,
    row: check.row,
    regionCode: code!,
    prepaidFen: prepaidFen!,
    collectedFen,
  }
  return { record, remember: () => void claim(context.balances, record.regionCode, origin) }
}

const invoiceStock: Checker<'invoiceStock'> = (check, context, origin) => {
  const code = officeRegion(check, context, '行政区划代码')
  if (code !== null) refuseDuplicate(check, context, context.invoiceStock, code, '行政区划代码')
  const quantity = check.whole('发票余量（张）', true, 0, 1_000_000, '发票余量应为 0 到 1000000 之间的整数')
  if (!check.ok) return null
  const record: InvoiceStockRecord = {
    fileName: check.fileName,
    row: check.row,
    regionCode: code!,
    quantity: quantity!,
  }
  return { record, remember: () => void claim(context.invoiceStock, record.regionCode, origin) }
}

export const CHECKERS: { [K in FileKind]: Checker<K> } = {
  offices,
  officeStaff,
  units,
  domains,
  dnsRecords,
  badges,
  siteApplications,
  balances,
  invoiceStock,
}
