// The Pothos schema builder: plugins, scalars and the context type. Types and fields live in modules/<area>/.
import SchemaBuilder from '@pothos/core'
import PrismaPlugin from '@pothos/plugin-prisma'
import RelayPlugin from '@pothos/plugin-relay'
import { GraphQLError, Kind, type ValueNode } from 'graphql'
import type { Context } from './context.ts'
import type PrismaTypes from './generated/pothos-types.ts'
import { getDatamodel } from './generated/pothos-types.ts'
import { checkDateTime } from './validation/dateTime.ts'
import InputValidationPlugin from './validation/plugin.ts'

/** Lists return at most this many rows a page. */
export const MAX_PAGE_SIZE = 100

export const builder = new SchemaBuilder<{
  Context: Context
  PrismaTypes: PrismaTypes
  DefaultFieldNullability: false
  Scalars: {
    DateTime: { Input: Date; Output: Date }
    Fen: { Input: bigint; Output: bigint | number }
    ID: { Input: string; Output: string | number }
  }
}>({
  // Input validation first: it wraps outside the others, so arguments are checked before any of them reads one.
  plugins: [InputValidationPlugin, RelayPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // No generic node(id) lookups: every by-id field is explicit, so each one carries its own permission and scope.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: 20,
    onUnusedQuery: null,
  },
})

builder.scalarType('DateTime', {
  description:
    'An instant, as an ISO 8601 string in UTC, e.g. 2026-11-22T08:30:00.000Z. Accepted as input: YYYY-MM-DD (midnight UTC) ' +
    'or YYYY-MM-DDTHH:mm[:ss[.sss]] with Z or ±HH:mm, a real calendar date, years 1900-2199.',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined, ast),
})

function parseDateTime(value: unknown, node?: ValueNode): Date {
  const result = checkDateTime(value)
  if (!result.ok) throw new GraphQLError(result.problem, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } })
  return result.value
}

builder.scalarType('Fen', {
  description:
    'An amount of money in fen (分, 1/100 yuan), as a JSON integer, e.g. 30000 for 300.00 yuan. Never a float.',
  serialize: (value) => {
    const fen = typeof value === 'bigint' ? value : BigInt(value as number)
    if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < BigInt(Number.MIN_SAFE_INTEGER))
      throw new GraphQLError('金额超出范围')
    return Number(fen)
  },
  parseValue: (value) => parseFen(value),
  parseLiteral: (ast) => parseFen(ast.kind === Kind.INT ? Number(ast.value) : undefined, ast),
})

function parseFen(value: unknown, node?: ValueNode): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('金额必须是以分为单位的整数', { nodes: node, extensions: { code: 'BAD_USER_INPUT' } })
  }
  return BigInt(value)
}

builder.queryType({})
builder.mutationType({})
