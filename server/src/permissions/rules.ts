// Named permission rules. Each reads only the context (who the viewer is), never arguments or parents, so
// shield's per-request 'contextual' cache cannot be fooled by aliases; which rows a viewer may touch is
// decided by the scope builder in lib/scope.ts inside every query.
import { rule } from 'graphql-shield'
import type { Context } from '../context.ts'
import { appError, forbidden } from '../errors.ts'
import type { OfficeRole } from '../generated/prisma/enums.ts'
import { roleRequired } from './officeRoles.ts'
import { hasOfficeRole } from '../viewer.ts'

function unauthenticated(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous' && viewer.authError) return appError(viewer.authError.code, viewer.authError.message)
  return appError('UNAUTHENTICATED', '请先登录')
}

export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) =>
  ctx.viewer.kind === 'anonymous' ? unauthenticated(ctx) : true,
)

/** Office or CONAC staff: by session, or by an API token (which always belongs to an office). */
export const isOfficeOrConac = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') return unauthenticated(ctx)
  return viewer.office ? true : forbidden('仅限编办或 CONAC 工作人员')
})

/** Office or CONAC staff logged in with a password (not an API token). */
export const isStaffSession = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') return unauthenticated(ctx)
  if (viewer.kind === 'token') return forbidden('此操作需要工作人员登录，不能使用 API 令牌')
  return viewer.office ? true : forbidden('仅限编办或 CONAC 工作人员')
})

/** Any mutation by an integrator needs a read-write token. */
export const canWrite = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => {
  const { viewer } = ctx
  if (viewer.kind === 'token' && viewer.access !== 'READ_WRITE') return forbidden('只读令牌不能修改数据')
  return true
})

// One rule per role set, so shield's contextual cache keys stay few and stable.
const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>()

/**
 * Staff (and tokens) must hold one of the roles; unit users pass (the policy's `who` decides for them). The command
 * checks the same again when it runs (commands/policy.ts authorize).
 */
export function hasOneOfOfficeRoles(roles: readonly OfficeRole[]) {
  const key = [...roles].sort().join('+')
  let made = roleRules.get(key)
  if (!made) {
    made = rule(`hasOneOfOfficeRoles:${key}`, { cache: 'contextual' })((_parent, _args, ctx: Context) => {
      const { viewer } = ctx
      if (viewer.kind === 'anonymous') return unauthenticated(ctx)
      if (!viewer.office || hasOfficeRole(viewer, roles)) return true
      return roleRequired(roles)
    })
    roleRules.set(key, made)
  }
  return made
}
