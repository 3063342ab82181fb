// Who approves a 过户: the offices "of both units, both levels if they are in different subtrees, CONAC when the
// provinces differ" (issue 19), as one rule over the region tree:
//   * each unit's same-level office (the office of the unit's own region) approves;
//   * so does every office above it on the way up to, but not including, the lowest region the two units share
//     (their lowest common ancestor): the office there oversees both sides and is not a party to the move;
//   * CONAC approves when the two units are in different provinces (their lowest common ancestor is the country).
// Examples: two units of 清丰县: 清丰县编办 alone. 清丰县 → 南乐县 (both in 濮阳市): 清丰县编办 and 南乐县编办.
// 清丰县 → 濮阳市's own level: 清丰县编办 and 濮阳市编办. 清丰县 → 石家庄市: 清丰县, 濮阳市, 河南省, then 石家庄市,
// 河北省, then CONAC. Regions without an office (statistical groupings) are skipped on the way up.
import type { Prisma } from '../../generated/prisma/client.ts'
import { appError } from '../../errors.ts'

type Db = Pick<Prisma.TransactionClient, 'office'>

export interface ChainOffice {
  id: number
  name: string
  regionCode: string
  regionPath: string
  level: 'CENTRAL' | 'PROVINCE' | 'CITY' | 'COUNTY'
}

/** The region codes of a materialised path below the country: /100000/410000/410900/ → [410000, 410900]. */
const codesOf = (path: string) => path.split('/').filter((code) => code && code !== '100000')

/** The region codes whose offices approve, in chain order: the giving side upwards, the receiving side upwards, CONAC. */
export function approvingRegions(fromPath: string, toPath: string): string[] {
  const from = codesOf(fromPath)
  const to = codesOf(toPath)
  let shared = 0
  while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared += 1
  // A unit whose own region is the shared one still approves through its own office.
  const side = (codes: string[]) => (codes.length > shared ? codes.slice(shared).reverse() : codes.slice(-1))
  const regions = [...side(from), ...side(to)]
  if (from[0] !== to[0]) regions.push('100000')
  return [...new Set(regions)]
}

/** The offices that approve, in chain order; CONFLICT when a unit's own region has no office to ask. */
export async function approvalChain(db: Db, fromPath: string, toPath: string): Promise<ChainOffice[]> {
  const regions = approvingRegions(fromPath, toPath)
  const offices = await db.office.findMany({
    where: { regionCode: { in: regions } },
    select: { id: true, name: true, regionCode: true, level: true, region: { select: { path: true } } },
  })
  const byRegion = new Map(offices.map((office) => [office.regionCode, office]))
  const ownRegions = [codesOf(fromPath).at(-1), codesOf(toPath).at(-1)]
  for (const code of ownRegions)
    if (code && !byRegion.has(code))
      throw appError('CONFLICT', '单位所属区域暂无编办，无法受理过户申请', { reason: 'NO_OFFICE' })
  return regions.flatMap((code) => {
    const office = byRegion.get(code)
    return office
      ? [
          {
            id: office.id,
            name: office.name,
            regionCode: office.regionCode,
            regionPath: office.region.path,
            level: office.level,
          },
        ]
      : []
  })
}
