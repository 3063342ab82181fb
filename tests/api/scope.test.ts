// Which units each viewer sees: its own unit, its office's region subtree, or (CONAC) everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const Units = graphql(`
  query TestScopedUnits($first: Int, $after: String, $search: String) {
    units(first: $first, after: $after, search: $search) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          region {
            code
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`)

const UnitById = graphql(`
  query TestUnitById($id: ID!) {
    unit(id: $id) {
      id
      name
    }
  }
`)

let t: TestApp
const idOf = new Map<string, string>()
beforeAll(async () => {
  t = await createTestApp()
  for (const unit of await t.db.prisma.unit.findMany()) idOf.set(unit.name, String(unit.id))
})
afterAll(() => t?.close())

async function visibleUnitNames(username: string) {
  const cookie = await t.login(username)
  const result = await t.execute(Units, { first: 100 }, { cookie })
  expect(result.errors).toBeUndefined()
  expect(result.data!.units.totalCount).toBe(result.data!.units.edges.length)
  return result.data!.units.edges.map((edge) => edge.node.name).sort()
}

describe('unit scope', () => {
  it.each([
    ['qingfeng', ['清丰县人民医院', '清丰县人民政府办公室']],
    ['nanle', []],
    ['puyang', ['清丰县人民医院', '清丰县人民政府办公室', '濮阳市教育局']],
    ['henan', ['清丰县人民医院', '清丰县人民政府办公室', '濮阳市教育局']],
    ['hebei', ['石家庄市水利局']],
    ['conac', ['清丰县人民医院', '清丰县人民政府办公室', '濮阳市教育局', '石家庄市水利局']],
    ['qfzf', ['清丰县人民政府办公室']],
    ['sjzsl', ['石家庄市水利局']],
  ])('%s sees %j', async (username, expected) => {
    expect(await visibleUnitNames(username)).toEqual([...expected].sort())
  })

  it('a by-id lookup outside the scope is NOT_FOUND, the same as an id that does not exist', async () => {
    const nanle = await t.login('nanle')
    const outside = await t.execute(UnitById, { id: idOf.get('清丰县人民政府办公室')! }, { cookie: nanle })
    const missing = await t.execute(UnitById, { id: '999999' }, { cookie: nanle })
    const garbage = await t.execute(UnitById, { id: 'abc' }, { cookie: nanle })
    expect(errorCodes(outside)).toEqual(['NOT_FOUND'])
    expect(outside.errors?.[0]?.message).toBe(missing.errors?.[0]?.message)
    expect(errorCodes(garbage)).toEqual(['NOT_FOUND'])

    const qingfeng = await t.login('qingfeng')
    const inside = await t.execute(UnitById, { id: idOf.get('清丰县人民政府办公室')! }, { cookie: qingfeng })
    expect(inside.data?.unit.name).toBe('清丰县人民政府办公室')
  })

  it('aliases cannot borrow one permission check for another row', async () => {
    const cookie = await t.login('qfzf')
    const response = await t.post(
      JSON.stringify({
        query: `query ($mine: ID!, $theirs: ID!) { mine: unit(id: $mine) { name } theirs: unit(id: $theirs) { name } }`,
        variables: { mine: idOf.get('清丰县人民政府办公室'), theirs: idOf.get('清丰县人民医院') },
      }),
      { cookie },
    )
    const body = (await response.json()) as {
      data: { mine: { name: string } | null; theirs: unknown } | null
      errors?: { path: string[]; extensions: { code: string } }[]
    }
    expect(body.errors?.map((error) => [error.path[0], error.extensions.code])).toEqual([['theirs', 'NOT_FOUND']])
  })

  it('pages through a connection with cursors and caps the page size at 100', async () => {
    const cookie = await t.login('conac')
    const first = await t.execute(Units, { first: 3 }, { cookie })
    expect(first.data!.units.edges).toHaveLength(3)
    expect(first.data!.units.pageInfo.hasNextPage).toBe(true)
    const second = await t.execute(Units, { first: 3, after: first.data!.units.pageInfo.endCursor }, { cookie })
    const names = [...first.data!.units.edges, ...second.data!.units.edges].map((edge) => edge.node.name)
    expect(new Set(names).size).toBe(4)
    const tooMany = await t.execute(Units, { first: 101 }, { cookie })
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT'])
    expect(tooMany.data ?? null).toBeNull()
    const literal = await t.post(
      JSON.stringify({ query: '{ regions { edges { node { children(first: 500) { edges { cursor } } } } } }' }),
      { cookie },
    )
    expect(
      ((await literal.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code),
    ).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await t.execute(Units, { first: 100 }, { cookie }))).toEqual([])
  })

  it('searches by name within the scope only', async () => {
    const cookie = await t.login('hebei')
    const result = await t.execute(Units, { first: 10, search: '清丰' }, { cookie })
    expect(result.data!.units.totalCount).toBe(0)
    const puyang = await t.login('puyang')
    const found = await t.execute(Units, { first: 10, search: '清丰' }, { cookie: puyang })
    expect(found.data!.units.totalCount).toBe(2)
  })
})
