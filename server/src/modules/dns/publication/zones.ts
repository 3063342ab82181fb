// The zones' apex data (SOA primary and mailbox, NS) comes from the configuration: the API writes it into
// dns_zones at start, raising the serial only when something changed.
import type { PrismaClient } from '../../../generated/prisma/client.ts'

export interface ZoneApexSettings {
  nameServers: string[]
  hostmaster: string
}

/** Returns the zones whose apex changed. */
export async function applyZoneApexSettings(prisma: PrismaClient, settings: ZoneApexSettings): Promise<string[]> {
  const changed: string[] = []
  const zones = await prisma.dnsZone.findMany({ orderBy: { pdnsId: 'asc' } })
  for (const zone of zones) {
    const same =
      zone.primaryNameServer === settings.nameServers[0] &&
      zone.hostmaster === settings.hostmaster &&
      zone.nameServers.join(',') === settings.nameServers.join(',')
    if (same) continue
    await prisma.$executeRaw`
      UPDATE "dns_zones"
         SET "primary_name_server" = ${settings.nameServers[0]}, "hostmaster" = ${settings.hostmaster},
             "name_servers" = ${settings.nameServers}::text[],
             "serial" = CASE WHEN "serial" >= 4294967295 THEN 1 ELSE "serial" + 1 END, "updated_at" = now()
       WHERE "suffix" = ${zone.suffix}::"DomainSuffix"`
    changed.push(zone.name)
  }
  return changed
}
