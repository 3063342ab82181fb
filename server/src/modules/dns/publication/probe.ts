// Asks the authoritative server for a zone's SOA serial: how the API learns whether what the database holds is
// what the Internet is told (the "publication delayed" status of the DNS page).
import { Resolver } from 'node:dns/promises'

export interface DnsServerAddress {
  address: string
  port: number
}

/** The SOA serial the server answers for `zone` (an A-label), or null when it does not answer within a second. */
export async function queryZoneSerial(server: DnsServerAddress, zone: string): Promise<number | null> {
  const resolver = new Resolver({ timeout: 1_000, tries: 1 })
  resolver.setServers([
    server.address.includes(':') ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`,
  ])
  try {
    return (await resolver.resolveSoa(zone)).serial
  } catch {
    return null
  } finally {
    resolver.cancel()
  }
}
