// 两代一统: a province office coordinates its own province; CONAC any province it names.
import type { Context } from '../../../context.ts'
import { defineQuery } from '../../../commands/define.ts'
import { badInput, forbidden } from '../../../errors.ts'
import { isConac } from '../../../lib/scope.ts'
import { officeScopeOf } from '../../../viewer.ts'
import { coordinationOf } from '../coordination.ts'

const REFUSAL = '两代一统仅限省级编办和 CONAC'

export interface ProvinceCoordinationArgs {
  regionCode?: string | null
  from?: Date | null
  to?: Date | null
  hideEmpty?: boolean | null
}

export const provinceCoordination = defineQuery({
  name: 'provinceCoordination',
  policy: {
    who: ['province', 'conac'],
    tokens: true,
    rule: 'a province office its own province only (another is FORBIDDEN); CONAC any province (regionCode required)',
    refusal: REFUSAL,
  },
  scope: 'the offices of the coordinated province',

  async run(ctx, args: ProvinceCoordinationArgs) {
    return coordinationOf(ctx.prisma, await coordinatedProvince(ctx, args.regionCode), args)
  },
})

/** The province a viewer may coordinate: a province office its own; CONAC any (regionCode required). */
async function coordinatedProvince(ctx: Context, regionCode: string | null | undefined) {
  const { viewer, prisma } = ctx
  const code = regionCode?.trim() || null
  if (isConac(viewer)) {
    if (!code) throw badInput('请选择省份', { regionCode: '必填' })
    const region = await prisma.region.findUnique({ where: { code } })
    if (!region || region.level !== 'PROVINCE') throw badInput('请选择省级区域', { regionCode: '应为省级区域代码' })
    return region
  }
  const office = officeScopeOf(viewer)
  if (!office || office.officeLevel !== 'PROVINCE') throw forbidden(REFUSAL)
  const region = await prisma.region.findUniqueOrThrow({ where: { path: office.regionPath } })
  if (code && code !== region.code) throw forbidden('只能查看本省的两代一统情况')
  return region
}
