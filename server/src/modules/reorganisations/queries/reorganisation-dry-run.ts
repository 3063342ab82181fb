// 试运行 (dry run): every problem of a plan and the table of every object of its source units with where it goes
// (as listed, or not yet listed), and which office would review it. Writes nothing; the portal's wizard calls it
// while the plan is being built (an empty assignment list gives the object table to fill in).
import { defineQuery } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { localOfficeOf, unitScope } from '../../../lib/scope.ts'
import {
  objectsOf,
  validatePlan,
  type PlanProblem,
  type ReorganisationPlan,
  type ReorganisedObjectType,
} from '../plan.ts'
import { reviewOfficeFor } from '../targets.ts'
import { REORGANISATION_STAFF } from '../commands/propose-reorganisation.ts'

export interface DryRunObject {
  objectType: ReorganisedObjectType
  objectId: number
  label: string
  unitId: number
  unitName: string
  /** As the plan lists it; null when the plan leaves it out. */
  action: 'MOVE' | 'CANCEL' | null
  targetRef: string | null
  /** Rows of the plan that name it (more than one: listed twice). */
  listedTimes: number
}

export interface DryRunResult {
  problems: PlanProblem[]
  objects: DryRunObject[]
  reviewOffice: { id: number; name: string; crossArea: boolean } | null
}

export const reorganisationDryRun = defineQuery({
  name: 'reorganisationDryRun',
  policy: {
    who: LOCAL_OFFICES,
    tokens: false,
    roles: ['REVIEWER'],
    rule: '本辖区: the objects of source units in the viewer’s subtree only; other units are problems (OUTSIDE_AREA), never listed',
    refusal: REORGANISATION_STAFF,
  },
  scope: 'unitScope',

  async run(ctx, plan: ReorganisationPlan): Promise<DryRunResult> {
    const office = localOfficeOf(ctx.viewer)!
    const problems = await validatePlan(ctx.prisma, ctx.viewer, plan)
    // Only units the viewer may see are opened up: a source outside the area is a problem, not a listing.
    const visible = await ctx.prisma.unit.findMany({
      where: {
        AND: [{ id: { in: (plan.sourceUnitIds ?? []).filter((id) => Number.isInteger(id)) } }, unitScope(ctx.viewer)],
      },
      select: { id: true, name: true },
    })
    const unitName = new Map(visible.map((u) => [u.id, u.name]))
    const objects = await objectsOf(ctx.prisma, [...unitName.keys()])
    const rows = objects.map((o): DryRunObject => {
      const listed = (plan.assignments ?? []).filter(
        (a) => a?.objectType === o.objectType && a?.objectId === o.objectId,
      )
      return {
        ...o,
        unitName: unitName.get(o.unitId) ?? '',
        action: listed[0]?.action ?? null,
        targetRef: listed[0]?.targetRef ?? null,
        listedTimes: listed.length,
      }
    })
    const reviewOffice = problems.length ? null : await reviewOfficeFor(ctx.prisma, office, plan)
    return { problems, objects: rows, reviewOffice }
  },
})
