// 域名解析: the DnsRecord type, Domain.dnsRecords and its history Domain.dnsChanges, and the mutations of a unit's
// DNS records. Reading goes through domain(id) / domains, which are already scoped; each change is a command of its
// own (commands/, policy at the top), the history rows are written by history.ts. This file only translates.
import { builder } from '../../builder.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { DnsChangeCause, DnsRecordAction, DnsRecordType, UrlForwardRedirect } from '../../generated/prisma/enums.ts'
import '../domains/schema.ts'
import { addDnsRecord } from './commands/add-dns-record.ts'
import { deleteDnsRecord } from './commands/delete-dns-record.ts'
import { updateDnsRecord } from './commands/update-dns-record.ts'

export const DnsRecordTypeEnum = builder.enumType(DnsRecordType, {
  name: 'DnsRecordType',
  description: '记录类型: A (IPv4), AAAA (IPv6), CNAME (别名), MX (邮件), TXT (文本), URL_FORWARD (URL转发)',
})

export const UrlForwardRedirectEnum = builder.enumType(UrlForwardRedirect, {
  name: 'UrlForwardRedirect',
  description: 'URL转发的跳转方式: PERMANENT 301 永久重定向, TEMPORARY 302 临时重定向',
})

const FORWARD_REDIRECT_DESCRIPTION =
  'URL_FORWARD only (null for other types): the forwarding server answers 301 (PERMANENT) or 302 (TEMPORARY)'
const FORWARD_KEEP_PATH_DESCRIPTION =
  'URL_FORWARD only (null for other types): true appends the request’s path and query to the target URL (http://名称/a?b=1 → target/a?b=1); false always sends the target as written'

builder.prismaObject('DnsRecord', {
  description: '域名解析 One DNS record of a registered domain. A URL forward is two records sharing forwardGroup.',
  fields: (t) => ({
    id: t.exposeID('id'),
    host: t.exposeString('host', { description: '主机记录, e.g. @, www or *' }),
    type: t.expose('type', { type: DnsRecordTypeEnum }),
    value: t.exposeString('value', { description: '记录值 (目标地址)' }),
    ttl: t.exposeInt('ttl', { description: 'TTL in seconds, 60-86400' }),
    priority: t.exposeInt('priority', { nullable: true, description: 'MX 优先级, 0-65535; null for other types' }),
    forwardGroup: t.exposeString('forwardGroup', {
      nullable: true,
      description:
        'Shared by the two records of one URL forward (the URL_FORWARD record and its A record); deleting one deletes both.',
    }),
    forwardRedirect: t.expose('forwardRedirect', {
      type: UrlForwardRedirectEnum,
      nullable: true,
      description: FORWARD_REDIRECT_DESCRIPTION,
    }),
    forwardKeepPath: t.exposeBoolean('forwardKeepPath', { nullable: true, description: FORWARD_KEEP_PATH_DESCRIPTION }),
    domain: t.relation('domain'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.prismaObjectField('Domain', 'dnsRecords', (t) =>
  t.relation('dnsRecords', {
    description: '域名解析: the domain’s DNS records, by host and type.',
    query: { orderBy: [{ host: 'asc' }, { type: 'asc' }, { id: 'asc' }] },
  }),
)

export const DnsRecordActionEnum = builder.enumType(DnsRecordAction, {
  name: 'DnsRecordAction',
  description: 'ADDED 添加, UPDATED 修改, DELETED 删除',
})

export const DnsChangeCauseEnum = builder.enumType(DnsChangeCause, {
  name: 'DnsChangeCause',
  description:
    'Why a record changed: UNIT the unit’s own 添加/修改/删除解析; BADGE_ISSUED the badge was issued and the Chinese domain forwards to its site; BADGE_CHANGED an approved 变更 re-pointed it; BADGE_CANCELLED an approved 注销 removed the Chinese domain’s URL forwards; FORWARD_SERVER_MOVED the forwarding server’s address changed and the A record of a URL forward followed it',
})

interface DnsRecordStateShape {
  host: string
  type: DnsRecordType
  value: string
  ttl: number
  priority: number | null
  forwardGroup: string | null
  forwardRedirect: UrlForwardRedirect | null
  forwardKeepPath: boolean | null
}

/** A record as the history row kept it (dns/history.ts recordSnapshot). */
function stateOf(json: Prisma.JsonValue | null): DnsRecordStateShape | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null
  const { host, type, value, ttl, priority, forwardGroup, forwardRedirect, forwardKeepPath } = json as Record<
    string,
    unknown
  >
  return {
    host: String(host),
    type: type as DnsRecordType,
    value: String(value),
    ttl: Number(ttl),
    priority: typeof priority === 'number' ? priority : null,
    forwardGroup: typeof forwardGroup === 'string' ? forwardGroup : null,
    // Rows from before the options existed hold neither.
    forwardRedirect: forwardRedirect === 'PERMANENT' || forwardRedirect === 'TEMPORARY' ? forwardRedirect : null,
    forwardKeepPath: typeof forwardKeepPath === 'boolean' ? forwardKeepPath : null,
  }
}

const DnsRecordState = builder.objectRef<DnsRecordStateShape>('DnsRecordState').implement({
  description: 'A DNS record as it was before or after a change.',
  fields: (t) => ({
    host: t.exposeString('host', { description: '主机记录' }),
    type: t.expose('type', { type: DnsRecordTypeEnum }),
    value: t.exposeString('value', { description: '记录值 (目标地址)' }),
    ttl: t.exposeInt('ttl'),
    priority: t.exposeInt('priority', { nullable: true }),
    forwardGroup: t.exposeString('forwardGroup', {
      nullable: true,
      description: 'Shared by the two records of one URL forward',
    }),
    forwardRedirect: t.expose('forwardRedirect', {
      type: UrlForwardRedirectEnum,
      nullable: true,
      description: FORWARD_REDIRECT_DESCRIPTION,
    }),
    forwardKeepPath: t.exposeBoolean('forwardKeepPath', { nullable: true, description: FORWARD_KEEP_PATH_DESCRIPTION }),
  }),
})

builder.prismaObject('DnsRecordChange', {
  description: '解析变更记录 One change of a domain’s DNS records: what the record was and became, who acted and why.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    action: t.expose('action', { type: DnsRecordActionEnum }),
    recordId: t.exposeID('recordId', { description: 'The record changed (it may no longer exist).' }),
    before: t.field({
      type: DnsRecordState,
      nullable: true,
      description: 'UPDATED and DELETED: the record before',
      resolve: (change) => stateOf(change.before),
    }),
    after: t.field({
      type: DnsRecordState,
      nullable: true,
      description: 'ADDED and UPDATED: the record after',
      resolve: (change) => stateOf(change.after),
    }),
    cause: t.expose('cause', { type: DnsChangeCauseEnum }),
    badgeNumber: t.string({
      nullable: true,
      description: 'The badge whose issue, 变更 or 注销 made the change (null for the unit’s own changes).',
      select: { badge: { select: { badgeNumber: true } } },
      resolve: (change) => change.badge?.badgeNumber ?? null,
    }),
    actorName: t.string({
      nullable: true,
      description: 'Who acted: the unit’s user, or the reviewer whose approval made the change.',
      select: { actor: { select: { displayName: true } } },
      resolve: (change) => change.actor?.displayName ?? null,
    }),
  }),
})

builder.prismaObjectField('Domain', 'dnsChanges', (t) =>
  t.relatedConnection('dnsRecordChanges', {
    cursor: 'id',
    totalCount: true,
    query: { orderBy: { id: 'desc' } },
    description: '解析变更记录: every change of the domain’s DNS records, newest first.',
  }),
)

const AddDnsRecordInput = builder.inputType('AddDnsRecordInput', {
  fields: (t) => ({
    domainId: t.id({ required: true }),
    host: t.string({ required: true, description: '主机记录: @, * or labels such as www' }),
    type: t.field({ type: DnsRecordTypeEnum, required: true }),
    value: t.string({
      required: true,
      description: '记录值: IPv4, IPv6, host name, text, or an http(s) URL for URL_FORWARD',
    }),
    ttl: t.int({ required: false, description: '60-86400 seconds, default 600' }),
    priority: t.int({ required: false, description: 'MX only: 0-65535' }),
    forwardRedirect: t.field({
      type: UrlForwardRedirectEnum,
      required: false,
      description: 'URL_FORWARD only: 301 (PERMANENT) or 302 (TEMPORARY, the default)',
    }),
    forwardKeepPath: t.boolean({
      required: false,
      description: 'URL_FORWARD only: keep the request’s path and query (default false)',
    }),
  }),
})

const UpdateDnsRecordInput = builder.inputType('UpdateDnsRecordInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    host: t.string({ required: false }),
    value: t.string({ required: false }),
    ttl: t.int({ required: false }),
    priority: t.int({ required: false, description: 'MX only' }),
    forwardRedirect: t.field({ type: UrlForwardRedirectEnum, required: false, description: 'URL_FORWARD only' }),
    forwardKeepPath: t.boolean({ required: false, description: 'URL_FORWARD only' }),
  }),
})

builder.mutationFields((t) => ({
  addDnsRecord: t.prismaField({
    type: ['DnsRecord'],
    description:
      '添加解析 on a registered domain of the viewer’s unit (unit users only). Returns the records created: one, or two for a URL_FORWARD (the forward and its A record).',
    args: { input: t.arg({ type: AddDnsRecordInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const ids = await addDnsRecord.execute(ctx, input)
      return ctx.prisma.dnsRecord.findMany({ ...query, where: { id: { in: ids } }, orderBy: { id: 'asc' } })
    },
  }),
  updateDnsRecord: t.prismaField({
    type: 'DnsRecord',
    description:
      '修改解析: host, value, TTL, MX priority or a URL forward’s redirect and path options of one record (unit users only; the type stays).',
    args: { input: t.arg({ type: UpdateDnsRecordInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await updateDnsRecord.execute(ctx, input)
      return ctx.prisma.dnsRecord.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  deleteDnsRecord: t.field({
    type: ['ID'],
    description: '删除解析 (unit users only). Returns the ids deleted: both records of a URL forward.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => deleteDnsRecord.execute(ctx, { id }),
  }),
}))
