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

builder.queryType({})
builder.mutationType({})
