// Loads the administrative divisions (prisma/data/regions.tsv) and an office for every real division.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import type { OfficeLevel, RegionLevel } from '../generated/prisma/enums.ts'

export const NATIONAL_REGION_CODE = '100000'
export const CONAC_OFFICE_NAME = '中央编办政务和公益机构域名注册管理中心（CONAC）'

export interface RegionRow {
  code: string
  name: string
  parentCode: string | null
  level: RegionLevel
  path: string
}

// Statistical groupings that hold counties but are not divisions with a government (or an office) of their own.
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

export function isPlaceholderRegion(name: string): boolean {
  return PLACEHOLDER_NAMES.has(name)
}

export function readRegionRows(): RegionRow[] {
  const text = readFileSync(path.join(repositoryRoot, 'prisma/data/regions.tsv'), 'utf8')
  const raw = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [code, name, parentCode] = line.split('\t')
      return { code: code!, name: name!, parentCode: parentCode || null }
    })
  const byCode = new Map(raw.map((row) => [row.code, row]))
  const rows: RegionRow[] = []
  const pathOf = (code: string): string => {
    const row = byCode.get(code)!
    return row.parentCode ? `${pathOf(row.parentCode)}${code}/` : `/${code}/`
  }
  for (const row of raw) {
    const depth = pathOf(row.code).split('/').length - 2
    const level: RegionLevel = (['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY'] as const)[depth - 1]!
    rows.push({ ...row, level, path: pathOf(row.code) })
  }
  return rows
}

const OFFICE_LEVEL: Record<RegionLevel, OfficeLevel> = {
  NATIONAL: 'CENTRAL',
  PROVINCE: 'PROVINCE',
  CITY: 'CITY',
  COUNTY: 'COUNTY',
}

/** 河南省濮阳市清丰县机构编制委员会办公室: qualified by the named ancestors, so the name is unique nationwide. */
export function officeNameFor(row: RegionRow, byCode: Map<string, RegionRow>): string {
  if (row.level === 'NATIONAL') return CONAC_OFFICE_NAME
  const names: string[] = []
  for (let current: RegionRow | undefined = row; current && current.level !== 'NATIONAL';) {
    if (!isPlaceholderRegion(current.name)) names.unshift(current.name)
    current = current.parentCode ? byCode.get(current.parentCode) : undefined
  }
  return `${names.join('')}机构编制委员会办公室`
}

export async function seedRegionsAndOffices(prisma: PrismaClient): Promise<{ regions: number; offices: number }> {
  const rows = readRegionRows()
  const byCode = new Map(rows.map((row) => [row.code, row]))
  // Parents before children, for the foreign key.
  for (const level of ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY'] as const) {
    const batch = rows.filter((row) => row.level === level)
    for (let i = 0; i < batch.length; i += 1000) {
      await prisma.region.createMany({ data: batch.slice(i, i + 1000), skipDuplicates: true })
    }
  }
  const officeRows = rows
    .filter((row) => !isPlaceholderRegion(row.name))
    .map((row) => ({ name: officeNameFor(row, byCode), level: OFFICE_LEVEL[row.level], regionCode: row.code }))
  for (let i = 0; i < officeRows.length; i += 1000) {
    await prisma.office.createMany({ data: officeRows.slice(i, i + 1000), skipDuplicates: true })
  }
  // Every office gets its ledger accounts; the central office also holds the system-wide ones.
  const offices = await prisma.office.findMany({ select: { id: true, level: true } })
  const accounts = offices.flatMap((office) =>
    (office.level === 'CENTRAL'
      ? (['UNIT_PAYMENTS', 'CONAC_REVENUE'] as const)
      : (['OFFICE_COLLECTED', 'OFFICE_IN_TRANSIT', 'OFFICE_PREPAID'] as const)
    ).map((kind) => ({ officeId: office.id, kind })),
  )
  for (let i = 0; i < accounts.length; i += 2000) {
    await prisma.account.createMany({ data: accounts.slice(i, i + 2000), skipDuplicates: true })
  }
  return { regions: rows.length, offices: officeRows.length }
}
