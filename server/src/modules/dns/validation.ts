// 域名解析: pure checks of one DNS record's fields and of how records on the same host may coexist. No database
// here, so the table-driven tests in tests/api/dns-validation.test.ts cover every rule without a server.
import { isIPv6 } from 'node:net'
import { domainToASCII } from 'node:url'
import type { DnsRecordType, UrlForwardRedirect } from '../../generated/prisma/enums.ts'

export const DEFAULT_TTL = 600
export const MIN_TTL = 60
export const MAX_TTL = 86_400
/** The host column is VARCHAR(63). */
export const MAX_HOST_LENGTH = 63
/** The value column is VARCHAR(512). */
export const MAX_VALUE_LENGTH = 512
/** One DNS character-string (RFC 1035 §3.3): a TXT value is served as one, so at most 255 octets of UTF-8. */
export const MAX_TXT_OCTETS = 255
/** Records on one name (host) of a domain: beyond this the answer outgrows what resolvers take over UDP. */
export const MAX_RECORDS_PER_HOST = 20

export const MESSAGES = {
  host: '主机记录格式不正确',
  hostTooLong: '主机记录过长',
  ipv4: 'IPv4 地址格式不正确',
  ipv6: 'IPv6 地址格式不正确',
  hostname: '目标主机名格式不正确',
  hostnameIsAddress: 'CNAME 和 MX 记录应指向主机名，不能是 IP 地址',
  txt: 'TXT 记录应为 1 到 255 字节的可打印文字（一个汉字占 3 字节）',
  url: '转发地址应为 http:// 或 https:// 开头的网址',
  ttl: `TTL 应在 ${MIN_TTL} 到 ${MAX_TTL} 之间`,
  priority: 'MX 优先级应为 0 到 65535 之间的整数',
  priorityNotAllowed: '只有 MX 记录可以设置优先级',
  forwardOptionsNotAllowed: '只有 URL转发记录可以设置跳转方式和是否保留路径',
} as const

export type FieldErrors = Partial<
  Record<'host' | 'value' | 'ttl' | 'priority' | 'type' | 'forwardRedirect' | 'forwardKeepPath', string>
>

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** A host name of LDH labels (e.g. mail.example.gov.cn), optionally ending with the root dot. */
export function isHostname(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value
  if (name.length === 0 || name.length > 253) return false
  return name
    .toLowerCase()
    .split('.')
    .every((label) => LABEL.test(label))
}

/** Bytes of a domain on the wire (punycode for the Chinese labels); 0 when it cannot be encoded. */
export function asciiLength(domainName: string): number {
  return domainToASCII(domainName).length
}

/**
 * 主机记录: `@` (the domain itself), `*` (wildcard), or dot-separated LDH labels, lower-cased. Returns the
 * normalised host or an error message. With `domainFullName` the whole name must fit in 253 characters.
 */
export function normalizeHost(raw: string, domainFullName?: string): { host: string } | { error: string } {
  const host = raw.trim().toLowerCase()
  if (host === '@' || host === '*') return { host }
  if (host.length === 0 || !host.split('.').every((label) => LABEL.test(label))) return { error: MESSAGES.host }
  if (host.length > MAX_HOST_LENGTH) return { error: MESSAGES.hostTooLong }
  if (domainFullName !== undefined) {
    const domainLength = asciiLength(domainFullName)
    if (domainLength === 0 || host.length + 1 + domainLength > 253) return { error: MESSAGES.hostTooLong }
  }
  return { host }
}

/** Dotted-quad IPv4: four decimal numbers 0-255 without leading zeros. */
export function isIPv4(value: string): boolean {
  const parts = value.split('.')
  return parts.length === 4 && parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255)
}

export { isIPv6 }

/** TXT: 1-255 octets of printable text (no control characters; Chinese text is printable, 3 octets a character). */
export function isTxtValue(value: string): boolean {
  const octets = Buffer.byteLength(value, 'utf8')
  // eslint-disable-next-line no-control-regex
  return octets >= 1 && octets <= MAX_TXT_OCTETS && !/[\u0000-\u001f\u007f]/.test(value)
}

/**
 * A CNAME or MX target must name a host (RFC 1034 §3.6.2, RFC 1035 §3.3.9). A dotted-quad is an address, and no
 * top-level domain is all digits (RFC 3696 §2), so a name ending in a numeric label is one too.
 */
export function isAddressLike(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value
  return isIPv4(name) || /^[0-9]+$/.test(name.split('.').pop() ?? '')
}

/** An absolute http(s) URL with a host. */
export function isForwardUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || value.length > MAX_VALUE_LENGTH || /\s/.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0
  } catch {
    return false
  }
}

export function isValidTtl(ttl: number): boolean {
  return Number.isInteger(ttl) && ttl >= MIN_TTL && ttl <= MAX_TTL
}

export function isValidPriority(priority: number): boolean {
  return Number.isInteger(priority) && priority >= 0 && priority <= 65_535
}

/** The value of a record of this type, normalised (host names lower-cased), or the message for `value`. */
export function normalizeValue(type: DnsRecordType, raw: string): { value: string } | { error: string } {
  // TXT keeps its spaces; everything else is trimmed.
  const value = type === 'TXT' ? raw : raw.trim()
  switch (type) {
    case 'A':
      return isIPv4(value) ? { value } : { error: MESSAGES.ipv4 }
    case 'AAAA':
      return isIPv6(value) ? { value: value.toLowerCase() } : { error: MESSAGES.ipv6 }
    case 'CNAME':
    case 'MX':
      if (isAddressLike(value)) return { error: MESSAGES.hostnameIsAddress }
      return isHostname(value) ? { value: value.toLowerCase() } : { error: MESSAGES.hostname }
    case 'TXT':
      return isTxtValue(value) ? { value } : { error: MESSAGES.txt }
    case 'URL_FORWARD':
      return isForwardUrl(value) ? { value } : { error: MESSAGES.url }
  }
}

export interface RecordInput {
  type: DnsRecordType
  host: string
  value: string
  ttl?: number | null
  priority?: number | null
  /** URL_FORWARD only: 301 or 302 (default 302) */
  forwardRedirect?: UrlForwardRedirect | null
  /** URL_FORWARD only: append the request's path and query to the target (default false) */
  forwardKeepPath?: boolean | null
}

export interface NormalizedRecord {
  type: DnsRecordType
  host: string
  value: string
  ttl: number
  priority: number | null
  /** Set for URL_FORWARD (its default when not given), null for every other type. */
  forwardRedirect: UrlForwardRedirect | null
  forwardKeepPath: boolean | null
}

/** The URL_FORWARD defaults: 302, path not kept (what every forward did before the options existed). */
export const FORWARD_DEFAULTS = { forwardRedirect: 'TEMPORARY', forwardKeepPath: false } as const

/** Checks every field of a record at once, so the form can show all its errors together. */
export function validateRecord(
  input: RecordInput,
  domainFullName?: string,
): { ok: true; record: NormalizedRecord } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {}
  const host = normalizeHost(input.host, domainFullName)
  if ('error' in host) fields.host = host.error
  const value = normalizeValue(input.type, input.value)
  if ('error' in value) fields.value = value.error
  const ttl = input.ttl ?? DEFAULT_TTL
  if (!isValidTtl(ttl)) fields.ttl = MESSAGES.ttl
  let priority: number | null = null
  if (input.type === 'MX') {
    if (input.priority == null || !isValidPriority(input.priority)) fields.priority = MESSAGES.priority
    else priority = input.priority
  } else if (input.priority != null) {
    fields.priority = MESSAGES.priorityNotAllowed
  }
  const isForward = input.type === 'URL_FORWARD'
  if (!isForward && input.forwardRedirect != null) fields.forwardRedirect = MESSAGES.forwardOptionsNotAllowed
  if (!isForward && input.forwardKeepPath != null) fields.forwardKeepPath = MESSAGES.forwardOptionsNotAllowed
  if (Object.keys(fields).length || 'error' in host || 'error' in value) return { ok: false, fields }
  const forwardRedirect = isForward ? (input.forwardRedirect ?? FORWARD_DEFAULTS.forwardRedirect) : null
  const forwardKeepPath = isForward ? (input.forwardKeepPath ?? FORWARD_DEFAULTS.forwardKeepPath) : null
  return {
    ok: true,
    record: { type: input.type, host: host.host, value: value.value, ttl, priority, forwardRedirect, forwardKeepPath },
  }
}

export interface ExistingRecord {
  id: number
  type: DnsRecordType
  host: string
  value: string
  priority: number | null
}

export type Conflict = {
  kind: 'CNAME_EXCLUSIVE' | 'FORWARD_EXCLUSIVE' | 'DUPLICATE' | 'TOO_MANY'
  message: string
}

const ADDRESS_TYPES: readonly DnsRecordType[] = ['A', 'AAAA']

/**
 * Whether `record` may sit next to the domain's other records (`others` excludes the record being edited and
 * its URL-forward partner): a CNAME owns its host alone (RFC 1034 §3.6.2); a URL forward's host must point only
 * at the forwarding server, so it cannot share the host with other A/AAAA records or another forward; and the
 * same type/host/value cannot be added twice, nor more than MAX_RECORDS_PER_HOST records on one host.
 */
export function findConflict(
  record: Pick<NormalizedRecord, 'type' | 'host' | 'value'>,
  others: ExistingRecord[],
): Conflict | null {
  const sameHost = others.filter((other) => other.host === record.host)
  if (sameHost.some((other) => other.type === 'CNAME')) {
    return { kind: 'CNAME_EXCLUSIVE', message: `该主机记录已有 CNAME 记录，不能再添加其他记录（${record.host}）` }
  }
  if (record.type === 'CNAME' && sameHost.length > 0) {
    return { kind: 'CNAME_EXCLUSIVE', message: `该主机记录已有其他解析记录，不能添加 CNAME 记录（${record.host}）` }
  }
  if (
    record.type === 'URL_FORWARD' &&
    sameHost.some((other) => other.type === 'URL_FORWARD' || ADDRESS_TYPES.includes(other.type))
  ) {
    return {
      kind: 'FORWARD_EXCLUSIVE',
      message: `该主机记录已有 A、AAAA 或 URL转发记录，请先删除后再添加 URL转发（${record.host}）`,
    }
  }
  if (ADDRESS_TYPES.includes(record.type) && sameHost.some((other) => other.type === 'URL_FORWARD')) {
    return {
      kind: 'FORWARD_EXCLUSIVE',
      message: `该主机记录已设置 URL转发，不能再添加 A 或 AAAA 记录（${record.host}）`,
    }
  }
  if (sameHost.some((other) => other.type === record.type && other.value === record.value)) {
    return { kind: 'DUPLICATE', message: '已存在相同的解析记录' }
  }
  if (sameHost.length >= MAX_RECORDS_PER_HOST) {
    return {
      kind: 'TOO_MANY',
      message: `同一主机记录最多 ${MAX_RECORDS_PER_HOST} 条解析记录（${record.host}）`,
    }
  }
  return null
}
