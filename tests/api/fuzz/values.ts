// Generated argument values for the schema fuzz, per GraphQL input type (fast-check arbitraries). Each input is
// one of five shapes:
//   sweep     every leaf, in turn, gets each of the values that used to break the server (SWEPT below) in an
//             otherwise plausible input, so no field escapes them whatever the random part draws;
//   oneBad    a plausible value for every argument and input field, except ONE leaf, which is bad for its type,
//             so the request gets past the edge's other checks and into the services' own validation;
//   manyBad   every leaf bad with some probability;
//   plausible nothing deliberately bad (valid-looking text, ids of real rows, dates in range);
//   junk      wrong JSON types (objects for strings, strings for numbers, lists for objects...).
// Bad values carry a label (`Tagged`), so the run can say which kinds of bad value it sent.
import fc from 'fast-check'
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql'
import { textRuleOf, type TextRule } from '../../../server/src/validation/text.ts'
import { makeCreditCode, makeIdNumber } from '../../testkit/fixtures.ts'

export class Tagged {
  constructor(
    readonly kind: string,
    readonly value: unknown,
  ) {}
}

export const MODES = ['sweep', 'oneBad', 'manyBad', 'plausible', 'junk'] as const
export type Mode = (typeof MODES)[number]

/** Ids of rows in the database (refreshed between fields), so plausible ids often name real rows. */
export interface IdPool {
  ids: string[]
}

// ---------------------------------------------------------------------------------------------------------------
// Bad values by scalar

const tag = (kind: string) => (value: unknown) => new Tagged(kind, value)
const taggedConstants = (entries: Record<string, unknown>) =>
  fc.constantFrom(...Object.entries(entries)).map(([kind, value]) => new Tagged(kind, value))

const text = fc.string({ maxLength: 12 })
/** Some text with one character drawn from `characters` inserted at a random place. */
const withOne = (kind: string, characters: fc.Arbitrary<string>) =>
  fc
    .tuple(text, characters, text)
    .map(([before, character, after]) => new Tagged(kind, `${before || '名称'}${character}${after}`))
const withCharacter = (kind: string, characters: string[]) => withOne(kind, fc.constantFrom(...characters))
const withCodePoint = (kind: string, codePoints: fc.Arbitrary<number>) =>
  withOne(
    kind,
    codePoints.map((codePoint) => String.fromCodePoint(codePoint)),
  )

const C0 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).concat('\u007f')
const C1 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(0x80 + code))
const BIDI = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
]
const ZERO_WIDTH = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u180e',
  '\u00ad',
  '\u2061',
  '\u{e0001}',
  '\u3164',
]
const LINE_BREAKS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c']
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d']
const NONCHARACTERS = ['\ufffe', '\uffff', '\ufdd0', '\ufdef', '\u{1fffe}', '\u{10ffff}']

/** Every code point (surrogates aside) with the property, e.g. /\p{Me}/u. */
const codePointsWhere = (property: RegExp) =>
  Array.from({ length: 0x110000 }, (_, codePoint) => codePoint)
    .filter((codePoint) => (codePoint < 0xd800 || codePoint > 0xdfff) && property.test(String.fromCodePoint(codePoint)))
    .map((codePoint) => String.fromCodePoint(codePoint))
/** Look-alikes (red team M7): characters that draw nothing (CGJ, variation selectors, Khmer, Mongolian FVS, fillers...). */
const DEFAULT_IGNORABLE = codePointsWhere(/\p{Default_Ignorable_Code_Point}/u)
const UNASSIGNED = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((codePoint) => /\p{Cn}/u.test(String.fromCodePoint(codePoint)))
const PRIVATE_USE = fc.oneof(
  fc.integer({ min: 0xe000, max: 0xf8ff }),
  fc.integer({ min: 0xf0000, max: 0xffffd }),
  fc.integer({ min: 0x100000, max: 0x10fffd }),
)
/** Kangxi Radicals, CJK Radicals Supplement, CJK Strokes: drawn like ideographs (⼈ U+2F08 for 人). */
const RADICALS = fc.oneof(
  fc.integer({ min: 0x2e80, max: 0x2eff }),
  fc.integer({ min: 0x2f00, max: 0x2fdf }),
  fc.integer({ min: 0x31c0, max: 0x31ef }),
)
/** Enclosing marks and the overlays that strike through the character before them. */
const OVERLAYS = [
  ...codePointsWhere(/\p{Me}/u),
  '\u0334',
  '\u0335',
  '\u0336',
  '\u0337',
  '\u0338',
  '\u20d2',
  '\u20d3',
  '\u20d8',
  '\u20d9',
  '\u20da',
  '\u20e5',
  '\u20e6',
  '\u20ea',
  '\u20eb',
]
/** Spaces other than U+0020 (accepted; single-line text stores them as U+0020). */
const ODD_SPACES = codePointsWhere(/(?! )\p{Zs}/u)

const badString = fc.oneof(
  withCharacter('string:NUL', ['\u0000']),
  withCharacter('string:C0 control', C0),
  withCharacter('string:C1 control', C1),
  withCharacter('string:lone surrogate', LONE_SURROGATES),
  withCharacter('string:bidi', BIDI),
  withCharacter('string:zero-width', ZERO_WIDTH),
  withCharacter('string:line break', LINE_BREAKS),
  withCharacter('string:noncharacter', NONCHARACTERS),
  withCharacter('string:default ignorable', DEFAULT_IGNORABLE),
  withCodePoint('string:unassigned', UNASSIGNED),
  withCodePoint('string:private use', PRIVATE_USE),
  withCodePoint('string:CJK radical', RADICALS),
  withCharacter('string:enclosing or overlay mark', OVERLAYS),
  withCharacter('string:odd space', ODD_SPACES),
  fc.integer({ min: 2001, max: 20_000 }).map((length) => new Tagged('string:huge', 'x'.repeat(length))),
  fc.integer({ min: 2001, max: 8_000 }).map((length) => new Tagged('string:huge CJK', '长'.repeat(length))),
  fc.string({ unit: 'binary', maxLength: 40 }).map(tag('string:any code points')),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(tag('string:graphemes')),
  taggedConstants({
    'string:empty': '',
    'string:spaces': '   ',
    'string:ideographic space': '\u3000\u3000',
    'string:NFD': 'e\u0301\u0301\u0301',
    'string:combining stack': 'a' + '\u0300'.repeat(200),
    'string:emoji ZWJ': '👨‍👩‍👧',
    'string:RTL letters': 'مرحبا שלום',
    'string:fullwidth digits': '１２３４５６',
    'string:look-alike name': '清丰县\u2f08民医院\ufe0f',
    'string:SQL': "' OR '1'='1' --",
    'string:LIKE wildcards': '%_\\%',
    'string:HTML': '<script>alert(1)</script>',
    'string:formula': "=cmd|' /C calc'!A0",
    'string:backslashes': '\\\\\\x00\\u0000',
    'string:percent-encoded NUL': '%00',
    'string:long word': 'a'.repeat(1999),
  }),
)

const badId = fc.oneof(
  taggedConstants({
    'id:zero': '0',
    'id:negative': '-1',
    'id:int4 max': '2147483647',
    'id:2^31': '2147483648',
    'id:2^53+1': '9007199254740993',
    'id:20 digits': '99999999999999999999',
    'id:exponent': '1e3',
    'id:hex': '0x10',
    'id:padded': ' 7 ',
    'id:leading zeros': '007',
    'id:float': '1.5',
    'id:letters': 'abc',
    'id:empty': '',
    'id:NUL': '1\u00002',
    'id:lone surrogate': '\ud800',
    'id:nobody': '999999999',
    'id:JSON int 2^31': 2147483648,
    'id:JSON int 2^53': 9007199254740992,
    'id:JSON float': 1.5,
    'id:JSON negative': -5,
  }),
  badString,
)

const badInt = taggedConstants({
  'int:2^31': 2147483648,
  'int:-2^31-1': -2147483649,
  'int:int4 max': 2147483647,
  'int:int4 min': -2147483648,
  'int:-1': -1,
  'int:0': 0,
  'int:2^53': 9007199254740992,
  'int:float': 1.5,
  'int:string': '1',
  'int:boolean': true,
  'int:huge float': 1e300,
  'int:32767+1': 32768,
  'int:65536': 65536,
})

const badDateTime = taggedConstants({
  'date:+275760-09-13': '+275760-09-13',
  'date:+275760 instant': '+275760-09-13T00:00:00.000Z',
  'date:-271821-04-20': '-271821-04-20T00:00:00.000Z',
  'date:2026-02-30': '2026-02-30',
  'date:2025-02-29': '2025-02-29',
  'date:0000-00-00': '0000-00-00',
  'date:empty': '',
  'date:number string': '1',
  'date:word': 'now',
  'date:month 13': '2026-13-01',
  'date:hour 25': '2026-01-01T25:00:00Z',
  'date:no zone': '2026-01-01T00:00:00',
  'date:1899': '1899-12-31',
  'date:2200': '2200-01-01',
  'date:9999': '9999-12-31T23:59:59Z',
  'date:1970': '1970-01-01T00:00:00Z',
  'date:0001': '0001-01-01',
  'date:epoch number': 1735689600000,
  'date:offset 99': '2026-01-01T00:00:00+99:00',
  'date:leap second': '2026-06-30T23:59:60Z',
  'date:RFC 2822': 'Thu, 01 Jan 2026 00:00:00 GMT',
  'date:NUL': '2026-01-01\u0000',
  'date:huge': '2026-01-01'.repeat(2000),
})

const badFen = taggedConstants({
  'fen:float': 1.5,
  'fen:-1': -1,
  'fen:0': 0,
  'fen:2^53-1': 9007199254740991,
  'fen:2^53': 9007199254740992,
  'fen:2^63': 2 ** 63,
  'fen:1e21': 1e21,
  'fen:string': '100',
  'fen:negative huge': -9007199254740991,
})

const badBoolean = taggedConstants({ 'boolean:string': 'true', 'boolean:number': 1 })

function badScalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'String':
      return badString
    case 'ID':
      return badId
    case 'Int':
      return badInt
    case 'Boolean':
      return badBoolean
    case 'DateTime':
      return badDateTime
    case 'Fen':
      return badFen
    default:
      return badString
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plausible values by scalar and field name: what the portal would send, so the services' own checks are reached.

const STRING_HINTS: [RegExp, string[]][] = [
  [/mobile/i, ['13800138000', '13912345678']],
  [/email/i, ['fuzz@example.cn']],
  [/idNumber/i, [makeIdNumber('410922')]],
  [/creditCode/i, [makeCreditCode('410922')]],
  [/englishDomain/i, ['www.fuzz.gov.cn']],
  [/ipAddress/i, ['203.0.113.10', '2001:db8::1']],
  [/regionCode|parentCode|^code$/i, ['410922', '410900', '410000', '130000']],
  [/postcode/i, ['457300']],
  [/landline/i, ['0393-7221234']],
  [/verificationCode/i, ['123456']],
  [/password/i, ['Demo@2026', 'Fuzz12345678']],
  // Not the fuzz's own principals: wrong passwords would lock their accounts, and with them their sessions.
  [/username/i, ['nanle', 'pyjy', 'fuzzuser1']],
  [/badgeNumber/i, ['202541092200001']],
  // A file sent as base64 (批量机构改革's upload): a small CSV, and a few bytes that are no spreadsheet.
  [/Base64$/, [Buffer.from('序号,类型,生效日期\n').toString('base64'), 'QUJD']],
  [/^host$/i, ['www', '@', '*', 'mail']],
  [/^value$/i, ['203.0.113.20', 'mail.example.gov.cn', 'v=spf1 -all', 'https://www.example.gov.cn/']],
  [/^job$/i, ['dailyCharge', 'expiryReminders', 'officeDigest', 'reviewEscalation']],
  [/search|unitName/i, ['清丰', '县', '政务']],
  [/^name$/i, ['清丰测试', 'fuzz测试', '测试单位']],
  [/action/i, ['siteApplication.review', 'domain.review']],
  [/subjectType/i, ['Unit', 'Domain', 'SiteApplication']],
  [
    /reason|note|intro|functions|details|body|contacts|missingNote/i,
    ['说明文字', '第一行\n第二行', '缺少材料\r\n请补交'],
  ],
]

function plausibleString(fieldName: string): fc.Arbitrary<string> {
  if (/idempotencyKey/i.test(fieldName)) return fc.stringMatching(/^[a-z0-9]{16}$/)
  const hint = STRING_HINTS.find(([pattern]) => pattern.test(fieldName))
  return fc.constantFrom(...(hint ? hint[1] : ['测试文本', '清丰县人民政府办公室', 'abc']))
}

function plausibleInt(fieldName: string): fc.Arbitrary<number> {
  if (/^(first|last)$/.test(fieldName)) return fc.integer({ min: 1, max: 100 })
  if (/version/i.test(fieldName)) return fc.integer({ min: 0, max: 3 })
  if (/years/i.test(fieldName)) return fc.integer({ min: 1, max: 10 })
  if (/ttl/i.test(fieldName)) return fc.constantFrom(600, 3600)
  if (/priority/i.test(fieldName)) return fc.constantFrom(10, 20)
  if (/basisPoints/i.test(fieldName)) return fc.integer({ min: 0, max: 10_000 })
  if (/formCopies/i.test(fieldName)) return fc.constant(4)
  if (/expiresInDays/i.test(fieldName)) return fc.integer({ min: 1, max: 366 })
  return fc.integer({ min: 0, max: 5 })
}

function plausibleScalar(name: string, variable: string, pool: IdPool): fc.Arbitrary<unknown> {
  // A nested field's argument is sent as <field>__<child>__<argument>: the hints go by the argument's own name.
  const fieldName = variable.split('__').pop()!
  switch (name) {
    case 'String':
      return plausibleString(fieldName)
    case 'ID':
      return pool.ids.length ? fc.constantFrom(...pool.ids) : fc.constant('1')
    case 'Int':
      return plausibleInt(fieldName)
    case 'Boolean':
      return fc.boolean()
    case 'DateTime':
      return fc.constantFrom(
        '2026-01-01T00:00:00Z',
        '2026-12-01',
        '2025-06-30T16:00:00.000Z',
        '2024-02-29',
        new Date().toISOString(),
        '2026-11-23T08:00:00+08:00',
      )
    case 'Fen':
      return fc.constantFrom(30_000, 100, 60_000, 1)
    default:
      return fc.constant('x')
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Values of whole input types

type Field = GraphQLArgument | GraphQLInputField

function plausibleValue(type: GraphQLInputType, fieldName: string, pool: IdPool, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausibleValue(type.ofType, fieldName, pool, depth)
  if (isListType(type))
    return fc.array(plausibleValue(type.ofType, fieldName, pool, depth), { minLength: 1, maxLength: 3 })
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name))
  if (isInputObjectType(type)) return plausibleObject(Object.values(type.getFields()), pool, depth + 1)
  return plausibleScalar(type.name, fieldName, pool)
}

/**
 * Paging arguments a client only sends with a cursor it was given, or in combinations that are refused (after with
 * last, before with first): never part of a plausible input (they are still leaves that get bad values).
 */
const CURSOR_ARGUMENTS = /(^|__)(after|before|last)$/

/** Required fields always, optional ones half of the time. */
function plausibleObject(fields: readonly Field[], pool: IdPool, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {}
  for (const field of fields) {
    if (!isNonNullType(field.type) && CURSOR_ARGUMENTS.test(field.name)) continue
    const value = plausibleValue(field.type, field.name, pool, depth)
    entries[field.name] = isNonNullType(field.type) ? value : fc.option(value, { freq: 2, nil: undefined })
  }
  return fc
    .record(entries)
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)))
}

function badValue(type: GraphQLInputType): fc.Arbitrary<unknown> {
  if (isNonNullType(type))
    return fc.oneof(
      { weight: 9, arbitrary: badValue(type.ofType) },
      { weight: 1, arbitrary: fc.constant(new Tagged('null for required', null)) },
    )
  if (isListType(type)) {
    return fc.oneof(
      fc.constant(new Tagged('list:empty', [])),
      fc.array(badValue(type.ofType), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 101, max: 3000 }).map(
        (length) =>
          new Tagged(
            'list:huge',
            Array.from({ length }, (_, index) => (isInputObjectType(getNamedType(type)) ? {} : String(index + 1))),
          ),
      ),
      badValue(type.ofType),
    )
  }
  if (isEnumType(type)) {
    return taggedConstants({
      'enum:unknown': 'NO_SUCH_VALUE',
      'enum:lower case': type.getValues()[0]!.name.toLowerCase(),
      'enum:empty': '',
      'enum:number': 1,
    })
  }
  if (isInputObjectType(type)) {
    return fc.oneof(
      taggedConstants({ 'object:empty': {}, 'object:string': 'x', 'object:list': [] }),
      fc.constant(new Tagged('object:unknown field', { noSuchField: 1 })),
    )
  }
  return badScalar(type.name)
}

/** Wrong JSON types for any input type. */
const junk = taggedConstants({
  'junk:object': { a: 1 },
  'junk:list': [1, 'x'],
  'junk:number': 12.5,
  'junk:boolean': false,
  'junk:string': 'junk',
  'junk:null': null,
})

interface Leaf {
  path: (string | number)[]
  type: GraphQLInputType
  /** How the field declares its text (single-line unless it says otherwise). */
  textKind: TextRule['kind']
}

/** Every leaf (scalar or enum position) of an argument list: its path and type. List items are reached as item 0. */
function leaves(fields: readonly Field[], prefix: (string | number)[] = [], depth = 0): Leaf[] {
  const found: Leaf[] = []
  for (const field of fields) {
    const path = [...prefix, field.name]
    let type: GraphQLInputType = field.type
    found.push({ path, type, textKind: textRuleOf(field.extensions).kind })
    while (isNonNullType(type) || isListType(type)) {
      if (isListType(type)) path.push(0)
      type = type.ofType
    }
    if (isInputObjectType(type) && depth < 3) found.push(...leaves(Object.values(type.getFields()), path, depth + 1))
  }
  return found
}

function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root)
  let current: Record<string | number, unknown> = copy
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index]!
    const next = current[key]
    if (next === null || typeof next !== 'object') current[key] = typeof path[index + 1] === 'number' ? [] : {}
    current = current[key] as Record<string | number, unknown>
  }
  current[path[path.length - 1]!] = value
  return copy
}

export interface GeneratedInput {
  mode: Mode
  /** Variables by argument name, possibly holding Tagged values. */
  args: Record<string, unknown>
  /**
   * The path (as the edge names it, e.g. input.name or newsItems.after) of a swept value that the field's text rule
   * refuses wherever it is: the edge must refuse the request there.
   */
  mustRefuseAt?: string
}

/** An input for a field with these arguments, in one of the four shapes. */
export function inputFor(args: readonly GraphQLArgument[], pool: IdPool): fc.Arbitrary<GeneratedInput> {
  const plausible = plausibleObject(args, pool)
  const allLeaves = leaves(args)
  const oneBad = plausible.chain((values) =>
    fc.constantFrom(...allLeaves).chain((leaf) => badValue(leaf.type).map((bad) => setAt(values, leaf.path, bad))),
  )
  const manyBad = fc.record(
    Object.fromEntries(args.map((arg) => [arg.name, fc.option(badValue(arg.type), { freq: 2, nil: undefined })])),
  ) as fc.Arbitrary<Record<string, unknown>>
  const junkArgs = fc.record(Object.fromEntries(args.map((arg) => [arg.name, junk]))) as fc.Arbitrary<
    Record<string, unknown>
  >
  return fc.oneof(
    { weight: 5, arbitrary: oneBad.map((values) => ({ mode: 'oneBad' as const, args: values })) },
    { weight: 2, arbitrary: manyBad.map((values) => ({ mode: 'manyBad' as const, args: values })) },
    { weight: 2, arbitrary: plausible.map((values) => ({ mode: 'plausible' as const, args: values })) },
    { weight: 1, arbitrary: junkArgs.map((values) => ({ mode: 'junk' as const, args: values })) },
  )
}

/**
 * The values each leaf of its type gets at least once per run (the sweep), whatever the random part generates:
 * the ones that broke the server before the edge refused them.
 */
const SWEPT: Record<string, Record<string, unknown>> = {
  String: {
    'string:NUL': 'a\u0000b',
    'string:lone surrogate': 'a\ud800',
    'string:bidi': 'a\u202eb',
    'string:zero-width': 'a\u200bb',
    'string:C1 control': 'a\u0085b',
    'string:huge': 'x'.repeat(20_000),
    // The red team's look-alike unit names (M7).
    'string:CGJ': '清丰县人民医院\u034f',
    'string:variation selector': '清丰县人民医院\ufe0f',
    'string:unassigned': '清丰县人民医院\u0378',
    'string:private use': '清丰县人民医院\ue000',
    'string:Kangxi radical': '清丰县\u2f08民医院',
    'string:overlay': '清丰县人民医院\u0336',
  },
  ID: { 'id:2^31': '2147483648', 'id:exponent': '1e10', 'id:NUL': '1\u0000' },
  DateTime: { 'date:+275760-09-13': '+275760-09-13', 'date:2026-02-30': '2026-02-30', 'date:0000-00-00': '0000-00-00' },
  Int: { 'int:int4 max': 2147483647, 'int:-1': -1 },
  Fen: { 'fen:2^53-1': 9007199254740991, 'fen:-1': -1 },
}

/**
 * The swept strings that a String field of each kind refuses whatever else the request holds (so a field whose
 * refusal is missing shows up even when nothing breaks): every kind but opaque (passwords, checked for encoding and
 * length only) refuses them all, save the look-alikes only single-line text refuses.
 */
const REFUSED_BY: Record<TextRule['kind'], (kind: string) => boolean> = {
  singleLine: () => true,
  multiLine: (kind) => kind !== 'string:Kangxi radical' && kind !== 'string:overlay',
  opaque: (kind) => kind === 'string:lone surrogate' || kind === 'string:huge',
  // A file's base64 may be longer than any text; every other swept value has a character outside its alphabet.
  base64: (kind) => kind !== 'string:huge',
}

/** For every leaf, each of its type's swept values in an otherwise plausible input (oneBad). */
export function sweep(args: readonly GraphQLArgument[], pool: IdPool, seed: number): GeneratedInput[] {
  const cases = leaves(args).flatMap((leaf) => {
    const type = getNamedType(leaf.type)
    return Object.entries(SWEPT[type.name] ?? {}).map(([kind, value]) => ({
      leaf,
      bad: new Tagged(kind, value),
      // A nested field's argument <field>__<child>__<arg> is <field>.<child>.<arg> to the edge.
      mustRefuseAt:
        type.name === 'String' && REFUSED_BY[leaf.textKind](kind)
          ? leaf.path.join('.').replaceAll('__', '.')
          : undefined,
    }))
  })
  if (!cases.length) return []
  const bases = fc.sample(plausibleObject(args, pool), { seed, numRuns: cases.length })
  return cases.map(({ leaf, bad, mustRefuseAt }, index) => ({
    mode: 'sweep',
    args: setAt(bases[index]!, leaf.path, bad),
    mustRefuseAt,
  }))
}

/** The variables to send (Tagged values unwrapped) and the kinds of bad value among them. */
export function untag(value: unknown, kinds: string[] = []): { value: unknown; kinds: string[] } {
  if (value instanceof Tagged) {
    kinds.push(value.kind)
    return { value: untag(value.value, kinds).value, kinds }
  }
  if (Array.isArray(value)) return { value: value.map((item) => untag(item, kinds).value), kinds }
  if (value && typeof value === 'object') {
    return {
      value: Object.fromEntries(Object.entries(value).map(([key, item]) => [key, untag(item, kinds).value])),
      kinds,
    }
  }
  return { value, kinds }
}

/** Query strings for the /exports/* downloads, whose filters are the GraphQL filters' as parameters. */
export function exportParameters(): fc.Arbitrary<{ kinds: string[]; query: string }> {
  const text = fc.oneof(badString, plausibleString('unitName').map(tag('plausible')))
  const instant = fc.oneof(badDateTime, plausibleScalar('DateTime', 'from', { ids: [] }).map(tag('plausible')))
  const region = fc.oneof(badString, fc.constantFrom('410922', '410000', '999999').map(tag('plausible')))
  const kinds = fc.oneof(
    badString,
    fc.constantFrom('NORMAL', 'VOID,RED_LETTER', 'toString', '__proto__').map(tag('kinds')),
  )
  return fc
    .record({ regionCode: region, unitName: text, from: instant, to: instant, kinds }, { requiredKeys: [] })
    .map((record) => {
      const { value, kinds: sent } = untag(record)
      const params = new URLSearchParams()
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) params.set(name, String(item))
      return { kinds: sent, query: params.toString() }
    })
}
