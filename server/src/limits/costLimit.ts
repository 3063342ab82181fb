// The cost of each operation, judged after validation and before execution (cost needs the variables):
// over maxCost it is refused for everyone; an API token also pays it from its rate-limit bucket (rateLimit.ts).
// Portal sessions are not rate limited here: trusted documents and the per-operation limits bound them.
import type { Plugin } from 'graphql-yoga'
import type { Context } from '../context.ts'
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

export function useCostLimits({ maxCost, rateLimit }: { maxCost: number; rateLimit: RateLimitOptions }): Plugin {
  const buckets = new TokenBuckets(rateLimit)
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as Context
      const cost = operationCost(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName,
      )
      const tokenId = context.viewer.kind === 'token' ? context.viewer.tokenId : undefined
      // A token can never pay more than its bucket holds: waiting would not help, so that is "too costly" too.
      const limit = tokenId !== undefined ? Math.min(maxCost, buckets.capacity) : maxCost
      if (cost > limit) {
        if (tokenId !== undefined) rateHeaders.set(context.request, headersOf(buckets.spend(tokenId, 0), cost))
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
      const spending = buckets.spend(tokenId, cost)
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
