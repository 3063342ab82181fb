// Fuzz from the schema: every root field that takes arguments (and the arguments of the fields one level below it,
// e.g. MicroSite.newsItems(after)) is enumerated here at test time, like the authorization matrix, so a new
// mutation or filter is fuzzed without writing anything. For each, generated inputs (fuzz/values.ts: a sweep of the
// values that used to break the server through every leaf, then random ones: one bad leaf in an otherwise plausible
// input, many bad leaves, plausible, wrong JSON types) are sent as a unit user, an office and CONAC. Asserted for every input: no INTERNAL_SERVER_ERROR (nor an error without a code, nor a 5xx), and a
// refused request changed no row (fuzz/changes.ts: a test-only trigger on every table, bookkeeping excepted). And
// for the sweep: a String leaf given a value its text rule refuses everywhere (the look-alike unit names among them)
// is refused by the edge, naming that leaf, so no field escapes the edge's text rules.
//
// FUZZ_INPUTS (default 10000) inputs per run, spread evenly over the fields; FUZZ_SEED fixes the generator (the
// seed of each run is printed, so a failure can be replayed).
import fc from 'fast-check'
import {
  getNamedType,
  getVariableValues,
  isInputType,
  isObjectType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from '../../server/src/schema/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { changeCounts, changedBetween, installChangeCounter, type ChangeCounts } from './fuzz/changes.ts'
import { exportParameters, inputFor, sweep, untag, type IdPool } from './fuzz/values.ts'

const TOTAL_INPUTS = Number(process.env.FUZZ_INPUTS || 10_000)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
const PRINCIPALS = { unit: 'qfzf', office: 'qingfeng', conac: 'conac' } as const
type Principal = keyof typeof PRINCIPALS

interface Target {
  key: string
  operation: 'query' | 'mutation'
  /** The root field's arguments and those of the fields selected below it (nested ones named <field>__<child>__<arg>). */
  args: GraphQLArgument[]
  /** `name(arg: $var…) { selection }` with the variables named by a prefix; see selectionOf. */
  selection: (prefix: string) => string
  /** The operation with one input, whose variable definitions tell which inputs graphql-js refuses outright. */
  single: OperationDefinitionNode
}

const NESTED = '__'

/** `name(arg: $<prefix><arg>…) { selection }` for one field, with the arguments it takes added to `args`. */
function selectionOf(
  field: GraphQLField<unknown, unknown>,
  path: string,
  prefix: string,
  args: GraphQLArgument[] | null,
  depth: number,
): string {
  const own = field.args.map((arg) => {
    args?.push({ ...arg, name: `${path}${arg.name}` })
    return `${arg.name}: $${prefix}${path}${arg.name}`
  })
  const call = `${field.name}${own.length ? `(${own.join(', ')})` : ''}`
  const type = getNamedType(field.type)
  if (!isObjectType(type)) return call
  const fields = type.getFields()
  if (fields.edges && fields.pageInfo) {
    const edge = getNamedType(fields.edges.type)
    const node = isObjectType(edge) ? getNamedType(edge.getFields().node!.type) : undefined
    const nested = depth === 0 && node && isObjectType(node) ? nestedWithArguments(node, path, prefix, args) : ''
    return `${call} { pageInfo { hasNextPage } edges { node { __typename ${nested} } } }`
  }
  return `${call} { __typename ${depth === 0 ? nestedWithArguments(type, path, prefix, args) : ''} }`
}

/** The fields of a type that take arguments, selected with their arguments as variables (one level deep). */
function nestedWithArguments(
  type: GraphQLObjectType,
  path: string,
  prefix: string,
  args: GraphQLArgument[] | null,
): string {
  return Object.values(type.getFields())
    .filter((field) => field.args.length > 0)
    .map((field) => selectionOf(field, `${path}${field.name}${NESTED}`, prefix, args, 1))
    .join(' ')
}

/** An operation asking the target once per prefix (aliased i0, i1...), its variables named by each prefix. */
function operationText(target: Target, prefixes: string[]): string {
  const definitions = prefixes.flatMap((prefix) =>
    target.args.map((arg) => `$${prefix}${arg.name}: ${String(arg.type)}`),
  )
  const fields = prefixes.map((prefix) => `${prefix.slice(0, -1)}: ${target.selection(prefix)}`)
  return `${target.operation} Fuzz(${definitions.join(', ')}) { ${fields.join(' ')} }`
}

/**
 * Mutations that can end the fuzzer's own sessions with a plausible id from the pool (a principal's session, its
 * account disabled, its roles changed): every later request of that principal would then be SESSION_EXPIRED. Their
 * input checks are tested in sessions.test.ts and accounts.test.ts.
 */
const ENDS_FUZZER_SESSIONS = new Set(['Mutation.endSession', 'Mutation.disableUser', 'Mutation.setOfficeUserRoles'])

const targets: Target[] = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
  Object.values(type.getFields()).flatMap((field): Target[] => {
    if (ENDS_FUZZER_SESSIONS.has(`${type.name}.${field.name}`)) return []
    const args: GraphQLArgument[] = []
    selectionOf(field, '', '', args, 0)
    if (args.length === 0) return []
    const target = {
      key: `${type.name}.${field.name}`,
      operation: type.name === 'Query' ? ('query' as const) : ('mutation' as const),
      args,
      selection: (prefix: string) => selectionOf(field, '', prefix, null, 0),
    }
    const single = parse(operationText({ ...target, single: undefined! }, ['i0_']))
      .definitions[0] as OperationDefinitionNode
    return [{ ...target, single }]
  }),
)
const perTarget = Math.ceil(TOTAL_INPUTS / targets.length)
/**
 * Inputs that graphql-js refuses outright (while reading the variables, before anything runs) go several to a
 * request (aliases i0, i1...), sharing its session lookup (on PGlite most of such a request's time): graphql-js
 * reports every variable's refusal. Inputs that reach the resolvers go one to a request: when a non-null root field
 * fails, the null reaches `data` and graphql-js reports that first error only, so others in the same operation
 * would go unseen. At most BATCH inputs and BATCH_BYTES of variables, well below the 100 kB body limit.
 */
const BATCH = 8
const BATCH_BYTES = 60_000

function batches(items: Item[]): Item[][] {
  if (!items[0]?.refusedOutright) return items.map((item) => [item])
  const result: Item[][] = []
  let current: Item[] = []
  let bytes = 0
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item.variables))
    if (current.length && (current.length === BATCH || bytes + size > BATCH_BYTES)) {
      result.push(current)
      current = []
      bytes = 0
    }
    current.push(item)
    bytes += size
  }
  if (current.length) result.push(current)
  return result
}

let t: TestApp
const cookies = {} as Record<Principal, string>
let counts: ChangeCounts
const pool: IdPool = { ids: [] }
const started = Date.now()
const cpuAtStart = process.cpuUsage()

interface Item {
  mode: string
  kinds: string[]
  /** Variables by argument name. */
  variables: Record<string, unknown>
  /** graphql-js refuses these variables before any resolver runs (the whole operation fails). */
  refusedOutright: boolean
  /** Where a swept value lies that every field of its kind refuses (fuzz/values.ts): the edge must refuse it there. */
  mustRefuseAt?: string
}

interface Failure {
  key: string
  principal: Principal
  item: Item
  status: number
  errors: unknown
  changed?: Record<string, number>
  /** Not refused by the edge although the value must be. */
  notRefusedAtEdge?: true
}
const failures: Failure[] = []
const tally = {
  inputs: 0,
  exports: 0,
  requests: 0,
  replays: 0,
  msRequests: 0,
  msCounts: 0,
  msPool: 0,
  msGenerate: 0,
  byMode: new Map<string, number>(),
  byPrincipal: new Map<string, number>(),
  byOutcome: new Map<string, number>(),
  byKind: new Map<string, number>(),
}
const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

beforeAll(async () => {
  // Many aliases and tokens in one operation: the batches. The limits themselves are tested in limits.test.ts.
  t = await createTestApp({ limits: { maxAliases: 1000, maxTokens: 100_000, maxCost: 1_000_000_000, maxDepth: 20 } })
  for (const [principal, username] of Object.entries(PRINCIPALS))
    cookies[principal as Principal] = await t.login(username)
  await installChangeCounter(t.db.sql)
  counts = await changeCounts(t.db.sql)
  console.log(
    `[schema-fuzz] seed ${SEED} (replay: FUZZ_SEED=${SEED}); ${targets.length} fields x ${perTarget} inputs = ${targets.length * perTarget}`,
  )
})

afterAll(async () => {
  const top = (map: Map<string, number>, limit = 200) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ')
  console.log(
    [
      `[schema-fuzz] seed ${SEED}: ${tally.inputs} inputs over ${targets.length} fields in ${tally.requests} requests ` +
        `(${tally.replays} replayed alone), and ${tally.exports} export filters, ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failing`,
      `  CPU ${((process.cpuUsage(cpuAtStart).user + process.cpuUsage(cpuAtStart).system) / 1e6).toFixed(1)} s (this process${t?.db.kind === 'pglite' ? ', the database included' : ''}); time: requests ${(tally.msRequests / 1000).toFixed(1)} s, change counts ${(tally.msCounts / 1000).toFixed(1)} s, id pool ${(tally.msPool / 1000).toFixed(1)} s, generating ${(tally.msGenerate / 1000).toFixed(1)} s`,
      `  by shape: ${top(tally.byMode)}`,
      `  by principal: ${top(tally.byPrincipal)}`,
      `  by outcome: ${top(tally.byOutcome)}`,
      `  bad values sent, by kind: ${top(tally.byKind)}`,
    ].join('\n'),
  )
  await t?.close()
})

/** Ids of rows of every table with an integer id, some of each, for plausible ids. */
async function refreshIdPool() {
  const tables = await t.db.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'integer'`,
  )
  const rows = await t.db.sql.query<{ id: string }>(
    tables
      .map(({ table_name: table }) => `(SELECT "id"::text AS id FROM "${table}" ORDER BY "id" DESC LIMIT 15)`)
      .join(' UNION '),
  )
  pool.ids = rows.map((row) => row.id)
}

/** Text a person can read in a failure report: anything invisible or unusual as \u{…}, long runs shortened. */
function readable(value: unknown): string {
  return JSON.stringify(value, null, 1)
    .replace(/[^\x20-\x7e\n\u4e00-\u9fff]/gu, (character) => `\\u{${character.codePointAt(0)!.toString(16)}}`)
    .replace(/(.)\1{40,}/g, (run, character) => `${character.repeat(20)}…(${run.length}×)`)
    .slice(0, 3000)
}

type ErrorShape = { message: string; path?: (string | number)[]; extensions?: { code?: string } }

/**
 * The edge refused the value at this path (BAD_USER_INPUT whose message starts with it), or the field was refused
 * before the edge runs: graphql-shield's FORBIDDEN or UNAUTHENTICATED (its rules wrap the resolvers, so they come
 * first).
 */
function refusedAtEdge(errors: ErrorShape[], path: string): boolean {
  return errors.some(
    (error) =>
      (error.extensions?.code === 'BAD_USER_INPUT' && error.message.startsWith(`${path} `)) ||
      error.extensions?.code === 'FORBIDDEN' ||
      error.extensions?.code === 'UNAUTHENTICATED',
  )
}

/**
 * Sends the items as one operation (alias i<k> each) and checks each answer. When rows changed and some item was
 * refused, the refused items are sent again one at a time, so each refusal is judged by its own changes.
 */
async function runItems(
  target: Target,
  principal: Principal,
  items: Item[],
  found: Failure[],
  replay = false,
): Promise<void> {
  const prefixes = items.map((_, index) => `i${index}_`)
  const variables = Object.fromEntries(
    items.flatMap((item, index) =>
      Object.entries(item.variables).map(([name, value]) => [`${prefixes[index]}${name}`, value]),
    ),
  )
  const sentAt = performance.now()
  const response = await t.post(JSON.stringify({ query: operationText(target, prefixes), variables }), {
    cookie: cookies[principal],
  })
  const text = await response.text()
  tally.msRequests += performance.now() - sentAt
  let body: { data?: Record<string, unknown> | null; errors?: ErrorShape[] }
  try {
    body = JSON.parse(text)
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}`, extensions: { code: 'NOT_JSON' } }] }
  }
  const countedAt = performance.now()
  const after = await changeCounts(t.db.sql)
  tally.msCounts += performance.now() - countedAt
  const changed = changedBetween(counts, after)
  counts = after
  tally.requests++
  if (replay) tally.replays++

  // Errors of one item: those under its alias, and request-level ones about its variables ("i3_input.from ...")
  // or about no variable in particular.
  const errorsOf = (alias: string) =>
    (body.errors ?? []).filter((error) =>
      error.path ? error.path[0] === alias : error.message.startsWith(`${alias}_`) || !/^i\d+_/.test(error.message),
    )
  const refusedItems: Item[] = []
  const brokenItems: Failure[] = []
  for (const [index, item] of items.entries()) {
    const alias = prefixes[index]!.slice(0, -1)
    const errors = errorsOf(alias)
    const codes = errors.map((error) => error.extensions?.code ?? 'NO_CODE')
    const refused = codes.length > 0 && (body.data?.[alias] === null || body.data?.[alias] === undefined)
    if (refused) refusedItems.push(item)
    // An input of a batch whose refusal went unreported is asked again alone below, and counted there.
    const unreported = items.length > 1 && !refused
    if (!replay && !unreported) {
      tally.inputs++
      bump(tally.byMode, item.mode)
      bump(tally.byPrincipal, principal)
      bump(tally.byOutcome, codes.length ? [...new Set(codes)].join('+') : 'OK')
      for (const kind of item.kinds) bump(tally.byKind, kind)
    }
    const broken =
      response.status >= 500 ||
      codes.some((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE' || code === 'NOT_JSON')
    if (broken) brokenItems.push({ key: target.key, principal, item, status: response.status, errors })
    else if (item.mustRefuseAt && !item.refusedOutright && !refusedAtEdge(errors, item.mustRefuseAt)) {
      found.push({ key: target.key, principal, item, status: response.status, errors, notRefusedAtEdge: true })
    }
  }
  // A broken answer to several inputs: each alone, to name the one(s) that break it.
  if (brokenItems.length && items.length > 1) {
    for (const item of items) await runItems(target, principal, [item], found, true)
    return
  }
  found.push(...brokenItems)
  if (items.length > 1 && refusedItems.length < items.length) {
    // Refused outright, each input must have had its own refusal reported: ask again alone for any that did not.
    for (const item of items.filter((candidate) => !refusedItems.includes(candidate))) {
      tally.replays++
      await runItems(target, principal, [item], found, replay)
    }
  }
  if (Object.keys(changed).length > 0) {
    for (const item of refusedItems)
      found.push({
        key: target.key,
        principal,
        item,
        status: response.status,
        errors: errorsOf(prefixes[items.indexOf(item)]!.slice(0, -1)),
        changed,
      })
  }
}

describe.each(targets.map((target) => [target.key, target] as const))('%s', (key, target) => {
  it(`answers its generated inputs (at least ${perTarget}) without INTERNAL_SERVER_ERROR, and a refusal changes nothing`, async () => {
    const pooledAt = performance.now()
    await refreshIdPool()
    tally.msPool += performance.now() - pooledAt
    const index = targets.indexOf(target)
    const generatedAt = performance.now()
    const swept = sweep(target.args, pool, SEED + index)
    const random = fc.sample(inputFor(target.args, pool), {
      seed: SEED + index,
      numRuns: Math.max(perTarget - swept.length, Math.ceil(perTarget / 3)),
    })
    const items: Item[] = [...swept, ...random].map((input) => {
      const { value, kinds } = untag(input.args)
      const variables = value as Record<string, unknown>
      const prefixed = Object.fromEntries(Object.entries(variables).map(([name, item]) => [`i0_${name}`, item]))
      const refusedOutright =
        (getVariableValues(schema, target.single.variableDefinitions ?? [], prefixed).errors?.length ?? 0) > 0
      return { mode: input.mode, kinds, variables, refusedOutright, mustRefuseAt: input.mustRefuseAt }
    })
    tally.msGenerate += performance.now() - generatedAt
    const principals = Object.keys(PRINCIPALS) as Principal[]
    const found: Failure[] = []
    // An input graphql-js refuses outright fails its whole operation, so those go together in operations of their
    // own (every variable's refusal is reported), the others in operations of inputs that all run.
    let turn = index
    for (const outright of [true, false]) {
      for (const batch of batches(items.filter((item) => item.refusedOutright === outright))) {
        await runItems(target, principals[turn++ % principals.length]!, batch, found)
      }
    }
    failures.push(...found)
    const report = found
      .slice(0, 3)
      .map(
        (failure) =>
          `${failure.key} as ${failure.principal} (${failure.item.mode}; ${failure.item.kinds.join(', ') || 'no bad value'}), HTTP ${failure.status}\n` +
          `  variables: ${readable(failure.item.variables)}\n  errors: ${readable(failure.errors)}` +
          (failure.changed ? `\n  rows changed by the refused request: ${readable(failure.changed)}` : '') +
          (failure.notRefusedAtEdge
            ? `\n  the edge did not refuse ${failure.item.mustRefuseAt}, which every field of its kind must refuse`
            : ''),
      )
      .join('\n\n')
    expect(
      found.length,
      `seed ${SEED} (FUZZ_SEED=${SEED} replays it); ${found.length} failing inputs, the first:\n${report}`,
    ).toBe(0)
  }, 600_000)
})

// The CSV/XLSX downloads take the same filters as query parameters, outside GraphQL.
describe.each(['unit-payments', 'unit-invoices', 'region-statistics'])('/exports/%s.csv', (name) => {
  it('answers generated filters without a 5xx or INTERNAL_SERVER_ERROR, and changes nothing', async () => {
    const principals = Object.keys(PRINCIPALS) as Principal[]
    const samples = fc.sample(exportParameters(), { seed: SEED + name.length, numRuns: 60 })
    const found: string[] = []
    for (const [number, { kinds, query }] of samples.entries()) {
      const principal = principals[number % principals.length]!
      const response = await t.app.fetch(`http://test.local/exports/${name}.csv?${query}`, {
        headers: { cookie: cookies[principal] },
      })
      const text = await response.text()
      const code = response.headers.get('content-type')?.includes('json')
        ? (JSON.parse(text) as { errors: ErrorShape[] }).errors[0]?.extensions?.code
        : 'CSV'
      const after = await changeCounts(t.db.sql)
      const changed = changedBetween(counts, after)
      counts = after
      tally.exports++
      for (const kind of kinds) bump(tally.byKind, `export ${kind}`)
      if (response.status >= 500 || !code || code === 'INTERNAL_SERVER_ERROR' || Object.keys(changed).length) {
        found.push(
          `${name}.csv?${query} as ${principal}: HTTP ${response.status} ${code ?? text.slice(0, 200)} ${readable(changed)}`,
        )
      }
    }
    expect(found, `seed ${SEED}`).toEqual([])
  }, 600_000)
})

it('sent at least FUZZ_INPUTS inputs', () => {
  expect(tally.inputs).toBeGreaterThanOrEqual(TOTAL_INPUTS)
})

// The generated document must be valid for every field, or the fuzz would only test the validator.
it('generates a valid operation for every field', () => {
  const invalid = targets.filter(
    (target) =>
      validate(schema, parse(operationText(target, ['i0_', 'i1_']))).length > 0 ||
      !target.args.every((arg) => isInputType(arg.type)),
  )
  expect(invalid.map((target) => target.key)).toEqual([])
})
