// 区域统计 (regionStatistics, and the /exports/region-statistics download): the figures of a region subtree the
// viewer may see, over a time range. The root node it returns is read field by field through the loader.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES, type Policy } from '../../../commands/policy.ts'
import type { Context } from '../../../context.ts'
import { badInput, forbidden, notFound } from '../../../errors.ts'
import { isConac } from '../../../lib/scope.ts'
import { officeScopeOf } from '../../../viewer.ts'
import { depthOfPath, type StatisticsNode } from '../loader.ts'
import type { Range } from '../source.ts'

const policy: Policy = {
  who: ALL_OFFICES,
  tokens: true,
  rule: 'an office (or its token): its own region or any region below it; CONAC: any region',
  refusal: '区域统计仅限编办和 CONAC 工作人员',
}

export const regionStatistics = defineQuery({
  name: 'regionStatistics',
  policy,
  scope: 'the subtree of the office’s region (Region.path prefix); CONAC: all',
  run: (ctx, input: RegionStatisticsInput) => statisticsRoot(ctx, input),
})

/** The longest range a request may ask for. */
const MAX_RANGE_YEARS = 10

export interface RegionStatisticsInput {
  regionCode?: string | null
  from?: Date | null
  to?: Date | null
  /** Whether the operation asks for a child's monthly series (SourceQuery.childSeries). */
  childSeries?: boolean
}

/**
 * The subtree a viewer asked for: regionCode (default the viewer's office region; CONAC the country). Offices and
 * their API tokens may ask for their own region and anything below it (FORBIDDEN otherwise), CONAC for any.
 */
async function statisticsRoot(ctx: Context, input: RegionStatisticsInput): Promise<StatisticsNode> {
  // The policy admitted only offices and CONAC; this narrows the type.
  const office = officeScopeOf(ctx.viewer)
  if (!office) throw forbidden(policy.refusal)
  const range = checkedRange(input.from ?? null, input.to ?? null)
  const code = input.regionCode?.trim() || null
  let region: { code: string; path: string } | null
  if (code) {
    if (!/^\d{6}$/.test(code)) throw badInput('区域代码应为 6 位数字', { regionCode: '区域代码应为 6 位数字' })
    region = await ctx.prisma.region.findUnique({ where: { code }, select: { code: true, path: true } })
  } else {
    region = await ctx.prisma.region.findUnique({
      where: { path: office.regionPath },
      select: { code: true, path: true },
    })
  }
  if (!region) throw notFound('行政区划')
  if (!isConac(ctx.viewer) && !region.path.startsWith(office.regionPath)) throw forbidden('只能查看本编办辖区内的统计')
  const node = { code: region.code, path: region.path, depth: depthOfPath(region.path) }
  return { region: node, range, source: node, child: null, childSeries: input.childSeries ?? false }
}

/** [from, to): from before to, and at most MAX_RANGE_YEARS long when both ends are given. */
function checkedRange(from: Date | null, to: Date | null): Range {
  if (from && to) {
    if (from.getTime() >= to.getTime()) throw badInput('开始时间应早于结束时间', { to: '应晚于开始时间' })
    const limit = new Date(from)
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_RANGE_YEARS)
    if (to.getTime() > limit.getTime())
      throw badInput(`统计时间范围不能超过 ${MAX_RANGE_YEARS} 年`, { to: `距开始时间不能超过 ${MAX_RANGE_YEARS} 年` })
  }
  return { from, to }
}
