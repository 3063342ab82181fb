// 区域统计 (regional statistics, issue 8): figures for a region subtree the viewer may see, each broken down by
// child region and restricted to a time range. Who may see which subtree: queries/region-statistics.ts; the
// figures: figures.ts, read through the per-request loader (loader.ts) from a source (source.ts).
import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql'
import { builder } from '../../builder.ts'
import {
  badgeStatistics,
  domainStatistics,
  feeStatistics,
  invoiceStatistics,
  type KeyCount as KeyCountShape,
  type MonthAmount as MonthAmountShape,
  type MonthCount as MonthCountShape,
  reviewStatistics,
  type ReviewTurnaround as ReviewTurnaroundShape,
  siteApplicationStatistics,
  unitStatistics,
} from './figures.ts'
import { childNodes, type StatisticsNode } from './loader.ts'
import { regionStatistics } from './queries/region-statistics.ts'

type Shape<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>

/**
 * Whether the operation asks for a monthly series (a …ByMonth field) of a child region anywhere below this
 * regionStatistics field. When it does not, the counters answer series summed over the children (SourceQuery).
 */
function asksChildSeries(info: GraphQLResolveInfo): boolean {
  const visit = (set: SelectionSetNode | undefined, belowChildren: boolean, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        if (belowChildren && selection.name.value.endsWith('ByMonth')) return true
        return visit(selection.selectionSet, belowChildren || selection.name.value === 'children', seen)
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet, belowChildren, seen)
      const name = selection.name.value
      const fragment: FragmentDefinitionNode | undefined = info.fragments[name]
      // A fragment spread twice is looked at once per depth (below children or not).
      const key = `${belowChildren}|${name}`
      if (!fragment || seen.has(key)) return false
      seen.add(key)
      return visit(fragment.selectionSet, belowChildren, seen)
    })
  return info.fieldNodes.some((node) => visit(node.selectionSet, false, new Set()))
}

const KeyCount = builder.objectRef<KeyCountShape>('KeyCount').implement({
  description: 'A count for one key (an enum value such as a status, type or suffix).',
  fields: (t) => ({
    key: t.exposeString('key'),
    count: t.exposeInt('count'),
  }),
})

const MonthCount = builder.objectRef<MonthCountShape>('MonthCount').implement({
  description: 'A count of events in one calendar month (Beijing time).',
  fields: (t) => ({
    month: t.exposeString('month', {
      description: 'YYYY-MM in Beijing time (an event at 2026-01-31T17:00Z belongs to 2026-02)',
    }),
    count: t.exposeInt('count'),
  }),
})

const MonthAmount = builder.objectRef<MonthAmountShape>('MonthAmount').implement({
  description: 'Events and their amount in one calendar month (Beijing time).',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM in Beijing time' }),
    count: t.exposeInt('count', { description: 'Number of events (collections, remittances or charged fee items)' }),
    amountFen: t.field({ type: 'Fen', resolve: (row) => row.amountFen }),
  }),
})

const UnitStatistics = builder.objectRef<Shape<typeof unitStatistics>>('UnitStatistics').implement({
  description: '单位统计: units whose region lies in the subtree; with a time range, the units created (登记) in it.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    byType: t.field({
      type: [KeyCount],
      description: '单位类型: every UnitType in declared order, zeros included',
      resolve: (s) => s.byType,
    }),
    bySystemCategory: t.field({
      type: [KeyCount],
      description: '系统类别: every SystemCategory in declared order, zeros included',
      resolve: (s) => s.bySystemCategory,
    }),
  }),
})

const DomainStatistics = builder.objectRef<Shape<typeof domainStatistics>>('DomainStatistics').implement({
  description:
    '域名统计: domains of units in the subtree. total/byStatus/bySuffix count the domains applied for (createdAt) in the range, by their current status (all domains without a range).',
  fields: (t) => ({
    total: t.exposeInt('total'),
    byStatus: t.field({
      type: [KeyCount],
      description: '按状态: every DomainStatus in declared order, zeros included',
      resolve: (s) => s.byStatus,
    }),
    bySuffix: t.field({
      type: [KeyCount],
      description: '按后缀: ZHENGWU (.政务) and GONGYI (.公益)',
      resolve: (s) => s.bySuffix,
    }),
    expiringWithin30Days: t.exposeInt('expiringWithin30Days', {
      description: '30 天内到期: REGISTERED domains with expiresAt in [now, now + 30 days); ignores the time range',
    }),
    expiringWithin90Days: t.exposeInt('expiringWithin90Days', {
      description:
        '90 天内到期: REGISTERED domains with expiresAt in [now, now + 90 days) (includes the 30-day ones); ignores the time range',
    }),
    registrationsByMonth: t.field({
      type: [MonthCount],
      description: '注册 per month of registeredAt in the range; months with none are left out',
      resolve: (s) => s.registrationsByMonth,
    }),
    renewalsByMonth: t.field({
      type: [MonthCount],
      description:
        '续费 per month: renewals that took effect (CHARGED), by the charge time of their fee item (requestedAt without one), in the range',
      resolve: (s) => s.renewalsByMonth,
    }),
  }),
})

const SiteApplicationStatistics = builder
  .objectRef<Shape<typeof siteApplicationStatistics>>('SiteApplicationStatistics')
  .implement({
    description:
      '网站开办申请统计: submitted applications (drafts never count) of units in the subtree; with a range, those submitted in it.',
    fields: (t) => ({
      total: t.exposeInt('total'),
      byStatus: t.field({
        type: [KeyCount],
        description: 'Every SiteApplicationStatus but DRAFT, in declared order, zeros included',
        resolve: (s) => s.byStatus,
      }),
    }),
  })

const BadgeStatistics = builder.objectRef<Shape<typeof badgeStatistics>>('BadgeStatistics').implement({
  description: '标识统计: badges of units in the subtree.',
  fields: (t) => ({
    issued: t.exposeInt('issued', { description: '已发放: badges issued (issuedAt) in the range' }),
    installed: t.exposeInt('installed', {
      description: '已安装: badges first found installed (installedAt) in the range',
    }),
    cancelled: t.exposeInt('cancelled', {
      description: '已注销: CANCELLED badges, cancelled (cancelledAt) in the range',
    }),
  }),
})

const FeeStatistics = builder.objectRef<Shape<typeof feeStatistics>>('FeeStatistics').implement({
  description:
    '收费统计: money of the offices in the subtree (not of the units), in fen, events in the range; months in Beijing time.',
  fields: (t) => ({
    collectedFen: t.field({
      type: 'Fen',
      description: '收费: fee collections (collectedAt) in the range',
      resolve: (s) => s.collectedFen,
    }),
    remittedFen: t.field({
      type: 'Fen',
      description: '汇款: remittances submitted (submittedAt) in the range, confirmed or not',
      resolve: (s) => s.remittedFen,
    }),
    chargedFen: t.field({
      type: 'Fen',
      description: '扣费: fee items charged by the daily charge (chargedAt) in the range',
      resolve: (s) => s.chargedFen,
    }),
    collectedByMonth: t.field({ type: [MonthAmount], resolve: (s) => s.collectedByMonth }),
    remittedByMonth: t.field({ type: [MonthAmount], resolve: (s) => s.remittedByMonth }),
    chargedByMonth: t.field({ type: [MonthAmount], resolve: (s) => s.chargedByMonth }),
  }),
})

const InvoiceStatistics = builder.objectRef<Shape<typeof invoiceStatistics>>('InvoiceStatistics').implement({
  description: '发票统计: invoices of the offices in the subtree.',
  fields: (t) => ({
    stock: t.exposeInt('stock', { description: '发票余额: sheets the offices hold now; ignores the time range' }),
    issued: t.exposeInt('issued', {
      description:
        '开具张数: sheets drawn from the stock in the range (开具 and 红字 rows; a split reassigns sheets, a void spoils sheets already counted), as in 两代一统',
    }),
    issuedAmountFen: t.field({
      type: 'Fen',
      description:
        '开票金额 in the range, net of corrections (红字/作废 negative; a split parent counts through its parts), as in 两代一统',
      resolve: (s) => s.issuedAmountFen,
    }),
  }),
})

const ReviewTurnaround = builder.objectRef<ReviewTurnaroundShape>('ReviewTurnaround').implement({
  description:
    '审核时长 at one review level: decisions (decidedAt) in the range on items of units in the subtree. A decision waited from when the item reached the level — ' +
    'the item’s previous decision, or its (re)submission if later — to the decision, counted in working days (工作日, Beijing calendar with holidays and 调休): ' +
    'the working days after the start day up to and including the decision day (same day 0; Friday to Monday 1).',
  fields: (t) => ({
    level: t.exposeString('level', { description: 'A ReviewLevel: OFFICE 编办初审, CONAC 复审, PAPER 书面材料确认' }),
    decisions: t.exposeInt('decisions'),
    medianWorkingDays: t.float({
      nullable: true,
      description: 'Median, by linear interpolation (percentile_cont); null without decisions',
      resolve: (s) => s.medianWorkingDays,
    }),
    p90WorkingDays: t.float({
      nullable: true,
      description: '90th percentile, by linear interpolation (percentile_cont); null without decisions',
      resolve: (s) => s.p90WorkingDays,
    }),
  }),
})

const ReviewStatistics = builder.objectRef<Shape<typeof reviewStatistics>>('ReviewStatistics').implement({
  description: '审核统计: turnaround per level (in the range) and what is overdue now (ignores the range).',
  fields: (t) => ({
    turnaround: t.field({
      type: [ReviewTurnaround],
      description: 'One entry per ReviewLevel, in declared order',
      resolve: (s) => s.turnaround,
    }),
    overdueDomainApplications: t.exposeInt('overdueDomainApplications', {
      description:
        '超时未审域名申请: waiting now longer than REVIEW_ESCALATION_WORKING_DAYS working days (the escalation job’s test) — at the same-level office since submission, at CONAC since the office’s approval',
    }),
    overdueSiteApplications: t.exposeInt('overdueSiteApplications', {
      description:
        '超时未审网站开办申请: the same, at the office since submission, at CONAC since the office’s approval, and for the paper materials (书面材料) since CONAC’s approval',
    }),
  }),
})

const RegionStatistics = builder.objectRef<StatisticsNode>('RegionStatistics')
RegionStatistics.implement({
  description:
    '区域统计 of a region subtree: what belongs to units whose region lies in it (fees and invoices: to the offices in it). ' +
    'Flow figures are restricted to [from, to) (all time without a range); stock figures (expiring domains, overdue reviews, invoice stock) are as of now.',
  fields: (t) => ({
    region: t.prismaField({
      type: 'Region',
      description: 'The subtree’s root',
      resolve: (query, node, _args, ctx) =>
        ctx.prisma.region.findUniqueOrThrow({ ...query, where: { code: node.region.code } }),
    }),
    from: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Start of the range (inclusive)',
      resolve: (node) => node.range.from,
    }),
    to: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'End of the range (exclusive)',
      resolve: (node) => node.range.to,
    }),
    units: t.field({ type: UnitStatistics, resolve: (node, _args, ctx) => unitStatistics(ctx, node) }),
    domains: t.field({ type: DomainStatistics, resolve: (node, _args, ctx) => domainStatistics(ctx, node) }),
    siteApplications: t.field({
      type: SiteApplicationStatistics,
      resolve: (node, _args, ctx) => siteApplicationStatistics(ctx, node),
    }),
    badges: t.field({ type: BadgeStatistics, resolve: (node, _args, ctx) => badgeStatistics(ctx, node) }),
    fees: t.field({ type: FeeStatistics, resolve: (node, _args, ctx) => feeStatistics(ctx, node) }),
    invoices: t.field({ type: InvoiceStatistics, resolve: (node, _args, ctx) => invoiceStatistics(ctx, node) }),
    reviews: t.field({ type: ReviewStatistics, resolve: (node, _args, ctx) => reviewStatistics(ctx, node) }),
    children: t.field({
      type: [RegionStatistics],
      description:
        '下级区域: the same figures for each region directly below, in code order ([] for a county). Units sitting at this region’s own level count in this region’s figures but in no child’s.',
      resolve: (node, _args, ctx) => childNodes(ctx, node),
    }),
  }),
})

builder.queryField('regionStatistics', (t) =>
  t.field({
    type: RegionStatistics,
    description:
      '区域统计: office staff and API tokens their own region or any region below it (FORBIDDEN otherwise); CONAC any region. ' +
      'Unit users FORBIDDEN. Unknown regionCode: NOT_FOUND. Range [from, to): from before to, at most 10 years (BAD_USER_INPUT).',
    args: {
      regionCode: t.arg.string({
        required: false,
        description:
          'The subtree’s root (6-digit code); default the viewer’s office region (CONAC: 100000, the country)',
      }),
      from: t.arg({ type: 'DateTime', required: false, description: 'Inclusive' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'Exclusive' }),
    },
    resolve: (_root, args, ctx, info) => regionStatistics.execute(ctx, { ...args, childSeries: asksChildSeries(info) }),
  }),
)
