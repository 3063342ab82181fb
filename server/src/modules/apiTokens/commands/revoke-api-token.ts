// 吊销 API 令牌: one of the viewer's office's tokens stops working at once. Revoking twice is harmless (no change,
// no second audit row). A person revokes their own tokens; another person's token of the office needs the office's
// 管理员 (e.g. when that person left and their integration must stop).
import { defineCommand } from '../../../commands/define.ts'
import { notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { forgetHere, notifyOnCommit } from '../../../db/crossProcess.ts'
import { roleRequired } from '../../../permissions/officeRoles.ts'
import { hasOfficeRole } from '../../../viewer.ts'
import { apiTokenPolicy, staffSessionOf } from '../staff.ts'

export const revokeApiToken = defineCommand({
  name: 'revokeApiToken',
  policy: apiTokenPolicy,
  scope: 'the viewer’s own office’s tokens (NOT_FOUND otherwise); another person’s needs 管理员 (ROLE_REQUIRED)',
  effects: ['the token’s revokedAt', 'audit apiToken.revoke'],

  /** The token's id. */
  async run(ctx, input: { id: string | number }): Promise<number> {
    const staff = staffSessionOf(ctx)
    const tokenId = Number(input.id)
    const token = Number.isSafeInteger(tokenId)
      ? await ctx.prisma.apiToken.findFirst({
          where: { id: tokenId, officeId: staff.office.officeId },
          select: { id: true, revokedAt: true, createdById: true },
        })
      : null
    if (!token) throw notFound('API 令牌')
    if (token.createdById !== staff.userId && !hasOfficeRole(ctx.viewer, ['ADMIN'])) throw roleRequired(['ADMIN'])
    if (token.revokedAt) return token.id
    await ctx.prisma.$transaction(async (tx) => {
      const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } })
      await writeAudit(tx, ctx, {
        action: 'apiToken.revoke',
        subjectType: 'ApiToken',
        subjectId: token.id,
        regionPath: staff.office.regionPath,
        before: { revokedAt: null },
        after: { revokedAt: revoked.revokedAt },
      })
      // Every other API process drops its verified tokens (auth/tokenCache.ts) when this commits.
      await notifyOnCommit(tx, ctx.prisma, 'tokens')
    })
    // This process stops accepting it at once.
    forgetHere(ctx.prisma, 'tokens')
    return token.id
  },
})
