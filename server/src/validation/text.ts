// The rules every piece of text that enters through the API obeys, before any resolver sees it (plugin.ts applies
// them to every String and ID argument, nested input fields and list items included). Why each rule exists:
// - NUL cannot be stored in PostgreSQL text, and lone surrogates cannot be encoded as UTF-8: both used to surface
//   as INTERNAL_SERVER_ERROR from the database driver.
// - Control characters, bidi controls and every character that draws nothing (Unicode's Default_Ignorable_Code_Point:
//   zero-width characters and joiners, CGJ U+034F, variation selectors, Khmer U+17B4/U+17B5, Mongolian free variation
//   selectors, Hangul fillers, soft hyphen, tags...) are invisible or reorder what is shown: on public pages (the
//   verification page, the micro-site, the badge) they let a unit spoof what a reader sees, and in a unit name they
//   made '清丰县人民医院' + U+FE0F a second, identical-looking unit beside the real one.
// - Unassigned code points, noncharacters and private-use characters have no agreed glyph: each reader's font draws
//   them differently, or not at all. Which code points are assigned is the Unicode version of Node's ICU (the regular
//   expression engine's property data): Unicode 17.0 with Node 20.20's ICU 78 (process.versions.unicode).
// - In single-line text (names, titles, search terms): CJK radicals that look like ideographs (Kangxi Radicals, the CJK
//   Radicals Supplement, CJK Strokes: '清丰县⼈民医院' with U+2F08 for 人), and combining marks that enclose or strike
//   through the character before them. Other combining marks stay: Tibetan, Uyghur and Mongolian names need them.
// - Spaces other than U+0020 in single-line text (U+3000 pasted from a document, U+00A0 from a web page, the thin and
//   hair spaces U+2009/U+200A that hardly show) become U+0020: what is stored then looks like what it is, and a clerk
//   who pastes a name is not turned away for a character they cannot see. Multi-line text keeps them (two U+3000
//   indent a paragraph in Chinese typesetting).
// - NFC, so the same visible text is the same stored string (names compare, search and stay unique as people expect).
// Fields are single-line unless they declare otherwise where they are defined (multiLineText below).

/** What a String input field or argument accepts. */
export interface TextRule {
  /**
   * singleLine (the default): no line breaks or tabs. multiLine: also \n, \r\n and \t. opaque: kept exactly as
   * sent (no normalisation, any printable or invisible character) but still well-formed; for passwords, whose
   * stored hashes were made from the text as typed. base64: a file sent inside GraphQL (批量机构改革's upload),
   * longer than any text may be; only the base64 alphabet and line breaks, so nothing else reaches the decoder.
   */
  kind: 'singleLine' | 'multiLine' | 'opaque' | 'base64'
  /** In characters (code points), after normalisation. */
  maxLength: number
}

/** Any text input is at most this long unless its field declares more: nothing huge reaches the database. */
export const DEFAULT_MAX_TEXT_LENGTH = 2000

export const DEFAULT_TEXT_RULE: TextRule = { kind: 'singleLine', maxLength: DEFAULT_MAX_TEXT_LENGTH }

/** The key under which an argument or input field carries its TextRule in its GraphQL extensions. */
export const TEXT_RULE_EXTENSION = 'textRule'

/**
 * Options to spread into a String argument or input field that is not single-line text, e.g.
 * `body: t.string({ required: true, ...textRule({ kind: 'multiLine', maxLength: 10_000 }) })`.
 */
export function textRule(rule: Partial<TextRule>): { extensions: Record<string, Partial<TextRule>> } {
  return { extensions: { [TEXT_RULE_EXTENSION]: rule } }
}

/** A multi-line text field (reasons, notes, descriptions, news): line breaks and tabs allowed. */
export const multiLineText = (maxLength?: number) =>
  textRule(maxLength ? { kind: 'multiLine', maxLength } : { kind: 'multiLine' })

/** A password: checked for encoding and length only, never normalised. */
export const opaqueText = () => textRule({ kind: 'opaque' })

export type TextCheck = { ok: true; value: string } | { ok: false; problem: string }

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`

const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029])
const BIDI_CONTROLS = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
])
/** Variation selectors (standardized and ideographic): copied emoji (❤️) and ideographic variants bring them along. */
const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u
/** Characters that draw nothing: Default_Ignorable_Code_Point, other format characters (Cf), the braille blank. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u
const UNASSIGNED = /\p{Cn}/u
const PRIVATE_USE = /\p{Co}/u
/** Kangxi Radicals, CJK Radicals Supplement and CJK Strokes: drawn like the ideographs 人, 一, 丨... but other characters. */
const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF\u31C0-\u31EF]/u
/** Enclosing marks (Me) and the overlays (combining class 1 of the diacritics blocks) that strike through a character. */
const OVERLAYS = /[\p{Me}\u0334-\u0338\u20D2\u20D3\u20D8-\u20DA\u20E5\u20E6\u20EA\u20EB]/u
/** Every space separator (Zs) but U+0020 itself. */
const ODD_SPACES = /(?! )\p{Zs}/gu
/** With the u flag a surrogate pair is one code point, so this finds only unpaired halves (String.isWellFormed). */
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u

function isNoncharacter(codePoint: number): boolean {
  return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe
}

/** Why one character is not allowed in text of this kind, or null when it is. */
function characterProblem(codePoint: number, next: number | undefined, kind: TextRule['kind']): string | null {
  if (kind === 'multiLine' && (codePoint === 0x0a || codePoint === 0x09 || (codePoint === 0x0d && next === 0x0a)))
    return null
  if (LINE_BREAKS.has(codePoint))
    return kind === 'multiLine' ? `含有不支持的换行符（${hex(codePoint)}），请只用普通换行` : '不能包含换行'
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f))
    return `含有不可见的控制字符（${hex(codePoint)}），请删除后重试`
  if (BIDI_CONTROLS.has(codePoint)) return `含有文字方向控制字符（${hex(codePoint)}），请删除后重试`
  const character = String.fromCodePoint(codePoint)
  if (isNoncharacter(codePoint)) return `含有无效的 Unicode 字符（${hex(codePoint)}），请删除后重试`
  if (UNASSIGNED.test(character)) return `含有 Unicode 尚未定义的字符（${hex(codePoint)}），请删除后重试`
  if (VARIATION_SELECTOR.test(character))
    return `含有不可见的变体选择符（${hex(codePoint)}，常随复制的表情符号或异体字带入），请删除后重试`
  if (INVISIBLE.test(character)) return `含有零宽或不可见的格式字符（${hex(codePoint)}），请删除后重试`
  if (PRIVATE_USE.test(character))
    return `含有私用区字符（${hex(codePoint)}），各电脑显示不一，请删除；生僻字请输入国家标准（GB 18030-2022）中的对应字符`
  if (kind !== 'singleLine') return null
  if (RADICALS.test(character)) {
    const ideograph = character.normalize('NFKC')
    return `含有形似汉字的部首或笔画符号（${hex(codePoint)}）${ideograph !== character ? `，请改用汉字“${ideograph}”` : '，请改用对应的汉字'}`
  }
  if (OVERLAYS.test(character)) return `含有覆盖或包围前一字符的组合符号（${hex(codePoint)}），请删除后重试`
  return null
}

const BASE64_TEXT = /^[A-Za-z0-9+/=\r\n]*$/

/** The text as a resolver may see it (NFC), or what is wrong with it, in Chinese. */
export function checkText(raw: string, rule: TextRule = DEFAULT_TEXT_RULE): TextCheck {
  // Base64 is ASCII: one code unit per character, kept as sent.
  if (rule.kind === 'base64') {
    if (raw.length > rule.maxLength) return { ok: false, problem: `不能超过 ${rule.maxLength} 个字符` }
    return BASE64_TEXT.test(raw) ? { ok: true, value: raw } : { ok: false, problem: '文件内容不是有效的 base64 编码' }
  }
  // Length first, on the raw UTF-16 length (at least the code point count): a huge value is refused without
  // scanning or normalising it.
  if (raw.length > rule.maxLength * 2) return { ok: false, problem: `不能超过 ${rule.maxLength} 个字符` }
  if (LONE_SURROGATE.test(raw)) return { ok: false, problem: '含有无效的字符编码（不成对的代理项），请重新输入' }
  const normalised = rule.kind === 'opaque' ? raw : raw.normalize('NFC')
  const value = rule.kind === 'singleLine' ? normalised.replace(ODD_SPACES, ' ') : normalised
  const codePoints = [...value].map((character) => character.codePointAt(0)!)
  // A line break is one character whether it came as \n or \r\n (the services store \n).
  const crlf =
    rule.kind === 'multiLine'
      ? codePoints.filter((codePoint, index) => codePoint === 0x0d && codePoints[index + 1] === 0x0a).length
      : 0
  if (codePoints.length - crlf > rule.maxLength) return { ok: false, problem: `不能超过 ${rule.maxLength} 个字符` }
  if (rule.kind !== 'opaque') {
    for (let index = 0; index < codePoints.length; index++) {
      const problem = characterProblem(codePoints[index]!, codePoints[index + 1], rule.kind)
      if (problem) return { ok: false, problem }
    }
  }
  return { ok: true, value }
}

/** A TextRule from an argument's or input field's GraphQL extensions (the default when it declares none). */
export function textRuleOf(extensions: Readonly<Record<string, unknown>> | null | undefined): TextRule {
  const declared = extensions?.[TEXT_RULE_EXTENSION] as Partial<TextRule> | undefined
  return declared ? { ...DEFAULT_TEXT_RULE, ...declared } : DEFAULT_TEXT_RULE
}

/**
 * The form in which two names count as the same name, for a uniqueness check (never for display): NFKC (full-width
 * letters, digits and brackets, circled numbers, radicals as their ideographs), without white space (it never tells
 * two Chinese unit names apart), lower case. '清丰县 人民医院（分院）' and '清丰县人民医院(分院)' have one key.
 */
export function nameComparisonKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase()
}
