// The pure checks of DNS records (server/src/modules/dns/validation.ts), table by table.
import { describe, expect, it } from 'vitest'
import {
  findConflict,
  isForwardUrl,
  isHostname,
  isIPv4,
  isIPv6,
  isTxtValue,
  isValidPriority,
  isValidTtl,
  MESSAGES,
  normalizeHost,
  validateRecord,
  type ExistingRecord,
} from '../../server/src/modules/dns/validation.ts'

describe('host (主机记录)', () => {
  it.each([
    ['@', '@'],
    ['*', '*'],
    ['www', 'www'],
    ['WWW', 'www'],
    [' mail ', 'mail'],
    ['a.b.c', 'a.b.c'],
    ['x-1', 'x-1'],
    ['0', '0'],
    ['a'.repeat(63), 'a'.repeat(63)],
  ])('%j is accepted as %j', (raw, expected) => {
    expect(normalizeHost(raw)).toEqual({ host: expected })
  })

  it.each([
    [''],
    ['-www'],
    ['www-'],
    ['a..b'],
    ['.www'],
    ['www.'],
    ['w_w'],
    ['w w'],
    ['*.www'],
    ['@.www'],
    ['政务'],
    ['a'.repeat(64)],
  ])('%j is refused', (raw) => {
    expect(normalizeHost(raw)).toHaveProperty('error')
  })

  it('is refused when the whole name would exceed 253 characters', () => {
    const host = `${'a'.repeat(30)}.${'b'.repeat(30)}`
    expect(normalizeHost(host, '清丰县人民政府.政务')).toEqual({ host })
    expect(normalizeHost(host, `${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.政务`)).toEqual({
      error: MESSAGES.hostTooLong,
    })
  })
})

describe('values', () => {
  it.each([
    ['1.2.3.4', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['10.0.0.1', true],
    ['256.1.1.1', false],
    ['01.2.3.4', false],
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['1.2.3.-4', false],
    ['a.b.c.d', false],
    [' 1.2.3.4', false],
    ['', false],
  ])('IPv4 %j -> %s', (value, ok) => {
    expect(isIPv4(value)).toBe(ok)
  })

  it.each([
    ['::1', true],
    ['2001:db8::1', true],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', true],
    ['fe80::', true],
    ['2001:db8::g', false],
    ['1.2.3.4', false],
    ['2001:db8:::1', false],
    ['', false],
  ])('IPv6 %j -> %s', (value, ok) => {
    expect(isIPv6(value)).toBe(ok)
  })

  it.each([
    ['www.example.gov.cn', true],
    ['mail.example.gov.cn.', true],
    ['localhost', true],
    ['-bad.example', false],
    ['bad..example', false],
    ['http://example.com', false],
    ['', false],
  ])('host name %j -> %s', (value, ok) => {
    expect(isHostname(value)).toBe(ok)
  })

  it.each([
    ['v=spf1 -all', true],
    ['网站验证 abc', true],
    ['x', true],
    ['x'.repeat(255), true],
    ['x'.repeat(256), false],
    ['', false],
    ['line\nbreak', false],
  ])('TXT %j -> %s', (value, ok) => {
    expect(isTxtValue(value)).toBe(ok)
  })

  it.each([
    ['http://www.example.gov.cn', true],
    ['https://www.example.gov.cn/path?q=1', true],
    ['ftp://example.com', false],
    ['www.example.gov.cn', false],
    ['https://', false],
    ['javascript:alert(1)', false],
  ])('forward URL %j -> %s', (value, ok) => {
    expect(isForwardUrl(value)).toBe(ok)
  })

  it.each([
    [59, false],
    [60, true],
    [600, true],
    [86400, true],
    [86401, false],
    [600.5, false],
  ])('TTL %d -> %s', (ttl, ok) => {
    expect(isValidTtl(ttl)).toBe(ok)
  })

  it.each([
    [-1, false],
    [0, true],
    [10, true],
    [65535, true],
    [65536, false],
    [1.5, false],
  ])('MX priority %d -> %s', (priority, ok) => {
    expect(isValidPriority(priority)).toBe(ok)
  })
})

describe('validateRecord', () => {
  it('normalises a good record and defaults the TTL to 600', () => {
    expect(validateRecord({ type: 'CNAME', host: 'WWW', value: 'Site.Example.gov.cn' })).toEqual({
      ok: true,
      record: {
        type: 'CNAME',
        host: 'www',
        value: 'site.example.gov.cn',
        ttl: 600,
        priority: null,
        forwardRedirect: null,
        forwardKeepPath: null,
      },
    })
  })

  it('gives a URL forward its defaults, 302 without the path, and refuses the options on other types', () => {
    expect(validateRecord({ type: 'URL_FORWARD', host: '@', value: 'https://a.gov.cn/' })).toMatchObject({
      ok: true,
      record: { forwardRedirect: 'TEMPORARY', forwardKeepPath: false },
    })
    expect(validateRecord({ type: 'TXT', host: '@', value: 'x', forwardKeepPath: true })).toEqual({
      ok: false,
      fields: { forwardKeepPath: MESSAGES.forwardOptionsNotAllowed },
    })
  })

  it('reports every bad field at once, in Chinese', () => {
    expect(validateRecord({ type: 'A', host: 'a..b', value: '256.1.1.1', ttl: 59 })).toEqual({
      ok: false,
      fields: { host: MESSAGES.host, value: MESSAGES.ipv4, ttl: MESSAGES.ttl },
    })
  })

  it('needs an MX priority and refuses one on other types', () => {
    expect(validateRecord({ type: 'MX', host: '@', value: 'mail.example.gov.cn' })).toEqual({
      ok: false,
      fields: { priority: MESSAGES.priority },
    })
    expect(validateRecord({ type: 'MX', host: '@', value: 'mail.example.gov.cn', priority: 65536 })).toEqual({
      ok: false,
      fields: { priority: MESSAGES.priority },
    })
    expect(validateRecord({ type: 'MX', host: '@', value: 'mail.example.gov.cn', priority: 10 })).toMatchObject({
      ok: true,
      record: { priority: 10 },
    })
    expect(validateRecord({ type: 'A', host: '@', value: '1.2.3.4', priority: 10 })).toEqual({
      ok: false,
      fields: { priority: MESSAGES.priorityNotAllowed },
    })
  })
})

describe('findConflict', () => {
  const record = (id: number, type: ExistingRecord['type'], host: string, value: string): ExistingRecord => ({
    id,
    type,
    host,
    value,
    priority: null,
  })

  it.each([
    [
      'a CNAME on a host that has an A record',
      { type: 'CNAME', host: 'www', value: 'x.example' },
      [record(1, 'A', 'www', '1.2.3.4')],
      'CNAME_EXCLUSIVE',
    ],
    [
      'an A record on a host that has a CNAME',
      { type: 'A', host: 'www', value: '1.2.3.4' },
      [record(1, 'CNAME', 'www', 'x.example')],
      'CNAME_EXCLUSIVE',
    ],
    [
      'a TXT on a host that has a CNAME',
      { type: 'TXT', host: 'www', value: 'hi' },
      [record(1, 'CNAME', 'www', 'x.example')],
      'CNAME_EXCLUSIVE',
    ],
    [
      'a second CNAME',
      { type: 'CNAME', host: 'www', value: 'y.example' },
      [record(1, 'CNAME', 'www', 'x.example')],
      'CNAME_EXCLUSIVE',
    ],
    ['an identical record', { type: 'A', host: '@', value: '1.2.3.4' }, [record(1, 'A', '@', '1.2.3.4')], 'DUPLICATE'],
    [
      'a URL forward on a host with an A record',
      { type: 'URL_FORWARD', host: '@', value: 'http://x.gov.cn' },
      [record(1, 'A', '@', '1.2.3.4')],
      'FORWARD_EXCLUSIVE',
    ],
    [
      'an AAAA record on a forwarded host',
      { type: 'AAAA', host: '@', value: '::1' },
      [record(1, 'URL_FORWARD', '@', 'http://x.gov.cn')],
      'FORWARD_EXCLUSIVE',
    ],
  ] as const)('refuses %s', (_label, candidate, others, kind) => {
    expect(findConflict(candidate, [...others])?.kind).toBe(kind)
  })

  it.each([
    [
      'a second A record with another address',
      { type: 'A', host: '@', value: '5.6.7.8' },
      [record(1, 'A', '@', '1.2.3.4')],
    ],
    ['a CNAME on an empty host', { type: 'CNAME', host: 'www', value: 'x.example' }, [record(1, 'A', '@', '1.2.3.4')]],
    ['a TXT next to an MX', { type: 'TXT', host: '@', value: 'v=spf1' }, [record(1, 'MX', '@', 'mail.example')]],
  ] as const)('allows %s', (_label, candidate, others) => {
    expect(findConflict(candidate, [...others])).toBeNull()
  })
})
