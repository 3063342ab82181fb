// Named permission rules. Each reads only the context (who the viewer is), never arguments or parents, so
// shield's per-request 'contextual' cache cannot be fooled by aliases; which rows a viewer may touch is
// decided by the scope builder in lib/scope.ts inside every query.
import { rule } from 'graphql-shield'
import type { Context } from '../context.ts'
import { appError, forbidden } from '../errors.ts'

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
