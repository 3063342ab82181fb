// 创建 API 令牌: for the viewer's office subtree, read-only or read-write, shown once and stored only as its hash.
import { defineCommand } from '../../../commands/define.ts'
import { badInput } from '../../../errors.ts'
import type { ApiTokenAccess } from '../../../generated/prisma/enums.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { newSecret, sha256Hex } from '../../../lib/tokens.ts'
import { apiTokenPolicy, staffSessionOf } from '../staff.ts'

export interface CreateApiTokenInput {
  name: string
  access: ApiTokenAccess
  expiresInDays?: number | null
}

export const createApiToken = defineCommand({
  name: 'createApiToken',
  policy: apiTokenPolicy,
  scope: 'the viewer’s own office',
  effects: ['an ApiToken (its hash)', 'audit apiToken.create'],

  /** The secret (shown this once) and the token's id. */
  async run(ctx, input: CreateApiTokenInput) {
    const staff = staffSessionOf(ctx)
    const name = input.name.trim()
    const fields: Record<string, string> = {}
    if (name.length < 2 || name.length > 64) fields.name = '名称应为 2-64 个字符'
    if (
      input.expiresInDays != null &&
      (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 366)
    ) {
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
  },
})
