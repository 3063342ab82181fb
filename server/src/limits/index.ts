// The abuse limits at the API edge, as yoga plugins (see docs/api.md, "Limits").
import type { Plugin } from 'graphql-yoga'
import { config } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { useCostLimits } from './costLimit.ts'
import { useCsrfPrevention } from './csrf.ts'
import { useIntrospectionForViewers } from './introspection.ts'
import { useOperationLimits, type OperationLimits } from './operationLimits.ts'
import type { RateLimitOptions } from './rateLimit.ts'

export type { OperationLimits } from './operationLimits.ts'
export type { RateLimitOptions } from './rateLimit.ts'

export interface LimitOptions {
  prisma: PrismaClient
  /** Defaults: config.limits. */
  limits?: Partial<OperationLimits>
  /** API tokens' bucket and clock. Defaults: config.limits. */
  rateLimit?: Partial<RateLimitOptions>
  /** Introspection and field suggestions only for authenticated viewers. Default: config.isProduction. */
  production?: boolean
}

function withDefaults({ limits = {}, rateLimit = {} }: LimitOptions) {
  const l = config.limits
  return {
    limits: {
      maxDepth: l.maxDepth,
      maxAliases: l.maxAliases,
      maxTokens: l.maxTokens,
      maxDirectives: l.maxDirectives,
      maxCost: l.maxCost,
      ...limits,
    },
    rateLimit: { points: l.tokenRatePoints, windowSeconds: l.tokenRateWindowSeconds, ...rateLimit },
  }
}

/** Checked before the request is parsed and before the operation is parsed or validated. */
export function useRequestLimits(options: LimitOptions): Plugin[] {
  return [useCsrfPrevention(), useOperationLimits(withDefaults(options).limits)]
}

/** Checked once the viewer is known, before execution: put after the page-size check. */
export function useExecutionLimits(options: LimitOptions): Plugin[] {
  const { limits, rateLimit } = withDefaults(options)
  return [
    useIntrospectionForViewers({ production: options.production ?? config.isProduction, prisma: options.prisma }),
    useCostLimits({ prisma: options.prisma, maxCost: limits.maxCost, rateLimit }),
  ]
}
