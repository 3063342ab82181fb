// The abuse limits' defaults, in one place; config.ts lets the environment override them (config.limits).
//
// The per-operation limits are set from the portal's real operations: `npx tsx src/limits/measure-portal.ts`
// over web/graphql/generated/persisted-documents.json (108 operations), with every Int variable at MAX_PAGE_SIZE
// and __typename added to every selection as urql sends it. limits.test.ts fails when a portal operation no
// longer fits.
export const OPERATION_LIMITS = {
  /** Field nesting. Portal maximum 7 (UnitBadges). */
  maxDepth: 10,
  /** Aliased fields. Portal maximum 0; docs/client's RegionalStatistics uses 6. */
  maxAliases: 10,
  /** Lexical tokens. Portal maximum 225 (UnitSiteApplicationPage). */
  maxTokens: 400,
  /** Directive uses (@include, @skip). Portal maximum 0; docs/client uses 1. */
  maxDirectives: 10,
  /**
   * Estimated cost (cost.ts). Portal maximum 418,206: UnitBadges at first=100 (the portal pages by 20: 83,646),
   * whose unpaged changeRequests { changes, reviewDecisions } lists count 20 x 20 per badge. The next largest is
   * DomainReviewQueue at 19,910.
   */
  maxCost: 500_000,
} as const

/**
 * API tokens' rate limit: a bucket of `points` refilled evenly over `windowSeconds`; each operation spends its cost.
 * docs/client's Domains query costs 1,506 at first=100, so an hour holds about 66 such pages (6,600 domains).
 */
export const TOKEN_RATE_LIMIT = {
  points: 100_000,
  windowSeconds: 3600,
} as const
