// 区域统计 (issue 8): the figures of a region subtree the viewer may see, for office staff of every level and for
// CONAC. A server component: the region and the time range live in the URL (?region=&from=&to=), the drill-down
// and the breadcrumb are plain links. The charts are drawn by ECharts in the browser (Charts.tsx), each with a
// table of its numbers for screen readers. The 下级地区 table (ChildrenTable.tsx) shows the columns of
// /exports/region-statistics.(csv|xlsx) a group at a time, with the same numbers (money here with thousands
// separators, in the file as plain numbers for spreadsheets).
import Link from 'next/link'
import { Suspense, cache } from 'react'
import { ExportLinks } from '@/components/invoiceReports/ReportFilters'
import {
  DOMAIN_STATUS_LABELS,
  DOMAIN_SUFFIX_LABELS,
  SITE_APPLICATION_STATUS_LABELS,
  SYSTEM_CATEGORY_LABELS,
  UNIT_TYPE_LABELS,
} from '@/components/labels'
import { TableScroll } from '@/components/ui/TableScroll'
import type { RegionStatisticsDashboardQuery, RegionStatisticsFiguresFragment } from '@/graphql/generated/graphql'
import { serverQuery } from '@/graphql/server'
import { redirectOnSessionErrors } from '@/graphql/viewer'
import { BarBreakdown, TrendChart, type BarEntry, type TrendSeries } from './Charts'
import { ChildrenColumnsProvider, ChildrenTable, type ChildrenTableRow } from './ChildrenTable'
import { RangeForm } from './RangeForm'
import { RegionStatisticsDashboardQuery as Query } from './documents'
import { formatYuan, yuanForScale } from './money'
import {
  apiRange,
  daysText,
  exportHref,
  paramsOf,
  rangeProblem,
  statisticsHref,
  trendMonths,
  type SearchParams,
  type StatisticsParams,
} from './range'
import styles from './statistics.module.css'

type Statistics = RegionStatisticsDashboardQuery['regionStatistics']

const REVIEW_LEVEL_LABELS: Record<string, string> = { OFFICE: '编办初审', CONAC: 'CONAC 复审', PAPER: '书面材料确认' }

const RANGE_NOTE =
  '30/90 天内到期、发票库存和逾期申请为当前数，不受时间范围影响；其余数字按所选时间范围统计（未选时间范围为全部时间）。'

function registeredOf(figures: RegionStatisticsFiguresFragment): number {
  return figures.domains.byStatus.find((entry) => entry.key === 'REGISTERED')?.count ?? 0
}

/** The figures after 地区 and 地区代码, in FIGURE_COLUMNS order (childrenColumns.ts), as shown. */
function figureCells(figures: RegionStatisticsFiguresFragment): string[] {
  return [
    figures.units.total,
    figures.domains.total,
    registeredOf(figures),
    figures.domains.expiringWithin30Days,
    figures.domains.expiringWithin90Days,
    figures.siteApplications.total,
    figures.badges.issued,
    figures.badges.installed,
    figures.badges.cancelled,
    formatYuan(figures.fees.collectedFen),
    formatYuan(figures.fees.remittedFen),
    formatYuan(figures.fees.chargedFen),
    figures.invoices.stock,
    figures.invoices.issued,
    figures.reviews.overdueDomainApplications,
    figures.reviews.overdueSiteApplications,
  ].map(String)
}

/** One request per render, shared by the breadcrumb and the body. */
const loadStatistics = cache(async (region: string, from: string, to: string) =>
  serverQuery(Query, { regionCode: region || null, ...apiRange({ region, from, to }) }),
)

async function load(params: StatisticsParams) {
  const result = await loadStatistics(params.region, params.from, params.to)
  redirectOnSessionErrors(result.errors)
  return result
}

export async function RegionStatisticsPage({
  basePath,
  searchParams,
}: {
  basePath: string
  searchParams: Promise<SearchParams>
}) {
  const params = paramsOf(await searchParams)
  const problem = rangeProblem(params)
  const key = statisticsHref(basePath, params)
  return (
    <ChildrenColumnsProvider>
      <div className={styles.page}>
        <section className="panel" aria-labelledby="statistics-title">
          <div className="panel-head">
            <h1 id="statistics-title">区域统计</h1>
            {!problem && (
              <Suspense key={key} fallback={<span className="panel-meta">…</span>}>
                <Breadcrumb basePath={basePath} params={params} />
              </Suspense>
            )}
          </div>
          <RangeForm basePath={basePath} params={params} />
          <p className={styles.note} data-testid="statistics-range-note">
            {RANGE_NOTE}
          </p>
        </section>
        {problem ? (
          <section className="panel">
            <p className="notice notice-error" role="alert" data-testid="statistics-error">
              {problem}
            </p>
          </section>
        ) : (
          <Suspense
            key={key}
            fallback={
              <section className="panel">
                <p className="muted" role="status" data-testid="statistics-loading">
                  加载中…
                </p>
              </section>
            }
          >
            <StatisticsBody basePath={basePath} params={params} />
          </Suspense>
        )}
      </div>
    </ChildrenColumnsProvider>
  )
}

/** 河南省 › 濮阳市 › 清丰县: from the viewer's own region down to the one shown, each a link keeping the range. */
async function Breadcrumb({ basePath, params }: { basePath: string; params: StatisticsParams }) {
  const { data } = await load(params)
  const statistics = data?.regionStatistics
  if (!statistics) return null
  const own = data.me?.office?.region
  const region = statistics.region
  let crumbs =
    region.level === 'NATIONAL'
      ? [{ code: region.code, name: region.name }]
      : region.lineage.map(({ code, name }) => ({ code, name }))
  if (own && !crumbs.some((crumb) => crumb.code === own.code) && region.level !== 'NATIONAL')
    crumbs = [{ code: own.code, name: own.name }, ...crumbs]
  const start = own ? crumbs.findIndex((crumb) => crumb.code === own.code) : -1
  if (start > 0) crumbs = crumbs.slice(start)
  return (
    <nav aria-label="地区层级" className={styles.breadcrumb} data-testid="statistics-breadcrumb">
      {crumbs.map((crumb, index) => (
        <span key={crumb.code}>
          {index > 0 && (
            <span aria-hidden="true" className={styles.separator}>
              {' '}
              ›{' '}
            </span>
          )}
          <Link
            href={statisticsHref(basePath, { ...params, region: crumb.code })}
            aria-current={index === crumbs.length - 1 ? 'page' : undefined}
          >
            {crumb.name}
          </Link>
        </span>
      ))}
    </nav>
  )
}

async function StatisticsBody({ basePath, params }: { basePath: string; params: StatisticsParams }) {
  const { data, errors } = await load(params)
  const statistics = data?.regionStatistics
  if (errors.length || !statistics) {
    return (
      <section className="panel">
        <p className="notice notice-error" role="alert" data-testid="statistics-error">
          {errors[0]?.message ?? '统计数据加载失败，请稍后再试'}
        </p>
      </section>
    )
  }
  return (
    <>
      <Kpis statistics={statistics} />
      <Trends statistics={statistics} params={params} />
      <Breakdowns statistics={statistics} />
      <Turnaround statistics={statistics} />
      <ChildrenPanel statistics={statistics} basePath={basePath} params={params} />
    </>
  )
}

function Kpis({ statistics }: { statistics: Statistics }) {
  const { units, domains, siteApplications, badges, fees, invoices, reviews } = statistics
  const cards: { id: string; label: string; value: string | number; unit?: string; note?: string; now?: boolean }[] = [
    { id: 'units', label: '单位数', value: units.total },
    { id: 'domains', label: '域名申请数', value: domains.total },
    { id: 'registered', label: '已注册域名', value: registeredOf(statistics) },
    { id: 'expiring-30', label: '30天内到期', value: domains.expiringWithin30Days, now: true },
    { id: 'expiring-90', label: '90天内到期', value: domains.expiringWithin90Days, now: true },
    { id: 'sites', label: '网站开办申请', value: siteApplications.total },
    { id: 'badges-issued', label: '标识颁发', value: badges.issued },
    { id: 'badges-installed', label: '标识安装', value: badges.installed },
    { id: 'badges-cancelled', label: '标识注销', value: badges.cancelled },
    { id: 'collected', label: '收费金额', value: formatYuan(fees.collectedFen), unit: '元' },
    { id: 'remitted', label: '上缴金额', value: formatYuan(fees.remittedFen), unit: '元' },
    { id: 'charged', label: '扣费金额', value: formatYuan(fees.chargedFen), unit: '元' },
    { id: 'invoice-stock', label: '发票库存（张）', value: invoices.stock, now: true },
    {
      id: 'invoices-issued',
      label: '开具发票（张）',
      value: invoices.issued,
      note: `金额 ${formatYuan(invoices.issuedAmountFen, { unit: true })}`,
    },
    { id: 'overdue-domains', label: '逾期域名申请', value: reviews.overdueDomainApplications, now: true },
    { id: 'overdue-sites', label: '逾期网站申请', value: reviews.overdueSiteApplications, now: true },
  ]
  return (
    <section className="panel" aria-labelledby="statistics-kpis-title">
      <div className="panel-head">
        <h2 id="statistics-kpis-title">{statistics.region.name} · 概览</h2>
        <span className="panel-meta">标“当前”的为当前数</span>
      </div>
      <dl className={styles.kpis} data-testid="statistics-kpis">
        {cards.map((card) => (
          <div key={card.id} className={styles.kpi}>
            <dt>
              {card.label}
              {card.now && <span className={styles.nowTag}>当前</span>}
            </dt>
            <dd className={styles.kpiValue} data-testid={`kpi-${card.id}`}>
              {card.value}
              {card.unit && <span className={styles.kpiUnit}> {card.unit}</span>}
            </dd>
            {card.note && <dd className={styles.kpiNote}>{card.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  )
}

function countSeries(name: string, months: string[], entries: { month: string; count: number }[]): TrendSeries {
  const byMonth = new Map(entries.map((entry) => [entry.month, entry.count]))
  const values = months.map((month) => byMonth.get(month) ?? 0)
  return { name, values, texts: values.map(String) }
}

function amountSeries(name: string, months: string[], entries: { month: string; amountFen: unknown }[]): TrendSeries {
  const byMonth = new Map(entries.map((entry) => [entry.month, entry.amountFen]))
  return {
    name,
    values: months.map((month) => yuanForScale(byMonth.get(month) ?? 0)),
    texts: months.map((month) => formatYuan(byMonth.get(month) ?? 0)),
  }
}

function Trends({ statistics, params }: { statistics: Statistics; params: StatisticsParams }) {
  const { domains, fees } = statistics
  const domainMonths = trendMonths({
    ...params,
    dataMonths: [...domains.registrationsByMonth, ...domains.renewalsByMonth].map((entry) => entry.month),
  })
  const feeMonths = trendMonths({
    ...params,
    dataMonths: [...fees.collectedByMonth, ...fees.remittedByMonth, ...fees.chargedByMonth].map((entry) => entry.month),
  })
  return (
    <section className="panel" aria-labelledby="statistics-trends-title">
      <div className="panel-head">
        <h2 id="statistics-trends-title">趋势</h2>
        <span className="panel-meta">按月统计（北京时间）</span>
      </div>
      <div className={styles.charts}>
        <TrendChart
          id="chart-domain-trend"
          title="域名注册/续费（每月）"
          unit="个"
          kind="line"
          months={domainMonths}
          series={[
            countSeries('注册', domainMonths, domains.registrationsByMonth),
            countSeries('续费', domainMonths, domains.renewalsByMonth),
          ]}
        />
        <TrendChart
          id="chart-fee-trend"
          title="收费/上缴/扣费（每月）"
          unit="元"
          kind="bar"
          months={feeMonths}
          series={[
            amountSeries('收费', feeMonths, fees.collectedByMonth),
            amountSeries('上缴', feeMonths, fees.remittedByMonth),
            amountSeries('扣费', feeMonths, fees.chargedByMonth),
          ]}
        />
      </div>
    </section>
  )
}

function entriesOf(counts: { key: string; count: number }[], labels: Record<string, string>): BarEntry[] {
  return counts.map(({ key, count }) => ({ key, count, label: labels[key] ?? key }))
}

function Breakdowns({ statistics }: { statistics: Statistics }) {
  const { units, domains, siteApplications } = statistics
  return (
    <section className="panel" aria-labelledby="statistics-breakdowns-title">
      <div className="panel-head">
        <h2 id="statistics-breakdowns-title">分布</h2>
      </div>
      <div className={styles.charts}>
        <BarBreakdown
          id="chart-domain-status"
          title="域名按状态"
          entries={entriesOf(domains.byStatus, DOMAIN_STATUS_LABELS)}
        />
        <BarBreakdown
          id="chart-domain-suffix"
          title="域名按后缀"
          entries={entriesOf(domains.bySuffix, DOMAIN_SUFFIX_LABELS)}
        />
        <BarBreakdown id="chart-unit-type" title="单位按类型" entries={entriesOf(units.byType, UNIT_TYPE_LABELS)} />
        <BarBreakdown
          id="chart-unit-category"
          title="单位按系统类别"
          entries={entriesOf(units.bySystemCategory, SYSTEM_CATEGORY_LABELS)}
        />
        <BarBreakdown
          id="chart-site-status"
          title="网站开办申请按状态"
          entries={entriesOf(siteApplications.byStatus, SITE_APPLICATION_STATUS_LABELS)}
        />
      </div>
    </section>
  )
}

function Turnaround({ statistics }: { statistics: Statistics }) {
  const { turnaround } = statistics.reviews
  return (
    <section className="panel" aria-labelledby="statistics-turnaround-title">
      <div className="panel-head">
        <h2 id="statistics-turnaround-title">审核时效</h2>
        <span className="panel-meta">按所选时间范围内作出的审核决定统计</span>
      </div>
      <TableScroll label="审核时效">
        <table className="table" data-testid="statistics-turnaround">
          <thead>
            <tr>
              <th scope="col">审核环节</th>
              <th scope="col" className={styles.number}>
                审核决定数
              </th>
              <th scope="col" className={styles.number}>
                中位数（工作日）
              </th>
              <th scope="col" className={styles.number}>
                90% 分位（工作日）
              </th>
            </tr>
          </thead>
          <tbody>
            {turnaround.map((row) => (
              <tr key={row.level}>
                <th scope="row">{REVIEW_LEVEL_LABELS[row.level] ?? row.level}</th>
                <td className={styles.number}>{row.decisions}</td>
                <td className={styles.number}>{daysText(row.medianWorkingDays)}</td>
                <td className={styles.number}>{daysText(row.p90WorkingDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {turnaround.every((row) => row.decisions === 0) && <p className="empty">{'该时间范围内暂无数据'}</p>}
    </section>
  )
}

function ChildrenPanel({
  statistics,
  basePath,
  params,
}: {
  statistics: Statistics
  basePath: string
  params: StatisticsParams
}) {
  const { region, children } = statistics
  const lowest = region.level === 'COUNTY'
  const rows: ChildrenTableRow[] = children.map((child) => ({
    code: child.region.code,
    name: child.region.name,
    href: statisticsHref(basePath, { ...params, region: child.region.code }),
    cells: figureCells(child),
  }))
  return (
    <section className="panel" aria-labelledby="statistics-children-title">
      <div className="panel-head">
        <h2 id="statistics-children-title">下级地区</h2>
        <ExportLinks
          hrefs={{ csv: exportHref('csv', region.code, params), xlsx: exportHref('xlsx', region.code, params) }}
        />
      </div>
      {children.length === 0 && (
        <p className={`muted ${styles.childrenNote}`} data-testid="statistics-no-children">
          {lowest ? '已是最末级地区，下表仅列本地区合计。' : '暂无下级地区，下表仅列本地区合计。'}
        </p>
      )}
      <ChildrenTable
        caption={`${region.name}的下级地区统计，金额单位：元`}
        rows={rows}
        total={{ code: region.code, name: '合计', cells: figureCells(statistics) }}
      />
      <p className={styles.note}>合计含本级直属单位，可能大于下级之和。导出文件含全部列。{RANGE_NOTE}</p>
    </section>
  )
}
