// Integrator API tokens: created by office or CONAC staff for their own office's subtree, shown once, stored hashed.
import type { Context } from '../../context.ts'
import { badInput, forbidden, notFound } from '../../errors.ts'
import type { ApiTokenAccess } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

export interface CreateApiTokenInput {
  name: string
  access: ApiTokenAccess
  expiresInDays?: number | null
}

/** Tokens are made by a logged-in staff member, never by another token. */
function requireStaffSession(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || !viewer.office) throw forbidden('只有编办或 CONAC 工作人员登录后才能管理 API 令牌')
  return { ...viewer, office: viewer.office }
}

export async function createApiToken(ctx: Context, input: CreateApiTokenInput) {
  const staff = requireStaffSession(ctx)
  const name = input.name.trim()
  const fields: Record<string, string> = {}
  if (name.length < 2 || name.length > 64) fields.name = '名称应为 2-64 个字符'
  if (input.expiresInDays != null && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 366)) {
    fields.expiresInDays = '有效期应为 1-366 天'
  }
  if (Object.keys(fields).length) throw badInput('令牌信息有误', fields)
  const secret = newSecret('conac')
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null
  const token = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name,
        access: input.access,
        prefix: secret.slice(0, 12),
        tokenHash: sha256Hex(secret),
        officeId: staff.office.officeId,
        createdById: staff.userId,
        expiresAt,
      },
    })
    await writeAudit(tx, ctx, {
      action: 'apiToken.create',
      subjectType: 'ApiToken',
      subjectId: created.id,
      regionPath: staff.office.regionPath,
      after: { name, access: input.access, expiresAt },
    })
    return created
  })
  return { secret, tokenId: token.id }
}

export async function revokeApiToken(ctx: Context, tokenId: number) {
  const staff = requireStaffSession(ctx)
  const token = Number.isSafeInteger(tokenId)
    ? await ctx.prisma.apiToken.findFirst({ where: { id: tokenId, officeId: staff.office.officeId } })
    : null
  if (!token) throw notFound('API 令牌')
  if (token.revokedAt) return token
  return ctx.prisma.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } })
    await writeAudit(tx, ctx, {
      action: 'apiToken.revoke',
      subjectType: 'ApiToken',
      subjectId: token.id,
      regionPath: staff.office.regionPath,
      before: { revokedAt: null },
      after: { revokedAt: revoked.revokedAt },
    })
    return revoked
  })
}
