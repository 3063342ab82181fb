// What an import's rows may refer to, and the keys already taken: the regions and offices, and what the database
// holds (units by credit code with their region and type, unit names, domains by full name with their unit, login
// names with their owner, badge numbers, site application numbers). validateFile adds every valid row's key, so a
// later file (KIND_ORDER) sees this run's rows as well as the database's.
//
// The national run has 1,000,000 units and 2,000,000 domains, so nothing here is a Prisma object: keys are strings
// in Maps to a small integer (the index of the unit or domain), and what is known of each is in parallel arrays of
// numbers. Everything is loaded by raw SQL in pages of PAGE rows.
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import type { DomainSuffix, RegionLevel, UnitType } from '../../../generated/prisma/enums.ts'
import { isPlaceholderRegion } from '../../../seed/regions.ts'

const PAGE = 50_000

export const UNIT_TYPES: readonly UnitType[] = [
  'PARTY_GOVERNMENT',
  'MASS_ORGANIZATION',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
]
export const SUFFIXES: readonly DomainSuffix[] = ['ZHENGWU', 'GONGYI']

/**
 * Where a key was first seen: 0 the database; otherwise this run's file (its index in `files`, plus one) and row,
 * packed into one small integer (file × 2^22 + row: rows up to 4,194,303 a file).
 */
export type Origin = number
const ROW_BITS = 2 ** 22

export interface RegionInfo {
  name: string
  level: RegionLevel
  /** A statistical grouping (市辖区, 县 …): no government and no office of its own. */
  placeholder: boolean
}

/**
 * A copy of the text that does not keep its source alive. The CSV reader's cells are slices of 1 MiB chunks of the
 * file, and V8 keeps a whole chunk alive while any slice of it lives: a million keys kept as slices would keep the
 * whole file in memory. Concatenating flattens into a fresh string; the slice then refers only to that.
 */
export const ownString = (text: string): string => (' ' + text).slice(1)

/** A table of keys (credit codes, full domain names …) to dense indexes, with where each was first seen. */
export class KeyTable {
  readonly index = new Map<string, number>()
  readonly origin: Origin[] = []
  get size() {
    return this.origin.length
  }
  /** The key's index, adding it when new. */
  add(key: string, origin: Origin): number {
    let at = this.index.get(key)
    if (at === undefined) {
      at = this.origin.length
      this.index.set(ownString(key), at)
      this.origin.push(origin)
    }
    return at
  }
  get(key: string): number | undefined {
    return this.index.get(key)
  }
}

export interface ValidationContext {
  /** File names of this run in the order validateFile first saw them (Origin's file numbers). */
  files: string[]
  regions: Map<string, RegionInfo>
  /** Offices by region code (the database's and this run's 编办 rows). */
  offices: KeyTable
  /** Office names → region code (Office.name is unique). */
  officeNames: Map<string, string>
  /** Units by 统一社会信用代码; unitRegion/unitType by the unit's index. */
  units: KeyTable
  unitRegion: number[]
  unitType: number[]
  /** Unit names → the unit's index (Unit.name is unique nationwide). */
  unitNames: Map<string, number>
  /** Domains by full U-label name (清丰县人民政府.政务); domainUnit: the unit's index, -1 when unknown. */
  domains: KeyTable
  domainUnit: number[]
  /** Login names (lower-case) → owner: a unit's index (≥ 0) or an office, -(region code) - 1. */
  usernames: KeyTable
  usernameOwner: number[]
  badges: KeyTable
  siteApplications: KeyTable
  /** This run's rows only (a re-run updates what the database holds): duplicates within the files. */
  dnsRecords: KeyTable
  /** This run's DNS records per domain and host: count × 2, plus 1 when one of them is a CNAME. */
  dnsHosts: Map<string, number>
  balances: KeyTable
  invoiceStock: KeyTable
}

export const officeOwner = (regionCode: string) => -Number(regionCode) - 1

export function emptyContext(): ValidationContext {
  return {
    files: [],
    regions: new Map(),
    offices: new KeyTable(),
    officeNames: new Map(),
    units: new KeyTable(),
    unitRegion: [],
    unitType: [],
    unitNames: new Map(),
    domains: new KeyTable(),
    domainUnit: [],
    usernames: new KeyTable(),
    usernameOwner: [],
    badges: new KeyTable(),
    siteApplications: new KeyTable(),
    dnsRecords: new KeyTable(),
    dnsHosts: new Map(),
    balances: new KeyTable(),
    invoiceStock: new KeyTable(),
  }
}

export const packOrigin = (fileIndex: number, row: number): Origin => (fileIndex + 1) * ROW_BITS + row
export const originFile = (origin: Origin) => Math.floor(origin / ROW_BITS) - 1
export const originRow = (origin: Origin) => origin % ROW_BITS

/** The number of a file in `context.files`, adding it when new. */
export function fileIndexOf(context: ValidationContext, fileName: string): number {
  const at = context.files.indexOf(fileName)
  if (at >= 0) return at
  context.files.push(fileName)
  return context.files.length - 1
}

export const fullDomainName = (name: string, suffix: DomainSuffix) =>
  `${name}.${suffix === 'ZHENGWU' ? '政务' : '公益'}`

async function paged<T extends { id: number }>(
  prisma: PrismaClient,
  sql: string,
  each: (row: T) => void,
): Promise<void> {
  let after = 0
  for (;;) {
    const rows = await prisma.$queryRawUnsafe<T[]>(sql, after, PAGE)
    for (const row of rows) each(row)
    if (rows.length < PAGE) return
    after = rows[rows.length - 1]!.id
  }
}

export async function loadValidationContext(prisma: PrismaClient): Promise<ValidationContext> {
  const context = emptyContext()
  const regions = await prisma.$queryRawUnsafe<{ code: string; name: string; level: RegionLevel }[]>(
    'SELECT "code", "name", "level"::text AS "level" FROM "regions"',
  )
  for (const region of regions)
    context.regions.set(region.code, {
      name: region.name,
      level: region.level,
      placeholder: isPlaceholderRegion(region.name),
    })
  const offices = await prisma.$queryRawUnsafe<{ id: number; regionCode: string; name: string }[]>(
    'SELECT "id", "regionCode", "name" FROM "offices"',
  )
  const officeRegionById = new Map<number, string>()
  for (const office of offices) {
    context.offices.add(office.regionCode, 0)
    context.officeNames.set(office.name, office.regionCode)
    officeRegionById.set(office.id, office.regionCode)
  }

  const unitIndexById = new Map<number, number>()
  await paged<{ id: number; creditCode: string; regionCode: string; type: UnitType; name: string }>(
    prisma,
    'SELECT "id", "creditCode", "regionCode", "type"::text AS "type", "name" FROM "units" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
    (unit) => {
      const at = context.units.add(unit.creditCode, 0)
      context.unitRegion[at] = Number(unit.regionCode)
      context.unitType[at] = UNIT_TYPES.indexOf(unit.type)
      context.unitNames.set(unit.name, at)
      unitIndexById.set(unit.id, at)
    },
  )
  // A live domain holds its name; a deleted one only when no live one has it (the name was released and taken).
  await paged<{ id: number; name: string; suffix: DomainSuffix; unitId: number; live: boolean }>(
    prisma,
    `SELECT "id", "name", "suffix"::text AS "suffix", "unitId", "status"::text <> 'DELETED' AS "live"
       FROM "domains" WHERE "id" > $1 ORDER BY "id" LIMIT $2`,
    (domain) => {
      const key = fullDomainName(domain.name, domain.suffix)
      const known = context.domains.get(key)
      if (known !== undefined && !domain.live) return
      const at = context.domains.add(key, 0)
      context.domainUnit[at] = unitIndexById.get(domain.unitId) ?? -1
    },
  )
  await paged<{ id: number; username: string; unitId: number | null; officeId: number | null }>(
    prisma,
    'SELECT "id", "username", "unitId", "officeId" FROM "users" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
    (user) => {
      const at = context.usernames.add(user.username.toLowerCase(), 0)
      const officeRegion = user.officeId === null ? undefined : officeRegionById.get(user.officeId)
      context.usernameOwner[at] =
        user.unitId !== null
          ? (unitIndexById.get(user.unitId) ?? Number.MIN_SAFE_INTEGER)
          : officeRegion !== undefined
            ? officeOwner(officeRegion)
            : Number.MIN_SAFE_INTEGER // an account of nobody the import knows: its name is simply taken
    },
  )
  await paged<{ id: number; badgeNumber: string }>(
    prisma,
    'SELECT "id", "badgeNumber" FROM "badges" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
    (badge) => void context.badges.add(badge.badgeNumber, 0),
  )
  await paged<{ id: number; serialNumber: string }>(
    prisma,
    'SELECT "id", "serialNumber" FROM "site_applications" WHERE "id" > $1 ORDER BY "id" LIMIT $2',
    (application) => void context.siteApplications.add(application.serialNumber, 0),
  )
  return context
}
