// Loading one domain's records for a page: a domain outside the viewer's scope (NOT_FOUND) is the 404 page,
// a session that ended goes to the login page, anything else reaches error.tsx.
import { notFound } from 'next/navigation'
import type { DnsDomainRecordsQuery, UserRole } from '@/graphql/generated/graphql'
import { serverQuery } from '@/graphql/server'
import { redirectOnSessionErrors, requireRole } from '@/graphql/viewer'
import { DnsDomainRecordsQuery as Query } from './DnsRecordsPage'

export async function loadDomainRecords(role: UserRole, domainId: string): Promise<DnsDomainRecordsQuery> {
  await requireRole(role)
  if (!/^\d{1,12}$/.test(domainId)) notFound()
  const { data, errors } = await serverQuery(Query, { id: domainId })
  redirectOnSessionErrors(errors)
  if (errors.some((error) => error.code === 'NOT_FOUND')) notFound()
  if (errors.length || !data) {
    throw new Error(`page query failed: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`)
  }
  return data
}
