// Domain.dnsPublication: whether the domain's zone as the database holds it is what the authoritative server
// answers, so the DNS page can say that a saved change is published, on its way, or delayed.
import { builder } from '../../../builder.ts'
import '../../domains/schema.ts'
import { zonePublication, type ZonePublication } from './status.ts'

const DnsPublicationStateEnum = builder.enumType('DnsPublicationState', {
  description:
    'NOT_CONFIGURED no authoritative DNS server runs with this registry (DNS_SERVER=none: records are stored and exported only); PUBLISHED the server answers the zone as saved; PENDING a change is on its way (seconds); DELAYED the server does not answer or stays behind: the change is kept and published when it catches up',
  values: ['NOT_CONFIGURED', 'PUBLISHED', 'PENDING', 'DELAYED'] as const,
})

const DnsPublication = builder.objectRef<ZonePublication>('DnsPublication').implement({
  description: '发布状态 of the zone (.政务 or .公益) a domain is published in.',
  fields: (t) => ({
    state: t.field({ type: DnsPublicationStateEnum, resolve: (publication) => publication.state }),
    zone: t.exposeString('zone', { description: 'The zone as an A-label: xn--zfr164b (.政务) or xn--55qw42g (.公益)' }),
    serial: t.float({
      description: 'SOA serial in the database (unsigned 32-bit): raised by every change',
      resolve: (publication) => publication.serial,
    }),
    servedSerial: t.float({
      nullable: true,
      description: 'SOA serial the authoritative server answers; null when none is configured or it does not answer',
      resolve: (publication) => publication.servedSerial,
    }),
  }),
})

builder.prismaObjectField('Domain', 'dnsPublication', (t) =>
  t.field({
    type: DnsPublication,
    description: '解析发布状态: whether the saved DNS records are what the authoritative DNS server answers now.',
    select: { suffix: true },
    resolve: (domain, _args, ctx) => zonePublication(ctx.prisma, domain.suffix, ctx.dnsServer ?? null),
  }),
)
