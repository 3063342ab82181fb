// The schema edge's rules as pure functions (server/src/validation/): table-driven, no server. The API-level
// refusals are in bad-input.test.ts, and schema-fuzz.test.ts sends generated input to every field.
import { describe, expect, it } from 'vitest'
import { checkDateTime } from '../../server/src/validation/dateTime.ts'
import { NO_ROW_ID, rowId } from '../../server/src/validation/ids.ts'
import { checkText, DEFAULT_MAX_TEXT_LENGTH, type TextRule } from '../../server/src/validation/text.ts'

const singleLine: TextRule = { kind: 'singleLine', maxLength: DEFAULT_MAX_TEXT_LENGTH }
const multiLine: TextRule = { kind: 'multiLine', maxLength: 10 }
const opaque: TextRule = { kind: 'opaque', maxLength: 64 }

describe('text', () => {
  it.each([
    ['NUL', 'a\u0000b', /控制字符（U\+0000）/],
    ['a C0 control', 'a\u0007b', /控制字符（U\+0007）/],
    ['DEL', 'a\u007fb', /控制字符（U\+007F）/],
    ['a C1 control', 'a\u0090b', /控制字符（U\+0090）/],
    ['a tab', 'a\tb', /控制字符（U\+0009）/],
    ['a line feed', 'a\nb', /不能包含换行/],
    ['a line separator', 'a\u2028b', /不能包含换行/],
    ['NEL', 'a\u0085b', /不能包含换行/],
    ['a lone high surrogate', 'a\ud800', /不成对的代理项/],
    ['a lone low surrogate', '\udc00a', /不成对的代理项/],
    ['a right-to-left override', 'a\u202eb', /文字方向控制字符（U\+202E）/],
    ['a right-to-left isolate', 'a\u2067b', /文字方向控制字符/],
    ['a left-to-right mark', 'a\u200eb', /文字方向控制字符/],
    ['the Arabic letter mark', 'a\u061cb', /文字方向控制字符/],
    ['a zero-width space', 'a\u200bb', /零宽/],
    ['a zero-width joiner', 'a\u200db', /零宽/],
    ['a word joiner', 'a\u2060b', /零宽/],
    ['a byte order mark', '\ufeffab', /零宽/],
    ['the Mongolian vowel separator', 'a\u180eb', /零宽/],
    ['a soft hyphen', 'a\u00adb', /零宽/],
    ['a tag character', 'a\u{e0041}b', /零宽/],
    ['a Hangul filler', 'a\u3164b', /零宽/],
    ['a noncharacter', 'a\ufffeb', /无效的 Unicode 字符（U\+FFFE）/],
    ['a plane-16 noncharacter', 'a\u{10ffff}', /无效的 Unicode 字符/],
    ['too many characters', 'x'.repeat(DEFAULT_MAX_TEXT_LENGTH + 1), /不能超过 2000 个字符/],
  ])('single-line text refuses %s', (_name, value, problem) => {
    const result = checkText(value, singleLine)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem).toMatch(problem)
  })

  it.each([
    ['Chinese with an ideographic space', '清丰县\u3000人民政府'],
    ['emoji and other astral characters', '𠀀𪚥😀'],
    ['private-use characters (rare names)', '\ue000\uf8ff'],
    ['right-to-left letters without controls', 'مرحبا'],
    ['the longest allowed', '长'.repeat(DEFAULT_MAX_TEXT_LENGTH)],
  ])('single-line text accepts %s', (_name, value) => {
    expect(checkText(value, singleLine)).toEqual({ ok: true, value })
  })

  it('normalises to NFC', () => {
    expect(checkText('Cafe\u0301', singleLine)).toEqual({ ok: true, value: 'Caf\u00e9' })
    expect(checkText('\u212b', singleLine)).toEqual({ ok: true, value: '\u00c5' })
  })

  it('multi-line text keeps \\n, \\r\\n and tabs, and counts a line break as one character', () => {
    expect(checkText('一\n二\r\n三\t四', multiLine)).toEqual({ ok: true, value: '一\n二\r\n三\t四' })
    expect(checkText('12345\r\n6789', multiLine).ok).toBe(true)
    expect(checkText('12345\r\n67890', multiLine).ok).toBe(false)
    for (const value of ['a\rb', 'a\u2028b', 'a\u000bb', 'a\u0000b', 'a\u202eb', 'a\u200bb']) expect(checkText(value, multiLine).ok, JSON.stringify(value)).toBe(false)
  })

  it('opaque text (passwords) is kept as typed but must be well-formed', () => {
    expect(checkText('Pa\u200bss e\u0301 1', opaque)).toEqual({ ok: true, value: 'Pa\u200bss e\u0301 1' })
    expect(checkText('Pa\ud800ss', opaque).ok).toBe(false)
    expect(checkText('x'.repeat(65), opaque).ok).toBe(false)
  })
})

describe('DateTime', () => {
  it.each([
    ['2026-11-22', '2026-11-22T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['1900-01-01', '1900-01-01T00:00:00.000Z'],
    ['2199-12-31T23:59:59Z', '2199-12-31T23:59:59.000Z'],
    ['2026-11-22T08:30Z', '2026-11-22T08:30:00.000Z'],
    ['2026-11-22T08:30:00+08:00', '2026-11-22T00:30:00.000Z'],
    ['2026-11-22T08:30:00-05:30', '2026-11-22T14:00:00.000Z'],
    ['2026-11-22T08:30:00.123456789Z', '2026-11-22T08:30:00.123Z'],
    ['2026-11-22T08:30:00.5Z', '2026-11-22T08:30:00.500Z'],
  ])('accepts %s as %s', (text, iso) => {
    const result = checkDateTime(text)
    expect(result.ok && result.value.toISOString()).toBe(iso)
  })

  it.each([
    ['+275760-09-13', /ISO 8601/],
    ['-271821-04-20T00:00:00Z', /ISO 8601/],
    ['2025-02-29', /日期不存在/],
    ['1900-02-29', /日期不存在/],
    ['2026-02-30', /日期不存在/],
    ['2026-04-31', /日期不存在/],
    ['2026-13-01', /日期不存在/],
    ['2026-00-10', /日期不存在/],
    ['0000-00-00', /年份/],
    ['1899-12-31', /年份/],
    ['2200-01-01', /年份/],
    ['9999-12-31T23:59:59Z', /年份/],
    ['2026-01-01T24:00:00Z', /时间不存在/],
    ['2026-06-30T23:59:60Z', /时间不存在/],
    ['2026-01-01T00:00:00+15:00', /时区/],
    ['2026-01-01T00:00:00', /ISO 8601/],
    ['2026-01-01 00:00:00Z', /ISO 8601/],
    ['20260101', /ISO 8601/],
    ['2026-1-1', /ISO 8601/],
    ['Thu, 01 Jan 2026 00:00:00 GMT', /ISO 8601/],
    ['', /ISO 8601/],
    [' 2026-01-01', /ISO 8601/],
    [1735689600000, /ISO 8601/],
    [null, /ISO 8601/],
  ])('refuses %s', (value, problem) => {
    const result = checkDateTime(value)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem).toMatch(problem)
  })
})

describe('row ids', () => {
  it.each([
    ['1', '1'],
    ['2147483647', '2147483647'],
    ['2147483648', NO_ROW_ID],
    ['99999999999999999999', NO_ROW_ID],
    ['0', NO_ROW_ID],
    ['-1', NO_ROW_ID],
    ['007', NO_ROW_ID],
    ['1e3', NO_ROW_ID],
    ['0x10', NO_ROW_ID],
    [' 7', NO_ROW_ID],
    ['1.0', NO_ROW_ID],
    ['abc', NO_ROW_ID],
    ['', ''],
  ])('%s is %s', (raw, expected) => {
    expect(rowId(raw)).toBe(expected)
  })
})
