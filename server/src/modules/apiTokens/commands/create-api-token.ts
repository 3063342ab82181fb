// 创建 API 令牌: for the viewer's office subtree, read-only or read-write, shown once and stored only as its hash.
// A read-write token acts with office roles (编办内角色) that its creator holds; never 管理员, because account
// administration is for people signed in, not for integrations.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import type { ApiTokenAccess, OfficeRole } from '../../../generated/prisma/enums.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { newSecret, sha256Hex } from '../../../lib/tokens.ts'
import { OFFICE_ROLES, ROLE_TEXT } from '../../../permissions/officeRoles.ts'
import type { Viewer } from '../../../viewer.ts'
import { apiTokenPolicy, staffSessionOf } from '../staff.ts'

export interface CreateApiTokenInput {
  name: string
  access: ApiTokenAccess
  expiresInDays?: number | null
  /** For a READ_WRITE token; absent: the creator's roles minus 管理员. A READ_ONLY token has none. */
  roles?: readonly OfficeRole[] | null
}

/** The roles a token may be given: its creator's, never ADMIN (a token does not administer accounts). */
function grantableRoles(viewer: Viewer): OfficeRole[] {
  if (viewer.kind === 'anonymous') return []
  return OFFICE_ROLES.filter((role) => role !== 'ADMIN' && viewer.officeRoles.includes(role))
}

/** The token's roles, or FORBIDDEN (ROLE_NOT_GRANTABLE) for a role the creator may not hand to a token. */
function tokenRoles(viewer: Viewer, input: CreateApiTokenInput): OfficeRole[] {
  const grantable = grantableRoles(viewer)
  if (input.roles == null) return input.access === 'READ_WRITE' ? grantable : []
  const asked = OFFICE_ROLES.filter((role) => input.roles!.includes(role))
  const refused = asked.filter((role) => !grantable.includes(role))
  if (refused.length) {
    const names = refused.map((role) => `「${ROLE_TEXT[role]}」`).join('、')
    const why = refused.includes('ADMIN') ? 'API 令牌不能具有「管理员」角色' : `您没有${names}角色，不能授予令牌`
    throw appError('FORBIDDEN', why, { reason: 'ROLE_NOT_GRANTABLE', roles: refused })
  }
  if (input.access === 'READ_ONLY' && asked.length)
    throw badInput('只读令牌只能查询，不能指定角色', { roles: '只读令牌不需要角色' })
  return asked
}

export const createApiToken = defineCommand({
  name: 'createApiToken',
  policy: apiTokenPolicy,
  scope: 'the viewer’s own office',
  effects: [
    'an ApiToken (its hash) with roles ⊆ the creator’s minus 管理员 (others: FORBIDDEN, reason ROLE_NOT_GRANTABLE)',
    'audit apiToken.create',
  ],

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
    const roles = tokenRoles(ctx.viewer, input)
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
          roles,
        },
      })
      await writeAudit(tx, ctx, {
        action: 'apiToken.create',
        subjectType: 'ApiToken',
        subjectId: created.id,
        regionPath: staff.office.regionPath,
        after: { name, access: input.access, expiresAt, roles },
      })
      return created
    })
    return { secret, tokenId: token.id }
  },
})
