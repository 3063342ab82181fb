// The cost of each operation, judged after validation and before execution (cost needs the variables):
// over maxCost it is refused for everyone; an API token also pays it from its rate-limit bucket (rateLimit.ts).
// Portal sessions are not rate limited here: trusted documents and the per-operation limits bound them.
import type { DocumentNode, GraphQLSchema } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { operationCost } from './cost.ts'
import { limitError } from './errors.ts'
import { TokenBuckets, type RateLimitOptions, type Spending } from './rateLimit.ts'

/** The rate-limit headers of token requests, written when the response goes out. */
const rateHeaders = new WeakMap<Request, Record<string, string>>()

function headersOf(spending: Spending, cost: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(spending.limit),
    'X-RateLimit-Remaining': String(spending.remaining),
    // Seconds until the bucket is full again (not an epoch time: the bucket refills continuously).
    'X-RateLimit-Reset': String(spending.resetSeconds),
    'X-RateLimit-Cost': String(cost),
    ...(spending.allowed ? {} : { 'Retry-After': String(spending.retryAfterSeconds) }),
  }
}

/**
 * The cost of (document, operation, variables), remembered per document: yoga hands every request of the same query
 * text the same parsed document, and the portal's pages repeat the same variables, so the selection is not walked
 * again for each request. A few short variable sets are kept per document (cleared when full).
 */
const costs = new WeakMap<DocumentNode, Map<string, number>>()
const COSTS_PER_DOCUMENT = 64

function rememberedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): number {
  let key: string
  try {
    key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`
  } catch {
    key = '' // a value JSON cannot write: not kept
  }
  // Long variables (a mutation's input) are not worth keeping: such operations are rare and cheap to walk.
  if (!key || key.length > 1024) return operationCost(schema, document, variables, operationName)
  let known = costs.get(document)
  if (!known) costs.set(document, (known = new Map()))
  let cost = known.get(key)
  if (cost === undefined) {
    cost = operationCost(schema, document, variables, operationName)
    if (known.size >= COSTS_PER_DOCUMENT) known.clear()
    known.set(key, cost)
  }
  return cost
}

export function useCostLimits({
  prisma,
  maxCost,
  rateLimit,
}: {
  prisma: PrismaClient
  maxCost: number
  rateLimit: RateLimitOptions
}): Plugin {
  // In the database: every API process spends from the same bucket of a token (rateLimit.ts).
  const buckets = new TokenBuckets<number>(prisma, 'token', rateLimit)
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as Context
      const cost = rememberedCost(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName,
      )
      const tokenId = context.viewer.kind === 'token' ? context.viewer.tokenId : undefined
      // A token can never pay more than its bucket holds: waiting would not help, so that is "too costly" too.
      const limit = tokenId !== undefined ? Math.min(maxCost, buckets.capacity) : maxCost
      if (cost > limit) {
        if (tokenId !== undefined) rateHeaders.set(context.request, headersOf(await buckets.spend(tokenId, 0), cost))
        setResultAndStopExecution({
          errors: [
            limitError(
              'QUERY_TOO_COSTLY',
              `查询成本估算为 ${cost}，超过单次上限 ${limit}（列表按 first/last 条数计，未给出时按 20 条计）`,
              400,
              { limit, cost },
            ),
          ],
        })
        return
      }
      if (tokenId === undefined) return
      const spending = await buckets.spend(tokenId, cost)
      rateHeaders.set(context.request, headersOf(spending, cost))
      if (!spending.allowed) {
        setResultAndStopExecution({
          errors: [
            limitError(
              'RATE_LIMITED',
              `API 令牌的查询额度不足：本次需要 ${cost} 点，剩余 ${spending.remaining} 点，请在 ${spending.retryAfterSeconds} 秒后重试`,
              429,
              { cost, remaining: spending.remaining, retryAfterSeconds: spending.retryAfterSeconds },
            ),
          ],
        })
      }
    },
    onResponse({ request, response }) {
      for (const [name, value] of Object.entries(rateHeaders.get(request) ?? {})) response.headers.set(name, value)
    },
  }
}
