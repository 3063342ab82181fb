// The Pothos schema builder: plugins, scalars and the context type. Types and fields live in modules/<area>/.
import SchemaBuilder from '@pothos/core'
import PrismaPlugin from '@pothos/plugin-prisma'
import RelayPlugin from '@pothos/plugin-relay'
import { GraphQLError, Kind } from 'graphql'
import type { Context } from './context.ts'
import type PrismaTypes from './generated/pothos-types.ts'
import { getDatamodel } from './generated/pothos-types.ts'

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
  plugins: [RelayPlugin, PrismaPlugin],
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
  description: 'An instant, as an ISO 8601 string in UTC, e.g. 2026-11-22T08:30:00.000Z',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime 必须是 ISO 8601 字符串')
    return date
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : null
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime 必须是 ISO 8601 字符串')
    return date
  },
})

builder.scalarType('Fen', {
  description: 'An amount of money in fen (分, 1/100 yuan), as a JSON integer, e.g. 30000 for 300.00 yuan. Never a float.',
  serialize: (value) => {
    const fen = typeof value === 'bigint' ? value : BigInt(value as number)
    if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < BigInt(Number.MIN_SAFE_INTEGER)) throw new GraphQLError('金额超出范围')
    return Number(fen)
  },
  parseValue: (value) => parseFen(value),
  parseLiteral: (ast) => parseFen(ast.kind === Kind.INT ? Number(ast.value) : undefined),
})

function parseFen(value: unknown): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('金额必须是以分为单位的整数', { extensions: { code: 'BAD_USER_INPUT' } })
  }
  return BigInt(value)
}

builder.queryType({})
builder.mutationType({})
