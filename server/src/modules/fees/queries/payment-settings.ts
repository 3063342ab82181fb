// 缴费方式设置 as read: office staff their own office's (or one below it), a unit user its same-level office's, which is
// where it pays.
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import type { Context } from '../../../context.ts'
import { notFound } from '../../../errors.ts'
import { officeScope } from '../../../lib/scope.ts'
import { actingOffice, parseId } from '../checks.ts'

export const paymentSettings = defineQuery({
  name: 'paymentSettings',
  policy: {
    who: SIGNED_IN,
    tokens: true,
    rule: 'a unit user: its same-level office’s only (another office is NOT_FOUND); staff: their own office’s or one below it; CONAC any',
  },
  scope: 'officeScope (staff) / the unit’s same-level office',

  /** The office whose settings the viewer asks for; the resolver reads them. */
  run: (ctx, input: { officeId?: string | null }): Promise<number> =>
    ctx.viewer.kind === 'user' && ctx.viewer.role === 'UNIT_USER'
      ? sameLevelOfficeOfUnit(ctx, input.officeId)
      : officeInReach(ctx, input.officeId),
})

/** A unit pays at its same-level office, the office of its own region; asking for any other is NOT_FOUND. */
async function sameLevelOfficeOfUnit(ctx: Context, officeId: string | null | undefined): Promise<number> {
  const unitId = ctx.viewer.kind === 'user' ? (ctx.viewer.unitId ?? -1) : -1
  const unit = await ctx.prisma.unit.findUnique({
    where: { id: unitId },
    select: { region: { select: { office: { select: { id: true } } } } },
  })
  const office = unit?.region.office
  if (!office) throw notFound('同级编办')
  // Asking for any other office's settings is answered as if it did not exist, not with the unit's own.
  if (officeId != null && officeId !== String(office.id)) throw notFound('编办')
  return office.id
}

async function officeInReach(ctx: Context, officeId: string | null | undefined): Promise<number> {
  const own = actingOffice(ctx)
  if (officeId == null) return own.officeId
  const office = await ctx.prisma.office.findFirst({
    where: { AND: [{ id: parseId(officeId, '编办') }, officeScope(ctx.viewer)] },
    select: { id: true },
  })
  if (!office) throw notFound('编办')
  return office.id
}
