// The national dataset's shape as the 数据迁移 templates (issue 20's speed target): 1,000,000 units spread over every
// province, city and county with an office (80 % county, 16 % city, 4 % province level, weighted by population, as
// scripts/national/geography.ts places them), 2,000,000 domains (two per unit), 300,000 badges, their offices,
// office staff, balances and invoice stock: UTF-8 CSV files in the templates' column order, written straight from
// the generator (no database), deterministic for a seed. The import benchmark (bench-migration-import.ts) reads them.
//
//   npm run migration:national -w server -- --out /tmp/national-templates [--scale 1] [--seed 42]
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { csvLine } from '../src/lib/exports/cells.ts'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../src/lib/identifiers.ts'
import { MAX_LABEL_OCTETS, tryALabel } from '../src/lib/idna.ts'
import { isPlaceholderRegion, readRegionRows } from '../src/seed/regions.ts'
import { categoryWord, unitTypeWord } from '../src/modules/migration/export.ts'
import { TEMPLATES, type FileKind } from '../src/modules/migration/templates.ts'
import {
  chineseNumber,
  GIVEN,
  INSTITUTIONS,
  ORGANS,
  SOCIAL_ORGANIZATIONS,
  STREETS,
  SURNAMES,
} from './national/catalogue.ts'
import { buildPlaces } from './national/geography.ts'
import { Rng } from './national/random.ts'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
  },
})
if (!values.out) {
  console.error('usage: npm run migration:national -w server -- --out <folder> [--scale 1] [--seed 42]')
  process.exit(2)
}
const scale = Number(values.scale)
const seed = Number(values.seed)
const UNITS = Math.round(1_000_000 * scale)
const BADGES = Math.round(300_000 * scale)

/** One CSV per kind, written in 64 KB chunks with back-pressure. */
class Sheet {
  private readonly out: WriteStream
  private chunk: string
  rows = 0
  constructor(dir: string, kind: FileKind) {
    this.out = createWriteStream(path.join(dir, `${TEMPLATES[kind].fileName}.csv`))
    this.chunk = `\uFEFF${csvLine(TEMPLATES[kind].columns.map((column) => column.header))}`
  }
  async add(cells: (string | number)[]) {
    this.chunk += csvLine(cells.map(String))
    this.rows += 1
    if (this.chunk.length > 1 << 16) {
      if (!this.out.write(this.chunk)) await once(this.out, 'drain')
      this.chunk = ''
    }
  }
  async close() {
    this.out.end(this.chunk)
    await once(this.out, 'finish')
  }
}

/**
 * A unit's two domain labels: its name (and name + 门户) when it is all Han characters and its A-label fits DNS's 63
 * octets, else the place's
 * prefix and the unit's number (a long name such as 长春市朝阳区第一千二百三十四人民医院 does not fit).
 */
function domainLabels(name: string, prefix: string, code: string, n: number): [string, string] {
  // Only Han characters and digits (a name such as 某某（筹） has characters no domain may hold), within 63 octets.
  const fits = (label: string) =>
    /^[\p{Script=Han}0-9]+$/u.test(label) && (tryALabel(label)?.length ?? 64) <= MAX_LABEL_OCTETS
  if (fits(`${name}门户`)) return [name, `${name}门户`]
  // A prefix such as 嘉峪关市（县级） loses its brackets, and the region code keeps it apart from 嘉峪关市's own.
  const han = prefix.replace(/[^\p{Script=Han}]/gu, '')
  const base = han === prefix ? `${prefix}${n}` : `${han}${code}${n}`
  return [base, `${base}门户`]
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 1)

await mkdir(values.out, { recursive: true })
const regions = readRegionRows().filter((row) => !isPlaceholderRegion(row.name))
// Every real region below the nation has an office (seedRegionsAndOffices); the ids only key the places here.
const officeIdByRegion = new Map(regions.filter((row) => row.level !== 'NATIONAL').map((row, i) => [row.code, i + 1]))
const places = buildPlaces(officeIdByRegion, seed, UNITS)
const started = performance.now()
const sheets = Object.fromEntries(
  (Object.keys(TEMPLATES) as FileKind[]).map((kind) => [kind, new Sheet(values.out!, kind)]),
) as Record<FileKind, Sheet>

for (const place of places) {
  await sheets.offices.add([place.code, `${place.prefix}委编办`, `${place.fullName}人民路1号`, place.postcode, ''])
  await sheets.officeStaff.add([
    `staff${place.code}`,
    `${SURNAMES[place.officeId % SURNAMES.length]}${GIVEN[place.officeId % GIVEN.length]}`,
    place.code,
    `139${String(place.officeId).padStart(8, '0')}`,
    `staff${place.code}@example.cn`,
    '管理员、审核员、财务',
    '正常',
  ])
  await sheets.balances.add([place.code, `${(place.officeId % 500) * 120}.00`, `${(place.officeId % 7) * 300}.00`])
  await sheets.invoiceStock.add([place.code, String(place.officeId % 50)])
}

const rng = new Rng(seed, 91)
const badgeEvery = UNITS / BADGES
let nextBadge = 0
const badgeSequence = new Map<string, number>()
for (const place of places) {
  for (let n = 0; n < place.unitCount; n++) {
    const index = place.firstUnit + n
    rng.at(index)
    const kind =
      n < ORGANS.length ? ORGANS[n]! : rng.chance(0.9) ? rng.pick(INSTITUTIONS) : rng.pick(SOCIAL_ORGANIZATIONS)
    // Unique nationwide: the place's own prefix, the kind, and the unit's number within the place after the organs.
    const name = n < ORGANS.length ? `${place.prefix}${kind.name}` : `${place.prefix}第${chineseNumber(n)}${kind.name}`
    const first17 = `1${kind.type === 'PUBLIC_INSTITUTION' ? '2' : kind.type === 'SOCIAL_ORGANIZATION' ? '3' : '1'}${place.code}${String(index).padStart(9, '0')}`
    const creditCode = first17 + creditCodeCheckCharacter(first17)
    const idFirst17 = `${place.code}19${String(60 + rng.int(40))}0${1 + rng.int(9)}1${rng.int(9)}${String(rng.int(1000)).padStart(3, '0')}`
    const registered = NOW - (365 + rng.int(365 * 8)) * DAY
    await sheets.units.add([
      creditCode,
      name,
      unitTypeWord(kind.type),
      categoryWord(kind.category),
      place.code,
      kind.superior ? `${place.prefix}${kind.superior}` : '',
      kind.functions,
      `${place.fullName}${STREETS[index % STREETS.length]}${1 + (index % 300)}号`,
      place.postcode,
      '',
      `${SURNAMES[rng.int(SURNAMES.length)]}${GIVEN[rng.int(GIVEN.length)]}`,
      `13${String(index).padStart(9, '0')}`,
      `u${index}@example.cn`,
      idFirst17 + idNumberCheckCharacter(idFirst17),
      `u${creditCode.toLowerCase()}`,
      '正常',
      day(registered),
    ])
    const suffix = kind.type === 'PARTY_GOVERNMENT' || kind.type === 'MASS_ORGANIZATION' ? '政务' : '公益'
    for (const [i, label] of domainLabels(name, place.prefix, place.code, n).entries()) {
      const from = registered + i * 30 * DAY
      const years = 1 + rng.int(5)
      const expires = from + years * 365 * DAY + (rng.chance(0.9) ? 365 * DAY * 3 : -200 * DAY)
      await sheets.domains.add([
        `${label}.${suffix}`,
        creditCode,
        expires > NOW ? '注册成功' : '已过期',
        day(from),
        day(Math.max(expires, from + DAY)),
        String(years),
      ])
    }
    if (index >= nextBadge && sheets.badges.rows < BADGES) {
      nextBadge += badgeEvery
      const issued = registered + 60 * DAY
      const year = new Date(issued).getUTCFullYear()
      const key = `${year}${place.code}`
      const sequence = (badgeSequence.get(key) ?? 0) + 1
      badgeSequence.set(key, sequence)
      const microSite = rng.chance(0.3)
      await sheets.badges.add([
        `${key}${String(sequence).padStart(5, '0')}`,
        creditCode,
        `${name}网站`,
        microSite ? '网络红页' : '自建网站',
        `${domainLabels(name, place.prefix, place.code, n)[0]}.${suffix}`,
        microSite ? '' : `www.u${index}.${suffix === '政务' ? 'gov.cn' : 'org.cn'}`,
        microSite ? '' : `203.0.${(index >> 8) & 255}.${index & 255}`,
        day(issued),
        '正常',
        '',
      ])
    }
  }
}
for (const sheet of Object.values(sheets)) await sheet.close()
const seconds = (performance.now() - started) / 1000
for (const [kind, sheet] of Object.entries(sheets)) console.log(`[national templates] ${kind}: ${sheet.rows} rows`)
console.log(`[national templates] written to ${values.out} in ${seconds.toFixed(1)} s`)
