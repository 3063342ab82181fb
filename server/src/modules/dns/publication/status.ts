// 发布状态: whether the records the database holds for a zone are what the authoritative server answers. The
// database is the source; PowerDNS reads it, so a change is never lost, only late: PENDING while PowerDNS's
// caches let the change through (seconds), DELAYED when the server does not answer or stays behind.
import type { DomainSuffix } from '../../../generated/prisma/enums.ts'
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import { queryZoneSerial, type DnsServerAddress } from './probe.ts'

export type PublicationState = 'NOT_CONFIGURED' | 'PUBLISHED' | 'PENDING' | 'DELAYED'

export interface ZonePublication {
  state: PublicationState
  zone: string
  /** The SOA serial in the database (what the zone is). */
  serial: number
  /** The SOA serial the server answers (null: not configured, or no answer). */
  servedSerial: number | null
}

/** How long a served serial may lag the database before the portal calls the publication delayed. */
export const PENDING_GRACE_MS = 30_000

/** RFC 1982: whether serial `a` is at least `b` in 32-bit serial arithmetic. */
export function serialAtLeast(a: number, b: number): boolean {
  const difference = (a - b + 2 ** 32) % 2 ** 32
  return difference < 2 ** 31
}

export async function zonePublication(
  prisma: PrismaClient,
  suffix: DomainSuffix,
  server: DnsServerAddress | null,
  now: Date = new Date(),
): Promise<ZonePublication> {
  const zone = await prisma.dnsZone.findUniqueOrThrow({ where: { suffix } })
  const serial = Number(zone.serial)
  if (!server) return { state: 'NOT_CONFIGURED', zone: zone.name, serial, servedSerial: null }
  const servedSerial = await queryZoneSerial(server, zone.name)
  if (servedSerial === null) return { state: 'DELAYED', zone: zone.name, serial, servedSerial }
  if (serialAtLeast(servedSerial, serial)) return { state: 'PUBLISHED', zone: zone.name, serial, servedSerial }
  const late = now.getTime() - zone.updatedAt.getTime() > PENDING_GRACE_MS
  return { state: late ? 'DELAYED' : 'PENDING', zone: zone.name, serial, servedSerial }
}
