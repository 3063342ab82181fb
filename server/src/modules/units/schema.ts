// Registering units (注册单位).
import { builder } from '../../builder.ts'
import { notFound } from '../../errors.ts'
import { SystemCategory, UnitStatus, UnitType } from '../../generated/prisma/enums.ts'
import { literalLike } from '../../lib/likeText.ts'
import { unitScope } from '../../lib/scope.ts'

export const UnitTypeEnum = builder.enumType(UnitType, {
  name: 'UnitType',
  description:
    '单位类型: PARTY_GOVERNMENT 党政机关, MASS_ORGANIZATION 群团机关, PUBLIC_INSTITUTION 事业单位, SOCIAL_ORGANIZATION 社会组织',
})
export const SystemCategoryEnum = builder.enumType(SystemCategory, { name: 'SystemCategory', description: '系统类别' })
export const UnitStatusEnum = builder.enumType(UnitStatus, { name: 'UnitStatus' })

builder.prismaObject('Unit', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    type: t.expose('type', { type: UnitTypeEnum }),
    systemCategory: t.expose('systemCategory', { type: SystemCategoryEnum }),
    creditCode: t.exposeString('creditCode', { description: '统一社会信用代码' }),
    region: t.relation('region'),
    superiorUnitName: t.exposeString('superiorUnitName', { nullable: true }),
    functions: t.exposeString('functions', { nullable: true }),
    address: t.exposeString('address'),
    postcode: t.exposeString('postcode'),
    landline: t.exposeString('landline', { nullable: true }),
    handlerName: t.exposeString('handlerName'),
    handlerMobile: t.exposeString('handlerMobile'),
    handlerEmail: t.exposeString('handlerEmail'),
    status: t.expose('status', { type: UnitStatusEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.queryFields((t) => ({
  units: t.prismaConnection({
    type: 'Unit',
    cursor: 'id',
    description: 'Units the viewer may see (an office: its region subtree; CONAC: all; a unit: itself), newest first.',
    args: {
      search: t.arg.string({ required: false, description: 'Part of the unit name or the full credit code' }),
      regionCode: t.arg.string({ required: false, description: 'Only units in this region and below' }),
    },
    totalCount: (_parent, { search, regionCode }, ctx) =>
      ctx.prisma.unit.count({ where: unitFilter(ctx.viewer, search, regionCode) }),
    resolve: (query, _root, { search, regionCode }, ctx) =>
      ctx.prisma.unit.findMany({
        ...query,
        where: unitFilter(ctx.viewer, search, regionCode),
        orderBy: { id: 'desc' },
      }),
  }),
  unit: t.prismaField({
    type: 'Unit',
    description: 'One unit the viewer may see.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const unitId = Number(id)
      const unit = Number.isSafeInteger(unitId)
        ? await ctx.prisma.unit.findFirst({ ...query, where: { AND: [{ id: unitId }, unitScope(ctx.viewer)] } })
        : null
      if (!unit) throw notFound('单位')
      return unit
    },
  }),
}))

function unitFilter(viewer: Parameters<typeof unitScope>[0], search?: string | null, regionCode?: string | null) {
  const term = search?.trim()
  return {
    AND: [
      unitScope(viewer),
      term ? { OR: [{ name: { contains: literalLike(term) } }, { creditCode: term.toUpperCase() }] } : {},
      regionCode ? { region: { path: { contains: `/${literalLike(regionCode)}/` } } } : {},
    ],
  }
}
