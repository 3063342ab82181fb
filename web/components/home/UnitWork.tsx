// 单位首页 的 待办: each of the unit's domains with its status and expiry (a renewal prompt within 90 days, seed 000
// step 5), the site applications with what to do next, and each badge's installation.
import Link from 'next/link'
import { installStateOf } from '@/components/installChecks/format'
import {
  BADGE_PLACEMENT_LABELS,
  DOMAIN_STATUS_LABELS,
  DOMAIN_STATUS_TONES,
  SITE_APPLICATION_STATUS_LABELS,
  SITE_APPLICATION_STATUS_TONES,
} from '@/components/labels'
import { StatusTag } from '@/components/ui/StatusTag'
import { formatDate } from '@/components/ui/format'
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { SiteApplicationStatus, UnitWork_QueryFragment } from '@/graphql/generated/graphql'

export const UnitWork_Query = graphql(`
  fragment UnitWork_Query on Query {
    domains(first: 20) {
      totalCount
      edges {
        node {
          id
          fullName
          status
          expiresAt
        }
      }
    }
    siteApplications(first: 5) {
      edges {
        node {
          id
          siteName
          status
        }
      }
    }
    badges(first: 10) {
      edges {
        node {
          id
          badgeNumber
          siteName
          placement
          status
          installDeadline
          installedAt
          installOverdue
        }
      }
    }
  }
`)

const RENEWAL_PROMPT_DAYS = 90
const DAY_MS = 86_400_000

/** What the unit does next with a site application in this state. */
const SITE_NEXT_STEP: Partial<Record<SiteApplicationStatus, string>> = {
  DRAFT: '填写完成后提交审核',
  PENDING_OFFICE_REVIEW: '等待同级编办初审',
  PENDING_CONAC_REVIEW: '等待 CONAC 复审',
  OFFICE_REJECTED: '按审核意见修改后重新提交',
  CONAC_REJECTED: '按审核意见修改后重新提交',
  AWAITING_PAPER: '打印申请函和申请表，盖章后交同级编办',
  PAPER_REJECTED: '按审核意见补交书面材料',
}

function domainNote(
  status: string,
  expiresAt: string | null | undefined,
  now: number,
): { text: string; renew: boolean } | null {
  if (status === 'GRACE') return { text: '宽限期内，请尽快续费，逾期将停止解析', renew: true }
  if (status === 'REDEMPTION') return { text: '赎回期，已停止解析，请到同级编办办理续费', renew: false }
  if (status !== 'REGISTERED' || !expiresAt) return null
  const days = Math.ceil((new Date(expiresAt).getTime() - now) / DAY_MS)
  if (days < 0) return { text: '已过期，请尽快续费', renew: true }
  if (days <= RENEWAL_PROMPT_DAYS) return { text: `${days} 天后到期，请及时续费`, renew: true }
  return null
}

/** Where the badge stands: a micro-site shows it by itself; a self-built site must install it by the deadline. */
function installation(badge: UnitWork_QueryFragment['badges']['edges'][number]['node']): string {
  if (badge.placement === 'MICRO_SITE') return '已在网络红页展示'
  if (badge.installedAt) return `已安装（${formatDate(badge.installedAt)}）`
  if (badge.installOverdue) return '逾期未安装，请尽快安装'
  return `待安装，期限 ${formatDate(badge.installDeadline)}`
}

export function UnitWork({ data, now }: { data: UnitWork_QueryFragment; now: number }) {
  const domains = data.domains.edges.map((edge) => edge.node)
  const sites = data.siteApplications.edges.map((edge) => edge.node)
  const badges = data.badges.edges.map((edge) => edge.node).filter((badge) => badge.status === 'ACTIVE')
  return (
    <>
      <section className="panel" aria-labelledby="unit-domains-title">
        <div className="panel-head">
          <h2 id="unit-domains-title">我的域名</h2>
          <Link href="/unit/domains">
            {data.domains.totalCount > domains.length ? `全部 ${data.domains.totalCount} 个域名` : '申请域名'}
          </Link>
        </div>
        {domains.length === 0 ? (
          <EmptyState>
            还没有域名。<Link href="/unit/domains">申请 .政务 / .公益 域名</Link>
          </EmptyState>
        ) : (
          <ul className="work-list" data-testid="unit-home-domains">
            {domains.map((domain) => {
              const note = domainNote(domain.status, domain.expiresAt, now)
              return (
                <li key={domain.id}>
                  <Link href="/unit/domains" className="work-list-title">
                    {domain.fullName}
                  </Link>
                  <StatusTag tone={DOMAIN_STATUS_TONES[domain.status]}>{DOMAIN_STATUS_LABELS[domain.status]}</StatusTag>
                  <span className="muted">{domain.expiresAt ? `到期 ${formatDate(domain.expiresAt)}` : ''}</span>
                  {note && (
                    <span className="work-list-action">
                      {note.text}
                      {note.renew && <Link href="/unit/renewals">去续费</Link>}
                    </span>
                  )}
                </li>
              )
            })}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="unit-sites-title">
        <div className="panel-head">
          <h2 id="unit-sites-title">网站与标识</h2>
          <Link href="/unit/sites">网站开办申请</Link>
        </div>
        {sites.length === 0 && badges.length === 0 ? (
          <EmptyState>
            还没有网站开办申请。<Link href="/unit/sites">申请网站标识</Link>
          </EmptyState>
        ) : (
          <ul className="work-list" data-testid="unit-home-sites">
            {sites.map((site) => (
              <li key={`site-${site.id}`}>
                <Link href={`/unit/sites/${site.id}`} className="work-list-title">
                  {site.siteName}
                </Link>
                <StatusTag tone={SITE_APPLICATION_STATUS_TONES[site.status]}>
                  {SITE_APPLICATION_STATUS_LABELS[site.status]}
                </StatusTag>
                {SITE_NEXT_STEP[site.status] && (
                  <span className="work-list-action">下一步：{SITE_NEXT_STEP[site.status]}</span>
                )}
              </li>
            ))}
            {badges.map((badge) => (
              <li key={`badge-${badge.id}`}>
                <Link href="/unit/badges" className="work-list-title">
                  标识 {badge.badgeNumber}
                </Link>
                <span className="muted">
                  {badge.siteName}（{BADGE_PLACEMENT_LABELS[badge.placement]}）
                </span>
                <StatusTag tone={badge.placement === 'MICRO_SITE' ? 'ok' : installStateOf(badge).tone}>
                  {installation(badge)}
                </StatusTag>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
