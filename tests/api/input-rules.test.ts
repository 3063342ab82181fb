// The schema edge's rules as pure functions (server/src/validation/): table-driven, no server. The API-level
// refusals are in bad-input.test.ts, and schema-fuzz.test.ts sends generated input to every field.
import { describe, expect, it } from 'vitest'
import { checkDateTime } from '../../server/src/validation/dateTime.ts'
import { NO_ROW_ID, rowId } from '../../server/src/validation/ids.ts'
import {
  checkText,
  DEFAULT_MAX_TEXT_LENGTH,
  nameComparisonKey,
  type TextRule,
} from '../../server/src/validation/text.ts'

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
    ['emoji and other astral characters', '𠀀𪚥😀'],
    ['ideographs of CJK Extension H (Unicode 15), for rare names', '\u{31350}\u{3134a}'],
    ['right-to-left letters without controls', 'مرحبا'],
    ['the longest allowed', '长'.repeat(DEFAULT_MAX_TEXT_LENGTH)],
  ])('single-line text accepts %s', (_name, value) => {
    expect(checkText(value, singleLine)).toEqual({ ok: true, value })
  })

  it('the regular expressions know Unicode 17.0 (Node 20.20, ICU 78): Sidetic and CJK Extension J are assigned', () => {
    // Which code points count as unassigned (refused) is the Unicode version of Node's ICU; a Node whose ICU is
    // older refuses the newest characters as unassigned. This says which version these rules were checked with.
    expect(process.versions.unicode).toBe('17.0')
    expect(checkText('\u{10940}\u{323b0}', singleLine).ok).toBe(true)
  })

  it('normalises to NFC', () => {
    expect(checkText('Cafe\u0301', singleLine)).toEqual({ ok: true, value: 'Caf\u00e9' })
    expect(checkText('\u212b', singleLine)).toEqual({ ok: true, value: '\u00c5' })
  })

  it('multi-line text keeps \\n, \\r\\n and tabs, and counts a line break as one character', () => {
    expect(checkText('一\n二\r\n三\t四', multiLine)).toEqual({ ok: true, value: '一\n二\r\n三\t四' })
    expect(checkText('12345\r\n6789', multiLine).ok).toBe(true)
    expect(checkText('12345\r\n67890', multiLine).ok).toBe(false)
    for (const value of ['a\rb', 'a\u2028b', 'a\u000bb', 'a\u0000b', 'a\u202eb', 'a\u200bb'])
      expect(checkText(value, multiLine).ok, JSON.stringify(value)).toBe(false)
  })

  it('opaque text (passwords) is kept as typed but must be well-formed', () => {
    expect(checkText('Pa\u200bss e\u0301 1', opaque)).toEqual({ ok: true, value: 'Pa\u200bss e\u0301 1' })
    expect(checkText('Pa\ud800ss', opaque).ok).toBe(false)
    expect(checkText('x'.repeat(65), opaque).ok).toBe(false)
  })

  it('base64 (a file inside GraphQL) may be long, but only the base64 alphabet and line breaks pass', () => {
    const base64: TextRule = { kind: 'base64', maxLength: 150_000 }
    const file = Buffer.from('序号,类型\n1,合并\n').toString('base64')
    expect(checkText(`${file}\r\n${file}`, base64)).toEqual({ ok: true, value: `${file}\r\n${file}` })
    expect(checkText('x'.repeat(20_000), base64).ok).toBe(true)
    for (const bad of ['QUJD\u0000', 'QUJD\ud800', '5bqP5Y+3\u200b', '合并', 'QU JD', 'QUJD\u202e'])
      expect(checkText(bad, base64)).toEqual({ ok: false, problem: '文件内容不是有效的 base64 编码' })
    expect(checkText('x'.repeat(150_001), base64).ok).toBe(false)
  })
})

// Invisible and look-alike characters (red team M7: each of these names was registered beside the real
// 清丰县人民医院). Every text field refuses what draws nothing or has no agreed glyph; single-line fields (names,
// titles, search terms) also refuse radicals that look like ideographs and marks that strike through or enclose.
describe('invisible and look-alike characters', () => {
  const REAL = '清丰县人民医院'
  const both = [singleLine, { kind: 'multiLine', maxLength: 100 } as TextRule]

  it.each([
    // The red team's exact strings (redteam.md M7).
    ['CGJ U+034F', `${REAL}\u034f`, /零宽或不可见的格式字符（U\+034F）/],
    ['variation selector-16 U+FE0F', `${REAL}\ufe0f`, /变体选择符（U\+FE0F/],
    ['variation selector-1 U+FE00', `${REAL}\ufe00`, /变体选择符（U\+FE00/],
    ['variation selector-17 U+E0100', `${REAL}\u{e0100}`, /变体选择符（U\+E0100/],
    ['Khmer vowel inherent AQ U+17B4', `${REAL}\u17b4`, /不可见的格式字符（U\+17B4）/],
    ['Khmer vowel inherent AA U+17B5', `${REAL}\u17b5`, /不可见的格式字符（U\+17B5）/],
    ['Mongolian free variation selector one U+180B', `${REAL}\u180b`, /不可见的格式字符（U\+180B）/],
    ['unassigned U+FFF0', `${REAL}\ufff0`, /尚未定义的字符（U\+FFF0）/],
    ['private use U+E000', `${REAL}\ue000`, /私用区字符（U\+E000）.*GB 18030-2022/],
    // The rest of each class.
    ['Mongolian free variation selector four U+180F', `清丰${'\u180f'}县`, /U\+180F/],
    ['the last ideographic variation selector U+E01EF', `清\u{e01ef}丰`, /变体选择符（U\+E01EF/],
    ['Hangul choseong filler U+115F', `清丰\u115f县`, /U\+115F/],
    ['Hangul jungseong filler U+1160', `清丰\u1160县`, /U\+1160/],
    ['halfwidth Hangul filler U+FFA0', `清丰\uffa0县`, /U\+FFA0/],
    ['invisible times U+2062', `清丰\u2062县`, /U\+2062/],
    ['shorthand format letter overlap U+1BCA0', `清丰\u{1bca0}县`, /U\+1BCA0/],
    ['musical symbol begin beam U+1D173', `清丰\u{1d173}县`, /U\+1D173/],
    ['an unassigned code point in the tag block U+E0080', `清丰\u{e0080}县`, /尚未定义的字符（U\+E0080）/],
    ['unassigned U+0378', `清丰\u0378县`, /尚未定义的字符（U\+0378）/],
    ['unassigned U+3FFFD', `清丰\u{3fffd}县`, /尚未定义的字符（U\+3FFFD）/],
    ['private use U+F8FF', `清丰\uf8ff县`, /私用区字符（U\+F8FF）/],
    ['supplementary private use U+F0000', `清丰\u{f0000}县`, /私用区字符（U\+F0000）/],
    ['supplementary private use U+10FFFD', `清丰\u{10fffd}县`, /私用区字符（U\+10FFFD）/],
  ])('every text field refuses %s', (_name, value, problem) => {
    for (const rule of both) {
      const result = checkText(value, rule)
      expect(!result.ok && result.problem, rule.kind).toMatch(problem)
    }
  })

  it('every text field refuses every Default_Ignorable_Code_Point, unassigned and private-use code point', () => {
    const accepted: string[] = []
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue
      const character = String.fromCodePoint(codePoint)
      if (!/[\p{Default_Ignorable_Code_Point}\p{Cn}\p{Co}]/u.test(character)) continue
      for (const rule of both)
        if (checkText(`清${character}丰`, rule).ok)
          accepted.push(`U+${codePoint.toString(16).toUpperCase()} (${rule.kind})`)
    }
    expect(accepted.slice(0, 20)).toEqual([])
  })

  it.each([
    // The red team's exact string: the Kangxi radical ⼈ U+2F08 for the ideograph 人.
    ['the Kangxi radical ⼈ U+2F08 for 人', '清丰县\u2f08民医院', /部首或笔画符号（U\+2F08），请改用汉字“人”/],
    ['the Kangxi radical ⼀ U+2F00 for 一', '清丰县第\u2f00中学', /请改用汉字“一”/],
    ['the last Kangxi radical U+2FD5', '清丰\u2fd5县', /U\+2FD5/],
    [
      'the CJK radical ⺅ U+2E85 (the form of 人 on the left)',
      '清丰县\u2e85民医院',
      /部首或笔画符号（U\+2E85），请改用对应的汉字/,
    ],
    ['the CJK radical ⻟ U+2EDF for 食', '清丰县\u2edf品公司', /U\+2EDF/],
    ['the CJK stroke ㇐ U+31D0 for 一', '清丰县第\u31d0中学', /部首或笔画符号（U\+31D0）/],
    ['the CJK stroke ㇑ U+31D1 for 丨', '清丰\u31d1县', /U\+31D1/],
    ['combining long stroke overlay U+0336', '清丰县人民医院\u0336', /组合符号（U\+0336）/],
    ['combining tilde overlay U+0334', 'a\u0334b', /U\+0334/],
    ['combining long solidus overlay U+0338', 'a\u0338b', /U\+0338/],
    ['combining long vertical line overlay U+20D2', 'a\u20d2b', /U\+20D2/],
    ['combining ring overlay U+20D8', 'a\u20d8b', /U\+20D8/],
    ['combining reverse solidus overlay U+20E5', 'a\u20e5b', /U\+20E5/],
    ['combining leftwards arrow overlay U+20EA', 'a\u20eab', /U\+20EA/],
    ['combining enclosing circle backslash U+20E0', '清丰县人民医院\u20e0', /组合符号（U\+20E0）/],
    ['combining enclosing circle U+20DD', '清\u20dd丰', /U\+20DD/],
    ['combining enclosing keycap U+20E3', '1\u20e3号', /U\+20E3/],
    ['combining Cyrillic millions sign U+0489', 'a\u0489', /U\+0489/],
  ])('single-line text refuses %s (multi-line text keeps it)', (_name, value, problem) => {
    const result = checkText(value, singleLine)
    expect(!result.ok && result.problem).toMatch(problem)
    expect(checkText(value, { kind: 'multiLine', maxLength: 100 }).ok).toBe(true)
  })

  it('single-line text refuses every enclosing mark and every Kangxi, CJK radical and stroke character', () => {
    const accepted: string[] = []
    for (let codePoint = 0x0300; codePoint <= 0x1ffff; codePoint++) {
      const character = String.fromCodePoint(codePoint)
      const lookAlike =
        /\p{Me}/u.test(character) ||
        (codePoint >= 0x2e80 && codePoint <= 0x2fdf) ||
        (codePoint >= 0x31c0 && codePoint <= 0x31ef)
      if (lookAlike && checkText(`清${character}丰`, singleLine).ok)
        accepted.push(`U+${codePoint.toString(16).toUpperCase()}`)
    }
    expect(accepted).toEqual([])
  })

  it.each([
    ['Tibetan with subjoined letters and vowel signs', 'བསྒྲུབས་ལས་ཁུངས'],
    ['Uyghur (Arabic script) with hamza', 'ئۇيغۇر ئاپتونوم رايونى'],
    ['Arabic script with vowel marks', 'مُحَمَّد'],
    ['Mongolian with the dagalga U+18A9', 'ᠮᠣᠩᠭᠣᠯ ᠬᠠᠷᠠᢩ'],
    ['Vietnamese (combining marks composed by NFC)', 'Nguye\u0302\u0303n'],
    ['Devanagari with a virama', 'हिन्दी'],
    ['ideographs that radicals imitate', '人一丨食'],
  ])('single-line text keeps other combining marks and real ideographs: %s', (_name, value) => {
    const result = checkText(value, singleLine)
    expect(result).toEqual({ ok: true, value: value.normalize('NFC') })
  })

  it.each([
    // The red team's spaces inside names (redteam.md M7).
    ['an ideographic space U+3000 (pasted from a document)', '清丰县\u3000人民医院'],
    ['a no-break space U+00A0 (pasted from a web page)', '清丰县\u00a0人民医院'],
    ['an en quad U+2000', '清丰县\u2000人民医院'],
    ['a thin space U+2009', '清丰县\u2009人民医院'],
    ['a hair space U+200A', '清丰县\u200a人民医院'],
    ['a narrow no-break space U+202F', '清丰县\u202f人民医院'],
    ['a medium mathematical space U+205F', '清丰县\u205f人民医院'],
    ['an Ogham space mark U+1680', '清丰县\u1680人民医院'],
  ])('single-line text turns %s into an ordinary space', (_name, value) => {
    expect(checkText(value, singleLine)).toEqual({ ok: true, value: '清丰县 人民医院' })
  })

  it('every space separator but U+0020 becomes U+0020 in single-line text, one for one; multi-line text keeps them (two U+3000 indent a paragraph)', () => {
    const spaces = Array.from({ length: 0x3001 }, (_, codePoint) => String.fromCodePoint(codePoint)).filter(
      (character) => /\p{Zs}/u.test(character),
    )
    expect(spaces.length).toBe(17)
    expect(checkText(`a${spaces.join('')}b`, singleLine)).toEqual({ ok: true, value: `a${' '.repeat(17)}b` })
    const paragraph = '\u3000\u3000第一段。\n\u3000\u3000第二段，1\u00a0000 元。'
    expect(checkText(paragraph, { kind: 'multiLine', maxLength: 100 })).toEqual({ ok: true, value: paragraph })
  })

  it('nameComparisonKey: one key for names that differ only in width, spacing, case or compatibility forms', () => {
    const key = nameComparisonKey('清丰县人民医院(分院)')
    for (const same of [
      '清丰县 人民医院（分院）',
      '清丰县\u3000人民医院(分院)',
      ' 清丰县人民医院 (分院) ',
      '清丰县\u2f08民医院(分院)',
    ])
      expect(nameComparisonKey(same), same).toBe(key)
    expect(nameComparisonKey('清丰县第１中学ＡＢ')).toBe(nameComparisonKey('清丰县第1中学ab'))
    expect(nameComparisonKey('清丰县人民医院')).not.toBe(nameComparisonKey('清丰县人民医院分院'))
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
