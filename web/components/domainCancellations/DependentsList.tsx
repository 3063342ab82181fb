// What depends on a domain, as a list people read before a 注销: the badges and site applications cancelled with it,
// the micro-site a badge leads to (it stays at its own address), and the DNS that stops answering.
import { BADGE_PLACEMENT_LABELS, SITE_APPLICATION_STATUS_LABELS } from '@/components/labels'
import type { BadgePlacement, SiteApplicationStatus } from '@/graphql/generated/graphql'
import styles from './DomainCancellations.module.css'

export interface Dependents {
  badges: readonly { id: string; badgeNumber: string; siteName: string; placement: string }[]
  siteApplications: readonly { id: string; serialNumber: string; siteName: string; status: string }[]
  microSite?: { title: string; published: boolean } | null
  dnsRecords: number
  urlForwards: number
  variants: readonly string[]
}

export const hasDependents = (dependents: Dependents) =>
  dependents.badges.length > 0 || dependents.siteApplications.length > 0

export function DependentsList({ dependents, testId }: { dependents: Dependents; testId?: string }) {
  const items: { key: string; text: string }[] = [
    ...dependents.badges.map((badge) => ({
      key: `b${badge.id}`,
      text: `网站标识 ${badge.badgeNumber}（${badge.siteName}，${BADGE_PLACEMENT_LABELS[badge.placement as BadgePlacement] ?? ''}）将一并注销，中文域名的 URL 转发随之删除`,
    })),
    ...dependents.siteApplications.map((app) => ({
      key: `s${app.id}`,
      text: `网站开办申请 ${app.serialNumber}（${app.siteName}，${SITE_APPLICATION_STATUS_LABELS[app.status as SiteApplicationStatus] ?? ''}）将一并撤回`,
    })),
  ]
  if (dependents.microSite)
    items.push({
      key: 'm',
      text: `网络红页「${dependents.microSite.title}」仍保留在原地址，但不能再通过本域名访问`,
    })
  if (dependents.dnsRecords > 0) items.push({ key: 'd', text: `${dependents.dnsRecords} 条解析记录停止解析` })
  if (dependents.urlForwards > 0) items.push({ key: 'f', text: `${dependents.urlForwards} 条 URL 转发停止` })
  if (dependents.variants.length)
    items.push({ key: 'v', text: `简繁变体 ${dependents.variants.join('、')} 随域名一并删除` })
  if (!items.length)
    return (
      <p className="muted" data-testid={testId}>
        该域名没有网站标识、网站开办申请或解析记录依赖。
      </p>
    )
  return (
    <ul className={styles.dependents} data-testid={testId}>
      {items.map((item) => (
        <li key={item.key}>{item.text}</li>
      ))}
    </ul>
  )
}
