// The domain object of /rdap/domain/<name> (RFC 9083 §5.3). The name may be the domain's own or one of its 简繁
// variants (domain_names, kind VARIANT): a variant answers with its domain, the primary named in ldhName and
// unicodeName, every variant listed in `variants` (relation "conjoined": held and released with the domain) and a
// remark saying which name was asked for. Only what the registry publishes: states status.ts maps, public facts
// of the registrant (entity.ts), and a link to the badge's public verification page when the domain's site has a
// badge in force.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { SUFFIX_A_LABEL } from '../../lib/idna.ts'
import { publicUrl, verificationPath } from '../badges/snippet.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { conformance, rdapLink, RDAP_LANG, REDACTION_NOTICE, termsOfUse, type RdapLink } from './common.ts'
import { PUBLIC_UNIT_SELECT, registrantEntity, registrantRedactions } from './entity.ts'
import type { LookupName } from './names.ts'
import { rdapStatusOf, RDAP_PUBLISHED_STATES } from './status.ts'

export const domainHandle = (domainId: number) => `DOMAIN-${domainId}`

/** The live name row asked for, with its domain when that domain is in a published state; null otherwise. */
async function findPublishedName(prisma: PrismaClient, name: LookupName) {
  return prisma.domainName.findFirst({
    where: {
      suffix: name.suffix,
      aLabel: name.aLabel,
      live: true,
      domain: { status: { in: RDAP_PUBLISHED_STATES } },
    },
    select: {
      kind: true,
      uLabel: true,
      domain: {
        select: {
          id: true,
          suffix: true,
          status: true,
          registeredAt: true,
          expiresAt: true,
          updatedAt: true,
          unit: { select: PUBLIC_UNIT_SELECT },
          names: { where: { live: true }, select: { kind: true, uLabel: true, aLabel: true }, orderBy: { id: 'asc' } },
          renewals: { where: { status: { in: ['REQUESTED', 'FEE_COLLECTED'] } }, select: { id: true }, take: 1 },
        },
      },
    },
  })
}

/** Active badges of sites whose Chinese domain is this one or that bind it: their verification pages. */
async function badgeNumbersOf(prisma: PrismaClient, domainId: number): Promise<string[]> {
  const badges = await prisma.badge.findMany({
    where: {
      status: 'ACTIVE',
      siteApplication: {
        OR: [{ chineseDomainId: domainId }, { boundDomains: { some: { domainId } } }],
      },
    },
    select: { badgeNumber: true },
    orderBy: { issuedAt: 'asc' },
  })
  return badges.map((badge) => badge.badgeNumber)
}

const iso = (date: Date) => date.toISOString()

/** The full RDAP answer for a name, or null when the registry publishes no domain by it. */
export async function lookupDomain(prisma: PrismaClient, name: LookupName, requestUrl: string) {
  const row = await findPublishedName(prisma, name)
  const status = row && rdapStatusOf(row.domain.status, row.domain.renewals.length > 0)
  if (!row || !status) return null
  const { domain } = row
  const tld = { a: SUFFIX_A_LABEL[domain.suffix], u: SUFFIX_TEXT[domain.suffix] }
  const primary = domain.names.find((candidate) => candidate.kind === 'PRIMARY')!
  const variants = domain.names.filter((candidate) => candidate.kind === 'VARIANT')
  const ldhName = `${primary.aLabel}.${tld.a}`
  const unicodeName = `${primary.uLabel}${tld.u}`

  const links: RdapLink[] = [rdapLink('self', `domain/${ldhName}`, requestUrl)]
  for (const badgeNumber of await badgeNumbersOf(prisma, domain.id)) {
    links.push({
      value: requestUrl,
      rel: 'related',
      href: publicUrl(verificationPath(badgeNumber)),
      type: 'text/html',
      title: `网站标识公开核验 Website badge verification ${badgeNumber}`,
    })
  }

  const events = [
    domain.registeredAt && { eventAction: 'registration', eventDate: iso(domain.registeredAt) },
    domain.expiresAt && { eventAction: 'expiration', eventDate: iso(domain.expiresAt) },
    { eventAction: 'last changed', eventDate: iso(domain.updatedAt) },
    { eventAction: 'last update of RDAP database', eventDate: iso(new Date()) },
  ].filter(Boolean)

  const remarks =
    row.kind === 'VARIANT'
      ? [
          {
            title: '简繁变体 Variant',
            description: [
              `查询的 ${row.uLabel}${tld.u} 是 ${unicodeName} 的简繁变体，随该域名注册和释放。`,
              `${row.uLabel}${tld.u} is a simplified/traditional variant of ${unicodeName}, held with it.`,
            ],
          },
        ]
      : []

  return {
    rdapConformance: conformance({ redacted: true }),
    lang: RDAP_LANG,
    objectClassName: 'domain' as const,
    handle: domainHandle(domain.id),
    ldhName,
    unicodeName,
    ...(variants.length
      ? {
          variants: [
            {
              relation: ['conjoined'],
              variantNames: variants.map((variant) => ({
                ldhName: `${variant.aLabel}.${tld.a}`,
                unicodeName: `${variant.uLabel}${tld.u}`,
              })),
            },
          ],
        }
      : {}),
    status,
    events,
    entities: [await registrantEntity(prisma, domain.unit, requestUrl)],
    links,
    ...(remarks.length ? { remarks } : {}),
    notices: [termsOfUse(requestUrl), REDACTION_NOTICE],
    redacted: registrantRedactions("$.entities[?(@.roles[0]=='registrant')]"),
  }
}
