// Records that would make the published zone invalid are refused before they are stored (issue 18): a CNAME or
// MX that points at an IP address, a TXT string longer than DNS carries (255 octets; a Chinese character is 3),
// and more records on one name than the registry serves. The TTL range and CNAME exclusivity are in
// dns-validation.test.ts.
import { describe, expect, it } from 'vitest'
import {
  findConflict,
  MAX_RECORDS_PER_HOST,
  MESSAGES,
  validateRecord,
  type ExistingRecord,
} from '../../server/src/modules/dns/validation.ts'

describe('a target host that is an address', () => {
  it.each([
    ['CNAME', '192.0.2.1'],
    ['CNAME', '192.0.2.1.'],
    ['MX', '192.0.2.25'],
    ['MX', '10.1.2.3'],
    ['CNAME', 'host.123'],
  ] as const)('%s -> %s is refused', (type, value) => {
    const result = validateRecord({ type, host: '@', value, priority: type === 'MX' ? 10 : null })
    expect(result).toEqual({ ok: false, fields: { value: MESSAGES.hostnameIsAddress } })
  })

  it.each([
    ['CNAME', 'www.example.gov.cn'],
    ['MX', 'mx1.example.gov.cn'],
    ['MX', '163.com'],
    ['CNAME', '3com.example'],
  ] as const)('%s -> %s is allowed', (type, value) => {
    expect(validateRecord({ type, host: '@', value, priority: type === 'MX' ? 10 : null }).ok).toBe(true)
  })
})

describe('TXT length in octets', () => {
  it.each([
    ['255 ASCII characters', 'x'.repeat(255), true],
    ['85 Chinese characters (255 octets)', '政'.repeat(85), true],
    ['86 Chinese characters (258 octets)', '政'.repeat(86), false],
    ['100 Chinese characters (300 octets)', '网站验证'.repeat(25), false],
  ] as const)('%s -> %s', (_label, value, ok) => {
    const result = validateRecord({ type: 'TXT', host: '@', value })
    if (ok) expect(result.ok).toBe(true)
    else expect(result).toEqual({ ok: false, fields: { value: MESSAGES.txt } })
  })
})

describe('records per name', () => {
  const existing = (count: number, host: string): ExistingRecord[] =>
    Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      type: 'A' as const,
      host,
      value: `192.0.2.${index + 1}`,
      priority: null,
    }))

  it(`allows the ${MAX_RECORDS_PER_HOST}th record on a name and refuses one more`, () => {
    expect(
      findConflict({ type: 'A', host: 'www', value: '198.51.100.1' }, existing(MAX_RECORDS_PER_HOST - 1, 'www')),
    ).toBeNull()
    expect(
      findConflict({ type: 'TXT', host: 'www', value: 'hello' }, existing(MAX_RECORDS_PER_HOST, 'www'))?.kind,
    ).toBe('TOO_MANY')
  })

  it('counts each name on its own', () => {
    expect(
      findConflict({ type: 'A', host: '@', value: '198.51.100.1' }, existing(MAX_RECORDS_PER_HOST, 'www')),
    ).toBeNull()
  })
})
