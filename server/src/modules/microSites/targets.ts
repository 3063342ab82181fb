// What a micro-site command acts on, read once: the viewer's own unit (it must be ACTIVE to change anything) with
// its micro-site, and for a news item's commands that item (null for anybody else's, and for a malformed id).
import type { Context } from '../../context.ts'
import { appError, forbidden } from '../../errors.ts'
import { ownUnitId } from './rules.ts'

const INACTIVE = '该单位已停用，不能编辑网络红页'

/** The viewer's unit and its micro-site (null before the first save). */
export async function editableUnit(ctx: Context) {
  const unitId = ownUnitId(ctx)
  const unit = await ctx.prisma.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { status: true, region: { select: { path: true } }, microSite: true },
  })
  if (unit.status !== 'ACTIVE') throw forbidden(INACTIVE)
  return { unitId, regionPath: unit.region.path, site: unit.microSite }
}

/** The micro-site must exist before it is published or gets news. */
export function requireSaved<Site>(site: Site | null): Site {
  if (!site) throw appError('CONFLICT', '请先填写并保存网络红页的基本信息')
  return site
}

/** The viewer's unit with one news item of its micro-site (null when it has no such item). */
export async function editableNewsItem(ctx: Context, rawId: string | number) {
  const unitId = ownUnitId(ctx)
  const id = Number(rawId)
  const unit = await ctx.prisma.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: {
      status: true,
      region: { select: { path: true } },
      microSite: { select: { newsItems: { where: { id: Number.isSafeInteger(id) ? id : -1 }, take: 1 } } },
    },
  })
  if (unit.status !== 'ACTIVE') throw forbidden(INACTIVE)
  return { unitId, regionPath: unit.region.path, item: unit.microSite?.newsItems[0] ?? null }
}
