// The viewer of an administration command, narrowed: policies admit only sessions here (tokens: false), so these
// only turn the policy's promise into a type.
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import type { OfficeScope, Viewer } from '../../viewer.ts'

export type SessionViewer = Extract<Viewer, { kind: 'user' }>

/** A signed-in person (staff or unit user). */
export function sessionViewerOf(ctx: Context): SessionViewer {
  if (ctx.viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
  return ctx.viewer
}

/** Signed-in office or CONAC staff. */
export function staffAdministratorOf(ctx: Context): SessionViewer & { office: OfficeScope } {
  const viewer = sessionViewerOf(ctx)
  if (!viewer.office) throw appError('FORBIDDEN', '仅限编办工作人员')
  return viewer as SessionViewer & { office: OfficeScope }
}
