// Prints the largest depth, aliases, tokens, directives and cost over the portal's operations, the numbers the
// limits in settings.ts are set from. Run: cd server && npx tsx src/limits/measure-portal.ts [persisted-documents.json]
import { schema } from '../schema/index.ts'
import { measureOperation, portalOperations, type Measures } from './portal.ts'
import { OPERATION_LIMITS } from './settings.ts'

const operations = portalOperations(process.argv[2])
const largest = { depth: 0, aliases: 0, tokens: 0, directives: 0, cost: 0 } satisfies Measures
const where: Record<keyof Measures, string> = { depth: '', aliases: '', tokens: '', directives: '', cost: '' }
for (const operation of operations) {
  const measures = measureOperation(schema, operation.source)
  for (const key of Object.keys(largest) as (keyof Measures)[]) {
    if (measures[key] > largest[key]) {
      largest[key] = measures[key]
      where[key] = operation.name
    }
  }
}

const limitOf: Record<keyof Measures, number> = {
  depth: OPERATION_LIMITS.maxDepth,
  aliases: OPERATION_LIMITS.maxAliases,
  tokens: OPERATION_LIMITS.maxTokens,
  directives: OPERATION_LIMITS.maxDirectives,
  cost: OPERATION_LIMITS.maxCost,
}
console.log(`${operations.length} portal operations (worst-case variables, __typename added as urql sends them)`)
for (const key of Object.keys(largest) as (keyof Measures)[]) {
  console.log(
    `${key.padEnd(10)} max ${String(largest[key]).padStart(6)}  (${where[key] || '-'})  limit ${limitOf[key]}`,
  )
}
