// The zone in RFC 1035 master-file text, read from the same view PowerDNS answers from (pdns.records), so the
// export is exactly what is published (less the empty non-terminals, rows of type NULL that only tell PowerDNS a
// name exists); without PowerDNS (DNS_SERVER=none) it is how the zone is handed on.
// tests/api/dns-zone-export.test.ts checks it with BIND's named-checkzone.
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import type { DomainSuffix } from '../../../generated/prisma/enums.ts'

interface ViewRow {
  name: string
  type: string
  content: string
  ttl: number
  prio: number
}

/** Record types whose content names a host: written with the root dot so nothing is read relative to $ORIGIN. */
const HOST_CONTENT = new Set(['CNAME', 'MX', 'NS'])

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`
}

function contentOf(row: ViewRow): string {
  if (row.type === 'SOA') {
    const [primary, mailbox, ...numbers] = row.content.split(' ')
    return [absolute(primary!), absolute(mailbox!), ...numbers].join(' ')
  }
  if (row.type === 'MX') return `${row.prio} ${absolute(row.content)}`
  if (HOST_CONTENT.has(row.type)) return absolute(row.content)
  if (row.type === 'TXT') return escapeNonAscii(row.content)
  return row.content
}

/** TXT as RFC 1035 text: UTF-8 bytes outside printable ASCII as \DDD, so the file itself is plain ASCII. */
function escapeNonAscii(quoted: string): string {
  let out = ''
  for (const byte of Buffer.from(quoted, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, '0')}`
  }
  return out
}

export async function renderZoneFile(prisma: PrismaClient, suffix: DomainSuffix): Promise<string> {
  const zone = await prisma.dnsZone.findUniqueOrThrow({ where: { suffix } })
  const rows = await prisma.$queryRaw<ViewRow[]>`
    SELECT r."name", r."type", r."content", r."ttl", r."prio"
      FROM "pdns"."records" r
     WHERE r."domain_id" = ${zone.pdnsId} AND r."type" IS NOT NULL
     ORDER BY (r."type" = 'SOA') DESC, (r."type" = 'NS') DESC, r."name", r."type", r."content"`
  const lines = [`; zone ${zone.name}, SOA serial ${zone.serial}`, '$ORIGIN .']
  for (const row of rows) lines.push(`${absolute(row.name)}\t${row.ttl}\tIN\t${row.type}\t${contentOf(row)}`)
  return `${lines.join('\n')}\n`
}
