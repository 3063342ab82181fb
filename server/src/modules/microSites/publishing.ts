// 发布 (DRAFT → PUBLISHED) and 取消发布 (PUBLISHED → DRAFT), if `version` is still current: the one guarded move
// both commands make (commands/publish-micro-site.ts, unpublish-micro-site.ts).
import { transition } from '../../commands/transition.ts'
import type { Context } from '../../context.ts'
import { appError, badInput } from '../../errors.ts'
import type { MicroSiteStatus } from '../../generated/prisma/enums.ts'
import { staleMicroSite } from './rules.ts'
import { editableUnit, requireSaved } from './targets.ts'

const MOVES = {
  PUBLISHED: { from: 'DRAFT', action: 'microSite.publish', already: '网络红页已经发布' },
  DRAFT: { from: 'PUBLISHED', action: 'microSite.unpublish', already: '网络红页尚未发布' },
} as const satisfies Record<MicroSiteStatus, { from: MicroSiteStatus; action: string; already: string }>

/** Moves the viewer's unit's micro-site to `to`; returns its id. */
export async function moveMicroSite(ctx: Context, expectedVersion: number, to: MicroSiteStatus) {
  const { regionPath, site: saved } = await editableUnit(ctx)
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0)
    throw badInput('版本号无效', { version: '版本号无效，请刷新后重试' })
  const site = requireSaved(saved)
  const { from, action, already } = MOVES[to]
  // Asked on the current version, but the page is already there: say so rather than "modified, reload".
  if (site.version === expectedVersion && site.status !== from) throw appError('CONFLICT', already)
  const publishedAt = to === 'PUBLISHED' ? new Date() : null
  await ctx.prisma.$transaction((tx) =>
    transition(tx, ctx, 'microSite', {
      entity: site,
      from,
      to,
      expectedVersion,
      set: { publishedAt },
      audit: { action, regionPath, before: { publishedAt: site.publishedAt }, after: { publishedAt } },
      stale: staleMicroSite,
    }),
  )
  return site.id
}
