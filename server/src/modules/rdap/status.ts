// Which domains RDAP answers for, and with which RFC 8056 status values: ONE table, so the lifecycle states of
// issue 19 are added here and nowhere else. A state mapped to null is not registered (an application that is still
// under review, or was rejected or withdrawn): RDAP answers 404 for it, as for a name nobody holds.
//
// The values are those of the IANA "RDAP JSON Values" registry (RFC 9083 §10.2.2), which RFC 8056 maps the EPP
// statuses onto (the lifecycle after expiry, modules/lifecycle/, follows RFC 3915's grace periods).
import type { DomainStatus } from '../../generated/prisma/enums.ts'

/** RDAP status values used here (RFC 9083 §10.2.2, RFC 8056 §2). */
export type RdapStatus =
  'active' | 'inactive' | 'server hold' | 'pending renew' | 'auto renew period' | 'redemption period' | 'pending delete'

/**
 * The RDAP status of a domain in each state; null: not a registered domain (404). A Record over the enum, so a new
 * DomainStatus does not compile until it is mapped here.
 */
export const RDAP_STATUS: Record<DomainStatus, readonly RdapStatus[] | null> = {
  PENDING_OFFICE_REVIEW: null,
  OFFICE_REJECTED: null,
  OFFICE_APPROVED: null,
  CONAC_REJECTED: null,
  CONAC_APPROVED: null,
  FEE_COLLECTED: null,
  // EPP ok -> active: registered and resolving.
  REGISTERED: ['active'],
  // Past its expiry date: DNS no longer answers (dns_publishable_domains lists REGISTERED only), which is EPP's
  // serverHold; the name is still the unit's and renewable.
  EXPIRED: ['server hold'],
  CANCELLED: null,
  // 宽限期: past expiry, still resolving and renewable by the unit (RFC 3915 autoRenewPeriod).
  GRACE: ['active', 'auto renew period'],
  // 赎回期: no longer resolving, renewable only through the office (RFC 3915 redemptionPeriod).
  REDEMPTION: ['redemption period', 'server hold'],
  // 已删除, the name still held until the hold ends (RFC 3915 pendingDelete).
  DELETED: ['pending delete', 'server hold'],
  // The name is free again: nobody holds it, so RDAP answers 404.
  RELEASED: null,
}

/** The states RDAP answers for (every state the table maps to a status). */
export const RDAP_PUBLISHED_STATES = (Object.keys(RDAP_STATUS) as DomainStatus[]).filter(
  (state) => RDAP_STATUS[state] !== null,
)

/**
 * The status values of a published domain: its state's, plus `pending renew` while a renewal it asked for waits
 * for its fee or charge (EPP pendingRenew). Null for a state RDAP does not publish.
 */
export function rdapStatusOf(state: DomainStatus, hasPendingRenewal: boolean): RdapStatus[] | null {
  const values = RDAP_STATUS[state]
  if (!values) return null
  return hasPendingRenewal ? [...values, 'pending renew'] : [...values]
}
