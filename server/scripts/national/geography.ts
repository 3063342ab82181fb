// The regions units live in (every real province, city and county, i.e. every division with an office), how many
// units each gets, and the prefix that makes a unit name unique nationwide.
import { isPlaceholderRegion, readRegionRows, type RegionRow } from '../../src/seed/regions.ts'
import {
  ATTACHED,
  INSTITUTIONS,
  ORGANS,
  POSTCODE_PREFIX,
  PROVINCE_POPULATION,
  SOCIAL_ORGANIZATIONS,
  TOWN_UNITS,
} from './catalogue.ts'
import { hash3 } from './random.ts'

export interface Place {
  code: string
  level: 'PROVINCE' | 'CITY' | 'COUNTY'
  /** e.g. 清丰县, or 长春市朝阳区 where the short name is ambiguous */
  prefix: string
  /** 河南省濮阳市清丰县, for addresses */
  fullName: string
  provinceCode: string
  postcode: string
  officeId: number
  /** Towns, for county and city level name spaces */
  towns: number
  /** Size of the finite part of the name space after the organs */
  space: number
  /** Multiplier of the affine permutation over that space (coprime to it) */
  stride: number
  offset: number
  townOffset: number
  /** Units of this place: ids [firstUnit, firstUnit + unitCount) (0-based unit index) */
  firstUnit: number
  unitCount: number
}

// Shares of units by level; most units are county level.
const LEVEL_SHARE = { PROVINCE: 0.04, CITY: 0.16, COUNTY: 0.8 } as const

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

export function buildPlaces(officeIdByRegion: Map<string, number>, seed: number, unitTotal: number): Place[] {
  const rows = readRegionRows()
  const byCode = new Map(rows.map((row) => [row.code, row]))
  const real = rows.filter(
    (row) => row.level !== 'NATIONAL' && !isPlaceholderRegion(row.name) && officeIdByRegion.has(row.code),
  )
  const nameCount = new Map<string, number>()
  for (const row of real) nameCount.set(row.name, (nameCount.get(row.name) ?? 0) + 1)

  const ancestors = (row: RegionRow): RegionRow[] => {
    const chain: RegionRow[] = []
    for (
      let r: RegionRow | undefined = row;
      r && r.level !== 'NATIONAL';
      r = r.parentCode ? byCode.get(r.parentCode) : undefined
    ) {
      if (!isPlaceholderRegion(r.name)) chain.unshift(r)
    }
    return chain
  }

  const places: Place[] = []
  for (const row of real) {
    const chain = ancestors(row)
    const parent = chain.length > 1 ? chain[chain.length - 2]! : undefined
    let prefix = row.name
    if ((nameCount.get(row.name) ?? 0) > 1) {
      // 朝阳区 → 长春市朝阳区; a county named like its own city (嘉峪关市) is marked 县级.
      prefix = parent && parent.name !== row.name ? parent.name + row.name : `${row.name}（县级）`
    }
    const provinceCode = row.code.slice(0, 2)
    const level = row.level as Place['level']
    const h = hash3(seed, 0x9e37, Number(row.code))
    const towns = level === 'COUNTY' ? 8 + (h % 25) : level === 'CITY' ? 4 + (h % 8) : 0
    const space =
      INSTITUTIONS.length + SOCIAL_ORGANIZATIONS.length + ORGANS.length * ATTACHED.length + towns * TOWN_UNITS.length
    let stride = 1 + (h % (space - 1))
    while (gcd(stride, space) !== 1) stride++
    places.push({
      code: row.code,
      level,
      prefix,
      fullName: chain.map((r) => r.name).join(''),
      provinceCode,
      postcode: `${POSTCODE_PREFIX[provinceCode] ?? '10'}${row.code.slice(2, 4)}${row.code.slice(5, 6)}0`,
      officeId: officeIdByRegion.get(row.code)!,
      towns,
      space,
      stride,
      offset: (h >>> 8) % space,
      townOffset: (h >>> 4) % 1200,
      firstUnit: 0,
      unitCount: 0,
    })
  }
  allocateUnits(places, seed, unitTotal)
  return places
}

/**
 * Splits the units over places: by level share, then by province population, with a deterministic jitter per place
 * so counties of one province differ. Largest remainders make the total exact; at full scale every place gets one.
 */
function allocateUnits(places: Place[], seed: number, total: number) {
  const perProvinceLevel = new Map<string, number>()
  for (const place of places)
    perProvinceLevel.set(
      `${place.provinceCode}:${place.level}`,
      (perProvinceLevel.get(`${place.provinceCode}:${place.level}`) ?? 0) + 1,
    )
  const population = Object.values(PROVINCE_POPULATION).reduce((a, b) => a + b, 0)
  const weights = places.map((place) => {
    const jitter = 0.4 + 1.2 * ((hash3(seed, 0x51ed, Number(place.code)) % 10000) / 10000)
    const siblings = perProvinceLevel.get(`${place.provinceCode}:${place.level}`)!
    return (
      (LEVEL_SHARE[place.level] * ((PROVINCE_POPULATION[place.provinceCode] ?? 1) / population) * jitter) / siblings
    )
  })
  const sum = weights.reduce((a, b) => a + b, 0)
  const minimum = total >= places.length * 20 ? 1 : 0
  const exact = weights.map((w) => (w / sum) * (total - minimum * places.length))
  const counts = exact.map((x) => Math.floor(x) + minimum)
  let remaining = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let i = 0; remaining > 0; i = (i + 1) % order.length, remaining--) counts[order[i]![1]]!++
  let first = 0
  places.forEach((place, i) => {
    place.firstUnit = first
    place.unitCount = counts[i]!
    first += counts[i]!
  })
}
