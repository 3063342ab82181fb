// Loading the public 网络红页 for /m/<unitId>: the public query runs without the visitor's cookie (the page is the
// same for everybody); the owner's preview (?preview=1) reads the unit's own micro-site with the session.
import { cache } from 'react'
import { apiClient, apiGraphqlUrl, ApiUnavailableError, serverQuery } from '@/graphql/server'
import { badgeAddresses } from './format'
import { MicroSitePreviewQuery, PublicMicroSiteQuery } from './documents'
import type { MicroSiteViewData } from './MicroSiteView'

/** A valid unit id as the portal writes it in /m/<unitId>. */
export const isUnitIdParam = (value: string) => /^[1-9][0-9]{0,11}$/.test(value)

/** The PUBLISHED micro-site of a unit, or null (draft, unpublished, unknown). Cached per request (metadata + page). */
export const loadPublicMicroSite = cache(async (unitId: string): Promise<MicroSiteViewData | null> => {
  const result = await apiClient().query(PublicMicroSiteQuery, { unitId }).toPromise()
  if (result.error?.networkError) {
    throw new ApiUnavailableError(
      `GraphQL API unreachable at ${apiGraphqlUrl()}: ${result.error.networkError.message}`,
      { cause: result.error.networkError },
    )
  }
  if (result.error)
    throw new Error(
      `publicMicroSite: ${result.error.graphQLErrors.map((error) => error.extensions?.code ?? error.message).join(', ')}`,
    )
  return result.data?.publicMicroSite ?? null
})

/**
 * The viewer's own micro-site as /m/<unitId> will show it, published or not, for the 预览 link of the editor;
 * null when the viewer is not a user of that unit (or has no micro-site), so the page falls back to the public view.
 */
export const loadOwnPreview = cache(
  async (unitId: string): Promise<{ site: MicroSiteViewData; published: boolean } | null> => {
    const { data } = await serverQuery(MicroSitePreviewQuery)
    const own = data?.myMicroSite
    if (!own || own.unit.id !== unitId) return null
    return {
      published: own.status === 'PUBLISHED',
      site: {
        unitName: own.unit.name,
        title: own.title,
        introduction: own.introduction,
        functions: own.functions ?? null,
        contacts: own.contacts ?? null,
        publishedAt: own.publishedAt ?? null,
        newsItems: own.newsItems.edges.map((edge) => edge.node),
        badge: own.footerBadge ? badgeAddresses(own.footerBadge.badgeNumber) : null,
      },
    }
  },
)
