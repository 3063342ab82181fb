// Property: over random region trees (provinces, cities, counties, with units anywhere), what an office's API
// token sees — the units list and each unit by id — equals an oracle computed from the tree itself (the units of
// the office's node and of every node below it), never from the stored region paths the server uses.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { OfficeLevel, RegionLevel } from '../../../server/src/generated/prisma/enums.ts'
import { sha256Hex } from '../../../server/src/lib/tokens.ts'
import { createTestApp, type TestApp } from '../../testkit/app.ts'
import { createUnit } from '../../testkit/fixtures.ts'

interface TreeNode {
  units: number
  children: TreeNode[]
}

const county = fc.record({ units: fc.integer({ min: 0, max: 2 }), children: fc.constant([] as TreeNode[]) })
const city = fc.record({ units: fc.integer({ min: 0, max: 2 }), children: fc.array(county, { maxLength: 3 }) })
const province = fc.record({ units: fc.integer({ min: 0, max: 2 }), children: fc.array(city, { maxLength: 3 }) })
const forest = fc.array(province, { minLength: 1, maxLength: 2 })

const LEVELS: (RegionLevel & OfficeLevel)[] = ['PROVINCE', 'CITY', 'COUNTY']

/** A node as stored: its region, office, API token, and the ids of its own units. */
interface Placed {
  code: string
  children: Placed[]
  unitIds: number[]
  token: string
}

let t: TestApp
let creatorId: number
let nextCode = 700000
let run = 0

beforeAll(async () => {
  t = await createTestApp()
  creatorId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'conac' } })).id
})
afterAll(() => t?.close())

it('an office sees exactly the units of its subtree, in the list and by id', async () => {
  await fc.assert(
    fc.asyncProperty(forest, fc.nat(), async (provinces, pick) => {
      run += 1
      const marker = `属性${run}号`
      const placed = []
      for (const node of provinces) placed.push(await place(node, '/100000/', 0, marker))
      const everyUnit = placed.flatMap(subtreeUnits)
      const offices = placed.flatMap(allNodes)

      for (const office of offices) {
        const listed = await listUnits(office.token, marker)
        expect(listed.sort()).toEqual(subtreeUnits(office).sort())
      }
      // By id, for one office of the tree: every unit of the run is either visible (in the oracle) or NOT_FOUND.
      const viewer = offices[pick % offices.length]!
      const oracle = new Set(subtreeUnits(viewer))
      for (const unitId of everyUnit)
        expect([unitId, await unitVisible(viewer.token, unitId)]).toEqual([unitId, oracle.has(unitId)])
    }),
    { numRuns: 12 },
  )
}, 300_000)

async function place(node: TreeNode, parentPath: string, depth: number, marker: string): Promise<Placed> {
  const prisma = t.db.prisma
  const code = String(nextCode++)
  const level = LEVELS[depth]!
  const parentCode = parentPath.split('/').filter(Boolean).at(-1)!
  const path = `${parentPath}${code}/`
  await prisma.region.create({ data: { code, name: `${marker}地区${code}`, level, parentCode, path } })
  const office = await prisma.office.create({ data: { name: `${marker}编办${code}`, level, regionCode: code } })
  const secret = `property-${code}-${Math.random().toString(36).slice(2)}`
  await prisma.apiToken.create({
    data: {
      name: `属性测试 ${code}`,
      access: 'READ_ONLY',
      prefix: secret.slice(0, 12),
      tokenHash: sha256Hex(secret),
      officeId: office.id,
      createdById: creatorId,
    },
  })
  const unitIds: number[] = []
  for (let i = 0; i < node.units; i++)
    unitIds.push((await createUnit(prisma, { regionCode: code, name: `${marker}单位${code}-${i}` })).id)
  const children = []
  for (const child of node.children) children.push(await place(child, path, depth + 1, marker))
  return { code, children, unitIds, token: secret }
}

/** The oracle: a node's own units and its descendants', from the generated tree. */
function subtreeUnits(node: Placed): number[] {
  return [...node.unitIds, ...node.children.flatMap(subtreeUnits)]
}

function allNodes(node: Placed): Placed[] {
  return [node, ...node.children.flatMap(allNodes)]
}

async function listUnits(token: string, marker: string): Promise<number[]> {
  const body = await graphql(
    token,
    `{ units(first: 100, search: ${JSON.stringify(marker)}) { edges { node { id } } } }`,
  )
  expect(body.errors).toBeUndefined()
  return body.data.units.edges.map((edge: { node: { id: string } }) => Number(edge.node.id))
}

async function unitVisible(token: string, unitId: number): Promise<boolean> {
  const body = await graphql(token, `{ unit(id: "${unitId}") { id } }`)
  if (body.errors?.[0]?.extensions?.code === 'NOT_FOUND') return false
  expect(body.errors).toBeUndefined()
  return body.data.unit.id === String(unitId)
}

async function graphql(token: string, query: string) {
  const response = await t.post(JSON.stringify({ query }), { authorization: `Bearer ${token}` })
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] }
}
