// 网络红页: the MicroSite type the unit edits (and offices and CONAC read), the public PublicMicroSite type with only
// what is published, and the mutations. Each command and query is a file of its own (commands/, queries/) with its
// policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import { MicroSiteStatus } from '../../generated/prisma/enums.ts'
import { microSitePath } from '../badges/snippet.ts'
import '../siteApplications/schema.ts'
import { addMicroSiteNewsItem } from './commands/add-micro-site-news-item.ts'
import { deleteMicroSiteNewsItem } from './commands/delete-micro-site-news-item.ts'
import { publishMicroSite } from './commands/publish-micro-site.ts'
import { saveMicroSite } from './commands/save-micro-site.ts'
import { unpublishMicroSite } from './commands/unpublish-micro-site.ts'
import { updateMicroSiteNewsItem } from './commands/update-micro-site-news-item.ts'
import { microSite } from './queries/micro-site.ts'
import { myMicroSite } from './queries/my-micro-site.ts'
import {
  FOOTER_BADGE_ORDER,
  footerBadgeWhere,
  publicMicroSite,
  type PublicMicroSiteShape,
} from './queries/public-micro-site.ts'
import { NEWS_ITEM_LIMITS } from './rules.ts'

export const MicroSiteStatusEnum = builder.enumType(MicroSiteStatus, {
  name: 'MicroSiteStatus',
  description: 'DRAFT 未发布, PUBLISHED 已发布',
})

builder.prismaObject('MicroSiteNewsItem', {
  description: '工作动态 One news item of a 网络红页.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title', { description: 'At most 128 characters' }),
    body: t.exposeString('body', { description: 'Plain text, at most 10000 characters; line breaks are kept' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', description: 'When it was added' }),
  }),
})

builder.prismaObject('MicroSite', {
  description: '网络红页 The micro-site the registry hosts for a unit without its own website.',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    title: t.exposeString('title', { description: '红页标题, at most 128 characters' }),
    introduction: t.exposeString('introduction', { description: '单位简介, at most 2000 characters' }),
    functions: t.exposeString('functions', { nullable: true, description: '主要职能, at most 2000 characters' }),
    contacts: t.exposeString('contacts', { nullable: true, description: '联系方式, at most 500 characters' }),
    status: t.expose('status', { type: MicroSiteStatusEnum }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the current publication began; null while DRAFT',
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every save, publish and unpublish; send it back with the next one.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    publicPath: t.string({
      description: 'The public page on the portal, e.g. /m/12 (shown only while PUBLISHED)',
      select: { unitId: true },
      resolve: (site) => microSitePath(site.unitId),
    }),
    newsItems: t.relatedConnection('newsItems', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }] },
      description: '工作动态, newest first.',
    }),
    footerBadge: t.prismaField({
      type: 'Badge',
      nullable: true,
      description:
        'The badge shown in the public footer: the unit’s ACTIVE badge placed on the 网络红页 (MICRO_SITE), if any.',
      select: { unitId: true },
      resolve: (query, site, _args, ctx) =>
        ctx.prisma.badge.findFirst({
          ...query,
          where: footerBadgeWhere(site.unitId),
          orderBy: [...FOOTER_BADGE_ORDER],
        }),
    }),
  }),
})

const PublicMicroSiteNewsItem = builder
  .objectRef<PublicMicroSiteShape['newsItems'][number]>('PublicMicroSiteNewsItem')
  .implement({
    description: '工作动态 as the public sees it.',
    fields: (t) => ({
      id: t.exposeID('id'),
      title: t.exposeString('title'),
      body: t.exposeString('body'),
      publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    }),
  })

const PublicMicroSiteBadge = builder
  .objectRef<NonNullable<PublicMicroSiteShape['badge']>>('PublicMicroSiteBadge')
  .implement({
    description: 'The 网站标识 in the public footer.',
    fields: (t) => ({
      badgeNumber: t.exposeString('badgeNumber', { description: '网站标识编号' }),
      verificationPath: t.exposeString('verificationPath', {
        description: 'The public verification page, e.g. /verify/<badgeNumber>',
      }),
      imagePath: t.exposeString('imagePath', { description: 'The badge image, e.g. /badge/<badgeNumber>.svg' }),
    }),
  })

const PublicMicroSite = builder.objectRef<PublicMicroSiteShape>('PublicMicroSite').implement({
  description: 'A PUBLISHED 网络红页 as anybody may see it: only the published content, nothing else about the unit.',
  fields: (t) => ({
    unitName: t.exposeString('unitName'),
    title: t.exposeString('title'),
    introduction: t.exposeString('introduction', { description: '单位简介' }),
    functions: t.exposeString('functions', { nullable: true, description: '主要职能' }),
    contacts: t.exposeString('contacts', { nullable: true, description: '联系方式' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    newsItems: t.expose('newsItems', {
      type: [PublicMicroSiteNewsItem],
      description: '工作动态, newest first, at most 50',
    }),
    badge: t.expose('badge', {
      type: PublicMicroSiteBadge,
      nullable: true,
      description: 'Present only while the unit has an ACTIVE badge placed on the micro-site (MICRO_SITE).',
    }),
  }),
})

const SaveMicroSiteInput = builder.inputType('SaveMicroSiteInput', {
  fields: (t) => ({
    version: t.int({ required: false, description: 'The version read; required once the micro-site exists' }),
    title: t.string({ required: true, description: '红页标题, 1-128 characters' }),
    introduction: t.string({ required: true, description: '单位简介, 1-2000 characters', ...multiLineText() }),
    functions: t.string({ required: false, description: '主要职能, at most 2000 characters', ...multiLineText() }),
    contacts: t.string({ required: false, description: '联系方式, at most 500 characters', ...multiLineText() }),
  }),
})

const AddMicroSiteNewsItemInput = builder.inputType('AddMicroSiteNewsItemInput', {
  fields: (t) => ({
    title: t.string({ required: true, description: '1-128 characters' }),
    body: t.string({ required: true, description: '1-10000 characters', ...multiLineText(NEWS_ITEM_LIMITS.body) }),
  }),
})

const UpdateMicroSiteNewsItemInput = builder.inputType('UpdateMicroSiteNewsItemInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    title: t.string({ required: true }),
    body: t.string({ required: true, ...multiLineText(NEWS_ITEM_LIMITS.body) }),
  }),
})

builder.queryFields((t) => ({
  myMicroSite: t.prismaField({
    type: 'MicroSite',
    nullable: true,
    description:
      'The unit user’s own 网络红页; null when the unit has none yet. FORBIDDEN for staff and tokens (they use microSite).',
    resolve: (query, _root, _args, ctx) => myMicroSite.execute(ctx, query),
  }),
  microSite: t.prismaField({
    type: 'MicroSite',
    nullable: true,
    description:
      'The 网络红页 of a unit the viewer may see (null when it has none); NOT_FOUND for a unit outside the viewer’s scope.',
    args: { unitId: t.arg.id({ required: true }) },
    resolve: (query, _root, { unitId }, ctx) => microSite.execute(ctx, { unitId, query }),
  }),
  publicMicroSite: t.field({
    type: PublicMicroSite,
    nullable: true,
    description:
      'Public, no login: a PUBLISHED 网络红页 by unit id; null for a draft, an unpublished or unknown one, or a malformed id.',
    args: { unitId: t.arg.id({ required: true }) },
    resolve: (_root, { unitId }, ctx) => publicMicroSite.execute(ctx, String(unitId)),
  }),
}))

builder.mutationFields((t) => ({
  saveMicroSite: t.prismaField({
    type: 'MicroSite',
    description:
      'Create the unit’s 网络红页 (as DRAFT) or update it (unit users, own ACTIVE unit). Errors: BAD_USER_INPUT (extensions.fields), ' +
      'CONFLICT (version no longer current: reload), FORBIDDEN (staff, or an inactive unit). A PUBLISHED page shows the change at once.',
    args: { input: t.arg({ type: SaveMicroSiteInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await saveMicroSite.execute(ctx, input)
      return ctx.prisma.microSite.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  publishMicroSite: t.prismaField({
    type: 'MicroSite',
    description: '发布: DRAFT → PUBLISHED, if version is current (else CONFLICT). The public page /m/<unitId> appears.',
    args: { version: t.arg.int({ required: true }) },
    resolve: async (query, _root, { version }, ctx) => {
      const id = await publishMicroSite.execute(ctx, { version })
      return ctx.prisma.microSite.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  unpublishMicroSite: t.prismaField({
    type: 'MicroSite',
    description: '取消发布: PUBLISHED → DRAFT, if version is current (else CONFLICT). The public page disappears.',
    args: { version: t.arg.int({ required: true }) },
    resolve: async (query, _root, { version }, ctx) => {
      const id = await unpublishMicroSite.execute(ctx, { version })
      return ctx.prisma.microSite.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  addMicroSiteNewsItem: t.prismaField({
    type: 'MicroSiteNewsItem',
    description: '添加工作动态 to the unit’s own 网络红页 (which must have been saved first).',
    args: { input: t.arg({ type: AddMicroSiteNewsItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await addMicroSiteNewsItem.execute(ctx, input)
      return ctx.prisma.microSiteNewsItem.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  updateMicroSiteNewsItem: t.prismaField({
    type: 'MicroSiteNewsItem',
    description: '修改工作动态 of the unit’s own 网络红页 (NOT_FOUND for any other).',
    args: { input: t.arg({ type: UpdateMicroSiteNewsItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await updateMicroSiteNewsItem.execute(ctx, input)
      return ctx.prisma.microSiteNewsItem.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  deleteMicroSiteNewsItem: t.field({
    type: 'ID',
    description: '删除工作动态 of the unit’s own 网络红页. Returns the id deleted.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx) => deleteMicroSiteNewsItem.execute(ctx, { id }),
  }),
}))
