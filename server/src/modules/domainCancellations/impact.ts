// What depends on a domain that a 注销 would take away, shown to the unit before it confirms and stored with the
// request: the ACTIVE badges whose site's Chinese domain it is (their URL forwards go with them), the site
// applications still open whose Chinese domain it is (they would be left pointing at a deleted domain); applications
// that merely bind it (绑定域名: every domain the unit held) lose the binding instead, see siteApplications/boundDomains.ts; the unit's micro-site when a badge
// leads to it through this domain (the micro-site itself stays: it is served at its own address, see
// badges/snippet.ts, only the way through this domain ends), and the DNS records, URL forwards and 简繁 variants that
// stop answering with the domain. Badges and site applications are what an approval cancels; the fingerprint names
// exactly them, so a request filed against an impact that has changed since is refused.
import type { Prisma } from '../../generated/prisma/client.ts'
import type { BadgePlacement, DomainSuffix, SiteApplicationStatus } from '../../generated/prisma/enums.ts'
import { fullNameOf } from '../domainApplications/names.ts'

type Tx = Prisma.TransactionClient

/** Site applications that no longer hold a domain: withdrawn, or their badge cancelled. BADGE_ISSUED ones count as their badge. */
const SETTLED_APPLICATIONS: SiteApplicationStatus[] = ['WITHDRAWN', 'BADGE_CANCELLED', 'BADGE_ISSUED']

export interface CancellationImpact {
  badges: { id: number; badgeNumber: string; siteName: string; placement: BadgePlacement }[]
  siteApplications: { id: number; serialNumber: string; siteName: string; status: SiteApplicationStatus }[]
  /** The unit's micro-site, when a listed badge leads to it through this domain. */
  microSite: { id: number; title: string; published: boolean } | null
  /** DNS records other than URL forwards (and their forwarding-server A records). */
  dnsRecords: number
  /** URL转发 on the domain. */
  urlForwards: number
  /** 简繁 variants held with the domain (full names). */
  variants: string[]
  /** The badges and site applications an approval cancels, as text: `b1,2;s3`. */
  fingerprint: string
}

export async function cancellationImpact(
  db: Tx,
  domain: { id: number; unitId: number; suffix: DomainSuffix },
): Promise<CancellationImpact> {
  const usesDomain: Prisma.SiteApplicationWhereInput = { chineseDomainId: domain.id }
  const [badges, siteApplications, records, variants] = await Promise.all([
    db.badge.findMany({
      where: { status: 'ACTIVE', siteApplication: usesDomain },
      select: { id: true, badgeNumber: true, siteName: true, placement: true },
      orderBy: { id: 'asc' },
    }),
    db.siteApplication.findMany({
      where: { AND: [usesDomain, { status: { notIn: SETTLED_APPLICATIONS } }] },
      select: { id: true, serialNumber: true, siteName: true, status: true },
      orderBy: { id: 'asc' },
    }),
    db.dnsRecord.findMany({ where: { domainId: domain.id }, select: { type: true, forwardGroup: true } }),
    db.domainName.findMany({
      where: { domainId: domain.id, kind: 'VARIANT', live: true },
      select: { uLabel: true },
      orderBy: { id: 'asc' },
    }),
  ])
  const microSite = badges.some((badge) => badge.placement === 'MICRO_SITE')
    ? await db.microSite.findUnique({
        where: { unitId: domain.unitId },
        select: { id: true, title: true, status: true },
      })
    : null
  const urlForwards = records.filter((record) => record.type === 'URL_FORWARD').length
  const forwardGroups = new Set(records.filter((r) => r.type === 'URL_FORWARD').map((r) => r.forwardGroup))
  const dnsRecords = records.filter(
    (record) => record.type !== 'URL_FORWARD' && !(record.forwardGroup && forwardGroups.has(record.forwardGroup)),
  ).length
  return {
    badges,
    siteApplications,
    microSite: microSite && { id: microSite.id, title: microSite.title, published: microSite.status === 'PUBLISHED' },
    dnsRecords,
    urlForwards,
    variants: variants.map((variant) => fullNameOf({ name: variant.uLabel, suffix: domain.suffix })),
    fingerprint: fingerprintOf(badges, siteApplications),
  }
}

export const fingerprintOf = (badges: readonly { id: number }[], applications: readonly { id: number }[]) =>
  `b${badges.map((b) => b.id).join(',')};s${applications.map((a) => a.id).join(',')}`

/** Whether an approval has anything to cancel beyond the domain. */
export const hasDependents = (impact: Pick<CancellationImpact, 'badges' | 'siteApplications'>) =>
  impact.badges.length > 0 || impact.siteApplications.length > 0

/** 网站标识 WZ… 、网站开办申请 …: the dependents named for a message or a notice. */
export function dependentsText(impact: Pick<CancellationImpact, 'badges' | 'siteApplications'>): string {
  const parts: string[] = []
  if (impact.badges.length)
    parts.push(`网站标识 ${impact.badges.map((b) => `${b.badgeNumber}（${b.siteName}）`).join('、')}`)
  if (impact.siteApplications.length)
    parts.push(`网站开办申请 ${impact.siteApplications.map((a) => `${a.serialNumber}（${a.siteName}）`).join('、')}`)
  return parts.join('；')
}

/** The snapshot stored with a request (dependents column), read back. */
export function storedImpact(
  value: Prisma.JsonValue,
): Pick<CancellationImpact, 'badges' | 'siteApplications'> & Partial<CancellationImpact> {
  const stored = (value ?? {}) as Partial<CancellationImpact>
  return { ...stored, badges: stored.badges ?? [], siteApplications: stored.siteApplications ?? [] }
}
