// 变体解析: the unit chooses whether a reserved 简繁 variant of its domain answers in DNS like the domain itself.
import { writeAudit } from '../../../lib/audit.ts'
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput, forbidden, notFound } from '../../../errors.ts'
import { domainScope, ownUnitOf } from '../../../lib/scope.ts'
import { refuseVariantForwardLoop } from '../../dns/urlForward.ts'

const refusal = '只有注册单位可以设置本单位域名的变体是否解析，编办和 CONAC 只能查看'

export const setDomainNameResolves = defineCommand({
  name: 'setDomainNameResolves',
  policy: {
    who: ['unit'],
    tokens: false,
    rule: '本单位: only the domain’s own unit’s users (domainScope; NOT_FOUND otherwise); a VARIANT of a live domain',
    refusal,
  },
  scope: 'domainScope (a unit user: its own unit’s domains)',
  effects: ['DomainName.resolves of one variant', 'audit domainName.resolves'],

  async run(ctx, input: { id: string | number; resolves: boolean }): Promise<number> {
    if (ownUnitOf(ctx.viewer) == null) throw forbidden(refusal)
    const id = Number(input.id)
    const name = Number.isSafeInteger(id)
      ? await ctx.prisma.domainName.findFirst({
          where: { id, domain: domainScope(ctx.viewer) },
          select: {
            id: true,
            kind: true,
            live: true,
            resolves: true,
            uLabel: true,
            domainId: true,
            domain: { select: { unit: { select: { region: { select: { path: true } } } } } },
          },
        })
      : null
    if (!name) throw notFound('域名变体')
    if (name.kind === 'PRIMARY') throw badInput('域名本身总是解析，只有变体可以设置', { id: '请选择简繁变体' })
    if (!name.live) throw appError('CONFLICT', '该域名已被驳回或注销，变体不再保留')
    if (name.resolves === input.resolves) return name.id
    await ctx.prisma.$transaction(async (tx) => {
      await tx.domainName.update({ where: { id: name.id }, data: { resolves: input.resolves } })
      // The variant now answers with the domain's URL forwards: one aimed at the variant would lead back to itself.
      if (input.resolves) await refuseVariantForwardLoop(tx, name.domainId)
      await writeAudit(tx, ctx, {
        action: 'domainName.resolves',
        subjectType: 'Domain',
        subjectId: name.domainId,
        regionPath: name.domain.unit.region.path,
        before: { variant: name.uLabel, resolves: name.resolves },
        after: { variant: name.uLabel, resolves: input.resolves },
      })
    })
    return name.id
  },
})
