// Prints an overview of the token's region: statistics, review queues, units, recent domains, overdue badges and the
// latest audit entries.
//   API_URL=http://127.0.0.1:4000 API_TOKEN=<令牌> npx tsx docs/client/example.ts
import { pathToFileURL } from 'node:url'
import { ApiError, createClient, paginate, type ClientOptions } from './client'
import {
  AuditLogsDocument,
  DomainsDocument,
  OverdueBadgeInstallationsDocument,
  RegionStatisticsSummaryDocument,
  ReviewQueuesDocument,
  UnitsDocument,
  ViewerDocument,
  type DomainStatus,
} from './generated/graphql'

const DOMAIN_STATUS: Record<DomainStatus, string> = {
  PENDING_OFFICE_REVIEW: '待审核',
  OFFICE_REJECTED: '编办审核未通过',
  OFFICE_APPROVED: '编办审核通过',
  CONAC_REJECTED: 'CONAC审核未通过',
  CONAC_APPROVED: 'CONAC审核通过',
  FEE_COLLECTED: '待缴费',
  REGISTERED: '注册成功',
  EXPIRED: '已过期',
  CANCELLED: '已撤销',
  GRACE: '宽限期',
  REDEMPTION: '赎回期',
  DELETED: '已删除',
  RELEASED: '已删除（名称已释放）',
}

/** Units listed one per line; the count line always gives the total. */
const MAX_UNITS_LISTED = 50

/** Fen (integer) as yuan with two decimals, e.g. 30000 → ¥300.00. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`
}

/** Instants as Beijing time, e.g. 2026-03-02 09:30. */
const beijing = (iso: string | null | undefined) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—'

export interface ExampleOptions extends ClientOptions {
  log?: (line: string) => void
}

export async function main({ url, token, fetch, log = console.log }: ExampleOptions): Promise<void> {
  const client = createClient({ url, token, fetch })

  const { me } = await client.request(ViewerDocument)
  const office = me?.office
  if (!office) throw new Error('令牌不属于任何编办')
  log(`令牌所属编办：${office.name}（${office.region.fullName}）`)

  // This calendar year, Beijing time: [1 January 00:00 +08:00, now).
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString()
  // 区域统计, all time (the money figures of this calendar year below).
  const { regionStatistics: stats } = await client.request(RegionStatisticsSummaryDocument, {})
  const byStatus = Object.fromEntries(stats.domains.byStatus.map((row) => [row.key, row.count]))
  log('')
  log(`== 辖区统计：${stats.region.name} ==`)
  log(`注册单位：${stats.units.total} 个`)
  log(
    `域名：共 ${stats.domains.total} 个，审核中 ${(byStatus.PENDING_OFFICE_REVIEW ?? 0) + (byStatus.OFFICE_APPROVED ?? 0)} 个，` +
      `注册成功 ${byStatus.REGISTERED ?? 0} 个；30 天内到期 ${stats.domains.expiringWithin30Days} 个`,
  )
  const { regionStatistics: thisYear } = await client.request(RegionStatisticsSummaryDocument, { from })
  log(`${year} 年收费：${yuan(thisYear.fees.collectedFen)}，扣费：${yuan(thisYear.fees.chargedFen)}`)
  log(
    `发票：库存 ${stats.invoices.stock} 张，开具 ${stats.invoices.issued} 张，净额 ${yuan(stats.invoices.issuedAmountFen)}`,
  )
  log(`超时未审：域名 ${stats.reviews.overdueDomainApplications} 个，网站 ${stats.reviews.overdueSiteApplications} 个`)
  for (const child of stats.children)
    log(
      `  ${child.region.name}：单位 ${child.units.total}，域名 ${child.domains.total}，收费 ${yuan(child.fees.collectedFen)}`,
    )

  const queues = await client.request(ReviewQueuesDocument, { withBadgeChanges: office.level !== 'CENTRAL' })
  const summary = queues.domainReviewQueueSummary
  log('')
  log('== 待审核（本级） ==')
  log(
    `域名审核：${summary.pending} 个（超过三天 ${summary.overThreeDays} 个，最早 ${beijing(summary.oldestSubmittedAt)}）`,
  )
  log(`网站开办审核：${queues.siteApplicationReviewQueue.totalCount} 个`)
  if (queues.badgeChangeReviewQueue) log(`标识变更审核：${queues.badgeChangeReviewQueue.totalCount} 个`)

  log('')
  log('== 辖区单位 ==')
  let listed = 0
  for await (const unit of paginate(client, UnitsDocument, {}, (data) => data.units)) {
    if (listed === MAX_UNITS_LISTED) {
      log(`……（共 ${stats.units.total} 个）`)
      break
    }
    log(`- ${unit.name}（${unit.region.fullName}，${unit.creditCode}）`)
    listed += 1
  }

  const recent = await client.request(DomainsDocument, { first: 5 })
  log('')
  log('== 最近的域名 ==')
  for (const { node } of recent.domains.edges) {
    log(`- ${node.fullName}  ${DOMAIN_STATUS[node.status]}  ${node.unit.name}  提交于 ${beijing(node.submittedAt)}`)
  }

  const overdue = await client.request(OverdueBadgeInstallationsDocument, { first: 5 })
  log('')
  log(`== 逾期未安装标识：${overdue.overdueBadgeInstallations.totalCount} 个 ==`)
  for (const { node } of overdue.overdueBadgeInstallations.edges) {
    log(`- ${node.badgeNumber}  ${node.siteName}  ${node.unit.name}  安装期限 ${beijing(node.installDeadline)}`)
  }

  const audit = await client.request(AuditLogsDocument, { first: 5 })
  log('')
  log('== 最近的操作日志 ==')
  for (const { node } of audit.auditLogs.edges) {
    const who = node.actor
      ? node.actor.displayName + (node.actorTokenName ? `（令牌 ${node.actorTokenName}）` : '')
      : '系统'
    log(
      `- ${beijing(node.at)}  ${node.action}  ${node.subjectType}${node.subjectId ? ` #${node.subjectId}` : ''}  ${who}`,
    )
  }

  const rateLimit = client.rateLimit()
  if (rateLimit?.remaining != null)
    log(`\n本时段剩余额度：${rateLimit.remaining}${rateLimit.limit != null ? ` / ${rateLimit.limit}` : ''}`)
}

// Run directly (not when imported by the tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.API_URL ?? 'http://127.0.0.1:4000'
  const token = process.env.API_TOKEN
  if (!token) {
    console.error('请设置 API_TOKEN（在门户的「API 令牌」页面创建）')
    process.exit(2)
  }
  main({ url, token }).catch((error: unknown) => {
    if (error instanceof ApiError) {
      console.error(`请求失败（HTTP ${error.status}，${error.codes.join(', ')}）：${error.message}`)
      if (error.rateLimit.retryAfterSeconds != null) console.error(`请 ${error.rateLimit.retryAfterSeconds} 秒后再试`)
    } else {
      console.error(error)
    }
    process.exit(1)
  })
}
