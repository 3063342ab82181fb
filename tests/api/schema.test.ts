// The committed schema.graphql is the contract; it must be exactly what the code prints.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { printedSchema } from '../../server/src/schema/index.ts'
import { repositoryRoot } from '../testkit/paths.ts'

describe('schema.graphql', () => {
  it('matches the schema printed from the code (run `npm run schema:print` after changing the API)', () => {
    const committed = readFileSync(path.join(repositoryRoot, 'schema.graphql'), 'utf8')
    expect(committed).toBe(printedSchema())
  })

  it('is sorted, so diffs show only real changes', () => {
    const committed = readFileSync(path.join(repositoryRoot, 'schema.graphql'), 'utf8')
    const typeNames = [...committed.matchAll(/^(?:type|enum|input|scalar|interface|union) (\w+)/gm)].map(
      (match) => match[1]!,
    )
    // The printer sorts as graphql-js's lexicographicSortSchema does: by code unit, so QueryUnitUsersConnection
    // comes before QueryUnitsConnection (a locale's collation would put them the other way round).
    expect(typeNames).toEqual([...typeNames].sort())
    expect(typeNames).toContain('Query')
  })
})
