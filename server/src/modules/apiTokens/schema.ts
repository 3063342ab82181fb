// API tokens for integrators. The commands and the query are files of their own (commands/, queries/) with their
// policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { ApiTokenAccess } from '../../generated/prisma/enums.ts'
import { createApiToken } from './commands/create-api-token.ts'
import { revokeApiToken } from './commands/revoke-api-token.ts'
import { apiTokens } from './queries/api-tokens.ts'
import { OfficeRoleEnum } from '../users/schema.ts'

const ApiTokenAccessEnum = builder.enumType(ApiTokenAccess, {
  name: 'ApiTokenAccess',
  description: 'READ_ONLY: queries only; READ_WRITE: queries and mutations',
})

builder.prismaObject('ApiToken', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the token, to tell tokens apart.' }),
    access: t.expose('access', { type: ApiTokenAccessEnum }),
    roles: t.expose('roles', {
      type: [OfficeRoleEnum],
      description:
        'The office roles the token acts with (a read-write token); it uses only those its creator still holds.',
    }),
    office: t.relation('office'),
    createdBy: t.relation('createdBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
})

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'What the token is for, 2-64 characters' }),
    access: t.field({ type: ApiTokenAccessEnum, required: true }),
    expiresInDays: t.int({ required: false, description: '1-366 days; empty for no expiry' }),
    roles: t.field({
      type: [OfficeRoleEnum],
      required: false,
      description:
        'The roles of a READ_WRITE token, a subset of the creator’s roles; never ADMIN (FORBIDDEN, reason ROLE_NOT_GRANTABLE). Absent: the creator’s roles minus ADMIN; a READ_ONLY token has none.',
    }),
  }),
})

const CreateApiTokenPayload = builder
  .objectRef<{ secret: string; tokenId: number }>('CreateApiTokenPayload')
  .implement({
    fields: (t) => ({
      token: t.exposeString('secret', { description: 'The token. It is shown this once and cannot be read again.' }),
      apiToken: t.prismaField({
        type: 'ApiToken',
        resolve: (query, payload, _args, ctx) =>
          ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: payload.tokenId } }),
      }),
    }),
  })

builder.queryField('apiTokens', (t) =>
  t.prismaConnection({
    type: 'ApiToken',
    cursor: 'id',
    description: "The API tokens of the viewer's office, newest first.",
    resolve: (query, _root, _args, ctx) => apiTokens.execute(ctx, { query }),
  }),
)

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreateApiTokenPayload,
    description: "Create a token for the viewer's office subtree. Office or CONAC staff, logged in with a password.",
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => createApiToken.execute(ctx, input),
  }),
  revokeApiToken: t.prismaField({
    type: 'ApiToken',
    description:
      "Revoke one of the viewer's office's tokens: one's own, or with the ADMIN role anyone's. Revoking twice is harmless.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const tokenId = await revokeApiToken.execute(ctx, { id })
      return ctx.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: tokenId } })
    },
  }),
}))
