// Which batches a viewer sees and which office reviews a new one.
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'

/**
 * Batches the viewer may see: CONAC all; an office those it uploaded and those it reviews. Unit users and the
 * public none (the policy refuses them first).
 */
export function batchScope(ctx: Context): Prisma.ReorganisationBatchWhereInput {
  const viewer = ctx.viewer
  if (viewer.kind === 'anonymous' || !viewer.office) return { id: -1 }
  if (viewer.office.officeLevel === 'CENTRAL') return {}
  return { OR: [{ officeId: viewer.office.officeId }, { reviewOfficeId: viewer.office.officeId }] }
}

/** The batch by id within the viewer's scope; NOT_FOUND otherwise (another office's batch looks like none). */
export async function batchInScope(ctx: Context, id: string | number) {
  // The schema's ID validation already refused anything that is not a row id.
  const batchId = Number(id)
  const batch = !Number.isSafeInteger(batchId)
    ? null
    : await ctx.prisma.reorganisationBatch.findFirst({ where: { AND: [{ id: batchId }, batchScope(ctx)] } })
  if (!batch) throw notFound('批量机构改革')
  return batch
}

/**
 * The office that reviews a batch: the office above the uploader's (a province's batch goes to CONAC, as a
 * cross-area single request goes to the office above covering every region); CONAC's own batch another CONAC
 * reviewer (four eyes).
 */
export async function reviewOfficeFor(ctx: Context, officeId: number): Promise<number> {
  const office = await ctx.prisma.office.findUniqueOrThrow({
    where: { id: officeId },
    select: { id: true, level: true, region: { select: { parentCode: true } } },
  })
  if (office.level === 'CENTRAL' || !office.region.parentCode) return office.id
  const above = await ctx.prisma.office.findUnique({
    where: { regionCode: office.region.parentCode },
    select: { id: true },
  })
  if (above) return above.id
  const central = await ctx.prisma.office.findFirst({ where: { level: 'CENTRAL' }, select: { id: true } })
  if (!central) throw new Error('no CONAC office: the seed creates one')
  return central.id
}
