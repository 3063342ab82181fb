// The rules every piece of text that enters through the API obeys, before any resolver sees it (plugin.ts applies
// them to every String and ID argument, nested input fields and list items included). Why each rule exists:
// - NUL cannot be stored in PostgreSQL text, and lone surrogates cannot be encoded as UTF-8: both used to surface
//   as INTERNAL_SERVER_ERROR from the database driver.
// - Control characters, zero-width characters and bidi controls are invisible or reorder what is shown: on public
//   pages (the verification page, the micro-site, the badge) they let a unit spoof what a reader sees.
// - Noncharacters are for a program's internal use and never meaningful in interchange.
// - NFC, so the same visible text is the same stored string (names compare, search and stay unique as people expect).
// Fields are single-line unless they declare otherwise where they are defined (multiLineText below).

/** What a String input field or argument accepts. */
export interface TextRule {
  /**
   * singleLine (the default): no line breaks or tabs. multiLine: also \n, \r\n and \t. opaque: kept exactly as
   * sent (no normalisation, any printable or invisible character) but still well-formed; for passwords, whose
   * stored hashes were made from the text as typed.
   */
  kind: 'singleLine' | 'multiLine' | 'opaque'
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
export const multiLineText = (maxLength?: number) => textRule(maxLength ? { kind: 'multiLine', maxLength } : { kind: 'multiLine' })

/** A password: checked for encoding and length only, never normalised. */
export const opaqueText = () => textRule({ kind: 'opaque' })

export type TextCheck = { ok: true; value: string } | { ok: false; problem: string }

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`

const BIDI_CONTROLS = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
/** Format characters (bidi controls, zero-width space and joiners, word joiner, BOM, Mongolian vowel separator, soft hyphen, tags...). */
const FORMAT = /\p{Cf}/u
/** Hangul fillers and the braille blank: letters by category, but they draw nothing. */
const BLANK_LETTERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800])
/** With the u flag a surrogate pair is one code point, so this finds only unpaired halves (String.isWellFormed). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029])

function isNoncharacter(codePoint: number): boolean {
  return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe
}

/** Why one character is not allowed in text of this kind, or null when it is. */
function characterProblem(codePoint: number, next: number | undefined, kind: TextRule['kind']): string | null {
  if (kind === 'multiLine' && (codePoint === 0x0a || codePoint === 0x09 || (codePoint === 0x0d && next === 0x0a))) return null
  if (LINE_BREAKS.has(codePoint)) return kind === 'multiLine' ? `含有不支持的换行符（${hex(codePoint)}），请只用普通换行` : '不能包含换行'
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) return `含有不可见的控制字符（${hex(codePoint)}），请删除后重试`
  if (BIDI_CONTROLS.has(codePoint)) return `含有文字方向控制字符（${hex(codePoint)}），请删除后重试`
  if (FORMAT.test(String.fromCodePoint(codePoint)) || BLANK_LETTERS.has(codePoint)) return `含有零宽或不可见的格式字符（${hex(codePoint)}），请删除后重试`
  if (isNoncharacter(codePoint)) return `含有无效的 Unicode 字符（${hex(codePoint)}），请删除后重试`
  return null
}

/** The text as a resolver may see it (NFC), or what is wrong with it, in Chinese. */
export function checkText(raw: string, rule: TextRule = DEFAULT_TEXT_RULE): TextCheck {
  // Length first, on the raw UTF-16 length (at least the code point count): a huge value is refused without
  // scanning or normalising it.
  if (raw.length > rule.maxLength * 2) return { ok: false, problem: `不能超过 ${rule.maxLength} 个字符` }
  if (LONE_SURROGATE.test(raw)) return { ok: false, problem: '含有无效的字符编码（不成对的代理项），请重新输入' }
  const value = rule.kind === 'opaque' ? raw : raw.normalize('NFC')
  const codePoints = [...value].map((character) => character.codePointAt(0)!)
  // A line break is one character whether it came as \n or \r\n (the services store \n).
  const crlf = rule.kind === 'multiLine' ? codePoints.filter((codePoint, index) => codePoint === 0x0d && codePoints[index + 1] === 0x0a).length : 0
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
