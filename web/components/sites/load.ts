// Loading one site application for a page: an id outside the viewer's scope (NOT_FOUND) is the 404 page, a session
// that ended goes to the login page, anything else reaches error.tsx.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { notFound } from 'next/navigation'
import type { UserRole } from '@/graphql/generated/graphql'
import { serverQuery } from '@/graphql/server'
import { redirectOnSessionErrors, requireRole } from '@/graphql/viewer'

export async function loadSiteApplicationPage<TData>(
  role: UserRole,
  document: TypedDocumentNode<TData, { id: string }>,
  id: string,
): Promise<TData> {
  await requireRole(role)
  if (!/^\d{1,12}$/.test(id)) notFound()
  const { data, errors } = await serverQuery(document, { id })
  redirectOnSessionErrors(errors)
  if (errors.some((error) => error.code === 'NOT_FOUND')) notFound()
  if (errors.length || !data) {
    throw new Error(`page query failed: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`)
  }
  return data
}
