// The public 网络红页 (no login): only a PUBLISHED micro-site of an ACTIVE unit, and only what is published, with the
// unit's ACTIVE badge placed on the micro-site in its footer. Anything else (a draft, an unknown or malformed id) is
// null, so the answer tells nothing about units without a public page.
import { defineQuery } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badgeImagePath, verificationPath } from '../../badges/snippet.ts'

/** The public page lists this many of the newest news items. */
export const PUBLIC_NEWS_ITEMS = 50

export interface PublicMicroSiteShape {
  unitName: string
  title: string
  introduction: string
  functions: string | null
  contacts: string | null
  publishedAt: Date
  newsItems: { id: number; title: string; body: string; publishedAt: Date }[]
  badge: { badgeNumber: string; verificationPath: string; imagePath: string } | null
}

/** The badge shown in the micro-site's footer: the unit's newest ACTIVE badge placed on the 网络红页. */
export function footerBadgeWhere(unitId: number) {
  return { unitId, status: 'ACTIVE', placement: 'MICRO_SITE' } as const
}
export const FOOTER_BADGE_ORDER = [{ issuedAt: 'desc' }, { id: 'desc' }] as const

export const publicMicroSite = defineQuery({
  name: 'publicMicroSite',
  policy: { who: EVERYONE, tokens: true, rule: 'the public 网络红页: only PUBLISHED content, in its own type' },
  scope: 'none (one published page by unit id)',

  async run(ctx, rawId: string): Promise<PublicMicroSiteShape | null> {
    if (!/^[1-9][0-9]{0,15}$/.test(rawId.trim())) return null
    const unitId = Number(rawId.trim())
    if (!Number.isSafeInteger(unitId)) return null
    const site = await ctx.prisma.microSite.findFirst({
      where: { unitId, status: 'PUBLISHED', unit: { status: 'ACTIVE' } },
      select: {
        title: true,
        introduction: true,
        functions: true,
        contacts: true,
        publishedAt: true,
        unit: { select: { name: true } },
        newsItems: {
          select: { id: true, title: true, body: true, publishedAt: true },
          orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
          take: PUBLIC_NEWS_ITEMS,
        },
      },
    })
    if (!site) return null
    const badge = await ctx.prisma.badge.findFirst({
      where: footerBadgeWhere(unitId),
      orderBy: [...FOOTER_BADGE_ORDER],
      select: { badgeNumber: true },
    })
    return {
      unitName: site.unit.name,
      title: site.title,
      introduction: site.introduction,
      functions: site.functions,
      contacts: site.contacts,
      publishedAt: site.publishedAt ?? new Date(0),
      newsItems: site.newsItems,
      badge: badge && {
        badgeNumber: badge.badgeNumber,
        verificationPath: verificationPath(badge.badgeNumber),
        imagePath: badgeImagePath(badge.badgeNumber),
      },
    }
  },
})
