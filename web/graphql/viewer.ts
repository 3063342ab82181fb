// Who is looking, for server components: the viewer of the current request (read once per request and shared
// by the layout and the page), and the redirects every session-bound page applies.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { graphql } from './generated'
import type { UserRole, ViewerQuery as ViewerQueryResult } from './generated/graphql'
import { serverQuery, type ApiError } from './server'

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      username
      displayName
      role
      officeRoles
      unitRole
      office {
        id
        name
        level
      }
      unit {
        id
        name
      }
    }
  }
`)

export type Viewer = NonNullable<ViewerQueryResult['me']>

/** Why the API refused the session cookie; /login?reason=<code> explains it to the person. */
export const SESSION_ERROR_CODES = ['SESSION_EXPIRED', 'SESSION_INVALID', 'ACCOUNT_DISABLED'] as const
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number]

export function isSessionErrorCode(code: unknown): code is SessionErrorCode {
  return typeof code === 'string' && (SESSION_ERROR_CODES as readonly string[]).includes(code)
}

export type ViewerState =
  | { kind: 'user'; user: Viewer }
  /** No session cookie, or nobody logged in. */
  | { kind: 'anonymous' }
  /** A session cookie the API refused, and why. */
  | { kind: 'rejected'; code: SessionErrorCode }

/** The viewer of the current request. Throws when the API is unreachable or answers with another error. */
export const getViewer = cache(async (): Promise<ViewerState> => {
  const { data, errors } = await serverQuery(ViewerQuery)
  const sessionError = errors.find((error) => isSessionErrorCode(error.code))
  if (sessionError) return { kind: 'rejected', code: sessionError.code as SessionErrorCode }
  if (errors.length) throw new Error(`me: ${errors.map((error) => error.code ?? error.message).join(', ')}`)
  return data?.me ? { kind: 'user', user: data.me } : { kind: 'anonymous' }
})

const HOME_PATHS: Record<UserRole, string> = {
  UNIT_USER: '/unit',
  OFFICE_STAFF: '/office',
  CONAC_STAFF: '/conac',
}

/** The home page of a role. */
export function homePathFor(role: UserRole): string {
  return HOME_PATHS[role]
}

/** The login page, saying why the session ended when the API said so. */
export function loginPathFor(state: ViewerState): string {
  return state.kind === 'rejected' ? `/login?reason=${state.code}` : '/login'
}

/** The viewer, who must have this role: anybody else is sent to the login page or to their own home page. */
export async function requireRole(role: UserRole): Promise<Viewer> {
  const state = await getViewer()
  if (state.kind !== 'user') redirect(loginPathFor(state))
  if (state.user.role !== role) redirect(homePathFor(state.user.role))
  return state.user
}

/** Sends the person to the login page when an API answer says the session is gone. */
export function redirectOnSessionErrors(errors: ApiError[]): void {
  const sessionError = errors.find((error) => isSessionErrorCode(error.code))
  if (sessionError) redirect(`/login?reason=${sessionError.code}`)
  if (errors.some((error) => error.code === 'UNAUTHENTICATED')) redirect('/login')
}

/**
 * Loads a page's data as a viewer of the given role: redirects like requireRole first, then runs the page's
 * query; a session that ended in between also leads to the login page, and any other error reaches error.tsx.
 */
export async function loadForRole<TData, TVariables extends Record<string, unknown>>(
  role: UserRole,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
): Promise<TData> {
  await requireRole(role)
  const { data, errors } = await serverQuery(document, variables)
  redirectOnSessionErrors(errors)
  if (errors.length || !data) {
    throw new Error(`page query failed: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`)
  }
  return data
}
