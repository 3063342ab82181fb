// 提交机构改革申请: an office files a rename, merge, split or abolition of units in its area, with the table of where
// every domain, badge, site application, micro-site and user of the source units goes. The plan is checked whole
// (plan.ts validatePlan, the same check as the dry run): any problem refuses it with BAD_INPUT listing them all, and
// nothing is written. Filing locks the source units, claims their listed domains (one open request per domain:
// a renewal, 注销 or 过户 on one of them answers CONFLICT, and they answer CONFLICT while this one is open) and
// tells the reviewing office (targets.ts reviewOfficeFor: the same office, four eyes, or the office above for a
// cross-area plan).
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { localOfficeOf } from '../../../lib/scope.ts'
import { actingUserId } from '../../../viewer.ts'
import { claimDomains } from '../../domains/openRequests.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import { KIND_TEXT, planRefused, validatePlan, type ReorganisationPlan } from '../plan.ts'
import { reviewOfficeFor } from '../targets.ts'

export const REORGANISATION_STAFF = '机构改革由单位所在地编办的审核员办理'

export const proposeReorganisation = defineCommand({
  name: 'proposeReorganisation',
  policy: {
    who: LOCAL_OFFICES,
    tokens: false,
    roles: ['REVIEWER'],
    rule: '本辖区: an office whose subtree holds every source unit (and every existing target unit); otherwise BAD_INPUT OUTSIDE_AREA, nothing filed',
    refusal: REORGANISATION_STAFF,
  },
  scope: 'unitScope',
  transition: { entity: 'UnitReorganisation', from: [], to: ['PENDING'] },
  effects: ['claims the listed domains (domains/openRequests.ts: version +1, no other open request)'],
  notices: ['reorganisation.awaitingReview'],

  async run(ctx, plan: ReorganisationPlan): Promise<number> {
    const office = localOfficeOf(ctx.viewer)!
    const problems = await validatePlan(ctx.prisma, ctx.viewer, plan)
    if (problems.length) throw planRefused(problems)
    const reviewOffice = await reviewOfficeFor(ctx.prisma, office, plan)
    const domainIds = plan.assignments.filter((a) => a.objectType === 'DOMAIN').map((a) => a.objectId)
    const stored = storedPlan(plan)

    return ctx.prisma.$transaction(async (tx) => {
      // The source units locked in id order: two requests over the same unit settle here, one after the other.
      const sources = [...plan.sourceUnitIds].sort((a, b) => a - b)
      await tx.$queryRaw`SELECT "id" FROM "units" WHERE "id" = ANY(${sources}::int[]) ORDER BY "id" FOR UPDATE`
      const open = await tx.unitReorganisation.count({
        where: { status: 'PENDING', sourceUnitIds: { hasSome: sources } },
      })
      if (open) throw appError('CONFLICT', '原单位已有待审核的机构改革申请', { reason: 'UNIT_REQUEST_OPEN' })
      await claimDomains(tx, domainIds)
      const request = await tx.unitReorganisation.create({
        data: {
          kind: plan.kind,
          plan: stored as unknown as Prisma.InputJsonValue,
          sourceUnitIds: sources,
          initiatingOfficeId: office.officeId,
          reviewOfficeId: reviewOffice.id,
          effectiveDate: new Date(`${plan.effectiveDate}T00:00:00Z`),
          note: plan.note.trim(),
          requestedById: actingUserId(ctx.viewer)!,
        },
      })
      const unitNames = await sourceNames(tx, sources)
      await writeAudit(tx, ctx, {
        action: 'reorganisation.propose',
        subjectType: 'UnitReorganisation',
        subjectId: request.id,
        regionPath: office.regionPath,
        after: {
          status: request.status,
          kind: plan.kind,
          sources,
          reviewOfficeId: reviewOffice.id,
          crossArea: reviewOffice.crossArea,
          assignments: plan.assignments.length,
        },
      })
      const reviewRegion = await tx.office.findUniqueOrThrow({
        where: { id: reviewOffice.id },
        select: { regionCode: true, level: true, name: true },
      })
      const initiating = await tx.office.findUniqueOrThrow({ where: { id: office.officeId }, select: { name: true } })
      await enqueueNotifications(
        tx,
        await staffNotices(
          tx,
          reviewRegion.level === 'CENTRAL' ? 'conac' : { sameLevelOfficeOf: reviewRegion.regionCode },
          'reorganisation.awaitingReview',
          { office: initiating.name, kind: KIND_TEXT[plan.kind], unit: unitNames },
          { key: `reorganisation-proposed:${request.id}`, payload: { reorganisationId: request.id } },
        ),
      )
      return request.id
    })
  },
})

/** The plan as stored: trimmed text, nothing else. */
export function storedPlan(plan: ReorganisationPlan): ReorganisationPlan {
  return {
    kind: plan.kind,
    effectiveDate: plan.effectiveDate,
    sourceUnitIds: plan.sourceUnitIds,
    targets: plan.targets.map((t) =>
      t.existingUnitId != null ? { ref: t.ref, existingUnitId: t.existingUnitId } : { ref: t.ref, newUnit: t.newUnit! },
    ),
    ...(plan.kind === 'RENAME' ? { newName: plan.newName!.trim() } : {}),
    assignments: plan.assignments.map((a) => ({
      objectType: a.objectType,
      objectId: a.objectId,
      action: a.action,
      ...(a.action === 'MOVE' ? { targetRef: a.targetRef } : {}),
    })),
    note: plan.note.trim(),
  }
}

export async function sourceNames(db: Prisma.TransactionClient, ids: readonly number[]): Promise<string> {
  const units = await db.unit.findMany({
    where: { id: { in: [...ids] } },
    select: { name: true },
    orderBy: { id: 'asc' },
  })
  return units.map((u) => u.name).join('、')
}
