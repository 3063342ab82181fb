// DNS_SERVER from the configuration: which server the API starts (main.ts) and compares the zones with (yoga.ts).
import { config } from '../../../config.ts'
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import type { DnsServerAddress } from './probe.ts'
import { startPowerDns, type RunningPowerDns } from './powerdns.ts'
import { applyZoneApexSettings } from './zones.ts'

export function configuredDnsServerAddress(): DnsServerAddress | null {
  return config.dns.kind === 'none' ? null : { address: config.dns.address, port: config.dns.port }
}

/**
 * With DNS_SERVER=powerdns or external: writes the configured apex (NS, SOA) into the zones; with powerdns also
 * starts PowerDNS (external: it runs as its own service).
 */
export async function startConfiguredDnsServer(prisma: PrismaClient): Promise<RunningPowerDns | null> {
  if (config.dns.kind === 'none') return null
  const changed = await applyZoneApexSettings(prisma, config.dns)
  if (changed.length) console.log(`[dns] zone apex (NS, SOA) updated from the configuration: ${changed.join(', ')}`)
  if (config.dns.kind === 'external') return null
  if (!config.databaseUrl) {
    throw new Error(
      'DNS_SERVER=powerdns needs DATABASE_URL: PowerDNS reads the registry from PostgreSQL and cannot open the embedded PGlite database',
    )
  }
  const server = await startPowerDns({ ...config.dns, databaseUrl: config.databaseUrl })
  console.log(`[dns] PowerDNS answers .政务 (xn--zfr164b) and .公益 (xn--55qw42g) on ${server.address}:${server.port}`)
  return server
}
