// Loading one domain's records and their history for a page: a domain outside the viewer's scope (NOT_FOUND) is
// the 404 page, a session that ended goes to the login page, anything else reaches error.tsx.
import { notFound } from 'next/navigation'
import type { DnsDomainRecordsQuery, UserRole } from '@/graphql/generated/graphql'
import { serverQuery } from '@/graphql/server'
import { redirectOnSessionErrors, requireRole } from '@/graphql/viewer'
import { DNS_HISTORY_PAGE_SIZE } from './DnsHistory'
import { DnsDomainRecordsQuery as Query } from './DnsRecordsPage'

/** The history cursor from the address (?history=…); anything else shows the newest page. */
export function historyCursor(raw: string | string[] | undefined): string | null {
  const value = Array.isArray(raw) ? raw[0] : raw
  return value && /^[A-Za-z0-9+/=_:-]{1,100}$/.test(value) ? value : null
}

/** The domain's records and a page of their history; a history cursor the API refuses shows the newest page. */
export async function loadDomainRecords(
  role: UserRole,
  domainId: string,
  historyAfter: string | null = null,
): Promise<{ data: DnsDomainRecordsQuery; historyAfter: string | null }> {
  await requireRole(role)
  if (!/^\d{1,12}$/.test(domainId)) notFound()
  const { data, errors } = await serverQuery(Query, { id: domainId, historyFirst: DNS_HISTORY_PAGE_SIZE, historyAfter })
  redirectOnSessionErrors(errors)
  if (errors.some((error) => error.code === 'NOT_FOUND')) notFound()
  if (historyAfter && errors.some((error) => error.code === 'BAD_USER_INPUT'))
    return loadDomainRecords(role, domainId, null)
  if (errors.length || !data) {
    throw new Error(`page query failed: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`)
  }
  return { data, historyAfter }
}
