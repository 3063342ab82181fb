// Administrative regions and the staffing offices that sit on them.
import { builder } from '../../builder.ts'
import { notFound } from '../../errors.ts'
import { OfficeLevel, RegionLevel } from '../../generated/prisma/enums.ts'
import { regionNames } from '../../lib/regionNames.ts'
import { isPlaceholderRegion } from '../../seed/regions.ts'

export const RegionLevelEnum = builder.enumType(RegionLevel, {
  name: 'RegionLevel',
  description: '行政区划级别: NATIONAL 全国, PROVINCE 省级, CITY 地级, COUNTY 县级',
})

export const OfficeLevelEnum = builder.enumType(OfficeLevel, {
  name: 'OfficeLevel',
  description: '编办级别: CENTRAL 中央编办 (CONAC), PROVINCE 省, CITY 市, COUNTY 县',
})

/** Codes on a materialised path, from the country down: /100000/410000/410900/ -> [100000, 410000, 410900]. */
export function codesOnPath(path: string): string[] {
  return path.split('/').filter(Boolean)
}

export const RegionRef = builder.prismaObject('Region', {
  fields: (t) => ({
    code: t.exposeString('code', { description: 'GB/T 2260 six-digit code' }),
    name: t.exposeString('name'),
    level: t.expose('level', { type: RegionLevelEnum }),
    parent: t.relation('parent', { nullable: true }),
    office: t.relation('office', { nullable: true, description: 'The staffing office of this region, if it has one.' }),
    children: t.relatedConnection('children', {
      cursor: 'code',
      query: { orderBy: { code: 'asc' } },
      description: 'The divisions directly below this one.',
    }),
    lineage: t.prismaField({
      type: ['Region'],
      description: 'The regions from the province down to this one (the country is left out).',
      select: { path: true },
      resolve: async (query, region, _args, ctx) => {
        const codes = codesOnPath(region.path).slice(1)
        const rows = await ctx.prisma.region.findMany({ ...query, where: { code: { in: codes } } })
        return codes.map((code) => rows.find((row) => row.code === code)!).filter(Boolean)
      },
    }),
    fullName: t.string({
      description: 'The region path for display, e.g. 河南省 / 濮阳市 / 清丰县 (groupings such as 市辖区 left out).',
      select: { path: true, name: true },
      resolve: async (region, _args, ctx) => {
        const codes = codesOnPath(region.path).slice(1)
        // One query for all the rows of a list (or none, when the list's query brought the names along).
        const known = await regionNames(ctx, codes)
        const names = codes
          .map((code) => known.get(code))
          .filter((name): name is string => !!name && !isPlaceholderRegion(name))
        return names.length ? names.join(' / ') : region.name
      },
    }),
  }),
})

builder.prismaObject('Office', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    level: t.expose('level', { type: OfficeLevelEnum }),
    region: t.relation('region'),
    address: t.exposeString('address', { nullable: true }),
    postcode: t.exposeString('postcode', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
})

builder.queryFields((t) => ({
  region: t.prismaField({
    type: 'Region',
    description: 'One administrative region by its GB/T 2260 code.',
    args: { code: t.arg.string({ required: true }) },
    resolve: async (query, _root, { code }, ctx) => {
      if (!/^[0-9]{6}$/.test(code)) throw notFound('行政区划')
      const region = await ctx.prisma.region.findUnique({ ...query, where: { code } })
      if (!region) throw notFound('行政区划')
      return region
    },
  }),
  regions: t.prismaConnection({
    type: 'Region',
    cursor: 'code',
    description: 'Regions directly under parentCode (default: the provinces), in code order.',
    args: { parentCode: t.arg.string({ required: false }) },
    resolve: (query, _root, { parentCode }, ctx) =>
      ctx.prisma.region.findMany({ ...query, where: { parentCode: parentCode ?? '100000' }, orderBy: { code: 'asc' } }),
  }),
}))
