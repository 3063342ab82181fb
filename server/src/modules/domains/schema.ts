// 中文域名: the Domain type and the scoped queries over domains. Applying, reviewing, paying, renewing and DNS
// add their fields and mutations from their own modules.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { badInput, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { DomainStatus, DomainSuffix } from '../../generated/prisma/enums.ts'
import { literalLike } from '../../lib/likeText.ts'
import { domainScope } from '../../lib/scope.ts'
import type { Viewer } from '../../viewer.ts'

export const SUFFIX_TEXT: Record<DomainSuffix, string> = { ZHENGWU: '.政务', GONGYI: '.公益' }

export const DomainSuffixEnum = builder.enumType(DomainSuffix, {
  name: 'DomainSuffix',
  description: 'ZHENGWU .政务 (党政机关、群团机关), GONGYI .公益 (事业单位、社会组织)',
})

export const DomainStatusEnum = builder.enumType(DomainStatus, {
  name: 'DomainStatus',
  description:
    'PENDING_OFFICE_REVIEW 待审核, OFFICE_REJECTED 编办审核未通过, OFFICE_APPROVED 编办审核通过, CONAC_REJECTED CONAC审核未通过, ' +
    'CONAC_APPROVED CONAC审核通过, FEE_COLLECTED 待缴费 (已收费，待扣费), REGISTERED 注册成功, EXPIRED 已过期, CANCELLED 已撤销, ' +
    'GRACE 宽限期 (已到期，仍解析，可续费), REDEMPTION 赎回期 (停止解析，只能由编办续费), DELETED 已删除 (名称保留中), RELEASED 已释放 (名称可重新申请)',
})

builder.prismaObject('Domain', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'The label before the suffix.' }),
    suffix: t.expose('suffix', { type: DomainSuffixEnum }),
    fullName: t.string({
      description: 'The whole domain, e.g. 清丰县人民政府.政务',
      select: { name: true, suffix: true },
      resolve: (domain) => `${domain.name}${SUFFIX_TEXT[domain.suffix]}`,
    }),
    status: t.expose('status', { type: DomainStatusEnum }),
    years: t.exposeInt('years', { description: 'Registration period applied for, 1-10 years.' }),
    unit: t.relation('unit'),
    submittedByOffice: t.relation('submittedByOffice', {
      nullable: true,
      description: 'The office that applied on the unit’s behalf.',
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    registeredAt: t.expose('registeredAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    version: t.exposeInt('version', { description: 'Changes with every transition; send it back to edit or review.' }),
    reviewDecisions: t.relation('reviewDecisions', {
      description: 'Every review decision on this domain, oldest first.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
})

const DomainFilter = builder.inputType('DomainFilter', {
  fields: (t) => ({
    statuses: t.field({ type: [DomainStatusEnum], required: false, description: '审核状态 (any of)' }),
    suffix: t.field({ type: DomainSuffixEnum, required: false }),
    search: t.string({ required: false, description: 'Part of the domain name or of the unit name' }),
    unitId: t.id({ required: false }),
    regionCode: t.string({ required: false, description: 'Units in this region and below' }),
    expiresFrom: t.field({ type: 'DateTime', required: false, description: '到期时间 from (inclusive)' }),
    expiresTo: t.field({ type: 'DateTime', required: false, description: '到期时间 to (exclusive)' }),
  }),
})

export type DomainFilterInput = typeof DomainFilter.$inferInput

/** The where clause of a domain list: the viewer's scope and the filter. */
export function domainWhere(viewer: Viewer, filter?: DomainFilterInput | null): Prisma.DomainWhereInput {
  const and: Prisma.DomainWhereInput[] = [domainScope(viewer)]
  if (!filter) return { AND: and }
  if (filter.statuses?.length) and.push({ status: { in: filter.statuses } })
  if (filter.suffix) and.push({ suffix: filter.suffix })
  const term = filter.search?.trim()
  if (term)
    and.push({ OR: [{ name: { contains: literalLike(term) } }, { unit: { name: { contains: literalLike(term) } } }] })
  if (filter.unitId != null) {
    const unitId = Number(filter.unitId)
    if (!Number.isSafeInteger(unitId)) throw badInput('单位编号无效', { unitId: '单位编号无效' })
    and.push({ unitId })
  }
  if (filter.regionCode) and.push({ unit: { region: { path: { contains: `/${literalLike(filter.regionCode)}/` } } } })
  if (filter.expiresFrom || filter.expiresTo) {
    and.push({
      expiresAt: {
        ...(filter.expiresFrom ? { gte: filter.expiresFrom } : {}),
        ...(filter.expiresTo ? { lt: filter.expiresTo } : {}),
      },
    })
  }
  return { AND: and }
}

/**
 * A domain the viewer may see, or NOT_FOUND (the same answer as for one that does not exist). `query` is Pothos'
 * select/include for the fields asked for, or whatever a service needs.
 */
export async function findDomainInScope(
  ctx: Context,
  id: string | number,
  query: { include?: object; select?: object } = {},
) {
  const domainId = Number(id)
  const domain = Number.isSafeInteger(domainId)
    ? await ctx.prisma.domain.findFirst({
        ...(query as Prisma.DomainFindFirstArgs),
        where: { AND: [{ id: domainId }, domainScope(ctx.viewer)] },
      })
    : null
  if (!domain) throw notFound('域名')
  return domain
}

builder.queryFields((t) => ({
  domains: t.prismaConnection({
    type: 'Domain',
    cursor: 'id',
    description:
      '域名查询: domains the viewer may see, newest first, filtered by status, suffix, name, unit, region and expiry.',
    args: { filter: t.arg({ type: DomainFilter, required: false }) },
    totalCount: (_parent, { filter }, ctx) => ctx.prisma.domain.count({ where: domainWhere(ctx.viewer, filter) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.domain.findMany({ ...query, where: domainWhere(ctx.viewer, filter), orderBy: { id: 'desc' } }),
  }),
  domain: t.prismaField({
    type: 'Domain',
    description: 'One domain the viewer may see.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => findDomainInScope(ctx, id, query),
  }),
}))
