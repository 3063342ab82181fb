// 域名的各种写法: a domain's names as DNS carries them (A-labels) and its reserved 简繁 variants, with the unit's
// choice whether each variant resolves.
import { builder } from '../../builder.ts'
import { DomainNameKind } from '../../generated/prisma/enums.ts'
import { SUFFIX_A_LABEL, tryALabel } from '../../lib/idna.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { setDomainNameResolves } from './commands/set-domain-name-resolves.ts'

const DomainNameKindEnum = builder.enumType(DomainNameKind, {
  name: 'DomainNameKind',
  description: 'PRIMARY 申请的域名本身, VARIANT 简繁变体 (reserved for the same unit)',
})

builder.prismaObject('DomainName', {
  description: 'One name a domain holds: its own name or a 简繁 variant of it, in both label forms.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: DomainNameKindEnum }),
    uLabel: t.exposeString('uLabel', { description: 'The label in Unicode, e.g. 清豐縣政府門戶' }),
    aLabel: t.exposeString('aLabel', { description: 'The label as DNS carries it, e.g. xn--iiq68knskrsd2we76ql61e' }),
    fullName: t.string({
      description: 'The whole name in Unicode, e.g. 清豐縣政府門戶.政务',
      select: { uLabel: true, suffix: true },
      resolve: (name) => `${name.uLabel}${SUFFIX_TEXT[name.suffix]}`,
    }),
    aLabelName: t.string({
      description: 'The whole name as DNS carries it, e.g. xn--iiq68knskrsd2we76ql61e.xn--zfr164b',
      select: { aLabel: true, suffix: true },
      resolve: (name) => `${name.aLabel}.${SUFFIX_A_LABEL[name.suffix]}`,
    }),
    resolves: t.exposeBoolean('resolves', {
      description:
        'Answers in DNS like the domain when it is registered: always for PRIMARY, the unit’s choice for a VARIANT',
    }),
    live: t.exposeBoolean('live', {
      description: 'False once the domain is rejected or cancelled: the name is free again',
    }),
  }),
})

builder.prismaObjectFields('Domain', (t) => ({
  aLabelName: t.string({
    nullable: true,
    description:
      'The whole domain as DNS carries it (A-labels), e.g. xn--iiqymo2k4sny6hktk5md.xn--zfr164b; null only for a name ' +
      'from before the IDNA rules that DNS cannot carry',
    select: { name: true, suffix: true },
    resolve: (domain) => {
      const aLabel = tryALabel(domain.name)
      return aLabel === null ? null : `${aLabel}.${SUFFIX_A_LABEL[domain.suffix]}`
    },
  }),
  names: t.relation('names', {
    description: 'The names the domain holds: its own (PRIMARY) first, then its reserved 简繁 variants',
    query: { orderBy: [{ kind: 'asc' }, { id: 'asc' }] },
  }),
}))

builder.mutationFields((t) => ({
  setDomainNameResolves: t.prismaField({
    type: 'DomainName',
    description:
      '变体解析: whether a reserved 简繁 variant answers in DNS like the domain (the domain’s own unit only).',
    args: { id: t.arg.id({ required: true }), resolves: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await setDomainNameResolves.execute(ctx, args)
      return ctx.prisma.domainName.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
}))
