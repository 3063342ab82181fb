// The public facts of a badge for the verification page and the badge script/image: read from the API with no
// cookie (badgeVerification is public), so a logged-in visitor and an anonymous one see exactly the same thing.
import { graphql } from '@/graphql/generated'
import type { BadgeVerificationQuery as BadgeVerificationResult } from '@/graphql/generated/graphql'
import { ApiUnavailableError, apiClient, apiGraphqlUrl } from '@/graphql/server'

export const BadgeVerificationQuery = graphql(`
  query BadgeVerification($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      badgeNumber
      status
      cancelledAt
      unitName
      unitType
      address
      functions
      siteName
      chineseDomains
      englishDomain
      placement
      issuer
      issuedAt
      reorganisation {
        kind
        formerUnitName
        effectiveDate
      }
    }
  }
`)

export type BadgeFacts = NonNullable<BadgeVerificationResult['badgeVerification']>

/** Badge numbers are digits and capital letters, at most 32 (the API answers BAD_USER_INPUT otherwise). */
export const BADGE_NUMBER = /^[0-9A-Z]{1,32}$/

/** The badge's public facts, or null when the number is malformed or unknown. Throws when the API is unreachable. */
export async function loadBadgeFacts(badgeNumber: string): Promise<BadgeFacts | null> {
  if (!BADGE_NUMBER.test(badgeNumber)) return null
  const result = await apiClient().query(BadgeVerificationQuery, { badgeNumber }).toPromise()
  if (result.error?.networkError) {
    throw new ApiUnavailableError(
      `GraphQL API unreachable at ${apiGraphqlUrl()}: ${result.error.networkError.message}`,
      { cause: result.error.networkError },
    )
  }
  const codes = (result.error?.graphQLErrors ?? []).map(
    (error) => (error.extensions as { code?: string } | undefined)?.code,
  )
  if (codes.includes('BAD_USER_INPUT')) return null
  if (codes.length) throw new Error(`badgeVerification: ${codes.join(', ')}`)
  return result.data?.badgeVerification ?? null
}
